import type { Catalogue } from '../../explain/catalog/types.js';

/** Indonesian texts of this protocol: its frame sentences, story, overview and teaching entries, and its note codes. */
export const id: Catalogue = {
  'app.http': 'HTTP',
  'lbl.http.request': 'request HTTP ke-{n}',
  'lbl.http.response': 'response HTTP ke-{n}',
  'ex.http.request': '{who} {addr} mengirim request HTTP {method} {uri} ke {server}.',
  'ex.http.request.body': '{who} {addr} mengirim request HTTP {method} {uri} ke {server} dengan body {body}.',
  'ex.http.response': '{who} {addr} menjawab dengan HTTP {status} {text}.',
  'ex.http.response.lat':
    '{who} {addr} menjawab request di frame {req} dengan HTTP {status} {text}, {latency} kemudian.',
  'ex.http.response.body': '{who} {addr} menjawab dengan HTTP {status} {text} dan body {body}.',
  'ex.http.response.body.lat':
    '{who} {addr} menjawab request di frame {req} dengan HTTP {status} {text} dan body {body}, {latency} kemudian.',
  'frag.http.request': 'request HTTP {method} {uri}',
  'frag.http.response': 'response HTTP {status} {text}',
  'ex.http.until_close':
    'Response ini tidak memiliki Content-Length: body-nya berakhir saat server menutup koneksi, sehingga client baru tahu body-nya sudah lengkap ketika FIN tiba.',
  'ex.http.incomplete': 'Pesan ini tidak lengkap: hanya {got} dari {of} byte body-nya yang ada di capture.',
  'ex.http.incomplete.nolen': 'Pesan ini tidak lengkap: capture hanya memuat sebagiannya.',
  'story.http.until_close':
    'Response-nya tidak menyebutkan Content-Length: server menandai akhir body dengan menutup koneksi (FIN).',
  'story.http.close10.byclient':
    'Response-nya HTTP/1.0 tanpa keep-alive, sehingga koneksi ini hanya membawa satu request; client, yang sudah menerima seluruh response (panjangnya disebutkan oleh Content-Length), menutupnya lebih dulu.',
  'story.http.close10.byclient.server':
    'Response dari server ({server}) adalah HTTP/1.0 tanpa keep-alive, sehingga koneksi ini hanya membawa satu request; client, yang sudah menerima seluruh response (panjangnya disebutkan oleh Content-Length), menutupnya lebih dulu.',
  'story.http.close.byclient.server':
    'Response dari server ({server}) menyatakan Connection: close, sehingga koneksi ini tidak membawa request lain; client, yang sudah menerima seluruh response, menutupnya lebih dulu.',
  'story.http.close.byclient':
    'Response-nya menyatakan Connection: close, sehingga koneksi ini tidak membawa request lain; client, yang sudah menerima seluruh response, menutupnya lebih dulu.',
  'story.http': '{who} {addr} mengirim {count} request HTTP ke {s_who} {s_addr}: {pairs}.',
  'story.http.chunked':
    'Response untuk {req} dikirim dalam potongan (Transfer-Encoding: chunked, total body {bytes} byte): server mengirimnya sepotong demi sepotong tanpa menyebutkan panjangnya lebih dulu.',
  'story.http.incomplete': '(tidak lengkap: {got} dari {of} byte body-nya ada di capture)',
  'story.http.incomplete.nolen': '(tidak lengkap: hanya sebagian yang ada di capture)',
  'story.http.reuse':
    'Ke-{count} request itu berjalan lewat satu koneksi TCP yang sama: keep-alive HTTP/1.1 membiarkannya tetap terbuka di antara request.',
  'story.http.reuse.two':
    'Kedua request itu berjalan lewat satu koneksi TCP yang sama: keep-alive HTTP/1.1 membiarkannya tetap terbuka di antara request.',
  'story.http.close':
    'Response-nya menyatakan Connection: close, sehingga server menutup koneksi TCP ini setelah menjawab.',
  'story.http.close.server':
    'Response dari server ({server}) menyatakan Connection: close, sehingga server menutup koneksi TCP ini setelah menjawab.',
  'story.http.close10':
    'Response-nya HTTP/1.0 tanpa keep-alive, sehingga server menutup koneksi TCP ini setelah menjawab.',
  'story.http.close10.server':
    'Response dari server ({server}) adalah HTTP/1.0 tanpa keep-alive, sehingga server menutup koneksi TCP ini setelah menjawab.',
  'story.http.close.werkzeug':
    'Response dari development server Werkzeug (server yang dijalankan app.run() milik Flask; Server: {server}) menyatakan Connection: close, sehingga server menutup koneksi TCP ini setelah menjawab.',
  'story.http.close10.werkzeug':
    'Response dari development server Werkzeug (server yang dijalankan app.run() milik Flask; Server: {server}) adalah HTTP/1.0 tanpa keep-alive, sehingga server menutup koneksi TCP ini setelah menjawab.',
  'story.http.close.next': 'Satu request per koneksi: request berikutnya membuka koneksi TCP baru (#{id}).',
  'story.http.close.asked': 'Client sendiri yang memintanya: request-nya memuat Connection: close.',
  'story.http.close.asked10':
    'Client sendiri yang memintanya: request-nya memakai HTTP/1.0 tanpa Connection: keep-alive.',
  'ov.conv.http': 'HTTP, {count} request ({methods})',
  'role.http.server': 'server HTTP di :{port}',
  'role.http.client': 'client HTTP yang mengakses {server}',
  'http.header.too_long': 'Blok header HTTP lebih dari {max} byte; arah ini tidak di-decode lebih lanjut.',
  'http.malformed': 'Byte ini bukan HTTP yang sah ({reason}); arah ini tidak di-decode lebih lanjut.',
  'http.body.capped': 'Body berisi {total} byte; hanya {kept} byte pertama yang disimpan untuk ditampilkan.',
  'http.content_encoding': 'Body dikompresi ({encoding}) dan tidak di-decode.',
  'http.incomplete': 'Koneksi berakhir (atau ada byte yang hilang) di tengah pesan HTTP.',
  'http.gap':
    'Ada byte yang tidak tertangkap di arah ini: pesan HTTP yang sedang berjalan terpotong, dan decoding dilanjutkan pada baris request atau status berikutnya.',
  'http.upgrade': 'Koneksi beralih ke protokol lain (Upgrade); yang berikutnya bukan HTTP.',
  'http.connect.tunnel': 'CONNECT membuka tunnel; yang berikutnya bukan HTTP.',
  'ov.ab.http.one':
    'Koneksi #{id}: {server} menjawab sebuah request HTTP dengan kode status galat di frame {frame}: {first}.',
  'ov.ab.http':
    'Koneksi #{id}: {server} menjawab {count} request HTTP dengan kode status galat; yang pertama di frame {frame}: {first}.',
  'ov.ab.http.carried.one':
    'Koneksi #{id}: {server} menjawab sebuah pemanggilan {protocol} dengan galat di frame {frame}: {first} (status HTTP-nya, {status}, tidak menunjukkan galat itu).',
  'ov.ab.http.carried':
    'Koneksi #{id}: {server} menjawab {count} pemanggilan {protocol} dengan galat; yang pertama di frame {frame}: {first} (status HTTP-nya, {status}, tidak menunjukkan galat itu).',
  'ov.ab.http.noanswer.one':
    'Koneksi #{id}: request HTTP {first} di frame {frame} tidak mendapat response dari {server} di dalam capture.',
  'ov.ab.http.noanswer':
    'Koneksi #{id}: {count} request HTTP tidak mendapat response dari {server} di dalam capture; yang pertama di frame {frame}: {first}.',
  'http.response.unmatched': 'Response ini ({code}) tidak menjawab request mana pun yang terlihat di capture.',
  'http.dissector_bug': 'Kesalahan internal saat men-decode HTTP ({reason}); mohon laporkan.',
  'http.response.unpaired': 'Sebuah response HTTP datang tanpa request sebelumnya di koneksi ini.',
};
