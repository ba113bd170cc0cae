/**
 * Fields tshark 4.0 cannot check (zmtp.*: its ZMTP dissector came in Wireshark 4.2; pe.*: pcap-explain's
 * own), checked against the peers' logs (fixtures/*.peers.jsonl: what each real peer sent and received)
 * and the model; and the CLI's streaming path (-T fields -Y, two passes) against the model path.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { AnalysisModel } from '../../src/analysis/model.js';
import { analyzeFile } from '../../src/analyze.js';
import { explainModel } from '../../src/explain/index.js';
import { compileFilter, modelMatcher } from '../../src/filter/index.js';
import { FIXTURES, runCli } from '../helpers/fixtures.js';

interface PeerEvent {
  peer: string;
  socket: string;
  event: 'send' | 'recv';
  data: unknown;
}

function peers(name: string): PeerEvent[] {
  return readFileSync(join(FIXTURES, `${name}.peers.jsonl`), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as PeerEvent);
}

const models = new Map<string, AnalysisModel>();

async function model(name: string): Promise<AnalysisModel> {
  let m = models.get(name);
  if (!m) {
    m = explainModel(await analyzeFile(join(FIXTURES, name)), 'en');
    models.set(name, m);
  }
  return m;
}

/** The frame numbers a filter selects on a fixture (the model path: Markdown, HTML, check). */
async function frames(name: string, expr: string): Promise<number[]> {
  const m = await model(name);
  const test = modelMatcher(compileFilter(expr), new Map(m.conversations.map((c) => [c.id, c])));
  return m.frames.filter(test).map((f) => f.n);
}

const count = (events: PeerEvent[], f: (e: PeerEvent) => boolean) => events.filter(f).length;

describe('zmtp.* against the peers', () => {
  it('REQ/REP: one frame per request and reply, each with the empty delimiter (MORE) then the body', async () => {
    const ev = peers('zmq-reqrep');
    const hello = count(ev, (e) => e.socket === 'REQ' && e.event === 'send' && e.data === 'Hello');
    const world = count(ev, (e) => e.socket === 'REP' && e.event === 'send' && e.data === 'World');
    expect(hello).toBeGreaterThan(0);
    expect(await frames('zmq-reqrep.pcap', 'zmtp.data.text == "Hello"')).toHaveLength(hello);
    expect(await frames('zmq-reqrep.pcap', 'zmtp.data.text == "World"')).toHaveLength(world);
    expect(await frames('zmq-reqrep.pcap', 'zmtp.flags.more == 1')).toHaveLength(hello + world);
    expect(await frames('zmq-reqrep.pcap', 'pe.socket_type == "REQ" && zmtp.data.text matches "^hello$"')).toHaveLength(
      hello,
    );
    expect(await frames('zmq-reqrep.pcap', 'zmtp.command-name == "READY"')).toHaveLength(2);
    expect(await frames('zmq-reqrep.pcap', 'zmtp.metadata.key == "Socket-Type"')).toHaveLength(2);
    expect(await frames('zmq-reqrep.pcap', 'zmtp.metadata.value in {"REQ", "REP"}')).toHaveLength(2);
    expect(await frames('zmq-reqrep.pcap', 'zmtp.mechanism == "NULL"')).toHaveLength(2);
  });

  it('PUB/SUB: every publication the subscriber received is one frame', async () => {
    const ev = peers('zmq-pubsub');
    const got = count(ev, (e) => e.socket === 'SUB' && e.event === 'recv' && String(e.data).startsWith('WAKTU'));
    expect(got).toBeGreaterThan(0);
    // matches is case-insensitive, as in Wireshark
    expect(await frames('zmq-pubsub.pcap', 'zmtp.data.text matches "^waktu "')).toHaveLength(got);
    expect(await frames('zmq-pubsub.pcap', 'zmtp.data.text matches "(?-i)^waktu "')).toHaveLength(0);
    expect(
      await frames('zmq-pubsub.pcap', 'pe.pattern == "PUB/SUB" && pe.socket_type == "PUB" && zmtp.data.text'),
    ).toHaveLength(got);
  });

  it('PLAIN: the mechanism and its four commands', async () => {
    expect(await frames('zmq-plain.pcap', 'zmtp.mechanism == "PLAIN"')).toHaveLength(2);
    expect(
      await frames('zmq-plain.pcap', 'zmtp.command-name in {"HELLO", "WELCOME", "INITIATE", "READY"}'),
    ).toHaveLength(4);
    const ev = peers('zmq-plain');
    const sends = count(ev, (e) => e.event === 'send');
    expect(await frames('zmq-plain.pcap', 'zmtp.flags.more == 1')).toHaveLength(sends);
  });

  it('DEALER/ROUTER: each job a worker sent is one frame with that text', async () => {
    const ev = peers('zmq-dealer-router');
    const jobs = count(
      ev,
      (e) => e.socket === 'DEALER' && e.event === 'send' && Array.isArray(e.data) && e.data.includes('job'),
    );
    expect(jobs).toBeGreaterThan(0);
    expect(
      await frames('zmq-dealer-router.pcap', 'pe.socket_type == "DEALER" && zmtp.data.text == "job"'),
    ).toHaveLength(jobs);
  });
});

describe('pe.* against the model', () => {
  it('pe.conversation selects the frames of a conversation', async () => {
    const m = await model('mqtt.pcap');
    const want = m.frames.filter((f) => f.conversation === 2).map((f) => f.n);
    expect(await frames('mqtt.pcap', 'pe.conversation == 2')).toEqual(want);
  });

  it('pe.role, pe.app, pe.state, pe.message, pe.note, pe.explain', async () => {
    expect(await frames('mqtt.pcap', 'pe.role == "client" && pe.message == "CONNECT"')).toEqual(
      await frames('mqtt.pcap', 'mqtt.msgtype == 1'),
    );
    expect(await frames('mqtt.pcap', 'pe.app == "mqtt"')).toEqual(await frames('mqtt.pcap', 'tcp.port == 1883'));
    expect(await frames('tcp-refused.pcap', 'pe.state == "REJ"')).not.toHaveLength(0);
    const loss = await model('tcp-loss-before.pcap');
    const noted = loss.frames.filter((f) => f.notes.some((n) => n.code === 'tcp.analysis.retransmission'));
    expect(noted.length).toBeGreaterThan(0);
    expect(await frames('tcp-loss-before.pcap', 'pe.note == "tcp.analysis.retransmission"')).toEqual(
      noted.map((f) => f.n),
    );
    // contains is case-sensitive, matches is not (as in Wireshark)
    const hs = await frames('tcp-echo.pcap', 'pe.explain contains "Handshake"');
    expect(hs.length).toBeGreaterThan(0);
    expect(await frames('tcp-echo.pcap', 'pe.explain contains "HANDSHAKE"')).toEqual([]);
    expect(await frames('tcp-echo.pcap', 'pe.explain matches "HANDSHAKE"')).toEqual(hs);
  });
});

describe('the CLI streaming path (two passes, tapped messages) agrees with the model path', () => {
  const CASES: Array<[string, string]> = [
    ['zmq-reqrep.pcap', 'zmtp.data.text == "Hello"'],
    ['zmq-pubsub.pcap', 'zmtp.command-name == "SUBSCRIBE" || zmtp.data.text'],
    ['zmq-plain.pcap', 'zmtp.metadata.value == "REQ"'],
    ['mqtt.pcap', 'mqtt.clientid contains "pub" or mqtt.topic == "sister/temp"'],
    ['rest.pcap', 'http.host contains ":5151" || http.content_type contains "json"'],
    ['tcp-echo.pcap', 'pe.explain contains "Handshake"'],
    ['mqtt5.pcap', 'pe.pattern && frame.time_delta > 0.1'],
  ];
  beforeAll(async () => {
    for (const [f] of CASES) await model(f);
  });
  it.each(CASES)('%s: %s', async (name, expr) => {
    const r = runCli(['-r', join(FIXTURES, name), '-Y', expr, '-T', 'fields', '-e', 'frame.number']);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const got = r.out.split('\n').filter(Boolean).map(Number);
    expect(got).toEqual(await frames(name, expr));
    expect(got.length).toBeGreaterThan(0);
  });
});
