/**
 * Real captures under fixtures/ (made by another part of the project) and synthetic ones, checked against
 * tshark. Every test here is skipped when tshark or the file is missing; nothing else depends on them.
 */
import { execFile, execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CaptureError } from '../../src/capture/errors.js';
import { readCaptureFile } from '../../src/capture/reader.js';
import type { RawFrame } from '../../src/capture/types.js';
import { pcapFile } from '../../src/capture/writer.js';
import { bytes, concat, epb, idb, opb, shb, u8 } from './helpers.js';

const FIXTURES = new URL('../../fixtures/', import.meta.url).pathname;
const HAVE_TSHARK = (() => {
  try {
    execFileSync('tshark', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

/** One line per frame: epoch time with 9 digits, interface id, len, caplen; as tshark prints them. */
function tsharkLines(path: string): Promise<string[]> {
  const args = ['-r', path, '-T', 'fields', '-E', 'separator=,'];
  for (const f of ['frame.time_epoch', 'frame.interface_id', 'frame.len', 'frame.cap_len']) args.push('-e', f);
  return new Promise((resolve) => {
    // tshark exits non-zero for damaged files after printing the frames it could read: keep stdout either way
    execFile('tshark', args, { encoding: 'utf8', maxBuffer: 1 << 26 }, (_err, stdout) => {
      resolve(
        String(stdout ?? '')
          .split('\n')
          .filter((l) => l.length > 0),
      );
    });
  });
}

function ourLine(f: RawFrame, pcapng: boolean): string {
  const t = `${f.tsSec}.${String(f.tsNsec).padStart(9, '0')}`;
  return `${t},${pcapng ? f.ifIndex : ''},${f.len},${f.caplen}`;
}

async function ours(
  path: string,
): Promise<{ lines: string[]; error?: CaptureError; warnings: string[]; frames: number }> {
  const lines: string[] = [];
  try {
    let ng = false;
    const r = await readCaptureFile(path, (f) => {
      lines.push(ourLine(f, ng));
    });
    ng = r.header?.format === 'pcapng';
    if (ng) {
      // interface ids are only printed by tshark for pcapng: redo the lines with them
      lines.length = 0;
      await readCaptureFile(path, (f) => void lines.push(ourLine(f, true)));
    }
    return { lines, warnings: r.warnings.map((w) => w.code), frames: r.frames };
  } catch (e) {
    if (e instanceof CaptureError) return { lines, error: e, warnings: [], frames: 0 };
    throw e;
  }
}

function captureFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((n) => /\.(pcap|pcapng|gz|cap)$/.test(n))
    .map((n) => join(dir, n));
}

const good = captureFiles(FIXTURES);
const bad = captureFiles(join(FIXTURES, 'bad'));

describe.skipIf(!HAVE_TSHARK || good.length === 0)('fixtures agree with tshark', () => {
  it.each(good.map((p) => [p.slice(FIXTURES.length), p]))('%s', async (_name, path) => {
    const mine = await ours(path);
    expect(mine.error).toBeUndefined();
    expect(mine.warnings).toEqual([]);
    expect(mine.lines).toEqual(await tsharkLines(path));
  });
});

describe.skipIf(!HAVE_TSHARK || bad.length === 0)(
  'damaged fixtures: same frames as tshark, plus the right warning',
  () => {
    const damagePath = join(FIXTURES, 'bad', 'damage.json');
    const damage: Record<string, { break_offset: number; complete_frames: number }> = existsSync(damagePath)
      ? JSON.parse(readFileSync(damagePath, 'utf8'))
      : {};

    it.each(bad.map((p) => [p.slice(FIXTURES.length), p]))('%s', async (name, path) => {
      const mine = await ours(path);
      const theirs = await tsharkLines(path);
      expect(mine.lines).toEqual(theirs);
      const d = damage[name.replace(/^bad\//, '')];
      if (d !== undefined) expect(mine.frames).toBe(d.complete_frames);
      if (theirs.length === 0 && mine.error !== undefined) {
        expect(mine.error.code).toBe('capture.not_a_capture');
        return;
      }
      expect(mine.warnings.length).toBe(1);
      expect(mine.warnings[0]).toMatch(/^capture\.(truncated_record|bad_record)$/);
    });

    it.skipIf(!existsSync(join(FIXTURES, 'bad', 'truncated.pcap')))(
      'truncated.pcap: offset and missing bytes',
      async () => {
        const r = await readCaptureFile(join(FIXTURES, 'bad', 'truncated.pcap'), () => {});
        const d = damage['truncated.pcap'];
        expect(r.warnings[0]).toMatchObject({
          code: 'capture.truncated_record',
          offset: d?.break_offset ?? expect.any(Number),
          params: { missing: 33 },
        });
        expect(r.damaged).toBe(true);
      },
    );
  },
);

describe.skipIf(!HAVE_TSHARK)('synthetic captures agree with tshark', () => {
  const dir = mkdtempSync(join(tmpdir(), 'pcap-explain-tshark-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const cases: [string, Uint8Array][] = [
    [
      'ns.pcap',
      pcapFile(
        1,
        Array.from({ length: 30 }, (_, i) => ({
          tsSec: 1_700_000_000 + i * 3,
          tsNsec: (i * 123_456_789) % 1e9,
          data: bytes(14 + i * 50, i + 1),
        })),
        { nano: true },
      ),
    ],
    [
      'sections.pcapng',
      concat(
        shb(true),
        idb(true, 1, 0),
        idb(true, 1, 0, [[9, u8(9)]]),
        epb(true, 0, 1_700_000_000_654_321n, bytes(60, 1)),
        epb(true, 1, 1_700_000_000_123_456_789n, bytes(60, 2), 100),
        shb(false),
        idb(false, 1, 0, [[9, u8(3)]]),
        idb(false, 1, 0, [[9, u8(0x94)]]),
        epb(false, 1, (1_700_000_000n << 20n) | 777n, bytes(60, 3)),
        opb(false, 0, 1_700_000_000_999n, bytes(60, 4)),
      ),
    ],
  ];

  it.each(cases)('%s', async (name, data) => {
    const path = join(dir, name);
    writeFileSync(path, data);
    const mine = await ours(path);
    // Interface ids are compared without the interface column: we number interfaces across sections
    // (unique, index into header.interfaces); tshark 4.0 prints the section-local id and even
    // confuses the sections' interfaces (names from section 1 for section 2's packets).
    const noIf = (l: string) => l.replace(/^([^,]*),[^,]*,/, '$1,,');
    expect(mine.lines.map(noIf)).toEqual((await tsharkLines(path)).map(noIf));
    expect(mine.lines.map((l) => l.split(',')[1])).toEqual(
      name.endsWith('.pcapng') ? ['0', '1', '3', '2'] : mine.lines.map(() => ''),
    );
  });
});
