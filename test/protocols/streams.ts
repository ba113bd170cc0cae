/**
 * Test helpers for the protocol decoders: the payload bytes of the real course captures, as tshark sees them
 * (tshark is the oracle here, not a runtime dependency), and a driver that frames a byte stream with a
 * protocol's framer.
 */
import type { Framing } from '../../src/dissectors/app/types.js';
import { fromHex } from '../../src/protocols/reader.js';
import { FIXTURES, HAVE_TSHARK, tsharkFields } from '../helpers/fixtures.js';

export { FIXTURES, HAVE_TSHARK };

export interface Segment {
  readonly frame: number;
  readonly stream: number;
  /** "client" = the side that sent the SYN (the lower frame number's source for streams seen from the start). */
  readonly src: string;
  readonly dst: string;
  readonly payload: Uint8Array;
}

/** Every TCP segment with payload, in capture order. */
export function tcpSegments(file: string, extra: string[] = []): Segment[] {
  const rows = tsharkFields(
    file,
    ['frame.number', 'tcp.stream', 'ip.src', 'tcp.srcport', 'ip.dst', 'tcp.dstport', 'tcp.payload'],
    ['-Y', 'tcp.len > 0', ...extra],
  );
  return rows.map((r) => ({
    frame: Number(r[0]),
    stream: Number(r[1]),
    src: `${r[2]}:${r[3]}`,
    dst: `${r[4]}:${r[5]}`,
    payload: fromHex(r[6] ?? ''),
  }));
}

/** Every UDP datagram's payload, in capture order. */
export function udpDatagrams(file: string): Segment[] {
  const rows = tsharkFields(
    file,
    ['frame.number', 'udp.stream', 'ip.src', 'udp.srcport', 'ip.dst', 'udp.dstport', 'udp.payload'],
    ['-Y', 'udp'],
  );
  return rows.map((r) => ({
    frame: Number(r[0]),
    stream: Number(r[1]),
    src: `${r[2]}:${r[3]}`,
    dst: `${r[4]}:${r[5]}`,
    payload: fromHex(r[6] ?? ''),
  }));
}

export interface Pdu {
  /** Frame in which the PDU's last byte arrived. */
  readonly frame: number;
  readonly stream: number;
  readonly src: string;
  readonly dst: string;
  readonly bytes: Uint8Array;
}

/**
 * Splits each direction of each TCP stream into PDUs with `frame` (the captures have no loss, so
 * concatenating the payloads in order is the stream). Throws on a framing error: the tests expect none.
 */
export function tcpPdus(
  segments: Segment[],
  frame: (buf: Uint8Array, off: number, end: number, first: boolean) => Framing,
): Pdu[] {
  const bufs = new Map<string, { data: Uint8Array; first: boolean }>();
  const out: Pdu[] = [];
  for (const s of segments) {
    const key = `${s.stream} ${s.src}`;
    const cur = bufs.get(key) ?? { data: new Uint8Array(0), first: true };
    const data = new Uint8Array(cur.data.length + s.payload.length);
    data.set(cur.data);
    data.set(s.payload, cur.data.length);
    let off = 0;
    let first = cur.first;
    for (;;) {
      const f = frame(data, off, data.length, first);
      if (f.kind === 'need') break;
      if (f.kind === 'malformed') throw new Error(`frame ${s.frame}: ${f.code}`);
      out.push({ frame: s.frame, stream: s.stream, src: s.src, dst: s.dst, bytes: data.slice(off, off + f.length) });
      off += f.length;
      first = false;
    }
    bufs.set(key, { data: data.slice(off), first });
  }
  return out;
}

/** Every prefix of a vector: the contract says none of them makes a decoder throw. */
export function* prefixes(b: Uint8Array): Generator<Uint8Array> {
  for (let i = 0; i <= b.length; i++) yield b.subarray(0, i);
}

/** Deterministic pseudo-random bytes (xorshift32), for fuzz-style tests that must be repeatable. */
export function randomBytes(seed: number, n: number): Uint8Array {
  let x = seed >>> 0 || 1;
  const out = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    out[i] = x & 0xff;
  }
  return out;
}
