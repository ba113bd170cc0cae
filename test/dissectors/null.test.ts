import { describe, expect, it } from 'vitest';
import { dissectFrame } from '../../src/dissectors/frame.js';
import { NULL_BE_IPV6, NULL_LE_UDP, patch } from './vectors.js';

describe('null (BSD loopback)', () => {
  it('reads a little-endian AF_INET family and continues with IPv4', () => {
    const d = dissectFrame(NULL_LE_UDP, 0);
    expect(d.layers.map((l) => l.kind)).toEqual(['null', 'ip', 'udp']);
    expect(d.layers[0]).toEqual({ kind: 'null', family: 2 });
    expect(d.payloadLength).toBe(4);
    expect(d.notes).toEqual([]);
  });

  it('reads a big-endian AF_INET6 family (30, macOS) and continues with IPv6', () => {
    const d = dissectFrame(NULL_BE_IPV6, 0);
    expect(d.layers.map((l) => l.kind)).toEqual(['null', 'ipv6', 'tcp']);
    expect(d.layers[0]).toEqual({ kind: 'null', family: 30 });
  });

  it.each([
    ['24 (NetBSD/OpenBSD)', '18 00 00 00'],
    ['28 (FreeBSD)', '1c 00 00 00'],
    ['30 (macOS)', '1e 00 00 00'],
    ['28, big-endian', '00 00 00 1c'],
  ])('maps AF_INET6 %s to IPv6', (_name, family) => {
    expect(dissectFrame(patch(NULL_BE_IPV6, 0, family), 0).layers[1]?.kind).toBe('ipv6');
  });

  it('is also registered for OpenBSD DLT_LOOP (108, network byte order)', () => {
    expect(dissectFrame(NULL_BE_IPV6, 108).layers.map((l) => l.kind)).toEqual(['null', 'ipv6', 'tcp']);
  });

  it('keeps an unknown family as an unknown null.family layer', () => {
    // AF_APPLETALK (16)
    const d = dissectFrame(patch(NULL_LE_UDP, 0, '10 00 00 00'), 0);
    expect(d.layers[1]).toEqual({ kind: 'unknown', table: 'null.family', key: 16, length: NULL_LE_UDP.length - 4 });
  });

  it('null.truncated', () => {
    const d = dissectFrame(NULL_LE_UDP.subarray(0, 3), 0);
    expect(d.notes.map((n) => n.code)).toEqual(['null.truncated']);
    expect(d.truncated).toBe(true);
  });
});
