/**
 * The summary-mode message budget: however many messages a conversation carries, the listed ones stay
 * within the budget while the aggregates (counts, spans, replies, latencies, same payload) stay exact —
 * and the story told from them is the one told from the full list. Counts objects, never time.
 */
import { describe, expect, it } from 'vitest';
import { MessageBudget, SUMMARY_HEAD, SUMMARY_TAIL } from '../../../src/analysis/app/budget.js';
import { AppLayer } from '../../../src/analysis/app/index.js';
import type { ConversationInfo } from '../../../src/analysis/conversations.js';
import type { AnalysisModel, AppMessageRecord, ConversationRecord } from '../../../src/analysis/model.js';
import type { StreamSink } from '../../../src/analysis/reassembly.js';
import { groupOf } from '../../../src/explain/app.js';
import { buildContext } from '../../../src/explain/context.js';
import { sayer } from '../../../src/explain/format.js';
import { buildStory } from '../../../src/explain/story.js';
import { BrokerRelay, MAX_KEYS, MAX_RELAYS_SUMMARY } from '../../../src/protocols/mqtt/relay.js';
import { SESSION_PROTOCOLS } from '../../../src/protocols/registry.js';
import { isZmtpData } from '../../../src/protocols/zmtp/words.js';
import { cat, h, t } from '../../dissectors/app/util.js';
import * as Z from '../../dissectors/app/zmtp.vectors.js';

/** A ZMTP frame (last part, short) carrying `s`. */
const part = (s: string) => cat(h(`00 ${s.length.toString(16).padStart(2, '0')}`), t(s));

/** One TCP conversation driven through the application layer: bytes per direction, one frame each. */
function conversation(frames: boolean, port: number) {
  const app = new AppLayer(SESSION_PROTOCOLS, { frames });
  const info: ConversationInfo = {
    id: 1,
    transport: 'tcp',
    stream: 0,
    client: { addr: '10.0.0.1', port: 40000 },
    server: { addr: '10.0.0.2', port },
    roles_by: 'syn',
  };
  const sinks = app.factory(info) as { c2s: StreamSink; s2c: StreamSink };
  const off = { c2s: 0, s2c: 0 };
  const pkts = { c2s: 0, s2c: 0 };
  let f = 0;
  let now = 0;
  return {
    /** Sends `b` in one frame, `dt` seconds after the previous one. */
    send(dir: 'c2s' | 's2c', b: Uint8Array, dt: number) {
      f++;
      pkts[dir]++;
      now += dt;
      app.begin(f, 1000 + Math.floor(now), Math.round((now % 1) * 1e9));
      sinks[dir].data(b, off[dir], f);
      off[dir] += b.length;
      app.take();
    },
    /** The conversation's record with its application fields. */
    finish(): ConversationRecord {
      app.endFrames();
      const rec = {
        id: 1,
        transport: 'tcp',
        client: '10.0.0.1:40000',
        server: `10.0.0.2:${port}`,
        first: 1,
        last: f,
        close: { kind: 'open', by: null },
        handshake: null,
        rtt: null,
        bytes: { ...off },
        packets: { ...pkts },
        notes: [],
      } as unknown as ConversationRecord;
      app.finish([rec]);
      return rec;
    },
  };
}

/**
 * A REQ/REP conversation of `n` round trips through the application layer; the reply comes 1, 2 or 3 ms
 * after its request; `vary` makes every request payload different.
 */
function reqRep(n: number, frames: boolean, vary: boolean | 'json' = false): ConversationRecord {
  const c = conversation(frames, 5555);
  c.send('c2s', cat(Z.GREETING_NULL, Z.READY_REQ), 0.001);
  c.send('s2c', cat(Z.GREETING_NULL, Z.READY_REP), 0.001);
  for (let i = 0; i < n; i++) {
    const req = vary === 'json' ? part(`{"n":${i}}`) : vary ? part(`Hello ${i}`) : Z.REQ_HELLO;
    c.send('c2s', cat(Z.REQ_DELIM, req), 0.01);
    c.send('s2c', cat(Z.REQ_DELIM, part('World')), 0.001 * ((i % 3) + 1));
  }
  return c.finish();
}

/** A SUB client that subscribes `n` times to 'weather' and gets nothing from its PUB server. */
function subNothing(n: number, frames: boolean): ConversationRecord {
  const c = conversation(frames, 5556);
  const ready = (type: string) => cat(h('04 19 05 5245414459 0b 536f636b65742d54797065 00000003'), t(type));
  c.send('c2s', cat(Z.GREETING_NULL, ready('SUB')), 1);
  c.send('s2c', cat(Z.GREETING_NULL, ready('PUB')), 1);
  for (let i = 0; i < n; i++) c.send('c2s', Z.SUBSCRIBE_WEATHER, 1);
  return c.finish();
}

const stats = (r: ConversationRecord) =>
  (r.message_stats ?? []) as {
    kind: string;
    dir: string;
    count: number;
    replies: number;
    same: boolean;
    latency?: { count: number; min: number; max: number; sum: number };
    first: number;
    last: number;
  }[];

function story(r: ConversationRecord): string[] {
  const model = { frames: [], conversations: [r] } as unknown as AnalysisModel;
  return buildStory(sayer('en'), buildContext(model)).map((p) => `${p.frames.join('-')} ${p.text}`);
}

describe('summary-mode message budget', () => {
  it('50,000 messages: the listed ones stay within the budget, counts and latencies are exact', () => {
    const n = 25_000;
    const r = reqRep(n, false);
    expect(r.message_count).toBe(2 * n + 4); // greetings and READYs too
    const listed = r.messages as AppMessageRecord[];
    expect(listed.length).toBeLessThanOrEqual(SUMMARY_HEAD + SUMMARY_TAIL + 64);
    // the first and the very last messages are listed
    expect(listed[0]!.kind).toBe('greeting');
    expect(listed[listed.length - 1]!.frame).toBe(2 * n + 2);
    const msg = stats(r).filter((s) => s.kind === 'message');
    const c2s = msg.find((s) => s.dir === 'c2s')!;
    const s2c = msg.find((s) => s.dir === 's2c')!;
    expect(c2s.count).toBe(n);
    expect(s2c.count).toBe(n);
    expect(c2s.same).toBe(true);
    expect(s2c.replies).toBe(n);
    expect(s2c.latency!.count).toBe(n);
    expect(s2c.latency!.min).toBeCloseTo(0.001, 9);
    expect(s2c.latency!.max).toBeCloseTo(0.003, 9);
    expect(s2c.latency!.sum / n).toBeCloseTo(0.002, 6);
    expect(c2s.first).toBe(3);
    expect(s2c.last).toBe(2 * n + 2);
  });

  it('different payloads: "same" is false; the explanation view counts every message', () => {
    const r = reqRep(5_000, false, true);
    expect(stats(r).find((s) => s.kind === 'message' && s.dir === 'c2s')!.same).toBe(false);
    expect(stats(r).find((s) => s.kind === 'message' && s.dir === 's2c')!.same).toBe(true);
    const model = { frames: [], conversations: [r] } as unknown as AnalysisModel;
    const view = buildContext(model).convs.get(1)!.view;
    expect(view.messages.length).toBeLessThan(200);
    expect(groupOf(view, isZmtpData).count).toBe(10_000);
  });

  it('tells the same story from the aggregates as from the full list', () => {
    for (const vary of [false, true, 'json'] as const) {
      const full = reqRep(3_000, true, vary);
      const summary = reqRep(3_000, false, vary);
      expect((full.messages as unknown[]).length).toBe(6_004);
      expect((summary.messages as unknown[]).length).toBeLessThan(200);
      expect(summary.message_stats).toBeDefined();
      expect(story(summary)).toEqual(story(full));
    }
    expect(story(reqRep(3_000, false)).join('\n')).toMatch(/3000 requests? .*'Hello' each time/);
  });

  it('counts every ZMTP subscription from the aggregates and names each topic once', () => {
    const full = subNothing(1_000, true);
    const summary = subNothing(1_000, false);
    expect((summary.messages as unknown[]).length).toBeLessThan(200);
    expect(story(summary)).toEqual(story(full));
    expect(story(summary).join('\n')).toContain("'weather', 'weather', 'weather', 'weather', 'weather' and 995 more");
  });

  it('deferred payloads (JSON past the head) are decoded when their message is listed', () => {
    const r = reqRep(2_000, false, 'json');
    const listed = r.messages as AppMessageRecord[];
    const last = listed[listed.length - 2]!; // the last request
    expect(last.payload).toEqual({ encoding: 'json', value: { n: 1999 }, length: 10 });
    for (const m of listed) if (m.payload) expect(m.payload.constructor).toBe(Object);
  });

  it('MessageBudget: the list holds head + tail + the last of each sort; every message is aggregated once', () => {
    const b = new MessageBudget(10, 5, SESSION_PROTOCOLS.facets);
    for (let i = 1; i <= 50_000; i++) {
      const rare = i % 1000 === 7; // a sort whose last message falls outside the tail
      b.add({ frame: i, frames: [i], dir: rare ? 's2c' : 'c2s', proto: 'data', kind: 'data', length: 1 });
    }
    const listed = b.listed();
    expect(listed.length).toBe(10 + 5 + 1);
    expect(listed.map((m) => m.frame).slice(9)).toEqual([10, 49_007, 49_996, 49_997, 49_998, 49_999, 50_000]);
    const st = b.stats();
    expect(st.reduce((a, s) => a + s.count, 0)).toBe(50_000);
    expect(st.find((s) => s.dir === 's2c')!.count).toBe(50);
    // a cap below the summary head (maxMessages 5): the list stops there, the aggregates still count all
    const small = new MessageBudget(5, 0, SESSION_PROTOCOLS.facets);
    for (let i = 1; i <= 1000; i++)
      small.add({ frame: i, frames: [i], dir: i % 2 ? 'c2s' : 's2c', proto: 'data', kind: 'data', length: 1 });
    expect(small.listed().length).toBe(5);
    expect(small.stats().reduce((a, s) => a + s.count, 0)).toBe(1000);
    // asking again (a live capture) does not count twice
    expect(b.stats().reduce((a, s) => a + s.count, 0)).toBe(50_000);
  });
});

describe('bytes kept are copies', () => {
  it('payloads remembered from views into a large read buffer do not keep that buffer alive', () => {
    const app = new AppLayer(SESSION_PROTOCOLS, { frames: false });
    const pool = Buffer.alloc(1 << 20); // a read chunk; each datagram is a view into it (Buffer.slice would be one too)
    for (let i = 0; i < 300; i++) {
      const text = i < 150 ? 'ping' : `{"n":${i}}`;
      const at = i * 64;
      pool.write(text, at, 'latin1');
      app.begin(i + 1, 1000 + i, 0);
      app.udp(7, 'c2s', pool.subarray(at, at + text.length), i + 1);
      app.take();
    }
    const conv = (app as unknown as { convs: { cacheBytes: (Uint8Array | undefined)[] }[] }).convs[0]!;
    const kept = conv.cacheBytes.filter((b): b is Uint8Array => b !== undefined);
    expect(kept.length).toBeGreaterThan(0);
    for (const b of kept) expect(b.buffer.byteLength).toBe(b.length);
    const rec = { id: 7, transport: 'udp', client: 'a:1', server: 'b:2', notes: [] } as unknown as ConversationRecord;
    app.finish([rec]);
    expect(rec.message_count).toBe(300);
    expect((rec.messages as AppMessageRecord[]).at(-1)!.payload).toEqual({
      encoding: 'json',
      value: { n: 299 },
      length: 9,
    });
  });
});

describe('bounded cross-conversation state', () => {
  it('a broker remembers at most MAX_KEYS topic + payload keys', () => {
    const app = new AppLayer(SESSION_PROTOCOLS, { frames: false });
    const broker = app.ctx.shared('mqtt.broker|10.0.0.2|1883', () => new BrokerRelay(MAX_RELAYS_SUMMARY));
    for (let i = 0; i < 5 * MAX_KEYS; i++) broker.received(`t\u0000${i}`, null, i + 1, 1, i, false);
    expect(broker.size).toBe(MAX_KEYS);
  });
});
