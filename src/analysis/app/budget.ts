/**
 * The message budget of the summary (frames not collected): a conversation lists its first SUMMARY_HEAD
 * messages, its last SUMMARY_TAIL, and the last message of each sort (MessageStats) — what the story and
 * the overview quote — and keeps running aggregates over every message (message_stats on the record):
 * counts per sort and direction, frame span, payload bytes, whether every payload was the same, reply and
 * latency statistics, relay delays, topics and delivery levels (the protocols' facets). Memory per conversation is bounded
 * whatever the number of messages.
 */
import type { AppMessageRecord, AppPayloadRecord } from '../model.js';
import { PendingPayload } from './payload.js';

/** Messages listed from the start of a conversation in summary mode. */
export const SUMMARY_HEAD = 100;
/** Messages listed from the end of a conversation in summary mode. */
export const SUMMARY_TAIL = 20;
/** Sorts of message tracked per conversation (the rest share one 'other' sort per direction). */
const MAX_SORTS = 64;
/** Distinct topics remembered per sort. */
const MAX_TOPICS = 64;

/** Running min / max / sum / count. */
export interface Agg {
  count: number;
  min: number;
  max: number;
  sum: number;
}

function addAgg(a: Agg | undefined, x: number): Agg {
  if (!a) return { count: 1, min: x, max: x, sum: x };
  a.count++;
  if (x < a.min) a.min = x;
  if (x > a.max) a.max = x;
  a.sum += x;
  return a;
}

/** Aggregates of one sort of message (protocol, kind, command name or method, direction). */
export interface SortStats {
  proto: string;
  kind: string;
  name?: string;
  dir: string;
  subscription?: true;
  count: number;
  /** First and last frame carrying a message of the sort. */
  first: number;
  last: number;
  /** Payload bytes. */
  bytes: number;
  /** Every message carried the same payload. */
  same: boolean;
  /** Messages with reply_to set, and their latencies. */
  replies: number;
  latency?: Agg;
  /** Relayed deliveries (broker → subscriber) and their delays. */
  delay?: Agg;
  /** Distinct topics in order (at most MAX_TOPICS), and whether more were seen. */
  topics?: string[];
  topics_more?: true;
  qos?: number[];
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function samePayload(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a instanceof PendingPayload && b instanceof PendingPayload) return sameBytes(a.bytes, b.bytes);
  const x = (a instanceof PendingPayload ? a.record() : a) as AppPayloadRecord | undefined;
  const y = (b instanceof PendingPayload ? b.record() : b) as AppPayloadRecord | undefined;
  if (!x || !y || x.encoding !== y.encoding || x.length !== y.length) return false;
  if (typeof x.value === 'string' || typeof y.value === 'string') return x.value === y.value;
  return JSON.stringify(x.value) === JSON.stringify(y.value);
}

/**
 * What the aggregates read of a message beyond the common fields, as its protocol tells it
 * (SessionProtocol.facets): this layer names no protocol's fields.
 */
/** One part of a multi-part message: its size, whether more follow, its decoded payload. */
export interface MessagePart {
  size: number;
  more: boolean;
  payload?: AppPayloadRecord;
}

export interface MessageFacets {
  /** What sorts messages of one kind further: a command's name, a request's method. */
  name?: string;
  /** The message is a subscription, not data (ZeroMQ 3.0-style SUB messages). */
  subscription?: boolean;
  topic?: string;
  qos?: number;
  /** A relayed delivery's delay (broker → subscriber). */
  delay?: number;
  /** The parts whose payloads make the message's payload (multi-part messages). */
  parts?: readonly MessagePart[];
}

/** Reads a message's facets (SessionProtocols.facets). */
export type FacetsOf = (m: AppMessageRecord) => MessageFacets;

/** Two messages carry the same payload (decode() shares the records of equal short payloads: mostly `===`). */
function sameMessagePayload(a: AppMessageRecord, b: AppMessageRecord, facets: FacetsOf): boolean {
  const pa = facets(a).parts;
  const pb = facets(b).parts;
  if (pa !== pb && pa !== undefined && pb !== undefined) {
    if (pa.length !== pb.length) return false;
    for (let i = 0; i < pa.length; i++) if (!samePayload(pa[i]!.payload, pb[i]!.payload)) return false;
    return true;
  }
  if (pa !== pb) return false;
  return samePayload(a.payload, b.payload);
}

class Sort {
  readonly s: SortStats;
  /** A message of the sort, compared with the others while they all carry the same payload. */
  private sameAs: AppMessageRecord | undefined;
  readonly other: boolean;
  /** The sort's last message that was dropped from the list, and its sequence number. */
  lastDropped: AppMessageRecord | null = null;
  lastDroppedSeq = -1;
  private topicSet: Set<string> | undefined;

  clone(): Sort {
    const c = new Sort(this.proto, this.kind, this.name, this.dir, this.sub);
    const s = this.s;
    Object.assign(c.s, s);
    if (s.latency) c.s.latency = { ...s.latency };
    if (s.delay) c.s.delay = { ...s.delay };
    if (s.topics) c.s.topics = [...s.topics];
    if (s.qos) c.s.qos = [...s.qos];
    c.sameAs = this.sameAs;
    if (this.topicSet) c.topicSet = new Set(this.topicSet);
    return c;
  }

  constructor(
    readonly proto: string,
    readonly kind: string,
    readonly name: string | undefined,
    readonly dir: string,
    readonly sub: boolean,
  ) {
    this.other = kind === 'other' && proto === 'other';
    this.s = { proto, kind, dir, count: 0, first: 0, last: 0, bytes: 0, same: true, replies: 0 };
    if (name !== undefined) this.s.name = name;
    if (sub) this.s.subscription = true;
  }

  add(m: AppMessageRecord, f: MessageFacets, facets: FacetsOf): void {
    const s = this.s;
    s.count++;
    const fr = m.frames;
    let a = m.frame;
    let b = a;
    for (const n of fr) {
      if (n < a) a = n;
      if (n > b) b = n;
    }
    if (s.count === 1 || a < s.first) s.first = a;
    if (b > s.last) s.last = b;
    const p = m.payload;
    if (p) s.bytes += p.length;
    if (s.same) {
      if (this.sameAs === undefined) this.sameAs = m;
      else if (!sameMessagePayload(this.sameAs, m, facets)) {
        s.same = false;
        this.sameAs = undefined;
      }
    }
    if (m.reply_to !== undefined) s.replies++;
    if (typeof m.latency === 'number') s.latency = addAgg(s.latency, m.latency);
    if (f.delay !== undefined) s.delay = addAgg(s.delay, f.delay);
    const topic = f.topic;
    if (topic !== undefined) {
      if (!this.topicSet) {
        this.topicSet = new Set();
        s.topics = [];
      }
      if (!this.topicSet.has(topic)) {
        if (this.topicSet.size < MAX_TOPICS) {
          this.topicSet.add(topic);
          s.topics!.push(topic);
        } else s.topics_more = true;
      }
    }
    const qos = f.qos;
    if (qos !== undefined) {
      if (!s.qos) s.qos = [];
      if (!s.qos.includes(qos)) s.qos.push(qos);
    }
  }
}

/**
 * Decodes the pending payloads of a listed (or read) message: its payload, and any payload one level
 * inside one of its fields (a multi-part message's parts, a will), whatever the protocol.
 */
export function settle(m: AppMessageRecord): void {
  if (m.payload instanceof PendingPayload) m.payload = m.payload.record();
  for (const v of Object.values(m)) {
    if (typeof v !== 'object' || v === null || v instanceof PendingPayload) continue;
    if (Array.isArray(v)) {
      for (const x of v) if (typeof x === 'object' && x !== null) settleField(x);
    } else settleField(v);
  }
}

/** The `payload` of an object inside a message, decoded when it was deferred. */
function settleField(o: object): void {
  if ('payload' in o && o.payload instanceof PendingPayload) Reflect.set(o, 'payload', o.payload.record());
}

/** The sort of `m` in `sorts`: protocol, kind, its facets' name (a command, a method), direction, subscription
 * (created when new; past MAX_SORTS, one 'other' sort per direction). */
function sortIn(sorts: Sort[], m: AppMessageRecord, f: MessageFacets): Sort {
  const name = f.name;
  const sub = f.subscription === true;
  for (const s of sorts)
    if (s.kind === m.kind && s.dir === m.dir && s.name === name && s.proto === m.proto && s.sub === sub) return s;
  let s: Sort;
  if (sorts.length >= MAX_SORTS) {
    for (const o of sorts) if (o.other && o.dir === m.dir) return o;
    s = new Sort('other', 'other', undefined, m.dir, false);
  } else s = new Sort(m.proto, m.kind, name, m.dir, sub);
  sorts.push(s);
  return s;
}

/**
 * The messages of one conversation in summary mode: the first `head`, a ring of the last `tail`, the
 * last dropped message of each sort, and the aggregates of every message.
 */
export class MessageBudget {
  readonly head: AppMessageRecord[] = [];
  private readonly ring: (AppMessageRecord | undefined)[];
  private readonly ringSeq: number[];
  private next = 0;
  private seq = 0;
  /**
   * Head messages settled by listed() already: a record so far is read again and again while its frames
   * are told (explained `--frames`), and the head, once listed, only grows.
   */
  private settledHead = 0;
  private readonly sorts: Sort[] = [];
  /** Messages dropped from the list (counted in the aggregates, not listed). */
  dropped = 0;

  constructor(
    private readonly headCap: number,
    private readonly tailCap: number,
    /** What the aggregates read of a message (its protocol's facets). */
    private readonly facets: FacetsOf,
  ) {
    this.ring = new Array(tailCap);
    this.ringSeq = new Array(tailCap).fill(-1);
  }

  /** The head is full: messages added from now on may be dropped. */
  get full(): boolean {
    return this.head.length >= this.headCap;
  }

  /** Lists a message; the oldest of the last `tail` messages leaves the list (and enters the aggregates). */
  add(m: AppMessageRecord): void {
    const seq = this.seq++;
    if (this.head.length < this.headCap) {
      this.head.push(m);
      return;
    }
    if (this.tailCap === 0) {
      this.drop(m, seq);
      return;
    }
    const k = this.next;
    const old = this.ring[k];
    if (old) this.drop(old, this.ringSeq[k]!);
    this.ring[k] = m;
    this.ringSeq[k] = seq;
    this.next = (k + 1) % this.tailCap;
  }

  private sortOf(m: AppMessageRecord): Sort {
    return sortIn(this.sorts, m, this.facets(m));
  }

  private drop(m: AppMessageRecord, seq: number): void {
    this.dropped++;
    const f = this.facets(m);
    const s = sortIn(this.sorts, m, f);
    s.add(m, f, this.facets);
    s.lastDropped = m;
    s.lastDroppedSeq = seq;
  }

  /** The listed messages in order: head, the last dropped message of each sort not followed by a listed one, tail. */
  listed(): AppMessageRecord[] {
    const tail: { m: AppMessageRecord; seq: number }[] = [];
    for (let i = 0; i < this.tailCap; i++) {
      const k = (this.next + i) % this.tailCap;
      const m = this.ring[k];
      if (m) tail.push({ m, seq: this.ringSeq[k]! });
    }
    const extra: { m: AppMessageRecord; seq: number }[] = [];
    const inTail = new Set(tail.map((t) => this.sortOf(t.m)));
    for (const s of this.sorts) {
      // no tail (maxMessages below the summary head): the list stops at the cap
      if (this.tailCap === 0 || !s.lastDropped || inTail.has(s)) continue;
      extra.push({ m: s.lastDropped, seq: s.lastDroppedSeq });
    }
    extra.sort((a, b) => a.seq - b.seq);
    const head = this.head;
    for (let i = this.settledHead; i < head.length; i++) settle(head[i]!);
    this.settledHead = head.length;
    const out = [...head, ...extra.map((e) => e.m), ...tail.map((t) => t.m)];
    for (let i = head.length; i < out.length; i++) settle(out[i]!);
    return out;
  }

  /** Aggregates of every message (listed ones included), per sort in order of first frame. */
  stats(): SortStats[] {
    // Listed messages enter the aggregates now (their pairing fields are final), on copies of the sorts:
    // a live capture asks again later.
    const sorts = this.sorts.map((s) => s.clone());
    const add = (m: AppMessageRecord) => {
      const f = this.facets(m);
      sortIn(sorts, m, f).add(m, f, this.facets);
    };
    for (const m of this.head) add(m);
    for (let i = 0; i < this.tailCap; i++) {
      const m = this.ring[(this.next + i) % this.tailCap];
      if (m) add(m);
    }
    const out = sorts.filter((s) => s.s.count > 0).map((s) => s.s);
    out.sort((a, b) => a.first - b.first);
    return out;
  }
}
