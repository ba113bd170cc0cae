/**
 * `pcap-explain live` errors: each one line on standard error with the fix, exit code 1, nothing captured.
 * As root they run inside a namespace of their own that holds only `lo` (so nothing of the host is ever
 * captured); the cases that fail before any capture starts also run without root.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN, binForAnyUser, cliEnv, HAVE_NETNS, HAVE_SETPRIV, HAVE_TCPDUMP, Lab, Proc } from './helpers.js';

let lab: Lab | undefined;
let ns: string | undefined;
const empty = mkdtempSync(join(tmpdir(), 'pxl-nopath-'));

beforeAll(() => {
  if (HAVE_NETNS) {
    lab = new Lab();
    ns = lab.emptyNs('e');
  }
});
afterAll(() => {
  lab?.down();
  rmSync(empty, { recursive: true, force: true });
});

/**
 * Runs the CLI in the empty namespace when there is one, else here (only for cases that never capture).
 * `wrap` is a program and its arguments that run node (setpriv ...).
 */
async function run(args: string[], env = cliEnv(), wrap: string[] = []) {
  // Another user (setpriv) runs a copy it can read when the checkout is not reachable for others.
  const bin = wrap.length > 0 ? binForAnyUser() : BIN;
  const argv = [...wrap.slice(1), ...(wrap.length > 0 ? [process.execPath] : []), bin, ...args];
  const cmd = wrap[0] ?? process.execPath;
  const p =
    lab && ns
      ? lab.spawnIn(ns, cmd, argv, env)
      : new Proc(spawn(cmd, argv, { env, stdio: ['ignore', 'pipe', 'pipe'] }));
  const code = await p.done();
  return { code, out: p.out, err: p.err };
}

describe('pcap-explain live: errors with their fix', () => {
  it('no such interface: lists the candidates', async () => {
    const r = await run(['live', '-i', 'nosuch0']);
    expect(r.code).toBe(1);
    expect(r.out).toBe('');
    expect(r.err).toMatch(/^pcap-explain: There is no interface named nosuch0 here\. Interfaces: .*\blo\b/);
    expect(r.err).toContain("'pcap-explain interfaces'");
    expect(r.err.trim().split('\n')).toHaveLength(1);
  });

  it('tcpdump and dumpcap both missing: names the apt package', async () => {
    const r = await run(['live', '-i', 'lo', '--count', '1'], cliEnv({ PATH: empty }));
    expect(r.code).toBe(1);
    expect(r.err).toContain('Neither tcpdump nor dumpcap was found on PATH');
    expect(r.err).toContain('sudo apt-get install tcpdump');
  });

  it('usage: --count 0, --docker with -i, an unwritable -w', async () => {
    const c = await run(['live', '-i', 'lo', '--count', '0']);
    expect(c.code).toBe(1);
    expect(c.err).toContain('--count must be a whole number');
    const d = await run(['live', '--docker', '-i', 'lo']);
    expect(d.code).toBe(1);
    expect(d.err).toContain('either --docker or -i');
    const w = await run(['live', '-i', 'lo', '-w', '/nonexistent-dir/x.pcap']);
    expect(w.code).toBe(1);
    expect(w.err).toMatch(/Cannot write \/nonexistent-dir\/x\.pcap \(ENOENT\)/);
  });

  it('Indonesian error text with --lang id', async () => {
    const r = await run(['live', '-i', 'nosuch0', '--lang', 'id']);
    expect(r.code).toBe(1);
    expect(r.err).toContain('Tidak ada interface bernama nosuch0 di sini');
  });

  it.skipIf(!HAVE_NETNS)('no Docker bridge found (--docker): it waits, for --duration at most', async () => {
    const r = await run(['live', '--docker', '--duration', '1']);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/No Docker bridge has a container yet .*: waiting for one to appear\./);
    expect(r.err).toMatch(/No Docker bridge \(docker0 or br-…\) with a container appeared\..* Interfaces: lo\./);
  });

  it.skipIf(!HAVE_NETNS || !HAVE_TCPDUMP)('an invalid BPF filter', async () => {
    const r = await run(['live', '-i', 'lo', '--filter', 'tcp and and']);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/The capture filter 'tcp and and' is not valid BPF \(.*syntax error.*\)/);
  });

  it.skipIf(!HAVE_NETNS || !HAVE_TCPDUMP || !HAVE_SETPRIV)(
    'not root and no CAP_NET_RAW: says sudo or setcap',
    async () => {
      const r = await run(['live', '-i', 'lo', '--count', '1'], cliEnv(), [
        'setpriv',
        '--reuid=65534',
        '--regid=65534',
        '--clear-groups',
      ]);
      expect(r.code).toBe(1);
      expect(r.err).toMatch(
        /(tcpdump|dumpcap) may not capture on lo: capturing needs root or the CAP_NET_RAW capability/,
      );
      expect(r.err).toContain('Run the command with sudo');
      expect(r.err).toMatch(/sudo setcap cap_net_raw,cap_net_admin=eip \/\S+\/(tcpdump|dumpcap)/);
    },
  );
});
