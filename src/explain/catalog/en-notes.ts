import type { Catalogue } from './types.js';

/**
 * English texts for the notes of the analysis layer (tcp.analysis.*, reassembly), the application
 * decoders (payload.*; each protocol module's are in its catalogue) and Zeek's conn_state values (zeek.conn_state.*).
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
    'A keep-alive probe, as Wireshark names it: a segment without new data that repeats the byte before the next one. A sender uses it to check that the connection is still alive, or, while the receiver advertises a zero window, to ask whether the window has opened (a window probe).',
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
  'conversation.idle':
    'No packet of this conversation was seen for {idle} s, so it was closed and reported as it stood at its last frame (as Zeek does after its inactivity timeout). A later packet of the same addresses and ports starts a new conversation.',
  'conversation.late':
    'This segment belongs to a connection that had already ended (a FIN each way, or a RST) and then been quiet for more than {grace} s, so pcap-explain had released its analysis: the segment is counted in that conversation (the same tcp.stream as in Wireshark) but not checked for retransmissions or other TCP problems.',

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
};
