/**
 * Regression fixtures for what the fuzzer found (fixtures/bad/fuzz/, made by
 * fixtures/make/hostile/derive.py from real captures; fixtures/bad/fuzz/README.md says what each one
 * broke). Each is analysed in a worker thread under a time and memory bound.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
// @ts-expect-error plain JavaScript module of the fuzz harness
import { analyzeBounded } from '../../fuzz/bounded.mjs';
import { analyzeBytes } from '../../src/analyze.js';
import { ensureDist, ROOT } from './dist.js';

const DIR = join(ROOT, 'fixtures', 'bad', 'fuzz');
const files = existsSync(DIR) ? readdirSync(DIR).filter((n) => /\.(pcap|pcapng)(\.gz)?$/.test(n)) : [];

beforeAll(() => ensureDist());

describe.skipIf(files.length === 0)('fuzz regressions', () => {
  it.each(files)('%s: no exception, bounded', async (name) => {
    const r = await analyzeBounded({ path: join(DIR, name) }, { timeoutMs: 10_000, heapLimitMb: 512, render: true });
    expect(r.kind, r.error).toMatch(/^(ok|capture-error)$/);
    expect(r.heapMb).toBeLessThan(256);
  });

  it('pcapng-huge-timestamp: a timestamp beyond year 9999 is shown clamped, the rest read', () => {
    const m = analyzeBytes(readFileSync(join(DIR, 'pcapng-huge-timestamp.pcapng')));
    expect(m.capture.frames).toBe(7);
    expect(m.frames[0]?.ts).toMatch(/^9999-12-31T23:59:59\.\d{6}Z$/);
    expect(m.frames[1]?.ts).toMatch(/^20\d\d-/);
    expect(m.capture.start).toBe(m.frames[0]?.ts);
  });
});
