/**
 * Resource limits from the library (AnalyzeOptions.limits): parsing and validation, and for each limit
 * a real capture showing the value reaches the code that enforces it (its note appears, or its
 * parameters carry the value). docs/limits.md lists them.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import type { AnalysisModel } from '../src/analysis/model.js';
import { DEFAULT_REASSEMBLY_CAP, DEFAULT_REASSEMBLY_MAX_SEGMENTS } from '../src/analysis/reassembly.js';
import { type AnalyzeOptions, analyzeBytes, analyzeFile, CaptureError } from '../src/analyze.js';
import {
  appOptions,
  captureOptions,
  DEFAULT_LIMITS,
  kebabName,
  LIMIT_NAMES,
  LimitError,
  parseLimitArg,
  parseLimitArgs,
  parseLimitValue,
  resolveLimits,
  tableOptions,
} from '../src/limits.js';
import { MQTT_DEFAULT_MAX_LENGTH } from '../src/protocols/mqtt/decode.js';
import { FIXTURES } from './helpers/fixtures.js';

const fx = (name: string) => join(FIXTURES, name);

/** Every note code in the model (frames and conversations) with its count. */
function noteCounts(m: AnalysisModel): Map<string, number> {
  const out = new Map<string, number>();
  const add = (code: string) => out.set(code, (out.get(code) ?? 0) + 1);
  for (const f of m.frames) for (const n of f.notes) add(n.code);
  for (const c of m.conversations) for (const n of c.notes ?? []) add(n.code);
  return out;
}

/** The notes of one code (frames and conversations), with their parameters. */
function notesOf(m: AnalysisModel, code: string): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [];
  for (const f of m.frames) for (const n of f.notes) if (n.code === code) out.push(n.params ?? {});
  for (const c of m.conversations) for (const n of c.notes ?? []) if (n.code === code) out.push(n.params ?? {});
  return out;
}

const analyze = (name: string, limits: AnalyzeOptions['limits'] = {}) =>
  analyzeFile(fx(name), { limits, explain: false });

describe('resolveLimits', () => {
  it('gives the defaults of the modules that enforce them', () => {
    const l = resolveLimits();
    expect(l).toEqual(DEFAULT_LIMITS);
    expect(l.reassemblyBytes).toBe(DEFAULT_REASSEMBLY_CAP);
    expect(l.reassemblySegments).toBe(DEFAULT_REASSEMBLY_MAX_SEGMENTS);
    expect(l.mqttBytes).toBe(MQTT_DEFAULT_MAX_LENGTH);
    expect(l).toMatchObject({
      messages: 10_000,
      httpHeaderBytes: 64 * 1024,
      httpBodyBytes: 1024 * 1024,
      pickleBytes: 64 * 1024,
      pickleDepth: 32,
      pickleValues: 10_000,
      textBytes: 64 * 1024,
      hexBytes: 256,
      warnings: 20,
      gunzipBytes: 256 * 1024 * 1024,
    });
    expect(l.conversations).toBeUndefined(); // the conversation table's own default
  });

  it('puts given values over the defaults, ignores undefined ones', () => {
    const l = resolveLimits({ messages: 3, textBytes: undefined, conversations: 500 });
    expect(l.messages).toBe(3);
    expect(l.textBytes).toBe(DEFAULT_LIMITS.textBytes);
    expect(l.conversations).toBe(500);
  });

  it.each([0, -1, 1.5, Number.NaN, Number.POSITIVE_INFINITY, 2 ** 60, '7'])('rejects %s, naming the limit', (v) => {
    expect(() => resolveLimits({ hexBytes: v as number })).toThrow(LimitError);
    expect(() => resolveLimits({ hexBytes: v as number })).toThrow(/hex-bytes must be a positive whole number/);
  });

  it('rejects an unknown name, listing the known ones', () => {
    expect(() => resolveLimits({ nope: 3 } as never)).toThrow(/unknown limit 'nope' \(known: reassembly-bytes, /);
  });

  it('an invalid limit makes analyzeBytes throw before reading anything', () => {
    expect(() => analyzeBytes(readFileSync(fx('mqtt.pcap')), { limits: { messages: 0 } })).toThrow(LimitError);
  });

  it('maps to each layer its own options', () => {
    const l = resolveLimits({ conversations: 7, pickleDepth: 4, warnings: 2, gunzipBytes: 1000 });
    expect(tableOptions(l)).toEqual({
      reassemblyCap: DEFAULT_REASSEMBLY_CAP,
      maxSegments: DEFAULT_REASSEMBLY_MAX_SEGMENTS,
      maxConversations: 7,
    });
    expect(tableOptions(resolveLimits())).not.toHaveProperty('maxConversations');
    expect(captureOptions(l)).toEqual({ maxWarningsPerCode: 2, maxGunzipBytes: 1000 });
    expect(appOptions(l).payload).toMatchObject({ maxDepth: 4 });
    expect(appOptions(l).maxMessages).toBe(10_000);
  });
});

describe('parseLimitArg', () => {
  it.each([
    ['1000', 1000],
    ['10_000', 10_000],
    ['1e6', 1_000_000],
    ['64KiB', 65_536],
    ['4MiB', 4 * 1024 * 1024],
    ['4mib', 4 * 1024 * 1024],
    ['1GiB', 2 ** 30],
    ['16M', 16_000_000],
    ['64k', 64_000],
    ['2KB', 2000],
    ['1.5KiB', 1536],
    [' 12 ', 12],
  ])('reads %s as %d', (text, v) => {
    expect(parseLimitValue(text)).toBe(v);
  });

  it.each(['', 'abc', '4 MiBs', '-1', '0x10', '1e999'])('does not read %j', (text) => {
    expect(parseLimitValue(text)).toBeUndefined();
  });

  it('takes kebab-case and camelCase names', () => {
    expect(parseLimitArg('reassembly-bytes=16MiB')).toEqual({ name: 'reassemblyBytes', value: 16 * 2 ** 20 });
    expect(parseLimitArg('httpHeaderBytes=1KiB')).toEqual({ name: 'httpHeaderBytes', value: 1024 });
    expect(parseLimitArgs(['messages=5', 'warnings=3', 'messages=7'])).toEqual({ messages: 7, warnings: 3 });
    for (const n of LIMIT_NAMES) expect(parseLimitArg(`${kebabName(n)}=9`).name).toBe(n);
  });

  it.each([
    ['messages', /expects NAME=VALUE/],
    ['=5', /expects NAME=VALUE/],
    ['bogus=5', /unknown limit 'bogus'/],
    ['messages=lots', /limit messages: 'lots' is not a number or size/],
    ['messages=0', /messages must be a positive whole number, got 0/],
    ['pickle-depth=2.5', /pickle-depth must be a positive whole number, got 2.5/],
  ])('rejects %s', (arg, msg) => {
    expect(() => parseLimitArg(arg)).toThrow(LimitError);
    expect(() => parseLimitArg(arg)).toThrow(msg);
  });
});

describe('each limit reaches its enforcement point (real captures)', () => {
  it('messages: 3 → app.messages.capped, the rest counted', async () => {
    const base = await analyze('zmq.pcap');
    expect(noteCounts(base).has('app.messages.capped')).toBe(false);
    const m = await analyze('zmq.pcap', { messages: 3 });
    const capped = m.conversations.filter((c) => c.notes?.some((n) => n.code === 'app.messages.capped'));
    expect(capped.length).toBeGreaterThan(0);
    for (const c of capped) {
      expect(notesOf({ ...m, conversations: [c], frames: [] }, 'app.messages.capped')).toEqual([{ cap: 3 }]);
      const r = c as unknown as { messages?: unknown[]; message_count?: number };
      expect(r.messages).toHaveLength(3);
      expect(r.message_count).toBeGreaterThan(3);
    }
  });

  it.each([
    ['httpHeaderBytes', 64, 'rest.pcap', 'http.header.too_long', 'max'],
    ['httpBodyBytes', 4, 'rest.pcap', 'http.body.capped', 'kept'],
    ['mqttBytes', 4, 'mqtt.pcap', 'mqtt.malformed.too_long', 'max'],
    ['pduBytes', 4, 'mqtt.pcap', 'tcp.pdu.too_large', 'cap'],
    ['pduBytes', 4, 'zmq.pcap', 'tcp.pdu.too_large', 'cap'],
    // short frames (1-octet size) included
    ['zmtpFrameBytes', 4, 'zmq.pcap', 'zmtp.frame.too_long', 'max'],
    // out-of-order bytes behind a lost segment
    ['reassemblyBytes', 1, 'tcp-loss-before.pcap', 'tcp.reassembly.cap_reached', 'cap'],
    ['reassemblySegments', 1, 'tcp-loss-before.pcap', 'tcp.reassembly.segment_cap_reached', 'cap'],
    // the pickled ZeroMQ job numbers
    ['pickleBytes', 1, 'zmq.pcap', 'payload.pickle.too_large', 'max'],
  ] as const)('%s: %d on %s → %s (%s = the limit)', async (name, value, file, code, param) => {
    expect(noteCounts(await analyze(file)).has(code)).toBe(false);
    const notes = notesOf(await analyze(file, { [name]: value }), code);
    expect(notes.length).toBeGreaterThan(0);
    for (const p of notes) expect(p[param]).toBe(value);
  });

  it('textBytes: 2 → payload.text.truncated on short MQTT texts too', async () => {
    expect(noteCounts(await analyze('mqtt.pcap')).has('payload.text.truncated')).toBe(false);
    const m = await analyze('mqtt.pcap', { textBytes: 2 });
    expect(noteCounts(m).get('payload.text.truncated')).toBeGreaterThan(0);
    const texts = JSON.stringify(m.conversations).match(/"encoding":"text","value":"[^"]*"/g) ?? [];
    expect(texts.length).toBeGreaterThan(0);
    for (const t of texts) expect(t.length).toBeLessThanOrEqual('"encoding":"text","value":"ab"'.length);
  });

  it('pickleDepth / pickleValues → payload.pickle.too_deep with those bounds (hostile pickles)', async () => {
    const name = 'bad/hostile/zmq-pickle.pcap.gz';
    const base = notesOf(await analyze(name), 'payload.pickle.too_deep');
    expect(base).toEqual([{ maxDepth: 32, maxNodes: 10_000 }]);
    const m = await analyze(name, { pickleDepth: 3, pickleValues: 50 });
    expect(notesOf(m, 'payload.pickle.too_deep')).toContainEqual({ maxDepth: 3, maxNodes: 50 });
    // the deep list is cut at depth 3: [[[elided]]]
    expect(JSON.stringify(m.conversations)).toContain('[[[{"__elided__":true');
  });

  it('hexBytes: 8 → more payloads shown as cut hex (8 bytes)', async () => {
    const name = 'bad/hostile/zmq-pickle.pcap.gz';
    const before = noteCounts(await analyze(name)).get('payload.hex.truncated') ?? 0;
    const m = await analyze(name, { hexBytes: 8 });
    expect(noteCounts(m).get('payload.hex.truncated')).toBeGreaterThan(before);
    const shown = JSON.stringify(m.conversations).match(/"shown":\d+/g) ?? [];
    expect(shown.length).toBeGreaterThan(0);
    for (const s of shown) expect(Number(s.slice(8))).toBeLessThanOrEqual(8);
  });

  it('warnings: 2 → the rest of a code counted in capture.warnings_suppressed', () => {
    // A real pcapng capture whose packets all name an interface the file never described (id 7).
    const src = readFileSync(fx('zmq-reqrep.pcapng'));
    const b = Buffer.from(src);
    let off = 0;
    let epbs = 0;
    while (off + 12 <= b.length) {
      const type = b.readUInt32LE(off);
      const len = b.readUInt32LE(off + 4);
      if (type === 6) {
        b.writeUInt32LE(7, off + 8);
        epbs++;
      }
      off += len;
    }
    expect(epbs).toBeGreaterThan(3);
    const all = analyzeBytes(b, { explain: false, limits: { warnings: 1000 } });
    expect(all.capture.warnings.filter((w) => w.code === 'capture.unknown_interface')).toHaveLength(epbs);
    const m = analyzeBytes(b, { explain: false, limits: { warnings: 2 } });
    expect(m.capture.warnings.filter((w) => w.code === 'capture.unknown_interface')).toHaveLength(2);
    expect(m.capture.warnings.at(-1)?.code).toBe('capture.warnings_suppressed');
    expect(m.capture.warnings.at(-1)?.text).toContain(String(epbs - 2));
  });

  it('conversations: accepted and handed to the conversation table', async () => {
    const m = await analyze('zmq.pcap', { conversations: 1000 });
    expect(m.conversations.length).toBeGreaterThan(0);
  });
});

describe('analyzeBytes: gzip decompressed in memory up to gunzipBytes (a gzip bomb)', () => {
  /**
   * A real capture followed by 1 GiB of records of zeros (65,520-byte frames), as a multi-member gzip
   * stream: one member for the capture, then the same 1 MiB member of zero records 1,024 times (~1 MB).
   */
  function bomb(): { gz: Buffer; capture: Buffer } {
    const capture = readFileSync(fx('mqtt.pcap'));
    const block = Buffer.alloc(1 << 20);
    for (let off = 0; off < block.length; off += 65_536) {
      block.writeUInt32LE(65_520, off + 8); // incl_len
      block.writeUInt32LE(65_520, off + 12); // orig_len
    }
    const member = gzipSync(block, { level: 9 });
    return { gz: Buffer.concat([gzipSync(capture), ...Array.from({ length: 1024 }, () => member)]), capture };
  }

  it('stops at the limit with capture.gzip_limit; every frame of the real capture before it is reported', () => {
    const { gz, capture } = bomb();
    expect(gz.length).toBeLessThan(2 << 20); // small: ~1 MB compressed for 1 GiB
    const cap = 8 << 20;
    const m = analyzeBytes(gz, { explain: false, limits: { gunzipBytes: cap } });
    expect(m.capture.warnings[0]).toMatchObject({ code: 'capture.gzip_limit' });
    expect(m.capture.warnings[0]?.text).toContain(String(cap));
    expect(m.capture.damaged).toBe(true);
    expect(m.capture.compressed).toBe(true);
    // never more than the limit was decompressed: the records read fit in it
    expect(m.capture.bytes).toBeLessThanOrEqual(cap);
    const plain = analyzeBytes(capture, { explain: false });
    const n = plain.capture.frames;
    expect(m.frames.slice(0, n).map((f) => f.summary)).toEqual(plain.frames.map((f) => f.summary));
    // and the zero records that fit, within 1/16 of the compressed range where the limit was passed
    expect(m.capture.frames - n).toBeGreaterThan(64);
    expect(m.capture.frames - n).toBeLessThanOrEqual(cap / 65_536);
  });

  it('under the limit the whole stream is read as before', () => {
    const gz = readFileSync(fx('mqtt.pcap.gz'));
    const m = analyzeBytes(gz, { explain: false, limits: { gunzipBytes: 64 << 20 } });
    const f = analyzeBytes(readFileSync(fx('mqtt.pcap')), { explain: false });
    expect(m.capture.warnings).toEqual([]);
    expect(m.capture.frames).toBe(f.capture.frames);
  });

  it('a limit below the capture header is a CaptureError (capture.gzip_limit)', () => {
    const gz = gzipSync(readFileSync(fx('mqtt.pcap')));
    expect(() => analyzeBytes(gz, { limits: { gunzipBytes: 10 } })).toThrow(CaptureError);
    try {
      analyzeBytes(gz, { limits: { gunzipBytes: 10 } });
    } catch (e) {
      expect((e as CaptureError).code).toBe('capture.gzip_limit');
    }
  });

  it('analyzeFile streams gzip and needs no limit: the same capture in full', async () => {
    const m = await analyzeFile(fx('mqtt.pcap.gz'), { explain: false, limits: { gunzipBytes: 100 } });
    expect(m.capture.warnings).toEqual([]);
    expect(m.capture.frames).toBeGreaterThan(0);
  });
});
