/**
 * The course-lab captures (fixtures/course-*.pcap, made by fixtures/make/course-*.sh from the course's own
 * programs): tshark's view of each one (frame counts, the protocols it dissects, the operations, names and
 * ids the labs use) agrees with the peers' logs, each capture is small, and pcap-explain reads every frame
 * without damage or an error note. Skipped without tshark.
 */
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyzeFile } from '../../src/analyze.js';
import { FIXTURES, HAVE_TSHARK } from '../helpers/fixtures.js';
import { peersLog, tsharkAll } from '../protocols/streams.js';

const f = (n: string) => join(FIXTURES, n);
const cut = (row: string[] | undefined, i: number) => (row?.[i] ? row[i]!.split('|') : []);

/** capture -> [frames, TCP streams, UDP datagrams] measured when it was made (tshark 4.0). */
const COURSE: Record<string, { frames: number; tcpStreams: number; udp: number }> = {
  'course-rpc.pcap': { frames: 58, tcpStreams: 4, udp: 0 },
  'course-soap.pcap': { frames: 78, tcpStreams: 4, udp: 0 },
  'course-corba.pcap': { frames: 46, tcpStreams: 3, udp: 0 },
  'course-ice.pcap': { frames: 34, tcpStreams: 2, udp: 0 },
  'course-zk-lock.pcap': { frames: 86, tcpStreams: 3, udp: 0 },
  'course-zk-election.pcap': { frames: 156, tcpStreams: 3, udp: 0 },
  'course-lamport.pcap': { frames: 12, tcpStreams: 1, udp: 0 },
  'course-reqresp.pcap': { frames: 19, tcpStreams: 1, udp: 1 },
  'course-oneway.pcap': { frames: 14, tcpStreams: 1, udp: 2 },
  'course-upcall.pcap': { frames: 15, tcpStreams: 1, udp: 0 },
  'course-dns.pcap': { frames: 16, tcpStreams: 0, udp: 14 },
};

describe.skipIf(!HAVE_TSHARK).each(Object.keys(COURSE))('%s', (name) => {
  it('tshark: frame, TCP stream and UDP counts; under 200 KB', () => {
    const rows = tsharkAll(f(name), ['frame.number', 'tcp.stream', 'udp.length']);
    const want = COURSE[name]!;
    expect(rows.length).toBe(want.frames);
    expect(new Set(rows.filter((r) => r[1]).map((r) => r[1])).size).toBe(want.tcpStreams);
    expect(rows.filter((r) => r[2]).length).toBe(want.udp);
    expect(statSync(f(name)).size).toBeLessThan(200 * 1024);
  });

  it('pcap-explain reads every frame: same count as tshark, no damage, no error notes', async () => {
    const m = await analyzeFile(f(name));
    expect(m.capture.damaged).toBe(false);
    expect(m.frames.length).toBe(COURSE[name]!.frames);
    const errors = m.frames.flatMap((fr) =>
      fr.notes.filter((n) => n.severity === 'error').map((n) => `${fr.n} ${n.code}`),
    );
    expect(errors).toEqual([]);
  });
});

describe.skipIf(!HAVE_TSHARK)("tshark's view of the labs agrees with the peers' logs", () => {
  it('RPC: JSON-RPC 2.0 over HTTP/1.0: methods add, multiply, add, subtract', () => {
    const rows = tsharkAll(
      f('course-rpc.pcap'),
      ['http.request.method', 'json.value.string', 'http.response.version'],
      ['-Y', 'http'],
    );
    const posts = rows.filter((r) => r[0] === 'POST');
    const methods = posts.map((r) => cut(r, 1).find((v) => v !== '2.0'));
    const logged = peersLog('course-rpc.peers.jsonl')
      .filter((l) => l.peer === 'rpc-client' && l.event === 'send')
      .map((l) => l.data.method);
    expect(methods).toEqual(logged);
    expect(logged).toEqual(['add', 'multiply', 'add', 'subtract']);
    expect(rows.filter((r) => r[2] === 'HTTP/1.0').length).toBe(4);
  });

  it('SOAP: WSDL fetch and the add calls (XML), SOAPAction "add", one HTTP 500 fault', () => {
    const rows = tsharkAll(
      f('course-soap.pcap'),
      ['http.request.method', 'http.request.uri', 'http.response.code', 'xml.tag'],
      ['-Y', 'http'],
    );
    expect(rows.map((r) => r[0] || r[2])).toEqual(['GET', '200', 'POST', '200', 'GET', '200', 'POST', '500']);
    expect(rows[0]![1]).toBe('/?wsdl');
    expect(cut(rows[2], 3).some((t) => t.startsWith('<ns0:add'))).toBe(true);
    expect(cut(rows[7], 3).some((t) => t.startsWith('<soap11env:Fault'))).toBe(true);
    const actions = peersLog('course-soap.peers.jsonl').filter(
      (l) => l.peer === 'soap-client' && l.socket === 'SOAP' && l.event === 'send',
    );
    expect(actions.map((l) => l.soapaction)).toEqual(['"add"', '"add"']);
  });

  it('CORBA: giop.request_op are the calls the programs logged', () => {
    const ops = tsharkAll(f('course-corba.pcap'), ['giop.request_op'], ['-Y', 'giop.type == 0']).map((r) => r[0]);
    expect(ops).toEqual(['_is_a', 'rebind', '_is_a', 'resolve', 'sayHello', 'sayHello']);
    const logged = peersLog('course-corba.peers.jsonl').filter((l) => l.event === 'send' && !l.reply);
    expect(logged.map((l) => l.operation)).toEqual(ops);
  });

  it('Ice: icep.operation of the requests (with -d tcp.port==11000,icep) as Ice traced them', () => {
    const ops = tsharkAll(
      f('course-ice.pcap'),
      ['icep.operation'],
      ['-d', 'tcp.port==11000,icep', '-Y', 'icep.operation'],
    ).map((r) => r[0]);
    expect(ops).toEqual(['ice_isA', 'ice_isA', 'printString', 'printString', 'printString', 'printString|printString']);
    const traced = peersLog('course-ice.peers.jsonl').filter(
      (l) => l.peer === 'ice-client' && l.event === 'send' && l.data.operation,
    );
    expect(traced.map((l) => l.data.operation)).toEqual([
      'ice_isA',
      'ice_isA',
      'printString',
      'printString',
      'printString',
      'printString',
    ]);
  });

  it('ZooKeeper: no tshark dissector; the lock and the election as the programs printed them', () => {
    const lock = peersLog('course-zk-lock.peers.jsonl')
      .filter((l) => l.socket === 'stdout')
      .map((l) => l.data);
    expect(lock.indexOf('Client A melepaskan lock.')).toBeLessThan(lock.indexOf('Client B memperoleh lock.'));
    const election = peersLog('course-zk-election.peers.jsonl')
      .filter((l) => l.socket === 'stdout' && /Saya adalah pemimpin sekarang/.test(l.data))
      .map((l) => l.peer);
    expect(election).toEqual(['node-1', 'node-2', 'node-3']);
    // tshark 4.0 shows the jute packets as data, except those its SMPP heuristic claims (a false positive)
    const proto = tsharkAll(f('course-zk-lock.pcap'), ['frame.protocols'], ['-Y', 'tcp.len > 0']).map((r) => r[0]);
    expect(new Set(proto)).toEqual(new Set(['eth:ethertype:ip:tcp:data', 'eth:ethertype:ip:tcp:smpp']));
  });

  it('Lamport, reqresp, oneway, upcall: each text the programs sent is a TCP/UDP payload', () => {
    for (const name of ['course-lamport', 'course-reqresp', 'course-oneway', 'course-upcall']) {
      const payloads = tsharkAll(f(`${name}.pcap`), ['tcp.payload', 'udp.payload'], ['-Y', 'tcp.len > 0 or udp']).map(
        (r) => Buffer.from(r[0] || r[1] || '', 'hex').toString('utf8'),
      );
      const sent = peersLog(`${name}.peers.jsonl`)
        .filter((l) => l.event === 'send')
        .map((l) => l.data);
      expect(payloads.toSorted()).toEqual([...sent].sort());
    }
  });

  it('DNS: query names and answers; the last query is NXDOMAIN', () => {
    const rows = tsharkAll(
      f('course-dns.pcap'),
      ['dns.flags.response', 'dns.qry.name', 'dns.flags.rcode'],
      ['-Y', 'dns'],
    );
    const queries = rows.filter((r) => r[0] === '0' || r[0] === 'False').map((r) => r[1]);
    const logged = peersLog('course-dns.peers.jsonl')
      .filter((l) => l.event === 'send')
      .map((l) => l.data.qname);
    expect(queries).toEqual(logged);
    expect(rows.at(-1)![2]).toBe('3');
  });
});
