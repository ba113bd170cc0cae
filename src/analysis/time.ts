/** Timestamps with full captured precision (pcap µs, pcapng/ns pcap ns). */

let cachedSec = Number.NaN;
let cachedPrefix = '';

/** Seconds of 0000-01-01T00:00:00Z and 9999-12-31T23:59:59Z: the years ISO 8601 writes with 4 digits. */
const MIN_ISO_SEC = -62167219200;
const MAX_ISO_SEC = 253402300799;

/**
 * ISO 8601 UTC with as many fractional digits as the capture recorded (6 for µs, 9 for ns).
 * A pcapng timestamp is 64 bits wide: one outside the years 0000-9999 (a damaged or hostile file) is
 * shown clamped to that range rather than making Date throw (fixtures/bad/fuzz/pcapng-huge-timestamp.pcapng).
 */
export function isoTime(tsSec: number, tsNsec: number, digits: number): string {
  if (tsSec !== cachedSec) {
    cachedSec = tsSec;
    const s = Number.isFinite(tsSec) ? Math.min(MAX_ISO_SEC, Math.max(MIN_ISO_SEC, tsSec)) : 0;
    cachedPrefix = new Date(s * 1000).toISOString().slice(0, 19);
  }
  if (digits <= 0) return `${cachedPrefix}Z`;
  // Frames come in bursts within one µs: the same arguments give the same string.
  if (tsNsec === lastNsec && digits === lastDigits && tsSec === lastSec) return lastIso;
  const d = Math.min(digits, 9);
  const v = Math.floor(tsNsec / POW10[9 - d]!);
  // Zero-padded to d digits: 10^d + v without its leading 1 (v has at most d digits when tsNsec < 1e9).
  const frac = v >= 0 && v < POW10[d]! ? String(POW10[d]! + v).slice(1) : v.toString().padStart(d, '0');
  lastSec = tsSec;
  lastNsec = tsNsec;
  lastDigits = digits;
  lastIso = `${cachedPrefix}.${frac}Z`;
  return lastIso;
}

const POW10 = [1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9];
let lastSec = Number.NaN;
let lastNsec = Number.NaN;
let lastDigits = -1;
let lastIso = '';

/** Seconds between two timestamps, rounded to nanoseconds (avoids float noise like 0.30000000000000004). */
export function secondsBetween(aSec: number, aNsec: number, bSec: number, bNsec: number): number {
  const ns = (bSec - aSec) * 1e9 + (bNsec - aNsec);
  return Math.round(ns) / 1e9;
}
