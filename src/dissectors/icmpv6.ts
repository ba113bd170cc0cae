/**
 * ICMPv6 (RFC 4443, Neighbor Discovery RFC 4861, MLD RFC 2710/3810), ip.proto 58.
 * Type and code names as Wireshark shows them.
 *
 *   0      1      2          4                 8              24
 *   | type | code | checksum | ident  | seq    |                   (echo request/reply)
 *   | type | code | checksum | flags/reserved  | target address |  (NS, NA, Redirect)
 *
 * Error messages quote the offending packet; it is not dissected further.
 */
import { ipv6, u16 } from './bytes.js';
import type { Dissect, DissectorDef, Icmpv6Layer } from './types.js';

// Field table
const TYPE = 0;
const CODE = 1;
// 2..4 checksum (not verified)
const IDENT = 4; // 4..6
const SEQ = 6; // 6..8
const TARGET = 8; // 8..24
const HDR_MIN = 4;
const HDR_ECHO = 8;
const HDR_ND_TARGET = 24;

const ECHO_REQUEST = 128;
const ECHO_REPLY = 129;
const NEIGHBOR_SOLICIT = 135;
const NEIGHBOR_ADVERT = 136;
const REDIRECT = 137;

const TYPE_NAMES: Readonly<Record<number, string>> = {
  1: 'Destination Unreachable',
  2: 'Packet Too Big',
  3: 'Time Exceeded',
  4: 'Parameter Problem',
  100: 'Private experimentation',
  101: 'Private experimentation',
  127: 'Reserved for expansion of ICMPv6 error messages',
  128: 'Echo (ping) request',
  129: 'Echo (ping) reply',
  130: 'Multicast Listener Query',
  131: 'Multicast Listener Report',
  132: 'Multicast Listener Done',
  133: 'Router Solicitation',
  134: 'Router Advertisement',
  135: 'Neighbor Solicitation',
  136: 'Neighbor Advertisement',
  137: 'Redirect',
  138: 'Router Renumbering',
  139: 'Node Information Query',
  140: 'Node Information Reply',
  141: 'Inverse Neighbor Discovery Solicitation',
  142: 'Inverse Neighbor Discovery Advertisement',
  143: 'Multicast Listener Report Message v2',
  144: 'Home Agent Address Discovery Request',
  145: 'Home Agent Address Discovery Reply',
  146: 'Mobile Prefix Solicitation',
  147: 'Mobile Prefix Advertisement',
  148: 'Certification Path Solicitation',
  149: 'Certification Path Advertisement',
  150: 'Experimental Mobility',
  151: 'Multicast Router Advertisement',
  152: 'Multicast Router Solicitation',
  153: 'Multicast Router Termination',
  154: 'FMIPv6',
  155: 'RPL Control',
  200: 'Private experimentation',
  201: 'Private experimentation',
  255: 'Reserved for expansion of ICMPv6 informational messages',
};

const CODE_NAMES: Readonly<Record<number, readonly string[]>> = {
  1: [
    'no route to destination',
    'Administratively prohibited',
    'Beyond scope of source address',
    'Address unreachable',
    'Port unreachable',
    'Source address failed ingress/egress policy',
    'Reject route to destination',
    'Error in Source Routing Header',
  ],
  3: ['hop limit exceeded in transit', 'fragment reassembly time exceeded'],
  4: [
    'erroneous header field encountered',
    'unrecognized Next Header type encountered',
    'unrecognized IPv6 option encountered',
  ],
};

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

const dissectIcmpv6: Dissect = (b, off, end, f) => {
  const avail = end - off;
  if (avail < HDR_MIN) {
    f.markTruncated();
    f.note('icmpv6.truncated', { needed: HDR_MIN, available: avail }, off, avail);
    return undefined;
  }
  const type = b[off + TYPE]!;
  const code = b[off + CODE]!;
  const layer: Mutable<Icmpv6Layer> = { kind: 'icmpv6', type, code, type_name: TYPE_NAMES[type] ?? 'Unknown' };
  const codeName = CODE_NAMES[type]?.[code];
  if (codeName !== undefined) layer.code_name = codeName;
  let needed = 0;
  if (type === ECHO_REQUEST || type === ECHO_REPLY) {
    if (avail >= HDR_ECHO) {
      layer.ident = u16(b, off + IDENT);
      layer.seq = u16(b, off + SEQ);
    } else needed = HDR_ECHO;
  } else if (type === NEIGHBOR_SOLICIT || type === NEIGHBOR_ADVERT || type === REDIRECT) {
    if (avail >= HDR_ND_TARGET) layer.target = ipv6(b, off + TARGET);
    else needed = HDR_ND_TARGET;
  }
  if (needed) {
    f.markTruncated();
    f.note('icmpv6.truncated', { needed, available: avail }, off, avail);
  }
  f.layers.push(layer);
  return undefined;
};

export const defs: readonly DissectorDef[] = [
  {
    name: 'icmpv6',
    registrations: [{ table: 'ip.proto', key: 58 }],
    notes: { 'icmpv6.truncated': 'warn' },
    dissect: dissectIcmpv6,
    fields: { 'icmpv6.type': [TYPE, 1], 'icmpv6.code': [CODE, 1] },
  },
];
