import { describe, expect, it } from 'vitest';
import { dissectFrame } from '../../src/dissectors/frame.js';
import { ICMPV6_MLDV2, ICMPV6_NS, patch, RAW_IPV6_NS } from './vectors.js';

const ICMP6 = 14 + 40; // after Ethernet and the IPv6 fixed header

describe('icmpv6', () => {
  it('decodes a Neighbor Solicitation with its target', () => {
    const d = dissectFrame(ICMPV6_NS, 1);
    expect(d.layers[2]).toEqual({
      kind: 'icmpv6',
      type: 135,
      code: 0,
      type_name: 'Neighbor Solicitation',
      target: 'fe80::42:acff:fe12:4',
    });
    expect(d.notes).toEqual([]);
  });

  it('decodes a Neighbor Advertisement with its target', () => {
    expect(dissectFrame(patch(ICMPV6_NS, ICMP6, '88'), 1).layers[2]).toMatchObject({
      type: 136,
      type_name: 'Neighbor Advertisement',
      target: 'fe80::42:acff:fe12:4',
    });
  });

  it('decodes an MLDv2 report', () => {
    expect(dissectFrame(ICMPV6_MLDV2, 1).layers[2]).toEqual({
      kind: 'icmpv6',
      type: 143,
      code: 0,
      type_name: 'Multicast Listener Report Message v2',
    });
  });

  it.each([
    [128, 'Echo (ping) request'],
    [129, 'Echo (ping) reply'],
  ])('type %i: %s with identifier and sequence', (type, name) => {
    const b = patch(ICMPV6_NS, ICMP6, `${type.toString(16)} 00 00 00 12 34 00 07`);
    expect(dissectFrame(b, 1).layers[2]).toEqual({
      kind: 'icmpv6',
      type,
      code: 0,
      type_name: name,
      ident: 0x1234,
      seq: 7,
    });
  });

  it.each([
    [133, 0, 'Router Solicitation', undefined],
    [134, 0, 'Router Advertisement', undefined],
    [1, 4, 'Destination Unreachable', 'Port unreachable'],
    [1, 0, 'Destination Unreachable', 'no route to destination'],
    [3, 0, 'Time Exceeded', 'hop limit exceeded in transit'],
    [4, 1, 'Parameter Problem', 'unrecognized Next Header type encountered'],
    [2, 0, 'Packet Too Big', undefined],
    [99, 0, 'Unknown', undefined],
  ])('type %i code %i: %s', (type, code, typeName, codeName) => {
    const b = patch(ICMPV6_NS, ICMP6, `${type.toString(16).padStart(2, '0')} 0${code}`);
    const l = dissectFrame(b, 1).layers[2];
    expect(l).toMatchObject({ type, code, type_name: typeName });
    if (codeName) expect(l).toMatchObject({ code_name: codeName });
    else expect(l).not.toHaveProperty('code_name');
    expect(l).not.toHaveProperty('target');
  });

  it.each([
    ['header cut', 3, 4],
    ['target cut', 20, 24],
  ])('icmpv6.truncated: %s', (_name, keep, needed) => {
    const d = dissectFrame(RAW_IPV6_NS.subarray(0, 40 + keep), 101);
    expect(d.notes.map((n) => n.code)).toEqual(['ipv6.truncated', 'icmpv6.truncated']);
    expect(d.notes[1]?.params).toEqual({ needed, available: keep });
  });

  it('a Neighbor Solicitation whose target is cut keeps its type, without target', () => {
    const d = dissectFrame(RAW_IPV6_NS.subarray(0, 40 + 20), 101);
    expect(d.layers[1]).toEqual({ kind: 'icmpv6', type: 135, code: 0, type_name: 'Neighbor Solicitation' });
  });
});
