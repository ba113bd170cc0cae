import { describe, expect, it } from 'vitest';
import { dissectFrame } from '../../src/dissectors/frame.js';
import { hex, IPV4_TCP_SYN, IPV6_TCP_SYNACK_RAW, RAW_ICMP, RAW_IPV6_NS } from './vectors.js';

describe('raw IP link types', () => {
  it('101 decides IPv4 by the version nibble, pushing no link layer', () => {
    const d = dissectFrame(RAW_ICMP, 101);
    expect(d.layers.map((l) => l.kind)).toEqual(['ip', 'icmp']);
    expect(d.notes).toEqual([]);
  });

  it('101 decides IPv6 by the version nibble', () => {
    expect(dissectFrame(RAW_IPV6_NS, 101).layers.map((l) => l.kind)).toEqual(['ipv6', 'icmpv6']);
  });

  it('228 is IPv4 and 229 is IPv6', () => {
    expect(dissectFrame(IPV4_TCP_SYN, 228).layers.map((l) => l.kind)).toEqual(['ip', 'tcp']);
    expect(dissectFrame(IPV6_TCP_SYNACK_RAW, 229).layers.map((l) => l.kind)).toEqual(['ipv6', 'tcp']);
  });

  it('228 reports a non-IPv4 header as a bad IP version, not as IPv6', () => {
    expect(dissectFrame(RAW_IPV6_NS, 228).notes.map((n) => n.code)).toEqual(['ip.bogus_ip_version']);
  });

  it('101 with another version ends as data with raw.version.unknown', () => {
    const d = dissectFrame(hex('50 00 00 14'), 101);
    expect(d.notes).toEqual([
      { code: 'raw.version.unknown', severity: 'warn', params: { version: 5 }, offset: 0, length: 1 },
    ]);
    expect(d.layers).toEqual([{ kind: 'data', length: 4 }]);
  });

  it('101 with an empty frame: raw.truncated', () => {
    const d = dissectFrame(hex(''), 101);
    expect(d.notes.map((n) => n.code)).toEqual(['raw.truncated']);
    expect(d.truncated).toBe(true);
  });
});
