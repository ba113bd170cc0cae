/** -Y, -T fields, -e, -E and -r on the command line (built dist/, spawned node), and tshark's -E output. */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIXTURES, HAVE_TSHARK, runCli } from '../helpers/fixtures.js';

const MQTT = join(FIXTURES, 'mqtt.pcap');
const FILTER = 'mqtt.msgtype == 3';

describe('-Y on every format', () => {
  it('text summary: the report, then how many frames matched', () => {
    const r = runCli([MQTT, '-Y', FILTER]);
    expect(r.code).toBe(0);
    expect(r.out).toContain('Overview');
    expect(r.out.trimEnd().split('\n').pop()).toBe('Display filter mqtt.msgtype == 3: 10 of 53 frames match.');
  });

  it('text --frames: only the matching frames', () => {
    const r = runCli([MQTT, '-Y', FILTER, '--frames']);
    expect(r.code).toBe(0);
    const rows = r.out.split('\n').filter((l) => /^ {2,4}\d+ +\d+\.\d{6} /.test(l));
    expect(rows).toHaveLength(10);
    for (const l of rows) expect(l).toContain('Publish Message');
    expect(r.out).toContain('10 of 53 frames match.');
  });

  it('JSON: the matching frames and display_filter', () => {
    const r = runCli([MQTT, '-Y', FILTER, '-f', 'json']);
    const m = JSON.parse(r.out);
    expect(m.frames).toHaveLength(10);
    expect(m.display_filter).toEqual({ filter: FILTER, matched: 10 });
    expect(m.capture.frames).toBe(53);
  });

  it('Markdown and HTML: the line, and only matching frames', () => {
    const md = runCli([MQTT, '-Y', FILTER, '-f', 'markdown', '--lang', 'id']);
    expect(md.out).toContain('> Filter tampilan `mqtt.msgtype == 3`: 10 dari 53 frame cocok.');
    const html = runCli([MQTT, '-Y', FILTER, '-f', 'html']);
    expect(html.out).toContain('Display filter mqtt.msgtype == 3: 10 of 53 frames match.');
    expect(html.out.match(/<tr data-frame="/g)).toHaveLength(10);
  });

  it('with a selection: both apply', () => {
    const m = JSON.parse(runCli([MQTT, '-Y', 'tcp', '--conversation', '2', '-f', 'json']).out);
    expect(m.frames.length).toBeGreaterThan(0);
    for (const f of m.frames) expect(f.conversation).toBe(2);
  });

  it('several captures: each is filtered', () => {
    const r = runCli([MQTT, join(FIXTURES, 'rest.pcap'), '-Y', 'tcp.flags.syn == 1 && tcp.flags.ack == 0']);
    expect(r.code).toBe(0);
    expect(
      r.out.match(/Display filter tcp\.flags\.syn == 1 && tcp\.flags\.ack == 0: \d+ of \d+ frames match\./g),
    ).toHaveLength(2);
  });
});

describe('usage errors: exit 1, one line, nothing on stdout', () => {
  it.each([
    [
      ['-Y', 'tcp.port == '],
      'display filter "tcp.port == ": expected a value, found end of the filter (at character 13)',
    ],
    [['-Y', 'nosuch.field'], '"nosuch.field" is not a valid protocol or protocol field (at character 1)'],
    [['-Y', 'tcp', '--no-explain'], '-Y/--display-filter needs the explanation step'],
    [['-T', 'fields'], '-T fields needs at least one field'],
    [['-e', 'ip.src'], '-e FIELD needs -T fields'],
    [['-T', 'fields', '-e', 'ip.src', '-E', 'quote=x'], '-E quote=x: expected'],
    [['-T', 'fields', '-e', 'ip.nosuch'], '-e: not a known field: ip.nosuch'],
  ])('%j', (extra, msg) => {
    for (const format of ['text', 'json', 'markdown', 'html']) {
      const r = runCli([MQTT, '-f', format, ...extra]);
      expect(r.code).toBe(1);
      expect(r.out).toBe('');
      expect(r.err.trimEnd().split('\n')).toHaveLength(1);
      expect(r.err).toContain(msg);
    }
  });

  it('-r and a file argument together, or neither', () => {
    expect(runCli(['-r', MQTT, MQTT]).code).toBe(1);
    const none = runCli(['-Y', 'tcp']);
    expect(none.code).toBe(1);
    expect(none.err).toContain('give a capture file');
  });
});

describe('-r as tshark', () => {
  it('takes option values glued to the option, as tshark (-Tfields -eip.src -Eheader=y -Yarp -rFILE)', () => {
    const spaced = runCli([
      '-r',
      MQTT,
      '-T',
      'fields',
      '-e',
      'frame.number',
      '-e',
      'ip.src',
      '-E',
      'header=y',
      '-Y',
      'arp',
    ]);
    const glued = runCli([`-r${MQTT}`, '-Tfields', '-eframe.number', '-eip.src', '-Eheader=y', '-Yarp']);
    expect(glued.err).toBe('');
    expect(glued.out).toBe(spaced.out);
    expect(glued.out.startsWith('frame.number\tip.src\n1\t\n')).toBe(true);
  });

  it('reads the capture given with -r, also standard input (-r -)', () => {
    const a = runCli(['-r', MQTT, '-T', 'fields', '-e', 'frame.number', '-Y', 'arp']);
    expect(a.out).toBe('1\n2\n13\n14\n52\n53\n');
    const b = runCli(['-r', '-', '-T', 'fields', '-e', 'frame.number', '-Y', 'arp'], readFileSync(MQTT));
    expect(b.out).toBe(a.out);
  });
});

describe.skipIf(!HAVE_TSHARK)('-E options as tshark prints them', () => {
  const E = [
    ['header=y'],
    ['header=y', 'separator=,', 'quote=d'],
    ['separator=/s', 'quote=s', 'occurrence=l'],
    ['occurrence=f', 'aggregator=;'],
    ['aggregator=/s', 'header=n', 'separator=|'],
  ];
  const fields = ['frame.number', 'ip.addr', 'tcp.port', 'mqtt.topic', 'eth.addr', 'frame.time_delta'];
  it.each(E.map((e) => [e.join(' '), e]))('-E %s', (_name, opts) => {
    const args = [...fields.flatMap((f) => ['-e', f]), ...opts.flatMap((o) => ['-E', o]), '-Y', 'tcp.len > 0 || arp'];
    const theirs = execFileSync('tshark', ['-r', MQTT, '-n', '-T', 'fields', ...args], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    const ours = runCli(['-r', MQTT, '-T', 'fields', ...args]);
    expect(ours.err).toBe('');
    expect(ours.out).toBe(theirs);
  });
});
