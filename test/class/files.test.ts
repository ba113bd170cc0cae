/** Capture arguments (src/cli/files.ts): directories recursively and sorted, globs with *, ?, […] and **. */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expandCaptureArgs, filesUnder, globFiles } from '../../src/cli/files.js';

let dir: string;
const p = (...parts: string[]) => join(dir, ...parts);

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'pcx-files-'));
  for (const d of ['lab1', 'lab2/group-a', '.hidden']) mkdirSync(p(d), { recursive: true });
  for (const f of [
    'lab1/b.pcap',
    'lab1/a.pcapng',
    'lab1/notes.txt',
    'lab2/group-a/c.pcap.gz',
    'lab2/d1.pcap',
    '.hidden/x.pcap',
    'lab1/.swp',
  ])
    writeFileSync(p(f), 'x');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('capture arguments', () => {
  it('a directory: every regular file below it, sorted, hidden names skipped', () => {
    expect(filesUnder(dir)).toEqual([
      p('lab1/a.pcapng'),
      p('lab1/b.pcap'),
      p('lab1/notes.txt'),
      p('lab2/d1.pcap'),
      p('lab2/group-a/c.pcap.gz'),
    ]);
  });

  it('globs: *, ?, […], ** (any depth, zero included)', () => {
    expect(globFiles(p('lab1/*.pcap*'))).toEqual([p('lab1/a.pcapng'), p('lab1/b.pcap')]);
    expect(globFiles(p('lab?/[ab].pcap'))).toEqual([p('lab1/b.pcap')]);
    expect(globFiles(p('lab2/d[!2].pcap'))).toEqual([p('lab2/d1.pcap')]);
    expect(globFiles(p('**/*.pcap*'))).toEqual([
      p('lab1/a.pcapng'),
      p('lab1/b.pcap'),
      p('lab2/d1.pcap'),
      p('lab2/group-a/c.pcap.gz'),
    ]);
  });

  it('keeps plain names (a missing file is reported when read); a glob matching nothing is an error', () => {
    expect(expandCaptureArgs([p('lab1/b.pcap'), p('missing.pcap')])).toEqual({
      files: [p('lab1/b.pcap'), p('missing.pcap')],
      expanded: false,
    });
    expect(expandCaptureArgs([p('lab2')])).toEqual({
      files: [p('lab2/d1.pcap'), p('lab2/group-a/c.pcap.gz')],
      expanded: true,
    });
    expect(expandCaptureArgs([p('*.none')]).error).toBe(`no file matches ${p('*.none')}`);
  });
});
