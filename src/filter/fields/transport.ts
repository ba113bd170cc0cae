/** tcp.*, udp.*: ports, TCP sequence analysis (relative numbers, tcp.analysis.*) and stream indexes. */
import type { TcpFrameRecord } from '../../analysis/model.js';
import { TCP_FLAG } from '../../dissectors/types.js';
import type { FieldDef, FieldTable, FrameView } from '../types.js';
import { bit, flag, many, one } from './define.js';

const FLAG_BITS: Readonly<Record<string, number>> = {
  SYN: TCP_FLAG.SYN,
  FIN: TCP_FLAG.FIN,
  RST: TCP_FLAG.RST,
  PSH: TCP_FLAG.PSH,
  ACK: TCP_FLAG.ACK,
  URG: TCP_FLAG.URG,
  ECE: TCP_FLAG.ECE,
  CWR: TCP_FLAG.CWR,
  AE: TCP_FLAG.AE,
};

/** tcp.flags as a number, from the record's flag names. */
export function tcpFlags(t: TcpFrameRecord): number {
  let x = 0;
  for (const n of t.flags) x |= FLAG_BITS[n] ?? 0;
  return x;
}

const tcp = (v: FrameView) => v.f.tcp;
const flags = (v: FrameView) => (v.f.tcp ? tcpFlags(v.f.tcp) : undefined);

/** tshark's tcp.flags.str: 12 positions (3 reserved, AE, CWR, ECE, URG, ACK, PSH, RST, SYN, FIN), '·' when clear. */
function flagsStr(x: number): string {
  const letters = 'RRRACEUAPRSF';
  let s = '';
  for (let i = 0; i < 12; i++) s += x & (1 << (11 - i)) ? letters[i] : '\u00b7';
  return s;
}

/** The analysis flags tshark sets, each a presence field (pcap-explain's tcp-analysis.ts sets them). */
const ANALYSIS: ReadonlyArray<readonly [string, string]> = [
  ['retransmission', 'A retransmission (also set on fast and spurious retransmissions)'],
  ['fast_retransmission', 'A retransmission after duplicate ACKs'],
  ['spurious_retransmission', 'A retransmission of data the receiver had already acknowledged'],
  ['out_of_order', 'A segment that arrived before the data preceding it'],
  ['reused_ports', 'A new connection on the ports of an earlier one'],
  ['lost_segment', 'Previous segment(s) not captured'],
  ['ack_lost_segment', "ACK of data that wasn't captured"],
  ['window_update', 'Only the window changed'],
  ['window_full', "The sender filled the receiver's window"],
  ['keep_alive', 'Keep-alive segment'],
  ['keep_alive_ack', 'ACK of a keep-alive'],
  ['duplicate_ack', 'Duplicate ACK'],
  ['zero_window_probe', 'Zero-window probe'],
  ['zero_window', 'The receiver advertises a zero window'],
  ['zero_window_probe_ack', 'ACK of a zero-window probe'],
];

function analysisFlag(name: string, describe: string): FieldDef {
  const full = `tcp.analysis.${name}`;
  return flag(full, 'none', describe, (v) => v.f.tcp?.analysis?.includes(name) === true, '1');
}

const stream = (transport: 'tcp' | 'udp') => (v: FrameView) =>
  v.conv?.transport === transport && v.f[transport] ? v.conv.stream : undefined;

export const TCP_FIELDS: FieldTable = {
  proto: 'tcp',
  fields: [
    flag('tcp', 'protocol', 'TCP segment', (v) => v.f.protocols.includes('tcp')),
    one('tcp.srcport', 'uint', 'Source port', (v) => tcp(v)?.srcport),
    one('tcp.dstport', 'uint', 'Destination port', (v) => tcp(v)?.dstport),
    many('tcp.port', 'uint', 'Source or destination port', (v, out) => {
      const t = tcp(v);
      if (t) out.push(t.srcport, t.dstport);
    }),
    one('tcp.stream', 'uint', "Connection index (tshark's, from 0)", stream('tcp')),
    one('tcp.len', 'uint', 'Payload bytes in this segment', (v) => tcp(v)?.len),
    one('tcp.seq', 'uint', 'Sequence number (relative to the first of this direction)', (v) => tcp(v)?.seq),
    one('tcp.seq_raw', 'uint', 'Sequence number as sent', (v) => tcp(v)?.seq_raw),
    one('tcp.nxtseq', 'uint', 'Next sequence number (relative)', (v) => tcp(v)?.nextseq),
    one('tcp.ack', 'uint', 'Acknowledgment number (relative; 0 without the ACK flag)', (v) => tcp(v)?.ack),
    one('tcp.ack_raw', 'uint', 'Acknowledgment number as sent', (v) => tcp(v)?.ack_raw),
    one('tcp.flags', 'uint', 'Flags (0x002 SYN, 0x010 ACK, 0x018 PSH+ACK, 0x004 RST, 0x001 FIN)', flags, { hex: 4 }),
    bit('tcp.flags.fin', 'FIN: no more data from the sender', flags, TCP_FLAG.FIN),
    bit('tcp.flags.syn', 'SYN: synchronize sequence numbers (opening)', flags, TCP_FLAG.SYN),
    bit('tcp.flags.reset', 'RST: reset the connection', flags, TCP_FLAG.RST),
    bit('tcp.flags.push', 'PSH: push the data to the application', flags, TCP_FLAG.PSH),
    bit('tcp.flags.ack', 'ACK: the acknowledgment number is valid', flags, TCP_FLAG.ACK),
    bit('tcp.flags.urg', 'URG: the urgent pointer is valid', flags, TCP_FLAG.URG),
    bit('tcp.flags.ece', 'ECE: ECN echo', flags, TCP_FLAG.ECE),
    bit('tcp.flags.cwr', 'CWR: congestion window reduced', flags, TCP_FLAG.CWR),
    bit('tcp.flags.ae', 'AE: accurate ECN', flags, TCP_FLAG.AE),
    one('tcp.flags.str', 'string', "Flags as tshark's 12-letter string (·······AP···)", (v) => {
      const x = flags(v);
      return x === undefined ? undefined : flagsStr(x);
    }),
    one('tcp.window_size_value', 'uint', 'Window field as sent (not scaled)', (v) => tcp(v)?.window),
    one('tcp.window_size', 'uint', 'Window after scaling (the field when the scale is unknown)', (v) => {
      const t = tcp(v);
      return t ? (t.window_size ?? t.window) : undefined;
    }),
    flag(
      'tcp.analysis.flags',
      'none',
      'Any tcp.analysis flag below is set',
      (v) => (v.f.tcp?.analysis?.length ?? 0) > 0,
      '1',
    ),
    ...ANALYSIS.map(([n, d]) => analysisFlag(n, d)),
    one('tcp.analysis.duplicate_ack_num', 'uint', 'Duplicate ACK number (#1, #2...)', (v) => tcp(v)?.dup_ack?.num),
    one('tcp.analysis.duplicate_ack_frame', 'uint', 'The frame this ACK duplicates', (v) => tcp(v)?.dup_ack?.frame),
    one('tcp.analysis.acks_frame', 'uint', 'The frame whose data this ACK acknowledges', (v) => tcp(v)?.acks_frame),
    one('tcp.analysis.ack_rtt', 'float', 'Seconds from that frame to this ACK', (v) => tcp(v)?.ack_rtt, {
      decimals: 9,
    }),
  ],
};

export const UDP_FIELDS: FieldTable = {
  proto: 'udp',
  fields: [
    flag('udp', 'protocol', 'UDP datagram', (v) => v.f.protocols.includes('udp')),
    one('udp.srcport', 'uint', 'Source port', (v) => v.f.udp?.srcport),
    one('udp.dstport', 'uint', 'Destination port', (v) => v.f.udp?.dstport),
    many('udp.port', 'uint', 'Source or destination port', (v, out) => {
      if (v.f.udp) out.push(v.f.udp.srcport, v.f.udp.dstport);
    }),
    one('udp.length', 'uint', 'Length field (header and payload)', (v) => v.f.udp?.len),
    one('udp.stream', 'uint', "Conversation index (tshark's, from 0)", stream('udp')),
  ],
};
