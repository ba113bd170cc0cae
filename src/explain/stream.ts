/**
 * Explanations of frames told as the capture is read (explained `--frames`, `-f json`, issue 8 and 18), in
 * one forward pass: the session analyses each frame as it is read, the frame is held in a window (the CLI's
 * FrameWindow) and told when it leaves it, from what the session knows by then.
 *
 * A frame's explanation names the messages the frame completes and the messages it carries a piece of, with
 * the roles and pattern of its conversation. What it cannot know when it is analysed is forward: a frame
 * whose bytes belong to a message completed by a later frame (a PDU split over segments, an out-of-order
 * segment, a ZeroMQ multi-part message), messages completed only when the streams are flushed at the end,
 * and the conversation's roles and pattern. Held frames get links (ForwardLinks) to a short reference of each
 * message a later frame completes (MsgRef: sort, ordinal, completing frame) as the session lists it, and
 * are told from the conversation record as it stands when they leave the window (the finished record once the
 * capture is over: a capture that fits in the window is told exactly as the whole model tells it). A frame
 * that leaves the window before the frame completing its message is told as what is known (its bytes as
 * data), as Wireshark's one-pass tshark says "[TCP segment of a reassembled PDU]". An ACK names what the frame
 * it acknowledges carried when that frame was told within the last ACK_WINDOW frames; further behind it is
 * told as an ACK of that frame. Memory: the held frames, their links (capped: Limits.explainLinks), and a
 * context per conversation open at once.
 */

import { settle } from '../analysis/app/budget.js';
import type { TappedMessage } from '../analysis/app/index.js';
import type { ConversationRecord, FrameRecord } from '../analysis/model.js';
import { type Conversation, typedConversation, typedMessage } from '../protocols/model.js';
import { appView, framesOf, type Msg } from './app.js';
import { convRoles, type FrameConv, type Lookup, type MsgRef, Ordinals, refOf, sideOf, sortOf } from './context.js';
import { type HostNames, sayer } from './format.js';
import { FrameExplainer } from './frames.js';
import type { Lang } from './text.js';

/** Links kept at most at once by default (a held frame carrying a piece of a later message: ~100 bytes each). */
export const DEFAULT_EXPLAIN_LINKS = 1_000_000;

/** Frames held by default while their explanation may depend on later frames (Limits.explainWindow). */
export const DEFAULT_EXPLAIN_WINDOW = 4096;

/**
 * What frames carried is remembered for the last ACK_WINDOW frames told (an ACK names what the frame it
 * acknowledges carried); an ACK further behind is told as a plain ACK of that frame.
 */
export const ACK_WINDOW = 4096;

/** The message view of a tapped record (payloads whose decoding was deferred are decoded now). */
function msgOf(t: TappedMessage, quiet = false): Msg {
  if (!quiet) settle(t.rec);
  return typedMessage(t.rec);
}

/** What a frame carrying no message carries (shared: never mutated). */
const NONE: readonly MsgRef[] = Object.freeze([]);

/**
 * Forward knowledge of the frames still held: per frame, the messages it carries a piece of that a later
 * frame completed (or the end of the capture), and per conversation the messages completed at the end.
 * Messages are added as the session lists them (the frame completing one is analysed while the frames
 * before it are still held); a frame's links are read and forgotten when it is told (take()). A link for a
 * frame already told is too late: it is counted (late), the frame was told as plain data.
 */
export class ForwardLinks {
  private readonly byFrame = new Map<number, MsgRef[]>();
  private readonly ordinals = new Map<number, Ordinals>();
  private readonly endMsgs = new Map<number, Array<{ m: Msg; ordinal: number }>>();
  /** Frames up to this one have been told. */
  private told = 0;
  private held = 0;
  /** Links made in all, not kept because the cap was reached, and made after their frame was told. */
  made = 0;
  dropped = 0;
  late = 0;

  constructor(private readonly cap = DEFAULT_EXPLAIN_LINKS) {}

  /** Messages as the session lists them (after each frame, and once after finish()). */
  add(tapped: readonly TappedMessage[]): void {
    for (const t of tapped) {
      const rec = t.rec;
      const h = rec;
      let ord = this.ordinals.get(t.conversation);
      if (!ord) {
        ord = new Ordinals();
        this.ordinals.set(t.conversation, ord);
      }
      const ordinal = ord.next(sortOf(h));
      const frames = rec.frames;
      const end = t.at === 0;
      // frames told before the one completing this message
      let early = end;
      for (let i = 0; i < frames.length && !early; i++) if (frames[i]! < t.at) early = true;
      if (!early) continue;
      const m = msgOf(t);
      // a message completed at the end whose frames were all told already: nothing is left to tell of it
      if (end && framesOf(m).every((n) => n <= this.told)) {
        for (const n of framesOf(m)) this.link(n, refOf(m, ordinal));
        continue;
      }
      if (end) {
        let list = this.endMsgs.get(t.conversation);
        if (!list) {
          list = [];
          this.endMsgs.set(t.conversation, list);
        }
        list.push({ m, ordinal });
      }
      const ref = refOf(m, ordinal);
      for (const n of framesOf(m)) if (end || n < t.at) this.link(n, ref);
    }
  }

  private link(n: number, ref: MsgRef): void {
    if (n <= this.told) {
      this.late++;
      return;
    }
    if (this.held >= this.cap) {
      this.dropped++;
      return;
    }
    this.made++;
    this.held++;
    const a = this.byFrame.get(n);
    if (a) a.push(ref);
    else this.byFrame.set(n, [ref]);
  }

  /** The links of frame `n`, forgotten once read; frames must be told in ascending order. */
  take(n: number): MsgRef[] | undefined {
    if (n > this.told) this.told = n;
    const out = this.byFrame.get(n);
    if (!out) return undefined;
    this.byFrame.delete(n);
    this.held -= out.length;
    return out;
  }

  /** Messages of conversation `id` completed when the streams were flushed, with their ordinals. */
  ended(id: number): Array<{ m: Msg; ordinal: number }> | undefined {
    const e = this.endMsgs.get(id);
    this.endMsgs.delete(id);
    return e;
  }

  /** A conversation told to its end: its message counts are no longer needed. */
  forget(id: number): void {
    this.ordinals.delete(id);
  }

  /** Links kept and not yet read (zero once every frame is told). */
  get pending(): number {
    return this.held;
  }
}

/** What a conversation's frames are told with, from its record: roles, pattern, application. */
type ConvBase = Pick<FrameConv, 'c' | 'view' | 'roles' | 'kind' | 'sender'>;

function baseOf(rec: ConversationRecord): ConvBase {
  const c = typedConversation(rec);
  const view = appView(c);
  const { roles, kind, sender } = convRoles(view);
  const b: ConvBase = {
    c,
    view: {
      ...(view.app ? { app: view.app } : {}),
      ...(view.pattern ? { pattern: view.pattern } : {}),
    },
    roles,
    kind,
  };
  if (sender) b.sender = sender;
  return b;
}

/**
 * A conversation's context while its frames are told: roles and pattern from its record (the finished one,
 * or the one so far while the capture is still read), the messages of the frame being told as the session
 * listed them; what frames carried is the explainer's (Carried).
 */
class LiveConv implements FrameConv {
  c!: Conversation;
  view!: FrameConv['view'];
  roles!: FrameConv['roles'];
  kind!: FrameConv['kind'];
  sender?: FrameConv['sender'];
  /** The record as read (c is a copy whose last frame is past every frame while it is one so far). */
  rec!: Conversation;
  /** The record's last frame. */
  last = 0;
  /** The frame the record so far was read at (Infinity: the finished record). */
  asOf = Number.POSITIVE_INFINITY;
  /** The last frame of this conversation told. */
  told = 0;
  /** FINs told (1 client, 2 server) and whether an RST was: ended once both FINs or an RST were told. */
  fins = 0;
  reset = false;
  readonly ordinal = new Map<Msg, number>();
  readonly completes: Lookup<number, Msg[]>;
  readonly carries: Lookup<number, readonly MsgRef[]>;
  private readonly counts = new Ordinals();
  /** The frame the live messages were completed in, and those messages. */
  private at = -1;
  private live: Msg[] = [];
  private liveRefs: MsgRef[] = [];
  private readonly atEnd = new Map<number, Msg[]>();

  constructor(
    base: ConvBase,
    asOf: number,
    private readonly carried: Carried,
  ) {
    this.use(base, asOf);
    this.completes = {
      get: (n) => {
        const live = this.at === n && this.live.length > 0 ? this.live : undefined;
        const end = this.atEnd.get(n);
        if (!end) return live;
        return live ? [...live, ...end] : end;
      },
    };
    this.carries = { get: (n) => this.carried.get(n) };
  }

  /** Tells from `base` from now on: the finished record (asOf Infinity) or the one so far at frame `asOf`. */
  use(base: ConvBase, asOf: number): void {
    this.rec = base.c;
    this.last = base.c.last;
    this.asOf = asOf;
    // a record so far: the conversation is not over at its last frame yet (FrameExplainer drops it there)
    this.c = asOf === Number.POSITIVE_INFINITY ? base.c : { ...base.c, last: Number.POSITIVE_INFINITY };
    this.view = base.view;
    this.roles = base.roles;
    this.kind = base.kind;
    if (base.sender) this.sender = base.sender;
    else delete this.sender;
  }

  /** Messages completed when the streams were flushed at the end of the capture. */
  ended(list: Array<{ m: Msg; ordinal: number }> | undefined): void {
    for (const { m, ordinal } of list ?? []) {
      this.ordinal.set(m, ordinal);
      const a = this.atEnd.get(m.frame);
      if (a) a.push(m);
      else this.atEnd.set(m.frame, [m]);
    }
  }

  /** A message the session completed in frame `at`. */
  add(m: Msg, at: number): void {
    if (at !== this.at) {
      for (const x of this.live) this.ordinal.delete(x);
      this.at = at;
      this.live = [];
      this.liveRefs = [];
    }
    const k = this.counts.next(sortOf(m));
    this.ordinal.set(m, k);
    this.live.push(m);
    this.liveRefs.push(refOf(m, k));
  }

  /** What frame `n` of this conversation carries: its live messages, then `linked` (completed later). */
  carriedBy(n: number, linked: MsgRef[] | undefined): readonly MsgRef[] {
    const live = this.at === n ? this.liveRefs : NONE;
    return linked ? [...live, ...linked] : live;
  }
}

/** What frames carried, for the ACKs that name it: every frame of the last ACK_WINDOW frames told. */
class Carried {
  /** Frames n - ACK_WINDOW … n in a ring (slot n % RING): the frame number and what it carried. */
  private static readonly RING = ACK_WINDOW + 1;
  private readonly ringN = new Float64Array(Carried.RING).fill(-1);
  private readonly ringRefs: Array<readonly MsgRef[]> = new Array(Carried.RING).fill(NONE);

  get(n: number): readonly MsgRef[] | undefined {
    const i = n % Carried.RING;
    if (this.ringN[i] === n && this.ringRefs[i]!.length > 0) return this.ringRefs[i];
    return undefined;
  }

  /** Frame `n` carried `refs`. */
  set(n: number, refs: readonly MsgRef[]): void {
    const i = n % Carried.RING;
    this.ringN[i] = n;
    this.ringRefs[i] = refs;
  }
}

/** Where the explainer reads conversation records: the finished ones, or the ones so far. */
export interface ConvRecords {
  /** The record of conversation `id` as it stands after the frames analysed so far. */
  soFar(id: number): ConversationRecord | undefined;
  /** The last frame analysed. */
  head(): number;
}

/**
 * Explains frames as they are told, in frame order, each with the messages the session listed while it
 * analysed the frame (AnalysisSession.takeMessages()) and ForwardLinks of the frames still held: the same
 * text as explainModel gives the whole model's frames when every frame was held until the end, with no
 * frame and no finished message kept. A conversation's context is made at its first frame told and
 * dropped after its last (or, while records are ones so far, once it has ended and been idle for `idle`
 * frames).
 */
export class StreamExplainer {
  private readonly records = new Map<number, ConversationRecord>();
  /**
   * Final records of conversations the session retired while their frames are still to be told (retired()):
   * the session may let them go, each is kept here until its last frame is told.
   */
  private readonly retiredRecs = new Map<number, ConversationRecord>();
  /** The last frame told. */
  private toldN = 0;
  /** Roles and pattern per conversation, when made ahead (prepare()). */
  private readonly bases = new Map<number, ConvBase>();
  private readonly contexts = new Map<number, LiveConv>();
  private readonly carried = new Carried();
  private ex: FrameExplainer | undefined;
  private live: ConvRecords | undefined;
  private finished: boolean;
  private sweepAt = 0;

  /**
   * `conversations`: the finished records, or where to read them so far (then finish() gives the finished
   * ones at the end of the capture). `names` apply from the first frame told.
   */
  constructor(
    conversations: readonly ConversationRecord[] | ConvRecords,
    private readonly lang: Lang,
    private readonly links: ForwardLinks,
    private names?: HostNames,
    private readonly idle = 2 * DEFAULT_EXPLAIN_WINDOW,
  ) {
    this.finished = Array.isArray(conversations);
    if (Array.isArray(conversations)) for (const c of conversations) this.records.set(c.id, c);
    else this.live = conversations as ConvRecords;
  }

  /**
   * The capture is over: from now on frames are told from the finished records (and host names); the
   * contexts made from records so far take theirs, with the messages completed at the end.
   */
  finish(conversations: readonly ConversationRecord[], names?: HostNames): void {
    this.finished = true;
    this.live = undefined;
    for (const c of conversations) this.records.set(c.id, c);
    for (const [id, c] of this.retiredRecs) if (!this.records.has(id)) this.records.set(id, c);
    this.retiredRecs.clear();
    if (!this.ex) this.names = names;
    for (const [id, ctx] of this.contexts) {
      const c = this.records.get(id);
      if (!c) continue;
      ctx.use(baseOf(c), Number.POSITIVE_INFINITY);
      ctx.ended(this.links.ended(id));
    }
  }

  private explainer(): FrameExplainer {
    this.ex ??= new FrameExplainer(
      sayer(this.lang, this.names),
      (id) => this.context(id),
      (id) => this.drop(id),
    );
    return this.ex;
  }

  private drop(id: number): void {
    this.contexts.delete(id);
    this.retiredRecs.delete(id);
    this.links.forget(id);
  }

  /**
   * While the capture is read: the session retired conversation `id` (ended and quiet, or idle) and its
   * record is final. Frames of it still to be told are told from this record from now on, and it is kept
   * until its last frame is told (the session may let it go: AnalyzeOptions.fold); a conversation told to
   * its last frame already lets its context go now.
   */
  retired(rec: ConversationRecord): void {
    if (this.finished) return;
    if (rec.last > this.toldN) {
      this.retiredRecs.set(rec.id, rec);
      return;
    }
    if (this.contexts.has(rec.id)) {
      this.ex?.forget(rec.id);
      this.drop(rec.id);
    }
  }

  /** The record of conversation `id`: the finished one, or the one so far. */
  record(id: number): ConversationRecord | undefined {
    return this.records.get(id) ?? this.retiredRecs.get(id) ?? this.contexts.get(id)?.rec ?? this.live?.soFar(id);
  }

  /** The context of conversation `id` for a frame `n` (its record so far is read again when older). */
  private context(id: number, n = 0): LiveConv | undefined {
    let ctx = this.contexts.get(id);
    if (ctx && ctx.asOf !== Number.POSITIVE_INFINITY) {
      const fin = this.retiredRecs.get(id);
      if (fin) {
        // retired meanwhile: its final record, with what its streams completed when they were closed
        ctx.use(baseOf(fin), Number.POSITIVE_INFINITY);
        ctx.ended(this.links.ended(id));
      } else if (n > ctx.asOf) {
        const c = this.live?.soFar(id);
        if (c) ctx.use(baseOf(c), this.live!.head());
      }
    }
    if (!ctx) {
      const fin = this.records.get(id) ?? this.retiredRecs.get(id);
      const c = fin ?? this.live?.soFar(id);
      if (!c) return undefined;
      const asOf = fin ? Number.POSITIVE_INFINITY : this.live!.head();
      ctx = new LiveConv(this.bases.get(id) ?? baseOf(c), asOf, this.carried);
      if (fin) ctx.ended(this.links.ended(id));
      this.bases.delete(id);
      this.contexts.set(id, ctx);
    }
    return ctx;
  }

  /**
   * Sets `f.explain`; frames must come in frame order, each with the messages the session listed while
   * it handled the frame (AnalysisSession.takeMessages()). With `quiet` (a frame nobody prints), only
   * what later frames' explanations need is remembered and `f.explain` is not set.
   */
  explain(f: FrameRecord, tapped: readonly TappedMessage[], quiet = false): void {
    for (const t of tapped) {
      if (t.at === 0) continue;
      const ctx = this.context(t.conversation, t.at);
      // a conversation flushed by the open-conversation cap completes messages in another's frame
      if (!ctx || t.at > ctx.last) continue;
      ctx.add(msgOf(t, quiet), t.at);
    }
    this.toldN = f.n;
    const linked = this.links.take(f.n);
    const ctx = f.conversation !== undefined ? this.context(f.conversation, f.n) : undefined;
    if (ctx) {
      ctx.told = f.n;
      const flags = f.tcp?.flags;
      if (flags?.includes('RST')) ctx.reset = true;
      else if (flags?.includes('FIN')) ctx.fins |= sideOf(ctx.c, f) === 'client' ? 1 : 2;
    }
    this.carried.set(f.n, ctx ? ctx.carriedBy(f.n, linked) : NONE);
    const text = this.explainer().explain(f, quiet);
    if (!quiet) f.explain = text;
    if (!this.finished && f.n >= this.sweepAt) this.sweep(f.n);
  }

  /**
   * While records are ones so far: drops the contexts of TCP conversations told to their end (FIN both
   * ways, or an RST) and then idle for `idle` frames (late retransmissions and ACKs come within it), so
   * contexts are bounded by the conversations open at once. An open conversation keeps its context (its
   * messages are counted for their ordinals) until the end of the capture, as the conversation table does.
   */
  private sweep(n: number): void {
    this.sweepAt = n + Math.max(1, this.idle >> 2);
    for (const [id, ctx] of this.contexts) {
      if (ctx.told >= n - this.idle || !(ctx.reset || ctx.fins === 3)) continue;
      this.ex?.forget(id);
      this.drop(id);
    }
  }

  /** Conversation contexts held now (at most the conversations open at the current frame). */
  get held(): number {
    return this.contexts.size;
  }

  /**
   * Reads what the explanations need of every finished record now (roles, pattern), so that the records'
   * message lists can be let go before the frames are told (the text frame list prints them first).
   */
  prepare(): void {
    for (const [id, c] of this.records)
      if (!this.bases.has(id) && !this.contexts.has(id)) this.bases.set(id, baseOf(c));
  }
}
