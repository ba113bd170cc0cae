/**
 * One conversation at the application layer: the dispatcher (port table, then heuristics on the first
 * bytes of either direction, then raw data), the message list (bounded) and conversation notes.
 *
 * Until a protocol is chosen the first bytes of each direction are buffered (at most DECIDE_BYTES per
 * direction) and replayed into the chosen session; the first confirmed match pins the conversation.
 */
import { looksLikeHttp, looksLikeMqttConnect, looksLikeZmtp } from '../../dissectors/app/index.js';
import { decodePayload } from '../../dissectors/app/payload.js';
import { zmtpFramesExact } from '../../dissectors/app/zmtp.js';
import type { ConversationInfo } from '../conversations.js';
import type { AppMessageRecord, AppPayloadRecord, AppProto, ConversationRecord, NoteRecord } from '../model.js';
import type { EndReason, StreamSink } from '../reassembly.js';
import { MessageBudget, SUMMARY_TAIL } from './budget.js';
import type { AppContext } from './context.js';
import { appSeverity } from './notes.js';
import { decodeToRecord, deferrable, PendingPayload, payloadRecord, quickText, shrink } from './payload.js';

/** Well-known server ports (Wireshark's tcp.port dissector table for these protocols, plus the lab's). */
export const PORT_TABLE: ReadonlyMap<number, AppProto> = new Map<number, AppProto>([
  [1883, 'mqtt'],
  [80, 'http'],
  [8080, 'http'],
  [5000, 'http'],
  [5151, 'http'],
  [8000, 'http'],
]);

/**
 * Payload bytes per conversation decoded in full into listed messages; after that, payload values are cut
 * to a short preview (SMALL_PAYLOAD), so a long conversation's messages stay small.
 */
export const PAYLOAD_BUDGET = 1024 * 1024;

/** Short payloads remembered per conversation, and how short. */
const CACHE_SIZE = 8;
const CACHE_BYTES = 256;

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Bytes looked at for a payload preview once the budget is spent. */
const PREVIEW_BYTES = 1024;

/** Bytes buffered per direction while no heuristic has decided. */
export const DECIDE_BYTES = 64;

export type Dir = 0 | 1;
export const DIR_NAME = ['c2s', 's2c'] as const;

/** A protocol session over both directions of one conversation. */
export interface AppHandler {
  readonly proto: AppProto;
  data(dir: Dir, bytes: Uint8Array, offset: number, frame: number): void;
  /** Bytes lost (StreamSink.gap; `cut`: by the snapshot length, from a captured segment). */
  gap(dir: Dir, offset: number, length: number, frame: number, cut?: boolean): void;
  end(dir: Dir, reason: EndReason, frame: number): void;
  /** Optional: a segment waiting behind a hole (StreamSink.ahead). */
  ahead?(dir: Dir, bytes: Uint8Array, offset: number, frame: number): void;
  /** Add the session's fields to the conversation record (app, messages are added by the conversation). */
  finish(rec: ConversationRecord): void;
}

export interface HandlerFactory {
  create(proto: AppProto, conv: AppConversation, opts: { midStream?: boolean; requestDir?: Dir }): AppHandler;
}

interface Chunk {
  dir: Dir;
  bytes: Uint8Array;
  offset: number;
  frame: number;
  t: number;
}

type Verdict =
  | { kind: 'zmtp'; midStream: boolean }
  | { kind: 'mqtt' }
  | { kind: 'http'; request: boolean }
  | { kind: 'wait' }
  | { kind: 'none' };

const WAIT: Verdict = { kind: 'wait' };
const NONE: Verdict = { kind: 'none' };

/** Receives one direction's bytes from the TCP layer and hands them to the conversation. */
class DirSink implements StreamSink {
  constructor(
    private readonly conv: AppConversation,
    private readonly dir: Dir,
  ) {}
  data(bytes: Uint8Array, offset: number, frame: number): void {
    this.conv.data(this.dir, bytes, offset, frame);
  }
  gap(offset: number, length: number, frame: number, cut?: boolean): void {
    this.conv.gap(this.dir, offset, length, frame, cut);
  }
  end(reason: EndReason, frame: number): void {
    this.conv.end(this.dir, reason, frame);
  }
  ahead(bytes: Uint8Array, offset: number, frame: number): void {
    this.conv.handler?.ahead?.(this.dir, bytes, offset, frame);
  }
}

export class AppConversation {
  handler: AppHandler | null = null;
  /** Listed messages (frames collected: up to maxMessages; summary: the budget's head). */
  readonly messages: AppMessageRecord[];
  /** Summary mode (frames not collected): bounded list and running aggregates (budget.ts). */
  private readonly budget: MessageBudget | null = null;
  count = 0;
  readonly notes: NoteRecord[] = [];
  private readonly noted = new Set<string>();
  private pre: Chunk[] | null = null;
  /** Payload bytes decoded into listed messages so far. */
  private spent = 0;
  /** The last few short payloads decoded, with their records (shared by messages with the same bytes). */
  private readonly cacheBytes: (Uint8Array | undefined)[] = new Array(CACHE_SIZE);
  private readonly cacheRecs: (AppPayloadRecord | undefined)[] = new Array(CACHE_SIZE);
  private cacheNext = 0;
  private readonly preLen: [number, number] = [0, 0];
  private readonly ended: [boolean, boolean] = [false, false];
  readonly sinks: [StreamSink, StreamSink];
  /** Fields set by sessions and aggregates, copied onto the record at the end. */
  readonly extra: Record<string, unknown> = {};

  constructor(
    readonly ctx: AppContext,
    readonly id: number,
    readonly info: ConversationInfo | undefined,
    private readonly factory: HandlerFactory,
  ) {
    this.sinks = [new DirSink(this, 0), new DirSink(this, 1)];
    if (!ctx.summary) this.messages = [];
    else {
      // tapped only: nothing is listed, so the budget is full from the start and payload decoding is
      // deferred until a consumer reads the message (decode()); add() aggregates nothing either
      const head = ctx.tapOnly ? 0 : ctx.summaryHead;
      this.budget = new MessageBudget(head, ctx.tapOnly ? 0 : Math.min(SUMMARY_TAIL, ctx.maxMessages - head));
      this.messages = this.budget.head;
    }
    const port = info?.server.port;
    const p = port !== undefined ? PORT_TABLE.get(port) : undefined;
    if (p) this.handler = factory.create(p, this, {});
  }

  get proto(): AppProto | undefined {
    return this.handler?.proto;
  }

  /** The capture holds the conversation's opening (its SYN). */
  get fromStart(): boolean {
    return this.info?.roles_by === 'syn';
  }

  /**
   * True when another message may be listed (under the cap; in summary mode every message passes through
   * the budget, which lists the first and last ones and aggregates the rest); counts every call.
   */
  room(): boolean {
    this.count++;
    const cap = this.ctx.maxMessages;
    if (this.count === cap + 1) this.note('app.messages.capped', { cap });
    if (this.budget) return true;
    return this.messages.length < cap;
  }

  /** Decodes a message payload for the record; small once the payload budget is spent. */
  decode(bytes: Uint8Array): AppPayloadRecord {
    const small = this.spent >= PAYLOAD_BUDGET;
    this.spent += bytes.length;
    // Lab traffic repeats itself ("Hello", "Suhu: 28°C"): the same bytes share one (read-only) record.
    const n = bytes.length;
    if (n <= CACHE_BYTES) {
      for (let k = 0; k < CACHE_SIZE; k++) {
        const c = this.cacheBytes[k];
        if (c !== undefined && c.length === n && sameBytes(c, bytes)) return this.cacheRecs[k]!;
      }
    }
    const q = n <= this.ctx.maxText ? quickText(bytes) : undefined;
    if (q) return n <= CACHE_BYTES ? this.remember(bytes, q) : q;
    // Summary mode past the listed head: most of these messages are only counted, decode when listed.
    const opts = small ? this.ctx.smallPayload : this.ctx.payload;
    if (this.budget?.full && deferrable(bytes, opts))
      return new PendingPayload(new Uint8Array(bytes), opts) as unknown as AppPayloadRecord;
    if (!small) {
      const p = decodePayload(bytes, this.ctx.payload);
      const r = payloadRecord(p);
      if (p.notes.length > 0) this.ctx.notesFrom(p.notes);
      else if (n <= CACHE_BYTES) this.remember(bytes, r);
      return r;
    }
    // Over budget: only the first bytes are looked at (a preview), the length stays the real one.
    if (bytes.length <= PREVIEW_BYTES) return decodeToRecord(bytes, this.ctx, this.ctx.smallPayload);
    let end = PREVIEW_BYTES;
    while (end > PREVIEW_BYTES - 3 && (bytes[end]! & 0xc0) === 0x80) end--; // not inside a UTF-8 sequence
    const r = decodeToRecord(bytes.subarray(0, end), undefined, this.ctx.smallPayload);
    r.length = bytes.length;
    if (r.encoding === 'text' || r.encoding === 'json') {
      return {
        encoding: 'text',
        value: typeof r.value === 'string' ? r.value : JSON.stringify(r.value),
        length: bytes.length,
        truncated: true,
      };
    }
    if (r.encoding === 'hex') r.shown = Math.min(bytes.length, this.ctx.smallPayload.maxHex!);
    return r;
  }

  private remember(bytes: Uint8Array, r: AppPayloadRecord): AppPayloadRecord {
    const k = this.cacheNext;
    this.cacheBytes[k] = new Uint8Array(bytes);
    this.cacheRecs[k] = r;
    this.cacheNext = (k + 1) % CACHE_SIZE;
    return r;
  }

  /** A payload decoded elsewhere (HTTP body), charged to the budget like decode(). */
  charge(r: AppPayloadRecord): AppPayloadRecord {
    const small = this.spent >= PAYLOAD_BUDGET;
    this.spent += r.length;
    return small ? shrink(r) : r;
  }

  /** Lists a message (call after room() said yes). */
  add(m: AppMessageRecord): void {
    if (this.budget) {
      if (!this.ctx.tapOnly) this.budget.add(m);
    } else this.messages.push(m);
    this.ctx.tapped?.push({ conversation: this.id, at: this.ctx.frame, rec: m });
  }

  /**
   * Where decoding of direction `dir` lost its place (app.gap) or found it again (app.resync, with the
   * bytes lost or skipped): a conversation note, and one on `frame` too when it is the frame being
   * processed (not when a later frame's ACK released the bytes). `cut`: the snapshot length cut the bytes
   * from the frame itself (param cut: 1).
   */
  decoding(
    code: 'app.gap' | 'app.resync',
    dir: Dir,
    proto: AppProto,
    frame: number,
    skipped?: number,
    cut = false,
  ): void {
    const params: Record<string, string | number> = { dir: DIR_NAME[dir], proto, frame };
    if (skipped !== undefined) params.skipped = skipped;
    if (cut) params.cut = 1;
    this.note(code, params);
    if (this.ctx.frame === frame) this.ctx.note(code, params);
  }

  /** A conversation note; each code once unless `repeat`. */
  note(code: string, params?: Record<string, string | number>, repeat = false): void {
    if (!repeat) {
      if (this.noted.has(code)) return;
      this.noted.add(code);
    }
    const n: NoteRecord = { code, severity: appSeverity(code), text: code };
    if (params) n.params = params;
    this.notes.push(n);
  }

  /** The completing frame of a PDU: the frame being processed, or the last carrying frame at the end. */
  completing(frames: readonly number[]): number {
    return this.ctx.frame !== 0 ? this.ctx.frame : (frames[frames.length - 1] ?? 0);
  }

  // --- StreamSink side -------------------------------------------------------------------------

  data(dir: Dir, bytes: Uint8Array, offset: number, frame: number): void {
    if (this.handler) {
      this.handler.data(dir, bytes, offset, frame);
      return;
    }
    if (!this.pre) this.pre = [];
    this.pre.push({ dir, bytes: new Uint8Array(bytes), offset, frame, t: this.ctx.now });
    this.preLen[dir] += bytes.length;
    let v = this.verdict(dir);
    if (v.kind === 'wait' && this.preLen[dir] >= DECIDE_BYTES) v = NONE;
    if (v.kind === 'none') {
      // The other direction may still be deciding (ZMTP greetings cross); otherwise this is raw data.
      const other: Dir = dir === 0 ? 1 : 0;
      if (this.preLen[other] > 0 && !this.ended[other] && this.preLen[other] < DECIDE_BYTES) {
        const w = this.verdict(other);
        if (w.kind === 'wait') return;
        if (w.kind !== 'none') {
          this.pin(w, other);
          return;
        }
      }
    }
    if (v.kind !== 'wait') this.pin(v, dir);
  }

  gap(dir: Dir, offset: number, length: number, frame: number, cut = false): void {
    if (!this.handler) {
      if (this.preLen[0] === 0 && this.preLen[1] === 0) {
        // Nothing seen yet: the stream starts after a hole; decide on the bytes that follow.
        return;
      }
      this.pin(NONE, dir);
    }
    this.handler!.gap(dir, offset, length, frame, cut);
  }

  end(dir: Dir, reason: EndReason, frame: number): void {
    this.ended[dir] = true;
    if (!this.handler) {
      if (this.preLen[0] === 0 && this.preLen[1] === 0) return;
      this.pin(NONE, dir);
    }
    this.handler!.end(dir, reason, frame);
  }

  /** What the buffered first bytes of `dir` look like. */
  private verdict(dir: Dir): Verdict {
    const head = this.head(dir);
    if (head.length === 0) return WAIT;
    const z = looksLikeZmtp(head);
    if (z) return { kind: 'zmtp', midStream: false };
    const b0 = head[0]!;
    if (b0 === 0xff && head.length < 10) return WAIT;
    if (looksLikeMqttConnect(head)) return { kind: 'mqtt' };
    if (b0 === 0x10 && head.length < 14) return WAIT;
    const h = looksLikeHttp(head);
    if (h) return { kind: 'http', request: h === 'request' };
    if (httpPrefix(head)) return WAIT;
    if (!this.fromStart) {
      const first = this.firstChunk(dir);
      if (first && zmtpFramesExact(first)) return { kind: 'zmtp', midStream: true };
    }
    return NONE;
  }

  private head(dir: Dir): Uint8Array {
    const pre = this.pre;
    if (!pre) return new Uint8Array(0);
    let first: Uint8Array | undefined;
    let n = 0;
    for (const c of pre) {
      if (c.dir !== dir) continue;
      if (!first) first = c.bytes;
      n += c.bytes.length;
      if (n >= DECIDE_BYTES) break;
    }
    if (!first) return new Uint8Array(0);
    if (first.length >= Math.min(n, DECIDE_BYTES)) return first.subarray(0, DECIDE_BYTES);
    const out = new Uint8Array(Math.min(n, DECIDE_BYTES));
    let o = 0;
    for (const c of pre) {
      if (c.dir !== dir) continue;
      const k = Math.min(c.bytes.length, out.length - o);
      out.set(c.bytes.subarray(0, k), o);
      o += k;
      if (o >= out.length) break;
    }
    return out;
  }

  private firstChunk(dir: Dir): Uint8Array | undefined {
    for (const c of this.pre ?? []) if (c.dir === dir) return c.bytes;
    return undefined;
  }

  /** Choose the protocol and replay the buffered bytes into it. */
  private pin(v: Verdict, dir: Dir): void {
    let proto: AppProto;
    const opts: { midStream?: boolean; requestDir?: Dir } = {};
    switch (v.kind) {
      case 'zmtp':
        proto = 'zmtp';
        if (v.midStream) opts.midStream = true;
        break;
      case 'mqtt':
        proto = 'mqtt';
        break;
      case 'http':
        proto = 'http';
        opts.requestDir = v.request ? dir : dir === 0 ? 1 : 0;
        break;
      default:
        proto = 'data';
    }
    this.handler = this.factory.create(proto, this, opts);
    const pre = this.pre ?? [];
    this.pre = null;
    const now = this.ctx.now;
    for (const c of pre) {
      this.ctx.now = c.t;
      this.handler.data(c.dir, c.bytes, c.offset, c.frame);
    }
    this.ctx.now = now;
  }

  /** Adds the application fields to the conversation record. */
  finish(rec: ConversationRecord): void {
    const h = this.handler;
    if (!h) return;
    rec.app = h.proto;
    h.finish(rec);
    for (const [k, v] of Object.entries(this.extra)) rec[k] = v;
    rec.message_count = this.count;
    if (this.budget) {
      rec.messages = this.budget.listed();
      if (this.budget.dropped > 0) rec.message_stats = this.budget.stats();
    } else rec.messages = this.messages;
    for (const n of this.notes) rec.notes.push(n);
  }
}

const METHOD_CHARS = (c: number) => (c >= 0x41 && c <= 0x5a) || c === 0x2d;
const HTTP1 = [0x48, 0x54, 0x54, 0x50, 0x2f, 0x31, 0x2e];

/** The bytes could still become an HTTP request line or status line (too short to tell). */
function httpPrefix(b: Uint8Array): boolean {
  if (b.length < HTTP1.length) {
    let isStatus = true;
    for (let i = 0; i < b.length; i++) if (b[i] !== HTTP1[i]) isStatus = false;
    if (isStatus) return true;
  }
  if (b.length >= 17) return false;
  for (let i = 0; i < b.length; i++) if (!METHOD_CHARS(b[i]!)) return false;
  return true;
}
