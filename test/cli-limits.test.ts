/** `--limit NAME=VALUE` on analyze, check and live (built dist/, spawned node). */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIXTURES, runCli } from './helpers/fixtures.js';

const run = runCli;
const f = (name: string) => join(FIXTURES, name);

/** Note codes of frames and conversations in a JSON report. */
function codes(json: string): Set<string> {
  const m = JSON.parse(json) as {
    frames: { notes: { code: string }[] }[];
    conversations: { notes?: { code: string }[] }[];
  };
  const out = new Set<string>();
  for (const fr of m.frames) for (const n of fr.notes) out.add(n.code);
  for (const c of m.conversations) for (const n of c.notes ?? []) out.add(n.code);
  return out;
}

describe('--limit', () => {
  it('analyze: repeated --limit values reach the analysis (JSON notes)', () => {
    const plain = run(['analyze', f('mqtt.pcap'), '-f', 'json', '--no-explain']);
    expect(plain.code).toBe(0);
    expect(codes(plain.out).has('app.messages.capped')).toBe(false);
    expect(codes(plain.out).has('payload.text.truncated')).toBe(false);
    const r = run([
      'analyze',
      f('mqtt.pcap'),
      '-f',
      'json',
      '--no-explain',
      '--limit',
      'messages=3',
      '--limit',
      'text-bytes=2',
    ]);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const c = codes(r.out);
    expect(c.has('app.messages.capped')).toBe(true);
    expect(c.has('payload.text.truncated')).toBe(true);
  });

  it('analyze several files: each worker gets the limits', () => {
    const r = run([f('mqtt.pcap'), f('zmq.pcap'), '-f', 'json', '--no-explain', '--limit', 'messages=3', '-j', '2']);
    expect(r.code).toBe(0);
    const models = JSON.parse(r.out) as unknown[];
    expect(models).toHaveLength(2);
    for (const m of models) expect(codes(JSON.stringify(m)).has('app.messages.capped')).toBe(true);
  });

  it('analyze: sizes with units, before the file too', () => {
    const r = run(['--limit', 'http-header-bytes=0.0625KiB', f('rest.pcap'), '-f', 'json', '--no-explain']);
    expect(r.code).toBe(0);
    expect(codes(r.out).has('http.header.too_long')).toBe(true);
  });

  it('analyze: an unknown name or a bad value is a usage error (exit 1, one clear line)', () => {
    const bad = run(['analyze', f('mqtt.pcap'), '--limit', 'bogus=3']);
    expect(bad.code).toBe(1);
    expect(bad.out).toBe('');
    expect(bad.err).toMatch(
      /^pcap-explain: unknown limit 'bogus' \(known: reassembly-bytes, reassembly-segments, conversations, messages/,
    );
    const many = run(['analyze', f('mqtt.pcap'), f('zmq.pcap'), '--limit', 'bogus=3']);
    expect(many.code).toBe(1);
    expect(many.err.trim().split('\n')).toHaveLength(1); // once, before any worker starts
    const value = run(['analyze', f('mqtt.pcap'), '--limit', 'messages=0']);
    expect(value.code).toBe(1);
    expect(value.err).toContain('limit messages must be a positive whole number, got 0');
    const gz = run(['analyze', f('mqtt.pcap.gz'), '--limit', 'gunzip-bytes=1MiB']);
    expect(gz.code).toBe(1);
    expect(gz.err).toContain('gunzip-bytes bounds in-memory analysis (analyzeBytes) only');
    const form = run(['analyze', f('mqtt.pcap'), '--limit', 'messages']);
    expect(form.code).toBe(1);
    expect(form.err).toContain('--limit expects NAME=VALUE');
  });

  it('check: valid limits reach the analysis the spec is checked against', () => {
    const spec = join(FIXTURES, 'specs', 'mqtt.pcap.yaml');
    expect(run(['check', f('mqtt.pcap'), '--expect', spec, '-q']).code).toBe(0);
    // The spec expects the MQTT exchange; with 4-byte MQTT packets nothing is decoded, so it fails (exit 3).
    expect(run(['check', f('mqtt.pcap'), '--expect', spec, '-q', '--limit', 'mqtt-bytes=4']).code).toBe(3);
  });

  it('check and live take it too (a bad one fails before any capture is read or started)', () => {
    const spec = join(FIXTURES, 'specs', 'mqtt.pcap.yaml');
    const check = run(['check', f('mqtt.pcap'), '--expect', spec, '--limit', 'pickle-depth=x']);
    expect(check.code).toBe(1);
    expect(check.err).toContain("limit pickle-depth: 'x' is not a number or size");
    const live = run(['live', '-i', 'lo', '--limit', 'nope=1']);
    expect(live.code).toBe(1);
    expect(live.err).toContain("unknown limit 'nope'");
  });

  it('--help lists the option with every limit name and default', () => {
    for (const cmd of ['analyze', 'check', 'live']) {
      const h = run([cmd, '--help']);
      expect(h.code).toBe(0);
      expect(h.out).toContain('--limit');
      expect(h.out.replace(/\s+/g, ' ')).toContain('messages (10000)');
      expect(h.out.replace(/\s+/g, ' ')).toContain('warnings (20)');
      expect(h.out).not.toContain('gunzip-bytes');
    }
  });
});
