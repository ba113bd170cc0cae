/**
 * Formatting of values inside sentences: durations, ordinals, payload previews, lists. Words come
 * from the catalogue (fmt.*); only digits and quote marks are produced here.
 */
import type { Msg, MsgPart, Payload } from './app.js';
import { bodyParts, partsOf } from './app.js';
import type { Lang } from './catalog/types.js';
import { text } from './text.js';

export type Params = Record<string, string | number>;

/** A sentence maker bound to one language. */
export interface Say {
  lang: Lang;
  /** `base`: parameters read where `params` lacks them (shared by many sentences, not copied into each). */
  (code: string, params?: Params, base?: Params): string;
}

export function sayer(lang: Lang, names?: HostNames): Say {
  if (!names || names.size === 0) {
    const f = ((code: string, params?: Params, base?: Params) => text(code, params, lang, base)) as Say;
    f.lang = lang;
    return f;
  }
  const f = ((code: string, params?: Params, base?: Params) =>
    text(code, params && named(params, names), lang, base && named(base, names))) as Say;
  f.lang = lang;
  return f;
}

/** Address → name (a container's name for its IP), from the capture's NRB or `--names`. */
export type HostNames = ReadonlyMap<string, string>;

/** "zmq-req (172.18.0.3)" / "zmq-rep (172.18.0.2:5555)" for a named address or endpoint; else as it is. */
export function nameAddr(v: string, names: HostNames): string {
  const n = names.get(v) ?? names.get(hostOf(v));
  return n === undefined ? v : `${n} (${v})`;
}

/** The parameters with every named address or endpoint among their values named (the same object when none is). */
function named(params: Params, names: HostNames): Params {
  let out: Params | undefined;
  for (const k in params) {
    const v = params[k];
    if (typeof v !== 'string' || v.length > 47) continue;
    const w = nameAddr(v, names);
    if (w !== v) {
      out ??= { ...params };
      out[k] = w;
    }
  }
  return out ?? params;
}

/**
 * Seconds as a short duration: 0.04 ms, 3.2 ms, 101 ms, 1.02 s, 12.3 s; with `say`, in its language's
 * words and decimal mark (Indonesian: 0,04 ms, 1,02 detik).
 */
export function duration(s: number, say?: Say): string {
  const ms = s * 1000;
  const dec = (x: string) => (say ? x.replace('.', say('fmt.decimal')) : x);
  const unit = (n: string, u: 'ms' | 's') => (say ? say(`fmt.dur.${u}`, { n: dec(n) }) : `${n} ${u}`);
  if (ms < 1) return unit(trim(ms.toFixed(3)), 'ms');
  if (ms < 10) return unit(trim(ms.toFixed(1)), 'ms');
  if (ms < 1000) return unit(`${Math.round(ms)}`, 'ms');
  if (s < 10) return unit(trim(s.toFixed(2)), 's');
  return unit(trim(s.toFixed(1)), 's');
}

function trim(x: string): string {
  return x.includes('.') ? x.replace(/0+$/, '').replace(/\.$/, '') : x;
}

/** English ordinal (1st, 2nd, 3rd, 4th, 11th); Indonesian templates use ke-{n} instead. */
export function ordinal(n: number): string {
  const t = n % 100;
  if (t >= 11 && t <= 13) return `${n}th`;
  switch (n % 10) {
    case 1:
      return `${n}st`;
    case 2:
      return `${n}nd`;
    case 3:
      return `${n}rd`;
    default:
      return `${n}th`;
  }
}

/** `n` and `nth` parameters for a count. */
export function nth(n: number): Params {
  return { n, nth: ordinal(n) };
}

/** A text value of up to this many code points is shown whole in a sentence. */
export const MAX_TEXT = 200;
/** A longer one is cut to this many, and its length in bytes is said. */
const CUT_TEXT = 60;

/**
 * `s` in at most `max` code points: cut to `max` - 1 of them and an ellipsis when it has more (what
 * `[...s]` would count, without making the array).
 */
export function ellipsize(s: string, max: number): string {
  if (s.length <= max) return s; // never more code points than UTF-16 units
  const keep = Math.max(0, max - 1);
  let cutAt = 0;
  let k = 0; // code points before index i
  for (let i = 0; i < s.length; k++) {
    if (k === keep) cutAt = i;
    if (k === max) return `${s.slice(0, cutAt)}…`;
    i = nextCodePoint(s, i);
  }
  return s;
}

/** The index after the code point at `i` (a surrogate pair is one code point, a lone surrogate too). */
export function nextCodePoint(s: string, i: number): number {
  const c = s.charCodeAt(i);
  return c >= 0xd800 && c <= 0xdbff && i + 1 < s.length && (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00 ? i + 2 : i + 1;
}

/** Text on one line, cut to `max` code points; only the head of a long text is looked at. */
function cutLine(s: string, max: number): string {
  // 2 × (max + 1) UTF-16 units hold more than `max` code points after oneLine, if `s` has them
  const head = s.length > 2 * max + 2 ? s.slice(0, 2 * max + 2) : s;
  return ellipsize(oneLine(head), max);
}

function oneLine(s: string): string {
  return s.replace(/\r\n|\r|\n/g, '⏎').replace(/\t/g, ' ');
}

/** Code points in `s`, counting at most `max` + 1 of them. */
function codePoints(s: string, max: number): number {
  let k = 0;
  for (let i = 0; i < s.length && k <= max; k++) i = nextCodePoint(s, i);
  return k;
}

/**
 * A value in a sentence: whole when it has at most `max` code points (one line), else its first CUT_TEXT
 * (or `max`, when smaller) and "…", followed by its length in bytes. `quote`: text in single quotes.
 */
function shown(say: Say, s: string, max: number, quote: boolean, bytes: number | undefined): string {
  const line = oneLine(s.length > 2 * max + 2 ? s.slice(0, 2 * max + 2) : s);
  const q = (x: string) => (quote ? `'${x}'` : x);
  if (codePoints(line, max) <= max) return q(line);
  const n = bytes ?? new TextEncoder().encode(s).length;
  return `${q(cutLine(line, Math.min(CUT_TEXT, max)))} ${say('fmt.payload.length', { bytes: n })}`;
}

/**
 * One value as it appears in a sentence: text in single quotes, numbers bare, JSON compact; short values
 * whole, long ones cut with their length said.
 */
export function valueText(say: Say, p: Payload | undefined, max = MAX_TEXT): string {
  if (!p) return say('fmt.payload.none');
  if (p.captured !== undefined && p.length !== undefined && p.captured < p.length) {
    // cut by the snapshot length: the start that was captured, said to be only that
    if (p.captured === 0) return say('fmt.payload.uncaptured', { length: p.length });
    const { captured: _c, ...whole } = p;
    const start = p.encoding === 'hex' ? say('fmt.payload.binary', { bytes: p.captured }) : valueText(say, whole, max);
    return say('fmt.payload.cut', { start, captured: p.captured, length: p.length });
  }
  switch (p.encoding) {
    case 'text':
      return typeof p.value === 'string'
        ? p.value === ''
          ? say('fmt.payload.empty')
          : shown(say, p.value, max, true, p.length)
        : say('fmt.payload.none');
    case 'json':
      return shown(say, JSON.stringify(p.value) ?? 'null', max, false, p.length);
    case 'pickle': {
      const v = p.value;
      if (typeof v === 'string') return shown(say, v, max, true, undefined);
      return shown(say, JSON.stringify(v) ?? 'None', max, false, undefined);
    }
    case 'hex':
      return say('fmt.payload.binary', { bytes: p.length ?? Math.floor(String(p.value).length / 2) });
    default:
      return say('fmt.payload.none');
  }
}

function partText(say: Say, p: MsgPart): string {
  if (p.payload) return valueText(say, p.payload, 60);
  return p.size === 0 ? say('fmt.payload.empty') : say('fmt.payload.binary', { bytes: p.size });
}

/** The pickled payloads of a message (its body parts, or its payload), with their Python type and protocol. */
export function pickled(m: Msg): { type: string; protocol: number | undefined; bytes: number; value: Payload }[] {
  const out: { type: string; protocol: number | undefined; bytes: number; value: Payload }[] = [];
  const body = bodyParts(m);
  const payloads = body.length ? body.map((p) => p.payload) : [m.payload];
  for (const p of payloads) {
    if (p?.encoding !== 'pickle') continue;
    out.push({ type: p.py_type ?? 'object', protocol: p.protocol, bytes: p.length, value: p });
  }
  return out;
}

/** Whether a message is [<empty> | body…]: a ZeroMQ envelope's empty delimiter frame before the body. */
export function hasDelimiter(m: Msg): boolean {
  const parts = partsOf(m);
  return parts.length > 1 && parts[0]!.size === 0;
}

/** The payload of an application message: its body, or its parts as [a, b, c]. */
export function msgPayload(say: Say, m: Msg): string {
  // the snapshot length cut the message before its payload starts
  if (m.cut && !m.payload && partsOf(m).length === 0) return say('fmt.payload.unknown');
  const body = bodyParts(m);
  if (body.length > 1) return `[${body.map((p) => partText(say, p)).join(', ')}]`;
  if (body.length === 1) {
    const p = body[0]!;
    if (p.payload) return valueText(say, p.payload);
    if (m.payload) return valueText(say, m.payload);
    return partText(say, p);
  }
  return valueText(say, m.payload);
}

/** "a", "a and b", "a, b and c" (catalogue fmt.list.*); long lists end with "and N more". */
export function list(say: Say, items: string[], max = 5): string {
  if (items.length === 0) return '';
  if (items.length === 1) return items[0]!;
  if (items.length > max) {
    return say('fmt.list.more', { list: items.slice(0, max).join(', '), more: items.length - max });
  }
  return say('fmt.list.and', { list: items.slice(0, -1).join(', '), last: items[items.length - 1]! });
}

/** Consecutive equal items as one: [value, how many times in a row]. */
export function runsOf<T>(items: readonly T[], same: (a: T, b: T) => boolean = (a, b) => a === b): [T, number][] {
  const out: [T, number][] = [];
  for (const x of items) {
    const last = out[out.length - 1];
    if (last && same(last[0], x)) last[1]++;
    else out.push([x, 1]);
  }
  return out;
}

/** An item repeated `count` times in a row: "8 × 'PING'" (the item itself once). */
export function timesText(say: Say, value: string, count: number): string {
  return count > 1 ? say('fmt.times', { count, value }) : value;
}

/**
 * Values in order, a run of equal ones told once ("8 × 'PING'"); a repeated single value reads "'Hello'
 * each time"; more than `max` runs read "from A to B".
 */
export function valuesSummary(say: Say, values: string[], max = 5): string {
  const runs = runsOf(values);
  if (runs.length === 1 && values.length > 1) return say('fmt.each_time', { value: runs[0]![0] });
  if (runs.length > max) return say('fmt.values.range', { first: values[0]!, last: values[values.length - 1]! });
  return list(
    say,
    runs.map(([v, n]) => timesText(say, v, n)),
    max,
  );
}

/** Latency statistics: "101 ms" or "100-102 ms (mean 101 ms)". */
export function latencySummary(say: Say, lat: number[]): string {
  if (lat.length === 0) return '';
  const min = Math.min(...lat);
  const max = Math.max(...lat);
  const mean = lat.reduce((a, b) => a + b, 0) / lat.length;
  const a = duration(min, say);
  const b = duration(max, say);
  if (a === b) return a;
  return say('fmt.range_mean', { min: a, max: b, mean: duration(mean, say) });
}

/** Frame range label: "frame 4" or "frames 4-9". */
export function frameRange(say: Say, a: number, b: number): string {
  return a === b ? say('fmt.frame', { n: a }) : say('fmt.frames', { a, b });
}

/** Upper-case the first letter of a sentence built from a template that starts with a parameter. */
export function capital(s: string): string {
  return s.length ? s[0]!.toUpperCase() + s.slice(1) : s;
}

/** IP of an "ip:port" endpoint (IPv6 keeps its colons). */
export function hostOf(ep: string): string {
  const i = ep.lastIndexOf(':');
  if (i < 0) return ep;
  const h = ep.slice(0, i);
  return h.includes(':') || /^\d+\.\d+\.\d+\.\d+$/.test(h) ? h : ep;
}

/** The key of refused attempts from one client host to one server (AnalysisModel.folded.refused). */
export function attemptKey(client: string, server: string): string {
  return `${hostOf(client)}>${server}`;
}

/** Folded refused attempts to `server` (from any client host), AnalysisModel.folded.refused. */
export function foldedRefused(
  refused: ReadonlyMap<string, { readonly count: number }> | undefined,
  server: string,
): number {
  if (!refused) return 0;
  let n = 0;
  for (const [k, r] of refused) if (k.endsWith(`>${server}`)) n += r.count;
  return n;
}

export function portOf(ep: string): number | undefined {
  const i = ep.lastIndexOf(':');
  if (i < 0) return undefined;
  const p = Number(ep.slice(i + 1));
  return Number.isInteger(p) ? p : undefined;
}
