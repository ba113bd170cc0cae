/**
 * Issues 8 and 18: explained frames stream in one pass. Each frame is held in a bounded window while the
 * session analyses the frames after it, and told when it leaves it: the messages it completes as the
 * session listed them, links to the messages later frames complete that it carries a piece of
 * (ForwardLinks). A capture within the window is told as the whole model tells it.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SUMMARY_HEAD, SUMMARY_TAIL } from '../../src/analysis/app/budget.js';
import { AnalysisSession, analyzeFile } from '../../src/analyze.js';
import { CaptureError } from '../../src/capture/errors.js';
import { readCaptureBytes, readCaptureFile } from '../../src/capture/reader.js';
import type { RawFrame } from '../../src/capture/types.js';
import { pcapFile } from '../../src/capture/writer.js';
import { type StreamedFramesResult, streamExplainedFrames } from '../../src/cli/commands/analyze-frames.js';
import { ACK_WINDOW } from '../../src/explain/stream.js';
import type { Limits } from '../../src/limits.js';
import { frameFilter, type Selection } from '../../src/report/common.js';
import { FIXTURES, fixtureCaptures } from '../helpers/fixtures.js';

const sink = { write: () => {}, close: async () => {}, isTTY: false };

async function streamed(
  file: string,
  limits?: Partial<Limits>,
  selection: Selection = {},
): Promise<{ r: StreamedFramesResult; explain: Map<number, string | undefined> }> {
  const explain = new Map<number, string | undefined>();
  const r = await streamExplainedFrames(sink, {
    file,
    format: 'json',
    lang: 'en',
    style: { tty: false, color: false },
    selection,
    ...(limits ? { limits } : {}),
    onWritten: (f) => explain.set(f.n, f.explain),
  });
  return { r, explain };
}

const BAD = ['truncated.pcap', 'truncated.pcapng', 'garbage-after.pcap'].map((f) => join(FIXTURES, 'bad', f));

describe('streamed frame explanations', () => {
  it.each([...fixtureCaptures(), ...BAD].map((f) => [f.slice(FIXTURES.length + 1), f]))(
    '%s: every frame is told as the whole model tells it',
    async (_name, file) => {
      const whole = await analyzeFile(file, { keepFrames: true }).catch((e: unknown) => e);
      if (whole instanceof CaptureError) {
        await expect(streamed(file)).rejects.toBeInstanceOf(CaptureError);
        return;
      }
      if (whole instanceof Error) throw whole;
      const { r, explain } = await streamed(file);
      expect(explain.size).toBe(whole.frames.length);
      for (const f of whole.frames) expect(explain.get(f.n), `frame ${f.n}`).toBe(f.explain);
      // every link the first pass kept was read by the frame it belongs to
      expect(r.links.unread).toBe(0);
      expect(r.links.dropped).toBe(0);
    },
  );

  it.each(['zmq.pcap', 'mqtt5.pcap', 'tcp-loss-before.pcap', 'http-keepalive.pcap', 'rest.pcap', 'capture-loss.pcap'])(
    '%s: a selection’s frames are told as the whole model tells them (every frame is followed)',
    async (name) => {
      const file = join(FIXTURES, name);
      const whole = await analyzeFile(file, { keepFrames: true });
      const n = whole.frames.length;
      const mid = Math.floor(n / 2);
      const sels: Selection[] = [
        { range: [mid - 5, mid + 5] },
        { range: [1, 3] },
        { protocol: 'tcp' },
        ...whole.conversations.map((c) => ({ conversation: c.id })),
        { conversation: whole.conversations[0]!.id, range: [1, mid] },
      ];
      const byId = new Map(whole.conversations.map((c) => [c.id, c]));
      for (const sel of sels) {
        const want = whole.frames.filter(frameFilter(sel, byId));
        const { r, explain } = await streamed(file, undefined, sel);
        const what = JSON.stringify(sel);
        expect([...explain.keys()], what).toEqual(want.map((f) => f.n));
        for (const f of want) expect(explain.get(f.n), `${what} frame ${f.n}`).toBe(f.explain);
        // one pass: the report after the frames needs the whole capture, so every frame is followed
        expect(r.followed, what).toBe(n);
      }
    },
  );

  it('keeps links only for frames carrying a piece of a later message', async () => {
    // mqtt.pcap: every PDU in one segment; tcp-loss-before.pcap: a lost segment, the bytes after it wait
    expect((await streamed(join(FIXTURES, 'mqtt.pcap'))).r.links.kept).toBe(0);
    const loss = await streamed(join(FIXTURES, 'tcp-loss-before.pcap'));
    expect(loss.r.links.kept).toBeGreaterThan(0);
    const whole = await analyzeFile(join(FIXTURES, 'tcp-loss-before.pcap'), { keepFrames: true });
    // as many as the whole model's messages have carrying frames before the frame completing them
    let late = 0;
    for (const c of whole.conversations)
      for (const m of c.messages ?? []) for (const n of (m.frames as number[]) ?? []) if (n < m.frame) late++;
    expect(loss.r.links.kept).toBe(late);
  });

  it('lists a bounded number of messages per conversation (the rest in message_stats)', async () => {
    const { r } = await streamed(join(FIXTURES, 'tcp-loss-before.pcap'));
    const big = r.model.conversations.find((c) => (c.message_stats?.length ?? 0) > 0);
    expect(big).toBeDefined();
    expect(big!.messages!.length).toBeLessThanOrEqual(SUMMARY_HEAD + SUMMARY_TAIL);
    const counted = big!.message_stats!.reduce((a, s) => a + s.count, 0);
    expect(counted).toBeGreaterThan(big!.messages!.length);
    // --limit summary-messages=N lists up to N from the start: all of them here, as the whole model does
    const all = await streamed(join(FIXTURES, 'tcp-loss-before.pcap'), { summaryMessages: 10_000 });
    const whole = await analyzeFile(join(FIXTURES, 'tcp-loss-before.pcap'), { keepFrames: true });
    const c = all.r.model.conversations.find((x) => x.id === big!.id)!;
    expect(c.message_stats).toBeUndefined();
    expect(c.messages).toEqual(whole.conversations.find((x) => x.id === big!.id)!.messages);
  });

  it('past the explain-links cap, frames are still all explained and the drop is counted', async () => {
    const file = join(FIXTURES, 'tcp-loss-before.pcap');
    const all = await streamed(file);
    const capped = await streamed(file, { explainLinks: 10 });
    expect(capped.r.links.kept).toBe(10);
    expect(capped.r.links.dropped).toBe(all.r.links.kept - 10);
    expect(capped.explain.size).toBe(all.explain.size);
    expect([...capped.explain.values()].every((t) => typeof t === 'string' && t.length > 0)).toBe(true);
    // only frames past the cap lose their "part of" sentence, and the ACKs naming what those carried
    let differ = 0;
    for (const [n, t] of all.explain) if (capped.explain.get(n) !== t) differ++;
    expect(differ).toBeGreaterThan(0);
    expect(differ).toBeLessThanOrEqual(2 * capped.r.links.dropped);
  });

  it('an ACK names what the frame it acknowledges carried within ACK_WINDOW; further behind, that frame', async () => {
    // mqtt.pcap with copies of a UDP datagram (udp.pcap) put in before an ACK that names an MQTT packet:
    // the ACK comes long after the frame it acknowledges.
    const mqtt = join(FIXTURES, 'mqtt.pcap');
    const whole = await analyzeFile(mqtt, { keepFrames: true });
    const ack = whole.frames.find(
      (f) => f.tcp?.acks_frame !== undefined && /receipt of the bytes/.test(f.explain ?? ''),
    );
    expect(ack).toBeDefined();
    const read = (file: string) => {
      const out: RawFrame[] = [];
      readCaptureBytes(readFileSync(file), (f) => void out.push({ ...f, data: new Uint8Array(f.data) }));
      return out;
    };
    const frames = read(mqtt);
    const udp = read(join(FIXTURES, 'udp.pcap'))[0]!;
    const before = frames[ack!.n - 2]!;
    const dir = mkdtempSync(join(tmpdir(), 'stream-ack-'));
    try {
      // within the window (every frame held to the end): as the whole model; beyond it and ACK_WINDOW: the
      // acknowledged frame was told long before, the ACK is told as an ACK of its data
      for (const [count, named] of [
        [ACK_WINDOW - 1000, true],
        [ACK_WINDOW + 1000, false],
      ] as const) {
        const pad = Array.from({ length: count }, () => ({ ...udp, tsSec: before.tsSec, tsNsec: before.tsNsec }));
        const all = [...frames.slice(0, ack!.n - 1), ...pad, ...frames.slice(ack!.n - 1)];
        const file = join(dir, `late-ack-${count}.pcap`);
        writeFileSync(file, pcapFile(frames[0]!.linktype, all));
        const late = ack!.n + pad.length;
        const wholePadded = await analyzeFile(file, { keepFrames: true });
        const acked = wholePadded.frames[late - 1]!.tcp?.acks_frame;
        expect(acked).toBe(ack!.tcp!.acks_frame);
        const { r, explain } = await streamed(file);
        expect(explain.size).toBe(all.length);
        expect(r.links.unread).toBe(0);
        if (named) {
          expect(explain.get(late)).toMatch(/receipt of the bytes/);
          for (const f of wholePadded.frames) expect(explain.get(f.n), `frame ${f.n}`).toBe(f.explain);
        } else {
          expect(explain.get(late)).toMatch(new RegExp(`acknowledges the data of frame ${acked} \\(ACK, no data\\)`));
          // the frames held to the end are told as the whole model tells them
          for (const f of wholePadded.frames.slice(-ACK_WINDOW / 2).filter((x) => x.n !== late))
            expect(explain.get(f.n), `frame ${f.n}`).toBe(f.explain);
        }
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('tapped messages', () => {
  /** Every message a session hands over, as (conversation, frame completing it, kind), in order. */
  async function tapped(file: string, tap: true | 'only') {
    const s = new AnalysisSession({ keepFrames: false, explain: false, summary: true, tapMessages: tap });
    const got: string[] = [];
    const take = () => {
      for (const t of s.takeMessages()) got.push(`${t.conversation}:${t.rec.frame}:${t.rec.kind}`);
    };
    const res = await readCaptureFile(file, (f) => {
      s.push(f);
      take();
    });
    const m = s.finish(file, res.header, res.warnings, res.damaged);
    take();
    return { got, m };
  }

  it.each(['zmq.pcap', 'mqtt5.pcap', 'http-keepalive.pcap', 'tcp-loss-before.pcap', 'capture-loss.pcap'])(
    "%s: 'only' hands over every message as true does, and the records list and aggregate none",
    async (name) => {
      const file = join(FIXTURES, name);
      const whole = await analyzeFile(file, { keepFrames: true });
      const all = whole.conversations.flatMap((c) => (c.messages ?? []).map((m) => `${c.id}:${m.frame}:${m.kind}`));
      const a = await tapped(file, true);
      const b = await tapped(file, 'only');
      expect(b.got).toEqual(a.got);
      expect([...b.got].sort()).toEqual([...all].sort());
      expect(all.length).toBeGreaterThan(5);
      expect(a.m.conversations.some((c) => (c.messages?.length ?? 0) > 0)).toBe(true);
      for (const c of b.m.conversations) {
        expect(c.messages ?? []).toEqual([]);
        expect(c.message_stats ?? []).toEqual([]);
      }
    },
  );
});
