/**
 * A catalogue sentence must not state a fact the model does not hold. Two checks:
 *
 * 1. FORBIDDEN: a table of (catalogue codes → words they must never use, and why), checked over both
 *    catalogues. Add a row for each new rule: e.g. "acknowledgement" in the sentence of a packet type that
 *    is no acknowledgement (MQTT PUBREL), "message" in a sentence about an unframed byte stream.
 * 2. On real captures: every sentence told about a plain TCP conversation (frames, story, overview), in
 *    English and Indonesian, speaks of bytes, segments or turns, never of messages.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyzeFile } from '../../src/analyze.js';
import type { ExplainedModel } from '../../src/explain/index.js';
import { catalogue } from '../../src/explain/text.js';
import { FIXTURES } from '../helpers/fixtures.js';

const en = catalogue('en');
const id = catalogue('id');

interface Rule {
  /** The codes the rule covers: exact codes, or a RegExp over code names. */
  codes: readonly string[] | RegExp;
  /** Words the sentences of those codes must not contain, per language. */
  en: RegExp;
  id: RegExp;
  /** The fact the model does not hold. */
  why: string;
}

/** Words for a message, a unit a plain TCP stream does not have. */
const MESSAGE_EN = /\bmessages?\b/i;
const MESSAGE_ID = /\bpesan\b/i;

const FORBIDDEN: readonly Rule[] = [
  {
    // sentences told only of plain TCP data (proto 'data' on TCP): a byte stream without framing
    codes: /^(ex\.data\.|story\.data\.|ov\.conv\.data$|lbl\.data$|ex\.tcp\.(data|lost|retrans)\b)/,
    en: MESSAGE_EN,
    id: MESSAGE_ID,
    why: 'a TCP stream without an application protocol carries bytes, not messages',
  },
  {
    // what a retransmission of a SYN, FIN or empty segment repeats: no data
    codes: ['ex.tcp.retrans.syn', 'ex.tcp.retrans.synack', 'ex.tcp.retrans.fin', 'ex.tcp.retrans.empty'],
    en: /carries data|data that/i,
    id: /membawa data yang/i,
    why: 'a SYN, FIN or zero-length segment carries no data',
  },
];

function codesOf(r: Rule, keys: readonly string[]): string[] {
  const c = r.codes;
  return c instanceof RegExp ? keys.filter((k) => c.test(k)) : [...c];
}

describe('catalogue sentences state only facts the model holds', () => {
  it.each(FORBIDDEN.map((r) => [r.why, r]))('%s', (_why, r) => {
    const codes = codesOf(r, Object.keys(en));
    expect(codes.length, 'the rule covers no code').toBeGreaterThan(0);
    const bad: string[] = [];
    for (const code of codes) {
      expect(en[code], `en ${code}`).toBeTypeOf('string');
      expect(id[code], `id ${code}`).toBeTypeOf('string');
      if (r.en.test(en[code]!)) bad.push(`en ${code}: ${en[code]}`);
      if (r.id.test(id[code]!)) bad.push(`id ${code}: ${id[code]}`);
    }
    expect(bad).toEqual([]);
  });
});

/** Every sentence told about plain TCP conversations (frames, story, overview conversation lines). */
function plainTcpTexts(m: ExplainedModel): string[] {
  const plain = new Set(m.conversations.filter((c) => c.transport === 'tcp' && c.app === 'data').map((c) => c.id));
  const out: string[] = [];
  for (const f of m.frames) if (f.conversation !== undefined && plain.has(f.conversation)) out.push(f.explain ?? '');
  for (const s of m.story) if (s.conversation !== null && plain.has(s.conversation)) out.push(s.text);
  for (const c of m.overview.conversations) if (plain.has(c.id)) out.push(c.text);
  for (const t of m.overview.teaching) out.push(t.text);
  return out;
}

describe('plain TCP streams have bytes, not messages (real captures)', () => {
  const files = ['tcp-bulk.pcap', 'tcp-loss-before.pcap', 'tcp-loss-after.pcap', 'tcp-echo.pcap', 'tcp-resend.pcap'];
  it.each(files)('%s', async (name) => {
    for (const [lang, word] of [
      ['en', MESSAGE_EN],
      ['id', MESSAGE_ID],
    ] as const) {
      const m = (await analyzeFile(join(FIXTURES, name), { lang })) as ExplainedModel;
      expect(m.conversations.some((c) => c.app === 'data')).toBe(true);
      const bad = plainTcpTexts(m).filter((t) => word.test(t));
      expect(bad, lang).toEqual([]);
    }
  });
});
