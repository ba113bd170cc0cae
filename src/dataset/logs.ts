/**
 * The dataset of a course (issue 23): Zeek-style logs in JSON Lines, one record per line, made from what
 * the analysis produces (the capture record, conversation records, the application messages as they are
 * listed, the expert notes as frames are analysed). Four logs, joined by `capture` and `uid`:
 *
 * | log | one record per |
 * |---|---|
 * | `captures.jsonl` | capture file given (also an unreadable one: `error`) |
 * | `conn.jsonl` | TCP connection or UDP flow (Zeek's conn.log: `uid`, `id.orig_h`…, `conn_state`, `history`) |
 * | `messages.jsonl` | application message (any protocol module's, plain data too) |
 * | `notes.jsonl` | expert note (Zeek's notice/weird): on a frame, a conversation or the file |
 *
 * Values are raw: integers, seconds as numbers, ISO 8601 UTC times, codes rather than sentences (no
 * language, no thousands separators, no units). Field names and types: docs/dataset.md and
 * schema/dataset.schema.json. Records are built here and only here; writing them is the caller's (a
 * `write(log, line)` function), so the logs stream: a message or a note is written when its frame is
 * analysed, a conversation when its capture ends, nothing is kept across captures.
 */
import { createHash } from 'node:crypto';
import { basename } from 'node:path';
import type { TappedMessage } from '../analysis/app/index.js';
import type { AnalysisModel, AppMessageRecord, AppPayloadRecord, ConversationRecord } from '../analysis/model.js';
import type { Note, Severity } from '../dissectors/types.js';
import { typedConversation, typedMessage } from '../protocols/model.js';
import { connFields } from '../protocols/registry.js';

export const LOG_NAMES = ['captures', 'conn', 'messages', 'notes'] as const;
export type LogName = (typeof LOG_NAMES)[number];

/** Dataset format id, in every captures record (`schema`). */
export const DATASET_ID = 'pcap-explain-dataset/1';

/** Characters of a payload preview (the full payload is in the capture; this is for reading and grouping). */
export const PREVIEW_CHARS = 200;

export interface CaptureLogRecord {
  schema: typeof DATASET_ID;
  capture: string;
  file: string;
  error: string | null;
  format: 'pcap' | 'pcapng' | null;
  compressed: boolean;
  linktypes: number[];
  frames: number;
  bytes: number;
  start: string | null;
  end: string | null;
  duration: number;
  protocols: string[];
  protocol_frames: number[];
  damaged: boolean;
  damage: string | null;
  damage_offset: number | null;
  warnings: string[];
  conversations: number;
  tcp_conversations: number;
  udp_conversations: number;
  messages: number;
  notes: number;
  missed_bytes: number;
}

/** A conn.jsonl record: the common fields; after them, the registered protocols' (ProtocolModule.conn). */
export interface ConnLogRecord {
  ts: string;
  uid: string;
  capture: string;
  conversation: number;
  stream: number | null;
  'id.orig_h': string;
  'id.orig_p': number;
  'id.resp_h': string;
  'id.resp_p': number;
  proto: 'tcp' | 'udp';
  app: string | null;
  pattern: string | null;
  orig_socket_type: string | null;
  resp_socket_type: string | null;
  conn_state: string;
  history: string;
  duration: number;
  orig_pkts: number;
  resp_pkts: number;
  orig_bytes: number;
  resp_bytes: number;
  missed_bytes: number;
  rtt: number | null;
  handshake: 'complete' | 'partial' | 'none';
  syn_frame: number | null;
  synack_frame: number | null;
  ack_frame: number | null;
  close: 'fin' | 'rst' | 'refused' | 'open';
  close_by: 'orig' | 'resp' | null;
  close_frames: number[];
  first_frame: number;
  last_frame: number;
  message_count: number;
}

export interface MessageLogRecord {
  ts: string | null;
  uid: string;
  capture: string;
  conversation: number;
  frame: number;
  frames: number[];
  direction: 'c2s' | 's2c';
  is_orig: boolean;
  proto: string;
  kind: string;
  name: string | null;
  topic: string | null;
  qos: number | null;
  packet_id: number | null;
  method: string | null;
  uri: string | null;
  status: number | null;
  parts: number | null;
  payload: string | null;
  payload_encoding: string | null;
  payload_length: number | null;
  reply_to: number | null;
  latency: number | null;
  relay_delay: number | null;
}

export interface NoteLogRecord {
  ts: string | null;
  capture: string;
  uid: string | null;
  conversation: number | null;
  frame: number | null;
  scope: 'frame' | 'conversation' | 'capture';
  code: string;
  severity: Severity;
  params: Record<string, string | number> | null;
}

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

/**
 * A conversation's uid, as Zeek's: `C` and 17 base-62 characters. Zeek draws them at random; here they are
 * a hash of the capture (as given) and the conversation id, so the same run gives the same uids and a
 * message or note written before its conversation's record already has it.
 */
export function connUid(capture: string, conversation: number): string {
  const h = createHash('sha256').update(`${capture}\u0000${conversation}`).digest();
  let n = (h.readBigUInt64BE(0) << 64n) | h.readBigUInt64BE(8); // 128 bits; 17 base-62 digits use 101
  let s = '';
  for (let i = 0; i < 17; i++) {
    s += BASE62[Number(n % 62n)];
    n /= 62n;
  }
  return `C${s}`;
}

/** `172.18.0.2:5555` / `[fe80::1]:80` → host and port. */
export function splitEndpoint(ep: string): { host: string; port: number } {
  if (ep.startsWith('[')) {
    const end = ep.indexOf(']');
    return { host: ep.slice(1, end), port: Number(ep.slice(end + 2)) };
  }
  const i = ep.lastIndexOf(':');
  return i < 0 ? { host: ep, port: 0 } : { host: ep.slice(0, i), port: Number(ep.slice(i + 1)) };
}

function handshakeOf(c: ConversationRecord): ConnLogRecord['handshake'] {
  const h = c.handshake;
  if (!h || h.syn.length === 0) return 'none';
  return h.synack.length > 0 && h.ack !== null ? 'complete' : 'partial';
}

/** One conn.log record. */
export function connRecord(capture: string, c: ConversationRecord): ConnLogRecord {
  const o = splitEndpoint(c.client);
  const r = splitEndpoint(c.server);
  const t = typedConversation(c);
  return {
    ts: c.start,
    uid: connUid(capture, c.id),
    capture,
    conversation: c.id,
    stream: c.stream ?? null,
    'id.orig_h': o.host,
    'id.orig_p': o.port,
    'id.resp_h': r.host,
    'id.resp_p': r.port,
    proto: c.transport,
    app: c.app ?? null,
    pattern: c.pattern ?? null,
    orig_socket_type: t.socket_types?.client ?? null,
    resp_socket_type: t.socket_types?.server ?? null,
    conn_state: c.state,
    history: c.history,
    duration: c.duration,
    orig_pkts: c.packets.c2s,
    resp_pkts: c.packets.s2c,
    orig_bytes: c.bytes.c2s,
    resp_bytes: c.bytes.s2c,
    missed_bytes: c.missed_bytes,
    rtt: c.rtt,
    handshake: handshakeOf(c),
    syn_frame: c.handshake?.syn[0] ?? null,
    synack_frame: c.handshake?.synack[0] ?? null,
    ack_frame: c.handshake?.ack ?? null,
    close: c.close.kind,
    close_by: c.close.by === 'client' ? 'orig' : c.close.by === 'server' ? 'resp' : null,
    close_frames: c.close.frames,
    first_frame: c.first,
    last_frame: c.last,
    message_count: c.message_count ?? 0,
    ...connFields(c),
  };
}

/** A payload as one line of text: text as it is, JSON and pickle values as JSON, bytes in hex; cut. */
export function payloadPreview(p: AppPayloadRecord): string {
  const v = p.encoding === 'text' || p.encoding === 'hex' ? String(p.value) : JSON.stringify(p.value);
  const chars = [...(v ?? '')];
  return chars.length > PREVIEW_CHARS ? `${chars.slice(0, PREVIEW_CHARS - 1).join('')}…` : (v ?? '');
}

function str(v: unknown): string | null {
  return typeof v === 'string' ? v : null;
}

function num(v: unknown): number | null {
  return typeof v === 'number' && Number.isFinite(v) ? v : null;
}

/** One messages.log record; `ts` is the time of the frame that completed it (null: at the end of the capture). */
export function messageRecord(
  capture: string,
  conversation: number,
  rec: AppMessageRecord,
  ts: string | null,
): MessageLogRecord {
  // the log's columns are common to every protocol: each is read where the message's variant has it
  const m = typedMessage(rec);
  const field = (k: string): unknown => (k in m ? Reflect.get(m, k) : undefined);
  const relayed = field('relayed_from');
  const parts = field('parts');
  return {
    ts,
    uid: connUid(capture, conversation),
    capture,
    conversation,
    frame: m.frame,
    frames: m.frames,
    direction: m.dir,
    is_orig: m.dir === 'c2s',
    proto: m.proto,
    kind: m.kind,
    name: str(field('name')),
    topic: str(field('topic')),
    qos: num(field('qos')),
    packet_id: num(field('packet_id')),
    method: str(field('method')),
    uri: str(field('uri')),
    status: num(field('status')),
    parts: Array.isArray(parts) ? parts.length : null,
    payload: m.payload ? payloadPreview(m.payload) : null,
    payload_encoding: m.payload?.encoding ?? null,
    payload_length: m.payload?.length ?? null,
    reply_to: m.reply_to ?? null,
    latency: m.latency ?? null,
    relay_delay: num(relayed && typeof relayed === 'object' && 'delay' in relayed ? relayed.delay : undefined),
  };
}

export type LogWrite = (log: LogName, line: string) => void;

function line(rec: object): string {
  return `${JSON.stringify(rec)}\n`;
}

/**
 * The logs of one capture, fed as the analysis runs: frame(…) after each frame with the messages it
 * listed (AnalysisSession.takeMessages()), notes(…) from AnalyzeOptions.onNotes, finish(model) at the end
 * (the conversations, their notes, the file's warnings and the captures record). Keeps only counters.
 */
export class CaptureLog {
  private messageCount = 0;
  private noteCount = 0;

  constructor(
    readonly capture: string,
    private readonly write: LogWrite,
  ) {}

  /** The messages listed while frame `n` (at time `ts`) was analysed, or at the end (`ts` null). */
  messages(tapped: readonly TappedMessage[], ts: string | null): void {
    for (const t of tapped) {
      this.messageCount++;
      // ts is frame `at`'s time: the message's own frame unless it completed at the end of the capture
      const own = t.at > 0 && t.at === t.rec.frame;
      this.write('messages', line(messageRecord(this.capture, t.conversation, t.rec, own ? ts : null)));
    }
  }

  /** Expert notes of frame `n` (at time `ts`). */
  notes(frame: number, notes: readonly Note[], conversation: number | undefined, ts: string | null): void {
    for (const n of notes) {
      this.noteCount++;
      const rec: NoteLogRecord = {
        ts,
        capture: this.capture,
        uid: conversation !== undefined ? connUid(this.capture, conversation) : null,
        conversation: conversation ?? null,
        frame,
        scope: 'frame',
        code: n.code,
        severity: n.severity,
        params: n.params ?? null,
      };
      this.write('notes', line(rec));
    }
  }

  /**
   * The end of the capture: conn records, conversation and file notes, the captures record. `protocols`:
   * frames per protocol (AnalysisSession.protocolCounts), in order of first appearance.
   */
  finish(model: AnalysisModel, protocols: ReadonlyMap<string, number>): void {
    let missed = 0;
    let tcp = 0;
    for (const c of model.conversations) {
      missed += c.missed_bytes;
      if (c.transport === 'tcp') tcp++;
      this.write('conn', line(connRecord(this.capture, c)));
      for (const n of c.notes) {
        this.noteCount++;
        const rec: NoteLogRecord = {
          ts: c.start,
          capture: this.capture,
          uid: connUid(this.capture, c.id),
          conversation: c.id,
          frame: null,
          scope: 'conversation',
          code: n.code,
          severity: n.severity,
          params: n.params ?? null,
        };
        this.write('notes', line(rec));
      }
    }
    for (const w of model.capture.warnings) {
      this.noteCount++;
      const rec: NoteLogRecord = {
        ts: null,
        capture: this.capture,
        uid: null,
        conversation: null,
        frame: null,
        scope: 'capture',
        code: w.code,
        severity: 'warn',
        params: w.offset !== undefined ? { offset: w.offset } : null,
      };
      this.write('notes', line(rec));
    }
    const cap = model.capture;
    const damage = cap.damaged ? cap.warnings[0] : undefined;
    const rec: CaptureLogRecord = {
      schema: DATASET_ID,
      capture: this.capture,
      file: basename(this.capture),
      error: null,
      format: cap.format,
      compressed: cap.compressed,
      linktypes: cap.linktypes,
      frames: cap.frames,
      bytes: cap.bytes,
      start: cap.start,
      end: cap.end,
      duration: cap.duration,
      protocols: [...protocols.keys()],
      protocol_frames: [...protocols.values()],
      damaged: cap.damaged,
      damage: damage?.code ?? null,
      damage_offset: damage?.offset ?? null,
      warnings: cap.warnings.map((w) => w.code),
      conversations: model.conversations.length,
      tcp_conversations: tcp,
      udp_conversations: model.conversations.length - tcp,
      messages: this.messageCount,
      notes: this.noteCount,
      missed_bytes: missed,
    };
    this.write('captures', line(rec));
  }

  /** A file that is not a readable capture: its captures record says why, and it has no other records. */
  unreadable(error: string): void {
    const rec: CaptureLogRecord = {
      schema: DATASET_ID,
      capture: this.capture,
      file: basename(this.capture),
      error,
      format: null,
      compressed: false,
      linktypes: [],
      frames: 0,
      bytes: 0,
      start: null,
      end: null,
      duration: 0,
      protocols: [],
      protocol_frames: [],
      damaged: false,
      damage: null,
      damage_offset: null,
      warnings: [],
      conversations: 0,
      tcp_conversations: 0,
      udp_conversations: 0,
      messages: 0,
      notes: 0,
      missed_bytes: 0,
    };
    this.write('captures', line(rec));
  }
}
