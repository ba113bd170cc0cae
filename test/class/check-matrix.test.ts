/**
 * Issue 23: `check FILES… --expect SPEC` on a lecturer's folder of 30 hand-ins built from the real fixtures
 * (several labs, two damaged captures, the empty one, a text file): the matrix, JSON, CSV, JUnit and exit
 * codes. Oracle for every cell: the library's checkCapture on that capture alone.
 */
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CaptureError, type CheckMatrix, checkCapture } from '../../src/index.js';
import { assertJUnitShape, parseXml } from '../check/xml.js';
import { type ClassFolder, makeClassFolder } from '../helpers/class-folder.js';
import { ROOT, runCli } from '../helpers/fixtures.js';

const SPEC = join(ROOT, 'examples/reqrep.yaml');
let cls: ClassFolder;

beforeAll(() => {
  cls = makeClassFolder(30);
});
afterAll(() => rmSync(cls.dir, { recursive: true, force: true }));

describe('check a folder of 30 hand-ins against the REQ/REP lab', { timeout: 300_000 }, () => {
  it('gives one row per file (the unreadable, empty and damaged ones too), cells as checking each alone does, exit 3', async () => {
    const junit = join(cls.dir, '..', `${cls.dir.split('/').pop()}.xml`);
    const r = runCli(['check', cls.dir, '--expect', SPEC, '--format', 'json', '--junit', junit, '-j', '2']);
    expect(r.err).toBe('');
    expect(r.code).toBe(3);
    const m = JSON.parse(r.out) as CheckMatrix;
    expect(m.rows.map((row) => row.capture)).toEqual(cls.files);
    expect(m.columns.map((c) => c.id)).toEqual([
      'conversations[0].match',
      'conversations[0].handshake',
      'conversations[0].messages[0]',
      'conversations[0].messages[1]',
      'conversations[0].close',
    ]);
    for (const row of m.rows) {
      if (row.capture === cls.notCapture) {
        expect(row).toMatchObject({ status: 'unreadable', exit: 1, cells: [null, null, null, null, null] });
        expect(row.error).toMatch(/^not a pcap or pcapng file/);
        await expect(checkCapture(row.capture, SPEC)).rejects.toThrow(CaptureError);
        continue;
      }
      const alone = await checkCapture(row.capture, SPEC);
      expect(row.cells.map((c) => c?.ok)).toEqual(alone.results.map((x) => x.ok));
      expect(row.cells.map((c) => c?.actual)).toEqual(alone.results.map((x) => x.actual));
      expect(row.exit).toBe(alone.exit);
      expect(row.damaged).toBe(cls.damaged.includes(row.capture));
    }
    // the REQ/REP captures (zmq-reqrep in pcap, pcapng, big-endian, ns; the whole ZeroMQ lab zmq.pcap) pass;
    // the damaged copies of zmq-reqrep hold every expectation but are damaged; the empty capture fails all;
    // capture-loss (its REQ/REP lost messages) holds three of five
    const status = (f: string) => m.rows.find((row) => row.capture === f)!.status;
    const passing = m.rows.filter((row) => row.status === 'pass').map((row) => row.capture.replace(/^.*\/s\d+-/, ''));
    expect(passing).toEqual([
      'zmq-reqrep-be.pcap',
      'zmq-reqrep-ns.pcap',
      'zmq-reqrep.pcap',
      'zmq-reqrep.pcapng',
      'zmq.pcap',
    ]);
    const loss = m.rows.filter((row) => row.capture.endsWith('-capture-loss.pcap'));
    expect(loss.map((row) => row.cells.map((c) => c?.ok))).toEqual([
      [true, true, false, false, true],
      [true, true, false, false, true],
    ]);
    for (const d of cls.damaged) expect(status(d)).toBe('damaged');
    expect(status(cls.empty)).toBe('fail');
    expect(m.total).toMatchObject({ captures: 30, pass: 5, damaged: 2, unreadable: 1, fail: 22, holds: 41 });
    expect(m.total.expectations).toBe(29 * 5);

    // JUnit: one testsuite per capture, the unreadable and the damaged ones as errors
    const doc = readFileSync(junit, 'utf8');
    rmSync(junit);
    const shape = assertJUnitShape(doc);
    expect(shape.suites).toBe(30);
    expect(shape.failures).toBe(m.total.failed);
    const root = parseXml(doc);
    expect(root.attrs.errors).toBe('3');
    expect(root.children.map((s) => s.attrs.name)).toEqual(cls.files);
    const text = root.children.find((s) => s.attrs.name === cls.notCapture)!;
    expect(text.attrs).toMatchObject({ tests: '1', errors: '1', failures: '0' });
    const empty = root.children.find((s) => s.attrs.name === cls.empty)!;
    expect(empty.attrs).toMatchObject({ tests: '5', errors: '0', failures: '5' });
  });

  it('prints the matrix, the legend and a total line; --values shows actual values; csv has a line per capture', () => {
    const r = runCli(['check', cls.dir, '-e', SPEC, '-j', '2']);
    expect(r.code).toBe(3);
    const lines = r.out.split('\n');
    expect(lines[0]).toBe('pcap-explain check: 30 captures against ' + SPEC);
    expect(lines[1]).toMatch(/^capture +1 +2 +3 +4 +5$/);
    for (const f of cls.files) expect(lines.some((l) => l.startsWith(`${f} `))).toBe(true);
    const row = (f: string) => lines.find((l) => l.startsWith(`${f} `))!;
    expect(row(cls.files.find((f) => f.endsWith('-zmq-reqrep.pcap'))!)).toMatch(/ ✓ +✓ +✓ +✓ +✓ +pass$/);
    expect(row(cls.notCapture)).toMatch(/ · +· +· +· +· +unreadable: not a pcap or pcapng file/);
    expect(row(cls.damaged[0]!)).toMatch(
      / ✓ +✓ +✓ +✓ +✓ +damaged: The capture ends in the middle of a record at byte 4057/,
    );
    expect(r.out).toMatch(/\nholds in +9\/29 +9\/29 +7\/29 +7\/29 +9\/29\n/);
    expect(r.out).toContain('  5  conversations[0] server=:5555 › close: fin\n');
    expect(lines.at(-2)).toBe('30 captures: 5 pass, 22 fail, 2 damaged, 1 unreadable · 41 of 145 expectations hold');

    const good = cls.files.find((f) => f.endsWith('-zmq-reqrep.pcap'))!;
    const v = runCli(['check', good, cls.empty, '-e', SPEC, '--values', '-j', '2']);
    expect(v.out.split('\n').find((l) => l.startsWith(`${cls.empty} `))).toMatch(
      / ✗ no conversation +✗ \(not evaluated: no conv… +/,
    );
    expect(v.out.split('\n').find((l) => l.startsWith(`${good} `))).toMatch(
      / ✓ 1 conversation: #1 172\.… +✓ complete +✓ 10 messages +✓ 10 messages +✓ fin by client +pass$/,
    );
    const csv = runCli(['check', cls.dir, '-e', SPEC, '--format', 'csv', '-j', '2']);
    expect(csv.code).toBe(3);
    const rows = csv.out.trimEnd().split('\r\n');
    expect(rows).toHaveLength(31);
    expect(rows[0]).toBe(
      'capture,status,exit,passed,failed,note,' +
        'conversations[0] server=:5555 › selects: at least 1 conversation matching {server: :5555},' +
        'conversations[0] server=:5555 › handshake: complete,' +
        '"conversations[0] server=:5555 › messages {kind: message, dir: c2s, payload: Hello}: exactly 10 messages",' +
        '"conversations[0] server=:5555 › messages {kind: message, dir: s2c, payload: World}: exactly 10 messages",' +
        'conversations[0] server=:5555 › close: fin',
    );
    expect(rows.find((l) => l.startsWith(`${cls.empty},`))).toBe(`${cls.empty},fail,3,0,5,,✗,✗,✗,✗,✗`);
    expect(rows.find((l) => l.startsWith(`${cls.notCapture},`))).toMatch(
      /,unreadable,1,0,0,not a pcap or pcapng file .*,,,,,$/,
    );
  });

  it('exits 2 when nothing failed but a capture is damaged, 1 when one is unreadable, 0 when all hold', () => {
    const good = cls.files.filter((f) => /-zmq-reqrep(-be|-ns)?\.pcap(ng)?$/.test(f));
    expect(good).toHaveLength(4);
    expect(runCli(['check', ...good, '-e', SPEC, '-q']).code).toBe(0);
    expect(runCli(['check', ...good, ...cls.damaged, '-e', SPEC, '-q']).code).toBe(2);
    const r = runCli(['check', ...good, ...cls.damaged, cls.notCapture, '-e', SPEC, '-q']);
    expect(r.code).toBe(1);
    // --quiet lists only the rows that do not pass
    expect(r.out.split('\n').filter((l) => l.startsWith(cls.dir))).toHaveLength(3);
  });

  it('expands a quoted glob; a glob that matches nothing is a usage error; one capture keeps the single report', () => {
    const g = runCli(['check', join(cls.dir, '*-zmq-reqrep*'), '-e', SPEC, '-f', 'json']);
    expect(JSON.parse(g.out).rows).toHaveLength(4);
    const none = runCli(['check', join(cls.dir, '*.nothing'), '-e', SPEC]);
    expect(none).toMatchObject({ code: 1, out: '' });
    expect(none.err).toBe(`pcap-explain: no file matches ${join(cls.dir, '*.nothing')}\n`);
    const one = cls.files.find((f) => f.endsWith('-zmq-reqrep.pcap'))!;
    const single = runCli(['check', one, '-e', SPEC]);
    expect(single.code).toBe(0);
    expect(single.out.split('\n')[0]).toBe(`pcap-explain check ${one} (${SPEC})`);
    expect(single.out).toContain('5 expectations: 5 hold, 0 failed\n');
  });
});
