/** Timestamps with full captured precision (pcap µs, pcapng/ns pcap ns). */

let cachedSec = Number.NaN;
let cachedPrefix = '';

/** ISO 8601 UTC with as many fractional digits as the capture recorded (6 for µs, 9 for ns). */
export function isoTime(tsSec: number, tsNsec: number, digits: number): string {
  if (tsSec !== cachedSec) {
    cachedSec = tsSec;
    cachedPrefix = new Date(tsSec * 1000).toISOString().slice(0, 19);
  }
  if (digits <= 0) return `${cachedPrefix}Z`;
  const d = Math.min(digits, 9);
  const frac = Math.floor(tsNsec / 10 ** (9 - d))
    .toString()
    .padStart(d, '0');
  return `${cachedPrefix}.${frac}Z`;
}

/** Seconds between two timestamps, rounded to nanoseconds (avoids float noise like 0.30000000000000004). */
export function secondsBetween(aSec: number, aNsec: number, bSec: number, bNsec: number): number {
  const ns = (bSec - aSec) * 1e9 + (bNsec - aNsec);
  return Math.round(ns) / 1e9;
}
