/**
 * A bounds-checked cursor over one PDU for the protocol decoders under src/protocols/ (msgpack-javascript's
 * Decoder shape): a DataView built from the Uint8Array's byteOffset/byteLength (so subarrays work), a
 * check before every read, and no exceptions. A read past the end returns 0 (or an empty array) and sets
 * the sticky `short` flag with the offset where the first missing byte was needed; the decoder checks the
 * flag at its checkpoints and reports truncation there, keeping what it decoded before.
 *
 * Byte order is per read site (`le`), since CDR switches on a flag and Ice is always little-endian.
 * `align(n, base)` pads to a multiple of n counted from `base` (CDR aligns relative to the start of the
 * GIOP message or of an encapsulation).
 */
export class Reader {
  readonly bytes: Uint8Array;
  private readonly view: DataView;
  pos: number;
  /** Default byte order of multi-byte reads: true = little-endian. */
  le: boolean;
  /** Set by the first read that ran past the end; reads after it return zeros. */
  short = false;
  /** Offset at which the first failed read started, and how many bytes it needed in all (from 0). */
  shortAt = -1;
  needed = 0;

  constructor(bytes: Uint8Array, pos = 0, le = false) {
    this.bytes = bytes;
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    this.pos = pos;
    this.le = le;
  }

  get length(): number {
    return this.bytes.length;
  }

  remaining(): number {
    return Math.max(0, this.bytes.length - this.pos);
  }

  /** True when n more bytes are there; otherwise marks the reader short (once) and returns false. */
  private take(n: number): boolean {
    if (this.short) return false;
    if (n < 0 || this.pos + n > this.bytes.length) {
      this.short = true;
      this.shortAt = this.pos;
      this.needed = this.pos + Math.max(0, n);
      return false;
    }
    return true;
  }

  /** Like take() but without marking: for optional trailing fields. */
  has(n: number): boolean {
    return !this.short && n >= 0 && this.pos + n <= this.bytes.length;
  }

  skip(n: number): void {
    if (this.take(n)) this.pos += n;
  }

  /** Pads to a multiple of n counted from base; padding past the end is truncation. */
  align(n: number, base = 0): void {
    const rel = (this.pos - base) % n;
    if (rel !== 0) this.skip(n - rel);
  }

  u8(): number {
    if (!this.take(1)) return 0;
    return this.bytes[this.pos++]!;
  }

  i8(): number {
    if (!this.take(1)) return 0;
    return this.view.getInt8(this.pos++);
  }

  u16(le = this.le): number {
    if (!this.take(2)) return 0;
    const v = this.view.getUint16(this.pos, le);
    this.pos += 2;
    return v;
  }

  i16(le = this.le): number {
    if (!this.take(2)) return 0;
    const v = this.view.getInt16(this.pos, le);
    this.pos += 2;
    return v;
  }

  u32(le = this.le): number {
    if (!this.take(4)) return 0;
    const v = this.view.getUint32(this.pos, le);
    this.pos += 4;
    return v;
  }

  i32(le = this.le): number {
    if (!this.take(4)) return 0;
    const v = this.view.getInt32(this.pos, le);
    this.pos += 4;
    return v;
  }

  i64(le = this.le): bigint {
    if (!this.take(8)) return 0n;
    const v = this.view.getBigInt64(this.pos, le);
    this.pos += 8;
    return v;
  }

  u64(le = this.le): bigint {
    if (!this.take(8)) return 0n;
    const v = this.view.getBigUint64(this.pos, le);
    this.pos += 8;
    return v;
  }

  /** n bytes as a subarray (no copy); empty when they are not all there. */
  raw(n: number): Uint8Array {
    if (!this.take(n)) return this.bytes.subarray(0, 0);
    const v = this.bytes.subarray(this.pos, this.pos + n);
    this.pos += n;
    return v;
  }
}

const utf8 = new TextDecoder('utf-8', { fatal: false });
const utf8Strict = new TextDecoder('utf-8', { fatal: true });

/** UTF-8 text; invalid sequences become U+FFFD (what Wireshark shows as well). */
export function utf8Text(b: Uint8Array): string {
  return utf8.decode(b);
}

/** True when b is valid UTF-8. */
export function isUtf8(b: Uint8Array): boolean {
  try {
    utf8Strict.decode(b);
    return true;
  } catch {
    return false;
  }
}

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

export function hexOf(b: Uint8Array): string {
  let s = '';
  for (let i = 0; i < b.length; i++) s += HEX[b[i]!];
  return s;
}

/** Byte-literal helper for tests and tools: hex digits, whitespace and `# comments` ignored. */
export function fromHex(s: string): Uint8Array {
  const clean = s.replace(/#[^\n]*/g, '').replace(/\s+/g, '');
  const out = new Uint8Array(clean.length >> 1);
  for (let i = 0; i < out.length; i++) out[i] = Number.parseInt(clean.slice(i * 2, i * 2 + 2), 16);
  return out;
}

/**
 * What a decoder says about one whole PDU (framing, the "need more bytes" answer, is apart: see each
 * protocol's `frame()` and Framing in src/dissectors/app/types.ts):
 * - ok: decoded completely;
 * - truncated: the PDU ends before a field it declares (`at`: where the first missing byte was needed);
 *   `message` holds what was decoded before the cut, when anything was;
 * - malformed: a field's value makes the rest unreadable (`code`: a stable dotted note code, `at`:
 *   its offset); `message` holds what was decoded before it, when anything was;
 * - unsupported: a well-formed PDU of a kind or version this decoder does not read (`code` says which).
 */
export type Outcome<M, P = M> =
  | { readonly kind: 'ok'; readonly message: M }
  | { readonly kind: 'truncated'; readonly at: number; readonly needed: number; readonly message?: P }
  | {
      readonly kind: 'malformed';
      readonly code: string;
      readonly at: number;
      readonly params?: Readonly<Record<string, string | number>>;
      readonly message?: P;
    }
  | { readonly kind: 'unsupported'; readonly code: string; readonly message?: P };

export function truncated<P>(r: Reader, message?: P): Outcome<never, P> {
  return message === undefined
    ? { kind: 'truncated', at: r.shortAt, needed: r.needed }
    : { kind: 'truncated', at: r.shortAt, needed: r.needed, message };
}

export function malformed<P>(
  code: string,
  at: number,
  params?: Record<string, string | number>,
  message?: P,
): Outcome<never, P> {
  const m: { kind: 'malformed'; code: string; at: number; params?: Record<string, string | number>; message?: P } = {
    kind: 'malformed',
    code,
    at,
  };
  if (params) m.params = params;
  if (message !== undefined) m.message = message;
  return m;
}

/** A byte range inside the PDU given to the decoder. */
export interface Span {
  readonly offset: number;
  readonly length: number;
}
