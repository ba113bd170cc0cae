/**
 * The Info column: one terse line per frame in Wireshark's notation ("Who has 172.18.0.4? Tell 172.18.0.6",
 * "41234 → 5555 [SYN] Seq=0 Win=64240 Len=0 MSS=1460"). This is protocol notation, the same in every
 * language, as in Wireshark; plain-language sentences come from the catalogues.
 */
import type { AppFrameEntry, FrameRecord, TcpFrameRecord } from '../analysis/model.js';
import { typedEntry } from '../protocols/model.js';
import { wordsOf } from '../protocols/registry.js';

/** Wireshark's spelling of the protocols that are not just upper-cased. */
const PROTOCOL_NAME: Readonly<Record<string, string>> = {
  ip: 'IPv4',
  ipv6: 'IPv6',
  icmpv6: 'ICMPv6',
  eth: 'Ethernet',
  sll: 'SLL',
};

/** A protocol of `frame.protocols` as Wireshark's Protocol column spells it ("icmpv6" → "ICMPv6"). */
export function protocolName(p: string): string {
  return PROTOCOL_NAME[p] ?? p.toUpperCase();
}

/**
 * The Protocol column: the innermost protocol that has a dissector of its own. Payload that no
 * application protocol claims ('data') is shown under its transport, as Wireshark shows TCP and UDP.
 */
export function protocolColumn(f: Pick<FrameRecord, 'protocols'>): string {
  const ps = f.protocols;
  let p = ps[ps.length - 1] ?? '';
  if (p === 'data' && ps.length > 1) p = ps[ps.length - 2]!;
  return protocolName(p);
}

/** Wireshark's bracketed labels for tcp.analysis flags, in the order Wireshark prints them. */
const TCP_ANALYSIS_LABEL: Readonly<Record<string, string>> = {
  reused_ports: 'TCP Port numbers reused',
  lost_segment: 'TCP Previous segment not captured',
  ack_lost_segment: 'TCP ACKed unseen segment',
  spurious_retransmission: 'TCP Spurious Retransmission',
  fast_retransmission: 'TCP Fast Retransmission',
  retransmission: 'TCP Retransmission',
  out_of_order: 'TCP Out-Of-Order',
  keep_alive: 'TCP Keep-Alive',
  keep_alive_ack: 'TCP Keep-Alive ACK',
  zero_window_probe: 'TCP ZeroWindowProbe',
  zero_window_probe_ack: 'TCP ZeroWindowProbeAck',
  zero_window: 'TCP ZeroWindow',
  window_full: 'TCP Window Full',
  window_update: 'TCP Window Update',
};

/** "SYN, ACK" per flag-name array (records share one array per flag combination: tcpFlagNames). */
const flagText = new Map<readonly string[], string>();

function flagsJoined(flags: readonly string[]): string {
  let s = flagText.get(flags);
  if (s === undefined) {
    s = flags.join(', ');
    if (flagText.size < 1024) flagText.set(flags, s);
  }
  return s;
}

/** Wireshark's bracketed tcp.analysis labels of a segment, each followed by a space ('' when none). */
function analysisLabels(t: TcpFrameRecord): string {
  let s = '';
  if (t.analysis) {
    for (const a of t.analysis) {
      if (a === 'duplicate_ack' && t.dup_ack) s += `[TCP Dup ACK ${t.dup_ack.frame}#${t.dup_ack.num}] `;
      else if (TCP_ANALYSIS_LABEL[a]) s += `[${TCP_ANALYSIS_LABEL[a]}] `;
    }
  }
  return s;
}

function tcpInfo(t: TcpFrameRecord): string {
  let s = analysisLabels(t);
  s += `${t.srcport} → ${t.dstport} [${flagsJoined(t.flags)}] Seq=${t.seq}`;
  if (t.flags.includes('ACK')) s += ` Ack=${t.ack}`;
  s += ` Win=${t.window_size ?? t.window} Len=${t.len}`;
  const o = t.options;
  if (o) {
    if (o.mss !== undefined) s += ` MSS=${o.mss}`;
    if (o.sack_perm) s += ' SACK_PERM';
    if (o.ts) s += ` TSval=${o.ts.val} TSecr=${o.ts.ecr}`;
    if (o.wscale !== undefined) s += ` WS=${2 ** Math.min(o.wscale, 14)}`;
  }
  return s;
}

/** The Info text of the application elements a frame completes ('' when it completes none). */
function appInfo(entries: readonly AppFrameEntry[]): string {
  const out: string[] = [];
  for (const e of entries) {
    if (e.kind === 'segment') continue;
    const s = wordsOf(e.proto).info?.(typedEntry(e));
    if (s) out.push(s);
  }
  return out.join(', ');
}

export function infoLine(r: FrameRecord): string {
  if (r.app && r.app.length > 0) {
    const s = appInfo(r.app);
    // the segment's flags beside the PDUs it completes (Wireshark shows them in the frame's TCP detail)
    if (s) return r.tcp ? `${analysisLabels(r.tcp)}[${flagsJoined(r.tcp.flags)}] ${s}` : s;
    if (r.tcp && r.app[0]!.kind === 'segment') return `${tcpInfo(r.tcp)} [TCP segment of a reassembled PDU]`;
  }
  if (r.arp) {
    const a = r.arp;
    if (a.op === 'request') {
      if (a.probe) return `Who has ${a.target_ip}? (ARP Probe)`;
      if (a.gratuitous) return `ARP Announcement for ${a.target_ip}`;
      return `Who has ${a.target_ip}? Tell ${a.sender_ip}`;
    }
    if (a.op === 'reply') {
      if (a.gratuitous) return `Gratuitous ARP for ${a.sender_ip} (Reply)`;
      return `${a.sender_ip} is at ${a.sender_mac}`;
    }
    return `ARP ${a.op}`;
  }
  if (r.tcp) return tcpInfo(r.tcp);
  // Len= is the payload length, as Wireshark and tcpdump print it (the UDP length field counts the 8-byte header too)
  if (r.udp) return `${r.udp.srcport} → ${r.udp.dstport} Len=${Math.max(0, r.udp.len - 8)}`;
  if (r.icmp) {
    const i = r.icmp;
    let s = i.type_name;
    if (i.code_name) s += ` (${i.code_name})`;
    if (i.ident !== undefined && i.seq !== undefined)
      s += `  id=0x${i.ident.toString(16).padStart(4, '0')}, seq=${i.seq}`;
    if (r.ip && i.seq !== undefined) s += `, ttl=${r.ip.ttl}`;
    return s;
  }
  if (r.igmp) return r.igmp.group ? `${r.igmp.type_name} ${r.igmp.group}` : r.igmp.type_name;
  if (r.ip) {
    let s = `IP protocol ${r.ip.proto}`;
    if (r.ip.fragment)
      s = `Fragmented IP protocol (proto=${r.ip.proto}, id=0x${(r.ip.id ?? 0).toString(16).padStart(4, '0')})`;
    return s;
  }
  if (r.eth) return `Ethernet type 0x${r.eth.type.toString(16).padStart(4, '0')}`;
  return `${r.len} bytes`;
}
