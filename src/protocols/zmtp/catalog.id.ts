import type { Catalogue } from '../../explain/catalog/types.js';

/** Indonesian texts of this protocol: its frame sentences, story, overview and teaching entries, and its note codes. */
export const id: Catalogue = {
  'app.zmtp': 'ZeroMQ (ZMTP)',
  'lbl.zmtp.greeting': 'greeting ZMTP',
  'lbl.zmtp.command': 'command {name}',
  'ex.zmtp.greeting':
    '{who} {addr} mengirim greeting ZMTP {version} (mekanisme keamanan {mechanism}): handshake ZeroMQ yang mengawali setiap koneksi.',
  'ex.zmtp.greeting.split':
    '{who} {addr} menyelesaikan greeting ZMTP {version} (mekanisme {mechanism}); libzmq mengirim greeting 64 byte itu dalam {count} potongan.',
  'ex.zmtp.ready': '{who} {addr} mengirim READY: socket-nya bertipe {socket}.',
  'ex.zmtp.identity': "Socket ini memakai identitas '{identity}'.",
  'ex.zmtp.subscribe':
    "{who} {addr} berlangganan pesan yang diawali '{topic}' (SUBSCRIBE): publisher hanya akan mengirim pesan itu kepadanya.",
  'ex.zmtp.subscribe.all': '{who} {addr} berlangganan semua pesan (SUBSCRIBE dengan topik kosong).',
  'ex.zmtp.cancel': "{who} {addr} membatalkan langganan '{topic}' (CANCEL).",
  'ex.zmtp.hello':
    "{who} {addr} login dengan mekanisme PLAIN sebagai user '{username}' (HELLO); password dikirim tanpa enkripsi.",
  'ex.zmtp.welcome': '{who} {addr} menerima user name dan password (WELCOME).',
  'ex.zmtp.initiate': '{who} {addr} mengonfirmasi login PLAIN dan menyatakan socket-nya bertipe {socket} (INITIATE).',
  'ex.zmtp.error': "{who} {addr} mengirim ERROR '{reason}': ia sedang menutup koneksi.",
  'ex.zmtp.ping': '{who} {addr} memeriksa apakah peer masih aktif (PING).',
  'ex.zmtp.pong': '{who} {addr} menjawab heartbeat (PONG).',
  'ex.zmtp.command': '{who} {addr} mengirim command ZMTP {name}.',
  'ex.zmtp.request': '{who} {addr} mengirim request ke-{n} {payload} ke {server} pada koneksi {pattern}.',
  'ex.zmtp.reply': '{who} {addr} mengirim reply {payload} untuk request ke-{n}.',
  'ex.zmtp.reply.unpaired': '{who} {addr} mengirim reply {payload}; request yang dibalasnya tidak diketahui.',
  'ex.zmtp.reply.lat':
    '{who} {addr} membalas request ke-{n} (frame {req}) dengan reply {payload}, {latency} setelahnya.',
  'ex.zmtp.delimiter.req':
    'Pesan ini terdiri atas dua frame, [<empty> | {body}]: socket REQ menaruh frame pembatas kosong (empty delimiter) di depan body, dan socket REP membuangnya sebelum menyerahkan body ke program.',
  'ex.zmtp.delimiter.rep':
    'Pesan ini terdiri atas dua frame, [<empty> | {body}]: socket REP menaruh kembali frame pembatas kosong di depan reply, dan socket REQ membuangnya.',
  'story.zmtp.delimiter':
    'Setiap request dan reply dikirim sebagai [<empty> | body] (misalnya [<empty> | {body}]): socket REQ menaruh frame pembatas kosong di depan body dan socket REP membuangnya, sehingga program hanya melihat body-nya.',
  'ex.zmtp.publish': '{who} {addr} mem-publish pesan ke-{n} {payload} ke {peer_who} {peer_addr}.',
  'ex.zmtp.push': '{who} {addr} mengirim (push) job ke-{n} {payload} ke {peer_who} {peer_addr}.',
  'ex.zmtp.message': '{who} {addr} mengirim pesan ZeroMQ {payload}.',
  'story.zmtp.greeting':
    'Handshake ZeroMQ antara {client} dan {server}: kedua socket bertukar greeting ZMTP {version} (mekanisme {mechanism}).',
  'story.zmtp.partial':
    'Handshake ZeroMQ antara {client} dan {server}: sebagian byte-nya tidak ada di capture, sehingga greeting-nya tidak dapat di-decode; perintah READY yang berhasil di-decode menyebut tipe socket: {types}.',
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
    '{p_who} {p_addr} mem-publish {count} pesan ke {who} {addr}: {values}; {back} pesan dikirim ke arah sebaliknya.',
  'story.zmtp.pubsub.none':
    '{p_who} {p_addr} tidak mengirim apa pun ke {who} {addr}: tidak ada pesan yang diawali langganannya {topics}, dan publisher menyaring sebelum mengirim.',
  'story.zmtp.pipeline':
    '{p_who} {p_addr} mengirim (push) {count} job ke {who} {addr}: {values}. Worker tidak mengirim balasan: frame darinya hanya ACK TCP.',
  'story.zmtp.pipeline.back':
    '{p_who} {p_addr} mengirim (push) {count} job ke {who} {addr}: {values}; {back} pesan dikirim ke arah sebaliknya.',
  'story.zmtp.other': 'Socket {pattern} bertukar {c2s} pesan dari {c_who} {c_addr} dan {s2c} dari {s_who} {s_addr}.',
  'story.end.open.zmtp':
    'Tidak ada FIN atau RST: koneksi masih terbuka saat capture berhenti (frame terakhir {last}); ZeroMQ mempertahankan koneksi TCP-nya selama socket masih terbuka.',
  'ov.conv.zmtp.reqrep': 'ZeroMQ {pattern}, {c2s} request dan {s2c} reply',
  'ov.conv.zmtp.pubsub': 'ZeroMQ {pattern}, {count} pesan di-publish',
  'ov.conv.zmtp.pipeline': 'ZeroMQ {pattern}, {count} job dikirim (push)',
  'ov.conv.zmtp.midstream':
    'ZeroMQ dengan jenis socket yang tidak diketahui (handshake ZMTP tidak ada di capture), {c2s} pesan dari client dan {s2c} dari server',
  'ov.conv.zmtp': 'ZeroMQ {pattern}, {c2s} pesan dari client dan {s2c} dari server',
  'role.zmtp.bound': '{noun} ZeroMQ {socket} di :{port}',
  'role.zmtp.connect': '{noun} ZeroMQ {socket} yang terhubung ke {server}',
  'role.zmtp.server': 'server ZeroMQ di :{port}',
  'role.zmtp.client': 'client ZeroMQ yang terhubung ke {server}',
  'teach.zmq_no_fin':
    'Tidak adanya FIN di koneksi #{id} itu normal untuk ZeroMQ: socket mempertahankan koneksi TCP-nya selama socket masih terbuka dan mengirim semua pesan lewat koneksi itu; FIN baru muncul saat program menutup socket.',
  'teach.zmq_one_connection':
    'ZeroMQ mengirim seluruh {count} pesan di koneksi #{id} lewat satu koneksi TCP yang tetap terbuka selama socket masih terbuka; FIN di akhir muncul hanya karena program menutup socket-nya, bukan setelah setiap pesan.',
  'teach.zmtp_greeting_split':
    'Greeting ZMTP datang dalam {count} segmen TCP (frame {frames}): libzmq mengirim dulu signature 10 byte, dan sisa 64 byte-nya (versi, mekanisme) baru dikirim setelah ia melihat signature dari peer. TCP adalah aliran byte: satu pesan bisa terbagi ke beberapa segmen, dan satu segmen bisa berisi beberapa pesan.',
  'zmtp.version.2_0': 'Peer ini memakai ZMTP 2.0 yang lebih lama (revisi {revision}).',
  'zmtp.version.1_0': 'Peer ini memakai ZMTP 1.0, versi tertua (greeting-nya tanpa versi).',
  'zmtp.version.newer': 'Greeting menyatakan ZMTP {major}.{minor}, lebih baru dari 3.1; di-decode sebagai 3.x.',
  'zmtp.mechanism.invalid': 'Nama mekanisme keamanan "{mechanism}" berisi karakter yang tidak diperbolehkan.',
  'zmtp.mechanism.unknown': 'Mekanisme keamanan "{mechanism}" bukan NULL, PLAIN, CURVE, atau GSSAPI.',
  'zmtp.as_server.invalid': 'Field as-server bernilai {value}, tidak cocok dengan mekanisme {mechanism}.',
  'zmtp.filler.nonzero': 'Byte filler yang tidak terpakai di akhir greeting tidak semuanya nol.',
  'zmtp.frame.too_long': 'Sebuah frame ZMTP mengaku lebih panjang dari yang disimpan decoder; byte-nya dilewati.',
  'zmtp.frame.bad_length': 'Sebuah frame ZMTP 1.0 memiliki panjang 0, dan itu mustahil.',
  'zmtp.flags.reserved': 'Bit flag cadangan menyala pada frame ZMTP (flags {flags}).',
  'zmtp.command.more': 'Sebuah command ZMTP memakai flag MORE, padahal command tidak boleh memakainya.',
  'zmtp.command.malformed': 'Sebuah command ZMTP lebih pendek dari yang dibutuhkan field-nya.',
  'zmtp.command.unknown': 'Command ZMTP {name} tidak dikenal alat ini; ditampilkan berdasarkan namanya.',
  'zmtp.metadata.malformed': 'Properti metadata sebuah command ZMTP tidak muat di dalam command (pada byte {offset}).',
  'zmtp.error': 'Peer mengirim command ERROR ("{reason}"): ia sedang menutup koneksi.',
  'zmtp.plain.cleartext_password':
    'Mekanisme PLAIN mengirim password user "{username}" tanpa enkripsi: siapa pun yang merekam lalu lintas jaringan ini dapat membacanya.',
  'zmtp.socket_type.incompatible':
    'Socket {a} tidak bisa berkomunikasi dengan socket {b}: ZeroMQ tidak akan bertukar pesan di sini.',
  'zmtp.socket_type.unknown': 'Tipe socket "{socket_type}" tidak didefinisikan ZeroMQ.',
  'zmtp.dissector_bug': 'Kesalahan internal saat men-decode ZMTP ({reason}); mohon laporkan.',
  'zmtp.sub.no_match':
    'Subscriber ini berlangganan {subscriptions} tetapi tidak menerima apa pun: publisher mengirim {published} pesan ke subscriber lain dan tidak ada yang diawali topik itu. Socket PUB ZeroMQ menyaring di sisinya sendiri, sehingga pesan yang tidak cocok tidak pernah dikirim lewat koneksi ini.',
  'zmtp.sub.none':
    'Socket SUB ini tidak pernah berlangganan topik apa pun, sehingga publisher tidak mengirim pesan kepadanya.',
  'zmtp.pipeline.distribution':
    'Socket PUSH di {endpoint} membagikan {jobs} pesan ke {workers} worker ({counts}), {round_robin:secara round-robin yang ketat|tidak secara round-robin yang ketat}.',
  'zmtp.reply.unmatched': 'Sebuah reply dikirim tanpa ada request yang menunggunya di koneksi ini.',
  'teach.pub_filters':
    'Subscriber {subscriber} (koneksi #{id}) berlangganan {topic} dan tidak menerima apa pun. Sejak ZMTP 3, publisher yang menyaring: ia hanya mengirim pesan ke subscriber yang langganannya merupakan awalan pesan itu, jadi subscriber yang tidak cocok tidak menerima frame sama sekali (bukan menerima lalu membuangnya).',
  'teach.round_robin':
    'Producer {producer} membagi {jobs} job-nya ke {workers} worker secara bergiliran (round-robin): {per}. Setiap job hanya diterima satu worker.',
  'teach.psh_flag':
    'Flag PSH tidak berarti PUSH milik ZeroMQ dan bukan tanda request. Flag itu meminta TCP penerima segera menyerahkan data ke program; Linux memasangnya di segmen terakhir setiap penulisan. Reply, pesan publish, dan job semuanya membawa flag ini.',
};
