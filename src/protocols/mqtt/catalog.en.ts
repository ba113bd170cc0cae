import type { Catalogue } from '../../explain/catalog/types.js';

/** English texts of this protocol: its frame sentences, story, overview and teaching entries, and its note codes. */
export const en: Catalogue = {
  'app.mqtt': 'MQTT',
  'lbl.mqtt': 'the {kind}',
  'ex.tcp.ack.msg.mqtt':
    "{who} {addr} acknowledges {what} of frame {acked} at the TCP level (ACK, no data). This is TCP's receipt of the bytes, not an MQTT acknowledgement.",
  'ex.mqtt.connect': '{who} {addr} connects to the broker {as} (CONNECT, MQTT {version}, keep-alive {keepalive} s).',
  'ex.mqtt.connack': 'The {who} accepts the connection (CONNACK).',
  'ex.mqtt.connack.lat': 'The {who} accepts the connection (CONNACK), {latency} after the CONNECT of frame {req}.',
  'ex.mqtt.connack.refused': 'The {who} refuses the connection (CONNACK: {reason}).',
  'ex.mqtt.publish': "{who} {addr} publishes {payload} on topic '{topic}' (PUBLISH, QoS {qos}).",
  'ex.mqtt.publish.relay':
    "The broker forwards {payload} on topic '{topic}' to {peer_who} {peer_addr} (PUBLISH, QoS {qos}), {delay} after it arrived in frame {src}.",
  'ex.mqtt.publish.queued':
    "The broker delivers {payload} on topic '{topic}' to {peer_who} {peer_addr} (PUBLISH, QoS {qos}): it was published in frame {src}, {delay} earlier, before this connection began, and the broker kept it in the client's session until the client came back.",
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
  'story.mqtt.unsubscribe':
    '{who} {addr} unsubscribes from {topics} in frame {frame} (UNSUBSCRIBE); the broker confirms (UNSUBACK).',
  'story.mqtt.unsubscribe.noack': '{who} {addr} unsubscribes from {topics} in frame {frame} (UNSUBSCRIBE).',
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
  'story.mqtt.queued':
    "The broker delivers {count:a message|{count} messages} on {topics} to {who} {addr} ({values}) that {count:was|were} published before this connection began ({count:frame|frames} {src}): the broker kept {count:it|them} in the client's session while the client was not connected, and hands {count:it|them} over now that it is back ({age} after publication). This is not a relay with a delay.",
  'story.mqtt.acks': "MQTT's own QoS 1/2 exchange: {list}.",
  'story.mqtt.pings': '{count} keep-alive {count:ping|pings} (PINGREQ/PINGRESP).',
  'story.mqtt.no_disconnect':
    'The client closed TCP without sending DISCONNECT first: for the broker that is an unexpected loss of the client.',
  'story.mqtt.no_disconnect.will':
    "The client closed TCP without sending DISCONNECT first: for the broker that is an unexpected loss, so it publishes the client's will message on '{topic}'.",
  'story.mqtt.disconnect': '{who} {addr} sends DISCONNECT.',
  'story.mqtt.refused_close':
    'No DISCONNECT is needed: the refused CONNACK ends the MQTT session, and MQTT requires the broker to close the connection after it.',
  'story.mqtt.taken_over':
    "The broker closed it without a DISCONNECT after connection #{id} logged in with the same client ID '{client_id}' (CONNECT in frame {frame}): MQTT allows one connection per client ID, so the broker drops the older one (session takeover).",
  'story.mqtt.broker_closed':
    'The broker closed the connection without a DISCONNECT from the client. A broker does so on its own when another connection uses the same client ID, when the keep-alive time passes without a packet, or after a protocol error.',
  'ov.conv.mqtt': '{client}, {sent} PUBLISH sent, {got} received',
  'ov.conv.mqtt.refused': '{client}, login refused (CONNACK: {reason})',
  'ov.conv.mqtt.sub': '{client}, subscribed to {topics}, {got} PUBLISH received',
  'fmt.mqtt.client': "MQTT client '{client_id}'",
  'fmt.mqtt.client_empty': 'MQTT client with an empty client ID',
  'role.mqtt.broker': 'MQTT broker on :{port}',
  'role.mqtt.publisher': "MQTT publisher '{client_id}'",
  'role.mqtt.publisher.anon': 'MQTT publisher',
  'role.mqtt.subscriber': "MQTT subscriber '{client_id}'",
  'role.mqtt.subscriber.anon': 'MQTT subscriber',
  'role.mqtt.both': "MQTT publisher and subscriber '{client_id}'",
  'role.mqtt.both.anon': 'MQTT publisher and subscriber',
  'role.mqtt.client': "MQTT client '{client_id}'",
  'role.mqtt.client.anon': 'MQTT client of {broker}',
  'teach.tcp_ack_not_mqtt_ack':
    'TCP ACKs are not MQTT acknowledgements. The ACK in frame {ack} after the PUBLISH of frame {publish} is TCP confirming that the bytes arrived; it says nothing about MQTT delivery. MQTT confirms only QoS 1 messages (PUBACK) and QoS 2 messages (PUBREC from the receiver, the release PUBREL from the sender, then PUBCOMP); with QoS 0 there is no MQTT acknowledgement at all.',
  'mqtt.malformed': 'This MQTT packet could not be decoded ({reason}); decoding goes on with the next packet.',
  'mqtt.malformed.varint_too_long': 'The MQTT remaining-length field is longer than 4 bytes, which is not allowed.',
  'mqtt.malformed.too_long': 'An MQTT packet claims to be longer than the decoder keeps; its bytes were skipped.',
  'mqtt.msgtype.reserved': 'MQTT packet type 0 is reserved and never valid.',
  'mqtt.version.assumed':
    'No CONNECT was seen on this connection (the capture began later), so MQTT version 3.1.1 is assumed for decoding.',
  'mqtt.conack.refused': 'The broker refused the connection: {name} (code {code}).',
  'mqtt.reason_code.failure': 'The reason code {code} reports a failure: {name}.',
  'mqtt.suback.failure': 'The broker refused subscription number {index}: {name} (code {code}).',
  'mqtt.disconnect.reason': 'The DISCONNECT carries the reason code {code}: {name}.',
  'mqtt.ack.unmatched': 'This {msgtype} answers no request seen in the capture.',
  'mqtt.msgid.in_use':
    'Packet id {msgid} is reused by a new {msgtype} while the one of frame {first} still waits for its acknowledgement.',
  'mqtt.dissector_bug': 'Internal error while decoding MQTT ({reason}); please report it.',
  'teach.rst_after_disconnect':
    'The client sends DISCONNECT (frame {disconnect}) and then RST (frame {rst}) instead of FIN. Linux answers a close() with RST when the program never read data waiting in its receive buffer (here the CONNACK or other packets from the broker). The broker did nothing wrong.',
};
