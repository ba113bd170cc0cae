/** A phase of conversation `ctx` told by one catalogue sentence. */
import type { Agg } from '../analysis/app/budget.js';
import { framesOf, type Msg, type MsgGroup, mergeAgg, type SortStat } from './app.js';
import { addrOf, type ConvContext, type Side } from './context.js';
import {
  capital,
  duration,
  latencySummary,
  list,
  msgPayload,
  type Params,
  type Say,
  timesText,
  valuesSummary,
} from './format.js';
import type { StoryRecord } from './types.js';
export function phase(say: Say, ctx: ConvContext, frames: [number, number], code: string, p: Params): StoryRecord {
  return { frames, conversation: ctx.c.id, code, text: capital(say(code, p)) };
}

export function who(say: Say, ctx: ConvContext, side: Side, prefix = ''): Params {
  return { [`${prefix}who`]: say(`noun.${ctx.roles[side]}`), [`${prefix}addr`]: addrOf(ctx, side) };
}

export function span(ms: Msg[]): [number, number] {
  let a = Number.POSITIVE_INFINITY;
  let b = 0;
  for (const m of ms)
    for (const n of framesOf(m)) {
      if (n < a) a = n;
      if (n > b) b = n;
    }
  return [a, b];
}

/** Frame span of a group: of its messages, or of every message of its sorts when not all are listed. */
export function spanOf(g: MsgGroup): [number, number] {
  if (g.complete) return span(g.msgs);
  let a = Number.POSITIVE_INFINITY;
  let b = 0;
  for (const s of g.sorts) {
    if (s.first < a) a = s.first;
    if (s.last > b) b = s.last;
  }
  return [a, b];
}

/** valuesSummary over a group; when not all are listed, from the aggregates (same payload, first … last). */
export function valuesOf(say: Say, g: MsgGroup, max = 5): string {
  const values = g.msgs.map((m) => msgPayload(say, m));
  if (g.complete || values.length === 0) return valuesSummary(say, values, max);
  if (g.count > 1 && g.sorts.length === 1 && g.sorts[0]!.same) return say('fmt.each_time', { value: values[0]! });
  if (g.count > max) return say('fmt.values.range', { first: values[0]!, last: values[values.length - 1]! });
  return valuesSummary(say, values, max);
}

/** latencySummary over a group (how many values, and the text). */
export function latencyOf(
  say: Say,
  g: MsgGroup,
  fromMsg: (m: Msg) => number | undefined,
  fromSort: (s: SortStat) => Agg | undefined,
): { n: number; text: string } {
  if (g.complete) {
    const lat = g.msgs.map(fromMsg).filter((x): x is number => x !== undefined);
    return { n: lat.length, text: latencySummary(say, lat) };
  }
  const a = mergeAgg(g.sorts, fromSort);
  if (!a) return { n: 0, text: '' };
  const lo = duration(a.min, say);
  const hi = duration(a.max, say);
  return {
    n: a.count,
    text: lo === hi ? lo : say('fmt.range_mean', { min: lo, max: hi, mean: duration(a.sum / a.count, say) }),
  };
}

/** list() of the first items of `total` (the rest were not listed). */
export function listOf(say: Say, items: string[], total: number, max: number): string {
  if (total <= items.length || total <= max) return list(say, items, max);
  return say('fmt.list.more', { list: items.slice(0, max).join(', '), more: total - max });
}

/**
 * Requests and their answers as "a → b (latency)", a run of equal pairs told once ("8 × a → b (latency
 * range)"); with the number of requests each item stands for.
 */
export function pairsText(
  say: Say,
  ctx: ConvContext,
  reqs: Msg[],
  reps: Msg[],
  label: (m: Msg) => string,
): { items: string[]; covers: number[] } {
  // the answers to the requests of a frame, in order: pipelined requests can share one segment
  const byFrame = new Map<number, Msg[]>();
  for (const r of reps) {
    if (r.reply_to === undefined) continue;
    const a = byFrame.get(r.reply_to);
    if (a) a.push(r);
    else byFrame.set(r.reply_to, [r]);
  }
  const used = new Set<Msg>();
  const pairs: { a: string; b?: string; lat?: number }[] = [];
  // after lost bytes an answer may be lost or not paired: neither "no answer" nor a pairing by position holds
  const lossy = ctx.c.notes.some((n) => n.code === 'app.gap');
  reqs.forEach((q, i) => {
    let r = byFrame.get(q.frame)?.find((x) => !used.has(x));
    if (!r && q.replied_by !== undefined) r = reps.find((x) => x.frame === q.replied_by);
    if (!r && !lossy && reps[i] && !used.has(reps[i]!) && reps.length === reqs.length) r = reps[i];
    if (r) used.add(r);
    const pair: { a: string; b?: string; lat?: number } = { a: label(q) };
    if (r) pair.b = label(r);
    if (r?.latency !== undefined) pair.lat = r.latency;
    pairs.push(pair);
  });
  const items: string[] = [];
  const covers: number[] = [];
  let i = 0;
  while (i < pairs.length) {
    const p = pairs[i]!;
    let j = i + 1;
    while (
      j < pairs.length &&
      pairs[j]!.a === p.a &&
      pairs[j]!.b === p.b &&
      (pairs[j]!.lat === undefined) === (p.lat === undefined)
    )
      j++;
    const run = pairs.slice(i, j);
    const lats = run.map((x) => x.lat).filter((x): x is number => x !== undefined);
    const text =
      p.b === undefined
        ? say(lossy ? 'fmt.pair.unknown' : 'fmt.pair.none', { a: p.a })
        : say(lats.length ? 'fmt.pair.lat' : 'fmt.pair', { a: p.a, b: p.b, latency: latencySummary(say, lats) });
    items.push(timesText(say, text, run.length));
    covers.push(run.length);
    i = j;
  }
  return { items, covers };
}

/** pairsText's items, at most `max` of them, "and N more" counting the requests not told. */
export function pairsList(say: Say, p: { items: string[]; covers: number[] }, total: number, max: number): string {
  let told = 0;
  for (const c of p.covers) told += c;
  if (p.items.length <= max && told >= total) return list(say, p.items, max);
  const head = p.items.slice(0, max);
  let headCovers = 0;
  for (const c of p.covers.slice(0, max)) headCovers += c;
  return say('fmt.list.more', { list: head.join(', '), more: total - headCovers });
}
