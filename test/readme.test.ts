/**
 * The README's commands run as written (issue 24): every `npx pcap-explain …` line of its sh blocks (and the
 * pipes into it) runs through the shell in a scratch folder that holds the clone's fixtures/ and examples/,
 * with an `npx` on the PATH that runs this checkout's bin/pcap-explain.js. Lines that need root or a live
 * interface (sudo, live, tcpdump) are left out; each other line must exit 0 and print or write something.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT } from './helpers/fixtures.js';

const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
const commands = [...readme.matchAll(/```sh\n([\s\S]*?)```/g)]
  .flatMap((m) => m[1]!.split('\n'))
  .map((l) => l.replace(/\s+#\s.*$/, '').trim())
  .filter((l) => /\bnpx pcap-explain\b/.test(l) && !/\b(sudo|live|tcpdump)\b/.test(l))
  .map((l) => l.replace(/^npm ci && /, ''));

const dir = mkdtempSync(join(tmpdir(), 'pe-readme-'));
const bin = join(dir, '.bin');
mkdirSync(bin);
writeFileSync(
  join(bin, 'npx'),
  `#!/bin/sh\n[ "$1" = pcap-explain ] || exit 127\nshift\nexec "${process.execPath}" "${join(ROOT, 'bin/pcap-explain.js')}" "$@"\n`,
);
chmodSync(join(bin, 'npx'), 0o755);
for (const d of ['fixtures', 'examples']) symlinkSync(join(ROOT, d), join(dir, d));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('README commands', () => {
  it('has commands to run', () => {
    expect(commands.length).toBeGreaterThanOrEqual(12);
  });

  it.each(commands.map((c) => [c]))('%s', (cmd) => {
    const r = spawnSync('sh', ['-c', cmd], {
      cwd: dir,
      encoding: 'utf8',
      maxBuffer: 64 << 20,
      env: { ...process.env, PATH: `${bin}:${process.env.PATH}`, NO_COLOR: '1', LANG: 'C.UTF-8' },
    });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const wrote = /(-o|>)\s+\S+$/.test(cmd);
    if (!wrote) expect(r.stdout.length).toBeGreaterThan(100);
  });
});
