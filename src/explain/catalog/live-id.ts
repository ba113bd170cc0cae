import type { Catalogue } from './types.js';

/**
 * Teks bahasa Indonesia untuk capture langsung (`pcap-explain live`, `pcap-explain interfaces`): event,
 * label tampilan langsung, hitungan paket dari alat capture, dan setiap error beserta cara mengatasinya.
 * Disebarkan ke id.ts.
 */
export const liveId: Catalogue = {
  'live.event.connection': '{client} membuka koneksi TCP ke {server} (SYN).',
  'live.event.connection.midstream':
    'Koneksi TCP {client} ↔ {server} sudah terbuka saat capture dimulai (SYN-nya tidak tertangkap).',
  'live.event.connection.udp': '{client} mulai mengirim datagram UDP ke {server}.',
  'live.event.handshake':
    'Handshake selesai: {client} dan {server} terhubung (SYN, SYN/ACK, ACK di frame {syn}, {synack}, {ack}; round trip {rtt} ms).',
  'live.event.handshake.no_rtt': 'Handshake selesai: {client} dan {server} terhubung (ACK terakhir di frame {ack}).',
  'live.event.message': '{from} → {to}: {proto} {what}',
  'live.event.message.payload': '{from} → {to}: {proto} {what} {payload}',
  'live.event.data': '{from} → {to}: {bytes} byte data {transport}',
  'live.event.pair': 'Balasan {proto} di frame {reply} menjawab request di frame {request}, {latency} ms kemudian.',
  'live.event.relay':
    'Broker meneruskan pesan {proto} yang diterimanya di frame {source} (percakapan #{from}), {delay} ms kemudian.',
  'live.event.ending.fin': '{closer} menutup sisi koneksinya ke {peer} (FIN).',
  'live.event.ending.rst': '{closer} me-reset koneksi ke {peer} (RST): koneksi langsung berakhir.',
  'live.event.ending.refused':
    '{server} menolak koneksi dari {client} (RST sebagai jawaban SYN): tidak ada proses yang mendengarkan port itu.',
  'live.state.connecting': 'menghubungkan',
  'live.state.established': 'terhubung',
  'live.state.midstream': 'terbuka (di tengah jalan)',
  'live.state.closing': 'menutup',
  'live.state.closed': 'tertutup',
  'live.state.reset': 'di-reset',
  'live.state.refused': 'ditolak',
  'live.state.active': 'aktif',
  'live.view.title': 'pcap-explain live — {ifaces} ({tool})',
  'live.view.status': '{elapsed} dtk · {packets} paket · {dropped} dibuang kernel · {conversations} percakapan',
  'live.view.hint': 'Ctrl+C menghentikan capture dan mencetak laporan.',
  'live.view.conversations': 'Percakapan',
  'live.view.events': 'Event terbaru',
  'live.view.waiting': 'Menunggu paket…',
  'live.view.more': '… dan {count} lainnya',
  'live.view.col.proto': 'Proto',
  'live.view.col.client': 'Klien',
  'live.view.col.server': 'Server',
  'live.view.col.app': 'Aplikasi',
  'live.view.col.state': 'Status',
  'live.view.col.packets': 'Paket',
  'live.view.col.messages': 'Pesan',
  'live.capturing': 'Menangkap paket di {ifaces} dengan {tool}. Tekan Ctrl+C untuk berhenti dan melihat laporan.',
  'live.stats': '{tool} di {iface}: {captured} paket tertangkap, {dropped} dibuang oleh kernel.',
  'live.stats.unknown': '{tool} di {iface} tidak melaporkan jumlah paketnya.',
  'live.dropped':
    'Kernel membuang {dropped} paket karena tidak terbaca cukup cepat: ada lalu lintas yang tidak tertangkap. Gunakan --filter yang lebih sempit.',
  'live.died':
    '{tool} di {iface} berhenti tiba-tiba: {message}. Laporan mencakup {frames} frame yang tertangkap sampai saat itu.',
  'live.saved': '{frames} frame disimpan ke {path} (buka dengan: pcap-explain analyze {path}).',
  'live.skipped_linktype':
    '{count} frame dengan link type lain tidak disimpan ke {path}: satu berkas pcap hanya memuat satu link type.',
  'live.docker.found': 'Bridge Docker: {ifaces}',
  'live.docker.ask': 'Ada beberapa bridge Docker yang berisi container:',
  'live.docker.traffic': '{packets} paket dalam {seconds} detik',
  'live.docker.busy':
    '{iface} adalah bridge Docker yang membawa lalu lintas ({packets} paket dalam {seconds} detik; yang lain: {others}). Pakai -i untuk memilih yang lain.',
  'live.docker.packets': '{packets} paket',
  'live.docker.waiting':
    'Belum ada bridge Docker yang berisi container (docker0 yang diam tidak membawa apa-apa): menunggu sampai ada. Jalankan lab (docker compose up), atau tekan Ctrl+C.',
  'live.names_not_saved':
    'Nama container ada di laporan tetapi tidak di {path}: berkas pcap klasik tidak bisa menyimpan nama. Simpan dengan -w BERKAS.pcapng agar nama ikut tersimpan (dibaca Wireshark dan analyze).',
  'live.docker.prompt': 'Tangkap yang mana? Nomor dipisah koma, atau Enter untuk semua: ',
  'live.error.no_tool':
    'tcpdump maupun dumpcap tidak ditemukan di PATH. Pasang tcpdump: sudo apt-get install tcpdump (dumpcap ada di: sudo apt-get install wireshark-common).',
  'live.error.no_interface':
    "Tidak ada interface bernama {iface} di sini. Interface yang ada: {candidates}. 'pcap-explain interfaces' menampilkannya beserta alamatnya; --docker memilih bridge Docker.",
  'live.error.permission':
    '{tool} tidak diizinkan menangkap paket di {iface}: perlu root atau capability CAP_NET_RAW. Jalankan dengan sudo, atau izinkan sekali: sudo setcap cap_net_raw,cap_net_admin=eip {path}',
  'live.error.bad_filter':
    "Filter capture '{filter}' bukan BPF yang sah ({reason}). Contoh: --filter 'tcp port 5555 or arp'.",
  'live.error.interface_down':
    'Interface {iface} sedang down: aktifkan (sudo ip link set {iface} up) atau tangkap di interface lain.',
  'live.error.tool_failed': '{tool} tidak bisa menangkap paket di {iface}: {message}',
  'live.error.output': 'Tidak bisa menulis {path} ({reason}): berikan -w berkas di direktori yang bisa ditulisi.',
  'live.error.no_docker_bridge':
    'Tidak ada bridge Docker (docker0 atau br-…) berisi container yang muncul. Jalankan lab (docker compose up) atau sebutkan interface dengan -i. Interface yang ada: {candidates}.',
  'live.error.docker_and_interface': 'Pakai --docker atau -i IFACE, jangan keduanya.',
  'live.error.bad_count': '--count harus bilangan bulat jumlah paket, minimal 1 (diberikan {value}).',
  'live.error.bad_duration': '--duration harus jumlah detik yang positif (diberikan {value}).',
  'iface.col.name': 'Interface',
  'iface.col.state': 'Status',
  'iface.col.kind': 'Jenis',
  'iface.col.addresses': 'Alamat',
  'iface.col.mac': 'MAC',
  'iface.col.docker': 'Docker',
  'iface.kind.bridge': 'bridge',
  'iface.kind.veth': 'veth',
  'iface.kind.loopback': 'loopback',
  'iface.kind.ether': 'ethernet',
  'iface.kind.other': 'lainnya',
  'iface.docker.bridge': 'bridge Docker, {count} veth terpasang',
  'iface.docker.veth': 'link kontainer di {bridge}',
  'iface.docker.veth.container': 'link kontainer di {bridge}: {container}',
  'iface.attached': 'port dari bridge {bridge}',
  'iface.hint': 'Amati jaringan Docker secara langsung dengan: sudo pcap-explain live -i {bridge}',
  'iface.hint.none':
    'Tidak ada bridge Docker berisi container di sini (docker0 atau br-…): apakah lab sudah berjalan? pcap-explain live --docker akan menunggunya.',
};
