import type { Catalogue } from '../../explain/catalog/types.js';

/** Teks bahasa Indonesia untuk JSON-RPC (dibawa di body HTTP): kalimat per frame, cerita, ringkasan dan kode catatan. */
export const id: Catalogue = {
  'app.jsonrpc': 'JSON-RPC',
  'frag.jsonrpc.call': 'pemanggilan {method} (id {id})',
  'frag.jsonrpc.id': 'pemanggilan dengan id {id}',
  'ex.jsonrpc.request':
    '{who} {addr} memanggil {call} di {peer_who} {peer_addr} (JSON-RPC {version}, id {id}), di dalam body {carrier}.',
  'ex.jsonrpc.notification':
    '{who} {addr} mengirim notifikasi JSON-RPC {call} di dalam body {carrier}: notifikasi tidak punya id, jadi tidak ada jawaban.',
  'ex.jsonrpc.result': '{who} {addr} menjawab {call} dengan hasil {result}, di dalam body {carrier}.',
  'ex.jsonrpc.result.lat':
    '{who} {addr} menjawab {call} dari frame {req} dengan hasil {result}, di dalam body {carrier}, {latency} kemudian.',
  'ex.jsonrpc.error':
    '{who} {addr} menjawab {call} dengan error JSON-RPC {error}{detail}, di dalam body {carrier}.{meaning}',
  'ex.jsonrpc.error.lat':
    '{who} {addr} menjawab {call} dari frame {req} dengan error JSON-RPC {error}{detail}, di dalam body {carrier}, {latency} kemudian.{meaning}',
  'ex.jsonrpc.batch': '{who} {addr} mengirim batch JSON-RPC berisi {count} pesan ({items}) di dalam body {carrier}.',
  'jsonrpc.meaning.parse': 'Kode -32700 berarti server tidak dapat mem-parse JSON-nya.',
  'jsonrpc.meaning.invalid': 'Kode -32600 berarti request tersebut bukan request JSON-RPC yang sah.',
  'jsonrpc.meaning.method': 'Kode -32601 berarti server tidak memiliki method dengan nama itu.',
  'jsonrpc.meaning.params': 'Kode -32602 berarti params tidak sesuai dengan method-nya.',
  'jsonrpc.meaning.internal': 'Kode -32603 adalah kesalahan internal server JSON-RPC.',
  'jsonrpc.meaning.server':
    'Kode -32000 sampai -32099 diserahkan kepada server: di sini method-nya gagal saat dijalankan.',
  'story.jsonrpc':
    '{who} {addr} melakukan {count} pemanggilan JSON-RPC ke {s_who} {s_addr}, {count:dalam sebuah request {via}|masing-masing dalam request {via}-nya sendiri}: {pairs}.',
  'story.jsonrpc.error': '{call} gagal dengan error JSON-RPC {error}.',
  'story.jsonrpc.error.data': '{call} gagal dengan error JSON-RPC {error}; data-nya menyebutkan penyebabnya: {detail}.',
  'ov.conv.jsonrpc': 'JSON-RPC lewat {via}, {count} pemanggilan ({methods})',
  'role.jsonrpc.server': 'server JSON-RPC (lewat {via}) di :{port}',
  'role.jsonrpc.client': 'client JSON-RPC yang mengakses {server}',
  'jsonrpc.json.invalid': 'Body-nya tampak seperti JSON-RPC tetapi bukan JSON yang sah ({json}).',
  'jsonrpc.not_jsonrpc': 'Body JSON ini bukan pesan JSON-RPC.',
  'jsonrpc.version.bad': 'Member "jsonrpc" bernilai selain "2.0".',
  'jsonrpc.method.bad': 'Member "method" pada request JSON-RPC bukan string.',
  'jsonrpc.response.bad': 'Response JSON-RPC 2.0 harus memuat tepat satu dari "result" dan "error".',
  'jsonrpc.id.bad': 'Id JSON-RPC harus berupa angka, string, atau null.',
  'jsonrpc.batch.empty': 'Batch JSON-RPC yang kosong ([]) adalah request yang tidak sah.',
  'jsonrpc.not_object': 'Pesan JSON-RPC harus berupa objek JSON.',
  'jsonrpc.id.mismatch': 'Response JSON-RPC ini ber-id {response}, padahal request yang dijawabnya ber-id {request}.',
  'jsonrpc.response.missing': 'Jawaban atas request JSON-RPC ini bukan JSON-RPC.',
  'jsonrpc.body.partial':
    'Body JSON-RPC ini tidak lengkap (ada byte yang hilang, terpotong, atau terkompresi) sehingga tidak dibaca.',
};
