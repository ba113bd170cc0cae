/**
 * The JSON model (contract "pcap-explain/1", docs/json.md, schema/pcap-explain.schema.json).
 * JSON records are the canonical output; text, Markdown and HTML are renderings of them.
 */

import type { Severity, TcpOptions } from '../dissectors/types.js';
import type { SortStats } from './app/budget.js';

export const SCHEMA_ID = 'pcap-explain/1';

export interface NoteRecord {
  code: string;
  severity: Severity;
  /** Plain-language text from the explanation catalogue. */
  text: string;
  params?: Record<string, string | number>;
}

export interface CaptureWarningRecord {
  code: string;
  text: string;
  offset?: number;
}

export interface CaptureRecord {
  file: string;
  format: 'pcap' | 'pcapng' | null;
  compressed: boolean;
  byte_order: 'le' | 'be' | null;
  linktypes: number[];
  frames: number;
  /** ISO 8601 UTC of the first and last frame (null when there are none). */
  start: string | null;
  end: string | null;
  duration: number;
  bytes: number;
  comments: string[];
  /**
   * Names of hosts: a pcapng file's Name Resolution Blocks, `analyze --names FILE`, or the Docker API
   * during `live` (a container's name for its address; the gateway named by its bridge).
   */
  names?: Array<{ address: string; name: string }>;
  warnings: CaptureWarningRecord[];
  /** True when the file ended early or had damage after which reading stopped. */
  damaged: boolean;
  /**
   * Present when frames were cut by the snapshot length (captured shorter than sent, frame.cap_len <
   * frame.len, with headers declaring more than the frame holds): the most bytes a cut frame kept (the
   * snapshot length), how many frames were cut, and the first of them.
   */
  snaplen?: { kept: number; frames: number; first: number };
}

export interface TcpFrameRecord {
  srcport: number;
  dstport: number;
  flags: string[];
  /** Relative sequence/ack numbers per direction, as Wireshark shows them. */
  seq: number;
  ack: number;
  seq_raw: number;
  ack_raw: number;
  nextseq?: number;
  len: number;
  window: number;
  /** Window after scaling (when the handshake was seen). */
  window_size?: number;
  /** The decoded TCP options (tcp.options.*), when the segment has any. */
  options?: TcpOptions;
  /**
   * Wireshark's tcp.checksum.status (good, bad, unverified), and 'partial': the pseudo-header sum a sender
   * with checksum offload leaves for the network card to complete (Wireshark: Bad, "maybe caused by TCP
   * checksum offload").
   */
  checksum_status: 'good' | 'bad' | 'partial' | 'unverified';
  /** Wireshark tcp.analysis.* flags set on this segment, e.g. ["retransmission"]. */
  analysis?: string[];
  /** For duplicate_ack: the number and the frame it duplicates. */
  dup_ack?: { num: number; frame: number };
  /** ACK RTT: seconds since the frame whose data this ACK acknowledges. */
  ack_rtt?: number;
  acks_frame?: number;
}

export interface FrameRecord {
  n: number;
  ts: string;
  rel: number;
  caplen: number;
  len: number;
  protocols: string[];
  src: string;
  dst: string;
  summary: string;
  eth?: { src: string; dst: string; type: number };
  vlan?: Array<{ id: number; priority: number; tpid: number }>;
  sll?: { version: 1 | 2; pkttype: number; src: string; protocol: number; ifindex?: number };
  arp?: {
    op: string;
    sender_mac: string;
    sender_ip: string;
    target_mac: string;
    target_ip: string;
    gratuitous?: boolean;
    probe?: boolean;
  };
  ip?: {
    version: 4 | 6;
    src: string;
    dst: string;
    ttl: number;
    proto: number;
    id?: number;
    len?: number;
    df?: boolean;
    fragment?: boolean;
    checksum_status?: 'good' | 'bad';
  };
  icmp?: { type: number; code: number; type_name: string; code_name?: string; ident?: number; seq?: number };
  igmp?: { version: number; type: number; type_name: string; group?: string };
  tcp?: TcpFrameRecord;
  /** `checksum_status` as for TCP (udp.checksum.status; 'unverified' also when IPv4 carries no checksum, 0). */
  udp?: { srcport: number; dstport: number; len: number; checksum_status: 'good' | 'bad' | 'partial' | 'unverified' };
  /** Conversation id (conversations[].id). */
  conversation?: number;
  /**
   * The earlier frame this one repeats: the same packet captured again on another interface (`tcpdump -i
   * any`, src/analysis/copies.ts). Such a frame belongs to no conversation and has no TCP analysis.
   */
  copy_of?: number;
  /**
   * Application elements completed in this frame (issue 4): compact entries, one per PDU/message, or a
   * single `{proto, kind: 'segment'}` when the frame only carries part of a PDU that completes later.
   */
  app?: AppFrameEntry[];
  /** Plain-language explanation of the frame (issue 5). */
  explain?: string;
  notes: NoteRecord[];
}

/**
 * Application protocol of a conversation (issue 4): the name of a protocol module. This layer never names
 * one: the modules and their typed messages are in src/protocols/ (the union: src/protocols/model.ts).
 */
export type AppProto = string;

/** A decoded payload as it appears in the JSON model. */
export interface AppPayloadRecord {
  encoding: 'text' | 'json' | 'pickle' | 'hex';
  /** Text, JSON value, decoded pickle value (JSON-safe), or hex of the first `shown` bytes. */
  value: unknown;
  /** Payload length in bytes. */
  length: number;
  /** Bytes of the payload in the capture, when the snapshot length cut it (value is decoded from them). */
  captured?: number;
  /** Text cut for display. */
  truncated?: boolean;
  /** hex: bytes shown. */
  shown?: number;
  /** pickle: Python type of the top-level value, and the pickle protocol. */
  py_type?: string;
  protocol?: number;
}

/**
 * What a frame completes at the application layer (compact; the full message is in
 * conversations[].messages): the common base of every protocol's frame entry (its variants:
 * src/protocols/<name>/model.ts), and `{proto, kind: 'segment'}` for a frame that only carries part of a
 * PDU completed later.
 */
export interface AppFrameEntry {
  proto: AppProto;
  /** The element's kind as its protocol names it (src/protocols/<name>/model.ts), or segment. */
  kind: string;
}

/**
 * One application message of a conversation (issue 4): the fields every protocol's message has. Each
 * protocol's variant extends it (src/protocols/<name>/model.ts); the union of them is
 * src/protocols/model.ts's AppMessage. This layer lists, pairs and counts messages through these fields only.
 */
export interface AppMessageRecord {
  /** The message was cut by the snapshot length: its length and the bytes of it in the capture. */
  cut?: { length: number; captured: number };
  /** The frame that completed the message. */
  frame: number;
  /** Every frame that carried its bytes, in order. */
  frames: number[];
  dir: 'c2s' | 's2c';
  proto: AppProto;
  /** The message's kind as its protocol names it (src/protocols/<name>/model.ts). */
  kind: string;
  payload?: AppPayloadRecord;
  /** The request this message answers (its completing frame), and the seconds since it. */
  reply_to?: number;
  latency?: number;
  /** The answer to this message (its completing frame). */
  replied_by?: number;
}

/**
 * A message of a protocol carried in the body of another protocol's message (JSON-RPC or SOAP in an HTTP
 * body): the common base of the carried protocols' records (their variants: src/protocols/<name>/model.ts).
 * The carrier's record holds it as `carried`; the carried protocol's reader (CarriedProtocol) makes it.
 */
export interface CarriedRecord {
  proto: AppProto;
  kind: string;
}

export type CloseKind = 'fin' | 'rst' | 'refused' | 'open';

export interface ConversationRecord {
  id: number;
  transport: 'tcp' | 'udp';
  /** tshark's tcp.stream / udp.stream index (0-based per transport), for cross-checking. */
  stream?: number;
  client: string;
  server: string;
  handshake: { syn: number[]; synack: number[]; ack: number | null } | null;
  close: { kind: CloseKind; by: 'client' | 'server' | null; frames: number[] };
  /** Zeek conn_state. */
  state: string;
  /** Zeek history string. */
  history: string;
  first: number;
  last: number;
  start: string;
  duration: number;
  packets: { c2s: number; s2c: number };
  bytes: { c2s: number; s2c: number };
  missed_bytes: number;
  /** Initial RTT in seconds (SYN → ACK of the handshake), null when the handshake was not seen. */
  rtt: number | null;
  /** How the client/server roles were decided. */
  roles_by: 'syn' | 'port' | 'first';
  notes: NoteRecord[];
  /** Application protocol, when the conversation carried payload (issue 4). */
  app?: AppProto;
  /**
   * Messaging pattern, as the protocol names it ('REQ/REP', 'PUB/SUB', 'PUSH/PULL', a client's role
   * 'publisher' or 'subscriber', 'request/response'...). A protocol's other facts about the conversation
   * follow it (their types: src/protocols/<name>/model.ts, the union: src/protocols/model.ts).
   */
  pattern?: string;
  /** Application messages, in order of completion (at most the cap; see message_count). */
  messages?: AppMessageRecord[];
  /** Messages seen, including those beyond the cap. */
  message_count?: number;
  /**
   * Summary mode (AnalyzeOptions.summary) when not every message is listed: running aggregates per sort of
   * message (protocol, kind, name, direction) over all of them — counts, frame span, bytes, same payload,
   * replies and latency, relay delay, topics, QoS (SortStats in src/analysis/app/budget.ts).
   */
  message_stats?: SortStats[];
}

/** A display filter (-Y) that chose the frames listed (docs/filters.md). */
export interface DisplayFilterRecord {
  filter: string;
  /** Frames that matched (those listed), of capture.frames. */
  matched: number;
}

export interface AnalysisModel {
  schema: typeof SCHEMA_ID;
  tool: { name: 'pcap-explain'; version: string };
  capture: CaptureRecord;
  frames: FrameRecord[];
  conversations: ConversationRecord[];
  /** Present when a display filter chose the frames listed. */
  display_filter?: DisplayFilterRecord;
  /**
   * Conversations folded into their group when they were retired (the streaming text summary of a capture
   * with many connections): counted here, absent from `conversations`. Not part of the JSON model.
   */
  folded?: FoldedConversations;
}

/** Numbers of conversations folded into their groups (AnalysisModel.folded). */
export interface FoldedConversations {
  readonly tcp: number;
  readonly udp: number;
  /** By group key (the report's grouping of alike conversations). */
  readonly groups: ReadonlyMap<string, FoldedGroup>;
  /** Client roles (the hosts list's role code and parameters, as a string) seen only in folded members, by host and code. */
  readonly roles?: ReadonlyMap<string, ReadonlyMap<string, ReadonlySet<string>>>;
  /**
   * Refused attempts folded (beyond the first few of their group, which are kept), by client host and
   * server (`host>server`): how many and which; and per kept refused attempt offered after some were
   * folded, how many of its kind were folded before it (the story numbers the attempts).
   */
  readonly refused?: ReadonlyMap<string, FoldedIds>;
  readonly refusedBefore?: ReadonlyMap<number, number>;
  /**
   * Members folded (beyond the first few of their group) that "Worth a second look" would have named, by
   * its item's code: connections aborted with RST (`ov.ab.rst`), connections with tcp.analysis trouble
   * such as retransmissions or lost segments (`ov.ab.tcp`) and those with an application protocol's items
   * (`ov.ab.http`: responses with an error status, `ov.ab.http.noanswer`: requests without a response):
   * how many and which.
   */
  readonly abnormal?: ReadonlyMap<string, FoldedIds>;
}

/** How many conversations, the smallest ids (up to a few) and the largest. */
export interface FoldedIds {
  readonly count: number;
  readonly ids: readonly number[];
  readonly lastId: number;
}

/** The folded members of one group: how many, which, where, and their sizes (exact, one value per member). */
export interface FoldedGroup extends FoldedIds {
  /** First frame of the earliest member, last frame of the latest. */
  readonly first: number;
  readonly last: number;
  /** Per member: duration (s), packets, payload bytes. */
  readonly durations: Float64Array;
  readonly packets: Float64Array;
  readonly bytes: Float64Array;
}
