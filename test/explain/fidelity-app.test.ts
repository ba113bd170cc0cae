/**
 * Issue 17, application truths: on real captures, what the explanation says of MQTT 5 (retained and will
 * deliveries are not relays, PUBREL is a release, reason codes, wills, properties, sessions, empty client
 * IDs), HTTP (connection reuse, Connection: close, chunked bodies, POST bodies) and payload previews (short
 * payloads whole, runs of equal ones told once), checked against tshark where it dissects and against the
 * peers' logs otherwise.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ExplainedModel } from '../../src/explain/index.js';
import { explainedFrameRow } from '../../src/report/text.js';
import { FIXTURES, HAVE_TSHARK, runCli } from '../helpers/fixtures.js';
import { fixtureModel } from '../helpers/models.js';

const fx = (n: string) => join(FIXTURES, n);
const model = fixtureModel;

/** tshark -T fields with every occurrence (joined by '|'), one row per frame that passes `filter`. */
function tshark(file: string, filter: string, fields: string[]): string[][] {
  const args = ['-r', fx(file), '-n', '-Y', filter, '-T', 'fields', '-E', 'separator=\t', '-E', 'occurrence=a'];
  args.push('-E', 'aggregator=|');
  for (const f of fields) args.push('-e', f);
  const out = execFileSync('tshark', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  return out
    .split('\n')
    .filter((l) => l.length > 0)
    .map((l) => l.split('\t'));
}

const explainOf = (m: ExplainedModel, n: number) => m.frames.find((f) => f.n === n)?.explain ?? '';
const storyText = (m: ExplainedModel) => m.story.map((s) => s.text).join('\n');

interface PeerEvent {
  peer: string;
  event: string;
  data: unknown;
  topic?: string;
  retain?: boolean;
  session_present?: boolean;
  assigned_client_id?: string | null;
}

function peers(name: string): PeerEvent[] {
  return readFileSync(fx(`${name}.peers.jsonl`), 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as PeerEvent);
}

describe.skipIf(!HAVE_TSHARK)('MQTT 5 facts (mqtt5-will.pcap, tshark as oracle)', () => {
  const FILE = 'mqtt5-will.pcap';

  it('a retained message delivered on SUBSCRIBE is told as such, not as a relay with a delay', async () => {
    const m = await model(FILE);
    // tshark: the broker's PUBLISH with the retain flag set (port 1883 → client)
    const rows = tshark(FILE, 'mqtt.msgtype == 3 && mqtt.retain == 1 && tcp.srcport == 1883', ['frame.number']);
    expect(rows.length).toBe(1);
    const n = Number(rows[0]![0]);
    const ex = explainOf(m, n);
    expect(ex).toMatch(/delivers the retained message 'interval=5'/);
    expect(ex).not.toMatch(/forwards/);
    // the JSON: an age, no relay delay
    const msg = m.conversations.flatMap((c) => c.messages ?? []).find((x) => x.frame === n)!;
    expect(msg.relayed_from).toMatchObject({ retained: true });
    expect((msg.relayed_from as { delay?: number }).delay).toBeUndefined();
    expect(typeof (msg.relayed_from as { age?: number }).age).toBe('number');
    const story = storyText(m);
    expect(story).toMatch(/delivers the retained message on 'lab\/config'/);
    expect(story).not.toMatch(/forwards [^.]*'interval=5'/);
  });

  it("a will is the broker's own publication, not a relay, and relay delays leave it out", async () => {
    const m = await model(FILE);
    const wills = tshark(FILE, 'mqtt.msgtype == 3 && tcp.srcport == 1883 && mqtt.msg contains "offline"', [
      'frame.number',
    ]);
    expect(wills.length).toBe(2);
    for (const [n] of wills) {
      const ex = explainOf(m, Number(n));
      expect(ex).toMatch(/publishes the will message 'sensor-13 offline'/);
      expect(ex).not.toMatch(/forwards|after it arrived/);
    }
    // the broker relays within a millisecond here: every relay delay told is in ms, below 10 ms
    const delays = [...storyText(m).matchAll(/\), (?:each )?([^,]*?) after it arrived from the publisher/g)];
    expect(delays.length).toBe(2);
    for (const d of delays)
      for (const [, v, unit] of d[1]!.matchAll(/([\d.]+) (m?s)\b/g)) {
        expect(unit).toBe('ms');
        expect(Number(v)).toBeLessThan(10);
      }
    for (const msg of m.conversations.flatMap((c) => c.messages ?? [])) {
      const from = msg.relayed_from as { delay?: number; will?: boolean; retained?: boolean } | undefined;
      if (from?.will || from?.retained) expect(from.delay).toBeUndefined();
      if (from?.delay !== undefined) expect(from.delay).toBeLessThan(0.01);
    }
  });

  it('PUBREL is the release of the QoS 2 exchange, never an acknowledgement', async () => {
    for (const lang of ['en', 'id'] as const) {
      const m = await model(FILE, lang);
      const rel = tshark(FILE, 'mqtt.msgtype == 6', ['frame.number']);
      expect(rel.length).toBe(1);
      const ex = explainOf(m, Number(rel[0]![0]));
      expect(ex).toMatch(lang === 'en' ? /releases the QoS 2 message/ : /melepas pesan QoS 2/);
      for (const t of [ex, storyText(m), ...m.overview.teaching.map((x) => x.text)]) {
        for (const sentence of t.split(/(?<=\.) /)) {
          if (/PUBREL/.test(sentence))
            expect(sentence).not.toMatch(/(\d+|MQTT) acknowledgements? \(|acknowledgement MQTT \(/);
        }
      }
      expect(storyText(m)).toMatch(lang === 'en' ? /PUBREL \(QoS 2 step 3: the sender/ : /PUBREL \(QoS 2 langkah 3/);
    }
  });

  it('reason codes, wills, properties, sessions and the empty client ID are told in the text report', async () => {
    const m = await model(FILE);
    const text = runCli([fx(FILE)]).out.replace(/\s+/g, ' ');
    // PUBACK reason 16 (tshark)
    const noSub = tshark(FILE, 'mqtt.puback.reason_code == 0x10', ['frame.number']);
    expect(noSub.length).toBe(2);
    for (const [n] of noSub) expect(explainOf(m, Number(n))).toMatch(/Reason code 16 \(No matching subscribers\)/);
    expect(text).toMatch(/reason code 16 'No matching subscribers'/);
    expect(text).toMatch(/'lab\/config' and 'lab\/nobody' with reason code 16/);
    // the will: topic, QoS, retain (tshark)
    const [will] = tshark(FILE, 'mqtt.conflag.willflag == 1', [
      'frame.number',
      'mqtt.willtopic',
      'mqtt.conflag.qos',
      'mqtt.conflag.retain',
    ]);
    const wq = Number(will![2]!);
    const wr = will![3] === 'True' || will![3] === '1';
    expect(explainOf(m, Number(will![0]))).toContain(
      `the broker publishes 'sensor-13 offline' on '${will![1]}' (QoS ${wq}${wr ? ', retained' : ''})`,
    );
    expect(text).toContain(`on '${will![1]}' (QoS ${wq}${wr ? ', retained' : ''})`);
    // content type, message expiry, user properties (tshark)
    const props = tshark(FILE, 'mqtt.msgtype == 3 && tcp.dstport == 1883', [
      'frame.number',
      'mqtt.property.content_type',
      'mqtt.prop_number',
      'mqtt.prop_key',
      'mqtt.prop_value',
    ]);
    let told = 0;
    for (const [n, ct, num, keys, values] of props) {
      const ex = explainOf(m, Number(n));
      if (ct) expect(ex).toContain(`content type '${ct}'`);
      if (num) expect(ex).toContain(`message expiry ${num} s`);
      const ks = keys ? keys.split('|') : [];
      const vs = values ? values.split('|') : [];
      for (const [i, k] of ks.entries()) expect(ex).toContain(`user property ${k}=${vs[i]}`);
      if (ct || num || ks.length) told++;
    }
    expect(told).toBe(2);
    expect(text).toMatch(/user property unit=celsius and user property room=lab-1/);
    // session present (tshark) and the client's own log
    const sp = tshark(FILE, 'mqtt.conack.flags.sp == 1', ['frame.number']);
    expect(sp.length).toBe(1);
    expect(peers('mqtt5-will').filter((e) => e.session_present === true).length).toBe(1);
    expect(explainOf(m, Number(sp[0]![0]))).toMatch(/Session present: the broker still holds a session/);
    expect(text).toMatch(/still held a session for this client \(CONNACK: session present\)/);
    // the empty client ID, and the one the broker assigned (tshark: the CONNACK's string property)
    const empty = tshark(FILE, 'mqtt.msgtype == 1 && mqtt.clientid_len == 0', ['frame.number']);
    expect(empty.length).toBe(1);
    expect(explainOf(m, Number(empty[0]![0]))).toMatch(/with an empty client ID .*asks the broker to assign one/);
    const assigned = peers('mqtt5-will').find((e) => e.assigned_client_id)!.assigned_client_id!;
    expect(tshark(FILE, 'mqtt.msgtype == 2 && mqtt.prop_string', ['mqtt.prop_string'])[0]![0]).toBe(assigned);
    expect(text).toContain(`the broker assigns one: here '${assigned}'`);
    expect(text).not.toMatch(/client ''/);
    // Markdown tells the same story
    const md = runCli([fx(FILE), '-f', 'markdown']).out.replace(/\s+/g, ' ');
    for (const s of ["'No matching subscribers'", 'session present', 'empty client ID', 'user property unit=celsius'])
      expect(md).toContain(s);
  });

  it('mqtt5.pcap: the retained message and the will are not relays either', async () => {
    const m = await model('mqtt5.pcap');
    const story = storyText(m);
    expect(story).toMatch(/delivers the retained message on 'sister\/config'/);
    expect(story).toMatch(/publishes a will to subscriber 172\.18\.0\.11: 'sensor-13 offline'/);
    expect(story).not.toMatch(/from 'interval=5'/);
  });
});

describe.skipIf(!HAVE_TSHARK)('HTTP connections and bodies (tshark as oracle)', () => {
  it('rest.pcap: Connection: close, one request per connection, the next on a new one', async () => {
    const m = await model('rest.pcap');
    const close = tshark('rest.pcap', 'http.response && http.connection == "close"', ['frame.number']);
    expect(close.length).toBe(2);
    const story = storyText(m);
    const [server] = tshark('rest.pcap', 'http.response', ['http.server']);
    expect(story).toContain(
      `The response of Werkzeug's development server (the server Flask's app.run() starts; Server: ${server![0]}) says Connection: close, so it closes this TCP connection after answering.`,
    );
    expect(story).toMatch(/the next request opens a new TCP connection \(#2\)/);
    expect(story).not.toMatch(/travel over this one TCP connection/);
  });

  it('http-keepalive.pcap: one keep-alive connection for all, the chunked body, the POST body', async () => {
    const m = await model('http-keepalive.pcap');
    const story = storyText(m);
    const reqs = tshark('http-keepalive.pcap', 'http.request', ['tcp.stream']);
    expect(new Set(reqs.map((r) => r[0])).size).toBe(1);
    expect(story).toContain(`All ${reqs.length} requests travel over this one TCP connection`);
    const chunked = tshark('http-keepalive.pcap', 'http.transfer_encoding == "chunked"', ['frame.number']);
    expect(chunked.length).toBe(1);
    expect(story).toMatch(/The response to GET \/stream comes in chunks \(Transfer-Encoding: chunked/);
    const [post] = tshark('http-keepalive.pcap', 'http.request.method == "POST"', ['frame.number', 'http.file_data']);
    const body = JSON.stringify(JSON.parse(post![1]!));
    expect(story).toContain(`POST /echo ${body} →`);
    expect(explainOf(m, Number(post![0]))).toContain(`with the body ${body}`);
  });
});

describe.skipIf(!HAVE_TSHARK)('payload previews (udp-reply.pcap, tshark as oracle)', () => {
  it('short replies whole, identical ones as "8 × …"', async () => {
    const m = await model('udp-reply.pcap');
    const rows = tshark('udp-reply.pcap', 'udp', ['udp.srcport', 'data.data']);
    const text = (hex: string) => Buffer.from(hex, 'hex').toString('utf8');
    const replies = rows.filter((r) => r[0] === '9999').map((r) => text(r[1]!));
    expect(replies.length).toBe(10);
    for (const r of replies) expect(Buffer.byteLength(r)).toBeGreaterThanOrEqual(50);
    const story = storyText(m).replace(/\s+/g, ' ');
    for (const r of new Set(replies)) expect(story).toContain(`'${r}'`);
    const pings = rows.filter((r) => r[0] === '40001' && text(r[1]!) === 'PING').length;
    expect(pings).toBe(8);
    // the 8 identical request/reply pairs told once, with their latency range
    expect(story).toMatch(
      new RegExp(`${pings} × 'PING' → '${replies[0]}' \\([\\d.]+ ms to [\\d.]+ ms \\(mean [\\d.]+ ms\\)\\)`),
    );
    expect(story).toContain(`and 172.18.0.43:9999 answers ${replies.length} of them`);
  });

  it('a long body is cut, and its length said', async () => {
    const m = await model('http-keepalive.pcap');
    const [big] = tshark('http-keepalive.pcap', 'http.response && http.content_length > 10000', [
      'http.content_length',
    ]);
    expect(storyText(m)).toMatch(new RegExp(`'baris 00000: [^']*…' \\(${big![0]} bytes\\)`));
  });
});

describe.skipIf(!HAVE_TSHARK)('ZeroMQ payloads (tshark for the bytes, the peers for the values)', () => {
  it('zmq-pushpull.pcap: each job is told as a pickled Python int with its protocol and value', async () => {
    const m = await model('zmq-pushpull.pcap');
    // tshark: ZMTP message frames of 5-byte pickles (flags 00, size 05, then 80 04 4b NN 2e)
    const rows = tshark('zmq-pushpull.pcap', 'tcp.len == 7 && tcp.payload[0:3] == 00:05:80', [
      'frame.number',
      'tcp.payload',
    ]);
    const jobs = peers('zmq-pushpull').filter((e) => e.event === 'send');
    expect(rows.length).toBe(jobs.length);
    for (const [n, hex] of rows) {
      const b = Buffer.from(hex!, 'hex');
      expect(b[3]).toBe(4); // pickle protocol 4
      const v = b[5]!; // BININT1
      expect(explainOf(m, Number(n))).toContain(
        `The payload is a pickled Python int (pickle protocol 4, 5 bytes): Python serialised the object with pickle, and pickle.loads() gives back ${v}.`,
      );
    }
    expect(jobs.map((e) => e.data).sort()).toEqual(rows.map(([, hex]) => Buffer.from(hex!, 'hex')[5]).sort());
    expect(storyText(m)).toMatch(/The payloads are pickled Python objects \(int, pickle protocol 4\)/);
    const id = await model('zmq-pushpull.pcap', 'id');
    expect(storyText(id)).toMatch(/di-pickle \(int, pickle protokol 4\)/);
  });

  it('zmq-reqrep.pcap: the empty delimiter frame before each body is explained', async () => {
    const m = await model('zmq-reqrep.pcap');
    // a REQ message on the wire: 01 00 (MORE, size 0: the delimiter) then 00 05 'Hello'
    const rows = tshark(
      'zmq-reqrep.pcap',
      'tcp.payload contains 01:00:00:05:48:65:6c:6c:6f || tcp.payload contains 01:00:00:05:57:6f:72:6c:64',
      ['frame.number', 'tcp.srcport'],
    );
    expect(rows.length).toBe(20);
    for (const [n, sport] of rows) {
      const ex = explainOf(m, Number(n));
      if (sport === '5555')
        expect(ex).toContain("[<empty> | 'World']: the REP socket puts the empty delimiter frame back");
      else expect(ex).toContain("[<empty> | 'Hello']: the REQ socket puts an empty delimiter frame before the body");
    }
    expect(storyText(m)).toMatch(
      /the REQ socket puts an empty delimiter frame before the body and the REP socket strips it/,
    );
    // DEALER/ROUTER: the programs write the empty frame themselves; no REQ/REP sentence there
    const dr = await model('zmq-dealer-router.pcap');
    expect(storyText(dr)).not.toMatch(/REQ socket puts/);
  });
});

describe.skipIf(!HAVE_TSHARK)('the Info column of explained frames (issue 17 item 16)', () => {
  it('is whole in a file (-o) and on a pipe, as tshark prints it', () => {
    const out = join(FIXTURES, '..', 'test-artifacts', `info-${process.pid}.txt`);
    mkdirSync(dirname(out), { recursive: true });
    expect(runCli([fx('zmq-reqrep.pcap'), '--frames', '-o', out]).code).toBe(0);
    const file = readFileSync(out, 'utf8');
    rmSync(out);
    const piped = runCli([fx('zmq-reqrep.pcap'), '--frames']).out;
    const [syn] = tshark('zmq-reqrep.pcap', 'tcp.flags.syn == 1 && tcp.flags.ack == 0', [
      'frame.number',
      '_ws.col.Info',
    ]);
    expect(syn![1]!.length).toBeGreaterThan(80);
    for (const text of [file, piped]) {
      const line = text.split('\n').find((l) => l.startsWith(`${syn![0]!.padStart(5)} `))!;
      expect(line.endsWith(` ${syn![1]}`)).toBe(true);
    }
  });

  it('is cut at the width of a terminal', async () => {
    const m = await model('zmq-reqrep.pcap');
    const f = m.frames.find((x) => x.summary.length > 80)!;
    for (const w of [60, 100, 200]) {
      const head = explainedFrameRow(f, w).split('\n')[0]!;
      expect([...head].length).toBeLessThanOrEqual(w);
      if (w < 80) expect(head.endsWith('…')).toBe(true);
    }
    expect(explainedFrameRow(f).split('\n')[0]!.endsWith(f.summary)).toBe(true);
  });
});
