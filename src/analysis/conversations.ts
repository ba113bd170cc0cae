/**
 * The conversation table: every TCP connection and UDP flow (keyed by the 4-tuple, both directions),
 * with Wireshark's per-segment TCP analysis, Zeek's conn_state/history, reassembly of each TCP
 * direction, and a summary record per conversation. One forward pass: onFrame() decides everything
 * about a frame when it arrives; finish() closes the streams and returns the records.
 *
 * Conversation ids are 1-based across TCP and UDP in order of first frame; `stream` on each record is
 * tshark's tcp.stream / udp.stream (0-based per transport) for cross-checking.
 *
 * Roles: the sender of a SYN is the client (the receiver of a SYN/ACK when the SYN is missing).
 * Without either, the server is the side on a port already seen as a server, else the side on a port
 * below 1024 when the other is not, else the lower port; equal ports → the first sender is the client.
 *
 * Port reuse follows Wireshark (tcp.stream): a SYN (without ACK) whose sequence number differs from the
 * one the same side used before starts a new conversation, flagged tcp.analysis.reused_ports — whether
 * or not the earlier connection was closed (Wireshark 4.0 does not look at FIN/RST for this).
 *
 * Retirement (memory bounded by the conversations open at once, not by all of them): advance(), called
 * before each frame, retires a TCP conversation RETIRE_GRACE seconds of capture time after its last frame
 * once it has ended (a FIN each way, or a RST), and any conversation idle for IDLE_TIMEOUT seconds. Its
 * streams are closed, its record is final from then on, onEvict receives it (the application layer drops
 * its session) and the live state is dropped. A retired conversation leaves a tombstone (its id, its
 * client side and sequence bases, ≈ 50 bytes in typed columns: tombs.ts; the most recent MAX_TOMBS are kept):
 *  - a SYN on the 4-tuple with a new sequence number starts a new conversation flagged
 *    tcp.analysis.reused_ports, as it would have while the old one was open (Wireshark's tcp.stream);
 *  - any other segment of an ended conversation that comes later than the grace period still belongs to
 *    it (the same tcp.stream as in Wireshark): it is counted on its record, gets relative sequence numbers
 *    and the note conversation.late, but no sequence analysis (that state is gone);
 *  - a later frame of a conversation that idled out starts a new conversation, as Zeek does after its
 *    inactivity timeout (the old record carries conversation.idle).
 * The grace period covers the retransmitted FINs and final ACKs of a normal close (TIME_WAIT sends nothing
 * new); Wireshark keeps every conversation, so it has no such period.
 *
 * Open conversations are capped (maxConversations, default DEFAULT_MAX_CONVERSATIONS): when a new one
 * would exceed the cap, the idlest tenth (least recent last frame) is flushed — streams closed, record
 * finished as it stands, note conversation.evicted — and its live state dropped; the first flush puts
 * conversation.cap_reached on the frame that caused it. A later frame of a flushed 4-tuple starts a new
 * conversation (as Zeek does after its inactivity timeout). Wireshark has no such limit.
 */
import type { Dissection, Note, Severity, TcpLayer, UdpLayer } from '../dissectors/types.js';
import { TCP_FLAG } from '../dissectors/types.js';
import type { CloseKind, ConversationRecord, NoteRecord, TcpFrameRecord } from './model.js';
import { ByteStream, type EndReason, type NoteSink, type StreamSink } from './reassembly.js';
import { ANALYSIS_NOTES, type SegmentInput, TA, TCP_ANALYSIS_FLAG_ORDER, TcpSeqAnalyzer } from './tcp-analysis.js';
import { TombTable } from './tombs.js';
import { ZeekTcp, ZeekUdp } from './zeek.js';

export interface FrameInput {
  /** Frame number (1-based). */
  n: number;
  /** Seconds since the epoch, as a float (for durations and RTTs). */
  t: number;
  /**
   * The same time as whole seconds + nanoseconds (RawFrame.tsSec/tsNsec). When given, intervals (RTTs,
   * durations) are computed at full precision; from `t` alone they carry float error (~0.2 µs today).
   */
  tsSec?: number;
  tsNsec?: number;
  /** The frame's time as ISO 8601 (used for the conversation start); derived from t when absent. */
  tsIso?: string;
  d: Dissection;
  /** The frame's bytes (payload views point into it). */
  data: Uint8Array;
}

export type Direction = 'c2s' | 's2c';

/** Per-segment TCP analysis: the analysis part of TcpFrameRecord. */
export type TcpSegmentAnalysis = Pick<
  TcpFrameRecord,
  'seq' | 'ack' | 'nextseq' | 'window_size' | 'analysis' | 'dup_ack' | 'ack_rtt' | 'acks_frame'
>;

/** What the table decided about one frame (frozen once returned; renderers only read it). */
export interface FrameAnalysis {
  /** Conversation id (ConversationRecord.id). */
  conversation: number;
  transport: 'tcp' | 'udp';
  direction: Direction;
  /** tshark's tcp.stream / udp.stream. */
  stream: number;
  tcp?: TcpSegmentAnalysis;
  /** tcp.analysis.* and tcp.reassembly.* notes for this frame (see ANALYSIS_NOTES). */
  notes: readonly Note[];
}

export interface Endpoint {
  addr: string;
  port: number;
}

/** What a stream factory is told about a new conversation. */
export interface ConversationInfo {
  id: number;
  transport: 'tcp' | 'udp';
  stream: number;
  client: Endpoint;
  server: Endpoint;
  roles_by: 'syn' | 'port' | 'first';
}

/** Called once per new TCP conversation: the sinks to receive each direction's reassembled bytes. */
export type StreamFactory = (conv: ConversationInfo) => { c2s?: StreamSink; s2c?: StreamSink } | undefined;

export interface ConversationTableOptions {
  /** Out-of-order bytes buffered per direction before giving up a hole (default 4 MiB). */
  reassemblyCap?: number;
  /** Out-of-order segments buffered per direction (ByteStreamOptions.maxSegments; default 16,384). */
  maxSegments?: number;
  /**
   * Open (live) conversations kept at once, TCP and UDP together (default DEFAULT_MAX_CONVERSATIONS;
   * Infinity for no cap). Beyond it the idlest tenth is flushed to the report (conversation.evicted).
   */
  maxConversations?: number;
  /**
   * Server endpoints remembered for deciding the roles of conversations seen without their SYN (the most
   * recent ones; default MAX_SERVERS).
   */
  maxServers?: number;
  /** Called with the finished record of each flushed conversation (the application layer drops its state). */
  onEvict?: (rec: ConversationRecord) => void;
  /**
   * Per-segment TCP details (FrameAnalysis.tcp) for frame records (default true). When false, onFrame
   * returns one reused object without `tcp`, valid until the next call (the summary path).
   */
  frameDetail?: boolean;
  /** Application layer hook: sinks for the reassembled byte streams. */
  streams?: StreamFactory;
  /** Text for conversation notes (NoteRecord.text); the explanation layer supplies its catalogue. */
  noteText?: (code: string, params: Record<string, string | number> | undefined) => string;
}

const SYN = TCP_FLAG.SYN;
const ACK = TCP_FLAG.ACK;
const FIN = TCP_FLAG.FIN;
const RST = TCP_FLAG.RST;
/** Bound on frame lists kept per conversation (SYN repeats, FIN/RST frames). */
const MAX_LIST = 64;
const NO_NOTES: readonly Note[] = Object.freeze([]);
/**
 * Seconds of capture time an ended TCP conversation (FIN each way, or RST) is kept after its last frame
 * before it is retired: retransmitted FINs, the last ACKs and a RST answering a late segment come well
 * within it on a LAN or the Internet.
 */
export const RETIRE_GRACE = 2;
/**
 * Seconds of capture time without a frame after which an open conversation is retired (Zeek's
 * tcp_inactivity_timeout; Zeek uses 1 min for UDP, here 5 min too, so a flow every minute or so — NTP
 * polls every 64 s — stays one conversation).
 */
export const IDLE_TIMEOUT = 300;
/** Capture seconds between two looks for idle conversations (each look visits the open ones). */
const IDLE_SWEEP = 10;
/** Tombstones of retired conversations kept (the most recent ones; older 4-tuples are forgotten). */
export const MAX_TOMBS = 65_536;
/** Default cap on open conversations (≈ 4–8 KB of live state each, with the application layer). */
export const DEFAULT_MAX_CONVERSATIONS = 10_000;
/** Server endpoints remembered for role decisions (rolesByPort): a scan of many servers does not grow it. */
export const MAX_SERVERS = 65_536;
/** Share of the open conversations flushed at once when the cap is hit (amortises the sort). */
const EVICT_SHARE = 0.1;
/** Slots of the lookup cache in front of the 4-tuple map (indexed by the ports; a power of two). */
const SLOTS = 4096;
/** `tcp.analysis.<name>` codes in TCP_ANALYSIS_FLAG_ORDER order. */
const FLAG_CODES: readonly string[] = TCP_ANALYSIS_FLAG_ORDER.map(([, name]) => `tcp.analysis.${name}`);

class Conversation {
  readonly pkts: [number, number] = [0, 0];
  readonly bytes: [number, number] = [0, 0];
  last: number;
  lastT: number;
  readonly notes: NoteRecord[] = [];
  // TCP only
  ana: TcpSeqAnalyzer | null = null;
  zeekTcp: ZeekTcp | null = null;
  zeekUdp: ZeekUdp | null = null;
  streams: [ByteStream, ByteStream] | null = null;
  gapsSeen: [number, number] = [0, 0];
  syn: number[] = [];
  synack: number[] = [];
  synackSeq = -1;
  hsAck: number | null = null;
  closeFrames: number[] = [];
  /** Direction index of the first FIN / RST sender, -1 when none. */
  finBy = -1;
  rstBy = -1;
  /** Direction bits (1 client, 2 server) that sent a FIN. */
  fins = 0;
  /** Time (lastT) at which the conversation was queued for retirement (ended), -1 while not ended. */
  endedT = -1;
  /** The 4-tuple key in the table (ConversationTable.key). */
  key = '';

  constructor(
    readonly id: number,
    readonly transport: 'tcp' | 'udp',
    readonly stream: number,
    readonly cAddr: string,
    readonly cPort: number,
    readonly sAddr: string,
    readonly sPort: number,
    readonly rolesBy: 'syn' | 'port' | 'first',
    readonly first: number,
    readonly firstT: number,
    readonly startIso: string,
    /** Client is not the sender of the first frame (Zeek's '^'). */
    readonly flipped: boolean,
  ) {
    this.last = first;
    this.lastT = firstT;
  }
}

function fmtEndpoint(addr: string, port: number): string {
  return addr.includes(':') ? `[${addr}]:${port}` : `${addr}:${port}`;
}

/** Seconds rounded to nanoseconds (no float noise like 0.30000000000000004 in the records). */
function roundNs(x: number): number {
  return Math.round(x * 1e9) / 1e9;
}

function isoOf(t: number): string {
  const ms = Math.floor(t * 1000);
  return Number.isFinite(ms) ? new Date(ms).toISOString() : '';
}

/** Stateful table of conversations; feed frames in capture order. */
export class ConversationTable implements NoteSink {
  /** The open conversations by 4-tuple key. */
  private readonly byKey = new Map<string, Conversation>();
  /**
   * Every conversation by id - 1, or its final record once it was flushed (its live state dropped), or
   * undefined once its owner let the record go (forget(): folded into a group by the streaming summary).
   */
  private readonly all: (Conversation | ConversationRecord | undefined)[] = [];
  /** Open conversations by (srcport ^ dstport) & (SLOTS - 1): the last one seen there (saves the key string). */
  private readonly slots: (Conversation | undefined)[] = new Array(SLOTS).fill(undefined);
  private readonly maxConv: number;
  private readonly onEvict: ((rec: ConversationRecord) => void) | undefined;
  private readonly detail: boolean;
  /** conversation.cap_reached, waiting for the frame that caused the first flush. */
  private capNote: Note | null = null;
  private capHit = false;
  /** The key lookup() built for the current frame (a cache miss), for create(). */
  private missKey: string | null = null;
  private evictions = 0;
  private evictNote: NoteRecord | null = null;
  /** Ended conversations waiting for their grace period, in the order they ended (from `endHead`). */
  private ending: Conversation[] = [];
  private endHead = 0;
  /** Capture time of the last look for idle conversations. */
  private lastSweep = 0;
  /** Tombstones of the retired TCP conversations (the MAX_TOMBS most recent). */
  private readonly tombs = new TombTable(MAX_TOMBS);
  private retiredCount = 0;
  private lateCount = 0;
  private readonly segIn: SegmentInput = {
    n: 0,
    t: 0,
    seq: 0,
    ack: 0,
    seglen: 0,
    flags: 0,
    window: 0,
    wscale: undefined,
  };
  /** The FrameAnalysis reused when frameDetail is false. */
  private readonly scratch: {
    conversation: number;
    transport: 'tcp' | 'udp';
    direction: Direction;
    stream: number;
    notes: readonly Note[];
  } = { conversation: 0, transport: 'tcp', direction: 'c2s', stream: 0, notes: NO_NOTES };
  private readonly servers = new Set<string>();
  private readonly maxServers: number;
  private tcpStreams = 0;
  private udpStreams = 0;
  private readonly cap: number | undefined;
  private readonly maxSegments: number | undefined;
  private readonly factory: StreamFactory | undefined;
  private readonly noteText: (code: string, params: Record<string, string | number> | undefined) => string;
  /** Notes raised while the current frame is processed. */
  private frameNotes: Note[] | null = null;
  private current: Conversation | null = null;
  private finished = false;
  /**
   * One second before the first frame's whole second: times are kept relative to it, for precision,
   * and stay > 0 (the TCP analysis, like Wireshark, treats a zero time as "not seen").
   */
  private baseSec = Number.NaN;

  /** The frame's time in seconds since baseSec. */
  private rel(input: FrameInput): number {
    return this.relTime(input);
  }

  private relTime(input: Pick<FrameInput, 't' | 'tsSec' | 'tsNsec'>): number {
    if (Number.isNaN(this.baseSec)) this.baseSec = (input.tsSec ?? Math.floor(input.t)) - 1;
    if (input.tsSec !== undefined) return input.tsSec - this.baseSec + (input.tsNsec ?? 0) / 1e9;
    return input.t - this.baseSec;
  }

  constructor(opts: ConversationTableOptions = {}) {
    this.cap = opts.reassemblyCap;
    this.maxSegments = opts.maxSegments;
    this.factory = opts.streams;
    this.maxConv = Math.max(1, opts.maxConversations ?? DEFAULT_MAX_CONVERSATIONS);
    this.maxServers = Math.max(1, opts.maxServers ?? MAX_SERVERS);
    this.onEvict = opts.onEvict;
    this.detail = opts.frameDetail ?? true;
    // Texts come from the explanation catalogues (src/explain); the pipeline sets them on the records.
    this.noteText = opts.noteText ?? ((code) => code);
  }

  /** Number of conversations so far. */
  get size(): number {
    return this.all.length;
  }

  /**
   * Lets the final record of a retired conversation go (its owner folded it into a summary): finish()
   * leaves it out and a late segment of it is counted nowhere but in the frame's own analysis. Only
   * records already handed to onEvict can be forgotten.
   */
  forget(id: number): void {
    const c = this.all[id - 1];
    if (c !== undefined && !(c instanceof Conversation)) this.all[id - 1] = undefined;
  }

  /** Number of open conversations (live state held; at most maxConversations). */
  get open(): number {
    return this.byKey.size;
  }

  /** Number of conversations flushed early because of the cap. */
  get evicted(): number {
    return this.evictions;
  }

  /** Number of conversations retired (ended + RETIRE_GRACE, or idle for IDLE_TIMEOUT). */
  get retired(): number {
    return this.retiredCount;
  }

  /** Frames that came for an ended conversation after it was retired (conversation.late). */
  get lateFrames(): number {
    return this.lateCount;
  }

  /**
   * Capture time has reached the frame `input` (call before onFrame, outside the application layer's
   * frame): retires the ended conversations whose grace period is over and, every IDLE_SWEEP seconds,
   * the idle ones. What their streams complete then belongs to no frame, as at the end of the capture.
   */
  advance(input: Pick<FrameInput, 't' | 'tsSec' | 'tsNsec'>): void {
    if (this.finished) return;
    const now = this.relTime(input);
    const q = this.ending;
    while (this.endHead < q.length) {
      const c = q[this.endHead]!;
      if (this.all[c.id - 1] !== c) {
        this.endHead++; // flushed by the cap, or replaced by a reused 4-tuple
        continue;
      }
      if (now - c.endedT <= RETIRE_GRACE) break;
      this.endHead++;
      if (now - c.lastT > RETIRE_GRACE) this.flush(c, 'retired');
      else {
        // frames came after the end: wait for a quiet grace period from the last one
        c.endedT = c.lastT;
        q.push(c);
      }
    }
    if (this.endHead > 1024 && this.endHead * 2 > q.length) {
      this.ending = q.slice(this.endHead);
      this.endHead = 0;
    }
    if (now - this.lastSweep >= IDLE_SWEEP) {
      this.lastSweep = now;
      for (const c of this.byKey.values()) if (now - c.lastT > IDLE_TIMEOUT) this.flush(c, 'idle');
    }
  }

  onFrame(input: FrameInput): FrameAnalysis | undefined {
    if (this.finished) return undefined;
    const d = input.d;
    const net = d.net;
    if (!net) return undefined;
    const layers = d.layers;
    let tcp: TcpLayer | undefined;
    let udp: UdpLayer | undefined;
    for (let i = layers.length - 1; i >= 0; i--) {
      const l = layers[i]!;
      if (l.kind === 'tcp') {
        if (!tcp && !udp) tcp = l;
      } else if (l.kind === 'udp') {
        if (!tcp && !udp) udp = l;
      } else if ((l.kind === 'ip' || l.kind === 'ipv6') && (tcp || udp)) break;
    }
    if (tcp) return this.onTcp(input, tcp, net.src, net.dst);
    if (udp) return this.onUdp(input, udp, net.src, net.dst);
    return undefined;
  }

  /** NoteSink for the reassembly layer: notes land on the frame being processed. */
  note(code: string, params: Record<string, string | number> | undefined, _frame: number): void {
    const sev: Severity = ANALYSIS_NOTES[code] ?? 'error';
    const n: Note = params ? { code, severity: sev, params } : { code, severity: sev };
    if (!this.frameNotes) this.frameNotes = [];
    this.frameNotes.push(n);
    const c = this.current;
    // a reassembly cap: once on the conversation too
    if (c && code.startsWith('tcp.reassembly.') && !c.notes.some((n) => n.code === code)) {
      c.notes.push({ code, severity: sev, text: this.noteText(code, params), ...(params ? { params } : {}) });
    }
  }

  /** The open conversation of a 4-tuple (either direction), or undefined. */
  private lookup(transport: 'tcp' | 'udp', src: string, sp: number, dst: string, dp: number): Conversation | undefined {
    this.missKey = null;
    const idx = (sp ^ dp) & (SLOTS - 1);
    const s = this.slots[idx];
    if (
      s !== undefined &&
      s.transport === transport &&
      ((s.cPort === sp && s.sPort === dp && s.cAddr === src && s.sAddr === dst) ||
        (s.cPort === dp && s.sPort === sp && s.cAddr === dst && s.sAddr === src))
    ) {
      return s;
    }
    const key = this.key(transport === 'tcp' ? 't' : 'u', src, sp, dst, dp);
    this.missKey = key;
    const c = this.byKey.get(key);
    if (c) this.slots[idx] = c;
    return c;
  }

  private key(proto: string, src: string, sp: number, dst: string, dp: number): string {
    return src < dst || (src === dst && sp <= dp)
      ? `${proto}${src}|${sp}|${dst}|${dp}`
      : `${proto}${dst}|${dp}|${src}|${sp}`;
  }

  /** Server endpoints remembered now (at most maxServers). */
  get serverCount(): number {
    return this.servers.size;
  }

  /** Remembers a server endpoint for rolesByPort (the maxServers most recent: a scan does not grow it). */
  private serverSeen(k: string): void {
    const s = this.servers;
    if (s.has(k)) {
      s.delete(k); // most recent last
    } else if (s.size >= this.maxServers) {
      s.delete(s.values().next().value!);
    }
    s.add(k);
  }

  /** Decide client/server for a conversation's first frame: true when the sender is the client. */
  private rolesByPort(proto: string, src: string, sp: number, dst: string, dp: number): [boolean, 'port' | 'first'] {
    const srcServer = this.servers.has(`${proto}${src}|${sp}`);
    const dstServer = this.servers.has(`${proto}${dst}|${dp}`);
    if (dstServer !== srcServer) return [dstServer, 'port'];
    if (sp < 1024 !== dp < 1024) return [dp < 1024, 'port'];
    if (sp !== dp) return [dp < sp, 'port'];
    return [true, 'first'];
  }

  private create(
    transport: 'tcp' | 'udp',
    input: FrameInput,
    src: string,
    sp: number,
    dst: string,
    dp: number,
    srcIsClient: boolean,
    rolesBy: 'syn' | 'port' | 'first',
  ): Conversation {
    const proto = transport === 'tcp' ? 't' : 'u';
    // lookup() of this frame missed the cache (or found a conversation being replaced) and built the key
    const key = this.missKey ?? this.key(proto, src, sp, dst, dp);
    this.missKey = null;
    const old = this.byKey.get(key);
    if (old) {
      // A reused 4-tuple: the old conversation's streams are closed and no frame reaches it any more, so
      // its record is final; the table's live state for it is dropped (the application layer keeps its
      // own for the cross-conversation passes at the end).
      this.byKey.delete(key);
      this.all[old.id - 1] = this.record(old);
    }
    if (this.byKey.size >= this.maxConv) this.evictIdle();
    const stream = transport === 'tcp' ? this.tcpStreams++ : this.udpStreams++;
    const c = new Conversation(
      this.all.length + 1,
      transport,
      stream,
      srcIsClient ? src : dst,
      srcIsClient ? sp : dp,
      srcIsClient ? dst : src,
      srcIsClient ? dp : sp,
      rolesBy,
      input.n,
      this.rel(input),
      input.tsIso ?? isoOf(input.t),
      !srcIsClient,
    );
    if (rolesBy !== 'first') this.serverSeen(`${proto}${c.sAddr}|${c.sPort}`);
    if (transport === 'tcp') {
      c.ana = new TcpSeqAnalyzer();
      c.zeekTcp = new ZeekTcp(c.flipped);
      const sinks = this.factory?.({
        id: c.id,
        transport,
        stream,
        client: { addr: c.cAddr, port: c.cPort },
        server: { addr: c.sAddr, port: c.sPort },
        roles_by: rolesBy,
      });
      const opts = { capBytes: this.cap, maxSegments: this.maxSegments, notes: this };
      c.streams = [new ByteStream(sinks?.c2s ?? null, opts), new ByteStream(sinks?.s2c ?? null, opts)];
    } else {
      c.zeekUdp = new ZeekUdp(c.flipped);
    }
    c.key = key;
    this.byKey.set(key, c);
    this.slots[(sp ^ dp) & (SLOTS - 1)] = c;
    this.all.push(c);
    return c;
  }

  /** Flush the idlest open conversations (least recent last frame), EVICT_SHARE of the cap at once. */
  private evictIdle(): void {
    const open = [...this.byKey.values()];
    open.sort((a, b) => a.last - b.last || a.id - b.id);
    const k = Math.min(open.length, Math.max(1, Math.ceil(this.maxConv * EVICT_SHARE)));
    for (let i = 0; i < k; i++) this.flush(open[i]!, 'evicted');
    if (!this.capHit) {
      this.capHit = true;
      this.capNote = {
        code: 'conversation.cap_reached',
        severity: ANALYSIS_NOTES['conversation.cap_reached']!,
        params: { cap: this.maxConv, flushed: k },
      };
    }
  }

  /**
   * Close an open conversation before the end of the capture: its record is final, its live state is
   * dropped. `evicted`: the open-conversation cap; `retired`: it ended and its grace period is over;
   * `idle`: no frame for IDLE_TIMEOUT. Retired and idle ones leave a tombstone.
   */
  private flush(c: Conversation, why: 'evicted' | 'retired' | 'idle'): void {
    const savedNotes = this.frameNotes;
    const savedCurrent = this.current;
    this.frameNotes = null;
    this.current = c;
    this.closeStreams(c, why);
    this.frameNotes = savedNotes;
    this.current = savedCurrent;
    if (why === 'evicted') {
      c.notes.push(this.evictedNote());
      this.evictions++;
    } else {
      if (why === 'idle') {
        const code = 'conversation.idle';
        const params = { idle: IDLE_TIMEOUT };
        c.notes.push({ code, severity: ANALYSIS_NOTES[code]!, text: this.noteText(code, params), params });
      }
      this.retiredCount++;
      this.bury(c, why === 'retired');
    }
    const rec = this.record(c);
    // compact: exact-size copies of the lists (a pushed-to array keeps spare capacity)
    if (rec.handshake)
      rec.handshake = { syn: rec.handshake.syn.slice(), synack: rec.handshake.synack.slice(), ack: rec.handshake.ack };
    rec.close.frames = rec.close.frames.slice();
    rec.notes = rec.notes.slice();
    this.all[c.id - 1] = rec;
    this.byKey.delete(c.key);
    const idx = (c.cPort ^ c.sPort) & (SLOTS - 1);
    if (this.slots[idx] === c) this.slots[idx] = undefined;
    this.onEvict?.(rec);
  }

  /**
   * Leaves the tombstone of a retired TCP conversation (the oldest one goes beyond MAX_TOMBS). A UDP flow
   * leaves none: nothing reads one (a later datagram starts a new flow).
   */
  private bury(c: Conversation, ended: boolean): void {
    if (c.transport !== 'tcp') return;
    this.tombs.bury(c.cAddr, c.cPort, c.sAddr, c.sPort, {
      id: c.id,
      stream: c.stream,
      base0: c.ana?.base(0),
      base1: c.ana?.base(1),
      firstT: c.firstT,
      ended,
    });
  }

  /** The conversation.evicted note, one object shared by every flushed record (read-only). */
  private evictedNote(): NoteRecord {
    if (!this.evictNote) {
      const code = 'conversation.evicted';
      const params = { cap: this.maxConv };
      this.evictNote = { code, severity: ANALYSIS_NOTES[code]!, text: this.noteText(code, params), params };
    }
    return this.evictNote;
  }

  /** Close both streams of a TCP conversation and carry their new gaps into Zeek's history. */
  private closeStreams(c: Conversation, reason: EndReason): void {
    const streams = c.streams;
    if (!streams) return;
    for (const s of streams) s.close(c.last, reason);
    for (let i = 0; i < 2; i++) {
      const g = streams[i]!.gaps;
      if (g !== c.gapsSeen[i]) {
        c.zeekTcp!.gap(i === 0, g - c.gapsSeen[i]!);
        c.gapsSeen[i] = g;
      }
    }
  }

  private onTcp(input: FrameInput, tcp: TcpLayer, src: string, dst: string): FrameAnalysis {
    const n = input.n;
    const t = this.rel(input);
    const sp = tcp.srcport;
    const dp = tcp.dstport;
    const flags = tcp.flags;
    let c = this.lookup('tcp', src, sp, dst, dp);
    let reused = false;
    const pureSyn = (flags & (SYN | ACK)) === SYN;
    if (!c && this.tombs.size > 0) {
      const tombs = this.tombs;
      const tomb = tombs.find(src, sp, dst, dp);
      if (tomb >= 0) {
        const dir = tombs.sourceIsClient(tomb) ? 0 : 1;
        const base = tombs.base(tomb, dir);
        const ended = tombs.ended(tomb);
        if (pureSyn && base !== undefined && base !== tcp.seq_raw) reused = true;
        else if (ended && !pureSyn) return this.late(input, tcp, tomb, dir, t);
        else if (ended && base === tcp.seq_raw) return this.late(input, tcp, tomb, dir, t);
        tombs.remove(tomb);
      }
    }
    if (c && pureSyn) {
      const dir = c.cAddr === src && c.cPort === sp ? 0 : 1;
      const base = c.ana!.base(dir);
      if (base !== undefined && base !== tcp.seq_raw) {
        reused = true;
        this.closeStreams(c, 'reused');
        c = undefined;
      }
    }
    if (!c) {
      let srcIsClient: boolean;
      let by: 'syn' | 'port' | 'first';
      if (flags & SYN) {
        srcIsClient = !(flags & ACK);
        by = 'syn';
      } else {
        [srcIsClient, by] = this.rolesByPort('t', src, sp, dst, dp);
      }
      c = this.create('tcp', input, src, sp, dst, dp, srcIsClient, by);
    }
    this.current = c;
    this.frameNotes = this.takeCapNote();
    const dir: 0 | 1 = c.cAddr === src && c.cPort === sp ? 0 : 1;
    const isClient = dir === 0;

    // tcp.len from the IP length fields (as Wireshark), not what the snapshot length kept.
    const seglen = tcp.len;

    c.pkts[dir]++;
    c.bytes[dir] += seglen;
    c.last = n;
    c.lastT = t;

    // Wireshark's sequence analysis.
    const si = this.segIn;
    si.n = n;
    si.t = t;
    si.seq = tcp.seq_raw;
    si.ack = tcp.ack_raw;
    si.seglen = seglen;
    si.flags = flags;
    si.window = tcp.window;
    si.wscale = tcp.options.wscale;
    const r = c.ana!.segment(dir, si, reused);

    // Zeek's view.
    c.zeekTcp!.packet(isClient, flags, tcp.seq_raw, seglen, tcp.window);

    // Handshake and close.
    if (flags & SYN) {
      if (flags & ACK) {
        if (c.synack.length < MAX_LIST) c.synack.push(n);
        c.synackSeq = tcp.seq_raw;
      } else if (c.syn.length < MAX_LIST) c.syn.push(n);
    } else if (
      isClient &&
      flags & ACK &&
      c.hsAck === null &&
      c.synackSeq >= 0 &&
      tcp.ack_raw === (c.synackSeq + 1) >>> 0
    ) {
      c.hsAck = n;
    }
    if (flags & (FIN | RST)) {
      if (c.closeFrames.length < MAX_LIST) c.closeFrames.push(n);
      if (flags & FIN && c.finBy < 0) c.finBy = dir;
      if (flags & RST && c.rstBy < 0) c.rstBy = dir;
      if (flags & FIN) c.fins |= dir + 1;
      if (c.endedT < 0 && (c.rstBy >= 0 || c.fins === 3)) {
        c.endedT = t;
        this.ending.push(c);
      }
    }

    // Reassembly.
    const streams = c.streams!;
    const out = streams[dir];
    const other = streams[dir ^ 1]!;
    let dataSeq = tcp.seq_raw;
    if (flags & SYN) {
      dataSeq = (dataSeq + 1) >>> 0;
      out.init(dataSeq);
    }
    if (flags & RST) {
      out.rst(n);
      other.rst(n);
    } else {
      if (seglen > 0) {
        const data = input.data;
        const off = input.d.payloadOffset;
        const avail = Math.max(0, Math.min(input.d.payloadLength, seglen, data.length - off));
        // A plain Uint8Array view, also when the frame is a Buffer: cheaper than Buffer#subarray, and
        // slice() downstream then copies (Buffer#slice would keep a view into the reader's chunk).
        out.segment(dataSeq, new Uint8Array(data.buffer, data.byteOffset + off, avail), n, seglen);
      }
      if (flags & FIN) out.fin((dataSeq + seglen) >>> 0, n);
      if (flags & ACK) other.ack(tcp.ack_raw, n);
    }
    const zk = c.zeekTcp!;
    for (let i = 0; i < 2; i++) {
      const g = streams[i]!.gaps;
      if (g !== c.gapsSeen[i]) {
        zk.gap(i === 0, g - c.gapsSeen[i]!);
        c.gapsSeen[i] = g;
      }
    }

    // The frame's analysis record.
    const ta = r.flags;
    let notes: Note[] | null = this.frameNotes;
    let names: string[] | undefined;
    if (ta !== 0) {
      names = [];
      const analysisNotes: Note[] = [];
      for (let i = 0; i < TCP_ANALYSIS_FLAG_ORDER.length; i++) {
        const [bit, name] = TCP_ANALYSIS_FLAG_ORDER[i]!;
        if (!(ta & bit)) continue;
        names.push(name);
        const code = FLAG_CODES[i]!;
        const note: Note = { code, severity: ANALYSIS_NOTES[code]! };
        if (bit === TA.DUPLICATE_ACK) note.params = { num: r.dupAckNum, frame: r.dupAckFrame };
        analysisNotes.push(note);
      }
      notes = notes ? analysisNotes.concat(notes) : analysisNotes;
    }
    this.frameNotes = null;
    this.current = null;
    const direction: Direction = isClient ? 'c2s' : 's2c';
    if (!this.detail) return this.reuse(c, 'tcp', direction, notes ?? NO_NOTES);
    const seg: TcpSegmentAnalysis = { seq: r.seq, ack: r.ack, nextseq: r.nextseq };
    if (r.windowSize >= 0) seg.window_size = r.windowSize;
    if (names) {
      seg.analysis = names;
      if (ta & TA.DUPLICATE_ACK) seg.dup_ack = { num: r.dupAckNum, frame: r.dupAckFrame };
    }
    if (r.acksFrame !== 0) {
      seg.acks_frame = r.acksFrame;
      seg.ack_rtt = roundNs(r.ackRtt);
    }
    return {
      conversation: c.id,
      transport: 'tcp',
      direction,
      stream: c.stream,
      tcp: seg,
      notes: notes ?? NO_NOTES,
    };
  }

  /**
   * A segment of an ended conversation after it was retired: counted on its record (packets, bytes, last
   * frame, duration), relative sequence numbers from its bases, no sequence analysis; note conversation.late.
   */
  private late(input: FrameInput, tcp: TcpLayer, tomb: number, dir: 0 | 1, t: number): FrameAnalysis {
    this.lateCount++;
    const tombs = this.tombs;
    const id = tombs.id(tomb);
    const rec = this.all[id - 1] as ConversationRecord | undefined;
    const seglen = tcp.len;
    if (rec) {
      if (dir === 0) {
        rec.packets.c2s++;
        rec.bytes.c2s += seglen;
      } else {
        rec.packets.s2c++;
        rec.bytes.s2c += seglen;
      }
      rec.last = input.n;
      rec.duration = roundNs(Math.max(0, t - tombs.firstT(tomb)));
    }
    const code = 'conversation.late';
    const note: Note = { code, severity: ANALYSIS_NOTES[code]!, params: { grace: RETIRE_GRACE } };
    const cap = this.takeCapNote();
    const notes: readonly Note[] = cap ? [...cap, note] : [note];
    const direction: Direction = dir === 0 ? 'c2s' : 's2c';
    const stream = tombs.stream(tomb);
    if (!this.detail) {
      const s = this.scratch;
      s.conversation = id;
      s.transport = 'tcp';
      s.direction = direction;
      s.stream = stream;
      s.notes = notes;
      return s;
    }
    const fwd = tombs.base(tomb, dir);
    const rev = tombs.base(tomb, dir === 0 ? 1 : 0);
    const seq = fwd === undefined ? tcp.seq_raw : (tcp.seq_raw - fwd) >>> 0;
    const ack = tcp.flags & ACK && rev !== undefined ? (tcp.ack_raw - rev) >>> 0 : tcp.ack_raw;
    const nextseq = (seq + seglen + (tcp.flags & (SYN | FIN) ? 1 : 0)) >>> 0;
    return { conversation: id, transport: 'tcp', direction, stream, tcp: { seq, ack, nextseq }, notes };
  }

  /** conversation.cap_reached for the current frame, once (the frame notes array, or null). */
  private takeCapNote(): Note[] | null {
    const n = this.capNote;
    if (!n) return null;
    this.capNote = null;
    return [n];
  }

  /** The shared FrameAnalysis of the summary path (frameDetail false). */
  private reuse(
    c: Conversation,
    transport: 'tcp' | 'udp',
    direction: Direction,
    notes: readonly Note[],
  ): FrameAnalysis {
    const s = this.scratch;
    s.conversation = c.id;
    s.transport = transport;
    s.direction = direction;
    s.stream = c.stream;
    s.notes = notes;
    return s;
  }

  private onUdp(input: FrameInput, udp: UdpLayer, src: string, dst: string): FrameAnalysis {
    const sp = udp.srcport;
    const dp = udp.dstport;
    let c = this.lookup('udp', src, sp, dst, dp);
    if (!c) {
      const [srcIsClient, by] = this.rolesByPort('u', src, sp, dst, dp);
      c = this.create('udp', input, src, sp, dst, dp, srcIsClient, by);
    }
    const isClient = c.cAddr === src && c.cPort === sp;
    const dir = isClient ? 0 : 1;
    const len = udp.length >= 8 ? udp.length - 8 : udp.payload_len;
    c.pkts[dir]++;
    c.bytes[dir] += len;
    c.last = input.n;
    c.lastT = this.rel(input);
    c.zeekUdp!.packet(isClient, len);
    const notes = this.takeCapNote() ?? NO_NOTES;
    const direction: Direction = isClient ? 'c2s' : 's2c';
    if (!this.detail) return this.reuse(c, 'udp', direction, notes);
    return { conversation: c.id, transport: 'udp', direction, stream: c.stream, notes };
  }

  /** Close every stream (end of capture) and return the records, ordered by id. */
  finish(): ConversationRecord[] {
    if (!this.finished) {
      this.finished = true;
      for (const c of this.all) {
        if (!(c instanceof Conversation) || !c.streams) continue;
        this.current = c;
        this.closeStreams(c, 'capture_end');
        this.current = null;
      }
      this.frameNotes = null;
    }
    const out: ConversationRecord[] = [];
    for (const c of this.all) if (c !== undefined) out.push(c instanceof Conversation ? this.record(c) : c);
    return out;
  }

  /** Bytes of conversation `id` wait behind a hole in either direction (out of order, not delivered yet). */
  outOfOrder(id: number): boolean {
    const c = this.all[id - 1];
    const s = c instanceof Conversation ? c.streams : null;
    return s !== null && (s[0].buffered > 0 || s[1].buffered > 0);
  }

  /** The record of conversation `id` as it stands now (live capture), without closing anything. */
  snapshot(id: number): ConversationRecord | undefined {
    const c = this.all[id - 1];
    if (c === undefined) return undefined;
    return c instanceof Conversation ? this.record(c) : { ...c };
  }

  private record(c: Conversation): ConversationRecord {
    let state: string;
    let history: string;
    let handshake: ConversationRecord['handshake'] = null;
    let close: ConversationRecord['close'];
    let missed = 0;
    let rtt: number | null = null;
    if (c.transport === 'tcp') {
      const zk = c.zeekTcp!;
      state = zk.connState(c.bytes[0], c.bytes[1]);
      history = zk.history;
      if (c.syn.length > 0 || c.synack.length > 0) handshake = { syn: c.syn, synack: c.synack, ack: c.hsAck };
      let kind: CloseKind = 'open';
      let by = -1;
      if (state === 'REJ') {
        kind = 'refused';
        by = c.rstBy;
      } else if (c.rstBy >= 0) {
        kind = 'rst';
        by = c.rstBy;
      } else if (c.finBy >= 0) {
        kind = 'fin';
        by = c.finBy;
      }
      close = { kind, by: by === 0 ? 'client' : by === 1 ? 'server' : null, frames: c.closeFrames };
      missed = c.streams![0].missed + c.streams![1].missed;
      if (c.hsAck !== null && c.ana!.firstRtt > 0) rtt = roundNs(c.ana!.firstRtt);
    } else {
      const zu = c.zeekUdp!;
      state = zu.connState();
      history = zu.history;
      close = { kind: 'open', by: null, frames: [] };
    }
    return {
      id: c.id,
      transport: c.transport,
      stream: c.stream,
      client: fmtEndpoint(c.cAddr, c.cPort),
      server: fmtEndpoint(c.sAddr, c.sPort),
      handshake,
      close,
      state,
      history,
      first: c.first,
      last: c.last,
      start: c.startIso,
      duration: roundNs(Math.max(0, c.lastT - c.firstT)),
      packets: { c2s: c.pkts[0], s2c: c.pkts[1] },
      bytes: { c2s: c.bytes[0], s2c: c.bytes[1] },
      missed_bytes: missed,
      rtt,
      roles_by: c.rolesBy,
      notes: c.notes,
    };
  }
}
