/**
 * ElementSpool (src/cli/spool.ts): texts kept by id in a temporary file that is unlinked as soon as it is
 * open, read back by id; without a temporary directory they are held in memory, with the same texts.
 */
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ElementSpool } from '../src/cli/spool.js';

const texts = (n: number) => Array.from({ length: n }, (_, i) => `{"id": ${i + 1}, "é": "${'x'.repeat(i * 37)}"}`);

describe('ElementSpool', () => {
  const tmp = process.env.TMPDIR;
  afterEach(() => {
    if (tmp === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = tmp;
  });

  it.each([
    ['in a temporary file', true],
    ['in memory when no temporary file can be made', false],
  ])('%s: every text back by id, ids ascending', (_, disk) => {
    if (!disk) process.env.TMPDIR = join(tmpdir(), 'pcap-explain-no-such-dir', 'x');
    const s = new ElementSpool();
    expect(s.onDisk).toBe(disk);
    const all = texts(3000);
    // added out of order (conversations retire in any order), with gaps
    for (let i = all.length; i >= 1; i -= 2) s.add(i, all[i - 1]!);
    expect(s.count).toBe(1500);
    expect([...s.ids()]).toEqual(Array.from({ length: 1500 }, (_, k) => 2 * k + 2));
    expect(s.has(3)).toBe(false);
    for (const id of [2, 1000, 3000, 2, 1998]) expect(s.get(id)).toBe(all[id - 1]);
    s.remove();
  });
});
