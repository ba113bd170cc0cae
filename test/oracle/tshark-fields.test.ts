/**
 * Oracle: `-T fields`. On every bundled capture, `pcap-explain -r F -T fields -e …` prints what
 * `tshark -r F -T fields -e …` prints, byte for byte, for the fields both have (the CLI's two-pass path).
 */
import { execFileSync } from 'node:child_process';
import { basename } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyzeFile } from '../../src/analyze.js';
import { fixtureCaptures, HAVE_TSHARK, runCli } from '../helpers/fixtures.js';

export const FIELDS = [
  'frame.number',
  'frame.time_relative',
  'frame.time_delta',
  'frame.len',
  'frame.cap_len',
  'eth.src',
  'eth.dst',
  'eth.addr',
  'eth.type',
  'arp.opcode',
  'arp.src.hw_mac',
  'arp.src.proto_ipv4',
  'arp.dst.proto_ipv4',
  'ip.src',
  'ip.dst',
  'ip.addr',
  'ip.proto',
  'ip.ttl',
  'ip.id',
  'ip.len',
  'ip.flags.df',
  'ipv6.src',
  'ipv6.dst',
  'tcp.srcport',
  'tcp.dstport',
  'tcp.port',
  'tcp.stream',
  'tcp.len',
  'tcp.seq',
  'tcp.ack',
  'tcp.nxtseq',
  'tcp.flags',
  'tcp.flags.syn',
  'tcp.flags.ack',
  'tcp.flags.str',
  'tcp.window_size_value',
  'tcp.window_size',
  'tcp.analysis.flags',
  'tcp.analysis.retransmission',
  'tcp.analysis.acks_frame',
  'tcp.analysis.ack_rtt',
  'udp.srcport',
  'udp.dstport',
  'udp.length',
  'udp.stream',
  'icmp.type',
  'mqtt.msgtype',
  'mqtt.topic',
  'mqtt.qos',
  'mqtt.msgid',
  'mqtt.retain',
  'mqtt.clientid',
  'http.request',
  'http.response',
  'http.request.method',
  'http.request.uri',
  'http.response.code',
  'http.response.phrase',
  'http.host',
  'http.content_type',
  'icep.message_type',
  'icep.request_id',
  'icep.id.name',
  'icep.operation',
  'icep.operation_mode',
  'icep.params.size',
];

/**
 * Differences that come from the analysis, not from -T fields (the same as in tshark-filters.test.ts):
 * per capture, the fields not compared on the frames listed.
 */
const KNOWN: Readonly<Record<string, ReadonlyArray<{ frame: number; fields: readonly string[] }>>> = {
  'capture-loss-http.pcap': [
    // tshark flags an ACK of data sent before the loss (ack_lost_segment); pcap-explain's analysis does not
    { frame: 108, fields: ['tcp.analysis.flags'] },
  ],
  'capture-loss.pcap': [{ frame: 60, fields: ['tcp.analysis.flags'] }],
};

const files = fixtureCaptures();

describe.skipIf(!HAVE_TSHARK || files.length === 0)('tshark oracle: -T fields', () => {
  it.each(files.map((f) => [basename(f), f]))('%s', async (name, file) => {
    // a packet seen again on a second interface (tcpdump -i any) is left out of the conversations and the TCP
    // analysis by design (issue 17: it is no retransmission); tshark gives it a stream and flags it
    const copies = new Set((await analyzeFile(file)).frames.filter((f) => f.copy_of !== undefined).map((f) => f.n));
    const e = FIELDS.flatMap((f) => ['-e', f]);
    const theirs = execFileSync('tshark', ['-r', file, '-n', '-T', 'fields', '-E', 'header=y', ...e], {
      encoding: 'utf8',
      maxBuffer: 64 << 20,
      stdio: ['ignore', 'pipe', 'ignore'],
    }).split('\n');
    const r = runCli(['-r', file, '-T', 'fields', '-E', 'header=y', ...e]);
    expect(r.err).toBe('');
    const ours = r.out.split('\n');
    expect(ours.length).toBe(theirs.length);
    const known = KNOWN[name];
    const diffs: string[] = [];
    for (let i = 0; i < theirs.length; i++) {
      if (ours[i] === theirs[i]) continue;
      const o = ours[i]!.split('\t');
      const t = theirs[i]!.split('\t');
      FIELDS.forEach((f, k) => {
        if (o[k] === t[k]) return;
        if (known?.some((k) => k.frame === Number(t[0]) && k.fields.includes(f))) return;
        if (copies.has(Number(t[0])) && (f === 'tcp.stream' || f.startsWith('tcp.analysis'))) return;
        diffs.push(`frame ${t[0]} ${f}: pcap-explain '${o[k]}' tshark '${t[k]}'`);
      });
    }
    expect(diffs.slice(0, 20)).toEqual([]);
  });
});
