import { describe, expect, it } from 'vitest';
import { dissectFrame } from '../../src/dissectors/frame.js';
import { ARP_REQUEST, hex, patch, QINQ_ARP, STP_8023, UDP_DATAGRAM, VLAN_UDP } from './vectors.js';

const codes = (d: { notes: { code: string }[] }) => d.notes.map((n) => n.code);

describe('eth', () => {
  it('decodes the Ethernet II header and hands the EtherType on', () => {
    const d = dissectFrame(ARP_REQUEST, 1);
    expect(d.layers[0]).toEqual({ kind: 'eth', src: '02:42:ac:12:00:06', dst: 'ff:ff:ff:ff:ff:ff', type: 0x0806 });
    expect(d.layers[1]?.kind).toBe('arp');
    expect(d.notes).toEqual([]);
    expect(d.truncated).toBe(false);
  });

  it('ends an 802.3 length frame as data limited to the length field (padding excluded)', () => {
    const d = dissectFrame(STP_8023, 1);
    expect(d.layers).toEqual([
      { kind: 'eth', src: '66:77:88:99:aa:bb', dst: '01:80:c2:00:00:00', type: 38 },
      { kind: 'data', length: 38 },
    ]);
    expect(d.payloadOffset).toBe(14);
    expect(d.payloadLength).toBe(38);
    expect(d.notes).toEqual([]);
  });

  it('keeps an unknown EtherType as an unknown layer with its key', () => {
    // LLDP (0x88cc) has no dissector here
    const d = dissectFrame(patch(ARP_REQUEST, 12, '88 cc'), 1);
    expect(d.layers[1]).toEqual({ kind: 'unknown', table: 'ethertype', key: 0x88cc, length: 46 });
    expect(d.payloadOffset).toBe(14);
  });

  it.each([
    ['eth.truncated', ARP_REQUEST.subarray(0, 13)],
    ['eth.truncated', new Uint8Array(0)],
    // 802.3 length 0x05dc (1500) but only 46 bytes follow
    ['eth.len.past_end', patch(STP_8023, 12, '05 dc')],
  ])('%s', (code, bytes) => {
    const d = dissectFrame(bytes, 1);
    expect(codes(d)).toEqual([code]);
  });

  it('marks a frame shorter than the Ethernet header as truncated', () => {
    const d = dissectFrame(hex('ff ff ff ff ff ff 02 42'), 1);
    expect(d.truncated).toBe(true);
    expect(d.layers).toEqual([]);
    expect(d.notes[0]).toMatchObject({ code: 'eth.truncated', severity: 'warn', params: { needed: 14, available: 8 } });
  });
});

describe('vlan', () => {
  it('decodes an 802.1Q tag (PCP, DEI, VID) and continues with the inner EtherType', () => {
    const d = dissectFrame(VLAN_UDP, 1);
    expect(d.layers.map((l) => l.kind)).toEqual(['eth', 'vlan', 'ip', 'udp']);
    expect(d.layers[1]).toEqual({ kind: 'vlan', tpid: 0x8100, id: 100, priority: 5, dei: 0, type: 0x0800 });
    expect(d.notes).toEqual([]);
    // the same UDP payload as the untagged frame, 4 bytes further on
    const plain = dissectFrame(UDP_DATAGRAM, 1);
    expect(d.payloadOffset).toBe(plain.payloadOffset + 4);
    expect(d.payloadLength).toBe(plain.payloadLength);
  });

  it('decodes QinQ: an 802.1ad outer tag then an 802.1Q inner tag', () => {
    const d = dissectFrame(QINQ_ARP, 1);
    expect(d.layers.slice(1, 3)).toEqual([
      { kind: 'vlan', tpid: 0x88a8, id: 200, priority: 0, dei: 0, type: 0x8100 },
      { kind: 'vlan', tpid: 0x8100, id: 10, priority: 1, dei: 1, type: 0x0806 },
    ]);
    expect(d.layers[3]).toMatchObject({ kind: 'arp', op: 'request', target_ip: '172.18.0.4' });
  });

  it('accepts the pre-standard 0x9100 QinQ TPID', () => {
    const d = dissectFrame(patch(QINQ_ARP, 12, '91 00'), 1);
    expect(d.layers[1]).toMatchObject({ kind: 'vlan', tpid: 0x9100, id: 200 });
    expect(d.layers[3]?.kind).toBe('arp');
  });

  it('stops after 8 stacked tags instead of looping', () => {
    const tag = '81 00 00 01 '.repeat(12);
    const d = dissectFrame(hex('ff ff ff ff ff ff 02 42 ac 12 00 06', tag, '08 06'), 1);
    expect(d.layers.filter((l) => l.kind === 'vlan')).toHaveLength(8);
    expect(codes(d)).toEqual(['vlan.too_many_tags']);
    expect(d.layers.at(-1)?.kind).toBe('data');
  });

  it.each([
    // tag cut after 2 of its 4 bytes
    ['vlan.truncated', VLAN_UDP.subarray(0, 16)],
    // inner type 0x0100 is an 802.3 length of 256, past the end of the frame
    ['vlan.len.past_end', patch(VLAN_UDP, 16, '01 00')],
  ])('%s', (code, bytes) => {
    expect(codes(dissectFrame(bytes, 1))).toEqual([code]);
  });
});
