/**
 * TCP stream reassembly, in two layers that know nothing of any application protocol
 * (gopacket's reassembly package and Wireshark's tcp_dissect_pdus are the models):
 *
 * - ByteStream: one direction of a connection. Segments go in as (seq, bytes, frame); in-order bytes
 *   come out once, in order, to a StreamSink, with explicit gap events (bytes that will never come:
 *   the receiver acknowledged them, the out-of-order buffer hit one of its caps, or the stream ended) and
 *   one end event (FIN, RST, port reuse or capture end). Overlaps and retransmitted data are delivered
 *   once (already delivered bytes win; among waiting segments the lowest sequence number wins, then the
 *   first to arrive, like Wireshark's reassembly and a TCP receiver's out-of-order queue); sequence
 *   arithmetic is 32-bit and wraparound-safe.
 * - PduStream: a StreamSink that cuts the byte stream into PDUs with a PduProtocol's framer: several
 *   PDUs in one segment, one PDU over many segments, each PDU with the frames that carried its bytes.
 *
 * Bytes handed to a sink are views that stay valid only during the call: copy (slice) what you keep.
 */
import { seqDiff } from './seq.js';

/**
 * Why a stream ended: its FIN was reached, a RST, the 4-tuple was reused, the open-conversation cap flushed
 * it, its conversation was retired (ended and quiet for the grace period) or idled out, the capture ended.
 */
export type EndReason = 'fin' | 'rst' | 'reused' | 'evicted' | 'retired' | 'idle' | 'capture_end';

/** Receives one direction's byte stream. */
export interface StreamSink {
  /** In-order bytes starting at stream offset `offset` (0 = first byte of the stream), first seen in `frame`. */
  data(bytes: Uint8Array, offset: number, frame: number): void;
  /**
   * `length` bytes at `offset` are missing from the capture for good; delivery resumes at offset + length.
   * `cut`: they were sent in a captured segment, past the snapshot length that cut its frame (the segment's
   * length, tcp.len, is known); otherwise whole segments were not captured.
   */
  gap(offset: number, length: number, frame: number, cut?: boolean): void;
  /** No more bytes will come. */
  end(reason: EndReason, frame: number): void;
  /**
   * Optional: a whole segment that arrived after a hole (stream offset `offset`) and waits until the hole
   * is filled or given up; it comes again through data() then. A sink may decode it now, as Wireshark
   * dissects a segment after "previous segment not captured" when it arrives. Bytes valid during the call.
   */
  ahead?(bytes: Uint8Array, offset: number, frame: number): void;
}

/** Receives notes (stable codes, see ANALYSIS_NOTES) raised by the reassembly layers. */
export interface NoteSink {
  note(code: string, params: Record<string, string | number> | undefined, frame: number): void;
}

export interface ByteStreamOptions {
  /** Cap on out-of-order bytes held per direction (default 4 MiB). */
  capBytes?: number;
  /** Cap on out-of-order segments held per direction (default 16,384). */
  maxSegments?: number;
  notes?: NoteSink;
}

export const DEFAULT_REASSEMBLY_CAP = 4 * 1024 * 1024;

/**
 * Out-of-order segments held per direction. The byte cap alone lets many tiny segments (each an object
 * and a copy) cost far more memory than their bytes; no real receiver queues this many (Linux charges
 * each queued segment's buffer overhead to its receive buffer and prunes the queue).
 */
export const DEFAULT_REASSEMBLY_MAX_SEGMENTS = 16_384;

interface Pending {
  /** Stream offset of the first byte (the heap key; unlike seq it does not wrap). */
  pos: number;
  /** Arrival order (ties between segments at the same offset: the first copy wins). */
  ord: number;
  seq: number;
  /** Captured bytes (a copy), or null when the stream has no sink and only tracks ranges. */
  data: Uint8Array | null;
  /** Captured length (may be less than len when the frame was cut by the snap length). */
  avail: number;
  /** Length in sequence space. */
  len: number;
  frame: number;
}

/**
 * One direction of a TCP connection, reassembled. Without a sink it only tracks sequence ranges (no
 * bytes are copied), which is enough to count missed bytes and gaps.
 *
 * The stream starts at init(ISN + 1) after a SYN, else at the first segment seen (a capture that starts
 * mid-stream); bytes before the start are ignored. Out-of-order segments wait until the hole before
 * them is filled, or becomes a gap: when the peer acknowledges past the hole (the receiver got bytes
 * the capture missed, as Wireshark's ack_lost_segment), when more than capBytes wait (note
 * tcp.reassembly.cap_reached) or more than maxSegments segments (tcp.reassembly.segment_cap_reached),
 * or at RST/close. Call ack() only for segments that are not RSTs.
 *
 * Waiting segments are a binary min-heap ordered by (stream offset, arrival), so buffering and
 * delivering n segments costs O(n log n) whatever order they arrive in (65,536 overlapping segments in
 * descending order behind a hole took ~20 s with a sorted array).
 */
export class ByteStream {
  private started = false;
  private next = 0;
  private offset = 0;
  /** Segments waiting behind a hole: a binary min-heap by (pos, ord). */
  private readonly pending: Pending[] = [];
  /** Longest waiting segment per start offset: a retransmission of waiting data is dropped at once. */
  private readonly pendingLen = new Map<number, number>();
  private arrivals = 0;
  private hasAck = false;
  private ackedTo = 0;
  private hasFin = false;
  private finSeq = 0;
  private ended = false;
  private readonly cap: number;
  private readonly maxSegments: number;
  private readonly notes: NoteSink | undefined;
  /** Bytes (sequence space) waiting behind a hole. */
  buffered = 0;
  /** Bytes declared missing (Zeek's missed_bytes for this direction). */
  missed = 0;
  /** Number of gap events. */
  gaps = 0;
  /** Bytes delivered in order. */
  delivered = 0;
  /** How often the out-of-order byte cap forced a gap. */
  capHits = 0;
  /** How often the out-of-order segment cap forced a gap. */
  segmentCapHits = 0;

  constructor(
    private readonly sink: StreamSink | null,
    opts: ByteStreamOptions = {},
  ) {
    this.cap = opts.capBytes ?? DEFAULT_REASSEMBLY_CAP;
    this.maxSegments = Math.max(1, opts.maxSegments ?? DEFAULT_REASSEMBLY_MAX_SEGMENTS);
    this.notes = opts.notes;
  }

  get isEnded(): boolean {
    return this.ended;
  }

  /** Segments waiting behind a hole. */
  get pendingSegments(): number {
    return this.pending.length;
  }

  /** Stream offset of the next byte expected. */
  get position(): number {
    return this.offset;
  }

  /** Set the sequence number of the first byte (ISN + 1 after a SYN). Ignored once started. */
  init(seq: number): void {
    if (this.started) return;
    this.started = true;
    this.next = seq >>> 0;
  }

  /**
   * A segment's payload: `bytes` are the captured bytes, `len` its length in sequence space (tcp.len;
   * more than bytes.length when the frame was truncated).
   */
  segment(seq: number, bytes: Uint8Array, frame: number, len: number = bytes.length): void {
    if (this.ended || len <= 0) return;
    seq >>>= 0;
    if (!this.started) this.init(seq);
    const d = seqDiff(seq, this.next);
    if (d <= 0) {
      this.deliver(seq, bytes, bytes.length, len, frame, frame);
      this.drain(frame);
      this.checkFin(frame);
      return;
    }
    const pos = this.offset + d;
    this.buffer(seq, bytes, len, frame);
    this.drain(frame);
    // still behind a hole: the sink may look at it now
    if (this.offset < pos && bytes.length >= len && this.sink?.ahead)
      this.sink.ahead(bytes.subarray(0, len), pos, frame);
    if (this.buffered > this.cap) {
      this.capHits++;
      this.notes?.note('tcp.reassembly.cap_reached', { cap: this.cap, buffered: this.buffered }, frame);
      while (this.buffered > this.cap && this.pending.length > 0) this.forceFirst(frame);
      this.drain(frame);
    }
    if (this.pending.length > this.maxSegments) {
      this.segmentCapHits++;
      const segments = this.pending.length;
      this.notes?.note('tcp.reassembly.segment_cap_reached', { cap: this.maxSegments, segments }, frame);
      while (this.pending.length > this.maxSegments) this.forceFirst(frame);
      this.drain(frame);
    }
    this.checkFin(frame);
  }

  /** The peer acknowledged everything before `ack`: holes before it will never be filled. */
  ack(ack: number, frame: number): void {
    if (!this.started || this.ended) return;
    ack >>>= 0;
    if (this.hasAck && seqDiff(ack, this.ackedTo) <= 0) return;
    this.hasAck = true;
    this.ackedTo = ack;
    if (this.pending.length > 0) {
      this.drain(frame);
      this.checkFin(frame);
    }
  }

  /** A FIN at sequence number `seq` (after the segment's data): the stream ends once everything before it is in. */
  fin(seq: number, frame: number): void {
    if (this.ended) return;
    seq >>>= 0;
    if (!this.started) this.init(seq);
    if (!this.hasFin) {
      this.hasFin = true;
      this.finSeq = seq;
    }
    this.checkFin(frame);
  }

  /** A RST: what is buffered is flushed (holes become gaps) and the stream ends. */
  rst(frame: number): void {
    this.finish('rst', frame, false);
  }

  /** The capture ended (or the 4-tuple was reused): flush, report the acknowledged tail never seen, end. */
  close(frame: number, reason: EndReason = 'capture_end'): void {
    this.finish(reason, frame, true);
  }

  private finish(reason: EndReason, frame: number, tail: boolean): void {
    if (this.ended) return;
    while (this.pending.length > 0) this.forceFirst(frame);
    if (tail && this.started && this.hasAck) {
      let limit = this.ackedTo;
      if (this.hasFin && seqDiff(this.finSeq, limit) < 0) limit = this.finSeq;
      const d = seqDiff(limit, this.next);
      if (d > 0) this.emitGap(d, frame);
    }
    if (this.hasFin && seqDiff(this.next, this.finSeq) >= 0) reason = 'fin';
    this.ended = true;
    this.sink?.end(reason, frame);
  }

  private checkFin(frame: number): void {
    if (this.hasFin && !this.ended && seqDiff(this.next, this.finSeq) >= 0) {
      this.ended = true;
      this.sink?.end('fin', frame);
    }
  }

  private buffer(seq: number, bytes: Uint8Array, len: number, frame: number): void {
    const pos = this.offset + seqDiff(seq, this.next);
    // The same range again (a retransmission of waiting data): the first copy wins, it adds nothing.
    const known = this.pendingLen.get(pos);
    if (known !== undefined && known >= len) return;
    this.pendingLen.set(pos, len);
    const avail = Math.min(bytes.length, len);
    const data = this.sink ? bytes.slice(0, avail) : null;
    this.push({ pos, ord: this.arrivals++, seq, data, avail, len, frame });
    this.buffered += len;
  }

  /** Deliver what is contiguous; a hole the peer has acknowledged becomes a gap. */
  private drain(frame: number): void {
    const p = this.pending;
    while (p.length > 0) {
      const first = p[0]!;
      const d = first.pos - this.offset;
      if (d > 0) {
        if (!this.hasAck || seqDiff(this.ackedTo, first.seq) < 0) return;
        this.emitGap(d, frame);
      }
      this.pop();
      this.deliverPending(first, frame);
    }
  }

  /** Give up the hole before the first buffered segment (cap reached, RST or end). */
  private forceFirst(frame: number): void {
    const first = this.pop();
    const d = first.pos - this.offset;
    if (d > 0) this.emitGap(d, frame);
    this.deliverPending(first, frame);
  }

  private push(s: Pending): void {
    const h = this.pending;
    let i = h.length;
    h.push(s);
    while (i > 0) {
      const up = (i - 1) >> 1;
      if (!before(s, h[up]!)) break;
      h[i] = h[up]!;
      i = up;
    }
    h[i] = s;
  }

  /** Remove the first waiting segment (lowest offset, then first arrived). */
  private pop(): Pending {
    const h = this.pending;
    const top = h[0]!;
    const last = h.pop()!;
    const n = h.length;
    if (n > 0) {
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        if (l >= n) break;
        const r = l + 1;
        const c = r < n && before(h[r]!, h[l]!) ? r : l;
        if (!before(h[c]!, last)) break;
        h[i] = h[c]!;
        i = c;
      }
      h[i] = last;
    }
    this.buffered -= top.len;
    // Segments at one offset leave one after another: the last of them clears the entry.
    if (n === 0 || h[0]!.pos !== top.pos) this.pendingLen.delete(top.pos);
    return top;
  }

  private deliverPending(s: Pending, frame: number): void {
    this.deliver(s.seq, s.data, s.avail, s.len, s.frame, frame);
  }

  private deliver(
    seq: number,
    data: Uint8Array | null,
    avail: number,
    len: number,
    dataFrame: number,
    frame: number,
  ): void {
    const skip = -seqDiff(seq, this.next);
    if (skip >= len) return; // already delivered
    if (avail > len) avail = len;
    if (skip < avail) {
      const n = avail - skip;
      if (this.sink && data) this.sink.data(data.subarray(skip, avail), this.offset, dataFrame);
      this.next = (this.next + n) >>> 0;
      this.offset += n;
      this.delivered += n;
    }
    // the segment's frame was cut by the snapshot length: its tail is a gap of known length
    const cut = len - Math.max(skip, avail);
    if (cut > 0) this.emitGap(cut, frame, true);
  }

  private emitGap(length: number, frame: number, cut = false): void {
    this.sink?.gap(this.offset, length, frame, cut);
    this.next = (this.next + length) >>> 0;
    this.offset += length;
    this.missed += length;
    this.gaps++;
  }
}

/** Heap order: lower stream offset first, then earlier arrival. */
function before(a: Pending, b: Pending): boolean {
  return a.pos < b.pos || (a.pos === b.pos && a.ord < b.ord);
}

/**
 * What a framer says about the bytes at the start of a PDU:
 * - `pdu`: the PDU is `length` bytes long (say so as soon as the header tells, even if fewer bytes are
 *   there yet: the stream waits for the rest without asking again);
 * - `need`: the length cannot be told yet; ask again when at least `atLeast` bytes (counted from `off`)
 *   are there. Use it while a length field itself is incomplete. With `whole`, `atLeast` is the PDU's
 *   length (its header was read): the stream takes it as `pdu` of that length;
 * - `malformed`: these bytes are not a valid PDU start; a note with `code` is raised and `skip` bytes
 *   (>= 1) are dropped before framing resumes (resynchronisation).
 */
export type Framing =
  | { kind: 'pdu'; length: number }
  | { kind: 'need'; atLeast: number; whole?: boolean }
  | { kind: 'malformed'; code: string; params?: Record<string, string | number>; skip: number };

/** A `need` that names the whole PDU's length is a `pdu` of that length. */
function known(f: Framing): Framing {
  return f.kind === 'need' && f.whole ? { kind: 'pdu', length: f.atLeast } : f;
}

/** An application protocol's part of stream framing (Wireshark's get_pdu_len for tcp_dissect_pdus). */
export interface PduProtocol<S> {
  /** Frame the PDU starting at buf[off]; bytes up to `end` are available. Must not throw or keep `buf`. */
  frame(buf: Uint8Array, off: number, end: number, state: S): Framing;
  /** Optional: bytes were lost before the next PDU start; reset state that depends on earlier PDUs. */
  resync?(state: S): void;
}

/** Receives the PDUs of one direction. */
export interface PduSink {
  /** A complete PDU; `frames` are the frames that carried its bytes, in order, the last one completing it. */
  onPdu(bytes: Uint8Array, frames: readonly number[], offset: number): void;
  /** A note (framer's malformed codes, tcp.pdu.*) on `frame`. */
  onNote(code: string, params: Record<string, string | number> | undefined, frame: number): void;
  /**
   * A PDU of `length` bytes of which the snapshot length left only the first `bytes.length`; `frames`
   * carried those bytes. True: framing goes on after the PDU (a tcp.pdu.cut note follows); false: the
   * protocol cannot go on without this PDU's content (a handshake), so the cut counts as lost bytes.
   */
  onCut?(bytes: Uint8Array, frames: readonly number[], length: number): boolean;
  /** The start of a PDU cut short by a gap or the end of the stream (after a tcp.pdu.incomplete note). */
  onIncomplete?(bytes: Uint8Array, frames: readonly number[], reason: 'gap' | 'end'): void;
  /**
   * Bytes were lost: what follows may start in the middle of a PDU (the framer will resync). `cut`: the
   * snapshot length cut them from a captured segment (StreamSink.gap).
   */
  onGap?(length: number, frame: number, cut: boolean): void;
  onEnd?(reason: EndReason, frame: number): void;
}

export interface PduStreamOptions {
  /** Largest PDU that is buffered (default 4 MiB); larger ones are skipped with tcp.pdu.too_large. */
  maxPdu?: number;
}

/**
 * Cuts a byte stream into PDUs (Wireshark's tcp_dissect_pdus): buffers in-order bytes, asks the
 * framer, splits several PDUs in one segment, joins a PDU spread over segments and remembers which
 * frames carried each PDU's bytes. A PDU claiming more than the cap is never allocated: its bytes are
 * skipped as they pass.
 */
export class PduStream<S> implements StreamSink {
  private buf = new Uint8Array(0);
  private lo = 0;
  private hi = 0;
  /** Stream offset of buf[start]. */
  private bufOffset = 0;
  /** Stream offset where the next bytes are expected. */
  private expect = 0;
  /** Chunks of the buffer: end offset (stream) and frame. */
  private chunkEnd: number[] = [];
  private chunkFrame: number[] = [];
  private chunkHead = 0;
  /** Known length of the PDU at the buffer start (0 = ask the framer). */
  private wantLen = 0;
  /** Do not call the framer before this many bytes are buffered. */
  private waitFor = 0;
  /** Drop bytes before this stream offset (a too-large PDU or a long malformed skip). */
  private skipTo = 0;
  private readonly maxPdu: number;
  /** PDUs delivered. */
  count = 0;

  constructor(
    private readonly protocol: PduProtocol<S>,
    readonly state: S,
    private readonly sink: PduSink,
    opts: PduStreamOptions = {},
  ) {
    this.maxPdu = opts.maxPdu ?? DEFAULT_REASSEMBLY_CAP;
  }

  /** Bytes waiting for the rest of a PDU. */
  get pendingBytes(): number {
    return this.hi - this.lo;
  }

  data(bytes: Uint8Array, offset: number, frame: number): void {
    if (offset !== this.expect) {
      if (offset > this.expect) this.gap(this.expect, offset - this.expect, frame);
      else if (offset + bytes.length <= this.expect) return;
      else {
        bytes = bytes.subarray(this.expect - offset);
        offset = this.expect;
      }
    }
    this.expect = offset + bytes.length;
    let off = 0;
    // Skipping a PDU too large to buffer (or a long malformed run).
    if (this.skipTo > offset) {
      off = Math.min(bytes.length, this.skipTo - offset);
      if (off === bytes.length) return;
    }
    if (this.hi === this.lo) {
      // Fast path: frame directly in the segment's bytes, copy only an unfinished tail.
      off = this.frameDirect(bytes, off, offset, frame);
      if (off < 0) return;
    }
    this.append(bytes, off, frame, offset + off);
    this.frameBuffered(frame);
  }

  gap(offset: number, length: number, frame: number, cut = false): void {
    if (offset + length <= this.expect) return;
    if (cut && offset === this.expect && this.cutInPdu(offset, length, frame)) return;
    const lost = offset + length - this.expect;
    this.flushIncomplete('gap', frame);
    this.expect = offset + length;
    this.wantLen = 0;
    this.waitFor = 0;
    if (this.skipTo < this.expect) {
      this.protocol.resync?.(this.state);
    }
    this.sink.onGap?.(lost, frame, cut);
  }

  /**
   * Bytes the snapshot length cut from a segment, all inside a PDU whose length the framer already gave
   * (or inside bytes being skipped): framing stays in step, since the next PDU starts where that length
   * says. The PDU is cut (tcp.pdu.cut, onCut); the rest of its bytes are skipped. False when the cut
   * reaches past the PDU (or its length is not known): then the framer has lost its place.
   */
  private cutInPdu(offset: number, length: number, frame: number): boolean {
    const avail = this.hi - this.lo;
    let pduEnd: number;
    if (avail > 0 && this.wantLen > 0) pduEnd = this.bufOffset + this.wantLen;
    else if (avail === 0 && this.skipTo > offset) pduEnd = this.skipTo;
    else return false;
    if (offset + length > pduEnd) return false;
    if (avail > 0) {
      const frames = this.framesFor(avail);
      if (this.sink.onCut && !this.sink.onCut(this.buf.subarray(this.lo, this.hi), frames, this.wantLen)) return false;
      this.sink.onNote('tcp.pdu.cut', { length: this.wantLen, captured: avail }, frame);
      this.consume(avail);
      this.wantLen = 0;
      this.waitFor = 0;
      this.skipTo = pduEnd;
    }
    this.expect = offset + length;
    return true;
  }

  /**
   * Framing starts again at stream offset `offset`, known to be a PDU start (the handler found one after a
   * gap): bytes before it are dropped unseen, and the framer's state is reset as after a gap.
   */
  resume(offset: number): void {
    this.consume(this.hi - this.lo);
    this.expect = offset;
    this.wantLen = 0;
    this.waitFor = 0;
    this.skipTo = 0;
    this.protocol.resync?.(this.state);
  }

  end(reason: EndReason, frame: number): void {
    this.flushIncomplete('end', frame);
    this.sink.onEnd?.(reason, frame);
  }

  /** Frame PDUs inside `bytes` from `off` (stream offset `base` = offset of bytes[0]); returns where the unframed tail starts, or -1 when nothing is left. */
  private frameDirect(bytes: Uint8Array, off: number, base: number, frame: number): number {
    const n = bytes.length;
    while (off < n) {
      const f = known(this.protocol.frame(bytes, off, n, this.state));
      const avail = n - off;
      if (f.kind === 'pdu') {
        if (!(f.length > 0) || !Number.isFinite(f.length)) {
          this.framerError(frame, 'pdu length must be >= 1');
          off += 1;
          continue;
        }
        if (f.length > this.maxPdu) {
          this.tooLarge(f.length, frame);
          this.skipTo = base + off + f.length;
          if (f.length >= avail) return -1;
          off += f.length;
          continue;
        }
        if (f.length > avail) {
          this.wantLen = f.length;
          return off;
        }
        this.count++;
        this.sink.onPdu(bytes.subarray(off, off + f.length), [frame], base + off);
        off += f.length;
      } else if (f.kind === 'need') {
        if (!(f.atLeast > avail)) {
          this.framerError(frame, 'need.atLeast must exceed the bytes available');
          off += 1;
          continue;
        }
        if (f.atLeast > this.maxPdu) {
          this.tooLarge(f.atLeast, frame);
          return -1; // drop what is there; framing resumes with the next bytes
        }
        this.waitFor = f.atLeast;
        return off;
      } else {
        this.sink.onNote(f.code, f.params, frame);
        const skip = f.skip >= 1 ? Math.floor(f.skip) : 1;
        if (skip >= avail) {
          this.skipTo = base + off + skip;
          return -1;
        }
        off += skip;
      }
    }
    return -1;
  }

  private frameBuffered(frame: number): void {
    for (;;) {
      const avail = this.hi - this.lo;
      if (avail === 0) return;
      if (this.wantLen > 0) {
        if (avail < this.wantLen) return;
        const len = this.wantLen;
        this.wantLen = 0;
        this.emit(len);
        continue;
      }
      if (this.waitFor > avail) return;
      this.waitFor = 0;
      const f = known(this.protocol.frame(this.buf, this.lo, this.hi, this.state));
      if (f.kind === 'pdu') {
        if (!(f.length > 0) || !Number.isFinite(f.length)) {
          this.framerError(frame, 'pdu length must be >= 1');
          this.consume(1);
        } else if (f.length > this.maxPdu) {
          this.tooLarge(f.length, frame);
          this.skipBuffered(f.length);
        } else if (f.length > avail) {
          this.wantLen = f.length;
          return;
        } else {
          this.emit(f.length);
        }
      } else if (f.kind === 'need') {
        if (!(f.atLeast > avail)) {
          this.framerError(frame, 'need.atLeast must exceed the bytes available');
          this.consume(1);
        } else if (f.atLeast > this.maxPdu) {
          this.tooLarge(f.atLeast, frame);
          this.consume(avail);
        } else {
          this.waitFor = f.atLeast;
          return;
        }
      } else {
        this.sink.onNote(f.code, f.params, frame);
        this.skipBuffered(f.skip >= 1 ? Math.floor(f.skip) : 1);
      }
    }
  }

  private skipBuffered(n: number): void {
    const avail = this.hi - this.lo;
    if (n >= avail) {
      this.skipTo = this.bufOffset + n;
      this.consume(avail);
    } else {
      this.consume(n);
    }
  }

  private tooLarge(length: number, frame: number): void {
    this.sink.onNote('tcp.pdu.too_large', { length, cap: this.maxPdu }, frame);
  }

  private framerError(frame: number, reason: string): void {
    this.sink.onNote('tcp.pdu.framer_error', { reason }, frame);
  }

  private emit(len: number): void {
    const frames = this.framesFor(len);
    const at = this.bufOffset;
    const bytes = this.buf.subarray(this.lo, this.lo + len);
    this.consume(len);
    this.count++;
    this.sink.onPdu(bytes, frames, at);
  }

  /** Frames whose bytes lie in the next `len` buffered bytes. */
  private framesFor(len: number): number[] {
    const stop = this.bufOffset + len;
    const out: number[] = [];
    for (let i = this.chunkHead; i < this.chunkEnd.length; i++) {
      const f = this.chunkFrame[i]!;
      if (out.length === 0 || out[out.length - 1] !== f) out.push(f);
      if (this.chunkEnd[i]! >= stop) break;
    }
    return out;
  }

  private consume(n: number): void {
    this.lo += n;
    this.bufOffset += n;
    while (this.chunkHead < this.chunkEnd.length && this.chunkEnd[this.chunkHead]! <= this.bufOffset) this.chunkHead++;
    if (this.lo === this.hi) {
      this.lo = 0;
      this.hi = 0;
      this.chunkEnd.length = 0;
      this.chunkFrame.length = 0;
      this.chunkHead = 0;
    }
  }

  /** Copy bytes[off..] (stream offset `at`) to the buffer. */
  private append(bytes: Uint8Array, off: number, frame: number, at: number): void {
    const n = bytes.length - off;
    if (n <= 0) return;
    if (this.hi === this.lo) {
      this.lo = 0;
      this.hi = 0;
      this.bufOffset = at;
    }
    if (this.hi + n > this.buf.length) {
      const live = this.hi - this.lo;
      if (this.lo > 0 && live + n <= this.buf.length) {
        this.buf.copyWithin(0, this.lo, this.hi);
      } else {
        const grown = new Uint8Array(Math.max(live + n, this.buf.length * 2, 256));
        grown.set(this.buf.subarray(this.lo, this.hi));
        this.buf = grown;
      }
      this.lo = 0;
      this.hi = live;
    }
    this.buf.set(bytes.subarray(off), this.hi);
    this.hi += n;
    if (this.chunkHead > 64 && this.chunkHead * 2 > this.chunkEnd.length) {
      this.chunkEnd.splice(0, this.chunkHead);
      this.chunkFrame.splice(0, this.chunkHead);
      this.chunkHead = 0;
    }
    this.chunkEnd.push(at + n);
    this.chunkFrame.push(frame);
  }

  private flushIncomplete(reason: 'gap' | 'end', frame: number): void {
    const avail = this.hi - this.lo;
    if (avail > 0) {
      const frames = this.framesFor(avail);
      this.sink.onNote('tcp.pdu.incomplete', { bytes: avail, reason }, frame);
      this.sink.onIncomplete?.(this.buf.subarray(this.lo, this.hi), frames, reason);
      this.consume(avail);
    }
    this.wantLen = 0;
    this.waitFor = 0;
  }
}
