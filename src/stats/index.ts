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
import { CONV_TABLES, ConversationStats, type ConvTable, type EndpointRowStats, EndpointStats } from './conv.js';
import { type FollowMode, FollowStream } from './follow.js';
import { IoStat, type IoStatSpec, parseInterval } from './iostat.js';
import { ProtocolHierarchy } from './phs.js';

export type StatSpec =
  | { kind: 'conv'; table: ConvTable }
  | { kind: 'endpoints'; table: ConvTable }
  | { kind: 'phs' }
  | ({ kind: 'iostat' } & IoStatSpec)
  | { kind: 'follow'; proto: 'tcp' | 'udp'; mode: FollowMode; stream: number };

/** What `-z` accepts, for messages and --help. */
export const STAT_USAGE =
  'conv,tcp|udp|ip|ipv6  endpoints,ip|ipv6|tcp|udp  io,phs  io,stat,INTERVAL  follow,tcp|udp,ascii|hex|raw,STREAM';

/** One `-z` argument as tshark spells it; a string is the usage error (one line). */
export function parseStat(arg: string): StatSpec | string {
  const p = arg.split(',');
  const [a, b] = p;
  if ((a === 'conv' || a === 'endpoints') && p.length === 2 && CONV_TABLES.includes(b as ConvTable)) {
    return { kind: a, table: b as ConvTable };
  }
  if ((a === 'conv' || a === 'endpoints') && p.length > 2 && CONV_TABLES.includes(b as ConvTable)) {
    return `-z ${arg}: a display filter after the table is not supported yet (give -z ${a},${b})`;
  }
  if (a === 'io' && b === 'phs') {
    if (p.length === 2) return { kind: 'phs' };
    return `-z ${arg}: a display filter after io,phs is not supported yet (give -z io,phs)`;
  }
  if (a === 'io' && b === 'stat' && p.length >= 3) {
    const iv = parseInterval(p[2]!);
    if (!iv) return `-z ${arg}: INTERVAL must be seconds, e.g. 1 or 0.5 (got '${p[2]}')`;
    if (p.length > 3 && p.slice(3).some((x) => x !== '')) {
      return `-z ${arg}: io,stat columns with a display filter are not supported yet (give -z io,stat,${p[2]})`;
    }
    return { kind: 'iostat', ...iv };
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
  ): void {
    if (d.net) (d.net.version === 4 ? this.v4 : this.v6).push(d, raw.len);
    this.next?.frame(raw, d, a, app, copyOf);
  }

  /** Every address, busiest first (IPv4 before IPv6 on ties). */
  rows(): EndpointRowStats[] {
    return [...this.v4.rows(), ...this.v6.rows()].sort((x, y) => y.txFrames + y.rxFrames - (x.txFrames + x.rxFrames));
  }
}

type Stat = ConversationStats | EndpointStats | ProtocolHierarchy | IoStat | FollowStream;

/** The statistics asked for, fed by the session's pass; render() prints them in the order given. */
export class StatsCollector implements FrameObserver {
  private readonly stats: Stat[] = [];
  private readonly follows: FollowStream[] = [];
  private first: { sec: number; nsec: number } | undefined;
  readonly streams: FrameObserver['streams'];

  constructor(specs: readonly StatSpec[], opts: { followBytes: number; statsRows?: number }) {
    const rows = opts.statsRows ?? Number.POSITIVE_INFINITY;
    for (const s of specs) {
      switch (s.kind) {
        case 'conv':
          this.stats.push(new ConversationStats(s.table, rows));
          break;
        case 'endpoints':
          this.stats.push(new EndpointStats(s.table, rows));
          break;
        case 'phs':
          this.stats.push(new ProtocolHierarchy());
          break;
        case 'iostat':
          this.stats.push(new IoStat(s));
          break;
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

  frame(
    raw: RawFrame,
    d: Dissection,
    a: FrameAnalysis | undefined,
    app: AppProto | undefined,
    copyOf?: CopyStream,
  ): void {
    if (!this.first) this.first = { sec: raw.tsSec, nsec: raw.tsNsec };
    const rel = (raw.tsSec - this.first.sec) * 1e9 + (raw.tsNsec - this.first.nsec);
    for (const s of this.stats) {
      if (s instanceof ConversationStats) s.push(d, a ?? copyOf, raw.len, rel);
      else if (s instanceof EndpointStats) s.push(d, raw.len);
      else if (s instanceof ProtocolHierarchy) s.push(d, app, raw.len);
      else if (s instanceof IoStat) s.push(rel, raw.len);
      else s.frame(raw, d, a);
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
