import type { Catalogue } from './types.js';

/**
 * English texts for the notes of the analysis layer (tcp.analysis.*, reassembly), the application
 * dissectors (mqtt.*, zmtp.*, http.*, payload.*) and Zeek's conn_state values (zeek.conn_state.*).
 * These are the only texts for those codes: the layers below declare codes and severities, never sentences.
 */
export const enNotes: Catalogue = {
  // TCP analysis (Wireshark's tcp.analysis.* flags)
  'tcp.analysis.retransmission':
    'This segment repeats what this side had already sent (data, or a SYN or FIN), so the sender is sending it again.',
  'tcp.analysis.fast_retransmission':
    'The receiver sent repeated ACKs for this data shortly before, so the sender resent it at once without waiting for a timeout.',
  'tcp.analysis.spurious_retransmission':
    'The receiver had already acknowledged all of this data, so resending it was unnecessary.',
  'tcp.analysis.out_of_order':
    'This segment arrived later than data that follows it in the byte stream, shortly after that data.',
  'tcp.analysis.reused_ports':
    'A new connection starts with the same addresses and ports as an earlier connection in this capture.',
  'tcp.analysis.lost_segment': 'Data before this segment is missing from the capture (it was lost or not captured).',
  'tcp.analysis.ack_lost_segment':
    'This acknowledges data that does not appear in the capture: the receiver got it, so the capture missed it (no loss in the network).',
  'tcp.analysis.window_update':
    'The receiver announces a new window size without sending data or acknowledging anything new.',
  'tcp.analysis.window_full':
    "This segment fills the receiver's advertised window completely; the sender must wait for an ACK.",
  'tcp.analysis.keep_alive':
    'A keep-alive probe: the sender checks that the connection is still alive by resending its last byte (or nothing).',
  'tcp.analysis.keep_alive_ack': 'The answer to a keep-alive probe: the other side is still there.',
  'tcp.analysis.duplicate_ack':
    'This ACK repeats the previous one: the receiver is still waiting for the same data, which hints at a lost segment.',
  'tcp.analysis.zero_window_probe':
    'The sender probes a receiver whose window is zero, to learn when it can send again.',
  'tcp.analysis.zero_window': 'The receiver advertises a window of zero: its buffer is full and the sender must stop.',
  'tcp.analysis.zero_window_probe_ack': 'The answer to a zero-window probe: the window is still zero.',
  'tcp.reassembly.cap_reached':
    'Too much out-of-order data was waiting for missing bytes; the missing bytes were given up so the stream could continue.',
  'tcp.reassembly.segment_cap_reached':
    'Too many out-of-order segments ({segments}, the limit is {cap}) were waiting for missing bytes; the missing bytes were given up so the stream could continue.',
  'tcp.pdu.too_large': 'A message claimed to be larger than the reassembly limit; its bytes were skipped.',
  'tcp.pdu.incomplete': 'A message was cut short because bytes are missing from the capture or the stream ended.',
  'tcp.pdu.cut':
    'A {length}-byte message was cut by the snapshot length after its first {captured} bytes, so it cannot be decoded in full; decoding goes on with the next message, which starts where that length says.',
  'tcp.pdu.framer_error':
    'The message framing code returned an impossible answer; one byte was skipped (this is a bug in pcap-explain).',
  'conversation.cap_reached':
    'More than {cap} conversations were open at once; the {flushed} idlest were closed early and reported as they stood (pcap-explain limits the open conversations it keeps, Wireshark does not).',
  'conversation.evicted':
    'This conversation was closed early because more than {cap} conversations were open at once and it had been idle the longest; it is reported as it stood at its last frame. A later packet of the same addresses and ports starts a new conversation.',

  // Zeek conn_state
  'zeek.conn_state.S0': 'Connection attempt seen, no reply.',
  'zeek.conn_state.S1': 'Connection established, not terminated.',
  'zeek.conn_state.SF': 'Normal establishment and termination.',
  'zeek.conn_state.REJ': 'Connection attempt rejected.',
  'zeek.conn_state.S2':
    'Connection established and close attempt by the originator seen (but no reply from the responder).',
  'zeek.conn_state.S3':
    'Connection established and close attempt by the responder seen (but no reply from the originator).',
  'zeek.conn_state.RSTO': 'Connection established, the originator aborted (sent a RST).',
  'zeek.conn_state.RSTR': 'The responder sent a RST.',
  'zeek.conn_state.RSTOS0': 'The originator sent a SYN followed by a RST; no SYN-ACK from the responder was seen.',
  'zeek.conn_state.RSTRH':
    'The responder sent a SYN-ACK followed by a RST; no SYN from the (purported) originator was seen.',
  'zeek.conn_state.SH':
    'The originator sent a SYN followed by a FIN; no SYN-ACK from the responder was seen (the connection was "half" open).',
  'zeek.conn_state.SHR': 'The responder sent a SYN-ACK followed by a FIN; no SYN from the originator was seen.',
  'zeek.conn_state.OTH': 'No SYN seen, just midstream traffic (the capture began after the connection was set up).',

  // MQTT
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

  // ZMTP (ZeroMQ)
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

  // HTTP
  'http.header.too_long': 'The HTTP header block is longer than {max} bytes; this direction is not decoded further.',
  'http.malformed': 'These bytes are not valid HTTP ({reason}); this direction is not decoded further.',
  'http.body.capped': 'The body has {total} bytes; only the first {kept} are kept for display.',
  'http.content_encoding': 'The body is compressed ({encoding}) and is not decoded.',
  'http.incomplete': 'The connection ended (or bytes are missing) in the middle of an HTTP message.',
  'http.gap':
    'Bytes are missing from the capture in this direction: the HTTP message in progress is cut short, and decoding goes on at the next request or status line.',
  'http.upgrade': 'The connection switches to another protocol (Upgrade); what follows is not HTTP.',
  'http.connect.tunnel': 'CONNECT opened a tunnel; what follows is not HTTP.',
  'http.response.unmatched': 'This response ({code}) answers no request seen in the capture.',
  'http.dissector_bug': 'Internal error while decoding HTTP ({reason}); please report it.',

  // payloads
  'payload.pickle.too_large': 'A Python pickle of {length} bytes is larger than {max} bytes and is shown as hex.',
  'payload.pickle.too_deep': 'The Python pickle nests too deeply; the deepest parts are left out.',
  'payload.pickle.malformed':
    'The bytes look like a Python pickle but do not decode ({reason}); they are shown as hex.',
  'payload.pickle.global': 'The pickle names {count} Python classes or functions; they are only named here, never run.',
  'payload.pickle.bigint': '{count} integers are too large for JavaScript numbers and are shown as decimal text.',
  'payload.pickle.trailing': '{length} bytes follow the end of the pickle.',
  'payload.text.truncated': 'The text has {length} characters; only the first {shown} are shown.',
  'payload.hex.truncated': 'Only the first {shown} of {length} bytes are shown as hex.',
  // application layer (src/analysis/app/notes.ts)
  'app.midstream':
    'The capture starts in the middle of this {proto} conversation: its opening (greeting or CONNECT) is not in the file, so facts such as versions and socket types are unknown.',
  'app.messages.capped': 'Only the first {cap} application messages are listed; {count} were seen in all.',
  'app.gap':
    'Bytes from the {dir} side are missing from the capture at frame {frame}: the {proto} messages in them are lost, and decoding of that side stopped there.',
  'app.resync':
    'Decoding of the {dir} side resumed at frame {frame}, the first segment after the loss that starts a message ({proto}; {skipped} bytes were lost or skipped before it).',
  'zmtp.sub.no_match':
    'This subscriber subscribed to {subscriptions} but received nothing: the publisher sent {published:one message|{published} messages} to its other subscribers and none starts with that topic. A ZeroMQ PUB socket filters on its side, so non-matching messages are never sent on this connection.',
  'zmtp.sub.none': 'This SUB socket never subscribed to anything, so the publisher sends it no messages.',
  'zmtp.pipeline.distribution':
    'The PUSH socket at {endpoint} spread {jobs:one message|{jobs} messages} over {workers:one worker|{workers} workers} ({counts}), {round_robin:in strict round-robin order|not in strict round-robin order}.',
  'zmtp.reply.unmatched': 'A reply was sent with no request waiting for it on this connection.',
  'http.response.unpaired': 'An HTTP response arrived with no request before it on this connection.',
};
