import { idExplain } from './id-explain.js';
import { idNotes } from './id-notes.js';
import { liveId } from './live-id.js';
import type { Catalogue } from './types.js';

/** Teks bahasa Indonesia untuk peringatan berkas capture dan catatan expert, per kode. */
export const id: Catalogue = {
  ...liveId, // live capture (src/explain/catalog/live-id.ts)
  'capture.empty_file.error': 'berkas capture kosong (0 byte)',
  'capture.not_a_capture.error': 'bukan berkas pcap atau pcapng (diawali {start})',
  'capture.unreadable.error': 'tidak dapat membaca {path}: {why}',
  'capture.unreadable.enoent': 'berkas tidak ada',
  'capture.unreadable.eisdir': 'itu sebuah direktori',
  'capture.unreadable.eacces': 'izin ditolak',
  'capture.truncated_record':
    'Capture berakhir di tengah sebuah record pada byte {offset}: {missing} byte hilang. Semua frame utuh sebelumnya tetap dianalisis.',
  'capture.bad_record':
    'Data tidak terbaca pada byte {offset} ({reason}); pembacaan berhenti di sana. Semua frame sebelumnya tetap dianalisis.',
  'capture.bad_record.reason.caplen_too_large':
    'sebuah record mengaku berisi {caplen} byte, melebihi batas {limit} byte',
  'capture.bad_record.reason.bad_byte_order_magic': 'section header dengan byte-order magic tidak sah {magic}',
  'capture.bad_record.reason.block_length_too_small':
    'blok bertipe {type} mengaku {length} byte, kurang dari minimum 12 byte',
  'capture.bad_record.reason.block_too_large':
    'blok bertipe {type} mengaku {length} byte, lebih besar dari blok nyata mana pun',
  'capture.bad_record.reason.block_length_not_multiple_of_4':
    'blok bertipe {type} memiliki panjang {length}, bukan kelipatan 4',
  'capture.bad_record.reason.block_length_mismatch':
    'panjang di akhir blok ({trailer}) berbeda dari panjang di awalnya ({length})',
  'capture.bad_record.reason.block_too_short': 'blok bertipe {type} terlalu pendek ({length} byte) untuk isinya',
  'capture.bad_record.reason.caplen_exceeds_block': 'paket {caplen} byte tidak muat dalam bloknya yang {length} byte',
  'capture.bad_record.reason.unsupported_version': 'versi pcapng {version} tidak didukung',
  'capture.gzip_truncated': 'Aliran gzip berakhir terlalu awal; semua frame yang dapat didekompresi tetap dianalisis.',
  'capture.gzip_corrupt': 'Data gzip rusak ({reason}); semua frame yang terdekompresi sebelumnya tetap dianalisis.',
  'capture.gzip_limit':
    'Data gzip terdekompresi menjadi lebih dari {limit} byte (batas gunzipBytes untuk analisis di memori); frame dalam {offset} byte pertamanya tetap dianalisis.',
  'capture.unknown_interface':
    'Paket pada byte {offset} merujuk interface {interface} yang tidak pernah dideskripsikan berkas; paket dilewati.',
  'capture.bad_option': 'Daftar opsi pada byte {offset} melewati batas bloknya; sisa opsi blok itu diabaikan.',
  'capture.warnings_suppressed': '{count} peringatan lain berjenis {code} tidak ditampilkan.',
  'capture.no_frames': 'Capture ini tidak berisi paket.',
  'frame.truncated':
    'Hanya {caplen} byte pertama dari {len} byte frame ini yang tertangkap (snapshot length): {missing} byte terakhir tidak ada di berkas, sehingga isinya tidak diketahui. Panjang yang ditampilkan adalah panjang yang dinyatakan header.',
  'frame.linktype.unknown': 'Tipe link-layer {linktype} tidak didukung; frame ditampilkan sebagai byte mentah.',
  'frame.dissector_bug': 'Kesalahan internal saat men-decode frame ini ({reason}); mohon laporkan.',
  'eth.truncated': 'Header Ethernet terpotong ({available} dari {needed} byte).',
  'eth.len.past_end': 'Field panjang 802.3 menyatakan {length} byte, tetapi hanya {available} byte yang ada.',
  'vlan.truncated': 'Tag VLAN terpotong ({available} dari {needed} byte).',
  'vlan.len.past_end':
    'Field panjang 802.3 setelah tag VLAN menyatakan {length} byte, tetapi hanya {available} byte yang ada.',
  'vlan.too_many_tags': 'Lebih dari {max} tag VLAN bertumpuk; decoding dihentikan.',
  'sll.truncated': 'Header Linux cooked-capture terpotong ({available} dari {needed} byte).',
  'null.truncated': 'Header loopback terpotong ({available} dari {needed} byte).',
  'raw.truncated': 'Frame raw IP kosong.',
  'raw.version.unknown': 'Frame raw IP memiliki versi IP {version}, bukan 4 atau 6.',
  'arp.truncated': 'Pesan ARP terpotong ({available} dari {needed} byte).',
  'arp.unsupported': 'ARP untuk hardware type {hwtype} / protocol 0x{ptype} tidak di-decode.',
  'ip.truncated': 'Paket IPv4 terpotong ({available} dari {needed} byte tertangkap).',
  'ip.bogus_ip_version': 'Header IPv4 menyatakan versi {version}.',
  'ip.hdr_len.bad': 'Panjang header IPv4 {hdr_len} mustahil (minimal 20 byte).',
  'ip.bogus_ip_length': 'Total length IPv4 {len} lebih kecil dari header-nya ({hdr_len} byte).',
  'ip.len.tso':
    'Total length IPv4 bernilai 0: paket ditangkap sebelum segmentation offload mengisinya; panjang yang tertangkap dipakai.',
  'ip.opt.len.invalid': 'Opsi IPv4 {type} memiliki panjang tidak sah {length}; opsi berikutnya tidak di-decode.',
  'ip.checksum_bad.expert': 'Checksum header IPv4 0x{checksum} salah: header rusak atau diubah.',
  'tcp.checksum_bad.expert':
    'Checksum TCP 0x{checksum} salah, dan bukan pula jumlah parsial yang ditinggalkan checksum offload: segmen ini rusak atau diubah.',
  'udp.checksum_bad.expert':
    'Checksum UDP 0x{checksum} salah, dan bukan pula jumlah parsial yang ditinggalkan checksum offload: datagram ini rusak atau diubah.',
  'ip.fragment':
    'Paket IPv4 ini adalah fragmen (id {id}, offset {offset}); header transport hanya ada di fragmen pertama.',
  'ipv6.truncated': 'Paket IPv6 terpotong ({available} dari {needed} byte tertangkap).',
  'ipv6.version.bad': 'Header IPv6 menyatakan versi {version}.',
  'ipv6.jumbogram':
    'Payload length IPv6 bernilai 0 (jumbogram atau ditangkap sebelum offload); panjang yang tertangkap dipakai.',
  'ipv6.ext.len.bad': 'Extension header IPv6 {type} memiliki panjang ({length}) yang melewati akhir paket.',
  'ipv6.ext.too_many': 'Lebih dari {max} extension header IPv6; decoding dihentikan.',
  'ipv6.fragment': 'Paket IPv6 ini adalah fragmen (id {id}, offset {offset}).',
  'icmp.truncated': 'Pesan ICMP terpotong ({available} dari {needed} byte).',
  'icmpv6.truncated': 'Pesan ICMPv6 terpotong ({available} dari {needed} byte).',
  'igmp.truncated': 'Pesan IGMP terpotong ({available} dari {needed} byte).',
  'udp.truncated': 'Header UDP terpotong ({available} dari {needed} byte).',
  'udp.length.bad': 'Panjang UDP {length} tidak sesuai dengan {ip_payload} byte yang dibawa lapisan IP.',
  'tcp.truncated': 'Header TCP terpotong ({available} dari {needed} byte).',
  'tcp.hdr_len.bad': 'Panjang header TCP {hdr_len} mustahil untuk segmen {length} byte.',
  'tcp.option.len.invalid': 'Opsi TCP {kind} memiliki panjang tidak sah {length}; opsi berikutnya tidak di-decode.',
  'tcp.options.wscale.shift.invalid': 'Shift window scale TCP {shift} melebihi 14 (maksimum); dianggap 14.',
  ...idNotes,
  ...idExplain,
};
