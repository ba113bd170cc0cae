import type { Catalogue } from '../../explain/catalog/types.js';

/** Indonesian texts of this protocol: its frame sentences, story, overview and teaching entries, and its note codes. */
export const id: Catalogue = {
  'app.dns': 'DNS',
  'lbl.dns.query': 'query DNS ke-{n}',
  'lbl.dns.response': 'response DNS ke-{n}',
  'dns.q': 'record {qtype} untuk {name}',
  'dns.q.none': 'tidak ada (query tanpa pertanyaan)',
  'dns.rr.A': '{name} beralamat IPv4 {value} (A, TTL {ttl} detik)',
  'dns.rr.AAAA': '{name} beralamat IPv6 {value} (AAAA, TTL {ttl} detik)',
  'dns.rr.CNAME': '{name} adalah alias dari {value} (CNAME, TTL {ttl} detik)',
  'dns.rr.NS': 'name server untuk {name} adalah {value} (NS, TTL {ttl} detik)',
  'dns.rr.MX': 'email untuk {name} dikirim ke {value} (MX: preferensi dan host, TTL {ttl} detik)',
  'dns.rr.TXT': '{name} berisi teks "{value}" (TXT, TTL {ttl} detik)',
  'dns.rr.PTR': '{name} menunjuk ke nama {value} (PTR, TTL {ttl} detik)',
  'dns.rr.PTR.addr': 'nama untuk alamat {addr} adalah {value} (record PTR {name}, TTL {ttl} detik)',
  'dns.rr.other': '{name} punya record {type} {value} (TTL {ttl} detik)',
  'dns.rr.raw': '{name} punya record {type} (TTL {ttl} detik)',
  'dns.r.nodata': 'tidak ada record {qtype}',
  'ex.dns.query':
    '{who} {addr} menanyakan {what} ke {peer_who} {peer_addr} (query DNS, id {id}) dalam satu datagram UDP.',
  'ex.dns.query.rd':
    '{who} {addr} menanyakan {what} ke {peer_who} {peer_addr} (query DNS, id {id}, recursion desired) dalam satu datagram UDP.',
  'ex.dns.answer': '{who} {addr} menjawab query {id}: {answers}.',
  'ex.dns.answer.lat': '{who} {addr} menjawab query {id} dari frame {req}, {latency} kemudian: {answers}.',
  'ex.dns.nodata':
    '{who} {addr} menjawab query {id}: nama {name} ada, tetapi tidak punya record {qtype} (NOERROR dengan bagian jawaban kosong).',
  'ex.dns.nodata.lat':
    '{who} {addr} menjawab query {id} dari frame {req}, {latency} kemudian: nama {name} ada, tetapi tidak punya record {qtype} (NOERROR dengan bagian jawaban kosong).',
  'ex.dns.nxdomain': '{who} {addr} menjawab query {id}: nama {name} tidak ada (NXDOMAIN, rcode 3).',
  'ex.dns.nxdomain.lat':
    '{who} {addr} menjawab query {id} dari frame {req}, {latency} kemudian: nama {name} tidak ada (NXDOMAIN, rcode 3).',
  'ex.dns.error': '{who} {addr} menjawab query {id} untuk {name} dengan kode galat {rcode_name} (rcode {rcode}).',
  'ex.dns.error.lat':
    '{who} {addr} menjawab query {id} dari frame {req}, {latency} kemudian, dengan kode galat {rcode_name} (rcode {rcode}).',
  'ex.dns.problem': 'Pesan ini tidak dapat di-decode sampai akhir; yang dijelaskan hanya bagian sebelumnya.',
  'story.dns':
    '{who} {addr} mengirim {count} query DNS ke {s_who} {s_addr}, masing-masing dalam satu datagram UDP, dan setiap response membawa id query yang dijawabnya: {pairs}.',
  'story.dns.responses': '{who} {addr} mengirim {count} response DNS yang query-nya tidak ada di capture: {values}.',
  'story.dns.rd':
    'Semua query ini meminta rekursi (flag RD): server yang tidak memiliki jawabannya harus mencarinya sendiri dengan bertanya ke server lain, bukan sekadar menunjuk ke server itu.',
  'story.dns.answered': 'Terjawab: {names}.',
  'story.dns.nodata': 'Namanya ada, tetapi tidak punya record dengan tipe yang ditanyakan: {names}.',
  'story.dns.nxdomain': 'Tidak ditemukan (NXDOMAIN: nama tidak ada): {names}.',
  'story.dns.failed': 'Gagal: {names}.',
  'story.dns.unanswered': 'Tidak ada response di capture: {names}.',
  'story.dns.ttl':
    'Setiap jawaban ber-TTL {ttl} detik: selama itu penanya boleh menyimpan dan memakainya lagi sebelum bertanya ulang.',
  'story.dns.ttl.range':
    'TTL jawaban berkisar dari {min} sampai {max} detik: selama itu penanya boleh menyimpan dan memakai masing-masing sebelum bertanya ulang.',
  'story.dns.listed': 'Nama-nama di atas berasal dari {listed} pesan DNS yang dicantumkan dari total {count}.',
  'ov.conv.dns': 'DNS, {queries} query dan {responses} response',
  'role.dns.server': 'server DNS di :{port}',
  'role.dns.client': 'client DNS yang bertanya ke {server}',
  'dns.name.label_type':
    'Sebuah nama dalam pesan DNS ini memakai tipe label yang tidak ada; decoding berhenti di situ.',
  'dns.name.pointer_forward':
    'Sebuah nama terkompresi dalam pesan DNS ini menunjuk ke depan atau ke dirinya sendiri (loop); decoding berhenti di situ.',
  'dns.name.too_long': 'Sebuah nama dalam pesan DNS ini lebih dari 255 byte; decoding berhenti di situ.',
  'dns.rdata.bad':
    'Data sebuah record dalam pesan DNS ini tidak sesuai dengan tipenya; data itu disimpan sebagai byte.',
  'dns.tcp.length_zero': 'Sebuah pesan DNS lewat TCP menyatakan panjang 0.',
  'dns.truncated':
    'Pesan DNS ini berakhir sebelum semua record yang disebut header-nya; bagian sebelumnya tetap di-decode.',
  'dns.short': 'Datagram di aliran DNS ini lebih pendek dari header DNS (12 byte); datagram ini tidak di-decode.',
  'dns.response.unpaired': 'Response DNS ini (id {id}) tidak menjawab query mana pun yang terlihat di aliran ini.',
};
