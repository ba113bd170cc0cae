import type { Catalogue } from '../../explain/catalog/types.js';

/** English texts of this protocol: its frame sentences, story, overview and teaching entries, and its note codes. */
export const en: Catalogue = {
  'ex.data.send': '{who} {addr} sends {payload} to {peer_who} {peer_addr}.',
  'ex.data.reply': '{who} {addr} answers {payload}.',
  'ex.data.reply.lat': "{who} {addr} answers {payload}, {latency} after the other side's data of frame {req}.",
  'ex.data.held':
    '{who} {addr} sends {len} bytes that come after a gap in its byte stream: the stream is complete up to them only from frame {end}, when the missing bytes appear.',
  'ex.data.fill':
    'With these bytes the gap is filled: the {bytes} bytes of {count} {count:segment|segments} that had come after it (frames {from}-{to}) now follow in order.',
  'story.data.both':
    '{who} {addr} sends {c2s_bytes} bytes ({c_values}) and {s_who} {s_addr} sends {s2c_bytes} bytes ({s_values}).',
  'story.data.pairs':
    '{who} {addr} and {s_who} {s_addr} take turns, {s_who} answering each time ({count} {count:turn|turns}): {pairs}.',
  'story.data.oneway': '{who} {addr} sends {bytes} bytes: {values}; nothing comes back but TCP ACKs.',
  'ov.conv.data': 'TCP data, {c2s} bytes from the client and {s2c} bytes from the server',
};
