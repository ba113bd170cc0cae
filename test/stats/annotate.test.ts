/**
 * `annotate`: tshark reads the written pcapng; every packet has its explanation as frame.comment, the
 * packets are byte for byte the original ones with the same times and lengths, and existing comments stay.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { splitComment } from '../../src/capture/pcapng-writer.js';
import { FIXTURES, HAVE_TSHARK, runCli, tsharkFields } from '../helpers/fixtures.js';

const dir = mkdtempSync(join(tmpdir(), 'annotate-test-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** tshark -x: every packet's bytes, as hex dump blocks. */
function hexdump(file: string, extra: string[] = []): string {
  return execFileSync('tshark', ['-r', file, '-x', ...extra], {
    encoding: 'utf8',
    maxBuffer: 64 << 20,
    stdio: ['ignore', 'pipe', 'ignore'],
  });
}

/** Every packet's comments, joined by "~" (tshark -e frame.comment -E occurrence=a): explanations may hold "|". */
function comments(file: string): string[] {
  return execFileSync(
    'tshark',
    ['-r', file, '-T', 'fields', '-E', 'occurrence=a', '-E', 'aggregator=~', '-e', 'frame.comment'],
    { encoding: 'utf8', maxBuffer: 64 << 20, stdio: ['ignore', 'pipe', 'ignore'] },
  )
    .split('\n')
    .slice(0, -1);
}

describe('splitComment', () => {
  it('keeps pieces under the byte limit, cutting at line ends', () => {
    const text = Array.from({ length: 50 }, (_, i) => `line ${i} ${'é'.repeat(20)}`).join('\n');
    const parts = splitComment(text, 200);
    expect(parts.length).toBeGreaterThan(1);
    for (const p of parts) expect(Buffer.byteLength(p)).toBeLessThanOrEqual(200);
    expect(parts.join('\n')).toBe(text);
  });

  it('cuts a line longer than the limit between characters', () => {
    const parts = splitComment('ü'.repeat(300), 100);
    for (const p of parts) expect(Buffer.byteLength(p)).toBeLessThanOrEqual(100);
    expect(parts.join('')).toBe('ü'.repeat(300));
  });
});

describe.skipIf(!HAVE_TSHARK)('annotate: tshark reads the comments', () => {
  const cases: Array<[string, string[]]> = [
    ['mqtt.pcap', ['--lang', 'en']],
    ['zmq-reqrep.pcapng', ['--lang', 'id']],
    ['zmq-reqrep-ns.pcap', ['--lang', 'both']],
    ['mqtt-any.pcap', ['--lang', 'en']],
  ];
  for (const [name, args] of cases) {
    it(`${name} ${args.join(' ')}: a comment on every packet, the same packets`, () => {
      const input = join(FIXTURES, name);
      const out = join(dir, `${name}.pcapng`);
      const r = runCli(['annotate', input, '-o', out, ...args]);
      expect(r.err).toBe('');
      expect(r.code).toBe(0);
      const fields = ['frame.time_epoch', 'frame.len', 'frame.cap_len', 'frame.protocols'];
      expect(tsharkFields(out, fields)).toEqual(tsharkFields(input, fields));
      expect(hexdump(out)).toBe(hexdump(input));
      const all = comments(out);
      expect(all.length).toBe(tsharkFields(input, ['frame.number']).length);
      for (const c of all) expect(c.length).toBeGreaterThan(0);
      if (args.includes('both')) for (const c of all) expect(c.split('~')).toHaveLength(2);
    });
  }

  it('frame.comment is a display filter field: the handshake frames', () => {
    const out = join(dir, 'mqtt.pcap.pcapng');
    const frames = tsharkFields(out, ['frame.number'], ['-Y', 'frame.comment contains "Handshake"']).map((r) => r[0]);
    expect(frames).toEqual(['3', '4', '5', '15', '16', '17']);
    const id = join(dir, 'zmq-reqrep.pcapng.pcapng');
    expect(
      tsharkFields(id, ['frame.number'], ['-Y', 'frame.comment contains "langkah 1 dari 3"']).length,
    ).toBeGreaterThan(0);
  });

  it('the section header carries the report; a second annotate keeps the first comments', () => {
    const once = join(dir, 'zmq-reqrep-ns.pcap.pcapng');
    const shb = execFileSync('capinfos', ['-k', once], { encoding: 'utf8' });
    expect(shb).toContain('pcap-explain');
    const twice = join(dir, 'twice.pcapng');
    expect(runCli(['annotate', once, '-o', twice, '--lang', 'en']).code).toBe(0);
    const a = comments(once);
    const b = comments(twice);
    b.forEach((c, i) => {
      expect(c.split('~')).toHaveLength(3);
      expect(c.startsWith(`${a[i]}~`)).toBe(true);
    });
    expect(hexdump(twice)).toBe(hexdump(join(FIXTURES, 'zmq-reqrep-ns.pcap')));
  });

  it('reads standard input', () => {
    const out = join(dir, 'stdin.pcapng');
    const r = runCli(['annotate', '-', '-o', out, '--lang', 'en'], readFileSync(join(FIXTURES, 'udp.pcap')));
    expect(r.code).toBe(0);
    expect(tsharkFields(out, ['frame.comment']).every(([c]) => (c ?? '').length > 0)).toBe(true);
  });

  it('without -o: exit 1 with one line, nothing written', () => {
    const r = runCli(['annotate', join(FIXTURES, 'udp.pcap')]);
    expect(r.code).toBe(1);
    expect(r.out).toBe('');
    expect(r.err.trim().split('\n')).toHaveLength(1);
  });
});
