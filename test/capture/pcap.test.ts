import { describe, expect, it } from 'vitest';
import { CaptureError } from '../../src/capture/errors.js';
import { readCaptureBytes } from '../../src/capture/reader.js';
import { LINKTYPE } from '../../src/capture/types.js';
import { pcapFile, pcapHeader, pcapRecord } from '../../src/capture/writer.js';
import { bytes, concat, hex, readAll } from './helpers.js';

// One frame, 4 bytes of data, in each of the four standard magics. Hand-typed, field by field.
const PCAP_LE_US = hex(`
  d4 c3 b2 a1   # magic a1b2c3d4, little-endian: microseconds
  02 00 04 00   # version 2.4
  00 00 00 00   # thiszone
  00 00 00 00   # sigfigs
  00 00 04 00   # snaplen 262144
  01 00 00 00   # linktype 1 (Ethernet)
  00 5e 5c 65   # ts_sec 0x655c5e00 = 1700552192
  40 e2 01 00   # ts_usec 123456
  04 00 00 00   # incl_len 4
  3c 00 00 00   # orig_len 60
  de ad be ef   # data
`);
const PCAP_BE_US = hex(`
  a1 b2 c3 d4   # magic, big-endian: microseconds
  00 02 00 04   # version 2.4
  00 00 00 00 00 00 00 00
  00 00 ff ff   # snaplen 65535
  00 00 00 01   # linktype 1
  65 5c 5e 00   # ts_sec 1700552192
  00 01 e2 40   # ts_usec 123456
  00 00 00 04   # incl_len 4
  00 00 00 3c   # orig_len 60
  de ad be ef
`);
const PCAP_LE_NS = hex(`
  4d 3c b2 a1   # magic a1b23c4d, little-endian: nanoseconds
  02 00 04 00 00 00 00 00 00 00 00 00
  00 00 04 00   # snaplen 262144
  65 00 00 00   # linktype 101 (raw IP)
  00 5e 5c 65   # ts_sec 1700552192
  15 cd 5b 07   # ts_nsec 123456789
  04 00 00 00 04 00 00 00
  45 00 00 14
`);
const PCAP_BE_NS = hex(`
  a1 b2 3c 4d   # magic, big-endian: nanoseconds
  00 02 00 04 00 00 00 00 00 00 00 00
  00 04 00 00   # snaplen 262144
  00 00 00 65   # linktype 101
  65 5c 5e 00   # ts_sec 1700552192
  07 5b cd 15   # ts_nsec 123456789
  00 00 00 04 00 00 00 04
  45 00 00 14
`);

describe('pcap: magics and byte orders', () => {
  it.each([
    ['le µs', PCAP_LE_US, 'le', 123_456_000, 6, 1, 60],
    ['be µs', PCAP_BE_US, 'be', 123_456_000, 6, 1, 60],
    ['le ns', PCAP_LE_NS, 'le', 123_456_789, 9, 101, 4],
    ['be ns', PCAP_BE_NS, 'be', 123_456_789, 9, 101, 4],
  ] as const)('%s', (_name, file, order, nsec, digits, linktype, len) => {
    const r = readAll(file);
    expect(r.warnings).toEqual([]);
    expect(r.damaged).toBe(false);
    expect(r.header).toMatchObject({
      format: 'pcap',
      byteOrder: order,
      versionMajor: 2,
      versionMinor: 4,
      compressed: false,
    });
    expect(r.header!.interfaces).toEqual([
      { id: 0, linktype, snaplen: r.header!.interfaces[0]!.snaplen, tsDigits: digits },
    ]);
    expect(r.list).toHaveLength(1);
    const f = r.list[0]!;
    expect(f).toMatchObject({
      n: 1,
      tsSec: 1700552192,
      tsNsec: nsec,
      tsDigits: digits,
      caplen: 4,
      len,
      linktype,
      ifIndex: 0,
      fileOffset: 24,
    });
    expect(r.bytesConsumed).toBe(file.length);
  });

  it('ns timestamps are exact (ISO-able)', () => {
    const r = readAll(PCAP_LE_NS);
    const f = r.list[0]!;
    const iso = `${new Date(f.tsSec * 1000).toISOString().slice(0, 19)}.${String(f.tsNsec).padStart(9, '0')}Z`;
    expect(iso).toBe('2023-11-21T07:36:32.123456789Z');
  });

  it('reads the FCS bits of the linktype field', () => {
    const h = pcapHeader(LINKTYPE.ETHERNET);
    // bit 28 F=1, bits 29..31 = 2 (16-bit words) → 4-byte FCS
    new DataView(h.buffer).setUint32(20, (2 << 29) | (1 << 28) | 1, true);
    const r = readAll(h);
    expect(r.header!.interfaces[0]).toMatchObject({ linktype: 1, fcsLen: 4 });
  });

  it('reads modified (Kuznetzov) pcap with 24-byte record headers', () => {
    const file = hex(`
      34 cd b2 a1 02 00 04 00 00 00 00 00 00 00 00 00 ff ff 00 00 01 00 00 00
      01 00 00 00 02 00 00 00 02 00 00 00 02 00 00 00   # ts 1.000002, caplen 2, len 2
      03 00 00 00 00 08 00 00                           # ifindex 3, protocol 0x0800, pkt_type 0, pad
      aa bb
    `);
    const r = readAll(file);
    expect(r.list).toHaveLength(1);
    expect(r.list[0]).toMatchObject({ tsSec: 1, tsNsec: 2000, data: [0xaa, 0xbb] });
  });

  it('carries an out-of-range fraction into the seconds', () => {
    const file = concat(pcapHeader(1), hex('05000000 40420f00 00000000 00000000')); // usec 1000000
    expect(readAll(file).list[0]).toMatchObject({ tsSec: 6, tsNsec: 0 });
  });
});

describe('pcap writer round trip', () => {
  const frames = [
    { tsSec: 1_700_000_000, tsNsec: 999_999_999, data: bytes(60, 1) },
    { tsSec: 1_700_000_001, tsNsec: 0, data: bytes(0, 2) },
    { tsSec: 1_700_000_002, tsNsec: 1_000, data: bytes(1514, 3), len: 1514 },
    { tsSec: 4_294_967_295, tsNsec: 1, data: bytes(7, 4), len: 9000 },
  ];

  it('µs: fraction truncated to microseconds', () => {
    const r = readAll(pcapFile(LINKTYPE.ETHERNET, frames));
    expect(r.list.map((f) => [f.tsSec, f.tsNsec, f.caplen, f.len])).toEqual([
      [1_700_000_000, 999_999_000, 60, 60],
      [1_700_000_001, 0, 0, 0],
      [1_700_000_002, 1_000, 1514, 1514],
      [4_294_967_295, 0, 7, 9000],
    ]);
    expect(r.list[2]!.data).toEqual(Array.from(frames[2]!.data));
    expect(r.list.map((f) => f.n)).toEqual([1, 2, 3, 4]);
  });

  it('ns: exact', () => {
    const r = readAll(pcapFile(LINKTYPE.RAW, frames, { nano: true }));
    expect(r.list.map((f) => [f.tsSec, f.tsNsec, f.tsDigits, f.linktype])).toEqual([
      [1_700_000_000, 999_999_999, 9, 101],
      [1_700_000_001, 0, 9, 101],
      [1_700_000_002, 1_000, 9, 101],
      [4_294_967_295, 1, 9, 101],
    ]);
  });

  it('snaplen truncates caplen and keeps len', () => {
    const r = readAll(pcapFile(1, [{ tsSec: 0, tsNsec: 0, data: bytes(200, 5) }], { snaplen: 96 }));
    expect(r.header!.interfaces[0]!.snaplen).toBe(96);
    expect(r.list[0]).toMatchObject({ caplen: 96, len: 200 });
  });

  it('pcapRecord matches the hand-typed record', () => {
    const rec = pcapRecord({ tsSec: 1700552192, tsNsec: 123_456_000, data: hex('deadbeef'), len: 60 });
    expect(Array.from(rec)).toEqual(Array.from(PCAP_LE_US.subarray(24)));
    expect(Array.from(pcapHeader(1))).toEqual(Array.from(PCAP_LE_US.subarray(0, 24)));
  });
});

describe('pcap: bad input', () => {
  const three = pcapFile(
    1,
    [1, 2, 3].map((i) => ({ tsSec: i, tsNsec: 0, data: bytes(40, i) })),
  );

  it('header only: zero frames, no warning', () => {
    const r = readAll(pcapHeader(1));
    expect(r.list).toEqual([]);
    expect(r.warnings).toEqual([]);
    expect(r.damaged).toBe(false);
    expect(r.header?.format).toBe('pcap');
  });

  it('truncated last record: earlier frames delivered, offset and missing bytes reported', () => {
    const cut = three.subarray(0, three.length - 10);
    const r = readAll(cut);
    expect(r.list).toHaveLength(2);
    expect(r.damaged).toBe(true);
    expect(r.warnings).toEqual([
      { code: 'capture.truncated_record', offset: 24 + 2 * 56, params: { missing: 10, have: 46, needed: 56 } },
    ]);
  });

  it('truncated inside a record header', () => {
    const r = readAll(three.subarray(0, 24 + 56 + 5));
    expect(r.list).toHaveLength(1);
    expect(r.warnings[0]).toMatchObject({
      code: 'capture.truncated_record',
      offset: 80,
      params: { missing: 11, have: 5 },
    });
  });

  it('garbage record length after good records: stop with capture.bad_record', () => {
    const garbage = concat(three, hex('00000000 00000000 ffffff7f 00010000'), bytes(100, 9));
    const r = readAll(garbage);
    expect(r.list).toHaveLength(3);
    expect(r.damaged).toBe(true);
    expect(r.warnings).toEqual([
      {
        code: 'capture.bad_record',
        offset: three.length,
        params: { reason: 'caplen_too_large', caplen: 0x7fffffff, limit: 262144 },
      },
    ]);
    expect(r.bytesConsumed).toBe(three.length);
  });

  it('caplen far over a small snaplen is garbage; within 65535 it is kept (as libpcap does)', () => {
    const h = pcapHeader(1, { snaplen: 96 });
    const big = pcapRecord({ tsSec: 0, tsNsec: 0, data: bytes(70000, 1) });
    expect(readAll(concat(h, big)).warnings[0]).toMatchObject({ code: 'capture.bad_record', params: { limit: 65535 } });
    const over = pcapRecord({ tsSec: 0, tsNsec: 0, data: bytes(1500, 1) });
    expect(readAll(concat(h, over)).list[0]?.caplen).toBe(1500);
  });

  it.each([
    ['empty file', new Uint8Array(0), 'capture.empty_file', /empty/],
    ['text file', new TextEncoder().encode('# pcap? no\n'), 'capture.not_a_capture', /starts with 23 20 70 63/],
    ['three bytes', hex('d4c3b2'), 'capture.not_a_capture', /only 3 bytes/],
    [
      'header cut short',
      pcapHeader(1).subarray(0, 20),
      'capture.truncated_header',
      /pcap file header cut short \(20 of 24/,
    ],
    ['version 1', hex('d4c3b2a1 0100 0000 00000000 00000000 ffff0000 01000000'), 'capture.bad_header', /version 1\.0/],
  ])('%s → CaptureError', (_n, file, code, msg) => {
    let err: unknown;
    try {
      readCaptureBytes(file, () => {});
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(CaptureError);
    expect((err as CaptureError).code).toBe(code);
    expect((err as CaptureError).message).toMatch(msg);
    expect((err as CaptureError).message).not.toContain('\n');
  });

  it('the callback can stop reading', () => {
    let seen = 0;
    const r = readCaptureBytes(three, () => ++seen < 2);
    expect(seen).toBe(2);
    expect(r.frames).toBe(2);
    expect(r.warnings).toEqual([]);
    expect(r.damaged).toBe(false);
  });
});
