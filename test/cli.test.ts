/** The CLI as a user runs it (built dist/, spawned node): output formats, stdin, exit codes on bad input. */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv2020 from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { FIXTURES, fixtureCaptures, ROOT, runCli } from './helpers/fixtures.js';

const BIN = join(ROOT, 'bin/pcap-explain.js');

const run = runCli;

const schema = JSON.parse(readFileSync(join(ROOT, 'schema/pcap-explain.schema.json'), 'utf8'));
const ajv = new Ajv2020.default({ allErrors: true, strict: false });
const validate = ajv.compile(schema);

const f = (name: string) => join(FIXTURES, name);

describe('pcap-explain analyze', () => {
  it("summarises the students' ZeroMQ capture (text, exit 0)", () => {
    const r = run([f('zmq.pcap')]);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toContain('zmq.pcap');
    expect(r.out).toMatch(/Capture: pcap, Ethernet, \d+ frames/);
    expect(r.out).toContain('Conversations');
  });

  it('prints --help with examples and --version', () => {
    const h = run(['--help']);
    expect(h.code).toBe(0);
    expect(h.out).toContain('Examples:');
    expect(h.out).toContain('Exit codes');
    const v = run(['--version']);
    expect(v.out.trim()).toBe(JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).version);
  });

  it.each(fixtureCaptures().map((p) => [p.slice(FIXTURES.length + 1), p]))(
    '%s: --format json validates against the schema',
    (_n, p) => {
      const r = run(['analyze', p, '--format', 'json']);
      expect(r.code).toBe(0);
      const m = JSON.parse(r.out);
      const ok = validate(m);
      expect(validate.errors?.slice(0, 3) ?? [], 'schema errors').toEqual([]);
      expect(ok).toBe(true);
      expect(m.frames.length).toBe(m.capture.frames);
      // no dissector ever hit its backstop on a real capture
      for (const fr of m.frames)
        expect(fr.notes.map((n: { code: string }) => n.code)).not.toContain('frame.dissector_bug');
    },
  );

  it('--frames prints one line per frame', () => {
    const json = JSON.parse(run([f('zmq-reqrep.pcap'), '-f', 'json']).out);
    const r = run([f('zmq-reqrep.pcap'), '--frames']);
    const lines = r.out.split('\n').filter((l) => /^\s+\d+\s+\d+\.\d{6}\s/.test(l));
    expect(lines.length).toBe(json.capture.frames);
    expect(r.out).toMatch(/\[SYN\] Seq=0 Win=\d+ Len=0 MSS=\d+/);
  });

  it('reads standard input with -', () => {
    const bytes = readFileSync(f('zmq-reqrep.pcap'));
    const a = JSON.parse(run(['-', '-f', 'json'], bytes).out);
    const b = JSON.parse(run([f('zmq-reqrep.pcap'), '-f', 'json']).out);
    expect(a.frames).toEqual(b.frames);
    expect(a.capture.file).toBe('(stdin)');
  });

  it('writes to -o FILE', () => {
    mkdirSync(join(ROOT, 'test-artifacts'), { recursive: true });
    const out = join(ROOT, 'test-artifacts', 'cli-o.json');
    const r = run([f('zmq-reqrep.pcap'), '-f', 'json', '-o', out]);
    expect(r.code).toBe(0);
    expect(r.out).toBe('');
    expect(JSON.parse(readFileSync(out, 'utf8')).schema).toBe('pcap-explain/1');
  });
});

/** Runs the CLI with its standard output read up to the first line, then closed (as `| head -1` does). */
function firstLineThenClose(args: string[]): Promise<{ code: number | null; line: string; err: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      env: { ...process.env, NO_COLOR: '1', LANG: 'C.UTF-8', LC_ALL: '' },
    });
    let out = '';
    let err = '';
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (s: string) => {
      out += s;
      if (out.includes('\n')) child.stdout.destroy();
    });
    child.stderr.on('data', (s) => {
      err += s;
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, line: out.split('\n')[0]!, err }));
  });
}

describe('output closed early or failing', () => {
  it.each([
    // frames streamed while the capture is read (20,000 lines), and a report written at the end
    ['--frames --no-explain', [f('bad/hostile/syn-flood.pcap.gz'), '--frames', '--no-explain'], /^\s+No\.\s+Time/],
    ['-f json', [f('tcp-loss-after.pcap'), '-f', 'json'], /^\{$/],
    ['--frames', [f('tcp-loss-after.pcap'), '--frames'], /^pcap-explain /],
  ])('a reader that leaves after one line (%s): quiet, exit 0', async (_name, args, first) => {
    const r = await firstLineThenClose(['analyze', ...args]);
    expect(r.line).toMatch(first);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
  });

  it.skipIf(!existsSync('/dev/full'))('-o to a full disk: one line naming the error, exit 1', () => {
    const r = run([f('tcp-loss-after.pcap'), '--frames', '--no-explain', '-o', '/dev/full']);
    expect(r.code).toBe(1);
    expect(r.err.trim().split('\n')).toEqual(['pcap-explain: ENOSPC: no space left on device, write']);
  });
});

describe('bad input', () => {
  it.skipIf(!existsSync(f('bad/truncated.pcap')))(
    'last record cut short: frames before it, offset named, exit 2',
    () => {
      const r = run([f('bad/truncated.pcap'), '-f', 'json']);
      expect(r.code).toBe(2);
      const m = JSON.parse(r.out);
      expect(m.capture.damaged).toBe(true);
      expect(m.frames.length).toBeGreaterThan(0);
      expect(m.capture.warnings[0].code).toBe('capture.truncated_record');
      expect(r.err).toMatch(/byte \d+/);
      expect(r.err).not.toMatch(/\n\s+at /);
    },
  );

  it.skipIf(!existsSync(f('bad/garbage-after.pcap')))('garbage after valid records: exit 2, frames kept', () => {
    const r = run([f('bad/garbage-after.pcap')]);
    expect(r.code).toBe(2);
    expect(r.out).toMatch(/\d+ frames/);
    expect(r.err).toMatch(/byte \d+/);
  });

  it.skipIf(!existsSync(f('bad/truncated.pcapng')))('pcapng cut mid-block: exit 2', () => {
    const r = run([f('bad/truncated.pcapng'), '-f', 'json']);
    expect(r.code).toBe(2);
    expect(JSON.parse(r.out).frames.length).toBeGreaterThan(0);
  });

  it.skipIf(!existsSync(f('bad/not-a-capture.pcap')))('not a capture: one clear line, exit 1', () => {
    const r = run([f('bad/not-a-capture.pcap')]);
    expect(r.code).toBe(1);
    expect(r.out).toBe('');
    expect(r.err.trim().split('\n')).toHaveLength(1);
    expect(r.err).toContain('not-a-capture.pcap');
    expect(r.err).toMatch(/not a pcap or pcapng/);
  });

  it('missing file: one clear line, exit 1', () => {
    const r = run([join(FIXTURES, 'no-such-file.pcap')]);
    expect(r.code).toBe(1);
    expect(r.err.trim().split('\n')).toHaveLength(1);
    expect(r.err).toContain('no-such-file.pcap');
  });

  it.skipIf(!existsSync(f('empty.pcap')))('zero packets: valid output that says so, exit 0', () => {
    const t = run([f('empty.pcap')]);
    expect(t.code).toBe(0);
    expect(t.out).toContain('no packets');
    const j = run([f('empty.pcap'), '-f', 'json']);
    const m = JSON.parse(j.out);
    expect(validate(m)).toBe(true);
    expect(m.capture.frames).toBe(0);
    expect(m.frames).toEqual([]);
  });

  it('no arguments: usage error, exit 1', () => {
    const r = run([]);
    expect(r.code).toBe(1);
    expect(r.err).toContain('pcap-explain');
  });
});
