/**
 * Frames cut by the snapshot length (issue 25), on fixtures/snaplen.pcap: a real capture made with
 * `tcpdump -s 96` (fixtures/make/snaplen.sh) of MQTT pub/sub and ZeroMQ REQ/REP. tshark is the oracle for
 * every length and tcp.analysis flag; the peers' log for what was sent.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { FrameRecord } from '../../src/analysis/model.js';
import { analyzeBytes, analyzeFile } from '../../src/analyze.js';
import { readCaptureBytes } from '../../src/capture/reader.js';
import type { RawFrame } from '../../src/capture/types.js';
import { pcapFile } from '../../src/capture/writer.js';
import type { ExplainedModel } from '../../src/explain/index.js';
import { FIXTURES, HAVE_TSHARK, tsharkFields } from '../helpers/fixtures.js';
import { tsharkAnalysis, tsharkFlags } from './helpers.js';

const FILE = join(FIXTURES, 'snaplen.pcap');
const SNAPLEN = 96;

async function model(lang: 'en' | 'id' = 'en'): Promise<ExplainedModel> {
  return (await analyzeFile(FILE, { lang })) as ExplainedModel;
}

/** "Len=N" in an Info column, or undefined. */
function infoLen(s: string): number | undefined {
  const m = /\bLen=(\d+)/.exec(s);
  return m ? Number(m[1]) : undefined;
}

describe.skipIf(!HAVE_TSHARK)('snapshot length: tshark as the oracle', () => {
  it('every frame length, captured length, tcp.len, udp.length and Info Len= is tshark’s', async () => {
    const m = await model();
    const rows = tsharkFields(FILE, [
      'frame.number',
      'frame.len',
      'frame.cap_len',
      'ip.len',
      'tcp.len',
      'udp.length',
      '_ws.col.Info',
    ]);
    expect(m.frames).toHaveLength(rows.length);
    let cut = 0;
    let lens = 0;
    for (const [i, t] of rows.entries()) {
      const f = m.frames[i]!;
      const at = `frame ${t[0]}`;
      expect(f.len, at).toBe(Number(t[1]));
      expect(f.caplen, at).toBe(Number(t[2]));
      if (t[3]) expect(f.ip?.len, at).toBe(Number(t[3]));
      if (t[4]) expect(f.tcp?.len, at).toBe(Number(t[4]));
      if (t[5]) expect(f.udp?.len, at).toBe(Number(t[5]));
      const theirs = infoLen(t[6]!);
      const ours = infoLen(f.summary);
      if (theirs !== undefined && ours !== undefined) {
        expect(ours, at).toBe(theirs);
        lens++;
      }
      if (f.caplen < f.len) {
        cut++;
        expect(f.caplen, at).toBe(SNAPLEN);
        // what was sent, not what was captured: the headers' lengths exceed the bytes in the file
        if (f.tcp) expect(f.tcp.len, at).toBeGreaterThan(SNAPLEN - 66);
      }
    }
    expect(cut).toBeGreaterThan(10);
    expect(lens).toBeGreaterThan(50);
  });

  it('every tcp.analysis flag is tshark’s: a cut frame is no lost segment nor a retransmission', async () => {
    const m = await model();
    const rows = tsharkAnalysis(FILE);
    expect(m.frames).toHaveLength(rows.length);
    for (const [i, row] of rows.entries()) {
      const f = m.frames[i]!;
      expect([...(f.tcp?.analysis ?? [])].sort(), `frame ${f.n}`).toEqual(tsharkFlags(row));
    }
    expect(m.frames.some((f) => f.tcp?.analysis?.length)).toBe(false);
    expect(m.conversations.every((c) => c.state === 'SF')).toBe(true);
  });
});

describe('snapshot length: what the report says', () => {
  it('capture.snaplen, and one frame.truncated note per cut frame saying how much was kept', async () => {
    const m = await model();
    const cut = m.frames.filter((f) => f.caplen < f.len);
    expect(m.capture.snaplen).toEqual({ kept: SNAPLEN, frames: cut.length, first: cut[0]!.n });
    for (const f of m.frames) {
      const notes = f.notes.filter((n) => n.code === 'frame.truncated');
      expect(notes.length, `frame ${f.n}`).toBe(f.caplen < f.len ? 1 : 0);
      // the IP layer's "cut short" is explained by the snapshot length: not said again
      expect(f.notes.some((n) => n.code === 'ip.truncated')).toBe(false);
    }
    expect(cut[0]!.notes.find((n) => n.code === 'frame.truncated')!.params).toEqual({
      caplen: SNAPLEN,
      len: cut[0]!.len,
      missing: cut[0]!.len - SNAPLEN,
    });
  });

  it('the overview says once what the snapshot length hid; each cut frame says how much of its data', async () => {
    for (const lang of ['en', 'id'] as const) {
      const m = await model(lang);
      const items = m.overview.abnormal.filter((a) => a.code === 'ov.ab.snaplen');
      expect(items).toHaveLength(1);
      expect(items[0]!.text).toContain(`${SNAPLEN}`);
      // no per-frame repetition of it in the overview
      expect(m.overview.abnormal.some((a) => a.code === 'frame.truncated' || a.code === 'tcp.pdu.cut')).toBe(false);
      const f = m.frames.find((x) => x.n === m.capture.snaplen!.first)!;
      const sent = f.tcp!.len;
      const lost = f.len - f.caplen;
      expect(f.explain).toContain(`${sent - lost}`);
      expect(f.explain).toContain(`${lost}`);
    }
    const en = await model('en');
    expect(en.overview.abnormal[0]!.text).toMatch(/kept only the first 96 bytes of each frame/);
    const first = en.frames.find((x) => x.n === en.capture.snaplen!.first)!;
    expect(first.explain).toMatch(/kept only the first 96 of this frame's \d+ bytes/);
  });

  it('MQTT: each cut PUBLISH is listed with its topic and the captured start of the payload, marked cut', async () => {
    const m = await model();
    const peers = readFileSync(join(FIXTURES, 'snaplen.peers.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { peer: string; socket: string; event: string; data: string; topic?: string });
    const sent = peers.filter((p) => p.socket === 'MQTT' && p.event === 'send');
    const got = peers.filter((p) => p.socket === 'MQTT' && p.event === 'recv');
    const mqtt = m.conversations.filter((c) => c.app === 'mqtt');
    const pubs = mqtt.flatMap((c) => (c.messages ?? []).filter((x) => x.kind === 'PUBLISH'));
    const c2s = pubs.filter((p) => p.dir === 'c2s');
    const s2c = pubs.filter((p) => p.dir === 's2c');
    expect(c2s).toHaveLength(sent.length);
    expect(s2c).toHaveLength(got.length);
    for (const p of pubs) {
      expect(p.topic).toBe('lab/snaplen');
      expect(p.cut).toBeDefined();
      const full = new TextEncoder().encode(sent[0]!.data);
      const payload = p.payload!;
      expect(payload.length).toBe(full.length); // what was sent
      expect(payload.captured).toBeLessThan(full.length);
      expect(sent[0]!.data.startsWith(String(payload.value))).toBe(true); // what was captured of it
    }
    // the decoder kept its place: the DISCONNECTs after the cut PUBLISHes are decoded
    expect(mqtt.every((c) => (c.messages ?? []).some((x) => x.kind === 'DISCONNECT'))).toBe(true);
    // and the Info column says the packet was cut, as tshark's does
    const f = m.frames.find((x) => x.n === c2s[0]!.frame) as FrameRecord;
    expect(f.summary).toBe('[PSH, ACK] Publish Message [lab/snaplen][Packet size limited during capture]');
  });

  it('ZeroMQ: the cut handshake frames are a gap, decoding resumes and every request and reply is found', async () => {
    const m = await model();
    const z = m.conversations.find((c) => c.app === 'zmtp')!;
    const data = (z.messages ?? []).filter((x) => x.kind === 'message');
    expect(data.filter((x) => x.dir === 'c2s')).toHaveLength(8);
    expect(data.filter((x) => x.dir === 's2c')).toHaveLength(8);
    const gap = m.frames.flatMap((f) => f.notes).find((n) => n.code === 'app.gap');
    expect(gap?.params?.cut).toBe(1);
    const at = m.frames.find((f) => f.notes.some((n) => n.code === 'app.gap'))!;
    expect(at.explain).toMatch(/snapshot length cut off the rest of this segment/);
    expect(at.explain).not.toMatch(/before this point/);
  });
});

/** A real fixture written again with a smaller snapshot length (what `tcpdump -s N` would have kept of it). */
function recut(name: string, snaplen: number): { bytes: Uint8Array; sent: string[] } {
  const frames: RawFrame[] = [];
  let linktype = 1;
  readCaptureBytes(new Uint8Array(readFileSync(join(FIXTURES, name))), (f) => {
    linktype = f.linktype;
    frames.push({ ...f, data: new Uint8Array(f.data) });
  });
  const peers = readFileSync(join(FIXTURES, name.replace('.pcap', '.peers.jsonl')), 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as { event: string; data: string });
  return {
    bytes: pcapFile(linktype, frames, { snaplen }),
    sent: peers.filter((p) => p.event === 'send').map((p) => p.data),
  };
}

describe('snapshot length: raw data (plain TCP, UDP) keeps its real length and says what was captured', () => {
  it('UDP datagrams cut to 60 bytes per frame (udp.pcap re-cut)', () => {
    const { bytes, sent } = recut('udp.pcap', 60);
    const m = analyzeBytes(bytes) as ExplainedModel;
    const msgs = m.conversations.flatMap((c) => c.messages ?? []);
    expect(msgs.map((x) => x.length)).toEqual(sent.map((t) => new TextEncoder().encode(t).length));
    for (const [i, x] of msgs.entries()) {
      expect(x.payload!.captured).toBe(60 - 42);
      expect(sent[i]!.startsWith(String(x.payload!.value))).toBe(true);
    }
    expect(m.capture.snaplen).toMatchObject({ kept: 60, frames: sent.length });
    const f = m.frames.find((x) => x.udp)!;
    expect(f.udp!.len - 8).toBe(msgs[0]!.length);
    expect(f.explain).toMatch(/only the first 18 of its \d+ bytes were captured/);
  });

  it('TCP echo cut to 70 bytes per frame (tcp-echo.pcap re-cut): each chunk as long as sent', () => {
    const { bytes, sent } = recut('tcp-echo.pcap', 70);
    const m = analyzeBytes(bytes) as ExplainedModel;
    const msgs = m.conversations.flatMap((c) => c.messages ?? []);
    const size = (t: string) => new TextEncoder().encode(t).length;
    // the peers log in their own order: compare as sets
    expect(msgs.map((x) => x.length).sort()).toEqual(sent.map(size).sort());
    for (const x of msgs) {
      expect(x.payload!.captured).toBe(x.length === 4 ? undefined : 4);
      expect(sent.some((t) => size(t) === x.length && t.startsWith(String(x.payload!.value)))).toBe(true);
    }
    // no false loss: the cut is no lost segment, and sequence analysis uses the header lengths
    expect(m.frames.some((f) => f.tcp?.analysis?.length)).toBe(false);
    expect(m.conversations[0]!.missed_bytes).toBeGreaterThan(0);
  });

  it('MQTT 5 cut to 100 bytes per frame (mqtt5.pcap re-cut): a cut CONNECT still gives the version and client id', () => {
    const { bytes } = recut('mqtt5.pcap', 100);
    const m = analyzeBytes(bytes) as ExplainedModel;
    const c = m.conversations.find((x) => x.client.startsWith('172.18.0.13:'))!;
    const connect = c.messages!.find((x) => x.kind === 'CONNECT')!;
    expect(connect).toMatchObject({ client_id: 'sensor-13', version: 5, cut: { length: expect.any(Number) } });
    expect(connect.replied_by).toBeDefined(); // the CONNACK pairs with it
    const pub = c.messages!.find((x) => x.kind === 'PUBLISH')!;
    // the MQTT 5 properties are skipped: the payload starts where the peer's text does
    expect(String(pub.payload!.value)).toMatch(/^sensor-13 onl/);
    expect(pub.payload!.length).toBe('sensor-13 online'.length);
    expect(pub.replied_by).toBeDefined(); // its PUBACK
  });
});
