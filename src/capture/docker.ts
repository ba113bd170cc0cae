/**
 * What Docker says about its networks, read from the Docker Engine API on its unix socket
 * (/var/run/docker.sock) over HTTP, without a client library, and only with read-only GETs:
 *
 *   GET /networks          Id, Name, Driver, Options["com.docker.network.bridge.name"], IPAM.Config
 *                          [{Subnet, Gateway}], Labels["com.docker.compose.project"]
 *   GET /containers/json   Names ["/zmq-req"], NetworkSettings.Networks{name: {NetworkID, IPAddress,
 *                          MacAddress}}
 *
 * Docker names the bridge of a user-defined network `br-` + the first 12 hex digits of its id unless
 * the network sets com.docker.network.bridge.name (the default network: `docker0`).
 *
 * Also here: choosing the bridge to capture on. A bridge with no veth attached carries nothing (no
 * container is plugged in: docker0 sits there UP with NO-CARRIER), so it is never a candidate; among
 * the others, the ones whose packet counters (/sys/class/net/NAME/statistics/{rx,tx}_packets) moved
 * between two readings come first. The bridge device's own counters count only what goes to or from
 * the host's IP stack; what one container sends another is forwarded between ports and counted on
 * their veths (received on the sender's, sent on the receiver's), so a bridge's traffic is the sum
 * over the bridge and the interfaces attached to it. Pure functions over the interface list, the readings and the
 * Docker view, so tests give them a faked /sys and a faked socket.
 */
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { isJsonArray, isJsonObject, type Json, type JsonObject } from '../json.js';
import type { NetInterface } from './interfaces.js';
import type { HostName } from './names.js';

export const DOCKER_SOCKET = '/var/run/docker.sock';

export interface DockerEndpoint {
  /** The container's name as `docker ps` shows it (without the leading slash). */
  container: string;
  /** IPv4 address on this network (no prefix length), or null. */
  ip: string | null;
  mac: string | null;
}

export interface DockerNetwork {
  id: string;
  name: string;
  driver: string;
  /** The Linux bridge of the network (bridge driver only). */
  bridge: string | null;
  /** com.docker.compose.project, when docker compose made the network. */
  project: string | null;
  subnets: string[];
  /** The gateway addresses: the bridge's own address on the Docker host. */
  gateways: string[];
  endpoints: DockerEndpoint[];
}

export interface DockerView {
  networks: DockerNetwork[];
}

/** One read-only GET on the Engine API; rejects on any failure (no daemon, no rights, not JSON, timeout). */
export function dockerGet(path: string, socketPath = DOCKER_SOCKET, timeoutMs = 2000): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const req = request({ socketPath, path, method: 'GET', headers: { Host: 'docker' }, timeout: timeoutMs }, (res) => {
      const chunks: Buffer[] = [];
      let size = 0;
      res.on('data', (c: Buffer) => {
        size += c.length;
        if (size > 32 << 20) {
          req.destroy(new Error('answer too large'));
          return;
        }
        chunks.push(c);
      });
      res.on('end', () => {
        if (res.statusCode !== 200) {
          reject(new Error(`the Docker API answered ${res.statusCode} for ${path}`));
          return;
        }
        try {
          resolve(JSON.parse(Buffer.concat(chunks).toString('utf8')));
        } catch (e) {
          reject(e as Error);
        }
      });
      res.on('error', reject);
    });
    req.on('timeout', () => req.destroy(new Error(`no answer from ${socketPath} in ${timeoutMs} ms`)));
    req.on('error', reject);
    req.end();
  });
}

/** An object of Docker's answer, or an empty one where the answer has something else. */
function obj(v: unknown): JsonObject {
  return isJsonObject(v) ? v : {};
}

function arr(v: unknown): readonly Json[] {
  return isJsonArray(v) ? v : [];
}

function str(v: unknown): string | null {
  return typeof v === 'string' && v !== '' ? v : null;
}

/** Builds the view from the answers of GET /networks and GET /containers/json (pure; exported for tests). */
export function parseDockerView(networks: unknown, containers: unknown): DockerView {
  const out: DockerNetwork[] = [];
  const byId = new Map<string, DockerNetwork>();
  for (const raw of arr(networks)) {
    const n = obj(raw);
    const id = str(n.Id);
    const name = str(n.Name);
    if (!id || !name) continue;
    const driver = str(n.Driver) ?? '';
    const options = obj(n.Options);
    const labels = obj(n.Labels);
    const ipam = arr(obj(n.IPAM).Config).map(obj);
    const net: DockerNetwork = {
      id,
      name,
      driver,
      bridge: driver === 'bridge' ? (str(options['com.docker.network.bridge.name']) ?? `br-${id.slice(0, 12)}`) : null,
      project: str(labels['com.docker.compose.project']),
      subnets: ipam.map((c) => str(c.Subnet)).filter((s): s is string => s !== null),
      gateways: ipam.map((c) => str(c.Gateway)).filter((s): s is string => s !== null),
      endpoints: [],
    };
    out.push(net);
    byId.set(id, net);
  }
  for (const raw of arr(containers)) {
    const c = obj(raw);
    const cname = str(arr(c.Names)[0])?.replace(/^\//, '');
    if (!cname) continue;
    for (const [netName, epRaw] of Object.entries(obj(obj(c.NetworkSettings).Networks))) {
      const ep = obj(epRaw);
      const net = byId.get(str(ep.NetworkID) ?? '') ?? out.find((n) => n.name === netName);
      if (!net) continue;
      net.endpoints.push({ container: cname, ip: str(ep.IPAddress), mac: str(ep.MacAddress) });
    }
  }
  for (const n of out) n.endpoints.sort((a, b) => a.container.localeCompare(b.container));
  return { networks: out };
}

/** The socket named by DOCKER_HOST=unix://PATH, else /var/run/docker.sock. */
export function dockerSocket(env: NodeJS.ProcessEnv = process.env): string {
  const h = env.DOCKER_HOST;
  return h?.startsWith('unix://') ? h.slice('unix://'.length) : DOCKER_SOCKET;
}

/** Docker's networks and containers, or undefined when the API cannot be read (no daemon, no rights). */
export async function readDocker(socketPath = dockerSocket(), timeoutMs = 2000): Promise<DockerView | undefined> {
  try {
    const [networks, containers] = await Promise.all([
      dockerGet('/networks', socketPath, timeoutMs),
      dockerGet('/containers/json', socketPath, timeoutMs),
    ]);
    return parseDockerView(networks, containers);
  } catch {
    return undefined;
  }
}

/** The Docker network whose Linux bridge is `iface`. */
export function networkOfBridge(view: DockerView | undefined, iface: string): DockerNetwork | undefined {
  return view?.networks.find((n) => n.bridge === iface);
}

/**
 * Which container is behind each veth: the bridge's forwarding database (`bridge -j fdb show`) has
 * learned each container's MAC on the bridge port (veth) it came in by, and Docker knows each
 * container's MAC. A container that sent nothing for the bridge's ageing time (300 s) is not there.
 */
export function vethContainers(view: DockerView | undefined, fdb: readonly FdbEntry[]): Map<string, string> {
  const byMac = new Map<string, string>();
  for (const n of view?.networks ?? []) {
    for (const e of n.endpoints) if (e.mac) byMac.set(e.mac.toLowerCase(), e.container);
  }
  const out = new Map<string, string>();
  for (const f of fdb) {
    if (f.permanent || !f.master) continue;
    const c = byMac.get(f.mac.toLowerCase());
    if (c !== undefined && !out.has(f.ifname)) out.set(f.ifname, c);
  }
  return out;
}

/** One learned entry of a bridge's forwarding database. */
export interface FdbEntry {
  mac: string;
  /** The bridge port (a veth). */
  ifname: string;
  master: string | null;
  permanent: boolean;
}

/** Parses `bridge -j fdb show` (pure; exported for tests). */
export function parseFdbJson(json: string): FdbEntry[] {
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch {
    return [];
  }
  return arr(raw).flatMap((x) => {
    const e = obj(x);
    const mac = str(e.mac);
    const ifname = str(e.ifname);
    if (!mac || !ifname) return [];
    return [{ mac, ifname, master: str(e.master), permanent: e.state === 'permanent' }];
  });
}

/** The bridges' forwarding databases; empty without iproute2's `bridge` or its JSON output. */
export function readFdb(): Promise<FdbEntry[]> {
  return new Promise((resolve) => {
    execFile('bridge', ['-j', 'fdb', 'show'], { timeout: 5000, maxBuffer: 16 << 20 }, (err, stdout) =>
      resolve(err ? [] : parseFdbJson(stdout)),
    );
  });
}

/* ------------------------------------------------------------------------------------------------ */

/**
 * Packets each interface has received so far (rx_packets of /sys/class/net/NAME/statistics). On a bridge's
 * host-side veth, rx is what its container sent; on the bridge, what containers sent to the host. What the
 * bridge sends of its own (IPv6 router solicitations and MLD reports from its link-local address when the
 * network is new) is tx on the bridge and on every veth, so it is not counted: an idle network's bridge
 * counted 2 packets a second (rx + tx) beside a lab's 12 on a busy machine, enough to look busy.
 */
export function readPacketCounters(names: readonly string[], root = '/sys/class/net'): Map<string, number> {
  const out = new Map<string, number>();
  for (const name of names) {
    let sum = 0;
    let ok = false;
    for (const f of ['rx_packets']) {
      try {
        const v = Number(readFileSync(join(root, name, 'statistics', f), 'utf8').trim());
        if (Number.isFinite(v)) {
          sum += v;
          ok = true;
        }
      } catch {
        // gone, or no statistics: counts as no traffic
      }
    }
    if (ok) out.set(name, sum);
  }
  return out;
}

export interface BridgeCandidate {
  iface: NetInterface;
  /** Packets through the bridge between the two readings. */
  packets: number;
  network: DockerNetwork | undefined;
}

/** The interfaces whose counters tell a bridge's traffic: the bridge and every interface attached to it. */
export function countedInterfaces(bridges: readonly NetInterface[]): string[] {
  return bridges.flatMap((b) => [b.name, ...b.attached]);
}

/**
 * The Docker bridges worth capturing on, busiest first: administratively up, at least one veth (or
 * other interface) attached. `before` and `after` are the counters (readPacketCounters over
 * countedInterfaces) read some time apart.
 */
export function rankBridges(
  list: readonly NetInterface[],
  before: ReadonlyMap<string, number>,
  after: ReadonlyMap<string, number>,
  view: DockerView | undefined,
): BridgeCandidate[] {
  return list
    .filter((i) => i.dockerBridge && i.up && i.attached.length > 0)
    .map((iface) => ({
      iface,
      packets: [iface.name, ...iface.attached].reduce(
        (sum, n) => sum + Math.max(0, (after.get(n) ?? 0) - (before.get(n) ?? 0)),
        0,
      ),
      network: networkOfBridge(view, iface.name),
    }))
    .sort(
      (a, b) =>
        b.packets - a.packets || b.iface.attached.length - a.iface.attached.length || a.iface.index - b.iface.index,
    );
}

export type BridgeChoice =
  /** Capture on these without asking. */
  | { kind: 'take'; ifaces: string[]; reason: 'one_candidate' | 'one_busy' | 'all_busy' | 'all_idle' }
  /** Several and nothing tells them apart: ask (on a terminal), else take them all. */
  | { kind: 'ask'; candidates: BridgeCandidate[] }
  /** No bridge with a container: wait for one. */
  | { kind: 'none' };

/**
 * Traffic below this share of the busiest bridge's counts as idle: a network's bridge sends a few
 * packets of its own when it is new (IPv6 router solicitations and MLD reports from its link-local
 * address; measured: 1 packet in a second beside the lab's 16), which must not make it look busy.
 */
export const BUSY_SHARE = 0.1;

/** The bridges with traffic: at least one packet, and at least BUSY_SHARE of the busiest's. */
export function busyBridges(ranked: readonly BridgeCandidate[]): BridgeCandidate[] {
  const top = ranked.reduce((m, c) => Math.max(m, c.packets), 0);
  return ranked.filter((c) => c.packets > 0 && c.packets >= top * BUSY_SHARE);
}

/**
 * One busy bridge, or a single candidate: take it. Several busy ones: ask on a terminal (the busy ones
 * first), otherwise take the busy ones. Several, all idle: ask, otherwise take them all.
 */
export function chooseBridge(ranked: readonly BridgeCandidate[], interactive: boolean): BridgeChoice {
  if (ranked.length === 0) return { kind: 'none' };
  if (ranked.length === 1) return { kind: 'take', ifaces: [ranked[0]!.iface.name], reason: 'one_candidate' };
  const busy = busyBridges(ranked);
  if (busy.length === 1) return { kind: 'take', ifaces: [busy[0]!.iface.name], reason: 'one_busy' };
  if (interactive) return { kind: 'ask', candidates: [...ranked] };
  if (busy.length > 1) return { kind: 'take', ifaces: busy.map((c) => c.iface.name), reason: 'all_busy' };
  return { kind: 'take', ifaces: ranked.map((c) => c.iface.name), reason: 'all_idle' };
}

/** "lab_default, compose project lab: zmq-rep, zmq-req" — the words shown beside a bridge. */
export function describeNetwork(net: DockerNetwork | undefined): string {
  if (!net) return '';
  const project = net.project ? `, compose project ${net.project}` : '';
  const who = net.endpoints.map((e) => e.container).join(', ');
  return `${net.name}${project}${who ? `: ${who}` : ''}`;
}

/* ------------------------------------------------------------------------------------------------ */

/**
 * Names for the addresses of the given bridges' networks: each container's IPv4 address → its name,
 * and the gateway (the bridge's own address on the Docker host) → the bridge's name.
 */
export function dockerNames(view: DockerView | undefined, bridges: readonly string[]): HostName[] {
  const out: HostName[] = [];
  const seen = new Set<string>();
  for (const net of view?.networks ?? []) {
    if (!net.bridge || !bridges.includes(net.bridge)) continue;
    for (const e of net.endpoints) {
      if (e.ip && !seen.has(e.ip)) {
        seen.add(e.ip);
        out.push({ address: e.ip, name: e.container });
      }
    }
    for (const g of net.gateways) {
      if (!seen.has(g)) {
        seen.add(g);
        out.push({ address: g, name: net.bridge });
      }
    }
  }
  return out;
}
