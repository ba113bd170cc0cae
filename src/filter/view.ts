/** Builds the FrameView of each frame, in capture order (frame.time_delta needs the previous frame). */
import type { AppMessageRecord, ConversationRecord, FrameRecord } from '../analysis/model.js';
import type { CompiledFilter } from './compile.js';
import type { FrameView } from './types.js';

const NONE: readonly AppMessageRecord[] = [];

export class FrameViews {
  private prev: number | undefined;
  /** The one view, made at the first frame and reused. */
  private v: FrameView | undefined;

  /** `convs`: the finished conversation records by id. */
  constructor(private readonly convs: ReadonlyMap<number, ConversationRecord>) {}

  /** The view of the next frame (one object, reused: read it before asking for the next). */
  next(f: FrameRecord, msgs: readonly AppMessageRecord[] = NONE): FrameView {
    const conv = f.conversation !== undefined ? this.convs.get(f.conversation) : undefined;
    const delta = this.prev === undefined ? 0 : f.rel - this.prev;
    this.prev = f.rel;
    const v = this.v;
    if (v === undefined) {
      this.v = { f, conv, msgs, delta };
      return this.v;
    }
    v.f = f;
    v.conv = conv;
    v.msgs = msgs;
    v.delta = delta;
    return v;
  }
}

/** The messages of a finished model by the frame that completed them (the model's listed messages). */
export function messagesByFrame(convs: readonly ConversationRecord[]): Map<number, AppMessageRecord[]> {
  const m = new Map<number, AppMessageRecord[]>();
  for (const c of convs) {
    for (const msg of c.messages ?? []) {
      const list = m.get(msg.frame);
      if (list) list.push(msg);
      else m.set(msg.frame, [msg]);
    }
  }
  return m;
}

/**
 * A finished model's frame test for a filter: call it on every frame in capture order (frame.time_delta
 * reads the previous one); the messages come from the conversations' message lists.
 */
export function modelMatcher(
  filter: CompiledFilter,
  convById: ReadonlyMap<number, ConversationRecord>,
): (f: FrameRecord) => boolean {
  const views = new FrameViews(convById);
  const msgs = messagesByFrame([...convById.values()]);
  return (f) => filter.test(views.next(f, msgs.get(f.n)));
}
