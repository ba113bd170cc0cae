import { describe, expect, it } from 'vitest';
import { dissectFrame } from '../../src/dissectors/frame.js';
import { ARP_ANNOUNCEMENT, ARP_PROBE, ARP_REPLY, ARP_REQUEST, patch } from './vectors.js';

const codes = (d: { notes: { code: string }[] }) => d.notes.map((n) => n.code);

describe('arp', () => {
  it('decodes a request: who has 172.18.0.4? Tell 172.18.0.6', () => {
    const d = dissectFrame(ARP_REQUEST, 1);
    expect(d.layers[1]).toEqual({
      kind: 'arp',
      hwtype: 1,
      ptype: 0x0800,
      opcode: 1,
      op: 'request',
      sender_mac: '02:42:ac:12:00:06',
      sender_ip: '172.18.0.6',
      target_mac: '00:00:00:00:00:00',
      target_ip: '172.18.0.4',
      gratuitous: false,
      probe: false,
    });
    expect(d.layers).toHaveLength(2); // the 18 bytes of padding are not a layer
    expect(d.notes).toEqual([]);
    expect(d.payloadLength).toBe(0);
  });

  it('decodes a reply: 172.18.0.4 is at 02:42:ac:12:00:04', () => {
    expect(dissectFrame(ARP_REPLY, 1).layers[1]).toMatchObject({
      op: 'reply',
      opcode: 2,
      sender_mac: '02:42:ac:12:00:04',
      sender_ip: '172.18.0.4',
      target_mac: '02:42:ac:12:00:06',
      target_ip: '172.18.0.6',
      gratuitous: false,
      probe: false,
    });
  });

  it('flags an announcement (sender IP == target IP) as gratuitous', () => {
    expect(dissectFrame(ARP_ANNOUNCEMENT, 1).layers[1]).toMatchObject({
      op: 'request',
      gratuitous: true,
      probe: false,
    });
    // a gratuitous reply
    expect(dissectFrame(patch(ARP_ANNOUNCEMENT, 20, '00 02'), 1).layers[1]).toMatchObject({
      op: 'reply',
      gratuitous: true,
    });
  });

  it('flags a request from 0.0.0.0 as a probe (and not as gratuitous)', () => {
    expect(dissectFrame(ARP_PROBE, 1).layers[1]).toMatchObject({
      op: 'request',
      sender_ip: '0.0.0.0',
      target_ip: '172.18.0.6',
      probe: true,
      gratuitous: false,
    });
  });

  it.each([
    [3, 'rarp-request'],
    [4, 'rarp-reply'],
    [8, 'unknown'], // InARP request
    [0, 'unknown'],
  ])('opcode %i is %s', (opcode, op) => {
    const d = dissectFrame(patch(ARP_REQUEST, 20, `00 0${opcode}`), 1);
    expect(d.layers[1]).toMatchObject({ opcode, op });
  });

  it('is also registered for RARP (ethertype 0x8035)', () => {
    const d = dissectFrame(patch(patch(ARP_REQUEST, 12, '80 35'), 20, '00 03'), 1);
    expect(d.layers[1]).toMatchObject({ kind: 'arp', op: 'rarp-request' });
  });

  it.each([
    // cut in the fixed part, and in the addresses
    ['arp.truncated', ARP_REQUEST.subarray(0, 14 + 7)],
    ['arp.truncated', ARP_REQUEST.subarray(0, 14 + 27)],
    // hardware type 6 (IEEE 802), protocol IPv6, sizes 6/16, size 8/4
    ['arp.unsupported', patch(ARP_REQUEST, 14, '00 06')],
    ['arp.unsupported', patch(ARP_REQUEST, 16, '86 dd')],
    ['arp.unsupported', patch(ARP_REQUEST, 18, '08 04')],
  ])('%s', (code, bytes) => {
    const d = dissectFrame(bytes, 1);
    expect(codes(d)).toEqual([code]);
    expect(d.layers.some((l) => l.kind === 'arp')).toBe(false);
  });

  it('keeps an unsupported ARP as data, with its sizes in the note', () => {
    const d = dissectFrame(patch(ARP_REQUEST, 18, '14 04'), 1);
    expect(d.notes[0]).toMatchObject({
      code: 'arp.unsupported',
      severity: 'note',
      params: { hwtype: 1, ptype: 0x0800, hlen: 20, plen: 4 },
    });
    expect(d.layers[1]).toEqual({ kind: 'data', length: 46 });
  });
});
