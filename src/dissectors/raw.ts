/**
 * Raw IP link types: no link-layer header, the frame starts with the IP header. No layer is pushed.
 *   101 (LINKTYPE_RAW; also DLT_RAW 12 and 14 as some BSDs wrote it): IPv4 or IPv6 by the version nibble.
 *   228 (LINKTYPE_IPV4): IPv4.   229 (LINKTYPE_IPV6): IPv6.
 */
import type { Dissect, DissectorDef, Next } from './types.js';

const ETHERTYPE_IPV4 = 0x0800;
const ETHERTYPE_IPV6 = 0x86dd;

const dissectRaw: Dissect = (b, off, end, f) => {
  const avail = end - off;
  if (avail < 1) {
    f.markTruncated();
    f.note('raw.truncated', { needed: 1, available: Math.max(avail, 0) }, off, 0);
    return undefined;
  }
  const version = b[off]! >>> 4;
  if (version === 4) return { table: 'ethertype', key: ETHERTYPE_IPV4, off, end };
  if (version === 6) return { table: 'ethertype', key: ETHERTYPE_IPV6, off, end };
  f.note('raw.version.unknown', { version }, off, 1);
  f.layers.push({ kind: 'data', length: avail });
  f.setPayload(off, avail);
  return undefined;
};

const dissectRaw4: Dissect = (_b, off, end): Next => ({ table: 'ethertype', key: ETHERTYPE_IPV4, off, end });
const dissectRaw6: Dissect = (_b, off, end): Next => ({ table: 'ethertype', key: ETHERTYPE_IPV6, off, end });

export const defs: readonly DissectorDef[] = [
  {
    name: 'raw',
    registrations: [
      { table: 'linktype', key: 101 },
      { table: 'linktype', key: 12 },
      { table: 'linktype', key: 14 },
    ],
    notes: { 'raw.truncated': 'warn', 'raw.version.unknown': 'warn' },
    dissect: dissectRaw,
  },
  { name: 'raw', registrations: [{ table: 'linktype', key: 228 }], notes: {}, dissect: dissectRaw4 },
  { name: 'raw', registrations: [{ table: 'linktype', key: 229 }], notes: {}, dissect: dissectRaw6 },
];
