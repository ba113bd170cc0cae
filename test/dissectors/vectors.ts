/**
 * Byte-literal test vectors, a comment per field. Checksums (IPv4 header, ICMP, IGMP, TCP, UDP with the
 * pseudo-header) are correct. Every vector is also run through the contract suite (all truncated prefixes).
 */
/** Bytes from hex strings (whitespace allowed). */
export function hex(...parts: string[]): Uint8Array {
  const s = parts.join('').replace(/\s+/g, '');
  const out = new Uint8Array(s.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = Number.parseInt(s.slice(i * 2, i * 2 + 2), 16);
  return out;
}

export interface Vector {
  readonly name: string;
  readonly linktype: number;
  readonly bytes: Uint8Array;
}

/** ARP request on a Docker bridge: who has 172.18.0.4? Tell 172.18.0.6 */
export const ARP_REQUEST = hex(
  'ff ff ff ff ff ff', // eth.dst
  '02 42 ac 12 00 06', // eth.src
  '08 06', // eth.type: ARP
  '00 01', // arp.hw.type: Ethernet (1)
  '08 00', // arp.proto.type: IPv4
  '06', // arp.hw.size: 6
  '04', // arp.proto.size: 4
  '00 01', // arp.opcode: request (1)
  '02 42 ac 12 00 06', // arp.src.hw_mac
  'ac 12 00 06', // arp.src.proto_ipv4: 172.18.0.6
  '00 00 00 00 00 00', // arp.dst.hw_mac
  'ac 12 00 04', // arp.dst.proto_ipv4: 172.18.0.4
  '00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00', // Ethernet padding to 60 bytes
);

/** ARP reply: 172.18.0.4 is at 02:42:ac:12:00:04 */
export const ARP_REPLY = hex(
  '02 42 ac 12 00 06', // eth.dst
  '02 42 ac 12 00 04', // eth.src
  '08 06', // eth.type: ARP
  '00 01', // arp.hw.type: Ethernet (1)
  '08 00', // arp.proto.type: IPv4
  '06', // arp.hw.size: 6
  '04', // arp.proto.size: 4
  '00 02', // arp.opcode: reply (2)
  '02 42 ac 12 00 04', // arp.src.hw_mac
  'ac 12 00 04', // arp.src.proto_ipv4: 172.18.0.4
  '02 42 ac 12 00 06', // arp.dst.hw_mac
  'ac 12 00 06', // arp.dst.proto_ipv4: 172.18.0.6
  '00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00', // Ethernet padding to 60 bytes
);

/** Gratuitous ARP (announcement): sender IP == target IP */
export const ARP_ANNOUNCEMENT = hex(
  'ff ff ff ff ff ff', // eth.dst
  '02 42 ac 12 00 06', // eth.src
  '08 06', // eth.type: ARP
  '00 01', // arp.hw.type: Ethernet (1)
  '08 00', // arp.proto.type: IPv4
  '06', // arp.hw.size: 6
  '04', // arp.proto.size: 4
  '00 01', // arp.opcode: request (1)
  '02 42 ac 12 00 06', // arp.src.hw_mac
  'ac 12 00 06', // arp.src.proto_ipv4: 172.18.0.6
  '00 00 00 00 00 00', // arp.dst.hw_mac
  'ac 12 00 06', // arp.dst.proto_ipv4: 172.18.0.6
  '00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00', // Ethernet padding to 60 bytes
);

/** ARP probe (RFC 5227): request from 0.0.0.0 */
export const ARP_PROBE = hex(
  'ff ff ff ff ff ff', // eth.dst
  '02 42 ac 12 00 06', // eth.src
  '08 06', // eth.type: ARP
  '00 01', // arp.hw.type: Ethernet (1)
  '08 00', // arp.proto.type: IPv4
  '06', // arp.hw.size: 6
  '04', // arp.proto.size: 4
  '00 01', // arp.opcode: request (1)
  '02 42 ac 12 00 06', // arp.src.hw_mac
  '00 00 00 00', // arp.src.proto_ipv4: 0.0.0.0
  '00 00 00 00 00 00', // arp.dst.hw_mac
  'ac 12 00 06', // arp.dst.proto_ipv4: 172.18.0.6
  '00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00', // Ethernet padding to 60 bytes
);

/** TCP SYN 172.18.0.6:41234 → 172.18.0.4:1883 with Linux options (MSS, SACK_PERM, TS, NOP, WS) */
export const TCP_SYN = hex(
  '02 42 ac 12 00 04', // eth.dst
  '02 42 ac 12 00 06', // eth.src
  '08 00', // eth.type: IPv4
  '45', // ip.version 4, ip.hdr_len 20
  '00', // ip.dsfield
  '00 3c', // ip.len: 60
  '1a 2b', // ip.id: 0x1a2b
  '40 00', // ip.flags: DF, ip.frag_offset: 0
  '40', // ip.ttl: 64
  '06', // ip.proto: TCP (6)
  'c8 62', // ip.checksum
  'ac 12 00 06', // ip.src: 172.18.0.6
  'ac 12 00 04', // ip.dst: 172.18.0.4
  'a1 12', // tcp.srcport: 41234
  '07 5b', // tcp.dstport: 1883
  'c0 ff ee 01', // tcp.seq_raw
  '00 00 00 00', // tcp.ack_raw
  'a0 02', // tcp.hdr_len 40, tcp.flags: SYN
  'fa f0', // tcp.window_size_value: 64240
  'bb 2f', // tcp.checksum
  '00 00', // tcp.urgent_pointer
  '02 04 05 b4', // MSS 1460
  '04 02', // SACK_PERM
  '08 0a 00 01 e2 40 00 00 00 00', // TS val 123456 ecr 0
  '01', // NOP
  '03 03 07', // WS shift 7
);

/** TCP PSH/ACK with 5 bytes of payload, then 1 byte of Ethernet padding */
export const TCP_DATA = hex(
  '02 42 ac 12 00 04', // eth.dst
  '02 42 ac 12 00 06', // eth.src
  '08 00', // eth.type: IPv4
  '45', // ip.version 4, ip.hdr_len 20
  '00', // ip.dsfield
  '00 2d', // ip.len: 45
  '1a 2c', // ip.id: 0x1a2c
  '40 00', // ip.flags: DF, ip.frag_offset: 0
  '40', // ip.ttl: 64
  '06', // ip.proto: TCP (6)
  'c8 70', // ip.checksum
  'ac 12 00 06', // ip.src: 172.18.0.6
  'ac 12 00 04', // ip.dst: 172.18.0.4
  'a1 12', // tcp.srcport: 41234
  '07 5b', // tcp.dstport: 1883
  'c0 ff ee 02', // tcp.seq_raw
  '12 34 56 79', // tcp.ack_raw
  '50 18', // tcp.hdr_len 20, tcp.flags: PSH, ACK
  '01 f6', // tcp.window_size_value: 502
  '51 b3', // tcp.checksum
  '00 00', // tcp.urgent_pointer
  '68 65 6c 6c 6f', // payload "hello"
  '00', // Ethernet padding
);

/** UDP 192.168.1.10:51000 → 192.168.1.1:5555 with 4 bytes of payload and 14 bytes of padding */
export const UDP_DATAGRAM = hex(
  '00 11 22 33 44 55', // eth.dst
  '66 77 88 99 aa bb', // eth.src
  '08 00', // eth.type: IPv4
  '45', // ip.version 4, ip.hdr_len 20
  '00', // ip.dsfield
  '00 20', // ip.len: 32
  '3c 4d', // ip.id: 0x3c4d
  '00 00', // ip.flags: none, ip.frag_offset: 0
  '40', // ip.ttl: 64
  '11', // ip.proto: UDP (17)
  'bb 24', // ip.checksum
  'c0 a8 01 0a', // ip.src: 192.168.1.10
  'c0 a8 01 01', // ip.dst: 192.168.1.1
  'c7 38', // udp.srcport: 51000
  '15 b3', // udp.dstport: 5555
  '00 0c', // udp.length: 12
  '01 f1', // udp.checksum
  'de ad be ef', // payload
  '00 00 00 00 00 00 00 00 00 00 00 00 00 00', // Ethernet padding to 60 bytes
);

/** ICMP Echo (ping) request id=0x0b1e seq=1 with 8 data bytes (ping -s 8) */
export const ICMP_ECHO = hex(
  '00 11 22 33 44 55', // eth.dst
  '66 77 88 99 aa bb', // eth.src
  '08 00', // eth.type: IPv4
  '45', // ip.version 4, ip.hdr_len 20
  '00', // ip.dsfield
  '00 24', // ip.len: 36
  '5e 6f', // ip.id: 0x5e6f
  '40 00', // ip.flags: DF, ip.frag_offset: 0
  '40', // ip.ttl: 64
  '01', // ip.proto: ICMP (1)
  'c8 67', // ip.checksum
  '0a 00 00 01', // ip.src: 10.0.0.1
  '0a 00 00 02', // ip.dst: 10.0.0.2
  '08', // icmp.type: 8 Echo (ping) request
  '00', // icmp.code: 0
  'e0 d0', // icmp.checksum
  '0b 1e', // icmp.ident
  '00 01', // icmp.seq: 1
  '00 01 02 03 04 05 06 07', // data
  '00 00 00 00 00 00 00 00 00 00', // Ethernet padding to 60 bytes
);

/** ICMP Destination unreachable (Port unreachable) quoting the UDP datagram 10.0.0.1:40000 → 10.0.0.2:53 */
export const ICMP_PORT_UNREACH = hex(
  '66 77 88 99 aa bb', // eth.dst
  '00 11 22 33 44 55', // eth.src
  '08 00', // eth.type: IPv4
  '45', // ip.version 4, ip.hdr_len 20
  'c0', // ip.dsfield
  '00 38', // ip.len: 56
  '9a bc', // ip.id: 0x9abc
  '00 00', // ip.flags: none, ip.frag_offset: 0
  '40', // ip.ttl: 64
  '01', // ip.proto: ICMP (1)
  'cb 46', // ip.checksum
  '0a 00 00 02', // ip.src: 10.0.0.2
  '0a 00 00 01', // ip.dst: 10.0.0.1
  '03', // icmp.type: 3 Destination unreachable
  '03', // icmp.code: 3 Port unreachable
  '4e 47', // icmp.checksum
  '00 00 00 00', // unused
  '45', // quoted ip.version 4, ip.hdr_len 20
  '00', // quoted ip.dsfield
  '00 20', // quoted ip.len: 32
  '11 11', // quoted ip.id: 0x1111
  '40 00', // quoted ip.flags: DF, ip.frag_offset: 0
  '40', // quoted ip.ttl: 64
  '11', // quoted ip.proto: UDP (17)
  '15 ba', // quoted ip.checksum
  '0a 00 00 01', // quoted ip.src: 10.0.0.1
  '0a 00 00 02', // quoted ip.dst: 10.0.0.2
  '9c 40', // quoted udp.srcport: 40000
  '00 35', // quoted udp.dstport: 53
  '00 0c', // quoted udp.length: 12
  '12 34', // quoted udp.checksum
);

/** IGMPv2 Membership Report for 224.0.0.251, IP header with a Router Alert option */
export const IGMP_V2_REPORT = hex(
  '01 00 5e 00 00 fb', // eth.dst
  '66 77 88 99 aa bb', // eth.src
  '08 00', // eth.type: IPv4
  '46', // ip.version 4, ip.hdr_len 24
  'c0', // ip.dsfield
  '00 20', // ip.len: 32
  '00 00', // ip.id: 0x0000
  '40 00', // ip.flags: DF, ip.frag_offset: 0
  '01', // ip.ttl: 1
  '02', // ip.proto: IGMP (2)
  '41 6a', // ip.checksum
  'c0 a8 01 0a', // ip.src: 192.168.1.10
  'e0 00 00 fb', // ip.dst: 224.0.0.251
  '94 04 00 00', // IP option: Router Alert (148), length 4, value 0
  '16', // igmp.type: 0x16 Membership Report (v2)
  '00', // igmp.max_resp
  '09 04', // igmp.checksum
  'e0 00 00 fb', // igmp.maddr: 224.0.0.251
  '00 00 00 00 00 00 00 00 00 00 00 00 00 00', // Ethernet padding to 60 bytes
);

/** IGMPv3 general Membership Query (12 bytes) */
export const IGMP_V3_QUERY = hex(
  '01 00 5e 00 00 01', // eth.dst
  '66 77 88 99 aa bb', // eth.src
  '08 00', // eth.type: IPv4
  '46', // ip.version 4, ip.hdr_len 24
  'c0', // ip.dsfield
  '00 24', // ip.len: 36
  '00 00', // ip.id: 0x0000
  '40 00', // ip.flags: DF, ip.frag_offset: 0
  '01', // ip.ttl: 1
  '02', // ip.proto: IGMP (2)
  '42 69', // ip.checksum
  'c0 a8 01 01', // ip.src: 192.168.1.1
  'e0 00 00 01', // ip.dst: 224.0.0.1
  '94 04 00 00', // IP option: Router Alert
  '11', // igmp.type: 0x11 Membership Query
  '64', // igmp.max_resp: 10.0 s
  'ec 1e', // igmp.checksum
  '00 00 00 00', // igmp.maddr: 0.0.0.0 (general query)
  '02', // igmp.s, igmp.qrv: 2
  '7d', // igmp.qqic: 125
  '00 00', // igmp.num_src: 0
  '00 00 00 00 00 00 00 00 00 00', // Ethernet padding to 60 bytes
);

/** First fragment (MF, offset 0) of a 1008-byte UDP datagram: the UDP length covers later fragments */
export const IPV4_FRAG_FIRST = hex(
  '00 11 22 33 44 55', // eth.dst
  '66 77 88 99 aa bb', // eth.src
  '08 00', // eth.type: IPv4
  '45', // ip.version 4, ip.hdr_len 20
  '00', // ip.dsfield
  '00 24', // ip.len: 36
  'ab cd', // ip.id: 0xabcd
  '20 00', // ip.flags: MF, ip.frag_offset: 0
  '40', // ip.ttl: 64
  '11', // ip.proto: UDP (17)
  '2b a0', // ip.checksum
  'c0 a8 01 0a', // ip.src: 192.168.1.10
  'c0 a8 01 01', // ip.dst: 192.168.1.1
  'c7 38', // udp.srcport: 51000
  '13 88', // udp.dstport: 5000
  '03 f0', // udp.length: 1008
  '00 00', // udp.checksum (none)
  '61 62 63 64 65 66 67 68', // first 8 payload bytes
  '00 00 00 00 00 00 00 00 00 00', // Ethernet padding to 60 bytes
);

/** A later fragment (offset 16 bytes) of the same datagram: its bytes are not a UDP header */
export const IPV4_FRAG_LATER = hex(
  '00 11 22 33 44 55', // eth.dst
  '66 77 88 99 aa bb', // eth.src
  '08 00', // eth.type: IPv4
  '45', // ip.version 4, ip.hdr_len 20
  '00', // ip.dsfield
  '00 1c', // ip.len: 28
  'ab cd', // ip.id: 0xabcd
  '00 02', // ip.flags: none, ip.frag_offset: 16
  '40', // ip.ttl: 64
  '11', // ip.proto: UDP (17)
  '4b a6', // ip.checksum
  'c0 a8 01 0a', // ip.src: 192.168.1.10
  'c0 a8 01 01', // ip.dst: 192.168.1.1
  '01 02 03 04 05 06 07 08', // fragment data (8 bytes)
  '00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00', // Ethernet padding to 60 bytes
);

/** ICMPv6 Neighbor Solicitation for fe80::42:acff:fe12:4 (DAD-style, to the solicited-node address) */
export const ICMPV6_NS = hex(
  '33 33 ff 12 00 04', // eth.dst
  '02 42 ac 12 00 06', // eth.src
  '86 dd', // eth.type: IPv6
  '60 00 00 00', // ipv6.version 6, tclass 0, flow 0
  '00 20', // ipv6.plen: 32
  '3a', // ipv6.nxt: ICMPv6 (58)
  'ff', // ipv6.hlim: 255
  'fe 80 00 00 00 00 00 00 00 42 ac ff fe 12 00 06', // ipv6.src: fe80::42:acff:fe12:6
  'ff 02 00 00 00 00 00 00 00 00 00 01 ff 12 00 04', // ipv6.dst: ff02::1:ff12:4
  '87', // icmpv6.type: 135 Neighbor Solicitation
  '00', // icmpv6.code
  '77 79', // icmpv6.checksum
  '00 00 00 00', // reserved
  'fe 80 00 00 00 00 00 00 00 42 ac ff fe 12 00 04', // icmpv6.nd.ns.target_address: fe80::42:acff:fe12:4
  '01 01 02 42 ac 12 00 06', // ND option: source link-layer address
);

/** MLDv2 report behind a Hop-by-Hop header with a Router Alert option */
export const ICMPV6_MLDV2 = hex(
  '33 33 00 00 00 16', // eth.dst
  '02 42 ac 12 00 06', // eth.src
  '86 dd', // eth.type: IPv6
  '60 00 00 00', // ipv6.version 6
  '00 24', // ipv6.plen: 36
  '00', // ipv6.nxt: Hop-by-Hop (0)
  '01', // ipv6.hlim: 1
  'fe 80 00 00 00 00 00 00 00 42 ac ff fe 12 00 06', // ipv6.src: fe80::42:acff:fe12:6
  'ff 02 00 00 00 00 00 00 00 00 00 00 00 00 00 16', // ipv6.dst: ff02::16
  '3a', // hopopts.nxt: ICMPv6 (58)
  '00', // hopopts.len: 0 (8 bytes)
  '05 02 00 00', // Router Alert: MLD
  '01 00', // PadN
  '8f', // icmpv6.type: 143 MLDv2 report
  '00', // icmpv6.code
  'c5 96', // icmpv6.checksum
  '00 00', // reserved
  '00 01', // number of records: 1
  '04 00 00 00 ff 02 00 00 00 00 00 00 00 00 00 01 ff 12 00 06', // record: CHANGE_TO_EXCLUDE ff02::1:ff12:6, no sources
);

/** TCP SYN/ACK over IPv6 2001:db8::2:443 → 2001:db8::1:50000, options MSS, SACK_PERM, TS, NOP, WS */
export const IPV6_TCP_SYNACK = hex(
  '02 42 ac 12 00 06', // eth.dst
  '02 42 ac 12 00 04', // eth.src
  '86 dd', // eth.type: IPv6
  '60 00 ab cd', // ipv6.version 6, tclass 0, flow 0xabcd
  '00 28', // ipv6.plen: 40
  '06', // ipv6.nxt: TCP (6)
  '40', // ipv6.hlim: 64
  '20 01 0d b8 00 00 00 00 00 00 00 00 00 00 00 02', // ipv6.src: 2001:db8::2
  '20 01 0d b8 00 00 00 00 00 00 00 00 00 00 00 01', // ipv6.dst: 2001:db8::1
  '01 bb', // tcp.srcport: 443
  'c3 50', // tcp.dstport: 50000
  '87 65 43 21', // tcp.seq_raw
  '11 11 11 12', // tcp.ack_raw
  'a0 12', // tcp.hdr_len 40, tcp.flags: SYN, ACK
  'ff c4', // tcp.window_size_value: 65476
  'ad 03', // tcp.checksum
  '00 00', // tcp.urgent_pointer
  '02 04 05 a0', // MSS 1440
  '04 02', // SACK_PERM
  '08 0a 00 00 ab cd 00 01 e2 40', // TS val 43981 ecr 123456
  '01', // NOP
  '03 03 09', // WS shift 9
);

/** IPv6 first fragment (M=1, offset 0) carrying the start of a UDP datagram */
export const IPV6_FRAG_FIRST = hex(
  '02 42 ac 12 00 06', // eth.dst
  '02 42 ac 12 00 04', // eth.src
  '86 dd', // eth.type: IPv6
  '60 00 00 00', // ipv6.version 6
  '00 18', // ipv6.plen: 24
  '2c', // ipv6.nxt: Fragment (44)
  '40', // ipv6.hlim: 64
  '20 01 0d b8 00 00 00 00 00 00 00 00 00 00 00 02', // ipv6.src: 2001:db8::2
  '20 01 0d b8 00 00 00 00 00 00 00 00 00 00 00 01', // ipv6.dst: 2001:db8::1
  '11', // fragment.nxt: UDP (17)
  '00', // reserved
  '00 01', // offset 0, M=1
  'de ad be ef', // fragment.id
  '13 88', // udp.srcport: 5000
  '13 89', // udp.dstport: 5001
  '05 dc', // udp.length: 1500
  '00 00', // udp.checksum
  '01 02 03 04 05 06 07 08', // first payload bytes
);

/** IPv6 later fragment (offset 1448): ends as data */
export const IPV6_FRAG_LATER = hex(
  '02 42 ac 12 00 06', // eth.dst
  '02 42 ac 12 00 04', // eth.src
  '86 dd', // eth.type: IPv6
  '60 00 00 00', // ipv6.version 6
  '00 10', // ipv6.plen: 16
  '2c', // ipv6.nxt: Fragment (44)
  '40', // ipv6.hlim: 64
  '20 01 0d b8 00 00 00 00 00 00 00 00 00 00 00 02', // ipv6.src: 2001:db8::2
  '20 01 0d b8 00 00 00 00 00 00 00 00 00 00 00 01', // ipv6.dst: 2001:db8::1
  '11', // fragment.nxt: UDP (17)
  '00', // reserved
  '05 a8', // offset 181*8 = 1448, M=0
  'de ad be ef', // fragment.id
  '01 02 03 04 05 06 07 08', // fragment data
);

/** 802.1Q tag (PCP 5, VID 100) carrying the UDP datagram of UDP_DATAGRAM */
export const VLAN_UDP = hex(
  '00 11 22 33 44 55', // eth.dst
  '66 77 88 99 aa bb', // eth.src
  '81 00', // eth.type: 802.1Q
  'a0 64', // vlan.priority 5, vlan.dei 0, vlan.id 100
  '08 00', // vlan.etype: IPv4
  '45', // ip.version 4, ip.hdr_len 20
  '00', // ip.dsfield
  '00 20', // ip.len: 32
  '3c 4d', // ip.id: 0x3c4d
  '00 00', // ip.flags: none, ip.frag_offset: 0
  '40', // ip.ttl: 64
  '11', // ip.proto: UDP (17)
  'bb 24', // ip.checksum
  'c0 a8 01 0a', // ip.src: 192.168.1.10
  'c0 a8 01 01', // ip.dst: 192.168.1.1
  'c7 38', // udp.srcport: 51000
  '15 b3', // udp.dstport: 5555
  '00 0c', // udp.length: 12
  '01 f1', // udp.checksum
  'de ad be ef', // payload
  '00 00 00 00 00 00 00 00 00 00 00 00 00 00', // Ethernet padding to 60 bytes
);

/** 802.1ad outer tag (VID 200) + 802.1Q inner tag (PCP 1, DEI 1, VID 10) carrying an ARP request */
export const QINQ_ARP = hex(
  'ff ff ff ff ff ff', // eth.dst
  '02 42 ac 12 00 06', // eth.src
  '88 a8', // eth.type: 802.1ad (QinQ)
  '00 c8', // vlan.priority 0, vlan.id 200
  '81 00', // vlan.etype: 802.1Q
  '30 0a', // vlan.priority 1, vlan.dei 1, vlan.id 10
  '08 06', // vlan.etype: ARP
  '00 01', // arp.hw.type: Ethernet (1)
  '08 00', // arp.proto.type: IPv4
  '06', // arp.hw.size: 6
  '04', // arp.proto.size: 4
  '00 01', // arp.opcode: request (1)
  '02 42 ac 12 00 06', // arp.src.hw_mac
  'ac 12 00 06', // arp.src.proto_ipv4: 172.18.0.6
  '00 00 00 00 00 00', // arp.dst.hw_mac
  'ac 12 00 04', // arp.dst.proto_ipv4: 172.18.0.4
  '00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00', // Ethernet padding to 60 bytes
);

/** IEEE 802.3 length frame (STP BPDU over LLC): type field 38 is a length, the rest is padding */
export const STP_8023 = hex(
  '01 80 c2 00 00 00', // eth.dst: STP multicast
  '66 77 88 99 aa bb', // eth.src
  '00 26', // eth.len: 38
  '42 42 03', // LLC DSAP 0x42, SSAP 0x42, control 3
  '00 00 00 00 00 80 00 66 77 88 99 aa bb 00 00 00', // STP configuration BPDU (35 bytes)
  '00 80 00 66 77 88 99 aa bb 80 01 00 00 14 00 02',
  '00 0f 00',
  '00 00 00 00 00 00 00 00', // Ethernet padding to 60 bytes
);

/** Linux cooked v1 (tcpdump -i any): an outgoing TCP PSH/ACK (the IPv4 packet of TCP_DATA) */
export const SLL_TCP = hex(
  '00 04', // sll.pkttype: 4 outgoing
  '00 01', // sll.hatype: 1 Ethernet
  '00 06', // sll.halen: 6
  '02 42 ac 12 00 06 00 00', // sll.src.eth (8-byte field)
  '08 00', // sll.etype: IPv4
  '45', // ip.version 4, ip.hdr_len 20
  '00', // ip.dsfield
  '00 2d', // ip.len: 45
  '1a 2c', // ip.id: 0x1a2c
  '40 00', // ip.flags: DF, ip.frag_offset: 0
  '40', // ip.ttl: 64
  '06', // ip.proto: TCP (6)
  'c8 70', // ip.checksum
  'ac 12 00 06', // ip.src: 172.18.0.6
  'ac 12 00 04', // ip.dst: 172.18.0.4
  'a1 12', // tcp.srcport: 41234
  '07 5b', // tcp.dstport: 1883
  'c0 ff ee 02', // tcp.seq_raw
  '12 34 56 79', // tcp.ack_raw
  '50 18', // tcp.hdr_len 20, tcp.flags: PSH, ACK
  '01 f6', // tcp.window_size_value: 502
  '51 b3', // tcp.checksum
  '00 00', // tcp.urgent_pointer
  '68 65 6c 6c 6f', // payload "hello"
);

/** Linux cooked v2: a broadcast ARP request (the ARP of ARP_REQUEST, no padding) */
export const SLL2_ARP = hex(
  '08 06', // sll.etype: ARP
  '00 00', // reserved
  '00 00 00 03', // sll.ifindex: 3
  '00 01', // sll.hatype: 1 Ethernet
  '01', // sll.pkttype: 1 broadcast
  '06', // sll.halen: 6
  '02 42 ac 12 00 06 00 00', // sll.src.eth (8-byte field)
  '00 01', // arp.hw.type: Ethernet (1)
  '08 00', // arp.proto.type: IPv4
  '06', // arp.hw.size: 6
  '04', // arp.proto.size: 4
  '00 01', // arp.opcode: request (1)
  '02 42 ac 12 00 06', // arp.src.hw_mac
  'ac 12 00 06', // arp.src.proto_ipv4: 172.18.0.6
  '00 00 00 00 00 00', // arp.dst.hw_mac
  'ac 12 00 04', // arp.dst.proto_ipv4: 172.18.0.4
);

/** BSD loopback written on a little-endian host: AF_INET (2) then the UDP_DATAGRAM datagram */
export const NULL_LE_UDP = hex(
  '02 00 00 00', // null.family: 2 AF_INET, little-endian
  '45', // ip.version 4, ip.hdr_len 20
  '00', // ip.dsfield
  '00 20', // ip.len: 32
  '3c 4d', // ip.id: 0x3c4d
  '00 00', // ip.flags: none, ip.frag_offset: 0
  '40', // ip.ttl: 64
  '11', // ip.proto: UDP (17)
  'bb 24', // ip.checksum
  'c0 a8 01 0a', // ip.src: 192.168.1.10
  'c0 a8 01 01', // ip.dst: 192.168.1.1
  'c7 38', // udp.srcport: 51000
  '15 b3', // udp.dstport: 5555
  '00 0c', // udp.length: 12
  '01 f1', // udp.checksum
  'de ad be ef', // payload
);

/** BSD loopback written on a big-endian host: AF_INET6 (30, macOS) then the IPv6 SYN/ACK */
export const NULL_BE_IPV6 = hex(
  '00 00 00 1e', // null.family: 30 AF_INET6 (macOS), big-endian
  '60 00 ab cd', // ipv6.version 6, tclass 0, flow 0xabcd
  '00 28', // ipv6.plen: 40
  '06', // ipv6.nxt: TCP (6)
  '40', // ipv6.hlim: 64
  '20 01 0d b8 00 00 00 00 00 00 00 00 00 00 00 02', // ipv6.src: 2001:db8::2
  '20 01 0d b8 00 00 00 00 00 00 00 00 00 00 00 01', // ipv6.dst: 2001:db8::1
  '01 bb', // tcp.srcport: 443
  'c3 50', // tcp.dstport: 50000
  '87 65 43 21', // tcp.seq_raw
  '11 11 11 12', // tcp.ack_raw
  'a0 12', // tcp.hdr_len 40, tcp.flags: SYN, ACK
  'ff c4', // tcp.window_size_value: 65476
  'ad 03', // tcp.checksum
  '00 00', // tcp.urgent_pointer
  '02 04 05 a0', // MSS 1440
  '04 02', // SACK_PERM
  '08 0a 00 00 ab cd 00 01 e2 40', // TS val 43981 ecr 123456
  '01', // NOP
  '03 03 09', // WS shift 9
);

/** Raw IP (linktype 101): the IPv4 echo request of ICMP_ECHO */
export const RAW_ICMP = hex(
  '45', // ip.version 4, ip.hdr_len 20
  '00', // ip.dsfield
  '00 24', // ip.len: 36
  '5e 6f', // ip.id: 0x5e6f
  '40 00', // ip.flags: DF, ip.frag_offset: 0
  '40', // ip.ttl: 64
  '01', // ip.proto: ICMP (1)
  'c8 67', // ip.checksum
  '0a 00 00 01', // ip.src: 10.0.0.1
  '0a 00 00 02', // ip.dst: 10.0.0.2
  '08', // icmp.type: 8 Echo (ping) request
  '00', // icmp.code: 0
  'e0 d0', // icmp.checksum
  '0b 1e', // icmp.ident
  '00 01', // icmp.seq: 1
  '00 01 02 03 04 05 06 07', // data
);

/** Raw IP (linktype 101): the IPv6 Neighbor Solicitation of ICMPV6_NS */
export const RAW_IPV6_NS = hex(
  '60 00 00 00', // ipv6.version 6, tclass 0, flow 0
  '00 20', // ipv6.plen: 32
  '3a', // ipv6.nxt: ICMPv6 (58)
  'ff', // ipv6.hlim: 255
  'fe 80 00 00 00 00 00 00 00 42 ac ff fe 12 00 06', // ipv6.src: fe80::42:acff:fe12:6
  'ff 02 00 00 00 00 00 00 00 00 00 01 ff 12 00 04', // ipv6.dst: ff02::1:ff12:4
  '87', // icmpv6.type: 135 Neighbor Solicitation
  '00', // icmpv6.code
  '77 79', // icmpv6.checksum
  '00 00 00 00', // reserved
  'fe 80 00 00 00 00 00 00 00 42 ac ff fe 12 00 04', // icmpv6.nd.ns.target_address: fe80::42:acff:fe12:4
  '01 01 02 42 ac 12 00 06', // ND option: source link-layer address
);

/** LINKTYPE_IPV4 (228): the IPv4 SYN of TCP_SYN */
export const IPV4_TCP_SYN = hex(
  '45', // ip.version 4, ip.hdr_len 20
  '00', // ip.dsfield
  '00 3c', // ip.len: 60
  '1a 2b', // ip.id: 0x1a2b
  '40 00', // ip.flags: DF, ip.frag_offset: 0
  '40', // ip.ttl: 64
  '06', // ip.proto: TCP (6)
  'c8 62', // ip.checksum
  'ac 12 00 06', // ip.src: 172.18.0.6
  'ac 12 00 04', // ip.dst: 172.18.0.4
  'a1 12', // tcp.srcport: 41234
  '07 5b', // tcp.dstport: 1883
  'c0 ff ee 01', // tcp.seq_raw
  '00 00 00 00', // tcp.ack_raw
  'a0 02', // tcp.hdr_len 40, tcp.flags: SYN
  'fa f0', // tcp.window_size_value: 64240
  'bb 2f', // tcp.checksum
  '00 00', // tcp.urgent_pointer
  '02 04 05 b4', // MSS 1460
  '04 02', // SACK_PERM
  '08 0a 00 01 e2 40 00 00 00 00', // TS val 123456 ecr 0
  '01', // NOP
  '03 03 07', // WS shift 7
);

/** LINKTYPE_IPV6 (229): the IPv6 SYN/ACK of IPV6_TCP_SYNACK */
export const IPV6_TCP_SYNACK_RAW = hex(
  '60 00 ab cd', // ipv6.version 6, tclass 0, flow 0xabcd
  '00 28', // ipv6.plen: 40
  '06', // ipv6.nxt: TCP (6)
  '40', // ipv6.hlim: 64
  '20 01 0d b8 00 00 00 00 00 00 00 00 00 00 00 02', // ipv6.src: 2001:db8::2
  '20 01 0d b8 00 00 00 00 00 00 00 00 00 00 00 01', // ipv6.dst: 2001:db8::1
  '01 bb', // tcp.srcport: 443
  'c3 50', // tcp.dstport: 50000
  '87 65 43 21', // tcp.seq_raw
  '11 11 11 12', // tcp.ack_raw
  'a0 12', // tcp.hdr_len 40, tcp.flags: SYN, ACK
  'ff c4', // tcp.window_size_value: 65476
  'ad 03', // tcp.checksum
  '00 00', // tcp.urgent_pointer
  '02 04 05 a0', // MSS 1440
  '04 02', // SACK_PERM
  '08 0a 00 00 ab cd 00 01 e2 40', // TS val 43981 ecr 123456
  '01', // NOP
  '03 03 09', // WS shift 9
);

export const VECTORS: readonly Vector[] = [
  { name: 'ARP_REQUEST', linktype: 1, bytes: ARP_REQUEST },
  { name: 'ARP_REPLY', linktype: 1, bytes: ARP_REPLY },
  { name: 'ARP_ANNOUNCEMENT', linktype: 1, bytes: ARP_ANNOUNCEMENT },
  { name: 'ARP_PROBE', linktype: 1, bytes: ARP_PROBE },
  { name: 'TCP_SYN', linktype: 1, bytes: TCP_SYN },
  { name: 'TCP_DATA', linktype: 1, bytes: TCP_DATA },
  { name: 'UDP_DATAGRAM', linktype: 1, bytes: UDP_DATAGRAM },
  { name: 'ICMP_ECHO', linktype: 1, bytes: ICMP_ECHO },
  { name: 'ICMP_PORT_UNREACH', linktype: 1, bytes: ICMP_PORT_UNREACH },
  { name: 'IGMP_V2_REPORT', linktype: 1, bytes: IGMP_V2_REPORT },
  { name: 'IGMP_V3_QUERY', linktype: 1, bytes: IGMP_V3_QUERY },
  { name: 'IPV4_FRAG_FIRST', linktype: 1, bytes: IPV4_FRAG_FIRST },
  { name: 'IPV4_FRAG_LATER', linktype: 1, bytes: IPV4_FRAG_LATER },
  { name: 'ICMPV6_NS', linktype: 1, bytes: ICMPV6_NS },
  { name: 'ICMPV6_MLDV2', linktype: 1, bytes: ICMPV6_MLDV2 },
  { name: 'IPV6_TCP_SYNACK', linktype: 1, bytes: IPV6_TCP_SYNACK },
  { name: 'IPV6_FRAG_FIRST', linktype: 1, bytes: IPV6_FRAG_FIRST },
  { name: 'IPV6_FRAG_LATER', linktype: 1, bytes: IPV6_FRAG_LATER },
  { name: 'VLAN_UDP', linktype: 1, bytes: VLAN_UDP },
  { name: 'QINQ_ARP', linktype: 1, bytes: QINQ_ARP },
  { name: 'STP_8023', linktype: 1, bytes: STP_8023 },
  { name: 'SLL_TCP', linktype: 113, bytes: SLL_TCP },
  { name: 'SLL2_ARP', linktype: 276, bytes: SLL2_ARP },
  { name: 'NULL_LE_UDP', linktype: 0, bytes: NULL_LE_UDP },
  { name: 'NULL_BE_IPV6', linktype: 0, bytes: NULL_BE_IPV6 },
  { name: 'RAW_ICMP', linktype: 101, bytes: RAW_ICMP },
  { name: 'RAW_IPV6_NS', linktype: 101, bytes: RAW_IPV6_NS },
  { name: 'IPV4_TCP_SYN', linktype: 228, bytes: IPV4_TCP_SYN },
  { name: 'IPV6_TCP_SYNACK_RAW', linktype: 229, bytes: IPV6_TCP_SYNACK_RAW },
];

/** A copy of `b` with the bytes at `at` replaced by `hexBytes`. */
export function patch(b: Uint8Array, at: number, hexBytes: string): Uint8Array {
  const out = b.slice();
  out.set(hex(hexBytes), at);
  return out;
}

/** A copy of `b` with `hexBytes` appended. */
export function append(b: Uint8Array, hexBytes: string): Uint8Array {
  const tail = hex(hexBytes);
  const out = new Uint8Array(b.length + tail.length);
  out.set(b);
  out.set(tail, b.length);
  return out;
}

/** Recomputes the IPv4 header checksum of the header at `ipOff` in place (after a patch), returns `b`. */
export function fixIpv4Checksum(b: Uint8Array, ipOff: number): Uint8Array {
  const len = (b[ipOff]! & 0x0f) * 4;
  b[ipOff + 10] = 0;
  b[ipOff + 11] = 0;
  let sum = 0;
  for (let i = 0; i < len; i += 2) sum += (b[ipOff + i]! << 8) | b[ipOff + i + 1]!;
  while (sum > 0xffff) sum = (sum & 0xffff) + (sum >>> 16);
  const ck = ~sum & 0xffff;
  b[ipOff + 10] = ck >>> 8;
  b[ipOff + 11] = ck & 0xff;
  return b;
}
