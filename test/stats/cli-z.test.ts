/** `analyze -q -z`: the CLI wiring (the tables themselves are compared with tshark in tshark-z.test.ts). */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIXTURES, runCli } from '../helpers/fixtures.js';

const MQTT = join(FIXTURES, 'mqtt.pcap');

describe('analyze -q -z', () => {
  it('prints only the tables, the last -z first (as tshark)', () => {
    const r = runCli(['analyze', MQTT, '-q', '-z', 'conv,tcp', '-z', 'io,phs']);
    expect(r.code).toBe(0);
    expect(r.err).toBe('');
    expect(r.out.indexOf('Protocol Hierarchy Statistics')).toBeLessThan(r.out.indexOf('TCP Conversations'));
    expect(r.out).not.toContain('Overview');
  });

  it('without -q: the report, then the tables', () => {
    const r = runCli(['analyze', MQTT, '-z', 'endpoints,ip']);
    expect(r.code).toBe(0);
    expect(r.out.indexOf('IPv4 Endpoints')).toBeGreaterThan(r.out.indexOf('Conversations'));
  });

  it('with --frames: the explained frames, then the tables', () => {
    const r = runCli(['analyze', MQTT, '--frames', '-z', 'conv,tcp']);
    expect(r.code).toBe(0);
    expect(r.out.trimEnd().endsWith('='.repeat(80))).toBe(true);
  });

  it('reads standard input', () => {
    const r = runCli(['analyze', '-', '-q', '-z', 'follow,udp,ascii,0'], readFileSync(join(FIXTURES, 'udp.pcap')));
    expect(r.code).toBe(0);
    expect(r.out).toContain('pesan 1: suhu=27C dari sensor-40');
  });

  it.each([
    [['-q', '-z', 'conv,sctp']],
    [['-q', '-z', 'io,stat,abc']],
    [['-q', '-z', 'io,stat,1,SUM(tcp.len)tcp.len']],
    [['-q', '-z', 'conv,tcp,tcp.port ==']],
    [['-z', 'conv,tcp', '-f', 'json']],
  ])('%j: exit 1, one line on stderr, no output', (args) => {
    const r = runCli(['analyze', MQTT, ...args]);
    expect(r.code).toBe(1);
    expect(r.out).toBe('');
    expect(r.err.trim().split('\n')).toHaveLength(1);
  });

  it('-z with a display filter: two passes, from a file or from standard input (spooled)', () => {
    const args = ['-q', '-z', 'conv,tcp,mqtt.msgtype == 3', '-z', 'io,stat,2,,mqtt'];
    const file = runCli(['analyze', MQTT, ...args]);
    expect(file.code).toBe(0);
    expect(file.err).toBe('');
    expect(file.out).toContain('Filter:mqtt.msgtype == 3');
    expect(file.out).toContain('|     2: mqtt');
    const stdin = runCli(['analyze', '-', ...args], readFileSync(MQTT));
    expect(stdin).toEqual(file);
  });

  it('-z with a display filter after a report: read again from a file; standard input is refused', () => {
    const r = runCli(['analyze', MQTT, '-z', 'endpoints,ip,mqtt']);
    expect(r.code).toBe(0);
    expect(r.out.indexOf('Filter:mqtt')).toBeGreaterThan(r.out.indexOf('Conversations'));
    const s = runCli(['analyze', '-', '-z', 'endpoints,ip,mqtt'], readFileSync(MQTT));
    expect(s.code).toBe(1);
    expect(s.out).toBe('');
    expect(s.err).toContain('add -q');
  });

  it('follow-bytes: chunks past the limit are left out, with a line on stderr', () => {
    const r = runCli(['analyze', MQTT, '-q', '-z', 'follow,tcp,raw,0', '--limit', 'follow-bytes=30']);
    expect(r.code).toBe(0);
    expect(r.err).toContain('limit follow-bytes');
    expect(r.out.split('\n').filter((l) => /^\t?[0-9a-f]+$/.test(l)).length).toBeLessThan(5);
  });

  it('stats-rows: conversations past the limit are not listed, with a line on stderr', () => {
    const r = runCli([
      'analyze',
      join(FIXTURES, 'tcp-refused.pcap'),
      '-q',
      '-z',
      'conv,tcp',
      '--limit',
      'stats-rows=2',
    ]);
    expect(r.code).toBe(0);
    expect(r.out.split('\n').filter((l) => l.includes('<->'))).toHaveLength(2);
    expect(r.err).toContain('2 conversations (12 frames) beyond the first 2 are not listed (limit stats-rows)');
  });
});
