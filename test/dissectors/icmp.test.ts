import { describe, expect, it } from 'vitest';
import { dissectFrame } from '../../src/dissectors/frame.js';
import { ICMP_ECHO, ICMP_PORT_UNREACH, patch, RAW_ICMP } from './vectors.js';

const ICMP = 14 + 20; // after Ethernet and a 20-byte IPv4 header

describe('icmp', () => {
  it('decodes an echo request with identifier and sequence number', () => {
    const d = dissectFrame(ICMP_ECHO, 1);
    expect(d.layers[2]).toEqual({
      kind: 'icmp',
      type: 8,
      code: 0,
      type_name: 'Echo (ping) request',
      ident: 0x0b1e,
      seq: 1,
    });
    expect(d.layers).toHaveLength(3);
    expect(d.notes).toEqual([]);
  });

  it('decodes an echo reply', () => {
    expect(dissectFrame(patch(ICMP_ECHO, ICMP, '00'), 1).layers[2]).toMatchObject({
      type: 0,
      type_name: 'Echo (ping) reply',
      ident: 0x0b1e,
      seq: 1,
    });
  });

  it('names a destination unreachable code and does not dissect the quoted datagram', () => {
    const d = dissectFrame(ICMP_PORT_UNREACH, 1);
    expect(d.layers[2]).toEqual({
      kind: 'icmp',
      type: 3,
      code: 3,
      type_name: 'Destination unreachable',
      code_name: 'Port unreachable',
    });
    // the quoted IPv4 + UDP header is not a real datagram: no second ip/udp layer, no transport payload
    expect(d.layers.map((l) => l.kind)).toEqual(['eth', 'ip', 'icmp']);
    expect(d.net).toEqual({ version: 4, src: '10.0.0.2', dst: '10.0.0.1' });
    expect(d.payloadLength).toBe(0);
  });

  it.each([
    [3, 0, 'Destination unreachable', 'Network unreachable'],
    [3, 1, 'Destination unreachable', 'Host unreachable'],
    [3, 4, 'Destination unreachable', 'Fragmentation needed'],
    [3, 13, 'Destination unreachable', 'Communication administratively filtered'],
    [11, 0, 'Time-to-live exceeded', 'Time to live exceeded in transit'],
    [11, 1, 'Time-to-live exceeded', 'Fragment reassembly time exceeded'],
    [5, 1, 'Redirect', 'Redirect for host'],
    [12, 0, 'Parameter problem', 'Pointer indicates the error'],
  ])('type %i code %i: %s (%s)', (type, code, typeName, codeName) => {
    const b = patch(
      ICMP_PORT_UNREACH,
      ICMP,
      `${type.toString(16).padStart(2, '0')} ${code.toString(16).padStart(2, '0')}`,
    );
    expect(dissectFrame(b, 1).layers[2]).toMatchObject({ type, code, type_name: typeName, code_name: codeName });
  });

  it('an unknown code has no code name; an unknown type gets Wireshark text', () => {
    const d = dissectFrame(patch(ICMP_PORT_UNREACH, ICMP, '03 63'), 1);
    expect(d.layers[2]).not.toHaveProperty('code_name');
    expect(dissectFrame(patch(ICMP_PORT_UNREACH, ICMP, 'c8 00'), 1).layers[2]).toMatchObject({
      type: 200,
      type_name: 'Unknown ICMP (obsolete or malformed?)',
    });
  });

  it.each([
    ['header cut', RAW_ICMP.subarray(0, 20 + 3), { needed: 4, available: 3 }],
    ['echo identifier cut', RAW_ICMP.subarray(0, 20 + 6), { needed: 8, available: 6 }],
  ])('icmp.truncated: %s', (_name, bytes, params) => {
    const d = dissectFrame(bytes, 101);
    expect(d.notes.map((n) => n.code)).toEqual(['ip.truncated', 'icmp.truncated']);
    expect(d.notes[1]?.params).toEqual(params);
    expect(d.truncated).toBe(true);
  });

  it('an echo with its identifier cut still has a layer, without ident/seq', () => {
    const d = dissectFrame(RAW_ICMP.subarray(0, 20 + 6), 101);
    expect(d.layers[1]).toEqual({ kind: 'icmp', type: 8, code: 0, type_name: 'Echo (ping) request' });
  });
});
