/**
 * The Ice session after lost bytes, on the real capture with frames left out (a pcap rewritten without
 * them): decoding resumes at the next segment of whole Ice messages (app.resync), a Reply still finds its
 * Request by request id, and a Reply whose Request was lost is told as answering a request not seen.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyzeFile } from '../../../src/analyze.js';
import { explainModel } from '../../../src/explain/index.js';
import type { IceRecord } from '../../../src/protocols/ice/model.js';
import { typedConversations } from '../../../src/protocols/model.js';
import { FIXTURES } from '../streams.js';

const OUT = join(FIXTURES, '../test-artifacts/ice');

/** fixtures/course-ice.pcap without the frames `drop` (classic pcap: 24-byte header, 16-byte record headers). */
function without(drop: readonly number[]): string {
  const b = readFileSync(join(FIXTURES, 'course-ice.pcap'));
  const parts: Buffer[] = [b.subarray(0, 24)];
  let off = 24;
  for (let n = 1; off + 16 <= b.length; n++) {
    const len = b.readUInt32LE(off + 8);
    if (!drop.includes(n)) parts.push(b.subarray(off, off + 16 + len));
    off += 16 + len;
  }
  mkdirSync(OUT, { recursive: true });
  const file = join(OUT, `course-ice-without-${drop.join('-')}.pcap`);
  writeFileSync(file, Buffer.concat(parts));
  return file;
}

async function first(file: string) {
  const c = typedConversations(await analyzeFile(file))[0]!;
  return { c, ms: (c.messages ?? []).filter((m): m is IceRecord => m.proto === 'icep') };
}

describe('Ice after lost bytes', () => {
  it('a lost Reply: the next Reply resyncs and still pairs with its own Request by id', async () => {
    // frame 10 (Reply 1) left out: frames are renumbered, so Request 2 is frame 10 and its Reply frame 11
    const { c, ms } = await first(without([10]));
    expect(c.notes.map((n) => n.code)).toEqual(['app.gap', 'app.resync']);
    const reqs = ms.filter((m) => m.kind === 'Request');
    expect(reqs.map((m) => [m.frame, m.request_id, m.replied_by])).toEqual([
      [8, 1, undefined],
      [10, 2, 11],
      [12, 3, 13],
      [14, 4, 15],
    ]);
  });

  it('a lost Request: its Reply is told as answering a request not in the capture', async () => {
    // the Reply comes before the client's next segment shows that the client's bytes were lost: it is
    // noted as answering no request seen (true: the request is not in the capture)
    const file = without([8]);
    const { c, ms } = await first(file);
    expect(c.notes.map((n) => n.code)).toEqual(['icep.reply.unmatched', 'app.gap', 'app.resync']);
    const reps = ms.filter((m) => m.kind === 'Reply');
    expect(reps.map((m) => [m.request_id, m.reply_to])).toEqual([
      [1, undefined],
      [2, 10],
      [3, 12],
      [4, 14],
    ]);
    const m = explainModel(await analyzeFile(file), 'en');
    expect(m.frames[8]!.explain).toContain('answers request 1 (a request not seen in the capture) with Success');
    expect(m.frames[8]!.notes.map((n) => n.text)).toContain(
      'This Reply (request id 1) answers no request seen in the capture.',
    );
  });
});
