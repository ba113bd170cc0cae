import type { Catalogue } from '../../explain/catalog/types.js';

/** Indonesian texts of this protocol: its frame sentences, story, overview and teaching entries, and its note codes. */
export const id: Catalogue = {
  'app.icep': 'ZeroC Ice',
  'lbl.icep': 'pesan {kind}',
  'lbl.icep.request': 'request {name}',
  'ex.icep.validate':
    '{who} {addr} memberi tahu client bahwa koneksi siap dipakai (ValidateConnection, protokol Ice {version}): lewat TCP, server Ice-lah yang lebih dulu mengirim pesan, dan client tidak mengirim request sebelum pesan ini tiba.',
  'ex.icep.validate.client': '{who} {addr} mengirim ValidateConnection (protokol Ice {version}).',
  'ex.icep.request':
    "{who} {addr} memanggil operasi {operation} pada objek '{object}' (Request dengan request id {id}, mode {mode}); {params}.",
  'ex.icep.request.oneway':
    "{who} {addr} memanggil operasi {operation} pada objek '{object}' sebagai panggilan oneway (Request dengan request id 0, mode {mode}); {params}. Panggilan oneway tidak dibalas: server tidak mengirim Reply.",
  'ex.icep.request.isa':
    "{who} {addr} menanyakan kepada objek '{object}' apakah objek itu mengimplementasikan tipe '{type}' (Request ice_isA dengan request id {id}, mode {mode}). ice_isA adalah operasi yang dimiliki setiap objek Ice; checkedCast mengirimkannya sebelum client memakai objek tersebut.",
  'ex.icep.request.isa.oneway':
    "{who} {addr} menanyakan kepada objek '{object}' apakah objek itu mengimplementasikan tipe '{type}' sebagai panggilan oneway (ice_isA dengan request id 0), sehingga tidak akan ada jawaban.",
  'ex.icep.facet': "Panggilan ini ditujukan ke facet '{facet}' dari objek tersebut.",
  'ex.icep.context': 'Request ini membawa request context: {list}.',
  'ex.icep.request.replied': 'Balasannya ada di frame {rep}.',
  'ex.icep.request.noreply': 'Balasannya tidak ada di capture.',
  'ex.icep.batch':
    '{who} {addr} mengirim {count} panggilan oneway sekaligus dalam satu pesan (BatchRequest): {calls}. Panggilan dalam batch bersifat oneway: tidak ada balasan.',
  'ex.icep.reply': '{who} menjawab request {id} ({call}) dengan Success: {result}.',
  'ex.icep.reply.lat':
    '{who} menjawab request {id} ({call}) dari frame {req} dengan Success, {latency} kemudian: {result}.',
  'ex.icep.reply.user':
    '{who} menjawab request {id} ({call}) dengan user exception (UserException, {length} byte): operasi itu melempar exception yang dideklarasikan dalam definisi Slice-nya.',
  'ex.icep.reply.user.lat':
    '{who} menjawab request {id} ({call}) dari frame {req}, {latency} kemudian, dengan user exception (UserException, {length} byte): operasi itu melempar exception yang dideklarasikan dalam definisi Slice-nya.',
  'ex.icep.reply.noobject':
    "{who} menjawab request {id} ({call}) dengan ObjectNotExist: tidak ada objek '{object}' di server ini.",
  'ex.icep.reply.noobject.lat':
    "{who} menjawab request {id} ({call}) dari frame {req}, {latency} kemudian, dengan ObjectNotExist: tidak ada objek '{object}' di server ini.",
  'ex.icep.reply.nofacet':
    "{who} menjawab request {id} ({call}) dengan FacetNotExist: objek '{object}' tidak memiliki facet '{facet}'.",
  'ex.icep.reply.nofacet.lat':
    "{who} menjawab request {id} ({call}) dari frame {req}, {latency} kemudian, dengan FacetNotExist: objek '{object}' tidak memiliki facet '{facet}'.",
  'ex.icep.reply.noop':
    "{who} menjawab request {id} ({call}) dengan OperationNotExist: objek '{object}' tidak memiliki operasi '{operation}'.",
  'ex.icep.reply.noop.lat':
    "{who} menjawab request {id} ({call}) dari frame {req}, {latency} kemudian, dengan OperationNotExist: objek '{object}' tidak memiliki operasi '{operation}'.",
  'ex.icep.reply.unknown': "{who} menjawab request {id} ({call}) dengan {status}: '{reason}'.",
  'ex.icep.reply.unknown.lat':
    "{who} menjawab request {id} ({call}) dari frame {req}, {latency} kemudian, dengan {status}: '{reason}'.",
  'ex.icep.close':
    '{who} {addr} memberi tahu {peer_who} {peer_addr} bahwa ia akan menutup koneksi (CloseConnection): cara Ice menutup koneksi secara tertib (graceful close).',
  'ex.icep.undecoded': '{who} {addr} mengirim pesan Ice {kind} sebesar {size} byte yang isinya tidak dapat didekode.',
  'fmt.icep.bytes': '{length} byte',
  'fmt.icep.params.string': 'parameternya ({length} byte, encoding {encoding}) terbaca sebagai satu string: {value}',
  'fmt.icep.params.none': 'panggilan ini tanpa parameter',
  'fmt.icep.params.bytes': 'parameternya berukuran {length} byte (encoding {encoding})',
  'fmt.icep.ok': 'Success, {result}',
  'fmt.icep.ok.void': 'Success, tanpa nilai kembalian',
  'fmt.icep.result.isa_true': 'true, objek itu mengimplementasikan tipe tersebut',
  'fmt.icep.result.isa_false': 'false, objek itu tidak mengimplementasikan tipe tersebut',
  'fmt.icep.result.void': 'operasi itu tidak mengembalikan nilai',
  'fmt.icep.result.string': 'hasilnya terbaca sebagai satu string, {value}',
  'fmt.icep.result.bytes': 'hasilnya sebesar {length} byte (encoding {encoding})',
  'fmt.icep.call.unknown': 'request yang tidak ada di capture',
  'fmt.icep.twoway': '{count} twoway',
  'fmt.icep.oneway': '{count} oneway',
  'fmt.icep.batched': '{count} dalam batch',
  'story.icep.validate':
    '{who} {addr} memberi tahu client bahwa koneksi siap dipakai (ValidateConnection, protokol Ice {version}): lewat TCP, server Ice-lah yang lebih dulu mengirim pesan, dan client menunggu pesan ini sebelum mengirim request pertamanya.',
  'story.icep.validate.client': '{who} {addr} mengirim ValidateConnection (protokol Ice {version}).',
  'story.icep.twoway':
    '{who} {addr} melakukan {count} panggilan twoway, dan {s_who} {s_addr} menjawab masing-masing dengan Reply yang membawa request id yang sama: {pairs}.',
  'story.icep.twoway.some':
    '{who} {addr} melakukan {count} panggilan twoway; {s_who} {s_addr} menjawab {answered} di antaranya (Reply dengan request id yang sama): {pairs}.',
  'story.icep.isa':
    'Panggilan ice_isA menanyakan apakah sebuah objek mengimplementasikan {types}: inilah yang dilakukan checkedCast sebelum client memakai sebuah proxy.',
  'story.icep.failed': '{count} balasan melaporkan kegagalan: {statuses}.',
  'story.icep.oneway':
    '{who} {addr} melakukan {count} panggilan oneway (request id 0): {calls}. Panggilan oneway tidak dibalas; hanya TCP yang mengonfirmasi bahwa byte-nya sampai.',
  'story.icep.batch':
    '{who} {addr} mengirim {count} panggilan oneway yang digabung dalam {batches} pesan (BatchRequest): {calls}. Client menampung panggilan-panggilan itu lalu mengirimnya sekaligus; panggilan dalam batch tidak dibalas.',
  'story.icep.listed': 'Hanya panggilan pertama dan terakhir yang dicantumkan ({count} panggilan).',
  'story.icep.close': '{who} {addr} menutup koneksi Ice secara tertib (CloseConnection, frame {frame}).',
  'story.icep.no_close':
    'Tidak ada CloseConnection sebelum TCP ditutup: bagi Ice, koneksi itu terputus, bukan ditutup secara tertib.',
  'teach.icep.oneway_ack':
    'Panggilan Ice oneway tidak dibalas. ACK di frame {ack} setelah request oneway di frame {request} adalah konfirmasi TCP bahwa byte-nya sampai; ACK itu tidak menyatakan bahwa server sudah menjalankan {operation}. Hanya panggilan twoway (request id selain 0) yang mendapat Reply beserta statusnya.',
  'role.icep.client': 'client Ice yang memanggil {server}',
  'role.icep.server': 'server Ice di :{port}',
  'ov.conv.icep': 'Ice, {count} panggilan ({kinds}) ke {operations} pada {objects}',
  'ov.conv.icep.none': 'Ice, tanpa panggilan',
  'icep.magic.bad':
    "Byte di tempat yang seharusnya menjadi awal pesan Ice tidak diawali magic 'IceP'; byte tersebut dilewati.",
  'icep.size.bad': 'Header Ice menyatakan ukuran pesan {size} byte, yang tidak mungkin.',
  'icep.field.past_end':
    'Sebuah field dalam pesan Ice ini melewati ukuran pesan yang dinyatakan header ({size} byte): pesan ini malformed.',
  'icep.type.unknown': 'Tipe pesan Ice {type} tidak ada dalam protokol 1.0.',
  'icep.list.too_long':
    'Sebuah daftar dalam pesan Ice ini (panggilan dalam batch, request context) terlalu panjang untuk masuk akal.',
  'icep.encaps.bad':
    'Encapsulation parameter menyatakan ukuran {size} byte, lebih kecil daripada header-nya sendiri yang 6 byte.',
  'icep.version.unsupported': 'Pesan Ice ini memakai versi protokol atau encoding selain 1.0; isinya tidak didekode.',
  'icep.compressed': 'Pesan Ice ini dikompresi (bzip2); isinya tidak didekode.',
  'icep.reply.unmatched': 'Reply ini (request id {request_id}) tidak menjawab request mana pun yang ada di capture.',
};
