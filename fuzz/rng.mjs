// @ts-check
/**
 * Seeded, splittable randomness for the fuzz harness. Every case gets its own generator derived from
 * (seed, case index), so `--seed S --case K` reproduces case K alone, in any process, in any order.
 */

/** splitmix32 step: a well-mixed 32-bit hash of a 32-bit state. @param {number} x */
function mix32(x) {
  x = (x + 0x9e3779b9) | 0;
  let z = x;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  return (z ^ (z >>> 16)) >>> 0;
}

/** sfc32: small fast counter PRNG (PractRand-clean), 128-bit state. */
export class Rng {
  /** @param {number} seed @param {number} [stream] */
  constructor(seed, stream = 0) {
    const s = mix32(seed >>> 0);
    const t = mix32((s ^ mix32(stream >>> 0)) >>> 0);
    /** @type {number} */ this.a = s;
    /** @type {number} */ this.b = t;
    /** @type {number} */ this.c = mix32(s + t);
    /** @type {number} */ this.d = 1;
    for (let i = 0; i < 12; i++) this.u32();
  }

  /** @returns {number} uniform in [0, 2^32) */
  u32() {
    let { a, b, c, d } = this;
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    this.a = a;
    this.b = b;
    this.c = c;
    this.d = d;
    return t >>> 0;
  }

  /** @returns {number} uniform in [0, 1) */
  float() {
    return this.u32() / 4294967296;
  }

  /** @param {number} n @returns {number} uniform integer in [0, n) (n >= 1) */
  int(n) {
    if (n <= 1) return 0;
    return Math.floor(this.float() * n);
  }

  /** @param {number} lo @param {number} hi @returns {number} integer in [lo, hi] */
  range(lo, hi) {
    return lo + this.int(hi - lo + 1);
  }

  /** @param {number} [p] @returns {boolean} true with probability p */
  chance(p = 0.5) {
    return this.float() < p;
  }

  /**
   * @template T
   * @param {readonly T[]} arr
   * @returns {T}
   */
  pick(arr) {
    return /** @type {T} */ (arr[this.int(arr.length)]);
  }

  /**
   * Weighted choice.
   * @template T
   * @param {readonly (readonly [T, number])[]} table  [value, weight]
   * @returns {T}
   */
  weighted(table) {
    let total = 0;
    for (const [, w] of table) total += w;
    let x = this.float() * total;
    for (const [v, w] of table) {
      if (x < w) return v;
      x -= w;
    }
    return /** @type {T} */ (table[table.length - 1]?.[0]);
  }

  /** Small sizes far more often than large ones: [0, max], log-uniform-ish. */
  /** @param {number} max @returns {number} */
  size(max) {
    const bits = Math.log2(max + 1);
    return Math.min(max, Math.floor(2 ** (this.float() * bits)) - 1 + this.int(2));
  }

  /** @param {number} n @returns {Uint8Array} n random bytes */
  bytes(n) {
    const out = new Uint8Array(n);
    for (let i = 0; i < n; i += 4) {
      const x = this.u32();
      out[i] = x;
      if (i + 1 < n) out[i + 1] = x >>> 8;
      if (i + 2 < n) out[i + 2] = x >>> 16;
      if (i + 3 < n) out[i + 3] = x >>> 24;
    }
    return out;
  }
}

/** The generator of one case. */
/** @param {number} seed @param {number} index @returns {Rng} */
export function caseRng(seed, index) {
  return new Rng(seed, index);
}
