/**
 * Builds the JSON frame record from a dissection and the analysis of that frame.
 * Pure: it reads the layers, it keeps nothing.
 */
import { type Dissection, type Layer, TCP_FLAG, type TcpLayer } from '../dissectors/types.js';
import type { FrameRecord, TcpFrameRecord } from './model.js';

const FLAG_NAMES: ReadonlyArray<readonly [number, string]> = [
  [TCP_FLAG.SYN, 'SYN'],
  [TCP_FLAG.FIN, 'FIN'],
  [TCP_FLAG.RST, 'RST'],
  [TCP_FLAG.PSH, 'PSH'],
  [TCP_FLAG.ACK, 'ACK'],
  [TCP_FLAG.URG, 'URG'],
  [TCP_FLAG.ECE, 'ECE'],
  [TCP_FLAG.CWR, 'CWR'],
  [TCP_FLAG.AE, 'AE'],
];

const flagCache = new Map<number, string[]>();

/** Flag names in Wireshark's Info order (SYN, FIN, RST, PSH, ACK, URG, ECE, CWR, AE); shared arrays, do not mutate. */
export function tcpFlagNames(flags: number): string[] {
  let names = flagCache.get(flags);
  if (!names) {
    names = [];
    for (const [bit, name] of FLAG_NAMES) if (flags & bit) names.push(name);
    if (names.length === 0) names.push('<None>');
    flagCache.set(flags, names);
  }
  return names;
}

/** Per-segment facts that need connection state (relative numbers, tcp.analysis). */
export interface TcpSegmentAnalysis {
  seq: number;
  ack: number;
  nextseq?: number;
  window_size?: number;
  analysis?: string[];
  dup_ack?: { num: number; frame: number };
  ack_rtt?: number;
  acks_frame?: number;
}

export interface FrameBase {
  n: number;
  ts: string;
  rel: number;
  caplen: number;
  len: number;
}

function tcpRecord(t: TcpLayer, a: TcpSegmentAnalysis | undefined): TcpFrameRecord {
  const r: TcpFrameRecord = {
    srcport: t.srcport,
    dstport: t.dstport,
    flags: tcpFlagNames(t.flags),
    seq: a ? a.seq : t.seq_raw,
    ack: a ? a.ack : t.ack_raw,
    seq_raw: t.seq_raw,
    ack_raw: t.ack_raw,
    len: t.len,
    window: t.window,
    checksum_status: t.checksum_status,
  };
  if (a) {
    if (a.nextseq !== undefined) r.nextseq = a.nextseq;
    if (a.window_size !== undefined) r.window_size = a.window_size;
    if (a.analysis && a.analysis.length > 0) r.analysis = a.analysis;
    if (a.dup_ack) r.dup_ack = a.dup_ack;
    if (a.ack_rtt !== undefined) r.ack_rtt = a.ack_rtt;
    if (a.acks_frame !== undefined) r.acks_frame = a.acks_frame;
  }
  const o = t.options;
  if (o.mss !== undefined || o.wscale !== undefined || o.sack_perm || o.sack || o.ts) r.options = { ...o };
  return r;
}

/**
 * The frame record without summary/explanation text (added by the explain layer) and without notes text.
 * `protocols` lists Wireshark's short names, outermost first (frame.protocols without "ethertype").
 */
export function buildFrameRecord(base: FrameBase, d: Dissection, tcpA: TcpSegmentAnalysis | undefined): FrameRecord {
  const r: FrameRecord = {
    n: base.n,
    ts: base.ts,
    rel: base.rel,
    caplen: base.caplen,
    len: base.len,
    protocols: [],
    src: '',
    dst: '',
    summary: '',
    notes: [],
  };
  let l2src = '';
  let l2dst = '';
  let l3src = '';
  let l3dst = '';
  for (const layer of d.layers as Layer[]) {
    switch (layer.kind) {
      case 'eth':
        r.protocols.push('eth');
        r.eth = { src: layer.src, dst: layer.dst, type: layer.type };
        l2src = layer.src;
        l2dst = layer.dst;
        break;
      case 'vlan':
        r.protocols.push('vlan');
        if (!r.vlan) r.vlan = [];
        r.vlan.push({ id: layer.id, priority: layer.priority, tpid: layer.tpid });
        break;
      case 'sll': {
        r.protocols.push('sll');
        const s: FrameRecord['sll'] = {
          version: layer.version,
          pkttype: layer.pkttype,
          src: layer.src,
          protocol: layer.protocol,
        };
        if (layer.ifindex !== undefined) s.ifindex = layer.ifindex;
        r.sll = s;
        l2src = layer.src;
        break;
      }
      case 'null':
        r.protocols.push('null');
        break;
      case 'arp':
        r.protocols.push('arp');
        r.arp = {
          op: layer.op,
          sender_mac: layer.sender_mac,
          sender_ip: layer.sender_ip,
          target_mac: layer.target_mac,
          target_ip: layer.target_ip,
        };
        if (layer.gratuitous) r.arp.gratuitous = true;
        if (layer.probe) r.arp.probe = true;
        break;
      case 'ip':
        r.protocols.push('ip');
        if (!r.ip) {
          r.ip = {
            version: 4,
            src: layer.src,
            dst: layer.dst,
            ttl: layer.ttl,
            proto: layer.proto,
            id: layer.id,
            len: layer.len,
            df: layer.flags.df,
            checksum_status: layer.checksum_status,
          };
          if (layer.fragment) r.ip.fragment = true;
        }
        l3src = layer.src;
        l3dst = layer.dst;
        break;
      case 'ipv6':
        r.protocols.push('ipv6');
        if (!r.ip) {
          r.ip = { version: 6, src: layer.src, dst: layer.dst, ttl: layer.hlim, proto: layer.proto, len: layer.plen };
          if (layer.fragment) r.ip.fragment = true;
        }
        l3src = layer.src;
        l3dst = layer.dst;
        break;
      case 'icmp':
      case 'icmpv6': {
        r.protocols.push(layer.kind);
        const i: NonNullable<FrameRecord['icmp']> = { type: layer.type, code: layer.code, type_name: layer.type_name };
        if (layer.code_name) i.code_name = layer.code_name;
        if (layer.ident !== undefined) i.ident = layer.ident;
        if (layer.seq !== undefined) i.seq = layer.seq;
        r.icmp = i;
        break;
      }
      case 'igmp': {
        r.protocols.push('igmp');
        const g: NonNullable<FrameRecord['igmp']> = {
          version: layer.version,
          type: layer.type,
          type_name: layer.type_name,
        };
        if (layer.group) g.group = layer.group;
        r.igmp = g;
        break;
      }
      case 'udp':
        r.protocols.push('udp');
        r.udp = {
          srcport: layer.srcport,
          dstport: layer.dstport,
          len: layer.length,
          checksum_status: layer.checksum_status,
        };
        r.src = `${l3src}:${layer.srcport}`;
        r.dst = `${l3dst}:${layer.dstport}`;
        break;
      case 'tcp':
        r.protocols.push('tcp');
        r.tcp = tcpRecord(layer, tcpA);
        r.src = `${l3src}:${layer.srcport}`;
        r.dst = `${l3dst}:${layer.dstport}`;
        break;
      case 'data':
        r.protocols.push('data');
        break;
      case 'unknown':
        break;
      default: {
        const never: never = layer;
        void never;
      }
    }
  }
  if (!r.src) {
    r.src = l3src || l2src;
    r.dst = l3dst || l2dst;
  }
  return r;
}
