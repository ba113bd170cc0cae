/**
 * BSD loopback encapsulation (linktype 0, DLT_NULL; linktype 108, OpenBSD DLT_LOOP).
 *
 *   0                4
 *   | family (u32)   | packet
 *
 * The family is in the byte order of the host that wrote the capture (DLT_LOOP: always network order).
 * Families are small numbers, so if the first two bytes are zero the value is big-endian, else little-endian.
 * AF_INET is 2 everywhere; AF_INET6 is 24 (NetBSD/OpenBSD), 28 (FreeBSD) or 30 (macOS).
 *
 * The next layer is looked up in the 'null.family' table, where IPv4 and IPv6 register their
 * families (Wireshark's "null.type" table), so an unknown family is kept as an 'unknown' layer with its key.
 */
import { u32, u32le } from './bytes.js';
import type { Dissect, DissectorDef } from './types.js';

const FAMILY = 0; // 0..4
const HDR_LEN = 4;

const dissectNull: Dissect = (b, off, end, f) => {
  const avail = end - off;
  if (avail < HDR_LEN) {
    f.markTruncated();
    f.note('null.truncated', { needed: HDR_LEN, available: avail }, off, avail);
    return undefined;
  }
  const o = off + FAMILY;
  const family = b[o] === 0 && b[o + 1] === 0 ? u32(b, o) : u32le(b, o);
  f.layers.push({ kind: 'null', family });
  return { table: 'null.family', key: family, off: off + HDR_LEN, end };
};

export const defs: readonly DissectorDef[] = [
  {
    name: 'null',
    registrations: [
      { table: 'linktype', key: 0 },
      { table: 'linktype', key: 108 },
    ],
    notes: { 'null.truncated': 'warn' },
    dissect: dissectNull,
  },
];
