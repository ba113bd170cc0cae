import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

export const ROOT = new URL('../..', import.meta.url).pathname;
export const FIXTURES = join(ROOT, 'fixtures');

/** Every good capture under fixtures/ (not fixtures/bad/), sorted. */
export function fixtureCaptures(): string[] {
  if (!existsSync(FIXTURES)) return [];
  return readdirSync(FIXTURES)
    .filter((f) => /\.(pcap|pcapng|gz)$/.test(f))
    .sort()
    .map((f) => join(FIXTURES, f));
}

export function hasCommand(cmd: string): boolean {
  try {
    execFileSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

export const HAVE_TSHARK = hasCommand('tshark');

/** tshark -T fields, one array of strings per frame. */
export function tsharkFields(file: string, fields: string[], extra: string[] = []): string[][] {
  const args = ['-r', file, '-n', ...extra, '-T', 'fields', '-E', 'separator=\t', '-E', 'occurrence=f'];
  for (const f of fields) args.push('-e', f);
  const out = execFileSync('tshark', args, {
    encoding: 'utf8',
    maxBuffer: 256 << 20,
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  return out
    .split('\n')
    .filter((l) => l.length > 0)
    .map((l) => l.split('\t'));
}

/** Runs the built CLI (bin/pcap-explain.js, i.e. dist/) without colour, in English; `env` adds variables. */
export function runCli(
  args: string[],
  input?: Buffer,
  env: Record<string, string> = {},
): { code: number | null; out: string; err: string } {
  const r = spawnSync(process.execPath, [join(ROOT, 'bin/pcap-explain.js'), ...args], {
    input,
    encoding: 'utf8',
    maxBuffer: 256 << 20,
    env: { ...process.env, NO_COLOR: '1', LANG: 'C.UTF-8', LC_ALL: '', ...env },
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}
