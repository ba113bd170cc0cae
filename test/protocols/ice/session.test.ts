/**
 * The Ice protocol module on the course's code_process capture (fixtures/course-ice.pcap, python3-zeroc-ice):
 * the typed messages and their pairing against tshark's icep fields (tshark 4.0 dissects Ice) and the
 * peers' Ice traces, each Ice frame explained in English and Indonesian, the story, the overview, the
 * Info column, and a check spec.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { AnalysisModel } from '../../../src/analysis/model.js';
import { analyzeFile } from '../../../src/analyze.js';
import { checkCapture } from '../../../src/check/index.js';
import { explainModel } from '../../../src/explain/index.js';
import type { IceRecord, IceReplyRecord, IceRequestRecord } from '../../../src/protocols/ice/model.js';
import { iceInfo } from '../../../src/protocols/ice/words.js';
import { typedConversations, typedEntry } from '../../../src/protocols/model.js';
import { FIXTURES, HAVE_TSHARK, peersLog, tsharkAll } from '../streams.js';

const FILE = join(FIXTURES, 'course-ice.pcap');
const OUT = join(FIXTURES, '../test-artifacts/ice');
let cached: Promise<AnalysisModel> | undefined;
const model = () => {
  cached ??= analyzeFile(FILE);
  return cached;
};
const ice = async (): Promise<IceRecord[]> =>
  typedConversations(await model()).flatMap((c) =>
    (c.messages ?? []).filter((m): m is IceRecord => m.proto === 'icep'),
  );

describe('course-ice.pcap: messages', () => {
  it('both connections are Ice (found by the IceP magic on port 11000, no port table)', async () => {
    const cs = typedConversations(await model());
    expect(cs.map((c) => [c.app, c.pattern, c.ice_version])).toEqual([
      ['icep', 'twoway', '1.0'],
      ['icep', 'oneway+batch', '1.0'],
    ]);
    expect(cs.flatMap((c) => c.notes.map((n) => n.code))).toEqual([]);
  });

  it('kinds and frames in order, as tshark dissects them', async () => {
    const ms = await ice();
    const types = ['Request', 'BatchRequest', 'Reply', 'ValidateConnection', 'CloseConnection'];
    const ours = ms.map((m) => `${m.frame} ${types.indexOf(m.kind)} ${m.size} ${m.compression}`);
    if (HAVE_TSHARK) {
      const theirs = tsharkAll(FILE, [
        'frame.number',
        'icep.message_type',
        'icep.message_status',
        'icep.compression_status',
      ]).filter((r) => r[1]);
      expect(ours).toEqual(theirs.map((r) => r.join(' ')));
    }
    expect(ms.map((m) => m.kind)).toEqual([
      'ValidateConnection',
      'Request',
      'Reply',
      'Request',
      'Reply',
      'Request',
      'Reply',
      'Request',
      'Reply',
      'CloseConnection',
      'ValidateConnection',
      'Request',
      'BatchRequest',
      'CloseConnection',
    ]);
  });

  it("each call's id, identity, facet, operation, mode and parameter size agree with tshark", async () => {
    const ms = await ice();
    const calls = ms.flatMap((m) =>
      m.kind === 'Request'
        ? [[m.frame, m.request_id, m]]
        : m.kind === 'BatchRequest'
          ? m.requests.map((r) => [m.frame, '', r] as const)
          : [],
    ) as [number, number | '', IceRequestRecord][];
    const empty = (s: string) => (s === '' ? '(empty)' : s);
    const ours = calls.map(([f, id, c]) =>
      [f, id, c.identity.name, empty(c.identity.category), empty(c.facet), c.operation, c.mode, c.params.size].join(
        ' ',
      ),
    );
    expect(ours).toEqual([
      '8 1 SimplePrinter1 (empty) (empty) ice_isA 1 22',
      '11 2 SimplePrinter2 (empty) (empty) ice_isA 1 22',
      '13 3 SimplePrinter1 (empty) (empty) printString 0 33',
      '15 4 SimplePrinter2 (empty) (empty) printString 0 33',
      '26 0 SimplePrinter1 (empty) (empty) printString 0 34',
      '28  SimplePrinter1 (empty) (empty) printString 0 14',
      '28  SimplePrinter1 (empty) (empty) printString 0 14',
    ]);
    if (!HAVE_TSHARK) return;
    const fields = ['icep.id.name', 'icep.id.content', 'icep.facet', 'icep.operation', 'icep.operation_mode'];
    const rows = tsharkAll(
      FILE,
      ['frame.number', 'icep.request_id', ...fields, 'icep.params.size'],
      ['-Y', 'icep.operation'],
    );
    const theirs = rows.flatMap((r) => {
      const cols = r.slice(2).map((x) => x.split('|'));
      return cols[0]!.map((_, i) => [r[0], r[1], ...cols.map((c) => c[i])].join(' '));
    });
    expect(ours).toEqual(theirs);
  });

  it('the parameters read as the strings the server printed (its log)', async () => {
    const printed = peersLog('course-ice.peers.jsonl')
      .filter((l) => l.peer === 'ice-server' && l.socket === 'stdout')
      .map((l) => String(l.data).replace(/^Object\d says: /, ''));
    const ms = await ice();
    const args = ms
      .flatMap((m) => (m.kind === 'Request' ? [m] : m.kind === 'BatchRequest' ? m.requests : []))
      .filter((c) => c.operation === 'printString');
    expect(args.map((c) => c.params.string)).toEqual(printed);
    const isa = ms.filter((m): m is IceRequestRecord => m.kind === 'Request' && m.operation === 'ice_isA');
    expect(isa.map((m) => [m.params.string, m.params.encoding, m.params.length])).toEqual([
      ['::Demo::Printer', '1.1', 16],
      ['::Demo::Printer', '1.1', 16],
    ]);
  });

  it('each Reply pairs with the Request of its request id, with the latency between their frames', async () => {
    const m = await model();
    const time = new Map(m.frames.map((f) => [f.n, f.rel]));
    const ms = await ice();
    const reps = ms.filter((x): x is IceReplyRecord => x.kind === 'Reply');
    expect(reps.map((r) => [r.frame, r.request_id, r.reply_to, r.status_name, r.request_operation])).toEqual([
      [10, 1, 8, 'Success', 'ice_isA'],
      [12, 2, 11, 'Success', 'ice_isA'],
      [14, 3, 13, 'Success', 'printString'],
      [16, 4, 15, 'Success', 'printString'],
    ]);
    for (const r of reps) expect(r.latency).toBeCloseTo(time.get(r.frame)! - time.get(r.reply_to!)!, 6);
    // ice_isA answers a bool (true), printString is void
    expect(reps.map((r) => [r.result?.length, r.result?.hex])).toEqual([
      [1, '01'],
      [1, '01'],
      [0, undefined],
      [0, undefined],
    ]);
    const reqs = ms.filter((x): x is IceRequestRecord => x.kind === 'Request');
    expect(reqs.map((q) => [q.frame, q.oneway, q.replied_by])).toEqual([
      [8, false, 10],
      [11, false, 12],
      [13, false, 14],
      [15, false, 16],
      [26, true, undefined],
    ]);
    // the peers traced the same ids and statuses
    const traced = peersLog('course-ice.peers.jsonl').filter((l) => l.peer === 'ice-server' && l.event === 'send');
    expect(traced.filter((l) => l.data['reply status']).map((l) => Number(l.data['request id']))).toEqual([1, 2, 3, 4]);
  });

  it('the Info column reads as tshark 4.0 writes it', async () => {
    const m = await model();
    const ours = m.frames.flatMap((f) =>
      (f.app ?? []).filter((e) => e.proto === 'icep').map((e) => `${f.n} ${iceInfo(typedEntry(e) as never)}`),
    );
    expect(ours).toEqual([
      '6 Validate connection',
      '8 Request(1): SimplePrinter1.ice_isA()',
      '10 Reply(1): Success',
      '11 Request(2): SimplePrinter2.ice_isA()',
      '12 Reply(2): Success',
      '13 Request(3): SimplePrinter1.printString()',
      '14 Reply(3): Success',
      '15 Request(4): SimplePrinter2.printString()',
      '16 Reply(4): Success',
      '17 Close connection',
      '24 Validate connection',
      '26 Request(oneway): SimplePrinter1.printString()',
      '28 Batch request: SimplePrinter1.printString(), SimplePrinter1.printString()',
      '30 Close connection',
    ]);
    if (HAVE_TSHARK) {
      const theirs = tsharkAll(FILE, ['frame.number', '_ws.col.Info'], ['-Y', 'icep']).map((r) => r.join(' '));
      expect(ours).toEqual(theirs);
    }
  });
});

describe('course-ice.pcap: explained', () => {
  const explained = async (lang: 'en' | 'id') => explainModel(await analyzeFile(FILE), lang);

  it('every Ice frame in English: the call, its id, the object, the reply with its latency, the close', async () => {
    const m = await explained('en');
    const ex = (n: number) => m.frames[n - 1]!.explain ?? '';
    expect(ex(6)).toContain('ValidateConnection, Ice protocol 1.0');
    expect(ex(6)).toContain('the Ice server speaks first');
    expect(ex(8)).toContain("asks the object 'SimplePrinter1' whether it implements the type '::Demo::Printer'");
    expect(ex(8)).toContain('request id 1');
    expect(ex(8)).toContain('The reply is in frame 10.');
    expect(ex(10)).toContain('answers request 1 (SimplePrinter1.ice_isA) of frame 8 with Success, 0.247 ms after it');
    expect(ex(10)).toContain('true, the object implements that type');
    expect(ex(13)).toContain(
      "calls the operation printString on the object 'SimplePrinter1' (Request, request id 3, mode normal)",
    );
    expect(ex(13)).toContain("read as one string: 'Hello World from printer1!'");
    expect(ex(14)).toContain('the operation returns no value');
    expect(ex(17)).toContain('(CloseConnection)');
    expect(ex(26)).toContain('as a oneway call (Request with request id 0');
    expect(ex(26)).toContain('A oneway call gets no reply');
    expect(ex(26)).not.toContain('reply is in frame');
    expect(ex(27)).toContain('acknowledges the printString request of frame 26');
    expect(ex(28)).toContain(
      "sends 2 oneway calls together in one message (BatchRequest): SimplePrinter1.printString('batch 1') and SimplePrinter1.printString('batch 2')",
    );
  });

  it('every Ice frame in Indonesian', async () => {
    const m = await explained('id');
    const ex = (n: number) => m.frames[n - 1]!.explain ?? '';
    expect(ex(6)).toContain('server Ice-lah yang lebih dulu mengirim pesan');
    expect(ex(10)).toContain(
      'menjawab request 1 (SimplePrinter1.ice_isA) dari frame 8 dengan Success, 0,247 ms kemudian',
    );
    expect(ex(13)).toContain("memanggil operasi printString pada objek 'SimplePrinter1'");
    expect(ex(26)).toContain('sebagai panggilan oneway (Request dengan request id 0');
    expect(ex(28)).toContain('mengirim 2 panggilan oneway sekaligus dalam satu pesan (BatchRequest)');
    expect(ex(30)).toContain('(CloseConnection)');
    for (const f of m.frames) expect(f.explain ?? '').not.toMatch(/\b(ex|fmt|lbl)\.icep\./);
  });

  it('the story: validated, the calls and replies, oneway and batch, the graceful close (en, id)', async () => {
    const en = await explained('en');
    const codes = en.story
      .filter((s) => s.conversation !== null)
      .map((s) => `${s.conversation} ${s.code} ${s.frames.join('-')}`);
    expect(codes).toEqual([
      '1 story.tcp.handshake 3-5',
      '1 story.icep.validate 6-6',
      '1 story.icep.twoway 8-16',
      '1 story.end.fin 17-20',
      '2 story.tcp.handshake 21-23',
      '2 story.icep.validate 24-24',
      '2 story.icep.oneway 26-28',
      '2 story.end.fin 30-34',
    ]);
    const text = en.story.map((s) => s.text).join('\n');
    expect(text).toContain("SimplePrinter1.ice_isA('::Demo::Printer') → Success, true (0.247 ms)");
    expect(text).toContain(
      "SimplePrinter1.printString('Hello World from printer1!') → Success, no return value (0.235 ms)",
    );
    expect(text).toContain('this is what a checkedCast does');
    expect(text).toContain('makes 1 oneway call (request id 0)');
    expect(text).toContain('sends 2 oneway calls batched in 1 message (BatchRequest)');
    expect(text).toContain('closes the Ice connection gracefully (CloseConnection, frame 17)');
    const id = (await explained('id')).story.map((s) => s.text).join('\n');
    expect(id).toContain('melakukan 4 panggilan twoway');
    expect(id).toContain('→ Success, tanpa nilai kembalian (0,235 ms)');
    expect(id).toContain('menutup koneksi Ice secara tertib (CloseConnection, frame 30)');
  });

  it('the overview: roles, the conversation lines and the oneway teaching note', async () => {
    const m = await explained('en');
    const o = JSON.stringify(m.overview);
    expect(o).toContain('Ice server on :11000');
    expect(o).toContain('Ice client of 172.18.0.87:11000');
    expect(o).toContain("Ice, 4 calls (4 twoway) of ice_isA and printString on 'SimplePrinter1' and 'SimplePrinter2'");
    expect(o).toContain("Ice, 3 calls (1 oneway and 2 batched) of printString on 'SimplePrinter1'");
    expect(o).toContain('The ACK in frame 27 after the oneway request of frame 26 is TCP confirming');
  });
});

describe('course-ice.pcap: check', () => {
  it('app: icep and the calls hold; a wrong operation fails', async () => {
    const good = await checkCapture(FILE, join(FIXTURES, 'specs/course-ice.pcap.app.yaml'));
    expect(good.results.filter((r) => !r.ok)).toEqual([]);
    mkdirSync(OUT, { recursive: true });
    const spec = join(OUT, 'ice-wrong.yaml');
    writeFileSync(
      spec,
      'conversations:\n  - match: { app: icep }\n    messages: [{ kind: Request, operation: sayHello, count: 1 }]\n',
    );
    const bad = await checkCapture(FILE, spec);
    expect(bad.results.filter((r) => !r.ok).map((r) => r.id)).toEqual(['conversations[0].messages[0]']);
  });
});
