/**
 * DNS as a protocol module on the real capture (fixtures/course-dns.pcap: dnsmasq answering a lab container):
 * the UDP flow to :53 is DNS, every query is paired with its response by id (as tshark's dns.response_to and
 * dns.time), the records agree with what the client logged (dnslib), every frame and the story are told in
 * both languages, the dns.* fields print as tshark prints them, and the datagram heuristic finds DNS on
 * another port without claiming plain datagrams.
 */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AppLayer } from '../../../src/analysis/app/index.js';
import type { ConversationRecord } from '../../../src/analysis/model.js';
import { analyzeFile } from '../../../src/analyze.js';
import { explainModel } from '../../../src/explain/index.js';
import { looksLikeDns } from '../../../src/protocols/dns/index.js';
import type { DnsRecord } from '../../../src/protocols/dns/model.js';
import { SESSION_PROTOCOLS } from '../../../src/protocols/registry.js';
import { FIXTURES, HAVE_TSHARK, runCli, tsharkFields } from '../../helpers/fixtures.js';
import { QUERY } from '../dns.vectors.js';
import { peersLog } from '../streams.js';

const FILE = join(FIXTURES, 'course-dns.pcap');
const model = (lang: 'en' | 'id') => analyzeFile(FILE).then((m) => explainModel(m, lang));

const dnsMessages = (c: ConversationRecord | undefined) => (c?.messages ?? []) as DnsRecord[];

describe('course-dns.pcap as DNS', () => {
  it('the flow to :53 is DNS; queries and responses pair by id with their latency', async () => {
    const m = await model('en');
    expect(m.conversations.map((c) => [c.transport, c.app])).toEqual([['udp', 'dns']]);
    const ms = dnsMessages(m.conversations[0]);
    expect(ms.map((x) => [x.frame, x.kind])).toEqual(
      [3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16].map((n) => [n, n % 2 ? 'query' : 'response']),
    );
    for (const r of ms.filter((x) => x.kind === 'response')) {
      const q = ms.find((x) => x.frame === r.reply_to)!;
      expect(q.id).toBe(r.id);
      expect(q.replied_by).toBe(r.frame);
      expect(r.latency).toBeGreaterThan(0);
    }
    expect(m.conversations[0]!.notes.filter((n) => n.code.startsWith('dns.'))).toEqual([]);
  });

  it("the queries and answers are those the client logged (dnslib's view)", async () => {
    const m = await model('en');
    const ms = dnsMessages(m.conversations[0]);
    const log = peersLog('course-dns.peers.jsonl');
    const sent = log.filter((l) => l.event === 'send');
    const got = log.filter((l) => l.event === 'recv');
    const queries = ms.filter((x) => x.kind === 'query');
    const responses = ms.flatMap((x) => (x.kind === 'response' ? [x] : []));
    expect(queries.map((q) => [q.id, q.questions[0]!.name, q.questions[0]!.type_name, q.rd])).toEqual(
      sent.map((l) => [l.data.id, l.data.qname, l.data.qtype, true]),
    );
    expect(
      responses.map((r) => [
        r.id,
        r.rcode_name,
        r.answers.map((a) => {
          const d = a.rdata;
          const value = 'address' in d ? d.address : 'name' in d ? d.name : 'strings' in d ? d.strings.join('') : '';
          return { name: a.name, type: a.type_name, ttl: a.ttl, value };
        }),
      ]),
    ).toEqual(got.map((l) => [l.data.id, l.data.rcode, l.data.answers]));
  });

  it('every frame is told in English: the question, the answers, no such record, no such name', async () => {
    const m = await model('en');
    const ex = (n: number) => m.frames[n - 1]!.explain!;
    expect(ex(3)).toBe(
      'Client 172.18.0.102 asks server 172.18.0.1:53 for the A record of rpc-server.lab (DNS query, id 0x1748, recursion desired), in one UDP datagram.',
    );
    expect(ex(4)).toBe(
      'Server 172.18.0.1:53 answers query 0x1748 of frame 3, 84 ms later: rpc-server.lab has the IPv4 address 172.18.0.80 (A, TTL 60 s).',
    );
    expect(ex(6)).toContain('rpc-server.lab exists but has no AAAA record (NOERROR with an empty answer section)');
    expect(ex(8)).toContain(
      'www.lab is an alias of rpc-server.lab (CNAME, TTL 60 s) and rpc-server.lab has the IPv4 address 172.18.0.80 (A, TTL 60 s)',
    );
    expect(ex(10)).toContain('the name of the address 172.18.0.80 is rpc-server.lab');
    expect(ex(12)).toContain('info.lab has the text "kelas sistem terdistribusi" (TXT, TTL 60 s)');
    expect(ex(16)).toBe(
      'Server 172.18.0.1:53 answers query 0xa23f of frame 15, 0.054 ms later: the name nope.lab does not exist (NXDOMAIN, rcode 3).',
    );
    for (const f of m.frames.slice(2)) expect(f.explain).not.toMatch(/\{|datagram to|bytes/);
  });

  it('and in Indonesian', async () => {
    const m = await model('id');
    const ex = (n: number) => m.frames[n - 1]!.explain!;
    expect(ex(3)).toBe(
      'Client 172.18.0.102 menanyakan record A untuk rpc-server.lab ke server 172.18.0.1:53 (query DNS, id 0x1748, recursion desired) dalam satu datagram UDP.',
    );
    expect(ex(6)).toContain('nama rpc-server.lab ada, tetapi tidak punya record AAAA');
    expect(ex(6)).toContain('0,141 ms kemudian');
    expect(ex(16)).toContain('nama nope.lab tidak ada (NXDOMAIN, rcode 3)');
  });

  it('the story says which names were asked, answered, without the type asked, or not found', async () => {
    const en = (await model('en')).story.find((s) => s.code === 'story.dns')!;
    expect(en.frames).toEqual([3, 16]);
    expect(en.text).toContain('sends 7 DNS queries to server 172.18.0.1:53');
    expect(en.text).toContain('A nope.lab → NXDOMAIN (0.054 ms)');
    expect(en.text).toContain(
      'Answered: rpc-server.lab, www.lab, 80.0.18.172.in-addr.arpa, info.lab and soap-server.lab.',
    );
    expect(en.text).toContain('no record of the type asked: rpc-server.lab (AAAA).');
    expect(en.text).toContain('Not found (NXDOMAIN: no such name): nope.lab.');
    expect(en.text).toContain('TTL of 60 s');
    const id = (await model('id')).story.find((s) => s.code === 'story.dns')!;
    expect(id.text).toContain('mengirim 7 query DNS ke server 172.18.0.1:53');
    expect(id.text).toContain('Tidak ditemukan (NXDOMAIN: nama tidak ada): nope.lab.');
    expect(id.text).toContain('AAAA rpc-server.lab → tidak ada record AAAA (0,141 ms)');
  });

  it.skipIf(!HAVE_TSHARK)("dns.* fields and the Info column print as tshark's", async () => {
    const fields = [
      'frame.number',
      'dns.id',
      'dns.flags',
      'dns.flags.response',
      'dns.flags.recdesired',
      'dns.flags.authoritative',
      'dns.flags.recavail',
      'dns.flags.rcode',
      'dns.qry.name',
      'dns.qry.type',
      'dns.count.answers',
      'dns.resp.name',
      'dns.resp.type',
      'dns.resp.ttl',
      'dns.a',
      'dns.aaaa',
      'dns.cname',
      'dns.ptr.domain_name',
      'dns.txt',
      'dns.response_to',
      'dns.time',
    ];
    const args = ['analyze', FILE, '-Y', 'dns', '-T', 'fields', '-E', 'separator=/t', '-E', 'occurrence=a'];
    const ours = runCli([...args, ...fields.flatMap((f) => ['-e', f])]);
    expect(ours.code).toBe(0);
    const theirs = execFileSync(
      'tshark',
      [
        '-r',
        FILE,
        '-n',
        '-Y',
        'dns',
        '-T',
        'fields',
        '-E',
        'separator=/t',
        '-E',
        'occurrence=a',
        ...fields.flatMap((f) => ['-e', f]),
      ],
      { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] },
    );
    expect(ours.out).toBe(theirs);
    const info = (await model('en')).frames.slice(2).map((f) => f.summary);
    const tinfo = tsharkFields(FILE, ['_ws.col.Info'], ['-Y', 'dns']);
    expect(info).toEqual(tinfo.map((r) => r[0]));
  });
});

describe('UDP dispatch', () => {
  const payload = (s: string) => new TextEncoder().encode(s);

  it('a DNS query on another port is DNS by the datagram heuristic; text datagrams stay plain data', () => {
    expect(looksLikeDns(QUERY)).toBe(true);
    expect(looksLikeDns(payload('Hello, UDP server2!'))).toBe(false);
    expect(looksLikeDns(payload('halo john'))).toBe(false);
    expect(looksLikeDns(new Uint8Array([...QUERY, 0]))).toBe(false); // a byte after the message
    const app = new AppLayer(SESSION_PROTOCOLS);
    app.begin(1, 1000, 0);
    app.udp(1, 'c2s', QUERY, 1, QUERY.length, 5300);
    app.take();
    app.begin(2, 1000, 0);
    app.udp(2, 'c2s', payload('halo john'), 2, 9, 12346);
    app.take();
    const recs = [1, 2].map((id) => ({ id, notes: [] }) as unknown as ConversationRecord);
    app.finish(recs);
    expect(recs.map((r) => r.app)).toEqual(['dns', 'data']);
  });

  it('a datagram to :53 is DNS by its port, and a short one is noted, not decoded', () => {
    const app = new AppLayer(SESSION_PROTOCOLS);
    app.begin(1, 1000, 0);
    app.udp(1, 'c2s', payload('hi'), 1, 2, 53);
    expect(app.take()?.notes.map((n) => n.code)).toEqual(['dns.short']);
    const rec = { id: 1, notes: [] } as unknown as ConversationRecord;
    app.finish([rec]);
    expect(rec.app).toBe('dns');
    expect(rec.messages).toEqual([]);
  });
});
