/**
 * One conversation at the application layer: the dispatcher (port table, then heuristics on the first
 * bytes of either direction, then raw data), the message list (bounded) and conversation notes.
 *
 * Until a protocol is chosen the first bytes of each direction are buffered (at most DECIDE_BYTES per
 * direction) and replayed into the chosen session; the first confirmed match pins the conversation.
 */
import { decodePayload } from '../../dissectors/app/payload.js';
import type { ConversationInfo } from '../conversations.js';
import type { AppMessageRecord, AppPayloadRecord, AppProto, ConversationRecord, NoteRecord } from '../model.js';
import type { EndReason, StreamSink } from '../reassembly.js';
import { MessageBudget, SUMMARY_TAIL } from './budget.js';
import type { AppContext } from './context.js';
import { decodeToRecord, deferrable, PendingPayload, payloadRecord, quickText, shrink } from './payload.js';
import type { SessionProtocol, SessionProtocols, SessionStart } from './protocol.js';

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
  /**
   * UDP: one datagram (bytes valid during the call only; `length` from the UDP header when the snapshot cut
   * it). Sessions of protocols that take UDP flows (SessionProtocol.udpPorts / detectDatagram, and the
   * fallback) receive them.
   */
  datagram?(dir: Dir, bytes: Uint8Array, frame: number, length: number): void;
  /** Optional: a segment waiting behind a hole (StreamSink.ahead). */
  ahead?(dir: Dir, bytes: Uint8Array, offset: number, frame: number): void;
  /** Add the session's fields to the conversation record (app, messages are added by the conversation). */
  finish(rec: ConversationRecord): void;
  /**
   * Optional: bytes delivered in either direction wait for the rest of their message (a PDU split over
   * segments, a multi-part message); a later frame may complete it. Without it, never.
   */
  incomplete?(): boolean;
}

interface Chunk {
  dir: Dir;
  bytes: Uint8Array;
  offset: number;
  frame: number;
  t: number;
}

/** A direction's verdict: a protocol and how it starts, need more bytes, or none claims it. */
type Verdict = { proto: SessionProtocol; start: SessionStart } | 'wait' | 'none';

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
  /** Notes already added to the record by finish() (finishAgain() adds the later ones). */
  private told = 0;
  private readonly ended: [boolean, boolean] = [false, false];
  /**
   * The session was chosen by the server's port alone and no byte has come yet (none was sent, or the
   * attempt was refused): the record names no application then, as Wireshark labels such packets TCP.
   */
  private byPortOnly = false;
  readonly sinks: [StreamSink, StreamSink];

  constructor(
    readonly ctx: AppContext,
    readonly id: number,
    readonly info: ConversationInfo | undefined,
    private readonly protocols: SessionProtocols = ctx.protocols,
  ) {
    this.sinks = [new DirSink(this, 0), new DirSink(this, 1)];
    if (!ctx.summary) this.messages = [];
    else {
      // tapped only: nothing is listed, so the budget is full from the start and payload decoding is
      // deferred until a consumer reads the message (decode()); add() aggregates nothing either
      const head = ctx.tapOnly ? 0 : ctx.summaryHead;
      this.budget = new MessageBudget(
        head,
        ctx.tapOnly ? 0 : Math.min(SUMMARY_TAIL, ctx.maxMessages - head),
        protocols.facets,
      );
      this.messages = this.budget.head;
    }
    const port = info?.server.port;
    const p = port !== undefined ? protocols.byPort.get(port) : undefined;
    if (p) {
      this.handler = p.session(this, {});
      this.byPortOnly = true;
    }
  }

  get proto(): AppProto | undefined {
    return this.handler?.proto;
  }

  /**
   * Bytes delivered wait for more: the protocol is not chosen yet (the first bytes are kept until it is),
   * or a message is not complete yet (AppHandler.incomplete).
   */
  incomplete(): boolean {
    return this.pre !== null || this.handler?.incomplete?.() === true;
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
    if (this.budget?.full && deferrable(bytes, opts)) return new PendingPayload(new Uint8Array(bytes), opts);
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

  /** A payload decoded elsewhere (a body the protocol's decoder read), charged to the budget like decode(). */
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
    const n: NoteRecord = { code, severity: this.ctx.protocols.severity(code), text: code };
    if (params) n.params = params;
    this.notes.push(n);
  }

  /** The completing frame of a PDU: the frame being processed, or the last carrying frame at the end. */
  completing(frames: readonly number[]): number {
    return this.ctx.frame !== 0 ? this.ctx.frame : (frames[frames.length - 1] ?? 0);
  }

  // --- StreamSink side -------------------------------------------------------------------------

  data(dir: Dir, bytes: Uint8Array, offset: number, frame: number): void {
    this.byPortOnly = false;
    if (this.handler) {
      this.handler.data(dir, bytes, offset, frame);
      return;
    }
    if (!this.pre) this.pre = [];
    this.pre.push({ dir, bytes: new Uint8Array(bytes), offset, frame, t: this.ctx.now });
    this.preLen[dir] += bytes.length;
    let v = this.verdict(dir);
    if (v === 'wait' && this.preLen[dir] >= DECIDE_BYTES) v = 'none';
    if (v === 'none') {
      // The other direction may still be deciding (greetings cross); otherwise this is raw data.
      const other: Dir = dir === 0 ? 1 : 0;
      if (this.preLen[other] > 0 && !this.ended[other] && this.preLen[other] < DECIDE_BYTES) {
        const w = this.verdict(other);
        if (w === 'wait') return;
        if (w !== 'none') {
          this.pin(w);
          return;
        }
      }
    }
    if (v !== 'wait') this.pin(v);
  }

  gap(dir: Dir, offset: number, length: number, frame: number, cut = false): void {
    this.byPortOnly = false;
    if (!this.handler) {
      if (this.preLen[0] === 0 && this.preLen[1] === 0) {
        // Nothing seen yet: the stream starts after a hole; decide on the bytes that follow.
        return;
      }
      this.pin('none');
    }
    this.handler!.gap(dir, offset, length, frame, cut);
  }

  end(dir: Dir, reason: EndReason, frame: number): void {
    this.ended[dir] = true;
    if (!this.handler) {
      if (this.preLen[0] === 0 && this.preLen[1] === 0) return;
      this.pin('none');
    }
    this.handler!.end(dir, reason, frame);
  }

  /**
   * What the buffered first bytes of `dir` look like: the protocols' heuristics in registry order (the
   * first yes wins; a protocol that needs more bytes makes the conversation wait), then, for a
   * conversation the capture joined late, the weaker mid-stream heuristics.
   */
  private verdict(dir: Dir): Verdict {
    const head = this.head(dir);
    if (head.length === 0) return 'wait';
    for (const proto of this.protocols.list) {
      const d = proto.detect?.(head, dir);
      if (d === undefined || d === 'no') continue;
      if (d === 'more') return 'wait';
      return { proto, start: d };
    }
    if (!this.fromStart) {
      const first = this.firstChunk(dir);
      if (first)
        for (const proto of this.protocols.list) {
          const start = proto.detectMidStream?.(first);
          if (start) return { proto, start };
        }
    }
    return 'none';
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

  /** Choose the protocol (none claimed it: raw data) and replay the buffered bytes into it. */
  private pin(v: Exclude<Verdict, 'wait'>): void {
    this.handler = v === 'none' ? this.protocols.fallback.session(this, {}) : v.proto.session(this, v.start);
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
    if (!h || this.byPortOnly) return;
    rec.app = h.proto;
    h.finish(rec);
    rec.message_count = this.count;
    if (this.budget) {
      rec.messages = this.budget.listed();
      if (this.budget.dropped > 0) rec.message_stats = this.budget.stats();
    } else rec.messages = this.messages;
    for (const n of this.notes) rec.notes.push(n);
    this.told = this.notes.length;
  }

  /**
   * A conversation finished when it was retired, after the cross-conversation passes: the session's fields
   * again (SessionProtocol.finishAll) and the notes added since.
   */
  finishAgain(rec: ConversationRecord): void {
    const h = this.handler;
    if (!h) return;
    h.finish(rec);
    for (let i = this.told; i < this.notes.length; i++) rec.notes.push(this.notes[i]!);
    this.told = this.notes.length;
  }
}
