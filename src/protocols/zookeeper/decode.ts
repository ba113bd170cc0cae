/**
 * ZooKeeper client protocol (zookeeper.jute records, big-endian) over TCP: framing and pure decoders.
 *
 * Every packet is `int32 length` + record. jute: int/long big-endian; boolean one byte; ustring and buffer
 * = int32 length (-1 = null) + bytes; vector = int32 count (-1 = null) + elements.
 *
 *   client, first packet   ConnectRequest  {int protocolVersion, long lastZxidSeen, int timeOut,
 *                                             long sessionId, buffer passwd, [boolean readOnly]}
 *   server, first packet   ConnectResponse {int protocolVersion, int timeOut, long sessionId, buffer passwd,
 *                                             [boolean readOnly]}
 *   client, then           RequestHeader {int xid, int type} + the request record of `type`
 *   server, then           ReplyHeader {int xid, long zxid, int err} + the response record of the request's
 *                          type (nothing when err != 0); xid -1 = WatcherEvent {int type, int state,
 *                          ustring path}; xid -2 = the answer to a ping
 *
 * A reply does not say which request type it answers: pair it with its request by xid and pass the type
 * to decodeServer() (without it the body is left as a span). The first packet of each direction is the
 * connect record: callers say so (`connect: true`), or use looksLikeConnectRequest().
 *
 * Outcomes: a packet shorter than its length prefix → truncated; a record that needs more bytes than its
 * length prefix gives → malformed `zookeeper.field.past_end`; a negative or huge length → malformed
 * `zookeeper.length.bad`; counts above 65536 → malformed `zookeeper.list.too_long`. Never throws.
 */
import type { Framing } from '../../dissectors/app/types.js';
import { malformed, type Outcome, Reader, type Span, truncated, utf8Text } from '../reader.js';
import {
  ZK_ERRORS,
  ZK_EVENT_TYPES,
  ZK_OPS,
  ZK_STATES,
  ZK_XID_WATCH,
  type ZkAcl,
  type ZkClientMessage,
  type ZkCreateFlags,
  type ZkMultiResult,
  type ZkOp,
  type ZkReplyHeader,
  type ZkResult,
  type ZkServerMessage,
  type ZkStat,
} from './types.js';

/** ZooKeeper's jute.maxbuffer default (0xfffff) plus room; larger length prefixes are not ZooKeeper. */
export const ZK_MAX_PACKET = 16 << 20;
const MAX_LIST = 65536;
/** Lengths of a ConnectRequest record: 44 bytes with a 16-byte password, 45 with the readOnly byte. */
const CONNECT_MIN = 4 + 8 + 4 + 8 + 4;

export const ZK_NOTES = {
  'zookeeper.length.bad': 'error',
  'zookeeper.field.past_end': 'error',
  'zookeeper.list.too_long': 'error',
  'zookeeper.trailing': 'warn',
} as const;

export function frame(buf: Uint8Array, off: number, end: number): Framing {
  if (end - off < 4) return { kind: 'need', atLeast: 4 };
  const len = new DataView(buf.buffer, buf.byteOffset + off, 4).getInt32(0, false);
  if (len < 0 || len > ZK_MAX_PACKET) {
    return { kind: 'malformed', code: 'zookeeper.length.bad', params: { length: len }, skip: 4 };
  }
  const total = 4 + len;
  return end - off >= total ? { kind: 'pdu', length: total } : { kind: 'need', atLeast: total };
}

/**
 * Heuristic for the first client packet of a connection: length 44–45 (+ a 16-byte password) or any length
 * whose record reads as a ConnectRequest of protocol version 0 with a sane timeout and password length.
 */
export function looksLikeConnectRequest(pdu: Uint8Array): 'yes' | 'no' | 'need' {
  if (pdu.length < 4) return 'need';
  const len = new DataView(pdu.buffer, pdu.byteOffset, 4).getInt32(0, false);
  if (len < CONNECT_MIN || len > CONNECT_MIN + 1 + 64) return 'no';
  if (pdu.length < 4 + CONNECT_MIN) return 'need';
  const r = new Reader(pdu, 4);
  const version = r.i32();
  r.i64();
  const timeout = r.i32();
  r.i64();
  const pw = r.i32();
  const rest = len - CONNECT_MIN;
  return version === 0 && timeout >= 0 && timeout <= 24 * 3600 * 1000 && pw >= 0 && (rest === pw || rest === pw + 1)
    ? 'yes'
    : 'no';
}

function ustring(r: Reader): string {
  const n = r.i32();
  if (n <= 0) return '';
  if (n > r.remaining()) {
    r.skip(n);
    return '';
  }
  return utf8Text(r.raw(n));
}

function buffer(r: Reader): Span | null {
  const n = r.i32();
  if (n < 0) return null;
  const offset = r.pos;
  r.skip(n);
  return { offset, length: n };
}

function vector<T>(r: Reader, item: (r: Reader) => T): T[] | 'too-long' {
  const n = r.i32();
  if (n > MAX_LIST) return 'too-long';
  const out: T[] = [];
  for (let i = 0; i < n && !r.short; i++) {
    const v = item(r);
    if (!r.short) out.push(v);
  }
  return out;
}

function acl(r: Reader): ZkAcl {
  const perms = r.i32();
  const scheme = ustring(r);
  const id = ustring(r);
  return { perms, id: { scheme, id } };
}

function stat(r: Reader): ZkStat {
  return {
    czxid: r.i64(),
    mzxid: r.i64(),
    ctime: r.i64(),
    mtime: r.i64(),
    version: r.i32(),
    cversion: r.i32(),
    aversion: r.i32(),
    ephemeralOwner: r.i64(),
    dataLength: r.i32(),
    numChildren: r.i32(),
    pzxid: r.i64(),
  };
}

/** CreateMode: 0 PERSISTENT, 1 EPHEMERAL, 2 PERSISTENT_SEQUENTIAL, 3 EPHEMERAL_SEQUENTIAL, 4 CONTAINER,
 * 5 PERSISTENT_WITH_TTL, 6 PERSISTENT_SEQUENTIAL_WITH_TTL. */
export function createFlags(flags: number): ZkCreateFlags {
  return {
    flags,
    ephemeral: flags === 1 || flags === 3,
    sequential: flags === 2 || flags === 3 || flags === 6,
    container: flags === 4,
    withTtl: flags === 5 || flags === 6,
  };
}

/** A count above MAX_LIST inside a nested record: thrown to the decoder's entry point, which reports it. */
const TOO_LONG = Symbol('zookeeper.list.too_long');

function list<T>(v: T[] | 'too-long'): T[] {
  if (v === 'too-long') throw TOO_LONG; // caught in decodeClient/decodeServer, never escapes
  return v;
}

/** The request record of `type` at r.pos (up to `end`). */
function op(r: Reader, type: number, end: number): ZkOp {
  switch (type) {
    case 1:
    case 15:
    case 19:
    case 21: {
      const path = ustring(r);
      const data = buffer(r);
      const acls = list(vector(r, acl));
      const flags = r.i32();
      const ttl = type === 21 ? r.i64() : undefined;
      const name = type === 1 ? 'create' : type === 15 ? 'create2' : type === 19 ? 'createContainer' : 'createTTL';
      return { op: name, path, data, acl: acls, ttl, ...createFlags(flags) };
    }
    case 2:
    case 13:
      return { op: type === 2 ? 'delete' : 'check', path: ustring(r), version: r.i32() };
    case 3:
    case 4:
    case 8:
    case 12: {
      const name = type === 3 ? 'exists' : type === 4 ? 'getData' : type === 8 ? 'getChildren' : 'getChildren2';
      return { op: name, path: ustring(r), watch: r.u8() !== 0 };
    }
    case 5:
      return { op: 'setData', path: ustring(r), data: buffer(r), version: r.i32() };
    case 6:
    case 9:
      return { op: type === 6 ? 'getACL' : 'sync', path: ustring(r) };
    case 7:
      return { op: 'setACL', path: ustring(r), acl: list(vector(r, acl)), version: r.i32() };
    case 11:
      return { op: 'ping' };
    case -11:
      return { op: 'closeSession' };
    case 14: {
      const ops: ZkOp[] = [];
      for (let i = 0; i <= MAX_LIST && !r.short; i++) {
        const t = r.i32();
        const done = r.u8() !== 0;
        r.i32(); // err, -1 in requests
        if (done || r.short) return { op: 'multi', ops };
        ops.push(op(r, t, end));
      }
      if (!r.short) throw TOO_LONG;
      return { op: 'multi', ops };
    }
    case 101: {
      const relativeZxid = r.i64();
      const dataWatches = list(vector(r, ustring));
      const existWatches = list(vector(r, ustring));
      const childWatches = list(vector(r, ustring));
      return { op: 'setWatches', relativeZxid, dataWatches, existWatches, childWatches };
    }
    case 100: {
      const authType = r.i32();
      const scheme = ustring(r);
      const auth = buffer(r) ?? { offset: r.pos, length: 0 };
      return { op: 'auth', authType, scheme, auth };
    }
    default: {
      const offset = Math.min(r.pos, end);
      r.skip(end - offset);
      return { op: 'other', type, body: { offset, length: end - offset } };
    }
  }
}

function headerOf(xid: number, zxid: bigint, err: number): ZkReplyHeader {
  return { xid, zxid, err, errName: ZK_ERRORS[err] };
}

/** Common checks: the length prefix against the bytes at hand. */
function open(pdu: Uint8Array): { r: Reader; end: number; whole: boolean } | Outcome<never> {
  if (pdu.length < 4) {
    const r = new Reader(pdu);
    r.skip(4);
    return truncated(r);
  }
  const len = new DataView(pdu.buffer, pdu.byteOffset, 4).getInt32(0, false);
  if (len < 0 || len > ZK_MAX_PACKET) return malformed('zookeeper.length.bad', 0, { length: len });
  const end = 4 + len;
  return { r: new Reader(pdu.subarray(0, Math.min(end, pdu.length)), 4), end, whole: pdu.length >= end };
}

function finish<M>(r: Reader, end: number, whole: boolean, message: M): Outcome<M> {
  if (r.short) {
    return whole
      ? malformed('zookeeper.field.past_end', r.shortAt, { needed: r.needed, length: end - 4 })
      : truncated(r);
  }
  return { kind: 'ok', message };
}

/**
 * A client packet (length prefix included): the ConnectRequest when `connect`, else a request.
 */
export function decodeClient(pdu: Uint8Array, opts: { connect?: boolean } = {}): Outcome<ZkClientMessage> {
  const o = open(pdu);
  if ('kind' in o) return o;
  const { r, end, whole } = o;
  try {
    if (opts.connect) {
      const protocolVersion = r.i32();
      const lastZxidSeen = r.i64();
      const timeout = r.i32();
      const sessionId = r.i64();
      const pw = buffer(r);
      const password = pw ? r.bytes.slice(pw.offset, pw.offset + pw.length) : new Uint8Array(0);
      const readOnly = r.pos < end && r.has(1) ? r.u8() !== 0 : undefined;
      return finish(r, end, whole, {
        kind: 'connect-request',
        protocolVersion,
        lastZxidSeen,
        timeout,
        sessionId,
        password,
        readOnly,
      });
    }
    const xid = r.i32();
    const type = r.i32();
    const body = op(r, type, end);
    return finish(r, end, whole, { kind: 'request', xid, type, typeName: ZK_OPS[type], body });
  } catch (e) {
    if (e === TOO_LONG) return malformed('zookeeper.list.too_long', r.pos);
    throw e; // a bug: the frame's backstop reports it, the contract tests assert it never happens
  }
}

function result(r: Reader, type: number): ZkResult | undefined {
  switch (type) {
    case 1:
      return { op: 'create', path: ustring(r) };
    // create2, createContainer and createTTL are all answered with a Create2Response (path + Stat)
    case 15:
    case 19:
    case 21:
      return { op: 'create2', path: ustring(r), stat: stat(r) };
    case 3:
      return { op: 'exists', stat: stat(r) };
    case 5:
      return { op: 'setData', stat: stat(r) };
    case 4:
      return { op: 'getData', data: buffer(r), stat: stat(r) };
    case 8:
      return { op: 'getChildren', children: list(vector(r, ustring)) };
    case 12:
      return { op: 'getChildren2', children: list(vector(r, ustring)), stat: stat(r) };
    case 6:
      return { op: 'getACL', acl: list(vector(r, acl)), stat: stat(r) };
    case 9:
      return { op: 'sync', path: ustring(r) };
    case 2:
    case 11:
    case -11:
    case 13:
    case 101:
    case 100:
      return { op: 'empty' };
    case 14: {
      const results: ZkMultiResult[] = [];
      for (let i = 0; i <= MAX_LIST && !r.short; i++) {
        const t = r.i32();
        const done = r.u8() !== 0;
        const err = r.i32();
        if (done || r.short) return { op: 'multi', results };
        if (t === -1) {
          results.push({ type: -1, err: r.i32() });
          continue;
        }
        const one = result(r, t);
        if (one && 'path' in one && 'stat' in one) results.push({ type: t, err, path: one.path, stat: one.stat });
        else if (one && 'path' in one) results.push({ type: t, err, path: one.path });
        else if (one && 'stat' in one) results.push({ type: t, err, stat: one.stat });
        else results.push({ type: t, err });
      }
      if (!r.short) throw TOO_LONG;
      return { op: 'multi', results };
    }
    default:
      return undefined;
  }
}

/**
 * A server packet (length prefix included): the ConnectResponse when `connect`; else a watch event
 * (xid -1) or the reply to the request of type `requestType` (found by the caller through the xid).
 */
export function decodeServer(
  pdu: Uint8Array,
  opts: { connect?: boolean; requestType?: number } = {},
): Outcome<ZkServerMessage> {
  const o = open(pdu);
  if ('kind' in o) return o;
  const { r, end, whole } = o;
  try {
    if (opts.connect) {
      const protocolVersion = r.i32();
      const timeout = r.i32();
      const sessionId = r.i64();
      const pw = buffer(r);
      const password = pw ? r.bytes.slice(pw.offset, pw.offset + pw.length) : new Uint8Array(0);
      const readOnly = r.pos < end && r.has(1) ? r.u8() !== 0 : undefined;
      return finish(r, end, whole, {
        kind: 'connect-response',
        protocolVersion,
        timeout,
        sessionId,
        password,
        readOnly,
      });
    }
    const xid = r.i32();
    const zxid = r.i64();
    const err = r.i32();
    const header = headerOf(xid, zxid, err);
    if (xid === ZK_XID_WATCH && !r.short) {
      const type = r.i32();
      const state = r.i32();
      const path = ustring(r);
      return finish(r, end, whole, {
        kind: 'watch-event',
        header,
        type,
        typeName: ZK_EVENT_TYPES[type],
        state,
        stateName: ZK_STATES[state],
        path,
      });
    }
    const bodyStart = Math.min(r.pos, end);
    const body = { offset: bodyStart, length: end - bodyStart };
    const t = opts.requestType;
    const res = err === 0 && t !== undefined && !r.short ? result(r, t) : undefined;
    return finish(r, end, whole, { kind: 'reply', header, requestType: t, result: res, body });
  } catch (e) {
    if (e === TOO_LONG) return malformed('zookeeper.list.too_long', r.pos);
    throw e; // a bug: the frame's backstop reports it, the contract tests assert it never happens
  }
}
