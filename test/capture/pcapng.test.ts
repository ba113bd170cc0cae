import { describe, expect, it } from 'vitest';
import { CaptureError } from '../../src/capture/errors.js';
import { tsresolDigits } from '../../src/capture/pcapng.js';
import { readCaptureBytes } from '../../src/capture/reader.js';
import { block, bytes, concat, epb, hex, idb, opb, readAll, shb, spb, u8 } from './helpers.js';

// A complete little-endian pcapng, hand-typed: SHB with a comment, IDB (Ethernet, if_name, if_tsresol 9),
// EPB with a packet comment.
const HAND = hex(`
  0a 0d 0d 0a   # SHB
  24 00 00 00   # block total length 36
  4d 3c 2b 1a   # byte-order magic 1a2b3c4d, little-endian
  01 00 00 00   # version 1.0
  ff ff ff ff ff ff ff ff   # section length unknown
  01 00 02 00 68 69 00 00   # opt_comment "hi" (padded)
  24 00 00 00   # block total length 36

  01 00 00 00   # IDB
  28 00 00 00   # block total length 40
  01 00 00 00   # linktype 1, reserved
  00 00 04 00   # snaplen 262144
  02 00 04 00 65 74 68 30   # if_name "eth0"
  09 00 01 00 09 00 00 00   # if_tsresol 9 (ns)
  00 00 00 00               # opt_endofopt
  28 00 00 00

  06 00 00 00   # EPB
  30 00 00 00   # block total length 48
  00 00 00 00   # interface 0
  fe 9c 97 17   # ts high 0x17979cfe
  15 cd 85 3d   # ts low  0x3d85cd15 → 0x17979cfe3d85cd15 ns = 1700000000.123456789
  03 00 00 00   # caplen 3
  40 00 00 00   # len 64
  aa bb cc 00   # data + pad
  01 00 03 00 79 6f 75 00   # opt_comment "you"
  00 00 00 00
  30 00 00 00
`);

describe('pcapng: hand-typed file', () => {
  it('reads SHB comment, IDB options, EPB with ns timestamp and comment', () => {
    const r = readAll(HAND);
    expect(r.warnings).toEqual([]);
    expect(r.header).toEqual({
      format: 'pcapng',
      byteOrder: 'le',
      versionMajor: 1,
      versionMinor: 0,
      interfaces: [{ id: 0, linktype: 1, snaplen: 262144, tsDigits: 9, name: 'eth0', section: 0 }],
      comments: ['hi'],
      compressed: false,
      sections: 1,
    });
    expect(r.list).toEqual([
      {
        n: 1,
        tsSec: 1_700_000_000,
        tsNsec: 123_456_789,
        tsDigits: 9,
        caplen: 3,
        len: 64,
        linktype: 1,
        ifIndex: 0,
        data: [0xaa, 0xbb, 0xcc],
        comments: ['you'],
        fileOffset: 76,
      },
    ]);
  });
});

const NS = 1_700_000_000_123_456_789n;

describe('pcapng: sections, interfaces, timestamps', () => {
  it('two sections of different byte order; interfaces reset per section, numbered globally', () => {
    const file = concat(
      shb(true, [
        [1, 'first'],
        [3, 'Linux'],
        [4, 'dumpcap'],
      ]),
      idb(true, 1, 65535), // default if_tsresol: µs
      idb(true, 101, 0, [
        [9, u8(9)],
        [2, 'lo'],
      ]), // ns
      epb(true, 0, 1_700_000_000_654_321n, u8(1, 2, 3, 4, 5)),
      epb(true, 1, NS, u8(6)),
      shb(false, [[1, 'second']]),
      idb(false, 113, 128, [
        [9, u8(0x8a)],
        [3, 'sll'],
      ]), // 2^-10 s
      epb(false, 0, (1_700_000_000n << 10n) | 512n, u8(7, 8)),
      epb(false, 1, NS, u8(9)), // interface 1 is not defined in this section
      epb(false, 0, 1n << 10n, u8(10)),
    );
    const r = readAll(file);
    expect(r.header).toMatchObject({
      byteOrder: 'le',
      comments: ['first', 'second'],
      os: 'Linux',
      application: 'dumpcap',
      sections: 2,
    });
    expect(r.header!.interfaces).toEqual([
      { id: 0, linktype: 1, snaplen: 65535, tsDigits: 6, section: 0 },
      { id: 1, linktype: 101, snaplen: 0, tsDigits: 9, name: 'lo', section: 0 },
      { id: 2, linktype: 113, snaplen: 128, tsDigits: 4, description: 'sll', section: 1 },
    ]);
    expect(r.list.map((f) => [f.n, f.ifIndex, f.linktype, f.tsSec, f.tsNsec, f.tsDigits, f.data.length])).toEqual([
      [1, 0, 1, 1_700_000_000, 654_321_000, 6, 5],
      [2, 1, 101, 1_700_000_000, 123_456_789, 9, 1],
      [3, 2, 113, 1_700_000_000, 500_000_000, 4, 2],
      [4, 2, 113, 1, 0, 4, 1],
    ]);
    expect(r.warnings).toEqual([
      { code: 'capture.unknown_interface', offset: expect.any(Number), params: { interface: 1 } },
    ]);
    expect(r.damaged).toBe(true);
  });

  it.each([
    ['10^-0 (s)', 0, 1_700_000_000n, 1_700_000_000, 0, 0],
    ['10^-3 (ms)', 3, 1_700_000_000_123n, 1_700_000_000, 123_000_000, 3],
    ['10^-6 (µs)', 6, 1_700_000_000_123_456n, 1_700_000_000, 123_456_000, 6],
    ['10^-9 (ns)', 9, NS, 1_700_000_000, 123_456_789, 9],
    ['10^-9, max 64-bit', 9, 0xffff_ffff_ffff_ffffn, 18_446_744_073, 709_551_615, 9],
    ['10^-12 (ps)', 12, 12_345_678_901_234_567_890n, 12_345_678, 901_234_567, 9],
    ['2^-10', 0x8a, (5n << 10n) | 1023n, 5, 999_023_437, 4],
    ['2^-20', 0x94, (1_700_000_000n << 20n) | 1n, 1_700_000_000, 953, 7],
    ['2^-30', 0x9e, (3n << 30n) | (1n << 29n), 3, 500_000_000, 9],
    ['2^-32', 0xa0, (1_700_000_000n << 32n) | 0xffff_ffffn, 1_700_000_000, 999_999_999, 9],
  ])('if_tsresol %s', (_n, resol, units, sec, nsec, digits) => {
    const file = concat(shb(true), idb(true, 1, 0, [[9, u8(resol)]]), epb(true, 0, units, u8(0)));
    const f = readAll(file).list[0]!;
    expect([f.tsSec, f.tsNsec, f.tsDigits]).toEqual([sec, nsec, digits]);
  });

  it('if_tsoffset is added to the seconds (both byte orders, negative too)', () => {
    for (const le of [true, false]) {
      const off = new Uint8Array(8);
      new DataView(off.buffer).setBigInt64(0, -3600n, le);
      const file = concat(shb(le), idb(le, 1, 0, [[14, off]]), epb(le, 0, 10_000_000n, u8(0)));
      expect(readAll(file).list[0]).toMatchObject({ tsSec: 10 - 3600, tsNsec: 0 });
    }
  });

  it('tsresolDigits', () => {
    expect([0, 3, 6, 9, 12, 0x80, 0x8a, 0x94, 0x9e].map(tsresolDigits)).toEqual([0, 3, 6, 9, 9, 0, 4, 7, 9]);
  });
});

describe('pcapng: packet blocks', () => {
  it('EPB, SPB (interface 0, caplen from snaplen) and OPB', () => {
    const file = concat(
      shb(false),
      idb(false, 1, 8),
      idb(false, 228, 0),
      spb(false, 20, bytes(8, 1)), // len 20, snaplen 8 → caplen 8
      spb(false, 3, u8(1, 2, 3)), // len 3 → caplen 3 (block padded to 4)
      opb(false, 1, 2_000_000n, u8(0x45, 0, 0, 20), 20),
      epb(false, 1, 3_000_000n, u8(0x45), 1, [
        [1, 'c1'],
        [1, 'c2'],
        [2, u8(0, 0, 0, 1)],
      ]),
    );
    const r = readAll(file);
    expect(r.warnings).toEqual([]);
    expect(
      r.list.map((f) => ({ n: f.n, i: f.ifIndex, caplen: f.caplen, len: f.len, sec: f.tsSec, c: f.comments })),
    ).toEqual([
      { n: 1, i: 0, caplen: 8, len: 20, sec: 0, c: undefined },
      { n: 2, i: 0, caplen: 3, len: 3, sec: 0, c: undefined },
      { n: 3, i: 1, caplen: 4, len: 20, sec: 2, c: undefined },
      { n: 4, i: 1, caplen: 1, len: 1, sec: 3, c: ['c1', 'c2'] },
    ]);
    expect(r.list[1]!.data).toEqual([1, 2, 3]);
  });

  it('skips NRB, ISB, DSB, custom and unknown blocks by length', () => {
    const le = true;
    const file = concat(
      shb(le),
      block(4, hex('0100 0800 0a000001 6100 0000 0000 0000'), le), // NRB
      idb(le, 1, 0),
      block(0x0a, hex('4b534c54 05000000 61626364 65000000'), le), // DSB (TLS key log)
      epb(le, 0, 1n, u8(1)),
      block(5, hex('00000000 00000000 00000000'), le), // ISB
      block(0x40000bad, bytes(33, 7), le), // custom, not copyable
      block(0x12345678, new Uint8Array(0), le), // unknown
      epb(le, 0, 2n, u8(2)),
    );
    const r = readAll(file);
    expect(r.warnings).toEqual([]);
    expect(r.list.map((f) => f.data)).toEqual([[1], [2]]);
    expect(r.bytesConsumed).toBe(file.length);
  });

  it('section header only and interfaces only: zero frames, no warning', () => {
    for (const file of [shb(true), concat(shb(false), idb(false, 1, 0))]) {
      const r = readAll(file);
      expect(r.list).toEqual([]);
      expect(r.warnings).toEqual([]);
      expect(r.header?.format).toBe('pcapng');
    }
  });

  it('an option list running past its block is cut with capture.bad_option; the packet is kept', () => {
    // EPB with an option claiming 200 bytes
    const body = hex('00000000 00000000 01000000 01000000 01000000 aa000000 0100c800 61626364');
    const file = concat(shb(true), idb(true, 1, 0), block(6, body, true));
    const r = readAll(file);
    expect(r.list).toHaveLength(1);
    expect(r.warnings).toEqual([{ code: 'capture.bad_option', offset: 48, params: { option: 1, length: 200 } }]);
    expect(r.damaged).toBe(false);
  });
});

describe('pcapng: bad input', () => {
  const good = concat(shb(true), idb(true, 1, 0), epb(true, 0, 1n, bytes(30, 1)), epb(true, 0, 2n, bytes(30, 2)));

  it.each([
    ['not a multiple of 4', hex('06000000 0e000000 0000'), 'block_length_not_multiple_of_4'],
    ['under 12', hex('06000000 08000000 00000000'), 'block_length_too_small'],
    ['over 16 MiB', hex('06000000 00000010 00000000'), 'block_too_large'],
    ['trailer mismatch', hex('05000000 10000000 00000000 14000000'), 'block_length_mismatch'],
    [
      'caplen over the block',
      hex('06000000 20000000 00000000 00000000 00000000 01000000 01000000 20000000'),
      'caplen_exceeds_block',
    ],
    ['EPB under 32', hex('06000000 10000000 00000000 10000000'), 'block_too_short'],
    [
      'SHB with a bad byte-order magic',
      hex('0a0d0d0a 1c000000 11223344 01000000 ffffffff ffffffff 1c000000'),
      'bad_byte_order_magic',
    ],
  ])('%s → capture.bad_record after the good frames', (_n, garbage, reason) => {
    const r = readAll(concat(good, garbage, bytes(64, 3)));
    expect(r.list).toHaveLength(2);
    expect(r.damaged).toBe(true);
    expect(r.warnings).toHaveLength(1);
    expect(r.warnings[0]).toMatchObject({ code: 'capture.bad_record', offset: good.length, params: { reason } });
    expect(r.bytesConsumed).toBe(good.length);
  });

  it('truncated last block', () => {
    const r = readAll(good.subarray(0, good.length - 7));
    expect(r.list).toHaveLength(1);
    const last = epb(true, 0, 2n, bytes(30, 2)).length;
    expect(r.warnings).toEqual([
      {
        code: 'capture.truncated_record',
        offset: good.length - last,
        params: { missing: 7, have: last - 7, needed: last },
      },
    ]);
  });

  it.each([
    ['first SHB cut short', shb(true).subarray(0, 20), 'capture.truncated_header'],
    ['first SHB, 8 bytes', shb(true).subarray(0, 8), 'capture.truncated_header'],
    [
      'first SHB with a bad byte-order magic',
      hex('0a0d0d0a 1c000000 11223344 01000000 ffffffff ffffffff 1c000000'),
      'capture.bad_header',
    ],
    [
      'first SHB with an odd length',
      hex('0a0d0d0a 1d000000 4d3c2b1a 01000000 ffffffff ffffffff 1c000000'),
      'capture.bad_header',
    ],
    ['pcapng version 2', hex('0a0d0d0a 1c000000 4d3c2b1a 02000000 ffffffff ffffffff 1c000000'), 'capture.bad_header'],
  ])('%s → CaptureError', (_n, file, code) => {
    expect(() => readCaptureBytes(file, () => {})).toThrow(CaptureError);
    try {
      readCaptureBytes(file, () => {});
    } catch (e) {
      expect((e as CaptureError).code).toBe(code);
    }
  });

  it('many packets on an undefined interface: warnings capped, the rest counted', () => {
    const parts = [shb(true)];
    for (let i = 0; i < 50; i++) parts.push(epb(true, 3, BigInt(i), u8(i)));
    const r = readAll(concat(...parts));
    expect(r.list).toEqual([]);
    expect(r.warnings.filter((w) => w.code === 'capture.unknown_interface')).toHaveLength(20);
    expect(r.warnings.at(-1)).toEqual({
      code: 'capture.warnings_suppressed',
      params: { code: 'capture.unknown_interface', count: 30 },
    });
  });
});
