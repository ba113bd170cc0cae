import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fromHex } from '../../src/protocols/reader.js';
import { decodeClient, decodeServer, frame, looksLikeConnectRequest } from '../../src/protocols/zookeeper/decode.js';
import type { ZkClientMessage, ZkServerMessage } from '../../src/protocols/zookeeper/types.js';
import { FIXTURES, HAVE_TSHARK, lazy, peersLog, prefixes, tcpPdus, tcpSegments } from './streams.js';
import {
  CLOSE,
  CONNECT_REQ,
  CONNECT_RESP,
  CREATE,
  GETDATA_WATCH,
  MULTI,
  PING,
  REPLY_CREATE,
  REPLY_GETDATA,
  REPLY_NONODE,
  WATCH,
  ZK_CLIENT_VECTORS,
  ZK_SERVER_VECTORS,
} from './zookeeper.vectors.js';

function okC(b: Uint8Array, connect = false): ZkClientMessage {
  const d = decodeClient(b, { connect });
  if (d.kind !== 'ok')
    throw new Error(`expected ok, got ${JSON.stringify(d, (_k, v) => (typeof v === 'bigint' ? `${v}` : v))}`);
  return d.message;
}
function okS(b: Uint8Array, opts: { connect?: boolean; requestType?: number } = {}): ZkServerMessage {
  const d = decodeServer(b, opts);
  if (d.kind !== 'ok')
    throw new Error(`expected ok, got ${JSON.stringify(d, (_k, v) => (typeof v === 'bigint' ? `${v}` : v))}`);
  return d.message;
}
describe('ZooKeeper byte vectors', () => {
  it('ConnectRequest and ConnectResponse', () => {
    expect(looksLikeConnectRequest(CONNECT_REQ)).toBe('yes');
    expect(looksLikeConnectRequest(CREATE)).toBe('no');
    expect(looksLikeConnectRequest(CONNECT_REQ.subarray(0, 10))).toBe('need');
    const c = okC(CONNECT_REQ, true);
    expect(c).toMatchObject({
      kind: 'connect-request',
      protocolVersion: 0,
      timeout: 10000,
      sessionId: 0n,
      readOnly: false,
    });
    const r = okS(CONNECT_RESP, { connect: true });
    expect(r).toMatchObject({ kind: 'connect-response', timeout: 10000, sessionId: 0x0100001b6c6a0000n });
  });

  it('create with flags EPHEMERAL|SEQUENTIAL, getData with a watch, ping, closeSession, multi', () => {
    const c = okC(CREATE);
    expect(c.kind === 'request' && [c.xid, c.typeName]).toEqual([4, 'create']);
    expect(c.kind === 'request' && c.body).toMatchObject({
      op: 'create',
      path: '/l/x-',
      data: { offset: 25, length: 1 },
      acl: [{ perms: 31, id: { scheme: 'world', id: 'anyone' } }],
      flags: 3,
      ephemeral: true,
      sequential: true,
    });
    const g = okC(GETDATA_WATCH);
    expect(g.kind === 'request' && g.body).toEqual({ op: 'getData', path: '/l/a', watch: true });
    expect(okC(PING)).toMatchObject({ xid: -2, typeName: 'ping', body: { op: 'ping' } });
    expect(okC(CLOSE)).toMatchObject({ xid: 9, typeName: 'closeSession' });
    expect(okC(MULTI)).toMatchObject({
      typeName: 'multi',
      body: {
        op: 'multi',
        ops: [
          { op: 'delete', path: '/a', version: -1 },
          { op: 'check', path: '/b', version: 1 },
        ],
      },
    });
  });

  it('replies: the body depends on the request type the caller paired by xid', () => {
    expect(okS(REPLY_CREATE, { requestType: 1 })).toMatchObject({
      kind: 'reply',
      header: { xid: 4, zxid: 6n, err: 0, errName: 'OK' },
      result: { op: 'create', path: '/l/x-0000000000' },
    });
    // without the request type, the body stays a span
    expect(okS(REPLY_CREATE)).toMatchObject({ result: undefined, body: { offset: 20, length: 19 } });
    expect(okS(REPLY_NONODE, { requestType: 3 })).toMatchObject({
      header: { err: -101, errName: 'NoNode' },
      result: undefined,
    });
    expect(okS(WATCH)).toMatchObject({
      kind: 'watch-event',
      typeName: 'NodeDeleted',
      stateName: 'SyncConnected',
      path: '/l/a',
    });
    const gd = okS(REPLY_GETDATA, { requestType: 4 });
    expect(gd.kind === 'reply' && gd.result).toMatchObject({
      op: 'getData',
      data: { offset: 24, length: 4 },
      stat: { czxid: 2n, mzxid: 9n, version: 1, dataLength: 4, pzxid: 2n },
    });
  });

  it('framing and errors', () => {
    expect(frame(CREATE, 0, 2)).toEqual({ kind: 'need', atLeast: 4 });
    expect(frame(CREATE, 0, 10)).toEqual({ kind: 'need', atLeast: 57 });
    expect(frame(CREATE, 0, 57)).toEqual({ kind: 'pdu', length: 57 });
    expect(frame(fromHex('ff ff ff ff'), 0, 4)).toMatchObject({ kind: 'malformed', code: 'zookeeper.length.bad' });
    // a path length (0x40) past the packet's declared length
    expect(decodeClient(fromHex('00 00 00 0c 00 00 00 01 00 00 00 03 00 00 00 40'))).toMatchObject({
      kind: 'malformed',
      code: 'zookeeper.field.past_end',
    });
    expect(decodeServer(fromHex('80 00 00 00'))).toMatchObject({ kind: 'malformed', code: 'zookeeper.length.bad' });
    // getChildren reply claiming 10^6 children
    expect(
      decodeServer(fromHex('00 00 00 14 00 00 00 01 00 00 00 00 00 00 00 01 00 00 00 00 00 0f 42 40'), {
        requestType: 8,
      }),
    ).toMatchObject({ kind: 'malformed', code: 'zookeeper.list.too_long' });
  });

  it('every prefix is truncated', () => {
    for (const v of ZK_CLIENT_VECTORS) {
      for (const p of prefixes(v)) expect(decodeClient(p).kind).toBe(p.length === v.length ? 'ok' : 'truncated');
    }
    for (const [v, requestType] of ZK_SERVER_VECTORS) {
      for (const p of prefixes(v)) {
        expect(decodeServer(p, { requestType }).kind).toBe(p.length === v.length ? 'ok' : 'truncated');
      }
    }
  });
});

/** Decodes both directions of every connection of a capture, pairing replies with requests by xid. */
function decodeCapture(file: string) {
  const pdus = tcpPdus(tcpSegments(file), (b, o, e) => frame(b, o, e));
  const streams = new Map<
    number,
    { client?: string; pending: Map<number, number>; requests: ZkClientMessage[]; replies: ZkServerMessage[] }
  >();
  for (const p of pdus) {
    let s = streams.get(p.stream);
    if (!s) {
      s = { pending: new Map(), requests: [], replies: [] };
      streams.set(p.stream, s);
    }
    const fromClient = p.dst.endsWith(':2181');
    if (fromClient) {
      const first = s.requests.length === 0;
      const d = decodeClient(p.bytes, { connect: first });
      if (d.kind !== 'ok') throw new Error(`frame ${p.frame}: ${d.kind}`);
      if (d.message.kind === 'request') s.pending.set(d.message.xid, d.message.type);
      s.client = p.src;
      s.requests.push(d.message);
    } else {
      const first = s.replies.length === 0;
      const xid = p.bytes.length >= 8 ? new DataView(p.bytes.buffer, p.bytes.byteOffset + 4, 4).getInt32(0) : 0;
      const d = decodeServer(p.bytes, { connect: first, requestType: s.pending.get(xid) });
      if (d.kind !== 'ok') throw new Error(`frame ${p.frame}: ${d.kind}`);
      s.pending.delete(xid);
      s.replies.push(d.message);
    }
  }
  return [...streams.values()];
}

/** The same facts from the peers log (kazoo's own protocol log), per peer. */
function loggedFacts(name: string) {
  const lines = readFileSync(`${FIXTURES}/${name}`, 'utf8').split('\n');
  const log = peersLog(name);
  const peers = new Map<
    string,
    { requests: string[]; headers: string[]; watches: string[]; pings: number; session: string }
  >();
  for (const [i, l] of log.entries()) {
    if (l.socket !== 'ZooKeeper') continue;
    let p = peers.get(l.peer);
    if (!p) {
      p = { requests: [], headers: [], watches: [], pings: 0, session: '' };
      peers.set(l.peer, p);
    }
    if (l.event === 'send' && l.xid !== null) {
      const [kind, f] = Object.entries(l.data)[0] as [string, Record<string, unknown>];
      p.requests.push(`${l.xid} ${l.type} ${f.path ?? ''} ${f.watch ?? ''} ${f.flags ?? ''} ${kind}`);
    }
    if (l.event === 'recv' && l.data?.ReplyHeader) p.headers.push(`${l.xid} ${l.zxid} ${l.err}`);
    if (l.event === 'recv' && l.data?.Watch)
      p.watches.push(`${l.data.Watch.type} ${l.data.Watch.state} ${l.data.Watch.path}`);
    if (l.event === 'recv' && l.data === 'Ping') p.pings++;
    // the session id is a 64-bit number: read its digits from the line, not through JSON.parse
    if (l.event === 'info' && l.data === 'session created') p.session = /"session_id": (\d+)/.exec(lines[i]!)![1]!;
  }
  return [...peers.values()];
}

const KIND: Record<string, string> = {
  create: 'Create',
  exists: 'Exists',
  getData: 'GetData',
  getChildren: 'GetChildren',
  setData: 'SetData',
  delete: 'Delete',
  closeSession: 'Close',
  ping: 'Ping',
};

function decodedFacts(s: ReturnType<typeof decodeCapture>[number]) {
  const requests: string[] = [];
  for (const m of s.requests) {
    if (m.kind !== 'request') continue;
    const b = m.body as { path?: string; watch?: boolean; flags?: number };
    requests.push(
      `${m.xid} ${m.type} ${b.path ?? ''} ${b.watch ?? ''} ${b.flags ?? ''} ${KIND[m.body.op] ?? m.body.op}`,
    );
  }
  const headers: string[] = [];
  const watches: string[] = [];
  let pings = 0;
  let session = '';
  for (const m of s.replies) {
    if (m.kind === 'connect-response') session = String(m.sessionId);
    if (m.kind === 'watch-event') watches.push(`${m.type} ${m.state} ${m.path}`);
    if (m.kind === 'reply' && m.header.xid === -2) pings++;
    else if (m.kind === 'reply') headers.push(`${m.header.xid} ${m.header.zxid} ${m.header.err}`);
  }
  return { requests, headers, watches, pings, session };
}

describe.skipIf(!HAVE_TSHARK).each(['course-zk-lock', 'course-zk-election'])(
  'ZooKeeper over the real ZooKeeper 3.8 / kazoo capture %s.pcap, the peers log as oracle',
  (name) => {
    const conns = lazy(() => decodeCapture(`${FIXTURES}/${name}.pcap`));
    const byPeer = lazy(() => loggedFacts(`${name}.peers.jsonl`));

    it('one connection per kazoo session; every packet decodes; requests, reply headers, watch events and pings agree', () => {
      expect(conns().length).toBe(byPeer().length);
      const sort = (a: ReturnType<typeof decodedFacts>[]) =>
        a.map((x) => JSON.stringify(x)).sort((p, q) => (p < q ? -1 : 1));
      // a watch event can arrive after the session's close was sent (kazoo stops logging then): compare
      // the events kazoo logged as a prefix of those on the wire
      const dec = conns().map(decodedFacts);
      for (const d of dec) {
        const l = byPeer().find((p) => p.session === d.session)!;
        expect(l, `session ${d.session}`).toBeDefined();
        expect(d.requests).toEqual(l.requests);
        expect(d.headers).toEqual(l.headers);
        expect(d.pings).toBe(l.pings);
        expect(d.watches.slice(0, l.watches.length)).toEqual(l.watches);
      }
      expect(sort(dec.map((d) => ({ ...d, watches: [] }))).length).toBe(byPeer().length);
    });

    it('the recipe: ephemeral sequential znodes with 10-digit suffixes, NodeDeleted of the predecessor', () => {
      const created = conns().flatMap((s) =>
        s.replies.flatMap((m) => (m.kind === 'reply' && m.result?.op === 'create' ? [m.result.path] : [])),
      );
      const locks = created.filter((p) => /__lock__\d{10}$/.test(p));
      expect(locks.length).toBeGreaterThanOrEqual(2);
      const seqCreates = conns().flatMap((s) =>
        s.requests.flatMap((m) =>
          m.kind === 'request' && m.body.op === 'create' && m.body.sequential ? [m.body] : [],
        ),
      );
      expect(seqCreates.every((c) => c.op === 'create' && c.ephemeral && c.flags === 3)).toBe(true);
      const deleted = conns().flatMap((s) =>
        s.replies.flatMap((m) => (m.kind === 'watch-event' && m.typeName === 'NodeDeleted' ? [m.path] : [])),
      );
      expect(deleted.some((p) => locks.includes(p))).toBe(true);
    });
  },
);
