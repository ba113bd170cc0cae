/**
 * IGMP v1 (RFC 1112), v2 (RFC 2236), v3 (RFC 3376), ip.proto 2. Type names as Wireshark shows them.
 *
 *   0      1                 2          4               8
 *   | type | max resp / code | checksum | group address | (v3 query: flags, QQIC, sources ...)
 *
 * Version: a query (0x11) is v3 when it is 12 bytes or longer, v1 when its max response code is 0, else v2;
 * 0x12 is a v1 report, 0x16 a v2 report, 0x17 a v2 leave, 0x22 a v3 report. Other types: version 0.
 * A v3 report carries group records instead of one group address, so `group` is left out for it.
 */
import { ipv4 } from './bytes.js';
import type { Dissect, DissectorDef, IgmpLayer } from './types.js';

// Field table
const TYPE = 0;
const MAX_RESP = 1;
// 2..4 checksum (not verified)
const GROUP = 4; // 4..8
const HDR_LEN = 8;
const V3_QUERY_MIN = 12;

const QUERY = 0x11;
const V1_REPORT = 0x12;
const V2_REPORT = 0x16;
const V2_LEAVE = 0x17;
const V3_REPORT = 0x22;

const TYPE_NAMES: Readonly<Record<number, string>> = {
  [QUERY]: 'Membership Query',
  [V1_REPORT]: 'Membership Report',
  19: 'DVMRP', // 0x13
  20: 'PIM', // 0x14
  [V2_REPORT]: 'Membership Report',
  [V2_LEAVE]: 'Leave Group',
  30: 'Traceroute Response', // 0x1e
  31: 'Traceroute Query or Request', // 0x1f
  [V3_REPORT]: 'Membership Report',
  36: 'Multicast Router Advertisement', // 0x24
  37: 'Multicast Router Solicitation', // 0x25
  38: 'Multicast Router Termination', // 0x26
};

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

const dissectIgmp: Dissect = (b, off, end, f) => {
  const avail = end - off;
  if (avail < HDR_LEN) {
    f.markTruncated();
    f.note('igmp.truncated', { needed: HDR_LEN, available: avail }, off, avail);
    return undefined;
  }
  const type = b[off + TYPE]!;
  let version = 0;
  if (type === QUERY) version = avail >= V3_QUERY_MIN ? 3 : b[off + MAX_RESP] === 0 ? 1 : 2;
  else if (type === V1_REPORT) version = 1;
  else if (type === V2_REPORT || type === V2_LEAVE) version = 2;
  else if (type === V3_REPORT) version = 3;
  const layer: Mutable<IgmpLayer> = { kind: 'igmp', version, type, type_name: TYPE_NAMES[type] ?? 'Unknown Type' };
  if (type === QUERY || type === V1_REPORT || type === V2_REPORT || type === V2_LEAVE) {
    layer.group = ipv4(b, off + GROUP);
  }
  f.layers.push(layer);
  return undefined;
};

export const defs: readonly DissectorDef[] = [
  {
    name: 'igmp',
    registrations: [{ table: 'ip.proto', key: 2 }],
    notes: { 'igmp.truncated': 'warn' },
    dissect: dissectIgmp,
  },
];
