/**
 * The fuzz harness and the bounded analyses run the built library (dist/) in worker threads, which
 * cannot load TypeScript. `npm test` builds first; when these tests run alone (npx vitest run
 * test/fuzz) and dist/ is older than src/, build it here.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

export const ROOT = new URL('../..', import.meta.url).pathname;

function newest(dir: string): number {
  let t = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    t = Math.max(t, e.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return t;
}

/** Builds dist/ when it is missing or older than src/. */
export function ensureDist(): void {
  const marker = join(ROOT, 'dist', 'analyze.js');
  if (existsSync(marker) && statSync(marker).mtimeMs >= newest(join(ROOT, 'src'))) return;
  try {
    execFileSync(join(ROOT, 'node_modules', '.bin', 'tsc'), ['-p', join(ROOT, 'tsconfig.json')], { stdio: 'ignore' });
  } catch {
    // type errors still emit JavaScript; a missing dist/ shows up in the tests themselves
  }
}
