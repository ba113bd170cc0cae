/**
 * The CLI's GC settings (src/cli/heap.ts). YoungCap relies on V8 reading its semi-space growth step each
 * time the young generation grows: checked in a fresh node (the test runner's own heap is left alone).
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from './helpers/fixtures.js';

/** New-space size (MiB) after making garbage with some survivors, with or without a cap of `cap` MiB. */
function newSpaceAfterWork(cap: number | undefined, execArgv: string[] = [], untuned = false): number {
  const script = `
    const { YoungCap, setV8Tuning } = await import(${JSON.stringify(join(ROOT, 'dist/cli/heap.js'))});
    ${untuned ? 'setV8Tuning(false);' : ''}
    const v8 = await import('node:v8');
    const young = ${cap === undefined ? 'undefined' : `new YoungCap(${cap})`};
    const keep = [];
    for (let i = 0; i < 2e6; i++) {
      young?.tick();
      const o = { a: i, b: [i, i + 1], s: 'x' + i };
      if (i % 10 === 0) keep.push(o);
      if (keep.length > 20000) keep.splice(0, 10000);
    }
    const ns = v8.getHeapSpaceStatistics().find((s) => s.space_name === 'new_space');
    process.stdout.write(String(ns.space_size / 2 ** 20));
  `;
  const r = spawnSync(process.execPath, [...execArgv, '--input-type=module', '-e', script], { encoding: 'utf8' });
  expect(r.stderr).toBe('');
  return Number(r.stdout);
}

describe('YoungCap', () => {
  it('stops the young generation growing at the cap (V8 grows it to 2 × 16 MiB without)', () => {
    const free = newSpaceAfterWork(undefined);
    const capped = newSpaceAfterWork(4);
    expect(free).toBeGreaterThan(16);
    expect(capped).toBeGreaterThanOrEqual(2 * 4);
    expect(capped).toBeLessThan(2 * 4 * 1.1);
  });

  it('leaves a semi-space size given to node alone', () => {
    expect(newSpaceAfterWork(4, ['--max-semi-space-size=16'])).toBeGreaterThan(16);
  });

  it('does nothing with the launcher option off (--no-v8-tuning)', () => {
    expect(newSpaceAfterWork(4, [], true)).toBeGreaterThan(16);
  });
});
