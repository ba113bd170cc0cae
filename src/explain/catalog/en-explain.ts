import type { Catalogue } from './types.js';

/**
 * English explanation sentences: per frame (ex.*), the story (story.*), the overview (ov.*, role.*),
 * teaching notes (teach.*), labels and formatting words (noun.*, lbl.*, fmt.*, app.*) and the report's
 * headings (ui.*). `{name}` is a parameter.
 */
export const enExplain: Catalogue = {
  // nouns for the two ends of a conversation
  'noun.client': 'client',
  'noun.server': 'server',
  'noun.publisher': 'publisher',
  'noun.subscriber': 'subscriber',
  'noun.broker': 'broker',
  'noun.producer': 'producer',
  'noun.worker': 'worker',
  'noun.peer': 'peer',
  'app.zmtp': 'ZeroMQ (ZMTP)',
  'app.mqtt': 'MQTT',
  'app.http': 'HTTP',
  'app.data': 'plain TCP/UDP data',

  // short labels of messages
  'lbl.zmtp.greeting': 'the ZMTP greeting',
  'lbl.part': 'part of {what}',
  'lbl.zmtp.command': 'the {name} command',
  'lbl.request': 'the {nth} request',
  'lbl.reply': 'the {nth} reply',
  'lbl.job': 'the {nth} job',
  'lbl.message': 'the {nth} message',
  'lbl.data': 'the data',
  'lbl.mqtt': 'the {kind}',
  'lbl.http.request': 'the {nth} HTTP request',
  'lbl.http.response': 'the {nth} HTTP response',

  // formatting words
  'fmt.list.and': '{list} and {last}',
  'fmt.list.more': '{list} and {more} more',
  'fmt.each_time': '{value} each time',
  'fmt.values.range': 'from {first} to {last}',
  'fmt.range_mean': '{min} to {max} (mean {mean})',
  'fmt.decimal': '.',
  'fmt.dur.ms': '{n} ms',
  'fmt.dur.s': '{n} s',
  'fmt.frame': 'frame {n}',
  'fmt.frames': 'frames {a}-{b}',
  'fmt.payload.length': '({bytes} bytes)',
  'fmt.times': '{count} × {value}',
  'fmt.payload.empty': '(empty)',
  'fmt.payload.none': '(no payload)',
  'fmt.payload.cut': '{start}… (only the first {captured} of its {length} bytes were captured)',
  'fmt.payload.uncaptured': '({length} bytes, not captured)',
  'fmt.payload.unknown': '(payload not captured)',
  'fmt.payload.binary': '{bytes} bytes of binary data',
  'fmt.topic_qos': "'{topic}' at QoS {qos}",
  'fmt.pair': '{a} → {b}',
  'fmt.pair.lat': '{a} → {b} ({latency})',
  'fmt.pair.none': '{a} → no answer',
  'fmt.pair.unknown': '{a} → answer not known',
  'fmt.nothing': 'no conversations',
  'fmt.count.tcp': '{count} TCP {count:connection|connections}',
  'fmt.count.udp': '{count} UDP {count:flow|flows}',
  'fmt.count.arp': '{count} ARP {count:frame|frames}',
  'fmt.count.retransmission': '{count} {count:retransmission|retransmissions}',
  'fmt.count.fast_retransmission': '{count} fast {count:retransmission|retransmissions}',
  'fmt.count.duplicate_ack': '{count} duplicate {count:ACK|ACKs}',
  'fmt.count.lost_segment': '{count} {count:gap|gaps} where a segment was not captured',
  'fmt.count.out_of_order': '{count} out-of-order {count:segment|segments}',
  'fmt.count.zero_window': '{count} zero-window {count:announcement|announcements}',

  // ARP
  'ex.arp.request':
    '{sender} asks the whole network (ARP request, broadcast): who has {target}? It needs the MAC address of {target} before it can send it IP packets.',
  'ex.arp.request.unicast':
    '{sender} checks that {target} is still at {mac} (unicast ARP request): a reachability re-check of an address it already knows.',
  'ex.arp.reply': '{sender} answers the ARP request of frame {req}: {sender} is at {mac}.',
  'ex.arp.reply.unsolicited': '{sender} tells {target} that {sender} is at {mac} (ARP reply).',
  'ex.arp.gratuitous': '{sender} announces its own address, {sender} is at {mac} (gratuitous ARP); no one asked.',
  'ex.arp.probe': '{mac} checks that no other host uses {target} before taking it (ARP probe).',
  'ex.arp.other': 'An ARP message of type {op}.',

  // TCP
  'ex.tcp.midstream':
    'The capture began mid-connection: the connection between {client} and {server} already existed before this first frame, so no handshake is seen.',
  'ex.tcp.syn': 'Handshake step 1 of 3: {who} {addr} asks {peer_who} {peer_addr} to open a TCP connection (SYN).',
  'ex.tcp.syn.only': '{who} {addr} asks {peer_addr} to open a TCP connection (SYN).',
  'ex.tcp.syn.again': '{who} {addr} sends its SYN again (attempt {n}): the earlier one got no answer in time.',
  'ex.tcp.synack': 'Handshake step 2 of 3: {who} {addr} accepts and answers the SYN with its own (SYN, ACK).',
  'ex.tcp.synack.again': '{who} {addr} sends its SYN, ACK again: it has not seen the last step of the handshake yet.',
  'ex.tcp.hs_ack':
    'Handshake step 3 of 3: {who} {addr} acknowledges the SYN, ACK; the TCP connection is established (round trip {rtt}).',
  'ex.tcp.hs_ack.nortt':
    'Handshake step 3 of 3: {who} {addr} acknowledges the SYN, ACK; the TCP connection is established.',
  'ex.tcp.refused':
    'The host {host} refuses the connection with RST: no program listens on port {port} (connection refused).',
  'ex.tcp.rst':
    '{who} {addr} aborts the connection (RST): it ends at once, without the FIN exchange, and any data still in flight is lost.',
  'ex.tcp.fin': '{who} {addr} closes its side of the connection (FIN): it has nothing more to send.',
  'ex.tcp.fin.second': '{who} {addr} closes its side too (FIN), after the FIN of frame {fin}.',
  'ex.tcp.fin.again': '{who} {addr} sends its FIN again.',
  'ex.tcp.ack.fin': '{who} {addr} acknowledges the FIN of frame {fin} (ACK); it may still send data of its own.',
  'ex.tcp.ack.fin.last':
    '{who} {addr} acknowledges the FIN of frame {fin} (ACK): both sides have closed, the connection is over.',
  'ex.tcp.ack.msg':
    "{who} {addr} acknowledges {what} of frame {acked} (ACK, no data). This is TCP's receipt of the bytes, not an application reply.",
  'ex.tcp.ack.msg.mqtt':
    "{who} {addr} acknowledges {what} of frame {acked} at the TCP level (ACK, no data). This is TCP's receipt of the bytes, not an MQTT acknowledgement.",
  'ex.tcp.ack': '{who} {addr} acknowledges the data of frame {acked} (ACK, no data).',
  'ex.tcp.ack.plain': '{who} {addr} acknowledges everything up to byte {ack} (ACK, no data).',
  'ex.tcp.ack.bare': '{who} {addr} sends an ACK without data.',
  'ex.tcp.data': '{who} {addr} sends {len} bytes of data to {peer_addr}.',
  'ex.tcp.data.again': '{who} {addr} sends {len} bytes it had sent before.',
  'ex.tcp.lost.before':
    'The capture had not seen these bytes before: their first copy was lost before the capture point (between the sender and here) or the capture missed it.',
  'ex.tcp.lost.after':
    "The capture had already seen these bytes: they were lost after the capture point, on the way to the receiver, or the receiver's ACK did not reach the sender in time.",
  // what a retransmission repeats (the frame's tcp.analysis.retransmission, told by what the segment carries)
  'ex.tcp.retrans.data':
    'This segment carries data that this side had already sent before, so the sender is sending it again.',
  'ex.tcp.retrans.syn':
    'Wireshark calls it a retransmission, though a SYN carries no data: it repeats the connection request (Linux resends a SYN 1 s after the first, then after waits twice as long each time).',
  'ex.tcp.retrans.synack':
    "Wireshark calls it a retransmission, though a SYN, ACK carries no data: the server repeats it when the handshake's last ACK does not reach it in time, or when the client's SYN comes again.",
  'ex.tcp.retrans.fin':
    'Wireshark calls it a retransmission, though a FIN carries no data: TCP resends a FIN until the other side acknowledges it.',
  'ex.tcp.retrans.empty':
    'Wireshark calls it a retransmission, though it carries no data: it repeats a sequence number this side had already used.',
  'ex.tcp.part': '{who} {addr} sends {len} bytes: the start of {what}, which is complete in frame {end}.',
  'ex.tcp.part.rest': '{who} {addr} sends {len} more bytes of {what} (complete in frame {end}).',
  'ex.tcp.segment': '{who} {addr} sends a TCP segment with flags {flags} and {len} bytes of data.',
  'ex.multi': 'This one segment carries {count} messages from {who} {addr}:',

  // UDP and others
  'ex.udp.datagram':
    '{who} {addr} sends datagram {n} with {payload} to {dst} (UDP: no connection and no acknowledgement).',
  'ex.udp.plain':
    '{who} {addr} sends UDP datagram {n} ({len} bytes) to {dst} (UDP: no connection and no acknowledgement).',
  'ex.icmp': '{src} sends an ICMP {type} to {dst}.',
  'ex.igmp': '{src} sends an IGMP {type} for group {group}.',
  'ex.ip.other': '{src} sends an IP packet of protocol {proto} to {dst}.',
  'ex.other': 'A frame of {len} bytes from {src} to {dst}.',
  'ex.frame.cut.data':
    "The capture kept only the first {caplen} of this frame's {len} bytes (snapshot length): {captured} of the {sent} bytes of data are in the file and the other {lost} are not, so their content is unknown.",
  'ex.frame.cut.nodata':
    "The capture kept only the first {caplen} of this frame's {len} bytes (snapshot length): none of its {sent} bytes of data are in the file, so their content is unknown.",
  'ex.frame.cut':
    "The capture kept only the first {caplen} of this frame's {len} bytes (snapshot length); the rest is not in the file.",
  'ex.copy':
    "The same packet as frame {orig}, captured again on another interface: tcpdump -i any records a packet on every interface it crosses (on a Docker bridge, the sender's veth and the receiver's veth). It was sent once.",
  'ex.copy.tcp':
    'Its bytes are identical, IP ID included, so it is no retransmission, though Wireshark marks such a copy of a TCP segment as a retransmission or a duplicate ACK; pcap-explain leaves it out of the TCP analysis.',

  // ZMTP (ZeroMQ)
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
  'ex.app.gap':
    'Bytes of this side before this point are not in the capture, so its {proto} messages in them are lost; decoding of this side waits for a segment that starts a message.',
  'ex.app.gap.cut':
    'The snapshot length cut off the rest of this segment, so the {proto} decoding of this side lost its place here: it waits for a segment that starts a message, and the messages before that are not decoded.',
  'ex.app.resync':
    'This segment starts a new message ({proto}), so decoding of this side resumes here ({skipped} bytes were lost or skipped before it).',
  'ex.pickle':
    'The payload is a pickled Python {type} (pickle protocol {protocol}, {bytes} bytes): Python serialised the object with pickle, and pickle.loads() gives back {value}.',
  'ex.pickle.noproto':
    'The payload is a pickled Python {type} ({bytes} bytes): Python serialised the object with pickle, and pickle.loads() gives back {value}.',
  'ex.zmtp.delimiter.req':
    'It travels as two frames, [<empty> | {body}]: the REQ socket puts an empty delimiter frame before the body, and the REP socket strips it before handing the body to the program.',
  'ex.zmtp.delimiter.rep':
    'It travels as two frames, [<empty> | {body}]: the REP socket puts the empty delimiter frame back before the reply, and the REQ socket strips it.',
  'story.pickle':
    'The {count:payload is a pickled Python object|payloads are pickled Python objects} ({types}, pickle protocol {protocol}): Python serialised {count:it|each one} with pickle, and pickle.loads() gives the value back (the first, {bytes} bytes, is {value}).',
  'story.pickle.noproto':
    'The {count:payload is a pickled Python object|payloads are pickled Python objects} ({types}): Python serialised {count:it|each one} with pickle, and pickle.loads() gives the value back (the first, {bytes} bytes, is {value}).',
  'story.zmtp.delimiter':
    'Each request and reply travels as [<empty> | body] (e.g. [<empty> | {body}]): the REQ socket puts an empty delimiter frame before the body and the REP socket strips it, so the programs see only the body.',
  'ex.zmtp.publish': '{who} {addr} publishes its {nth} message {payload} to {peer_who} {peer_addr}.',
  'ex.zmtp.push': '{who} {addr} pushes its {nth} job {payload} to {peer_who} {peer_addr}.',
  'ex.zmtp.message': '{who} {addr} sends the ZeroMQ message {payload}.',

  // MQTT
  'ex.mqtt.connect': '{who} {addr} connects to the broker {as} (CONNECT, MQTT {version}, keep-alive {keepalive} s).',
  'ex.mqtt.connack': 'The {who} accepts the connection (CONNACK).',
  'ex.mqtt.connack.lat': 'The {who} accepts the connection (CONNACK), {latency} after the CONNECT of frame {req}.',
  'ex.mqtt.connack.refused': 'The {who} refuses the connection (CONNACK: {reason}).',
  'ex.mqtt.publish': "{who} {addr} publishes {payload} on topic '{topic}' (PUBLISH, QoS {qos}).",
  'ex.mqtt.publish.relay':
    "The broker forwards {payload} on topic '{topic}' to {peer_who} {peer_addr} (PUBLISH, QoS {qos}), {delay} after it arrived in frame {src}.",
  'ex.mqtt.publish.deliver':
    "The broker delivers {payload} on topic '{topic}' to {peer_who} {peer_addr} (PUBLISH, QoS {qos}).",
  'ex.mqtt.publish.retained':
    "The broker delivers the retained message {payload} on topic '{topic}' to {peer_who} {peer_addr} (PUBLISH, QoS {qos}, retain flag set): it was published in frame {src}, {age} earlier, and the broker kept it for clients that subscribe later. It is sent now because of the new subscription, so it is not a relay with a delay.",
  'ex.mqtt.publish.retained.nosrc':
    "The broker delivers the retained message {payload} on topic '{topic}' to {peer_who} {peer_addr} (PUBLISH, QoS {qos}, retain flag set): a message the broker kept for clients that subscribe later, sent now because of the new subscription; its publication is not in the capture.",
  'ex.mqtt.publish.will':
    "The broker publishes the will message {payload} on topic '{topic}' to {peer_who} {peer_addr} (PUBLISH, QoS {qos}): the client of connection #{conv} set it in its CONNECT (frame {src}), and its connection ended without DISCONNECT. It is not a relay of a PUBLISH.",
  'ex.mqtt.retain': 'The retain flag is set: the broker keeps this message for future subscribers.',
  'ex.mqtt.props': 'MQTT 5 properties: {list}.',
  'ex.mqtt.will':
    "It sets a will: if its connection ends without DISCONNECT, the broker publishes {payload} on '{topic}' (QoS {qos}{retain}).",
  'ex.mqtt.will.retain': ', retained',
  'ex.mqtt.session.resume':
    'Clean start is off: the client asks to continue the session the broker may still hold for it.',
  'ex.mqtt.session.resume.expiry':
    'Clean start is off: the client asks to continue the session the broker may still hold for it, and to keep it for {expiry} s after the connection ends (session expiry interval).',
  'ex.mqtt.session.persistent':
    'Clean session is off: the broker keeps the session (subscriptions, QoS 1/2 messages) while the client is away.',
  'ex.mqtt.connack.assigned':
    "The client sent an empty client ID: the broker assigns it '{client_id}' (assigned client identifier).",
  'ex.mqtt.connect.empty_id': 'An empty client ID asks the broker to assign one.',
  'ex.mqtt.connack.session_present':
    'Session present: the broker still holds a session for this client, so its earlier subscriptions stay in force.',
  'ex.mqtt.reason.no_subscribers':
    'Reason code 16 (No matching subscribers): the broker accepted the message, but no client subscribed to its topic at that moment, so nobody received it.',
  'ex.mqtt.reason': 'Reason code {code}: {reason}.',
  'ex.mqtt.qos0': 'With QoS 0 no MQTT acknowledgement follows.',
  'ex.mqtt.puback': '{who} {addr} acknowledges the QoS 1 PUBLISH with packet id {id} (PUBACK).',
  'ex.mqtt.puback.lat': '{who} {addr} acknowledges the QoS 1 PUBLISH of frame {req} (PUBACK), {latency} later.',
  'ex.mqtt.pubrec': '{who} {addr} confirms it received the QoS 2 PUBLISH with packet id {id} (PUBREC, step 2 of 4).',
  'ex.mqtt.pubrec.lat':
    '{who} {addr} confirms it received the QoS 2 PUBLISH of frame {req} (PUBREC, step 2 of 4), {latency} later.',
  'ex.mqtt.pubrel': '{who} {addr} releases the QoS 2 message with packet id {id} (PUBREL, step 3 of 4).',
  'ex.mqtt.pubrel.lat':
    '{who} {addr} releases the QoS 2 message (PUBREL, step 3 of 4), {latency} after the PUBREC of frame {req}.',
  'ex.mqtt.pubcomp': '{who} {addr} completes the QoS 2 delivery of packet id {id} (PUBCOMP, step 4 of 4).',
  'ex.mqtt.pubcomp.lat':
    '{who} {addr} completes the QoS 2 delivery (PUBCOMP, step 4 of 4), {latency} after the PUBREL of frame {req}.',
  'ex.mqtt.subscribe': '{who} {addr} subscribes to {topics} (SUBSCRIBE).',
  'ex.mqtt.suback': 'The {who} confirms the subscription (SUBACK, granted QoS {granted}).',
  'ex.mqtt.suback.lat':
    'The {who} confirms the subscription of frame {req} (SUBACK, granted QoS {granted}), {latency} later.',
  'ex.mqtt.unsubscribe': '{who} {addr} unsubscribes from {topics} (UNSUBSCRIBE).',
  'ex.mqtt.unsuback': 'The {who} confirms the unsubscription (UNSUBACK).',
  'ex.mqtt.unsuback.lat': 'The {who} confirms the unsubscription of frame {req} (UNSUBACK), {latency} later.',
  'ex.mqtt.pingreq': '{who} {addr} shows it is still alive (PINGREQ, keep-alive).',
  'ex.mqtt.pingresp': 'The {who} answers the keep-alive (PINGRESP).',
  'ex.mqtt.pingresp.lat': 'The {who} answers the keep-alive of frame {req} (PINGRESP), {latency} later.',
  'ex.mqtt.disconnect':
    '{who} {addr} tells the broker it is disconnecting on purpose (DISCONNECT) before closing the TCP connection.',
  'ex.mqtt.auth': '{who} {addr} sends an AUTH packet (MQTT 5 authentication exchange).',
  'ex.mqtt.other': '{who} {addr} sends an MQTT {kind} packet.',

  // HTTP
  'ex.http.request': '{who} {addr} sends the HTTP request {method} {uri} to {server}.',
  'ex.http.request.body': '{who} {addr} sends the HTTP request {method} {uri} to {server} with the body {body}.',
  'ex.http.response': '{who} {addr} answers with HTTP {status} {text}.',
  'ex.http.response.lat': '{who} {addr} answers the request of frame {req} with HTTP {status} {text}, {latency} later.',
  'ex.http.response.body': '{who} {addr} answers with HTTP {status} {text} and the body {body}.',
  'ex.http.response.body.lat':
    '{who} {addr} answers the request of frame {req} with HTTP {status} {text} and the body {body}, {latency} later.',

  // plain data
  'ex.data.send': '{who} {addr} sends {payload} to {peer_who} {peer_addr}.',
  'ex.data.reply': '{who} {addr} answers {payload}.',
  'ex.data.reply.lat': "{who} {addr} answers {payload}, {latency} after the other side's data of frame {req}.",
  // plain TCP is a byte stream: bytes and segments, never messages
  'ex.data.held':
    '{who} {addr} sends {len} bytes that come after a gap in its byte stream: the stream is complete up to them only from frame {end}, when the missing bytes appear.',
  'ex.data.fill':
    'With these bytes the gap is filled: the {bytes} bytes of {count} {count:segment|segments} that had come after it (frames {from}-{to}) now follow in order.',

  // the story
  'story.arp':
    '{asker} asks who has {target} (ARP request, broadcast) and {target} answers that it is at {mac}: now {asker} can send it IP packets.',
  'story.arp.copies': 'The capture holds each of these ARP frames {count} times (seen on several interfaces).',
  'story.arp.recheck': '{asker} re-checks that {target} is still at {mac} (unicast ARP) and gets the answer.',
  'story.arp.unanswered': '{asker} asks who has {target} (ARP request), but no answer is in the capture.',
  'story.arp.reply': '{sender} tells {target} that it is at {mac} (ARP reply).',
  'story.arp.announce': '{sender} announces that it is at {mac} (ARP).',
  'story.arp.more': '{count} more ARP {count:frame|frames} between {a} and {b} (not told one by one).',
  'story.other': '{count} other {count:frame|frames} outside any conversation: {protocols}.',
  'story.copies':
    '{count} {count:frame is a copy|frames are copies} of packets already captured on another interface (tcpdump -i any sees each packet where it enters the bridge and where it leaves); left out of the conversations and the TCP analysis.',
  'story.tcp.handshake':
    '{client} opens a TCP connection to {server} with the three-way handshake (SYN, SYN-ACK, ACK); round trip {rtt}.',
  'story.tcp.handshake.partial':
    '{client} opens a TCP connection to {server}: SYN and SYN-ACK are seen, the final ACK of the handshake is not in the capture.',
  'story.tcp.syn_unanswered':
    '{client} tries to open a TCP connection to {server} ({count} SYN), but no answer is in the capture.',
  'story.tcp.syn_retries': 'The SYN was sent {count:once more|{count} more times} before the server answered.',
  'story.tcp.midstream':
    'The capture began mid-connection: the TCP connection between {client} and {server} already existed when the capture started, so its handshake is not in the capture and these first frames are not a connection setup.',
  'story.tcp.refused':
    '{client} tries to connect to {server}, and the host answers the SYN with RST at once: nothing listens on port {port} (connection refused).',
  'story.tcp.refused.attempt':
    'Attempt {attempt} of {total}: {client} tries to connect to {server}, and the host answers the SYN with RST: nothing listens on port {port} yet (connection refused).',
  'story.tcp.data':
    '{who} {addr} sends {c2s_bytes} bytes of data and {s_who} {s_addr} sends {s2c_bytes} bytes; no application protocol was recognised.',
  'story.tcp.trouble': 'TCP had to work for it: {list}.',
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
  'story.mqtt.connect':
    '{who} {addr} connects to the broker {broker} {as} (CONNECT, MQTT {version}, keep-alive {keepalive} s); the broker accepts (CONNACK) after {latency}.',
  'story.mqtt.connect.noack':
    "{who} {addr} connects to the broker {broker} {as} (CONNECT, MQTT {version}); the broker's CONNACK is not in the capture.",
  'story.mqtt.connect.refused':
    '{who} {addr} connects to the broker {broker} {as} (CONNECT), but the broker refuses: {reason}.',
  'story.mqtt.connack_only':
    'The broker {broker} accepts the connection of {who} {addr} (CONNACK); the CONNECT is not in the capture.',
  'story.mqtt.subscribe':
    '{who} {addr} subscribes to {topics} (SUBSCRIBE); the broker confirms (SUBACK, granted QoS {granted}).',
  'story.mqtt.subscribe.noack': '{who} {addr} subscribes to {topics} (SUBSCRIBE).',
  'story.mqtt.publish': '{who} {addr} publishes {count} {count:message|messages} on {topics} (QoS {qos}): {values}.',
  'story.mqtt.qos0':
    'Each PUBLISH is followed only by a TCP ACK from the broker: with QoS 0 MQTT itself sends no acknowledgement.',
  'story.mqtt.retain_set':
    'The retain flag is set on {count:the message|{count} of them} on {topics}: the broker keeps the last such message and hands it to every client that subscribes later.',
  'story.mqtt.props': 'MQTT 5 properties: {list}.',
  'story.mqtt.retained':
    'When the subscription is made, the broker delivers {count:the retained message|{count} retained messages} on {topics} to {who} {addr} ({values}; PUBLISH with the retain flag set): published in frame {src} and kept by the broker for clients that subscribe later ({age} earlier). This is not a relay with a delay.',
  'story.mqtt.retained.nosrc':
    'When the subscription is made, the broker delivers {count:the retained message|{count} retained messages} on {topics} to {who} {addr} ({values}; PUBLISH with the retain flag set): kept by the broker for clients that subscribe later; the publication is not in the capture.',
  'story.mqtt.will':
    "The broker publishes a will to {who} {addr}: {payload} on '{topic}', which the client of connection #{conv} set in its CONNECT (frame {src}); that connection ended without DISCONNECT. This is not a relay of a PUBLISH.",
  'story.mqtt.assigned':
    "With an empty client ID the broker assigns one: here '{client_id}' (CONNACK, assigned client identifier).",
  'story.mqtt.assigned.unknown': 'With an empty client ID the broker assigns one itself.',
  'story.mqtt.will_set':
    "Its CONNECT sets a will: if the connection ends without DISCONNECT, the broker publishes {payload} on '{topic}' (QoS {qos}).",
  'story.mqtt.will_set.retain':
    "Its CONNECT sets a will: if the connection ends without DISCONNECT, the broker publishes {payload} on '{topic}' (QoS {qos}, retained).",
  'story.mqtt.session.resume': 'Clean start is off: the client asks to continue a session the broker may still hold.',
  'story.mqtt.session.resume.expiry':
    'Clean start is off: the client asks to continue a session the broker may still hold, and asks it to keep the session for {expiry} s after the connection ends (session expiry interval).',
  'story.mqtt.session.persistent':
    'Clean session is off: the broker keeps the session (subscriptions, QoS 1/2 messages) while the client is away.',
  'story.mqtt.session_present':
    'The broker still held a session for this client (CONNACK: session present), so its earlier subscriptions stay in force.',
  'story.mqtt.session_new': 'The broker held no session for this client yet (CONNACK: session present 0).',
  'story.mqtt.no_subscribers':
    "The broker answers the PUBLISH on {topics} with reason code 16 'No matching subscribers' ({kind}): it accepted {count:the message|the messages}, but no client subscribed to {count:that topic|those topics} at that moment, so nobody received {count:it|them} then.",
  'story.mqtt.no_subscribers.retained': 'A retained message is still kept for clients that subscribe later.',
  'story.mqtt.reason_code': "The {kind} of frame {frame} carries reason code {code} '{reason}'.",
  'fmt.mqtt.as': "as '{client_id}'",
  'fmt.mqtt.as_empty': 'with an empty client ID',
  'fmt.mqtt.puback': '{count} PUBACK (acknowledgement of a QoS 1 PUBLISH)',
  'fmt.mqtt.pubrec': '{count} PUBREC (QoS 2 step 2: the receiver has the message)',
  'fmt.mqtt.pubrel': '{count} PUBREL (QoS 2 step 3: the sender of the PUBLISH releases it)',
  'fmt.mqtt.pubcomp': '{count} PUBCOMP (QoS 2 step 4: the exchange is complete)',
  'fmt.mqtt.content_type': "content type '{value}'",
  'fmt.mqtt.utf8': 'payload format UTF-8 text',
  'fmt.mqtt.bytes': 'payload format unspecified bytes',
  'fmt.mqtt.expiry': 'message expiry {value} s',
  'fmt.mqtt.response_topic': "response topic '{value}'",
  'fmt.mqtt.correlation': 'correlation data',
  'fmt.mqtt.user': 'user property {name}={value}',
  'story.mqtt.deliver':
    'The broker forwards {count} {count:message|messages} on {topics} to {who} {addr} ({values}), {count:{delay}|each {delay}} after it arrived from the publisher.',
  'story.mqtt.deliver.nodelay':
    'The broker forwards {count} {count:message|messages} on {topics} to {who} {addr}: {values}.',
  'story.mqtt.acks': "MQTT's own QoS 1/2 exchange: {list}.",
  'story.mqtt.pings': '{count} keep-alive {count:ping|pings} (PINGREQ/PINGRESP).',
  'story.mqtt.no_disconnect':
    'The client closed TCP without sending DISCONNECT first: for the broker that is an unexpected loss of the client.',
  'story.mqtt.no_disconnect.will':
    "The client closed TCP without sending DISCONNECT first: for the broker that is an unexpected loss, so it publishes the client's will message on '{topic}'.",
  'story.mqtt.disconnect': '{who} {addr} sends DISCONNECT.',
  'story.http': '{who} {addr} sends {count} HTTP {count:request|requests} to {s_who} {s_addr}: {pairs}.',
  'story.http.chunked':
    'The response to {req} comes in chunks (Transfer-Encoding: chunked, {bytes} bytes of body in all): the server sends it piece by piece without announcing its length first.',
  'story.http.reuse':
    'All {count} requests travel over this one TCP connection: HTTP/1.1 keep-alive keeps it open between requests.',
  'story.http.close': 'The response says Connection: close, so the server closes this TCP connection after answering.',
  'story.http.close.server':
    'The response of the server ({server}) says Connection: close, so it closes this TCP connection after answering.',
  'story.http.close10':
    'The response is HTTP/1.0 without keep-alive, so the server closes this TCP connection after answering.',
  'story.http.close10.server':
    'The response of the server ({server}) is HTTP/1.0 without keep-alive, so it closes this TCP connection after answering.',
  'story.http.close.werkzeug':
    "The response of Werkzeug's development server (the server Flask's app.run() starts; Server: {server}) says Connection: close, so it closes this TCP connection after answering.",
  'story.http.close10.werkzeug':
    "The response of Werkzeug's development server (the server Flask's app.run() starts; Server: {server}) is HTTP/1.0 without keep-alive, so it closes this TCP connection after answering.",
  'story.http.close.next': 'One request per connection: the next request opens a new TCP connection (#{id}).',
  'story.data.both':
    '{who} {addr} sends {c2s_bytes} bytes ({c_values}) and {s_who} {s_addr} sends {s2c_bytes} bytes ({s_values}).',
  'story.data.pairs':
    '{who} {addr} and {s_who} {s_addr} take turns, {s_who} answering each time ({count} {count:turn|turns}): {pairs}.',
  'story.data.oneway': '{who} {addr} sends {bytes} bytes: {values}; nothing comes back but TCP ACKs.',
  'story.udp': '{src} sends {count} UDP {count:datagram|datagrams} to {dst}: {values}.',
  'story.udp.pairs':
    '{src} sends {count} UDP {count:datagram|datagrams} to {dst}, and {dst} answers {answered:one of them|{answered} of them} with a datagram of its own: {pairs}. The answers come from the programs: UDP itself has no connection and no acknowledgement.',
  'story.udp.oneway': 'Nothing comes back: UDP has no connection and no acknowledgement.',
  'story.udp.flow': 'UDP between {client} and {server}: {c2s} {c2s:datagram|datagrams} one way, {s2c} back.',
  'story.end.fin':
    '{who} {addr} closes the connection (FIN) and {o_who} {o_addr} closes its side too (FIN); with the last ACK the connection is closed normally.',
  'story.end.fin.half':
    '{who} {addr} closes its side (FIN); {o_who} {o_addr} had not closed its side when the capture stopped.',
  'story.end.rst': '{who} {addr} ends the connection abruptly with RST instead of the FIN exchange.',
  'story.end.open': 'No FIN or RST: the connection was still open when the capture stopped (last frame {last}).',
  'story.end.open.zmtp':
    'No FIN or RST: the connection was still open when the capture stopped (last frame {last}); ZeroMQ keeps its TCP connection for as long as the socket lives.',

  // overview
  'ov.summary': '{frames} frames in {duration}: {parts}.',
  'ov.summary.empty': 'The capture holds no packets.',
  'ov.summary.apps': 'Application protocols: {apps}.',
  'ov.conv': '#{id} {client} → {server} ({transport}): {what}; {end}.',
  'ov.conv.noend': '#{id} {client} → {server} ({transport}): {what}.',
  'ov.conv.refused': 'connection refused, nothing listened on port {port}',
  'ov.conv.zmtp.reqrep': 'ZeroMQ {pattern}, {c2s} {c2s:request|requests} and {s2c} {s2c:reply|replies}',
  'ov.conv.zmtp.pubsub': 'ZeroMQ {pattern}, {count} {count:message|messages} published',
  'ov.conv.zmtp.pipeline': 'ZeroMQ {pattern}, {count} {count:job|jobs} pushed',
  'ov.conv.zmtp.midstream':
    'ZeroMQ with socket types unknown (the ZMTP handshake is not in the capture), {c2s} {c2s:message|messages} from the client and {s2c} from the server',
  'ov.conv.zmtp': 'ZeroMQ {pattern}, {c2s} {c2s:message|messages} from the client and {s2c} from the server',
  'ov.conv.mqtt': '{client}, {sent} PUBLISH sent, {got} received',
  'ov.conv.mqtt.sub': '{client}, subscribed to {topics}, {got} PUBLISH received',
  'fmt.mqtt.client': "MQTT client '{client_id}'",
  'fmt.mqtt.client_empty': 'MQTT client with an empty client ID',
  'ov.conv.http': 'HTTP, {count} {count:request|requests} ({methods})',
  'ov.conv.udp': 'UDP, {c2s} {c2s:datagram|datagrams} one way and {s2c} back',
  'ov.conv.data': 'TCP data, {c2s} bytes from the client and {s2c} bytes from the server',
  'ov.conv.tcp': 'TCP, {c2s} bytes from the client and {s2c} bytes from the server',
  'ov.start.midstream': 'already open when the capture began',
  'ov.end.fin': 'closed by the {by} (FIN)',
  'ov.end.rst': 'aborted by the {by} (RST)',
  'ov.end.open': 'still open when the capture stopped',
  'ov.ab.damaged': 'The capture file is damaged: only the first {frames} frames could be read.',
  'ov.ab.snaplen':
    'The capture kept only the first {kept} bytes of each frame (its snapshot length, as with tcpdump -s {kept}): {frames} of the {total} frames were longer and are cut, the first is frame {first}. Lengths are shown as the headers declare them, what was sent, but the bytes past the cut are not in the file: the data of cut frames is known only in part, so the content of the messages in it is unknown past the cut, and where a message length was cut off too, so is where the next messages begin.',
  'ov.ab.refused':
    '{count} connection {count:attempt|attempts} to {server} {count:was|were} refused (SYN answered by RST): nothing listened on port {port} at that time.',
  'ov.ab.rst': 'Connection #{id} was aborted with RST by the {who} {addr} (frame {frame}).',
  'ov.ab.midstream': 'Connection #{id} began before the capture started (no handshake seen, first frame {frame}).',
  'ov.ab.noanswer': 'Connection #{id}: {server} never answered the SYN.',
  'ov.ab.tcp': 'Connection #{id}: {list}.',
  'ov.ab.note': '{text} (frames {frames})',
  'ov.ab.none': 'Nothing abnormal: every connection was set up and ended normally.',
  'role.zmtp.bound': 'ZeroMQ {socket} {noun} on :{port}',
  'role.zmtp.connect': 'ZeroMQ {socket} {noun} connected to {server}',
  'role.zmtp.server': 'ZeroMQ server on :{port}',
  'role.zmtp.client': 'ZeroMQ client of {server}',
  'role.mqtt.broker': 'MQTT broker on :{port}',
  'role.mqtt.publisher': "MQTT publisher '{client_id}'",
  'role.mqtt.publisher.anon': 'MQTT publisher',
  'role.mqtt.subscriber': "MQTT subscriber '{client_id}'",
  'role.mqtt.subscriber.anon': 'MQTT subscriber',
  'role.mqtt.both': "MQTT publisher and subscriber '{client_id}'",
  'role.mqtt.both.anon': 'MQTT publisher and subscriber',
  'role.mqtt.client': "MQTT client '{client_id}'",
  'role.mqtt.client.anon': 'MQTT client of {broker}',
  'role.http.server': 'HTTP server on :{port}',
  'role.http.client': 'HTTP client of {server}',
  'role.tcp.server': 'TCP server on :{port}',
  'role.tcp.client': 'TCP client of {server}',
  'role.tcp.refused': 'refused connections on :{port} (nothing listening)',
  'role.udp.sender': 'sends UDP datagrams to {dst}',
  'role.udp.receiver': 'receives UDP datagrams on :{port}',
  'role.arp_only': 'seen only in ARP',
  'role.seen_only': 'seen only in {protocols}',
  'role.group': 'broadcast or multicast address',

  // teaching notes
  'teach.tcp_ack_not_mqtt_ack':
    'TCP ACKs are not MQTT acknowledgements. The ACK in frame {ack} after the PUBLISH of frame {publish} is TCP confirming that the bytes arrived; it says nothing about MQTT delivery. MQTT confirms only QoS 1 messages (PUBACK) and QoS 2 messages (PUBREC from the receiver, the release PUBREL from the sender, then PUBCOMP); with QoS 0 there is no MQTT acknowledgement at all.',
  'teach.zmq_no_fin':
    'No FIN on connection #{id} is normal for ZeroMQ: a socket keeps its TCP connection open for its whole life and sends every message over it; FIN comes only when the program closes the socket.',
  'teach.zmq_one_connection':
    "ZeroMQ sends all {count} messages of connection #{id} over one TCP connection that stays open for the socket's life; the FIN at the end comes only because the program closed its socket, not after each message.",
  'teach.checksum_offload':
    'Wireshark marks TCP/UDP checksums in this capture (the first in frame {frame}) as wrong ("maybe caused by checksum offload") when it checks them. They are not corrupt: the sender left the checksum to its (virtual) network card, checksum offload, and the capture took the packet before the checksum was completed (a veth never completes it: the receiving kernel on the same host trusts the packet). The captured value is exactly the partial sum over the addresses and the length, as pcap-explain checks.',
  'teach.zmtp_greeting_split':
    "The ZMTP greeting arrives in {count} TCP segments (frames {frames}): libzmq sends the 10-byte signature first and the rest of the 64 bytes (version, mechanism) only after it has seen the peer's signature. TCP is a byte stream: one message can span several segments, and one segment can hold several messages.",
  'teach.several_in_one_segment':
    'Frame {frame} carries {count} application messages in one TCP segment. TCP does not keep message boundaries: the protocol (ZMTP, MQTT, HTTP) marks where each message ends, so one frame is not one message.',
  'teach.pub_filters':
    'Subscriber {subscriber} (connection #{id}) subscribed to {topic} and received nothing. Since ZMTP 3 the publisher filters: it sends each message only to subscribers whose subscription is a prefix of it, so a non-matching subscriber gets no frames at all (not frames it throws away).',
  'teach.rst_after_disconnect':
    'The client sends DISCONNECT (frame {disconnect}) and then RST (frame {rst}) instead of FIN. Linux answers a close() with RST when the program never read data waiting in its receive buffer (here the CONNACK or other packets from the broker). The broker did nothing wrong.',
  'teach.refused_retries':
    'The client tried {count:once|{count} times} to connect to {server}, and each SYN was answered by RST: no program listened on port {port}. Each attempt is a new TCP connection with a new source port.',
  'teach.refused_retries.ok':
    'The client tried {count:once|{count} times} to connect to {server} while no program listened on port {port}, so each SYN was answered by RST (each attempt with a new source port); connection #{id} succeeded once the server had started.',
  'teach.round_robin':
    'Producer {producer} shares its {jobs} jobs between {workers} workers in turn (round-robin): {per}. Each job goes to exactly one worker.',
  'fmt.per_worker': '{count} to {worker}',
  'teach.midstream':
    'Connection #{id} has no handshake in the capture: the capture began after it was opened. Its first frames (from frame {frame}) are ordinary traffic, not a connection setup.',
  'teach.docker.gateway':
    "{gateway} is not a container: it is the Docker host's own address on this network (the gateway, the address of bridge {bridge}). Connection #{id} to {server} was opened by a program on the host. For a port published with `ports:` in the compose file and reached from the host (`curl localhost:PORT`), that program is docker-proxy: it accepts the connection on the host and opens this one to the container, so the container sees the gateway as its client.",
  'teach.docker.dns':
    "No DNS in this capture. On a Docker network, a container that looks up another container's name ({names}) asks Docker's embedded DNS server at 127.0.0.11, inside its own container, so such lookups never cross the bridge. Only names Docker does not know (a host on the Internet) are forwarded from the container to the host's DNS server and then appear here as DNS on port 53.",
  'teach.psh_flag':
    'The PSH flag does not mean a ZeroMQ PUSH or a request. It asks the receiving TCP to hand the data to the program at once; Linux sets it on the last segment of each write. Replies, published messages and jobs all carry it.',

  // headings and labels of the reports
  'ui.title': 'pcap-explain report: {file}',
  'ui.overview': 'Overview',
  'ui.hosts': 'Hosts',
  'ui.host': 'Host',
  'ui.mac': 'MAC',
  'ui.role': 'Role',
  'ui.conversations': 'Conversations',
  'ui.conversation': 'Conversation #{id}: {client} → {server}',
  'ui.story': 'What happened',
  'ui.display_filter': 'Display filter {filter}: {matched} of {frames} frames match.',
  'ui.frames': 'Frames',
  'ui.frame': 'Frame {n}',
  'ui.abnormal': 'Worth a second look',
  'ui.teaching': 'Good to know',
  'ui.none': 'nothing',
  'ui.col.no': 'No.',
  'ui.col.time': 'Time',
  'ui.col.src': 'Source',
  'ui.col.dst': 'Destination',
  'ui.col.proto': 'Protocol',
  'ui.col.len': 'Length',
  'ui.col.info': 'Info',
  'ui.col.dir': 'Direction',
  'ui.col.explain': 'Explanation',
  'ui.col.app': 'Application',
  'ui.col.frames': 'Frames',
  'ui.col.ending': 'Ending',
  'ui.col.state': 'State',
  'ui.col.client': 'Client',
  'ui.col.server': 'Server',
  'ui.col.packets': 'Packets',
  'ui.col.bytes': 'Bytes',
  'ui.col.data': 'Data bytes',
  'ui.col.duration': 'Duration',
  'ui.col.wireshark': 'Wireshark filter',
  'ui.col.host.ip': 'Address',
  'ui.col.tx.packets': 'Sent',
  'ui.col.tx.bytes': 'Bytes sent',
  'ui.col.rx.packets': 'Received',
  'ui.col.rx.bytes': 'Bytes received',
  'ui.traffic': 'Traffic per conversation',
  'ui.chart': 'Traffic over time',
  'ui.chart.caption': 'Frames (bars) and bytes (line) per {interval} s, from the first frame',
  'ui.chart.bar': '{a}–{b} s: {frames} {frames:frame|frames}, {bytes} bytes',
  'ui.follow': 'Follow the stream (the bytes each side sent)',
  'ui.follow.frame': 'frame {n}',
  'ui.follow.cut': 'Only the first {bytes} bytes are shown; pcap-explain FILE -q -z follow,… prints them all.',
  'ui.endpoints': 'Endpoints (IP addresses)',
  'ui.more.rows': '… {count} more (all of them: {command})',
  'ui.end.fin': 'FIN',
  'ui.end.rst': 'RST',
  'ui.end.refused': 'refused',
  'ui.end.open': 'open',
  'ui.end.by': ' by {by}',
  'ui.end.open_at_end': 'open at end',
  'ui.hs.complete': 'complete',
  'ui.hs.partial': 'partial',
  'ui.hs.not_seen': 'not seen',
  'ui.col.pkts': 'Pkts c→s/s→c',
  'ui.col.bytes_dir': 'Bytes c→s/s→c',
  'ui.col.handshake': 'Handshake',
  'ui.conversations.none': 'Conversations: none',
  'ui.diagram': 'Sequence diagram',
  'ui.diagram.more': '{count} more {count:frame|frames} not drawn',
  'ui.filter': 'Filter frames (text, address, protocol)…',
  'ui.detail': 'Layers',
  'ui.hexdump': 'Bytes',
  'ui.select': 'Select a frame or an arrow to see its layers and bytes.',
  'ui.generated': 'Generated by pcap-explain {version}.',
  'ui.story.frames': 'Frames {a}-{b}',
  'ui.story.frame': 'Frame {a}',
  'ui.selection': 'Selection: {what}.',
  'ui.other_frames': 'Frames outside conversations (ARP and others)',
  'ui.h.capture': 'Capture',
  'ui.h.capture.value': '{fmt}, {links}, {frames} {frames:frame|frames}, {bytes} bytes',
  'ui.h.time': 'Time',
  'ui.h.comment': 'Comment',
  'ui.h.warning': 'Warning',
  'ui.h.unknown_format': 'unknown format',
  'ui.h.no_interfaces': 'no interfaces',
  'ui.h.no_packets': 'no packets in this capture',
  'ui.h.protocols': 'Protocols',
  'ui.notes.line': '{code} ×{count} (first in frame {frame}): {text}',
  'ui.notes': 'Notes',
  'ui.capture': 'Capture',
  'ui.col.count': 'Count',
  'ui.grouped':
    '{count} conversations: those alike in kind (client host, server, application, ending) are told as one group; --conversations lists each one.',
  'overview.group':
    '{count} more {count:connection|connections} of the same kind as #{id} (the same client host, server, application and ending): {ids}, in frames {a}-{b}. Each lasted {d} (median {dmed}, 95% within {d95}) and carried {p} packets and {b2} bytes of payload.',
  'overview.group_one':
    '1 more connection of the same kind as #{id} (the same client host, server, application and ending): {ids}, in frames {a}-{b}. It lasted {d} and carried {p} packets and {b2} bytes of payload.',
  'overview.group_udp':
    '{count} more UDP {count:flow|flows} of the same kind as #{id} (the same client host, server and application): {ids}, in frames {a}-{b}. Each lasted {d} (median {dmed}, 95% within {d95}) and carried {p} datagrams and {b2} bytes of payload.',
  'overview.group_udp_one':
    '1 more UDP flow of the same kind as #{id} (the same client host, server and application): {ids}, in frames {a}-{b}. It lasted {d} and carried {p} datagrams and {b2} bytes of payload.',
  'fmt.span': '{a} to {b}',
  'story.group':
    '{count} more {count:conversation|conversations} of the same kind as #{id} in frames {a}-{b} (see Conversations).',
  'overview.alike': 'And {count} more of the same kind: {ids}.',
  'overview.alike_frames': 'And {count} more of the same kind.',
};
