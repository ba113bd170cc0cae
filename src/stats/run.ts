/**
 * Reading a capture for `-q -z` statistics. Without a display filter in any statistic: one plain pass, as
 * `tshark -q -z` reads it. With one (`conv,tcp,FILTER`, `io,stat,1,tcp`): two passes, because a filter
 * reads a frame's record and its conversation as the end of the capture knows them (tcp.stream, pe.role,
 * pe.pattern): pass 1 finds the conversations, pass 2 feeds the statistics and tests each record.
 * Memory is that of the statistics plus pass 1's conversation records; no frame record is kept.
 */
import type { TappedMessage } from '../analysis/app/index.js';
import type { AnalysisModel, AppMessageRecord, ConversationRecord } from '../analysis/model.js';
import { AnalysisSession } from '../analyze.js';
import type { HostName } from '../capture/names.js';
import { type CaptureSource, readCaptureFile } from '../capture/reader.js';
import { FrameViews } from '../filter/index.js';
import { captureOptions, type Limits } from '../limits.js';
import type { StatsCollector } from './index.js';

export interface CollectOptions {
  limits?: Partial<Limits>;
  names?: readonly HostName[];
  /** Pass 2's input when the source cannot be read twice (a spool of standard input filled by pass 1). */
  again?: string;
  /** The capture's name in the model (default: the path, '(stdin)' for '-'). */
  name?: string;
  /** Stop reading when this says so (the output's reader has gone). */
  stop?: () => boolean;
}

const NONE: readonly AppMessageRecord[] = [];

/** The messages a frame completed, from what the session tapped while it handled the frame. */
function completed(tapped: readonly TappedMessage[], n: number): readonly AppMessageRecord[] {
  if (tapped.length === 0) return NONE;
  const out: AppMessageRecord[] = [];
  for (const t of tapped) if (t.at === n) out.push(t.rec);
  return out;
}

/**
 * Feeds `stats` from the capture (one pass, or two when a statistic has a display filter) and returns the
 * model of the last pass (no frames; capture facts and warnings). Throws CaptureError as reading does.
 */
export async function collectStats(
  source: CaptureSource,
  stats: StatsCollector,
  o: CollectOptions = {},
): Promise<AnalysisModel> {
  const name = o.name ?? (source === '-' ? '(stdin)' : typeof source === 'string' ? source : '(stream)');
  const base = {
    keepFrames: false,
    explain: false,
    summary: true,
    ...(o.limits ? { limits: o.limits } : {}),
    ...(o.names ? { names: o.names } : {}),
  };
  const stop = o.stop ?? (() => false);
  if (!stats.needsRecords) {
    const session = new AnalysisSession({ ...base, observer: stats });
    const res = await readCaptureFile(
      source,
      (f) => (stop() ? false : session.push(f)),
      captureOptions(session.limits),
    );
    return session.finish(name, res.header, res.warnings, res.damaged);
  }
  // pass 1: the conversations, as finished
  const first = new AnalysisSession(base);
  const res1 = await readCaptureFile(source, (f) => (stop() ? false : first.push(f)), captureOptions(first.limits));
  const whole = first.finish(name, res1.header, res1.warnings, res1.damaged);
  if (stop()) return whole;
  const convById = new Map<number, ConversationRecord>(whole.conversations.map((c) => [c.id, c]));
  const views = new FrameViews(convById);
  // pass 2: each frame to the statistics, then its record (onFrame comes right after the observer)
  const second: AnalysisSession = new AnalysisSession({
    ...base,
    tapMessages: 'only',
    observer: stats,
    onFrame: (f) => stats.record(views.next(f, completed(second.takeMessages(), f.n))),
  });
  const again = o.again ?? source;
  const res2 = await readCaptureFile(again, (f) => (stop() ? false : second.push(f)), captureOptions(second.limits));
  return second.finish(name, res2.header, res2.warnings, res2.damaged);
}
