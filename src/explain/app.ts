/**
 * A typed view of the application layer in the model (issue 4 §6): `conversations[].app`, `.pattern`,
 * `.socket_types`, `.messages[]`. The model keeps these as open JSON; this module reads them once,
 * tolerating absent fields, so the explanation code works on any model (with or without the app layer).
 */

import type { Agg, SortStats } from '../analysis/app/budget.js';
import type { ConversationRecord } from '../analysis/model.js';
import { zmtpPattern } from '../protocols/zmtp/decode.js';

export type AppName = 'zmtp' | 'mqtt' | 'http' | 'data';

export interface Payload {
  encoding: string;
  value: unknown;
  length?: number;
  /** Bytes of the payload captured when the snapshot length cut it (value is decoded from them). */
  captured?: number;
  /** A pickle's Python type and pickle protocol. */
  pyType?: string;
  protocol?: number;
}

export interface MsgPart {
  size: number;
  more: boolean;
  payload?: Payload;
}

export interface Relay {
  frame: number;
  conversation?: number;
  /** Relay delay (a forwarded PUBLISH only). */
  delay?: number;
  /** A retained message delivered to a new subscriber (not a relay): how long the broker had kept it. */
  retained?: boolean;
  age?: number;
  /** A will published by the broker (not a relay): `frame` is the CONNECT that set it. */
  will?: boolean;
}

/** One application message (ZMTP greeting/command/message, MQTT packet, HTTP request/response, data). */
export interface Msg {
  /** Frame that completes the message. */
  frame: number;
  /** Every frame carrying its bytes (ascending). */
  frames: number[];
  dir: 'c2s' | 's2c';
  proto: string;
  /** ZMTP greeting|command|message; MQTT packet type in upper case; HTTP request|response; data. */
  kind: string;
  index: number;
  topic?: string;
  qos?: number;
  retain?: boolean;
  packetId?: number;
  method?: string;
  uri?: string;
  status?: number;
  statusText?: string;
  /** ZMTP command name (READY, SUBSCRIBE, ...). */
  name?: string;
  properties: Record<string, string>;
  socketType?: string;
  identity?: string;
  mechanism?: string;
  version?: string;
  username?: string;
  reason?: string;
  clientId?: string;
  keepAlive?: number;
  accepted?: boolean;
  returnName?: string;
  subscriptions: Array<{ topic: string; qos?: number }>;
  granted: number[];
  payload?: Payload;
  /** The snapshot length cut the message: its length and the bytes of it captured. */
  cut?: { length: number; captured: number };
  parts: MsgPart[];
  replyTo?: number;
  repliedBy?: number;
  latency?: number;
  relayedFrom?: Relay;
  relayedTo: Relay[];
  /** The message (ZMTP 3.0 style) is a subscription from a SUB socket. */
  subscription?: { action: string; topic: string };
  raw: Record<string, unknown>;
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

/** The aggregates of one sort of message; `rep` stands for its messages in predicates (proto, kind, name, dir). */
export type SortStat = Omit<
  SortStats,
  'proto' | 'kind' | 'name' | 'dir' | 'subscription' | 'topics' | 'topics_more' | 'qos'
> & {
  rep: Msg;
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

/** The messages of a view that pass `pred` (which should look only at proto, kind, name, dir, subscription). */
export function groupOf(view: AppView, pred: (m: Msg) => boolean): MsgGroup {
  const msgs = view.messages.filter(pred);
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

function aggOf(v: unknown): Agg | undefined {
  if (!isObj(v)) return undefined;
  const count = num(v.count);
  const min = num(v.min);
  const max = num(v.max);
  const sum = num(v.sum);
  if (count === undefined || min === undefined || max === undefined || sum === undefined || count === 0)
    return undefined;
  return { count, min, max, sum };
}

function sortStatOf(o: unknown, proto0: string): SortStat | undefined {
  if (!isObj(o)) return undefined;
  const first = num(o.first);
  const last = num(o.last);
  const count = num(o.count);
  if (first === undefined || last === undefined || count === undefined) return undefined;
  const raw: Obj = { frame: first, frames: [first, last], dir: o.dir, proto: o.proto, kind: o.kind };
  if (typeof o.name === 'string') {
    raw.name = o.name;
    if (o.proto === 'http') raw.method = o.name;
  }
  if (o.subscription === true) raw.subscription = { action: 'subscribe', topic: '' };
  const rep = readMsg(raw, -1, proto0);
  if (!rep) return undefined;
  const s: SortStat = {
    rep,
    count,
    first,
    last,
    bytes: num(o.bytes) ?? 0,
    same: o.same === true,
    replies: num(o.replies) ?? 0,
    topics: Array.isArray(o.topics) ? o.topics.filter((t): t is string => typeof t === 'string') : [],
    qos: Array.isArray(o.qos) ? o.qos.filter((q): q is number => typeof q === 'number') : [],
  };
  const lat = aggOf(o.latency);
  if (lat) s.latency = lat;
  const delay = aggOf(o.delay);
  if (delay) s.delay = delay;
  return s;
}

type Obj = Record<string, unknown>;

const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string | undefined =>
  typeof v === 'string' ? v : typeof v === 'number' ? String(v) : undefined;
const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);
const upper = (v: unknown): string | undefined => (typeof v === 'string' ? v.toUpperCase() : undefined);
const bool = (v: unknown): boolean | undefined => (typeof v === 'boolean' ? v : undefined);

// (index loops here and in readMsg: these run per message, often before they are optimized, where an
// iterator would be allocated per loop)
function first<T>(o: Obj, keys: readonly string[], f: (v: unknown) => T | undefined): T | undefined {
  for (let i = 0; i < keys.length; i++) {
    const v = f(o[keys[i]!]);
    if (v !== undefined) return v;
  }
  return undefined;
}

function payloadOf(v: unknown): Payload | undefined {
  if (!isObj(v)) return undefined;
  const encoding = str(v.encoding);
  if (!encoding) return undefined;
  const p: Payload = { encoding, value: v.value };
  const length = num(v.length);
  if (length !== undefined) p.length = length;
  const captured = num(v.captured);
  if (captured !== undefined) p.captured = captured;
  if (encoding === 'pickle') {
    const t = str(v.py_type);
    if (t !== undefined) p.pyType = t;
    const proto = num(v.protocol);
    if (proto !== undefined) p.protocol = proto;
  }
  return p;
}

function cutOf(v: unknown): Msg['cut'] {
  if (!isObj(v)) return undefined;
  const length = num(v.length);
  const captured = num(v.captured);
  return length !== undefined && captured !== undefined ? { length, captured } : undefined;
}

function relayOf(v: unknown): Relay | undefined {
  if (typeof v === 'number') return { frame: v };
  if (!isObj(v)) return undefined;
  const frame = num(v.frame);
  if (frame === undefined) return undefined;
  const r: Relay = { frame };
  const c = num(v.conversation);
  if (c !== undefined) r.conversation = c;
  const d = first(v, ['delay', 'latency'], num);
  if (d !== undefined) r.delay = d;
  if (v.retained === true) r.retained = true;
  const age = num(v.age);
  if (age !== undefined) r.age = age;
  if (v.will === true) r.will = true;
  return r;
}

const TEXT_VALUE = ['text', 'value'] as const;

/** Properties as name → text, from an object or a list of {name, value|text}. */
function propsOf(v: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (Array.isArray(v)) {
    for (const p of v) {
      if (!isObj(p)) continue;
      const name = str(p.name);
      const val = first(p, TEXT_VALUE, str);
      if (name && val !== undefined) out[name] = val;
    }
  } else if (isObj(v)) {
    for (const k in v) {
      if (!Object.hasOwn(v, k)) continue;
      const val = v[k];
      const s = str(val) ?? (isObj(val) ? first(val, TEXT_VALUE, str) : undefined);
      if (s !== undefined) out[k] = s;
    }
  }
  return out;
}

function propGet(props: Record<string, string>, name: string): string | undefined {
  const want = name.toLowerCase();
  for (const k in props) if (k.toLowerCase() === want) return props[k];
  return undefined;
}

/** What a message record says of its sort and completing frame (readMsg's first fields), if it is one. */
export function msgHead(
  o: unknown,
  proto0: string,
): { frame: number; dir: 'c2s' | 's2c'; proto: string; kind: string } | undefined {
  if (!isObj(o)) return undefined;
  const frame = num(o.frame);
  const dir = o.dir === 'c2s' || o.dir === 's2c' ? o.dir : undefined;
  if (frame === undefined || !dir) return undefined;
  const proto = str(o.proto) ?? proto0;
  let kind = str(o.kind) ?? str(o.type) ?? 'data';
  if (proto === 'mqtt') kind = kind.toUpperCase();
  return { frame, dir, proto, kind };
}

/**
 * The Msg fields readMsg copies as they are: the field, the names a record may give it (this tool's own
 * first, then other tools'), and how its value is read.
 */
const FIELDS: ReadonlyArray<readonly [keyof Msg, readonly string[], (v: unknown) => unknown]> = [
  ['topic', ['topic', 'topic_text'], str],
  ['qos', ['qos'], num],
  ['retain', ['retain'], bool],
  ['packetId', ['packet_id', 'msgid'], num],
  ['method', ['method'], str],
  ['uri', ['uri', 'url', 'path'], str],
  ['status', ['status', 'status_code', 'code'], num],
  ['statusText', ['phrase', 'status_text', 'reason_phrase', 'status_message'], str],
  ['name', ['name', 'command'], upper],
  ['socketType', ['socket_type'], str],
  ['identity', ['identity'], str],
  ['mechanism', ['mechanism'], str],
  ['version', ['version', 'protocol', 'ver'], str],
  ['username', ['username'], str],
  ['reason', ['reason', 'reason_name', 'error'], str],
  ['clientId', ['client_id', 'clientid', 'clientId'], str],
  ['keepAlive', ['keep_alive', 'keepalive', 'kalive'], num],
  ['accepted', ['accepted'], bool],
  ['returnName', ['return_name', 'reason_name'], str],
  ['payload', ['payload'], payloadOf],
  ['cut', ['cut'], cutOf],
  ['replyTo', ['reply_to', 'response_to'], num],
  ['repliedBy', ['replied_by', 'reply_in'], num],
  ['latency', ['latency'], num],
];

/** FIELDS by their first name (the one this tool's records use). */
const OWN_FIELDS: ReadonlyMap<string, readonly [keyof Msg, (v: unknown) => unknown]> = new Map(
  FIELDS.map(([field, names, read]) => [names[0]!, [field, read]] as const),
);

/**
 * Reads one message object; undefined when it lacks a frame or a direction. `own`: a record this tool's
 * analysis made (it uses only the first name of each field), read without looking for the others.
 */
export function readMsg(o: unknown, index: number, proto0: string, own = false): Msg | undefined {
  const h = msgHead(o, proto0);
  if (!h || !isObj(o)) return undefined;
  const { frame, dir, proto, kind } = h;
  // the numbers of o.frames and `frame`, ascending (a record's list is sorted already: no sort then)
  const frames: number[] = [];
  let sorted = true;
  let has = false;
  if (Array.isArray(o.frames))
    for (let i = 0; i < o.frames.length; i++) {
      const x: unknown = o.frames[i];
      if (typeof x !== 'number') continue;
      if (frames.length > 0 && x < frames[frames.length - 1]!) sorted = false;
      if (x === frame) has = true;
      frames.push(x);
    }
  if (!has) {
    if (frames.length > 0 && frame < frames[frames.length - 1]!) sorted = false;
    frames.push(frame);
  }
  if (!sorted) frames.sort((a, b) => a - b);
  const properties = propsOf(o.properties ?? o.metadata);
  const m: Msg = {
    frame,
    frames,
    dir,
    proto,
    kind,
    index,
    properties,
    subscriptions: [],
    granted: [],
    parts: [],
    relayedTo: [],
    raw: o,
  };
  const fields = m as unknown as Record<string, unknown>;
  if (own) {
    // a record of this tool's own analysis uses only the first names: read the keys it has (about ten)
    // instead of looking up all of FIELDS in it
    for (const k in o) {
      const f = OWN_FIELDS.get(k);
      if (f === undefined) continue;
      const v = f[1](o[k]);
      if (v !== undefined) fields[f[0]] = v;
    }
  } else
    for (let i = 0; i < FIELDS.length; i++) {
      const [field, names, read] = FIELDS[i]!;
      const v = first(o, names, read);
      if (v !== undefined) fields[field] = v;
    }
  // ZMTP metadata as properties (a READY command's)
  const socketType = m.socketType ?? propGet(properties, 'Socket-Type') ?? propGet(properties, 'socket_type');
  if (socketType !== undefined) m.socketType = socketType;
  const identity = m.identity ?? propGet(properties, 'Identity');
  if (identity !== undefined) m.identity = identity;
  const relayedFrom = relayOf(o.relayed_from ?? o.relay_of ?? o.forwarded_from);
  if (relayedFrom) m.relayedFrom = relayedFrom;
  const rt = o.relayed_to;
  if (Array.isArray(rt))
    for (let i = 0; i < rt.length; i++) {
      const x = relayOf(rt[i]);
      if (x) m.relayedTo.push(x);
    }
  else {
    const x = relayOf(rt);
    if (x) m.relayedTo.push(x);
  }
  if (Array.isArray(o.subscriptions)) {
    for (let i = 0; i < o.subscriptions.length; i++) {
      const s: unknown = o.subscriptions[i];
      if (typeof s === 'string') m.subscriptions.push({ topic: s });
      else if (isObj(s)) {
        const topic = str(s.topic);
        if (topic !== undefined) {
          const q = num(s.qos);
          m.subscriptions.push(q === undefined ? { topic } : { topic, qos: q });
        }
      }
    }
  } else if (Array.isArray(o.topics)) {
    for (let i = 0; i < o.topics.length; i++) {
      const t: unknown = o.topics[i];
      if (typeof t === 'string') m.subscriptions.push({ topic: t });
    }
  }
  if (Array.isArray(o.granted))
    for (let i = 0; i < o.granted.length; i++) {
      const g: unknown = o.granted[i];
      if (typeof g === 'number') m.granted.push(g);
    }
  if (Array.isArray(o.parts)) {
    for (let i = 0; i < o.parts.length; i++) {
      const p: unknown = o.parts[i];
      if (!isObj(p)) continue;
      const part: MsgPart = { size: num(p.size) ?? 0, more: bool(p.more) ?? false };
      const pl = payloadOf(p.payload) ?? payloadOf(p);
      if (pl) part.payload = pl;
      m.parts.push(part);
    }
  }
  if (isObj(o.subscription)) {
    const topic = first(o.subscription, ['topic_text', 'topic'], str) ?? '';
    m.subscription = { action: str(o.subscription.action) ?? 'subscribe', topic };
  }
  return m;
}

/** The application view of a conversation (empty when the app layer has not decoded it). */
export function appView(c: ConversationRecord): AppView {
  const v: AppView = { messages: [] };
  const app = str(c.app);
  const proto0 = app ?? 'data';
  if (app === 'zmtp' || app === 'mqtt' || app === 'http' || app === 'data') v.app = app;
  const pattern = str(c.pattern);
  if (pattern) v.pattern = pattern;
  if (isObj(c.socket_types)) {
    const st: { client?: string; server?: string } = {};
    const a = str(c.socket_types.client);
    const b = str(c.socket_types.server);
    if (a) st.client = a.toUpperCase();
    if (b) st.server = b.toUpperCase();
    v.socketTypes = st;
  }
  if (Array.isArray(c.messages)) {
    c.messages.forEach((o, i) => {
      const m = readMsg(o, i, proto0);
      if (m) v.messages.push(m);
    });
  }
  if (Array.isArray(c.message_stats)) {
    const stats: SortStat[] = [];
    for (const o of c.message_stats) {
      const st = sortStatOf(o, proto0);
      if (st) stats.push(st);
    }
    v.stats = stats;
  }
  // Socket types from READY commands when the conversation record does not carry them.
  if (!v.socketTypes) {
    const st: { client?: string; server?: string } = {};
    for (const m of v.messages) {
      if (m.proto === 'zmtp' && m.socketType) st[m.dir === 'c2s' ? 'client' : 'server'] ??= m.socketType.toUpperCase();
    }
    if (st.client || st.server) v.socketTypes = st;
  }
  if (!v.pattern && v.socketTypes?.client && v.socketTypes.server)
    v.pattern = zmtpPattern(v.socketTypes.client, v.socketTypes.server).label;
  return v;
}

/** The message's body parts: a leading empty delimiter frame (REQ/REP envelope) is dropped. */
export function bodyParts(m: Msg): MsgPart[] {
  if (m.parts.length === 0) return [];
  const i = m.parts.findIndex((p) => p.size === 0);
  if (i >= 0 && i < m.parts.length - 1) return m.parts.slice(i + 1);
  return m.parts;
}
