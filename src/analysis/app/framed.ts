/**
 * The base of application handlers whose protocol frames its own PDUs on the byte stream (MQTT, ZMTP):
 * one PduStream per direction, and a direction that lost bytes is not decoded any further (neither
 * protocol has a sync marker to find the next PDU start again).
 */
import type { ConversationRecord } from '../model.js';
import { type EndReason, type PduProtocol, type PduSink, PduStream } from '../reassembly.js';
import type { AppConversation, AppHandler, Dir } from './conversation.js';
import { DIR_NAME } from './conversation.js';

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
  onGap(length: number, frame: number): void {
    this.h.lost(this.dir, length, frame);
  }
}

export abstract class PduHandler<S> implements AppHandler {
  abstract readonly proto: 'mqtt' | 'zmtp';
  protected readonly streams: [PduStream<S>, PduStream<S>];
  protected readonly stopped: [boolean, boolean] = [false, false];

  constructor(
    readonly conv: AppConversation,
    protected readonly states: [S, S],
    protocol: PduProtocol<S>,
  ) {
    const pdu = conv.ctx.pdu;
    this.streams = [
      new PduStream(protocol, states[0], new DirSink(this, 0), pdu),
      new PduStream(protocol, states[1], new DirSink(this, 1), pdu),
    ];
  }

  data(dir: Dir, bytes: Uint8Array, offset: number, frame: number): void {
    if (this.stopped[dir]) return;
    const s = this.streams[dir];
    s.data(bytes, offset, frame);
    if (s.pendingBytes > 0 || this.pending(dir)) this.conv.ctx.segment(this.proto);
  }

  /** Whether a message waits for more beyond the stream's own buffered bytes (ZMTP's multi-part messages). */
  protected pending(_dir: Dir): boolean {
    return false;
  }

  gap(dir: Dir, offset: number, length: number, frame: number): void {
    if (!this.stopped[dir]) this.streams[dir].gap(offset, length, frame);
  }

  end(dir: Dir, reason: EndReason, frame: number): void {
    if (!this.stopped[dir]) this.streams[dir].end(reason, frame);
  }

  /** Bytes lost: no sync marker, so this direction is not decoded any further. */
  lost(dir: Dir, _length: number, frame: number): void {
    this.stopped[dir] = true;
    this.conv.note('app.gap', { dir: DIR_NAME[dir], proto: this.proto, frame });
  }

  /** One complete PDU of direction `dir`, carried by `frames` (the last one completes it). */
  abstract pdu(dir: Dir, bytes: Uint8Array, frames: readonly number[]): void;

  abstract finish(rec: ConversationRecord): void;
}
