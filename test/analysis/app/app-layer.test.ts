/**
 * The application layer with byte streams fed by hand (the vectors beside the dissectors, which come from
 * real peers): dispatch by port and by heuristic, buffering until the first bytes decide, mid-stream
 * captures, segments of PDUs completed later, the message cap, gaps, raw data pairing, UDP.
 */
import { describe, expect, it } from 'vitest';
import { type AppFrameOutput, AppLayer } from '../../../src/analysis/app/index.js';
import { partPreview, quickText } from '../../../src/analysis/app/payload.js';
import type { ConversationInfo } from '../../../src/analysis/conversations.js';
import type { AppFrameEntry, AppMessageRecord, ConversationRecord } from '../../../src/analysis/model.js';
import type { StreamSink } from '../../../src/analysis/reassembly.js';
import { decodePayload } from '../../../src/dissectors/app/payload.js';
import { infoLine } from '../../../src/explain/info.js';
import { SESSION_PROTOCOLS } from '../../../src/protocols/registry.js';
import { zmtpFramesExact, zmtpLastFlags } from '../../../src/protocols/zmtp/decode.js';
import * as M from '../../dissectors/app/mqtt.vectors.js';
import { cat, h, t } from '../../dissectors/app/util.js';
import * as Z from '../../dissectors/app/zmtp.vectors.js';

interface Frame {
  n: number;
  out: AppFrameOutput | undefined;
  entries: AppFrameEntry[];
  proto: string | undefined;
  notes: string[];
}

/** One conversation driven by hand: each call is one frame carrying bytes in one direction. */
class Harness {
  readonly app: AppLayer;
  private readonly sinks: { c2s: StreamSink; s2c: StreamSink };
  private readonly off = { c2s: 0, s2c: 0 };
  private n = 0;
  readonly frames: Frame[] = [];

  constructor(
    port: number,
    opts: { syn?: boolean; maxMessages?: number; frames?: boolean } = {},
    private readonly id = 1,
  ) {
    this.app = new AppLayer(SESSION_PROTOCOLS, { frames: opts.frames ?? true, maxMessages: opts.maxMessages });
    const info: ConversationInfo = {
      id,
      transport: 'tcp',
      stream: 0,
      client: { addr: '10.0.0.1', port: 40000 },
      server: { addr: '10.0.0.2', port },
      roles_by: (opts.syn ?? true) ? 'syn' : 'port',
    };
    this.sinks = this.app.factory(info) as { c2s: StreamSink; s2c: StreamSink };
  }

  /** A frame carrying `bytes` from `dir`; returns what the frame completed. */
  send(dir: 'c2s' | 's2c', bytes: Uint8Array, t = this.n + 1): Frame {
    this.n++;
    this.app.begin(this.n, 1000 + t, 0);
    this.sinks[dir].data(bytes, this.off[dir], this.n);
    this.off[dir] += bytes.length;
    return this.take();
  }

  gap(dir: 'c2s' | 's2c', length: number): Frame {
    this.n++;
    this.app.begin(this.n, 1000 + this.n, 0);
    this.sinks[dir].gap(this.off[dir], length, this.n);
    this.off[dir] += length;
    return this.take();
  }

  /** A frame whose segment lies `hole` bytes beyond what came so far: it waits behind the hole (StreamSink.ahead). */
  ahead(dir: 'c2s' | 's2c', bytes: Uint8Array, hole: number): Frame {
    this.n++;
    this.app.begin(this.n, 1000 + this.n, 0);
    this.sinks[dir].ahead!(bytes, this.off[dir] + hole, this.n);
    return this.take();
  }

  /**
   * A later frame resolves the hole: given up (`fill` undefined: a gap) or filled by `fill` (a late segment
   * carried by this frame); then the waiting segment of frame `waiting` comes in order.
   */
  release(dir: 'c2s' | 's2c', hole: number, bytes: Uint8Array, waiting: number, fill?: Uint8Array): Frame {
    this.n++;
    this.app.begin(this.n, 1000 + this.n, 0);
    if (fill) this.sinks[dir].data(fill, this.off[dir], this.n);
    else this.sinks[dir].gap(this.off[dir], hole, this.n);
    this.off[dir] += hole;
    this.sinks[dir].data(bytes, this.off[dir], waiting);
    this.off[dir] += bytes.length;
    return this.take();
  }

  private take(): Frame {
    const out = this.app.take();
    const f: Frame = {
      n: this.n,
      out,
      entries: out ? [...out.entries] : [],
      proto: out?.proto,
      notes: out ? out.notes.map((x) => x.code) : [],
    };
    this.frames.push(f);
    return f;
  }

  finish(): ConversationRecord {
    this.app.endFrames();
    this.sinks.c2s.end('capture_end', this.n);
    this.sinks.s2c.end('capture_end', this.n);
    const rec = {
      id: this.id,
      transport: 'tcp',
      client: '10.0.0.1:40000',
      server: '10.0.0.2:1',
      notes: [],
    } as unknown as ConversationRecord;
    this.app.finish([rec]);
    return rec;
  }
}

const kinds = (r: ConversationRecord) => (r.messages ?? []).map((m) => `${m.dir} ${m.kind}`);

describe('dispatch', () => {
  it('port 1883 pins MQTT before any byte; CONNECT ↔ CONNACK paired with latency', () => {
    const s = new Harness(1883);
    const f1 = s.send('c2s', M.CONNECT_V311, 1);
    expect(f1.proto).toBe('mqtt');
    expect(f1.entries[0]).toMatchObject({ proto: 'mqtt', kind: 'CONNECT', msgtype: 1 });
    s.send('s2c', M.CONNACK_OK, 1.25);
    const r = s.finish();
    expect(r.app).toBe('mqtt');
    const [c, a] = r.messages as AppMessageRecord[];
    expect(c!.replied_by).toBe(2);
    expect(a!.reply_to).toBe(1);
    expect(a!.latency).toBe(0.25);
  });

  it('a connection to a protocol’s port that carried no byte (refused, or closed at once) names no application', () => {
    for (const port of [1883, 80, 5151]) {
      const s = new Harness(port);
      const r = s.finish();
      expect(r.app, String(port)).toBeUndefined();
      expect(r.messages).toBeUndefined();
    }
    // one byte lost is a byte sent: the port's protocol stands
    const lost = new Harness(1883);
    lost.gap('c2s', 10);
    expect(lost.finish().app).toBe('mqtt');
  });

  it('MQTT CONNECT recognised on any port; the broker direction decodes with the CONNECT version', () => {
    const s = new Harness(11883);
    s.send('c2s', M.CONNECT_V5);
    s.send('s2c', M.CONNACK_V5);
    s.send('c2s', M.PUBLISH_V5_PROPS);
    const r = s.finish();
    expect(r.app).toBe('mqtt');
    expect(r.mqtt_version).toBe('5.0');
    expect(kinds(r)).toEqual(['c2s CONNECT', 's2c CONNACK', 'c2s PUBLISH']);
    const p = r.messages![2]!;
    expect(p.properties).toEqual({ content_type: 'application/json', user_properties: [['unit', 'C']] });
    expect(p.payload).toEqual({ encoding: 'json', value: { t: 21 }, length: 8 });
    expect(r.pattern).toBe('publisher');
  });

  it('an HTTP request split after two bytes waits, then replays into HTTP', () => {
    const s = new Harness(9000);
    const req = t('GET /add?a=5&b=9 HTTP/1.1\r\nHost: x\r\n\r\n');
    const f1 = s.send('c2s', req.subarray(0, 2));
    expect(f1.out).toBeUndefined();
    const f2 = s.send('c2s', req.subarray(2));
    expect(f2.entries).toEqual([
      { proto: 'http', kind: 'request', method: 'GET', uri: '/add?a=5&b=9', version: '1.1' },
    ]);
    s.send('s2c', t('HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 13\r\n\r\n{"result":14}'));
    const r = s.finish();
    expect(r.app).toBe('http');
    const [q, a] = r.messages as AppMessageRecord[];
    expect(q).toMatchObject({ method: 'GET', path: '/add', params: { a: '5', b: '9' }, frames: [1, 2], frame: 2 });
    expect(a).toMatchObject({ status: 200, reply_to: 2, payload: { encoding: 'json', value: { result: 14 } } });
  });

  it('a response seen first on the client side swaps the request direction (roles guessed wrong)', () => {
    const s = new Harness(40001, { syn: false });
    s.send('c2s', t('HTTP/1.1 204 No Content\r\n\r\n'));
    const r = s.finish();
    expect(r.app).toBe('http');
    expect(kinds(r)).toEqual(['c2s response']);
  });

  it('ZMTP greeting in pieces (10 + 1 + 53) on any port: segments, then the greeting', () => {
    const s = new Harness(7777);
    const g = Z.GREETING_NULL;
    expect(s.send('c2s', g.subarray(0, 10)).entries).toEqual([{ proto: 'zmtp', kind: 'segment' }]);
    const f2 = s.send('c2s', g.subarray(10, 11));
    expect(f2.entries).toEqual([{ proto: 'zmtp', kind: 'segment' }]);
    expect(f2.proto).toBeUndefined();
    const f3 = s.send('c2s', g.subarray(11));
    expect(f3.entries).toEqual([{ proto: 'zmtp', kind: 'greeting', version: '3.1', mechanism: 'NULL' }]);
    s.send('s2c', g);
    s.send('c2s', cat(Z.READY_REQ, Z.REQ_DELIM, Z.REQ_HELLO));
    s.send('s2c', Z.READY_REP);
    s.send('s2c', cat(Z.REQ_DELIM, t('\x00\x05World')), 10);
    const r = s.finish();
    expect(r.app).toBe('zmtp');
    expect(r.pattern).toBe('REQ/REP');
    expect(r.socket_types).toEqual({ client: 'REQ', server: 'REP' });
    const [req, rep] = (r.messages ?? []).filter((m) => m.kind === 'message');
    expect(req!.frames).toEqual([5]);
    expect(rep!.reply_to).toBe(5);
    expect(rep!.latency).toBe(5);
    expect(infoLine({ app: s.frames[4]!.entries } as never)).toBe(
      'READY Socket-Type=REQ Identity=, Message [<empty> | Hello]',
    );
  });

  it('raw data is decided on the first bytes: the frame is data at once', () => {
    const s = new Harness(2222);
    const f = s.send('c2s', t('halo'));
    expect(f.proto).toBe('data');
    s.send('s2c', t('Echo: halo'), 2.5);
    s.send('c2s', t('apa kabar'));
    s.send('s2c', t('Echo: apa kabar'));
    s.send('s2c', t(' (more)'));
    const r = s.finish();
    expect(r.app).toBe('data');
    expect(r.pattern).toBe('request/response');
    const m = r.messages as AppMessageRecord[];
    expect(m.map((x) => [x.dir, x.payload?.value, x.reply_to ?? null, x.replied_by ?? null])).toEqual([
      ['c2s', 'halo', null, 2],
      ['s2c', 'Echo: halo', 1, null],
      ['c2s', 'apa kabar', null, 4],
      ['s2c', 'Echo: apa kabar', 3, null],
      ['s2c', ' (more)', null, null],
    ]);
    expect(m[1]!.latency).toBe(1.5);
  });

  it('a server that speaks first (a banner) is data, not HTTP', () => {
    const s = new Harness(2525);
    s.send('s2c', t('220 mail ready\r\n'));
    expect(s.finish().app).toBe('data');
  });

  it('mid-stream MQTT on 1883 (no CONNECT): decoded with 3.1.1 assumed, noted', () => {
    const s = new Harness(1883, { syn: false });
    const f = s.send('c2s', M.PUBLISH_QOS1);
    expect(f.notes).toContain('mqtt.version.assumed');
    s.send('s2c', M.PUBACK);
    const r = s.finish();
    expect(r.notes.map((n) => n.code)).toContain('app.midstream');
    expect(r.messages![1]).toMatchObject({ kind: 'PUBACK', packet_id: 7, reply_to: 1 });
  });

  it('mid-stream ZMTP (no greeting): whole ZMTP frames in the first segment are recognised', () => {
    const s = new Harness(5555, { syn: false });
    s.send('c2s', cat(Z.REQ_DELIM, Z.REQ_HELLO));
    s.send('s2c', cat(Z.REQ_DELIM, h('00 05 576f726c64')));
    const r = s.finish();
    expect(r.app).toBe('zmtp');
    expect(r.notes.map((n) => n.code)).toContain('app.midstream');
    expect(r.socket_types).toEqual({ client: null, server: null });
    expect((r.messages ?? []).map((m) => m.payload?.value)).toEqual(['Hello', 'World']);
  });

  it('with the SYN seen, text is never taken for mid-stream ZMTP', () => {
    expect(zmtpFramesExact(cat(Z.REQ_DELIM, Z.REQ_HELLO))).toBe(true);
    expect(zmtpFramesExact(t('halo'))).toBe(false);
    expect(zmtpFramesExact(h('00 05 4865'))).toBe(false); // size runs past the end
    expect(zmtpFramesExact(h('04 02 02 5a'))).toBe(false); // command name runs past the body
    expect(zmtpLastFlags(cat(Z.REQ_DELIM, Z.REQ_HELLO))).toBe(0); // ends a message
    expect(zmtpLastFlags(Z.REQ_DELIM)).toBe(1); // MORE: the message goes on
    expect(zmtpLastFlags(t('halo'))).toBe(-1);
    expect(zmtpLastFlags(new Uint8Array(0))).toBe(-1);
  });

  it('PUB/SUB: 3.0-style subscription messages count as subscriptions', () => {
    const s = new Harness(5556);
    s.send('c2s', Z.GREETING_NULL);
    s.send('s2c', Z.GREETING_NULL);
    s.send('c2s', h('04 19 05 5245414459 0b 536f636b65742d54797065 00000003 535542')); // READY SUB
    s.send('s2c', h('04 19 05 5245414459 0b 536f636b65742d54797065 00000003 505542')); // READY PUB
    const f = s.send('c2s', Z.SUB_MSG);
    expect(infoLine({ app: f.entries } as never)).toBe('Subscribe weather');
    const r = s.finish();
    expect(r.pattern).toBe('PUB/SUB');
    expect(r.subscriptions).toEqual(['weather']);
    // Alone (no other subscriber of this PUB) nothing can be said about filtering.
    expect(r.notes.map((n) => n.code)).not.toContain('zmtp.sub.no_match');
  });
});

describe('bounds and losses', () => {
  it('messages beyond the cap are counted, not listed, with a note', () => {
    const s = new Harness(2222, { maxMessages: 3 });
    for (let i = 0; i < 5; i++) s.send('c2s', t(`m${i}`));
    const r = s.finish();
    expect(r.messages!.length).toBe(3);
    expect(r.message_count).toBe(5);
    expect(r.notes.find((n) => n.code === 'app.messages.capped')?.params).toEqual({ cap: 3 });
  });

  it('a gap stops MQTT decoding of that direction until a segment starts with whole packets; the other goes on', () => {
    const s = new Harness(1883);
    s.send('c2s', M.CONNECT_V311);
    s.send('c2s', M.PUBLISH_QOS0.subarray(0, 5));
    s.gap('c2s', 100);
    // the rest of a packet whose start was lost: not a packet boundary, skipped
    const tail = cat(M.PUBLISH_QOS1.subarray(7), M.PINGREQ);
    expect(s.send('c2s', tail).entries).toEqual([]);
    s.send('s2c', M.CONNACK_OK);
    const f = s.send('c2s', cat(M.PUBLISH_QOS0, M.PUBLISH_QOS1), 9);
    expect(f.entries.map((e) => e.kind)).toEqual(['PUBLISH', 'PUBLISH']);
    s.send('s2c', M.PUBACK, 9.5);
    const r = s.finish();
    expect(kinds(r)).toEqual(['c2s CONNECT', 's2c CONNACK', 'c2s PUBLISH', 'c2s PUBLISH', 's2c PUBACK']);
    expect(r.notes.find((n) => n.code === 'app.gap')?.params).toEqual({ dir: 'c2s', proto: 'mqtt', frame: 3 });
    expect(r.notes.find((n) => n.code === 'app.resync')?.params).toEqual({
      dir: 'c2s',
      proto: 'mqtt',
      frame: 6,
      skipped: 100 + tail.length,
    });
    // pairing by packet id still works after the resync
    const ack = r.messages!.find((m) => m.kind === 'PUBACK')!;
    expect(ack.reply_to).toBe(6);
    expect(ack.latency).toBe(0.5);
  });

  it('after a ZMTP gap a segment of whole frames resumes decoding; a half message and the waiting requests are dropped', () => {
    const s = new Harness(5555);
    s.send('c2s', Z.GREETING_NULL);
    s.send('s2c', Z.GREETING_NULL);
    s.send('c2s', cat(Z.READY_REQ, Z.REQ_DELIM, Z.REQ_HELLO));
    s.send('s2c', Z.READY_REP);
    s.send('s2c', Z.REQ_DELIM); // the first part of the reply; the rest is lost
    s.gap('s2c', 7);
    expect(s.send('s2c', t('orld')).entries).toEqual([]); // mid-frame bytes: skipped
    s.send('c2s', cat(Z.REQ_DELIM, Z.REQ_HELLO), 9);
    const f = s.send('s2c', cat(Z.REQ_DELIM, t('\x00\x05World')), 10);
    expect(f.entries).toEqual([{ proto: 'zmtp', kind: 'message', parts: 2, preview: ['', 'World'] }]);
    const r = s.finish();
    expect(r.notes.find((n) => n.code === 'app.resync')?.params).toEqual({
      dir: 's2c',
      proto: 'zmtp',
      frame: 9,
      skipped: 7 + 4,
    });
    const msgs = (r.messages ?? []).filter((m) => m.kind === 'message');
    expect(msgs.map((m) => `${m.dir} ${m.frame}`)).toEqual(['c2s 3', 'c2s 8', 's2c 9']);
    // the reply is not paired across the lost bytes: it could answer either request
    expect(msgs[2]!.reply_to).toBeUndefined();
  });

  it('a segment behind a hole is decoded on its own frame, also while the direction waits for a PDU start', () => {
    const s = new Harness(1883);
    s.send('c2s', M.CONNECT_V311);
    s.gap('c2s', 30); // frame 2: lost bytes, decoding stops
    const mid = M.PUBLISH_QOS1.subarray(5);
    s.send('c2s', mid); // frame 3: the middle of a packet, skipped
    const f4 = s.ahead('c2s', M.PUBLISH_QOS0, 40); // frame 4: behind another hole of 40 bytes
    expect(f4.entries.map((e) => e.kind)).toEqual(['PUBLISH']);
    const f5 = s.release('c2s', 40, M.PUBLISH_QOS0, 4); // frame 5: the hole is given up, frame 4's bytes come
    expect(f5.entries).toEqual([]);
    expect(s.send('c2s', M.PINGREQ).entries.map((e) => e.kind)).toEqual(['PINGREQ']); // framing goes on
    const r = s.finish();
    expect(kinds(r)).toEqual(['c2s CONNECT', 'c2s PUBLISH', 'c2s PINGREQ']);
    expect(r.messages!.find((m) => m.kind === 'PUBLISH')!.frame).toBe(4);
    expect(r.notes.find((n) => n.code === 'app.resync')?.params).toEqual({
      dir: 'c2s',
      proto: 'mqtt',
      frame: 4,
      skipped: 30 + mid.length + 40,
    });
  });

  it('a segment decoded ahead is not decoded again when the hole before it is filled after all', () => {
    const s = new Harness(1883);
    s.send('c2s', M.CONNECT_V311);
    s.ahead('c2s', M.PUBLISH_QOS1, M.PUBLISH_QOS0.length); // frame 2 overtook the segment before it
    const f3 = s.release('c2s', M.PUBLISH_QOS0.length, M.PUBLISH_QOS1, 2, M.PUBLISH_QOS0); // frame 3: the late one
    expect(f3.entries.map((e) => e.kind)).toEqual(['PUBLISH']);
    s.send('c2s', M.PINGREQ);
    const r = s.finish();
    expect(r.messages!.map((m) => `${m.kind}@${m.frame}`)).toEqual([
      'CONNECT@1',
      'PUBLISH@2',
      'PUBLISH@3',
      'PINGREQ@4',
    ]);
    expect(r.notes.map((n) => n.code)).toEqual([]);
  });

  it('after an HTTP gap a direction is parsed again from the next request or status line; no pair across the loss', () => {
    const s = new Harness(5151);
    const get = (q: string) => t(`GET /add?${q} HTTP/1.1\r\nHost: x\r\n\r\n`);
    const ok = (body: string) => t(`HTTP/1.1 200 OK\r\nContent-Length: ${body.length}\r\n\r\n${body}`);
    s.send('c2s', get('a=1&b=2')); // 1
    s.send('c2s', get('a=2&b=3')); // 2
    s.send('s2c', t('HTTP/1.1 200 OK\r\nContent-Length: 12\r\n\r\n')); // 3: headers of the first answer
    s.gap('s2c', 12); // 4: its body is lost, and with it the second answer's headers
    expect(s.send('s2c', t('{"result":5}')).entries).toEqual([]); // 5: a body: skipped
    const f6 = s.send('s2c', ok('{"result":7}')); // 6: a status line: parsed again
    expect(f6.entries).toMatchObject([{ proto: 'http', kind: 'response', status: 200 }]);
    s.send('c2s', get('a=3&b=4')); // 7
    s.send('s2c', ok('{"result":9}')); // 8
    const r = s.finish();
    const reps = r.messages!.filter((m) => m.kind === 'response');
    expect(reps.map((m) => [m.frame, m.complete ?? true, m.reply_to])).toEqual([
      [3, false, 1], // cut short by the gap: still the first request's answer, at the last frame with its bytes
      [6, true, undefined], // after the loss: its request is not known
      [8, true, 7], // pairing goes on with the next request
    ]);
    expect(r.notes.map((n) => n.code)).toEqual(['app.gap', 'app.resync']);
    expect(r.notes[1]!.params).toEqual({ dir: 's2c', proto: 'http', frame: 6, skipped: 12 + 12 });
  });

  it('a response while its request is still coming is not called unpaired (the rest of the request was lost)', () => {
    const s = new Harness(5151);
    s.send('c2s', t('POST /echo HTTP/1.1\r\nContent-Length: 10\r\n\r\nab'));
    s.send('s2c', t('HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok'));
    const r = s.finish();
    // the request is listed when the stream ends, cut short
    expect(kinds(r)).toEqual(['s2c response', 'c2s request']);
    expect(r.notes.map((n) => n.code)).toEqual([]);
  });

  it('bytes that never form whole packets keep the direction stopped (no resync on text)', () => {
    const s = new Harness(1883);
    s.send('c2s', M.CONNECT_V311);
    s.gap('c2s', 50);
    s.send('c2s', t('hello world, not mqtt'));
    s.send('c2s', M.PUBLISH_QOS0.subarray(2));
    const r = s.finish();
    expect(kinds(r)).toEqual(['c2s CONNECT']);
    expect(r.notes.some((n) => n.code === 'app.resync')).toBe(false);
  });

  it('several PDUs in one segment: every one in the frame entries, Info joined', () => {
    const s = new Harness(1883);
    s.send('c2s', M.CONNECT_V311);
    const f = s.send('s2c', cat(M.CONNACK_OK, M.PUBLISH_QOS0, M.PUBLISH_QOS1));
    expect(f.entries.map((e) => e.kind)).toEqual(['CONNACK', 'PUBLISH', 'PUBLISH']);
    expect(infoLine({ app: f.entries } as never)).toBe(
      'Connect Ack, Publish Message [sensors/temp], Publish Message (id=7) [sensors/temp]',
    );
  });

  it('frames are not collected when nobody renders them, the protocol still is', () => {
    const s = new Harness(1883, { frames: false });
    const f = s.send('c2s', M.CONNECT_V311);
    expect(f.entries).toEqual([]);
    expect(f.proto).toBe('mqtt');
    expect(s.finish().messages!.length).toBe(1);
  });

  it('UDP datagrams are data messages per datagram', () => {
    const app = new AppLayer(SESSION_PROTOCOLS);
    app.begin(1, 1000, 0);
    app.udp(7, 'c2s', t('pesan 1'), 1);
    expect(app.take()?.entries).toEqual([
      { proto: 'data', kind: 'data', length: 7, payload: { encoding: 'text', value: 'pesan 1', length: 7 } },
    ]);
    app.begin(2, 1001, 0);
    app.udp(7, 's2c', t('ok'), 2);
    app.take();
    const rec = { id: 7, notes: [], client: 'a:1', server: 'b:2' } as unknown as ConversationRecord;
    app.finish([rec]);
    expect(rec.app).toBe('data');
    expect(rec.messages!.map((m) => [m.dir, m.payload?.value, m.reply_to ?? null])).toEqual([
      ['c2s', 'pesan 1', null],
      ['s2c', 'ok', 1],
    ]);
  });
});

describe('payload helpers', () => {
  it('quickText agrees with decodePayload wherever it answers', () => {
    const samples = ['Hello', 'WAKTU Sun Nov 22', 'x', '', 'a.b.', 'halo.', '1', 'true', '{"a":1}', ' x', 'Suhu: 28°C'];
    for (const s of samples) {
      const b = t(s);
      const q = quickText(b);
      if (!q) continue;
      const d = decodePayload(b);
      expect(q.value, s).toBe(d.value);
      expect(d.encoding === 'empty' ? 'text' : d.encoding, s).toBe(q.encoding);
    }
    expect(quickText(t('halo.'))).toBeUndefined(); // could be a protocol-0 pickle
    expect(quickText(t('123'))).toBeUndefined(); // JSON
  });

  it('part previews: text, pickled values, hex', () => {
    expect(partPreview(t('Hello'))).toBe('Hello');
    expect(partPreview(h('80044b522e'))).toBe('82');
    expect(partPreview(h('00ff10'))).toBe('0x00ff10');
    expect(partPreview(new Uint8Array(40).fill(1))).toBe('0x0101010101010101… (40 bytes)');
  });
});
