/**
 * tshark's `-z conv,tcp|udp|ip|ipv6` and `-z endpoints,ip|ipv6|tcp|udp` (ui/cli/tap-iousers.c and
 * tap-endpoints.c, tshark 4.0 layouts). One row of counters per conversation or endpoint, nothing per frame.
 *
 * As tshark: a conversation's A side is the source of its first frame; "<-" counts the frames towards A,
 * "->" those from A; TCP and UDP rows are tshark's streams (tcp.stream / udp.stream), so a reused port pair
 * is a new row; rows are sorted by total frames, most first, ties in order of first appearance; bytes are
 * frame lengths on the wire (frame.len); "Relative Start" is seconds since the capture's first frame.
 */

import type { FrameAnalysis } from '../analysis/conversations.js';
import type { Dissection } from '../dissectors/types.js';
import { formatSize, left, right, secondsNs9 } from './format.js';

export type ConvTable = 'tcp' | 'udp' | 'ip' | 'ipv6';
export const CONV_TABLES: readonly ConvTable[] = ['tcp', 'udp', 'ip', 'ipv6'];

const TITLE: Record<ConvTable, string> = { tcp: 'TCP', udp: 'UDP', ip: 'IPv4', ipv6: 'IPv6' };
const RULE = '='.repeat(80);
/** Keys of left-out conversations remembered (to count them once); past it each frame is just counted. */
const DROPPED_KEYS = 1024;

interface ConvRow {
  a: string;
  b: string;
  /** Frames and bytes from A (tx) and towards A (rx). */
  txFrames: number;
  txBytes: number;
  rxFrames: number;
  rxBytes: number;
  /** Nanoseconds since the capture's first frame. */
  start: number;
  stop: number;
}

/** The endpoint strings of a frame for a table, or undefined when the frame has no such layer. */
function ends(table: ConvTable, d: Dissection): [string, string] | undefined {
  for (const l of d.layers) {
    if (table === 'ip' && l.kind === 'ip') return [l.src, l.dst];
    if (table === 'ipv6' && l.kind === 'ipv6') return [l.src, l.dst];
    if ((table === 'tcp' && l.kind === 'tcp') || (table === 'udp' && l.kind === 'udp')) {
      const net = d.net;
      if (!net) return undefined;
      return [`${net.src}:${l.srcport}`, `${net.dst}:${l.dstport}`];
    }
  }
  return undefined;
}

/** Sorted as tshark draws them: most frames first, ties in order of first appearance. */
function byFrames<T>(rows: readonly T[], frames: (r: T) => number): T[] {
  return rows
    .map((r, i) => ({ r, i }))
    .sort((x, y) => frames(y.r) - frames(x.r) || x.i - y.i)
    .map((x) => x.r);
}

export class ConversationStats {
  private readonly rows: ConvRow[] = [];
  private readonly byKey = new Map<string, ConvRow>();
  /** Conversations and frames left out once the table had maxRows rows. */
  private droppedRows = 0;
  private droppedFrames = 0;
  private readonly dropped = new Set<string>();

  constructor(
    readonly table: ConvTable,
    private readonly maxRows: number = Number.POSITIVE_INFINITY,
    /** The display filter of `-z TABLE,FILTER` (for the title; the caller pushes only what it matches). */
    private readonly filter?: string,
  ) {}

  push(d: Dissection, a: Pick<FrameAnalysis, 'transport' | 'stream'> | undefined, len: number, rel: number): void {
    const e = ends(this.table, d);
    if (!e) return;
    const [src, dst] = e;
    let key: string;
    if ((this.table === 'tcp' || this.table === 'udp') && a && a.transport === this.table) key = `s${a.stream}`;
    else key = src < dst ? `${src} ${dst}` : `${dst} ${src}`;
    let row = this.byKey.get(key);
    if (!row && this.rows.length >= this.maxRows) {
      if (!this.dropped.has(key) && this.dropped.size < DROPPED_KEYS) {
        this.dropped.add(key);
        this.droppedRows++;
      }
      this.droppedFrames++;
      return;
    }
    if (!row) {
      row = { a: src, b: dst, txFrames: 0, txBytes: 0, rxFrames: 0, rxBytes: 0, start: rel, stop: rel };
      this.byKey.set(key, row);
      this.rows.push(row);
    } else if (rel > row.stop) row.stop = rel;
    else if (rel < row.start) row.start = rel;
    if (src === row.a) {
      row.txFrames++;
      row.txBytes += len;
    } else {
      row.rxFrames++;
      row.rxBytes += len;
    }
  }

  /** What the table leaves out (for standard error; tshark lists every conversation). */
  warnings(): string[] {
    if (this.droppedFrames === 0) return [];
    return [
      `conv,${this.table}: ${this.droppedRows < DROPPED_KEYS ? '' : 'at least '}${this.droppedRows} conversations (${this.droppedFrames} frames) beyond the first ${this.maxRows} are not listed (limit stats-rows)`,
    ];
  }

  render(): string {
    const ports = this.table === 'tcp' || this.table === 'udp';
    const pad = ports ? ' '.repeat(12) : '';
    const w = ports ? 26 : 20;
    let out = `${RULE}\n${TITLE[this.table]} Conversations\nFilter:${this.filter ?? '<No Filter>'}\n`;
    out += `${pad}                                               |       <-      | |       ->      | |     Total     |    Relative    |   Duration   |\n`;
    out += `${pad}                                               | Frames  Bytes | | Frames  Bytes | | Frames  Bytes |      Start     |              |\n`;
    for (const r of byFrames(this.rows, (x) => x.txFrames + x.rxFrames)) {
      const dur = sec(r.stop) - sec(r.start);
      out +=
        `${left(r.a, w)} <-> ${left(r.b, w)}  ${right(r.rxFrames, 6)} ${left(formatSize(r.rxBytes), 9)}` +
        `  ${right(r.txFrames, 6)} ${left(formatSize(r.txBytes), 9)}` +
        `  ${right(r.txFrames + r.rxFrames, 6)} ${left(formatSize(r.txBytes + r.rxBytes), 9)}  ` +
        `${right(secondsNs9(r.start), 14)}   ${right(dur.toFixed(4), 12)}\n`;
    }
    return `${out}${RULE}\n`;
  }
}

/** nstime_to_sec: whole seconds plus nanoseconds / 1e9, as tshark subtracts them. */
function sec(ns: number): number {
  const s = Math.floor(ns / 1e9);
  return s + (ns - s * 1e9) / 1e9;
}

export type EndpointTable = ConvTable;

export interface EndpointRowStats {
  name: string;
  port?: number;
  txFrames: number;
  txBytes: number;
  rxFrames: number;
  rxBytes: number;
}

type EndpointRow = EndpointRowStats;

export class EndpointStats {
  private readonly list: EndpointRow[] = [];
  private readonly byKey = new Map<string, EndpointRow>();
  private droppedFrames = 0;

  constructor(
    readonly table: EndpointTable,
    private readonly maxRows: number = Number.POSITIVE_INFINITY,
    /** The display filter of `-z endpoints,TABLE,FILTER` (for the title). */
    private readonly filter?: string,
  ) {}

  /** What the table leaves out (for standard error). */
  warnings(): string[] {
    if (this.droppedFrames === 0) return [];
    return [
      `endpoints,${this.table}: ${this.droppedFrames} frames to or from endpoints beyond the first ${this.maxRows} are not fully counted (limit stats-rows)`,
    ];
  }

  private row(addr: string, port: number | undefined): EndpointRow | undefined {
    const key = port === undefined ? addr : `${addr} ${port}`;
    let r = this.byKey.get(key);
    if (!r) {
      if (this.list.length >= this.maxRows) return undefined;
      r = { name: addr, txFrames: 0, txBytes: 0, rxFrames: 0, rxBytes: 0 };
      if (port !== undefined) r.port = port;
      this.byKey.set(key, r);
      this.list.push(r);
    }
    return r;
  }

  push(d: Dissection, len: number): void {
    for (const l of d.layers) {
      let src: EndpointRow | undefined;
      let dst: EndpointRow | undefined;
      if ((this.table === 'ip' && l.kind === 'ip') || (this.table === 'ipv6' && l.kind === 'ipv6')) {
        src = this.row(l.src, undefined);
        dst = this.row(l.dst, undefined);
      } else if ((this.table === 'tcp' && l.kind === 'tcp') || (this.table === 'udp' && l.kind === 'udp')) {
        if (!d.net) return;
        src = this.row(d.net.src, l.srcport);
        dst = this.row(d.net.dst, l.dstport);
      } else continue;
      if (!src || !dst) this.droppedFrames++;
      if (src) {
        src.txFrames++;
        src.txBytes += len;
      }
      if (dst) {
        dst.rxFrames++;
        dst.rxBytes += len;
      }
      return;
    }
  }

  /** The rows, busiest first (ties in order of first appearance). */
  rows(): readonly EndpointRowStats[] {
    return byFrames(this.list, (x) => x.txFrames + x.rxFrames);
  }

  render(): string {
    const ports = this.table === 'tcp' || this.table === 'udp';
    let out = `${RULE}\n${TITLE[this.table]} Endpoints\nFilter:${this.filter ?? '<No Filter>'}\n`;
    out += `                       |  ${ports ? 'Port  ||  ' : ''}Packets  | |  Bytes  | | Tx Packets | | Tx Bytes | | Rx Packets | | Rx Bytes |\n`;
    for (const r of this.rows()) {
      out +=
        `${left(r.name, 20)}      ${ports ? `${right(r.port ?? 0, 5)}     ` : ''}${right(r.txFrames + r.rxFrames, 6)}` +
        `     ${right(r.txBytes + r.rxBytes, 9)}     ${right(r.txFrames, 6)}       ${right(r.txBytes, 9)}` +
        `      ${right(r.rxFrames, 6)}       ${right(r.rxBytes, 9)}   \n`;
    }
    return `${out}${RULE}\n`;
  }
}
