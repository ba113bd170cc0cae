/**
 * 32-bit TCP sequence-space arithmetic (RFC 793 §3.3, RFC 1982 serial numbers). Sequence numbers are
 * plain JS numbers in 0..2^32-1; every comparison goes through the signed 32-bit difference, so it is
 * correct across the wrap at 2^32 as long as the two values are less than 2^31 apart.
 */

/** a - b as a signed 32-bit integer: > 0 when a is after b in sequence space. */
export function seqDiff(a: number, b: number): number {
  return (a - b) | 0;
}

/** a + n, wrapped into 0..2^32-1. */
export function seqAdd(a: number, n: number): number {
  return (a + n) >>> 0;
}

export function seqLt(a: number, b: number): boolean {
  return ((a - b) | 0) < 0;
}

export function seqLe(a: number, b: number): boolean {
  return ((a - b) | 0) <= 0;
}

export function seqGt(a: number, b: number): boolean {
  return ((a - b) | 0) > 0;
}

export function seqGe(a: number, b: number): boolean {
  return ((a - b) | 0) >= 0;
}
