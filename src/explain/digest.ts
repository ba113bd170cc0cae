/**
 * The frames the story and the overview need when the full frame list is not kept (the streaming text
 * summary): ARP, SYN/FIN/RST segments, segments with tcp.analysis flags or warnings, the first frame of
 * each conversation, frames outside conversations, and the TCP ACKs that answer an MQTT PUBLISH. A few
 * frames per conversation instead of all of them; per-frame explanations are not made from a digest.
 */
import type { FrameRecord } from '../analysis/model.js';

export class ExplainDigest {
  readonly frames: FrameRecord[] = [];
  private readonly seenConv = new Set<number>();
  private readonly publishes = new Set<number>();
  private readonly ackedPublish = new Set<number>();

  push(f: FrameRecord): void {
    if (this.wanted(f)) this.frames.push(f);
  }

  private wanted(f: FrameRecord): boolean {
    if (f.conversation === undefined) return true;
    let keep = false;
    if (!this.seenConv.has(f.conversation)) {
      this.seenConv.add(f.conversation);
      keep = true;
    }
    const t = f.tcp;
    if (f.app?.some((e) => e.proto === 'mqtt' && e.kind === 'PUBLISH')) this.publishes.add(f.n);
    if (t) {
      if (t.flags.some((x) => x === 'SYN' || x === 'FIN' || x === 'RST')) keep = true;
      if (t.analysis?.length) keep = true;
      if (t.acks_frame !== undefined && this.publishes.has(t.acks_frame) && !this.ackedPublish.has(f.conversation)) {
        this.ackedPublish.add(f.conversation);
        keep = true;
      }
    }
    if (f.notes.some((n) => n.severity === 'warn' || n.severity === 'error')) keep = true;
    return keep;
  }
}
