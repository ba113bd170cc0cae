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
  'ov.conv.data': 'data TCP, {c2s} byte dari client dan {s2c} byte dari server',
};
