/**
 * GIOP as a protocol module on the course's CORBA capture (omniORB: naming service :2809, the server on an
 * ephemeral port): every frame explained and the story told in English and Indonesian, checked against
 * tshark's giop fields (type, request id, operation, reply status, type ids, IIOP host/port, the Info
 * column) and the peers' logs (the IOR, the result string); request/reply pairing by request id; detection
 * by the magic on any port; a capture begun mid-connection and a lost request.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyzeFile } from '../../src/analyze.js';
import type { ExplainedModel } from '../../src/explain/index.js';
import { replyResult, requestArguments, userExceptionId } from '../../src/protocols/giop/calls.js';
import { decodeIorString } from '../../src/protocols/giop/decode.js';
import { giop } from '../../src/protocols/giop/index.js';
import type { GiopRecord } from '../../src/protocols/giop/model.js';
import { giopInfo } from '../../src/protocols/giop/words.js';
import type { AppEntry } from '../../src/protocols/model.js';
import { fromHex } from '../../src/protocols/reader.js';
import { FIXTURES, HAVE_TSHARK, ROOT, runCli } from '../helpers/fixtures.js';
import { lazy, peersLog, tsharkAll } from './streams.js';

const CORBA = join(FIXTURES, 'course-corba.pcap');
const model = (lang: 'en' | 'id') => lazy(() => analyzeFile(CORBA, { lang }) as Promise<ExplainedModel>);
const EN = model('en');
const ID = model('id');

const explainOf = (m: ExplainedModel, n: number) => m.frames.find((f) => f.n === n)?.explain ?? '';
const storyText = (m: ExplainedModel) => m.story.map((s) => s.text).join('\n');
const giopMessages = (m: ExplainedModel) =>
  m.conversations.flatMap((c) => (c.messages ?? []) as GiopRecord[]).filter((x) => x.proto === 'giop');

/** tshark's giop fields, one row per GIOP frame (every occurrence, joined by ','). */
const TSHARK = lazy(() =>
  tsharkAll(
    CORBA,
    [
      'frame.number',
      'tcp.stream',
      'giop.type',
      'giop.request_id',
      'giop.request_op',
      'giop.replystatus',
      'giop.typeid',
      'giop.iiop.host',
      'giop.iiop.port',
      '_ws.col.Info',
      'frame.time_relative',
    ],
    ['-Y', 'giop'],
  ),
);

describe.skipIf(!HAVE_TSHARK)('course-corba.pcap frame by frame, tshark as oracle', () => {
  it('every frame tshark dissects as GIOP completes one GIOP message of the same type, id, operation and status', async () => {
    const m = await EN();
    const rows = TSHARK();
    expect(rows.length).toBe(15);
    for (const [n, , type, id, op, status] of rows) {
      const f = m.frames.find((x) => x.n === Number(n))!;
      const app = (f.app ?? []) as AppEntry[];
      expect(app.length, `frame ${n}`).toBe(1);
      const e = app[0]!;
      if (e.proto !== 'giop') throw new Error(`frame ${n}: ${e.proto}`);
      expect(e.type, `frame ${n}`).toBe(Number(type));
      expect(e.request_id === undefined ? '' : String(e.request_id), `frame ${n}`).toBe(id);
      expect(e.kind === 'Request' ? e.operation : '', `frame ${n}`).toBe(op);
      expect(e.kind === 'Reply' ? String(e.status) : '', `frame ${n}`).toBe(status);
      expect(f.protocols.at(-1)).toBe('giop');
    }
  });

  it("the Info column is tshark's", async () => {
    const m = await EN();
    for (const [n, , , , , , , , , info] of TSHARK()) {
      const f = m.frames.find((x) => x.n === Number(n))!;
      expect(f.summary.endsWith(info!), `frame ${n}: ${f.summary} vs ${info}`).toBe(true);
      expect(giopInfo((f.app as AppEntry[])[0] as never)).toBe(info);
    }
  });

  it('-T fields prints the giop fields as tshark does, byte for byte', () => {
    const fields = [
      'frame.number',
      'giop.type',
      'giop.len',
      'giop.flags.little_endian',
      'giop.request_id',
      'giop.request_op',
      'giop.rsp_expected',
      'giop.response_flag',
      'giop.replystatus',
      'giop.locale_status',
      'giop.typeid',
      'giop.iiop.host',
      'giop.iiop.port',
    ];
    const e = fields.flatMap((f) => ['-e', f]);
    const theirs = tsharkAll(CORBA, fields).map((r) => r.join('\t'));
    const r = runCli(['-r', CORBA, '-T', 'fields', '-E', 'occurrence=a', ...e]);
    expect(r.err).toBe('');
    expect(r.out.replace(/\n$/, '').split('\n')).toEqual(theirs);
    // a display filter on an operation picks the frames tshark picks
    const ours = runCli(['-r', CORBA, '-Y', 'giop.request_op == "sayHello"', '-T', 'fields', '-e', 'frame.number']);
    const want = tsharkAll(CORBA, ['frame.number'], ['-Y', 'giop.request_op == "sayHello"']).map((x) => x[0]);
    expect(ours.out.trim().split('\n')).toEqual(want);
  });

  it('each reply is paired with the request of the same id on its connection, with the latency between them', async () => {
    const m = await EN();
    const rows = TSHARK();
    const byFrame = new Map(rows.map((r) => [Number(r[0]), r]));
    let pairs = 0;
    for (const msg of giopMessages(m)) {
      if (msg.kind !== 'Reply' && msg.kind !== 'LocateReply') continue;
      const rep = byFrame.get(msg.frame)!;
      // tshark: the request is the earlier frame of the same stream with the same id and a request type
      const req = rows.find(
        (r) => r[1] === rep[1] && r[3] === rep[3] && (r[2] === '0' || r[2] === '3') && Number(r[0]) < msg.frame,
      )!;
      expect(msg.reply_to, `frame ${msg.frame}`).toBe(Number(req[0]));
      expect(msg.latency).toBeCloseTo(Number(rep[10]) - Number(req[10]), 6);
      pairs++;
    }
    expect(pairs).toBe(7);
    // the reply knows its request's operation
    const ops = giopMessages(m).flatMap((x) => (x.kind === 'Reply' ? [x.operation] : []));
    expect(ops).toEqual(['_is_a', 'rebind', '_is_a', 'resolve', 'sayHello', 'sayHello']);
  });

  it("the IORs agree with tshark's giop.typeid / giop.iiop.host / giop.iiop.port and with the peers' log", async () => {
    const m = await EN();
    const rebind = giopMessages(m).find((x) => x.kind === 'Request' && x.operation === 'rebind');
    const resolved = giopMessages(m).find((x) => x.kind === 'Reply' && x.operation === 'resolve');
    if (rebind?.kind !== 'Request' || rebind.arguments.kind !== 'name' || !rebind.arguments.object)
      throw new Error('rebind');
    if (resolved?.kind !== 'Reply' || resolved.result?.kind !== 'object') throw new Error('resolve');
    for (const [msg, ior] of [
      [rebind, rebind.arguments.object],
      [resolved, resolved.result.ior],
    ] as const) {
      const row = TSHARK().find((r) => Number(r[0]) === msg.frame)!;
      expect(ior.type_id).toBe(row[6]);
      expect(ior.host).toBe(row[7]);
      expect(String(ior.port)).toBe(row[8]);
    }
    expect(rebind.arguments.name).toBe(peersLog('course-corba.peers.jsonl').find((l) => l.operation === 'rebind').name);
    const logged = decodeIorString(peersLog('course-corba.peers.jsonl').find((l) => l.ior).ior)!;
    expect(resolved.result.ior.type_id).toBe(logged.typeId);
    const p = logged.profiles[0]!;
    expect('host' in p && `${p.host}:${p.port}`).toBe(`${resolved.result.ior.host}:${resolved.result.ior.port}`);
    // the result of sayHello is the string the server logged
    const said = peersLog('course-corba.peers.jsonl')
      .filter((l) => l.peer === 'corba-server' && l.operation === 'sayHello' && l.reply)
      .map((l) => l.data);
    const results = giopMessages(m).flatMap((x) =>
      x.kind === 'Reply' && x.operation === 'sayHello' && x.result?.kind === 'string' ? [x.result.value] : [],
    );
    expect(results).toEqual(said);
  });
});

describe.skipIf(!HAVE_TSHARK)('course-corba.pcap explained, in English and Indonesian', () => {
  it('the naming service calls and the call of the object, frame by frame (en)', async () => {
    const m = await EN();
    expect(explainOf(m, 6)).toMatch(
      /^Client 172\.18\.0\.85 asks the naming service \(object key 'NameService'\) at 172\.18\.0\.84:2809 whether it implements IDL:omg\.org\/CosNaming\/NamingContextExt:1\.0 \(_is_a, GIOP 1\.0 Request, request id 2\)\./,
    );
    expect(explainOf(m, 8)).toMatch(/answers the _is_a request of frame 6 .*request id 2\), 0\.069 ms later: true/);
    expect(explainOf(m, 10)).toMatch(
      /to bind the name 'Hello' to the IOR of IDL:HelloApp\/Hello:1\.0 at 172\.18\.0\.85:52121 \(rebind, .*it registers an object of its own/,
    );
    expect(explainOf(m, 11)).toMatch(/answers the rebind request of frame 10 .*no return value \(void\)/);
    expect(explainOf(m, 22)).toMatch(/for the object named 'Hello' \(resolve, GIOP 1\.0 Request, request id 4\)/);
    expect(explainOf(m, 23)).toMatch(/the result is the IOR of IDL:HelloApp\/Hello:1\.0 at 172\.18\.0\.85:52121\./);
    expect(explainOf(m, 29)).toMatch(
      /asks whether the object with key fe1ac9156b000072a60000000000 \(hex\) is at this server \(GIOP 1\.2 LocateRequest, request id 2\)/,
    );
    expect(explainOf(m, 31)).toMatch(/answers the LocateRequest of frame 29 .*OBJECT_HERE/);
    expect(explainOf(m, 33)).toMatch(
      /calls sayHello\(\) on .*\(GIOP 1\.2 Request, request id 4\); the call carries no arguments/,
    );
    expect(explainOf(m, 34)).toMatch(
      /answers the sayHello request of frame 33 .*the result is the string 'Hello from CORBA Server!'/,
    );
    expect(explainOf(m, 37)).toMatch(
      /^Client 172\.18\.0\.86 announces that it is closing this connection \(GIOP 1\.2 CloseConnection\)/,
    );
    // the TCP ACK of a GIOP message names it
    expect(explainOf(m, 7)).toMatch(/acknowledges the _is_a request of frame 6/);
    expect(explainOf(m, 9)).toMatch(/acknowledges the reply to _is_a of frame 8/);
  });

  it('the same frames in Indonesian', async () => {
    const m = await ID();
    expect(explainOf(m, 6)).toMatch(
      /menanyakan kepada naming service \(object key 'NameService'\) di 172\.18\.0\.84:2809 apakah objek itu mengimplementasikan IDL:omg\.org\/CosNaming\/NamingContextExt:1\.0/,
    );
    expect(explainOf(m, 8)).toMatch(/menjawab request _is_a di frame 6 .*0,069 ms kemudian: true/);
    expect(explainOf(m, 10)).toMatch(/mengikat nama 'Hello' ke IOR IDL:HelloApp\/Hello:1\.0 di 172\.18\.0\.85:52121/);
    expect(explainOf(m, 22)).toMatch(/mencarikan objek yang bernama 'Hello'/);
    expect(explainOf(m, 34)).toMatch(/hasilnya string 'Hello from CORBA Server!'/);
    expect(explainOf(m, 37)).toMatch(/mengumumkan bahwa ia menutup koneksi ini \(CloseConnection GIOP 1\.2\)/);
    for (const f of m.frames) expect(f.explain ?? '', `frame ${f.n}`).not.toMatch(/\d\.\d+ ms/);
  });

  it('the story: the naming service calls first, then the call of the object the resolved IOR names', async () => {
    const m = await EN();
    const s = storyText(m);
    const rebind = s.indexOf("rebind('Hello'");
    const resolve = s.indexOf("resolve('Hello') → the IOR of IDL:HelloApp/Hello:1.0 at 172.18.0.85:52121");
    const call = s.indexOf("2 × sayHello() → 'Hello from CORBA Server!'");
    expect(rebind).toBeGreaterThan(0);
    expect(resolve).toBeGreaterThan(rebind);
    expect(call).toBeGreaterThan(resolve);
    expect(s).toMatch(/the client then opens a connection to that address \(#3\)/);
    expect(s).toMatch(/over GIOP 1\.0 \(little-endian\)/);
    expect(s).toMatch(/over GIOP 1\.2 \(little-endian\): LocateRequest → OBJECT_HERE/);
    expect(s).toMatch(/Client 172\.18\.0\.86 sends GIOP CloseConnection \(frame 37\) before the TCP connection closes/);
    const teach = m.overview.teaching.map((n) => n.text).join('\n');
    expect(teach).toMatch(
      /172\.18\.0\.85 registers its object under the name 'Hello' \(rebind, frame 10\), 172\.18\.0\.86 looks the name up \(resolve, frame 22\)/,
    );
    expect(teach).toMatch(/then calls sayHello\(\) on the object directly at that address \(frame 33, #3\)/);
  });

  it('the story in Indonesian', async () => {
    const m = await ID();
    const s = storyText(m);
    expect(s).toMatch(/mengirim 2 request ke server 172\.18\.0\.84:2809 lewat GIOP 1\.0 \(little-endian\)/);
    expect(s).toMatch(/client kemudian membuka koneksi ke alamat itu \(#3\)/);
    expect(s).toMatch(/2 × sayHello\(\) → 'Hello from CORBA Server!' \(0,073 ms sampai 0,108 ms/);
    const teach = m.overview.teaching.map((n) => n.text).join('\n');
    expect(teach).toMatch(/Naming service CORBA berfungsi sebagai direktori/);
  });

  it('the overview names the naming service and the CORBA server', async () => {
    const m = await EN();
    const roles = new Map(m.overview.hosts.map((h) => [h.ip, h.text]));
    expect(roles.get('172.18.0.84')).toBe('CORBA naming service on :2809');
    expect(roles.get('172.18.0.85')).toMatch(/CORBA server \(GIOP\) on :52121/);
    expect(m.conversations.map((c) => c.app)).toEqual(['giop', 'giop', 'giop']);
  });
});

/** The course capture without some frames (classic pcap records copied as they are). */
function without(drop: (n: number) => boolean, name: string): string {
  const b = readFileSync(CORBA);
  const parts = [b.subarray(0, 24)];
  let n = 0;
  for (let o = 24; o + 16 <= b.length; ) {
    const len = b.readUInt32LE(o + 8);
    n++;
    if (!drop(n)) parts.push(b.subarray(o, o + 16 + len));
    o += 16 + len;
  }
  const dir = join(ROOT, 'test-artifacts', 'giop');
  mkdirSync(dir, { recursive: true });
  const path = join(dir, `${name}-${process.pid}.pcap`);
  writeFileSync(path, Buffer.concat(parts));
  return path;
}

describe('detection, mid-stream and loss', () => {
  it('the server on an ephemeral port is found by the GIOP magic; 2809 by its port', async () => {
    const m = await EN();
    const c3 = m.conversations.find((c) => c.server === '172.18.0.85:52121')!;
    expect(c3.app).toBe('giop');
    expect(giop.ports).toEqual([2809]);
    expect(giop.detect?.(fromHex('47 49 4f 50 01 02 01 00'), 0)).toEqual({});
    expect(giop.detect?.(fromHex('47 49 4f'), 0)).toBe('more');
    expect(giop.detect?.(fromHex('47 49 4f 51 01 02 01 00'), 0)).toBe('no');
    expect(giop.detect?.(fromHex('47 49 4f 50 02 00 01 00'), 0)).toBe('no'); // version 2.0
  });

  it('a capture begun inside the naming-service connection: its replies still pair, the note says so', async () => {
    // frames 1-17 gone: conversation #1's calls, and #2's handshake (old frame 18 is frame 1 now)
    const m = (await analyzeFile(
      without((n) => n <= 17, 'midstream'),
      { lang: 'en' },
    )) as ExplainedModel;
    const c = m.conversations.find((x) => x.server === '172.18.0.84:2809' && (x.messages?.length ?? 0) > 0)!;
    expect(c.app).toBe('giop');
    expect(c.notes.map((n) => n.code)).toContain('app.midstream');
    const msgs = (c.messages ?? []) as GiopRecord[];
    expect(msgs.map((x) => `${x.kind} ${x.reply_to ?? ''}`)).toEqual(['Request ', 'Reply 1', 'Request ', 'Reply 5']);
    expect(m.frames.flatMap((f) => f.notes.map((x) => x.code))).not.toContain('app.bug');
  });

  it('a lost sayHello request: its reply is told as unpaired, the next call pairs again', async () => {
    const m = (await analyzeFile(
      without((n) => n === 33, 'lost'),
      { lang: 'en' },
    )) as ExplainedModel;
    const c = m.conversations.find((x) => x.server === '172.18.0.85:52121')!;
    const msgs = (c.messages ?? []) as GiopRecord[];
    const at = (n: number) => msgs.find((x) => x.frame === n - 1); // frame numbers shift by one after 33
    expect(at(34)?.kind).toBe('Reply');
    expect(at(34)?.reply_to).toBeUndefined();
    expect(explainOf(m, 33)).toMatch(/sends a GIOP 1\.2 Reply for request id 4, whose request is not in the capture/);
    expect(at(36)?.reply_to).toBe(34);
    expect(explainOf(m, 35)).toMatch(/answers the sayHello request of frame 34/);
  });
});

describe('arguments and results of calls (CDR without the IDL)', () => {
  const body = (hex: string, le = true) => {
    const pdu = fromHex(`${'00'.repeat(12)} ${hex}`);
    return { pdu, offset: 12, end: pdu.length, le };
  };

  it('a body of one CDR string is that string; anything else stays bytes', () => {
    // length 6 (LE), "hello\0"
    expect(replyResult('greet', body('06000000 68656c6c6f00'))).toEqual({ kind: 'string', value: 'hello' });
    // a long followed by more: not one string
    expect(replyResult('add', body('05000000 07000000'))).toEqual({ kind: 'bytes', length: 8 });
    expect(replyResult('add', body(''))).toEqual({ kind: 'none' });
    expect(requestArguments('add', body('0a000000 02000000'))).toEqual({ kind: 'bytes', length: 8 });
  });

  it('_is_a → boolean; resolve with a name; a user exception by its repository id', () => {
    expect(replyResult('_is_a', body('00'))).toEqual({ kind: 'boolean', value: false });
    // big-endian: 1 component, id "Hi\0" (3), kind "" (1, NUL)
    expect(requestArguments('resolve', body('00000001 00000003 486900 00 00000001 00', false))).toEqual({
      kind: 'name',
      name: 'Hi',
    });
    // IDL:omg.org/CosNaming/NamingContext/NotFound:1.0, then the reason (a ulong)
    const id = 'IDL:omg.org/CosNaming/NamingContext/NotFound:1.0';
    const hex = Buffer.from(`${id}\0`).toString('hex');
    const len = (id.length + 1).toString(16).padStart(2, '0');
    expect(userExceptionId(body(`${len}000000 ${hex} 00000000`))).toBe(id);
  });
});
