/**
 * Every resource limit of docs/limits.md is enforced, with its note, at its default. Byte literals
 * only (unit tests); the same limits met in real hostile captures are in hostile.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { ByteStream, DEFAULT_REASSEMBLY_CAP, PduStream } from '../../src/analysis/reassembly.js';
import { readCaptureBytes } from '../../src/capture/reader.js';
import * as payload from '../../src/dissectors/app/payload.js';
import * as http from '../../src/protocols/http/decode.js';
import * as mqtt from '../../src/protocols/mqtt/decode.js';
import * as zmtp from '../../src/protocols/zmtp/decode.js';

const te = new TextEncoder();

function le32(v: number): number[] {
  return [v & 0xff, (v >>> 8) & 0xff, (v >>> 16) & 0xff, v >>> 24];
}

/** pcap file header: magic a1b2c3d4 LE, 2.4, snaplen 262144, Ethernet. */
const PCAP_HEADER = [0xd4, 0xc3, 0xb2, 0xa1, 2, 0, 4, 0, 0, 0, 0, 0, 0, 0, 0, 0, ...le32(262144), ...le32(1)];

describe('capture', () => {
  it('a pcap record over 256 KiB (MAX_CAPLEN) stops reading: capture.bad_record caplen_too_large', () => {
    const b = Uint8Array.from([...PCAP_HEADER, 0, 0, 0, 0, 0, 0, 0, 0, ...le32(262145), ...le32(262145)]);
    const r = readCaptureBytes(b, () => {});
    expect(r.warnings).toMatchObject([
      { code: 'capture.bad_record', params: { reason: 'caplen_too_large', limit: 262144 } },
    ]);
    expect(r.damaged).toBe(true);
  });

  it('more than 20 warnings of one code are counted in capture.warnings_suppressed', () => {
    // pcapng: SHB, no IDB, 25 EPBs naming interface 0 (never described)
    const shb = [
      0x0a,
      0x0d,
      0x0d,
      0x0a,
      ...le32(28),
      ...le32(0x1a2b3c4d),
      1,
      0,
      0,
      0,
      ...le32(0xffffffff),
      ...le32(0xffffffff),
      ...le32(28),
    ];
    const epb = [
      ...le32(6),
      ...le32(36),
      ...le32(0),
      ...le32(0),
      ...le32(0),
      ...le32(4),
      ...le32(4),
      1,
      2,
      3,
      4,
      ...le32(36),
    ];
    const b = Uint8Array.from([...shb, ...Array.from({ length: 25 }, () => epb).flat()]);
    const r = readCaptureBytes(b, () => {});
    expect(r.warnings.filter((w) => w.code === 'capture.unknown_interface')).toHaveLength(20);
    expect(r.warnings.at(-1)).toMatchObject({
      code: 'capture.warnings_suppressed',
      params: { code: 'capture.unknown_interface', count: 5 },
    });
  });
});

describe('reassembly', () => {
  it(`out-of-order bytes over the cap (default ${DEFAULT_REASSEMBLY_CAP}) give the hole up: tcp.reassembly.cap_reached`, () => {
    const notes: string[] = [];
    const s = new ByteStream(
      { data() {}, gap() {}, end() {} },
      { capBytes: 1000, notes: { note: (c) => void notes.push(c) } },
    );
    s.init(1);
    // byte 1 is missing; 3 segments of 400 bytes wait behind it
    for (let k = 0; k < 3; k++) s.segment(2 + 400 * k, new Uint8Array(400), k + 1);
    expect(notes).toContain('tcp.reassembly.cap_reached');
    expect(s.capHits).toBeGreaterThanOrEqual(1);
    expect(s.buffered).toBeLessThanOrEqual(1000);
  });

  it('a PDU declared larger than maxPdu is skipped as it passes: tcp.pdu.too_large', () => {
    const notes: string[] = [];
    const pdus: number[] = [];
    const ps = new PduStream(
      mqtt,
      mqtt.newMqttState(),
      { onPdu: (b) => void pdus.push(b.length), onNote: (c) => void notes.push(c) },
      { maxPdu: 1024 },
    );
    // PUBLISH, remaining length 2000 (d0 0f), then a PINGREQ after it
    const big = Uint8Array.from([0x30, 0xd0, 0x0f, ...new Array(2000).fill(0x61), 0xc0, 0x00]);
    ps.data(big, 0, 1);
    expect(notes).toContain('tcp.pdu.too_large');
    expect(pdus).toEqual([2]); // the PINGREQ after the skipped PDU is framed
  });
});

describe('application layer', () => {
  it(`MQTT: remaining length 268,435,455 > ${mqtt.MQTT_DEFAULT_MAX_LENGTH}: mqtt.malformed.too_long; 5-byte varint: varint_too_long`, () => {
    const s = mqtt.newMqttState();
    expect(mqtt.frame(Uint8Array.of(0x30, 0xff, 0xff, 0xff, 0x7f), 0, 5, s)).toMatchObject({
      kind: 'malformed',
      code: 'mqtt.malformed.too_long',
      params: { length: 268435455, max: mqtt.MQTT_DEFAULT_MAX_LENGTH },
    });
    expect(mqtt.frame(Uint8Array.of(0x30, 0xff, 0xff, 0xff, 0xff, 0x7f), 0, 6, s)).toMatchObject({
      kind: 'malformed',
      code: 'mqtt.malformed.varint_too_long',
    });
  });

  it(`ZMTP: a long frame claiming 2^63 bytes (> ${zmtp.ZMTP_DEFAULT_MAX_FRAME}): zmtp.frame.too_long, nothing after it framed`, () => {
    const s = zmtp.newZmtpState({ midStream: true });
    const f = zmtp.frame(Uint8Array.of(0x02, 0x80, 0, 0, 0, 0, 0, 0, 0, 1, 2, 3), 0, 12, s);
    expect(f).toMatchObject({ kind: 'malformed', code: 'zmtp.frame.too_long', skip: Number.MAX_SAFE_INTEGER });
  });

  it('HTTP: a 1 MiB header line and 10,000 headers exceed the 64 KiB header cap: http.header.too_long', () => {
    const long = te.encode(`GET / HTTP/1.1\r\nX-Long: ${'a'.repeat(1 << 20)}\r\n\r\n`);
    const many = te.encode(
      `GET / HTTP/1.1\r\n${Array.from({ length: 10_000 }, (_, i) => `X-H${i}: ${i}\r\n`).join('')}\r\n`,
    );
    for (const b of [long, many]) {
      const s = new http.HttpStream('request');
      const t0 = performance.now();
      const out = s.push(b, 1);
      expect(out.notes.map((n) => n.code)).toContain('http.header.too_long');
      expect(performance.now() - t0).toBeLessThan(2000);
    }
  });

  it('pickle: over 64 KiB not decoded (payload.pickle.too_large); deeper than 32 or a memo bomb elided (too_deep)', () => {
    const big = Uint8Array.from([0x80, 0x04, 0x5d, ...new Array(70_000).fill(0x4e), 0x2e]);
    expect(payload.decodePayload(big).notes.map((n) => n.code)).toContain('payload.pickle.too_large');
    const deep = Uint8Array.from([0x80, 0x04, ...new Array(40).fill(0x5d), ...new Array(39).fill(0x61), 0x2e]);
    expect(payload.decodePayload(deep).notes.map((n) => n.code)).toContain('payload.pickle.too_deep');
    // [] then 64 times (m[i], m[i]): 2^64 leaves if expanded
    const bomb = [0x80, 0x04, 0x5d, 0x94];
    for (let i = 0; i < 64; i++) bomb.push(0x68, i, 0x68, i, 0x86, 0x94);
    bomb.push(0x2e);
    const t0 = performance.now();
    expect(payload.decodePayload(Uint8Array.from(bomb)).notes.map((n) => n.code)).toContain('payload.pickle.too_deep');
    expect(performance.now() - t0).toBeLessThan(1000);
  });
});
