/**
 * The text summary's ExplainDigest (issue 8): the frame records it keeps do not grow with the frame count,
 * its running totals are exact, and the story and overview made from it equal those of the full model.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { AnalysisModel, FrameRecord } from '../../src/analysis/model.js';
import { AnalysisSession, analyzeBytes } from '../../src/analyze.js';
import { readCaptureBytes } from '../../src/capture/reader.js';
import type { RawFrame } from '../../src/capture/types.js';
import { pcapFile } from '../../src/capture/writer.js';
import { ARP_FRAMES, ExplainDigest, FLAGGED_FRAMES } from '../../src/explain/digest.js';
import { type ExplainedModel, explainModel } from '../../src/explain/index.js';
import { FIXTURES } from '../helpers/fixtures.js';

/** The summary as `analyze F` makes it: no frame kept, records only for frames the digest wants. */
function viaDigest(bytes: Uint8Array): { model: ExplainedModel; digest: ExplainDigest } {
  const digest = new ExplainDigest();
  const s = new AnalysisSession({
    keepFrames: false,
    explain: false,
    onFrame: (f) => digest.push(f),
    wantFrame: digest.want.bind(digest),
  });
  const res = readCaptureBytes(bytes, (f) => s.push(f));
  const m: AnalysisModel = s.finish('(bytes)', res.header, res.warnings, res.damaged);
  m.frames = digest.frames;
  const model = explainModel(m, 'en', { frames: false });
  model.frames = [];
  return { model, digest };
}

function rawFrames(name: string): { linktype: number; frames: RawFrame[] } {
  const frames: RawFrame[] = [];
  let linktype = 1;
  readCaptureBytes(new Uint8Array(readFileSync(join(FIXTURES, name))), (f) => {
    linktype = f.linktype;
    frames.push({ ...f, data: f.data.slice() });
  });
  return { linktype, frames };
}

/** tcp-loss-after.pcap with `copies` more retransmissions of frame 248 right after it (before the FIN). */
function lossy(copies: number): Uint8Array {
  const { linktype, frames } = rawFrames('tcp-loss-after.pcap');
  const out = [...frames.slice(0, 248)];
  for (let i = 0; i < copies; i++) out.push(frames[247]!);
  out.push(...frames.slice(248));
  return pcapFile(linktype, out);
}

/** A frame record outside conversations (an ARP frame unless `extra` says otherwise). */
const rec = (n: number, extra: Partial<FrameRecord>): FrameRecord => ({
  n,
  ts: '',
  rel: n / 1000,
  caplen: 60,
  len: 60,
  protocols: ['eth', 'arp'],
  src: '',
  dst: '',
  summary: '',
  notes: [],
  ...extra,
});

describe('ExplainDigest', () => {
  it('keeps the same records for 200 or 5,000 retransmissions and counts every one', () => {
    const base = viaDigest(lossy(0)).digest;
    const small = viaDigest(lossy(200)).digest;
    const large = viaDigest(lossy(5000)).digest;
    const retrans = (d: ExplainDigest) => d.convs.get(1)?.trouble.get('retransmission') ?? 0;
    expect(large.frames.length).toBe(small.frames.length);
    expect(large.frames.length).toBeLessThan(20);
    expect(retrans(small)).toBe(retrans(base) + 200);
    expect(retrans(large)).toBe(retrans(base) + 5000);
    expect(large.convs.get(1)!.flagged.length).toBe(FLAGGED_FRAMES);
  });

  it('tells the same story and overview as the full model, with exact totals', () => {
    const bytes = lossy(300);
    const full = analyzeBytes(bytes) as ExplainedModel;
    const { model } = viaDigest(bytes);
    expect(model.story).toEqual(full.story);
    expect(model.overview).toEqual(full.overview);
    const tcp = model.overview.abnormal.find((a) => a.code === 'ov.ab.tcp');
    const n = full.frames.filter((f) => f.tcp?.analysis?.includes('retransmission')).length;
    expect(tcp?.text).toContain(`${n} retransmissions`);
  });

  it.each(['mqtt-any.pcap', 'mqtt5.pcap', 'tcp-refused.pcap', 'zmq.pcap', 'udp.pcap'])(
    '%s: story and overview equal the full model’s, from records only for wanted frames',
    (name) => {
      const bytes = new Uint8Array(readFileSync(join(FIXTURES, name)));
      const full = analyzeBytes(bytes) as ExplainedModel;
      const { model, digest } = viaDigest(bytes);
      expect(model.story).toEqual(full.story);
      expect(model.overview).toEqual(full.overview);
      expect(digest.frames.length).toBeLessThan(full.frames.length);
    },
  );

  it('bounds ARP frames per pair of addresses and frames outside conversations, with exact counts', () => {
    const d = new ExplainDigest();
    const arps = 10_000;
    for (let n = 1; n <= arps; n++) {
      const ask = n % 2 === 1;
      d.push(
        rec(n, {
          eth: { src: ask ? 'aa:00:00:00:00:01' : 'aa:00:00:00:00:02', dst: 'ff:ff:ff:ff:ff:ff', type: 0x806 },
          arp: {
            op: ask ? 'request' : 'reply',
            sender_mac: ask ? 'aa:00:00:00:00:01' : `aa:00:00:00:${(n >> 8) & 0xff}:${n & 0xff}`,
            sender_ip: ask ? '10.0.0.1' : '10.0.0.2',
            target_mac: '00:00:00:00:00:00',
            target_ip: ask ? '10.0.0.2' : '10.0.0.1',
          },
        }),
      );
    }
    for (let n = arps + 1; n <= arps + 5000; n++)
      d.push(
        rec(n, {
          protocols: ['eth', 'ip', n % 2 ? 'icmp' : 'igmp'],
          eth: { src: 'aa:00:00:00:00:03', dst: 'aa:00:00:00:00:04', type: 0x800 },
          ip: { version: 4, src: '10.0.0.3', dst: n % 2 ? '10.0.0.4' : '224.0.0.1', ttl: 64, proto: 1 },
        }),
      );
    expect(d.arpFrames).toBe(arps);
    expect(d.arpDropped.get('10.0.0.1|10.0.0.2')).toEqual({
      first: ARP_FRAMES + 1,
      last: arps,
      count: arps - ARP_FRAMES,
    });
    expect(d.arpMacs.get('10.0.0.2')).toBe(`aa:00:00:00:${(arps >> 8) & 0xff}:${arps & 0xff}`);
    expect(d.other).toEqual({ first: arps + 1, last: arps + 5000, count: 5000 });
    expect([...d.otherProtocols]).toEqual(['ICMP', 'IGMP']);
    expect(d.frames.length).toBe(ARP_FRAMES + 2);
  });

  it('keeps the reply to the last kept ARP request past the cap, so it is not told as unanswered', () => {
    const d = new ExplainDigest();
    const arp = (n: number, ask: boolean): FrameRecord =>
      rec(n, {
        eth: { src: 'aa:00:00:00:00:0a', dst: 'ff:ff:ff:ff:ff:ff', type: 0x806 },
        arp: {
          op: ask ? 'request' : 'reply',
          sender_mac: ask ? 'aa:00:00:00:00:01' : 'aa:00:00:00:00:02',
          sender_ip: ask ? '10.0.0.1' : '10.0.0.2',
          target_mac: '00:00:00:00:00:00',
          target_ip: ask ? '10.0.0.2' : '10.0.0.1',
        },
      });
    // An unanswered request first: from then on the cap falls between a request and its reply.
    let n = 1;
    d.push(arp(n++, true));
    for (let i = 0; i < 20; i++) {
      d.push(arp(n++, true));
      d.push(arp(n++, false));
    }
    const kept = d.frames.map((f) => f.arp!.op);
    expect(kept).toHaveLength(ARP_FRAMES + 1);
    expect(kept.at(-1)).toBe('reply');
    expect(kept.at(-2)).toBe('request');
    expect(d.arpDropped.get('10.0.0.1|10.0.0.2')!.count).toBe(n - 1 - (ARP_FRAMES + 1));
  });
});
