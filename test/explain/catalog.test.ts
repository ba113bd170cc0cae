/** Every note code has English and Indonesian text; both catalogues hold the same entries and parameters. */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ANALYSIS_NOTES } from '../../src/analysis/tcp-analysis.js';
import { CONN_STATE_MEANING } from '../../src/analysis/zeek.js';
import { NOTE_SEVERITY } from '../../src/dissectors/registry.js';
import { catalogue, text } from '../../src/explain/text.js';
import { SESSION_PROTOCOLS } from '../../src/protocols/registry.js';
import { ROOT } from '../helpers/fixtures.js';

const en = catalogue('en');
const id = catalogue('id');

const params = (t: string) => [...t.matchAll(/\{(\w+)[}:]/g)].map((m) => m[1]).sort();

describe('catalogues', () => {
  const codes = [
    ...Object.keys(ANALYSIS_NOTES),
    ...NOTE_SEVERITY.keys(),
    ...SESSION_PROTOCOLS.notes.keys(),
    ...Object.keys(CONN_STATE_MEANING).map((s) => `zeek.conn_state.${s}`),
  ];

  it.each(codes)('%s has English and Indonesian text', (code) => {
    expect(en[code], `en ${code}`).toBeTypeOf('string');
    expect(id[code], `id ${code}`).toBeTypeOf('string');
  });

  it('en and id hold the same codes with the same parameters', () => {
    const missingId = Object.keys(en).filter((k) => !(k in id));
    const missingEn = Object.keys(id).filter((k) => !(k in en));
    expect(missingId).toEqual([]);
    expect(missingEn).toEqual([]);
    const diff = Object.keys(en).filter(
      (k) => k in id && JSON.stringify([...new Set(params(en[k]!))]) !== JSON.stringify([...new Set(params(id[k]!))]),
    );
    // id templates may drop an ordinal ({nth} → ke-{n}) but never need a parameter English lacks
    const extra = diff.filter((k) => params(id[k]!).some((p) => !params(en[k]!).includes(p) && p !== 'n'));
    expect(extra).toEqual([]);
  });

  it('every code the explanation layer names exists in both catalogues', () => {
    const dir = join(ROOT, 'src/explain');
    const files = readdirSync(dir).filter((f) => f.endsWith('.ts'));
    const used = new Set<string>();
    // every quoted literal that starts like a catalogue code ('ex.tcp.syn' passed to say, one, reply, or
    // picked by a ternary), not only those written right after `say(`
    const prefixes = [...new Set(Object.keys(en).map((k) => k.slice(0, k.indexOf('.'))))].filter(Boolean);
    const literal = new RegExp(`'((?:${prefixes.join('|')})\\.[a-z_][\\w.]*[\\w])'`, 'g');
    for (const f of files) {
      const src = readFileSync(join(dir, f), 'utf8');
      for (const m of src.matchAll(literal)) used.add(m[1]!);
    }
    const report = readdirSync(join(ROOT, 'src/report')).filter((f) => f.endsWith('.ts'));
    for (const f of report)
      for (const m of readFileSync(join(ROOT, 'src/report', f), 'utf8').matchAll(/say\(\s*'([a-z][\w.]+)'/g))
        used.add(m[1]!);
    const missing = [...used].filter((c) => !(c in en) || !(c in id));
    expect(missing).toEqual([]);
    expect(used.size).toBeGreaterThan(100);
  });

  it('base parameters are read where the sentence parameters lack them, which win', () => {
    const who = { who: 'client', addr: '10.0.0.1', peer_who: 'server', peer_addr: '10.0.0.2:80' };
    for (const lang of ['en', 'id'] as const) {
      expect(text('ex.tcp.fin', undefined, lang, who)).toBe(text('ex.tcp.fin', who, lang));
      expect(text('ex.tcp.data', { len: 5 }, lang, who)).toBe(text('ex.tcp.data', { ...who, len: 5 }, lang));
      expect(text('ex.tcp.data', { len: 5, addr: '10.9.9.9' }, lang, who)).toContain('10.9.9.9');
      // a plural's count may come from the base too
      expect(text('fmt.count.tcp', {}, lang, { count: 1 })).toBe(text('fmt.count.tcp', { count: 1 }, lang));
    }
    expect(text('ex.tcp.fin', undefined, 'en', {})).toContain('{addr}'); // missing: kept as written
    expect(text('no.such.code', { a: 1 }, 'en', { b: 2 })).toBe('no.such.code {"b":2,"a":1}');
  });

  it('plural forms pick by count', () => {
    expect(text('fmt.count.tcp', { count: 1 }, 'en')).toBe('1 TCP connection');
    expect(text('fmt.count.tcp', { count: 4 }, 'en')).toBe('4 TCP connections');
    expect(text('story.tcp.syn_retries', { count: 1 }, 'en')).toContain('once more');
    expect(text('story.tcp.syn_retries', { count: 3 }, 'en')).toContain('3 more times');
    expect(text('fmt.count.tcp', { count: 4 }, 'id')).toBe('4 koneksi TCP');
  });
});
