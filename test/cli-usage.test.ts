/**
 * Mistakes are not accepted silently (issue 17, items 18–21): every usage error is one line on standard error,
 * exit 1 and nothing written; selections hold in every output mode and say when they select nothing; `-o`
 * errors are told in words; an explicit --color wins over NO_COLOR.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { FIXTURES, HAVE_TSHARK, runCli } from './helpers/fixtures.js';

const dir = mkdtempSync(join(tmpdir(), 'pe-usage-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const mqtt = join(FIXTURES, 'mqtt.pcap');

/** One line on stderr, nothing on stdout, exit 1. */
function expectUsageError(r: ReturnType<typeof runCli>, pattern: RegExp): void {
  expect(r.code).toBe(1);
  expect(r.out).toBe('');
  expect(r.err.trimEnd().split('\n')).toHaveLength(1);
  expect(r.err).toMatch(pattern);
}

describe('usage errors: one line, exit 1, nothing written', () => {
  it('an unknown option', () => {
    expectUsageError(runCli(['analyze', mqtt, '--bogus']), /^pcap-explain: Unknown argument: bogus/);
  });

  it('an invalid --format value writes no file', () => {
    const out = join(dir, 'out.pdf');
    expectUsageError(
      runCli(['analyze', mqtt, '-f', 'pdf', '-o', out]),
      /Invalid values: Argument: format, Given: "pdf"/,
    );
    expect(existsSync(out)).toBe(false);
  });

  it('check with a misspelt option writes no JUnit file and does not pass', () => {
    const junit = join(dir, 'j.xml');
    expectUsageError(runCli(['check', mqtt, '--junit-file', junit]), /Unknown arguments?: junit-file/);
    expect(existsSync(junit)).toBe(false);
  });

  it('no capture given', () => {
    expectUsageError(runCli([]), /^pcap-explain: /);
  });
});

describe('-o errors in words, not errno codes', () => {
  it.each([
    ['a missing folder', join(dir, 'no/such/x.txt'), /its folder does not exist/],
    ['a folder', dir, /it is a folder; give a file name/],
    ['a path through a file', join(FIXTURES, 'mqtt.pcap', 'x.txt'), /a part of the path is a file, not a folder/],
  ])('%s', (_what, path, why) => {
    const r = runCli(['analyze', mqtt, '-o', path]);
    expect(r.code).toBe(1);
    expect(r.out).toBe('');
    expect(r.err).toMatch(why);
    expect(r.err).not.toMatch(/\bE[A-Z]{3,}\b/);
  });
});

describe('selections', () => {
  /** The frame numbers of a --frames listing (plain or explained). */
  const frameNumbers = (out: string) => [...out.matchAll(/^\s*(\d+)\s+\d+\.\d+\s/gm)].map((m) => Number(m[1]));
  const tsharkMqtt = () =>
    execFileSync('tshark', ['-r', mqtt, '-Y', 'mqtt', '-T', 'fields', '-e', 'frame.number'], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    })
      .trim()
      .split('\n')
      .map(Number);

  it('--protocol mqtt lists the frames that carry MQTT, as Wireshark\'s "mqtt" filter (explained and plain)', () => {
    const explained = frameNumbers(runCli(['analyze', mqtt, '--frames', '--protocol', 'mqtt']).out);
    const plain = frameNumbers(runCli(['analyze', mqtt, '--frames', '--protocol', 'mqtt', '--no-explain']).out);
    expect(explained).toHaveLength(18);
    expect(plain).toEqual(explained);
    if (HAVE_TSHARK) expect(explained).toEqual(tsharkMqtt());
  });

  it('--no-explain honours --frames-range and --conversation (frames and JSON)', () => {
    expect(frameNumbers(runCli(['analyze', mqtt, '--frames', '--no-explain', '--frames-range', '10-14']).out)).toEqual([
      10, 11, 12, 13, 14,
    ]);
    const m = JSON.parse(runCli(['analyze', mqtt, '-f', 'json', '--no-explain', '--conversation', '2']).out);
    expect(m.frames.length).toBeGreaterThan(0);
    expect(m.frames.every((f: { conversation?: number }) => f.conversation === 2)).toBe(true);
    expect(m.conversations.map((c: { id: number }) => c.id)).toEqual([2]);
  });

  it('a selection that selects no frame says so', () => {
    for (const extra of [[], ['--no-explain'], ['--frames'], ['--frames', '--no-explain']]) {
      const r = runCli(['analyze', mqtt, '--frames-range', '99999-100000', ...extra]);
      expect(r.code).toBe(0);
      expect(r.err).toContain(
        'no frame matches the selection (--frames-range 99999-100000); the capture has 53 frames',
      );
    }
  });
});

describe('colour', () => {
  it('an explicit --color wins over NO_COLOR; without it NO_COLOR holds', () => {
    const withFlag = runCli(['analyze', mqtt, '--color'], undefined, { NO_COLOR: '1' });
    expect(withFlag.out).toContain('\x1b[');
    const without = runCli(['analyze', mqtt], undefined, { NO_COLOR: '1' });
    expect(without.out).not.toContain('\x1b[');
  });
});
