/**
 * TCP (RFC 9293), ip.proto 6. Header, flags and options; relative sequence numbers and tcp.analysis are
 * analysis state, not dissection.
 *
 *   0          2          4         8         12           14       16         18         20
 *   | src port | dst port | seq     | ack     | off/flags  | window | checksum | urgent   | options ...
 *
 *   off/flags: data offset(4) reserved(3) AE(1) | CWR ECE URG ACK PSH RST SYN FIN
 *
 * Outcomes: fewer than 20 bytes → truncated (no layer); data offset < 5 or beyond the segment the IP layer
 * declares → malformed (`tcp.hdr_len.bad`); header cut by the capture → layer with the options that are
 * there, truncated; payload shorter than declared → truncated. A bad option length stops the option walk only.
 * `len` (tcp.len) is what the IP layer declares, what was sent; `payload_len` what the frame holds.
 */
import { transportChecksum, u16, u32 } from './bytes.js';
import type { Dissect, DissectorDef, FrameBuilder, Layer, TcpOptions } from './types.js';

// Field table
const SRC_PORT = 0; // 0..2
const DST_PORT = 2; // 2..4
const SEQ_NUM = 4; // 4..8
const ACK_NUM = 8; // 8..12
const OFF_FLAGS = 12; // 12..14
const WIN_SIZE = 14; // 14..16
const CHECKSUM = 16; // 16..18
const URGENT = 18; // 18..20
const HDR_MIN = 20;

// Option kinds
const OPT_EOL = 0;
const OPT_NOP = 1;
const OPT_MSS = 2;
const OPT_WS = 3;
const OPT_SACK_PERM = 4;
const OPT_SACK = 5;
const OPT_TS = 8;

/** RFC 7323 §2.3: shifts above 14 are used as 14. */
const MAX_WSCALE = 14;

const NO_OPTIONS: TcpOptions = Object.freeze({});

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/** Length a known option must have (SACK: 2 + 8n, checked apart). */
function fixedLen(kind: number): number {
  switch (kind) {
    case OPT_MSS:
      return 4;
    case OPT_WS:
      return 3;
    case OPT_SACK_PERM:
      return 2;
    case OPT_TS:
      return 10;
    default:
      return 0;
  }
}

/**
 * Walks the options in b[o..stop). `cut`: the header continues past `stop` but was not captured, so an
 * option running past it is truncation, not a bad length.
 */
function walkOptions(b: Uint8Array, o: number, stop: number, cut: boolean, f: FrameBuilder): TcpOptions {
  const r: Mutable<TcpOptions> = {};
  let other: number[] | undefined;
  while (o < stop) {
    const kind = b[o]!;
    if (kind === OPT_EOL) break;
    if (kind === OPT_NOP) {
      o++;
      continue;
    }
    if (o + 1 >= stop) {
      if (!cut) f.note('tcp.option.len.invalid', { kind, length: 0 }, o, 1);
      break;
    }
    const length = b[o + 1]!;
    if (length < 2) {
      f.note('tcp.option.len.invalid', { kind, length }, o, 2);
      break;
    }
    if (o + length > stop) {
      if (!cut) f.note('tcp.option.len.invalid', { kind, length }, o, 2);
      break;
    }
    const want = fixedLen(kind);
    if ((want !== 0 && length !== want) || (kind === OPT_SACK && (length < 10 || (length - 2) % 8 !== 0))) {
      f.note('tcp.option.len.invalid', { kind, length }, o, 2);
      break;
    }
    switch (kind) {
      case OPT_MSS:
        r.mss = u16(b, o + 2);
        break;
      case OPT_WS: {
        const shift = b[o + 2]!;
        r.wscale = shift;
        if (shift > MAX_WSCALE) f.note('tcp.options.wscale.shift.invalid', { shift }, o + 2, 1);
        break;
      }
      case OPT_SACK_PERM:
        r.sack_perm = true;
        break;
      case OPT_SACK: {
        const blocks: Array<readonly [number, number]> = [];
        for (let p = o + 2; p < o + length; p += 8) blocks.push([u32(b, p), u32(b, p + 4)]);
        r.sack = blocks;
        break;
      }
      case OPT_TS:
        r.ts = { val: u32(b, o + 2), ecr: u32(b, o + 6) };
        break;
      default:
        if (other === undefined) other = [];
        other.push(kind);
    }
    o += length;
  }
  if (other) r.other = other;
  return r;
}

/**
 * The TCP/UDP checksum of a whole segment right after its IP header (a fragment or a segment the capture
 * cut is 'unverified'). One pass over the segment's bytes.
 */
/** A 16-bit value as 4 hex digits (the note's 0x{checksum}). */
export function hex4(v: number): string {
  return v.toString(16).padStart(4, '0');
}

export function verify(
  b: Uint8Array,
  ip: Layer | undefined,
  proto: number,
  off: number,
  len: number,
  captured: number,
): ReturnType<typeof transportChecksum> {
  if (ip?.kind === 'ip') {
    if (ip.fragment) return 'unverified';
    return transportChecksum(b, 4, off - ip.hdr_len, proto, off, len, captured);
  }
  if (ip?.kind === 'ipv6') {
    if (ip.fragment) return 'unverified';
    let ext = 0;
    for (const x of ip.ext) ext += x.length;
    return transportChecksum(b, 6, off - ext - 40, proto, off, len, captured);
  }
  return 'unverified';
}

const dissectTcp: Dissect = (b, off, end, f) => {
  const avail = end - off;
  if (avail < HDR_MIN) {
    f.markTruncated();
    f.note('tcp.truncated', { needed: HDR_MIN, available: avail }, off, avail);
    return undefined;
  }
  const offFlags = u16(b, off + OFF_FLAGS);
  const hdrLen = (offFlags >>> 12) * 4;

  // The segment length the IP layer just before declares (what was sent, not what was captured).
  let segLen = avail;
  const ip = f.layers[f.layers.length - 1];
  if (ip?.kind === 'ip') {
    if (ip.len !== 0) segLen = ip.len - ip.hdr_len;
  } else if (ip?.kind === 'ipv6' && ip.plen !== 0) {
    segLen = ip.plen;
    for (const x of ip.ext) segLen -= x.length;
  }
  const checksum = u16(b, off + CHECKSUM);

  if (hdrLen < HDR_MIN || hdrLen > segLen) {
    f.note('tcp.hdr_len.bad', { hdr_len: hdrLen, length: segLen }, off + OFF_FLAGS, 1);
    return undefined;
  }
  let optEnd = off + hdrLen;
  const cut = optEnd > end;
  if (cut) {
    f.markTruncated();
    f.note('tcp.truncated', { needed: hdrLen, available: avail }, off, avail);
    optEnd = end;
  }
  const options = hdrLen > HDR_MIN ? walkOptions(b, off + HDR_MIN, optEnd, cut, f) : NO_OPTIONS;
  const payloadOff = cut ? end : off + hdrLen;
  const payloadLen = end - payloadOff;
  if (!cut && segLen > avail) f.markTruncated();
  // tcp.len, as Wireshark: from the IP lengths (what was sent), not from what the snapshot length kept
  const len = segLen - hdrLen;
  const checksumStatus = segLen <= avail ? verify(b, ip, 6, off, segLen, checksum) : 'unverified';
  if (checksumStatus === 'bad') f.note('tcp.checksum_bad.expert', { checksum: hex4(checksum) }, off + CHECKSUM, 2);

  f.layers.push({
    kind: 'tcp',
    srcport: u16(b, off + SRC_PORT),
    dstport: u16(b, off + DST_PORT),
    seq_raw: u32(b, off + SEQ_NUM),
    ack_raw: u32(b, off + ACK_NUM),
    hdr_len: hdrLen,
    flags: offFlags & 0x01ff,
    window: u16(b, off + WIN_SIZE),
    checksum,
    checksum_status: checksumStatus,
    urgent_pointer: u16(b, off + URGENT),
    options,
    len,
    payload_len: payloadLen,
  });
  f.setPayload(payloadOff, payloadLen);
  return undefined;
};

export const defs: readonly DissectorDef[] = [
  {
    name: 'tcp',
    registrations: [{ table: 'ip.proto', key: 6 }],
    notes: {
      'tcp.truncated': 'warn',
      'tcp.hdr_len.bad': 'error',
      'tcp.option.len.invalid': 'warn',
      'tcp.options.wscale.shift.invalid': 'warn',
      'tcp.checksum_bad.expert': 'error',
    },
    dissect: dissectTcp,
    // relative seq/ack are shown over the raw numbers' bytes, as Wireshark does; the flag bits over both flag bytes
    fields: {
      'tcp.srcport': [SRC_PORT, 2],
      'tcp.dstport': [DST_PORT, 2],
      'tcp.seq': [SEQ_NUM, 4],
      'tcp.seq_raw': [SEQ_NUM, 4],
      'tcp.ack': [ACK_NUM, 4],
      'tcp.ack_raw': [ACK_NUM, 4],
      'tcp.flags': [OFF_FLAGS, 2],
      'tcp.flags.fin': [OFF_FLAGS, 2],
      'tcp.flags.syn': [OFF_FLAGS, 2],
      'tcp.flags.reset': [OFF_FLAGS, 2],
      'tcp.flags.push': [OFF_FLAGS, 2],
      'tcp.flags.ack': [OFF_FLAGS, 2],
      'tcp.flags.urg': [OFF_FLAGS, 2],
      'tcp.flags.ece': [OFF_FLAGS, 2],
      'tcp.flags.cwr': [OFF_FLAGS, 2],
      'tcp.flags.ae': [OFF_FLAGS, 2],
      'tcp.flags.str': [OFF_FLAGS, 2],
      'tcp.window_size_value': [WIN_SIZE, 2],
      'tcp.window_size': [WIN_SIZE, 2],
    },
  },
];
