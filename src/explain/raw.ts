/**
 * Raw bytes of a frame for the HTML report's hexdump: base64 of the captured bytes and the byte range of
 * each decoded layer (header lengths come from the dissection; nothing is parsed here).
 */
import type { Dissection } from '../dissectors/types.js';
import type { RawRecord } from './types.js';

const FIXED: Readonly<Record<string, number>> = { eth: 14, vlan: 4, null: 4, udp: 8, icmp: 8, icmpv6: 8, igmp: 8 };

export function rawRecord(data: Uint8Array, d: Dissection): RawRecord {
  const layers: RawRecord['layers'] = [];
  let off = 0;
  for (const l of d.layers) {
    let len: number | undefined;
    switch (l.kind) {
      case 'sll':
        len = l.version === 2 ? 20 : 16;
        break;
      case 'arp':
        len = 28;
        break;
      case 'ip':
        len = l.hdr_len;
        break;
      case 'ipv6':
        len = 40 + (l.ext ?? []).reduce((a, e) => a + e.length, 0);
        break;
      case 'tcp':
        len = l.hdr_len;
        break;
      case 'data':
        len = l.length;
        break;
      case 'unknown':
        len = l.length;
        break;
      default:
        len = FIXED[l.kind];
    }
    if (len === undefined) break;
    len = Math.max(0, Math.min(len, data.length - off));
    layers.push({ name: l.kind, offset: off, length: len });
    off += len;
  }
  if (d.payloadLength > 0 && d.payloadOffset >= 0 && !layers.some((l) => l.offset === d.payloadOffset)) {
    layers.push({
      name: 'payload',
      offset: d.payloadOffset,
      length: Math.min(d.payloadLength, data.length - d.payloadOffset),
    });
  }
  return { bytes: Buffer.from(data.buffer, data.byteOffset, data.byteLength).toString('base64'), layers };
}
