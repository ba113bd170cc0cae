import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  ByteStream,
  type ByteStreamOptions,
  type EndReason,
  type Framing,
  type PduProtocol,
  type PduSink,
  PduStream,
  type StreamSink,
} from '../../src/analysis/reassembly.js';

/** Records what a ByteStream delivers. */
class Rec implements StreamSink {
  bytes: number[] = [];
  events: string[] = [];
  data(b: Uint8Array, off: number, f: number): void {
    expect(off).toBe(this.bytes.length);
    this.bytes.push(...b);
    this.events.push(`data ${off}+${b.length} #${f}`);
  }
  gap(off: number, len: number, f: number): void {
    expect(off).toBe(this.bytes.length);
    for (let i = 0; i < len; i++) this.bytes.push(-1);
    this.events.push(`gap ${off}+${len} #${f}`);
  }
  end(r: EndReason, f: number): void {
    this.events.push(`end ${r} #${f}`);
  }
}

function bytes(from: number, n: number): Uint8Array {
  return Uint8Array.from({ length: n }, (_, i) => (from + i) & 0xff);
}

/** A stream from offset 0 recording what it delivers and the notes it raises. */
function noted(opts: ByteStreamOptions): { r: Rec; notes: string[]; s: ByteStream } {
  const r = new Rec();
  const notes: string[] = [];
  const s = new ByteStream(r, { ...opts, notes: { note: (c, p, f) => notes.push(`${c} ${JSON.stringify(p)} #${f}`) } });
  s.init(0);
  return { r, notes, s };
}

describe('ByteStream', () => {
  it('delivers in order, reorders out-of-order segments, ends at FIN', () => {
    const r = new Rec();
    const s = new ByteStream(r);
    s.init(1000);
    s.segment(1010, bytes(10, 10), 2);
    s.segment(1000, bytes(0, 10), 3);
    s.fin(1020, 4);
    expect(r.events).toEqual(['data 0+10 #3', 'data 10+10 #2', 'end fin #4']);
    expect(r.bytes).toEqual([...bytes(0, 20)]);
  });

  it('delivers overlapping and retransmitted data once (first copy wins)', () => {
    const r = new Rec();
    const s = new ByteStream(r);
    s.init(0);
    s.segment(0, bytes(0, 10), 1);
    s.segment(0, bytes(0, 10), 2); // retransmission
    s.segment(5, bytes(5, 10), 3); // overlap: 5 new bytes
    s.segment(20, bytes(20, 5), 4);
    s.segment(20, bytes(20, 5), 5); // retransmitted out-of-order data, buffered once
    s.segment(15, bytes(15, 5), 6);
    expect(r.events).toEqual(['data 0+10 #1', 'data 10+5 #3', 'data 15+5 #6', 'data 20+5 #4']);
    expect(s.delivered).toBe(25);
  });

  it('a hole the peer acknowledged becomes a gap (missed bytes), then delivery resumes', () => {
    const r = new Rec();
    const s = new ByteStream(r);
    s.init(0);
    s.segment(0, bytes(0, 10), 1);
    s.segment(20, bytes(20, 10), 2);
    expect(r.events).toEqual(['data 0+10 #1']);
    s.ack(30, 3);
    expect(r.events).toEqual(['data 0+10 #1', 'gap 10+10 #3', 'data 20+10 #2']);
    expect([s.missed, s.gaps]).toEqual([10, 1]);
    // The lost bytes arriving late (a spurious retransmission) are ignored.
    s.segment(10, bytes(10, 10), 4);
    expect(r.events).toHaveLength(3);
  });

  it('sequence numbers wrap at 2^32', () => {
    const r = new Rec();
    const s = new ByteStream(r);
    s.init(0xfffffff0);
    s.segment(0x00000000, bytes(16, 16), 2);
    s.segment(0xfffffff0, bytes(0, 16), 1);
    s.ack(0x00000010, 3);
    s.fin(0x00000010, 4);
    expect(r.events).toEqual(['data 0+16 #1', 'data 16+16 #2', 'end fin #4']);
    expect(r.bytes).toEqual([...bytes(0, 32)]);
  });

  it('the out-of-order cap gives up the hole with tcp.reassembly.cap_reached', () => {
    const { r, notes, s } = noted({ capBytes: 15 });
    s.segment(10, bytes(10, 10), 1);
    s.segment(20, bytes(20, 10), 2);
    expect(notes).toEqual(['tcp.reassembly.cap_reached {"cap":15,"buffered":20} #2']);
    expect(s.capHits).toBe(1);
    expect(r.events).toEqual(['gap 0+10 #2', 'data 10+10 #1', 'data 20+10 #2']);
  });

  it('RST flushes with gaps and ends; close reports the acknowledged tail never seen', () => {
    const r1 = new Rec();
    const a = new ByteStream(r1);
    a.init(0);
    a.segment(5, bytes(5, 5), 1);
    a.rst(2);
    expect(r1.events).toEqual(['gap 0+5 #2', 'data 5+5 #1', 'end rst #2']);
    const r2 = new Rec();
    const b = new ByteStream(r2);
    b.init(0);
    b.segment(0, bytes(0, 5), 1);
    b.ack(50, 2);
    b.close(3);
    expect(r2.events).toEqual(['data 0+5 #1', 'gap 5+45 #3', 'end capture_end #3']);
    expect(b.missed).toBe(45);
  });

  it('the segment cap gives up the hole with tcp.reassembly.segment_cap_reached', () => {
    const { r, notes, s } = noted({ maxSegments: 2 });
    s.segment(30, bytes(30, 5), 1);
    s.segment(10, bytes(10, 5), 2);
    s.segment(10, bytes(10, 5), 3); // a retransmission of waiting data: not another segment
    expect([s.pendingSegments, s.buffered, notes]).toEqual([2, 10, []]);
    s.segment(20, bytes(20, 5), 4);
    expect(notes).toEqual(['tcp.reassembly.segment_cap_reached {"cap":2,"segments":3} #4']);
    expect([s.segmentCapHits, s.capHits, s.pendingSegments, s.buffered]).toEqual([1, 0, 2, 10]);
    // only the first hole is given up: the one between 15 and 20 may still be filled
    expect(r.events).toEqual(['gap 0+10 #4', 'data 10+5 #2']);
    s.segment(15, bytes(15, 5), 5);
    expect(r.events.slice(2)).toEqual(['data 15+5 #5', 'data 20+5 #4']);
    expect(s.pendingSegments).toBe(1);
  });

  it('overlapping segments waiting behind a hole: the lowest sequence number wins, then the first copy', () => {
    const r = new Rec();
    const s = new ByteStream(r);
    s.init(0);
    for (let k = 8; k >= 1; k--) s.segment(k, bytes(k, 4), 9 - k); // descending, each overlaps the next
    s.segment(3, bytes(3, 6), 9); // same start as a waiting segment, longer: after it, only its tail is new
    expect([s.pendingSegments, s.buffered]).toEqual([9, 38]);
    s.segment(0, bytes(0, 1), 10);
    expect(r.events).toEqual([
      'data 0+1 #10',
      'data 1+4 #8',
      'data 5+1 #7',
      'data 6+1 #6',
      'data 7+2 #9',
      'data 9+1 #3',
      'data 10+1 #2',
      'data 11+1 #1',
    ]);
    expect([s.pendingSegments, s.buffered]).toEqual([0, 0]);
    expect(r.bytes).toEqual([...bytes(0, 12)]);
  });

  it('property: delivers exactly what a sorted list of waiting segments would (any order, cuts, acks)', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.oneof(
            fc.record({ o: fc.nat(200), n: fc.integer({ min: 1, max: 40 }), cut: fc.nat(40) }),
            fc.record({ ack: fc.nat(240) }),
          ),
          { maxLength: 60 },
        ),
        fc.integer({ min: 0, max: 0xffffffff }),
        (ops, isn) => {
          const r = new Rec();
          const s = new ByteStream(r);
          const ref = new SortedListStream();
          s.init(isn);
          let f = 1;
          for (const op of ops) {
            if ('ack' in op) {
              s.ack((isn + op.ack) >>> 0, f);
              ref.ack(op.ack, f);
            } else {
              // each copy carries its frame number, so the winner of an overlap shows in the bytes
              const b = new Uint8Array(Math.max(0, op.n - op.cut)).fill(f);
              s.segment((isn + op.o) >>> 0, b, f, op.n);
              ref.segment(op.o, b, f, op.n);
            }
            f++;
          }
          s.close(f);
          ref.close(f);
          expect(r.events).toEqual(ref.events);
          expect([s.missed, s.delivered]).toEqual([ref.missed, ref.delivered]);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('a segment cut by the snap length delivers what is there and a gap for the rest', () => {
    const r = new Rec();
    const s = new ByteStream(r);
    s.init(0);
    s.segment(0, bytes(0, 4), 1, 10);
    s.segment(10, bytes(10, 5), 2);
    expect(r.events).toEqual(['data 0+4 #1', 'gap 4+6 #1', 'data 10+5 #2']);
  });

  it('without a sink it tracks ranges only and counts the same missed bytes', () => {
    const s = new ByteStream(null);
    s.init(0);
    s.segment(0, bytes(0, 10), 1);
    s.segment(30, bytes(30, 10), 2);
    s.ack(40, 3);
    s.close(4);
    expect([s.missed, s.gaps, s.delivered, s.isEnded]).toEqual([20, 1, 20, true]);
  });

  it('property: any segmentation, duplication and order gives the original bytes exactly once', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ minLength: 1, maxLength: 300 }),
        fc.array(fc.tuple(fc.nat(299), fc.integer({ min: 1, max: 60 })), { maxLength: 40 }),
        fc.integer({ min: 0, max: 0xffffffff }),
        fc.infiniteStream(fc.nat()),
        (data, extra, isn, rnd) => {
          // Cover the data with consecutive segments, then add overlapping copies, then shuffle.
          const segs: Array<[number, number]> = [];
          for (let o = 0; o < data.length; ) {
            const n = Math.min(data.length - o, 1 + (rnd.next().value % 40));
            segs.push([o, n]);
            o += n;
          }
          for (const [o, n] of extra) if (o < data.length) segs.push([o, Math.min(n, data.length - o)]);
          for (let i = segs.length - 1; i > 0; i--) {
            const j = rnd.next().value % (i + 1);
            [segs[i], segs[j]] = [segs[j]!, segs[i]!];
          }
          const r = new Rec();
          const s = new ByteStream(r);
          s.init(isn);
          let f = 1;
          for (const [o, n] of segs) s.segment((isn + o) >>> 0, data.subarray(o, o + n), f++);
          s.fin((isn + data.length) >>> 0, f);
          expect(r.bytes).toEqual([...data]);
          expect(r.events[r.events.length - 1]).toBe(`end fin #${f}`);
          expect(s.missed).toBe(0);
        },
      ),
      { numRuns: 300 },
    );
  });
});

/**
 * The reference for the property above: waiting segments in a list kept sorted by offset (ties: first
 * arrival first), searched linearly; offsets are plain stream offsets (no wraparound), no caps.
 */
class SortedListStream {
  events: string[] = [];
  missed = 0;
  delivered = 0;
  private next = 0;
  private acked = -1;
  private readonly list: Array<{ o: number; b: Uint8Array; n: number; f: number }> = [];

  segment(o: number, b: Uint8Array, f: number, n: number): void {
    if (o <= this.next) this.put(o, b, n, f, f);
    else {
      let i = this.list.length;
      while (i > 0 && this.list[i - 1]!.o > o) i--;
      if (!(i > 0 && this.list[i - 1]!.o === o && this.list[i - 1]!.n >= n)) this.list.splice(i, 0, { o, b, n, f });
    }
    this.drain(f, false);
  }

  ack(a: number, f: number): void {
    if (a <= this.acked) return;
    this.acked = a;
    this.drain(f, false);
  }

  close(f: number): void {
    this.drain(f, true);
    if (this.acked > this.next) this.gap(this.acked - this.next, f);
    this.events.push(`end capture_end #${f}`);
  }

  private drain(f: number, force: boolean): void {
    while (this.list.length > 0) {
      const s = this.list[0]!;
      if (s.o > this.next) {
        if (!force && this.acked < s.o) return;
        this.gap(s.o - this.next, f);
      }
      this.list.shift();
      this.put(s.o, s.b, s.n, s.f, f);
    }
  }

  private put(o: number, b: Uint8Array, n: number, df: number, f: number): void {
    const skip = this.next - o;
    if (skip >= n) return;
    if (skip < b.length) {
      this.events.push(`data ${this.next}+${b.length - skip} #${df}`);
      this.delivered += b.length - skip;
      this.next += b.length - skip;
    }
    const cut = n - Math.max(skip, b.length);
    if (cut > 0) this.gap(cut, f);
  }

  private gap(n: number, f: number): void {
    this.events.push(`gap ${this.next}+${n} #${f}`);
    this.next += n;
    this.missed += n;
  }
}

/** Toy protocol: 2-byte big-endian length, then that many bytes; 0xff as first byte is malformed. */
const toy: PduProtocol<{ resyncs: number }> = {
  frame(buf, off, end): Framing {
    if (buf[off] === 0xff) return { kind: 'malformed', code: 'toy.malformed.marker', params: { at: off }, skip: 1 };
    if (end - off < 2) return { kind: 'need', atLeast: 2 };
    return { kind: 'pdu', length: 2 + ((buf[off]! << 8) | buf[off + 1]!) };
  },
  resync(state) {
    state.resyncs++;
  },
};

function pdu(body: number[]): number[] {
  return [body.length >> 8, body.length & 0xff, ...body];
}

class PduRec implements PduSink {
  pdus: Array<{ body: number[]; frames: number[]; offset: number }> = [];
  notes: string[] = [];
  partial: string[] = [];
  gaps: number[] = [];
  ends: string[] = [];
  onPdu(bytes: Uint8Array, frames: readonly number[], offset: number): void {
    this.pdus.push({ body: [...bytes.subarray(2)], frames: [...frames], offset });
  }
  onNote(code: string, params: Record<string, string | number> | undefined, frame: number): void {
    this.notes.push(`${code}${params ? ` ${JSON.stringify(params)}` : ''} #${frame}`);
  }
  onIncomplete(bytes: Uint8Array, frames: readonly number[], reason: 'gap' | 'end'): void {
    this.partial.push(`${reason} ${bytes.length} [${frames.join(',')}]`);
  }
  onGap(length: number, _frame: number, cut: boolean): void {
    this.gaps.push(cut ? -length : length);
  }
  onEnd(reason: EndReason): void {
    this.ends.push(reason);
  }
}

function pduStream(maxPdu?: number) {
  const rec = new PduRec();
  const state = { resyncs: 0 };
  const ps = new PduStream(toy, state, rec, maxPdu ? { maxPdu } : {});
  return { rec, state, ps };
}

describe('PduStream', () => {
  const stream = [...pdu([1, 2, 3]), ...pdu([]), ...pdu([9, 9, 9, 9, 9]), ...pdu([7])];

  it('splits several PDUs in one segment', () => {
    const { rec, ps } = pduStream();
    ps.data(Uint8Array.from(stream), 0, 5);
    expect(rec.pdus).toEqual([
      { body: [1, 2, 3], frames: [5], offset: 0 },
      { body: [], frames: [5], offset: 5 },
      { body: [9, 9, 9, 9, 9], frames: [5], offset: 7 },
      { body: [7], frames: [5], offset: 14 },
    ]);
    expect(ps.pendingBytes).toBe(0);
  });

  it('joins PDUs delivered byte by byte; frames = every frame that carried a byte, the last completes', () => {
    const { rec, ps } = pduStream();
    stream.forEach((b, i) => {
      ps.data(Uint8Array.of(b), i, 100 + i);
    });
    expect(rec.pdus.map((p) => p.body)).toEqual([[1, 2, 3], [], [9, 9, 9, 9, 9], [7]]);
    expect(rec.pdus[0]!.frames).toEqual([100, 101, 102, 103, 104]);
    expect(rec.pdus[1]!.frames).toEqual([105, 106]);
    expect(rec.pdus[3]!.frames).toEqual([114, 115, 116]);
  });

  it('a PDU spread over segments that also start the next PDU', () => {
    const { rec, ps } = pduStream();
    const b = Uint8Array.from(stream);
    ps.data(b.subarray(0, 4), 0, 1);
    ps.data(b.subarray(4, 9), 4, 2);
    ps.data(b.subarray(9), 9, 3);
    expect(rec.pdus.map((p) => [p.body.length, p.frames])).toEqual([
      [3, [1, 2]],
      [0, [2]],
      [5, [2, 3]],
      [1, [3]],
    ]);
  });

  it('property: any chunking gives the same PDUs', () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(fc.nat(254), { maxLength: 40 }), { maxLength: 20 }),
        fc.array(fc.integer({ min: 1, max: 30 }), { minLength: 1, maxLength: 50 }),
        (bodies, cuts) => {
          const all = Uint8Array.from(bodies.flatMap(pdu));
          const { rec, ps } = pduStream();
          let o = 0;
          let i = 0;
          while (o < all.length) {
            const n = Math.min(cuts[i++ % cuts.length]!, all.length - o);
            ps.data(all.subarray(o, o + n), o, i);
            o += n;
          }
          ps.end('fin', i + 1);
          expect(rec.pdus.map((p) => p.body)).toEqual(bodies);
          expect(rec.notes).toEqual([]);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('after a gap: the partial PDU is reported, the protocol resyncs, framing goes on', () => {
    const { rec, ps, state } = pduStream();
    ps.data(Uint8Array.from([0, 5, 1, 2]), 0, 1); // 4 of 7 bytes
    ps.gap(4, 3, 2);
    ps.data(Uint8Array.from(pdu([4, 4])), 7, 3);
    expect(rec.partial).toEqual(['gap 4 [1]']);
    expect(rec.notes).toEqual(['tcp.pdu.incomplete {"bytes":4,"reason":"gap"} #2']);
    expect(state.resyncs).toBe(1);
    expect(rec.gaps).toEqual([3]);
    expect(rec.pdus).toEqual([{ body: [4, 4], frames: [3], offset: 7 }]);
  });

  it('a PDU claiming more than the cap is skipped as it passes, never buffered', () => {
    const { rec, ps } = pduStream(100);
    const big = pdu(Array.from({ length: 300 }, () => 1));
    ps.data(Uint8Array.from(big.slice(0, 50)), 0, 1);
    expect(ps.pendingBytes).toBe(0);
    ps.data(Uint8Array.from(big.slice(50, 200)), 50, 2);
    ps.data(Uint8Array.from([...big.slice(200), ...pdu([3])]), 200, 3);
    expect(rec.notes).toEqual(['tcp.pdu.too_large {"length":302,"cap":100} #1']);
    expect(rec.pdus).toEqual([{ body: [3], frames: [3], offset: 302 }]);
  });

  it('malformed bytes raise the framer note and are skipped to resync', () => {
    const { rec, ps } = pduStream();
    ps.data(Uint8Array.from([0xff, 0xff, ...pdu([1])]), 0, 1);
    expect(rec.notes).toEqual(['toy.malformed.marker {"at":0} #1', 'toy.malformed.marker {"at":1} #1']);
    expect(rec.pdus.map((p) => p.body)).toEqual([[1]]);
  });

  it('a length field split across segments waits (need), then completes', () => {
    const { rec, ps } = pduStream();
    ps.data(Uint8Array.of(0), 0, 1);
    expect(rec.pdus).toEqual([]);
    ps.data(Uint8Array.of(1, 42), 1, 2);
    expect(rec.pdus).toEqual([{ body: [42], frames: [1, 2], offset: 0 }]);
  });

  it('end with a partial PDU reports it; framer contract errors do not loop', () => {
    const { rec, ps } = pduStream();
    ps.data(Uint8Array.from([0, 9, 1]), 0, 1);
    ps.end('capture_end', 2);
    expect(rec.partial).toEqual(['end 3 [1]']);
    expect(rec.ends).toEqual(['capture_end']);
    const bad = new PduStream({ frame: () => ({ kind: 'pdu', length: 0 }) }, null, rec);
    bad.data(Uint8Array.of(1, 2, 3), 0, 9);
    expect(rec.notes.filter((n) => n.startsWith('tcp.pdu.framer_error'))).toHaveLength(3);
  });

  it('a ByteStream feeding a PduStream: reordered segments still give whole PDUs', () => {
    const { rec, ps } = pduStream();
    const s = new ByteStream(ps);
    const b = Uint8Array.from(stream);
    s.init(500);
    s.segment(500 + 8, b.subarray(8), 2);
    s.segment(500, b.subarray(0, 8), 1);
    s.fin(500 + b.length, 3);
    expect(rec.pdus.map((p) => [p.body.length, p.frames])).toEqual([
      [3, [1]],
      [0, [1]],
      [5, [1, 2]],
      [1, [2]],
    ]);
    expect(rec.ends).toEqual(['fin']);
  });

  it('a segment cut by the snapshot length inside a PDU of known length: a cut gap, framing stays in step', () => {
    const { rec, state, ps } = pduStream();
    const s = new ByteStream(ps);
    const b = Uint8Array.from(stream); // PDUs at 0 (5 bytes), 5 (2), 7 (7), 14 (3)
    s.init(100);
    // frame 1 sent 12 bytes (tcp.len) but the capture kept 9: the PDU at 7 is cut after 2 of its 7 bytes
    s.segment(100, b.subarray(0, 9), 1, 12);
    s.segment(112, b.subarray(12), 2);
    expect(rec.pdus.map((p) => [p.offset, p.frames])).toEqual([
      [0, [1]],
      [5, [1]],
      [14, [2]],
    ]);
    expect(rec.notes).toEqual(['tcp.pdu.cut {"length":7,"captured":2} #1']);
    expect(rec.gaps).toEqual([]); // no loss of place: the next PDU starts where the length says
    expect(state.resyncs).toBe(0);
    expect(s.missed).toBe(3);
  });

  it('a cut that reaches past the PDU (or hides its length) is lost bytes: gap, resync', () => {
    const { rec, state, ps } = pduStream();
    const s = new ByteStream(ps);
    const b = Uint8Array.from(stream);
    s.init(100);
    // 16 bytes sent, 8 kept: the cut hides the length field of the PDU at 7, so where the next starts
    s.segment(100, b.subarray(0, 8), 1, 16);
    expect(rec.gaps).toEqual([-8]); // cut: the snapshot length, not a lost segment
    expect(rec.notes.some((n) => n.startsWith('tcp.pdu.incomplete'))).toBe(true);
    expect(state.resyncs).toBe(1);
    // the stream side reports the cut as a gap with cut = true
    const r: string[] = [];
    const t = new ByteStream({
      data: () => {},
      gap: (o, l, f, cut) => r.push(`gap ${o}+${l} #${f} ${cut}`),
      end: () => {},
    });
    t.init(0);
    t.segment(0, bytes(0, 4), 3, 10);
    t.segment(10, bytes(10, 5), 4, 5);
    expect(r).toEqual(['gap 4+6 #3 true']);
  });
});
