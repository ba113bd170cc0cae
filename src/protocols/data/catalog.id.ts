import type { Catalogue } from '../../explain/catalog/types.js';

/** Indonesian texts of this protocol: its frame sentences, story, overview and teaching entries, and its note codes. */
export const id: Catalogue = {
  'ex.data.send': '{who} {addr} mengirim {payload} ke {peer_who} {peer_addr}.',
  'ex.data.reply': '{who} {addr} membalas {payload}.',
  'ex.data.reply.lat': '{who} {addr} membalas {payload}, {latency} setelah data pihak lain di frame {req}.',
  'ex.data.held':
    '{who} {addr} mengirim {len} byte yang datang setelah celah dalam aliran byte-nya: aliran itu baru tersambung utuh sampai byte ini pada frame {end}, ketika byte yang hilang muncul.',
  'ex.data.fill':
    'Byte ini menutup celah tersebut: {bytes} byte dari {count} segmen yang datang sesudahnya (frame {from}-{to}) kini tersambung berurutan.',
  'story.data.both':
    '{who} {addr} mengirim {c2s_bytes} byte ({c_values}) dan {s_who} {s_addr} mengirim {s2c_bytes} byte ({s_values}).',
  'story.data.pairs':
    '{who} {addr} dan {s_who} {s_addr} bergantian mengirim, {s_who} membalas setiap giliran ({count} giliran): {pairs}.',
  'story.data.oneway': '{who} {addr} mengirim {bytes} byte: {values}; yang kembali hanya ACK TCP.',
  'story.data.fields': 'Masing-masing dari {count} payload ini adalah satu objek JSON dengan field {fields}.',
  'story.data.clock':
    'Field {field} membawa logical clock masing-masing pihak (aturan Lamport: sebuah proses menambah clock-nya 1 sebelum mengirim, dan saat menerima mengubahnya menjadi max(clock sendiri, nilai yang diterima) + 1): {steps}.',
  'story.data.clock.first': '{who} {addr} mengirim {value} (frame {frame})',
  'story.data.clock.step':
    '{who} {addr}, setelah menerima {prev}, mengirim {value} (frame {frame}; aturan itu memberi minimal {min})',
  'story.data.clock.step.one':
    '{who} {addr}, setelah menerima {prev}, mengirim {value} (frame {frame}; lebih besar dari {prev})',
  'story.data.clock.bad':
    '{who} {addr}, setelah menerima {prev}, mengirim {value} (frame {frame}), yang melanggar aturan itu',
  'story.data.clock.last':
    'Saat menerima {value} (frame {frame}), {who} {addr} mengubah clock-nya menjadi max(clock sendiri, {value}) + 1, minimal {min}; setelah itu ia tidak mengirim data lagi di koneksi ini, sehingga capture tidak dapat menunjukkan nilainya.',
  'ex.data.fields': 'Byte ini berisi satu objek JSON dengan {count} field: {fields}.',
  'ex.data.clock.recv':
    'Nilai {field} = {value} adalah logical clock (Lamport) milik {who} {addr}: ia telah menerima {prev} di frame {prev_frame}, sehingga menurut aturan Lamport clock-nya menjadi max(clock sendiri, {prev}) + 1, minimal {recv_min}, lalu ditambah 1 sebelum mengirim, minimal {min}; nilai {value} sesuai aturan itu.',
  'ex.data.clock.recv.one':
    'Nilai {field} = {value} adalah logical clock (Lamport) milik {who} {addr}: ia telah menerima {prev} di frame {prev_frame}; {value} lebih besar dari {prev} sebagaimana diwajibkan aturan Lamport (max(clock sendiri, {prev}) + 1 saat menerima), meskipun clock yang juga ditambah 1 sebelum setiap pengiriman akan menunjukkan minimal {min}.',
  'ex.data.clock.recv.bad':
    'Nilai {field} = {value} adalah logical clock (Lamport) milik {who} {addr}: ia telah menerima {prev} di frame {prev_frame}, tetapi {value} tidak lebih besar dari {prev}: ini melanggar aturan Lamport, yang mengharuskan clock setelah menerima suatu nilai menjadi lebih besar dari nilai itu.',
  'ov.conv.data': 'data TCP, {c2s} byte dari client dan {s2c} byte dari server',
};
