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
  'app.data': 'plain TCP/UDP data',

  // short labels of messages
  'lbl.part': 'part of {what}',
  'lbl.request': 'the {nth} request',
  'lbl.reply': 'the {nth} reply',
  'lbl.job': 'the {nth} job',
  'lbl.message': 'the {nth} message',
  'lbl.data': 'the data',

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
  'fmt.count.retransmission.syn': '{count} {count:retransmission|retransmissions} of the SYN',
  'fmt.count.retransmission.synack': '{count} {count:retransmission|retransmissions} of the SYN-ACK',
  'fmt.count.retransmission.other': '{count} other {count:retransmission|retransmissions}',
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
  'ex.tcp.syn.again.answered':
    '{who} {addr} sends its SYN again (attempt {n}), though the server answered it in frame {synack}: that SYN-ACK has not reached it.',
  'ex.tcp.keepalive':
    'A keep-alive probe: the sender checks that the other side is still there, with a segment that repeats the byte before the next one (no new data).',
  'ex.tcp.window_probe':
    'A window probe: the receiver advertised a zero window, so the sender asks it for its window with a segment that repeats the byte before the next one (Wireshark marks it TCP Keep-Alive, the same form).',
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
  'ex.tcp.rst.afterfin':
    '{who} {addr} resets the connection (RST) after its own FIN of frame {fin}: the connection ends at once, and any data still in flight is lost.',
  'ex.tcp.fin': '{who} {addr} closes its side of the connection (FIN): it has nothing more to send.',
  'ex.tcp.fin.second': '{who} {addr} closes its side too (FIN), after the FIN of frame {fin}.',
  'ex.tcp.fin.again': '{who} {addr} sends its FIN again.',
  'ex.tcp.ack.fin': '{who} {addr} acknowledges the FIN of frame {fin} (ACK); it may still send data of its own.',
  'ex.tcp.ack.fin.last': '{who} {addr} acknowledges the FIN of frame {fin} (ACK): both sides have now sent their FIN.',
  'ex.tcp.ack.msg':
    "{who} {addr} acknowledges {what} of frame {acked} (ACK, no data). This is TCP's receipt of the bytes, not an application reply.",
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
  'story.pickle':
    'The {count:payload is a pickled Python object|payloads are pickled Python objects} ({types}, pickle protocol {protocol}): Python serialised {count:it|each one} with pickle, and pickle.loads() gives the value back (the first, {bytes} bytes, is {value}).',
  'story.pickle.noproto':
    'The {count:payload is a pickled Python object|payloads are pickled Python objects} ({types}): Python serialised {count:it|each one} with pickle, and pickle.loads() gives the value back (the first, {bytes} bytes, is {value}).',

  // the story
  'story.arp':
    '{asker} asks who has {target} (ARP request, broadcast) and {target} answers that it is at {mac}: now {asker} can send it IP packets.',
  'story.arp.copies': 'The capture holds each of these ARP frames {count} times (seen on several interfaces).',
  'story.arp.recheck': '{asker} re-checks that {target} is still at {mac} (unicast ARP) and gets the answer.',
  'story.arp.unanswered': '{asker} asks who has {target} (ARP request), but no answer is in the capture.',
  'story.arp.reply': '{sender} tells {target} that it is at {mac} (ARP reply).',
  'story.arp.announce': '{sender} announces that it is at {mac} (ARP).',
  'story.arp.more': '{count} more ARP {count:frame|frames} between {a} and {b} (not told one by one).',
  'story.arp.alike':
    'Likewise, {count} more broadcast ARP {count:request|requests}, each answered, in frames {a}-{b}: {pairs}.',
  'story.arp.pair': '{asker} for {asked}',
  'story.arp.rechecks':
    'Later, {count} more ARP {count:frame|frames} between hosts that had already exchanged ARP, in frames {a}-{b} (not told one by one).',
  'story.arp.rechecks.first': 'The first: {first}',
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
  'story.tcp.handshake.unfinished':
    '{client} tries to open a TCP connection to {server}: the server answers the SYN with SYN-ACK, but no ACK follows, so the handshake is not completed.',
  'story.tcp.syn_after_synack':
    'After the server had answered, the client sent its SYN {count:once more|{count} more times}: the SYN-ACK did not reach it.',
  'story.tcp.synack_retries':
    'The server sent its SYN-ACK {count:once more|{count} more times} before the ACK of the client came.',
  'story.tcp.synack_retries.noack':
    'The server sent its SYN-ACK {count:once more|{count} more times}, and no ACK came.',
  'story.tcp.midstream':
    'The capture began mid-connection: the TCP connection between {client} and {server} already existed when the capture started, so its handshake is not in the capture and these first frames are not a connection setup.',
  'story.tcp.idle.keepalive':
    'No data is sent on this connection; while it is idle, TCP sends {count:a keep-alive probe|{count} keep-alive probes} to check that the other side is still there.',
  'story.tcp.refused':
    '{client} tries to connect to {server}, and the host answers the SYN with RST at once: nothing listens on port {port} (connection refused).',
  'story.tcp.refused.attempt':
    'Attempt {attempt} of {total}: {client} tries to connect to {server}, and the host answers the SYN with RST: nothing listens on port {port} yet (connection refused).',
  'story.tcp.refused.attempts':
    'Attempt {attempt} of {total}: {client} tries to connect to {server}, and the host answers the SYN with RST: nothing listens on port {port} (connection refused).',
  'story.tcp.data':
    '{who} {addr} sends {c2s_bytes} bytes of data and {s_who} {s_addr} sends {s2c_bytes} bytes; no application protocol was recognised.',
  'story.tcp.trouble':
    'After the handshake, the TCP analysis (as Wireshark makes it) finds on this connection: {list}.',
  'story.tcp.trouble.nohs': 'The TCP analysis (as Wireshark makes it) finds on this connection: {list}.',
  'story.udp': '{src} sends {count} UDP {count:datagram|datagrams} to {dst}: {values}.',
  'story.udp.pairs':
    '{src} sends {count} UDP {count:datagram|datagrams} to {dst}, and {dst} answers {answered:one of them|{answered} of them} with a datagram of its own: {pairs}. The answers come from the programs: UDP itself has no connection and no acknowledgement.',
  'story.udp.oneway': 'Nothing comes back: UDP has no connection and no acknowledgement.',
  'story.udp.flow': 'UDP between {client} and {server}: {c2s} {c2s:datagram|datagrams} one way, {s2c} back.',
  'story.end.fin':
    '{who} {addr} closes the connection (FIN) and {o_who} {o_addr} closes its side too (FIN); with the last ACK the connection is closed normally.',
  'story.end.fin.half':
    '{who} {addr} closes its side (FIN); {o_who} {o_addr} had not closed its side when the capture stopped.',
  'story.end.fin.halfclose':
    '{who} {addr} closes its side first (FIN): it has nothing more to send. A FIN ends only that direction, so {o_who} {o_addr} still sends data after it (frame {after}), then closes its side too (FIN); with the last ACK the connection is closed normally.',
  'story.end.rst': '{who} {addr} ends the connection abruptly with RST instead of the FIN exchange.',
  'story.end.rst.afterfin':
    '{who} {addr} first closes its side (FIN, frame {fin}), then ends the connection abruptly with RST (frame {rst}).',
  'story.end.rst.afterfin.data':
    '{who} {addr} first closes its side (FIN, frame {fin}); {o_who} {o_addr} still sends data after it (frame {data}), and {who} answers with RST (frame {rst}): its program had closed the socket, which takes no more data.',
  'story.end.open': 'No FIN or RST: the connection was still open when the capture stopped (last frame {last}).',
  'story.end.open.unanswered':
    'No FIN or RST, and none was needed: the connection was never opened, since no SYN-ACK answered its SYN (last frame {last}).',

  // overview
  'story.end.open.unfinished':
    'No FIN or RST, and none was needed: the connection was never opened, since no ACK answered the SYN-ACK (last frame {last}).',
  'story.end.open.cut':
    'No FIN or RST: nothing follows the SYN-ACK in the capture, not even the last ACK of the handshake (last frame {last}).',
  'ov.summary': '{frames} frames in {duration}: {parts}.',
  'ov.summary.empty': 'The capture holds no packets.',
  'ov.summary.apps': 'Application protocols: {apps}.',
  'ov.conv': '#{id} {client} → {server} ({transport}): {what}; {end}.',
  'ov.conv.noend': '#{id} {client} → {server} ({transport}): {what}.',
  'ov.conv.refused': 'connection refused, nothing listened on port {port}',
  'ov.conv.udp': 'UDP, {c2s} {c2s:datagram|datagrams} one way and {s2c} back',
  'ov.conv.tcp': 'TCP, {c2s} bytes from the client and {s2c} bytes from the server',
  'ov.start.midstream': 'already open when the capture began',
  'ov.end.fin': 'closed by the {by} (FIN)',
  'ov.end.rst': 'aborted by the {by} (RST)',
  'ov.end.open': 'still open when the capture stopped',
  'ov.end.unanswered': 'never opened: no answer to its SYN',
  'ov.end.unfinished': 'never opened: no ACK answered the SYN-ACK',
  'ov.end.cut': 'nothing after the SYN-ACK in the capture',
  'ov.ab.damaged': 'The capture file is damaged: only the first {frames} frames could be read.',
  'ov.ab.snaplen':
    'The capture kept only the first {kept} bytes of each frame (its snapshot length, as with tcpdump -s {kept}): {frames} of the {total} frames were longer and are cut, the first is frame {first}. Lengths are shown as the headers declare them, what was sent, but the bytes past the cut are not in the file: the data of cut frames is known only in part, so the content of the messages in it is unknown past the cut, and where a message length was cut off too, so is where the next messages begin.',
  'ov.ab.refused':
    '{count} connection {count:attempt|attempts} to {server} {count:was|were} refused (SYN answered by RST): nothing listened on port {port} at that time.',
  'ov.ab.rst': 'Connection #{id} was aborted with RST by the {who} {addr} (frame {frame}).',
  'ov.ab.midstream': 'Connection #{id} began before the capture started (no handshake seen, first frame {frame}).',
  'ov.ab.noanswer': 'Connection #{id}: {server} never answered the SYN.',
  'ov.ab.unfinished':
    'Connection #{id}: {server} answered the SYN, but no ACK answered its SYN-ACK: the handshake was not completed.',
  'ov.ab.tcp': 'Connection #{id}: {list}.',
  'ov.ab.note': '{text} ({count:frame|frames} {frames})',
  'ov.ab.note.many': '{text} ({count} frames: {frames})',
  'ov.ab.none': 'Nothing abnormal: every connection was set up and ended normally.',
  'role.tcp.server': 'TCP server on :{port}',
  'role.tcp.client': 'TCP client of {server}',
  'role.tcp.refused': 'refused connections on :{port} (nothing listening)',
  'role.tcp.refused_client': 'tried to connect to {server} (refused)',
  'role.tcp.noanswer': 'did not answer connection attempts on :{port}',
  'role.tcp.noanswer_client': 'tried to connect to {server} (no answer)',
  'role.tcp.unfinished_client': 'tried to connect to {server} (handshake not completed)',
  'role.udp.sender': 'sends UDP datagrams to {dst}',
  'role.udp.receiver': 'receives UDP datagrams on :{port}',
  'role.arp_only': 'seen only in ARP',
  'role.seen_only': 'seen only in {protocols}',
  'role.group': 'broadcast or multicast address',

  // teaching notes
  'teach.checksum_offload':
    'Wireshark marks TCP/UDP checksums in this capture (the first in frame {frame}) as wrong ("maybe caused by checksum offload") when it checks them. They are not corrupt: the sender left the checksum to its (virtual) network card, checksum offload, and the capture took the packet before the checksum was completed (a veth never completes it: the receiving kernel on the same host trusts the packet). The captured value is exactly the partial sum over the addresses and the length, as pcap-explain checks.',
  'teach.several_in_one_segment':
    'Frame {frame} carries {count} application messages in one TCP segment. TCP does not keep message boundaries: the protocol ({protocol}) marks where each message ends, so one frame is not one message.',
  'fmt.retry.client': 'The client',
  'fmt.retry.clients': '{count} clients ({hosts}), together,',
  'teach.refused_retries':
    '{who} tried {count:once|{count} times} to connect to {server}, and each SYN was answered by RST: no program listened on port {port}. Each attempt is a new TCP connection with a new source port.',
  'teach.refused_retries.after':
    '{who} tried {count:once|{count} times} to connect to {server} after connection #{id} to it had ended, and each SYN was answered by RST: no program listened on port {port} any more (the server had stopped). Each attempt is a new TCP connection with a new source port.',
  'teach.refused_retries.ok':
    '{who} tried {count:once|{count} times} to connect to {server} while no program listened on port {port}, so each SYN was answered by RST (each attempt with a new source port); connection #{id} succeeded once the server had started.',
  'fmt.per_worker': '{count} to {worker}',
  'teach.midstream':
    'Connection #{id} has no handshake in the capture: the capture began after it was opened. Its first frames (from frame {frame}) are ordinary traffic, not a connection setup.',
  'teach.docker.gateway':
    "{gateway} is not a container: it is the Docker host's own address on this network (the gateway, the address of bridge {bridge}). Connection #{id} to {server} was opened by a program on the host. For a port published with `ports:` in the compose file and reached from the host (`curl localhost:PORT`), that program is docker-proxy: it accepts the connection on the host and opens this one to the container, so the container sees the gateway as its client.",
  'teach.docker.dns':
    "No DNS in this capture. On a Docker network, a container that looks up another container's name ({names}) asks Docker's embedded DNS server at 127.0.0.11, inside its own container, so such lookups never cross the bridge. Only names Docker does not know (a host on the Internet) are forwarded from the container to the host's DNS server and then appear here as DNS on port 53.",

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
  'ui.page':
    'Only the first {listed} of {of} frames are listed here (frames {a}–{b}). The next ones: {next}; narrow the report with --conversation ID, --protocol NAME, --frames-range A-B or -Y FILTER.',
  'ui.page.selected':
    'Only the first {listed} of the {of} selected frames are listed here (frames {a}–{b}). The next ones: {next}; narrow the report with --conversation ID, --protocol NAME, --frames-range A-B or -Y FILTER.',
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
  'ui.end.unanswered': 'no answer',
  'ui.end.unfinished': 'no ACK',
  'ui.end.cut': 'no ACK',
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
    '{count} more {count:connection|connections} of the same kind as #{id}: {ids}, in frames {a}-{b}. Each lasted {d} (median {dmed}, 95% within {d95}) and carried {p} packets and {b2} bytes of payload.',
  'overview.group_one':
    '1 more connection of the same kind as #{id}: {ids}, in frames {a}-{b}. It lasted {d} and carried {p} packets and {b2} bytes of payload.',
  'overview.group_udp':
    '{count} more UDP {count:flow|flows} of the same kind as #{id}: {ids}, in frames {a}-{b}. Each lasted {d} (median {dmed}, 95% within {d95}) and carried {p} datagrams and {b2} bytes of payload.',
  'overview.group_udp_one':
    '1 more UDP flow of the same kind as #{id}: {ids}, in frames {a}-{b}. It lasted {d} and carried {p} datagrams and {b2} bytes of payload.',
  'overview.group_refused':
    '{count} more refused {count:attempt|attempts} of the same kind as #{id}: {ids}, in frames {a}-{b}.',
  'role.alike': '{role} and {count} more like it',
  'fmt.span': '{a} to {b}',
  'story.group':
    '{count} more {count:conversation|conversations} of the same kind as #{id} in frames {a}-{b} (see Conversations).',
  'story.group.plain': '{count} more {count:conversation|conversations} of the same kind as #{id} in frames {a}-{b}.',
  'overview.alike': 'And {count} more of the same kind: {ids}.',
  'overview.alike_frames': 'And {count} more of the same kind.',
};
