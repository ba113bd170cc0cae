import type { Catalogue } from './types.js';

/**
 * Kalimat penjelasan bahasa Indonesia: per frame (ex.*), alur cerita (story.*), ringkasan (ov.*, role.*),
 * catatan belajar (teach.*), label dan kata format (noun.*, lbl.*, fmt.*, app.*) serta judul laporan (ui.*).
 * Istilah protokol tetap seperti di laporan praktikum: handshake, ACK, PUBLISH, frame, capture.
 */
export const idExplain: Catalogue = {
  'noun.client': 'client',
  'noun.server': 'server',
  'noun.publisher': 'publisher',
  'noun.subscriber': 'subscriber',
  'noun.broker': 'broker',
  'noun.producer': 'producer',
  'noun.worker': 'worker',
  'noun.peer': 'peer',
  'app.zmtp': 'ZeroMQ (ZMTP)',
  'app.mqtt': 'MQTT',
  'app.http': 'HTTP',
  'app.data': 'data TCP/UDP biasa',

  'lbl.zmtp.greeting': 'greeting ZMTP',
  'lbl.part': 'sebagian {what}',
  'lbl.zmtp.command': 'command {name}',
  'lbl.request': 'request ke-{n}',
  'lbl.reply': 'reply ke-{n}',
  'lbl.job': 'job ke-{n}',
  'lbl.message': 'pesan ke-{n}',
  'lbl.mqtt': 'paket {kind}',
  'lbl.http.request': 'request HTTP ke-{n}',
  'lbl.http.response': 'response HTTP ke-{n}',

  'fmt.list.and': '{list} dan {last}',
  'fmt.list.more': '{list} dan {more} lainnya',
  'fmt.each_time': '{value} setiap kali',
  'fmt.values.range': 'dari {first} sampai {last}',
  'fmt.range_mean': '{min} sampai {max} (rata-rata {mean})',
  'fmt.frame': 'frame {n}',
  'fmt.frames': 'frame {a}-{b}',
  'fmt.payload.empty': '(kosong)',
  'fmt.payload.none': '(tanpa payload)',
  'fmt.payload.binary': '{bytes} byte data biner',
  'fmt.topic_qos': "'{topic}' dengan QoS {qos}",
  'fmt.pair': '{a} → {b}',
  'fmt.pair.lat': '{a} → {b} ({latency})',
  'fmt.pair.none': '{a} → tidak dibalas',
  'fmt.pair.unknown': '{a} → balasan tidak diketahui',
  'fmt.nothing': 'tidak ada koneksi',
  'fmt.count.tcp': '{count} koneksi TCP',
  'fmt.count.udp': '{count} aliran UDP',
  'fmt.count.arp': '{count} frame ARP',
  'fmt.count.retransmission': '{count} retransmission',
  'fmt.count.fast_retransmission': '{count} fast retransmission',
  'fmt.count.duplicate_ack': '{count} duplicate ACK',
  'fmt.count.lost_segment': '{count} celah tempat segmen tidak tertangkap',
  'fmt.count.out_of_order': '{count} segmen out-of-order',
  'fmt.count.zero_window': '{count} pengumuman zero window',

  'ex.arp.request':
    '{sender} bertanya ke seluruh jaringan (ARP request, broadcast): siapa yang memiliki {target}? Ia butuh MAC address {target} sebelum bisa mengirim paket IP kepadanya.',
  'ex.arp.request.unicast':
    '{sender} memeriksa apakah {target} masih berada di {mac} (ARP request unicast): pengecekan ulang alamat yang sudah ia kenal.',
  'ex.arp.reply': '{sender} menjawab ARP request di frame {req}: {sender} berada di {mac}.',
  'ex.arp.reply.unsolicited': '{sender} memberi tahu {target} bahwa {sender} berada di {mac} (ARP reply).',
  'ex.arp.gratuitous':
    '{sender} mengumumkan alamatnya sendiri, {sender} berada di {mac} (gratuitous ARP); tidak ada yang bertanya.',
  'ex.arp.probe': '{mac} memeriksa bahwa tidak ada host lain yang memakai {target} sebelum memakainya (ARP probe).',
  'ex.arp.other': 'Pesan ARP bertipe {op}.',

  'ex.tcp.midstream':
    'Capture dimulai di tengah koneksi: koneksi antara {client} dan {server} sudah ada sebelum frame pertama ini, jadi handshake-nya tidak terlihat.',
  'ex.tcp.syn': 'Handshake langkah 1 dari 3: {who} {addr} meminta {peer_who} {peer_addr} membuka koneksi TCP (SYN).',
  'ex.tcp.syn.only': '{who} {addr} meminta {peer_addr} membuka koneksi TCP (SYN).',
  'ex.tcp.syn.again': '{who} {addr} mengirim SYN lagi (percobaan ke-{n}): SYN sebelumnya belum dijawab tepat waktu.',
  'ex.tcp.synack': 'Handshake langkah 2 dari 3: {who} {addr} menerima dan membalas SYN dengan SYN miliknya (SYN, ACK).',
  'ex.tcp.synack.again': '{who} {addr} mengirim SYN, ACK lagi: ia belum melihat langkah terakhir handshake.',
  'ex.tcp.hs_ack':
    'Handshake langkah 3 dari 3: {who} {addr} meng-ACK SYN, ACK; koneksi TCP terbentuk (round trip {rtt}).',
  'ex.tcp.hs_ack.nortt': 'Handshake langkah 3 dari 3: {who} {addr} meng-ACK SYN, ACK; koneksi TCP terbentuk.',
  'ex.tcp.refused':
    'Host {host} menolak koneksi dengan RST: tidak ada program yang listen di port {port} (connection refused).',
  'ex.tcp.rst':
    '{who} {addr} memutus koneksi secara paksa (RST): koneksi langsung berakhir tanpa pertukaran FIN, dan data yang masih di jalan hilang.',
  'ex.tcp.fin': '{who} {addr} menutup sisinya dari koneksi (FIN): ia tidak punya data lagi untuk dikirim.',
  'ex.tcp.fin.second': '{who} {addr} juga menutup sisinya (FIN), setelah FIN di frame {fin}.',
  'ex.tcp.fin.again': '{who} {addr} mengirim FIN-nya lagi.',
  'ex.tcp.ack.fin': '{who} {addr} meng-ACK FIN dari frame {fin} (ACK); ia masih boleh mengirim data miliknya.',
  'ex.tcp.ack.fin.last': '{who} {addr} meng-ACK FIN dari frame {fin} (ACK): kedua sisi sudah menutup, koneksi selesai.',
  'ex.tcp.ack.msg':
    '{who} {addr} meng-ACK {what} dari frame {acked} (ACK, tanpa data). Ini tanda terima byte di level TCP, bukan balasan aplikasi.',
  'ex.tcp.ack.msg.mqtt':
    '{who} {addr} meng-ACK {what} dari frame {acked} di level TCP (ACK, tanpa data). Ini tanda terima byte oleh TCP, bukan acknowledgement MQTT.',
  'ex.tcp.ack': '{who} {addr} meng-ACK data dari frame {acked} (ACK, tanpa data).',
  'ex.tcp.ack.plain': '{who} {addr} meng-ACK semua data sampai byte {ack} (ACK, tanpa data).',
  'ex.tcp.ack.bare': '{who} {addr} mengirim ACK tanpa data.',
  'ex.tcp.data': '{who} {addr} mengirim {len} byte data ke {peer_addr}.',
  'ex.tcp.data.again': '{who} {addr} mengirim {len} byte yang sudah pernah ia kirim.',
  'ex.tcp.part': '{who} {addr} mengirim {len} byte: awal dari {what}, yang lengkap di frame {end}.',
  'ex.tcp.part.rest': '{who} {addr} mengirim {len} byte lanjutan dari {what} (lengkap di frame {end}).',
  'ex.tcp.segment': '{who} {addr} mengirim segmen TCP dengan flag {flags} dan {len} byte data.',
  'ex.multi': 'Satu segmen ini membawa {count} pesan dari {who} {addr}:',

  'ex.udp.datagram':
    '{who} {addr} mengirim datagram ke-{n} berisi {payload} ke {dst} (UDP: tanpa koneksi dan tanpa acknowledgement).',
  'ex.udp.plain':
    '{who} {addr} mengirim datagram UDP ke-{n} ({len} byte) ke {dst} (UDP: tanpa koneksi dan tanpa acknowledgement).',
  'ex.icmp': '{src} mengirim ICMP {type} ke {dst}.',
  'ex.igmp': '{src} mengirim IGMP {type} untuk grup {group}.',
  'ex.ip.other': '{src} mengirim paket IP protokol {proto} ke {dst}.',
  'ex.other': 'Frame berukuran {len} byte dari {src} ke {dst}.',

  'ex.zmtp.greeting':
    '{who} {addr} mengirim greeting ZMTP {version} (mekanisme keamanan {mechanism}): handshake ZeroMQ yang mengawali setiap koneksi.',
  'ex.zmtp.greeting.split':
    '{who} {addr} menyelesaikan greeting ZMTP {version} (mekanisme {mechanism}); libzmq mengirim greeting 64 byte itu dalam {count} potongan.',
  'ex.zmtp.ready': '{who} {addr} mengirim READY: socket-nya bertipe {socket}.',
  'ex.zmtp.identity': "Ia menamai dirinya '{identity}'.",
  'ex.zmtp.subscribe':
    "{who} {addr} berlangganan pesan yang diawali '{topic}' (SUBSCRIBE): publisher hanya akan mengirim pesan itu kepadanya.",
  'ex.zmtp.subscribe.all': '{who} {addr} berlangganan semua pesan (SUBSCRIBE dengan topik kosong).',
  'ex.zmtp.cancel': "{who} {addr} membatalkan langganan '{topic}' (CANCEL).",
  'ex.zmtp.hello':
    "{who} {addr} login dengan mekanisme PLAIN sebagai user '{username}' (HELLO); password dikirim tanpa enkripsi.",
  'ex.zmtp.welcome': '{who} {addr} menerima user name dan password (WELCOME).',
  'ex.zmtp.initiate': '{who} {addr} mengonfirmasi login PLAIN dan menyatakan socket-nya bertipe {socket} (INITIATE).',
  'ex.zmtp.error': "{who} {addr} mengirim ERROR '{reason}': ia sedang menutup koneksi.",
  'ex.zmtp.ping': '{who} {addr} memeriksa apakah peer masih hidup (PING).',
  'ex.zmtp.pong': '{who} {addr} menjawab heartbeat (PONG).',
  'ex.zmtp.command': '{who} {addr} mengirim command ZMTP {name}.',
  'ex.zmtp.request': '{who} {addr} mengirim request ke-{n} {payload} ke {server} pada koneksi {pattern}.',
  'ex.zmtp.reply': '{who} {addr} mengirim reply {payload} untuk request ke-{n}.',
  'ex.zmtp.reply.unpaired': '{who} {addr} mengirim reply {payload}; request yang dibalasnya tidak diketahui.',
  'ex.zmtp.reply.lat':
    '{who} {addr} membalas request ke-{n} (frame {req}) dengan reply {payload}, {latency} setelahnya.',
  'ex.app.gap':
    'Byte sisi ini sebelum titik ini tidak ada di capture, sehingga pesan {proto} di dalamnya hilang; decoding sisi ini menunggu segmen yang dimulai tepat di awal pesan.',
  'ex.app.resync':
    'Segmen ini dimulai tepat di awal pesan {proto}, sehingga decoding sisi ini dilanjutkan di sini ({skipped} byte hilang atau dilewati sebelumnya).',
  'ex.zmtp.publish': '{who} {addr} mem-publish pesan ke-{n} {payload} ke {peer_who} {peer_addr}.',
  'ex.zmtp.push': '{who} {addr} mengirim (push) job ke-{n} {payload} ke {peer_who} {peer_addr}.',
  'ex.zmtp.message': '{who} {addr} mengirim pesan ZeroMQ {payload}.',

  'ex.mqtt.connect':
    "{who} {addr} terhubung ke broker sebagai '{client_id}' (CONNECT, MQTT {version}, keep-alive {keepalive} s).",
  'ex.mqtt.connect.anon': '{who} {addr} terhubung ke broker (CONNECT, MQTT {version}, keep-alive {keepalive} s).',
  'ex.mqtt.connack': '{who} menerima koneksi (CONNACK).',
  'ex.mqtt.connack.lat': '{who} menerima koneksi (CONNACK), {latency} setelah CONNECT di frame {req}.',
  'ex.mqtt.connack.refused': '{who} menolak koneksi (CONNACK: {reason}).',
  'ex.mqtt.publish': "{who} {addr} mem-publish {payload} ke topik '{topic}' (PUBLISH, QoS {qos}).",
  'ex.mqtt.publish.relay':
    "Broker meneruskan {payload} dari topik '{topic}' ke {peer_who} {peer_addr} (PUBLISH, QoS {qos}), {delay} setelah pesan itu tiba di frame {src}.",
  'ex.mqtt.publish.deliver':
    "Broker mengirim {payload} dari topik '{topic}' ke {peer_who} {peer_addr} (PUBLISH, QoS {qos}).",
  'ex.mqtt.retain': 'Flag retain menyala: broker menyimpan pesan ini untuk subscriber yang datang kemudian.',
  'ex.mqtt.qos0': 'Dengan QoS 0 tidak ada acknowledgement MQTT sesudahnya.',
  'ex.mqtt.puback': '{who} {addr} meng-acknowledge PUBLISH QoS 1 dengan packet id {id} (PUBACK).',
  'ex.mqtt.puback.lat': '{who} {addr} meng-acknowledge PUBLISH QoS 1 di frame {req} (PUBACK), {latency} kemudian.',
  'ex.mqtt.pubrec':
    '{who} {addr} mengonfirmasi telah menerima PUBLISH QoS 2 dengan packet id {id} (PUBREC, langkah 2 dari 4).',
  'ex.mqtt.pubrec.lat':
    '{who} {addr} mengonfirmasi telah menerima PUBLISH QoS 2 di frame {req} (PUBREC, langkah 2 dari 4), {latency} kemudian.',
  'ex.mqtt.pubrel': '{who} {addr} melepas pesan QoS 2 dengan packet id {id} (PUBREL, langkah 3 dari 4).',
  'ex.mqtt.pubrel.lat':
    '{who} {addr} melepas pesan QoS 2 (PUBREL, langkah 3 dari 4), {latency} setelah PUBREC di frame {req}.',
  'ex.mqtt.pubcomp': '{who} {addr} menuntaskan pengiriman QoS 2 untuk packet id {id} (PUBCOMP, langkah 4 dari 4).',
  'ex.mqtt.pubcomp.lat':
    '{who} {addr} menuntaskan pengiriman QoS 2 (PUBCOMP, langkah 4 dari 4), {latency} setelah PUBREL di frame {req}.',
  'ex.mqtt.subscribe': '{who} {addr} berlangganan {topics} (SUBSCRIBE).',
  'ex.mqtt.suback': '{who} mengonfirmasi langganan (SUBACK, QoS yang diberikan {granted}).',
  'ex.mqtt.suback.lat':
    '{who} mengonfirmasi langganan dari frame {req} (SUBACK, QoS yang diberikan {granted}), {latency} kemudian.',
  'ex.mqtt.unsubscribe': '{who} {addr} berhenti berlangganan {topics} (UNSUBSCRIBE).',
  'ex.mqtt.unsuback': '{who} mengonfirmasi berhenti berlangganan (UNSUBACK).',
  'ex.mqtt.unsuback.lat': '{who} mengonfirmasi berhenti berlangganan dari frame {req} (UNSUBACK), {latency} kemudian.',
  'ex.mqtt.pingreq': '{who} {addr} menunjukkan bahwa ia masih hidup (PINGREQ, keep-alive).',
  'ex.mqtt.pingresp': '{who} menjawab keep-alive (PINGRESP).',
  'ex.mqtt.pingresp.lat': '{who} menjawab keep-alive dari frame {req} (PINGRESP), {latency} kemudian.',
  'ex.mqtt.disconnect': '{who} {addr} berpamitan ke broker (DISCONNECT) sebelum menutup koneksi.',
  'ex.mqtt.auth': '{who} {addr} mengirim paket AUTH (pertukaran autentikasi MQTT 5).',
  'ex.mqtt.other': '{who} {addr} mengirim paket MQTT {kind}.',

  'ex.http.request': '{who} {addr} mengirim request HTTP {method} {uri} ke {server}.',
  'ex.http.response': '{who} {addr} menjawab dengan HTTP {status} {text}.',
  'ex.http.response.lat':
    '{who} {addr} menjawab request di frame {req} dengan HTTP {status} {text}, {latency} kemudian.',
  'ex.http.response.body': '{who} {addr} menjawab dengan HTTP {status} {text} dan body {body}.',
  'ex.http.response.body.lat':
    '{who} {addr} menjawab request di frame {req} dengan HTTP {status} {text} dan body {body}, {latency} kemudian.',

  'ex.data.send': '{who} {addr} mengirim {payload} ke {peer_who} {peer_addr}.',
  'ex.data.reply': '{who} {addr} membalas {payload}.',
  'ex.data.reply.lat': '{who} {addr} membalas {payload} untuk pesan di frame {req}, {latency} kemudian.',

  'story.arp':
    '{asker} bertanya siapa yang memiliki {target} (ARP request, broadcast) dan {target} menjawab bahwa ia berada di {mac}: sekarang {asker} bisa mengirim paket IP kepadanya.',
  'story.arp.copies': 'Capture ini memuat setiap frame ARP tersebut {count} kali (terlihat di beberapa interface).',
  'story.arp.recheck':
    '{asker} memeriksa ulang bahwa {target} masih berada di {mac} (ARP unicast) dan mendapat jawaban.',
  'story.arp.unanswered':
    '{asker} bertanya siapa yang memiliki {target} (ARP request), tetapi tidak ada jawaban di capture.',
  'story.arp.reply': '{sender} memberi tahu {target} bahwa ia berada di {mac} (ARP reply).',
  'story.arp.announce': '{sender} mengumumkan bahwa ia berada di {mac} (ARP).',
  'story.arp.more': '{count} frame ARP lain antara {a} dan {b} (tidak diceritakan satu per satu).',
  'story.other': '{count} frame lain di luar koneksi mana pun: {protocols}.',
  'story.tcp.handshake':
    '{client} membuka koneksi TCP ke {server} dengan 3-way handshake (SYN, SYN-ACK, ACK); round trip {rtt}.',
  'story.tcp.handshake.partial':
    '{client} membuka koneksi TCP ke {server}: SYN dan SYN-ACK terlihat, ACK terakhir handshake tidak ada di capture.',
  'story.tcp.syn_unanswered':
    '{client} mencoba membuka koneksi TCP ke {server} ({count} SYN), tetapi tidak ada jawaban di capture.',
  'story.tcp.syn_retries': 'SYN dikirim {count} kali lagi sebelum server menjawab.',
  'story.tcp.midstream':
    'Capture dimulai di tengah koneksi: koneksi TCP antara {client} dan {server} sudah ada saat capture dimulai, jadi handshake-nya tidak ada di capture dan frame-frame pertama ini bukan pembukaan koneksi.',
  'story.tcp.refused':
    '{client} mencoba terhubung ke {server}, dan host langsung menjawab SYN dengan RST: tidak ada yang listen di port {port} (connection refused).',
  'story.tcp.refused.attempt':
    'Percobaan ke-{attempt} dari {total}: {client} mencoba terhubung ke {server}, dan host menjawab SYN dengan RST: belum ada yang listen di port {port} (connection refused).',
  'story.tcp.data':
    '{who} {addr} mengirim {c2s_bytes} byte data dan {s_who} {s_addr} mengirim {s2c_bytes} byte; tidak ada protokol aplikasi yang dikenali.',
  'story.tcp.trouble': 'TCP harus bekerja keras: {list}.',
  'story.zmtp.greeting':
    'Handshake ZeroMQ antara {client} dan {server}: kedua socket bertukar greeting ZMTP {version} (mekanisme {mechanism}).',
  'story.zmtp.setup':
    'Handshake ZeroMQ: kedua sisi bertukar greeting ZMTP {version} (mekanisme {mechanism}) dan command READY; client {client} adalah socket {csock} dan server {server} socket {ssock}, jadi polanya {pattern}.',
  'story.zmtp.plain':
    "Dengan keamanan PLAIN, client login sebagai '{username}' (HELLO, WELCOME, INITIATE); password-nya terbaca di capture.",
  'story.zmtp.subscribe': '{who} {addr} berlangganan {topics} (SUBSCRIBE).',
  'story.zmtp.reqrep':
    '{c_who} {c_addr} mengirim {requests} request ({req_values}) dan {s_who} {s_addr} membalas {replies} kali ({rep_values}); setiap reply datang {latency} setelah request-nya, dan request berikutnya menunggu reply itu.',
  'story.zmtp.reqrep.nolat':
    '{c_who} {c_addr} mengirim {requests} request ({req_values}) dan {s_who} {s_addr} membalas {replies} kali ({rep_values}).',
  'story.zmtp.pubsub':
    '{p_who} {p_addr} mem-publish {count} pesan ke {who} {addr}: {values}. Subscriber tidak mengirim balasan: frame darinya hanya ACK TCP.',
  'story.zmtp.pubsub.back':
    '{p_who} {p_addr} mem-publish {count} pesan ke {who} {addr}: {values}; {back} pesan berjalan ke arah sebaliknya.',
  'story.zmtp.pubsub.none':
    '{p_who} {p_addr} tidak mengirim apa pun ke {who} {addr}: tidak ada pesan yang diawali langganannya {topics}, dan publisher menyaring sebelum mengirim.',
  'story.zmtp.pipeline':
    '{p_who} {p_addr} mengirim (push) {count} job ke {who} {addr}: {values}. Worker tidak mengirim balasan: frame darinya hanya ACK TCP.',
  'story.zmtp.pipeline.back':
    '{p_who} {p_addr} mengirim (push) {count} job ke {who} {addr}: {values}; {back} pesan berjalan ke arah sebaliknya.',
  'story.zmtp.other': 'Socket {pattern} bertukar {c2s} pesan dari {c_who} {c_addr} dan {s2c} dari {s_who} {s_addr}.',
  'story.mqtt.connect':
    "{who} {addr} terhubung ke broker {broker} sebagai '{client_id}' (CONNECT, MQTT {version}, keep-alive {keepalive} s); broker menerima (CONNACK) setelah {latency}.",
  'story.mqtt.connect.noack':
    "{who} {addr} terhubung ke broker {broker} sebagai '{client_id}' (CONNECT, MQTT {version}); CONNACK dari broker tidak ada di capture.",
  'story.mqtt.connect.refused':
    "{who} {addr} terhubung ke broker {broker} sebagai '{client_id}' (CONNECT), tetapi broker menolak: {reason}.",
  'story.mqtt.connack_only':
    'Broker {broker} menerima koneksi {who} {addr} (CONNACK); CONNECT-nya tidak ada di capture.',
  'story.mqtt.subscribe':
    '{who} {addr} berlangganan {topics} (SUBSCRIBE); broker mengonfirmasi (SUBACK, QoS yang diberikan {granted}).',
  'story.mqtt.subscribe.noack': '{who} {addr} berlangganan {topics} (SUBSCRIBE).',
  'story.mqtt.publish': '{who} {addr} mem-publish {count} pesan ke {topics} (QoS {qos}): {values}.',
  'story.mqtt.qos0':
    'Setiap PUBLISH hanya diikuti ACK TCP dari broker: dengan QoS 0, MQTT sendiri tidak mengirim acknowledgement.',
  'story.mqtt.deliver':
    'Broker meneruskan {count} pesan dari {topics} ke {who} {addr} ({values}), masing-masing {delay} setelah tiba dari publisher.',
  'story.mqtt.deliver.nodelay': 'Broker meneruskan {count} pesan dari {topics} ke {who} {addr}: {values}.',
  'story.mqtt.acks': '{count} acknowledgement MQTT ({kinds}) mengonfirmasi pesan QoS 1/2.',
  'story.mqtt.pings': '{count} ping keep-alive (PINGREQ/PINGRESP).',
  'story.mqtt.no_disconnect':
    'Client menutup TCP tanpa mengirim DISCONNECT lebih dulu: bagi broker itu berarti client hilang secara tak terduga.',
  'story.mqtt.no_disconnect.will':
    "Client menutup TCP tanpa mengirim DISCONNECT lebih dulu: bagi broker itu berarti client hilang secara tak terduga, jadi broker mem-publish will message client itu ke '{topic}'.",
  'story.mqtt.disconnect': '{who} {addr} mengirim DISCONNECT.',
  'story.http': '{who} {addr} mengirim {count} request HTTP ke {s_who} {s_addr}: {pairs}.',
  'story.data.both':
    '{who} {addr} mengirim {c2s} pesan ({c2s_bytes} byte: {c_values}) dan {s_who} {s_addr} mengirim {s2c} ({s2c_bytes} byte: {s_values}).',
  'story.data.pairs': '{who} {addr} mengirim {count} pesan dan {s_who} {s_addr} membalas: {pairs}.',
  'story.data.oneway': '{who} {addr} mengirim {count} pesan: {values}; yang kembali hanya ACK TCP.',
  'story.udp': '{src} mengirim {count} datagram UDP ke {dst}: {values}.',
  'story.udp.oneway': 'Tidak ada yang kembali: UDP tidak punya koneksi dan tidak punya acknowledgement.',
  'story.udp.flow': 'UDP antara {client} dan {server}: {c2s} datagram ke satu arah, {s2c} kembali.',
  'story.end.fin':
    '{who} {addr} menutup koneksi (FIN) dan {o_who} {o_addr} juga menutup sisinya (FIN); dengan ACK terakhir koneksi ditutup secara normal.',
  'story.end.fin.half':
    '{who} {addr} menutup sisinya (FIN); {o_who} {o_addr} belum menutup sisinya saat capture berhenti.',
  'story.end.rst': '{who} {addr} mengakhiri koneksi secara paksa dengan RST, bukan dengan pertukaran FIN.',
  'story.end.open': 'Tidak ada FIN atau RST: koneksi masih terbuka saat capture berhenti (frame terakhir {last}).',
  'story.end.open.zmtp':
    'Tidak ada FIN atau RST: koneksi masih terbuka saat capture berhenti (frame terakhir {last}); ZeroMQ mempertahankan koneksi TCP-nya selama socket masih hidup.',

  'ov.summary': '{frames} frame dalam {duration}: {parts}.',
  'ov.summary.empty': 'Capture ini tidak berisi paket.',
  'ov.summary.apps': 'Protokol aplikasi: {apps}.',
  'ov.conv': '#{id} {client} → {server} ({transport}): {what}; {end}.',
  'ov.conv.noend': '#{id} {client} → {server} ({transport}): {what}.',
  'ov.conv.refused': 'koneksi ditolak, tidak ada yang listen di port {port}',
  'ov.conv.zmtp.reqrep': 'ZeroMQ {pattern}, {c2s} request dan {s2c} reply',
  'ov.conv.zmtp.pubsub': 'ZeroMQ {pattern}, {count} pesan di-publish',
  'ov.conv.zmtp.pipeline': 'ZeroMQ {pattern}, {count} job dikirim (push)',
  'ov.conv.zmtp': 'ZeroMQ {pattern}, {c2s} pesan dari client dan {s2c} dari server',
  'ov.conv.mqtt': "client MQTT '{client_id}', {sent} PUBLISH dikirim, {got} diterima",
  'ov.conv.mqtt.sub': "client MQTT '{client_id}', berlangganan {topics}, {got} PUBLISH diterima",
  'ov.conv.http': 'HTTP, {count} request ({methods})',
  'ov.conv.udp': 'UDP, {c2s} datagram ke satu arah dan {s2c} kembali',
  'ov.conv.data': 'data TCP, {c2s} pesan dari client dan {s2c} dari server',
  'ov.conv.tcp': 'TCP, {c2s} byte dari client dan {s2c} byte dari server',
  'ov.start.midstream': 'sudah terbuka saat capture dimulai',
  'ov.end.fin': 'ditutup oleh {by} (FIN)',
  'ov.end.rst': 'diputus paksa oleh {by} (RST)',
  'ov.end.open': 'masih terbuka saat capture berhenti',
  'ov.ab.damaged': 'Berkas capture rusak: hanya {frames} frame pertama yang dapat dibaca.',
  'ov.ab.refused':
    '{count} percobaan koneksi ke {server} ditolak (SYN dijawab RST): saat itu tidak ada yang listen di port {port}.',
  'ov.ab.rst': 'Koneksi #{id} diputus paksa dengan RST oleh {who} {addr} (frame {frame}).',
  'ov.ab.midstream':
    'Koneksi #{id} dimulai sebelum capture berjalan (handshake tidak terlihat, frame pertama {frame}).',
  'ov.ab.noanswer': 'Koneksi #{id}: {server} tidak pernah menjawab SYN.',
  'ov.ab.tcp': 'Koneksi #{id}: {list}.',
  'ov.ab.note': '{text} (frame {frames})',
  'ov.ab.none': 'Tidak ada yang janggal: setiap koneksi dibuka dan diakhiri secara normal.',
  'role.zmtp.bound': '{noun} ZeroMQ {socket} di :{port}',
  'role.zmtp.connect': '{noun} ZeroMQ {socket} yang terhubung ke {server}',
  'role.zmtp.server': 'server ZeroMQ di :{port}',
  'role.zmtp.client': 'client ZeroMQ dari {server}',
  'role.mqtt.broker': 'broker MQTT di :{port}',
  'role.mqtt.publisher': "publisher MQTT '{client_id}'",
  'role.mqtt.publisher.anon': 'publisher MQTT',
  'role.mqtt.subscriber': "subscriber MQTT '{client_id}'",
  'role.mqtt.subscriber.anon': 'subscriber MQTT',
  'role.mqtt.both': "publisher sekaligus subscriber MQTT '{client_id}'",
  'role.mqtt.both.anon': 'publisher sekaligus subscriber MQTT',
  'role.mqtt.client': "client MQTT '{client_id}'",
  'role.mqtt.client.anon': 'client MQTT dari {broker}',
  'role.http.server': 'server HTTP di :{port}',
  'role.http.client': 'client HTTP dari {server}',
  'role.tcp.server': 'server TCP di :{port}',
  'role.tcp.client': 'client TCP dari {server}',
  'role.tcp.refused': 'menolak koneksi di :{port} (tidak ada yang listen)',
  'role.udp.sender': 'mengirim datagram UDP ke {dst}',
  'role.udp.receiver': 'menerima datagram UDP di :{port}',
  'role.arp_only': 'hanya terlihat di ARP',
  'role.group': 'alamat broadcast atau multicast',

  'teach.tcp_ack_not_mqtt_ack':
    'ACK TCP bukan acknowledgement MQTT. ACK di frame {ack} setelah PUBLISH di frame {publish} adalah TCP yang mengonfirmasi bahwa byte-nya sampai; itu tidak menyatakan apa pun tentang pengiriman MQTT. MQTT hanya meng-acknowledge pesan QoS 1 (PUBACK) dan QoS 2 (PUBREC, PUBREL, PUBCOMP); dengan QoS 0 tidak ada acknowledgement MQTT sama sekali.',
  'teach.zmq_no_fin':
    'Tidak adanya FIN di koneksi #{id} itu normal untuk ZeroMQ: socket mempertahankan koneksi TCP-nya selama socket hidup dan mengirim semua pesan lewat koneksi itu; FIN baru muncul saat program menutup socket.',
  'teach.zmq_one_connection':
    'ZeroMQ mengirim seluruh {count} pesan di koneksi #{id} lewat satu koneksi TCP yang tetap terbuka selama socket hidup; FIN di akhir muncul hanya karena program menutup socket-nya, bukan setelah setiap pesan.',
  'teach.checksum_offload':
    'Wireshark mungkin menandai checksum TCP/UDP di capture ini salah. Di bridge Docker, pengirim menyerahkan perhitungan checksum ke kartu jaringan (virtual), yaitu checksum offload, sehingga nilai yang tertangkap baru sebagian. Itu bukan kerusakan data; pcap-explain tidak memverifikasi checksum ini.',
  'teach.zmtp_greeting_split':
    'Greeting ZMTP datang dalam {count} segmen TCP (frame {frames}): libzmq mengirim dulu signature 10 byte, dan sisa 64 byte-nya (versi, mekanisme) baru dikirim setelah ia melihat signature dari peer. TCP adalah aliran byte: satu pesan bisa terbagi ke beberapa segmen, dan satu segmen bisa berisi beberapa pesan.',
  'teach.several_in_one_segment':
    'Frame {frame} membawa {count} pesan aplikasi dalam satu segmen TCP. TCP tidak menjaga batas pesan: protokolnya (ZMTP, MQTT, HTTP) yang menandai akhir setiap pesan, jadi satu frame tidak sama dengan satu pesan.',
  'teach.pub_filters':
    'Subscriber {subscriber} (koneksi #{id}) berlangganan {topic} dan tidak menerima apa pun. Sejak ZMTP 3, publisher yang menyaring: ia hanya mengirim pesan ke subscriber yang langganannya merupakan awalan pesan itu, jadi subscriber yang tidak cocok tidak menerima frame sama sekali (bukan menerima lalu membuangnya).',
  'teach.rst_after_disconnect':
    'Client mengirim DISCONNECT (frame {disconnect}) lalu RST (frame {rst}), bukan FIN. Linux menjawab close() dengan RST jika program tidak pernah membaca data yang masih menunggu di buffer penerimanya (di sini CONNACK atau paket lain dari broker). Broker tidak berbuat salah.',
  'teach.refused_retries':
    'Client mencoba {count} kali terhubung ke {server}, dan setiap SYN dijawab RST: tidak ada program yang listen di port {port}. Setiap percobaan adalah koneksi TCP baru dengan source port baru.',
  'teach.refused_retries.ok':
    'Client mencoba {count} kali terhubung ke {server} saat belum ada program yang listen di port {port}, jadi setiap SYN dijawab RST (setiap percobaan dengan source port baru); koneksi #{id} berhasil setelah server berjalan.',
  'teach.round_robin':
    'Producer {producer} membagi {jobs} job-nya ke {workers} worker secara bergiliran (round-robin): {per}. Setiap job hanya diterima satu worker.',
  'fmt.per_worker': '{count} ke {worker}',
  'teach.midstream':
    'Koneksi #{id} tidak punya handshake di capture: capture dimulai setelah koneksi itu dibuka. Frame-frame pertamanya (mulai frame {frame}) adalah lalu lintas biasa, bukan pembukaan koneksi.',
  'teach.psh_flag':
    'Flag PSH tidak berarti PUSH milik ZeroMQ dan bukan tanda request. Flag itu meminta TCP penerima segera menyerahkan data ke program; Linux memasangnya di segmen terakhir setiap penulisan. Reply, pesan publish, dan job semuanya membawa flag ini.',

  'ui.title': 'Laporan pcap-explain: {file}',
  'ui.overview': 'Ringkasan',
  'ui.hosts': 'Host',
  'ui.host': 'Host',
  'ui.mac': 'MAC',
  'ui.role': 'Peran',
  'ui.conversations': 'Koneksi',
  'ui.conversation': 'Koneksi #{id}: {client} → {server}',
  'ui.story': 'Alur kejadian',
  'ui.frames': 'Daftar frame',
  'ui.frame': 'Frame {n}',
  'ui.abnormal': 'Perlu diperhatikan',
  'ui.teaching': 'Perlu diketahui',
  'ui.none': 'tidak ada',
  'ui.col.no': 'No.',
  'ui.col.time': 'Waktu',
  'ui.col.src': 'Sumber',
  'ui.col.dst': 'Tujuan',
  'ui.col.proto': 'Protokol',
  'ui.col.len': 'Panjang',
  'ui.col.info': 'Info',
  'ui.col.dir': 'Arah',
  'ui.col.explain': 'Penjelasan',
  'ui.col.app': 'Aplikasi',
  'ui.col.frames': 'Frame',
  'ui.col.ending': 'Akhir',
  'ui.col.state': 'Status',
  'ui.col.client': 'Client',
  'ui.col.server': 'Server',
  'ui.col.packets': 'Paket',
  'ui.col.bytes': 'Byte',
  'ui.col.data': 'Byte data',
  'ui.col.duration': 'Durasi',
  'ui.col.wireshark': 'Filter Wireshark',
  'ui.col.host.ip': 'Alamat',
  'ui.col.tx.packets': 'Dikirim',
  'ui.col.tx.bytes': 'Byte dikirim',
  'ui.col.rx.packets': 'Diterima',
  'ui.col.rx.bytes': 'Byte diterima',
  'ui.traffic': 'Lalu lintas per percakapan',
  'ui.chart': 'Lalu lintas dari waktu ke waktu',
  'ui.chart.caption': 'Frame (batang) dan byte (garis) per {interval} s, sejak frame pertama',
  'ui.chart.bar': '{a}–{b} s: {frames} frame, {bytes} byte',
  'ui.follow': 'Ikuti stream (byte yang dikirim tiap sisi)',
  'ui.follow.frame': 'frame {n}',
  'ui.follow.cut': 'Hanya {bytes} byte pertama yang ditampilkan; pcap-explain FILE -q -z follow,… mencetak semuanya.',
  'ui.endpoints': 'Endpoint (alamat IP)',
  'ui.more.rows': '… {count} lagi (semuanya: {command})',
  'ui.end.fin': 'FIN',
  'ui.end.rst': 'RST',
  'ui.end.refused': 'ditolak',
  'ui.end.open': 'terbuka',
  'ui.diagram': 'Diagram urutan',
  'ui.diagram.more': '{count} frame lain tidak digambar',
  'ui.filter': 'Saring frame (teks, alamat, protokol)…',
  'ui.detail': 'Lapisan',
  'ui.hexdump': 'Byte',
  'ui.select': 'Pilih sebuah frame atau panah untuk melihat lapisan dan byte-nya.',
  'ui.generated': 'Dibuat oleh pcap-explain {version}.',
  'ui.story.frames': 'Frame {a}-{b}',
  'ui.story.frame': 'Frame {a}',
  'ui.selection': 'Pilihan: {what}.',
  'ui.other_frames': 'Frame di luar koneksi (ARP dan lainnya)',
  'ui.notes': 'Catatan',
  'ui.capture': 'Capture',
};
