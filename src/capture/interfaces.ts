/**
 * The network interfaces a live capture can use, with what a student needs to pick one: addresses,
 * state, and which ones are Docker's (the `docker0` / `br-<12 hex>` bridges and the veths plugged into
 * them). Read from `ip -d -j addr` (iproute2); without it, from /sys/class/net plus Node's address list.
 */
import { execFile } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { networkInterfaces } from 'node:os';
import { join } from 'node:path';
import { isDockerBridgeName } from './bridge-name.js';

export { isDockerBridgeName };

export type InterfaceKind = 'loopback' | 'bridge' | 'veth' | 'ether' | 'other';

export interface InterfaceAddress {
  family: 'inet' | 'inet6';
  address: string;
  prefixlen: number;
}

export interface NetInterface {
  name: string;
  index: number;
  kind: InterfaceKind;
  /** Administratively up (IFF_UP): libpcap refuses to capture on an interface that is not. */
  up: boolean;
  /** Kernel operstate: UP, DOWN, UNKNOWN, LOWERLAYERDOWN, ... */
  operstate: string;
  mac: string | null;
  mtu: number | null;
  addresses: InterfaceAddress[];
  /** The bridge this interface is plugged into (a veth on a Docker bridge). */
  master: string | null;
  /** docker0 or br-<12 hex> (the bridge of a user-defined Docker network). */
  dockerBridge: boolean;
  /** For bridges: the interfaces attached to it. */
  attached: string[];
}

interface IpJsonAddr {
  family?: string;
  local?: string;
  prefixlen?: number;
}

interface IpJsonLink {
  ifindex?: number;
  ifname?: string;
  flags?: string[];
  operstate?: string;
  mtu?: number;
  link_type?: string;
  address?: string;
  master?: string;
  linkinfo?: { info_kind?: string; info_slave_kind?: string };
  addr_info?: IpJsonAddr[];
}

function kindOf(name: string, linkType: string | undefined, infoKind: string | undefined): InterfaceKind {
  if (linkType === 'loopback' || name === 'lo') return 'loopback';
  if (infoKind === 'bridge') return 'bridge';
  if (infoKind === 'veth') return 'veth';
  if (infoKind === undefined && linkType === 'ether') return 'ether';
  return 'other';
}

/** Joins the per-interface facts: which interfaces each bridge holds, which bridges are Docker's. */
function finish(list: NetInterface[]): NetInterface[] {
  const byName = new Map(list.map((i) => [i.name, i]));
  for (const i of list) {
    if (i.master) byName.get(i.master)?.attached.push(i.name);
    i.dockerBridge = i.kind === 'bridge' && isDockerBridgeName(i.name);
  }
  for (const i of list) i.attached.sort();
  return list.sort((a, b) => a.index - b.index);
}

/** Parses `ip -d -j addr show` output (pure; exported for tests). */
export function parseIpJson(json: string): NetInterface[] {
  const raw = JSON.parse(json) as IpJsonLink[];
  const out: NetInterface[] = [];
  for (const l of raw) {
    if (typeof l.ifname !== 'string') continue;
    const addresses: InterfaceAddress[] = [];
    for (const a of l.addr_info ?? []) {
      if ((a.family === 'inet' || a.family === 'inet6') && typeof a.local === 'string') {
        addresses.push({ family: a.family, address: a.local, prefixlen: a.prefixlen ?? 0 });
      }
    }
    out.push({
      name: l.ifname,
      index: l.ifindex ?? 0,
      kind: kindOf(l.ifname, l.link_type, l.linkinfo?.info_kind),
      up: (l.flags ?? []).includes('UP'),
      operstate: l.operstate ?? 'UNKNOWN',
      mac: l.address && l.link_type !== 'loopback' ? l.address : null,
      mtu: l.mtu ?? null,
      addresses,
      master: l.master ?? null,
      dockerBridge: false,
      attached: [],
    });
  }
  return finish(out);
}

function readSys(dir: string, file: string): string | undefined {
  try {
    return readFileSync(join(dir, file), 'utf8').trim();
  } catch {
    return undefined;
  }
}

/** Without iproute2: /sys/class/net for kinds, state and bridges; Node's list for the addresses. */
export function interfacesFromSys(root = '/sys/class/net'): NetInterface[] {
  let names: string[];
  try {
    names = readdirSync(root);
  } catch {
    return [];
  }
  const addrs = networkInterfaces();
  const out: NetInterface[] = [];
  for (const name of names) {
    const dir = join(root, name);
    const flags = Number.parseInt(readSys(dir, 'flags') ?? '0', 16);
    const type = readSys(dir, 'type');
    let master: string | null = null;
    try {
      master = readlinkSync(join(dir, 'master')).split('/').pop() ?? null;
    } catch {
      master = null;
    }
    const uevent = readSys(dir, 'uevent') ?? '';
    const infoKind = existsSync(join(dir, 'bridge'))
      ? 'bridge'
      : /DEVTYPE=/.test(uevent)
        ? 'other'
        : name.startsWith('veth')
          ? 'veth'
          : undefined;
    const linkType = type === '772' ? 'loopback' : type === '1' ? 'ether' : 'other';
    out.push({
      name,
      index: Number(readSys(dir, 'ifindex') ?? 0),
      kind: kindOf(name, linkType, infoKind),
      up: (flags & 1) === 1,
      operstate: (readSys(dir, 'operstate') ?? 'unknown').toUpperCase(),
      mac: linkType === 'loopback' ? null : (readSys(dir, 'address') ?? null),
      mtu: Number(readSys(dir, 'mtu') ?? 0) || null,
      addresses: (addrs[name] ?? []).map((a) => ({
        family: a.family === 'IPv4' ? 'inet' : 'inet6',
        address: a.address,
        prefixlen: Number(a.cidr?.split('/')[1] ?? 0),
      })),
      master,
      dockerBridge: false,
      attached: [],
    });
  }
  return finish(out);
}

/** Every interface of this network namespace; `ip -d -j addr` first, /sys/class/net without it. */
export function listInterfaces(): Promise<NetInterface[]> {
  return new Promise((resolve) => {
    execFile('ip', ['-d', '-j', 'addr', 'show'], { timeout: 5000, maxBuffer: 16 << 20 }, (err, stdout) => {
      if (!err) {
        try {
          resolve(parseIpJson(stdout));
          return;
        } catch {
          // an iproute2 without JSON output: fall through
        }
      }
      resolve(interfacesFromSys());
    });
  });
}

/** Docker bridges that can be captured on (administratively up), the ones with containers first. */
export function dockerBridges(list: readonly NetInterface[]): NetInterface[] {
  return list
    .filter((i) => i.dockerBridge && i.up)
    .sort((a, b) => b.attached.length - a.attached.length || a.index - b.index);
}
