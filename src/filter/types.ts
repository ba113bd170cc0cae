/**
 * The display-filter engine's shared types: the view of one frame that fields read, field definitions
 * (one list per protocol, gathered by registry.ts) and the values a field yields.
 */
import type { AppMessageRecord, ConversationRecord, FrameRecord } from '../analysis/model.js';

/**
 * What a field reads of one frame: the frame record, its conversation record (the finished one, from the
 * first pass, so roles and pattern are known), the application messages this frame completed (full
 * records: client ids, headers, message parts), and the time since the previous captured frame.
 */
export interface FrameView {
  f: FrameRecord;
  conv: ConversationRecord | undefined;
  msgs: readonly AppMessageRecord[];
  /** frame.time_delta: seconds since the previous captured frame (0 for the first). */
  delta: number;
}

/**
 * Wireshark's field types, as far as pcap-explain has them:
 * - protocol: presence only (`tcp`), like FT_PROTOCOL;
 * - none: a flag that is present or not (`tcp.analysis.retransmission`), like FT_NONE;
 * - uint / int: integers (literals decimal, 0x hex, 0 octal), shown by `base`;
 * - bool: 1 or 0 (literals 1, 0, true, false);
 * - float: seconds and other decimals (`frame.time_relative`);
 * - string: text (==, contains, matches);
 * - ipv4, ipv6: addresses (CIDR literals `10.0.0.0/8`); ether: MAC addresses.
 */
export type FieldType = 'protocol' | 'none' | 'uint' | 'int' | 'bool' | 'float' | 'string' | 'ipv4' | 'ipv6' | 'ether';

/** One occurrence of a field: a number (uint, int, bool, float) or a string (the rest, addresses as text). */
export type Value = number | string;

export interface FieldDef {
  /** Wireshark's field name (`tcp.srcport`), or pcap-explain's own (`pe.role`). */
  readonly name: string;
  readonly type: FieldType;
  /** One line for docs/filters.md and `--help`. */
  readonly describe: string;
  /** How tshark -T fields prints a uint: decimal (default), or hex with this many digits (`0x0018`). */
  readonly hex?: number;
  /** float: decimals tshark prints (frame.time_relative: 9). */
  readonly decimals?: number;
  /** protocol/none: what tshark -T fields prints when present (default: nothing). */
  readonly shown?: string;
  /** Pushes this frame's occurrences of the field onto `out` (a protocol or flag pushes one 1 when present). */
  readonly get: (v: FrameView, out: Value[]) => void;
}

/** A protocol's fields, as one registry entry (a per-protocol folder can later hold its own list). */
export interface FieldTable {
  /** Protocol short name (Wireshark's), or `pe` for pcap-explain's own fields. */
  readonly proto: string;
  /** The protocol's title as Wireshark's packet details show it ("Hypertext Transfer Protocol"). */
  readonly title?: string;
  readonly fields: readonly FieldDef[];
}

/** A filter that cannot be compiled: why, and where (0-based character offset in the expression). */
export class FilterError extends Error {
  constructor(
    message: string,
    readonly pos: number,
  ) {
    super(message);
    this.name = 'FilterError';
  }
}
