/**
 * Raw data: plain TCP (one message per delivered chunk, i.e. the bytes a segment contributes) and UDP
 * (one message per datagram), decoded as text/JSON/pickle/hex. Alternating directions are paired as
 * request and response: the direction that spoke first asks, the next run of the other direction answers
 * (the echo lab: "halo" → "Echo: halo"); the answer's first chunk replies to the question's last chunk.
 */

import type { AppConversation, AppHandler, Dir } from '../../analysis/app/conversation.js';
import { DIR_NAME } from '../../analysis/app/conversation.js';
import { framePayload, framePayloadOf, PendingPayload } from '../../analysis/app/payload.js';
import { roundNs } from '../../analysis/app/time.js';
import type { AppPayloadRecord, ConversationRecord } from '../../analysis/model.js';
import type { EndReason } from '../../analysis/reassembly.js';
import { clockOf } from './clock.js';
import type { DataFrameEntry, DataRecord } from './model.js';

export class DataHandler implements AppHandler {
  readonly proto = 'data' as const;
  private firstDir = -1;
  private curDir = -1;
  /** The last chunk of the current question, until the answer starts. */
  private question: { rec: DataRecord | null; frame: number; t: number } | null = null;
  private pairs = 0;
  private readonly seen: [boolean, boolean] = [false, false];
  /** The last chunk of each direction, its frame and frame entry: a cut gap right after it lengthens it. */
  private readonly last: [Last | null, Last | null] = [null, null];
  /** Each direction's last logical-clock value (DataRecord.clock) and its frame. */
  private readonly clocks: [ClockSeen | null, ClockSeen | null] = [null, null];

  constructor(private readonly conv: AppConversation) {}

  data(dir: Dir, bytes: Uint8Array, _offset: number, frame: number): void {
    this.chunk(dir, bytes, frame);
  }

  /**
   * One message: a TCP chunk or a UDP datagram. `length`: the datagram's length when the snapshot length
   * kept only `bytes` of it (the payload record then says how much was captured).
   */
  datagram(dir: Dir, bytes: Uint8Array, frame: number, length = bytes.length): void {
    this.chunk(dir, bytes, frame, length);
  }

  chunk(dir: Dir, bytes: Uint8Array, frame: number, length = bytes.length): void {
    const conv = this.conv;
    const ctx = conv.ctx;
    const at = conv.completing([frame]);
    let rec: DataRecord | null = null;
    if (conv.room()) {
      const payload = conv.decode(bytes);
      rec = {
        frame: at,
        frames: [frame],
        dir: DIR_NAME[dir],
        proto: 'data',
        kind: 'data',
        length,
        payload: length > bytes.length ? cutPayload(payload, length, bytes.length) : payload,
      };
      this.clock(dir, rec);
      conv.add(rec);
    }
    this.seen[dir] = true;
    if (this.firstDir < 0) this.firstDir = dir;
    if (dir !== this.curDir) {
      this.curDir = dir;
      const q = this.question;
      if (dir !== this.firstDir && q) {
        this.pairs++;
        if (rec) {
          rec.reply_to = q.frame;
          rec.latency = roundNs(ctx.now - q.t);
        }
        if (q.rec) q.rec.replied_by = at;
      }
    }
    this.question = dir === this.firstDir ? { rec, frame: at, t: ctx.now } : null;
    ctx.done('data');
    let entry: DataFrameEntry | null = null;
    if (ctx.frames) {
      // the payload per frame, as tshark's data.text (bounded; the message keeps the whole decoding)
      const payload = rec?.payload ? framePayload(rec.payload) : framePayloadOf(bytes);
      entry = { proto: 'data', kind: 'data', length, payload };
      ctx.emit(entry);
    }
    this.last[dir] = { rec, frame, entry, captured: bytes.length };
  }

  /**
   * Raw data has no framing to lose: the next chunk is a message like any other. A gap the snapshot
   * length cut from the end of the chunk just delivered belongs to that chunk: its length grows, its
   * payload says how much was captured.
   */
  gap(dir: Dir, _offset: number, length: number, frame: number, cut = false): void {
    const l = this.last[dir];
    this.last[dir] = null;
    if (!cut || !l || l.frame !== frame) return;
    if (l.rec) {
      l.rec.length += length;
      l.rec.payload = cutPayload(l.rec.payload, l.rec.length, l.captured);
    }
    if (l.entry) l.entry.length += length;
  }

  /** A logical clock in the record's JSON object, and the other side's value it follows (DataRecord.clock). */
  private clock(dir: Dir, rec: DataRecord): void {
    if (rec.payload instanceof PendingPayload || rec.payload.encoding !== 'json') return;
    const c = clockOf(rec.payload);
    if (!c) return;
    const mine = this.clocks[dir];
    const theirs = this.clocks[dir === 0 ? 1 : 0];
    rec.clock = { field: c.field, value: c.value };
    if (theirs && theirs.field === c.field && (!mine || theirs.frame > mine.frame))
      rec.clock.after = { value: theirs.value, frame: theirs.frame };
    this.clocks[dir] = { field: c.field, value: c.value, frame: rec.frame };
  }

  end(_dir: Dir, _reason: EndReason, _frame: number): void {}

  finish(rec: ConversationRecord): void {
    if (this.pairs > 0) rec.pattern = 'request/response';
    else if (this.seen[0] !== this.seen[1]) rec.pattern = 'one-way';
  }
}

interface ClockSeen {
  field: string;
  value: number;
  frame: number;
}

interface Last {
  rec: DataRecord | null;
  frame: number;
  entry: DataFrameEntry | null;
  captured: number;
}

/** A copy of a payload record (decode() may share or defer it) for a payload of `length` bytes of which `captured` are in the capture. */
function cutPayload(p: AppPayloadRecord, length: number, captured: number): AppPayloadRecord {
  const rec = p instanceof PendingPayload ? p.record() : p;
  return { ...rec, length, captured };
}
