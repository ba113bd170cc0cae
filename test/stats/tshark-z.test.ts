/**
 * Oracle: tshark 4.0's `-q -z` tables on every bundled capture, byte for byte (skipped without tshark).
 * One tshark run per capture prints every table (tshark draws the last -z first, as we do); pcap-explain
 * computes them all in one pass of the library. io,phs is compared line by line for the protocols both
 * dissect alike (docs/wireshark.md lists where the hierarchies differ and why).
 */
import { execFileSync } from 'node:child_process';
import { basename } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyzeFile } from '../../src/analyze.js';
import { DEFAULT_LIMITS } from '../../src/limits.js';
import { parseStat, type StatSpec, StatsCollector } from '../../src/stats/index.js';
import { collectStats } from '../../src/stats/run.js';
import { fixtureCaptures, HAVE_TSHARK } from '../helpers/fixtures.js';

const TABLES = [
  'conv,tcp',
  'conv,udp',
  'conv,ip',
  'conv,ipv6',
  'endpoints,ip',
  'endpoints,tcp',
  'endpoints,udp',
  'io,stat,1',
  'io,stat,0.5',
  'io,stat,0.3',
  'io,stat,0.01',
  'io,stat,100',
];

/**
 * The forms with a display filter (tshark's `-z TABLE,FILTER` and io,stat columns), computed in two passes
 * (collectStats). Filters whose frames tshark and pcap-explain choose alike (test/oracle/tshark-filters).
 */
const FILTERED = [
  'conv,tcp,tcp.len > 0',
  'conv,tcp,tcp.port == 1883 || tcp.port == 8080',
  'conv,udp,udp.length > 40',
  'conv,ip,frame.len > 100',
  'conv,ipv6,udp',
  'endpoints,ip,tcp',
  'endpoints,tcp,tcp.flags.syn == 1',
  'endpoints,udp,udp.srcport > 1024',
  'io,stat,1,tcp,udp',
  'io,stat,0.5,,tcp.len > 0,frame.len < 100',
  'io,stat,1,mqtt,ip.addr == 172.18.0.0/16 and not tcp',
  'io,stat,0,tcp.flags.syn == 1',
  'conv,tcp,mqtt or http',
  'io,stat,1,mqtt,http',
];

/** Filtered tables that differ for a capture, and why (the filter oracle's KNOWN, docs/filters.md). */
const FILTERED_DIFFERS: Record<string, Record<string, string>> = {
  'capture-loss-http.pcap': {
    'conv,tcp,mqtt or http': 'tshark marks every segment after a gap "HTTP Continuation"',
    'io,stat,1,mqtt,http': 'tshark marks every segment after a gap "HTTP Continuation"',
  },
};

function specs(zs: readonly string[]): StatSpec[] {
  return zs.map((z) => {
    const s = parseStat(z);
    if (typeof s === 'string') throw new Error(s);
    return s;
  });
}

/** Our tables for these -z arguments (one pass), and the capture's TCP and UDP stream numbers. */
async function ours(file: string, zs: readonly string[]): Promise<{ out: string; tcp: number[]; udp: number[] }> {
  const stats = new StatsCollector(specs(zs), { followBytes: DEFAULT_LIMITS.followBytes });
  const m = await analyzeFile(file, { keepFrames: false, explain: false, summary: true, observer: stats });
  const streams = (t: 'tcp' | 'udp'): number[] =>
    m.conversations.filter((c) => c.transport === t && c.stream !== undefined).map((c) => c.stream!);
  return { out: stats.render(), tcp: streams('tcp'), udp: streams('udp') };
}

function tshark(file: string, zs: readonly string[]): string {
  const args = ['-r', file, '-n', '-q'];
  for (const z of zs) args.push('-z', z);
  return execFileSync('tshark', args, {
    encoding: 'utf8',
    maxBuffer: 64 << 20,
    stdio: ['ignore', 'pipe', 'ignore'],
    env: { ...process.env, LC_ALL: 'C' },
  });
}

/**
 * Streams whose follow output differs (docs/wireshark.md): in capture-loss.pcap's stream 2 a zero-length
 * ACK jumps over 9 uncaptured bytes; tshark shows the next segment at once after its "missing" marker,
 * pcap-explain's reassembly holds it until the hole is given up (the same bytes and markers, later).
 */
const FOLLOW_DIFFERS: Record<string, number[]> = {
  'capture-loss.pcap': [2],
  // segments cut by the snapshot length: the missing tails are told as markers where tshark shows them
  // otherwise in hex and raw mode (known difference, docs/wireshark.md)
  'snaplen.pcap': [0, 1, 2],
};

/** Every follow table of a capture: each TCP stream in the three modes, each UDP stream in ascii and hex. */
function follows(file: string, tcp: readonly number[], udp: readonly number[]): string[] {
  const skip = FOLLOW_DIFFERS[basename(file)] ?? [];
  return [
    ...tcp
      .filter((s) => !skip.includes(s))
      .flatMap((s) => [`follow,tcp,ascii,${s}`, `follow,tcp,hex,${s}`, `follow,tcp,raw,${s}`]),
    ...udp.flatMap((s) => [`follow,udp,ascii,${s}`, `follow,udp,hex,${s}`]),
  ];
}

/** The hierarchy lines of the protocols both dissect alike (indentation and counts kept). */
const SAME_PHS = /^\s*(frame|eth|sll|arp|ip|ipv6|tcp|udp|mqtt|http)\s/;
/** Captures whose application protocol tshark counts differently (docs/wireshark.md). */
const PHS_APP_DIFFERS = new Set([
  'capture-loss-http.pcap',
  // an HTTP message reassembled from several segments: tshark files it under tcp.segments, pcap-explain under tcp
  'course-rpc.pcap',
]);

describe.skipIf(!HAVE_TSHARK)('tshark -q -z: the same tables on every bundled capture', () => {
  for (const file of fixtureCaptures()) {
    it(`${basename(file)}: conversations, endpoints, io,stat, follow`, async () => {
      const first = await ours(file, TABLES);
      const zs = [...TABLES, ...follows(file, first.tcp, first.udp)];
      const mine = zs.length === TABLES.length ? first.out : (await ours(file, zs)).out;
      expect(mine).toBe(tshark(file, zs));
    });

    it(`${basename(file)}: io,phs`, async () => {
      const keep = (s: string): string[] =>
        s
          .split('\n')
          .filter((l) => SAME_PHS.test(l))
          .filter((l) => !PHS_APP_DIFFERS.has(basename(file)) || !/^\s*(mqtt|http)\s/.test(l));
      const { out } = await ours(file, ['io,phs']);
      const theirs = tshark(file, ['io,phs']);
      expect(keep(out)).toEqual(keep(theirs));
      // the frame itself: header and footer as tshark's
      expect(out.split('\n').slice(0, 5)).toEqual(theirs.split('\n').slice(0, 5));
    });
  }
});

describe.skipIf(!HAVE_TSHARK)('tshark -q -z with display filters: the same tables on every bundled capture', () => {
  for (const file of fixtureCaptures()) {
    it(`${basename(file)}: conv, endpoints, io,stat with filters`, async () => {
      const skip = FILTERED_DIFFERS[basename(file)] ?? {};
      const zs = FILTERED.filter((z) => !skip[z]);
      const stats = new StatsCollector(specs(zs), { followBytes: DEFAULT_LIMITS.followBytes });
      expect(stats.needsRecords).toBe(true);
      await collectStats(file, stats);
      expect(stats.render()).toBe(tshark(file, zs));
    });

    it(`${basename(file)}: io,phs with a filter`, async () => {
      const keep = (s: string): string[] =>
        s
          .split('\n')
          .filter((l) => SAME_PHS.test(l))
          .filter((l) => !PHS_APP_DIFFERS.has(basename(file)) || !/^\s*(mqtt|http)\s/.test(l));
      // a frame.* field in any filter of the run starts every hierarchy at `frame`, as tshark draws it
      for (const zs of [['io,phs,tcp'], ['io,phs,frame.len > 100'], ['io,phs', 'io,stat,1,frame.number > 3']]) {
        const stats = new StatsCollector(specs(zs), { followBytes: DEFAULT_LIMITS.followBytes });
        await collectStats(file, stats);
        const theirs = tshark(file, zs);
        expect(keep(stats.render())).toEqual(keep(theirs));
        expect(stats.render().split('\n').slice(0, 5)).toEqual(theirs.split('\n').slice(0, 5));
      }
    });
  }
});

describe('-z arguments', () => {
  it.each([
    ['conv,tcp', { kind: 'conv', table: 'tcp' }],
    ['endpoints,ip', { kind: 'endpoints', table: 'ip' }],
    ['io,phs', { kind: 'phs' }],
    ['io,stat,1', { kind: 'iostat', intervalUs: 1_000_000, prec: 0 }],
    ['io,stat,0.5', { kind: 'iostat', intervalUs: 500_000, prec: 1 }],
    ['io,stat,0.001', { kind: 'iostat', intervalUs: 1000, prec: 3 }],
    ['io,stat,1,', { kind: 'iostat', intervalUs: 1_000_000, prec: 0 }],
    ['follow,tcp,ascii,3', { kind: 'follow', proto: 'tcp', mode: 'ascii', stream: 3 }],
    ['follow,udp,raw,0', { kind: 'follow', proto: 'udp', mode: 'raw', stream: 0 }],
    ['conv,tcp,tcp.port == 1883', { kind: 'conv', table: 'tcp', filter: 'tcp.port == 1883' }],
    ['conv,tcp,tcp.port in {1883,8080}', { kind: 'conv', table: 'tcp', filter: 'tcp.port in {1883,8080}' }],
    ['endpoints,ip,"tcp"', { kind: 'endpoints', table: 'ip', filter: 'tcp' }],
    ['io,phs,mqtt', { kind: 'phs', filter: 'mqtt' }],
    ['io,stat,1,tcp,mqtt', { kind: 'iostat', intervalUs: 1_000_000, prec: 0, columns: ['tcp', 'mqtt'] }],
    ['io,stat,1,"tcp","mqtt"', { kind: 'iostat', intervalUs: 1_000_000, prec: 0, columns: ['tcp', 'mqtt'] }],
    ['io,stat,1,,udp', { kind: 'iostat', intervalUs: 1_000_000, prec: 0, columns: ['', 'udp'] }],
  ])('%s', (arg, spec) => {
    expect(parseStat(arg)).toEqual(spec);
  });

  it.each([
    ['conv,sctp', 'unknown statistic'],
    ['io,stat,x', 'INTERVAL must be seconds'],
    ['io,stat,1,SUM(tcp.len)tcp.len', 'not supported'],
    ['conv,tcp,ip.addr==1.2.3', 'display filter "ip.addr==1.2.3"'],
    ['io,stat,1,tcp,mqtt.nosuchfield', 'display filter "mqtt.nosuchfield"'],
    ['io,phs,pe.explain contains "x"', 'pe.explain cannot be used'],
    ['follow,tcp,ebcdic,0', 'ascii, hex or raw'],
    ['follow,tcp,ascii,a', 'stream number'],
    ['follow,tcp,ascii,1.2.3.4:80,1.2.3.5:90', 'unknown statistic'],
  ])('%s is refused', (arg, why) => {
    const r = parseStat(arg);
    expect(typeof r).toBe('string');
    expect(r).toContain(why);
  });
});
