/** The live terminal view and the interface list, rendered from records (pure). */
import { describe, expect, it } from 'vitest';
import type { LiveEvent } from '../../src/analysis/events.js';
import type { ConversationRecord } from '../../src/analysis/model.js';
import { parseIpJson } from '../../src/capture/interfaces.js';
import { LiveView, liveViewLines, renderInterfaces } from '../../src/report/live-view.js';

// What `ip -d -j addr show` prints on a Docker host (trimmed to the fields read).
const IP_JSON = JSON.stringify([
  {
    ifindex: 1,
    ifname: 'lo',
    flags: ['LOOPBACK', 'UP', 'LOWER_UP'],
    operstate: 'UNKNOWN',
    mtu: 65536,
    link_type: 'loopback',
    address: '00:00:00:00:00:00',
    addr_info: [{ family: 'inet', local: '127.0.0.1', prefixlen: 8 }],
  },
  {
    ifindex: 2,
    ifname: 'eth0',
    flags: ['BROADCAST', 'MULTICAST', 'UP', 'LOWER_UP'],
    operstate: 'UP',
    mtu: 1500,
    link_type: 'ether',
    address: '52:54:00:12:34:56',
    addr_info: [{ family: 'inet', local: '10.0.2.15', prefixlen: 24 }],
  },
  {
    ifindex: 3,
    ifname: 'docker0',
    flags: ['NO-CARRIER', 'BROADCAST', 'MULTICAST', 'UP'],
    operstate: 'DOWN',
    mtu: 1500,
    link_type: 'ether',
    address: '02:42:8a:11:22:33',
    linkinfo: { info_kind: 'bridge' },
    addr_info: [{ family: 'inet', local: '172.17.0.1', prefixlen: 16 }],
  },
  {
    ifindex: 4,
    ifname: 'br-5e2b9c1d7a40',
    flags: ['BROADCAST', 'MULTICAST', 'UP', 'LOWER_UP'],
    operstate: 'UP',
    mtu: 1500,
    link_type: 'ether',
    address: '02:42:5e:2b:9c:1d',
    linkinfo: { info_kind: 'bridge' },
    addr_info: [{ family: 'inet', local: '172.18.0.1', prefixlen: 16 }],
  },
  {
    ifindex: 6,
    ifname: 'veth3a1b2c4',
    flags: ['BROADCAST', 'MULTICAST', 'UP', 'LOWER_UP'],
    master: 'br-5e2b9c1d7a40',
    operstate: 'UP',
    mtu: 1500,
    link_type: 'ether',
    address: 'ba:4e:11:22:33:44',
    linkinfo: { info_kind: 'veth', info_slave_kind: 'bridge' },
    addr_info: [],
  },
  {
    ifindex: 8,
    ifname: 'veth9f8e7d6',
    flags: ['BROADCAST', 'MULTICAST', 'UP', 'LOWER_UP'],
    master: 'br-5e2b9c1d7a40',
    operstate: 'UP',
    mtu: 1500,
    link_type: 'ether',
    address: 'ce:11:22:33:44:55',
    linkinfo: { info_kind: 'veth', info_slave_kind: 'bridge' },
    addr_info: [],
  },
  {
    ifindex: 9,
    ifname: 'br-lab',
    flags: ['BROADCAST', 'MULTICAST', 'UP'],
    operstate: 'DOWN',
    mtu: 1500,
    link_type: 'ether',
    address: '02:00:00:00:00:01',
    linkinfo: { info_kind: 'bridge' },
    addr_info: [],
  },
]);

describe('interfaces', () => {
  const list = parseIpJson(IP_JSON);

  it('marks Docker bridges (docker0, br-<12 hex>) and the veths attached to them', () => {
    const by = new Map(list.map((i) => [i.name, i]));
    expect(by.get('docker0')).toMatchObject({
      kind: 'bridge',
      dockerBridge: true,
      up: true,
      operstate: 'DOWN',
      attached: [],
    });
    expect(by.get('br-5e2b9c1d7a40')).toMatchObject({
      kind: 'bridge',
      dockerBridge: true,
      attached: ['veth3a1b2c4', 'veth9f8e7d6'],
      addresses: [{ family: 'inet', address: '172.18.0.1', prefixlen: 16 }],
    });
    expect(by.get('br-lab')).toMatchObject({ kind: 'bridge', dockerBridge: false });
    expect(by.get('veth3a1b2c4')).toMatchObject({ kind: 'veth', master: 'br-5e2b9c1d7a40' });
    expect(by.get('lo')).toMatchObject({ kind: 'loopback', mac: null });
    expect(by.get('eth0')!.kind).toBe('ether');
  });

  it('text: veths under their bridge, the hint names the busiest Docker bridge', () => {
    const out = renderInterfaces(list, 'en', false);
    const lines = out.split('\n');
    const br = lines.findIndex((l) => l.startsWith('br-5e2b9c1d7a40'));
    expect(lines[br]).toContain('Docker bridge, 2 veths attached');
    expect(lines[br + 1]).toMatch(/^ {2}└ veth3a1b2c4 .*container link on br-5e2b9c1d7a40$/);
    expect(lines[br + 2]).toMatch(/^ {2}└ veth9f8e7d6 /);
    expect(out).toContain('sudo pcap-explain live -i br-5e2b9c1d7a40');
    expect(renderInterfaces(list, 'id', false)).toContain('bridge Docker, 2 veth terpasang');
  });
});

function conv(over: Partial<ConversationRecord>): ConversationRecord {
  return {
    id: 1,
    transport: 'tcp',
    stream: 0,
    client: '172.18.0.3:41234',
    server: '172.18.0.2:5555',
    handshake: { syn: [1], synack: [2], ack: 3 },
    close: { kind: 'open', by: null, frames: [] },
    state: 'S1',
    history: 'ShAD',
    first: 1,
    last: 9,
    start: '',
    duration: 0,
    packets: { c2s: 5, s2c: 4 },
    bytes: { c2s: 10, s2c: 10 },
    missed_bytes: 0,
    rtt: 0.0001,
    roles_by: 'syn',
    notes: [],
    ...over,
  };
}

const ev: LiveEvent = {
  kind: 'connection',
  code: 'live.event.connection',
  frame: 1,
  ts: '',
  rel: 0.5,
  conversation: 1,
  params: { client: '172.18.0.3:41234', server: '172.18.0.2:5555' },
};

describe('the live view', () => {
  const state = {
    ifaces: ['br-5e2b9c1d7a40'],
    tool: 'tcpdump',
    elapsed: 3.21,
    packets: 9,
    dropped: 0,
    conversations: [
      conv({ app: 'zmtp', pattern: 'REQ/REP' }),
      conv({ id: 2, close: { kind: 'rst', by: 'server', frames: [9] } }),
    ],
    messages: (id: number) => (id === 1 ? 4 : 0),
    events: [ev],
  };

  it('title, counters, conversations with pattern and state, latest events, hint', () => {
    const lines = liveViewLines(state, 'en', 120, 30);
    expect(lines[0]).toBe('pcap-explain live — br-5e2b9c1d7a40 (tcpdump)');
    expect(lines[1]).toBe('3.2 s · 9 packets · 0 dropped by the kernel · 2 conversations');
    const row1 = lines.find((l) => l.startsWith(' 1 '))!;
    expect(row1).toMatch(/TCP\s+172\.18\.0\.3:41234\s+172\.18\.0\.2:5555\s+ZMTP REQ\/REP\s+established\s+9\s+4$/);
    expect(lines.find((l) => l.startsWith(' 2 '))).toMatch(/reset/);
    expect(lines).toContain('Latest events');
    expect(lines.some((l) => l.includes('opens a TCP connection'))).toBe(true);
    expect(lines.at(-1)).toBe('Ctrl+C stops the capture and prints the report.');
    expect(liveViewLines(state, 'id', 120, 30)[1]).toContain('paket');
  });

  it('never wider or taller than the terminal; redraws in place', () => {
    const many = { ...state, conversations: Array.from({ length: 50 }, (_, i) => conv({ id: i + 1, last: i })) };
    const lines = liveViewLines(many, 'en', 60, 20);
    for (const l of lines) expect([...l].length).toBeLessThanOrEqual(60);
    expect(lines.length).toBeLessThanOrEqual(20);
    expect(lines.some((l) => l.includes('… and'))).toBe(true);
    let out = '';
    const v = new LiveView({ write: (s: string) => (out += s), columns: 80, rows: 24 }, 'en', false);
    v.draw(state);
    const n = out.split('\n').length - 1;
    v.draw(state);
    expect(out).toContain(`\x1b[${n}A\r\x1b[J`);
    v.clear();
    expect(out.endsWith('\x1b[?25h')).toBe(true);
  });
});
