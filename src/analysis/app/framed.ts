/**
 * The base of application handlers whose protocol frames its own PDUs on the byte stream:
 * one PduStream per direction. Neither protocol has a sync marker, so after bytes of a direction were
 * lost its decoding waits for a segment that starts with whole PDUs (the protocol's `syncs` check: every
 * PDU well formed and the last one ending with the segment) and resumes there; until then that
 * direction's bytes are skipped.
 */
import type { AppProto, ConversationRecord } from '../model.js';
import { type EndReason, type PduProtocol, type PduSink, PduStream } from '../reassembly.js';
import type { AppConversation, AppHandler, Dir } from './conversation.js';

class DirSink implements PduSink {
  constructor(
    private readonly h: PduHandler<unknown>,
    private readonly dir: Dir,
  ) {}
  onPdu(bytes: Uint8Array, frames: readonly number[]): void {
    this.h.pdu(this.dir, bytes, frames);
  }
  onNote(code: string, params: Record<string, string | number> | undefined): void {
    this.h.conv.ctx.note(code, params);
  }
  onGap(length: number, frame: number, cut: boolean): void {
    this.h.lost(this.dir, length, frame, cut);
  }
  onCut(bytes: Uint8Array, frames: readonly number[], length: number): boolean {
    return this.h.cut(this.dir, bytes, frames, length);
  }
}

/** A segment decoded as it arrived behind a hole (ahead()): its stream range and frame. */
interface Early {
  start: number;
  end: number;
  frame: number;
}

/** Segments decoded ahead and not yet delivered in order, per direction. */
const MAX_EARLY = 64;

export abstract class PduHandler<S> implements AppHandler {
  abstract readonly proto: AppProto;
  protected readonly streams: [PduStream<S>, PduStream<S>];
  /** Per direction: bytes were lost, and decoding waits for a segment that starts with whole PDUs. */
  protected readonly stopped: [boolean, boolean] = [false, false];
  /** Per direction: bytes lost or skipped since decoding stopped. */
  private readonly skipped: [number, number] = [0, 0];
  /** Per direction: segments decoded when they arrived behind a hole, in stream order. */
  private readonly early: [Early[], Early[]] = [[], []];

  constructor(
    readonly conv: AppConversation,
    protected readonly states: [S, S],
    private readonly protocol: PduProtocol<S>,
  ) {
    const pdu = conv.ctx.pdu;
    this.streams = [
      new PduStream(protocol, states[0], new DirSink(this, 0), pdu),
      new PduStream(protocol, states[1], new DirSink(this, 1), pdu),
    ];
  }

  data(dir: Dir, bytes: Uint8Array, offset: number, frame: number): void {
    const list = this.early[dir];
    while (list.length > 0 && bytes.length > 0) {
      const e = list[0]!;
      if (e.end <= offset) {
        list.shift();
        continue;
      }
      if (e.start >= offset + bytes.length) break;
      // bytes before a segment decoded ahead: the hole was filled after all, they are decoded as usual
      if (e.start > offset) {
        this.inOrder(dir, bytes.subarray(0, e.start - offset), offset, frame);
        bytes = bytes.subarray(e.start - offset);
        offset = e.start;
      }
      // the segment's own bytes were decoded when it arrived: framing goes on after them
      const n = Math.min(bytes.length, e.end - offset);
      bytes = bytes.subarray(n);
      offset += n;
      if (offset === e.end) {
        list.shift();
        this.caughtUp(dir, e);
      }
    }
    if (bytes.length > 0) this.inOrder(dir, bytes, offset, frame);
  }

  /** In-order bytes not decoded ahead. */
  private inOrder(dir: Dir, bytes: Uint8Array, offset: number, frame: number): void {
    if (this.stopped[dir]) {
      if (!this.syncs(dir, bytes)) {
        this.skipped[dir] += bytes.length;
        return;
      }
      this.stopped[dir] = false;
      this.streams[dir].resume(offset);
      this.resumed(dir);
      this.forgetPairs();
      this.conv.decoding('app.resync', dir, this.proto, frame, this.skipped[dir]);
    }
    const s = this.streams[dir];
    s.data(bytes, offset, frame);
    if (s.pendingBytes > 0 || this.pending(dir)) this.conv.ctx.segment(this.proto);
  }

  /**
   * A whole segment behind a hole: when it is whole PDUs (and the protocol's state allows), it is decoded
   * now, on its own frame, as Wireshark dissects a segment after "previous segment not captured". When
   * the stream later delivers it in order its bytes are skipped; if the hole before it was lost for good,
   * decoding of the direction resumes after it (app.resync).
   */
  ahead(dir: Dir, bytes: Uint8Array, offset: number, frame: number): void {
    const list = this.early[dir];
    const last = list[list.length - 1];
    if (list.length >= MAX_EARLY || (last !== undefined && offset < last.end)) return;
    // waiting for a PDU start after lost bytes: what was half done before them is gone anyway
    if (this.stopped[dir]) this.resumed(dir);
    if (!this.aheadOk(dir, bytes)) return;
    list.push({ start: offset, end: offset + bytes.length, frame });
    // a reply behind a hole may answer a request other than the one waiting: pairing starts afresh
    this.forgetPairs();
    const state = this.states[dir];
    for (let off = 0; off < bytes.length; ) {
      const f = this.protocol.frame(bytes, off, bytes.length, state);
      if (f.kind !== 'pdu' || f.length > bytes.length - off) break; // aheadOk checked whole PDUs
      this.pdu(dir, bytes.subarray(off, off + f.length), [frame]);
      off += f.length;
    }
  }

  /** The stream reached the end of a segment decoded ahead: framing goes on after it. */
  private caughtUp(dir: Dir, e: Early): void {
    this.streams[dir].resume(e.end);
    this.resumed(dir);
    if (!this.stopped[dir]) return;
    this.stopped[dir] = false;
    this.conv.decoding('app.resync', dir, this.proto, e.frame, this.skipped[dir]);
  }

  /** Whether a message waits for more beyond the stream's own buffered bytes (multi-part messages). */
  protected pending(_dir: Dir): boolean {
    return false;
  }

  /** AppHandler.incomplete: a PDU or message not complete, or a segment decoded ahead of a hole, either way. */
  incomplete(): boolean {
    return this.incompleteIn(0) || this.incompleteIn(1);
  }

  private incompleteIn(dir: Dir): boolean {
    return this.streams[dir].pendingBytes > 0 || this.pending(dir) || this.early[dir].length > 0;
  }

  /**
   * Whether the bytes of one segment of `dir`, delivered after bytes were lost, are a whole number of
   * well-formed PDUs (so the segment starts at a PDU boundary and decoding can resume there).
   */
  protected abstract syncs(dir: Dir, bytes: Uint8Array): boolean;

  /** Whether a segment behind a hole can be decoded on arrival (by default: when it syncs). */
  protected aheadOk(dir: Dir, bytes: Uint8Array): boolean {
    return this.syncs(dir, bytes);
  }

  /** Framing of `dir` restarts at a PDU boundary after skipped bytes: drop a half-assembled message. */
  protected resumed(_dir: Dir): void {}

  /** Bytes were lost: requests and replies may be among them, so nothing waits for a reply any more. */
  protected forgetPairs(): void {}

  gap(dir: Dir, offset: number, length: number, frame: number, cut = false): void {
    if (this.stopped[dir]) this.skipped[dir] += length;
    else this.streams[dir].gap(offset, length, frame, cut);
  }

  end(dir: Dir, reason: EndReason, frame: number): void {
    if (!this.stopped[dir]) this.streams[dir].end(reason, frame);
  }

  /** Bytes lost: no sync marker, so this direction waits for a segment that starts with whole PDUs. */
  lost(dir: Dir, length: number, frame: number, cut = false): void {
    this.stopped[dir] = true;
    this.skipped[dir] = length;
    this.conv.decoding('app.gap', dir, this.proto, frame, undefined, cut);
  }

  /**
   * A PDU the snapshot length cut (PduSink.onCut): its first bytes, carried by `frames`, and its length.
   * True: framing goes on after it (by default nothing more is made of it: the tcp.pdu.cut note says
   * it); false: the protocol needs its content, decoding of the direction stops as after lost bytes.
   */
  cut(_dir: Dir, _bytes: Uint8Array, _frames: readonly number[], _length: number): boolean {
    return true;
  }

  /**
   * One complete PDU of direction `dir`, carried by `frames` (the last one completes it): from the stream,
   * which is not fed while the direction is stopped, or from a segment decoded ahead.
   */
  abstract pdu(dir: Dir, bytes: Uint8Array, frames: readonly number[]): void;

  abstract finish(rec: ConversationRecord): void;
}
