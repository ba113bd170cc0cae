import { describe, expect, it } from 'vitest';
import { decode, frameTcp, readName } from '../../src/protocols/dns/decode.js';
import type { DnsMessage } from '../../src/protocols/dns/types.js';
import { fromHex } from '../../src/protocols/reader.js';
import { ANSWER, DNS_VECTORS, NXDOMAIN, QUERY, TXT_AAAA } from './dns.vectors.js';
import { FIXTURES, HAVE_TSHARK, lazy, peersLog, prefixes, tsharkAll, udpDatagrams } from './streams.js';

function ok(b: Uint8Array): DnsMessage {
  const d = decode(b);
  if (d.kind !== 'ok') throw new Error(`expected ok, got ${JSON.stringify(d)}`);
  return d.message;
}
describe('DNS byte vectors', () => {
  it('a query', () => {
    const m = ok(QUERY);
    expect(m.id).toBe(0x1234);
    expect(m.flags).toMatchObject({ response: false, recursionDesired: true, opcode: 0 });
    expect(m.questions).toEqual([
      { name: 'www.lab', type: 1, typeName: 'A', class: 1, span: { offset: 12, length: 13 } },
    ]);
  });

  it('a response with compressed names: CNAME then A', () => {
    const m = ok(ANSWER);
    expect(m.flags).toMatchObject({ response: true, authoritative: true, rcode: 0, rcodeName: 'NOERROR' });
    expect(m.answers.map((a) => [a.name, a.typeName, a.ttl, a.rdata])).toEqual([
      ['www.lab', 'CNAME', 60, { kind: 'CNAME', name: 'rpc-server.lab' }],
      ['rpc-server.lab', 'A', 60, { kind: 'A', address: '172.18.0.80' }],
    ]);
  });

  it('NXDOMAIN, TXT strings, AAAA, the root name', () => {
    expect(ok(NXDOMAIN).flags.rcodeName).toBe('NXDOMAIN');
    const t = ok(TXT_AAAA);
    expect(t.answers.map((a) => a.rdata)).toEqual([
      { kind: 'TXT', strings: ['hi', 'abc'] },
      { kind: 'AAAA', address: 'fd00::1' },
    ]);
    expect(t.answers[0]!.name).toBe('');
  });

  it('name compression loops and forward pointers are malformed, never followed', () => {
    // a pointer to itself
    const self = fromHex('00 00 00 00 00 01 00 00 00 00 00 00 c0 0c 00 01 00 01');
    expect(decode(self)).toMatchObject({ kind: 'malformed', code: 'dns.name.pointer_forward', at: 12 });
    // label "a" then a pointer back to the label: a loop through a backward pointer
    const loop = fromHex('00 00 00 00 00 01 00 00 00 00 00 00 01 61 c0 0c 00 01 00 01');
    expect(decode(loop)).toMatchObject({ kind: 'malformed', code: 'dns.name.pointer_forward' });
    // label type 01 (0x40)
    expect(readName(fromHex('41 61'), 0)).toMatchObject({ error: 'dns.name.label_type' });
    // a name over 255 bytes
    const long = new Uint8Array(5 * 64 + 1);
    for (let i = 0; i < 5; i++) long[i * 64] = 63;
    expect(readName(long, 0)).toMatchObject({ error: 'dns.name.too_long' });
  });

  it('TCP framing: a 2-byte length before each message', () => {
    const b = new Uint8Array([0, QUERY.length, ...QUERY]);
    expect(frameTcp(b, 0, 1)).toEqual({ kind: 'need', atLeast: 2 });
    expect(frameTcp(b, 0, 5)).toEqual({ kind: 'need', atLeast: 2 + QUERY.length });
    expect(frameTcp(b, 0, b.length)).toEqual({ kind: 'pdu', length: b.length });
    expect(frameTcp(fromHex('00 00'), 0, 2)).toMatchObject({ kind: 'malformed', code: 'dns.tcp.length_zero' });
  });

  it('every prefix is truncated, keeping the complete records before the cut', () => {
    for (const v of DNS_VECTORS) {
      for (const p of prefixes(v)) {
        const d = decode(p);
        expect(d.kind, `${p.length} of ${v.length}`).toBe(p.length === v.length ? 'ok' : 'truncated');
      }
    }
    const d = decode(ANSWER.subarray(0, 40));
    expect(d.kind === 'truncated' && d.message?.questions.length).toBe(1);
    expect(d.kind === 'truncated' && d.message?.answers.length).toBe(0);
    const e = decode(ANSWER.subarray(0, 55));
    expect(e.kind === 'truncated' && e.message?.answers.length).toBe(1);
  });
});

const DNS = `${FIXTURES}/course-dns.pcap`;

describe.skipIf(!HAVE_TSHARK)('DNS over the real dnsmasq capture (course-dns.pcap)', () => {
  const msgs = lazy(() => udpDatagrams(DNS).map((u) => ({ u, d: decode(u.payload) })));

  it('every datagram decodes; id, names, rcode and answers agree with tshark', () => {
    const rows = tsharkAll(
      DNS,
      [
        'frame.number',
        'dns.id',
        'dns.qry.name',
        'dns.flags.rcode',
        'dns.a',
        'dns.aaaa',
        'dns.cname',
        'dns.ptr.domain_name',
        'dns.txt',
        'dns.count.answers',
      ],
      ['-Y', 'dns'],
    );
    expect(rows.length).toBe(msgs().length);
    for (const [i, row] of rows.entries()) {
      const { u, d } = msgs()[i]!;
      if (d.kind !== 'ok') throw new Error(`frame ${u.frame}: ${d.kind}`);
      const m = d.message;
      const all = (kind: string) =>
        m.answers
          .filter((a) => a.rdata.kind === kind)
          .map((a) => {
            const r = a.rdata;
            return 'address' in r ? r.address : 'name' in r ? r.name : 'strings' in r ? r.strings.join('') : '';
          })
          .join('|');
      expect(u.frame).toBe(Number(row[0]));
      expect(m.id).toBe(Number(row[1]));
      expect(m.questions.map((q) => q.name).join('|')).toBe(row[2]);
      expect(m.flags.rcode).toBe(Number(row[3]));
      expect(all('A')).toBe(row[4]);
      expect(all('AAAA')).toBe(row[5]);
      expect(all('CNAME')).toBe(row[6]);
      expect(all('PTR')).toBe(row[7]);
      expect(all('TXT')).toBe(row[8]);
      expect(m.answers.length).toBe(Number(row[9]));
    }
  });

  it("the answers are those the client logged (dnslib's view)", () => {
    const got = peersLog('course-dns.peers.jsonl').filter((l) => l.event === 'recv');
    const answers = msgs().flatMap(({ d }) => (d.kind === 'ok' && d.message.flags.response ? [d.message] : []));
    expect(answers.length).toBe(got.length);
    for (const [i, l] of got.entries()) {
      const m = answers[i]!;
      expect(m.id).toBe(l.data.id);
      expect(m.flags.rcodeName).toBe(l.data.rcode);
      expect(
        m.answers.map((a) => {
          const r = a.rdata;
          const value = 'address' in r ? r.address : 'name' in r ? r.name : 'strings' in r ? r.strings.join('') : '';
          return { name: a.name, type: a.typeName, ttl: a.ttl, value };
        }),
      ).toEqual(l.data.answers);
    }
    expect(answers.at(-1)?.flags.rcodeName).toBe('NXDOMAIN');
  });
});
