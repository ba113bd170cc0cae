import { describe, expect, it } from 'vitest';
import { dissectFrame } from '../../src/dissectors/frame.js';
import { hex, patch, SLL_TCP, SLL2_ARP } from './vectors.js';

const codes = (d: { notes: { code: string }[] }) => d.notes.map((n) => n.code);

describe('sll', () => {
  it('decodes Linux cooked v1 and continues in the ethertype table', () => {
    const d = dissectFrame(SLL_TCP, 113);
    expect(d.layers[0]).toEqual({
      kind: 'sll',
      version: 1,
      pkttype: 4,
      hatype: 1,
      src: '02:42:ac:12:00:06',
      protocol: 0x0800,
    });
    expect(d.layers.map((l) => l.kind)).toEqual(['sll', 'ip', 'tcp']);
    expect(d.payloadOffset).toBe(16 + 20 + 20);
    expect(d.payloadLength).toBe(5);
    expect(d.notes).toEqual([]);
  });

  it('decodes Linux cooked v2 (protocol first, ifindex, 1-byte pkttype and halen)', () => {
    const d = dissectFrame(SLL2_ARP, 276);
    expect(d.layers[0]).toEqual({
      kind: 'sll',
      version: 2,
      pkttype: 1,
      hatype: 1,
      src: '02:42:ac:12:00:06',
      protocol: 0x0806,
      ifindex: 3,
    });
    expect(d.layers[1]).toMatchObject({ kind: 'arp', op: 'request', sender_ip: '172.18.0.6' });
  });

  it('shows a non-6-byte link address as colon hex, cut to the 8-byte field', () => {
    // halen 0 (e.g. a tun device) and halen 20 (IPoIB, longer than the field)
    expect(dissectFrame(patch(SLL_TCP, 4, '00 00'), 113).layers[0]).toMatchObject({ src: '' });
    expect(dissectFrame(patch(SLL_TCP, 4, '00 14'), 113).layers[0]).toMatchObject({
      src: '02:42:ac:12:00:06:00:00',
    });
  });

  it('keeps an unknown protocol as an unknown ethertype layer', () => {
    // protocol 0x0004: 802.2 LLC frames, not decoded
    const d = dissectFrame(patch(SLL_TCP, 14, '00 04'), 113);
    expect(d.layers[1]).toEqual({ kind: 'unknown', table: 'ethertype', key: 4, length: SLL_TCP.length - 16 });
  });

  it.each([
    ['sll.truncated', 113, SLL_TCP.subarray(0, 15)],
    ['sll.truncated', 276, SLL2_ARP.subarray(0, 19)],
    ['sll.truncated', 276, hex('')],
  ])('%s (linktype %i)', (code, linktype, bytes) => {
    const d = dissectFrame(bytes, linktype);
    expect(codes(d)).toEqual([code]);
    expect(d.truncated).toBe(true);
  });
});
