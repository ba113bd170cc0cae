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
  'app.data': 'data TCP/UDP biasa',

  'lbl.part': 'sebagian {what}',
  'lbl.request': 'request ke-{n}',
  'lbl.reply': 'reply ke-{n}',
  'lbl.job': 'job ke-{n}',
  'lbl.message': 'pesan ke-{n}',
  'lbl.data': 'data',

  'fmt.list.and': '{list} dan {last}',
  'fmt.list.more': '{list} dan {more} lainnya',
  'fmt.each_time': '{value} setiap kali',
  'fmt.values.range': 'dari {first} sampai {last}',
  'fmt.range_mean': '{min} sampai {max} (rata-rata {mean})',
  'fmt.decimal': ',',
  'fmt.dur.ms': '{n} ms',
  'fmt.dur.s': '{n} detik',
  'fmt.frame': 'frame {n}',
  'fmt.frames': 'frame {a}-{b}',
  'fmt.payload.length': '({bytes} byte)',
  'fmt.times': '{count} × {value}',
  'fmt.payload.empty': '(kosong)',
  'fmt.payload.none': '(tanpa payload)',
  'fmt.payload.cut': '{start}… (hanya {captured} byte pertama dari {length} byte yang tertangkap)',
  'fmt.payload.uncaptured': '({length} byte, tidak tertangkap)',
  'fmt.payload.unknown': '(payload tidak tertangkap)',
  'fmt.payload.binary': '{bytes} byte data biner',
  'fmt.topic_qos': "'{topic}' dengan QoS {qos}",
  'fmt.pair': '{a} → {b}',
  'fmt.pair.lat': '{a} → {b} ({latency})',
  'fmt.pair.none': '{a} → tidak dibalas',
  'fmt.pair.unknown': '{a} → balasan tidak diketahui',
  'fmt.nothing': 'tidak ada percakapan',
  'fmt.count.tcp': '{count} koneksi TCP',
  'fmt.count.udp': '{count} aliran UDP',
  'fmt.count.arp': '{count} frame ARP',
  'fmt.count.retransmission': '{count} retransmisi',
  'fmt.count.retransmission.syn': '{count} retransmisi SYN',
  'fmt.count.retransmission.synack': '{count} retransmisi SYN-ACK',
  'fmt.count.retransmission.other': '{count} retransmisi lainnya',
  'fmt.count.fast_retransmission': '{count} retransmisi cepat (fast retransmission)',
  'fmt.count.duplicate_ack': '{count} ACK duplikat',
  'fmt.count.lost_segment': '{count} celah tempat segmen tidak tertangkap',
  'fmt.count.out_of_order': '{count} segmen yang tiba tidak berurutan',
  'fmt.count.zero_window': '{count} pengumuman window nol',

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
  'ex.tcp.syn.again.answered':
    '{who} {addr} mengirim SYN lagi (percobaan ke-{n}), padahal server sudah menjawabnya di frame {synack}: SYN-ACK itu belum sampai kepadanya.',
  'ex.tcp.keepalive':
    'Probe keep-alive: pengirim memeriksa apakah sisi lain masih ada, dengan segmen yang mengulang byte sebelum byte berikutnya (tanpa data baru).',
  'ex.tcp.window_probe':
    'Window probe: penerima mengumumkan window nol, jadi pengirim menanyakan ukuran window-nya dengan segmen yang mengulang byte sebelum byte berikutnya (Wireshark menandainya TCP Keep-Alive, bentuknya sama).',
  'ex.tcp.synack': 'Handshake langkah 2 dari 3: {who} {addr} menerima dan membalas SYN dengan SYN miliknya (SYN, ACK).',
  'ex.tcp.synack.again': '{who} {addr} mengirim SYN, ACK lagi: ia belum melihat langkah terakhir handshake.',
  'ex.tcp.hs_ack':
    'Handshake langkah 3 dari 3: {who} {addr} mengirim ACK untuk SYN, ACK; koneksi TCP terbentuk (round trip {rtt}).',
  'ex.tcp.hs_ack.nortt': 'Handshake langkah 3 dari 3: {who} {addr} mengirim ACK untuk SYN, ACK; koneksi TCP terbentuk.',
  'ex.tcp.refused':
    'Host {host} menolak koneksi dengan RST: tidak ada proses yang mendengarkan port {port} (connection refused).',
  'ex.tcp.rst':
    '{who} {addr} memutus koneksi secara paksa (RST): koneksi langsung berakhir tanpa pertukaran FIN, dan data yang sudah dikirim tetapi belum diterima ikut hilang.',
  'ex.tcp.rst.afterfin':
    '{who} {addr} memutus koneksi secara paksa (RST) setelah mengirim FIN-nya sendiri di frame {fin}: koneksi langsung berakhir, dan data yang sudah dikirim tetapi belum diterima ikut hilang.',
  'ex.tcp.fin': '{who} {addr} menutup sisi koneksinya (FIN): ia tidak punya data lagi untuk dikirim.',
  'ex.tcp.fin.second': '{who} {addr} juga menutup sisinya (FIN), setelah FIN di frame {fin}.',
  'ex.tcp.fin.again': '{who} {addr} mengirim FIN-nya lagi.',
  'ex.tcp.ack.fin': '{who} {addr} mengirim ACK untuk FIN dari frame {fin} (ACK); ia sendiri masih boleh mengirim data.',
  'ex.tcp.ack.fin.last':
    '{who} {addr} mengirim ACK untuk FIN dari frame {fin} (ACK): kedua sisi kini sudah mengirim FIN-nya.',
  'ex.tcp.ack.msg':
    '{who} {addr} mengirim ACK untuk {what} dari frame {acked} (ACK, tanpa data). Ini tanda terima byte di level TCP, bukan balasan aplikasi.',
  'ex.tcp.ack': '{who} {addr} mengirim ACK untuk data dari frame {acked} (ACK, tanpa data).',
  'ex.tcp.ack.plain': '{who} {addr} mengirim ACK untuk semua data sampai byte {ack} (ACK, tanpa data).',
  'ex.tcp.ack.bare': '{who} {addr} mengirim ACK tanpa data.',
  'ex.tcp.data': '{who} {addr} mengirim {len} byte data ke {peer_addr}.',
  'ex.tcp.data.again': '{who} {addr} mengirim {len} byte yang sudah pernah ia kirim.',
  'ex.tcp.lost.before':
    'Byte ini belum pernah terlihat di capture: salinan pertamanya hilang sebelum titik capture (antara pengirim dan titik ini) atau tidak tertangkap oleh capture.',
  'ex.tcp.lost.after':
    'Byte ini sudah pernah terlihat di capture: byte itu hilang setelah titik capture, dalam perjalanan ke penerima, atau ACK dari penerima tidak sampai ke pengirim tepat waktu.',
  'ex.tcp.retrans.data':
    'Segmen ini membawa data yang sudah pernah dikirim sisi ini sebelumnya, jadi pengirim mengirimkannya ulang (retransmisi).',
  'ex.tcp.retrans.syn':
    'Wireshark menyebutnya retransmisi, padahal SYN tidak membawa data: ini permintaan koneksi yang diulang (Linux mengirim ulang SYN 1 detik setelah yang pertama, lalu dengan jeda dua kali lebih lama setiap kali).',
  'ex.tcp.retrans.synack':
    'Wireshark menyebutnya retransmisi, padahal SYN, ACK tidak membawa data: server mengulangnya bila ACK terakhir jabat tangan tiga arah tidak sampai tepat waktu, atau bila SYN klien datang lagi.',
  'ex.tcp.retrans.fin':
    'Wireshark menyebutnya retransmisi, padahal FIN tidak membawa data: TCP mengirim ulang FIN sampai pihak lain mengonfirmasinya dengan ACK.',
  'ex.tcp.retrans.empty':
    'Wireshark menyebutnya retransmisi, padahal segmen ini tidak membawa data: ia mengulang nomor urut yang sudah pernah dipakai sisi ini.',
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
  'ex.frame.cut.data':
    'Capture hanya menyimpan {caplen} byte pertama dari {len} byte frame ini (snapshot length): dari {sent} byte data, hanya {captured} byte yang ada di berkas; {lost} byte sisanya tidak ada, sehingga isinya tidak diketahui.',
  'ex.frame.cut.nodata':
    'Capture hanya menyimpan {caplen} byte pertama dari {len} byte frame ini (snapshot length): tidak satu pun dari {sent} byte datanya ada di berkas, sehingga isinya tidak diketahui.',
  'ex.frame.cut':
    'Capture hanya menyimpan {caplen} byte pertama dari {len} byte frame ini (snapshot length); sisanya tidak ada di berkas.',
  'ex.copy':
    'Paket yang sama dengan frame {orig}, tertangkap lagi di interface lain: tcpdump -i any merekam sebuah paket di setiap interface yang dilaluinya (pada bridge Docker: veth pengirim dan veth penerima). Paket ini hanya dikirim sekali.',
  'ex.copy.tcp':
    'Byte-nya identik, termasuk IP ID, jadi ini bukan retransmisi, walaupun Wireshark menandai salinan segmen TCP seperti ini sebagai retransmisi atau ACK duplikat (Dup ACK); pcap-explain tidak memasukkannya ke analisis TCP.',

  'ex.app.gap':
    'Byte sisi ini sebelum titik ini tidak ada di capture, sehingga pesan {proto} di dalamnya hilang; decoding sisi ini menunggu segmen yang dimulai tepat di awal pesan.',
  'ex.app.gap.cut':
    'Snapshot length memotong sisa segmen ini, sehingga decoding {proto} sisi ini kehilangan posisinya di sini: decoding menunggu segmen yang dimulai tepat di awal pesan, dan pesan-pesan sebelum itu tidak di-decode.',
  'ex.app.resync':
    'Segmen ini dimulai tepat di awal pesan {proto}, sehingga decoding sisi ini dilanjutkan di sini ({skipped} byte hilang atau dilewati sebelumnya).',
  'ex.pickle':
    'Payload-nya adalah objek Python {type} yang di-pickle (pickle protokol {protocol}, {bytes} byte): Python menyerialisasi objek itu dengan pickle, dan pickle.loads() mengembalikannya menjadi {value}.',
  'ex.pickle.noproto':
    'Payload-nya adalah objek Python {type} yang di-pickle ({bytes} byte): Python menyerialisasi objek itu dengan pickle, dan pickle.loads() mengembalikannya menjadi {value}.',
  'story.pickle':
    '{count:Payload-nya adalah objek Python|Payload-nya adalah objek-objek Python} yang di-pickle ({types}, pickle protokol {protocol}): Python menyerialisasi {count:objek itu|setiap objek} dengan pickle, dan pickle.loads() mengembalikan nilainya (yang pertama, {bytes} byte, bernilai {value}).',
  'story.pickle.noproto':
    '{count:Payload-nya adalah objek Python|Payload-nya adalah objek-objek Python} yang di-pickle ({types}): Python menyerialisasi {count:objek itu|setiap objek} dengan pickle, dan pickle.loads() mengembalikan nilainya (yang pertama, {bytes} byte, bernilai {value}).',

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
  'story.arp.alike':
    'Dengan cara yang sama, ada {count} ARP request broadcast lagi, masing-masing mendapat jawaban, pada frame {a}-{b}: {pairs}.',
  'story.arp.pair': '{asker} menanyakan {asked}',
  'story.arp.rechecks':
    'Selanjutnya ada {count} frame ARP lagi antara host yang sebelumnya sudah bertukar ARP, pada frame {a}-{b} (tidak diceritakan satu per satu).',
  'story.arp.rechecks.first': 'Yang pertama: {first}',
  'story.other': '{count} frame lain di luar percakapan mana pun: {protocols}.',
  'story.copies':
    '{count} frame adalah salinan paket yang sudah tertangkap di interface lain (tcpdump -i any melihat setiap paket saat masuk ke bridge dan saat keluar darinya); frame ini tidak dimasukkan ke koneksi atau aliran mana pun, maupun ke analisis TCP.',
  'story.tcp.handshake':
    '{client} membuka koneksi TCP ke {server} dengan jabat tangan tiga arah (three-way handshake: SYN, SYN-ACK, ACK); round trip {rtt}.',
  'story.tcp.handshake.partial':
    '{client} membuka koneksi TCP ke {server}: SYN dan SYN-ACK terlihat, ACK terakhir handshake tidak ada di capture.',
  'story.tcp.syn_unanswered':
    '{client} mencoba membuka koneksi TCP ke {server} ({count} SYN), tetapi tidak ada jawaban di capture.',
  'story.tcp.syn_retries': 'SYN dikirim {count} kali lagi sebelum server menjawab.',
  'story.tcp.handshake.unfinished':
    '{client} mencoba membuka koneksi TCP ke {server}: server menjawab SYN dengan SYN-ACK, tetapi tidak ada ACK yang menyusul, sehingga jabat tangan tiga arah (three-way handshake) tidak selesai.',
  'story.tcp.syn_after_synack':
    'Setelah server menjawab, client masih mengirim SYN-nya {count} kali lagi: SYN-ACK itu tidak sampai kepadanya.',
  'story.tcp.synack_retries': 'Server mengirim ulang SYN-ACK-nya {count} kali sebelum ACK dari client datang.',
  'story.tcp.synack_retries.noack': 'Server mengirim ulang SYN-ACK-nya {count} kali, dan tidak ada ACK yang datang.',
  'story.tcp.midstream':
    'Capture dimulai di tengah koneksi: koneksi TCP antara {client} dan {server} sudah ada saat capture dimulai, jadi handshake-nya tidak ada di capture dan frame-frame pertama ini bukan pembukaan koneksi.',
  'story.tcp.idle.keepalive':
    'Tidak ada data yang dikirim pada koneksi ini; selama koneksi menganggur, TCP mengirim {count} probe keep-alive untuk memeriksa apakah sisi lain masih ada.',
  'story.tcp.refused':
    '{client} mencoba terhubung ke {server}, dan host langsung menjawab SYN dengan RST: tidak ada proses yang mendengarkan port {port} (connection refused).',
  'story.tcp.refused.attempt':
    'Percobaan ke-{attempt} dari {total}: {client} mencoba terhubung ke {server}, dan host menjawab SYN dengan RST: belum ada proses yang mendengarkan port {port} (connection refused).',
  'story.tcp.refused.attempts':
    'Percobaan ke-{attempt} dari {total}: {client} mencoba terhubung ke {server}, dan host menjawab SYN dengan RST: tidak ada proses yang mendengarkan port {port} (connection refused).',
  'story.tcp.data':
    '{who} {addr} mengirim {c2s_bytes} byte data dan {s_who} {s_addr} mengirim {s2c_bytes} byte; tidak ada protokol aplikasi yang dikenali.',
  'story.tcp.trouble':
    'Setelah jabat tangan, analisis TCP (seperti yang dibuat Wireshark) menemukan pada koneksi ini: {list}.',
  'story.tcp.trouble.nohs': 'Analisis TCP (seperti yang dibuat Wireshark) menemukan pada koneksi ini: {list}.',
  'story.udp': '{src} mengirim {count} datagram UDP ke {dst}: {values}.',
  'story.udp.pairs':
    '{src} mengirim {count} datagram UDP ke {dst}, dan {dst} membalas {answered:satu di antaranya|{answered} di antaranya} dengan datagramnya sendiri: {pairs}. Balasan itu datang dari programnya: UDP sendiri tidak punya koneksi dan tidak punya acknowledgement.',
  'story.udp.oneway': 'Tidak ada yang kembali: UDP tidak punya koneksi dan tidak punya acknowledgement.',
  'story.udp.flow': 'UDP antara {client} dan {server}: {c2s} datagram ke satu arah, {s2c} kembali.',
  'story.end.fin':
    '{who} {addr} menutup koneksi (FIN) dan {o_who} {o_addr} juga menutup sisinya (FIN); dengan ACK terakhir koneksi ditutup secara normal.',
  'story.end.fin.half':
    '{who} {addr} menutup sisinya (FIN); {o_who} {o_addr} belum menutup sisinya saat capture berhenti.',
  'story.end.fin.halfclose':
    '{who} {addr} lebih dulu menutup sisinya (FIN): ia tidak punya data lagi untuk dikirim. FIN hanya menutup satu arah, jadi {o_who} {o_addr} masih mengirim data sesudahnya (frame {after}), lalu juga menutup sisinya (FIN); dengan ACK terakhir koneksi ditutup secara normal.',
  'story.end.rst': '{who} {addr} mengakhiri koneksi secara paksa dengan RST, bukan dengan pertukaran FIN.',
  'story.end.rst.afterfin':
    '{who} {addr} lebih dulu menutup sisinya (FIN, frame {fin}), lalu mengakhiri koneksi secara paksa dengan RST (frame {rst}).',
  'story.end.rst.afterfin.data':
    '{who} {addr} lebih dulu menutup sisinya (FIN, frame {fin}); {o_who} {o_addr} masih mengirim data sesudahnya (frame {data}), dan {who} menjawabnya dengan RST (frame {rst}): programnya sudah menutup socket, yang tidak lagi menerima data.',
  'story.end.open': 'Tidak ada FIN atau RST: koneksi masih terbuka saat capture berhenti (frame terakhir {last}).',
  'story.end.open.unanswered':
    'Tidak ada FIN atau RST, dan memang tidak perlu: koneksi tidak pernah terbentuk karena SYN-nya tidak dijawab dengan SYN-ACK (frame terakhir {last}).',

  'story.end.open.unfinished':
    'Tidak ada FIN atau RST, dan memang tidak perlu: koneksi tidak pernah terbentuk karena SYN-ACK dari server tidak dijawab dengan ACK (frame terakhir {last}).',
  'story.end.open.cut':
    'Tidak ada FIN atau RST: setelah SYN-ACK tidak ada apa pun lagi di capture, bahkan ACK terakhir dari jabat tangan pun tidak ada (frame terakhir {last}).',
  'ov.summary': '{frames} frame dalam {duration}: {parts}.',
  'ov.summary.empty': 'Capture ini tidak berisi paket.',
  'ov.summary.apps': 'Protokol aplikasi: {apps}.',
  'ov.conv': '#{id} {client} → {server} ({transport}): {what}; {end}.',
  'ov.conv.noend': '#{id} {client} → {server} ({transport}): {what}.',
  'ov.conv.refused': 'koneksi ditolak, tidak ada proses yang mendengarkan port {port}',
  'ov.conv.udp': 'UDP, {c2s} datagram ke satu arah dan {s2c} kembali',
  'ov.conv.tcp': 'TCP, {c2s} byte dari client dan {s2c} byte dari server',
  'ov.start.midstream': 'sudah terbuka saat capture dimulai',
  'ov.end.fin': 'ditutup oleh {by} (FIN)',
  'ov.end.rst': 'diputus paksa oleh {by} (RST)',
  'ov.end.open': 'masih terbuka saat capture berhenti',
  'ov.end.unanswered': 'tidak pernah terbentuk: SYN-nya tidak dijawab',
  'ov.end.unfinished': 'tidak pernah terbentuk: SYN-ACK-nya tidak dijawab dengan ACK',
  'ov.end.cut': 'tidak ada apa pun setelah SYN-ACK di capture',
  'ov.ab.damaged': 'Berkas capture rusak: hanya {frames} frame pertama yang dapat dibaca.',
  'ov.ab.snaplen':
    'Capture ini hanya menyimpan {kept} byte pertama dari setiap frame (snapshot length-nya, seperti tcpdump -s {kept}): {frames} dari {total} frame lebih panjang sehingga terpotong, yang pertama frame {first}. Panjang ditampilkan sesuai yang dinyatakan header, yaitu yang benar-benar dikirim, tetapi byte setelah potongan tidak ada di berkas: data frame yang terpotong hanya diketahui sebagian, sehingga isi pesan di dalamnya tidak diketahui setelah titik potong, dan bila field panjang sebuah pesan ikut terpotong, awal pesan-pesan berikutnya juga tidak diketahui.',
  'ov.ab.refused':
    '{count} percobaan koneksi ke {server} ditolak (SYN dijawab RST): saat itu tidak ada proses yang mendengarkan port {port}.',
  'ov.ab.rst': 'Koneksi #{id} diputus paksa dengan RST oleh {who} {addr} (frame {frame}).',
  'ov.ab.midstream':
    'Koneksi #{id} dimulai sebelum capture berjalan (handshake tidak terlihat, frame pertama {frame}).',
  'ov.ab.noanswer': 'Koneksi #{id}: {server} tidak pernah menjawab SYN.',
  'ov.ab.unfinished':
    'Koneksi #{id}: {server} menjawab SYN, tetapi SYN-ACK-nya tidak dijawab dengan ACK: jabat tangan tidak selesai.',
  'ov.ab.tcp': 'Koneksi #{id}: {list}.',
  'ov.ab.note': '{text} (frame {frames})',
  'ov.ab.note.many': '{text} ({count} frame: {frames})',
  'ov.ab.none': 'Tidak ada yang janggal: setiap koneksi dibuka dan diakhiri secara normal.',
  'role.tcp.server': 'server TCP di :{port}',
  'role.tcp.client': 'client TCP yang terhubung ke {server}',
  'role.tcp.refused': 'menolak koneksi di :{port} (tidak ada proses yang mendengarkan)',
  'role.tcp.refused_client': 'mencoba membuka koneksi ke {server} (ditolak)',
  'role.tcp.noanswer': 'tidak menjawab permintaan koneksi di :{port}',
  'role.tcp.noanswer_client': 'mencoba membuka koneksi ke {server} (tidak dijawab)',
  'role.tcp.unfinished_client': 'mencoba membuka koneksi ke {server} (jabat tangan tidak selesai)',
  'role.udp.sender': 'mengirim datagram UDP ke {dst}',
  'role.udp.receiver': 'menerima datagram UDP di :{port}',
  'role.arp_only': 'hanya terlihat di ARP',
  'role.seen_only': 'hanya terlihat di {protocols}',
  'role.group': 'alamat broadcast atau multicast',

  'teach.checksum_offload':
    'Wireshark menandai checksum TCP/UDP di capture ini (yang pertama di frame {frame}) sebagai salah ("maybe caused by checksum offload") bila ia memeriksanya. Checksum itu tidak rusak: pengirim menyerahkan perhitungan checksum ke kartu jaringan (virtual)-nya, yaitu checksum offload, dan capture mengambil paket sebelum checksum itu dilengkapi (veth tidak pernah melengkapinya: kernel penerima di host yang sama memercayai paket tersebut). Nilai yang tertangkap tepat sama dengan jumlah parsial atas alamat dan panjang, seperti yang diperiksa pcap-explain.',
  'teach.several_in_one_segment':
    'Frame {frame} membawa {count} pesan aplikasi dalam satu segmen TCP. TCP tidak menjaga batas pesan: protokolnya ({protocol}) yang menandai akhir setiap pesan, jadi satu frame tidak sama dengan satu pesan.',
  'fmt.retry.client': 'Client',
  'fmt.retry.clients': '{count} client ({hosts}) secara keseluruhan',
  'teach.refused_retries':
    '{who} mencoba {count} kali terhubung ke {server}, dan setiap SYN dijawab RST: tidak ada proses yang mendengarkan port {port}. Setiap percobaan adalah koneksi TCP baru dengan source port baru.',
  'teach.refused_retries.after':
    '{who} mencoba {count} kali terhubung ke {server} setelah koneksi #{id} ke server itu berakhir, dan setiap SYN dijawab RST: tidak ada lagi proses yang mendengarkan port {port} (server sudah berhenti). Setiap percobaan adalah koneksi TCP baru dengan source port baru.',
  'teach.refused_retries.ok':
    '{who} mencoba {count} kali terhubung ke {server} saat belum ada proses yang mendengarkan port {port}, jadi setiap SYN dijawab RST (setiap percobaan dengan source port baru); koneksi #{id} berhasil setelah server berjalan.',
  'fmt.per_worker': '{count} ke {worker}',
  'teach.midstream':
    'Koneksi #{id} tidak punya handshake di capture: capture dimulai setelah koneksi itu dibuka. Frame-frame pertamanya (mulai frame {frame}) adalah lalu lintas biasa, bukan pembukaan koneksi.',
  'teach.docker.gateway':
    '{gateway} bukan container: itu alamat host Docker sendiri di jaringan ini (gateway, alamat bridge {bridge}). Koneksi #{id} ke {server} dibuka oleh program di host. Untuk port yang dipublikasikan lewat `ports:` di file compose dan diakses dari host (`curl localhost:PORT`), program itu adalah docker-proxy: ia menerima koneksi di host lalu membuka koneksi ini ke container, sehingga container melihat gateway sebagai client-nya.',
  'teach.docker.dns':
    'Capture ini tidak berisi DNS. Di jaringan Docker, container yang mencari nama container lain ({names}) bertanya ke server DNS bawaan Docker di 127.0.0.11, di dalam container-nya sendiri, jadi pencarian itu tidak pernah melewati bridge. Hanya nama yang tidak dikenal Docker (host di Internet) yang diteruskan dari container ke server DNS host, dan baru terlihat di sini sebagai DNS di port 53.',

  'ui.title': 'Laporan pcap-explain: {file}',
  'ui.overview': 'Ringkasan',
  'ui.hosts': 'Host',
  'ui.host': 'Host',
  'ui.mac': 'MAC',
  'ui.role': 'Peran',
  'ui.conversations': 'Percakapan',
  'ui.conversation': 'Percakapan #{id}: {client} → {server}',
  'ui.story': 'Alur kejadian',
  'ui.display_filter': 'Filter tampilan {filter}: {matched} dari {frames} frame cocok.',
  'ui.frames': 'Daftar frame',
  'ui.frame': 'Frame {n}',
  'ui.page':
    'Hanya {listed} frame pertama dari {of} frame yang dicantumkan di sini (frame {a}–{b}). Frame berikutnya: {next}; persempit laporan dengan --conversation ID, --protocol NAMA, --frames-range A-B, atau -Y FILTER.',
  'ui.page.selected':
    'Hanya {listed} frame pertama dari {of} frame terpilih yang dicantumkan di sini (frame {a}–{b}). Frame berikutnya: {next}; persempit laporan dengan --conversation ID, --protocol NAMA, --frames-range A-B, atau -Y FILTER.',
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
  'ui.end.unanswered': 'tak dijawab',
  'ui.end.unfinished': 'tanpa ACK',
  'ui.end.cut': 'tanpa ACK',
  'ui.end.by': ' oleh {by}',
  'ui.end.open_at_end': 'masih terbuka di akhir',
  'ui.hs.complete': 'lengkap',
  'ui.hs.partial': 'sebagian',
  'ui.hs.not_seen': 'tidak terlihat',
  'ui.col.pkts': 'Paket c→s/s→c',
  'ui.col.bytes_dir': 'Byte c→s/s→c',
  'ui.col.handshake': 'Handshake',
  'ui.conversations.none': 'Percakapan: tidak ada',
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
  'ui.other_frames': 'Frame di luar percakapan (ARP dan lainnya)',
  'ui.h.capture': 'Berkas',
  'ui.h.capture.value': '{fmt}, {links}, {frames} frame, {bytes} byte',
  'ui.h.time': 'Waktu',
  'ui.h.comment': 'Komentar',
  'ui.h.warning': 'Peringatan',
  'ui.h.unknown_format': 'format tidak dikenal',
  'ui.h.no_interfaces': 'tanpa interface',
  'ui.h.no_packets': 'capture ini tidak berisi paket',
  'ui.h.protocols': 'Protokol',
  'ui.notes.line': '{code} ×{count} (pertama di frame {frame}): {text}',
  'ui.notes': 'Catatan',
  'ui.capture': 'Berkas capture',
  'ui.col.count': 'Jumlah',
  'ui.grouped':
    'Ada {count} percakapan: percakapan yang sejenis (host client, server, aplikasi, dan cara berakhirnya sama) diringkas sebagai satu kelompok; --conversations menampilkan setiap percakapan satu per satu.',
  'overview.group':
    'Ada {count} koneksi lain yang sejenis dengan #{id}: {ids}, pada frame {a}-{b}. Masing-masing berlangsung {d} (median {dmed}, 95% paling lama {d95}) dan membawa {p} paket serta {b2} byte payload.',
  'overview.group_one':
    'Ada 1 koneksi lain yang sejenis dengan #{id}: {ids}, pada frame {a}-{b}. Koneksi itu berlangsung {d} dan membawa {p} paket serta {b2} byte payload.',
  'overview.group_udp':
    'Ada {count} aliran UDP lain yang sejenis dengan #{id}: {ids}, pada frame {a}-{b}. Masing-masing berlangsung {d} (median {dmed}, 95% paling lama {d95}) dan membawa {p} datagram serta {b2} byte payload.',
  'overview.group_udp_one':
    'Ada 1 aliran UDP lain yang sejenis dengan #{id}: {ids}, pada frame {a}-{b}. Aliran itu berlangsung {d} dan membawa {p} datagram serta {b2} byte payload.',
  'overview.group_refused':
    'Ada {count} percobaan koneksi lain yang ditolak, sejenis dengan #{id}: {ids}, pada frame {a}-{b}.',
  'role.alike': '{role} dan {count} lagi yang serupa',
  'fmt.span': '{a} sampai {b}',
  'story.group': 'Ada {count} percakapan lain yang sejenis dengan #{id} pada frame {a}-{b} (lihat bagian Percakapan).',
  'story.group.plain': 'Ada {count} percakapan lain yang sejenis dengan #{id} pada frame {a}-{b}.',
  'overview.alike': 'Dan {count} lagi yang sejenis: {ids}.',
  'overview.alike_frames': 'Dan {count} lagi yang sejenis.',
};
