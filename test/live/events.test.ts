/**
 * Live events from real lab captures: the fixtures replayed through the same session `live` uses, one
 * frame at a time, with the conversation records as they stand after each frame.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type LiveEvent, LiveEventDeriver, liveState, previewValue } from '../../src/analysis/events.js';
import { AnalysisSession } from '../../src/analyze.js';
import { readCaptureBytes } from '../../src/capture/reader.js';
import { text } from '../../src/explain/text.js';
import { eventLine, eventRecord } from '../../src/report/live-view.js';
import { FIXTURES } from '../helpers/fixtures.js';

function replay(file: string): { events: LiveEvent[]; deriver: LiveEventDeriver; session: AnalysisSession } {
  const events: LiveEvent[] = [];
  let deriver: LiveEventDeriver | undefined;
  const session = new AnalysisSession({
    keepFrames: false,
    onFrame: (r) => {
      events.push(...deriver!.onFrame(r));
    },
  });
  deriver = new LiveEventDeriver((id) => session.conversationSoFar(id));
  readCaptureBytes(readFileSync(join(FIXTURES, file)), (f) => session.push(f));
  return { events, deriver, session };
}

const codes = (evs: LiveEvent[], conv?: number) =>
  evs.filter((e) => conv === undefined || e.conversation === conv).map((e) => e.code);

describe('live events from the lab captures', () => {
  it('zmq-reqrep: connection, handshake, messages, pairs, FIN', () => {
    const { events, deriver, session } = replay('zmq-reqrep.pcap');
    const c = codes(events, 1);
    expect(c.slice(0, 2)).toEqual(['live.event.connection', 'live.event.handshake']);
    expect(c.at(-1)).toBe('live.event.ending.fin');
    const hs = events.find((e) => e.code === 'live.event.handshake')!;
    expect(hs.params).toMatchObject({ syn: 3, synack: 4, ack: 5 });
    // frames in order, never an event before the frame that caused it
    const frames = events.map((e) => e.frame);
    expect(frames).toEqual([...frames].sort((a, b) => a - b));
    const model = session.finish('x', undefined, [], false);
    const rec = model.conversations[0]!;
    if (Array.isArray(rec.messages)) {
      const msgs = events.filter((e) => e.kind === 'message');
      expect(msgs).toHaveLength(rec.message_count as number);
      expect(msgs.filter((e) => e.params.payload === '"Hello"')).toHaveLength(10);
      expect(msgs.filter((e) => e.params.payload === '"World"')).toHaveLength(10);
      const pairs = events.filter((e) => e.kind === 'pair');
      expect(pairs).toHaveLength(10);
      expect(pairs[0]!.params).toMatchObject({ proto: 'ZMTP', request: 14, reply: 16 });
      expect(msgs[0]!.params).toMatchObject({ proto: 'ZMTP', what: 'greeting 3.1 NULL' });
      expect(deriver.messages(1)).toBe(rec.message_count);
      const last = deriver.conversations()[0]!;
      expect(last.pattern).toBe('REQ/REP');
    } else {
      expect(events.some((e) => e.kind === 'data')).toBe(true);
    }
    expect(liveState(deriver.conversations()[0]!)).toBe('closed');
  });

  it('tcp-refused: SYN answered by RST is a refused connection', () => {
    const { events } = replay('tcp-refused.pcap');
    const refused = events.find((e) => e.code === 'live.event.ending.refused');
    expect(refused).toBeDefined();
    expect(codes(events, refused!.conversation)).toEqual(['live.event.connection', 'live.event.ending.refused']);
  });

  it('tcp-rst: a reset is an ending', () => {
    const { events } = replay('tcp-rst.pcap');
    expect(codes(events)).toContain('live.event.ending.rst');
  });

  it('udp: a UDP flow and its datagrams', () => {
    const { events } = replay('udp.pcap');
    expect(codes(events)).toContain('live.event.connection.udp');
    expect(events.some((e) => e.kind === 'message' || e.kind === 'data')).toBe(true);
  });

  it('mqtt: broker conversations, PUBLISH with topic and payload, CONNECT paired with CONNACK', () => {
    const { events, session } = replay('mqtt.pcap');
    const model = session.finish('x', undefined, [], false);
    if (!model.conversations.some((c) => 'app' in c)) return;
    const pub = events.filter((e) => e.kind === 'message' && String(e.params.what).startsWith('PUBLISH sister/temp'));
    expect(pub.length).toBeGreaterThanOrEqual(10);
    expect(pub[0]!.params.payload).toBe('"Suhu: 28°C"');
    expect(events.some((e) => e.kind === 'pair' && e.params.proto === 'MQTT')).toBe(true);
  });

  it('every event code has a text in both languages, and renders as a line and a JSON record', () => {
    for (const f of ['zmq-reqrep.pcap', 'mqtt.pcap', 'tcp-refused.pcap', 'tcp-rst.pcap', 'udp.pcap', 'zmq.pcap']) {
      for (const e of replay(f).events) {
        for (const lang of ['en', 'id'] as const) {
          const t = text(e.code, e.params, lang);
          expect(t, e.code).not.toMatch(/\{\w+\}|^live\./);
        }
        expect(eventLine(e, 'en', false)).toMatch(/^\s+\d+\.\d{3}\s+#\d+\s+\S/);
        expect(eventRecord(e, 'id')).toMatchObject({ type: 'event', code: e.code, frame: e.frame });
      }
    }
  });

  it('payload previews stay on one short line', () => {
    expect(previewValue('a\nb')).toBe('"a\\nb"');
    expect(previewValue({ a: 1 })).toBe('{"a":1}');
    expect(previewValue('x'.repeat(100))).toHaveLength(48);
    expect(previewValue(undefined)).toBe('');
  });
});
