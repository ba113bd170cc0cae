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
