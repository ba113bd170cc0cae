/**
 * The HTML report's traffic-over-time chart (frames and bytes per interval, drawn as inline SVG) and its
 * "follow" view of a conversation (the bytes each side sent, coloured by direction, each application
 * message marked where its frame is). Pure renderings of the model's frames (HTML keeps every frame).
 */
import type { ConversationRecord, FrameRecord } from '../analysis/model.js';
import type { Say } from '../explain/format.js';
import type { RawRecord } from '../explain/types.js';

const esc = (s: string): string =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** Bars at most: the interval is the smallest 1-2-5 step that keeps the chart this wide. */
const MAX_BARS = 60;
/** Intervals perInterval() counts at most (times out of order can put a frame far after the others). */
const MAX_INTERVALS = 10 * MAX_BARS;
const STEPS = [1, 2, 5];

/** A 1-2-5 interval (seconds) giving at most MAX_BARS bars over `duration`. */
export function chartInterval(duration: number): number {
  for (let e = -6; e <= 6; e++) {
    for (const s of STEPS) {
      const step = s * 10 ** e;
      if (duration / step < MAX_BARS) return Number(step.toPrecision(1));
    }
  }
  return 10 ** 7;
}

/** Frames and bytes (frame lengths) per interval, as `-z io,stat,INTERVAL` counts them. */
export function perInterval(
  frames: readonly FrameRecord[],
  interval: number,
): Array<{ frames: number; bytes: number }> {
  const out: Array<{ frames: number; bytes: number }> = [];
  for (const f of frames) {
    // a capture's times need not be in order (a damaged or edited file): a frame before the first counts in
    // the first interval, one far after the rest in the last bar the chart can draw
    const at = Math.floor(f.rel / interval + 1e-9);
    const i = Number.isFinite(at) ? Math.min(MAX_INTERVALS - 1, Math.max(0, at)) : 0;
    while (out.length <= i) out.push({ frames: 0, bytes: 0 });
    out[i]!.frames++;
    out[i]!.bytes += f.len;
  }
  return out;
}

/** Fine intervals a TrafficBins family counts before it makes them ten times longer. */
const FINE = 1000;

/**
 * Frames and bytes per interval counted as frames go by, for a chart of more frames than are kept (a
 * report that lists only some): per 1-2-5 family (intervals 1, 2 or 5 × 10^e s) counts at the shortest
 * interval of that family that holds every time so far in FINE intervals, ten of them merged into one
 * when a later time needs it. The chart's interval (chartInterval of the span) is a whole multiple of its
 * family's counting interval (the span is at least FINE of them when they grow, so the chart's is at least
 * ten times as long), so its counts are sums of the fine ones.
 */
export class TrafficBins {
  private readonly step = STEPS.map((s) => s * 1e-6);
  private readonly frames = STEPS.map(() => new Float64Array(FINE));
  private readonly bytes = STEPS.map(() => new Float64Array(FINE));
  /** The latest time seen (relative to the first frame). */
  private span = 0;
  /** Frames counted. */
  count = 0;

  add(rel: number, len: number): void {
    this.count++;
    if (Number.isFinite(rel) && rel > this.span) this.span = rel;
    for (let k = 0; k < STEPS.length; k++) {
      let at = Math.floor(rel / this.step[k]! + 1e-9);
      if (!Number.isFinite(at) || at < 0) at = 0;
      while (at >= FINE && this.step[k]! < 1e8) {
        this.coarsen(k);
        at = Math.floor(rel / this.step[k]! + 1e-9);
      }
      if (at >= FINE) at = FINE - 1;
      this.frames[k]![at]!++;
      this.bytes[k]![at]! += len;
    }
  }

  /** Family k's intervals ten times longer. */
  private coarsen(k: number): void {
    const f = this.frames[k]!;
    const b = this.bytes[k]!;
    for (let i = 0; i < FINE; i++) {
      const j = Math.floor(i / 10);
      if (j === i) continue;
      f[j]! += f[i]!;
      b[j]! += b[i]!;
      f[i] = 0;
      b[i] = 0;
    }
    this.step[k] = Number((this.step[k]! * 10).toPrecision(1));
  }

  /** The chart's interval and its rows (as perInterval counts them), for a capture of `duration` seconds. */
  rows(duration: number): { interval: number; rows: Array<{ frames: number; bytes: number }> } {
    const span = Math.max(Number.isFinite(duration) ? duration : 0, this.span);
    const interval = chartInterval(span);
    // its family: the leading digit (1, 2 or 5)
    const k = Math.max(0, STEPS.indexOf(Number(interval.toExponential()[0])));
    const ratio = Math.max(1, Math.round(interval / this.step[k]!));
    const out: Array<{ frames: number; bytes: number }> = [];
    for (let i = 0; i < FINE; i++) {
      if (this.frames[k]![i] === 0) continue;
      const at = Math.min(MAX_INTERVALS - 1, Math.floor(i / ratio));
      while (out.length <= at) out.push({ frames: 0, bytes: 0 });
      out[at]!.frames += this.frames[k]![i]!;
      out[at]!.bytes += this.bytes[k]![i]!;
    }
    return { interval, rows: out };
  }
}

/** The chart: one bar of frames per interval, the bytes as a line over them, both on their own scale. */
export function trafficSvg(say: Say, frames: readonly FrameRecord[], duration: number): string {
  if (frames.length === 0) return '';
  // the span the frames' times really cover (the capture's duration is last minus first)
  let span = Number.isFinite(duration) ? duration : 0;
  for (const f of frames) if (Number.isFinite(f.rel) && f.rel > span) span = f.rel;
  const interval = chartInterval(span);
  return chartSvg(say, interval, perInterval(frames, interval));
}

/** The chart of frames counted by a TrafficBins (a report listing only some of them). */
export function binsSvg(say: Say, bins: TrafficBins, duration: number): string {
  if (bins.count === 0) return '';
  const { interval, rows } = bins.rows(duration);
  return chartSvg(say, interval, rows);
}

function chartSvg(say: Say, interval: number, rows: ReadonlyArray<{ frames: number; bytes: number }>): string {
  const W = 640;
  const H = 160;
  const left = 44;
  const right = 56;
  const top = 12;
  const bottom = 28;
  const bw = (W - left - right) / rows.length;
  const maxF = Math.max(1, ...rows.map((r) => r.frames));
  const maxB = Math.max(1, ...rows.map((r) => r.bytes));
  const y = (v: number, max: number): number => top + (H - top - bottom) * (1 - v / max);
  const fmt = (t: number): string => String(Number(t.toFixed(6)));
  const bars = rows
    .map((r, i) => {
      const x = left + i * bw;
      const tip = say('ui.chart.bar', {
        a: fmt(i * interval),
        b: fmt((i + 1) * interval),
        frames: r.frames,
        bytes: r.bytes,
      });
      return `<rect class="bar" x="${x.toFixed(1)}" y="${y(r.frames, maxF).toFixed(1)}" width="${Math.max(1, bw - 1).toFixed(1)}" height="${(H - bottom - y(r.frames, maxF)).toFixed(1)}"><title>${esc(tip)}</title></rect>`;
    })
    .join('');
  const line = rows.map((r, i) => `${(left + (i + 0.5) * bw).toFixed(1)},${y(r.bytes, maxB).toFixed(1)}`).join(' ');
  const axis =
    `<line class="axis" x1="${left}" y1="${H - bottom}" x2="${W - right}" y2="${H - bottom}"/>` +
    `<text class="lab" x="${left - 4}" y="${top + 4}" text-anchor="end">${maxF}</text>` +
    `<text class="lab" x="${left - 4}" y="${H - bottom}" text-anchor="end">0</text>` +
    `<text class="lab bytes" x="${W - right + 4}" y="${top + 4}">${maxB} B</text>` +
    `<text class="lab" x="${left}" y="${H - 8}">0 s</text>` +
    `<text class="lab" x="${W - right}" y="${H - 8}" text-anchor="end">${fmt(rows.length * interval)} s</text>`;
  const caption = say('ui.chart.caption', { interval: fmt(interval) });
  return `<figure class="traffic"><svg viewBox="0 0 ${W} ${H}" width="${W}" height="${H}" role="img" aria-label="${esc(caption)}">${axis}${bars}<polyline class="bytes" points="${line}"/></svg><figcaption>${esc(caption)}</figcaption></figure>`;
}

/** Bytes of a frame's transport payload, from its raw record (the last layer after tcp/udp). */
function payloadOf(f: FrameRecord & { raw?: RawRecord }): Uint8Array | undefined {
  const raw = f.raw;
  if (!raw) return undefined;
  const i = raw.layers.findIndex((l) => l.name === 'tcp' || l.name === 'udp');
  if (i < 0) return undefined;
  const t = raw.layers[i]!;
  const start = t.offset + t.length;
  const bytes = Buffer.from(raw.bytes, 'base64');
  const len = f.tcp?.len ?? (f.udp ? f.udp.len - 8 : 0);
  if (len <= 0 || start >= bytes.length) return undefined;
  return bytes.subarray(start, Math.min(bytes.length, start + len));
}

/** Most payload bytes shown per conversation in the follow view. */
const FOLLOW_MAX = 16 * 1024;

/**
 * The follow view of one conversation: each frame's payload as text (unprintable bytes as dots), client
 * bytes and server bytes in two colours, a marker before a frame that completes application messages.
 * Retransmitted segments are left out (their bytes were shown once). Undefined when nothing was carried.
 */
export function followHtml(say: Say, c: ConversationRecord, frames: readonly FrameRecord[]): string | undefined {
  const parts: string[] = [];
  let shown = 0;
  let cut = false;
  for (const f of frames) {
    if (f.tcp?.analysis?.includes('retransmission')) continue;
    const p = payloadOf(f);
    if (!p) continue;
    if (shown >= FOLLOW_MAX) {
      cut = true;
      break;
    }
    const b = p.subarray(0, FOLLOW_MAX - shown);
    shown += b.length;
    let text = '';
    for (const x of b) text += x === 0x0a || x === 0x0d || (x >= 0x20 && x < 0x7f) ? String.fromCharCode(x) : '.';
    const c2s = f.src === c.client;
    const apps = (f.app ?? []).filter((a) => a.kind !== 'segment').map((a) => `${a.proto.toUpperCase()} ${a.kind}`);
    const mark = apps.length ? `<span class="msg">${esc(`#${f.n} ${apps.join(', ')}`)}</span>` : '';
    parts.push(
      `${mark}<span class="${c2s ? 'c2s' : 's2c'}" title="${esc(say('ui.follow.frame', { n: f.n }))}">${esc(text)}</span>`,
    );
    if (b.length < p.length) {
      cut = true;
      break;
    }
  }
  if (parts.length === 0) return undefined;
  const legend = `<p class="legend"><span class="c2s">${esc(c.client)}</span> → <span class="s2c">${esc(c.server)}</span></p>`;
  const more = cut ? `<p>${esc(say('ui.follow.cut', { bytes: FOLLOW_MAX }))}</p>` : '';
  return `<details class="follow"><summary>${esc(say('ui.follow'))}</summary>${legend}<pre>${parts.join('')}</pre>${more}</details>`;
}
