/**
 * Tombstones of retired TCP conversations in typed columns: what the conversation table needs to tell a
 * late segment of a finished connection from a reused 4-tuple (conversations.ts, "Retirement"). They are
 * the one thing kept per connection after it retired, so their size is the memory that still grows with
 * connections: ≈ 50 bytes each here (a ring of columns and an open-addressing index), where an object, a
 * key string and a Map entry each took ≈ 220 bytes (heap of the 600 s live bench capture: +14.6 MB over
 * 66k connections).
 *
 * The `capacity` most recent burials are kept (a ring: the oldest is forgotten when a new one needs its
 * place). IPv4 endpoints are keyed by their numbers; any other address (IPv6) through a string key in a
 * Map beside, so every lookup is exact.
 */

import { ipv4Number } from '../dissectors/bytes.js';

/** Marks a missing sequence base in the base columns. */
const NONE = -1;

function mix(a: number, b: number, p: number): number {
  let h = Math.imul(a ^ 0x9e3779b9, 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13) ^ b, 0xc2b2ae35);
  h = Math.imul(h ^ (h >>> 16) ^ p, 0x27d4eb2f);
  return (h ^ (h >>> 15)) >>> 0;
}

export class TombTable {
  readonly capacity: number;
  private readonly mask: number;
  /** Index: ring position + 1 at each slot (0: empty), linear probing. */
  private readonly index: Int32Array;
  // ring columns
  private readonly a1: Uint32Array;
  private readonly a2: Uint32Array;
  /** port1 << 16 | port2 (the first endpoint is the lower (address, port)). */
  private readonly ports: Uint32Array;
  private readonly ids: Float64Array;
  private readonly streams: Float64Array;
  private readonly base0: Float64Array;
  private readonly base1: Float64Array;
  private readonly firstTs: Float64Array;
  /** Bit 1 alive, 2 ended, 4 the client is the first endpoint, 8 keyed by string (not IPv4). */
  private readonly bits: Uint8Array;
  /** String keys of the ring positions keyed by string, and the map from them. */
  private readonly strKeys: (string | undefined)[] = [];
  private readonly byString = new Map<string, number>();
  private write = 0;
  private count = 0;
  /**
   * The key key() made last: whether its source is the first endpoint (the lower address and port), and
   * the numbers (IPv4) or the string (any other address) it is looked up by.
   */
  private srcFirst = false;
  private kA = 0;
  private kB = 0;
  private kP = 0;
  private kStr: string | undefined;

  constructor(capacity: number) {
    this.capacity = Math.max(1, capacity);
    let size = 2;
    while (size < this.capacity * 2) size *= 2;
    this.mask = size - 1;
    this.index = new Int32Array(size);
    const n = this.capacity;
    this.a1 = new Uint32Array(n);
    this.a2 = new Uint32Array(n);
    this.ports = new Uint32Array(n);
    this.ids = new Float64Array(n);
    this.streams = new Float64Array(n);
    this.base0 = new Float64Array(n);
    this.base1 = new Float64Array(n);
    this.firstTs = new Float64Array(n);
    this.bits = new Uint8Array(n);
  }

  /** Tombstones kept. */
  get size(): number {
    return this.count;
  }

  /** The direction-free key of the connection between (src, sp) and (dst, dp), into the k* fields. */
  private key(src: string, sp: number, dst: string, dp: number): void {
    const x = ipv4Number(src);
    const y = x === undefined ? undefined : ipv4Number(dst);
    if (x === undefined || y === undefined) {
      const first = src < dst || (src === dst && sp <= dp);
      this.srcFirst = first;
      this.kStr = first ? `${src}|${sp}|${dst}|${dp}` : `${dst}|${dp}|${src}|${sp}`;
      return;
    }
    const first = x < y || (x === y && sp <= dp);
    this.srcFirst = first;
    this.kStr = undefined;
    this.kA = first ? x : y;
    this.kB = first ? y : x;
    this.kP = first ? ((sp << 16) | dp) >>> 0 : ((dp << 16) | sp) >>> 0;
  }

  /**
   * The ring position of the tombstone of the connection between (src, sp) and (dst, dp), either way
   * round, or -1. Sets what sourceIsClient() answers.
   */
  find(src: string, sp: number, dst: string, dp: number): number {
    if (this.count === 0) return -1;
    this.key(src, sp, dst, dp);
    return this.lookup();
  }

  /** The ring position of the key key() made last, or -1. */
  private lookup(): number {
    if (this.kStr !== undefined) return this.byString.get(this.kStr) ?? -1;
    const { kA: a, kB: b, kP: p } = this;
    const idx = this.index;
    let h = mix(a, b, p) & this.mask;
    for (;;) {
      const e = idx[h]!;
      if (e === 0) return -1;
      const pos = e - 1;
      if (this.a1[pos] === a && this.a2[pos] === b && this.ports[pos] === p) return pos;
      h = (h + 1) & this.mask;
    }
  }

  /** For the tombstone find() returned: the frame's source is the conversation's client. */
  sourceIsClient(pos: number): boolean {
    return ((this.bits[pos]! & 4) !== 0) === this.srcFirst;
  }

  id(pos: number): number {
    return this.ids[pos]!;
  }
  stream(pos: number): number {
    return this.streams[pos]!;
  }
  firstT(pos: number): number {
    return this.firstTs[pos]!;
  }
  ended(pos: number): boolean {
    return (this.bits[pos]! & 2) !== 0;
  }
  /** The relative-sequence base of direction `dir` (0 client → server), undefined when none was seen. */
  base(pos: number, dir: 0 | 1): number | undefined {
    const v = dir === 0 ? this.base0[pos]! : this.base1[pos]!;
    return v === NONE ? undefined : v;
  }

  /** Leaves the tombstone of a retired conversation (replacing one on the same 4-tuple). */
  bury(
    cAddr: string,
    cPort: number,
    sAddr: string,
    sPort: number,
    t: {
      id: number;
      stream: number;
      base0: number | undefined;
      base1: number | undefined;
      firstT: number;
      ended: boolean;
    },
  ): void {
    this.key(cAddr, cPort, sAddr, sPort);
    const old = this.count > 0 ? this.lookup() : -1;
    if (old >= 0) this.remove(old);
    const pos = this.write;
    if (this.bits[pos]! & 1) this.remove(pos);
    this.write = pos + 1 === this.capacity ? 0 : pos + 1;
    // the key is the client's (address, port) first: bit 4 says whether the client is that first endpoint
    let bits = 1 | (t.ended ? 2 : 0) | (this.srcFirst ? 4 : 0);
    const key = this.kStr;
    if (key !== undefined) {
      bits |= 8;
      this.strKeys[pos] = key;
      this.byString.set(key, pos);
    } else {
      const { kA: a, kB: b, kP: p } = this;
      this.a1[pos] = a;
      this.a2[pos] = b;
      this.ports[pos] = p;
      let h = mix(a, b, p) & this.mask;
      while (this.index[h] !== 0) h = (h + 1) & this.mask;
      this.index[h] = pos + 1;
    }
    this.bits[pos] = bits;
    this.ids[pos] = t.id;
    this.streams[pos] = t.stream;
    this.base0[pos] = t.base0 ?? NONE;
    this.base1[pos] = t.base1 ?? NONE;
    this.firstTs[pos] = t.firstT;
    this.count++;
  }

  /** Forgets the tombstone at ring position `pos`. */
  remove(pos: number): void {
    const bits = this.bits[pos]!;
    if (!(bits & 1)) return;
    this.bits[pos] = 0;
    this.count--;
    if (bits & 8) {
      this.byString.delete(this.strKeys[pos]!);
      this.strKeys[pos] = undefined;
      return;
    }
    // linear probing: find its slot, then shift back the entries after it that could sit there
    const idx = this.index;
    const mask = this.mask;
    let h = mix(this.a1[pos]!, this.a2[pos]!, this.ports[pos]!) & mask;
    while (idx[h] !== pos + 1) h = (h + 1) & mask;
    let hole = h;
    let j = (h + 1) & mask;
    for (;;) {
      const e = idx[j]!;
      if (e === 0) break;
      const q = e - 1;
      const home = mix(this.a1[q]!, this.a2[q]!, this.ports[q]!) & mask;
      // the entry at j may move to the hole when its home is not cyclically within (hole, j]
      if (hole <= j ? home <= hole || home > j : home <= hole && home > j) {
        idx[hole] = e;
        hole = j;
      }
      j = (j + 1) & mask;
    }
    idx[hole] = 0;
  }
}
