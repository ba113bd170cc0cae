import type { Catalogue } from '../../explain/catalog/types.js';

/** Indonesian texts of this protocol: its frame sentences, story, overview and teaching entries, and its note codes. */
export const id: Catalogue = {
  'app.giop': 'CORBA (GIOP/IIOP)',
  'lbl.giop.request': 'request {op}',
  'lbl.giop.reply': 'reply GIOP ke-{n}',
  'lbl.giop.reply.op': 'reply atas {op}',
  'lbl.giop.other': '{kind} GIOP',
  'giop.v.ior': 'IOR {type} di {host}:{port}',
  'giop.v.ior.nohost': 'IOR {type}',
  'giop.v.void': 'void',
  'giop.v.bytes': '{count} byte',
  'giop.target.naming': "naming service (object key 'NameService')",
  'giop.target.text': "objek dengan key '{key}'",
  'giop.target.hex': 'objek dengan key {key} (heksadesimal)',
  'giop.order.le': 'little-endian',
  'giop.order.be': 'big-endian',
  'giop.order.mixed': 'kedua urutan byte',
  'giop.r.sysex': 'terjadi system exception {id} (minor code {minor}, completed: {completed})',
  'giop.r.userex': 'terjadi exception {id}',
  'giop.r.forward': 'objeknya berada di tempat lain, dan client diminta memakai {ior} (LOCATION_FORWARD)',
  'giop.r.status': 'status {status}',
  'giop.r.empty': 'tanpa exception dan tanpa byte hasil',
  'giop.r.void': 'tanpa exception dan tanpa nilai kembalian (void)',
  'giop.r.is_a.true': 'true, objek itu mengimplementasikan interface tersebut',
  'giop.r.is_a.false': 'false, objek itu tidak mengimplementasikan interface tersebut',
  'giop.r.value': 'hasilnya {value}',
  'giop.r.string': 'hasilnya string {value}',
  'giop.r.object': 'hasilnya {ior}',
  'giop.r.bytes': 'hasilnya {count} byte yang tipe datanya hanya diketahui dari IDL',
  'giop.locate.0': 'UNKNOWN_OBJECT, server tidak mengenal objek itu',
  'giop.locate.1': 'OBJECT_HERE, objek itu ada di server ini, sehingga request untuknya dikirim lewat koneksi ini',
  'giop.locate.2': 'OBJECT_FORWARD, objek itu berada di tempat lain',
  'giop.locate.3': 'OBJECT_FORWARD_PERM, objek itu telah pindah secara permanen',
  'giop.locate.4': 'LOC_SYSTEM_EXCEPTION, server tidak dapat menjawab (terjadi system exception)',
  'giop.locate.5': 'LOC_NEEDS_ADDRESSING_MODE, server meminta objek itu dialamatkan dalam bentuk lain',
  'giop.locate.other': 'status {status}',
  'giop.locate.forward': 'objek itu berada di tempat lain: {ior}',
  'ex.giop.is_a':
    '{who} {addr} menanyakan kepada {target} di {server} apakah objek itu mengimplementasikan {type} (_is_a, Request GIOP {version}, request id {id}).',
  'ex.giop.bind':
    "{who} {addr} meminta {target} di {server} mengikat nama '{name}' ke {ior} ({op}, Request GIOP {version}, request id {id}).",
  'ex.giop.bind.own':
    "{who} {addr} meminta {target} di {server} mengikat nama '{name}' ke {ior} ({op}, Request GIOP {version}, request id {id}): ia mendaftarkan objek miliknya sendiri (IOR-nya menunjuk alamatnya, port {port}) agar client dapat menemukannya lewat nama.",
  'ex.giop.resolve':
    "{who} {addr} meminta {target} di {server} mencarikan objek yang bernama '{name}' (resolve, Request GIOP {version}, request id {id}).",
  'ex.giop.request':
    '{who} {addr} memanggil {call} pada {target} di {server} (Request GIOP {version}, request id {id}).',
  'ex.giop.request.noargs':
    '{who} {addr} memanggil {call} pada {target} di {server} (Request GIOP {version}, request id {id}); pemanggilan ini tidak membawa argumen.',
  'ex.giop.oneway': 'Ini pemanggilan oneway: tidak ada reply yang ditunggu.',
  'ex.giop.reply': '{who} {addr} menjawab request {op} (Reply GIOP {version}, request id {id}): {outcome}.',
  'ex.giop.reply.lat':
    '{who} {addr} menjawab request {op} di frame {req} (Reply GIOP {version}, request id {id}), {latency} kemudian: {outcome}.',
  'ex.giop.reply.unpaired':
    '{who} {addr} mengirim Reply GIOP {version} untuk request id {id}, yang request-nya tidak ada di capture: {outcome}.',
  'ex.giop.locate':
    '{who} {addr} menanyakan apakah {target} ada di server ini (LocateRequest GIOP {version}, request id {id}): ORB dapat menanyakan hal ini sebelum memanggil objek lewat referensi yang baru diperolehnya.',
  'ex.giop.locate_reply': '{who} {addr} menjawab LocateRequest (request id {id}): {what}.',
  'ex.giop.locate_reply.lat':
    '{who} {addr} menjawab LocateRequest di frame {req} (request id {id}), {latency} kemudian: {what}.',
  'ex.giop.locate_reply.unpaired':
    '{who} {addr} mengirim LocateReply untuk request id {id}, yang LocateRequest-nya tidak ada di capture: {what}.',
  'ex.giop.cancel': '{who} {addr} membatalkan request id {id} (CancelRequest): ia tidak lagi menunggu reply-nya.',
  'ex.giop.close':
    '{who} {addr} mengumumkan bahwa ia menutup koneksi ini (CloseConnection GIOP {version}): ia tidak akan mengirim apa pun lagi lewat koneksi ini.',
  'ex.giop.message_error':
    '{who} {addr} mengirim MessageError GIOP {version}: ia tidak dapat memahami pesan yang diterimanya (magic, versi, atau formatnya).',
  'ex.giop.fragment': '{who} {addr} mengirim Fragment GIOP sebesar {count} byte, lanjutan pesan untuk request id {id}.',
  'ex.giop.fragment.noid': '{who} {addr} mengirim Fragment GIOP sebesar {count} byte, lanjutan pesan sebelumnya.',
  'story.giop': '{who} {addr} mengirim {count} request ke {s_who} {s_addr} lewat GIOP {versions} ({order}): {pairs}.',
  'story.giop.nocalls':
    '{who} {addr} dan {s_who} {s_addr} bertukar pesan GIOP {versions} ({order}) tanpa satu pun request.',
  'story.giop.is_a':
    '_is_a menanyakan apakah objek itu mengimplementasikan {type}: ORB biasanya menanyakan hal ini ketika program melakukan narrow atas referensi objek ke interface tersebut.',
  'story.giop.bound': "Dengan {op}, naming service kini memetakan nama '{name}' ke {ior}.",
  'story.giop.bound.next':
    "Dengan {op}, naming service kini memetakan nama '{name}' ke {ior}; di alamat itulah objek tersebut kemudian dipanggil (#{next}).",
  'story.giop.resolved': "Reply untuk resolve (frame {frame}) memberikan objek yang bernama '{name}': {ior}.",
  'story.giop.resolved.next':
    "Reply untuk resolve (frame {frame}) memberikan objek yang bernama '{name}': {ior}; client kemudian membuka koneksi ke alamat itu (#{next}).",
  'story.giop.located': 'LocateReply di frame {frame} menyatakan OBJECT_HERE: objek itu ada di server ini.',
  'story.giop.close': '{who} {addr} mengirim CloseConnection GIOP (frame {frame}) sebelum koneksi TCP ditutup.',
  'ov.conv.giop': 'GIOP {versions}, {count} pemanggilan ({ops})',
  'ov.conv.giop.naming': 'GIOP {versions} ke naming service, {count} pemanggilan ({ops})',
  'role.giop.naming': 'naming service CORBA di :{port}',
  'role.giop.naming.client': 'client CORBA dari naming service {server}',
  'role.giop.server': 'server CORBA (GIOP) di :{port}',
  'role.giop.client': 'client CORBA dari {server}',
  'teach.giop.naming':
    "Naming service CORBA berfungsi sebagai direktori: {client} mencari nama '{name}' (resolve, frame {resolve}) dan menerima {ior}, yaitu referensi objek yang dipakainya untuk memanggil objek itu.",
  'teach.giop.naming.call':
    "Naming service CORBA berfungsi sebagai direktori: {client} mencari nama '{name}' (resolve, frame {resolve}) dan menerima {ior}; lalu ia memanggil {call} langsung pada objek di alamat itu (frame {call_frame}, #{next}), dan naming service tidak terlibat dalam pemanggilan tersebut.",
  'teach.giop.naming.bound':
    "Naming service CORBA berfungsi sebagai direktori: {server} mendaftarkan objeknya dengan nama '{name}' ({bind_op}, frame {bind}), lalu {client} mencari nama itu (resolve, frame {resolve}) dan menerima {ior}.",
  'teach.giop.naming.bound.call':
    "Naming service CORBA berfungsi sebagai direktori: {server} mendaftarkan objeknya dengan nama '{name}' ({bind_op}, frame {bind}), {client} mencari nama itu (resolve, frame {resolve}) dan menerima {ior}, lalu memanggil {call} langsung pada objek di alamat itu (frame {call_frame}, #{next}); naming service tidak terlibat dalam pemanggilan tersebut.",
  'giop.magic.bad': "Byte ini tidak diawali magic GIOP ('GIOP'); decoding melompat ke pesan berikutnya.",
  'giop.size.too_large':
    'Sebuah pesan GIOP menyatakan ukuran {size} byte, melebihi batas yang diterima pcap-explain; header-nya dilewati.',
  'giop.field.past_end':
    'Salah satu field pesan GIOP ini melewati ukuran pesan yang dinyatakan; pesan ini tidak di-decode.',
  'giop.type.unknown': 'Pesan GIOP ini memiliki tipe pesan yang tidak dikenal ({type}); pesan ini tidak di-decode.',
  'giop.target.unknown': 'Alamat target request ini berbentuk yang tidak dikenal; pesan ini tidak di-decode.',
  'giop.list.too_long':
    'Sebuah daftar dalam pesan GIOP ini menyatakan entri lebih banyak daripada yang dibaca pcap-explain; pesan ini tidak di-decode.',
  'giop.version.unsupported':
    'Pesan GIOP ini berversi di atas 1.2; batas pesannya dikenali, tetapi isinya tidak di-decode.',
  'giop.fragment.v10':
    'Fragment dalam GIOP 1.0, padahal GIOP 1.0 tidak mengenal fragment (baru ada sejak GIOP 1.1); pesan ini tidak di-decode.',
  'giop.reply.unmatched':
    'Sebuah reply GIOP (frame {frame}) menjawab request id {request_id}, yang tidak terlihat di koneksi ini.',
};
