/**
 * ICMP (RFC 792), ip.proto 1. Type and code names as Wireshark shows them.
 *
 *   0      1      2          4                 8
 *   | type | code | checksum | rest of header  | data
 *                            | ident  | seq    |   (echo, timestamp, information, address mask)
 *
 * Error messages (unreachable, time exceeded, ...) carry the start of the datagram that caused them; it is
 * not dissected further, so TCP/UDP analysis never mistakes the quoted header for a real segment.
 */
import { u16 } from './bytes.js';
import type { Dissect, DissectorDef, IcmpLayer } from './types.js';

// Field table
const TYPE = 0;
const CODE = 1;
// 2..4 checksum (not verified)
const IDENT = 4; // 4..6
const SEQ = 6; // 6..8
const HDR_MIN = 4;
const HDR_ECHO = 8;

const TYPE_NAMES: Readonly<Record<number, string>> = {
  0: 'Echo (ping) reply',
  3: 'Destination unreachable',
  4: 'Source quench (flow control)',
  5: 'Redirect',
  6: 'Alternate host address',
  8: 'Echo (ping) request',
  9: 'Router advertisement',
  10: 'Router solicitation',
  11: 'Time-to-live exceeded',
  12: 'Parameter problem',
  13: 'Timestamp request',
  14: 'Timestamp reply',
  15: 'Information request',
  16: 'Information reply',
  17: 'Address mask request',
  18: 'Address mask reply',
  30: 'Traceroute',
  40: 'Photuris',
  42: 'Extended Echo request',
  43: 'Extended Echo reply',
};

const UNREACH_CODES: readonly string[] = [
  'Network unreachable',
  'Host unreachable',
  'Protocol unreachable',
  'Port unreachable',
  'Fragmentation needed',
  'Source route failed',
  'Destination network unknown',
  'Destination host unknown',
  'Source host isolated',
  'Network administratively prohibited',
  'Host administratively prohibited',
  'Network unreachable for TOS',
  'Host unreachable for TOS',
  'Communication administratively filtered',
  'Host precedence violation',
  'Precedence cutoff in effect',
];
const REDIRECT_CODES: readonly string[] = [
  'Redirect for network',
  'Redirect for host',
  'Redirect for TOS and network',
  'Redirect for TOS and host',
];
const TIME_EXCEEDED_CODES: readonly string[] = [
  'Time to live exceeded in transit',
  'Fragment reassembly time exceeded',
];
const PARAM_PROBLEM_CODES: readonly string[] = ['Pointer indicates the error', 'Required option missing', 'Bad length'];

const CODE_NAMES: Readonly<Record<number, readonly string[]>> = {
  3: UNREACH_CODES,
  5: REDIRECT_CODES,
  11: TIME_EXCEEDED_CODES,
  12: PARAM_PROBLEM_CODES,
};

/** Types whose rest-of-header is an identifier and a sequence number. */
function hasIdentSeq(type: number): boolean {
  return type === 0 || type === 8 || (type >= 13 && type <= 18);
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

const dissectIcmp: Dissect = (b, off, end, f) => {
  const avail = end - off;
  if (avail < HDR_MIN) {
    f.markTruncated();
    f.note('icmp.truncated', { needed: HDR_MIN, available: avail }, off, avail);
    return undefined;
  }
  const type = b[off + TYPE]!;
  const code = b[off + CODE]!;
  const layer: Mutable<IcmpLayer> = {
    kind: 'icmp',
    type,
    code,
    type_name: TYPE_NAMES[type] ?? 'Unknown ICMP (obsolete or malformed?)',
  };
  const codeName = CODE_NAMES[type]?.[code];
  if (codeName !== undefined) layer.code_name = codeName;
  if (hasIdentSeq(type)) {
    if (avail < HDR_ECHO) {
      f.markTruncated();
      f.note('icmp.truncated', { needed: HDR_ECHO, available: avail }, off, avail);
    } else {
      layer.ident = u16(b, off + IDENT);
      layer.seq = u16(b, off + SEQ);
    }
  }
  f.layers.push(layer);
  return undefined;
};

export const defs: readonly DissectorDef[] = [
  {
    name: 'icmp',
    registrations: [{ table: 'ip.proto', key: 1 }],
    notes: { 'icmp.truncated': 'warn' },
    dissect: dissectIcmp,
    fields: { 'icmp.type': [TYPE, 1], 'icmp.code': [CODE, 1] },
  },
];
