import type { Catalogue } from '../../explain/catalog/types.js';

/** Teks bahasa Indonesia untuk SOAP (dibawa di body HTTP): kalimat per frame, cerita, ringkasan dan kode catatan. */
export const id: Catalogue = {
  'app.soap': 'SOAP',
  'frag.soap.call': 'pemanggilan {operation}',
  'frag.soap.args': 'argumen {args}',
  'frag.soap.noargs': 'tanpa argumen',
  'ex.soap.wsdl_request':
    '{who} {addr} meminta deskripsi layanan (WSDL) kepada {peer_who} {peer_addr} dengan {carrier}: dari WSDL itulah client SOAP mengetahui operasi apa saja yang dapat dipanggil dan bagaimana caranya.',
  'ex.soap.wsdl':
    '{who} {addr} menjawab dengan WSDL milik {services} di dalam body {carrier}: WSDL itu memuat {count} operasi ({operations}) di {address}.',
  'ex.soap.wsdl.lat':
    '{who} {addr} menjawab request di frame {req} dengan WSDL milik {services} di dalam body {carrier}, {latency} kemudian: WSDL itu memuat {count} operasi ({operations}) di {address}.',
  'ex.soap.call':
    '{who} {addr} memanggil operasi SOAP {operation} di {peer_who} {peer_addr} dengan {args}, di dalam body {carrier} (SOAPAction: "{action}"; Body berisi elemen {operation} dari namespace {namespace}).',
  'ex.soap.call.noaction':
    '{who} {addr} memanggil operasi SOAP {operation} di {peer_who} {peer_addr} dengan {args}, di dalam body {carrier} (tanpa header SOAPAction; Body berisi elemen {operation} dari namespace {namespace}).',
  'ex.soap.response': '{who} {addr} menjawab {call} dengan {element}: {values}, di dalam body {carrier}.',
  'ex.soap.response.lat':
    '{who} {addr} menjawab {call} dari frame {req} dengan {element}: {values}, di dalam body {carrier}, {latency} kemudian.',
  'ex.soap.response.empty': '{who} {addr} menjawab {call} dengan {element} yang kosong, di dalam body {carrier}.',
  'ex.soap.response.empty.lat':
    '{who} {addr} menjawab {call} dari frame {req} dengan {element} yang kosong, di dalam body {carrier}, {latency} kemudian.',
  'ex.soap.fault':
    '{who} {addr} menjawab dengan SOAP Fault (faultcode {code}, faultstring "{string}"), di dalam body {carrier}.{meaning}',
  'ex.soap.fault.lat':
    '{who} {addr} menjawab request di frame {req} dengan SOAP Fault (faultcode {code}, faultstring "{string}"), di dalam body {carrier}, {latency} kemudian.{meaning}',
  'ex.soap.fault.call':
    '{who} {addr} menjawab {call} dengan SOAP Fault (faultcode {code}, faultstring "{string}"), di dalam body {carrier}.{meaning}',
  'ex.soap.fault.call.lat':
    '{who} {addr} menjawab {call} dari frame {req} dengan SOAP Fault (faultcode {code}, faultstring "{string}"), di dalam body {carrier}, {latency} kemudian.{meaning}',
  'ex.soap.empty': '{who} {addr} mengirim envelope SOAP dengan Body kosong, di dalam body {carrier}.',
  'soap.meaning.server': 'Kode Server berarti server gagal memproses pesan yang mungkin sebenarnya benar.',
  'soap.meaning.client': 'Kode Client berarti pesannya sendiri salah atau ada yang kurang.',
  'soap.meaning.version': 'Kode VersionMismatch berarti envelope-nya bukan versi SOAP yang dibaca server.',
  'soap.meaning.must': 'Kode MustUnderstand berarti ada entri header wajib yang tidak dipahami server.',
  'story.soap': '{who} {addr}, sebuah client SOAP, mengirim {count} request {via} ke {s_who} {s_addr}: {pairs}.',
  'story.soap.wsdl': 'WSDL itu mendeskripsikan {services} dengan {count} operasi ({operations}) di {address}.',
  'story.soap.fault': 'Server menjawab dengan SOAP Fault: {code}, "{string}".',
  'story.soap.fault.call': 'Pemanggilan {call} berakhir dengan SOAP Fault: {code}, "{string}".',
  'ov.conv.soap': 'SOAP lewat {via}, {count} request ({operations})',
  'role.soap.server': 'server SOAP (lewat {via}) di :{port}',
  'role.soap.client': 'client SOAP yang mengakses {server}',
  'soap.xml.invalid': 'Body-nya tampak seperti SOAP tetapi bukan XML yang well-formed ({xml}).',
  'soap.not_envelope': 'Body XML ini bukan envelope SOAP.',
  'soap.version.12': 'Body-nya berupa envelope SOAP 1.2; hanya SOAP 1.1 yang di-decode.',
  'soap.body.missing': 'Envelope SOAP ini tidak memiliki Body.',
  'soap.response.missing': 'Jawaban atas request SOAP ini bukan SOAP.',
  'soap.body.partial':
    'Body SOAP ini tidak lengkap (ada byte yang hilang, terpotong, atau terkompresi) sehingga tidak dibaca.',
};
