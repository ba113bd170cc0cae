/**
 * IPv4 (RFC 791): ethertype 0x0800, BSD loopback family AF_INET (2).
 *
 *    0      1      2      4      6        8     9       10       12    16    20
 *   | v/ihl | dsf  | len  | id   | fl/off | ttl | proto | cksum  | src | dst | options ...
 *
 * Outcomes: fewer than 20 bytes → truncated; version != 4, IHL < 5, or total length < header length →
 * malformed (note, stop); header longer than what was captured → truncated (stop); total length longer
 * than what was captured → truncated, decoding goes on with what is there; bytes after the total length
 * (Ethernet padding, trailers) are not handed on. A non-first fragment ends as data.
 */
import { ipv4, u16 } from './bytes.js';
import type { Dissect, DissectorDef, FrameBuilder, IpOption } from './types.js';

// Field table
const VER_IHL = 0;
const DSFIELD = 1;
const LENGTH = 2; // 2..4
const IDENT = 4; // 4..6
const FLG_OFF = 6; // 6..8
const TTL = 8;
const PROTOCOL = 9;
const CHECKSUM = 10; // 10..12
const SRC_ADDR = 12; // 12..16
const DST_ADDR = 16; // 16..20
const HDR_MIN = 20;

const FLAG_RB = 0x8000;
const FLAG_DF = 0x4000;
const FLAG_MF = 0x2000;
const OFFSET_MASK = 0x1fff;

// Options (IANA "IP Option Numbers": copy(1) class(2) number(5))
const OPT_EOL = 0;
const OPT_NOP = 1;
const OPT_RR = 7;
const OPT_TS = 68;
const OPT_LSRR = 131;
const OPT_SSRR = 137;
const OPT_RA = 148;

const OPT_NAMES: Readonly<Record<number, string>> = {
  [OPT_EOL]: 'End of Options List (EOL)',
  [OPT_NOP]: 'No-Operation (NOP)',
  [OPT_RR]: 'Record Route (RR)',
  [OPT_TS]: 'Time Stamp (TS)',
  [OPT_LSRR]: 'Loose Source Route (LSRR)',
  [OPT_SSRR]: 'Strict Source Route (SSRR)',
  [OPT_RA]: 'Router Alert (RA)',
  11: 'MTU Probe',
  12: 'MTU Reply',
  25: 'Quick-Start',
  82: 'Traceroute',
  130: 'Security',
  133: 'Extended Security',
  134: 'Commercial IP Security Option (CIPSO)',
  136: 'Stream ID',
};

/** Smallest and largest valid length of an option, where RFC 791 / RFC 2113 fix them. */
const OPT_LEN: Readonly<Record<number, readonly [number, number]>> = {
  [OPT_RR]: [3, 40],
  [OPT_TS]: [4, 40],
  [OPT_LSRR]: [3, 40],
  [OPT_SSRR]: [3, 40],
  [OPT_RA]: [4, 4],
  136: [4, 4],
};

/** The 8 combinations of the flag bits (flags/offset >>> 13), one frozen object each, shared by every layer. */
const FLAGS: ReadonlyArray<Readonly<{ rb: boolean; df: boolean; mf: boolean }>> = Array.from({ length: 8 }, (_, i) => {
  const v = i << 13;
  return Object.freeze({ rb: (v & FLAG_RB) !== 0, df: (v & FLAG_DF) !== 0, mf: (v & FLAG_MF) !== 0 });
});

const EOL: IpOption = Object.freeze({ type: OPT_EOL, name: OPT_NAMES[OPT_EOL]!, length: 1 });
const NOP: IpOption = Object.freeze({ type: OPT_NOP, name: OPT_NAMES[OPT_NOP]!, length: 1 });
const NO_OPTIONS: readonly IpOption[] = Object.freeze([]);

/** Walks the options in b[o..stop); a bad length is noted and ends the walk (the header is still used). */
function walkOptions(b: Uint8Array, o: number, stop: number, f: FrameBuilder): IpOption[] {
  const out: IpOption[] = [];
  while (o < stop) {
    const type = b[o]!;
    if (type === OPT_EOL) {
      out.push(EOL);
      break;
    }
    if (type === OPT_NOP) {
      out.push(NOP);
      o++;
      continue;
    }
    const length = o + 1 < stop ? b[o + 1]! : 0;
    const fixed = OPT_LEN[type];
    if (length < 2 || o + length > stop || (fixed !== undefined && (length < fixed[0] || length > fixed[1]))) {
      f.note('ip.opt.len.invalid', { type, length }, o, o + 1 < stop ? 2 : 1);
      break;
    }
    out.push({ type, name: OPT_NAMES[type] ?? 'Unknown', length });
    o += length;
  }
  return out;
}

/** RFC 1071 ones' complement sum over the header; a correct header (checksum included) sums to 0xffff. */
function checksumOk(b: Uint8Array, o: number, len: number): boolean {
  let sum = 0;
  for (let i = o, stop = o + len; i < stop; i += 2) sum += (b[i]! << 8) | b[i + 1]!;
  while (sum > 0xffff) sum = (sum & 0xffff) + (sum >>> 16);
  return sum === 0xffff;
}

const dissectIpv4: Dissect = (b, off, end, f) => {
  const avail = end - off;
  if (avail < HDR_MIN) {
    f.markTruncated();
    f.note('ip.truncated', { needed: HDR_MIN, available: avail }, off, avail);
    return undefined;
  }
  const verIhl = b[off + VER_IHL]!;
  const version = verIhl >>> 4;
  if (version !== 4) {
    f.note('ip.bogus_ip_version', { version }, off, 1);
    return undefined;
  }
  const hdrLen = (verIhl & 0x0f) * 4;
  if (hdrLen < HDR_MIN) {
    f.note('ip.hdr_len.bad', { hdr_len: hdrLen }, off, 1);
    return undefined;
  }
  const len = u16(b, off + LENGTH);
  let dgramLen = len;
  if (len === 0) {
    // Captured on the sending host before TCP segmentation offload split it: the NIC fills the length in.
    f.note('ip.len.tso', { available: avail }, off + LENGTH, 2);
    dgramLen = avail;
  } else if (len < hdrLen) {
    f.note('ip.bogus_ip_length', { len, hdr_len: hdrLen }, off + LENGTH, 2);
    return undefined;
  }
  if (hdrLen > avail) {
    // The options were cut by the snapshot length: without them the header cannot be checked.
    f.markTruncated();
    f.note('ip.truncated', { needed: hdrLen, available: avail }, off, avail);
    return undefined;
  }
  let stop = off + dgramLen;
  if (stop > end) {
    f.markTruncated();
    f.note('ip.truncated', { needed: dgramLen, available: avail }, off, avail);
    stop = end;
  }

  const flagsOff = u16(b, off + FLG_OFF);
  const mf = (flagsOff & FLAG_MF) !== 0;
  const fragOffset = (flagsOff & OFFSET_MASK) * 8;
  const fragment = mf || fragOffset !== 0;
  const id = u16(b, off + IDENT);
  const proto = b[off + PROTOCOL]!;
  const checksum = u16(b, off + CHECKSUM);
  const good = checksumOk(b, off, hdrLen);
  const src = ipv4(b, off + SRC_ADDR);
  const dst = ipv4(b, off + DST_ADDR);
  const options = hdrLen > HDR_MIN ? walkOptions(b, off + HDR_MIN, off + hdrLen, f) : NO_OPTIONS;

  f.layers.push({
    kind: 'ip',
    version: 4,
    hdr_len: hdrLen,
    dsfield: b[off + DSFIELD]!,
    len,
    id,
    flags: FLAGS[flagsOff >>> 13]!,
    frag_offset: fragOffset,
    ttl: b[off + TTL]!,
    proto,
    checksum,
    checksum_status: good ? 'good' : 'bad',
    src,
    dst,
    options,
    fragment,
  });
  f.net = { version: 4, src, dst };
  if (!good) f.note('ip.checksum_bad.expert', { checksum }, off + CHECKSUM, 2);

  const p = off + hdrLen;
  if (fragment) {
    f.note('ip.fragment', { id, offset: fragOffset, more: mf ? 1 : 0 }, off + FLG_OFF, 2);
    if (fragOffset !== 0) {
      // A later piece of a datagram: its bytes are not a transport header. Reassembly is analysis' job.
      const n = stop - p;
      if (n > 0) f.layers.push({ kind: 'data', length: n });
      f.setPayload(p, n);
      return undefined;
    }
  }
  return { table: 'ip.proto', key: proto, off: p, end: stop };
};

export const defs: readonly DissectorDef[] = [
  {
    name: 'ip',
    registrations: [
      { table: 'ethertype', key: 0x0800 },
      { table: 'null.family', key: 2 }, // AF_INET
    ],
    notes: {
      'ip.truncated': 'warn',
      'ip.bogus_ip_version': 'error',
      'ip.hdr_len.bad': 'error',
      'ip.bogus_ip_length': 'error',
      'ip.len.tso': 'info',
      'ip.opt.len.invalid': 'warn',
      'ip.checksum_bad.expert': 'error',
      'ip.fragment': 'note',
    },
    dissect: dissectIpv4,
    fields: {
      'ip.len': [LENGTH, 2],
      'ip.id': [IDENT, 2],
      'ip.flags.df': [FLG_OFF, 1],
      'ip.ttl': [TTL, 1],
      'ip.proto': [PROTOCOL, 1],
      'ip.src': [SRC_ADDR, 4],
      'ip.dst': [DST_ADDR, 4],
    },
  },
];
