/** `pcap-explain analyze a.pcap b.pcap …`: several captures in worker threads, reports in the order given. */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIXTURES, ROOT } from './helpers/fixtures.js';

const BIN = join(ROOT, 'bin/pcap-explain.js');
const f = (name: string) => join(FIXTURES, name);

function run(args: string[]) {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    encoding: 'utf8',
    maxBuffer: 64 << 20,
    env: { ...process.env, NO_COLOR: '1', LANG: 'C.UTF-8', LC_ALL: '' },
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

const FILES = ['zmq.pcap', 'mqtt.pcap', 'rest.pcap', 'tcp-echo.pcap'];

describe('analyze several captures', () => {
  it('prints each report as a one-file run does, under ==> FILE <==, in the order given', () => {
    const many = run(['analyze', ...FILES.map(f), '-j', '2']);
    expect(many.err).toBe('');
    expect(many.code).toBe(0);
    const expected = FILES.map((name, i) => `${i > 0 ? '\n' : ''}==> ${f(name)} <==\n${run([f(name)]).out}`).join('');
    expect(many.out).toBe(expected);
  });

  it('explains every frame (--frames, -f json) in workers with a capped young generation as one-file runs do', () => {
    const two = ['zmq.pcap', 'mqtt5.pcap'];
    const many = run(['analyze', ...two.map(f), '--frames', '-j', '2']);
    expect(many.err).toBe('');
    const expected = two
      .map((name, i) => `${i > 0 ? '\n' : ''}==> ${f(name)} <==\n${run([f(name), '--frames']).out}`)
      .join('');
    expect(many.out).toBe(expected);
    const json = JSON.parse(run([...two.map(f), '-f', 'json', '-j', '2']).out);
    expect(json).toEqual(two.map((name) => JSON.parse(run([f(name), '-f', 'json']).out)));
    expect(json[1].frames.every((x: { explain?: string }) => typeof x.explain === 'string')).toBe(true);
  });

  it('makes JSON an array of the models, one per file', () => {
    const r = run([f('zmq.pcap'), f('udp.pcap'), '-f', 'json', '--no-explain']);
    expect(r.code).toBe(0);
    const models = JSON.parse(r.out) as Array<{ capture: { frames: number } }>;
    const single = JSON.parse(run([f('udp.pcap'), '-f', 'json', '--no-explain']).out);
    expect(models).toHaveLength(2);
    expect(models[0]!.capture.frames).toBe(150);
    expect(models[1]).toEqual(single);
  });

  it('reports every readable capture and exits 1 when one cannot be read, 2 when one is damaged', () => {
    const bad = run([f('mqtt.pcap'), f('bad/not-a-capture.pcap'), f('udp.pcap')]);
    expect(bad.code).toBe(1);
    expect(bad.err).toContain('not-a-capture.pcap');
    expect(bad.out).toContain(`==> ${f('udp.pcap')} <==`);
    expect(bad.out).toContain('Capture: pcap, Ethernet, 7 frames');
    const damaged = run([f('bad/truncated.pcap'), f('udp.pcap')]);
    expect(damaged.code).toBe(2);
    expect(damaged.out).toContain('45 frames');
  });

  it('refuses standard input and HTML among several files', () => {
    expect(run([f('udp.pcap'), '-']).code).toBe(1);
    const html = run([f('udp.pcap'), f('mqtt.pcap'), '-f', 'html']);
    expect(html.code).toBe(1);
    expect(html.err).toContain('HTML');
  });
});
