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
  'story.data.fields': 'Each of these {count} payloads is one JSON object with the fields {fields}.',
  'story.data.clock':
    "The field {field} carries each side's logical clock (Lamport's rule: a process adds 1 to its clock before it sends, and on receiving sets it to max(its own, the received value) + 1): {steps}.",
  'story.data.clock.first': '{who} {addr} sends {value} (frame {frame})',
  'story.data.clock.step':
    '{who} {addr}, having received {prev}, sends {value} (frame {frame}; the rule gives at least {min})',
  'story.data.clock.step.one':
    '{who} {addr}, having received {prev}, sends {value} (frame {frame}; greater than {prev})',
  'story.data.clock.bad': '{who} {addr}, having received {prev}, sends {value} (frame {frame}), which breaks the rule',
  'story.data.clock.last':
    'On receiving {value} (frame {frame}), {who} {addr} sets its clock to max(its own, {value}) + 1, at least {min}; it sends no more data on this connection after that, so the capture cannot show the value.',
  'ex.data.fields': 'These bytes are one JSON object with {count} {count:field|fields}: {fields}.',
  'ex.data.clock.recv':
    "The value {field} = {value} is the logical clock (Lamport) of {who} {addr}: it had received {prev} in frame {prev_frame}, so by Lamport's rule its clock became max(its own, {prev}) + 1, at least {recv_min}, and with 1 added before sending at least {min}; {value} fits.",
  'ex.data.clock.recv.one':
    "The value {field} = {value} is the logical clock (Lamport) of {who} {addr}: it had received {prev} in frame {prev_frame}; {value} is greater than {prev}, as Lamport's rule requires (max(its own, {prev}) + 1 on receipt), though a clock that also adds 1 before each send would show at least {min}.",
  'ex.data.clock.recv.bad':
    "The value {field} = {value} is the logical clock (Lamport) of {who} {addr}: it had received {prev} in frame {prev_frame}, yet {value} is not greater than {prev}: this breaks Lamport's rule, by which a clock after a receipt exceeds the value received.",
  'ov.conv.data': 'TCP data, {c2s} bytes from the client and {s2c} bytes from the server',
};
