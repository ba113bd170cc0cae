/**
 * The application layer of a model as the explanation reads it (issue 4 §6): a conversation's protocol,
 * pattern, socket types and messages — the typed records the protocols' sessions made (AppMessage, a
 * discriminated union on `proto` then `kind`: src/protocols/model.ts), read as they are, and the
 * aggregates of the messages a summary did not list.
 */

import type { Agg, MessagePart, SortStats } from '../analysis/app/budget.js';
import type { AppPayloadRecord, ConversationRecord } from '../analysis/model.js';
import { type AppMessage, type AppName, typedConversation } from '../protocols/model.js';
import { SESSION_PROTOCOLS, wordsOf } from '../protocols/registry.js';

export type { AppName };

/** A decoded payload. */
export type Payload = AppPayloadRecord;

/** One part of a multi-part message. */
export type MsgPart = MessagePart;

/** One application message: the typed union of every protocol module's messages (src/protocols/model.ts). */
export type Msg = AppMessage;

/**
 * What predicates over messages look at (groupOf): a message's sort. The aggregates of the messages a
 * summary does not list know only this of them.
 */
export interface MsgSort {
  proto: string;
  kind: string;
  dir: 'c2s' | 's2c';
  /** What sorts it further, as its protocol's facets name it (a command's name, a request's method). */
  name?: string;
  /** A ZeroMQ 3.0-style subscription message. */
  subscription: boolean;
}

/** The sort of a message (what groupOf's predicates see): its protocol's facets name it further. */
export function msgSort(m: Msg): MsgSort {
  const f = SESSION_PROTOCOLS.facets(m);
  const s: MsgSort = { proto: m.proto, kind: m.kind, dir: m.dir, subscription: f.subscription === true };
  if (f.name !== undefined) s.name = f.name;
  return s;
}

export interface AppView {
  app?: AppName;
  pattern?: string;
  socketTypes?: { client?: string; server?: string };
  messages: Msg[];
  /**
   * Aggregates of every message per sort, when the list is not complete (summary mode: the first and last
   * messages are listed, the rest counted — message_stats on the record).
   */
  stats?: SortStat[];
}

export type { Agg };

/** The aggregates of one sort of message; `rep` stands for its messages in predicates. */
export type SortStat = Omit<
  SortStats,
  'proto' | 'kind' | 'name' | 'dir' | 'subscription' | 'topics' | 'topics_more' | 'qos'
> & {
  rep: MsgSort;
  topics: string[];
  qos: number[];
};

/** Messages that pass a predicate: the listed ones, and how many there were in all. */
export interface MsgGroup {
  msgs: Msg[];
  count: number;
  /** Every message is listed: figures come from `msgs`; else from `sorts`. */
  complete: boolean;
  sorts: SortStat[];
}

/** Payload bytes of a group's messages (from the listed messages, or the aggregates when not all are listed). */
export function groupBytes(g: MsgGroup): number {
  return g.complete
    ? g.msgs.reduce((a, m) => a + (m.payload?.length ?? 0), 0)
    : g.sorts.reduce((a, x) => a + x.bytes, 0);
}

/** The messages of a view whose sort passes `pred`. */
export function groupOf(view: AppView, pred: (m: MsgSort) => boolean): MsgGroup {
  const msgs = view.messages.filter((m) => pred(msgSort(m)));
  if (!view.stats) return { msgs, count: msgs.length, complete: true, sorts: [] };
  const sorts = view.stats.filter((s) => pred(s.rep));
  let count = 0;
  for (const s of sorts) count += s.count;
  return { msgs, count, complete: false, sorts };
}

/** Merges the aggregates `pick` of several sorts. */
export function mergeAgg(sorts: readonly SortStat[], pick: (s: SortStat) => Agg | undefined): Agg | undefined {
  let out: Agg | undefined;
  for (const s of sorts) {
    const a = pick(s);
    if (!a) continue;
    if (!out) out = { ...a };
    else {
      out.count += a.count;
      out.sum += a.sum;
      if (a.min < out.min) out.min = a.min;
      if (a.max > out.max) out.max = a.max;
    }
  }
  return out;
}

function sortStatOf(o: SortStats): SortStat {
  const { proto, kind, name, dir, subscription, topics, topics_more: _more, qos, ...figures } = o;
  const rep: MsgSort = { proto, kind, dir: dir === 's2c' ? 's2c' : 'c2s', subscription: subscription === true };
  if (name !== undefined) rep.name = name;
  const s: SortStat = { ...figures, rep, topics: topics ?? [], qos: qos ?? [] };
  if (!s.latency?.count) delete s.latency;
  if (!s.delay?.count) delete s.delay;
  return s;
}

const FRAMES = new WeakMap<Msg, readonly number[]>();

/**
 * Every frame of a message, ascending, the completing frame included (a message completed by the end of
 * its stream, e.g. a body ended by FIN, lists only the frames that carried its bytes).
 */
export function framesOf(m: Msg): readonly number[] {
  const fr = m.frames;
  let sorted = true;
  let has = false;
  for (let i = 0; i < fr.length; i++) {
    if (i > 0 && fr[i]! < fr[i - 1]!) sorted = false;
    if (fr[i] === m.frame) has = true;
  }
  if (sorted && has) return fr;
  let out = FRAMES.get(m);
  if (!out) {
    const all = has ? [...fr] : [...fr, m.frame];
    out = all.sort((a, b) => a - b);
    FRAMES.set(m, out);
  }
  return out;
}

/** The parts of a multi-part message, as its protocol's facets give them (none for most messages). */
export function partsOf(m: Msg): readonly MsgPart[] {
  return SESSION_PROTOCOLS.facets(m).parts ?? [];
}

/** A metadata property by name, in any case. */
export function propGet(props: Readonly<Record<string, string>> | undefined, name: string): string | undefined {
  if (!props) return undefined;
  const want = name.toLowerCase();
  for (const k in props) if (k.toLowerCase() === want) return props[k];
  return undefined;
}

/** The application view of a conversation (empty when the app layer has not decoded it). */
export function appView(rec: ConversationRecord): AppView {
  const c = typedConversation(rec);
  const v: AppView = { messages: c.messages ?? [] };
  if (c.app) v.app = c.app;
  if (c.pattern) v.pattern = c.pattern;
  if (c.socket_types) {
    const st: { client?: string; server?: string } = {};
    const a = c.socket_types.client;
    const b = c.socket_types.server;
    if (a) st.client = a.toUpperCase();
    if (b) st.server = b.toUpperCase();
    v.socketTypes = st;
  }
  if (c.message_stats) v.stats = c.message_stats.map(sortStatOf);
  // what the record does not say but its messages do (socket types from READY commands, the pattern)
  wordsOf(v.app).completeView?.(v);
  return v;
}

/** The message's body parts: a leading empty delimiter frame (REQ/REP envelope) is dropped. */
export function bodyParts(m: Msg): readonly MsgPart[] {
  const parts = partsOf(m);
  if (parts.length === 0) return parts;
  const i = parts.findIndex((p) => p.size === 0);
  if (i >= 0 && i < parts.length - 1) return parts.slice(i + 1);
  return parts;
}
