/**
 * Number formats of tshark's `-z` tables (printf widths, Wireshark's format_size), so that the tables come
 * out byte for byte as tshark 4.0 prints them in the C locale.
 */

/** `%-Ns`: left-aligned in N columns (never cut). */
export function left(s: string, n: number): string {
  return s.padEnd(n);
}

/** `%Nu` / `%Ns` right-aligned in N columns (never cut). */
export function right(s: string | number, n: number): string {
  return String(s).padStart(n);
}

/**
 * Wireshark's format_size(n, FORMAT_SIZE_UNIT_BYTES, 0): "807 bytes" below 10 000, then whole kB, MB, GB,
 * TB (powers of 1000, the quotient cut, not rounded) once the quotient reaches 10: "12 kB", "10 MB".
 * tshark groups thousands when the locale does; the C locale (and this) does not.
 */
export function formatSize(n: number): string {
  const units: Array<[number, string]> = [
    [1e12, 'TB'],
    [1e9, 'GB'],
    [1e6, 'MB'],
    [1e3, 'kB'],
  ];
  for (const [p, u] of units) {
    const q = Math.floor(n / p);
    if (q >= 10) return `${q} ${u}`;
  }
  return `${n} bytes`;
}

/** Nanoseconds as `%.9f` seconds (exact: no float on the way). */
export function secondsNs9(ns: number): string {
  const neg = ns < 0;
  const a = Math.abs(ns);
  const s = Math.floor(a / 1e9);
  const f = a - s * 1e9;
  return `${neg ? '-' : ''}${s}.${String(f).padStart(9, '0')}`;
}

/** Nanoseconds between two (sec, nsec) times, exact for any capture shorter than about 100 days. */
export function nsBetween(aSec: number, aNsec: number, bSec: number, bNsec: number): number {
  return (bSec - aSec) * 1e9 + (bNsec - aNsec);
}
