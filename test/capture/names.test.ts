/**
 * Host names: the `--names` file formats, the pcapng Name Resolution Block (written by the live -w
 * pcapng writer, read back by the pcapng reader, and by tshark, the oracle), and the report naming
 * hosts 'zmq-req (172.18.0.3)'.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { analyzeBytes } from '../../src/analyze.js';
import { PcapFileSink } from '../../src/capture/live.js';
import { formatNames, mergeNames, nrbRecords, parseNames, readNrbRecords } from '../../src/capture/names.js';
import {
  enhancedPacket,
  interfaceDescription,
  nameResolution,
  PcapngWriter,
  sectionHeader,
} from '../../src/capture/pcapng-writer.js';
import { readCaptureBytes } from '../../src/capture/reader.js';
import type { RawFrame } from '../../src/capture/types.js';
import { pcapFile } from '../../src/capture/writer.js';
import type { ExplainedModel } from '../../src/explain/index.js';
import { FIXTURES, HAVE_TSHARK } from '../helpers/fixtures.js';
import { hex } from './helpers.js';

const tmp = mkdtempSync(join(tmpdir(), 'pcx-names-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('--names file formats', () => {
  it('reads /etc/hosts-style lines: comments, blank lines, aliases ignored', () => {
    expect(parseNames('# lab\n172.18.0.2  zmq-rep rep-alias\n\n172.18.0.3\tzmq-req # client\nfe80::1 gw\n')).toEqual([
      { address: '172.18.0.2', name: 'zmq-rep' },
      { address: '172.18.0.3', name: 'zmq-req' },
      { address: 'fe80::1', name: 'gw' },
    ]);
  });

  it('reads JSON objects and arrays', () => {
    expect(parseNames('{"172.18.0.2": "zmq-rep"}')).toEqual([{ address: '172.18.0.2', name: 'zmq-rep' }]);
    expect(parseNames('[{"address": "172.18.0.3", "name": "zmq-req"}]')).toEqual([
      { address: '172.18.0.3', name: 'zmq-req' },
    ]);
  });

  it('says which line is wrong', () => {
    expect(parseNames('172.18.0.2 a\nnot-an-ip b\n')).toEqual({ error: 'line 2: "not-an-ip" is not an IP address' });
    expect(parseNames('172.18.0.2\n')).toEqual({ error: 'line 1: no name after 172.18.0.2' });
    expect(parseNames('{"x": "y"}')).toEqual({ error: '"x" is not an IP address' });
    expect(parseNames('{bad')).toMatchObject({ error: expect.stringContaining('not valid JSON') });
  });

  it('the first name of an address wins; formatNames writes what parseNames reads', () => {
    const m = mergeNames(
      [{ address: '10.0.0.1', name: 'a' }],
      [
        { address: '10.0.0.1', name: 'b' },
        { address: '10.0.0.2', name: 'c' },
      ],
    );
    expect(m).toEqual([
      { address: '10.0.0.1', name: 'a' },
      { address: '10.0.0.2', name: 'c' },
    ]);
    expect(parseNames(formatNames(m))).toEqual(m);
  });
});

describe('Name Resolution Block', () => {
  it('nrb_record_ipv4 and ipv6: address, zero-terminated name, padded to 4; end record', () => {
    const body = nrbRecords([
      { address: '172.18.0.3', name: 'zmq-req' },
      { address: '2001:db8::1', name: 'v6' },
    ]);
    expect(Buffer.from(body).toString('hex')).toBe(
      Buffer.from(
        hex(`
        01 00 0c 00              # nrb_record_ipv4, length 12
        ac 12 00 03              # 172.18.0.3
        7a 6d 71 2d 72 65 71 00  # "zmq-req" NUL
        02 00 13 00              # nrb_record_ipv6, length 19
        20 01 0d b8 00 00 00 00 00 00 00 00 00 00 00 01   # 2001:db8::1
        76 36 00 00              # "v6" NUL + pad
        00 00 00 00              # nrb_record_end
      `),
      ).toString('hex'),
    );
    const dv = new DataView(body.buffer);
    expect(readNrbRecords(body, dv, true, 0, body.length)).toEqual({
      names: [
        { address: '172.18.0.3', name: 'zmq-req' },
        { address: '2001:db8::1', name: 'v6' },
      ],
      bad: false,
    });
  });

  it('a record running past the block is cut, what came before is kept', () => {
    const body = nrbRecords([{ address: '10.0.0.1', name: 'a' }]).slice(0, 10);
    const dv = new DataView(body.buffer);
    expect(readNrbRecords(body, dv, true, 0, body.length)).toEqual({
      names: [{ address: '10.0.0.1', name: 'a' }],
      bad: true,
    });
  });

  it('the pcapng reader puts NRB names in the header (first name per address wins)', () => {
    const frame = { tsSec: 1_700_000_000, tsNsec: 123_456_789, data: new Uint8Array(60) };
    const file = Buffer.concat([
      sectionHeader(),
      interfaceDescription({ linktype: 1, name: 'br-5e2b9c1d7a40', tsDigits: 9 }),
      nameResolution([{ address: '172.18.0.3', name: 'zmq-req' }]),
      enhancedPacket({ ...frame, ifId: 0, tsDigits: 9 }),
      nameResolution([
        { address: '172.18.0.3', name: 'renamed' },
        { address: '172.18.0.2', name: 'zmq-rep' },
      ]),
    ]);
    const frames: Array<{ tsSec: number; tsNsec: number }> = [];
    const res = readCaptureBytes(file, (f) => {
      frames.push({ tsSec: f.tsSec, tsNsec: f.tsNsec });
    });
    expect(res.warnings).toEqual([]);
    expect(frames).toEqual([{ tsSec: 1_700_000_000, tsNsec: 123_456_789 }]);
    expect(res.header?.interfaces[0]?.name).toBe('br-5e2b9c1d7a40');
    expect(res.header?.names).toEqual([
      { address: '172.18.0.3', name: 'zmq-req' },
      { address: '172.18.0.2', name: 'zmq-rep' },
    ]);
  });
});

/** A real capture rewritten as pcapng with names, as live -w FILE.pcapng writes it. */
async function namedCopy(src: string, names: Array<{ address: string; name: string }>): Promise<string> {
  const chunks: Uint8Array[] = [];
  const out = new Writable({
    write(c, _e, cb) {
      chunks.push(c);
      cb();
    },
  });
  const w = new PcapngWriter(out);
  w.names(names);
  let id = -1;
  readCaptureBytes(readFileSync(src), (f) => {
    if (id < 0)
      id = w.addInterface({ linktype: f.linktype, name: 'br-5e2b9c1d7a40', tsDigits: f.tsDigits > 6 ? 9 : 6 });
    w.write(id, f);
  });
  await w.end();
  const path = join(tmp, `${names.length}-${src.split('/').pop()}.pcapng`);
  writeFileSync(path, Buffer.concat(chunks));
  return path;
}

const NAMES = [
  { address: '172.18.0.2', name: 'zmq-rep' },
  { address: '172.18.0.3', name: 'zmq-req' },
  { address: '172.18.0.1', name: 'br-5e2b9c1d7a40' },
];

describe('pcapng written with names', () => {
  it.skipIf(!HAVE_TSHARK)('tshark reads the file, the same frames, and names hosts from the NRB (-N n)', async () => {
    const path = await namedCopy(join(FIXTURES, 'zmq-reqrep.pcap'), NAMES);
    const run = (args: string[]) => spawnSync('tshark', ['-r', path, ...args], { encoding: 'utf8' });
    const named = run(['-N', 'n', '-T', 'fields', '-e', 'frame.time_epoch', '-e', 'ip.src_host', '-e', 'ip.dst_host']);
    expect(named.status, named.stderr).toBe(0);
    const rows = named.stdout.trim().split('\n');
    expect(rows).toHaveLength(46);
    expect(rows.filter((r) => r.endsWith('\tzmq-req\tzmq-rep')).length).toBeGreaterThan(10);
    const orig = spawnSync(
      'tshark',
      ['-r', join(FIXTURES, 'zmq-reqrep.pcap'), '-T', 'fields', '-e', 'frame.time_epoch'],
      {
        encoding: 'utf8',
      },
    );
    expect(rows.map((r) => r.split('\t')[0])).toEqual(orig.stdout.trim().split('\n'));
  });

  it('analyze names the hosts: hosts table, story, the Docker notes', async () => {
    const path = await namedCopy(join(FIXTURES, 'zmq-reqrep.pcap'), NAMES);
    const m = analyzeBytes(readFileSync(path), { fileName: path }) as ExplainedModel;
    expect(m.capture.names).toEqual(NAMES);
    expect(m.overview.hosts.map((h) => [h.ip, h.name])).toEqual([
      ['172.18.0.2', 'zmq-rep'],
      ['172.18.0.3', 'zmq-req'],
    ]);
    const story = m.story.map((s) => s.text).join('\n');
    expect(story).toContain('zmq-req (172.18.0.3) opens a TCP connection to zmq-rep (172.18.0.2:5555)');
    const teach = m.overview.teaching.map((t) => t.code);
    expect(teach).toContain('teach.docker.dns');
    expect(teach).not.toContain('teach.docker.gateway'); // no connection from the gateway
  });

  it('without names nothing changes: no names in the model, addresses alone', () => {
    const m = analyzeBytes(readFileSync(join(FIXTURES, 'zmq-reqrep.pcap'))) as ExplainedModel;
    expect(m.capture.names).toBeUndefined();
    expect(m.overview.hosts.every((h) => h.name === undefined)).toBe(true);
    expect(m.overview.teaching.map((t) => t.code)).not.toContain('teach.docker.dns');
  });

  it('a connection from the gateway is explained as the Docker host (docker-proxy for published ports)', async () => {
    // rest.pcap: client 172.18.0.21 → server 172.18.0.20:5151; name the client as the gateway would be
    const path = await namedCopy(join(FIXTURES, 'rest.pcap'), [
      { address: '172.18.0.20', name: 'flask' },
      { address: '172.18.0.21', name: 'br-5e2b9c1d7a40' },
    ]);
    const m = analyzeBytes(readFileSync(path), { fileName: path, lang: 'id' }) as ExplainedModel;
    const gw = m.overview.teaching.find((t) => t.code === 'teach.docker.gateway');
    expect(gw?.text).toContain('br-5e2b9c1d7a40 (172.18.0.21) bukan container');
    expect(gw?.text).toContain('docker-proxy');
  });
});

describe('ZeroMQ captured mid-connection (live started on a running lab)', () => {
  it('the conversation line says the socket types are unknown, never "ZeroMQ ?"', () => {
    // zmq-reqrep.pcap from frame 16 on: after the handshake, the greetings and READY commands
    const frames: RawFrame[] = [];
    readCaptureBytes(readFileSync(join(FIXTURES, 'zmq-reqrep.pcap')), (f) => {
      if (f.n >= 16) frames.push({ ...f, data: f.data.slice() });
    });
    const m = analyzeBytes(pcapFile(1, frames)) as ExplainedModel;
    const line = m.overview.conversations[0]!;
    expect(line.code).toBe('ov.conv.zmtp.midstream');
    expect(line.text).toMatch(
      /ZeroMQ with socket types unknown \(the ZMTP handshake is not in the capture\), \d+ messages/,
    );
    expect(line.text).not.toContain('?');
  });
});

describe('live -w FILE.pcapng (PcapFileSink)', () => {
  it('one interface block per captured interface, names added while capturing, a valid file at each flush', async () => {
    const path = join(tmp, 'live.pcapng');
    const sink = PcapFileSink.open(path, true);
    expect(sink.pcapng).toBe(true);
    const frames: RawFrame[] = [];
    readCaptureBytes(readFileSync(join(FIXTURES, 'zmq-reqrep.pcap')), (f) => {
      frames.push({ ...f, data: f.data.slice() });
    });
    sink.names([{ address: '172.18.0.2', name: 'zmq-rep' }]);
    for (const [i, f] of frames.slice(0, 10).entries()) sink.write(f, i % 2 ? 'br-aaaaaaaaaaaa' : 'br-bbbbbbbbbbbb');
    sink.flush();
    const partial = readCaptureBytes(readFileSync(path), () => {});
    expect(partial.header?.interfaces.map((i) => i.name)).toEqual(['br-bbbbbbbbbbbb', 'br-aaaaaaaaaaaa']);
    sink.names([
      { address: '172.18.0.2', name: 'again' },
      { address: '172.18.0.3', name: 'zmq-req' },
    ]);
    for (const f of frames.slice(10)) sink.write(f, 'br-bbbbbbbbbbbb');
    await sink.close();
    const got: RawFrame[] = [];
    const res = readCaptureBytes(readFileSync(path), (f) => {
      got.push({ ...f, data: f.data.slice() });
    });
    expect(res.warnings).toEqual([]);
    expect(got.map((f) => [f.tsSec, f.tsNsec, f.len, Buffer.from(f.data).toString('hex')])).toEqual(
      frames.map((f) => [f.tsSec, f.tsNsec, f.len, Buffer.from(f.data).toString('hex')]),
    );
    expect(got.slice(0, 4).map((f) => f.ifIndex)).toEqual([0, 1, 0, 1]);
    expect(res.header?.names).toEqual([
      { address: '172.18.0.2', name: 'zmq-rep' },
      { address: '172.18.0.3', name: 'zmq-req' },
    ]);
    expect(sink.header).toMatchObject({ format: 'pcapng', application: 'pcap-explain', names: res.header?.names });
    expect(sink.frames).toBe(46);
  });
});

describe('analyze --names FILE (the built CLI)', () => {
  const BIN = join(FIXTURES, '..', 'bin/pcap-explain.js');
  const cli = (args: string[]) =>
    spawnSync(process.execPath, [BIN, ...args], {
      encoding: 'utf8',
      env: { ...process.env, NO_COLOR: '1', LANG: 'C' },
    });

  it('names the hosts of a capture made without names (hosts-style file)', () => {
    const names = join(tmp, 'names.txt');
    writeFileSync(names, '# the lab\n172.18.0.2 zmq-rep\n172.18.0.3 zmq-req\n');
    const r = cli(['analyze', join(FIXTURES, 'zmq-reqrep.pcap'), '--names', names]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain('zmq-rep (172.18.0.2)  02:42:ac:12:00:02  ZeroMQ REP server on :5555');
    expect(r.stdout).toMatch(/Client zmq-req \(172\.18\.0\.3\) sends 10 requests/);
    // streamed explained frames (two passes) are named too
    const j = cli(['analyze', join(FIXTURES, 'zmq-reqrep.pcap'), '--names', names, '-f', 'json']);
    const m = JSON.parse(j.stdout) as ExplainedModel;
    expect(m.capture.names).toHaveLength(2);
    expect(String(m.frames[2]?.explain)).toContain('zmq-req (172.18.0.3');
  });

  it('a bad names file: one line on stderr, exit 1, nothing on stdout', () => {
    const bad = join(tmp, 'bad.txt');
    writeFileSync(bad, '172.18.0.2 ok\nzmq-req 172.18.0.3\n');
    const r = cli(['analyze', join(FIXTURES, 'zmq-reqrep.pcap'), '--names', bad]);
    expect(r.status).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(`pcap-explain: --names ${bad}: line 2: "zmq-req" is not an IP address\n`);
    const missing = cli(['analyze', join(FIXTURES, 'zmq-reqrep.pcap'), '--names', join(tmp, 'none')]);
    expect(missing.status).toBe(1);
    expect(missing.stderr).toMatch(/cannot read it \(ENOENT\)\n$/);
  });
});
