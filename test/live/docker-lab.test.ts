/**
 * `pcap-explain live --docker` on a real Docker daemon: runs fixtures/make/docker-lab.sh, which installs
 * Debian's docker.io and docker-compose when missing, starts dockerd when none runs (and stops it
 * again), builds the lab image offline once (debootstrap + docker import, kept in Docker's store),
 * brings up the ZeroMQ REQ/REP lab with docker-compose next to an idle network, and checks the live
 * capture under a pseudo-terminal: the busy bridge taken without a prompt, the containers named in the
 * report and in the pcapng (tshark -N n), and, started before `docker-compose up`, the wait for the
 * bridge. Skipped, with the script's reason, where Docker cannot be used (not root, no dockerd, no
 * debootstrap). PCX_DOCKER_LAB=0 skips it.
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/fixtures.js';
import { IS_ROOT } from './helpers.js';

const SCRIPT = join(ROOT, 'fixtures/make/docker-lab.sh');
const OUT = '/tmp/pcx-docker-lab';
const OFF = process.env.PCX_DOCKER_LAB === '0';

function run(): Promise<{ code: number | null; err: string }> {
  return new Promise((resolve) => {
    const child = spawn('flock', ['/tmp/pcx-docker-lab.lock', 'bash', SCRIPT], {
      env: { ...process.env, OUT },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let err = '';
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (d: string) => {
      err += d;
    });
    child.on('close', (code) => resolve({ code, err }));
  });
}

describe('live --docker on a real Docker daemon (fixtures/make/docker-lab.sh)', () => {
  it.skipIf(!IS_ROOT || OFF)(
    'picks the busy bridge, names the containers, waits for a bridge that is not there yet',
    async (ctx) => {
      const r = await run();
      if (r.code === 77) {
        ctx.skip(r.err.match(/SKIP: (.*)/)?.[1] ?? 'Docker cannot be used here');
        return;
      }
      expect(r.code, r.err.slice(-3000)).toBe(0);
      expect(r.err).toContain('all checks passed');
      const timings = existsSync(join(OUT, 'timings.txt')) ? readFileSync(join(OUT, 'timings.txt'), 'utf8') : '';
      expect(timings).toMatch(/scenario_running \d+ s/);
      expect(timings).toMatch(/scenario_waiting \d+ s/);
    },
    25 * 60_000,
  );
});
