/**
 * Test helpers for the protocol decoders: the payload bytes of the real course captures, as tshark sees them
 * (tshark is the oracle here, not a runtime dependency), and a driver that frames a byte stream with a
 * protocol's framer.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
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

/** tshark -T fields with every occurrence of each field, joined by `|` (one array of strings per frame). */
export function tsharkAll(file: string, fields: string[], extra: string[] = []): string[][] {
  const args = [
    '-r',
    file,
    '-n',
    ...extra,
    '-T',
    'fields',
    '-E',
    'separator=\t',
    '-E',
    'occurrence=a',
    '-E',
    'aggregator=|',
  ];
  for (const f of fields) args.push('-e', f);
  const out = execFileSync('tshark', args, {
    encoding: 'utf8',
    maxBuffer: 64 << 20,
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  return out
    .split('\n')
    .filter((l) => l.length > 0)
    .map((l) => l.split('\t'));
}

/** The peers log of a capture: one object per line. */
// biome-ignore lint/suspicious/noExplicitAny: the logs are free-form JSON written by the peer programs
export function peersLog(name: string): any[] {
  return readFileSync(`${FIXTURES}/${name}`, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l));
}

/** Each direction of each TCP stream as one byte string (the course captures have no loss). */
export function tcpDirections(segments: Segment[]): { stream: number; src: string; dst: string; bytes: Uint8Array }[] {
  const m = new Map<string, { stream: number; src: string; dst: string; parts: Uint8Array[] }>();
  for (const s of segments) {
    const k = `${s.stream} ${s.src}`;
    let e = m.get(k);
    if (!e) {
      e = { stream: s.stream, src: s.src, dst: s.dst, parts: [] };
      m.set(k, e);
    }
    e.parts.push(s.payload);
  }
  return [...m.values()].map((e) => {
    const n = e.parts.reduce((a, p) => a + p.length, 0);
    const bytes = new Uint8Array(n);
    let o = 0;
    for (const p of e.parts) {
      bytes.set(p, o);
      o += p.length;
    }
    return { stream: e.stream, src: e.src, dst: e.dst, bytes };
  });
}

/** Splits one HTTP/1.x message (headers, then the body to the end of the bytes). */
export function httpSplit(b: Uint8Array): { head: string; headers: Map<string, string>; body: Uint8Array } {
  let i = 0;
  while (i + 3 < b.length && !(b[i] === 13 && b[i + 1] === 10 && b[i + 2] === 13 && b[i + 3] === 10)) i++;
  const head = new TextDecoder().decode(b.subarray(0, i));
  const headers = new Map<string, string>();
  for (const line of head.split('\r\n').slice(1)) {
    const c = line.indexOf(':');
    if (c > 0) headers.set(line.slice(0, c).trim().toLowerCase(), line.slice(c + 1).trim());
  }
  return { head, headers, body: b.subarray(Math.min(b.length, i + 4)) };
}

/**
 * A value computed on first use: suites skipped for want of tshark still run their describe() body to
 * collect tests, so captures are read inside the tests, not while collecting.
 */
export function lazy<T>(f: () => T): () => T {
  let done = false;
  let v: T | undefined;
  return () => {
    if (!done) {
      v = f();
      done = true;
    }
    return v as T;
  };
}
