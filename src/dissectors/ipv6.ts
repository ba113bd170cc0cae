/**
 * IPv6 (RFC 8200): ethertype 0x86dd, BSD loopback families AF_INET6 (24, 28, 30).
 *
 *   0                     4      6     7      8       24      40
 *   | ver/tclass/flow     | plen | nxt | hlim | src   | dst   | extension headers ... | upper layer
 *
 * Extension headers are walked (at most MAX_EXT_HEADERS) to find the upper-layer protocol:
 *   Hop-by-Hop 0, Routing 43, Destination Options 60, Mobility 135: length (n+1)*8
 *   Fragment 44: 8 bytes; AH 51: (n+2)*4; No Next Header 59 ends the packet.
 * A non-first fragment ends as data (its bytes are not an upper-layer header).
 */
import { ipv6, u16, u32 } from './bytes.js';
import type { Dissect, DissectorDef, FrameBuilder, Ipv6ExtHeader, Ipv6Layer } from './types.js';

// Fixed header field table
const VER_TC_FLOW = 0; // 0..4: version(4) traffic class(8) flow label(20)
const PAYLOAD_LEN = 4; // 4..6
const NEXT_HEADER = 6;
const HOP_LIMIT = 7;
const SRC_ADDR = 8; // 8..24
const DST_ADDR = 24; // 24..40
const HDR_LEN = 40;

// Extension header numbers
const HOPOPTS = 0;
const ROUTING = 43;
const FRAGMENT = 44;
const AH = 51;
const NO_NEXT = 59;
const DSTOPTS = 60;
const MOBILITY = 135;

const EXT_NAMES: Readonly<Record<number, string>> = {
  [HOPOPTS]: 'IPv6 Hop-by-Hop Option',
  [ROUTING]: 'Routing Header for IPv6',
  [FRAGMENT]: 'Fragment Header for IPv6',
  [AH]: 'Authentication Header',
  [DSTOPTS]: 'Destination Options for IPv6',
  [MOBILITY]: 'Mobility Header',
};

// Fragment header field table (RFC 8200 §4.5)
const FRAG_OFFSET_FLAGS = 2; // 2..4: offset(13) res(2) M(1)
const FRAG_IDENT = 4; // 4..8
const FRAG_LEN = 8;

/** A real packet has a handful; a long chain is crafted or corrupt. */
const MAX_EXT_HEADERS = 32;

const NO_EXT: readonly Ipv6ExtHeader[] = Object.freeze([]);

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

function isExt(nh: number): boolean {
  return nh === HOPOPTS || nh === ROUTING || nh === FRAGMENT || nh === DSTOPTS || nh === AH || nh === MOBILITY;
}

/** Byte length of the extension header at o (its first two bytes must be there; Fragment needs none). */
function extLen(b: Uint8Array, o: number, nh: number): number {
  if (nh === FRAGMENT) return FRAG_LEN;
  if (nh === AH) return (b[o + 1]! + 2) * 4;
  return (b[o + 1]! + 1) * 8;
}

function endAsData(f: FrameBuilder, off: number, length: number): undefined {
  if (length > 0) f.layers.push({ kind: 'data', length });
  f.setPayload(off, length);
  return undefined;
}

const dissectIpv6: Dissect = (b, off, end, f) => {
  const avail = end - off;
  if (avail < HDR_LEN) {
    f.markTruncated();
    f.note('ipv6.truncated', { needed: HDR_LEN, available: avail }, off, avail);
    return undefined;
  }
  const w = u32(b, off + VER_TC_FLOW);
  const version = w >>> 28;
  if (version !== 6) {
    f.note('ipv6.version.bad', { version }, off, 1);
    return undefined;
  }
  const plen = u16(b, off + PAYLOAD_LEN);
  const nxt = b[off + NEXT_HEADER]!;
  const src = ipv6(b, off + SRC_ADDR);
  const dst = ipv6(b, off + DST_ADDR);

  // Where the packet ends as sent (declared) and as captured (stop).
  let declared: number;
  if (plen === 0 && nxt === HOPOPTS) {
    // Jumbogram (RFC 2675): the length is in a Hop-by-Hop option; take what was captured.
    f.note('ipv6.jumbogram', { available: avail - HDR_LEN }, off + PAYLOAD_LEN, 2);
    declared = end;
  } else {
    declared = off + HDR_LEN + plen;
    if (declared > end) {
      f.markTruncated();
      f.note('ipv6.truncated', { needed: HDR_LEN + plen, available: avail }, off, avail);
    }
  }
  const stop = Math.min(declared, end);
  f.net = { version: 6, src, dst };

  const layer: Mutable<Ipv6Layer> = {
    kind: 'ipv6',
    version: 6,
    tclass: (w >>> 20) & 0xff,
    flow: w & 0xfffff,
    plen,
    nxt,
    hlim: b[off + HOP_LIMIT]!,
    src,
    dst,
    ext: NO_EXT,
    proto: nxt,
  };
  f.layers.push(layer);

  let nh = nxt;
  let o = off + HDR_LEN;
  let ext: Ipv6ExtHeader[] | undefined;
  while (isExt(nh)) {
    if (ext !== undefined && ext.length >= MAX_EXT_HEADERS) {
      f.note('ipv6.ext.too_many', { max: MAX_EXT_HEADERS }, o, 0);
      layer.proto = nh;
      return endAsData(f, o, stop - o);
    }
    const need = nh === FRAGMENT ? FRAG_LEN : 2;
    const length = o + need <= stop ? extLen(b, o, nh) : need;
    if (o + length > stop) {
      // Longer than the packet (malformed), or only cut by the capture (already noted as truncated).
      if (o + length > declared) f.note('ipv6.ext.len.bad', { type: nh, length, available: declared - o }, o, stop - o);
      layer.proto = nh;
      return undefined;
    }
    if (ext === undefined) {
      ext = [];
      layer.ext = ext;
    }
    ext.push({ type: nh, name: EXT_NAMES[nh]!, length });
    const next = b[o]!;
    if (nh === FRAGMENT) {
      const fo = u16(b, o + FRAG_OFFSET_FLAGS);
      const offset = (fo >>> 3) * 8;
      const more = (fo & 1) === 1;
      const id = u32(b, o + FRAG_IDENT);
      layer.fragment = { offset, more, id };
      if (offset !== 0 || more) f.note('ipv6.fragment', { id, offset, more: more ? 1 : 0 }, o, FRAG_LEN);
      if (offset !== 0) {
        layer.proto = next;
        o += length;
        return endAsData(f, o, stop - o);
      }
    }
    nh = next;
    o += length;
  }
  layer.proto = nh;
  if (nh === NO_NEXT) return undefined;
  return { table: 'ip.proto', key: nh, off: o, end: stop };
};

export const defs: readonly DissectorDef[] = [
  {
    name: 'ipv6',
    registrations: [
      { table: 'ethertype', key: 0x86dd },
      { table: 'null.family', key: 24 }, // AF_INET6 on NetBSD, OpenBSD
      { table: 'null.family', key: 28 }, // FreeBSD
      { table: 'null.family', key: 30 }, // macOS
    ],
    notes: {
      'ipv6.truncated': 'warn',
      'ipv6.version.bad': 'error',
      'ipv6.jumbogram': 'note',
      'ipv6.ext.len.bad': 'error',
      'ipv6.ext.too_many': 'warn',
      'ipv6.fragment': 'note',
    },
    dissect: dissectIpv6,
    // ipv6.nxt: the fixed header's next-header byte (pcap-explain's value is the last of any chain)
    fields: {
      'ipv6.plen': [PAYLOAD_LEN, 2],
      'ipv6.nxt': [NEXT_HEADER, 1],
      'ipv6.hlim': [HOP_LIMIT, 1],
      'ipv6.src': [SRC_ADDR, 16],
      'ipv6.dst': [DST_ADDR, 16],
    },
  },
];
