/**
 * Choosing the Docker bridge and naming the containers, on a faked /sys/class/net and a faked Docker
 * Engine API (a node http server on a unix socket answering what dockerd 20.10 answers, trimmed to the
 * fields read).
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  chooseBridge,
  countedInterfaces,
  describeNetwork,
  dockerGet,
  dockerNames,
  dockerSocket,
  parseDockerView,
  parseFdbJson,
  rankBridges,
  readDocker,
  readPacketCounters,
  vethContainers,
} from '../../src/capture/docker.js';
import { type NetInterface, parseIpJson } from '../../src/capture/interfaces.js';

// GET /networks (dockerd 20.10): the default bridge, two compose networks, host and none.
const NETWORKS = [
  {
    Name: 'bridge',
    Id: '8a0c1f0e5d2b7c3a9e4f6d1b2c3a4e5f6a7b8c9d0e1f2a3b4c5d6e7f8a9b0c1d',
    Driver: 'bridge',
    IPAM: { Config: [{ Subnet: '172.17.0.0/16', Gateway: '172.17.0.1' }] },
    Options: { 'com.docker.network.bridge.name': 'docker0', 'com.docker.network.bridge.default_bridge': 'true' },
    Labels: {},
    Containers: {},
  },
  {
    Name: 'pcxlab_lab',
    Id: 'b5be45e257539d1c0e2f4a6b8c0d2e4f6a8b0c2d4e6f8a0b2c4d6e8f0a2b4c6d',
    Driver: 'bridge',
    IPAM: { Config: [{ Subnet: '172.18.0.0/16', Gateway: '172.18.0.1' }] },
    Options: {},
    Labels: { 'com.docker.compose.network': 'lab', 'com.docker.compose.project': 'pcxlab' },
  },
  {
    Name: 'pcxlab_idle',
    Id: '38e6ad71dc43aa11bb22cc33dd44ee55ff66aa77bb88cc99dd00ee11ff22aa33',
    Driver: 'bridge',
    IPAM: { Config: [{ Subnet: '172.19.0.0/16', Gateway: '172.19.0.1' }] },
    Options: {},
    Labels: { 'com.docker.compose.project': 'pcxlab' },
  },
  { Name: 'host', Id: 'c0ffee00c0ffee00c0ffee00c0ffee00c0ffee00c0ffee00c0ffee00c0ffee00', Driver: 'host', IPAM: {} },
  { Name: 'none', Id: 'deadbeefdeadbeefdeadbeefdeadbeefdeadbeefdeadbeefdeadbeefdeadbeef', Driver: 'null' },
];

// GET /containers/json
const CONTAINERS = [
  {
    Id: '1111',
    Names: ['/zmq-req'],
    NetworkSettings: {
      Networks: {
        pcxlab_lab: {
          NetworkID: NETWORKS[1]!.Id,
          IPAddress: '172.18.0.3',
          MacAddress: '02:42:ac:12:00:03',
        },
      },
    },
  },
  {
    Id: '2222',
    Names: ['/zmq-rep'],
    NetworkSettings: {
      Networks: {
        pcxlab_lab: { NetworkID: NETWORKS[1]!.Id, IPAddress: '172.18.0.2', MacAddress: '02:42:ac:12:00:02' },
      },
    },
  },
  {
    Id: '3333',
    Names: ['/idle-box'],
    NetworkSettings: {
      Networks: {
        pcxlab_idle: { NetworkID: NETWORKS[2]!.Id, IPAddress: '172.19.0.2', MacAddress: '02:42:ac:13:00:02' },
      },
    },
  },
];

// `ip -d -j addr`: docker0 idle without veths (NO-CARRIER), the lab's bridge with two veths, the idle
// network's bridge with one.
function link(ifindex: number, ifname: string, extra: Record<string, unknown>) {
  return {
    ifindex,
    ifname,
    flags: ['BROADCAST', 'MULTICAST', 'UP', 'LOWER_UP'],
    operstate: 'UP',
    link_type: 'ether',
    ...extra,
  };
}
const IP_JSON = JSON.stringify([
  link(3, 'docker0', {
    flags: ['NO-CARRIER', 'BROADCAST', 'MULTICAST', 'UP'],
    operstate: 'DOWN',
    linkinfo: { info_kind: 'bridge' },
  }),
  link(4, 'br-b5be45e25753', { linkinfo: { info_kind: 'bridge' } }),
  link(5, 'br-38e6ad71dc43', { linkinfo: { info_kind: 'bridge' } }),
  link(6, 'veth1aaaaaa', { master: 'br-b5be45e25753', linkinfo: { info_kind: 'veth' } }),
  link(7, 'veth2bbbbbb', { master: 'br-b5be45e25753', linkinfo: { info_kind: 'veth' } }),
  link(8, 'veth3cccccc', { master: 'br-38e6ad71dc43', linkinfo: { info_kind: 'veth' } }),
]);

const tmp = mkdtempSync(join(tmpdir(), 'pcx-docker-'));
const SOCK = join(tmp, 'docker.sock');
let server: Server;
const asked: string[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    asked.push(`${req.method} ${req.url}`);
    const body =
      req.url === '/networks' ? NETWORKS : req.url === '/containers/json' ? CONTAINERS : { message: 'page not found' };
    res.writeHead(req.url === '/networks' || req.url === '/containers/json' ? 200 : 404, {
      'Content-Type': 'application/json',
    });
    res.end(JSON.stringify(body));
  });
  await new Promise<void>((r) => server.listen(SOCK, r));
});
afterAll(async () => {
  await new Promise<void>((r) => server.close(() => r()));
  rmSync(tmp, { recursive: true, force: true });
});

/** A faked /sys/class/net: statistics/{rx,tx}_packets per interface. */
function fakeSys(name: string, counts: Record<string, [number, number]>): string {
  const root = join(tmp, name);
  for (const [ifname, [rx, tx]] of Object.entries(counts)) {
    mkdirSync(join(root, ifname, 'statistics'), { recursive: true });
    writeFileSync(join(root, ifname, 'statistics', 'rx_packets'), `${rx}\n`);
    writeFileSync(join(root, ifname, 'statistics', 'tx_packets'), `${tx}\n`);
  }
  return root;
}

describe('Docker Engine API (read-only GETs on the unix socket)', () => {
  it('reads networks and containers: bridge names, compose project, endpoints with IP and MAC', async () => {
    const view = await readDocker(SOCK);
    expect(asked.every((a) => a.startsWith('GET '))).toBe(true);
    const lab = view?.networks.find((n) => n.name === 'pcxlab_lab');
    expect(lab).toEqual({
      id: NETWORKS[1]!.Id,
      name: 'pcxlab_lab',
      driver: 'bridge',
      bridge: 'br-b5be45e25753',
      project: 'pcxlab',
      subnets: ['172.18.0.0/16'],
      gateways: ['172.18.0.1'],
      endpoints: [
        { container: 'zmq-rep', ip: '172.18.0.2', mac: '02:42:ac:12:00:02' },
        { container: 'zmq-req', ip: '172.18.0.3', mac: '02:42:ac:12:00:03' },
      ],
    });
    expect(view?.networks.find((n) => n.name === 'bridge')?.bridge).toBe('docker0');
    expect(view?.networks.find((n) => n.name === 'host')?.bridge).toBeNull();
    expect(describeNetwork(lab)).toBe('pcxlab_lab, compose project pcxlab: zmq-rep, zmq-req');
  });

  it('no daemon, a 404 or garbage: undefined (the kernel view is used alone), never a throw', async () => {
    expect(await readDocker(join(tmp, 'no-such.sock'))).toBeUndefined();
    await expect(dockerGet('/nothing', SOCK)).rejects.toThrow(/Docker API answered 404/);
    expect(parseDockerView('garbage', { also: 'garbage' })).toEqual({ networks: [] });
    expect(parseDockerView([null, 1, { Id: 'x' }], [null, { Names: [] }])).toEqual({ networks: [] });
  });

  it('DOCKER_HOST=unix://PATH names the socket', () => {
    expect(dockerSocket({ DOCKER_HOST: `unix://${SOCK}` })).toBe(SOCK);
    expect(dockerSocket({ DOCKER_HOST: 'tcp://1.2.3.4:2375' })).toBe('/var/run/docker.sock');
    expect(dockerSocket({})).toBe('/var/run/docker.sock');
  });

  it('names: containers by their address, the gateway by its bridge, only for the bridges captured', async () => {
    const view = await readDocker(SOCK);
    expect(dockerNames(view, ['br-b5be45e25753'])).toEqual([
      { address: '172.18.0.2', name: 'zmq-rep' },
      { address: '172.18.0.3', name: 'zmq-req' },
      { address: '172.18.0.1', name: 'br-b5be45e25753' },
    ]);
    expect(dockerNames(view, [])).toEqual([]);
    expect(dockerNames(undefined, ['docker0'])).toEqual([]);
  });
});

describe('the container behind each veth', () => {
  it("from the bridge's forwarding database (bridge -j fdb show) and the containers' MACs", async () => {
    const fdb = parseFdbJson(
      JSON.stringify([
        { mac: '33:33:00:00:00:01', ifname: 'docker0', flags: ['self'], state: 'permanent' },
        { mac: '02:42:ac:12:00:03', ifname: 'veth1aaaaaa', master: 'br-b5be45e25753', state: '' },
        { mac: '02:42:AC:12:00:02', ifname: 'veth2bbbbbb', master: 'br-b5be45e25753' },
        { mac: 'ba:4e:11:22:33:44', ifname: 'veth2bbbbbb', master: 'br-b5be45e25753', state: 'permanent' },
        { mac: '02:42:ac:13:00:02', ifname: 'veth3cccccc', vlan: 1, master: 'br-38e6ad71dc43', state: 'permanent' },
        { nonsense: true },
      ]),
    );
    expect(fdb).toHaveLength(5);
    const view = await readDocker(SOCK);
    expect(vethContainers(view, fdb)).toEqual(
      new Map([
        ['veth1aaaaaa', 'zmq-req'],
        ['veth2bbbbbb', 'zmq-rep'],
      ]),
    );
    expect(parseFdbJson('not json')).toEqual([]);
  });
});

describe('choosing the bridge', () => {
  const list: NetInterface[] = parseIpJson(IP_JSON);
  const bridges = list.filter((i) => i.dockerBridge);

  it('the counters of a bridge are its own and its veths (forwarded packets are counted on the veths), received only', () => {
    expect(countedInterfaces(bridges)).toEqual([
      'docker0',
      'br-b5be45e25753',
      'veth1aaaaaa',
      'veth2bbbbbb',
      'br-38e6ad71dc43',
      'veth3cccccc',
    ]);
    const root = fakeSys('sys1', { veth1aaaaaa: [10, 12], 'br-b5be45e25753': [0, 3] });
    expect(readPacketCounters(['veth1aaaaaa', 'br-b5be45e25753', 'gone0'], root)).toEqual(
      new Map([
        ['veth1aaaaaa', 10],
        ['br-b5be45e25753', 0],
      ]),
    );
  });

  it('docker0 without veths is never a candidate; the busy bridge comes first and is taken without asking', async () => {
    const view = await readDocker(SOCK);
    const names = countedInterfaces(bridges);
    const before = readPacketCounters(names, fakeSys('before', { veth1aaaaaa: [100, 100], veth3cccccc: [5, 5] }));
    const after = readPacketCounters(
      names,
      fakeSys('after', { veth1aaaaaa: [108, 109], veth2bbbbbb: [9, 8], veth3cccccc: [5, 5] }),
    );
    const ranked = rankBridges(list, before, after, view);
    expect(ranked.map((c) => [c.iface.name, c.packets, c.network?.name])).toEqual([
      ['br-b5be45e25753', 17, 'pcxlab_lab'],
      ['br-38e6ad71dc43', 0, 'pcxlab_idle'],
    ]);
    expect(chooseBridge(ranked, true)).toEqual({ kind: 'take', ifaces: ['br-b5be45e25753'], reason: 'one_busy' });
    expect(chooseBridge(ranked, false)).toEqual({ kind: 'take', ifaces: ['br-b5be45e25753'], reason: 'one_busy' });
  });

  it("a new bridge's few packets of its own (IPv6 RS, MLD) do not make it busy beside the lab's", () => {
    const after = new Map([
      ['veth1aaaaaa', 16],
      ['veth3cccccc', 1],
    ]);
    const ranked = rankBridges(list, new Map(), after, undefined);
    expect(ranked.map((c) => c.packets)).toEqual([16, 1]);
    expect(chooseBridge(ranked, true)).toEqual({ kind: 'take', ifaces: ['br-b5be45e25753'], reason: 'one_busy' });
    // comparable traffic on both: both busy
    const both = rankBridges(list, new Map(), new Map([...after, ['veth3cccccc', 4]]), undefined);
    expect(chooseBridge(both, true)).toMatchObject({ kind: 'ask' });
  });

  it('several busy: ask on a terminal (busiest first), else take the busy ones; all idle: ask, else all', () => {
    const none = new Map<string, number>();
    const busy = new Map([
      ['veth1aaaaaa', 5],
      ['veth3cccccc', 50],
    ]);
    const ranked = rankBridges(list, none, busy, undefined);
    expect(ranked.map((c) => c.iface.name)).toEqual(['br-38e6ad71dc43', 'br-b5be45e25753']);
    expect(chooseBridge(ranked, true)).toMatchObject({ kind: 'ask' });
    expect(chooseBridge(ranked, false)).toEqual({
      kind: 'take',
      ifaces: ['br-38e6ad71dc43', 'br-b5be45e25753'],
      reason: 'all_busy',
    });
    const idle = rankBridges(list, none, none, undefined);
    // equal traffic: more veths first
    expect(idle.map((c) => c.iface.name)).toEqual(['br-b5be45e25753', 'br-38e6ad71dc43']);
    expect(chooseBridge(idle, true)).toMatchObject({ kind: 'ask' });
    expect(chooseBridge(idle, false)).toMatchObject({ kind: 'take', reason: 'all_idle' });
  });

  it('one bridge with a container: taken; none: wait', () => {
    const one = parseIpJson(
      JSON.stringify([
        link(3, 'docker0', { linkinfo: { info_kind: 'bridge' } }),
        link(9, 'veth9', { master: 'docker0', linkinfo: { info_kind: 'veth' } }),
      ]),
    );
    expect(chooseBridge(rankBridges(one, new Map(), new Map(), undefined), true)).toEqual({
      kind: 'take',
      ifaces: ['docker0'],
      reason: 'one_candidate',
    });
    const idleDocker0 = parseIpJson(JSON.stringify([link(3, 'docker0', { linkinfo: { info_kind: 'bridge' } })]));
    expect(chooseBridge(rankBridges(idleDocker0, new Map(), new Map(), undefined), false)).toEqual({ kind: 'none' });
  });
});
