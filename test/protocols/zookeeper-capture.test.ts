/**
 * ZooKeeper on the course's real captures (fixtures/course-zk-lock.pcap, course-zk-election.pcap: kazoo
 * clients, ZooKeeper 3.8). tshark 4.0 has no ZooKeeper dissector, so the oracle is the peers' own logs
 * (fixtures/course-zk-*.peers.jsonl, written by the kazoo hook): every request (xid, type), every reply
 * header (xid, zxid, err), every watch notification, each session id, the created paths — and who held the
 * lock / led the election, in the order the programs printed it. Then the explanation, frame by frame and as
 * a story, in both languages; the zookeeper.* fields; the check specs.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyzeFile } from '../../src/analyze.js';
import { checkCapture } from '../../src/check/index.js';
import type { ExplainedModel } from '../../src/explain/index.js';
import { type Conversation, typedConversations } from '../../src/protocols/model.js';
import { zookeeper } from '../../src/protocols/zookeeper/index.js';
import type { ZookeeperRecord } from '../../src/protocols/zookeeper/model.js';
import { FIXTURES, hasCommand, ROOT } from '../helpers/fixtures.js';
import { fixtureModel } from '../helpers/models.js';

const fx = (n: string) => join(FIXTURES, n);
const model = fixtureModel;

interface PeerEvent {
  peer: string;
  socket: string;
  event: 'send' | 'recv' | 'info';
  data: unknown;
  xid?: number | null;
  type?: number | null;
  zxid?: number;
  err?: number;
  session_id?: number;
}

function peers(name: string): PeerEvent[] {
  return readFileSync(fx(name.replace('.pcap', '.peers.jsonl')), 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as PeerEvent);
}

/** Session id of each peer (its "session created" line; the log writes it as a JSON number, exact here). */
function sessions(name: string): Map<string, string> {
  const raw = readFileSync(fx(name.replace('.pcap', '.peers.jsonl')), 'utf8');
  const out = new Map<string, string>();
  for (const l of raw.split('\n')) {
    if (!l.includes('"session created"')) continue;
    const peer = /"peer": "([^"]+)"/.exec(l)![1]!;
    // read the digits, not the parsed number: 64-bit ids lose precision as JS numbers
    const id = BigInt(/"session_id": (\d+)/.exec(l)![1]!);
    out.set(peer, `0x${id.toString(16)}`);
  }
  return out;
}

const zk = (c: Conversation) => (c.messages ?? []).filter((m): m is ZookeeperRecord => m.proto === 'zookeeper');

async function convOfPeer(name: string, peer: string): Promise<Conversation> {
  const sid = sessions(name).get(peer);
  const m = await model(name);
  const c = typedConversations(m).find((x) => x.zk_session?.id === sid);
  expect(c, `${peer} ${sid}`).toBeDefined();
  return c!;
}

const CAPTURES = ['course-zk-lock.pcap', 'course-zk-election.pcap'];

describe.each(CAPTURES)('%s against the peers’ logs', (name) => {
  const log = peers(name);
  const names = [...sessions(name).keys()];

  it('finds every session, with the id and timeout the server gave', async () => {
    const m = await model(name);
    const convs = typedConversations(m);
    expect(convs.every((c) => c.app === 'zookeeper')).toBe(true);
    expect(names.length).toBe(convs.length);
    for (const peer of names) {
      const c = await convOfPeer(name, peer);
      const info = log.find((e) => e.peer === peer && e.data === 'session created') as PeerEvent & {
        timeout_ms: number;
      };
      expect(c.zk_session?.timeout).toBe(info.timeout_ms);
    }
  });

  it.each(names)('%s: requests (xid, type) and replies (xid, zxid, err) in order', async (peer) => {
    const c = await convOfPeer(name, peer);
    const ms = zk(c);
    const sent = log.filter((e) => e.peer === peer && e.socket === 'ZooKeeper' && e.event === 'send' && e.xid != null);
    const reqs = ms.filter((x) => x.kind === 'request');
    expect(reqs.map((r) => [r.xid, r.type])).toEqual(sent.map((e) => [e.xid, e.type]));
    const headers = log.filter(
      (e) => e.peer === peer && e.event === 'recv' && typeof e.data === 'object' && e.data && 'ReplyHeader' in e.data,
    );
    const reps = ms.filter((x) => x.kind === 'reply' && x.xid !== -2);
    expect(reps.map((r) => (r.kind === 'reply' ? [r.xid, r.zxid, r.err] : []))).toEqual(
      headers.map((e) => [e.xid, e.zxid, e.err]),
    );
    // every reply is paired with the request of its xid, whose op it tells
    for (const r of ms)
      if (r.kind === 'reply') {
        const q = reqs.find((x) => x.frame === r.reply_to);
        expect(q?.kind === 'request' && q.xid === r.xid && q.op === r.op, `reply ${r.frame}`).toBe(true);
      }
    // pings: the hook logs the answer as "Ping" (xid -2)
    const pings = log.filter((e) => e.peer === peer && e.event === 'recv' && e.data === 'Ping').length;
    expect(ms.filter((x) => x.kind === 'reply' && x.op === 'ping').length).toBe(pings);
  });

  it.each(names)('%s: created paths and watch notifications', async (peer) => {
    const c = await convOfPeer(name, peer);
    const ms = zk(c);
    // the path the hook logs after a create's reply header
    const created: string[] = [];
    const evs = log.filter((e) => e.peer === peer && e.socket === 'ZooKeeper');
    evs.forEach((e, i) => {
      if (e.event === 'send' && e.type === 1) {
        const r = evs.slice(i + 1).find((x) => x.event === 'recv' && typeof x.data === 'string' && x.xid === e.xid);
        if (r) created.push(r.data as string);
      }
    });
    expect(ms.flatMap((x) => (x.kind === 'reply' && x.created !== undefined ? [x.created] : []))).toEqual(created);
    const watches = evs
      .filter((e) => e.event === 'recv' && typeof e.data === 'object' && e.data && 'Watch' in e.data)
      .map((e) => (e.data as { Watch: { type: number; state: number; path: string } }).Watch);
    expect(ms.flatMap((x) => (x.kind === 'watch' ? [[x.type, x.path]] : []))).toEqual(
      watches.map((w) => [w.type, w.path]),
    );
  });
});

describe('recipes: who holds the lock, who leads, in the programs’ order', () => {
  it('lock: Client A then Client B, A releasing by delete, B waiting on A’s znode', async () => {
    const name = 'course-zk-lock.pcap';
    const log = peers(name);
    const order = log
      .filter((e) => e.socket === 'stdout' && typeof e.data === 'string' && e.data.includes('memperoleh lock'))
      .map((e) => e.peer);
    expect(order).toEqual(['client-a', 'client-b']);
    const ids = sessions(name);
    const m = await model(name);
    const r = typedConversations(m).flatMap((c) => c.zk_recipes ?? [])[0]!;
    expect(r).toMatchObject({ path: '/balance_lock', kind: 'lock' });
    expect(r.holders.map((i) => r.contenders[i]!.session_id)).toEqual(order.map((p) => ids.get(p)));
    const [a, b] = r.holders.map((i) => r.contenders[i]!);
    expect(a!.released?.by).toBe('delete');
    expect(a!.data).toBe('Client A');
    expect(b!.data).toBe('Client B');
    // B holds it from the moment the server shows A's znode gone (the NodeDeleted B's watch gets)
    expect(b!.holds_from).toBe(a!.gone);
    expect(b!.holds_from).toBe(64);
  });

  it('election: node 1, 2, 3, each taking over when the leader’s session ends', async () => {
    const name = 'course-zk-election.pcap';
    const log = peers(name);
    const order = log
      .filter((e) => e.socket === 'stdout' && typeof e.data === 'string' && e.data.includes('Saya adalah pemimpin'))
      .map((e) => e.peer);
    expect(order).toEqual(['node-1', 'node-2', 'node-3']);
    const ids = sessions(name);
    const m = await model(name);
    const r = typedConversations(m).flatMap((c) => c.zk_recipes ?? [])[0]!;
    expect(r).toMatchObject({ path: '/leader_election_tolerant', kind: 'election' });
    expect(r.holders.map((i) => r.contenders[i]!.session_id)).toEqual(order.map((p) => ids.get(p)));
    for (const i of r.holders) expect(r.contenders[i]!.released?.by).toBe('close');
  });
});

describe.each(['en', 'id'] as const)('explanation (%s)', (lang) => {
  it.each(CAPTURES)('%s: every ZooKeeper frame is told, with no placeholder left', async (name) => {
    const m = await model(name, lang);
    const msgs = typedConversations(m).flatMap(zk);
    for (const x of msgs) {
      const e = m.frames.find((f) => f.n === x.frame)?.explain ?? '';
      expect(e, `frame ${x.frame}`).not.toBe('');
      expect(e, `frame ${x.frame}`).not.toMatch(/\{\w+|undefined|NaN| \?[ .,)]/);
      if (x.kind === 'request' && x.path !== undefined) expect(e).toContain(x.path);
      if (x.kind === 'reply' && x.reply_to !== undefined) expect(e).toContain(`${x.reply_to}`);
    }
    const story = m.story.map((s) => s.text).join('\n');
    expect(story).not.toMatch(/\{\w+|undefined|NaN/);
  });

  it('tells the lock: who holds it, when it is released, what the watch waits for', async () => {
    const m = await model('course-zk-lock.pcap', lang);
    const story = m.story.map((s) => s.text).join('\n');
    const notes = JSON.stringify(m.overview);
    if (lang === 'en') {
      expect(story).toContain('it holds the lock from frame 36');
      expect(story).toContain('It releases the lock by deleting its znode (frame 63)');
      expect(story).toContain('it holds the lock from frame 64');
      expect(story).toContain('the watch fires in frame 64');
      expect(notes).toContain('Holders in order: 172.18.0.91 (#2');
      expect(m.frames.find((f) => f.n === 64)?.explain).toContain('The change is the delete sent in frame 63');
    } else {
      expect(story).toContain('ia memegang lock sejak frame 36');
      expect(story).toContain('Ia melepas lock dengan menghapus znode-nya (frame 63)');
      expect(story).toContain('ia memegang lock sejak frame 64');
      expect(story).toContain('watch itu terpicu di frame 64');
      expect(notes).toContain('Pemegang lock secara berurutan: 172.18.0.91 (#2');
      expect(m.frames.find((f) => f.n === 64)?.explain).toContain(
        'Perubahannya adalah delete yang dikirim di frame 63',
      );
    }
  });

  it('tells the election: the leader, and who takes over when its session ends', async () => {
    const m = await model('course-zk-election.pcap', lang);
    const story = m.story.map((s) => s.text).join('\n');
    if (lang === 'en') {
      expect(story).toContain('it is the leader from frame 26');
      expect(story).toContain('it takes over as leader from frame 115');
      expect(story).toContain('it takes over as leader from frame 136');
      expect(story).toContain('It stops being the leader when its session ends: closeSession (frame 114)');
      expect(m.frames.find((f) => f.n === 115)?.explain).toContain('because the session of connection #1 ended');
    } else {
      expect(story).toContain('ia menjadi pemimpin sejak frame 26');
      expect(story).toContain('ia mengambil alih sebagai pemimpin sejak frame 115');
      expect(story).toContain('Ia berhenti menjadi pemimpin saat sesinya berakhir: closeSession (frame 114)');
      expect(m.frames.find((f) => f.n === 115)?.explain).toContain('karena sesi koneksi #1 berakhir');
    }
  });
});

describe('zookeeper.* fields and check specs', () => {
  it('-T fields reads the requests, replies and notifications', () => {
    const r = spawnSync(
      process.execPath,
      [
        join(ROOT, 'bin/pcap-explain.js'),
        '-r',
        fx('course-zk-lock.pcap'),
        '-Y',
        'zookeeper.event == "NodeDeleted" || zookeeper.err_name == "NoNode" || zookeeper.created',
        '-T',
        'fields',
        '-e',
        'frame.number',
        '-e',
        'zookeeper.op',
        '-e',
        'zookeeper.xid',
        '-e',
        'zookeeper.err',
        '-e',
        'zookeeper.path',
        '-e',
        'zookeeper.created',
      ],
      { encoding: 'utf8' },
    );
    expect(r.status).toBe(0);
    const rows = r.stdout.replace(/\n$/, '').split('\n');
    expect(rows).toContain('12\texists\t1\t-101\t/balance\t');
    expect(rows).toContain('64\t\t-1\t\t/balance_lock/89afdec8c8e7471f86f3136dee716f6b__lock__0000000000\t');
    expect(rows.some((l) => l.startsWith('54\tcreate\t2\t0\t') && l.endsWith('__lock__0000000001'))).toBe(true);
  });

  it.each(CAPTURES)('%s: its application spec holds', async (name) => {
    const report = await checkCapture(fx(name), fx(`specs/${name}.app.yaml`));
    expect(report.failures).toEqual([]);
  });
});

describe('detection and damaged captures', () => {
  // the ConnectRequest kazoo sends: length 45, protocol version 0, lastZxidSeen 0, timeout 10000,
  // session id 0, a 16-byte zero password, readOnly false
  const connect = new Uint8Array([
    0,
    0,
    0,
    0x2d,
    0,
    0,
    0,
    0,
    0,
    0,
    0,
    0,
    0,
    0,
    0,
    0,
    0,
    0,
    0x27,
    0x10,
    0,
    0,
    0,
    0,
    0,
    0,
    0,
    0,
    0,
    0,
    0,
    0x10,
    ...new Array(16).fill(0),
    0,
  ]);

  it('knows a ConnectRequest on any port, and nothing else', () => {
    expect(zookeeper.detect(connect, 0)).toEqual({});
    expect(zookeeper.detect(connect.subarray(0, 3), 0)).toBe('more');
    expect(zookeeper.detect(connect.subarray(0, 20), 0)).toBe('more');
    expect(zookeeper.detect(connect, 1)).toBe('no');
    expect(zookeeper.detect(new TextEncoder().encode('GET / HTTP/1.1\r\n\r\n'), 0)).toBe('no');
    const v1 = connect.slice();
    v1[7] = 1; // protocol version 1
    expect(zookeeper.detect(v1, 0)).toBe('no');
  });

  const editcap = hasCommand('editcap');
  const tmp = join(ROOT, 'test-artifacts', 'zookeeper');
  mkdirSync(tmp, { recursive: true });

  it.skipIf(!editcap)('a capture begun mid-session: replies to unseen requests are said to be unknown', async () => {
    const out = join(tmp, 'zk-mid.pcap');
    spawnSync('editcap', ['-r', fx('course-zk-lock.pcap'), out, '56-86']);
    const m = (await analyzeFile(out, { lang: 'en' })) as ExplainedModel;
    expect(m.frames[0]!.explain).toContain('that request is not in the capture');
    const convs = typedConversations(m);
    expect(convs.every((c) => c.app === 'zookeeper')).toBe(true);
    // the creates are not in the capture: no lock is told
    expect(convs.some((c) => c.zk_recipes)).toBe(false);
    expect(m.frames.flatMap((f) => f.notes.map((n) => n.code))).not.toContain('frame.dissector_bug');
  });

  it.skipIf(!editcap)('a lost create: the holders are not claimed', async () => {
    const out = join(tmp, 'zk-gap.pcap');
    spawnSync('editcap', [fx('course-zk-lock.pcap'), out, '35', '57']);
    const m = (await analyzeFile(out, { lang: 'en' })) as ExplainedModel;
    const r = typedConversations(m).flatMap((c) => c.zk_recipes ?? [])[0]!;
    expect(r.holders).toEqual([]);
    expect(JSON.stringify(m.overview)).toContain('the order of holders cannot be told');
  });
});
