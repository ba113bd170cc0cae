/**
 * Cross-check with tshark (Debian's 4.0, a test tool only): for every fixture capture, our one-pass
 * analysis must agree per frame with `tshark -2 -o tcp.relative_sequence_numbers:TRUE` on tcp.stream /
 * udp.stream grouping, relative seq/ack/nextseq, every tcp.analysis.* flag, acks_frame, ack_rtt,
 * duplicate-ack number/frame and the scaled window; per connection on the handshake (SYN, SYN/ACK),
 * the FIN/RST frames and the initial RTT.
 *
 * Intended differences are listed in INTENDED with the frames and the reason; anything else fails.
 * Skipped when tshark or the fixtures are missing.
 */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConversationTable, type FrameAnalysis } from '../../src/analysis/conversations.js';
import type { ConversationRecord } from '../../src/analysis/model.js';
import { readCaptureBytes } from '../../src/capture/reader.js';
import { dissectFrame } from '../../src/dissectors/frame.js';
import { fixtureCaptures, HAVE_TSHARK } from '../helpers/fixtures.js';
import { type TsharkRow, tsharkAnalysis, tsharkFlags } from './helpers.js';

/**
 * Frames where we differ from tshark on purpose: fixture → frame → reason. Keep this short and
 * specific; every entry must still differ (a stale entry fails too).
 */
const INTENDED: Record<string, Record<number, string>> = {
  'capture-loss.pcap': {
    // Not on purpose, and not understood: the subscriber's ACK of a broker PUBLISH the capture lost.
    // tshark 4.0.17 flags it "ACKed unseen segment", but not frame 92 in the same connection, nor frame
    // 74 in the publisher's, which follow the same pattern (a flagged ACK after "previous segment not
    // captured", two data segments each acknowledged, then an ACK past a new hole). Our rule answers the
    // three alike (not flagged), and agrees with tshark on every other frame of the fixtures.
    60: 'tshark flags ack_lost_segment here but not at the same pattern in frames 74 and 92',
  },
  'capture-loss-http.pcap': {
    // Same family: the client's GET carries the ACK number its pure ACK of frame 107 already had (flagged
    // by both); tshark 4.0.17 flags it again, our rule (one report until the other side sends again) not.
    108: 'tshark flags ack_lost_segment a second time for the same ACK number',
  },
};

interface Ours {
  a: FrameAnalysis | undefined;
}

const cache = new Map<string, { frames: Ours[]; convs: ConversationRecord[]; rows: TsharkRow[] }>();

/** Our analysis and tshark's rows for a file, computed once per file. */
function both(file: string): { frames: Ours[]; convs: ConversationRecord[]; rows: TsharkRow[] } {
  let r = cache.get(file);
  if (!r) {
    r = { ...analyse(file), rows: tsharkAnalysis(file) };
    cache.set(file, r);
  }
  return r;
}

function analyse(file: string): { frames: Ours[]; convs: ConversationRecord[] } {
  const table = new ConversationTable();
  const frames: Ours[] = [];
  readCaptureBytes(new Uint8Array(readFileSync(file)), (raw) => {
    const d = dissectFrame(raw.data, raw.linktype);
    const a = table.onFrame({
      n: raw.n,
      t: raw.tsSec + raw.tsNsec / 1e9,
      tsSec: raw.tsSec,
      tsNsec: raw.tsNsec,
      d,
      data: raw.data,
    });
    frames.push({ a });
  });
  return { frames, convs: table.finish() };
}

/** The per-frame facts we compare, in a form both sides produce. */
function oursRow(a: FrameAnalysis | undefined): Record<string, unknown> {
  if (!a) return { stream: '' };
  if (a.transport === 'udp') return { udp: a.stream };
  const t = a.tcp!;
  return {
    stream: a.stream,
    seq: t.seq,
    ack: t.ack,
    nextseq: t.nextseq,
    flags: [...(t.analysis ?? [])].sort(),
    acks: t.acks_frame ?? 0,
    dup: t.dup_ack ? `${t.dup_ack.num}/${t.dup_ack.frame}` : '',
  };
}

function theirsRow(r: TsharkRow): Record<string, unknown> {
  if (r['udp.stream'] !== '') return { udp: Number(r['udp.stream']) };
  if (r['tcp.stream'] === '') return { stream: '' };
  return {
    stream: Number(r['tcp.stream']),
    seq: Number(r['tcp.seq']),
    ack: Number(r['tcp.ack']),
    nextseq: Number(r['tcp.nxtseq']),
    flags: tsharkFlags(r),
    acks: Number(r['tcp.analysis.acks_frame'] || 0),
    dup: r['tcp.analysis.duplicate_ack_num']
      ? `${r['tcp.analysis.duplicate_ack_num']}/${r['tcp.analysis.duplicate_ack_frame']}`
      : '',
  };
}

const SYN = 0x002;
const ACK = 0x010;
const FIN = 0x001;
const RST = 0x004;

const files = fixtureCaptures();

describe.skipIf(!HAVE_TSHARK || files.length === 0)('tshark cross-check on fixtures', () => {
  for (const file of files) {
    const name = basename(file);
    it(`${name}: per-frame analysis`, () => {
      const { frames, rows } = both(file);
      expect(frames.length).toBe(rows.length);
      const intended = INTENDED[name] ?? {};
      const stillDiffering = new Set<number>();
      for (let i = 0; i < rows.length; i++) {
        const n = i + 1;
        const ours = oursRow(frames[i]!.a);
        const theirs = theirsRow(rows[i]!);
        const same = JSON.stringify(ours) === JSON.stringify(theirs);
        if (intended[n] !== undefined) {
          if (!same) stillDiffering.add(n);
          continue;
        }
        expect({ frame: n, ...ours }).toEqual({ frame: n, ...theirs });
        const a = frames[i]!.a;
        const r = rows[i]!;
        if (a?.tcp) {
          if (r['tcp.analysis.ack_rtt']) expect(a.tcp.ack_rtt).toBeCloseTo(Number(r['tcp.analysis.ack_rtt']), 6);
          if (a.tcp.window_size !== undefined)
            expect({ frame: n, win: a.tcp.window_size }).toEqual({ frame: n, win: Number(r['tcp.window_size']) });
        }
      }
      for (const n of Object.keys(intended))
        expect({ frame: Number(n), stale: !stillDiffering.has(Number(n)) }).toEqual({ frame: Number(n), stale: false });
    });

    it(`${name}: handshake, close frames and initial RTT per connection`, () => {
      const { convs, rows } = both(file);
      const byStream = new Map<number, { syn: number[]; synack: number[]; close: number[]; irtt: string }>();
      rows.forEach((r, i) => {
        if (r['tcp.stream'] === '' || r['tcp.flags'] === '') return;
        const s = Number(r['tcp.stream']);
        const f = Number.parseInt(r['tcp.flags'], 16);
        let e = byStream.get(s);
        if (!e) {
          e = { syn: [], synack: [], close: [], irtt: '' };
          byStream.set(s, e);
        }
        if ((f & (SYN | ACK)) === SYN) e.syn.push(i + 1);
        if ((f & (SYN | ACK)) === (SYN | ACK)) e.synack.push(i + 1);
        if (f & (FIN | RST)) e.close.push(i + 1);
        if (r['tcp.analysis.initial_rtt']) e.irtt = r['tcp.analysis.initial_rtt'];
      });
      const tcp = convs.filter((c) => c.transport === 'tcp');
      expect(tcp.length).toBe(byStream.size);
      for (const c of tcp) {
        const e = byStream.get(c.stream!)!;
        expect({
          stream: c.stream,
          syn: c.handshake?.syn ?? [],
          synack: c.handshake?.synack ?? [],
          close: c.close.frames,
        }).toEqual({
          stream: c.stream,
          syn: e.syn,
          synack: e.synack,
          close: e.close,
        });
        if (c.rtt !== null) expect(c.rtt).toBeCloseTo(Number(e.irtt), 6);
      }
    });
  }
});
