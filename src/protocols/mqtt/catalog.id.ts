import type { Catalogue } from '../../explain/catalog/types.js';

/** Indonesian texts of this protocol: its frame sentences, story, overview and teaching entries, and its note codes. */
export const id: Catalogue = {
  'app.mqtt': 'MQTT',
  'lbl.mqtt': 'paket {kind}',
  'ex.tcp.ack.msg.mqtt':
    '{who} {addr} mengirim ACK untuk {what} dari frame {acked} di level TCP (ACK, tanpa data). Ini tanda terima byte oleh TCP, bukan acknowledgement MQTT.',
  'ex.mqtt.connect': '{who} {addr} terhubung ke broker {as} (CONNECT, MQTT {version}, keep-alive {keepalive} detik).',
  'ex.mqtt.connack': '{who} menerima koneksi (CONNACK).',
  'ex.mqtt.connack.lat': '{who} menerima koneksi (CONNACK), {latency} setelah CONNECT di frame {req}.',
  'ex.mqtt.connack.refused': '{who} menolak koneksi (CONNACK: {reason}).',
  'ex.mqtt.publish': "{who} {addr} mem-publish {payload} ke topik '{topic}' (PUBLISH, QoS {qos}).",
  'ex.mqtt.publish.relay':
    "Broker meneruskan {payload} dari topik '{topic}' ke {peer_who} {peer_addr} (PUBLISH, QoS {qos}), {delay} setelah pesan itu tiba di frame {src}.",
  'ex.mqtt.publish.queued':
    "Broker mengirim {payload} di topik '{topic}' kepada {peer_who} {peer_addr} (PUBLISH, QoS {qos}): pesan itu dipublikasikan di frame {src}, {delay} sebelumnya, sebelum koneksi ini dimulai, dan broker menyimpannya dalam sesi client sampai client kembali.",
  'ex.mqtt.publish.deliver':
    "Broker mengirim {payload} dari topik '{topic}' ke {peer_who} {peer_addr} (PUBLISH, QoS {qos}).",
  'ex.mqtt.publish.retained':
    "Broker mengirim retained message {payload} dari topik '{topic}' ke {peer_who} {peer_addr} (PUBLISH, QoS {qos}, flag retain menyala): pesan itu di-publish di frame {src}, {age} sebelumnya, dan disimpan broker untuk client yang berlangganan kemudian. Pesan ini dikirim sekarang karena langganan baru, jadi bukan penerusan dengan jeda.",
  'ex.mqtt.publish.retained.nosrc':
    "Broker mengirim retained message {payload} dari topik '{topic}' ke {peer_who} {peer_addr} (PUBLISH, QoS {qos}, flag retain menyala): pesan yang disimpan broker untuk client yang berlangganan kemudian, dikirim sekarang karena langganan baru; publikasinya tidak ada di capture.",
  'ex.mqtt.publish.will':
    "Broker mem-publish will message {payload} ke topik '{topic}' untuk {peer_who} {peer_addr} (PUBLISH, QoS {qos}): client koneksi #{conv} menetapkannya dalam CONNECT-nya (frame {src}), dan koneksinya berakhir tanpa DISCONNECT. Ini bukan penerusan sebuah PUBLISH.",
  'ex.mqtt.retain': 'Flag retain menyala: broker menyimpan pesan ini untuk subscriber yang datang kemudian.',
  'ex.mqtt.props': 'Properti MQTT 5: {list}.',
  'ex.mqtt.will':
    "Client menetapkan will: jika koneksinya berakhir tanpa DISCONNECT, broker mem-publish {payload} ke '{topic}' (QoS {qos}{retain}).",
  'ex.mqtt.will.retain': ', retained',
  'ex.mqtt.session.resume':
    'Clean start tidak aktif: client meminta melanjutkan sesi yang mungkin masih disimpan broker untuknya.',
  'ex.mqtt.session.resume.expiry':
    'Clean start tidak aktif: client meminta melanjutkan sesi yang mungkin masih disimpan broker untuknya, dan meminta sesi itu disimpan {expiry} detik setelah koneksi berakhir (session expiry interval).',
  'ex.mqtt.session.persistent':
    'Clean session tidak aktif: broker menyimpan sesi (langganan, pesan QoS 1/2) selama client tidak terhubung.',
  'ex.mqtt.connack.assigned':
    "Client mengirim client ID kosong: broker menetapkan ID-nya '{client_id}' (properti Assigned Client Identifier).",
  'ex.mqtt.connect.empty_id': 'Client ID kosong berarti client meminta broker menetapkan ID-nya.',
  'ex.mqtt.connack.session_present':
    'Session present: broker masih menyimpan sesi untuk client ini, sehingga langganannya yang lama tetap berlaku.',
  'ex.mqtt.reason.no_subscribers':
    'Reason code 16 (No matching subscribers): broker menerima pesan itu, tetapi saat itu tidak ada client yang berlangganan topiknya, sehingga tidak ada yang menerimanya.',
  'ex.mqtt.reason': 'Reason code {code}: {reason}.',
  'ex.mqtt.qos0': 'Dengan QoS 0 tidak ada acknowledgement MQTT sesudahnya.',
  'ex.mqtt.puback': '{who} {addr} mengonfirmasi PUBLISH QoS 1 dengan packet id {id} (PUBACK).',
  'ex.mqtt.puback.lat': '{who} {addr} mengonfirmasi PUBLISH QoS 1 di frame {req} (PUBACK), {latency} kemudian.',
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
  'ex.mqtt.pingreq': '{who} {addr} memberi tahu broker bahwa ia masih aktif (PINGREQ, keep-alive).',
  'ex.mqtt.pingresp': '{who} menjawab keep-alive (PINGRESP).',
  'ex.mqtt.pingresp.lat': '{who} menjawab keep-alive dari frame {req} (PINGRESP), {latency} kemudian.',
  'ex.mqtt.disconnect':
    '{who} {addr} memberi tahu broker bahwa ia memutus koneksi secara normal (DISCONNECT) sebelum menutup koneksi TCP.',
  'ex.mqtt.auth': '{who} {addr} mengirim paket AUTH (pertukaran autentikasi MQTT 5).',
  'ex.mqtt.other': '{who} {addr} mengirim paket MQTT {kind}.',
  'story.mqtt.connect':
    '{who} {addr} terhubung ke broker {broker} {as} (CONNECT, MQTT {version}, keep-alive {keepalive} detik); broker menerima (CONNACK) setelah {latency}.',
  'story.mqtt.connect.noack':
    '{who} {addr} terhubung ke broker {broker} {as} (CONNECT, MQTT {version}); CONNACK dari broker tidak ada di capture.',
  'story.mqtt.connect.refused':
    '{who} {addr} terhubung ke broker {broker} {as} (CONNECT), tetapi broker menolak: {reason}.',
  'story.mqtt.connack_only':
    'Broker {broker} menerima koneksi {who} {addr} (CONNACK); CONNECT-nya tidak ada di capture.',
  'story.mqtt.subscribe':
    '{who} {addr} berlangganan {topics} (SUBSCRIBE); broker mengonfirmasi (SUBACK, QoS yang diberikan {granted}).',
  'story.mqtt.subscribe.noack': '{who} {addr} berlangganan {topics} (SUBSCRIBE).',
  'story.mqtt.unsubscribe':
    '{who} {addr} berhenti berlangganan {topics} di frame {frame} (UNSUBSCRIBE); broker mengonfirmasi (UNSUBACK).',
  'story.mqtt.unsubscribe.noack': '{who} {addr} berhenti berlangganan {topics} di frame {frame} (UNSUBSCRIBE).',
  'story.mqtt.publish': '{who} {addr} mem-publish {count} pesan ke {topics} (QoS {qos}): {values}.',
  'story.mqtt.qos0':
    'Setiap PUBLISH hanya diikuti ACK TCP dari broker: dengan QoS 0, MQTT sendiri tidak mengirim acknowledgement.',
  'story.mqtt.retain_set':
    '{count:Pesan itu|{count} pesan} di {topics} membawa flag retain: broker menyimpan pesan terakhir seperti itu dan memberikannya kepada setiap client yang berlangganan kemudian.',
  'story.mqtt.props': 'Properti MQTT 5: {list}.',
  'story.mqtt.retained':
    'Begitu langganan dibuat, broker mengirim {count:retained message|{count} retained message} dari {topics} ke {who} {addr} ({values}; PUBLISH dengan flag retain menyala): di-publish di frame {src} dan disimpan broker untuk client yang berlangganan kemudian ({age} sebelumnya). Ini bukan penerusan dengan jeda.',
  'story.mqtt.retained.nosrc':
    'Begitu langganan dibuat, broker mengirim {count:retained message|{count} retained message} dari {topics} ke {who} {addr} ({values}; PUBLISH dengan flag retain menyala): disimpan broker untuk client yang berlangganan kemudian; publikasinya tidak ada di capture.',
  'story.mqtt.will':
    "Broker mem-publish will message ke {who} {addr}: {payload} di '{topic}', yang ditetapkan client koneksi #{conv} dalam CONNECT-nya (frame {src}); koneksi itu berakhir tanpa DISCONNECT. Ini bukan penerusan sebuah PUBLISH.",
  'story.mqtt.assigned':
    "Dengan client ID kosong, broker yang menetapkan ID-nya: di sini '{client_id}' (CONNACK, properti Assigned Client Identifier).",
  'story.mqtt.assigned.unknown': 'Dengan client ID kosong, broker sendiri yang menetapkan ID-nya.',
  'story.mqtt.will_set':
    "CONNECT-nya menetapkan will: jika koneksi berakhir tanpa DISCONNECT, broker mem-publish {payload} ke '{topic}' (QoS {qos}).",
  'story.mqtt.will_set.retain':
    "CONNECT-nya menetapkan will: jika koneksi berakhir tanpa DISCONNECT, broker mem-publish {payload} ke '{topic}' (QoS {qos}, retained).",
  'story.mqtt.session.resume':
    'Clean start tidak aktif: client meminta melanjutkan sesi yang mungkin masih disimpan broker.',
  'story.mqtt.session.resume.expiry':
    'Clean start tidak aktif: client meminta melanjutkan sesi yang mungkin masih disimpan broker, dan meminta broker menyimpan sesi itu {expiry} detik setelah koneksi berakhir (session expiry interval).',
  'story.mqtt.session.persistent':
    'Clean session tidak aktif: broker menyimpan sesi (langganan, pesan QoS 1/2) selama client tidak terhubung.',
  'story.mqtt.session_present':
    'Broker masih menyimpan sesi untuk client ini (CONNACK: session present), sehingga langganannya yang lama tetap berlaku.',
  'story.mqtt.session_new': 'Broker belum menyimpan sesi untuk client ini (CONNACK: session present 0).',
  'story.mqtt.no_subscribers':
    "Broker menjawab PUBLISH ke {topics} dengan reason code 16 'No matching subscribers' ({kind}): broker menerima {count:pesan itu|pesan-pesan itu}, tetapi saat itu tidak ada client yang berlangganan {count:topik itu|topik-topik itu}, sehingga tidak ada yang menerimanya.",
  'story.mqtt.no_subscribers.retained': 'Retained message tetap disimpan untuk client yang berlangganan kemudian.',
  'story.mqtt.reason_code': "{kind} di frame {frame} membawa reason code {code} '{reason}'.",
  'fmt.mqtt.as': "sebagai '{client_id}'",
  'fmt.mqtt.as_empty': 'dengan client ID kosong',
  'fmt.mqtt.puback': '{count} PUBACK (acknowledgement untuk PUBLISH QoS 1)',
  'fmt.mqtt.pubrec': '{count} PUBREC (QoS 2 langkah 2: penerima sudah menerima pesan itu)',
  'fmt.mqtt.pubrel': '{count} PUBREL (QoS 2 langkah 3: pengirim PUBLISH melepas pesannya)',
  'fmt.mqtt.pubcomp': '{count} PUBCOMP (QoS 2 langkah 4: pertukaran selesai)',
  'fmt.mqtt.content_type': "content type '{value}'",
  'fmt.mqtt.utf8': 'format payload teks UTF-8',
  'fmt.mqtt.bytes': 'format payload byte tak ditentukan',
  'fmt.mqtt.expiry': 'masa berlaku pesan {value} detik',
  'fmt.mqtt.response_topic': "response topic '{value}'",
  'fmt.mqtt.correlation': 'correlation data',
  'fmt.mqtt.user': 'user property {name}={value}',
  'story.mqtt.deliver':
    'Broker meneruskan {count} pesan dari {topics} ke {who} {addr} ({values}), {count:{delay}|masing-masing {delay}} setelah tiba dari publisher.',
  'story.mqtt.deliver.nodelay': 'Broker meneruskan {count} pesan dari {topics} ke {who} {addr}: {values}.',
  'story.mqtt.queued':
    'Broker mengirim {count:sebuah pesan|{count} pesan} di {topics} kepada {who} {addr} ({values}) yang sudah dipublikasikan sebelum koneksi ini dimulai (frame {src}): broker menyimpannya dalam sesi client selama client tidak terhubung, dan menyerahkannya sekarang setelah client kembali ({age} setelah dipublikasikan). Ini bukan relay yang tertunda.',
  'story.mqtt.acks': 'Pertukaran QoS 1/2 milik MQTT sendiri: {list}.',
  'story.mqtt.pings': '{count} ping keep-alive (PINGREQ/PINGRESP).',
  'story.mqtt.no_disconnect':
    'Client menutup TCP tanpa mengirim DISCONNECT lebih dulu: bagi broker itu berarti client hilang secara tak terduga.',
  'story.mqtt.no_disconnect.will':
    "Client menutup TCP tanpa mengirim DISCONNECT lebih dulu: bagi broker itu berarti client hilang secara tak terduga, jadi broker mem-publish will message client itu ke '{topic}'.",
  'story.mqtt.disconnect': '{who} {addr} mengirim DISCONNECT.',
  'story.mqtt.refused_close':
    'DISCONNECT tidak diperlukan: CONNACK yang menolak login sudah mengakhiri sesi MQTT, dan MQTT mewajibkan broker menutup koneksi setelahnya.',
  'story.mqtt.taken_over':
    "Broker menutupnya tanpa DISCONNECT setelah koneksi #{id} login dengan client ID yang sama, '{client_id}' (CONNECT di frame {frame}): MQTT hanya mengizinkan satu koneksi per client ID, sehingga broker memutus koneksi yang lebih lama (session takeover).",
  'story.mqtt.broker_closed':
    'Broker menutup koneksi tanpa DISCONNECT dari client. Broker melakukannya sendiri bila ada koneksi lain yang memakai client ID yang sama, bila waktu keep-alive habis tanpa paket apa pun, atau setelah terjadi kesalahan protokol.',
  'ov.conv.mqtt': '{client}, {sent} PUBLISH dikirim, {got} diterima',
  'ov.conv.mqtt.refused': '{client}, login ditolak (CONNACK: {reason})',
  'ov.conv.mqtt.sub': '{client}, berlangganan {topics}, {got} PUBLISH diterima',
  'fmt.mqtt.client': "client MQTT '{client_id}'",
  'fmt.mqtt.client_empty': 'client MQTT dengan client ID kosong',
  'role.mqtt.broker': 'broker MQTT di :{port}',
  'role.mqtt.publisher': "publisher MQTT '{client_id}'",
  'role.mqtt.publisher.anon': 'publisher MQTT',
  'role.mqtt.subscriber': "subscriber MQTT '{client_id}'",
  'role.mqtt.subscriber.anon': 'subscriber MQTT',
  'role.mqtt.both': "publisher sekaligus subscriber MQTT '{client_id}'",
  'role.mqtt.both.anon': 'publisher sekaligus subscriber MQTT',
  'role.mqtt.client': "client MQTT '{client_id}'",
  'role.mqtt.client.anon': 'client MQTT yang terhubung ke {broker}',
  'teach.tcp_ack_not_mqtt_ack':
    'ACK TCP bukan acknowledgement MQTT. ACK di frame {ack} setelah PUBLISH di frame {publish} adalah TCP yang mengonfirmasi bahwa byte-nya sampai; itu tidak menyatakan apa pun tentang pengiriman MQTT. MQTT hanya mengonfirmasi pesan QoS 1 (PUBACK) dan pesan QoS 2 (PUBREC dari penerima, pelepasan PUBREL dari pengirim, lalu PUBCOMP); dengan QoS 0 tidak ada acknowledgement MQTT sama sekali.',
  'mqtt.malformed': 'Paket MQTT ini tidak dapat di-decode ({reason}); decoding dilanjutkan dengan paket berikutnya.',
  'mqtt.malformed.varint_too_long': 'Field remaining length MQTT lebih dari 4 byte, dan itu tidak diperbolehkan.',
  'mqtt.malformed.too_long': 'Sebuah paket MQTT mengaku lebih panjang dari yang disimpan decoder; byte-nya dilewati.',
  'mqtt.msgtype.reserved': 'Tipe paket MQTT 0 dicadangkan dan tidak pernah sah.',
  'mqtt.version.assumed':
    'Tidak ada CONNECT di koneksi ini (capture dimulai belakangan), jadi MQTT versi 3.1.1 diasumsikan untuk decoding.',
  'mqtt.conack.refused': 'Broker menolak koneksi: {name} (kode {code}).',
  'mqtt.reason_code.failure': 'Reason code {code} menandakan kegagalan: {name}.',
  'mqtt.suback.failure': 'Broker menolak subscription nomor {index}: {name} (kode {code}).',
  'mqtt.disconnect.reason': 'DISCONNECT membawa reason code {code}: {name}.',
  'mqtt.ack.unmatched': '{msgtype} ini tidak menjawab request mana pun yang terlihat di capture.',
  'mqtt.msgid.in_use':
    'Packet id {msgid} dipakai lagi oleh {msgtype} baru padahal yang di frame {first} masih menunggu acknowledgement.',
  'mqtt.dissector_bug': 'Kesalahan internal saat men-decode MQTT ({reason}); mohon laporkan.',
  'teach.rst_after_disconnect':
    'Client mengirim DISCONNECT (frame {disconnect}) lalu RST (frame {rst}), bukan FIN. Linux menjawab close() dengan RST jika program tidak pernah membaca data yang masih menunggu di buffer penerimanya (di sini CONNACK atau paket lain dari broker). Broker tidak berbuat salah.',
};
