/**
 * Bounds-aware byte helpers. Callers check the length once (smoltcp style), then read fields
 * with these; every helper is a plain function over a Uint8Array, no DataView allocation per frame.
 */

export function u16(b: Uint8Array, o: number): number {
  return (b[o]! << 8) | b[o + 1]!;
}

export function u16le(b: Uint8Array, o: number): number {
  return b[o]! | (b[o + 1]! << 8);
}

export function u32(b: Uint8Array, o: number): number {
  return ((b[o]! << 24) | (b[o + 1]! << 16) | (b[o + 2]! << 8) | b[o + 3]!) >>> 0;
}

export function u32le(b: Uint8Array, o: number): number {
  return (b[o]! | (b[o + 1]! << 8) | (b[o + 2]! << 16) | (b[o + 3]! << 24)) >>> 0;
}

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

export function hex(b: Uint8Array, o: number, n: number, sep = ''): string {
  let s = '';
  for (let i = 0; i < n; i++) s += (i && sep ? sep : '') + HEX[b[o + i]!];
  return s;
}

/*
 * Address text is cached: a capture repeats a few addresses millions of times, and building the string
 * (and hashing it again as a conversation key) costs more than a lookup. The caches are bounded: emptied
 * when they reach CACHE_MAX entries (a capture of random addresses only loses the cache, never grows it).
 */
const CACHE_MAX = 4096;
/** MAC text by its last 4 bytes; `hi` = the first 2 bytes, checked on a hit. */
const macCache = new Map<number, { hi: number; text: string }>();
/** IPv4 text by the address as an int32. */
const ipv4Cache = new Map<number, string>();

export function mac(b: Uint8Array, o: number): string {
  if (o < 0 || o + 6 > b.length) return macText(b, o);
  const hi = (b[o]! << 8) | b[o + 1]!;
  const lo = (b[o + 2]! << 24) | (b[o + 3]! << 16) | (b[o + 4]! << 8) | b[o + 5]!;
  const e = macCache.get(lo);
  if (e !== undefined && e.hi === hi) return e.text;
  const text = macText(b, o);
  if (macCache.size >= CACHE_MAX) macCache.clear();
  macCache.set(lo, { hi, text });
  return text;
}

function macText(b: Uint8Array, o: number): string {
  return `${HEX[b[o]!]}:${HEX[b[o + 1]!]}:${HEX[b[o + 2]!]}:${HEX[b[o + 3]!]}:${HEX[b[o + 4]!]}:${HEX[b[o + 5]!]}`;
}

export function ipv4(b: Uint8Array, o: number): string {
  if (o < 0 || o + 4 > b.length) return `${b[o]}.${b[o + 1]}.${b[o + 2]}.${b[o + 3]}`;
  const k = (b[o]! << 24) | (b[o + 1]! << 16) | (b[o + 2]! << 8) | b[o + 3]!;
  let text = ipv4Cache.get(k);
  if (text === undefined) {
    text = `${b[o]}.${b[o + 1]}.${b[o + 2]}.${b[o + 3]}`;
    if (ipv4Cache.size >= CACHE_MAX) ipv4Cache.clear();
    ipv4Cache.set(k, text);
  }
  return text;
}

/**
 * Dotted IPv4 text → its 32-bit number, undefined when it is not one (a loop over the characters: the
 * display filter runs it per frame for address fields).
 */
export function ipv4Number(s: string): number | undefined {
  let x = 0;
  let part = 0;
  let digits = 0;
  let dots = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      part = part * 10 + (c - 48);
      if (++digits > 3 || part > 255) return undefined;
    } else if (c === 46 && digits > 0 && dots < 3) {
      x = x * 256 + part;
      part = 0;
      digits = 0;
      dots++;
    } else return undefined;
  }
  if (dots !== 3 || digits === 0) return undefined;
  return x * 256 + part;
}

/** RFC 5952 text form: lowercase, leading zeros dropped, longest run (>1) of zero groups as "::". */
export function ipv6(b: Uint8Array, o: number): string {
  const g: number[] = [];
  for (let i = 0; i < 8; i++) g.push(u16(b, o + i * 2));
  // IPv4-mapped ::ffff:a.b.c.d
  if (g[0] === 0 && g[1] === 0 && g[2] === 0 && g[3] === 0 && g[4] === 0 && g[5] === 0xffff) {
    return `::ffff:${ipv4(b, o + 12)}`;
  }
  let bestStart = -1;
  let bestLen = 0;
  for (let i = 0; i < 8; ) {
    if (g[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && g[j] === 0) j++;
    if (j - i > bestLen && j - i > 1) {
      bestStart = i;
      bestLen = j - i;
    }
    i = j;
  }
  const part = (a: number[]) => a.map((x) => x.toString(16)).join(':');
  if (bestStart < 0) return part(g);
  return `${part(g.slice(0, bestStart))}::${part(g.slice(bestStart + bestLen))}`;
}

/**
 * RFC 1071: the ones' complement sum of b[from..to) as 16-bit words, added to `acc` (not folded; an odd
 * last byte is padded). The even (high) and odd (low) bytes are summed apart, in small integers (no heap
 * number per addition): the sum is 256 × high + low, and a 64 KiB segment's sums stay far below 2^31.
 */
export function onesSum(b: Uint8Array, from: number, to: number, acc = 0): number {
  // Byte reads, not a DataView: one would be allocated per call (three per TCP segment). The last 0–7 bytes
  // are summed without a branch, so every read and addition runs for most lengths: a site that only a rare
  // length reaches has no type feedback when V8 optimizes the sum, and it deoptimized there again and again
  // (2,784 times in the first 100k frames of the live bench capture).
  let hi = 0;
  let lo = 0;
  let i = from;
  for (const stop = to - 7; i < stop; i += 8) {
    hi += b[i]! + b[i + 2]! + b[i + 4]! + b[i + 6]!;
    lo += b[i + 1]! + b[i + 3]! + b[i + 5]! + b[i + 7]!;
  }
  for (; i < to; i++) {
    const v = b[i]!;
    const odd = (i - from) & 1;
    lo += v * odd;
    hi += v * (odd ^ 1);
  }
  return acc + hi * 256 + lo;
}

/** A ones' complement sum folded to 16 bits. */
export function fold16(sum: number): number {
  let s = sum;
  while (s > 0xffff) s = (s & 0xffff) + Math.floor(s / 0x10000);
  return s;
}

/**
 * Wireshark's tcp/udp.checksum.status, plus what checksum offload leaves: 'good' (the segment sums to
 * 0xffff with its pseudo-header), 'partial' (the captured value is the pseudo-header sum, folded, as a
 * sender with checksum offload writes it for the card to complete — Linux leaves it uncomplemented, the
 * complemented form is accepted too), 'bad' (neither), 'unverified' (not all bytes captured, a fragment,
 * or no checksum). `ipOff` is where the IP header starts, `off`/`len` the transport segment.
 */
export type ChecksumStatus = 'good' | 'bad' | 'partial' | 'unverified';

export function transportChecksum(
  b: Uint8Array,
  version: 4 | 6,
  ipOff: number,
  proto: number,
  off: number,
  len: number,
  captured: number,
): ChecksumStatus {
  if (off + len > b.length || ipOff < 0) return 'unverified';
  // pseudo-header: addresses, protocol, segment length (IPv6: 32-bit length, RFC 8200 §8.1)
  const pseudo =
    version === 4
      ? onesSum(b, ipOff + 12, ipOff + 20, proto + len)
      : onesSum(b, ipOff + 8, ipOff + 40, proto + (len >>> 16) + (len & 0xffff));
  if (fold16(onesSum(b, off, off + len, pseudo)) === 0xffff) return 'good';
  const p = fold16(pseudo);
  return captured === p || captured === (~p & 0xffff) ? 'partial' : 'bad';
}
