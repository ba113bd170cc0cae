/**
 * The CI-sized fuzz budget (issue 9): the harness of `npm run fuzz` with a fixed seed, in its own
 * process (worker threads with a time and memory bound per case). The large runs are
 * `npm run fuzz -- --cases 1000000`; see docs/limits.md.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureDist, ROOT } from './dist.js';

const SEED = 20240901;
/** Cases and property runs: about a minute on 2 cores. */
const CASES = Number(process.env.PCX_FUZZ_CASES ?? 8000);
const PROPS = Number(process.env.PCX_FUZZ_PROPS ?? 300);

interface Summary {
  cases: number;
  seed: number;
  ok: number;
  capture_errors: number;
  escaped: number;
  backstop: number;
  bad_model: number;
  hangs: number;
  oom: number;
  crashes: number;
  properties: number;
  properties_failed: number;
  max_heap_mb: number;
  failures: { index: number; kind: string; ops: string[]; error?: string }[];
}

let save = '';
beforeAll(() => {
  ensureDist();
  save = mkdtempSync(join(tmpdir(), 'pcx-fuzz-'));
});
afterAll(() => {
  if (save) rmSync(save, { recursive: true, force: true });
});

function runFuzz(args: string[]): Promise<{ summary: Summary; out: string }> {
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      [join(ROOT, 'fuzz', 'run.mjs'), ...args, '--json', '--quiet', '--save', save],
      { maxBuffer: 64 << 20, timeout: 600_000 },
      (err, stdout, stderr) => {
        const last = stdout.trim().split('\n').pop() ?? '';
        try {
          resolve({ summary: JSON.parse(last) as Summary, out: stdout + stderr });
        } catch {
          reject(new Error(`fuzz run failed (${err?.message ?? 'no summary'}):\n${stdout}\n${stderr}`));
        }
      },
    );
  });
}

describe('fuzz (fixed seed, CI budget)', () => {
  it(`${CASES} mutated captures through analyzeBytes + renderers, ${PROPS} runs of every dissector property`, async () => {
    const { summary: s, out } = await runFuzz([
      '--seed',
      String(SEED),
      '--cases',
      String(CASES),
      '--props',
      String(PROPS),
    ]);
    const why = `\n${out
      .split('\n')
      .filter((l) => l.startsWith('FAIL') || l.startsWith('  '))
      .join('\n')}`;
    expect(s.cases, why).toBe(CASES);
    expect(s.escaped, why).toBe(0);
    expect(s.backstop, why).toBe(0);
    expect(s.bad_model, why).toBe(0);
    expect(s.hangs, why).toBe(0);
    expect(s.oom, why).toBe(0);
    expect(s.crashes, why).toBe(0);
    expect(s.properties, why).toBeGreaterThan(20);
    expect(s.properties_failed, why).toBe(0);
    // most cases must get past the file header, or the mutators are not doing their job
    expect(s.ok / s.cases).toBeGreaterThan(0.6);
  }, 600_000);

  it('a single case is reproducible from --seed and --case', async () => {
    const run = () =>
      new Promise<string>((resolve, reject) =>
        execFile(
          process.execPath,
          [join(ROOT, 'fuzz', 'run.mjs'), '--seed', String(SEED), '--case', '123'],
          (err, stdout) => (err ? reject(err) : resolve(stdout.split('\n')[0] ?? '')),
        ),
      );
    const a = await run();
    expect(a).toMatch(/^case 123 \(seed 20240901\) from .+: ops \[.+\], \d+ bytes$/);
    expect(await run()).toBe(a);
  }, 60_000);
});
