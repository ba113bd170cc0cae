/**
 * tshark's `-q -z` statistics, computed in the session's one pass (AnalyzeOptions.observer): conversation
 * and endpoint tables, the protocol hierarchy, frames and bytes per interval, and one followed stream.
 * Each statistic keeps counters per conversation, endpoint, protocol path or interval, never per frame;
 * follow keeps only its stream's bytes, up to the `follow-bytes` limit.
 */
import type { ConversationInfo, FrameAnalysis } from '../analysis/conversations.js';
import type { CopyStream } from '../analysis/copies.js';
import type { AppProto } from '../analysis/model.js';
import type { StreamSink } from '../analysis/reassembly.js';
import type { FrameObserver } from '../analyze.js';
import type { RawFrame } from '../capture/types.js';
import type { Dissection } from '../dissectors/types.js';
import { type CompiledFilter, compileFilter, FilterError, type FrameView, filterErrorLine } from '../filter/index.js';
import { CONV_TABLES, ConversationStats, type ConvTable, type EndpointRowStats, EndpointStats } from './conv.js';
import { type FollowMode, FollowStream } from './follow.js';
import { IoStat, type IoStatSpec, parseInterval } from './iostat.js';
import { ProtocolHierarchy } from './phs.js';

/**
 * One `-z` statistic. `filter`: tshark's display filter after the table (`conv,tcp,FILTER`): only the
 * frames it matches are counted. io,stat's `columns`: one per filter after the interval, '' for tshark's
 * "Frames and bytes" of every frame (absent: that one column).
 */
export type StatSpec =
  | { kind: 'conv'; table: ConvTable; filter?: string }
  | { kind: 'endpoints'; table: ConvTable; filter?: string }
  | { kind: 'phs'; filter?: string }
  | ({ kind: 'iostat'; columns?: readonly string[] } & IoStatSpec)
  | { kind: 'follow'; proto: 'tcp' | 'udp'; mode: FollowMode; stream: number };

/** What `-z` accepts, for messages and --help. */
export const STAT_USAGE =
  'conv,tcp|udp|ip|ipv6[,FILTER]  endpoints,ip|ipv6|tcp|udp[,FILTER]  io,phs[,FILTER]  io,stat,INTERVAL[,FILTER,…]  follow,tcp|udp,ascii|hex|raw,STREAM';

/** io,stat's calculations on a field (`SUM(tcp.len)tcp.len`), which pcap-explain does not compute. */
const IOSTAT_CALC = /^\s*(COUNT|SUM|MIN|MAX|AVG|LOAD|FRAMES|BYTES)\s*\(/;

/**
 * A display filter given inside a `-z` argument, checked now so that a typo is one line before any
 * reading (tshark: "Couldn't register … tap"). A filter on the explanation (pe.explain) is refused: the
 * statistics are computed without explaining frames.
 */
function checkFilter(arg: string, expr: string): string | undefined {
  try {
    const f = compileFilter(expr);
    if (f.needsExplain) return `-z ${arg}: pe.explain cannot be used in a -z filter (give it with -Y)`;
    return undefined;
  } catch (e) {
    if (e instanceof FilterError) return `-z ${arg}: ${filterErrorLine(expr, e)}`;
    throw e;
  }
}

/** tshark 4.0 takes a filter in double quotes literally (and refuses it); pcap-explain drops the quotes. */
function unquote(s: string): string {
  return s.length >= 2 && s.startsWith('"') && s.endsWith('"') ? s.slice(1, -1) : s;
}

/** One `-z` argument as tshark spells it; a string is the usage error (one line). */
export function parseStat(arg: string): StatSpec | string {
  const p = arg.split(',');
  const [a, b] = p;
  if ((a === 'conv' || a === 'endpoints') && CONV_TABLES.includes(b as ConvTable) && p.length >= 2) {
    // the filter is the rest of the argument, commas and all (as tshark takes it)
    const filter = unquote(p.slice(2).join(','));
    if (filter === '') return { kind: a, table: b as ConvTable };
    const bad = checkFilter(arg, filter);
    return bad ?? { kind: a, table: b as ConvTable, filter };
  }
  if (a === 'io' && b === 'phs') {
    const filter = unquote(p.slice(2).join(','));
    if (filter === '') return { kind: 'phs' };
    const bad = checkFilter(arg, filter);
    return bad ?? { kind: 'phs', filter };
  }
  if (a === 'io' && b === 'stat' && p.length >= 3) {
    const iv = parseInterval(p[2]!);
    if (!iv) return `-z ${arg}: INTERVAL must be seconds, e.g. 1 or 0.5 (got '${p[2]}')`;
    const columns = p.slice(3).map(unquote);
    if (columns.length <= 1 && (columns[0] ?? '') === '') return { kind: 'iostat', ...iv };
    for (const c of columns) {
      if (IOSTAT_CALC.test(c)) {
        return `-z ${arg}: io,stat calculations (COUNT, SUM, MIN, MAX, AVG, LOAD of a field) are not supported; give display filters, one column each`;
      }
      const bad = c === '' ? undefined : checkFilter(arg, c);
      if (bad) return bad;
    }
    return { kind: 'iostat', ...iv, columns };
  }
  if (a === 'follow' && (b === 'tcp' || b === 'udp') && p.length === 4) {
    const mode = p[2];
    const stream = p[3]!;
    if (mode !== 'ascii' && mode !== 'hex' && mode !== 'raw') {
      return `-z ${arg}: follow mode must be ascii, hex or raw (got '${mode}')`;
    }
    if (!/^\d+$/.test(stream)) return `-z ${arg}: give the stream number (${b}.stream), e.g. follow,${b},${mode},0`;
    return { kind: 'follow', proto: b, mode, stream: Number(stream) };
  }
  return `-z ${arg}: unknown statistic (known: ${STAT_USAGE})`;
}

/** One stream sink feeding several (two follows of one stream). */
function fanOut(sinks: readonly StreamSink[]): StreamSink {
  return {
    data: (b, o, f) => {
      for (const s of sinks) s.data(b, o, f);
    },
    gap: (o, l, f) => {
      for (const s of sinks) s.gap(o, l, f);
    },
    end: (r, f) => {
      for (const s of sinks) s.end(r, f);
    },
    ahead: (b, o, f) => {
      for (const s of sinks) s.ahead?.(b, o, f);
    },
  };
}

/**
 * The text report's endpoints table (Wireshark's Endpoints window, IPv4 and IPv6 together): frames and
 * bytes per IP address, tallied in the session's pass beside any `-z` statistics (`next`).
 */
export class HostTally implements FrameObserver {
  private readonly v4 = new EndpointStats('ip');
  private readonly v6 = new EndpointStats('ipv6');
  readonly streams: FrameObserver['streams'];

  constructor(private readonly next?: FrameObserver) {
    this.streams = next?.streams;
  }

  frame(
    raw: RawFrame,
    d: Dissection,
    a: FrameAnalysis | undefined,
    app: AppProto | undefined,
    copyOf?: CopyStream,
    appCount?: number,
  ): void {
    if (d.net) (d.net.version === 4 ? this.v4 : this.v6).push(d, raw.len);
    this.next?.frame(raw, d, a, app, copyOf, appCount);
  }

  /** Every address, busiest first (IPv4 before IPv6 on ties). */
  rows(): EndpointRowStats[] {
    return [...this.v4.rows(), ...this.v6.rows()].sort((x, y) => y.txFrames + y.rxFrames - (x.txFrames + x.rxFrames));
  }
}

type Stat = ConversationStats | EndpointStats | ProtocolHierarchy | IoStat | FollowStream;

/** A statistic with display filters: tested on the frame's record, which comes after the frame itself. */
interface Filtered {
  stat: ConversationStats | EndpointStats | ProtocolHierarchy | IoStat;
  /** One filter (a table), or one per io,stat column (undefined: the column counts every frame). */
  filters: ReadonlyArray<CompiledFilter | undefined>;
}

/** What a filtered statistic needs of the frame whose record has not come yet. */
interface Pending {
  len: number;
  rel: number;
  d: Dissection;
  a: FrameAnalysis | CopyStream | undefined;
  app: AppProto | undefined;
  appCount: number;
}

/**
 * The statistics asked for, fed by the session's pass; render() prints them in the order given.
 *
 * A statistic with a display filter (`conv,tcp,FILTER`) counts a frame once its record is tested:
 * record() must follow each frame() (the session's onFrame, with the view of FrameViews built from the
 * conversations of an earlier pass: pe.role and the stream numbers need them). collectStats() does it.
 */
export class StatsCollector implements FrameObserver {
  private readonly stats: Stat[] = [];
  private readonly follows: FollowStream[] = [];
  private readonly filtered: Filtered[] = [];
  private pending: Pending | undefined;
  private first: { sec: number; nsec: number } | undefined;
  readonly streams: FrameObserver['streams'];

  /**
   * `displayFilter`: the run's -Y filter (it selects no frame for the statistics, as in tshark, but a
   * frame.* field in it shows in the hierarchy, see below).
   */
  constructor(
    specs: readonly StatSpec[],
    opts: { followBytes: number; statsRows?: number; displayFilter?: CompiledFilter },
  ) {
    const rows = opts.statsRows ?? Number.POSITIVE_INFINITY;
    const compiled = new Map<string, CompiledFilter>();
    const filter = (expr: string | undefined): CompiledFilter | undefined => {
      if (expr === undefined || expr === '') return undefined;
      let f = compiled.get(expr);
      if (!f) {
        f = compileFilter(expr);
        compiled.set(expr, f);
      }
      return f;
    };
    for (const s of specs) {
      if (s.kind === 'conv' || s.kind === 'endpoints' || s.kind === 'phs') filter(s.filter);
      else if (s.kind === 'iostat') for (const c of s.columns ?? []) filter(c);
    }
    // tshark 4.0 draws io,phs from `frame` down once a filter of the run (-Y or any -z) reads a frame.*
    // field: the filter makes the frame protocol a real node of the tree
    const reads = [...compiled.values(), ...(opts.displayFilter ? [opts.displayFilter] : [])];
    const phsFrame = reads.some((f) => [...f.fields].some((n) => n === 'frame' || n.startsWith('frame.')));
    for (const s of specs) {
      switch (s.kind) {
        case 'conv': {
          const c = new ConversationStats(s.table, rows, s.filter);
          this.stats.push(c);
          if (s.filter !== undefined) this.filtered.push({ stat: c, filters: [filter(s.filter)] });
          break;
        }
        case 'endpoints': {
          const e = new EndpointStats(s.table, rows, s.filter);
          this.stats.push(e);
          if (s.filter !== undefined) this.filtered.push({ stat: e, filters: [filter(s.filter)] });
          break;
        }
        case 'phs': {
          const h = new ProtocolHierarchy(s.filter, phsFrame);
          this.stats.push(h);
          if (s.filter !== undefined) this.filtered.push({ stat: h, filters: [filter(s.filter)] });
          break;
        }
        case 'iostat': {
          const io = new IoStat(s);
          this.stats.push(io);
          if (io.titles.some((t) => t !== '')) this.filtered.push({ stat: io, filters: io.titles.map(filter) });
          break;
        }
        case 'follow': {
          const f = new FollowStream(s, opts.followBytes);
          this.stats.push(f);
          this.follows.push(f);
          break;
        }
        default: {
          const never: never = s;
          throw new Error(`statistic ${JSON.stringify(never)}`);
        }
      }
    }
    this.streams = this.follows.some((f) => f.spec.proto === 'tcp')
      ? (info: ConversationInfo) => {
          const all = this.follows.map((f) => f.streams(info)).filter((x) => x !== undefined);
          if (all.length <= 1) return all[0];
          return { c2s: fanOut(all.map((x) => x.c2s!)), s2c: fanOut(all.map((x) => x.s2c!)) };
        }
      : undefined;
  }

  /** Whether a statistic has a display filter: each frame() must then be followed by record(). */
  get needsRecords(): boolean {
    return this.filtered.length > 0;
  }

  frame(
    raw: RawFrame,
    d: Dissection,
    a: FrameAnalysis | undefined,
    app: AppProto | undefined,
    copyOf?: CopyStream,
    appCount = 1,
  ): void {
    if (!this.first) this.first = { sec: raw.tsSec, nsec: raw.tsNsec };
    const rel = (raw.tsSec - this.first.sec) * 1e9 + (raw.tsNsec - this.first.nsec);
    for (const s of this.stats) {
      if (this.filtered.some((f) => f.stat === s)) continue;
      if (s instanceof FollowStream) s.frame(raw, d, a);
      else push(s, { len: raw.len, rel, d, a: a ?? copyOf, app, appCount });
    }
    if (this.filtered.length > 0) this.pending = { len: raw.len, rel, d, a: a ?? copyOf, app, appCount };
  }

  /** The record of the frame last given to frame(): the filtered statistics count it if it matches. */
  record(view: FrameView): void {
    const p = this.pending;
    if (!p) return;
    this.pending = undefined;
    const verdict = new Map<CompiledFilter, boolean>();
    const test = (f: CompiledFilter | undefined): boolean => {
      if (!f) return true;
      let v = verdict.get(f);
      if (v === undefined) {
        v = f.test(view);
        verdict.set(f, v);
      }
      return v;
    };
    for (const { stat, filters } of this.filtered) {
      if (stat instanceof IoStat) stat.push(p.rel, p.len, filters.map(test));
      else if (test(filters[0])) push(stat, p);
    }
  }

  /** The tables as tshark prints them: the last `-z` first (its taps are drawn newest first). */
  render(): string {
    return this.stats
      .map((s) => s.render())
      .reverse()
      .join('');
  }

  /** Lines for standard error: what a table had to leave out. */
  warnings(): string[] {
    return this.stats.flatMap((s) =>
      s instanceof FollowStream || s instanceof ConversationStats || s instanceof EndpointStats ? s.warnings() : [],
    );
  }
}

/** One frame counted by a table, a hierarchy or io,stat (every column). */
function push(s: ConversationStats | EndpointStats | ProtocolHierarchy | IoStat, p: Pending): void {
  if (s instanceof ConversationStats) s.push(p.d, p.a, p.len, p.rel);
  else if (s instanceof EndpointStats) s.push(p.d, p.len);
  else if (s instanceof ProtocolHierarchy) s.push(p.d, p.app, p.len, p.appCount);
  else s.push(p.rel, p.len);
}
