/** eth.*, sll.*, arp.*: the link layer and ARP. */
import type { FieldTable, FrameView } from '../types.js';
import { flag, many, one } from './define.js';

const has = (p: string) => (v: FrameView) => v.f.protocols.includes(p);

export const ETH_FIELDS: FieldTable = {
  proto: 'eth',
  fields: [
    flag('eth', 'protocol', 'Ethernet II header', has('eth')),
    one('eth.src', 'ether', 'Source MAC address', (v) => v.f.eth?.src),
    one('eth.dst', 'ether', 'Destination MAC address', (v) => v.f.eth?.dst),
    many('eth.addr', 'ether', 'Source or destination MAC address (destination first, as in the header)', (v, out) => {
      if (v.f.eth) out.push(v.f.eth.dst, v.f.eth.src);
    }),
    one('eth.type', 'uint', 'EtherType (0x0800 IPv4, 0x0806 ARP, 0x86dd IPv6)', (v) => v.f.eth?.type, { hex: 4 }),
  ],
};

export const SLL_FIELDS: FieldTable = {
  proto: 'sll',
  fields: [
    flag('sll', 'protocol', 'Linux cooked capture header (tcpdump -i any)', has('sll')),
    one(
      'sll.pkttype',
      'uint',
      'Packet type: 0 to us, 1 broadcast, 2 multicast, 3 to another host, 4 sent by us',
      (v) => v.f.sll?.pkttype,
    ),
    one('sll.src.eth', 'ether', 'Link-layer source address', (v) => v.f.sll?.src),
    one('sll.ifindex', 'uint', 'Interface index (SLL2 only)', (v) => v.f.sll?.ifindex),
  ],
};

const ARP_OPCODES: Readonly<Record<string, number>> = {
  request: 1,
  reply: 2,
  'rarp-request': 3,
  'rarp-reply': 4,
};

export const ARP_FIELDS: FieldTable = {
  proto: 'arp',
  fields: [
    flag('arp', 'protocol', 'ARP packet', has('arp')),
    one('arp.opcode', 'uint', 'Opcode: 1 request, 2 reply', (v) => (v.f.arp ? ARP_OPCODES[v.f.arp.op] : undefined)),
    one('arp.src.hw_mac', 'ether', 'Sender MAC address', (v) => v.f.arp?.sender_mac),
    one('arp.src.proto_ipv4', 'ipv4', 'Sender IP address', (v) => v.f.arp?.sender_ip),
    one('arp.dst.hw_mac', 'ether', 'Target MAC address', (v) => v.f.arp?.target_mac),
    one('arp.dst.proto_ipv4', 'ipv4', 'Target IP address', (v) => v.f.arp?.target_ip),
  ],
};
