/**
 * tshark's `-z io,stat,INTERVAL[,FILTER,…]` (tap-iostat.c, tshark 4.0 layout): frames and bytes per
 * interval of INTERVAL seconds from the first frame, one column per display filter ("Frames and bytes" of
 * every frame when none, or for an empty one). Memory: one pair of counters per column and interval that
 * saw a frame.
 *
 * The layout, as tshark computes it: times in microseconds; the interval's precision is the number of
 * decimals it was given with (1 → 0, 0.5 → 1, 0.01 → 2); an interval longer than the capture (or 0) becomes
 * the capture's duration, shown with 3 decimals below 10 s and 1 from there; the duration is rounded half up
 * to that precision; one row per interval up to the last frame's, the last one ending at the duration
 * ("Dur" with whole seconds), whatever the columns counted; columns at least 6 (frames) and 5 (bytes) wide;
 * labels centred tshark's way; the filters listed one a line, the table widened for them up to 102
 * characters and a longer one wrapped at its last space.
 */

export interface IoStatSpec {
  /** Interval in microseconds (0: the whole capture). */
  intervalUs: number;
  /** Decimals the interval was written with (0–6). */
  prec: number;
}

/** `INTERVAL` of `-z io,stat,INTERVAL`: seconds, at most 6 decimals, as tshark reads it. */
export function parseInterval(text: string): IoStatSpec | undefined {
  if (!/^(\d+(\.\d*)?|\.\d+)$/.test(text)) return undefined;
  const us = Math.round(Number(text) * 1e6);
  if (!Number.isSafeInteger(us)) return undefined;
  let prec = 6;
  for (let p = 10; p <= 1e6 && us > 0 && us % p === 0; p *= 10) prec--;
  return { intervalUs: us, prec: us === 0 ? 0 : prec };
}

/** Digits of a whole number, at least 1 and at most max (tshark's magnitude()). */
function magnitude(v: number, max: number): number {
  let mag = 0;
  for (let i = 0; i < max; i++) {
    mag++;
    v = Math.floor(v / 10);
    if (v === 0) break;
  }
  return mag;
}

/** A label centred in a column as tshark's printcenter() does it (nothing when the column is too wide). */
function center(label: string, width: number): string {
  const diff = width - label.length;
  const len = 6 - (Math.floor(diff / 2) + 1);
  if (len > 0 && len < 6) {
    const sp = ' '.repeat(6 - len);
    return diff % 2 === 0 ? `${sp}${label}${sp}|` : `${sp} ${label}${sp}|`;
  }
  return '';
}

/** One io,stat column's counters per interval index (only intervals that saw a frame of it). */
type Column = Map<number, { frames: number; bytes: number }>;

export class IoStat {
  /** The columns' titles: a display filter, or '' for every frame ("Frames and bytes"). */
  readonly titles: readonly string[];
  private readonly cols: Column[];
  private last = -1;
  /** Latest time since the first frame, in nanoseconds (tshark's elapsed time). */
  private elapsedNs = 0;

  constructor(readonly spec: IoStatSpec & { columns?: readonly string[] }) {
    this.titles = spec.columns && spec.columns.length > 0 ? spec.columns : [''];
    this.cols = this.titles.map(() => new Map());
  }

  /**
   * Every frame, whether or not a column counts it (the rows run to the last frame's interval): `hits[j]`
   * says whether column j's filter matched it (absent: every column counts it).
   */
  push(rel: number, len: number, hits?: readonly boolean[]): void {
    if (rel > this.elapsedNs) this.elapsedNs = rel;
    const us = Math.floor(Math.max(0, rel) / 1000);
    const i = this.spec.intervalUs > 0 ? Math.floor(us / this.spec.intervalUs) : 0;
    if (i > this.last) this.last = i;
    for (let j = 0; j < this.cols.length; j++) {
      if (hits && !hits[j]) continue;
      const col = this.cols[j]!;
      let b = col.get(i);
      if (!b) {
        b = { frames: 0, bytes: 0 };
        col.set(i, b);
      }
      b.frames++;
      b.bytes += len;
    }
  }

  render(): string {
    const duration = Math.floor(this.elapsedNs / 1e9) * 1e6 + Math.floor(((this.elapsedNs % 1e9) + 500) / 1000);
    let interval = this.spec.intervalUs;
    const whole = interval > duration || interval === 0;
    if (whole) interval = duration;
    // tshark formats the times with the magnitude of the duration before rounding, and sizes the interval
    // column and the lines after it: when rounding adds a digit (9.6 s → 10.1 s at precision 0), its
    // Duration and Interval lines come out one character short and its rows one (last row) or two short
    const durMag0 = magnitude(Math.floor(duration / 1e6), 5);
    let durMag = durMag0;
    const invlMag = magnitude(Math.floor(interval / 1e6), 5);
    let prec: number;
    let border: number;
    if (whole) {
      prec = durMag >= 2 ? 1 : durMag === 1 ? 3 : 6;
      border = 30 + durMag + prec + 1;
    } else {
      prec = this.spec.prec;
      border = 24 + invlMag + (prec === 0 ? 0 : prec + 1);
    }
    const dv = 10 ** (6 - prec);
    const rounded = duration + 5 * Math.floor(dv / 10);
    if (whole) interval = rounded;
    durMag = magnitude(Math.floor(rounded / 1e6), 5);
    const natural = prec === 0 ? 2 * durMag + 8 : 2 * durMag + 2 * prec + 10;
    const invlW = Math.max(natural, 12);
    border = Math.max(border, invlW);
    // each column: frames at least 6 wide, bytes at least 5 (as wide as its largest count)
    const widths = this.cols.map((col) => {
      let maxFrames = 0;
      let maxBytes = 0;
      for (const b of col.values()) {
        if (b.frames > maxFrames) maxFrames = b.frames;
        if (b.bytes > maxBytes) maxBytes = b.bytes;
      }
      return { fr: Math.max(6, magnitude(maxFrames, 15)), val: Math.max(5, magnitude(maxBytes, 15)) };
    });
    const rowW = widths.reduce((w, c) => w + c.fr + 3 + c.val + 3, invlW);
    border = Math.max(border, rowW);
    // the list of filters may widen the table, up to 102 columns; a longer filter is wrapped
    const filterW = Math.max(...this.titles.map((t) => (t === '' ? 26 : t.length + 11)));
    if (filterW > border && border < 102) border = Math.min(filterW, 102);
    if (border - rowW === 1) border++;
    const filler = rowW < border ? `${' '.repeat(border - rowW - 1)}|` : '';

    const shrink = durMag - durMag0;
    const t = (us: number): string => {
      const s = String(Math.floor(us / 1e6)).padStart(durMag0);
      return prec === 0 ? s : `${s}.${String(Math.floor((us % 1e6) / dv)).padStart(prec, '0')}`;
    };
    const line = (text: string, short = 0): string => `${text.padEnd(border - 1 - short)}|\n`;
    const secs = (us: number): string =>
      prec === 0
        ? `${Math.floor(us / 1e6)}`
        : `${Math.floor(us / 1e6)}.${String(Math.floor((us % 1e6) / dv)).padStart(prec, '0')}`;
    let out = `\n${'='.repeat(border)}\n`;
    out += line('| IO Statistics');
    out += line('|');
    out += line(
      `| Duration: ${prec === 0 ? `${Math.floor(duration / 1e6)}.${String(duration % 1e6).padStart(6)}` : secs(rounded)} secs`,
      shrink,
    );
    out += line(`| Interval: ${t(whole ? rounded : interval)} secs`, shrink);
    out += line('|');
    this.titles.forEach((title, j) => {
      const lead = j === 0 ? `| Col${String(j + 1).padStart(2)}: ` : `|    ${String(j + 1).padStart(2)}: `;
      if (title === '') out += line(`${lead}Frames and bytes`);
      else
        out += filterLines(title, border)
          .map((l, k) => line(`${k === 0 ? lead : '|        '}${l}`))
          .join('');
    });
    out += `|-${'-'.repeat(border - 3)}|\n`;
    out += `|${' '.repeat(invlW - 2)}|`;
    widths.forEach((c, j) => {
      out += `${String(j + 1).padEnd(2)}${' '.repeat(c.fr + c.val + 3)}|`;
    });
    out += `${filler}\n`;
    out += `| Interval${' '.repeat(invlW - 11)}|`;
    for (const c of widths) out += `${center('Frames', c.fr)}${center('Bytes', c.val)}`;
    out += `${filler}\n`;
    out += `|-${'-'.repeat(rowW - 3)}|${filler}\n`;
    const lead = ' '.repeat(Math.ceil((invlW - natural) / 2));
    for (let i = 0; i <= this.last; i++) {
      const start = i * interval;
      const lastRow = i === this.last;
      const end = lastRow ? (prec === 0 ? 'Dur' : t(rounded)) : t(start + interval);
      out += `${`|${lead} ${t(start)} <> ${end}`.padEnd(invlW - 1 - shrink * (lastRow ? 1 : 2))}|`;
      widths.forEach((c, j) => {
        const b = this.cols[j]!.get(i);
        out += ` ${String(b?.frames ?? 0).padStart(c.fr)} | ${String(b?.bytes ?? 0).padStart(c.val)} |`;
      });
      out += `${filler}\n`;
    }
    return `${out}${'='.repeat(border)}\n`;
  }
}

/**
 * A filter's lines in the column list: whole when it fits the table (its length + 11 ≤ the border), else
 * cut at the last space before border − 11 characters (or there, without a space), as tshark wraps it.
 */
function filterLines(filter: string, border: number): string[] {
  const max = border - 11;
  const out: string[] = [];
  let rest = filter;
  while (rest.length + 11 > border && rest.length > max) {
    const head = rest.slice(0, max);
    const sp = head.lastIndexOf(' ');
    const len = sp >= 0 ? sp : max;
    out.push(rest.slice(0, len));
    rest = rest.slice(sp >= 0 ? len + 1 : len);
  }
  out.push(rest);
  return out;
}
