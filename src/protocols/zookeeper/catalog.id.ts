import type { Catalogue } from '../../explain/catalog/types.js';

/** Indonesian texts of this protocol: its frame sentences, story, overview and teaching entries, and its note codes. */
export const id: Catalogue = {
  'app.zookeeper': 'ZooKeeper',
  'lbl.zookeeper.connect': 'ConnectRequest',
  'lbl.zookeeper.connected': 'ConnectResponse',
  'lbl.zookeeper.request': 'request {name}',
  'lbl.zookeeper.reply': 'balasan untuk {name}',
  'lbl.zookeeper.reply.any': 'balasan',
  'lbl.zookeeper.watch': 'notifikasi {name}',
  'ex.zookeeper.connect':
    '{who} {addr} meminta sesi baru kepada server ZooKeeper (ConnectRequest, session timeout {timeout} ms).',
  'ex.zookeeper.connect.resume':
    '{who} {addr} meminta server ZooKeeper melanjutkan sesi {session} (ConnectRequest, session timeout {timeout} ms).',
  'ex.zookeeper.connected':
    '{who} membuka sesi {session} dengan session timeout {timeout} ms (ConnectResponse): jika selama itu tidak ada kabar dari client, sesi kedaluwarsa dan server menghapus znode ephemeral milik sesi tersebut.',
  'ex.zookeeper.connected.lat': 'Ini menjawab ConnectRequest di frame {req}, {latency} kemudian.',
  'ex.zookeeper.connected.expired':
    '{who} menolak melanjutkan sesi karena sesi itu sudah kedaluwarsa (ConnectResponse dengan session timeout 0).',
  'ex.zookeeper.create': '{who} {addr} meminta pembuatan znode {path} ({mode}, xid {xid}) dengan data {data}.',
  'ex.zookeeper.create.ephemeral_sequential':
    'Server menambahkan nomor urut 10 digit di akhir nama, dan menghapus znode itu ketika sesi client ini berakhir.',
  'ex.zookeeper.create.ephemeral': 'Server menghapus znode itu ketika sesi client ini berakhir.',
  'ex.zookeeper.create.sequential': 'Server menambahkan nomor urut 10 digit di akhir nama.',
  'ex.zookeeper.delete': '{who} {addr} meminta penghapusan znode {path} (delete, xid {xid}){version}.',
  'ex.zookeeper.exists': '{who} {addr} menanyakan apakah znode {path} ada (exists, xid {xid}).',
  'ex.zookeeper.getdata': '{who} {addr} meminta data znode {path} (getData, xid {xid}).',
  'ex.zookeeper.getchildren': '{who} {addr} meminta daftar anak (children) znode {path} ({op}, xid {xid}).',
  'ex.zookeeper.setdata': '{who} {addr} mengubah data znode {path} menjadi {data} (setData, xid {xid}){version}.',
  'ex.zookeeper.sync':
    '{who} {addr} meminta server menyusul leader ZooKeeper untuk {path} sebelum pembacaan berikutnya (sync, xid {xid}).',
  'ex.zookeeper.ping':
    '{who} {addr} mengirim ping (xid -2): client yang sudah beberapa saat diam mengirim ping agar sesinya tetap hidup.',
  'ex.zookeeper.close':
    '{who} {addr} mengakhiri sesinya (closeSession, xid {xid}): server menghapus semua znode ephemeral milik sesi itu.',
  'ex.zookeeper.multi':
    '{who} {addr} mengirim {count} operasi yang diterapkan sekaligus atau tidak sama sekali (multi, xid {xid}): {ops}.',
  'ex.zookeeper.setwatches':
    '{who} {addr} memasang kembali watch-nya setelah tersambung ulang (setWatches, xid {xid}), pada {count} path: {paths}.',
  'ex.zookeeper.request.path': '{who} {addr} mengirim request {op} untuk {path} (xid {xid}).',
  'ex.zookeeper.request': '{who} {addr} mengirim request {op} (xid {xid}).',
  'ex.zookeeper.watch.exist':
    'Request ini memasang watch: server akan memberi tahu client ini satu kali, saat znode itu dibuat, dihapus, atau datanya berubah.',
  'ex.zookeeper.watch.data':
    'Request ini memasang watch: server akan memberi tahu client ini satu kali, saat data znode itu berubah atau znode itu dihapus.',
  'ex.zookeeper.watch.child':
    'Request ini memasang watch: server akan memberi tahu client ini satu kali, saat ada anak yang dibuat atau dihapus di bawah znode itu (atau znode itu sendiri dihapus).',
  'ex.zookeeper.reply.unknown':
    '{who} menjawab request ber-xid {xid} ({error}, zxid {zxid}); request itu tidak ada di capture, jadi tidak diketahui apa yang dijawabnya.',
  'ex.zookeeper.reply.error': '{who} menjawab {op} untuk {path} dengan error {error} ({err}): {meaning}.',
  'ex.zookeeper.reply.error.plain': '{who} menjawab {op} untuk {path} dengan error {error} ({err}).',
  'ex.zookeeper.reply.create': '{who} telah membuat znode {created} (zxid {zxid}).',
  'ex.zookeeper.reply.create.seq': 'Nama itu diakhiri nomor urut {seq} yang diberikan server.',
  'ex.zookeeper.reply.delete': '{who} telah menghapus znode {path} (zxid {zxid}).',
  'ex.zookeeper.reply.exists': '{who} menjawab bahwa znode {path} ada (versi {version}, {children} anak).',
  'ex.zookeeper.reply.getdata': '{who} mengembalikan data znode {path}: {data} (versi {version}).',
  'ex.zookeeper.reply.owner': 'Znode itu ephemeral: pemiliknya sesi {session}.',
  'ex.zookeeper.reply.setdata': '{who} telah mengubah data {path}; versinya sekarang {version} (zxid {zxid}).',
  'ex.zookeeper.reply.children': '{who} mencantumkan {count} anak dari {path}: {children}.',
  'ex.zookeeper.reply.children.none': '{who} menjawab bahwa {path} tidak punya anak.',
  'ex.zookeeper.reply.sync': '{who} sudah menyusul untuk {path}.',
  'ex.zookeeper.reply.ping': '{who} menjawab ping: sesi masih hidup.',
  'ex.zookeeper.reply.close': '{who} menegaskan bahwa sesi sudah ditutup (zxid {zxid}).',
  'ex.zookeeper.reply.multi': '{who} telah menerapkan operasi-operasi dalam request multi (zxid {zxid}).',
  'ex.zookeeper.reply.ok': '{who} menjawab request {op} ({error}, zxid {zxid}).',
  'ex.zookeeper.pair': 'Ini menjawab xid {xid} di frame {req}, {latency} kemudian.',
  'ex.zookeeper.pair.ping': 'Ini menjawab ping di frame {req}, {latency} kemudian.',
  'ex.zookeeper.notify':
    '{who} memberi tahu {peer_who} {peer_addr}: {event} pada {path} ({meaning}; notifikasi watch, xid -1).',
  'ex.zookeeper.notify.fires':
    'Notifikasi ini memicu watch yang dipasang oleh request di frame {set}; watch itu kini sudah terpakai: agar diberi tahu perubahan berikutnya, client harus memasangnya lagi.',
  'ex.zookeeper.cause.delete': 'Perubahannya adalah delete yang dikirim di frame {frame} (koneksi #{conv}).',
  'ex.zookeeper.cause.close':
    'Znode itu hilang karena sesi koneksi #{conv} berakhir (closeSession, frame {frame}): server menghapus znode ephemeral milik sesi itu.',
  'ex.zookeeper.cause.create': 'Perubahannya adalah create yang dikirim di frame {frame} (koneksi #{conv}).',
  'ex.zookeeper.cause.setdata': 'Perubahannya adalah setData yang dikirim di frame {frame} (koneksi #{conv}).',
  'fmt.zookeeper.version': ', hanya jika versinya {version}',
  'fmt.zookeeper.err.NoNode': 'znode itu tidak ada',
  'fmt.zookeeper.err.NodeExists': 'znode itu sudah ada',
  'fmt.zookeeper.err.NotEmpty': 'znode itu masih punya anak',
  'fmt.zookeeper.err.BadVersion': 'versi znode tidak sama dengan yang diberikan',
  'fmt.zookeeper.err.NoAuth': 'client tidak diizinkan melakukannya (ACL)',
  'fmt.zookeeper.err.SessionExpired': 'sesi sudah kedaluwarsa',
  'fmt.zookeeper.err.NoChildrenForEphemerals': 'znode ephemeral tidak boleh punya anak',
  'fmt.zookeeper.err.InvalidACL': 'ACL-nya tidak sah',
  'fmt.zookeeper.err.ConnectionLoss': 'koneksi ke server terputus',
  'fmt.zookeeper.err.OperationTimeout': 'operasi melewati batas waktu',
  'fmt.zookeeper.event.NodeCreated': 'znode itu dibuat',
  'fmt.zookeeper.event.NodeDeleted': 'znode itu dihapus',
  'fmt.zookeeper.event.NodeDataChanged': 'data znode itu berubah',
  'fmt.zookeeper.event.NodeChildrenChanged': 'ada anak yang dibuat atau dihapus di bawahnya',
  'fmt.zookeeper.data': " dengan data '{data}'",
  'fmt.zookeeper.waits.exist': 'znode itu dibuat, dihapus, atau diubah',
  'fmt.zookeeper.waits.data': 'data znode itu berubah atau znode itu dihapus',
  'fmt.zookeeper.waits.child': 'ada anak yang dibuat atau dihapus di bawahnya',
  'fmt.zookeeper.watch.fired':
    '{op} {path} (frame {frame}) menunggu sampai {what}: watch ini terpicu oleh {event} di frame {fired}',
  'fmt.zookeeper.watch.open':
    '{op} {path} (frame {frame}) menunggu sampai {what}: watch ini tidak terpicu selama capture',
  'fmt.zookeeper.notice': '{event} pada {path} (frame {frame})',
  'fmt.zookeeper.holder': '{client} (#{conv}, znode {znode}) sejak frame {from}{until}',
  'fmt.zookeeper.until.delete': ', dilepas dengan menghapus znode-nya di frame {frame}',
  'fmt.zookeeper.until.close': ', dilepas saat sesinya berakhir (closeSession, frame {frame})',
  'fmt.zookeeper.until.expired': ', sampai sesinya kedaluwarsa (znode-nya sudah hilang di frame {gone})',
  'fmt.zookeeper.until.gone': ', sampai znode-nya hilang (frame {gone})',
  'fmt.zookeeper.until.held': ', masih memegangnya saat capture berakhir',
  'story.zookeeper.session':
    '{who} {addr} membuka sesi ZooKeeper {session} dengan {s_who} {s_addr}: session timeout {timeout} ms, diberikan {latency} setelah ConnectRequest.',
  'story.zookeeper.session.resume':
    '{who} {addr} melanjutkan sesi ZooKeeper {session} dengan {s_who} {s_addr}: session timeout {timeout} ms.',
  'story.zookeeper.session.expired':
    '{who} {addr} meminta {s_who} {s_addr} melanjutkan sesi ZooKeeper-nya, tetapi sesi itu sudah kedaluwarsa.',
  'story.zookeeper.session.noanswer':
    '{who} {addr} meminta sesi ZooKeeper kepada {s_who} {s_addr} (session timeout {timeout} ms); jawabannya tidak ada di capture.',
  'story.zookeeper.lock.join':
    '{who} {addr} ikut memperebutkan lock {path}: ia membuat znode ephemeral sequential {znode}{data} (frame {frame}).',
  'story.zookeeper.election.join':
    '{who} {addr} ikut dalam pemilihan pemimpin {path}: ia membuat znode ephemeral sequential {znode}{data} (frame {frame}).',
  'story.zookeeper.lock.first':
    'Nomor urutnya, {seq}, adalah yang terkecil di bawah path lock itu, sehingga ia memegang lock sejak frame {from}.',
  'story.zookeeper.election.first':
    'Nomor urutnya, {seq}, adalah yang terkecil di bawah path pemilihan itu, sehingga ia menjadi pemimpin sejak frame {from}.',
  'story.zookeeper.lock.later':
    'Begitu znode yang lebih kecil, {before} (milik {holder}), hilang (frame {gone}), znode-nya sendiri menjadi yang terkecil: ia memegang lock sejak frame {from}.',
  'story.zookeeper.election.later':
    'Begitu znode yang lebih kecil, {before} (milik {holder}), hilang (frame {gone}), znode-nya sendiri menjadi yang terkecil: ia mengambil alih sebagai pemimpin sejak frame {from}.',
  'story.zookeeper.lock.from': 'Znode-nya menjadi yang terkecil sejak frame {from}: sejak itu ia memegang lock.',
  'story.zookeeper.election.from': 'Znode-nya menjadi yang terkecil sejak frame {from}: sejak itu ia menjadi pemimpin.',
  'story.zookeeper.lock.never':
    'Selama znode-nya ada, selalu ada znode yang lebih kecil: ia tidak pernah memegang lock dalam capture ini.',
  'story.zookeeper.election.never':
    'Selama znode-nya ada, selalu ada znode yang lebih kecil: ia tidak pernah menjadi pemimpin dalam capture ini.',
  'story.zookeeper.unknown':
    'Daftar anak {path} memuat pesaing yang pembuatannya tidak tertangkap, sehingga tidak bisa diketahui siapa yang lebih dulu memegangnya.',
  'story.zookeeper.waits':
    'Masih ada znode yang lebih kecil, jadi ia menunggu dengan watch pada {znode}, pesaing tepat sebelum dirinya ({op}, frame {frame}); watch itu tidak terpicu selama capture.',
  'story.zookeeper.waits.fired':
    'Masih ada znode yang lebih kecil, jadi ia menunggu dengan watch pada {znode}, pesaing tepat sebelum dirinya ({op}, frame {frame}); watch itu terpicu di frame {fired}.',
  'story.zookeeper.lock.release.delete': 'Ia melepas lock dengan menghapus znode-nya (frame {frame}).',
  'story.zookeeper.election.release.delete': 'Ia mundur dengan menghapus znode-nya (frame {frame}).',
  'story.zookeeper.lock.release.close':
    'Ia melepas lock saat sesinya berakhir: closeSession (frame {frame}) membuat server menghapus znode ephemeral-nya.',
  'story.zookeeper.election.release.close':
    'Ia berhenti menjadi pemimpin saat sesinya berakhir: closeSession (frame {frame}) membuat server menghapus znode ephemeral-nya.',
  'story.zookeeper.lock.release.expired':
    'Koneksinya berakhir tanpa closeSession; znode-nya sudah hilang di frame {gone}, setelah session timeout habis.',
  'story.zookeeper.election.release.expired':
    'Koneksinya berakhir tanpa closeSession; znode-nya sudah hilang di frame {gone}, setelah session timeout habis.',
  'story.zookeeper.withdraw.delete': 'Ia mundur dari antrean dengan menghapus znode-nya (frame {frame}).',
  'story.zookeeper.withdraw.close':
    'Ia mundur dari antrean saat sesinya berakhir: closeSession (frame {frame}) membuat server menghapus znode ephemeral-nya.',
  'story.zookeeper.withdraw.expired':
    'Koneksinya berakhir tanpa closeSession; znode-nya sudah hilang di frame {gone}, setelah session timeout habis.',
  'story.zookeeper.lock.held': 'Ia masih memegang lock saat capture berakhir.',
  'story.zookeeper.election.held': 'Ia masih menjadi pemimpin saat capture berakhir.',
  'story.zookeeper.watches': '{who} {addr} memasang {count} watch: {list}.',
  'story.zookeeper.exchange': '{who} {addr} mengirim {count} request ke {s_who} {s_addr}: {pairs}.',
  'story.zookeeper.notices': 'Server mengirim {count} notifikasi watch: {list}.',
  'story.zookeeper.pings': '{count} ping menjaga sesi tetap hidup.',
  'story.zookeeper.close':
    '{who} {addr} mengakhiri sesi ZooKeeper-nya (closeSession, frame {frame}); server menegaskannya di frame {reply}: sesi selesai, dan znode ephemeral yang masih dimilikinya ikut dihapus.',
  'story.zookeeper.close.noanswer':
    '{who} {addr} mengakhiri sesi ZooKeeper-nya (closeSession, frame {frame}); jawabannya tidak ada di capture.',
  'story.zookeeper.no_close':
    'Client tidak mengirim closeSession: sesinya tetap hidup sampai session timeout ({timeout} ms) habis, dan baru setelah itu server menghapus znode ephemeral-nya.',
  'role.zookeeper.client': 'client ZooKeeper yang mengakses {server} (sesi {session})',
  'role.zookeeper.client.nosession': 'client ZooKeeper yang mengakses {server}',
  'role.zookeeper.server': 'server ZooKeeper di :{port}',
  'ov.conv.zookeeper': 'sesi ZooKeeper {session}, {count} request ({ops})',
  'ov.conv.zookeeper.nosession': 'ZooKeeper, {count} request ({ops})',
  'teach.zookeeper.lock':
    'Lock {path} diambil dengan resep lock ZooKeeper: masing-masing dari {count} pesaing membuat znode ephemeral sequential di bawahnya, dan yang nomor urutnya paling kecil memegang lock; pesaing berikutnya mendapatkannya ketika znode itu hilang (dihapus, atau sesinya berakhir). Pemegang lock secara berurutan: {holders}.',
  'teach.zookeeper.election':
    'Pemilihan pemimpin {path} memakai resep election ZooKeeper: masing-masing dari {count} kandidat membuat znode ephemeral sequential di bawahnya, dan yang nomor urutnya paling kecil menjadi pemimpin; ketika znode-nya hilang (dihapus, atau sesinya berakhir), kandidat berikutnya mengambil alih. Pemimpin secara berurutan: {holders}.',
  'teach.zookeeper.lock.unknown':
    'Lock {path}: terlihat {count} pesaing, tetapi ada daftar anak yang memuat pesaing yang pembuatannya tidak tertangkap, sehingga urutan pemegang lock tidak bisa diketahui.',
  'teach.zookeeper.election.unknown':
    'Pemilihan pemimpin {path}: terlihat {count} kandidat, tetapi ada daftar anak yang memuat kandidat yang pembuatannya tidak tertangkap, sehingga urutan pemimpin tidak bisa diketahui.',
  'teach.zookeeper.xid':
    'Balasan ZooKeeper tidak menyebut operasi yang dijawabnya: header-nya hanya berisi xid, zxid, dan kode error. Setiap balasan di sini dipasangkan dengan request ber-xid sama di koneksinya (frame {reply} menjawab {op} di frame {req}, xid {xid}), lalu dibaca menurut tipe request itu; notifikasi watch (xid -1) dan jawaban ping (xid -2) memakai xid tetap.',
  'zookeeper.length.bad':
    'Prefiks panjang ZooKeeper ({length}) bukan panjang paket yang sah; arah ini tidak di-decode lebih lanjut.',
  'zookeeper.field.past_end':
    'Sebuah record ZooKeeper membutuhkan {needed} byte, padahal paketnya hanya {length} byte: paket ini malformed.',
  'zookeeper.list.too_long': 'Sebuah daftar ZooKeeper lebih panjang daripada yang mungkin: paket ini malformed.',
  'zookeeper.trailing': 'Masih ada byte tersisa setelah record ZooKeeper.',
  'zookeeper.reply.unmatched':
    'Sebuah balasan ZooKeeper (xid {xid}, frame {frame}) tidak menjawab request mana pun yang terlihat di koneksi ini.',
};
