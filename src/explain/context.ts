/**
 * What the explanation step knows about each conversation: its frames, its application messages indexed
 * by frame, the roles of both ends (client/server, publisher/subscriber, broker, producer/worker) and the
 * order of FIN/RST segments. Built once per model; read by the frame, story and overview explainers.
 */
import type { AnalysisModel, ConversationRecord, FrameRecord } from '../analysis/model.js';
import { type AppView, appView, type Msg, readMsg } from './app.js';
import { hostOf } from './format.js';

export type Side = 'client' | 'server';

/** The noun for each end of a conversation (a catalogue key suffix: noun.<role>). */
export type Role = 'client' | 'server' | 'publisher' | 'subscriber' | 'broker' | 'producer' | 'worker' | 'peer';

export interface ConvContext {
  c: ConversationRecord;
  view: AppView;
  frames: FrameRecord[];
  /** Messages by completing frame. */
  completes: Map<number, Msg[]>;
  /** Messages by every frame carrying their bytes. */
  carries: Map<number, Msg[]>;
  roles: Record<Side, Role>;
  /** ZMTP message semantics of the pattern. */
  kind: 'reqrep' | 'pubsub' | 'pipeline' | 'other';
  /** The side that publishes / pushes (pubsub and pipeline). */
  sender?: Side;
  /** Ordinal of each message among messages of the same sort (requests, replies, jobs...). */
  ordinal: Map<Msg, number>;
  /** FIN frames in order with their side; first RST. */
  fins: Array<{ n: number; side: Side }>;
  rst?: { n: number; side: Side };
  /** MQTT: client sent PUBLISH / SUBSCRIBE. */
  publishes: boolean;
  subscribes: boolean;
}

/** A lookup by key (a Map, or an index that makes its values on demand). */
export interface Lookup<K, V> {
  get(k: K): V | undefined;
}

/** What the frame explainer reads of a conversation's context (ConvContext, or a streaming index). */
export interface FrameConv {
  c: ConversationRecord;
  view: Pick<AppView, 'app' | 'pattern'>;
  completes: Lookup<number, Msg[]>;
  carries: Lookup<number, Msg[]>;
  roles: Record<Side, Role>;
  kind: ConvContext['kind'];
  sender?: Side;
  ordinal: Lookup<Msg, number>;
}

export interface ModelContext {
  model: AnalysisModel;
  byN: Map<number, FrameRecord>;
  convs: Map<number, ConvContext>;
  /** Docker-like bridge capture: MAC addresses 02:42:*. */
  dockerLike: boolean;
}

const REQREP = new Set(['REQ', 'REP', 'DEALER', 'ROUTER']);

export function sideOf(c: ConversationRecord, f: FrameRecord): Side {
  return f.src === c.client ? 'client' : 'server';
}

export function other(s: Side): Side {
  return s === 'client' ? 'server' : 'client';
}

function rolesFor(view: AppView): { roles: Record<Side, Role>; kind: ConvContext['kind']; sender?: Side } {
  const st = view.socketTypes ?? {};
  if (view.app === 'zmtp') {
    const a = st.client ?? '';
    const b = st.server ?? '';
    const pat = (view.pattern ?? '').toUpperCase();
    if (/PUB|SUB/.test(pat) || /PUB/.test(a + b)) {
      const sender: Side = /PUB/.test(a) ? 'client' : 'server';
      return {
        roles:
          sender === 'server'
            ? { client: 'subscriber', server: 'publisher' }
            : { client: 'publisher', server: 'subscriber' },
        kind: 'pubsub',
        sender,
      };
    }
    if (/PUSH|PULL/.test(pat) || /PUSH/.test(a + b)) {
      const sender: Side = a === 'PUSH' ? 'client' : 'server';
      return {
        roles:
          sender === 'server' ? { client: 'worker', server: 'producer' } : { client: 'producer', server: 'worker' },
        kind: 'pipeline',
        sender,
      };
    }
    if (REQREP.has(a) || REQREP.has(b) || /REQ|REP|DEALER|ROUTER/.test(pat))
      return { roles: { client: 'client', server: 'server' }, kind: 'reqrep' };
    if (a === 'PAIR' || b === 'PAIR') return { roles: { client: 'peer', server: 'peer' }, kind: 'other' };
    return { roles: { client: 'client', server: 'server' }, kind: 'other' };
  }
  if (view.app === 'mqtt') return { roles: { client: 'client', server: 'broker' }, kind: 'other' };
  return { roles: { client: 'client', server: 'server' }, kind: 'other' };
}

/** The context of one conversation (`frames`: its frame records, or none when frames stream past). */
export function buildConv(c: ConversationRecord, frames: FrameRecord[]): ConvContext {
  const view = appView(c);
  const { roles, kind, sender } = rolesFor(view);
  const completes = new Map<number, Msg[]>();
  const carries = new Map<number, Msg[]>();
  for (const m of view.messages) {
    const a = completes.get(m.frame);
    if (a) a.push(m);
    else completes.set(m.frame, [m]);
    for (const n of m.frames) {
      const b = carries.get(n);
      if (b) b.push(m);
      else carries.set(n, [m]);
    }
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
    publishes: false,
    subscribes: false,
  };
  if (sender) ctx.sender = sender;
  // Ordinals: per sort of message.
  const counters = new Map<string, number>();
  for (const m of view.messages) {
    const sort = `${m.proto}|${m.kind}|${m.dir}`;
    const n = (counters.get(sort) ?? 0) + 1;
    counters.set(sort, n);
    ctx.ordinal.set(m, n);
    if (m.proto === 'mqtt' && m.dir === 'c2s') {
      if (m.kind === 'PUBLISH') ctx.publishes = true;
      if (m.kind === 'SUBSCRIBE') ctx.subscribes = true;
    }
  }
  if (view.app === 'mqtt') {
    if (ctx.publishes && !ctx.subscribes) ctx.roles.client = 'publisher';
    else if (ctx.subscribes && !ctx.publishes) ctx.roles.client = 'subscriber';
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
  let dockerLike = false;
  for (const f of model.frames) {
    byN.set(f.n, f);
    if (f.conversation !== undefined) {
      const a = perConv.get(f.conversation);
      if (a) a.push(f);
      else perConv.set(f.conversation, [f]);
    }
    if (!dockerLike && f.eth && (f.eth.src.startsWith('02:42:') || f.eth.dst.startsWith('02:42:'))) dockerLike = true;
  }
  const convs = new Map<number, ConvContext>();
  for (const c of model.conversations) convs.set(c.id, buildConv(c, perConv.get(c.id) ?? []));
  return { model, byN, convs, dockerLike };
}

/** "172.18.0.3" for the client (its port is ephemeral), "172.18.0.2:5555" for the server. */
export function addrOf(ctx: Pick<ConvContext, 'c'>, side: Side): string {
  return side === 'client' ? hostOf(ctx.c.client) : ctx.c.server;
}

/** Messages of one protocol kind, in order. */
export function msgs(ctx: ConvContext, pred: (m: Msg) => boolean): Msg[] {
  return ctx.view.messages.filter(pred);
}

/** ZMTP data messages (not greetings or commands). */
export function isZmtpData(m: Msg): boolean {
  return m.proto === 'zmtp' && m.kind === 'message' && !m.subscription;
}

/** Message views kept per streaming conversation context. */
const VIEW_CACHE = 16;

/** Message indices in ascending order of a key (stable: list order among equal keys). */
function sortedBy(keys: Int32Array): Int32Array {
  const order = Int32Array.from(keys.keys());
  return order.sort((a, b) => keys[a]! - keys[b]! || a - b);
}

/**
 * A conversation's context for frames that stream past: the same roles and pattern as buildConv, but its
 * messages stay the conversation record's (plain JSON) and are read into views only when a frame needs
 * them — per message a completing frame and an ordinal (typed arrays), and the carrying frames of the
 * messages spread over several frames. What buildConv's maps give, without a view per message kept.
 */
export function streamConv(c: ConversationRecord): FrameConv {
  const full = buildConv(c, []);
  const msgs = full.view.messages;
  const raw = Array.isArray(c.messages) ? (c.messages as unknown[]) : [];
  const proto0 = typeof c.app === 'string' ? c.app : 'data';
  const n = msgs.length;
  const index = new Int32Array(n);
  const frame = new Int32Array(n);
  const ordinal = new Int32Array(n);
  const spread = new Map<number, number[]>();
  const pos = new Map<number, number>(); // raw index → position in msgs
  for (let i = 0; i < n; i++) {
    const m = msgs[i]!;
    index[i] = m.index;
    frame[i] = m.frame;
    ordinal[i] = full.ordinal.get(m) ?? 1;
    pos.set(m.index, i);
    if (m.frames.length > 1) {
      for (const f of m.frames) {
        const a = spread.get(f);
        if (a) a.push(i);
        else spread.set(f, [i]);
      }
    }
  }
  const byFrame = sortedBy(frame);
  // The views made last (a message is read at its frames and again at the ACKs that follow): a few per conversation.
  const cache = new Map<number, Msg>();
  const view = (i: number): Msg => {
    let m = cache.get(i);
    if (!m) {
      m = readMsg(raw[index[i]!], index[i]!, proto0)!;
      if (cache.size >= VIEW_CACHE) cache.delete(cache.keys().next().value!);
      cache.set(i, m);
    }
    return m;
  };
  /** Positions of the messages completed in frame `f`, in list order. */
  const completing = (f: number): number[] => {
    let lo = 0;
    let hi = n;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (frame[byFrame[mid]!]! < f) lo = mid + 1;
      else hi = mid;
    }
    const out: number[] = [];
    for (let k = lo; k < n && frame[byFrame[k]!] === f; k++) out.push(byFrame[k]!);
    return out;
  };
  const completes: Lookup<number, Msg[]> = {
    get(f) {
      const at = completing(f);
      return at.length ? at.map(view) : undefined;
    },
  };
  const carries: Lookup<number, Msg[]> = {
    get(f) {
      const at = new Set(completing(f));
      for (const i of spread.get(f) ?? []) at.add(i);
      return at.size ? [...at].sort((a, b) => a - b).map(view) : undefined;
    },
  };
  const ord: Lookup<Msg, number> = {
    get(m) {
      const i = pos.get(m.index);
      return i !== undefined ? ordinal[i] : undefined;
    },
  };
  const out: FrameConv = {
    c,
    view: {
      ...(full.view.app ? { app: full.view.app } : {}),
      ...(full.view.pattern ? { pattern: full.view.pattern } : {}),
    },
    completes,
    carries,
    roles: full.roles,
    kind: full.kind,
    ordinal: ord,
  };
  if (full.sender) out.sender = full.sender;
  return out;
}
