/**
 * UDP (RFC 768), ip.proto 17.
 *
 *   0          2          4        6          8
 *   | src port | dst port | length | checksum | payload
 *
 * The checksum is verified with the IP pseudo-header (tcp.ts verify): good, bad, or the partial sum that
 * checksum offload leaves in captures taken before the card; 0 over IPv4 means "no checksum" (RFC 768).
 * The payload is handed to the frame with setPayload.
 */
import { u16 } from './bytes.js';
import { hex4, verify } from './tcp.js';
import type { Dissect, DissectorDef } from './types.js';

// Field table
const SRC_PORT = 0; // 0..2
const DST_PORT = 2; // 2..4
const LENGTH = 4; // 4..6
const CHECKSUM = 6; // 6..8
const HDR_LEN = 8;

const dissectUdp: Dissect = (b, off, end, f) => {
  const avail = end - off;
  if (avail < HDR_LEN) {
    f.markTruncated();
    f.note('udp.truncated', { needed: HDR_LEN, available: avail }, off, avail);
    return undefined;
  }
  const length = u16(b, off + LENGTH);
  // What the IP layer just before says: the datagram's payload length (not what was captured), and
  // whether this is only the first piece of a fragmented datagram.
  let ipPayload = avail;
  let fragment = false;
  let jumbo = false;
  const ip = f.layers[f.layers.length - 1];
  if (ip?.kind === 'ip') {
    if (ip.len !== 0) ipPayload = ip.len - ip.hdr_len;
    fragment = ip.fragment;
  } else if (ip?.kind === 'ipv6') {
    if (ip.plen === 0) jumbo = true;
    else {
      ipPayload = ip.plen;
      for (const x of ip.ext) ipPayload -= x.length;
    }
    fragment = ip.fragment?.more === true;
  }
  // Length 0 is how an IPv6 jumbogram says "see the IP length" (RFC 2675 §4).
  const ulen = length === 0 && jumbo ? ipPayload : length;
  let payloadLen = 0;
  if (ulen < HDR_LEN) {
    f.note('udp.length.bad', { length, ip_payload: ipPayload }, off + LENGTH, 2);
  } else {
    // In the first fragment of a datagram the UDP length covers fragments still to come.
    if (ulen > ipPayload && !fragment) f.note('udp.length.bad', { length, ip_payload: ipPayload }, off + LENGTH, 2);
    else if (ulen > avail && !fragment) f.markTruncated();
    payloadLen = Math.min(ulen, avail) - HDR_LEN;
  }
  const checksum = u16(b, off + CHECKSUM);
  const whole = ulen >= HDR_LEN && ulen <= avail && !fragment;
  const checksumStatus =
    !whole || (checksum === 0 && ip?.kind === 'ip') ? 'unverified' : verify(b, ip, 17, off, ulen, checksum);
  if (checksumStatus === 'bad') f.note('udp.checksum_bad.expert', { checksum: hex4(checksum) }, off + CHECKSUM, 2);
  f.layers.push({
    kind: 'udp',
    srcport: u16(b, off + SRC_PORT),
    dstport: u16(b, off + DST_PORT),
    length,
    checksum,
    checksum_status: checksumStatus,
    payload_len: payloadLen,
  });
  f.setPayload(off + HDR_LEN, payloadLen);
  return undefined;
};

export const defs: readonly DissectorDef[] = [
  {
    name: 'udp',
    registrations: [{ table: 'ip.proto', key: 17 }],
    notes: { 'udp.truncated': 'warn', 'udp.length.bad': 'error', 'udp.checksum_bad.expert': 'error' },
    dissect: dissectUdp,
    fields: {
      'udp.srcport': [SRC_PORT, 2],
      'udp.dstport': [DST_PORT, 2],
      'udp.length': [LENGTH, 2],
    },
  },
];
