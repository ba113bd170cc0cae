/**
 * The HTML report's packet details: each frame as Wireshark's tree of protocols and fields, named as the
 * display-filter engine names them (src/filter/fields/*, so a name can be pasted into `-Y` or Wireshark)
 * with tshark's text of each value, and where each field's bytes lie in the frame (the dissectors' field
 * tables, FieldBytes) so that a click highlights them in the hexdump. A computed field (tcp.stream, tcp.len,
 * frame.*, the application fields read from reassembled messages, pe.*) has no byte range.
 *
 * Compact on purpose (it is embedded once per frame): field names are indexes into one list.
 */
import type { AppMessageRecord, ConversationRecord, FrameRecord } from '../analysis/model.js';
import { fieldBytes } from '../dissectors/registry.js';
import type { RawRecord } from '../explain/types.js';
import { formatValue } from '../filter/fields-output.js';
import { FIELD_TABLES, type FieldDef, FrameViews, messagesByFrame, type Value } from '../filter/index.js';
import { allModules } from '../protocols/registry.js';

/** A field: index into FieldTree.names, its value as tshark prints it, its bytes in the frame ([-1, 0]: none). */
export type TreeField = [name: number, value: string, offset: number, length: number];
/** A protocol: short name, Wireshark's title, its bytes in the frame ([-1, 0]: none), its fields. */
export type TreeLayer = [proto: string, title: string, offset: number, length: number, fields: TreeField[]];

export interface FieldTree {
  /** Field names, indexed by TreeField[0]. */
  names: string[];
  /** Per frame (same order as the frames given), its protocols. */
  frames: TreeLayer[][];
}

/** Wireshark's protocol titles, as its packet details show them (the application protocols': their field tables'). */
const TITLE: Readonly<Record<string, string>> = {
  frame: 'Frame',
  eth: 'Ethernet II',
  sll: 'Linux cooked capture',
  arp: 'Address Resolution Protocol',
  ip: 'Internet Protocol Version 4',
  ipv6: 'Internet Protocol Version 6',
  icmp: 'Internet Control Message Protocol',
  icmpv6: 'Internet Control Message Protocol v6',
  igmp: 'Internet Group Management Protocol',
  tcp: 'Transmission Control Protocol',
  udp: 'User Datagram Protocol',
  pe: 'pcap-explain',
};

const TABLE_TITLE: ReadonlyMap<string, string> = new Map(
  FIELD_TABLES.flatMap((t) => (t.title ? [[t.proto, t.title] as [string, string]] : [])),
);

/**
 * Fields Wireshark keeps out of the tree (hidden items: the "either side" duplicates of src/dst), and
 * pe.explain, which the detail shows above the tree.
 */
const HIDDEN = new Set(['eth.addr', 'ip.addr', 'ipv6.addr', 'tcp.port', 'udp.port', 'pe.explain']);

/** Protocols whose bytes are the frame's payload (the application layer: the protocol modules). */
const APP: ReadonlySet<string> = new Set(allModules().map((m) => m.name));

/** A value longer than this is cut (with …): the tree is embedded for every frame. */
const MAX_VALUE = 200;
/** Occurrences of one field shown per frame (a message of many parts); the rest are counted. */
const MAX_OCCURRENCES = 32;

/** The fields per protocol (the part of the name before the first dot), in the registry's order. */
const GROUPS: ReadonlyArray<readonly [string, readonly FieldDef[]]> = (() => {
  const m = new Map<string, FieldDef[]>();
  for (const t of FIELD_TABLES) {
    for (const f of t.fields) {
      const p = f.name.split('.')[0]!;
      const list = m.get(p);
      if (list) list.push(f);
      else m.set(p, [f]);
    }
  }
  return [...m];
})();

type RawLayers = RawRecord['layers'];

/** The bytes of a protocol in the frame: its header (or the payload, for an application protocol). */
function layerRange(proto: string, layers: RawLayers, total: number): [number, number] {
  if (proto === 'frame') return total > 0 ? [0, total] : [-1, 0];
  if (proto === 'pe') return [-1, 0];
  const name = APP.has(proto) ? ['payload', 'data'] : [proto];
  const l = layers.find((x) => name.includes(x.name));
  return l ? [l.offset, l.length] : [-1, 0];
}

function cut(s: string): string {
  return s.length > MAX_VALUE ? `${s.slice(0, MAX_VALUE - 1)}…` : s;
}

/**
 * The field tree of every frame of a finished model (frames in capture order, possibly a selection).
 * `messages`: the application messages by the frame completing them, when not the records' lists (a
 * streamed report, whose records list only some).
 */
export function fieldTree(
  frames: readonly FrameRecord[],
  conversations: readonly ConversationRecord[],
  messages?: ReadonlyMap<number, readonly AppMessageRecord[]>,
): FieldTree {
  const names: string[] = [];
  const index = new Map<string, number>();
  const nameIndex = (n: string): number => {
    let i = index.get(n);
    if (i === undefined) {
      i = names.length;
      names.push(n);
      index.set(n, i);
    }
    return i;
  };
  const convById = new Map(conversations.map((c) => [c.id, c]));
  const views = new FrameViews(convById);
  const msgs = messages ?? messagesByFrame(conversations);
  // frame.time_delta is "since the previous captured frame": a selection's list does not have it
  const whole = frames.every((f, i) => f.n === i + 1);
  const values: Value[] = [];
  const out: TreeLayer[][] = [];
  for (const f of frames) {
    const v = views.next(f, msgs.get(f.n));
    const raw = (f as FrameRecord & { raw?: RawRecord }).raw;
    const layers = raw?.layers ?? [];
    const total = raw ? Math.floor((raw.bytes.length * 3) / 4) - (raw.bytes.match(/=*$/)?.[0].length ?? 0) : 0;
    const tree: TreeLayer[] = [];
    for (const [proto, defs] of GROUPS) {
      const head = defs.find((d) => d.name === proto);
      if (head && proto !== 'frame') {
        values.length = 0;
        head.get(v, values);
        if (values.length === 0) continue;
      }
      const [lo, ll] = layerRange(proto, layers, total);
      const raws = layers.find((x) => x.name === proto);
      const bytes = raws ? fieldBytes(proto, raws.length) : undefined;
      const rows: TreeField[] = [];
      for (const d of defs) {
        if (d === head || HIDDEN.has(d.name)) continue;
        if (d.name === 'frame.time_delta' && !whole) continue;
        values.length = 0;
        d.get(v, values);
        const at = bytes?.[d.name];
        const off = at && raws && at[0] + at[1] <= raws.length ? raws.offset + at[0] : -1;
        for (const x of values.slice(0, MAX_OCCURRENCES)) {
          rows.push([nameIndex(d.name), cut(formatValue(d, x)), off, off >= 0 ? at![1] : 0]);
        }
        if (values.length > MAX_OCCURRENCES) {
          rows.push([nameIndex(d.name), `… (${values.length - MAX_OCCURRENCES} more)`, -1, 0]);
        }
      }
      if (proto === 'pe' && rows.length === 0) continue;
      tree.push([proto, TITLE[proto] ?? TABLE_TITLE.get(proto) ?? proto, lo, ll, rows]);
    }
    out.push(tree);
  }
  return { names, frames: out };
}
