/**
 * Ethernet II / IEEE 802.3 (linktype 1) and IEEE 802.1Q / 802.1ad VLAN tags (ethertype 0x8100, 0x88a8, 0x9100).
 *
 * Ethernet header (IEEE 802.3 clause 3):
 *
 *   0       6       12     14
 *   +-------+-------+------+---------
 *   |  dst  |  src  | type | payload     type >= 0x0600: EtherType; type < 0x0600: 802.3 length
 *   +-------+-------+------+---------
 *
 * VLAN tag (after the TPID, which is the type field of the header before it):
 *
 *   0                 2      4
 *   +-----+---+-------+------+
 *   | PCP |DEI|  VID  | type |
 *   +-----+---+-------+------+
 */
import { mac, u16 } from './bytes.js';
import type { Dissect, DissectorDef, FrameBuilder } from './types.js';

// Ethernet field table (offsets from the start of the header)
const ETH_DST = 0; // 0..6
const ETH_SRC = 6; // 6..12
const ETH_TYPE = 12; // 12..14
const ETH_HDR_LEN = 14;

// VLAN tag field table
const VLAN_TCI = 0; // 0..2: PCP(3) DEI(1) VID(12)
const VLAN_TYPE = 2; // 2..4
const VLAN_HDR_LEN = 4;

/** Type/length values below this are an IEEE 802.3 length, not an EtherType. */
const ETHERTYPE_MIN = 0x0600;
/** More stacked tags than this is not a real network (QinQ uses 2): stop instead of looping. */
const MAX_VLAN_TAGS = 8;

const TPID_8021Q = 0x8100;

/** The remainder of the frame as undecoded data, which is also the frame's payload. */
function endAsData(f: FrameBuilder, off: number, length: number): undefined {
  if (length > 0) f.layers.push({ kind: 'data', length });
  f.setPayload(off, length);
  return undefined;
}

/**
 * An 802.3 length frame (type < 0x0600): the payload (an LLC PDU) is `len` bytes; what follows is padding.
 * LLC is not decoded: the payload ends as data.
 */
function lengthFrame(f: FrameBuilder, code: string, off: number, end: number, len: number): undefined {
  let stop = off + len;
  if (stop > end) {
    f.note(code, { length: len, available: end - off }, off - 2, 2);
    stop = end;
  }
  return endAsData(f, off, stop - off);
}

const dissectEth: Dissect = (b, off, end, f) => {
  const avail = end - off;
  if (avail < ETH_HDR_LEN) {
    f.markTruncated();
    f.note('eth.truncated', { needed: ETH_HDR_LEN, available: avail }, off, avail);
    return undefined;
  }
  const type = u16(b, off + ETH_TYPE);
  f.layers.push({ kind: 'eth', src: mac(b, off + ETH_SRC), dst: mac(b, off + ETH_DST), type });
  const p = off + ETH_HDR_LEN;
  if (type < ETHERTYPE_MIN) return lengthFrame(f, 'eth.len.past_end', p, end, type);
  return { table: 'ethertype', key: type, off: p, end };
};

const dissectVlan: Dissect = (b, off, end, f) => {
  const avail = end - off;
  if (avail < VLAN_HDR_LEN) {
    f.markTruncated();
    f.note('vlan.truncated', { needed: VLAN_HDR_LEN, available: avail }, off, avail);
    return undefined;
  }
  // The TPID is the type field of the header before this tag (Ethernet, an outer tag, or Linux cooked).
  const layers = f.layers;
  let tpid = TPID_8021Q;
  let tags = 0;
  for (let i = 0; i < layers.length; i++) {
    const l = layers[i]!;
    if (l.kind === 'vlan') tags++;
    if (i === layers.length - 1) {
      if (l.kind === 'eth' || l.kind === 'vlan') tpid = l.type;
      else if (l.kind === 'sll') tpid = l.protocol;
    }
  }
  if (tags >= MAX_VLAN_TAGS) {
    f.note('vlan.too_many_tags', { max: MAX_VLAN_TAGS }, off, VLAN_HDR_LEN);
    return endAsData(f, off, avail);
  }
  const tci = u16(b, off + VLAN_TCI);
  const type = u16(b, off + VLAN_TYPE);
  f.layers.push({ kind: 'vlan', tpid, id: tci & 0x0fff, priority: tci >>> 13, dei: (tci >>> 12) & 1, type });
  const p = off + VLAN_HDR_LEN;
  if (type < ETHERTYPE_MIN) return lengthFrame(f, 'vlan.len.past_end', p, end, type);
  return { table: 'ethertype', key: type, off: p, end };
};

export const defs: readonly DissectorDef[] = [
  {
    name: 'eth',
    registrations: [{ table: 'linktype', key: 1 }],
    notes: {
      'eth.truncated': 'warn',
      // Wireshark: "Length field value goes past the end of the payload"
      'eth.len.past_end': 'warn',
    },
    dissect: dissectEth,
    fields: { 'eth.dst': [ETH_DST, 6], 'eth.src': [ETH_SRC, 6], 'eth.type': [ETH_TYPE, 2] },
  },
  {
    name: 'vlan',
    registrations: [
      { table: 'ethertype', key: 0x8100 }, // IEEE 802.1Q
      { table: 'ethertype', key: 0x88a8 }, // IEEE 802.1ad (QinQ service tag)
      { table: 'ethertype', key: 0x9100 }, // pre-standard QinQ
    ],
    notes: {
      'vlan.truncated': 'warn',
      'vlan.len.past_end': 'warn',
      'vlan.too_many_tags': 'warn',
    },
    dissect: dissectVlan,
  },
];
