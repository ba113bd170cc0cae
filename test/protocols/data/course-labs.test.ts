/**
 * The course's plain TCP/UDP labs stay plain data (src/protocols/data/), checked against the peers' logs:
 * Lamport's lab (JSON objects with a logical clock in `timestamp`: the values each process logged, and
 * Lamport's rule as the processes applied it), request/response and upcall (each text sent and its
 * answer), one-way (no answer: over TCP only ACKs come back, over UDP nothing).
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ConversationRecord } from '../../../src/analysis/model.js';
import { analyzeFile } from '../../../src/analyze.js';
import { explainModel } from '../../../src/explain/index.js';
import type { DataRecord } from '../../../src/protocols/data/model.js';
import { FIXTURES } from '../../helpers/fixtures.js';
import { peersLog } from '../streams.js';

const model = (name: string, lang: 'en' | 'id' = 'en') =>
  analyzeFile(join(FIXTURES, `${name}.pcap`)).then((m) => explainModel(m, lang));
const data = (c: ConversationRecord | undefined, dir?: 'c2s' | 's2c') =>
  ((c?.messages ?? []) as DataRecord[]).filter((m) => m.proto === 'data' && (!dir || m.dir === dir));
const story = (m: Awaited<ReturnType<typeof model>>, id: number) =>
  m.story
    .filter((s) => s.conversation === id)
    .map((s) => s.text)
    .join(' ');

describe("Lamport's lab (course-lamport.pcap)", () => {
  const log = peersLog('course-lamport.peers.jsonl');
  const sent = (peer: string) =>
    log.filter((l) => l.peer === peer && l.event === 'send').map((l) => JSON.parse(l.data));
  /** "Updated clock: N" as each process printed it after a receipt. */
  const updated = (peer: string) =>
    log
      .filter((l) => l.peer === peer && typeof l.data === 'string' && l.data.includes('Updated clock'))
      .map((l) => Number(/Updated clock: (\d+)/.exec(l.data)![1]));

  it("each process's JSON object is a data message with the fields it logged", async () => {
    const m = await model('course-lamport');
    const c = m.conversations[0];
    expect(c?.app).toBe('data');
    // process A (s_lamp.py) is the server, B (c_lamp.py) the client
    expect(data(c, 's2c').map((x) => x.payload.value)).toEqual(sent('process-a'));
    expect(data(c, 'c2s').map((x) => x.payload.value)).toEqual(sent('process-b'));
    expect(m.frames[5]!.explain).toContain(
      'These bytes are one JSON object with 3 fields: message = "Add $100", balance = 1100 and timestamp = 1.',
    );
  });

  it("the clock moves by Lamport's rule, as the processes logged it", async () => {
    const m = await model('course-lamport');
    const [a, b] = [data(m.conversations[0], 's2c')[0]!, data(m.conversations[0], 'c2s')[0]!];
    expect(a.clock).toEqual({ field: 'timestamp', value: 1 });
    expect(b.clock).toEqual({ field: 'timestamp', value: 3, after: { value: 1, frame: a.frame } });
    // B received 1: its clock became max(0, 1) + 1 = 2 (logged), then + 1 before sending 3
    const [bClock] = updated('process-b');
    expect(bClock).toBe(a.clock!.value + 1);
    expect(b.clock!.value).toBe(bClock! + 1);
    expect(m.frames[7]!.explain).toContain(
      "The value timestamp = 3 is the logical clock (Lamport) of client 172.18.0.95: it had received 1 in frame 6, so by Lamport's rule its clock became max(its own, 1) + 1, at least 2, and with 1 added before sending at least 3; 3 fits.",
    );
    // A received 3 and logged 4; the capture shows no later message of A, the story says "at least 4"
    const [aClock] = updated('process-a');
    expect(aClock).toBe(4);
    const s = story(m, 1);
    expect(s).toContain('Server 172.18.0.94:12345 sends 56 bytes');
    expect(s).toContain('Each of these 2 payloads is one JSON object with the fields message, balance and timestamp.');
    expect(s).toContain(
      'server 172.18.0.94:12345 sends 1 (frame 6) and client 172.18.0.95, having received 1, sends 3 (frame 8; the rule gives at least 3)',
    );
    expect(s).toContain(
      `On receiving 3 (frame 8), server 172.18.0.94:12345 sets its clock to max(its own, 3) + 1, at least ${aClock}`,
    );
  });

  it('in Indonesian', async () => {
    const m = await model('course-lamport', 'id');
    expect(m.frames[7]!.explain).toContain(
      'Nilai timestamp = 3 adalah logical clock (Lamport) milik client 172.18.0.95',
    );
    const s = story(m, 1);
    expect(s).toContain('Field timestamp membawa logical clock masing-masing pihak');
    expect(s).toContain('minimal 4');
  });
});

describe('request/response, upcall and one-way labs', () => {
  const texts = (name: string, peer: string, socket: 'TCP' | 'UDP', event: 'send' | 'recv') =>
    peersLog(`${name}.peers.jsonl`)
      .filter((l) => l.peer === peer && l.socket === socket && l.event === event)
      .map((l) => l.data);

  it('reqresp: each text the client sent over TCP and the answer it received, paired', async () => {
    const m = await model('course-reqresp');
    const tcp = m.conversations.find((c) => c.transport === 'tcp');
    const asks = data(tcp, 'c2s');
    const answers = data(tcp, 's2c');
    expect(asks.map((x) => x.payload.value)).toEqual(texts('course-reqresp', 'reqresp-client', 'TCP', 'send'));
    expect(answers.map((x) => x.payload.value)).toEqual(texts('course-reqresp', 'reqresp-client', 'TCP', 'recv'));
    expect(answers.map((x) => x.reply_to)).toEqual(asks.map((x) => x.frame));
    // none of the texts ends with a newline: they are told as bytes sent, never as lines
    for (const x of [...asks, ...answers]) expect(String(x.payload.value).endsWith('\n')).toBe(false);
    expect(story(m, tcp!.id)).toContain("'hello' → 'Echo: hello'");
    expect(JSON.stringify(m.story)).not.toMatch(/\bline\b/);
  });

  it('reqresp over UDP: the datagram gets no answer (the server program sends none)', async () => {
    const m = await model('course-reqresp');
    const udp = m.conversations.find((c) => c.transport === 'udp')!;
    expect(udp.app).toBe('data');
    expect(data(udp, 'c2s').map((x) => x.payload.value)).toEqual(
      texts('course-reqresp', 'reqresp-client-udp', 'UDP', 'send'),
    );
    expect(data(udp, 's2c')).toEqual([]);
    expect(texts('course-reqresp', 'reqresp-server-udp', 'UDP', 'send')).toEqual([]);
    expect(story(m, udp.id)).toContain('Nothing comes back');
    expect(story(await model('course-reqresp', 'id'), udp.id)).toContain('Tidak ada yang kembali');
  });

  it('upcall: each text and the upcall the server sent back', async () => {
    const m = await model('course-upcall');
    const c = m.conversations[0];
    expect(data(c, 'c2s').map((x) => x.payload.value)).toEqual(texts('course-upcall', 'upcall-client', 'TCP', 'send'));
    expect(data(c, 's2c').map((x) => x.payload.value)).toEqual(texts('course-upcall', 'upcall-client', 'TCP', 'recv'));
    expect(data(c, 's2c').every((x) => x.reply_to !== undefined)).toBe(true);
  });

  it('one-way: over TCP only ACKs come back; the UDP echo of the same lab answers', async () => {
    const m = await model('course-oneway');
    const tcp = m.conversations.find((c) => c.transport === 'tcp')!;
    expect(data(tcp, 'c2s').map((x) => x.payload.value)).toEqual(
      texts('course-oneway', 'oneway-client', 'TCP', 'send'),
    );
    expect(data(tcp, 's2c')).toEqual([]);
    expect(tcp.pattern).toBe('one-way');
    expect(story(m, tcp.id)).toContain(
      "sends 19 bytes: 'halo' and 'pesan satu arah'; nothing comes back but TCP ACKs.",
    );
    const udp = m.conversations.find((c) => c.transport === 'udp')!;
    expect(data(udp, 's2c').map((x) => x.payload.value)).toEqual(
      texts('course-oneway', 'oneway-client-udp', 'UDP', 'recv'),
    );
  });
});
