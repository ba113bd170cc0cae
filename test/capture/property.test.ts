import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CaptureError } from '../../src/capture/errors.js';
import { CaptureReader, readCaptureBytes } from '../../src/capture/reader.js';
import { pcapFile } from '../../src/capture/writer.js';
import { bytes, concat, epb, idb, opb, readAll, readChunked, shb, spb, u8 } from './helpers.js';

const SEED = 20240611;

/** Runs a read; returns 'ok', or the CaptureError code; anything else is rethrown (a failure). */
function outcome(run: () => unknown): string {
  try {
    run();
    return 'ok';
  } catch (e) {
    if (e instanceof CaptureError) return e.code;
    throw e;
  }
}

const PCAP = pcapFile(
  1,
  Array.from({ length: 6 }, (_, i) => ({ tsSec: i, tsNsec: i * 1000, data: bytes(i * 23, i + 1) })),
);
const PCAPNG = concat(
  shb(true, [[1, 'c']]),
  idb(true, 1, 0, [
    [2, 'eth0'],
    [9, u8(9)],
  ]),
  epb(true, 0, 123_456_789_012n, bytes(37, 1), 37, [[1, 'pkt']]),
  spb(true, 12, bytes(12, 2)),
  shb(false),
  idb(false, 101, 64, [[9, u8(0x94)]]),
  opb(false, 0, 99n, bytes(20, 3)),
  epb(false, 0, 1n << 40n, bytes(80, 4), 100),
);
const MAGICS = [
  u8(0xd4, 0xc3, 0xb2, 0xa1),
  u8(0xa1, 0xb2, 0x3c, 0x4d),
  u8(0x0a, 0x0d, 0x0d, 0x0a),
  u8(0x1f, 0x8b, 8, 0),
  u8(),
];

describe('property: bad input never throws anything but CaptureError, never hangs', () => {
  it('random bytes after a real or no magic', () => {
    fc.assert(
      fc.property(fc.constantFrom(...MAGICS), fc.uint8Array({ maxLength: 600 }), (magic, rest) => {
        const data = concat(magic, rest);
        outcome(() => readCaptureBytes(data, () => {}));
      }),
      { seed: SEED, numRuns: 3000 },
    );
  });

  it('random bytes, pushed in random chunks', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...MAGICS.slice(0, 3)),
        fc.uint8Array({ maxLength: 400 }),
        fc.array(fc.integer({ min: 1, max: 50 }), { minLength: 1, maxLength: 10 }),
        (magic, rest, sizes) => {
          const data = concat(magic, rest);
          const whole = outcome(() => readAll(data));
          const chunked = outcome(() => readChunked(data, sizes));
          expect(chunked).toBe(whole);
        },
      ),
      { seed: SEED, numRuns: 2000 },
    );
  });

  it('random mutations of valid captures', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(PCAP, PCAPNG),
        fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 8 }),
        (base, edits) => {
          const data = base.slice();
          for (const [at, v] of edits) data[at % data.length] = v;
          outcome(() => readCaptureBytes(data, () => {}));
          outcome(() => readChunked(data, [7, 1, 64]));
        },
      ),
      { seed: SEED, numRuns: 3000 },
    );
  });

  it('every truncated prefix: a prefix of the frames, never a throw past the header', () => {
    for (const base of [PCAP, PCAPNG]) {
      const full = readAll(base).list;
      for (let n = 0; n <= base.length; n++) {
        const code = outcome(() => {
          const r = readAll(base.subarray(0, n));
          expect(full.slice(0, r.list.length)).toEqual(r.list);
          // a cut inside a unit is reported; a cut on a unit boundary cannot be told from a shorter file
          expect(r.warnings.length > 0 || r.bytesConsumed === n).toBe(true);
        });
        expect(['ok', 'capture.empty_file', 'capture.not_a_capture', 'capture.truncated_header']).toContain(code);
      }
    }
  });

  it('a reader ignores pushes after stopping', () => {
    const rd = new CaptureReader(() => false);
    rd.push(PCAP);
    rd.push(bytes(1000, 1));
    rd.end();
    expect(rd.frames).toBe(1);
  });
});

describe('property: pcapng timestamps are exact', () => {
  it('matches BigInt arithmetic for any 64-bit value and resolution', () => {
    const resols = [0, 1, 3, 6, 9, 10, 12, 19, 0x80, 0x8a, 0x94, 0x97, 0x98, 0x9e, 0xa0, 0xbf];
    fc.assert(
      fc.property(
        fc.bigInt({ min: 0n, max: (1n << 64n) - 1n }),
        fc.constantFrom(...resols),
        fc.boolean(),
        (v, resol, le) => {
          const file = concat(shb(le), idb(le, 1, 0, [[9, u8(resol)]]), epb(le, 0, v, u8(1)));
          const f = readAll(file).list[0]!;
          let sec: bigint;
          let nsec: bigint;
          if (resol & 0x80) {
            const n = BigInt(resol & 0x7f);
            sec = v >> n;
            nsec = ((v - (sec << n)) * 1_000_000_000n) >> n;
          } else {
            const d = 10n ** BigInt(resol);
            sec = v / d;
            nsec = ((v % d) * 1_000_000_000n) / d;
          }
          expect(f.tsNsec).toBe(Number(nsec));
          expect(f.tsSec).toBe(Number(sec));
        },
      ),
      { seed: SEED, numRuns: 5000 },
    );
  });
});
