import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fold16, onesSum } from '../../src/dissectors/bytes.js';

/** RFC 1071 as written: 16-bit big-endian words, an odd last byte padded with zero, folded as it goes. */
function reference(b: Uint8Array, from: number, to: number, acc: number): number {
  let sum = fold16(acc);
  for (let i = from; i < to; i += 2) {
    sum += (b[i]! << 8) | (i + 1 < to ? b[i + 1]! : 0);
    sum = (sum & 0xffff) + (sum >>> 16);
  }
  return fold16(sum);
}

describe('onesSum', () => {
  it('is the RFC 1071 sum of any range, odd or even, with any carried sum', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ minLength: 0, maxLength: 300 }),
        fc.nat(),
        fc.nat(),
        fc.nat({ max: 0x3ffff }),
        (b, x, y, acc) => {
          const from = b.length ? x % (b.length + 1) : 0;
          const to = from + (b.length - from ? y % (b.length - from + 1) : 0);
          expect(fold16(onesSum(b, from, to, acc))).toBe(reference(b, from, to, acc));
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('does not read past the range (the byte after an odd range is not summed)', () => {
    const b = Uint8Array.of(0x12, 0x34, 0x56, 0xff);
    expect(fold16(onesSum(b, 0, 3))).toBe(0x1234 + 0x5600);
  });

  it('sums a 64 KiB segment of 0xff bytes exactly', () => {
    const b = new Uint8Array(65535).fill(0xff);
    expect(fold16(onesSum(b, 0, b.length))).toBe(reference(b, 0, b.length, 0));
  });
});
