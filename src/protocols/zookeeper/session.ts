/**
 * ZooKeeper session: both directions framed by the 4-byte length prefix over TCP reassembly (PduStream).
 * The client's first packet is a ConnectRequest when it has that shape (the capture holds the opening),
 * the server's first packet then is the ConnectResponse; after them the client sends requests
 * (RequestHeader: xid, type) and the server replies (ReplyHeader: xid, zxid, err). A reply does not say
 * which operation it answers: the requests waiting for their reply are kept by xid with their type, and
 * the reply's body is decoded by it. Pings use xid -2 (answered in order), watch notifications xid -1.
 *
 * The session also keeps, bounded, what the end-of-capture pass (recipes.ts) needs to tell the lock and
 * election recipes and what made a watch fire: ephemeral sequential znodes created, znodes deleted, the
 * session's closeSession, children listings, and the watch notifications.
 */

import type { AppConversation, Dir } from '../../analysis/app/conversation.js';
import { DIR_NAME } from '../../analysis/app/conversation.js';
import { PduHandler } from '../../analysis/app/framed.js';
import { roundNs } from '../../analysis/app/time.js';
import type { AppPayloadRecord, ConversationRecord } from '../../analysis/model.js';
import { utf8Text } from '../reader.js';
import { decodeClient, decodeServer, frame, looksLikeConnectRequest } from './decode.js';
import type {
  ZkConnectedRecord,
  ZkConnectRecord,
  ZkRecipeRecord,
  ZkReplyRecord,
  ZkRequestRecord,
  ZkStatRecord,
  ZkSubOpRecord,
  ZkWatchRecord,
  ZookeeperFacts,
  ZookeeperFrameEntry,
} from './model.js';
import { ZK_OPS, ZK_XID_PING, ZK_XID_WATCH, type ZkOp, type ZkResult, type ZkStat } from './types.js';

/** Framing needs no state: every packet is a 4-byte length and the record. */
type NoState = Record<string, never>;
const PROTOCOL = { frame: (buf: Uint8Array, off: number, end: number) => frame(buf, off, end) };

/** Requests remembered while waiting for their replies, and recipe events kept per session. */
const MAX_PENDING = 10_000;
const MAX_EVENTS = 10_000;

/** A request waiting for its reply. */
interface Pending {
  type: number;
  op: string;
  path: string | undefined;
  rec: ZkRequestRecord | null;
  frame: number;
  t: number;
  /** The watch this request leaves, when the server accepts it. */
  watch?: WatchKind;
  /** create: the data it writes, as text. */
  data?: string;
  /** create: an ephemeral sequential znode (a lock's or an election's contender). */
  contender?: true;
}

/** What a watch waits for: data watches (getData), existence watches (exists), child watches (getChildren). */
export type WatchKind = 'data' | 'exist' | 'child';

/** A watch the server holds for this session: its path, its kind and the request that left it. */
interface Armed {
  path: string;
  kind: WatchKind;
  frame: number;
}

/** What the end-of-capture pass reads of one session (recipes.ts). */
export interface ZkSessionEvents {
  conversation: number;
  client: string;
  server: string;
  session_id: string | undefined;
  /** Ephemeral sequential znodes this session created (the reply's frame). */
  creates: Array<{ frame: number; path: string; data?: string }>;
  /** Successful deletes: the request's frame, the reply's frame. */
  deletes: Array<{ frame: number; reply: number; path: string }>;
  /** Successful creates and setData (for what made a watch fire). */
  changes: Array<{ frame: number; reply: number; op: string; path: string }>;
  /** closeSession: the request's frame and the reply's frame (when it came). */
  close?: { frame: number; reply?: number };
  /** The connection's last frame (a session that never closed expires after its timeout). */
  last: number;
  /** Children listings: the parent, the reply's frame, the children. */
  listings: Array<{ frame: number; path: string; children: string[] }>;
  /** Watch notifications received (their records, when listed, get their cause). */
  notices: Array<{ frame: number; event: string; path: string; rec: ZkWatchRecord | null }>;
}

/** A 64-bit session id as ZooKeeper's logs print it. */
export function sessionHex(id: bigint): string {
  return `0x${BigInt.asUintN(64, id).toString(16)}`;
}

function statRecord(s: ZkStat): ZkStatRecord {
  const r: ZkStatRecord = {
    version: s.version,
    num_children: s.numChildren,
    data_length: s.dataLength,
    czxid: Number(s.czxid),
    mzxid: Number(s.mzxid),
  };
  if (s.ephemeralOwner !== 0n) r.ephemeral_owner = sessionHex(s.ephemeralOwner);
  return r;
}

/** The path a request names (none for ping, closeSession, multi, setWatches, auth). */
function pathOf(b: ZkOp): string | undefined {
  return 'path' in b ? b.path : undefined;
}

function opName(type: number): string {
  return ZK_OPS[type] ?? `op${type}`;
}

function subOps(ops: readonly ZkOp[]): ZkSubOpRecord[] {
  return ops.map((o) => {
    const r: ZkSubOpRecord = { op: o.op };
    if ('path' in o) r.path = o.path;
    if ('flags' in o) r.flags = o.flags;
    if ('version' in o) r.version = o.version;
    return r;
  });
}

/** The watch a read request leaves: getData a data watch, exists an existence watch, getChildren a child watch. */
function watchKind(b: ZkOp): WatchKind | undefined {
  switch (b.op) {
    case 'exists':
      return b.watch ? 'exist' : undefined;
    case 'getData':
      return b.watch ? 'data' : undefined;
    case 'getChildren':
    case 'getChildren2':
      return b.watch ? 'child' : undefined;
    default:
      return undefined;
  }
}

/** Which watches a notification fires (ZooKeeper's WatchManager): by event type. */
function fires(event: string, kind: WatchKind): boolean {
  switch (event) {
    case 'NodeCreated':
      return kind === 'exist';
    case 'NodeDataChanged':
      return kind === 'data' || kind === 'exist';
    case 'NodeDeleted':
      return true;
    case 'NodeChildrenChanged':
      return kind === 'child';
    default:
      return false;
  }
}

function text(bytes: Uint8Array): string | undefined {
  if (bytes.length > 256) return undefined;
  for (const b of bytes) if (b < 0x20 && b !== 0x09) return undefined;
  return utf8Text(bytes);
}

export class ZookeeperHandler extends PduHandler<NoState> {
  readonly proto = 'zookeeper' as const;
  /** Per direction: the first packet was seen (the connect records come first). */
  private readonly started: [boolean, boolean] = [false, false];
  /** The client's first packet was a ConnectRequest: the server's first packet is the ConnectResponse. */
  private connecting = false;
  private readonly waiting = new Map<number, Pending>();
  /** Pings waiting for their answer (xid -2), oldest first. */
  private readonly pings: Pending[] = [];
  private readonly armed: Armed[] = [];
  private session: { id: string; timeout: number } | undefined;
  readonly events: ZkSessionEvents;
  /** The lock and election recipes this session took part in (set by the end-of-capture pass). */
  recipes: ZkRecipeRecord[] = [];

  constructor(conv: AppConversation) {
    super(conv, [{}, {}], PROTOCOL);
    this.events = {
      conversation: conv.id,
      client: conv.info ? conv.info.client.addr : '',
      server: conv.info ? `${conv.info.server.addr}:${conv.info.server.port}` : '',
      session_id: undefined,
      creates: [],
      deletes: [],
      changes: [],
      last: 0,
      listings: [],
      notices: [],
    };
  }

  /** A segment of whole packets, each with a sane length and at least a header. */
  protected override syncs(dir: Dir, bytes: Uint8Array): boolean {
    const min = dir === 0 ? 8 : 16;
    let off = 0;
    while (off < bytes.length) {
      const f = frame(bytes, off, bytes.length);
      if (f.kind !== 'pdu' || f.length < 4 + min) return false;
      off += f.length;
    }
    return off === bytes.length && off > 0;
  }

  /** After lost bytes a reply could answer a request that was lost too: nothing waits any more. */
  protected override forgetPairs(): void {
    this.waiting.clear();
    this.pings.length = 0;
  }

  pdu(dir: Dir, bytes: Uint8Array, frames: readonly number[]): void {
    const conv = this.conv;
    const at = conv.completing(frames);
    this.events.last = Math.max(this.events.last, at);
    const first = !this.started[dir];
    this.started[dir] = true;
    if (dir === 0) {
      const connect = first && looksLikeConnectRequest(bytes) === 'yes';
      if (first && !connect && !this.started[1]) conv.note('app.midstream', { proto: 'zookeeper' });
      this.connecting = connect;
      this.client(bytes, frames, at, connect);
    } else {
      const connect = first && this.connecting;
      this.server(bytes, frames, at, connect);
    }
  }

  private malformed(code: string, params?: Readonly<Record<string, string | number>>): void {
    const p = params ? { ...params } : undefined;
    this.conv.note(code, p);
    this.conv.ctx.note(code, p);
  }

  private dataOf(span: { offset: number; length: number } | null, bytes: Uint8Array): AppPayloadRecord | undefined {
    if (!span) return undefined;
    return this.conv.decode(bytes.subarray(span.offset, span.offset + span.length));
  }

  private client(bytes: Uint8Array, frames: readonly number[], at: number, connect: boolean): void {
    const conv = this.conv;
    const ctx = conv.ctx;
    const d = decodeClient(bytes, { connect });
    if (d.kind !== 'ok') {
      if (d.kind === 'malformed' || d.kind === 'unsupported')
        this.malformed(d.code, 'params' in d ? d.params : undefined);
      return;
    }
    const m = d.message;
    ctx.done('zookeeper');
    const base = { frame: at, frames: [...frames], dir: DIR_NAME[0], proto: 'zookeeper' as const };
    if (m.kind === 'connect-request') {
      const session_id = sessionHex(m.sessionId);
      if (conv.room()) {
        const rec: ZkConnectRecord = {
          ...base,
          kind: 'connect',
          timeout: m.timeout,
          session_id,
          last_zxid: Number(m.lastZxidSeen),
        };
        if (m.readOnly !== undefined) rec.read_only = m.readOnly;
        conv.add(rec);
        this.connectRec = rec;
      } else this.connectRec = null;
      this.connectAt = { frame: at, t: ctx.now };
      if (ctx.frames) this.emit({ proto: 'zookeeper', kind: 'connect', session_id, timeout: m.timeout });
      return;
    }
    const b = m.body;
    const op = opName(m.type);
    const path = pathOf(b);
    let rec: ZkRequestRecord | null = null;
    if (conv.room()) {
      rec = { ...base, kind: 'request', xid: m.xid, type: m.type, op };
      if (path !== undefined) rec.path = path;
      switch (b.op) {
        case 'create':
        case 'create2':
        case 'createContainer':
        case 'createTTL': {
          rec.flags = b.flags;
          if (b.ephemeral) rec.ephemeral = true;
          if (b.sequential) rec.sequential = true;
          const p = this.dataOf(b.data, bytes);
          if (p) rec.payload = p;
          break;
        }
        case 'setData': {
          rec.version = b.version;
          const p = this.dataOf(b.data, bytes);
          if (p) rec.payload = p;
          break;
        }
        case 'delete':
        case 'check':
        case 'setACL':
          rec.version = b.version;
          break;
        case 'exists':
        case 'getData':
        case 'getChildren':
        case 'getChildren2':
          rec.watch = b.watch;
          break;
        case 'multi':
          rec.ops = subOps(b.ops);
          break;
        case 'setWatches':
          rec.watches = [...new Set([...b.dataWatches, ...b.existWatches, ...b.childWatches])];
          break;
        case 'getACL':
        case 'sync':
        case 'ping':
        case 'closeSession':
        case 'auth':
        case 'other':
          break;
        default: {
          const never: never = b;
          void never;
        }
      }
      conv.add(rec);
    }
    const p: Pending = { type: m.type, op, path, rec, frame: at, t: ctx.now };
    const w = watchKind(b);
    if (w) p.watch = w;
    if (b.op === 'create' || b.op === 'create2') {
      if (b.ephemeral && b.sequential) p.contender = true;
      const t = b.data ? text(bytes.subarray(b.data.offset, b.data.offset + b.data.length)) : undefined;
      if (t !== undefined) p.data = t;
    }
    if (b.op === 'setWatches') {
      // after a reconnection the client sets its watches again: they are armed from now on
      for (const x of b.dataWatches) this.arm(x, 'data', at);
      for (const x of b.existWatches) this.arm(x, 'exist', at);
      for (const x of b.childWatches) this.arm(x, 'child', at);
    }
    if (b.op === 'closeSession') this.events.close = { frame: at };
    if (m.xid === ZK_XID_PING) {
      if (this.pings.length < MAX_PENDING) this.pings.push(p);
    } else if (this.waiting.size < MAX_PENDING) this.waiting.set(m.xid, p);
    if (ctx.frames) {
      const e: ZookeeperFrameEntry = { proto: 'zookeeper', kind: 'request', xid: m.xid, type: m.type, op };
      if (path !== undefined) e.path = path;
      if ('flags' in b) {
        e.flags = b.flags;
        if (b.ephemeral) e.ephemeral = true;
        if (b.sequential) e.sequential = true;
      }
      if ('watch' in b) e.watch = b.watch;
      this.emit(e);
    }
  }

  /** The ConnectRequest (its record and when), for the ConnectResponse's pairing. */
  private connectRec: ZkConnectRecord | null | undefined;
  private connectAt: { frame: number; t: number } | undefined;

  private arm(path: string, kind: WatchKind, frame: number): void {
    if (this.armed.some((a) => a.path === path && a.kind === kind)) return;
    if (this.armed.length < MAX_EVENTS) this.armed.push({ path, kind, frame });
  }

  private emit(e: ZookeeperFrameEntry): void {
    this.conv.ctx.emit(e);
  }

  private server(bytes: Uint8Array, frames: readonly number[], at: number, connect: boolean): void {
    const conv = this.conv;
    const ctx = conv.ctx;
    const base = { frame: at, frames: [...frames], dir: DIR_NAME[1], proto: 'zookeeper' as const };
    if (connect) {
      const d = decodeServer(bytes, { connect: true });
      if (d.kind !== 'ok' || d.message.kind !== 'connect-response') {
        if (d.kind === 'malformed' || d.kind === 'unsupported')
          this.malformed(d.code, 'params' in d ? d.params : undefined);
        return;
      }
      const m = d.message;
      ctx.done('zookeeper');
      const session_id = sessionHex(m.sessionId);
      this.session = { id: session_id, timeout: m.timeout };
      this.events.session_id = session_id;
      this.pings.length = 0;
      if (conv.room()) {
        const rec: ZkConnectedRecord = { ...base, kind: 'connected', timeout: m.timeout, session_id };
        if (m.readOnly !== undefined) rec.read_only = m.readOnly;
        if (this.connectAt) {
          rec.reply_to = this.connectAt.frame;
          rec.latency = roundNs(ctx.now - this.connectAt.t);
        }
        if (this.connectRec) this.connectRec.replied_by = at;
        conv.add(rec);
      }
      if (ctx.frames) this.emit({ proto: 'zookeeper', kind: 'connected', session_id, timeout: m.timeout });
      return;
    }
    // the header first: the xid finds the request, whose type decides how the body reads
    const xid = bytes.length >= 8 ? new DataView(bytes.buffer, bytes.byteOffset + 4, 4).getInt32(0, false) : 0;
    let q: Pending | undefined;
    if (xid === ZK_XID_PING) q = this.pings.shift();
    else if (xid !== ZK_XID_WATCH) {
      q = this.waiting.get(xid);
      if (q) this.waiting.delete(xid);
    }
    const d = decodeServer(bytes, q ? { requestType: q.type } : {});
    if (d.kind !== 'ok') {
      if (d.kind === 'malformed' || d.kind === 'unsupported')
        this.malformed(d.code, 'params' in d ? d.params : undefined);
      return;
    }
    const m = d.message;
    ctx.done('zookeeper');
    if (m.kind === 'watch-event') {
      const event = m.typeName ?? `event${m.type}`;
      const rec: ZkWatchRecord | null = conv.room()
        ? {
            ...base,
            kind: 'watch',
            zxid: Number(m.header.zxid),
            event,
            type: m.type,
            state: m.stateName ?? String(m.state),
            path: m.path,
          }
        : null;
      // the watches this event fires are used up (ZooKeeper's watches are one-shot)
      let set: number | undefined;
      for (let i = 0; i < this.armed.length; ) {
        const a = this.armed[i]!;
        if (a.path === m.path && fires(event, a.kind)) {
          set = set === undefined ? a.frame : Math.min(set, a.frame);
          this.armed.splice(i, 1);
        } else i++;
      }
      if (rec) {
        if (set !== undefined) rec.watch_set = set;
        conv.add(rec);
      }
      if (this.events.notices.length < MAX_EVENTS) this.events.notices.push({ frame: at, event, path: m.path, rec });
      if (ctx.frames)
        this.emit({
          proto: 'zookeeper',
          kind: 'watch',
          xid: m.header.xid,
          event,
          path: m.path,
          zxid: Number(m.header.zxid),
        });
      return;
    }
    if (m.kind !== 'reply') return; // a ConnectResponse is decoded only as the first packet
    const h = m.header;
    const error = h.errName ?? String(h.err);
    let rec: ZkReplyRecord | null = null;
    if (conv.room()) {
      rec = { ...base, kind: 'reply', xid: h.xid, zxid: Number(h.zxid), err: h.err, error };
      if (q) {
        rec.type = q.type;
        rec.op = q.op;
        if (q.path !== undefined) rec.path = q.path;
        rec.reply_to = q.frame;
        rec.latency = roundNs(ctx.now - q.t);
        if (q.rec) q.rec.replied_by = at;
      }
      if (m.result) this.result(rec, m.result, bytes);
      conv.add(rec);
    } else if (q?.rec) q.rec.replied_by = at;
    if (!q && xid !== ZK_XID_PING) conv.note('zookeeper.reply.unmatched', { frame: at, xid });
    if (q) this.settle(q, h.err, m.result, at);
    if (ctx.frames) {
      const e: ZookeeperFrameEntry = {
        proto: 'zookeeper',
        kind: 'reply',
        xid: h.xid,
        zxid: Number(h.zxid),
        err: h.err,
      };
      e.error = error;
      if (q) {
        e.type = q.type;
        e.op = q.op;
        if (q.path !== undefined) e.path = q.path;
      }
      if (m.result && (m.result.op === 'create' || m.result.op === 'create2')) e.created = m.result.path;
      this.emit(e);
    }
  }

  private result(rec: ZkReplyRecord, r: ZkResult, bytes: Uint8Array): void {
    switch (r.op) {
      case 'create':
        rec.created = r.path;
        break;
      case 'create2':
        rec.created = r.path;
        rec.stat = statRecord(r.stat);
        break;
      case 'exists':
      case 'setData':
        rec.stat = statRecord(r.stat);
        break;
      case 'getData': {
        rec.stat = statRecord(r.stat);
        const p = this.dataOf(r.data, bytes);
        if (p) rec.payload = p;
        break;
      }
      case 'getChildren':
        rec.children = [...r.children];
        break;
      case 'getChildren2':
        rec.children = [...r.children];
        rec.stat = statRecord(r.stat);
        break;
      case 'getACL':
        rec.stat = statRecord(r.stat);
        break;
      case 'sync':
      case 'multi':
      case 'empty':
        break;
      default: {
        const never: never = r;
        void never;
      }
    }
  }

  /** What a reply settles: the watch its request leaves, and the recipe events of a successful change. */
  private settle(q: Pending, err: number, r: ZkResult | undefined, at: number): void {
    const ev = this.events;
    // exists leaves a watch on a znode that does not exist yet too (it waits for its creation)
    if (q.watch && q.path !== undefined && (err === 0 || (q.watch === 'exist' && err === -101)))
      this.arm(q.path, q.watch, q.frame);
    if (err !== 0) return;
    if (ev.changes.length >= MAX_EVENTS) return;
    switch (q.op) {
      case 'create':
      case 'create2': {
        const created = r && (r.op === 'create' || r.op === 'create2') ? r.path : q.path;
        if (created === undefined) break;
        ev.changes.push({ frame: q.frame, reply: at, op: q.op, path: created });
        if (q.contender) {
          const c: { frame: number; path: string; data?: string } = { frame: at, path: created };
          if (q.data !== undefined) c.data = q.data;
          ev.creates.push(c);
        }
        break;
      }
      case 'delete':
        if (q.path !== undefined) {
          ev.deletes.push({ frame: q.frame, reply: at, path: q.path });
          ev.changes.push({ frame: q.frame, reply: at, op: q.op, path: q.path });
        }
        break;
      case 'setData':
        if (q.path !== undefined) ev.changes.push({ frame: q.frame, reply: at, op: q.op, path: q.path });
        break;
      case 'getChildren':
      case 'getChildren2':
        if (q.path !== undefined && r && (r.op === 'getChildren' || r.op === 'getChildren2'))
          ev.listings.push({ frame: at, path: q.path, children: [...r.children] });
        break;
      case 'closeSession':
        if (ev.close) ev.close.reply = at;
        break;
      default:
        break;
    }
  }

  finish(rec: ConversationRecord): void {
    rec.pattern = 'request/response';
    const facts: ZookeeperFacts = {};
    if (this.session) facts.zk_session = this.session;
    if (this.recipes.length > 0) facts.zk_recipes = this.recipes;
    Object.assign(rec, facts);
  }
}
