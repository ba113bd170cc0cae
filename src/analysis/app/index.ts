/**
 * The application layer of the analysis: one AppConversation per TCP conversation (through the
 * conversation table's stream factory) and per UDP flow that carries payload; per-protocol sessions
 * (the protocol modules of src/protocols, handed in by the pipeline); what each frame completes (for the frame list); and, at the end, the
 * conversation records' application fields and the protocols' cross-conversation passes.
 *
 * Usage per capture: endFrames() before the table's advance() (what retired conversations complete then
 * belongs to no frame), begin(frame) before the conversation table sees the frame, udp() for UDP payloads,
 * take() after the frame (when frames are rendered), endFrames() before the table's finish(), then
 * finish(records). evict() receives each record the table retires or flushes.
 */
import type { ConversationInfo, Direction, StreamFactory } from '../conversations.js';
import type { ConversationRecord } from '../model.js';
import type { StreamSink } from '../reassembly.js';
import { AppContext, type AppFrameOutput, type AppLimitOptions, type TappedMessage } from './context.js';
import { AppConversation } from './conversation.js';
import type { SessionProtocols } from './protocol.js';

export type { AppFrameOutput, AppLimitOptions, TappedMessage } from './context.js';
export { DEFAULT_MAX_MESSAGES } from './context.js';
export { APP_LAYER_NOTES } from './notes.js';

/** The limits (messages listed, PDU sizes, payload decoding: AppLimitOptions) and what to collect. */
export interface AppLayerOptions extends AppLimitOptions {
  /** Collect what each frame completes (FrameRecord.app, Info text, frame notes). Default true. */
  frames?: boolean;
  /**
   * Summary mode: list a bounded number of messages per conversation and aggregate the rest
   * (budget.ts), also when frames are collected for a digest. Default: when frames are not collected.
   */
  summary?: boolean;
  /** Payload previews in frame entries (the Info column). Default true; a digest that prints no frame lines skips them. */
  previews?: boolean;
  /**
   * Hand every message listed (each one in summary mode) to takeTapped() as well, whether or not the
   * conversation keeps it: a streaming consumer reads each message once and the layer stays bounded.
   * 'only' (summary mode): conversations then list and aggregate none, for a consumer that needs nothing
   * else of them.
   */
  tap?: boolean | 'only';
}

const NO_TAPPED: TappedMessage[] = [];
/**
 * Retired conversations kept for the cross-conversation passes (SessionProtocol.finishAll) of their
 * protocol, at most: beyond it the oldest leave the passes (a flood guard; a lab capture has a handful).
 */
export const MAX_PASS_MEMBERS = 4096;

export class AppLayer {
  readonly ctx: AppContext;
  private readonly convs: AppConversation[] = [];
  private readonly byId: (AppConversation | undefined)[] = [];
  /** Conversations in `convs` flushed by evict() since the list was last compacted. */
  private dropped = 0;
  /** Retired conversations of protocols with a cross-conversation pass, by id (at most MAX_PASS_MEMBERS). */
  private readonly passMembers = new Map<number, AppConversation>();
  /** Names of the protocols that have a cross-conversation pass. */
  private readonly passProtocols: ReadonlySet<string>;
  /** The conversation table's stream factory (one closure per capture). */
  readonly factory: StreamFactory;

  constructor(protocols: SessionProtocols, opts: AppLayerOptions = {}) {
    const frames = opts.frames ?? true;
    this.ctx = new AppContext(protocols, frames, opts, opts.summary ?? !frames, opts.previews ?? true);
    if (opts.tap) this.ctx.tapped = [];
    this.ctx.tapOnly = opts.tap === 'only' && this.ctx.summary;
    this.factory = (info) => this.open(info);
    this.passProtocols = new Set(protocols.list.filter((p) => p.finishAll).map((p) => p.name));
  }

  private open(info: ConversationInfo): { c2s: StreamSink; s2c: StreamSink } {
    const c = new AppConversation(this.ctx, info.id, info);
    this.convs.push(c);
    this.byId[info.id] = c;
    return { c2s: c.sinks[0], s2c: c.sinks[1] };
  }

  /** A frame starts (before the conversation table sees it). */
  begin(n: number, tsSec: number, tsNsec: number): void {
    this.ctx.begin(n, tsSec, tsNsec);
  }

  /**
   * A UDP datagram's payload (bytes valid during the call only); `length` is its length from the UDP header
   * when the snapshot length cut it. The flow's first datagram picks its protocol: by `serverPort` (the
   * port of the side the conversation table made the server), then by the protocols' datagram heuristics,
   * else plain data.
   */
  udp(
    conversation: number,
    direction: Direction,
    bytes: Uint8Array,
    frame: number,
    length = bytes.length,
    serverPort?: number,
  ): void {
    let c = this.byId[conversation];
    if (!c) {
      c = new AppConversation(this.ctx, conversation, undefined);
      const dir = direction === 'c2s' ? 0 : 1;
      const { proto, start } = this.ctx.protocols.datagramProtocol(serverPort, bytes, dir);
      c.handler = proto.session(c, start);
      this.convs.push(c);
      this.byId[conversation] = c;
    }
    c.handler?.datagram?.(direction === 'c2s' ? 0 : 1, bytes, frame, length);
  }

  /** The messages listed since the last call, in order (AppLayerOptions.tap; else none). */
  takeTapped(): TappedMessage[] {
    const t = this.ctx.tapped;
    if (!t || t.length === 0) return NO_TAPPED;
    this.ctx.tapped = [];
    return t;
  }

  /** What the current frame completed at the application layer, if anything. */
  take(): AppFrameOutput | undefined {
    return this.ctx.take();
  }

  /** No more frames: what completes from now on (streams flushed at the end) belongs to no frame. */
  endFrames(): void {
    this.ctx.endFrames();
  }

  /** Conversation `id`'s delivered bytes wait for the rest of a message (AppConversation.incomplete). */
  incomplete(id: number): boolean {
    return this.byId[id]?.incomplete() === true;
  }

  /** Adds the application fields known so far to one record (live capture); no cross-conversation passes. */
  describe(record: ConversationRecord): void {
    this.byId[record.id]?.finish(record);
  }

  /**
   * A conversation the conversation table retired (ended and quiet, idle, or flushed by the open-conversation
   * cap): adds its application fields to the finished record (as describe()) and drops its session. A
   * protocol with a cross-conversation pass keeps the session (its record holds the same messages) until
   * the pass at the end, which may add to the record then.
   */
  evict(record: ConversationRecord): void {
    const c = this.byId[record.id];
    if (!c) return;
    c.finish(record);
    const proto = c.proto;
    if (proto !== undefined && this.passProtocols.has(proto)) {
      const m = this.passMembers;
      if (m.size >= MAX_PASS_MEMBERS) m.delete(m.keys().next().value!);
      m.set(record.id, c);
    }
    this.byId[record.id] = undefined;
    this.dropped++;
    // drop flushed conversations from the list in batches (order kept for the passes at the end)
    if (this.dropped * 2 > this.convs.length) {
      let w = 0;
      for (const x of this.convs) if (this.byId[x.id] === x) this.convs[w++] = x;
      this.convs.length = w;
      this.dropped = 0;
    }
  }

  /** Adds the application fields to the conversation records and runs the cross-conversation passes. */
  finish(records: ConversationRecord[]): void {
    this.ctx.endFrames();
    const byId = new Map<number, ConversationRecord>();
    for (const r of records) byId.set(r.id, r);
    const live = this.dropped > 0 ? this.convs.filter((c) => this.byId[c.id] === c) : this.convs;
    const retired = [...this.passMembers.values()];
    // the passes see every conversation of their protocols in id order, retired or not
    const all = retired.length > 0 ? [...live, ...retired].sort((a, b) => a.id - b.id) : live;
    for (const p of this.ctx.protocols.list) p.finishAll?.(all, byId);
    for (const c of live) {
      const r = byId.get(c.id);
      if (r) c.finish(r);
    }
    for (const c of retired) {
      const r = byId.get(c.id);
      if (r) c.finishAgain(r);
    }
  }
}
