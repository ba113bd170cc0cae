/**
 * The commands' examples and the program's one-line description, in one place: they speak of the course's
 * lab captures (fixtures/) by name, as a user would.
 */

/** What the program explains (--help). */
export const DESCRIPTION = 'Explains packet captures: ARP, TCP, UDP, MQTT, HTTP and ZeroMQ, frame by frame.';

/** A display filter as --help shows one. */
export const FILTER_EXAMPLE = 'mqtt.msgtype == 3';

export const ANALYZE_EXAMPLES: [string, string][] = [
  ['$0 fixtures/zmq.pcap', 'summary of the ZeroMQ lab capture'],
  ['$0 analyze fixtures/mqtt.pcap -q -z conv,tcp -z io,phs', "tshark's conversation table and protocol hierarchy"],
  ['$0 analyze fixtures/rest.pcap -q -z follow,tcp,ascii,1', 'the bytes of TCP stream 1 (Follow TCP Stream)'],
  ['$0 fixtures/zmq.pcap fixtures/mqtt.pcap fixtures/rest.pcap', 'three captures, analysed in parallel'],
  ['$0 analyze fixtures/mqtt.pcap --frames', "one line per frame, like Wireshark's packet list"],
  ['$0 analyze capture.pcapng --format json -o report.json', 'the JSON model (docs/json.md)'],
  ['sudo tcpdump -i br-xxxx -w - | $0 -', 'read from standard input'],
  ['$0 analyze hand-ins/ --log dataset/', 'Zeek-style JSON Lines logs of every capture (docs/dataset.md)'],
  ['$0 big.pcap --limit messages=100 --limit reassembly-bytes=16MiB', 'resource limits (docs/limits.md)'],
  ['$0 analyze fixtures/mqtt.pcap -f markdown --lang id', 'a lab report in Markdown, in Indonesian'],
  ['$0 analyze fixtures/zmq.pcap -f html -o zmq.html', 'one self-contained HTML page with sequence diagrams'],
  ["$0 analyze fixtures/mqtt.pcap -Y 'mqtt.msgtype == 3' --frames", 'only the PUBLISH frames, explained'],
  [
    '$0 -r fixtures/mqtt.pcap -Y tcp -T fields -e frame.number -e ip.src -E header=y',
    'tshark-style columns (same output as tshark)',
  ],
];

export const ANNOTATE_EXAMPLES: [string, string][] = [
  ['$0 annotate fixtures/mqtt.pcap -o mqtt-explained.pcapng', 'then open it in Wireshark'],
  ['tshark -r mqtt-explained.pcapng -Y \'frame.comment contains "handshake"\'', 'find frames by their explanation'],
];
