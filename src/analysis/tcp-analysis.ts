/**
 * Wireshark's TCP sequence analysis (tcp.analysis.*), per connection, in one forward pass.
 *
 * The semantics follow tcp_analyze_sequence_number() and dissect_tcp() of Wireshark 4.0's
 * packet-tcp.c (the version the tshark cross-check runs against). What each segment is checked for,
 * in this order, with the state of its own direction ("fwd") and of the opposite one ("rev"):
 *
 *  1. zero_window_probe  1 byte at fwd.nextseq while rev's last window was 0 (skips 2-8)
 *  2. zero_window        window field 0, no SYN/FIN/RST
 *  3. lost_segment       seq beyond fwd.nextseq (no RST)
 *  4. keep_alive         0 or 1 byte at fwd.nextseq - 1, no SYN/FIN/RST
 *  5. window_update      no data, same seq/ack as before, window changed (not 0)
 *  6. window_full        data reaches exactly rev.lastack + rev's (scaled) window
 *  7. keep_alive_ack     no data, same seq/ack/window as before, rev's last segment was a keep-alive (skips 8-9)
 *  8. zero_window_probe_ack  the same for a zero-window probe, window 0 (skips 9)
 *  9. duplicate_ack      no data, same seq/ack/window (not 0) as before: counted, with the frame it duplicates
 * 10. ack_lost_segment   ack beyond what rev has been seen to send (once per loss)
 * 11. retransmission family, only for segments with data or SYN/FIN that are not keep-alives:
 *     spurious_retransmission (all of it already ACKed by rev), then fast_retransmission (rev sent >= 2
 *     duplicate ACKs for exactly this seq, less than 20 ms ago), then out_of_order (seq before
 *     fwd.nextseq and less than the initial RTT — 3 ms when unknown — since fwd.nextseq last advanced),
 *     else retransmission if seq is before fwd.nextseq.
 * Then every segment acknowledges the unacked segments of rev: an exact match gives acks_frame and ack_rtt.
 *
 * Like Wireshark, a fast or spurious retransmission also carries "retransmission" (Wireshark raises both
 * expert items, so the display filter tcp.analysis.retransmission matches all three).
 * Wireshark decides in its first pass, frame by frame, so one pass here gives the same verdicts.
 */
import type { Severity } from '../dissectors/types.js';
import { TCP_FLAG } from '../dissectors/types.js';
import { seqGt, seqLe, seqLt } from './seq.js';

/** Analysis flag bits (Wireshark's TCP_A_*). */
export const TA = {
  RETRANSMISSION: 0x0001,
  LOST_PACKET: 0x0002,
  ACK_LOST_PACKET: 0x0004,
  KEEP_ALIVE: 0x0008,
  DUPLICATE_ACK: 0x0010,
  ZERO_WINDOW: 0x0020,
  ZERO_WINDOW_PROBE: 0x0040,
  ZERO_WINDOW_PROBE_ACK: 0x0080,
  KEEP_ALIVE_ACK: 0x0100,
  OUT_OF_ORDER: 0x0200,
  FAST_RETRANSMISSION: 0x0400,
  WINDOW_UPDATE: 0x0800,
  WINDOW_FULL: 0x1000,
  REUSED_PORTS: 0x2000,
  SPURIOUS_RETRANSMISSION: 0x4000,
} as const;

/** Flag names (the part after "tcp.analysis.") in the order they are listed on a frame. */
export const TCP_ANALYSIS_FLAG_ORDER: ReadonlyArray<readonly [number, string]> = [
  [TA.REUSED_PORTS, 'reused_ports'],
  [TA.ZERO_WINDOW_PROBE, 'zero_window_probe'],
  [TA.ZERO_WINDOW, 'zero_window'],
  [TA.LOST_PACKET, 'lost_segment'],
  [TA.KEEP_ALIVE, 'keep_alive'],
  [TA.WINDOW_UPDATE, 'window_update'],
  [TA.WINDOW_FULL, 'window_full'],
  [TA.KEEP_ALIVE_ACK, 'keep_alive_ack'],
  [TA.ZERO_WINDOW_PROBE_ACK, 'zero_window_probe_ack'],
  [TA.DUPLICATE_ACK, 'duplicate_ack'],
  [TA.ACK_LOST_PACKET, 'ack_lost_segment'],
  [TA.RETRANSMISSION | TA.FAST_RETRANSMISSION | TA.SPURIOUS_RETRANSMISSION, 'retransmission'],
  [TA.FAST_RETRANSMISSION, 'fast_retransmission'],
  [TA.SPURIOUS_RETRANSMISSION, 'spurious_retransmission'],
  [TA.OUT_OF_ORDER, 'out_of_order'],
];

/**
 * Every note code the conversation/TCP analysis and reassembly can put on a frame or conversation, with
 * Wireshark's expert severity (Chat → info, Note → note, Warning → warn, Error → error).
 */
export const ANALYSIS_NOTES: Readonly<Record<string, Severity>> = {
  'tcp.analysis.retransmission': 'note',
  'tcp.analysis.fast_retransmission': 'note',
  'tcp.analysis.spurious_retransmission': 'note',
  'tcp.analysis.out_of_order': 'warn',
  'tcp.analysis.reused_ports': 'note',
  'tcp.analysis.lost_segment': 'warn',
  'tcp.analysis.ack_lost_segment': 'warn',
  'tcp.analysis.window_update': 'info',
  'tcp.analysis.window_full': 'warn',
  'tcp.analysis.keep_alive': 'note',
  'tcp.analysis.keep_alive_ack': 'note',
  'tcp.analysis.duplicate_ack': 'note',
  'tcp.analysis.zero_window_probe': 'note',
  'tcp.analysis.zero_window': 'warn',
  'tcp.analysis.zero_window_probe_ack': 'note',
  /** Out-of-order data buffered for one direction reached the cap; the missing bytes were given up. */
  'tcp.reassembly.cap_reached': 'warn',
  /** Too many out-of-order segments were waiting for one direction; the missing bytes were given up. */
  'tcp.reassembly.segment_cap_reached': 'warn',
  /** A PDU claimed a length above the PDU buffer cap; its bytes were skipped without buffering. */
  'tcp.pdu.too_large': 'warn',
  /** A PDU was cut short by a capture gap or the end of the stream. */
  'tcp.pdu.incomplete': 'warn',
  /** A PDU of known length was cut by the snapshot length (params length, captured); framing stays in step. */
  'tcp.pdu.cut': 'warn',
  /** A framer broke its contract (e.g. a PDU length of 0); one byte was dropped to go on. */
  'tcp.pdu.framer_error': 'error',
  /** The open-conversation cap was hit (on the frame that caused the first flush; params cap, flushed). */
  'conversation.cap_reached': 'warn',
  /** This conversation was flushed early, idle while the cap was hit (on the conversation; param cap). */
  'conversation.evicted': 'note',
  /** This conversation was retired after IDLE_TIMEOUT without a frame (on the conversation; param idle). */
  'conversation.idle': 'note',
  /** A segment of an ended conversation after it was retired (param grace): counted, not analysed. */
  'conversation.late': 'note',
};

/** Wireshark's TCP_MAX_UNACKED_SEGMENTS: unacked segments remembered per direction. */
const MAX_UNACKED = 1000;
/** Unacked list arrays up to this many entries are kept for reuse when the list empties. */
const KEEP_UNACKED = 32;

/**
 * The unacknowledged segments of one direction (Wireshark's tcp_unacked_t list), oldest first, in
 * parallel arrays (entries head..end-1). While segments were added in sequence order an ACK scan stops at
 * the first segment it cannot touch, so the usual cost per ACK is the number of segments it removes.
 * The arrays are reused when the list empties (no allocation per flight of segments) unless they grew
 * beyond KEEP_UNACKED entries, which are released.
 */
class Unacked {
  seq: number[] = [];
  next: number[] = [];
  frame: number[] = [];
  ts: number[] = [];
  head = 0;
  end = 0;
  sorted = true;

  get count(): number {
    return this.end - this.head;
  }

  add(seq: number, next: number, frame: number, ts: number): void {
    const e = this.end;
    if (e > this.head && seqLt(seq, this.seq[e - 1]!)) this.sorted = false;
    if (e === this.seq.length) {
      this.seq.push(seq);
      this.next.push(next);
      this.frame.push(frame);
      this.ts.push(ts);
    } else {
      this.seq[e] = seq;
      this.next[e] = next;
      this.frame[e] = frame;
      this.ts[e] = ts;
    }
    this.end = e + 1;
  }

  /** Apply an acknowledgement; true when a segment is exactly acked (its frame and time in `out`). */
  ack(ack: number, out: { frame: number; ts: number }): boolean {
    const seqA = this.seq;
    const nextA = this.next;
    const frameA = this.frame;
    const tsA = this.ts;
    const end = this.end;
    const sorted = this.sorted;
    let matched = false;
    let w = this.head;
    let i = this.head;
    let keptSorted = true;
    let prevKept = -1;
    for (; i < end; i++) {
      let s = seqA[i]!;
      const nx = nextA[i]!;
      if (sorted && !seqGt(ack, s)) break;
      if (ack === nx) {
        if (!matched) {
          matched = true;
          out.frame = frameA[i]!;
          out.ts = tsA[i]!;
        }
        continue; // acked: removed
      }
      if (seqGt(ack, s) && seqLe(ack, nx)) {
        s = ack; // partly acked: keep the rest
      } else if (!seqGt(nx, ack)) {
        continue; // old: removed
      }
      if (prevKept >= 0 && seqLt(s, prevKept)) keptSorted = false;
      prevKept = s;
      seqA[w] = s;
      nextA[w] = nx;
      frameA[w] = frameA[i]!;
      tsA[w] = tsA[i]!;
      w++;
    }
    const removed = i - w;
    if (!sorted && i === end) this.sorted = keptSorted;
    if (removed > 0) {
      if (w === this.head) {
        this.head = i;
      } else {
        for (let j = i; j < end; j++, w++) {
          seqA[w] = seqA[j]!;
          nextA[w] = nextA[j]!;
          frameA[w] = frameA[j]!;
          tsA[w] = tsA[j]!;
        }
        this.end = w;
      }
      if (this.head === this.end) {
        this.head = 0;
        this.end = 0;
        this.sorted = true;
        if (seqA.length > KEEP_UNACKED) {
          seqA.length = 0;
          nextA.length = 0;
          frameA.length = 0;
          tsA.length = 0;
        }
      } else if (this.head > 256 && this.head * 2 > this.end) {
        const h = this.head;
        const e = this.end;
        for (let j = h; j < e; j++) {
          seqA[j - h] = seqA[j]!;
          nextA[j - h] = nextA[j]!;
          frameA[j - h] = frameA[j]!;
          tsA[j - h] = tsA[j]!;
        }
        this.head = 0;
        this.end = e - h;
      }
    }
    return matched;
  }
}

/** One direction's analysis state (Wireshark's tcp_flow_t + tcp_analyze_seq_flow_info_t). */
class Flow {
  baseSeq = 0;
  baseSet = false;
  /** -1 unknown, -2 no scaling in use, >= 0 the shift count. */
  winScale = -1;
  /** Last window field as sent (unscaled); Wireshark starts it at G_MAXUINT32. */
  window = 0xffffffff;
  isFirstAck = false;
  /** 0 means "not set", as in Wireshark. */
  nextseq = 0;
  nextseqTime = 0;
  maxseqtobeacked = 0;
  lastack = 0;
  lastackTime = 0;
  dupacknum = 0;
  lastnondupack = 0;
  lastsegmentflags = 0;
  readonly unacked = new Unacked();
}

/** The per-segment result; the analyzer reuses one object, copy what you keep. */
export interface SegmentResult {
  /** TA bits. */
  flags: number;
  seq: number;
  ack: number;
  nextseq: number;
  /** Scaled window, or -1 when the scale factor is unknown (Wireshark: "window size scaling factor unknown"). */
  windowSize: number;
  dupAckNum: number;
  dupAckFrame: number;
  /** Frame whose data this segment acknowledges, 0 when none. */
  acksFrame: number;
  ackRtt: number;
}

export interface SegmentInput {
  n: number;
  t: number;
  seq: number;
  ack: number;
  /** TCP payload length from the IP length fields (tcp.len). */
  seglen: number;
  flags: number;
  /** Window field as sent. */
  window: number;
  /** Window scale option shift, when the segment carries one. */
  wscale: number | undefined;
}

const SYN = TCP_FLAG.SYN;
const ACK = TCP_FLAG.ACK;
const FIN = TCP_FLAG.FIN;
const RST = TCP_FLAG.RST;
const SFR = SYN | FIN | RST;
const TWO32 = 4294967296;

/** Wireshark's per-connection analysis (one per tcp.stream). Direction 0 and 1 are the two flows. */
export class TcpSeqAnalyzer {
  private readonly flows: [Flow, Flow] = [new Flow(), new Flow()];
  /** Time of the most recent SYN (without ACK), 0 when none. */
  private tsMruSyn = 0;
  /** Initial RTT in seconds (tcp.analysis.initial_rtt), 0 while unknown. */
  firstRtt = 0;
  private readonly acked = { frame: 0, ts: 0 };
  readonly result: SegmentResult = {
    flags: 0,
    seq: 0,
    ack: 0,
    nextseq: 0,
    windowSize: 0,
    dupAckNum: 0,
    dupAckFrame: 0,
    acksFrame: 0,
    ackRtt: 0,
  };

  /** Relative-sequence base of a direction, or undefined before its first segment. */
  base(dir: 0 | 1): number | undefined {
    const f = this.flows[dir];
    return f.baseSet ? f.baseSeq : undefined;
  }

  /** Analyse one segment sent in direction `dir`; `reused` marks the SYN that opened this connection on a reused 4-tuple. */
  segment(dir: 0 | 1, s: SegmentInput, reused: boolean): SegmentResult {
    const fwd = this.flows[dir];
    const rev = this.flows[dir ^ 1]!;
    const r = this.result;
    const { seq, ack, seglen, flags, window, t } = s;
    let ta = reused ? TA.REUSED_PORTS : 0;
    r.dupAckNum = 0;
    r.dupAckFrame = 0;
    r.acksFrame = 0;
    r.ackRtt = 0;

    // A SYN/ACK with a new ISN on a known connection: Wireshark restarts the responder's numbering.
    if ((flags & (SYN | ACK)) === (SYN | ACK) && fwd.baseSet && seq !== fwd.baseSeq) {
      fwd.baseSeq = seq;
      ta |= TA.REUSED_PORTS;
    }

    this.analyze(fwd, rev, s, ta);
    ta = r.flags;

    // Relative numbers, next sequence number and window, as displayed.
    const relSeq = (seq - fwd.baseSeq) >>> 0;
    r.seq = relSeq;
    r.ack = flags & ACK ? (ack - rev.baseSeq) >>> 0 : ack;
    r.nextseq = (relSeq + seglen + (flags & (SYN | FIN) ? 1 : 0)) >>> 0;
    if (flags & SYN) r.windowSize = window;
    else if (fwd.winScale >= 0) r.windowSize = window * (1 << fwd.winScale);
    else if (fwd.winScale === -2) r.windowSize = window;
    else r.windowSize = -1;

    // After the analysis, like dissect_tcp(): SYN bookkeeping, initial RTT, window scale.
    if (flags & SYN) {
      if (!(flags & ACK)) this.tsMruSyn = t;
      fwd.isFirstAck = true;
    }
    if ((flags & (SYN | ACK)) === ACK) {
      if (this.tsMruSyn !== 0 && this.firstRtt === 0) this.firstRtt = t - this.tsMruSyn;
      fwd.isFirstAck = false;
    }
    if (s.wscale !== undefined) fwd.winScale = Math.min(s.wscale, 14); // so 1 << winScale is exact
    if (flags & SYN) {
      if (fwd.winScale === -1) {
        fwd.winScale = -2;
        rev.winScale = -2;
      } else if (flags & ACK && rev.winScale === -2) {
        fwd.winScale = -2;
      }
    }
    return r;
  }

  private analyze(fwd: Flow, rev: Flow, s: SegmentInput, reusedBits: number): void {
    const r = this.result;
    const { seq, ack, seglen, flags, window, t, n } = s;
    let ta = reusedBits;

    if (!fwd.baseSet) {
      fwd.baseSeq = flags & SYN ? seq : (seq - 1) >>> 0;
      fwd.baseSet = true;
    }
    if (!rev.baseSet && flags & ACK) {
      rev.baseSeq = (ack - 1) >>> 0;
      rev.baseSet = true;
    }

    let finishedFwd = false;
    // ZERO WINDOW PROBE
    if (seglen === 1 && seq === fwd.nextseq && rev.window === 0) {
      ta |= TA.ZERO_WINDOW_PROBE;
      finishedFwd = true;
    }
    if (!finishedFwd) {
      const noSfr = (flags & SFR) === 0;
      // ZERO WINDOW
      if (window === 0 && noSfr) ta |= TA.ZERO_WINDOW;
      // LOST PACKET
      if (fwd.nextseq !== 0 && seqGt(seq, fwd.nextseq) && !(flags & RST)) {
        ta |= TA.LOST_PACKET;
        fwd.dupacknum = 0;
      }
      // KEEP ALIVE
      if (seglen <= 1 && seq === (fwd.nextseq - 1) >>> 0 && noSfr) ta |= TA.KEEP_ALIVE;
      const sameSeqAck = seglen === 0 && seq === fwd.nextseq && ack === fwd.lastack && noSfr;
      // WINDOW UPDATE
      if (sameSeqAck && window !== 0 && window !== fwd.window) ta |= TA.WINDOW_UPDATE;
      // WINDOW FULL
      if (seglen > 0 && rev.winScale !== -1 && noSfr) {
        const shift = rev.isFirstAck || rev.winScale === -2 ? 0 : rev.winScale;
        const edge = (rev.lastack + ((rev.window * (1 << shift)) % TWO32)) % TWO32;
        if ((seq + seglen) % TWO32 === edge) ta |= TA.WINDOW_FULL;
      }
      // KEEP ALIVE ACK
      if (sameSeqAck && window !== 0 && window === fwd.window && rev.lastsegmentflags & TA.KEEP_ALIVE) {
        ta |= TA.KEEP_ALIVE_ACK;
        finishedFwd = true;
      } else if (sameSeqAck && window === 0 && window === fwd.window && rev.lastsegmentflags & TA.ZERO_WINDOW_PROBE) {
        // ZERO WINDOW PROBE ACK
        ta |= TA.ZERO_WINDOW_PROBE_ACK;
        finishedFwd = true;
      } else if (sameSeqAck && window !== 0 && window === fwd.window) {
        // DUPLICATE ACK
        fwd.dupacknum = fwd.dupacknum === -1 ? 1 : fwd.dupacknum + 1;
        ta |= TA.DUPLICATE_ACK;
        r.dupAckNum = fwd.dupacknum;
        r.dupAckFrame = fwd.lastnondupack;
      }
    }

    // finished_fwd: a new ack number resets the duplicate-ack count
    if (ack !== fwd.lastack) {
      fwd.lastnondupack = n;
      fwd.dupacknum = 0;
    }

    // ACKED LOST PACKET
    if (rev.maxseqtobeacked !== 0 && seqGt(ack, rev.maxseqtobeacked) && flags & ACK) {
      if (rev.maxseqtobeacked > rev.nextseq) {
        ta |= TA.ACK_LOST_PACKET;
      } else {
        if (rev.dupacknum === 0) ta |= TA.ACK_LOST_PACKET;
        rev.dupacknum = -1;
      }
      rev.maxseqtobeacked = rev.nextseq;
    }

    // RETRANSMISSION / FAST RETRANSMISSION / SPURIOUS / OUT-OF-ORDER
    if ((seglen > 0 || flags & (SYN | FIN)) && !(ta & TA.KEEP_ALIVE)) {
      let notAdvanced = fwd.nextseq !== 0 && seqLt(seq, fwd.nextseq);
      // More than one byte right after a possible zero-window probe really adds data.
      if (seglen > 1 && (fwd.nextseq - 1) >>> 0 === seq) notAdvanced = false;
      if (seglen > 0 && rev.lastack !== 0 && seqLe((seq + seglen) >>> 0, rev.lastack)) {
        ta |= TA.SPURIOUS_RETRANSMISSION;
      } else if (notAdvanced && rev.dupacknum >= 2 && rev.lastack === seq && t - rev.lastackTime < 0.02) {
        ta |= TA.FAST_RETRANSMISSION;
      } else if (
        notAdvanced &&
        t - fwd.nextseqTime < (this.firstRtt !== 0 ? this.firstRtt : 0.003) &&
        fwd.nextseq !== (seq + seglen + (flags & (SYN | FIN) ? 1 : 0)) >>> 0
      ) {
        ta |= TA.OUT_OF_ORDER;
      } else if (notAdvanced) {
        ta |= TA.RETRANSMISSION;
      }
    }

    // finished_checking_retransmission_type
    let nextseq = (seq + seglen) >>> 0;
    if ((seglen > 0 || flags & (SYN | FIN)) && fwd.unacked.count < MAX_UNACKED) {
      if (flags & (SYN | FIN)) nextseq = (nextseq + 1) >>> 0;
      fwd.unacked.add(seq, nextseq, n, t);
    }
    if ((seqGt(nextseq, fwd.nextseq) || fwd.nextseq === 0) && !(ta & TA.ZERO_WINDOW_PROBE)) {
      fwd.nextseq = nextseq;
      fwd.nextseqTime = t;
    }
    if ((seq === fwd.maxseqtobeacked || fwd.maxseqtobeacked === 0) && !(ta & TA.ZERO_WINDOW_PROBE)) {
      fwd.maxseqtobeacked = fwd.nextseq;
    }
    fwd.window = window;
    fwd.lastack = ack;
    fwd.lastackTime = t;
    fwd.lastsegmentflags = ta;

    // Remove what this segment acknowledges from the other direction's unacked list.
    if (rev.unacked.count > 0 && rev.unacked.ack(ack, this.acked)) {
      r.acksFrame = this.acked.frame;
      r.ackRtt = t - this.acked.ts;
    }
    r.flags = ta;
  }
}

/** The flag names of a TA bit set, in TCP_ANALYSIS_FLAG_ORDER. */
export function analysisFlagNames(ta: number): string[] {
  const out: string[] = [];
  for (const [bit, name] of TCP_ANALYSIS_FLAG_ORDER) if (ta & bit) out.push(name);
  return out;
}
