/**
 * A Docker-like lab for the live-capture tests, built like fixtures/make/lib.sh but with names of its
 * own (pxl-<tag>-*, br-<12 hex>) so it never collides with a fixture script running at the same time:
 * a "docker host" namespace holding the bridge (172.18.0.1/16), one namespace per container with
 * eth0 = 172.18.0.N/16, IPv6 off. Everything stays inside these namespaces; down() removes them all,
 * also after a failed test (call it from afterAll).
 */
import { type ChildProcess, execFileSync, spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import {
  accessSync,
  chmodSync,
  constants,
  cpSync,
  existsSync,
  mkdtempSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { ROOT } from '../helpers/fixtures.js';

export const BIN = join(ROOT, 'bin/pcap-explain.js');
export const PEERS = join(ROOT, 'fixtures/make/peers');
/** Debian's python, which has zmq and paho (a pyenv `python3` on PATH may not). */
export const PY = '/usr/bin/python3';

export const IS_ROOT = process.getuid?.() === 0;

/** iproute2's ip, by absolute path: some tests run the CLI with a PATH that has no ip. */
export const IP = (() => {
  const r = spawnSync('sh', ['-c', 'command -v ip'], { encoding: 'utf8' });
  return r.status === 0 && r.stdout.trim() ? r.stdout.trim() : '/usr/sbin/ip';
})();

function ok(cmd: string, args: string[]): boolean {
  try {
    return spawnSync(cmd, args, { stdio: 'ignore', timeout: 10_000 }).status === 0;
  } catch {
    return false;
  }
}

export const HAVE_NETNS = IS_ROOT && ok(IP, ['netns', 'list']);
export const HAVE_TCPDUMP = ok('sh', ['-c', 'command -v tcpdump']);
export const HAVE_DUMPCAP = ok('sh', ['-c', 'command -v dumpcap']);
export const HAVE_TSHARK = ok('sh', ['-c', 'command -v tshark']);
export const HAVE_SETPRIV = ok('sh', ['-c', 'command -v setpriv']);
export const HAVE_ZMQ = existsSync(PY) && ok(PY, ['-c', 'import zmq']);
export const HAVE_MQTT =
  existsSync(PY) &&
  ok(PY, ['-c', 'import paho.mqtt.client']) &&
  ok('sh', ['-c', 'command -v mosquitto || test -x /usr/sbin/mosquitto']);
export const MOSQUITTO = existsSync('/usr/sbin/mosquitto') ? '/usr/sbin/mosquitto' : 'mosquitto';

/** Whether a user other than the owner can reach `path`: every folder above it searchable by others. */
function reachableByOthers(path: string): boolean {
  for (let dir = dirname(path); ; dir = dirname(dir)) {
    if ((statSync(dir).mode & 0o001) === 0) return false;
    if (dirname(dir) === dir) return true;
  }
}

/**
 * The CLI's entry point as an unprivileged user can run it. The checkout may live under a folder that other
 * users cannot enter (`mktemp -d` makes mode 0700), so then bin/, dist/, package.json and the production
 * dependencies are copied to a world-readable folder of their own, removed when the process exits.
 */
export function binForAnyUser(): string {
  if (reachableByOthers(BIN)) return BIN;
  const dir = mkdtempSync(join(tmpdir(), 'pxl-cli-'));
  chmodSync(dir, 0o755);
  process.on('exit', () => rmSync(dir, { recursive: true, force: true }));
  const prod = spawnSync('npm', ['ls', '--omit=dev', '--all', '--parseable'], { cwd: ROOT, encoding: 'utf8' });
  const deps = prod.stdout
    .split('\n')
    .filter((p) => p.startsWith(join(ROOT, 'node_modules')))
    .map((p) => relative(ROOT, p));
  for (const part of ['bin', 'dist', 'package.json', ...deps])
    cpSync(join(ROOT, part), join(dir, part), { recursive: true });
  spawnSync('chmod', ['-R', 'a+rX', dir]);
  const bin = join(dir, 'bin/pcap-explain.js');
  accessSync(bin, constants.R_OK);
  return bin;
}

/** The environment the CLI runs with in tests: no colour, English. */
export function cliEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  return { ...process.env, NO_COLOR: '1', LANG: 'C.UTF-8', LC_ALL: '', LC_MESSAGES: '', ...extra };
}

/** A spawned process with its output collected as it arrives. */
export class Proc {
  out = '';
  err = '';
  code: number | null = null;
  signal: string | null = null;
  readonly exited: Promise<number | null>;
  /** When each chunk of stdout arrived, and whether the process had exited then. */
  readonly outTimes: Array<{ at: number; len: number }> = [];

  constructor(readonly child: ChildProcess) {
    child.stdout?.setEncoding('utf8');
    child.stderr?.setEncoding('utf8');
    child.stdout?.on('data', (d: string) => {
      this.out += d;
      this.outTimes.push({ at: Date.now(), len: this.out.length });
    });
    child.stderr?.on('data', (d: string) => {
      this.err += d;
    });
    this.exited = new Promise((resolve) => {
      child.on('close', (code, signal) => {
        this.code = code;
        this.signal = signal;
        resolve(code);
      });
    });
  }

  get running(): boolean {
    return this.code === null && this.signal === null;
  }

  /** Resolves once stdout or stderr matches (rejects after the timeout or when the process ends first). */
  async waitFor(re: RegExp, where: 'out' | 'err' = 'err', timeoutMs = 15_000): Promise<void> {
    const end = Date.now() + timeoutMs;
    while (!re.test(where === 'out' ? this.out : this.err)) {
      if (!this.running) throw new Error(`process ended before ${re}: ${this.err.slice(-800)}`);
      if (Date.now() > end) throw new Error(`timeout waiting for ${re}; stderr: ${this.err.slice(-800)}`);
      await sleep(25);
    }
  }

  async done(timeoutMs = 20_000): Promise<number | null> {
    const t = setTimeout(() => this.child.kill('SIGKILL'), timeoutMs);
    try {
      return await this.exited;
    } finally {
      clearTimeout(t);
    }
  }
}

export function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

function ip(...args: string[]): void {
  execFileSync(IP, args, { stdio: ['ignore', 'ignore', 'pipe'] });
}

export class Lab {
  readonly tag = randomBytes(2).toString('hex');
  readonly hostNs = `pxl-${this.tag}-h`;
  readonly bridge = `br-${randomBytes(6).toString('hex')}`;
  readonly dir = mkdtempSync(join(tmpdir(), 'pxl-'));
  private readonly namespaces: string[] = [];
  private readonly procs: ChildProcess[] = [];

  ns(n: number): string {
    return `pxl-${this.tag}-${n}`;
  }

  ipOf(n: number): string {
    return `172.18.0.${n}`;
  }

  private addNs(name: string): void {
    ip('netns', 'add', name);
    this.namespaces.push(name);
    execFileSync(IP, [
      'netns',
      'exec',
      name,
      'sysctl',
      '-qw',
      'net.ipv6.conf.all.disable_ipv6=1',
      'net.ipv6.conf.default.disable_ipv6=1',
    ]);
    ip('-n', name, 'link', 'set', 'lo', 'up');
  }

  /** The "docker host" namespace with the bridge. */
  up(): this {
    chmodSync(this.dir, 0o755);
    this.addNs(this.hostNs);
    ip('-n', this.hostNs, 'link', 'add', this.bridge, 'type', 'bridge', 'stp_state', '0', 'forward_delay', '0');
    ip('-n', this.hostNs, 'addr', 'add', '172.18.0.1/16', 'dev', this.bridge);
    ip('-n', this.hostNs, 'link', 'set', this.bridge, 'up');
    return this;
  }

  /** A second Docker-like network: another br-<12 hex> bridge in the host namespace, gateway `net`.1/16. */
  addBridge(net: string): string {
    const br = `br-${randomBytes(6).toString('hex')}`;
    ip('-n', this.hostNs, 'link', 'add', br, 'type', 'bridge', 'stp_state', '0', 'forward_delay', '0');
    ip('-n', this.hostNs, 'addr', 'add', `${net}.1/16`, 'dev', br);
    ip('-n', this.hostNs, 'link', 'set', br, 'up');
    return br;
  }

  /**
   * Container N through a veth on a bridge, as Docker does: 172.18.0.N on the lab's bridge, or
   * `net`.(N % 256) on another one (N must be unique in the lab).
   */
  addHost(n: number, on: { bridge: string; net: string } = { bridge: this.bridge, net: '172.18.0' }): this {
    const ns = this.ns(n);
    this.addNs(ns);
    const veth = `vx${this.tag}${n.toString(16).padStart(3, '0')}`;
    const last = n % 256;
    ip('-n', this.hostNs, 'link', 'add', veth, 'type', 'veth', 'peer', 'name', 'eth0', 'netns', ns);
    ip('-n', this.hostNs, 'link', 'set', veth, 'master', on.bridge, 'up');
    ip(
      '-n',
      ns,
      'link',
      'set',
      'eth0',
      'address',
      `02:42:ac:12:${(n >> 8).toString(16).padStart(2, '0')}:${last.toString(16).padStart(2, '0')}`,
    );
    ip('-n', ns, 'addr', 'add', `${on.net}.${last}/16`, 'dev', 'eth0');
    ip('-n', ns, 'link', 'set', 'eth0', 'up');
    return this;
  }

  /** An extra namespace with nothing but lo (for error cases). */
  emptyNs(name: string): string {
    const full = `pxl-${this.tag}-${name}`;
    this.addNs(full);
    return full;
  }

  /** Runs a program in a namespace; the process is killed by down() if still running. */
  spawnIn(ns: string, cmd: string, args: string[], env: NodeJS.ProcessEnv = process.env, detached = false): Proc {
    const child = spawn(IP, ['netns', 'exec', ns, cmd, ...args], {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...env, PYTHONDONTWRITEBYTECODE: '1' },
      // detached: a process group of its own, so a test can send Ctrl+C's SIGINT to the whole group
      detached,
    });
    this.procs.push(child);
    return new Proc(child);
  }

  /** A peer program (fixtures/make/peers/NAME.py) in container N. */
  peer(n: number, script: string, args: string[]): Proc {
    return this.spawnIn(this.ns(n), PY, [join(PEERS, script), ...args]);
  }

  /** `pcap-explain ARGS` in the host namespace (where the bridge is). */
  cli(args: string[], env: NodeJS.ProcessEnv = cliEnv(), ns = this.hostNs, detached = false): Proc {
    return this.spawnIn(ns, process.execPath, [BIN, ...args], env, detached);
  }

  async waitPort(n: number, port: number, timeoutMs = 15_000): Promise<void> {
    const end = Date.now() + timeoutMs;
    for (;;) {
      const r = spawnSync(IP, ['netns', 'exec', this.ns(n), 'ss', '-Hltn', `sport = :${port}`], { encoding: 'utf8' });
      if (r.stdout.trim()) return;
      if (Date.now() > end) throw new Error(`nothing listens on ${this.ipOf(n)}:${port}`);
      await sleep(30);
    }
  }

  /** mosquitto (listener 1883, anonymous) in container N. */
  async mosquitto(n: number): Promise<Proc> {
    const conf = join(this.dir, 'mosquitto.conf');
    writeFileSync(conf, 'listener 1883 0.0.0.0\nallow_anonymous true\npersistence false\nlog_dest none\n');
    chmodSync(conf, 0o644);
    const p = this.spawnIn(this.ns(n), MOSQUITTO, ['-c', conf]);
    await this.waitPort(n, 1883);
    return p;
  }

  path(name: string): string {
    return join(this.dir, name);
  }

  /** Kills what the tests started, then every process left in the lab's namespaces, and removes them. */
  down(): void {
    for (const c of this.procs) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
    for (const ns of this.namespaces) {
      const r = spawnSync(IP, ['netns', 'pids', ns], { encoding: 'utf8' });
      for (const pid of (r.stdout ?? '').split(/\s+/).filter(Boolean)) {
        try {
          process.kill(Number(pid), 'SIGKILL');
        } catch {
          // already gone
        }
      }
    }
    for (const ns of this.namespaces.reverse()) spawnSync(IP, ['netns', 'del', ns], { stdio: 'ignore' });
    rmSync(this.dir, { recursive: true, force: true });
  }
}

/** JSON Lines output split into records. */
export function jsonLines(s: string): Array<Record<string, unknown>> {
  return s
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as Record<string, unknown>);
}

/** `pcap-explain analyze FILE -f json` → the model. */
export function analyzeJson(file: string): {
  code: number | null;
  model: Record<string, unknown> | undefined;
  err: string;
} {
  const r = spawnSync(process.execPath, [BIN, 'analyze', file, '-f', 'json'], {
    encoding: 'utf8',
    env: cliEnv(),
    maxBuffer: 256 << 20,
  });
  return { code: r.status, model: r.stdout ? JSON.parse(r.stdout) : undefined, err: r.stderr };
}

/** The first place two JSON values differ ("" when equal), for short failure messages. */
export function firstDiff(a: unknown, b: unknown, path = '$'): string {
  if (Object.is(a, b)) return '';
  if (typeof a !== typeof b || a === null || b === null || typeof a !== 'object') {
    return `${path}: ${JSON.stringify(a)?.slice(0, 200)} ≠ ${JSON.stringify(b)?.slice(0, 200)}`;
  }
  if (Array.isArray(a) !== Array.isArray(b)) return `${path}: array vs object`;
  const ka = Object.keys(a as object);
  const kb = Object.keys(b as object);
  for (const k of new Set([...ka, ...kb])) {
    const d = firstDiff((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], `${path}.${k}`);
    if (d) return d;
  }
  return '';
}
