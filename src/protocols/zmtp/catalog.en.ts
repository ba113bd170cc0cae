import type { Catalogue } from '../../explain/catalog/types.js';

/** English texts of this protocol: its frame sentences, story, overview and teaching entries, and its note codes. */
export const en: Catalogue = {
  'app.zmtp': 'ZeroMQ (ZMTP)',
  'lbl.zmtp.greeting': 'the ZMTP greeting',
  'lbl.zmtp.command': 'the {name} command',
  'ex.zmtp.greeting':
    '{who} {addr} sends its ZMTP {version} greeting (security mechanism {mechanism}): the ZeroMQ handshake that starts every connection.',
  'ex.zmtp.greeting.split':
    '{who} {addr} completes its ZMTP {version} greeting (mechanism {mechanism}); libzmq sent the 64-byte greeting in {count} pieces.',
  'ex.zmtp.ready': '{who} {addr} sends READY: it is a {socket} socket.',
  'ex.zmtp.identity': "It names itself '{identity}'.",
  'ex.zmtp.subscribe':
    "{who} {addr} subscribes to messages that start with '{topic}' (SUBSCRIBE): the publisher will send it only those.",
  'ex.zmtp.subscribe.all': '{who} {addr} subscribes to every message (SUBSCRIBE with an empty topic).',
  'ex.zmtp.cancel': "{who} {addr} cancels its subscription to '{topic}' (CANCEL).",
  'ex.zmtp.hello':
    "{who} {addr} logs in with the PLAIN mechanism as user '{username}' (HELLO); the password travels in clear text.",
  'ex.zmtp.welcome': '{who} {addr} accepts the user name and password (WELCOME).',
  'ex.zmtp.initiate': '{who} {addr} confirms the PLAIN login and says it is a {socket} socket (INITIATE).',
  'ex.zmtp.error': "{who} {addr} sends ERROR '{reason}': it is closing the connection.",
  'ex.zmtp.ping': '{who} {addr} checks that the peer is alive (PING).',
  'ex.zmtp.pong': '{who} {addr} answers the heartbeat (PONG).',
  'ex.zmtp.command': '{who} {addr} sends the ZMTP command {name}.',
  'ex.zmtp.request': '{who} {addr} sends its {nth} request {payload} on the {pattern} connection to {server}.',
  'ex.zmtp.reply': '{who} {addr} sends the reply {payload} to the {nth} request.',
  'ex.zmtp.reply.unpaired': '{who} {addr} sends the reply {payload}; the request it answers is not known.',
  'ex.zmtp.reply.lat':
    '{who} {addr} answers the {nth} request (frame {req}) with the reply {payload}, {latency} after it.',
  'ex.zmtp.delimiter.req':
    'It travels as two frames, [<empty> | {body}]: the REQ socket puts an empty delimiter frame before the body, and the REP socket strips it before handing the body to the program.',
  'ex.zmtp.delimiter.rep':
    'It travels as two frames, [<empty> | {body}]: the REP socket puts the empty delimiter frame back before the reply, and the REQ socket strips it.',
  'story.zmtp.delimiter':
    'Each request and reply travels as [<empty> | body] (e.g. [<empty> | {body}]): the REQ socket puts an empty delimiter frame before the body and the REP socket strips it, so the programs see only the body.',
  'ex.zmtp.publish': '{who} {addr} publishes its {nth} message {payload} to {peer_who} {peer_addr}.',
  'ex.zmtp.push': '{who} {addr} pushes its {nth} job {payload} to {peer_who} {peer_addr}.',
  'ex.zmtp.message': '{who} {addr} sends the ZeroMQ message {payload}.',
  'story.zmtp.greeting':
    'ZeroMQ handshake between {client} and {server}: the sockets exchange ZMTP {version} greetings (mechanism {mechanism}).',
  'story.zmtp.partial':
    'ZeroMQ handshake between {client} and {server}: bytes of it are missing from the capture, so its greetings are not decoded; the READY commands that were decoded give the socket types: {types}.',
  'story.zmtp.setup':
    'ZeroMQ handshake: both sides exchange ZMTP {version} greetings (mechanism {mechanism}) and READY commands; the client {client} is a {csock} socket and the server {server} a {ssock} socket, so the pattern is {pattern}.',
  'story.zmtp.plain':
    "With PLAIN security the client logs in as '{username}' (HELLO, WELCOME, INITIATE); the password is readable in the capture.",
  'story.zmtp.subscribe': '{who} {addr} subscribes to {topics} (SUBSCRIBE).',
  'story.zmtp.reqrep':
    '{c_who} {c_addr} sends {requests} {requests:request|requests} ({req_values}) and {s_who} {s_addr} answers {replies:once|{replies} times} ({rep_values}); each reply comes {latency} after its request, and the next request waits for it.',
  'story.zmtp.reqrep.nolat':
    '{c_who} {c_addr} sends {requests} {requests:request|requests} ({req_values}) and {s_who} {s_addr} answers {replies:once|{replies} times} ({rep_values}).',
  'story.zmtp.pubsub':
    '{p_who} {p_addr} publishes {count} {count:message|messages} to {who} {addr}: {values}. The subscriber sends nothing back: the only frames from it are TCP ACKs.',
  'story.zmtp.pubsub.back':
    '{p_who} {p_addr} publishes {count} {count:message|messages} to {who} {addr}: {values}; {back} {back:message goes|messages go} the other way.',
  'story.zmtp.pubsub.none':
    '{p_who} {p_addr} sends nothing to {who} {addr}: no published message starts with its subscription {topics}, and the publisher filters before sending.',
  'story.zmtp.pipeline':
    '{p_who} {p_addr} pushes {count} {count:job|jobs} to {who} {addr}: {values}. The worker sends nothing back: the only frames from it are TCP ACKs.',
  'story.zmtp.pipeline.back':
    '{p_who} {p_addr} pushes {count} {count:job|jobs} to {who} {addr}: {values}; {back} {back:message goes|messages go} the other way.',
  'story.zmtp.other':
    'The {pattern} sockets exchange {c2s} {c2s:message|messages} from {c_who} {c_addr} and {s2c} from {s_who} {s_addr}.',
  'story.end.open.zmtp':
    'No FIN or RST: the connection was still open when the capture stopped (last frame {last}); ZeroMQ keeps its TCP connection for as long as the socket lives.',
  'ov.conv.zmtp.reqrep': 'ZeroMQ {pattern}, {c2s} {c2s:request|requests} and {s2c} {s2c:reply|replies}',
  'ov.conv.zmtp.pubsub': 'ZeroMQ {pattern}, {count} {count:message|messages} published',
  'ov.conv.zmtp.pipeline': 'ZeroMQ {pattern}, {count} {count:job|jobs} pushed',
  'ov.conv.zmtp.midstream':
    'ZeroMQ with socket types unknown (the ZMTP handshake is not in the capture), {c2s} {c2s:message|messages} from the client and {s2c} from the server',
  'ov.conv.zmtp': 'ZeroMQ {pattern}, {c2s} {c2s:message|messages} from the client and {s2c} from the server',
  'role.zmtp.bound': 'ZeroMQ {socket} {noun} on :{port}',
  'role.zmtp.connect': 'ZeroMQ {socket} {noun} connected to {server}',
  'role.zmtp.server': 'ZeroMQ server on :{port}',
  'role.zmtp.client': 'ZeroMQ client of {server}',
  'teach.zmq_no_fin':
    'No FIN on connection #{id} is normal for ZeroMQ: a socket keeps its TCP connection open for its whole life and sends every message over it; FIN comes only when the program closes the socket.',
  'teach.zmq_one_connection':
    "ZeroMQ sends all {count} messages of connection #{id} over one TCP connection that stays open for the socket's life; the FIN at the end comes only because the program closed its socket, not after each message.",
  'teach.zmtp_greeting_split':
    "The ZMTP greeting arrives in {count} TCP segments (frames {frames}): libzmq sends the 10-byte signature first and the rest of the 64 bytes (version, mechanism) only after it has seen the peer's signature. TCP is a byte stream: one message can span several segments, and one segment can hold several messages.",
  'zmtp.version.2_0': 'This peer speaks the older ZMTP 2.0 (revision {revision}).',
  'zmtp.version.1_0': 'This peer speaks the oldest ZMTP 1.0 (no version in its greeting).',
  'zmtp.version.newer': 'The greeting announces ZMTP {major}.{minor}, newer than 3.1; it is decoded as 3.x.',
  'zmtp.mechanism.invalid': 'The security mechanism name "{mechanism}" contains characters that are not allowed.',
  'zmtp.mechanism.unknown': 'The security mechanism "{mechanism}" is not NULL, PLAIN, CURVE or GSSAPI.',
  'zmtp.as_server.invalid': 'The as-server field is {value}, which does not fit the mechanism {mechanism}.',
  'zmtp.filler.nonzero': 'The unused filler bytes at the end of the greeting are not all zero.',
  'zmtp.frame.too_long': 'A ZMTP frame claims to be longer than the decoder keeps; its bytes were skipped.',
  'zmtp.frame.bad_length': 'A ZMTP 1.0 frame has length 0, which is impossible.',
  'zmtp.flags.reserved': 'Reserved flag bits are set in a ZMTP frame (flags {flags}).',
  'zmtp.command.more': 'A ZMTP command has the MORE flag set, which commands may not have.',
  'zmtp.command.malformed': 'A ZMTP command is shorter than its fields need.',
  'zmtp.command.unknown': 'The ZMTP command {name} is not one this tool knows; it is shown by name.',
  'zmtp.metadata.malformed': 'A metadata property of a ZMTP command does not fit in the command (at byte {offset}).',
  'zmtp.error': 'The peer sent an ERROR command ("{reason}"): it is closing the connection.',
  'zmtp.plain.cleartext_password':
    'The PLAIN mechanism sends the password of user "{username}" in clear text: anyone who captures the traffic can read it.',
  'zmtp.socket_type.incompatible': 'A {a} socket cannot talk to a {b} socket: ZeroMQ will not exchange messages here.',
  'zmtp.socket_type.unknown': 'The socket type "{socket_type}" is not one ZeroMQ defines.',
  'zmtp.dissector_bug': 'Internal error while decoding ZMTP ({reason}); please report it.',
  'zmtp.sub.no_match':
    'This subscriber subscribed to {subscriptions} but received nothing: the publisher sent {published:one message|{published} messages} to its other subscribers and none starts with that topic. A ZeroMQ PUB socket filters on its side, so non-matching messages are never sent on this connection.',
  'zmtp.sub.none': 'This SUB socket never subscribed to anything, so the publisher sends it no messages.',
  'zmtp.pipeline.distribution':
    'The PUSH socket at {endpoint} spread {jobs:one message|{jobs} messages} over {workers:one worker|{workers} workers} ({counts}), {round_robin:in strict round-robin order|not in strict round-robin order}.',
  'zmtp.reply.unmatched': 'A reply was sent with no request waiting for it on this connection.',
  'teach.pub_filters':
    'Subscriber {subscriber} (connection #{id}) subscribed to {topic} and received nothing. Since ZMTP 3 the publisher filters: it sends each message only to subscribers whose subscription is a prefix of it, so a non-matching subscriber gets no frames at all (not frames it throws away).',
  'teach.round_robin':
    'Producer {producer} shares its {jobs} jobs between {workers} workers in turn (round-robin): {per}. Each job goes to exactly one worker.',
  'teach.psh_flag':
    'The PSH flag does not mean a ZeroMQ PUSH or a request. It asks the receiving TCP to hand the data to the program at once; Linux sets it on the last segment of each write. Replies, published messages and jobs all carry it.',
};
