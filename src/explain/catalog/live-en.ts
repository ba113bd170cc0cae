import type { Catalogue } from './types.js';

/**
 * English texts of live capture (`pcap-explain live`, `pcap-explain interfaces`): the live events, the
 * live view's labels, the capture tool's counts and every error with its fix. Spread into en.ts.
 */
export const liveEn: Catalogue = {
  // live events (src/analysis/events.ts)
  'live.event.connection': '{client} opens a TCP connection to {server} (SYN).',
  'live.event.connection.midstream':
    'TCP connection {client} ↔ {server} was already open when the capture started (its SYN was not captured).',
  'live.event.connection.udp': '{client} starts sending UDP datagrams to {server}.',
  'live.event.handshake':
    'Handshake done: {client} and {server} are connected (SYN, SYN/ACK, ACK in frames {syn}, {synack}, {ack}; round trip {rtt} ms).',
  'live.event.handshake.no_rtt': 'Handshake done: {client} and {server} are connected (final ACK in frame {ack}).',
  'live.event.message': '{from} → {to}: {proto} {what}',
  'live.event.message.payload': '{from} → {to}: {proto} {what} {payload}',
  'live.event.data': '{from} → {to}: {bytes} bytes of {transport} data',
  'live.event.pair': '{proto} reply in frame {reply} answers the request in frame {request}, {latency} ms later.',
  'live.event.relay':
    'The broker forwards the {proto} message it received in frame {source} (conversation #{from}), {delay} ms later.',
  'live.event.ending.fin': '{closer} closes its side of the connection to {peer} (FIN).',
  'live.event.ending.rst': '{closer} resets the connection to {peer} (RST): it ends at once.',
  'live.event.ending.refused':
    '{server} refuses the connection from {client} (RST in answer to the SYN): nothing listens on that port.',
  // conversation states in the live view
  'live.state.connecting': 'connecting',
  'live.state.established': 'established',
  'live.state.midstream': 'open (mid-stream)',
  'live.state.closing': 'closing',
  'live.state.closed': 'closed',
  'live.state.reset': 'reset',
  'live.state.refused': 'refused',
  'live.state.active': 'active',
  // the live view
  'live.view.title': 'pcap-explain live — {ifaces} ({tool})',
  'live.view.status':
    '{elapsed} s · {packets} packets · {dropped} dropped by the kernel · {conversations} conversations',
  'live.view.hint': 'Ctrl+C stops the capture and prints the report.',
  'live.view.conversations': 'Conversations',
  'live.view.events': 'Latest events',
  'live.view.waiting': 'Waiting for packets…',
  'live.view.more': '… and {count} more',
  'live.view.col.proto': 'Proto',
  'live.view.col.client': 'Client',
  'live.view.col.server': 'Server',
  'live.view.col.app': 'App',
  'live.view.col.state': 'State',
  'live.view.col.packets': 'Pkts',
  'live.view.col.messages': 'Msgs',
  // capture progress and end
  'live.capturing': 'Capturing on {ifaces} with {tool}. Press Ctrl+C to stop and get the report.',
  'live.stats': '{tool} on {iface}: {captured} packets captured, {dropped} dropped by the kernel.',
  'live.stats.unknown': '{tool} on {iface} did not report its packet counts.',
  'live.dropped':
    'The kernel dropped {dropped} packets because they were not read fast enough: the capture misses traffic. A narrower --filter helps.',
  'live.died':
    '{tool} on {iface} stopped unexpectedly: {message}. The report covers the {frames} frames captured until then.',
  'live.saved': 'Saved {frames} frames to {path} (open it with: pcap-explain analyze {path}).',
  'live.skipped_linktype':
    '{count} frames of another link type were not saved to {path}: a pcap file holds one link type.',
  'live.docker.found': 'Docker bridge: {ifaces}',
  'live.docker.ask': 'Several Docker bridges have containers:',
  'live.docker.traffic': '{packets:1 packet|{packets} packets} in {seconds} s',
  'live.docker.busy':
    '{iface} is the Docker bridge with the traffic ({packets:1 packet|{packets} packets} in {seconds} s; the others: {others}). Use -i to choose another.',
  'live.docker.packets': '{packets:1 packet|{packets} packets}',
  'live.docker.waiting':
    'No Docker bridge has a container yet (an idle docker0 carries nothing): waiting for one to appear. Start the lab (docker compose up), or press Ctrl+C.',
  'live.names_not_saved':
    "The containers' names are in the report but not in {path}: a classic pcap cannot hold names. Save with -w FILE.pcapng to keep them (Wireshark and analyze read them).",
  'live.docker.prompt': 'Capture on which? Numbers separated by commas, or Enter for all: ',
  // errors, each with its fix
  'live.error.no_tool':
    'Neither tcpdump nor dumpcap was found on PATH. Install tcpdump: sudo apt-get install tcpdump (dumpcap comes with: sudo apt-get install wireshark-common).',
  'live.error.no_interface':
    "There is no interface named {iface} here. Interfaces: {candidates}. 'pcap-explain interfaces' lists them with their addresses; --docker picks the Docker bridge.",
  'live.error.permission':
    '{tool} may not capture on {iface}: capturing needs root or the CAP_NET_RAW capability. Run the command with sudo, or allow capturing once: sudo setcap cap_net_raw,cap_net_admin=eip {path}',
  'live.error.bad_filter':
    "The capture filter '{filter}' is not valid BPF ({reason}). Example: --filter 'tcp port 5555 or arp'.",
  'live.error.interface_down':
    'Interface {iface} is down: bring it up (sudo ip link set {iface} up) or capture on another one.',
  'live.error.tool_failed': '{tool} could not capture on {iface}: {message}',
  'live.error.output': 'Cannot write {path} ({reason}): give -w a file in a writable directory.',
  'live.error.no_docker_bridge':
    'No Docker bridge (docker0 or br-…) with a container appeared. Start the lab (docker compose up) or name an interface with -i. Interfaces: {candidates}.',
  'live.error.docker_and_interface': 'Use either --docker or -i IFACE, not both.',
  'live.error.bad_count': '--count must be a whole number of packets, at least 1 (got {value}).',
  'live.error.bad_duration': '--duration must be a positive number of seconds (got {value}).',
  // pcap-explain interfaces
  'iface.col.name': 'Interface',
  'iface.col.state': 'State',
  'iface.col.kind': 'Kind',
  'iface.col.addresses': 'Addresses',
  'iface.col.mac': 'MAC',
  'iface.col.docker': 'Docker',
  'iface.kind.bridge': 'bridge',
  'iface.kind.veth': 'veth',
  'iface.kind.loopback': 'loopback',
  'iface.kind.ether': 'ethernet',
  'iface.kind.other': 'other',
  'iface.docker.bridge': 'Docker bridge, {count:1 veth|{count} veths} attached',
  'iface.docker.veth': 'container link on {bridge}',
  'iface.docker.veth.container': 'container link on {bridge}: {container}',
  'iface.attached': 'port of bridge {bridge}',
  'iface.hint': 'Watch a Docker network live with: sudo pcap-explain live -i {bridge}',
  'iface.hint.none':
    'No Docker bridge with a container here (docker0 or br-…): is the lab running? pcap-explain live --docker waits for one.',
};
