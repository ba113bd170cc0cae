/**
 * Layers are readonly records in a discriminated union on `kind` (the Wireshark short name of the
 * protocol). Field names follow the JSON contract (docs/json.md), which follows Wireshark's field names
 * where Wireshark has one (tcp.srcport → srcport, arp.src.hw_mac → sender_mac).
 */
import type { ChecksumStatus } from './bytes.js';

export type Severity = 'info' | 'note' | 'warn' | 'error';

/** An expert note: a stable dotted code, a severity and parameters for the explanation catalogue. */
export interface Note {
  code: string;
  severity: Severity;
  params?: Record<string, string | number>;
  /** Byte range in the frame the note points at, when there is one. */
  offset?: number;
  length?: number;
}

export interface EthLayer {
  readonly kind: 'eth';
  readonly src: string;
  readonly dst: string;
  /** EtherType (>= 0x0600) or 802.3 length (< 0x0600). */
  readonly type: number;
}

export interface VlanLayer {
  readonly kind: 'vlan';
  /** TPID that introduced this tag: 0x8100 (802.1Q) or 0x88a8 (802.1ad, QinQ outer). */
  readonly tpid: number;
  readonly id: number;
  readonly priority: number;
  readonly dei: number;
  readonly type: number;
}

export interface SllLayer {
  readonly kind: 'sll';
  readonly version: 1 | 2;
  /** Packet type: 0 to us, 1 broadcast, 2 multicast, 3 to another host, 4 outgoing. */
  readonly pkttype: number;
  readonly hatype: number;
  /** Link-layer source address as text (MAC for Ethernet). */
  readonly src: string;
  readonly protocol: number;
  /** SLL2 only. */
  readonly ifindex?: number;
}

export interface NullLayer {
  readonly kind: 'null';
  /** Address family (AF_INET = 2; AF_INET6 = 24, 28 or 30 depending on the OS). */
  readonly family: number;
}

export type ArpOp = 'request' | 'reply' | 'rarp-request' | 'rarp-reply' | 'unknown';

export interface ArpLayer {
  readonly kind: 'arp';
  readonly hwtype: number;
  readonly ptype: number;
  readonly opcode: number;
  readonly op: ArpOp;
  readonly sender_mac: string;
  readonly sender_ip: string;
  readonly target_mac: string;
  readonly target_ip: string;
  /** Sender IP equals target IP (announcement or gratuitous reply). */
  readonly gratuitous: boolean;
  /** Request with sender IP 0.0.0.0 (RFC 5227 probe). */
  readonly probe: boolean;
}

export interface IpOption {
  readonly type: number;
  readonly name: string;
  readonly length: number;
}

export interface Ipv4Layer {
  readonly kind: 'ip';
  readonly version: 4;
  readonly hdr_len: number;
  readonly dsfield: number;
  readonly len: number;
  readonly id: number;
  readonly flags: { readonly rb: boolean; readonly df: boolean; readonly mf: boolean };
  /** Fragment offset in bytes. */
  readonly frag_offset: number;
  readonly ttl: number;
  readonly proto: number;
  readonly checksum: number;
  readonly checksum_status: 'good' | 'bad';
  readonly src: string;
  readonly dst: string;
  readonly options: readonly IpOption[];
  /** More-fragments set or a non-zero offset: the payload is one fragment of a datagram. */
  readonly fragment: boolean;
}

export interface Ipv6ExtHeader {
  readonly type: number;
  readonly name: string;
  readonly length: number;
}

export interface Ipv6Layer {
  readonly kind: 'ipv6';
  readonly version: 6;
  readonly tclass: number;
  readonly flow: number;
  readonly plen: number;
  /** Next Header of the fixed header. */
  readonly nxt: number;
  readonly hlim: number;
  readonly src: string;
  readonly dst: string;
  readonly ext: readonly Ipv6ExtHeader[];
  /** Upper-layer protocol after the extension headers (like ip.proto). */
  readonly proto: number;
  readonly fragment?: { readonly offset: number; readonly more: boolean; readonly id: number };
}

export interface IcmpLayer {
  readonly kind: 'icmp';
  readonly type: number;
  readonly code: number;
  readonly type_name: string;
  readonly code_name?: string;
  readonly ident?: number;
  readonly seq?: number;
}

export interface Icmpv6Layer {
  readonly kind: 'icmpv6';
  readonly type: number;
  readonly code: number;
  readonly type_name: string;
  readonly code_name?: string;
  /** Neighbor Solicitation/Advertisement target address. */
  readonly target?: string;
  readonly ident?: number;
  readonly seq?: number;
}

export interface IgmpLayer {
  readonly kind: 'igmp';
  readonly version: number;
  readonly type: number;
  readonly type_name: string;
  readonly group?: string;
}

export interface UdpLayer {
  readonly kind: 'udp';
  readonly srcport: number;
  readonly dstport: number;
  readonly length: number;
  readonly checksum: number;
  /** The checksum verified with the IP pseudo-header (see transportChecksum in bytes.ts). */
  readonly checksum_status: ChecksumStatus;
  /** Payload bytes present in this frame (may be less than length - 8 when truncated). */
  readonly payload_len: number;
}

export interface TcpOptions {
  readonly mss?: number;
  readonly wscale?: number;
  readonly sack_perm?: boolean;
  readonly sack?: ReadonlyArray<readonly [number, number]>;
  readonly ts?: { readonly val: number; readonly ecr: number };
  /** Kinds of options not decoded above, in order. */
  readonly other?: readonly number[];
}

/** TCP flag bits (tcp.flags). */
export const TCP_FLAG = {
  FIN: 0x001,
  SYN: 0x002,
  RST: 0x004,
  PSH: 0x008,
  ACK: 0x010,
  URG: 0x020,
  ECE: 0x040,
  CWR: 0x080,
  AE: 0x100,
} as const;

export interface TcpLayer {
  readonly kind: 'tcp';
  readonly srcport: number;
  readonly dstport: number;
  /** Raw (absolute) sequence number; relative numbers are analysis state. */
  readonly seq_raw: number;
  readonly ack_raw: number;
  readonly hdr_len: number;
  /** tcp.flags as a number (TCP_FLAG bits). */
  readonly flags: number;
  /** Window field as sent (not scaled). */
  readonly window: number;
  readonly checksum: number;
  /** The checksum verified with the IP pseudo-header (see transportChecksum in bytes.ts). */
  readonly checksum_status: ChecksumStatus;
  readonly urgent_pointer: number;
  readonly options: TcpOptions;
  /**
   * tcp.len: the payload length the IP length fields declare (what was sent), which is more than
   * payload_len when the frame was cut by the snapshot length.
   */
  readonly len: number;
  /** Payload bytes present in this frame (captured). */
  readonly payload_len: number;
}

export interface DataLayer {
  readonly kind: 'data';
  readonly length: number;
}

/** A header whose dissector is not known: kept with its key, never dropped (smoltcp's Unknown(n)). */
export interface UnknownLayer {
  readonly kind: 'unknown';
  readonly table: TableName;
  readonly key: number;
  readonly length: number;
}

export type Layer =
  | EthLayer
  | VlanLayer
  | SllLayer
  | NullLayer
  | ArpLayer
  | Ipv4Layer
  | Ipv6Layer
  | IcmpLayer
  | Icmpv6Layer
  | IgmpLayer
  | UdpLayer
  | TcpLayer
  | DataLayer
  | UnknownLayer;

export type LayerKind = Layer['kind'];

/** Dispatch tables a dissector can register in (Wireshark's dissector tables). */
export type TableName = 'linktype' | 'ethertype' | 'ip.proto' | 'null.family';

/** Where decoding goes next: the table, the key to look up, and the byte range handed on. */
export interface Next {
  table: TableName;
  key: number;
  off: number;
  end: number;
}

/** What a dissector may do to the frame being built. */
export interface FrameBuilder {
  readonly layers: Layer[];
  /** Add a note; severity comes from the registered note codes. */
  note(code: string, params?: Record<string, string | number>, offset?: number, length?: number): void;
  /** Mark the frame as shorter than its headers say (decoding goes on with what is there). */
  markTruncated(): void;
  /** Set by IPv4/IPv6 for the transport layer: the network addresses (for conversations and pseudo-headers). */
  net?: { version: 4 | 6; src: string; dst: string };
  /** Set by TCP/UDP: where the transport payload is in the frame's bytes. */
  setPayload(offset: number, length: number): void;
}

/**
 * A dissector decodes the header at b[off..end) and returns where decoding goes next, or undefined
 * when the layer is the last one (it then may have set the payload). It never throws on bad input:
 * truncated → decode what is there and markTruncated(); malformed → note() and return undefined.
 */
export type Dissect = (b: Uint8Array, off: number, end: number, f: FrameBuilder) => Next | undefined;

/**
 * Where Wireshark's fields lie in a protocol's header: field name (`tcp.srcport`) → [offset from the
 * layer's first byte, length]. For the HTML report's field tree (click a field, see its bytes); a field
 * that is computed (tcp.stream, tcp.len, relative numbers shown over their raw bytes excepted) has none.
 */
export type FieldBytes = Readonly<Record<string, readonly [offset: number, length: number]>>;

export interface DissectorDef {
  /** Wireshark's short protocol name (frame.protocols), also the layer kind it pushes when it pushes one. */
  readonly name: string;
  /** Byte ranges of the Wireshark fields this dissector decodes (at fixed places of its header). */
  readonly fields?: FieldBytes;
  readonly registrations: ReadonlyArray<{ readonly table: TableName; readonly key: number }>;
  /** Every note code this dissector can emit, with its severity. */
  readonly notes: Readonly<Record<string, Severity>>;
  readonly dissect: Dissect;
}

/** The result of dissecting one frame's link, network and transport layers. */
export interface Dissection {
  layers: Layer[];
  notes: Note[];
  truncated: boolean;
  /** Transport payload (TCP/UDP data) or undecoded remainder: offset and length in the frame bytes. */
  payloadOffset: number;
  payloadLength: number;
  net?: { version: 4 | 6; src: string; dst: string };
}
