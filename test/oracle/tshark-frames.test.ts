/**
 * Oracle: tshark (Debian package) reads every fixture; our frames must agree per frame on count,
 * timestamps, lengths, protocol stack up to the transport layer, addresses, ports, TCP flags and lengths.
 */
import { basename } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { FrameRecord } from '../../src/analysis/model.js';
import { analyzeFile } from '../../src/analyze.js';
import { fixtureCaptures, HAVE_TSHARK, tsharkFields } from '../helpers/fixtures.js';

const FIELDS = [
  'frame.number',
  'frame.time_epoch',
  'frame.len',
  'frame.cap_len',
  'frame.protocols',
  'eth.src',
  'eth.dst',
  'ip.src',
  'ip.dst',
  'ipv6.src',
  'ipv6.dst',
  'tcp.srcport',
  'tcp.dstport',
  'tcp.flags',
  'tcp.len',
  'udp.srcport',
  'udp.dstport',
  'udp.length',
  'arp.opcode',
  'arp.src.proto_ipv4',
  'arp.dst.proto_ipv4',
  'ip.ttl',
];

const OUR_PROTOCOLS = new Set([
  'eth',
  'vlan',
  'sll',
  'null',
  'arp',
  'ip',
  'ipv6',
  'icmp',
  'icmpv6',
  'igmp',
  'tcp',
  'udp',
]);

/** tshark's frame.protocols cut to the layers we dissect at this level ("eth:ethertype:ip:tcp:mqtt" → eth,ip,tcp). */
function tsharkStack(p: string): string[] {
  const out: string[] = [];
  for (const x of p.split(':')) {
    // IPv6 extension headers (ipv6.hopopts before an MLD report…) are part of our ipv6 layer
    if (x === 'frame' || x === 'ethertype' || x.startsWith('ipv6.')) continue;
    if (!OUR_PROTOCOLS.has(x)) break;
    out.push(x);
    if (x === 'tcp' || x === 'udp' || x === 'icmp' || x === 'icmpv6' || x === 'arp' || x === 'igmp') break;
  }
  return out;
}

function epochOf(f: FrameRecord): string {
  const [date, frac = ''] = f.ts.replace('Z', '').split('.');
  const sec = Math.floor(Date.parse(`${date}Z`) / 1000);
  return `${sec}.${frac.padEnd(9, '0')}`;
}

const FLAG_BITS: Record<string, number> = {
  FIN: 1,
  SYN: 2,
  RST: 4,
  PSH: 8,
  ACK: 16,
  URG: 32,
  ECE: 64,
  CWR: 128,
  AE: 256,
};

const files = fixtureCaptures();

describe.skipIf(!HAVE_TSHARK || files.length === 0)('tshark oracle: frames', () => {
  it.each(files.map((f) => [basename(f), f]))('%s', async (_name, file) => {
    const ours = await analyzeFile(file);
    const theirs = tsharkFields(file, FIELDS);
    expect(ours.frames.length).toBe(theirs.length);
    expect(ours.capture.frames).toBe(theirs.length);
    for (let i = 0; i < theirs.length; i++) {
      const t = theirs[i]!;
      const o = ours.frames[i]!;
      const at = `frame ${t[0]}`;
      expect(o.n, at).toBe(Number(t[0]));
      // tshark prints 9 fractional digits; compare at the capture's precision
      const te = t[1]!;
      const oe = epochOf(o);
      expect(oe.slice(0, te.indexOf('.') + 7), at).toBe(te.slice(0, te.indexOf('.') + 7));
      expect(o.len, at).toBe(Number(t[2]));
      expect(o.caplen, at).toBe(Number(t[3]));
      expect(
        o.protocols.filter((p) => OUR_PROTOCOLS.has(p)),
        at,
      ).toEqual(tsharkStack(t[4]!));
      if (t[5]) expect(o.eth?.src, at).toBe(t[5]);
      if (t[6]) expect(o.eth?.dst, at).toBe(t[6]);
      if (t[7]) expect(o.ip?.src, at).toBe(t[7]);
      if (t[8]) expect(o.ip?.dst, at).toBe(t[8]);
      if (t[9]) expect(o.ip?.src, at).toBe(t[9]);
      if (t[10]) expect(o.ip?.dst, at).toBe(t[10]);
      if (t[11] && o.protocols.includes('tcp')) {
        expect(o.tcp?.srcport, at).toBe(Number(t[11]));
        expect(o.tcp?.dstport, at).toBe(Number(t[12]));
        const bits = (o.tcp?.flags ?? []).reduce((a, f) => a | (FLAG_BITS[f] ?? 0), 0);
        expect(bits, at).toBe(Number.parseInt(t[13]!, 16) & 0x1ff);
        expect(o.tcp?.len, at).toBe(Number(t[14]));
      }
      if (t[15] && o.protocols.includes('udp')) {
        expect(o.udp?.srcport, at).toBe(Number(t[15]));
        expect(o.udp?.dstport, at).toBe(Number(t[16]));
        expect(o.udp?.len, at).toBe(Number(t[17]));
      }
      if (t[18]) {
        expect(o.arp?.op, at).toBe(t[18] === '1' ? 'request' : t[18] === '2' ? 'reply' : o.arp?.op);
        expect(o.arp?.sender_ip, at).toBe(t[19]);
        expect(o.arp?.target_ip, at).toBe(t[20]);
      }
      if (t[21] && o.ip?.version === 4) expect(o.ip.ttl, at).toBe(Number(t[21]));
    }
  });
});
