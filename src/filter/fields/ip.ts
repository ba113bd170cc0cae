/** ip.*, ipv6.*, icmp.*, icmpv6.*: the network layer (the first IP header of a frame). */
import type { FieldTable, FrameView } from '../types.js';
import { flag, many, one } from './define.js';

const v4 = (v: FrameView) => (v.f.ip?.version === 4 ? v.f.ip : undefined);
const v6 = (v: FrameView) => (v.f.ip?.version === 6 ? v.f.ip : undefined);
const has = (p: string) => (v: FrameView) => v.f.protocols.includes(p);

export const IP_FIELDS: FieldTable = {
  proto: 'ip',
  fields: [
    flag('ip', 'protocol', 'IPv4 header', has('ip')),
    one('ip.src', 'ipv4', 'Source address', (v) => v4(v)?.src),
    one('ip.dst', 'ipv4', 'Destination address', (v) => v4(v)?.dst),
    many('ip.addr', 'ipv4', 'Source or destination address', (v, out) => {
      const ip = v4(v);
      if (ip) out.push(ip.src, ip.dst);
    }),
    one('ip.proto', 'uint', 'Protocol: 6 TCP, 17 UDP, 1 ICMP', (v) => v4(v)?.proto),
    one('ip.ttl', 'uint', 'Time to live', (v) => v4(v)?.ttl),
    one('ip.id', 'uint', 'Identification', (v) => v4(v)?.id, { hex: 4 }),
    one('ip.len', 'uint', 'Total length (header and payload)', (v) => v4(v)?.len),
    one('ip.flags.df', 'bool', "Don't fragment", (v) => {
      const ip = v4(v);
      return ip?.df === undefined ? undefined : ip.df ? 1 : 0;
    }),
  ],
};

export const IPV6_FIELDS: FieldTable = {
  proto: 'ipv6',
  fields: [
    flag('ipv6', 'protocol', 'IPv6 header', has('ipv6')),
    one('ipv6.src', 'ipv6', 'Source address', (v) => v6(v)?.src),
    one('ipv6.dst', 'ipv6', 'Destination address', (v) => v6(v)?.dst),
    many('ipv6.addr', 'ipv6', 'Source or destination address', (v, out) => {
      const ip = v6(v);
      if (ip) out.push(ip.src, ip.dst);
    }),
    one(
      'ipv6.nxt',
      'uint',
      'Next header (pcap-explain: the upper-layer protocol after any extension headers)',
      (v) => v6(v)?.proto,
    ),
    one('ipv6.hlim', 'uint', 'Hop limit', (v) => v6(v)?.ttl),
    one('ipv6.plen', 'uint', 'Payload length', (v) => v6(v)?.len),
  ],
};

const icmp = (p: 'icmp' | 'icmpv6') => (v: FrameView) => (v.f.protocols.includes(p) ? v.f.icmp : undefined);
const icmp4 = icmp('icmp');
const icmp6 = icmp('icmpv6');

export const ICMP_FIELDS: FieldTable = {
  proto: 'icmp',
  fields: [
    flag('icmp', 'protocol', 'ICMP message', has('icmp')),
    one(
      'icmp.type',
      'uint',
      'Type: 0 echo reply, 3 unreachable, 8 echo request, 11 time exceeded',
      (v) => icmp4(v)?.type,
    ),
    one('icmp.code', 'uint', 'Code', (v) => icmp4(v)?.code),
    flag('icmpv6', 'protocol', 'ICMPv6 message', has('icmpv6')),
    one(
      'icmpv6.type',
      'uint',
      'Type: 128 echo request, 129 echo reply, 135/136 neighbor solicitation/advertisement',
      (v) => icmp6(v)?.type,
    ),
    one('icmpv6.code', 'uint', 'Code', (v) => icmp6(v)?.code),
    flag('igmp', 'protocol', 'IGMP message', has('igmp')),
  ],
};
