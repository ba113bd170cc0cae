import { enExplain } from './en-explain.js';
import { enNotes } from './en-notes.js';
import { liveEn } from './live-en.js';
import type { Catalogue } from './types.js';

/** English texts for capture warnings and expert notes, keyed by stable code. */
export const en: Catalogue = {
  ...liveEn, // live capture (src/explain/catalog/live-en.ts)
  // capture file problems (CaptureError and CaptureWarning codes)
  'capture.empty_file.error': 'the capture is empty (0 bytes)',
  'capture.not_a_capture.error': 'not a pcap or pcapng file (starts with {start})',
  'capture.unreadable.error': 'cannot read {path}: {why}',
  'capture.unreadable.enoent': 'no such file',
  'capture.unreadable.eisdir': 'is a directory',
  'capture.unreadable.eacces': 'permission denied',
  'capture.truncated_record':
    'The capture ends in the middle of a record at byte {offset}: {missing} bytes are missing. Every complete frame before it was analysed.',
  'capture.bad_record':
    'Unreadable data at byte {offset} ({reason}); reading stopped there. Every frame before it was analysed.',
  'capture.bad_record.reason.caplen_too_large':
    'a record claims {caplen} captured bytes, more than the {limit}-byte limit',
  'capture.bad_record.reason.bad_byte_order_magic': 'a section header with an invalid byte-order magic {magic}',
  'capture.bad_record.reason.block_length_too_small':
    'a block of type {type} claims {length} bytes, less than the 12-byte minimum',
  'capture.bad_record.reason.block_too_large': 'a block of type {type} claims {length} bytes, more than any real block',
  'capture.bad_record.reason.block_length_not_multiple_of_4':
    'a block of type {type} has length {length}, not a multiple of 4',
  'capture.bad_record.reason.block_length_mismatch':
    'a block whose trailing length {trailer} differs from its leading length {length}',
  'capture.bad_record.reason.block_too_short': 'a block of type {type} too short ({length} bytes) for its contents',
  'capture.bad_record.reason.caplen_exceeds_block':
    'a packet of {caplen} bytes does not fit in its {length}-byte block',
  'capture.bad_record.reason.unsupported_version': 'an unsupported pcapng version {version}',
  'capture.gzip_truncated': 'The gzip stream ends early; every frame that could be decompressed was analysed.',
  'capture.gzip_corrupt': 'The gzip data is corrupt ({reason}); every frame decompressed before it was analysed.',
  'capture.gzip_limit':
    'The gzip data decompresses to more than {limit} bytes (the gunzipBytes limit of in-memory analysis); the frames in its first {offset} bytes were analysed.',
  'capture.unknown_interface':
    'A packet at byte {offset} names interface {interface}, which the file never described; it was skipped.',
  'capture.bad_option':
    "An option list at byte {offset} runs past its block; the rest of that block's options were ignored.",
  'capture.warnings_suppressed': '{count} more warnings of the kind {code} were not listed.',
  'capture.no_frames': 'The capture holds no packets.',
  // frame level
  'frame.truncated':
    "Only the first {caplen} of the frame's {len} bytes were captured (snapshot length): the last {missing} bytes are not in the file, so what they held is unknown. Lengths are those the headers declare.",
  'frame.linktype.unknown': 'Link-layer type {linktype} is not supported; the frame is shown as raw bytes.',
  'frame.dissector_bug': 'Internal error while decoding this frame ({reason}); please report it.',
  // link layer
  'eth.truncated': 'The Ethernet header is cut short ({available} of {needed} bytes).',
  'eth.len.past_end': 'The 802.3 length field says {length} bytes, but only {available} follow.',
  'vlan.truncated': 'The VLAN tag is cut short ({available} of {needed} bytes).',
  'vlan.len.past_end': 'The 802.3 length field after the VLAN tag says {length} bytes, but only {available} follow.',
  'vlan.too_many_tags': 'More than {max} stacked VLAN tags; decoding stopped.',
  'sll.truncated': 'The Linux cooked-capture header is cut short ({available} of {needed} bytes).',
  'null.truncated': 'The loopback header is cut short ({available} of {needed} bytes).',
  'raw.truncated': 'The raw IP frame is empty.',
  'raw.version.unknown': 'The raw IP frame has IP version {version}, which is neither 4 nor 6.',
  // network layer
  'arp.truncated': 'The ARP message is cut short ({available} of {needed} bytes).',
  'arp.unsupported': 'ARP for hardware type {hwtype} / protocol 0x{ptype} is not decoded.',
  'ip.truncated': 'The IPv4 packet is cut short ({available} of {needed} bytes captured).',
  'ip.bogus_ip_version': 'The IPv4 header says version {version}.',
  'ip.hdr_len.bad': 'The IPv4 header length {hdr_len} is impossible (the minimum is 20 bytes).',
  'ip.bogus_ip_length': 'The IPv4 total length {len} is smaller than its header ({hdr_len} bytes).',
  'ip.len.tso':
    'The IPv4 total length is 0: the packet was captured before segmentation offload filled it in; the captured length is used.',
  'ip.opt.len.invalid': 'IPv4 option {type} has an invalid length {length}; the remaining options were not decoded.',
  'ip.checksum_bad.expert': 'The IPv4 header checksum 0x{checksum} is wrong: the header was corrupted or rewritten.',
  'tcp.checksum_bad.expert':
    'The TCP checksum 0x{checksum} is wrong, and it is not the partial sum that checksum offload leaves either: the segment was corrupted or rewritten.',
  'udp.checksum_bad.expert':
    'The UDP checksum 0x{checksum} is wrong, and it is not the partial sum that checksum offload leaves either: the datagram was corrupted or rewritten.',
  'ip.fragment':
    'This IPv4 packet is a fragment (id {id}, offset {offset}); the transport header is only in the first fragment.',
  'ipv6.truncated': 'The IPv6 packet is cut short ({available} of {needed} bytes captured).',
  'ipv6.version.bad': 'The IPv6 header says version {version}.',
  'ipv6.jumbogram': 'IPv6 payload length 0 (a jumbogram or captured before offload); the captured length is used.',
  'ipv6.ext.len.bad': 'IPv6 extension header {type} has a length ({length}) past the end of the packet.',
  'ipv6.ext.too_many': 'More than {max} IPv6 extension headers; decoding stopped.',
  'ipv6.fragment': 'This IPv6 packet is a fragment (id {id}, offset {offset}).',
  'icmp.truncated': 'The ICMP message is cut short ({available} of {needed} bytes).',
  'icmpv6.truncated': 'The ICMPv6 message is cut short ({available} of {needed} bytes).',
  'igmp.truncated': 'The IGMP message is cut short ({available} of {needed} bytes).',
  // transport layer
  'udp.truncated': 'The UDP header is cut short ({available} of {needed} bytes).',
  'udp.length.bad': 'The UDP length {length} does not match the {ip_payload} bytes the IP layer carries.',
  'tcp.truncated': 'The TCP header is cut short ({available} of {needed} bytes).',
  'tcp.hdr_len.bad': 'The TCP header length {hdr_len} is impossible for a {length}-byte segment.',
  'tcp.option.len.invalid': 'TCP option {kind} has an invalid length {length}; the remaining options were not decoded.',
  'tcp.options.wscale.shift.invalid': 'The TCP window scale shift {shift} is over 14, the maximum; 14 is assumed.',
  ...enNotes,
  ...enExplain,
};
