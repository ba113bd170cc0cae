/**
 * Linux cooked capture ("any" device): SLL v1 (linktype 113) and SLL v2 (linktype 276).
 * Both continue in the ethertype table with the protocol field.
 *
 * SLL v1 (16 bytes):
 *   0         2        4        6                 14         16
 *   | pkttype | hatype | halen  | address (8)     | protocol |
 *
 * SLL v2 (20 bytes):
 *   0          2          4         8        10        11      12             20
 *   | protocol | reserved | ifindex | hatype | pkttype | halen | address (8) |
 */
import { hex, mac, u16, u32 } from './bytes.js';
import type { Dissect, DissectorDef } from './types.js';

// SLL v1 field table
const V1_PKTTYPE = 0; // 0..2
const V1_HATYPE = 2; // 2..4
const V1_HALEN = 4; // 4..6
const V1_ADDR = 6; // 6..14
const V1_PROTOCOL = 14; // 14..16
const V1_HDR_LEN = 16;

// SLL v2 field table
const V2_PROTOCOL = 0; // 0..2
// 2..4 reserved
const V2_IFINDEX = 4; // 4..8
const V2_HATYPE = 8; // 8..10
const V2_PKTTYPE = 10;
const V2_HALEN = 11;
const V2_ADDR = 12; // 12..20
const V2_HDR_LEN = 20;

/** The address field holds 8 bytes; a longer halen is cut to what the header can hold (as Wireshark does). */
const ADDR_FIELD_LEN = 8;

/** Link-layer address as text: a MAC for 6-byte addresses, colon-separated hex otherwise. */
function linkAddr(b: Uint8Array, o: number, halen: number): string {
  const n = Math.min(halen, ADDR_FIELD_LEN);
  return n === 6 ? mac(b, o) : hex(b, o, n, ':');
}

const dissectSll1: Dissect = (b, off, end, f) => {
  const avail = end - off;
  if (avail < V1_HDR_LEN) {
    f.markTruncated();
    f.note('sll.truncated', { needed: V1_HDR_LEN, available: avail }, off, avail);
    return undefined;
  }
  const protocol = u16(b, off + V1_PROTOCOL);
  f.layers.push({
    kind: 'sll',
    version: 1,
    pkttype: u16(b, off + V1_PKTTYPE),
    hatype: u16(b, off + V1_HATYPE),
    src: linkAddr(b, off + V1_ADDR, u16(b, off + V1_HALEN)),
    protocol,
  });
  return { table: 'ethertype', key: protocol, off: off + V1_HDR_LEN, end };
};

const dissectSll2: Dissect = (b, off, end, f) => {
  const avail = end - off;
  if (avail < V2_HDR_LEN) {
    f.markTruncated();
    f.note('sll.truncated', { needed: V2_HDR_LEN, available: avail }, off, avail);
    return undefined;
  }
  const protocol = u16(b, off + V2_PROTOCOL);
  f.layers.push({
    kind: 'sll',
    version: 2,
    pkttype: b[off + V2_PKTTYPE]!,
    hatype: u16(b, off + V2_HATYPE),
    src: linkAddr(b, off + V2_ADDR, b[off + V2_HALEN]!),
    protocol,
    ifindex: u32(b, off + V2_IFINDEX),
  });
  return { table: 'ethertype', key: protocol, off: off + V2_HDR_LEN, end };
};

const notes = { 'sll.truncated': 'warn' } as const;

export const defs: readonly DissectorDef[] = [
  {
    name: 'sll',
    registrations: [{ table: 'linktype', key: 113 }],
    notes,
    dissect: dissectSll1,
    fields: { 'sll.pkttype': [V1_PKTTYPE, 2], 'sll.src.eth': [V1_ADDR, 6] },
  },
  {
    name: 'sll',
    registrations: [{ table: 'linktype', key: 276 }],
    notes,
    dissect: dissectSll2,
    fields: { 'sll.ifindex': [V2_IFINDEX, 4], 'sll.pkttype': [V2_PKTTYPE, 1], 'sll.src.eth': [V2_ADDR, 6] },
  },
];
