/**
 * How far V8 lets the old generation grow between full collections. By default it may grow up to 4×
 * past what survived the last one. An analysis makes garbage fast and keeps little (the summary: 20–30 MB
 * live after GC at 3M frames), so peak memory was about 5× the live data; a smaller factor keeps the peak
 * near it. Each full collection costs in proportion to the live data, so the factor is smaller where
 * little is live: the summary at 1.2× runs at the same speed (bench, 3M frames: 222 → 147 MiB); the
 * streamed frame list (conversation records and forward links live) at 1.2× ran 20% slower, at 1.5× as
 * fast as at the default (300k frames: 270 → 176 MB). What keeps every frame (Markdown, HTML, `check`,
 * `live -f json`) keeps V8's default: its live data grows with the capture, and each full collection
 * marks all of it. A --heap-growing-percent given to node wins.
 */
import { setFlagsFromString } from 'node:v8';

/** Percent per path; 0 is V8's own (dynamic) growth. */
export const HEAP_GROWTH = { summary: 20, frames: 50, keep: 0 } as const;

const given = process.execArgv.some((a) => /heap[-_]growing[-_]percent/.test(a));

/** Sets V8's old-generation growing factor to 1 + percent/100 (unless node was given one). */
export function heapGrowth(percent: number): void {
  if (!given) setFlagsFromString(`--heap-growing-percent=${percent}`);
}
