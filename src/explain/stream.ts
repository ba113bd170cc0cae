/**
 * Explanations of frames that stream past (explained `--frames` and `-f json`, issue 8): a first pass over
 * the capture gives the conversation records (summary mode: bounded per conversation) and ForwardLinks, a
 * second pass runs the analysis again and explains each frame as it is finished (StreamExplainer).
 *
 * A frame's explanation names the messages the frame completes and the messages it carries a piece of.
 * The second pass's own application layer hands over each message in the frame that completes it
 * (AnalyzeOptions.tapMessages), so the frame explained next finds it there. What it cannot know yet is
 * forward: a frame whose bytes belong to a message completed by a later frame (a PDU split over segments,
 * an out-of-order segment, a ZeroMQ multi-part message), and messages completed only when the streams are
 * flushed at the end. The first pass keeps exactly those, as links from each such frame to a short
 * reference (MsgRef: sort, ordinal, completing frame) — not the messages — and the second pass drops each
 * link once its frame is explained. An ACK names what the frame it acknowledges carried: the second pass
 * remembers that for the last ACK_WINDOW frames, and the first pass pins the frames acknowledged further
 * behind. Memory: the conversation records, plus a link per frame carrying a piece of a later message and
 * a pin per frame acknowledged far behind (together capped: Limits.explainLinks; beyond, such frames are
 * told as plain data and such ACKs as plain ACKs).
 */

import { settle } from '../analysis/app/budget.js';
import type { TappedMessage } from '../analysis/app/index.js';
import type { ConversationRecord, FrameRecord } from '../analysis/model.js';
import { type Conversation, typedConversation, typedMessage } from '../protocols/model.js';
import { appView, framesOf, type Msg } from './app.js';
import { convRoles, type FrameConv, type Lookup, type MsgRef, Ordinals, refOf, sortOf } from './context.js';
import { type HostNames, sayer } from './format.js';
import { FrameExplainer } from './frames.js';
import type { Lang } from './text.js';

/** Links the first pass keeps by default (a frame carrying a piece of a later message: ~30 bytes each). */
export const DEFAULT_EXPLAIN_LINKS = 1_000_000;

/**
 * What frames carried is remembered for the last ACK_WINDOW frames of the capture (an ACK names what the
 * frame it acknowledges carried); an ACK further behind is known from the first pass (ForwardLinks.pin).
 */
export const ACK_WINDOW = 4096;

/** The message view of a tapped record (payloads whose decoding was deferred are decoded now). */
function msgOf(t: TappedMessage, quiet = false): Msg {
  if (!quiet) settle(t.rec);
  return typedMessage(t.rec);
}

/** What a frame carrying no message carries (shared: never mutated). */
const NONE: readonly MsgRef[] = Object.freeze([]);

/** A growable column of 32-bit integers. */
class IntColumn {
  a = new Int32Array(1024);
  n = 0;
  push(x: number): void {
    if (this.n === this.a.length) {
      const b = new Int32Array(this.a.length * 2);
      b.set(this.a);
      this.a = b;
    }
    this.a[this.n++] = x;
  }
}

/**
 * The first pass's forward knowledge: per frame, the messages it carries a piece of that a later frame
 * completes (or the end of the capture), and per conversation the messages completed at the end. Kept in
 * columns (about 30 bytes per link), sorted by frame once the first pass is over and read in frame order.
 */
export class ForwardLinks {
  // the messages referred to: completing and first frame, ordinal, sort (index into `sorts`), reply flag
  private readonly refFrame = new IntColumn();
  private readonly refFirst = new IntColumn();
  private readonly refOrdinal = new IntColumn();
  private readonly refSort = new IntColumn();
  private readonly sorts: Array<Pick<MsgRef, 'proto' | 'kind' | 'name' | 'dir' | 'replied'>> = [];
  private readonly sortIds = new Map<string, number>();
  // the links: frame → message, in the order they were made; by frame after done()
  private readonly linkFrame = new IntColumn();
  private readonly linkRef = new IntColumn();
  private order: Uint32Array | undefined;
  private cursor = 0;
  private readonly ordinals = new Map<number, Ordinals>();
  private readonly endMsgs = new Map<number, Array<{ m: Msg; ordinal: number }>>();
  /** Frames acknowledged more than ACK_WINDOW frames later: the last frame acknowledging each. */
  private readonly pins = new Map<number, number>();
  /** Links and pins not kept because the cap was reached. */
  dropped = 0;

  constructor(private readonly cap = DEFAULT_EXPLAIN_LINKS) {}

  /** Messages as the first pass's session lists them (after each frame, and once after finish()). */
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
      // frames the second pass explains before it sees this message
      let early = end;
      for (let i = 0; i < frames.length && !early; i++) if (frames[i]! < t.at) early = true;
      if (!early) continue;
      const m = msgOf(t);
      if (end) {
        let list = this.endMsgs.get(t.conversation);
        if (!list) {
          list = [];
          this.endMsgs.set(t.conversation, list);
        }
        list.push({ m, ordinal });
      }
      const ref = this.ref(refOf(m, ordinal));
      for (const n of framesOf(m)) if (end || n < t.at) this.link(n, ref);
    }
  }

  /** Stores a message reference; its index. */
  private ref(r: MsgRef): number {
    const key = `${r.proto}|${r.kind}|${r.name ?? ''}|${r.dir}|${r.replied ? 1 : 0}`;
    let sort = this.sortIds.get(key);
    if (sort === undefined) {
      sort = this.sorts.length;
      const s: (typeof this.sorts)[number] = { proto: r.proto, kind: r.kind, dir: r.dir, replied: r.replied };
      if (r.name !== undefined) s.name = r.name;
      this.sorts.push(s);
      this.sortIds.set(key, sort);
    }
    this.refFrame.push(r.frame);
    this.refFirst.push(r.first);
    this.refOrdinal.push(r.ordinal);
    this.refSort.push(sort);
    return this.refFrame.n - 1;
  }

  private link(n: number, ref: number): void {
    if (this.pending >= this.cap) {
      this.dropped++;
      return;
    }
    this.linkFrame.push(n);
    this.linkRef.push(ref);
  }

  /** Frame `by` acknowledges frame `acked` (tcp acks_frame); kept when it is further back than ACK_WINDOW. */
  ack(acked: number, by: number): void {
    if (by - acked <= ACK_WINDOW) return;
    const was = this.pins.get(acked);
    if (was !== undefined) {
      if (by > was) this.pins.set(acked, by);
      return;
    }
    if (this.pending >= this.cap) {
      this.dropped++;
      return;
    }
    this.pins.set(acked, by);
  }

  /** The last frame further back than ACK_WINDOW that acknowledges frame `n`, forgotten once read. */
  pinOf(n: number): number | undefined {
    const by = this.pins.get(n);
    if (by === undefined) return undefined;
    this.pins.delete(n);
    return by;
  }

  /** The first pass is over: the links are put in frame order (ties: the order they were made). */
  done(): void {
    this.ordinals.clear();
    const f = this.linkFrame.a;
    const order = new Uint32Array(this.linkFrame.n);
    for (let i = 0; i < order.length; i++) order[i] = i;
    order.sort((a, b) => f[a]! - f[b]! || a - b);
    this.order = order;
    this.cursor = 0;
  }

  /** The links of frame `n`, forgotten once read; frames must be asked in ascending order (after done()). */
  take(n: number): MsgRef[] | undefined {
    const order = this.order;
    if (!order) return undefined;
    const f = this.linkFrame.a;
    while (this.cursor < order.length && f[order[this.cursor]!]! < n) this.cursor++;
    let out: MsgRef[] | undefined;
    while (this.cursor < order.length && f[order[this.cursor]!] === n) {
      const r = this.linkRef.a[order[this.cursor++]!]!;
      const s = this.sorts[this.refSort.a[r]!]!;
      const ref: MsgRef = {
        frame: this.refFrame.a[r]!,
        first: this.refFirst.a[r]!,
        proto: s.proto,
        kind: s.kind,
        dir: s.dir,
        replied: s.replied,
        ordinal: this.refOrdinal.a[r]!,
      };
      if (s.name !== undefined) ref.name = s.name;
      if (!out) out = [];
      out.push(ref);
    }
    return out;
  }

  /** Messages of conversation `id` completed when the streams were flushed, with their ordinals. */
  ended(id: number): Array<{ m: Msg; ordinal: number }> | undefined {
    const e = this.endMsgs.get(id);
    this.endMsgs.delete(id);
    return e;
  }

  /** Links and pins kept and not yet read (zero once every frame is explained). */
  get pending(): number {
    return (this.order ? this.order.length - this.cursor : this.linkFrame.n) + this.pins.size;
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
 * A conversation's context while its frames stream past: roles and pattern from the first pass's record,
 * the messages of the frame being explained from the second pass's application layer; what frames
 * carried is the explainer's (Carried).
 */
class LiveConv implements FrameConv {
  readonly c: Conversation;
  readonly view: FrameConv['view'];
  readonly roles: FrameConv['roles'];
  readonly kind: FrameConv['kind'];
  readonly sender?: FrameConv['sender'];
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
    ended: Array<{ m: Msg; ordinal: number }> | undefined,
    private readonly carried: Carried,
  ) {
    this.c = base.c;
    this.view = base.view;
    this.roles = base.roles;
    this.kind = base.kind;
    if (base.sender) this.sender = base.sender;
    for (const { m, ordinal } of ended ?? []) {
      this.ordinal.set(m, ordinal);
      const a = this.atEnd.get(m.frame);
      if (a) a.push(m);
      else this.atEnd.set(m.frame, [m]);
    }
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

  /** A message the second pass completed in frame `at`. */
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

  /** What frame `n` of this conversation carries: its live messages, then `linked` (from the first pass). */
  carriedBy(n: number, linked: MsgRef[] | undefined): readonly MsgRef[] {
    const live = this.at === n ? this.liveRefs : NONE;
    return linked ? [...live, ...linked] : live;
  }
}

/**
 * What frames carried, for the ACKs that name it: every frame of the last ACK_WINDOW frames, and the
 * frames the first pass saw acknowledged further behind (kept until that ACK).
 */
class Carried {
  /** Frames n - ACK_WINDOW … n in a ring (slot n % RING): the frame number and what it carried. */
  private static readonly RING = ACK_WINDOW + 1;
  private readonly ringN = new Float64Array(Carried.RING).fill(-1);
  private readonly ringRefs: Array<readonly MsgRef[]> = new Array(Carried.RING).fill(NONE);
  private readonly pinned = new Map<number, { refs: readonly MsgRef[]; until: number }>();
  private sweep = 0;

  get(n: number): readonly MsgRef[] | undefined {
    const i = n % Carried.RING;
    if (this.ringN[i] === n && this.ringRefs[i]!.length > 0) return this.ringRefs[i];
    return this.pinned.get(n)?.refs;
  }

  /** Frame `n` carried `refs`; `until`: the last frame beyond the window that acknowledges it. */
  set(n: number, refs: readonly MsgRef[], until: number | undefined): void {
    const i = n % Carried.RING;
    this.ringN[i] = n;
    this.ringRefs[i] = refs;
    if (refs.length > 0 && until !== undefined) this.pinned.set(n, { refs, until });
    if (n >= this.sweep) {
      this.sweep = n + ACK_WINDOW;
      for (const [k, p] of this.pinned) if (p.until < n) this.pinned.delete(k);
    }
  }
}

/**
 * Explains frames as they stream past (a second pass over the capture that taps its messages), from the
 * conversation records and ForwardLinks of a first pass: the same text as explainModel gives the whole
 * model's frames, with no frame and no finished message kept. A conversation's context is made at its
 * first frame and dropped after its last.
 */
export class StreamExplainer {
  private readonly records = new Map<number, ConversationRecord>();
  /** Roles and pattern per conversation, when made ahead (prepare()). */
  private readonly bases = new Map<number, ConvBase>();
  private readonly contexts = new Map<number, LiveConv>();
  private readonly carried = new Carried();
  private readonly ex: FrameExplainer;

  constructor(
    conversations: readonly ConversationRecord[],
    lang: Lang,
    private readonly links: ForwardLinks,
    names?: HostNames,
  ) {
    for (const c of conversations) this.records.set(c.id, c);
    this.ex = new FrameExplainer(
      sayer(lang, names),
      (id) => this.context(id),
      (id) => this.contexts.delete(id),
    );
  }

  private context(id: number): LiveConv | undefined {
    let ctx = this.contexts.get(id);
    if (!ctx) {
      const c = this.records.get(id);
      if (!c) return undefined;
      ctx = new LiveConv(this.bases.get(id) ?? baseOf(c), this.links.ended(id), this.carried);
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
      const c = this.records.get(t.conversation);
      // a conversation flushed by the open-conversation cap completes messages in another's frame
      if (!c || t.at === 0 || t.at > c.last) continue;
      this.context(t.conversation)!.add(msgOf(t, quiet), t.at);
    }
    const linked = this.links.take(f.n);
    const until = this.links.pinOf(f.n);
    const ctx = f.conversation !== undefined ? this.context(f.conversation) : undefined;
    this.carried.set(f.n, ctx ? ctx.carriedBy(f.n, linked) : NONE, until);
    const text = this.ex.explain(f, quiet);
    if (!quiet) f.explain = text;
  }

  /** Conversation contexts held now (at most the conversations open at the current frame). */
  get held(): number {
    return this.contexts.size;
  }

  /**
   * Reads what the explanations need of every conversation record now (roles, pattern), so that the
   * records' message lists can be let go before the frames come (the text frame list prints them first).
   */
  prepare(): void {
    for (const [id, c] of this.records) if (!this.bases.has(id)) this.bases.set(id, baseOf(c));
  }
}
