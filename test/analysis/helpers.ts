/**
 * Test helpers for the analysis layer: synthetic TCP/UDP segments as Dissection objects (no dissector
 * needed), the same segments as Ethernet/IPv4 frame bytes, and a tiny pcap writer so a synthetic
 * scenario can also be handed to tshark for comparison. Synthetic captures live in a temp dir only;
 * they are test inputs, never fixtures.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FrameInput } from '../../src/analysis/conversations.js';
import type { Dissection, Ipv4Layer, TcpLayer, TcpOptions, UdpLayer } from '../../src/dissectors/types.js';
import { TCP_FLAG } from '../../src/dissectors/types.js';

export const CLIENT = { addr: '10.0.0.1', port: 40000 };
export const SERVER = { addr: '10.0.0.2', port: 80 };

export interface Seg {
  /** Seconds (added to a fixed epoch base). */
  t: number;
  /** Sender: client or server (default endpoints above, or the ones given). */
  from: 'c' | 's';
  seq: number;
  ack?: number;
  /** Flag letters: S, A, F, R, P (e.g. 'SA', 'PA', 'FA', 'RA'). */
  flags: string;
  win?: number;
  /** Payload length (bytes are a pattern) or explicit payload. */
  len?: number;
  payload?: Uint8Array;
  wscale?: number;
  client?: { addr: string; port: number };
  server?: { addr: string; port: number };
}

export const T0 = 1_700_000_000;

/** tsSec/tsNsec of a scenario time (seconds after T0). */
export function tsOf(t: number): { tsSec: number; tsNsec: number } {
  const ns = Math.round(t * 1e9);
  return { tsSec: T0 + Math.floor(ns / 1e9), tsNsec: ns % 1e9 };
}

export function flagBits(f: string): number {
  let b = 0;
  for (const ch of f) {
    if (ch === 'S') b |= TCP_FLAG.SYN;
    else if (ch === 'A') b |= TCP_FLAG.ACK;
    else if (ch === 'F') b |= TCP_FLAG.FIN;
    else if (ch === 'R') b |= TCP_FLAG.RST;
    else if (ch === 'P') b |= TCP_FLAG.PSH;
  }
  return b;
}

function payloadOf(s: Seg): Uint8Array {
  if (s.payload) return s.payload;
  const n = s.len ?? 0;
  const p = new Uint8Array(n);
  for (let i = 0; i < n; i++) p[i] = (s.seq + i) & 0xff;
  return p;
}

/** A segment as a Dissection: eth-less IPv4 + TCP layers, payload at the end of `data`. */
export function tcpInput(n: number, s: Seg): FrameInput {
  const c = s.client ?? CLIENT;
  const sv = s.server ?? SERVER;
  const [src, dst] = s.from === 'c' ? [c, sv] : [sv, c];
  const payload = payloadOf(s);
  const optLen = s.wscale !== undefined ? 4 : 0;
  const options: TcpOptions = s.wscale !== undefined ? { wscale: s.wscale } : {};
  const tcp: TcpLayer = {
    kind: 'tcp',
    srcport: src.port,
    dstport: dst.port,
    seq_raw: s.seq >>> 0,
    ack_raw: (s.ack ?? 0) >>> 0,
    hdr_len: 20 + optLen,
    flags: flagBits(s.flags),
    window: s.win ?? 1000,
    checksum: 0,
    urgent_pointer: 0,
    options,
    len: payload.length,
    payload_len: payload.length,
  };
  const ip: Ipv4Layer = {
    kind: 'ip',
    version: 4,
    hdr_len: 20,
    dsfield: 0,
    len: 20 + 20 + optLen + payload.length,
    id: n,
    flags: { rb: false, df: true, mf: false },
    frag_offset: 0,
    ttl: 64,
    proto: 6,
    checksum: 0,
    checksum_status: 'good',
    src: src.addr,
    dst: dst.addr,
    options: [],
    fragment: false,
  };
  const d: Dissection = {
    layers: [ip, tcp],
    notes: [],
    truncated: false,
    payloadOffset: 0,
    payloadLength: payload.length,
    net: { version: 4, src: src.addr, dst: dst.addr },
  };
  return { n, t: T0 + s.t, ...tsOf(s.t), d, data: payload };
}

/** A UDP datagram as a Dissection. */
export function udpInput(
  n: number,
  t: number,
  src: { addr: string; port: number },
  dst: { addr: string; port: number },
  len: number,
): FrameInput {
  const udp: UdpLayer = {
    kind: 'udp',
    srcport: src.port,
    dstport: dst.port,
    length: 8 + len,
    checksum: 0,
    payload_len: len,
  };
  const d: Dissection = {
    layers: [udp],
    notes: [],
    truncated: false,
    payloadOffset: 0,
    payloadLength: len,
    net: { version: 4, src: src.addr, dst: dst.addr },
  };
  return { n, t: T0 + t, ...tsOf(t), d, data: new Uint8Array(len) };
}

function ipBytes(a: string): number[] {
  return a.split('.').map((x) => Number(x));
}

function csum(b: Uint8Array, off: number, len: number): number {
  let s = 0;
  for (let i = 0; i < len; i += 2) s += (b[off + i]! << 8) | (i + 1 < len ? b[off + i + 1]! : 0);
  while (s > 0xffff) s = (s & 0xffff) + (s >>> 16);
  return ~s & 0xffff;
}

/** The segment as an Ethernet II / IPv4 / TCP frame. */
export function tcpFrameBytes(s: Seg): Uint8Array {
  const c = s.client ?? CLIENT;
  const sv = s.server ?? SERVER;
  const [src, dst] = s.from === 'c' ? [c, sv] : [sv, c];
  const payload = payloadOf(s);
  const optLen = s.wscale !== undefined ? 4 : 0;
  const tcpLen = 20 + optLen + payload.length;
  const b = new Uint8Array(14 + 20 + tcpLen);
  const dv = new DataView(b.buffer);
  // Ethernet: dst, src, type 0x0800
  b.set([2, 0, 0, 0, 0, s.from === 'c' ? 2 : 1], 0);
  b.set([2, 0, 0, 0, 0, s.from === 'c' ? 1 : 2], 6);
  dv.setUint16(12, 0x0800);
  // IPv4
  const ip = 14;
  b[ip] = 0x45;
  dv.setUint16(ip + 2, 20 + tcpLen);
  dv.setUint16(ip + 6, 0x4000); // DF
  b[ip + 8] = 64;
  b[ip + 9] = 6;
  b.set(ipBytes(src.addr), ip + 12);
  b.set(ipBytes(dst.addr), ip + 16);
  dv.setUint16(ip + 10, csum(b, ip, 20));
  // TCP
  const t = ip + 20;
  dv.setUint16(t, src.port);
  dv.setUint16(t + 2, dst.port);
  dv.setUint32(t + 4, s.seq >>> 0);
  dv.setUint32(t + 8, (s.ack ?? 0) >>> 0);
  dv.setUint16(t + 12, (((20 + optLen) / 4) << 12) | flagBits(s.flags));
  dv.setUint16(t + 14, s.win ?? 1000);
  if (s.wscale !== undefined) b.set([1, 3, 3, s.wscale], t + 20); // NOP, WS
  b.set(payload, t + 20 + optLen);
  return b;
}

/** Classic pcap (µs, Ethernet) of the given frames. */
export function pcapBytes(frames: ReadonlyArray<{ t: number; bytes: Uint8Array }>): Uint8Array {
  let size = 24;
  for (const f of frames) size += 16 + f.bytes.length;
  const out = new Uint8Array(size);
  const dv = new DataView(out.buffer);
  dv.setUint32(0, 0xa1b2c3d4, true);
  dv.setUint16(4, 2, true);
  dv.setUint16(6, 4, true);
  dv.setUint32(16, 65535, true);
  dv.setUint32(20, 1, true);
  let o = 24;
  for (const f of frames) {
    const us = Math.round(f.t * 1e6);
    dv.setUint32(o, Math.floor(us / 1e6), true);
    dv.setUint32(o + 4, us % 1e6, true);
    dv.setUint32(o + 8, f.bytes.length, true);
    dv.setUint32(o + 12, f.bytes.length, true);
    out.set(f.bytes, o + 16);
    o += 16 + f.bytes.length;
  }
  return out;
}

let tmp: string | undefined;

/** Write a synthetic scenario as a pcap in a temp dir; returns the path. */
export function writeScenarioPcap(name: string, segs: readonly Seg[]): string {
  tmp ??= mkdtempSync(join(tmpdir(), 'pcx-analysis-'));
  const path = join(tmp, `${name}.pcap`);
  writeFileSync(path, pcapBytes(segs.map((s) => ({ t: T0 + s.t, bytes: tcpFrameBytes(s) }))));
  return path;
}

export const ANALYSIS_FIELDS = [
  'frame.number',
  'tcp.stream',
  'tcp.seq',
  'tcp.ack',
  'tcp.nxtseq',
  'tcp.window_size',
  'tcp.analysis.acks_frame',
  'tcp.analysis.ack_rtt',
  'tcp.analysis.duplicate_ack_num',
  'tcp.analysis.duplicate_ack_frame',
  'tcp.analysis.initial_rtt',
  'tcp.analysis.retransmission',
  'tcp.analysis.fast_retransmission',
  'tcp.analysis.spurious_retransmission',
  'tcp.analysis.out_of_order',
  'tcp.analysis.lost_segment',
  'tcp.analysis.ack_lost_segment',
  'tcp.analysis.duplicate_ack',
  'tcp.analysis.zero_window',
  'tcp.analysis.zero_window_probe',
  'tcp.analysis.zero_window_probe_ack',
  'tcp.analysis.window_full',
  'tcp.analysis.window_update',
  'tcp.analysis.keep_alive',
  'tcp.analysis.keep_alive_ack',
  'tcp.analysis.reused_ports',
  'udp.stream',
  'tcp.flags',
] as const;

export type TsharkRow = Record<(typeof ANALYSIS_FIELDS)[number], string>;

/** tshark's per-frame analysis fields (relative sequence numbers on, two passes). */
export function tsharkAnalysis(file: string): TsharkRow[] {
  const args = [
    '-r',
    file,
    '-n',
    '-2',
    '-o',
    'tcp.relative_sequence_numbers:TRUE',
    '-o',
    'tcp.analyze_sequence_numbers:TRUE',
  ];
  args.push('-T', 'fields', '-E', 'separator=\t', '-E', 'occurrence=f');
  for (const f of ANALYSIS_FIELDS) args.push('-e', f);
  const out = execFileSync('tshark', args, {
    encoding: 'utf8',
    maxBuffer: 256 << 20,
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  return out
    .split('\n')
    .filter((l) => l.length > 0)
    .map((l) => {
      const cols = l.split('\t');
      const row = {} as TsharkRow;
      ANALYSIS_FIELDS.forEach((f, i) => {
        row[f] = cols[i] ?? '';
      });
      return row;
    });
}

/** The tcp.analysis.* flags tshark set on a row, by our names. */
export function tsharkFlags(row: TsharkRow): string[] {
  const out: string[] = [];
  for (const f of ANALYSIS_FIELDS) {
    if (!f.startsWith('tcp.analysis.')) continue;
    const name = f.slice('tcp.analysis.'.length);
    if (/acks_frame|ack_rtt|duplicate_ack_num|duplicate_ack_frame|initial_rtt/.test(name)) continue;
    if (row[f] !== '') out.push(name);
  }
  return out.sort();
}
