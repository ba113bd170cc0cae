/**
 * How far V8 lets the old generation grow between full collections. By default it may grow up to 4×
 * past what survived the last one. An analysis makes garbage fast and keeps little (the summary: 20–30 MB
 * live after GC at 3M frames), so peak memory was about 5× the live data; a smaller factor keeps the peak
 * near it. Each full collection costs in proportion to the live data, so the factor is smaller where
 * little is live: the summary at 1.2× runs at the same speed (bench, 3M frames: 222 → 147 MiB); the
 * streamed frame list (conversation records and forward links live) at 1.2× ran 20% slower, at 1.5× as
 * fast as at the default (300k frames: 270 → 176 MB). What keeps every frame (`check`, `live`) keeps V8's
 * default: its live data grows with the capture, and each full collection
 * marks all of it. A --heap-growing-percent given to node wins.
 */
import { getHeapSpaceStatistics, setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import type { ResourceLimits } from 'node:worker_threads';
import { workerThreads } from '../builtins.js';

/**
 * All of this file's V8 tuning is one launcher option: `--no-v8-tuning` (or PCAP_EXPLAIN_V8=default)
 * leaves V8's own settings (docs/limits.md, "V8 tuning"). Measured worth keeping on: on a live capture of
 * 300k frames with thousands of connections, `--frames` peaks at 442 MB tuned and 722 MB untuned, 30 %
 * faster untuned.
 */
let tuned = process.env.PCAP_EXPLAIN_V8 !== 'default';

/** Switches the tuning off (the launcher option), before any command runs. */
export function setV8Tuning(on: boolean): void {
  tuned = on;
}

/**
 * Percent per path; 0 is V8's own (dynamic) growth. The summary's 10 (was 20) and its 4 MiB semi-spaces
 * (was 8): on the 600 s live capture (2.25M frames, 74k connections) 175 → 161 MB peak, same time within
 * the noise of a loaded machine (one run each). The frame list's 30 (was 50) and 4 MiB semi-spaces (was 8):
 * on the 180 s live capture (656k frames, 21.9k connections) `--frames` 172 → 153 (semi-spaces) → 147 MB
 * peak, the same CPU time (56.0 and 56.6 s user, one run each, output identical).
 */
export const HEAP_GROWTH = { summary: 10, frames: 30, keep: 0 } as const;

const given = process.execArgv.some((a) => /heap[-_]growing[-_]percent/.test(a));

/** For a session with these options: V8's own growth when it keeps every frame (the library's default). */
export function heapGrowthFor(session: { keepFrames?: boolean }): void {
  if (session.keepFrames !== false) heapGrowth(HEAP_GROWTH.keep);
}

/** Sets V8's old-generation growing factor to 1 + percent/100 (unless node was given one). */
export function heapGrowth(percent: number): void {
  if (!given && tuned) setFlagsFromString(`--heap-growing-percent=${percent}`);
}

const givenYoung = process.execArgv.some((a) => /semi[-_]space/.test(a));

/**
 * Caps V8's young generation at semi-spaces of `mib` MiB. V8 grows them from 1 MiB up to 16 MiB (32 MiB
 * committed for the pair) while much survives a scavenge. The largest size is fixed when node starts, but
 * the growth step is read each time they grow: tick() (once per frame) sets it to 1 once the cap is
 * reached, so they grow no further. A --*semi-space* flag given to node wins. V8's flags are the process's:
 * a worker thread is given its cap when it is made (youngLimits) and tick() leaves the flag alone there.
 */
export class YoungCap {
  private n = 0;
  // whether this is a worker thread is asked only when the cap is reached (node:worker_threads costs
  // start-up time, and a lab capture never gets there)
  private done = givenYoung || !tuned;

  constructor(private readonly mib: number) {}

  tick(): void {
    if (this.done || (++this.n & 255) !== 0) return;
    const ns = getHeapSpaceStatistics().find((s) => s.space_name === 'new_space');
    if (ns && ns.space_size < this.mib * 2 * 2 ** 20) return;
    if (workerThreads().isMainThread) setFlagsFromString('--semi-space-growth-factor=1');
    this.done = true;
  }
}

/** The semi-space size (MiB) of the explained frame list (analyze-frames.ts); see HEAP_GROWTH. */
export const FRAMES_SEMI_SPACE = 4;
/**
 * The semi-space size (MiB) of the explained summary (analyze.ts). With V8's 16 MiB its peak RSS was
 * 148–153 MB on the 3M-frame bench capture (the target is 150 MB); with 8, 128–129 MB at 3% more time
 * (3 alternating runs each; at 300k frames the same time, 147–153 → 131 MB).
 */
export const SUMMARY_SEMI_SPACE = 4;
// (8 until issue 19's live capture: see HEAP_GROWTH)

/** Resource limits of a worker thread whose young generation has semi-spaces of `mib` MiB (V8: 3 × semi). */
export function youngLimits(mib: number): ResourceLimits {
  return tuned ? { maxYoungGenerationSizeMb: 3 * mib } : {};
}

/**
 * Frames after which a summary collects its garbage before it reports (collectNow): the full collection
 * takes tens of milliseconds, worth it only where the heap grew with the capture.
 */
export const COLLECT_AFTER = 100_000;

/**
 * A full collection now, where a phase that made much garbage ends and one that allocates anew begins
 * (the summary: reading done, explanation and report next). The report's objects then fill the room the
 * garbage left instead of growing the heap past it.
 */
export function collectNow(): void {
  if (!tuned) return;
  try {
    setFlagsFromString('--expose-gc');
    (runInNewContext('gc') as () => void)();
  } catch {
    // not offered by this V8: nothing lost but the peak
  }
}
