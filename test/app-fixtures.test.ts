/**
 * The application layer on every real fixture, checked against what the peer programs logged they sent
 * and received (fixtures/*.peers.jsonl; the only oracle for ZeroMQ, which tshark 4.0 cannot dissect), and
 * against tshark for MQTT and HTTP fields per frame (mqtt.msgtype/topic/qos/msgid on port 1883; HTTP with
 * `-d tcp.port==5151,http`).
 */

import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { AnalysisModel, AppMessageRecord, ConversationRecord, FrameRecord } from '../src/analysis/model.js';
import { analyzeFile } from '../src/analyze.js';
import { FIXTURES, HAVE_TSHARK, tsharkFields } from './helpers/fixtures.js';

interface PeerEvent {
  peer: string;
  socket: string;
  event: 'send' | 'recv' | 'info' | 'error';
  data: unknown;
  t: number;
  topic?: string;
  qos?: number;
  retain?: boolean;
  user_properties?: [string, string][];
  len?: number;
  sha256?: string;
  status?: number;
  subscription?: string;
}

const HAVE = existsSync(join(FIXTURES, 'zmq.pcap'));
const models = new Map<string, Promise<AnalysisModel>>();

function model(name: string): Promise<AnalysisModel> {
  let m = models.get(name);
  if (!m) {
    m = analyzeFile(join(FIXTURES, name));
    models.set(name, m);
  }
  return m;
}

function peers(name: string): PeerEvent[] {
  return readFileSync(join(FIXTURES, `${name}.peers.jsonl`), 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as PeerEvent);
}

const sent = (log: PeerEvent[], peer: string) => log.filter((e) => e.peer === peer && e.event === 'send');
const received = (log: PeerEvent[], peer: string) => log.filter((e) => e.peer === peer && e.event === 'recv');

function msgs(c: ConversationRecord, dir?: 'c2s' | 's2c', kind?: string): AppMessageRecord[] {
  return (c.messages ?? []).filter((m) => (!dir || m.dir === dir) && (!kind || m.kind === kind));
}

const value = (m: AppMessageRecord) => m.payload?.value;
const partValues = (m: AppMessageRecord) => (m.parts as { payload: { value: unknown } }[]).map((p) => p.payload.value);
const sha256 = (s: string) => createHash('sha256').update(s, 'utf8').digest('hex');

function frameOf(m: AnalysisModel, n: number): FrameRecord {
  const f = m.frames[n - 1]!;
  expect(f.n).toBe(n);
  return f;
}

/** Every message: its completing frame lists it, its frames are ascending and end with... the completing frame. */
function checkFrames(m: AnalysisModel): void {
  for (const c of m.conversations) {
    for (const msg of c.messages ?? []) {
      const f = frameOf(m, msg.frame);
      const entries = (f.app ?? []).filter((e) => e.proto === msg.proto && e.kind !== 'segment');
      expect(entries.length, `frame ${msg.frame} lists its ${msg.proto} ${msg.kind}`).toBeGreaterThan(0);
      expect(f.protocols).toContain(msg.proto);
      expect(msg.frames.length).toBeGreaterThan(0);
      expect(msg.frames[msg.frames.length - 1]! <= msg.frame).toBe(true);
      for (const n of msg.frames) expect(frameOf(m, n).conversation).toBe(c.id);
    }
  }
}

/** Pairing is symmetric: a reply names its request and the request names the reply. */
function checkPairs(c: ConversationRecord): void {
  const byFrame = new Map<number, AppMessageRecord[]>();
  for (const x of c.messages ?? []) byFrame.set(x.frame, [...(byFrame.get(x.frame) ?? []), x]);
  for (const x of c.messages ?? []) {
    if (x.reply_to !== undefined) {
      expect(byFrame.get(x.reply_to)?.some((r) => r.replied_by === x.frame)).toBe(true);
      expect(x.latency).toBeGreaterThanOrEqual(0);
    }
  }
}

function only(m: AnalysisModel, pred: (c: ConversationRecord) => boolean): ConversationRecord {
  const cs = m.conversations.filter(pred);
  expect(cs.length).toBe(1);
  return cs[0]!;
}

describe.skipIf(!HAVE)('application layer on the fixtures, against the peer logs', () => {
  it.each(['zmq-reqrep.pcap', 'zmq-reqrep.pcapng', 'zmq-reqrep-ns.pcap', 'zmq-reqrep-be.pcap'])(
    '%s: REQ/REP, 10 Hello → 10 World, all paired',
    async (file) => {
      const m = await model(file);
      const log = peers('zmq-reqrep');
      const c = only(m, (x) => x.app === 'zmtp');
      expect(c.pattern).toBe('REQ/REP');
      expect(c.socket_types).toEqual({ client: 'REQ', server: 'REP' });
      const greetings = msgs(c, undefined, 'greeting');
      expect(greetings.map((g) => [g.version, g.mechanism])).toEqual([
        ['3.1', 'NULL'],
        ['3.1', 'NULL'],
      ]);
      // libzmq sends its greeting in pieces: more than one frame each.
      for (const g of greetings) expect(g.frames.length).toBeGreaterThan(1);
      const ready = msgs(c, undefined, 'command').filter((x) => x.name === 'READY');
      expect(ready.map((r) => `${r.dir} ${(r.properties as Record<string, string>)['Socket-Type']}`).sort()).toEqual([
        'c2s REQ',
        's2c REP',
      ]);
      const reqs = msgs(c, 'c2s', 'message');
      const reps = msgs(c, 's2c', 'message');
      const clientSent = sent(log, 'client').length ? sent(log, 'client') : sent(log, 'req');
      expect(reqs.map(value)).toEqual(clientSent.map((e) => e.data));
      expect(reps.map(value)).toEqual(
        (sent(log, 'server').length ? sent(log, 'server') : sent(log, 'rep')).map((e) => e.data),
      );
      expect(reqs.length).toBe(10);
      for (const [i, r] of reqs.entries()) {
        expect(partValues(r)).toEqual(['', 'Hello']);
        expect(r.replied_by).toBe(reps[i]!.frame);
        expect(reps[i]!.reply_to).toBe(r.frame);
        // The server sleeps 0.1 s per request.
        expect(reps[i]!.latency).toBeGreaterThan(0.09);
        expect(reps[i]!.latency).toBeLessThan(0.5);
      }
      checkPairs(c);
      checkFrames(m);
      expect(c.message_count).toBe(c.messages!.length);
    },
  );

  it('zmq-pubsub: WAKTU subscriber gets the 15 messages; JAM gets nothing, flagged', async () => {
    const m = await model('zmq-pubsub.pcap');
    const log = peers('zmq-pubsub');
    const zs = m.conversations.filter((c) => c.app === 'zmtp');
    expect(zs.length).toBe(2);
    for (const c of zs) {
      expect(c.pattern).toBe('PUB/SUB');
      expect(c.socket_types).toEqual({ client: 'SUB', server: 'PUB' });
    }
    const waktu = only(m, (c) => (c.subscriptions as string[] | undefined)?.includes('WAKTU') ?? false);
    const jam = only(m, (c) => (c.subscriptions as string[] | undefined)?.includes('JAM') ?? false);
    expect(waktu.client.startsWith('172.18.0.3:')).toBe(true);
    expect(jam.client.startsWith('172.18.0.4:')).toBe(true);
    // The 3.1 SUBSCRIBE command, from the subscriber.
    expect(msgs(waktu, 'c2s', 'command').find((x) => x.name === 'SUBSCRIBE')?.topic).toBe('WAKTU');
    expect(msgs(jam, 'c2s', 'command').find((x) => x.name === 'SUBSCRIBE')?.topic).toBe('JAM');
    expect(msgs(waktu, 's2c', 'message').map(value)).toEqual(sent(log, 'pub').map((e) => e.data));
    expect(msgs(waktu, 's2c', 'message').map(value)).toEqual(received(log, 'sub-waktu').map((e) => e.data));
    expect(msgs(waktu, 's2c', 'message').length).toBe(15);
    expect(msgs(jam, 's2c', 'message').length).toBe(0);
    const note = jam.notes.find((n) => n.code === 'zmtp.sub.no_match');
    expect(note?.params).toMatchObject({ subscriptions: '"JAM"', published: 15, conversations: 1 });
    expect(waktu.notes.find((n) => n.code === 'zmtp.sub.no_match')).toBeUndefined();
    checkFrames(m);
  });

  it('zmq-pushpull: 10 pickled ints as the producer logged, 5 per worker, round-robin', async () => {
    const m = await model('zmq-pushpull.pcap');
    const log = peers('zmq-pushpull');
    const zs = m.conversations.filter((c) => c.app === 'zmtp');
    expect(zs.length).toBe(2);
    const jobs: { frame: number; v: unknown; conv: number }[] = [];
    for (const c of zs) {
      expect(c.pattern).toBe('PUSH/PULL');
      expect(c.socket_types).toEqual({ client: 'PULL', server: 'PUSH' });
      for (const x of msgs(c, 's2c', 'message')) {
        expect(x.payload?.encoding).toBe('pickle');
        expect(x.payload?.py_type).toBe('int');
        jobs.push({ frame: x.frame, v: value(x), conv: c.id });
      }
      expect(msgs(c, 'c2s', 'message').length).toBe(0);
    }
    jobs.sort((a, b) => a.frame - b.frame);
    expect(jobs.map((j) => j.v)).toEqual(sent(log, 'producer').map((e) => e.data));
    // Each worker got what it logged, in order.
    for (const w of ['worker-1', 'worker-2']) {
      const got = received(log, w).map((e) => e.data);
      expect(got.length).toBe(5);
      const conv = zs.find((c) => JSON.stringify(msgs(c, 's2c', 'message').map(value)) === JSON.stringify(got));
      expect(conv, `${w}'s conversation`).toBeDefined();
    }
    const p = zs[0]!.pipeline as { workers: { jobs: number }[]; order: number[]; round_robin: boolean; jobs: number };
    expect(p).toEqual(zs[1]!.pipeline);
    expect(p.jobs).toBe(10);
    expect(p.workers.map((w) => w.jobs)).toEqual([5, 5]);
    expect(p.round_robin).toBe(true);
    expect(p.order).toEqual(jobs.map((j) => j.conv));
    expect(zs[0]!.notes.some((n) => n.code === 'zmtp.pipeline.distribution')).toBe(true);
    checkFrames(m);
  });

  it('zmq.pcap: REQ/REP, PUB/SUB and PUSH/PULL at once', async () => {
    const m = await model('zmq.pcap');
    const log = peers('zmq');
    const rr = only(m, (c) => c.pattern === 'REQ/REP');
    expect(msgs(rr, 'c2s', 'message').map(value)).toEqual(sent(log, 'reqrep-client').map((e) => e.data));
    expect(msgs(rr, 's2c', 'message').map(value)).toEqual(sent(log, 'reqrep-server').map((e) => e.data));
    expect(msgs(rr, 'c2s', 'message').every((x) => x.replied_by !== undefined)).toBe(true);
    expect(msgs(rr, 's2c', 'message').length).toBe(10);
    const ps = only(m, (c) => c.pattern === 'PUB/SUB');
    expect(ps.server.startsWith('172.18.0.4:')).toBe(true);
    expect(ps.subscriptions).toEqual(['WAKTU']);
    expect(msgs(ps, 's2c', 'message').map(value)).toEqual(sent(log, 'pub').map((e) => e.data));
    expect(msgs(ps, 's2c', 'message').map(value)).toEqual(received(log, 'sub').map((e) => e.data));
    const pp = m.conversations.filter((c) => c.pattern === 'PUSH/PULL');
    expect(pp.length).toBe(2);
    const all = pp.flatMap((c) => msgs(c, 's2c', 'message')).sort((a, b) => a.frame - b.frame);
    expect(all.map(value)).toEqual(sent(log, 'producer').map((e) => e.data));
    for (const [w, host] of [
      ['worker-1', '172.18.0.7'],
      ['worker-2', '172.18.0.8'],
    ] as const) {
      const c = only(m, (x) => x.pattern === 'PUSH/PULL' && x.client.startsWith(`${host}:`));
      expect(msgs(c, 's2c', 'message').map(value)).toEqual(received(log, w).map((e) => e.data));
    }
    expect((pp[0]!.pipeline as { round_robin: boolean }).round_robin).toBe(true);
    checkFrames(m);
    for (const c of m.conversations) checkPairs(c);
  });

  it('zmq-plain: PLAIN mechanism, user name shown, password only as present', async () => {
    const m = await model('zmq-plain.pcap');
    const log = peers('zmq-plain');
    const c = only(m, (x) => x.app === 'zmtp');
    expect(c.mechanism).toBe('PLAIN');
    expect(msgs(c, undefined, 'greeting').every((g) => g.mechanism === 'PLAIN')).toBe(true);
    const hello = msgs(c, 'c2s', 'command').find((x) => x.name === 'HELLO')!;
    expect(hello.username).toBe('admin');
    expect(hello.password).toEqual({ present: true });
    expect(JSON.stringify(m)).not.toContain('secret');
    expect(msgs(c, 's2c', 'command').some((x) => x.name === 'WELCOME')).toBe(true);
    expect(msgs(c, 'c2s', 'command').find((x) => x.name === 'INITIATE')?.properties).toMatchObject({
      'Socket-Type': 'REQ',
    });
    expect(c.pattern).toBe('REQ/REP');
    expect(msgs(c, 'c2s', 'message').map(value)).toEqual(sent(log, 'client').map((e) => e.data));
    expect(msgs(c, 's2c', 'message').map(value)).toEqual(sent(log, 'server').map((e) => e.data));
    expect(msgs(c, 's2c', 'message').every((x) => x.reply_to !== undefined)).toBe(true);
    expect(frameOf(m, hello.frame).notes.map((n) => n.code)).toContain('zmtp.plain.cleartext_password');
    checkFrames(m);
  });

  it('zmq-dealer-router: identities in READY, multi-part messages as the workers logged', async () => {
    const m = await model('zmq-dealer-router.pcap');
    const log = peers('zmq-dealer-router');
    const zs = m.conversations.filter((c) => c.app === 'zmtp');
    expect(zs.length).toBe(2);
    for (const w of ['worker-A', 'worker-B']) {
      const c = only(
        m,
        (x) =>
          x.app === 'zmtp' &&
          msgs(x, 'c2s', 'command').some(
            (r) => r.name === 'READY' && (r.properties as Record<string, string>).Identity === w,
          ),
      );
      expect(c.pattern).toBe('DEALER/ROUTER');
      expect(c.socket_types).toEqual({ client: 'DEALER', server: 'ROUTER' });
      const up = msgs(c, 'c2s', 'message');
      const down = msgs(c, 's2c', 'message');
      expect(up.map(partValues).map((p) => p.map(String))).toEqual(sent(log, w).map((e) => e.data));
      expect(down.map(partValues).map((p) => p.map(String))).toEqual(received(log, w).map((e) => e.data));
      for (const x of [...up, ...down]) {
        expect((x.parts as { more: boolean }[]).map((p) => p.more)).toEqual([true, true, true, false]);
      }
      expect(down.every((x) => x.reply_to !== undefined)).toBe(true);
      checkPairs(c);
    }
    checkFrames(m);
  });

  it.each(['mqtt.pcap', 'mqtt-gz.pcap', 'mqtt.pcap.gz', 'mqtt-any.pcap'])(
    '%s: subscriber and publisher, 5 × "Suhu: 28°C" relayed by the broker',
    async (file) => {
      const m = await model(file);
      const log = peers('mqtt');
      const sub = only(m, (c) => c.app === 'mqtt' && c.pattern === 'subscriber');
      const pub = only(m, (c) => c.app === 'mqtt' && c.pattern === 'publisher');
      expect(sub.server).toBe(pub.server);
      expect(sub.mqtt_version).toBe('3.1.1');
      expect(msgs(sub).map((x) => x.kind)).toEqual([
        'CONNECT',
        'CONNACK',
        'SUBSCRIBE',
        'SUBACK',
        'PUBLISH',
        'PUBLISH',
        'PUBLISH',
        'PUBLISH',
        'PUBLISH',
        'DISCONNECT',
      ]);
      expect(msgs(pub).map((x) => x.kind)).toEqual(['CONNECT', 'CONNACK', ...Array(5).fill('PUBLISH'), 'DISCONNECT']);
      expect(msgs(sub, 'c2s', 'CONNECT')[0]).toMatchObject({ client_id: 'sister-sub', version: 4, keep_alive: 60 });
      expect(msgs(pub, 'c2s', 'CONNECT')[0]).toMatchObject({ client_id: 'sister-pub' });
      for (const c of [sub, pub]) {
        const ack = msgs(c, 's2c', 'CONNACK')[0]!;
        expect(ack).toMatchObject({ code: 0, meaning: 'Connection Accepted', accepted: true });
        expect(ack.reply_to).toBe(msgs(c, 'c2s', 'CONNECT')[0]!.frame);
        checkPairs(c);
      }
      expect(msgs(sub, 'c2s', 'SUBSCRIBE')[0]!.subscriptions).toEqual([{ topic: 'sister/temp', qos: 0 }]);
      expect(msgs(sub, 's2c', 'SUBACK')[0]).toMatchObject({ granted: [0] });
      const out = msgs(pub, 'c2s', 'PUBLISH');
      const inn = msgs(sub, 's2c', 'PUBLISH');
      expect(out.map((x) => [x.topic, x.qos, x.retain, value(x)])).toEqual(
        sent(log, 'publisher').map((e) => [e.topic, e.qos, e.retain, e.data]),
      );
      expect(inn.map((x) => [x.topic, x.qos, value(x)])).toEqual(
        received(log, 'subscriber').map((e) => [e.topic, e.qos, e.data]),
      );
      for (const [i, x] of inn.entries()) {
        const from = x.relayed_from as { frame: number; conversation: number; delay: number };
        expect(from.frame).toBe(out[i]!.frame);
        expect(from.conversation).toBe(pub.id);
        expect(from.delay).toBeGreaterThan(0);
        expect(from.delay).toBeLessThan(0.05);
        expect(out[i]!.relayed_to).toEqual([{ frame: x.frame, conversation: sub.id, delay: from.delay }]);
      }
      checkFrames(m);
    },
  );

  it('mqtt5: QoS 1/2 flows paired, retained, will, user properties, 20 KB over 14 segments', async () => {
    const m = await model('mqtt5.pcap');
    const log = peers('mqtt5');
    const byClient = (id: string) => only(m, (c) => c.app === 'mqtt' && msgs(c, 'c2s', 'CONNECT')[0]?.client_id === id);
    const pub = byClient('sister-pub5');
    const sub = byClient('sister-sub5');
    const sensor = byClient('sensor-13');
    for (const c of [pub, sub, sensor]) {
      expect(c.mqtt_version).toBe('5.0');
      checkPairs(c);
    }
    const shape = (x: AppMessageRecord) => {
      const up = (x.properties as { user_properties?: unknown } | undefined)?.user_properties;
      return [x.topic, x.qos, x.retain, (x.payload?.length ?? 0) > 64 ? x.payload!.length : value(x), up ?? null];
    };
    const logShape = (e: PeerEvent) => [e.topic, e.qos, e.retain, e.len ?? e.data, e.user_properties ?? null];
    expect(msgs(pub, 'c2s', 'PUBLISH').map(shape)).toEqual(sent(log, 'sister-pub5').map(logShape));
    expect(msgs(sub, 's2c', 'PUBLISH').map(shape)).toEqual(received(log, 'sister-sub5').map(logShape));
    expect(msgs(sensor, 'c2s', 'PUBLISH').map(shape)).toEqual(sent(log, 'sensor-13').map(logShape));
    // Every QoS 1 PUBLISH is answered by a PUBACK; QoS 2 by PUBREC, PUBREL, PUBCOMP in a chain.
    for (const c of [pub, sub, sensor]) {
      const all = msgs(c);
      const at = (f: number | undefined) => all.find((x) => x.frame === f);
      for (const p of all.filter((x) => x.kind === 'PUBLISH' && (x.qos as number) > 0)) {
        const a = at(p.replied_by)!;
        expect(a.packet_id).toBe(p.packet_id);
        if (p.qos === 1) expect(a.kind).toBe('PUBACK');
        else {
          expect(a.kind).toBe('PUBREC');
          const rel = at(a.replied_by)!;
          expect(rel.kind).toBe('PUBREL');
          expect(at(rel.replied_by)!.kind).toBe('PUBCOMP');
        }
      }
    }
    // Retained: the broker hands the stored message to the new subscriber with the retain flag.
    const retained = msgs(sub, 's2c', 'PUBLISH').find((x) => x.topic === 'sister/config')!;
    expect(retained.retain).toBe(true);
    expect(retained.relayed_from).toMatchObject({ conversation: pub.id, retained: true });
    // Will: sensor-13's CONNECT carries it; the broker publishes it after the SIGKILL.
    const connect = msgs(sensor, 'c2s', 'CONNECT')[0]!;
    expect(connect.will).toMatchObject({ topic: 'sister/status', qos: 1, payload: { value: 'sensor-13 offline' } });
    const will = msgs(sub, 's2c', 'PUBLISH').find((x) => value(x) === 'sensor-13 offline')!;
    expect(will.relayed_from).toMatchObject({ frame: connect.frame, conversation: sensor.id, will: true });
    // The 20000-byte payload, reassembled from 14 segments each way.
    const blobLog = sent(log, 'sister-pub5').find((e) => e.topic === 'sister/blob')!;
    for (const [c, dir] of [
      [pub, 'c2s'],
      [sub, 's2c'],
    ] as const) {
      const blob = msgs(c, dir, 'PUBLISH').find((x) => x.topic === 'sister/blob')!;
      expect(blob.frames.length).toBe(14);
      expect(blob.payload?.length).toBe(20000);
      expect(sha256(blob.payload!.value as string)).toBe(blobLog.sha256);
      for (const n of blob.frames.slice(0, -1)) expect(frameOf(m, n).app).toEqual([{ proto: 'mqtt', kind: 'segment' }]);
    }
    checkFrames(m);
  });

  it.each(['rest.pcap', 'http-keepalive.pcap'])(
    '%s: requests and responses as the client and server logged',
    async (file) => {
      const m = await model(file);
      const log = peers(file.replace('.pcap', ''));
      const hs = m.conversations.filter((c) => c.app === 'http');
      const reqs = hs.flatMap((c) => msgs(c, 'c2s', 'request'));
      const reps = hs.flatMap((c) => msgs(c, 's2c', 'response'));
      const clientSent = log.filter((e) => e.event === 'send' && e.peer.endsWith('client'));
      const serverSent = log.filter((e) => e.event === 'send' && e.peer.endsWith('server'));
      expect(
        reqs.map(
          (r) =>
            `${r.method} ${r.path}${r.method === 'GET' && r.params ? `?${new URLSearchParams(r.params as Record<string, string>)}` : ''}`,
        ),
      ).toEqual(clientSent.map((e) => String(e.data).split(' ').slice(0, 2).join(' ')));
      expect(reps.map((r) => r.status)).toEqual(serverSent.map((e) => e.status));
      for (const [i, r] of reps.entries()) {
        const e = serverSent[i]!;
        if (e.sha256) {
          expect(r.body_len).toBe(e.len);
          expect(sha256(value(r) as string)).toBe(e.sha256);
        } else if (r.payload?.encoding === 'json') {
          expect(r.payload.value).toEqual(JSON.parse(String(e.data)));
        } else {
          expect(value(r)).toBe(e.data);
        }
      }
      for (const c of hs) {
        expect(c.pattern).toBe('request/response');
        for (const r of msgs(c, 's2c', 'response')) {
          const q = msgs(c, 'c2s', 'request').find((x) => x.frame === r.reply_to)!;
          expect(q.replied_by).toBe(r.frame);
        }
        checkPairs(c);
      }
      const add = reqs.find((r) => r.uri === '/add?a=5&b=9')!;
      expect(add.params).toEqual({ a: '5', b: '9' });
      const addReply = reps.find((r) => r.reply_to === add.frame)!;
      expect(addReply.payload).toMatchObject({ encoding: 'json', value: { result: 14 } });
      expect(addReply.latency).toBeGreaterThan(0);
      // Wireshark's Info after the segment's TCP flags ("[PSH, ACK] GET …", issue 17)
      const info = (n: number) => frameOf(m, n).summary.replace(/^(\[[^\]]*\] )+/, '');
      expect(frameOf(m, add.frame).summary).toMatch(/^\[[A-Z, ]+\] GET /);
      expect(info(add.frame)).toBe('GET /add?a=5&b=9 HTTP/1.1');
      expect(info(addReply.frame)).toBe('HTTP/1.1 200 OK (application/json)');
      checkFrames(m);
    },
  );

  it('http-keepalive: POST JSON, 51200-byte body over many segments, chunked response', async () => {
    const m = await model('http-keepalive.pcap');
    const log = peers('http-keepalive');
    const c = only(m, (x) => x.app === 'http');
    const post = msgs(c, 'c2s', 'request').find((x) => x.method === 'POST')!;
    const sentBody = String(sent(log, 'http-client')[0]!.data).replace(/^POST \/echo /, '');
    expect(post.payload).toMatchObject({ encoding: 'json', value: JSON.parse(sentBody) });
    const big = msgs(c, 's2c', 'response').find((x) => x.body_len === 51200)!;
    expect(big.frames.length).toBeGreaterThan(30);
    for (const n of big.frames.slice(0, -1)) expect(frameOf(m, n).app?.[0]?.kind).toBe('segment');
    const stream = msgs(c, 's2c', 'response').find((x) => x.chunked)!;
    const streamLog = sent(log, 'http-server').find((e) => e.data && String(e.data).startsWith('bagian'))!;
    expect(value(stream)).toBe(streamLog.data);
    expect(c.message_count).toBe(8);
  });

  it.each([
    ['tcp-echo.pcap', 'tcp-echo', 'echo-client', 'echo-server'],
    ['tcp-rst.pcap', 'tcp-rst', 'rst-client', 'echo-server'],
    ['tcp-refused.pcap', 'tcp-refused', 'retry-client', 'echo-server'],
  ])('%s: plain TCP as text, each question paired with its echo', async (file, name, client, server) => {
    const m = await model(file);
    const log = peers(name);
    const c = only(m, (x) => x.app === 'data');
    expect(c.pattern).toBe('request/response');
    const up = msgs(c, 'c2s', 'data');
    const down = msgs(c, 's2c', 'data');
    expect(up.map(value)).toEqual(sent(log, client).map((e) => e.data));
    expect(down.map(value)).toEqual(sent(log, server).map((e) => e.data));
    for (const [i, q] of up.entries()) {
      expect(q.replied_by).toBe(down[i]!.frame);
      expect(down[i]!.reply_to).toBe(q.frame);
      expect(down[i]!.payload?.value).toBe(`Echo: ${q.payload?.value}`);
    }
    checkFrames(m);
  });

  it('udp: 5 datagrams as text, one way', async () => {
    const m = await model('udp.pcap');
    const log = peers('udp');
    const c = only(m, (x) => x.transport === 'udp');
    expect(c.app).toBe('data');
    expect(c.pattern).toBe('one-way');
    expect(msgs(c, 'c2s', 'data').map(value)).toEqual(sent(log, 'udp-sender').map((e) => e.data));
    expect(msgs(c, 's2c').length).toBe(0);
    for (const x of msgs(c)) expect(frameOf(m, x.frame).protocols).toEqual(['eth', 'ip', 'udp', 'data']);
  });

  it.each(['tcp-loss-after.pcap', 'tcp-loss-before.pcap'])(
    '%s: bulk data delivered once, in order; the answer pairs with the end of it',
    async (file) => {
      const m = await model(file);
      const log = peers(file.replace('.pcap', ''));
      const c = only(m, (x) => x.app === 'data');
      const up = msgs(c, 'c2s');
      expect(up.reduce((a, x) => a + (x.length as number), 0)).toBe(sent(log, 'source')[0]!.len);
      const down = msgs(c, 's2c');
      expect(down.map(value)).toEqual(sent(log, 'sink').map((e) => e.data));
      expect(down[0]!.reply_to).toBe(up[up.length - 1]!.frame);
    },
  );

  it.skipIf(!HAVE_TSHARK)(
    'capture-loss: after frames the capture lost, decoding resumes; every whole message in the file, none invented',
    async () => {
      const m = await model('capture-loss.pcap');
      const log = peers('capture-loss');
      // what the frames hold: the data segments of each TCP stream, as tshark reads them
      const seg = tsharkFields(
        join(FIXTURES, 'capture-loss.pcap'),
        ['frame.number', 'tcp.srcport', 'tcp.payload'],
        ['-Y', 'tcp.len > 0'],
      );
      const framesWith = (hex: string) => seg.filter((r) => r[2] === hex).map((r) => Number(r[0]));
      // MQTT: the publisher's and the broker's PUBLISH segments that are in the file, each decoded
      const pub = only(m, (c) => c.app === 'mqtt' && msgs(c, 'c2s', 'PUBLISH').length > 0);
      const sub = only(m, (c) => c.app === 'mqtt' && msgs(c, 's2c', 'PUBLISH').length > 0);
      const published = sent(log, 'publisher');
      for (const [c, dir, peer] of [
        [pub, 'c2s', published],
        [sub, 's2c', received(log, 'subscriber')],
      ] as const) {
        const p = msgs(c, dir, 'PUBLISH');
        expect(p.length).toBeGreaterThan(0);
        expect(p.length).toBeLessThan(peer.length); // some were lost from the file
        for (const x of p) {
          expect(x.topic).toBe('lab/loss');
          expect(value(x)).toBe(published[0]!.data);
        }
        const notes = c.notes.map((n) => n.code);
        expect(notes).toContain('app.gap');
        expect(notes).toContain('app.resync');
      }
      // the broker's deliveries are matched with the publications they forward (within a millisecond on the
      // bridge), never with an older one whose delivery the capture lost; a delivery of a lost publication has none
      const relayed = msgs(sub, 's2c', 'PUBLISH').filter((x) => x.relayed_from !== undefined);
      expect(relayed.length).toBeGreaterThan(4);
      for (const x of relayed) expect((x.relayed_from as { delay: number }).delay).toBeLessThan(0.005);
      // ZeroMQ: every captured segment holding a whole request ("" | "Hello") or reply ("" | "World") is a
      // message, in order; the peers sent more than the file holds
      const z = only(m, (c) => c.app === 'zmtp');
      const hello = framesWith('0100000548656c6c6f');
      const world = framesWith('01000005576f726c64');
      expect(hello.length).toBeLessThan(sent(log, 'client').length);
      expect(world.length).toBeLessThan(sent(log, 'server').length);
      expect(msgs(z, 'c2s', 'message').map((x) => x.frame)).toEqual(hello);
      expect(msgs(z, 's2c', 'message').map((x) => x.frame)).toEqual(world);
      for (const x of msgs(z, 'c2s', 'message')) expect(partValues(x)).toEqual(['', 'Hello']);
      for (const x of msgs(z, 's2c', 'message')) expect(partValues(x)).toEqual(['', 'World']);
      expect(z.notes.map((n) => n.code)).toContain('app.resync');
      // every reply in this file comes after lost server bytes (another reply), so the request it answers may
      // be lost too: none is paired (a pair is never made across lost bytes), and none is called unmatched
      const replies = msgs(z, 's2c', 'message');
      expect(replies.filter((r) => r.reply_to !== undefined)).toEqual([]);
      expect(msgs(z, 'c2s', 'message').filter((r) => r.replied_by !== undefined)).toEqual([]);
      expect(z.notes.map((n) => n.code)).not.toContain('zmtp.reply.unmatched');
      // the frame list says so: where decoding resumed, and that a reply's request is not known
      const explained = (n: number) => m.frames.find((f) => f.n === n)?.explain ?? '';
      const resync = z.notes.find((n) => n.code === 'app.resync' && n.params?.dir === 'c2s')!;
      expect(explained(Number(resync.params!.frame))).toMatch(/decoding of this side resumes here/);
      for (const r of replies) expect(explained(r.frame)).toMatch(/the request it answers is not known/);
    },
  );

  it('capture-loss-http: after lost frames HTTP is parsed again from the next request or status line', async () => {
    const m = await model('capture-loss-http.pcap');
    const log = peers('capture-loss-http');
    const c = only(m, (x) => x.app === 'http');
    // the requests decoded are requests the client sent, in its order (a few were lost from the file)
    const asked = sent(log, 'http-client').map((e) => String(e.data).split(' ').slice(0, 2).join(' '));
    const got = msgs(c, 'c2s', 'request').map((x) => `${x.method} ${x.uri}`);
    expect(got.length).toBeGreaterThan(10);
    expect(got.length).toBeLessThan(asked.length + 1);
    let i = 0;
    for (const g of got) {
      while (i < asked.length && asked[i] !== g) i++;
      expect(i, `${g} in the client's order`).toBeLessThan(asked.length);
      i++;
    }
    // every whole response decoded carries a sum the server computed
    const sums = new Set(
      received(log, 'http-client')
        .filter((e) => String(e.data).startsWith('{'))
        .map((e) => JSON.stringify(JSON.parse(String(e.data)))),
    );
    const whole = msgs(c, 's2c', 'response').filter(
      (x) => x.complete !== false && x.content_type === 'application/json',
    );
    expect(whole.length).toBeGreaterThan(6);
    for (const x of whole) expect(sums.has(JSON.stringify(value(x))), JSON.stringify(value(x))).toBe(true);
    expect(c.notes.map((n) => n.code)).toEqual(['app.gap', 'app.resync']);
  });

  it('every fixture: frames that complete app PDUs carry the protocol; no dissector bug notes', async () => {
    for (const file of ['zmq.pcap', 'mqtt5.pcap', 'http-keepalive.pcap', 'tcp-loss-before.pcap']) {
      const m = await model(file);
      for (const f of m.frames) {
        for (const n of f.notes) expect(n.code).not.toMatch(/dissector_bug|framer_error/);
        const done = (f.app ?? []).filter((e) => e.kind !== 'segment');
        if (done.length) expect(f.protocols[f.protocols.length - 1]).toBe(done[0]!.proto);
        else expect(f.protocols).not.toContain('mqtt');
      }
    }
  });
});

// ------------------------------------------------------------------------------------------------
// tshark differential

function tsharkAll(file: string, fields: string[], extra: string[] = []): Map<number, string[]> {
  const args = ['-r', file, '-n', ...extra, '-T', 'fields', '-E', 'separator=\t', '-E', 'occurrence=a'];
  args.push('-E', 'aggregator=|');
  for (const f of ['frame.number', ...fields]) args.push('-e', f);
  const out = execFileSync('tshark', args, {
    encoding: 'utf8',
    maxBuffer: 256 << 20,
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  const rows = new Map<number, string[]>();
  for (const line of out.split('\n')) {
    if (!line) continue;
    const [n, ...rest] = line.split('\t');
    rows.set(Number(n), rest);
  }
  return rows;
}

const split = (s: string | undefined) => (s ? s.split('|') : []);

describe.skipIf(!HAVE || !HAVE_TSHARK)('application fields against tshark, per frame', () => {
  it.each(['mqtt.pcap', 'mqtt-any.pcap', 'mqtt5.pcap', 'mqtt.pcap.gz', 'capture-loss.pcap'])(
    '%s: MQTT',
    async (file) => {
      const m = await model(file);
      const rows = tsharkAll(join(FIXTURES, file), ['mqtt.msgtype', 'mqtt.topic', 'mqtt.qos', 'mqtt.msgid']);
      let compared = 0;
      for (const f of m.frames) {
        const row = rows.get(f.n)!;
        const ours = (f.app ?? []).filter((e) => e.proto === 'mqtt' && e.kind !== 'segment');
        const types = split(row[0]);
        expect(
          ours.map((e) => String(e.msgtype)),
          `frame ${f.n} mqtt.msgtype`,
        ).toEqual(types);
        if (types.length === 0) continue;
        compared++;
        const topics = ours.flatMap((e) =>
          typeof e.topic === 'string' ? [e.topic] : Array.isArray(e.topics) ? (e.topics as string[]) : [],
        );
        expect(topics, `frame ${f.n} mqtt.topic`).toEqual(split(row[1]));
        expect(
          ours.filter((e) => e.kind === 'PUBLISH').map((e) => String(e.qos)),
          `frame ${f.n} mqtt.qos`,
        ).toEqual(split(row[2]));
        expect(
          ours.filter((e) => e.packet_id !== undefined).map((e) => String(e.packet_id)),
          `frame ${f.n} mqtt.msgid`,
        ).toEqual(split(row[3]));
      }
      expect(compared).toBeGreaterThan(10);
    },
  );

  it.each(['rest.pcap', 'http-keepalive.pcap', 'capture-loss-http.pcap'])(
    '%s: HTTP (decoded as HTTP on port 5151)',
    async (file) => {
      const m = await model(file);
      const rows = tsharkAll(
        join(FIXTURES, file),
        ['http.request.method', 'http.request.uri', 'http.response.code'],
        ['-d', 'tcp.port==5151,http'],
      );
      // a message cut short by lost bytes is reported (complete: false) on the frame that gave it up; tshark,
      // still waiting for its body, reports none there
      const key = (n: number, x: { kind?: unknown; method?: unknown; uri?: unknown; status?: unknown }) =>
        `${n}:${x.kind}:${x.method ?? x.status}:${x.uri ?? ''}`;
      const cut = new Set<string>();
      for (const c of m.conversations)
        for (const x of c.messages ?? []) if (x.complete === false) cut.add(key(x.frame, x));
      let compared = 0;
      for (const f of m.frames) {
        const row = rows.get(f.n)!;
        const ours = (f.app ?? []).filter((e) => e.proto === 'http' && e.kind !== 'segment');
        const whole = ours.filter((e) => !cut.has(key(f.n, e)));
        const req = whole.filter((e) => e.kind === 'request');
        const res = whole.filter((e) => e.kind === 'response');
        expect(
          req.map((e) => e.method),
          `frame ${f.n} http.request.method`,
        ).toEqual(split(row[0]));
        expect(
          req.map((e) => e.uri),
          `frame ${f.n} http.request.uri`,
        ).toEqual(split(row[1]));
        expect(
          res.map((e) => String(e.status)),
          `frame ${f.n} http.response.code`,
        ).toEqual(split(row[2]));
        if (ours.length) compared++;
      }
      expect(compared).toBeGreaterThan(3);
    },
  );
});
