/**
 * ARP (RFC 826, ethertype 0x0806) and RARP (RFC 903, ethertype 0x8035).
 *
 *   0        2        4      5      6        8      8+hlen  8+hlen+plen  ...
 *   | hwtype | ptype  | hlen | plen | opcode | sha  | spa   | tha | tpa |
 *
 * Addresses are decoded for Ethernet/IPv4 (hwtype 1, ptype 0x0800, hlen 6, plen 4) only; any other
 * combination is noted (`arp.unsupported`) and the packet ends as data.
 */
import { ipv4, mac, u16 } from './bytes.js';
import type { ArpOp, Dissect, DissectorDef } from './types.js';

// Fixed part
const HWTYPE = 0; // 0..2
const PTYPE = 2; // 2..4
const HLEN = 4;
const PLEN = 5;
const OPCODE = 6; // 6..8
const FIXED_LEN = 8;

// Ethernet/IPv4 addresses
const SHA = 8; // 8..14
const SPA = 14; // 14..18
const THA = 18; // 18..24
const TPA = 24; // 24..28
const ETH_IPV4_LEN = 28;

const HW_ETHERNET = 1;
const PTYPE_IPV4 = 0x0800;

const OPS: readonly ArpOp[] = ['unknown', 'request', 'reply', 'rarp-request', 'rarp-reply'];

const dissectArp: Dissect = (b, off, end, f) => {
  const avail = end - off;
  if (avail < FIXED_LEN) {
    f.markTruncated();
    f.note('arp.truncated', { needed: FIXED_LEN, available: avail }, off, avail);
    return undefined;
  }
  const hwtype = u16(b, off + HWTYPE);
  const ptype = u16(b, off + PTYPE);
  const hlen = b[off + HLEN]!;
  const plen = b[off + PLEN]!;
  if (hwtype !== HW_ETHERNET || ptype !== PTYPE_IPV4 || hlen !== 6 || plen !== 4) {
    f.note('arp.unsupported', { hwtype, ptype, hlen, plen }, off, FIXED_LEN);
    f.layers.push({ kind: 'data', length: avail });
    f.setPayload(off, avail);
    return undefined;
  }
  if (avail < ETH_IPV4_LEN) {
    f.markTruncated();
    f.note('arp.truncated', { needed: ETH_IPV4_LEN, available: avail }, off, avail);
    return undefined;
  }
  const opcode = u16(b, off + OPCODE);
  const op = opcode < OPS.length ? OPS[opcode]! : 'unknown';
  const sender_ip = ipv4(b, off + SPA);
  const target_ip = ipv4(b, off + TPA);
  const unspecified = sender_ip === '0.0.0.0';
  f.layers.push({
    kind: 'arp',
    hwtype,
    ptype,
    opcode,
    op,
    sender_mac: mac(b, off + SHA),
    sender_ip,
    target_mac: mac(b, off + THA),
    target_ip,
    // Announcement / gratuitous ARP: a host states its own address (RFC 5227 §2.3).
    gratuitous: !unspecified && sender_ip === target_ip,
    // Address conflict probe: a request from 0.0.0.0 (RFC 5227 §2.1.1).
    probe: opcode === 1 && unspecified,
  });
  // Whatever follows the 28 bytes is Ethernet padding, not a payload.
  return undefined;
};

export const defs: readonly DissectorDef[] = [
  {
    name: 'arp',
    registrations: [
      { table: 'ethertype', key: 0x0806 },
      { table: 'ethertype', key: 0x8035 }, // RARP
    ],
    notes: { 'arp.truncated': 'warn', 'arp.unsupported': 'note' },
    dissect: dissectArp,
    // the places of Ethernet and IPv4 addresses (hlen 6, plen 4), the only ones decoded
    fields: {
      'arp.opcode': [OPCODE, 2],
      'arp.src.hw_mac': [SHA, 6],
      'arp.src.proto_ipv4': [SPA, 4],
      'arp.dst.hw_mac': [THA, 6],
      'arp.dst.proto_ipv4': [TPA, 4],
    },
  },
];
