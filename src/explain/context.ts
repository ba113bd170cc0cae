/**
 * What the explanation step knows about each conversation: its frames, its application messages indexed
 * by frame, the roles of both ends (client/server, publisher/subscriber, broker, producer/worker) and the
 * order of FIN/RST segments. Built once per model; read by the frame, story and overview explainers.
 */
import type { AnalysisModel, ConversationRecord, FrameRecord } from '../analysis/model.js';
import { type Conversation, typedConversation } from '../protocols/model.js';
import { wordsOf } from '../protocols/registry.js';
import { type AppView, appView, framesOf, type Msg, msgSort } from './app.js';
import { hostOf } from './format.js';
import type { RoleFacts } from './protocol.js';

export type Side = 'client' | 'server';

/** The noun for each end of a conversation (a catalogue key suffix: noun.<role>). */
export type Role = 'client' | 'server' | 'publisher' | 'subscriber' | 'broker' | 'producer' | 'worker' | 'peer';

export interface ConvContext {
  c: Conversation;
  view: AppView;
  frames: FrameRecord[];
  /** Messages by completing frame. */
  completes: Map<number, Msg[]>;
  /** Messages by every frame carrying their bytes (what a frame's explanation says of them). */
  carries: Map<number, MsgRef[]>;
  roles: Record<Side, Role>;
  /** Message semantics of the pattern (its protocol's words decide). */
  kind: 'reqrep' | 'pubsub' | 'pipeline' | 'other';
  /** The side that publishes / pushes (pubsub and pipeline). */
  sender?: Side;
  /** Ordinal of each message among messages of the same sort (requests, replies, jobs...). */
  ordinal: Map<Msg, number>;
  /** FIN frames in order with their side; first RST. */
  fins: Array<{ n: number; side: Side }>;
  rst?: { n: number; side: Side };
  /** The client publishes / subscribes (a publish/subscribe protocol's words set them). */
  publishes: boolean;
  subscribes: boolean;
}

/**
 * What a frame's explanation says of a message it does not complete ("part of the 3rd request, completed
 * in frame 40"; "acknowledges the PUBLISH"): enough to name it, without its payload.
 */
export interface MsgRef {
  /** The completing frame. */
  frame: number;
  /** The first frame carrying its bytes. */
  first: number;
  proto: string;
  kind: string;
  name?: string;
  dir: 'c2s' | 's2c';
  /** It answers a request (reply_to set). */
  replied: boolean;
  /** Ordinal among the conversation's messages of the same sort (sortOf). */
  ordinal: number;
}

/** Messages counted per sort, for ordinals ("the 4th request"), in the order they are listed. */
export class Ordinals {
  private readonly counts = new Map<string, number>();
  next(sort: string): number {
    const k = (this.counts.get(sort) ?? 0) + 1;
    this.counts.set(sort, k);
    return k;
  }
}

/** The sort a message is counted in for its ordinal ("the 4th request"). */
export function sortOf(m: { proto: string; kind: string; dir: string }): string {
  return `${m.proto}|${m.kind}|${m.dir}`;
}

export function refOf(m: Msg, ordinal: number): MsgRef {
  const r: MsgRef = {
    frame: m.frame,
    first: framesOf(m)[0] ?? m.frame,
    proto: m.proto,
    kind: m.kind,
    dir: m.dir,
    replied: m.reply_to !== undefined,
    ordinal,
  };
  const name = msgSort(m).name;
  if (name !== undefined) r.name = name;
  return r;
}

/** A lookup by key (a Map, or an index that makes its values on demand). */
export interface Lookup<K, V> {
  get(k: K): V | undefined;
}

/** What the frame explainer reads of a conversation's context (ConvContext, or a streaming index). */
export interface FrameConv {
  c: Conversation;
  view: Pick<AppView, 'app' | 'pattern'>;
  completes: Lookup<number, Msg[]>;
  carries: Lookup<number, readonly MsgRef[]>;
  roles: Record<Side, Role>;
  kind: ConvContext['kind'];
  sender?: Side;
  ordinal: Lookup<Msg, number>;
}

export interface ModelContext {
  model: AnalysisModel;
  byN: Map<number, FrameRecord>;
  convs: Map<number, ConvContext>;
  /** The first frame whose TCP/UDP checksum is the partial sum checksum offload leaves (none: undefined). */
  offloadFrame: number | undefined;
}

/**
 * Where a TCP conversation that did not end stopped in its handshake, when nothing else happened in it:
 * - 'unanswered': no SYN-ACK answered its SYN (Zeek's S0): never opened, nothing known to serve the port;
 * - 'unfinished': the server answered with SYN-ACK, the client sent nothing but SYNs (no ACK, no data),
 *   and it shows that the SYN-ACK did not get through: the server sent it again (it got no ACK), or the
 *   client sent its SYN again after it (it had not received it). The connection was never opened;
 * - 'cut': as 'unfinished' without that evidence (one SYN-ACK, no SYN after it): the capture holds
 *   nothing after the SYN-ACK, not even the handshake's last ACK, which it may have missed.
 * Undefined for every other conversation.
 */
export function handshakeLeft(c: ConversationRecord): 'unanswered' | 'unfinished' | 'cut' | undefined {
  const hs = c.handshake;
  if (c.transport !== 'tcp' || c.close.kind !== 'open' || !hs) return undefined;
  if (hs.synack.length === 0) return 'unanswered';
  // every packet a SYN or a SYN-ACK (the lists hold at most 64 frames: a longer run is no such case)
  if (hs.ack !== null || c.bytes.c2s + c.bytes.s2c > 0) return undefined;
  if (c.packets.c2s !== hs.syn.length || c.packets.s2c !== hs.synack.length) return undefined;
  const first = hs.synack[0]!;
  return hs.synack.length > 1 || hs.syn.some((n) => n > first) ? 'unfinished' : 'cut';
}

export function sideOf(c: ConversationRecord, f: FrameRecord): Side {
  return f.src === c.client ? 'client' : 'server';
}

export function other(s: Side): Side {
  return s === 'client' ? 'server' : 'client';
}

/** Roles and pattern semantics of a conversation: its protocol's words decide (else client and server). */
function rolesFor(view: AppView): RoleFacts {
  return wordsOf(view.app).roles?.(view) ?? { roles: { client: 'client', server: 'server' }, kind: 'other' };
}

export function convRoles(view: AppView): Pick<ConvContext, 'roles' | 'kind' | 'sender' | 'publishes' | 'subscribes'> {
  const { publishes = false, subscribes = false, ...r } = rolesFor(view);
  return { ...r, publishes, subscribes };
}

/** The context of one conversation (`frames`: its frame records, or none when frames stream past). */
export function buildConv(rec: ConversationRecord, frames: FrameRecord[]): ConvContext {
  const c = typedConversation(rec);
  const view = appView(c);
  const { roles, kind, sender, publishes, subscribes } = convRoles(view);
  const completes = new Map<number, Msg[]>();
  const carries = new Map<number, MsgRef[]>();
  for (const m of view.messages) {
    const a = completes.get(m.frame);
    if (a) a.push(m);
    else completes.set(m.frame, [m]);
  }
  const ctx: ConvContext = {
    c,
    view,
    frames,
    completes,
    carries,
    roles,
    kind,
    ordinal: new Map(),
    fins: [],
    publishes,
    subscribes,
  };
  if (sender) ctx.sender = sender;
  // Ordinals: per sort of message.
  const counters = new Ordinals();
  for (const m of view.messages) {
    const n = counters.next(sortOf(m));
    ctx.ordinal.set(m, n);
    const r = refOf(m, n);
    for (const f of framesOf(m)) {
      const b = carries.get(f);
      if (b) b.push(r);
      else carries.set(f, [r]);
    }
  }
  for (const f of frames) {
    const t = f.tcp;
    if (!t) continue;
    const side = sideOf(c, f);
    if (t.flags.includes('FIN') && !ctx.fins.some((x) => x.side === side)) ctx.fins.push({ n: f.n, side });
    if (t.flags.includes('RST') && !ctx.rst) ctx.rst = { n: f.n, side };
  }
  return ctx;
}

export function buildContext(model: AnalysisModel): ModelContext {
  const byN = new Map<number, FrameRecord>();
  const perConv = new Map<number, FrameRecord[]>();
  let offloadFrame: number | undefined;
  for (const f of model.frames) {
    byN.set(f.n, f);
    if (f.conversation !== undefined) {
      const a = perConv.get(f.conversation);
      if (a) a.push(f);
      else perConv.set(f.conversation, [f]);
    }
    if (offloadFrame === undefined && (f.tcp?.checksum_status === 'partial' || f.udp?.checksum_status === 'partial'))
      offloadFrame = f.n;
  }
  const convs = new Map<number, ConvContext>();
  for (const c of model.conversations) convs.set(c.id, buildConv(c, perConv.get(c.id) ?? []));
  return { model, byN, convs, offloadFrame };
}

/** "172.18.0.3" for the client (its port is ephemeral), "172.18.0.2:5555" for the server. */
export function addrOf(ctx: Pick<ConvContext, 'c'>, side: Side): string {
  return side === 'client' ? hostOf(ctx.c.client) : ctx.c.server;
}

/** Messages of one protocol kind, in order. */
export function msgs(ctx: ConvContext, pred: (m: Msg) => boolean): Msg[] {
  return ctx.view.messages.filter(pred);
}
