/** Small byte builders for capture tests (pcapng blocks, hex literals, frame collection). */
import { CaptureReader, type CaptureResult, readCaptureBytes } from '../../src/capture/reader.js';
import type { RawFrame } from '../../src/capture/types.js';

/** Bytes from a hex string; spaces, newlines and `# comments` to the end of a line are ignored. */
export function hex(s: string): Uint8Array {
  const clean = s.replace(/#[^\n]*/g, '').replace(/\s+/g, '');
  if (clean.length % 2) throw new Error(`odd hex length ${clean.length}`);
  const out = new Uint8Array(clean.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = Number.parseInt(clean.slice(i * 2, i * 2 + 2), 16);
  return out;
}

export function concat(...parts: Uint8Array[]): Uint8Array {
  const n = parts.reduce((a, p) => a + p.length, 0);
  const out = new Uint8Array(n);
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

/** A frame with its data copied, so it can be kept and compared. */
export type KeptFrame = Omit<RawFrame, 'data'> & { data: number[] };

export function keep(f: RawFrame): KeptFrame {
  return { ...f, data: Array.from(f.data) };
}

/** readCaptureBytes, collecting copies of every frame. */
export function readAll(bytes: Uint8Array): CaptureResult & { list: KeptFrame[] } {
  const list: KeptFrame[] = [];
  const r = readCaptureBytes(bytes, (f) => void list.push(keep(f)));
  return { ...r, list };
}

/** Feeds bytes through a CaptureReader in the given chunk sizes (cycled). */
export function readChunked(bytes: Uint8Array, sizes: number[]): CaptureResult & { list: KeptFrame[] } {
  const list: KeptFrame[] = [];
  const rd = new CaptureReader((f) => void list.push(keep(f)));
  let o = 0;
  let i = 0;
  while (o < bytes.length) {
    const n = Math.max(1, sizes[i++ % sizes.length]!);
    // copy, so that nothing can depend on the chunks being views of one buffer
    rd.push(bytes.slice(o, o + n));
    o += n;
  }
  rd.end();
  return { ...rd.result(), list };
}

/* ---- pcapng ---- */

function u16(v: number, le: boolean): Uint8Array {
  const b = new Uint8Array(2);
  new DataView(b.buffer).setUint16(0, v, le);
  return b;
}

function u32(v: number, le: boolean): Uint8Array {
  const b = new Uint8Array(4);
  new DataView(b.buffer).setUint32(0, v >>> 0, le);
  return b;
}

function pad(b: Uint8Array): Uint8Array {
  const n = (b.length + 3) & ~3;
  return n === b.length ? b : concat(b, new Uint8Array(n - b.length));
}

export type Opt = [code: number, value: Uint8Array | string];

export function options(opts: Opt[], le: boolean): Uint8Array {
  if (opts.length === 0) return new Uint8Array(0);
  const parts: Uint8Array[] = [];
  for (const [code, v] of opts) {
    const val = typeof v === 'string' ? new TextEncoder().encode(v) : v;
    parts.push(u16(code, le), u16(val.length, le), pad(val));
  }
  parts.push(u16(0, le), u16(0, le)); // opt_endofopt
  return concat(...parts);
}

export function block(type: number, body: Uint8Array, le: boolean): Uint8Array {
  const b = pad(body);
  const len = 12 + b.length;
  return concat(u32(type, le), u32(len, le), b, u32(len, le));
}

export function shb(le: boolean, opts: Opt[] = []): Uint8Array {
  const body = concat(u32(0x1a2b3c4d, le), u16(1, le), u16(0, le), hex('ffffffffffffffff'), options(opts, le));
  return block(0x0a0d0d0a, body, le);
}

export function idb(le: boolean, linktype: number, snaplen: number, opts: Opt[] = []): Uint8Array {
  return block(1, concat(u16(linktype, le), u16(0, le), u32(snaplen, le), options(opts, le)), le);
}

/** 64-bit timestamp as [high, low]. */
export function ts64(v: bigint): [number, number] {
  return [Number(v >> 32n), Number(v & 0xffffffffn)];
}

export function epb(
  le: boolean,
  ifid: number,
  ts: bigint,
  data: Uint8Array,
  len = data.length,
  opts: Opt[] = [],
): Uint8Array {
  const [hi, lo] = ts64(ts);
  return block(
    6,
    concat(u32(ifid, le), u32(hi, le), u32(lo, le), u32(data.length, le), u32(len, le), pad(data), options(opts, le)),
    le,
  );
}

export function opb(le: boolean, ifid: number, ts: bigint, data: Uint8Array, len = data.length): Uint8Array {
  const [hi, lo] = ts64(ts);
  return block(
    2,
    concat(u16(ifid, le), u16(0, le), u32(hi, le), u32(lo, le), u32(data.length, le), u32(len, le), pad(data)),
    le,
  );
}

export function spb(le: boolean, len: number, data: Uint8Array): Uint8Array {
  return block(3, concat(u32(len, le), pad(data)), le);
}

export function u8(...v: number[]): Uint8Array {
  return Uint8Array.from(v);
}

/** Deterministic pseudo-random bytes. */
export function bytes(n: number, seed: number): Uint8Array {
  const out = new Uint8Array(n);
  let x = seed >>> 0 || 1;
  for (let i = 0; i < n; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    out[i] = x & 0xff;
  }
  return out;
}
