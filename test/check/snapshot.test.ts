/**
 * Golden snapshots (src/check/snapshot.ts): what is masked, the diff, and the round trip on real captures —
 * copies of the same traffic in another container format differ only where the container differs.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyzeFile } from '../../src/analyze.js';
import {
  applyMasks,
  checkModel,
  compareGolden,
  DEFAULT_MASKS,
  diffValues,
  parseSnapshot,
  SnapshotError,
  snapshotModel,
  snapshotText,
} from '../../src/check/index.js';
import { FIXTURES } from '../helpers/fixtures.js';
import { reqrepMessages, reqrepModel } from './synthetic.js';

const f = (n: string) => join(FIXTURES, n);

describe('masks', () => {
  const v = {
    tool: { version: '1' },
    frames: [{ n: 1, ts: 'x', tcp: { ack_rtt: 0.1, seq_raw: 5 } }],
    conversations: [
      { rtt: 0.2, messages: [{ latency: 1, reply_latency: 2, payload: 'p', relayed_from: { delay: 3, frame: 4 } }] },
    ],
  };
  it('`*` is one level, `**` any, `*_x` part of a key; keys come out sorted', () => {
    expect(applyMasks(v, ['frames.*.ts'])).toMatchObject({ frames: [{ n: 1, tcp: { ack_rtt: 0.1 } }] });
    expect(JSON.stringify(applyMasks(v, ['**.rtt', '**.*_rtt', '**.latency', '**.*_latency', '**.delay']))).not.toMatch(
      /rtt|latency|delay/,
    );
    expect(Object.keys(applyMasks({ b: 1, a: 2 }, []) as object)).toEqual(['a', 'b']);
    expect(applyMasks(v, ['**'])).toEqual({});
  });

  it('the snapshot leaves out times, versions, the path and prose, and keeps what the bytes say', () => {
    const m = reqrepModel({ messages: reqrepMessages(1) });
    m.frames[2]!.tcp!.ack_rtt = 0.001;
    m.frames[2]!.notes.push({ code: 'tcp.analysis.retransmission', severity: 'note', text: 'prose', params: { n: 1 } });
    m.frames[2]!.explain = 'The client opens the connection.';
    const s = snapshotModel(m);
    expect(s.masked).toEqual([...DEFAULT_MASKS]);
    const text = snapshotText(s);
    for (const gone of [
      '"ts"',
      '"rel"',
      '"ack_rtt"',
      '"rtt"',
      '"latency"',
      '"start"',
      '"duration"',
      '0.0.0-test',
      'synthetic.pcap',
      'prose',
      'opens the connection',
    ]) {
      expect(text).not.toContain(gone);
    }
    for (const kept of [
      '"seq_raw"',
      '"srcport"',
      '"client": "10.0.0.1:40000"',
      'tcp.analysis.retransmission',
      '"params"',
      '"history"',
      '"Hello"',
      '"replied_by"',
    ]) {
      expect(text).toContain(kept);
    }
  });
});

describe('diff', () => {
  it('paths, lengths and missing keys', () => {
    expect(
      diffValues({ a: 1, list: [1, 2, 3], o: { x: 'y' }, gone: true }, { a: 2, list: [1, 5], o: { x: 'y', z: 1 } }),
    ).toEqual([
      { path: 'a', expected: 1, actual: 2 },
      { path: 'gone', expected: true, actual: undefined },
      { path: 'list.length', expected: 3, actual: 2 },
      { path: 'list[1]', expected: 2, actual: 5 },
      { path: 'o.z', expected: undefined, actual: 1 },
    ]);
    expect(diffValues({ a: [1] }, { a: [1] })).toEqual([]);
  });

  it('compareGolden: identical, then a readable diff naming the frames', () => {
    const m = reqrepModel();
    const golden = snapshotModel(m);
    expect(compareGolden(m, golden, { source: 'g.json' })).toMatchObject({ ok: true, actual: 'identical' });
    const changed = reqrepModel({ close: { kind: 'rst', by: 'server', frames: [10] } });
    changed.frames[9]!.tcp!.flags = ['RST', 'ACK'];
    const r = compareGolden(changed, golden, { source: 'g.json' });
    expect(r.ok).toBe(false);
    expect(r.actual).toBe('5 differences');
    expect(r.frames).toEqual([10]);
    expect(r.details).toContain('conversations[0].close.kind: expected fin, actual rst');
    expect(r.details).toContain('frames[9].tcp.flags[0]: expected FIN, actual RST');
    expect(r.diff?.map((d) => d.path)).toContain('conversations[0].close.frames.length');
  });

  it('masks recorded in the golden (and extra ones) apply to both sides', () => {
    const a = reqrepModel();
    const b = reqrepModel();
    b.conversations[0]!.client = '10.0.0.1:51000';
    const golden = snapshotModel(a, ['conversations.*.client']);
    expect(golden.masked).toContain('conversations.*.client');
    expect(compareGolden(b, golden, { source: 'g' }).ok).toBe(true);
    expect(compareGolden(b, snapshotModel(a), { source: 'g' }).ok).toBe(false);
    expect(compareGolden(b, snapshotModel(a), { source: 'g', masks: ['conversations.*.client'] }).ok).toBe(true);
  });

  it('long diffs are cut in the details but complete in diff', () => {
    const a = reqrepModel();
    const b = reqrepModel();
    for (const fr of b.frames) fr.len += 1;
    const r = compareGolden(b, snapshotModel(a), { source: 'g', maxShown: 3 });
    expect(r.details).toHaveLength(4);
    expect(r.details![3]).toMatch(/and \d+ more differences/);
    expect(r.diff).toHaveLength(11);
  });

  it('parseSnapshot refuses what is not a snapshot', () => {
    expect(() => parseSnapshot('{', 'g.json')).toThrow(SnapshotError);
    expect(() => parseSnapshot('{"schema": "pcap-explain/1"}', 'g.json')).toThrow(/not a snapshot/);
    const s = snapshotModel(reqrepModel());
    expect(parseSnapshot(snapshotText(s), 'g.json')).toEqual(s);
  });

  it('checkModel with a golden: one result in its own suite', () => {
    const m = reqrepModel();
    const r = checkModel(m, undefined, { golden: { source: 'g.json', snapshot: snapshotModel(m) } });
    expect(r.results).toHaveLength(1);
    expect(r.results[0]).toMatchObject({ id: 'golden', suite: 'golden g.json', ok: true });
    expect(r.sources).toEqual(['golden g.json']);
  });
});

describe('real captures', () => {
  it('snapshots are stable: twice the same text, and the same in every language', async () => {
    const a = snapshotText(snapshotModel(await analyzeFile(f('tcp-loss-before.pcap'))));
    const b = snapshotText(snapshotModel(await analyzeFile(f('tcp-loss-before.pcap'), { lang: 'id' })));
    expect(b).toBe(a);
    expect(a).toContain('tcp.analysis.lost_segment');
  });

  it('the same traffic in another container differs only where the container does', async () => {
    const le = await analyzeFile(f('zmq-reqrep.pcap'));
    const golden = snapshotModel(le);
    const be = compareGolden(await analyzeFile(f('zmq-reqrep-be.pcap')), golden, { source: 'g' });
    expect(be.diff).toEqual([{ path: 'capture.byte_order', expected: 'le', actual: 'be' }]);
    const mqtt = snapshotModel(await analyzeFile(f('mqtt.pcap')));
    const gz = compareGolden(await analyzeFile(f('mqtt.pcap.gz')), mqtt, { source: 'g' });
    expect(gz.diff).toEqual([{ path: 'capture.compressed', expected: false, actual: true }]);
  });

  it('a separate capture of the same scenario differs in ports and sequence numbers, with a readable diff', async () => {
    const r = compareGolden(
      await analyzeFile(f('zmq-reqrep.pcapng')),
      snapshotModel(await analyzeFile(f('zmq-reqrep.pcap'))),
      {
        source: 'g',
      },
    );
    expect(r.ok).toBe(false);
    expect(r.details![0]).toBe('capture.format: expected pcap, actual pcapng');
    expect(r.details).toContain('conversations[0].client: expected 172.18.0.3:54624, actual 172.18.0.3:42416');
  });
});
