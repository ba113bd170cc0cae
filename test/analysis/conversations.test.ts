import { describe, expect, it } from 'vitest';
import { AppLayer } from '../../src/analysis/app/index.js';
import {
  type ConversationInfo,
  ConversationTable,
  DEFAULT_MAX_CONVERSATIONS,
  IDLE_TIMEOUT,
  RETIRE_GRACE,
} from '../../src/analysis/conversations.js';
import type { ConversationRecord } from '../../src/analysis/model.js';
import { type EndReason, PduStream, type StreamSink } from '../../src/analysis/reassembly.js';
import type { Dissection } from '../../src/dissectors/types.js';
import { text } from '../../src/explain/text.js';
import { SESSION_PROTOCOLS } from '../../src/protocols/registry.js';
import { type Seg, tcpInput, udpInput } from './helpers.js';

function feed(
  segs: readonly Seg[],
  table = new ConversationTable(),
): { table: ConversationTable; recs: ConversationRecord[] } {
  segs.forEach((s, i) => {
    table.onFrame(tcpInput(i + 1, s));
  });
  return { table, recs: table.finish() };
}

const HS: Seg[] = [
  { t: 0, from: 'c', seq: 100, flags: 'S' },
  { t: 0.01, from: 's', seq: 900, ack: 101, flags: 'SA' },
  { t: 0.02, from: 'c', seq: 101, ack: 901, flags: 'A' },
];

describe('ConversationTable: TCP', () => {
  it('handshake, data both ways, FIN both sides → SF, ShADdFf', () => {
    const { recs } = feed([
      ...HS,
      { t: 1, from: 'c', seq: 101, ack: 901, flags: 'PA', len: 10 },
      { t: 1.01, from: 's', seq: 901, ack: 111, flags: 'PA', len: 20 },
      { t: 1.02, from: 'c', seq: 111, ack: 921, flags: 'FA' },
      { t: 1.03, from: 's', seq: 921, ack: 112, flags: 'FA' },
      { t: 1.04, from: 'c', seq: 112, ack: 922, flags: 'A' },
    ]);
    expect(recs).toHaveLength(1);
    const c = recs[0]!;
    expect(c).toMatchObject({
      id: 1,
      stream: 0,
      transport: 'tcp',
      client: '10.0.0.1:40000',
      server: '10.0.0.2:80',
      handshake: { syn: [1], synack: [2], ack: 3 },
      close: { kind: 'fin', by: 'client', frames: [6, 7] },
      state: 'SF',
      history: 'ShADdFf',
      first: 1,
      last: 8,
      packets: { c2s: 5, s2c: 3 },
      bytes: { c2s: 10, s2c: 20 },
      missed_bytes: 0,
      roles_by: 'syn',
    });
    expect(c.rtt).toBeCloseTo(0.02, 9);
    expect(c.duration).toBeCloseTo(1.04, 9);
    expect(c.start).toBe('2023-11-14T22:13:20.000Z');
  });

  it('RST after data from the client → RSTO; from the server → RSTR', () => {
    const base: Seg[] = [...HS, { t: 1, from: 'c', seq: 101, ack: 901, flags: 'PA', len: 4 }];
    const o = feed([...base, { t: 2, from: 'c', seq: 105, ack: 901, flags: 'RA' }]).recs[0]!;
    expect(o).toMatchObject({ state: 'RSTO', history: 'ShADR', close: { kind: 'rst', by: 'client', frames: [5] } });
    const r = feed([...base, { t: 2, from: 's', seq: 901, ack: 105, flags: 'R' }]).recs[0]!;
    expect(r).toMatchObject({ state: 'RSTR', history: 'ShADr', close: { kind: 'rst', by: 'server' } });
  });

  it('refused: SYN answered by RST/ACK → REJ, close refused by the server, no RTT', () => {
    const c = feed([
      { t: 0, from: 'c', seq: 100, flags: 'S' },
      { t: 0.001, from: 's', seq: 0, ack: 101, flags: 'RA' },
    ]).recs[0]!;
    expect(c).toMatchObject({
      state: 'REJ',
      history: 'Sr',
      handshake: { syn: [1], synack: [], ack: null },
      close: { kind: 'refused', by: 'server', frames: [2] },
      rtt: null,
    });
  });

  it('SYN only → S0; SYN, SYN/ACK → S1 (Zeek); SYN then RST → RSTOS0', () => {
    expect(feed([HS[0]!, { t: 1, from: 'c', seq: 100, flags: 'S' }]).recs[0]).toMatchObject({
      state: 'S0',
      history: 'S',
      handshake: { syn: [1, 2] },
    });
    expect(feed(HS.slice(0, 2)).recs[0]).toMatchObject({
      state: 'S1',
      history: 'Sh',
      close: { kind: 'open', by: null },
    });
    expect(feed([HS[0]!, { t: 1, from: 'c', seq: 101, flags: 'R' }]).recs[0]).toMatchObject({
      state: 'RSTOS0',
      history: 'SR',
    });
  });

  it('port reuse: a SYN with a new ISN starts a new conversation and stream', () => {
    const { recs } = feed([
      ...HS,
      { t: 1, from: 'c', seq: 101, ack: 901, flags: 'FA' },
      { t: 1.1, from: 's', seq: 901, ack: 102, flags: 'FA' },
      { t: 1.2, from: 'c', seq: 102, ack: 902, flags: 'A' },
      { t: 5, from: 'c', seq: 7000, flags: 'S' },
      { t: 5.1, from: 's', seq: 3000, ack: 7001, flags: 'SA' },
    ]);
    expect(recs.map((r) => [r.id, r.stream, r.first, r.last, r.state])).toEqual([
      [1, 0, 1, 6, 'SF'],
      [2, 1, 7, 8, 'S1'],
    ]);
  });

  it('port reuse is reported on the SYN frame', () => {
    const t = new ConversationTable();
    HS.forEach((s, i) => {
      t.onFrame(tcpInput(i + 1, s));
    });
    const a = t.onFrame(tcpInput(4, { t: 9, from: 'c', seq: 5555, flags: 'S' }))!;
    expect(a.conversation).toBe(2);
    expect(a.tcp!.analysis).toEqual(['reused_ports']);
    expect(a.notes).toEqual([{ code: 'tcp.analysis.reused_ports', severity: 'note' }]);
  });

  it('mid-stream start without SYN: roles by port, history flipped, OTH', () => {
    const { recs } = feed([
      { t: 0, from: 's', seq: 5000, ack: 200, flags: 'PA', len: 30 },
      { t: 0.1, from: 'c', seq: 200, ack: 5030, flags: 'A' },
    ]);
    expect(recs[0]).toMatchObject({
      client: '10.0.0.1:40000',
      server: '10.0.0.2:80',
      roles_by: 'port',
      handshake: null,
      state: 'OTH',
      history: '^dA',
      first: 1,
    });
  });

  it('roles by port: a port already seen as a server wins over the port numbers', () => {
    const srv = { addr: '10.0.0.9', port: 5555 };
    const cli = { addr: '10.0.0.1', port: 1023 };
    const t = new ConversationTable();
    // A handshake makes 10.0.0.9:5555 a known server.
    t.onFrame(
      tcpInput(1, { t: 0, from: 'c', seq: 1, flags: 'S', server: srv, client: { addr: '10.0.0.7', port: 40001 } }),
    );
    // Mid-stream traffic from 10.0.0.1:1023 (< 1024) to it: still the client.
    t.onFrame(tcpInput(2, { t: 1, from: 's', seq: 1, ack: 1, flags: 'A', len: 3, server: srv, client: cli }));
    const recs = t.finish();
    expect(recs[1]).toMatchObject({
      client: '10.0.0.1:1023',
      server: '10.0.0.9:5555',
      roles_by: 'port',
      history: '^d',
    });
  });

  it('a SYN/ACK first: its receiver is the client (roles by syn)', () => {
    const { recs } = feed([HS[1]!, HS[2]!]);
    expect(recs[0]).toMatchObject({
      client: '10.0.0.1:40000',
      roles_by: 'syn',
      history: '^hA',
      handshake: { syn: [], synack: [1], ack: 2 },
    });
  });

  it('gaps acknowledged by the peer are missed bytes and G in the history', () => {
    const { recs } = feed([
      ...HS,
      { t: 1, from: 'c', seq: 101, ack: 901, flags: 'A', len: 100 },
      // 100 bytes at 201 never captured
      { t: 1.02, from: 'c', seq: 301, ack: 901, flags: 'A', len: 100 },
      { t: 1.03, from: 's', seq: 901, ack: 401, flags: 'A' },
    ]);
    expect(recs[0]).toMatchObject({ missed_bytes: 100, history: 'ShADaG' });
  });

  it('streams: the factory gets both directions, bytes arrive in order, end at FIN', () => {
    const got: string[] = [];
    let info: ConversationInfo | undefined;
    const sink = (dir: string): StreamSink => ({
      data: (b, off, f) => got.push(`${dir} data ${off}+${b.length} #${f}`),
      gap: (off, len, f) => got.push(`${dir} gap ${off}+${len} #${f}`),
      end: (r: EndReason, f) => got.push(`${dir} end ${r} #${f}`),
    });
    const table = new ConversationTable({
      streams: (c) => {
        info = c;
        return { c2s: sink('c2s'), s2c: sink('s2c') };
      },
    });
    feed(
      [
        ...HS,
        { t: 1, from: 'c', seq: 111, ack: 901, flags: 'PA', len: 5 },
        { t: 1.01, from: 'c', seq: 101, ack: 901, flags: 'PA', len: 10 },
        { t: 1.02, from: 's', seq: 901, ack: 116, flags: 'FA', len: 3 },
        { t: 1.03, from: 'c', seq: 116, ack: 905, flags: 'FA' },
      ],
      table,
    );
    expect(info).toMatchObject({
      id: 1,
      transport: 'tcp',
      stream: 0,
      client: { addr: '10.0.0.1', port: 40000 },
      roles_by: 'syn',
    });
    expect(got).toEqual([
      'c2s data 0+10 #5',
      'c2s data 10+5 #4',
      's2c data 0+3 #6',
      's2c end fin #6',
      'c2s end fin #7',
    ]);
  });

  it('the out-of-order cap raises tcp.reassembly.cap_reached on the frame and the conversation', () => {
    const table = new ConversationTable({ reassemblyCap: 150, noteText: (code, params) => text(code, params) });
    HS.forEach((s, i) => {
      table.onFrame(tcpInput(i + 1, s));
    });
    table.onFrame(tcpInput(4, { t: 1, from: 'c', seq: 201, ack: 901, flags: 'A', len: 100 }));
    const a = table.onFrame(tcpInput(5, { t: 1.01, from: 'c', seq: 301, ack: 901, flags: 'A', len: 100 }))!;
    expect(a.notes.map((n) => n.code)).toContain('tcp.reassembly.cap_reached');
    const c = table.finish()[0]!;
    expect(c.missed_bytes).toBe(100);
    expect(c.notes.map((n) => [n.code, n.severity])).toEqual([['tcp.reassembly.cap_reached', 'warn']]);
    expect(c.notes[0]!.text).toMatch(/\.$/);
  });

  it('an application framer plugged in through the stream factory gets PDUs with their frames', () => {
    const pdus: string[] = [];
    const table = new ConversationTable({
      streams: (c) => ({
        c2s: new PduStream(
          {
            frame: (b, off, end) =>
              end - off < 1 ? { kind: 'need', atLeast: 1 } : { kind: 'pdu', length: 1 + b[off]! },
          },
          null,
          {
            onPdu: (bytes, frames) => pdus.push(`conv ${c.id}: ${bytes.length} bytes in [${frames.join(',')}]`),
            onNote: () => {},
          },
        ),
      }),
    });
    feed(
      [
        ...HS,
        { t: 1, from: 'c', seq: 101, ack: 901, flags: 'PA', payload: Uint8Array.of(3, 1, 2) },
        { t: 1.1, from: 'c', seq: 104, ack: 901, flags: 'PA', payload: Uint8Array.of(3, 0, 1) },
      ],
      table,
    );
    expect(pdus).toEqual(['conv 1: 4 bytes in [4,5]', 'conv 1: 1 bytes in [5]']);
  });

  it('IPv6: endpoints in brackets, tcp.len from the payload length minus extension headers', () => {
    const t = new ConversationTable();
    const mk = (n: number, from: 'c' | 's', flags: number, seq: number, ack: number, len: number) => {
      const [src, dst, sp, dp] =
        from === 'c' ? ['2001:db8::1', '2001:db8::2', 50000, 443] : ['2001:db8::2', '2001:db8::1', 443, 50000];
      const d: Dissection = {
        layers: [
          {
            kind: 'ipv6',
            version: 6,
            tclass: 0,
            flow: 0,
            plen: 8 + 20 + len,
            nxt: 0,
            hlim: 64,
            src,
            dst,
            ext: [{ type: 0, name: 'hop-by-hop', length: 8 }],
            proto: 6,
          },
          {
            kind: 'tcp',
            srcport: sp,
            dstport: dp,
            seq_raw: seq,
            ack_raw: ack,
            hdr_len: 20,
            flags,
            window: 100,
            checksum: 0,
            urgent_pointer: 0,
            options: {},
            len,
            payload_len: len,
          },
        ],
        notes: [],
        truncated: false,
        payloadOffset: 0,
        payloadLength: len,
        net: { version: 6, src, dst },
      };
      return t.onFrame({ n, t: 1 + n, d, data: new Uint8Array(len) });
    };
    mk(1, 'c', 0x002, 10, 0, 0);
    mk(2, 's', 0x012, 20, 11, 0);
    const a = mk(3, 'c', 0x018, 11, 21, 7)!;
    expect(a.tcp).toMatchObject({ seq: 1, ack: 1, nextseq: 8 });
    expect(t.finish()[0]).toMatchObject({
      client: '[2001:db8::1]:50000',
      server: '[2001:db8::2]:443',
      bytes: { c2s: 7, s2c: 0 },
    });
  });

  it('frames without IP or transport are not conversations', () => {
    const t = new ConversationTable();
    expect(
      t.onFrame({
        n: 1,
        t: 0,
        d: { layers: [], notes: [], truncated: false, payloadOffset: 0, payloadLength: 0 },
        data: new Uint8Array(0),
      }),
    ).toBeUndefined();
    expect(t.finish()).toEqual([]);
  });
});

describe('ConversationTable: UDP', () => {
  const A = { addr: '192.168.1.5', port: 53000 };
  const DNS = { addr: '192.168.1.1', port: 53 };
  it('query and answer: one flow, client by port, SF, Dd', () => {
    const t = new ConversationTable();
    const q = t.onFrame(udpInput(1, 0, A, DNS, 30))!;
    const r = t.onFrame(udpInput(2, 0.01, DNS, A, 60))!;
    expect([q.conversation, q.direction, r.conversation, r.direction, q.stream]).toEqual([1, 'c2s', 1, 's2c', 0]);
    expect(t.finish()[0]).toMatchObject({
      transport: 'udp',
      client: '192.168.1.5:53000',
      server: '192.168.1.1:53',
      state: 'SF',
      history: 'Dd',
      handshake: null,
      close: { kind: 'open', by: null, frames: [] },
      packets: { c2s: 1, s2c: 1 },
      bytes: { c2s: 30, s2c: 60 },
      roles_by: 'port',
    });
  });

  it('one-way → S0; answer only → SHR with ^; ids shared with TCP, streams per transport', () => {
    const t = new ConversationTable();
    t.onFrame(udpInput(1, 0, A, DNS, 10));
    t.onFrame(tcpInput(2, HS[0]!));
    t.onFrame(udpInput(3, 1, DNS, { addr: '192.168.1.6', port: 40000 }, 10));
    const recs = t.finish();
    expect(recs.map((r) => [r.id, r.transport, r.stream, r.state, r.history])).toEqual([
      [1, 'udp', 0, 'S0', 'D'],
      [2, 'tcp', 0, 'S0', 'S'],
      [3, 'udp', 1, 'SHR', '^d'],
    ]);
  });

  it('equal ports: the first sender is the client', () => {
    const t = new ConversationTable();
    t.onFrame(udpInput(1, 0, { addr: '10.1.1.2', port: 5353 }, { addr: '10.1.1.1', port: 5353 }, 10));
    expect(t.finish()[0]).toMatchObject({ client: '10.1.1.2:5353', roles_by: 'first', history: 'D' });
  });
});

describe('ConversationTable: open-conversation cap', () => {
  const SRV = { addr: '10.9.0.1', port: 1883 };
  /** Client i of a flood: its own address and port (fresh strings, as a dissector would give). */
  const client = (i: number) => ({ addr: `10.8.${(i >> 8) & 255}.${i & 255}`, port: 20000 + (i % 30000) });

  it('a SYN flood keeps at most the cap open; every record returned in id order; notes; state released', () => {
    const cap = 100;
    const N = 1000;
    const ended: string[] = [];
    let sinks = 0;
    const evicted: ConversationRecord[] = [];
    const table = new ConversationTable({
      maxConversations: cap,
      noteText: (code, params) => text(code, params),
      streams: (c) => {
        sinks += 2;
        const sink = (dir: string): StreamSink => ({
          data() {},
          gap() {},
          end: (r: EndReason) => ended.push(`${c.id} ${dir} ${r}`),
        });
        return { c2s: sink('c2s'), s2c: sink('s2c') };
      },
      onEvict: (rec) => evicted.push(rec),
    });
    const capFrames: number[] = [];
    let n = 0;
    let maxOpen = 0;
    for (let i = 0; i < N; i++) {
      const c = client(i);
      for (const s of [
        { t: i * 0.001, from: 'c', seq: 1000 + i, flags: 'S', client: c, server: SRV },
        { t: i * 0.001 + 0.0001, from: 's', seq: 5000, ack: 1001 + i, flags: 'SA', client: c, server: SRV },
      ] as Seg[]) {
        const a = table.onFrame(tcpInput(++n, s))!;
        if (a.notes.some((x) => x.code === 'conversation.cap_reached')) capFrames.push(n);
        maxOpen = Math.max(maxOpen, table.open);
      }
    }
    // live state: never more than the cap open; what was flushed went through onEvict, streams ended
    expect(maxOpen).toBe(cap);
    expect(table.open + table.evicted).toBe(N);
    expect(table.evicted).toBe(evicted.length);
    expect(evicted.length).toBeGreaterThanOrEqual(N - cap);
    expect(ended.filter((e) => e.endsWith('evicted'))).toHaveLength(2 * evicted.length);
    expect(sinks).toBe(2 * N);
    // the cap note: once, on the frame that opened conversation cap + 1
    expect(capFrames).toEqual([2 * cap + 1]);
    const recs = table.finish();
    expect(recs.map((r) => r.id)).toEqual(Array.from({ length: N }, (_, i) => i + 1));
    for (const r of evicted) expect(recs[r.id - 1]).toBe(r);
    const flushed = recs.filter((r) => r.notes.some((x) => x.code === 'conversation.evicted'));
    expect(flushed.map((r) => r.id)).toEqual(evicted.map((r) => r.id).sort((a, b) => a - b));
    // the idlest go first: conversations 1..900 flushed, the last 100 open to the end
    expect(flushed.map((r) => r.id)).toEqual(Array.from({ length: N - cap }, (_, i) => i + 1));
    expect(recs[0]).toMatchObject({
      state: 'S1',
      history: 'Sh',
      close: { kind: 'open', by: null, frames: [] },
      handshake: { syn: [1], synack: [2], ack: null },
      packets: { c2s: 1, s2c: 1 },
      last: 2,
    });
    expect(recs[0]!.notes).toEqual([
      { code: 'conversation.evicted', severity: 'note', text: expect.stringMatching(/100.*\.$/), params: { cap } },
    ]);
    expect(recs[N - 1]!.notes).toEqual([]);
    // after finish every stream ended once
    expect(ended).toHaveLength(2 * N);
  });

  it('remembers the most recent server endpoints only (roles of conversations seen without their SYN)', () => {
    const server = { addr: '10.9.0.2', port: 40000 };
    /** A frame from `server` to a new client without a SYN: server or client by what the table remembers. */
    const midstream = (table: ConversationTable, n: number, i: number) => {
      table.onFrame(
        tcpInput(n, {
          t: n,
          from: 's',
          seq: 9,
          ack: 8,
          flags: 'A',
          client: { addr: `10.6.0.${i}`, port: 30000 },
          server,
        }),
      );
    };
    const table = new ConversationTable({ maxServers: 8 });
    let n = 0;
    table.onFrame(tcpInput(++n, { t: 0, from: 'c', seq: 1, flags: 'S', client: client(0), server }));
    midstream(table, ++n, 1); // remembered: 10.9.0.2:40000 serves (its port alone would say client)
    /** A SYN from one client to another server, 10.9.1.1:2000+i. */
    const synTo = (i: number) =>
      table.onFrame(
        tcpInput(++n, {
          t: n,
          from: 'c',
          seq: 1,
          flags: 'S',
          client: client(1),
          server: { addr: '10.9.1.1', port: 2000 + i },
        }),
      );
    for (let i = 0; i < 7; i++) synTo(i);
    expect(table.serverCount).toBe(8);
    midstream(table, ++n, 2); // still among the 8 most recent
    for (let i = 7; i < 50; i++) synTo(i);
    expect(table.serverCount).toBe(8);
    midstream(table, ++n, 3); // forgotten: the port heuristic decides (the lower port serves)
    const recs = table.finish();
    const byClientHost = (h: string) => recs.find((r) => r.client.startsWith(h) || r.server.startsWith(h))!;
    expect(byClientHost('10.6.0.1:')).toMatchObject({ server: '10.9.0.2:40000', roles_by: 'port' });
    expect(byClientHost('10.6.0.2:')).toMatchObject({ server: '10.9.0.2:40000', roles_by: 'port' });
    expect(byClientHost('10.6.0.3:')).toMatchObject({ server: '10.6.0.3:30000', roles_by: 'port' });
  });

  it('a busy conversation outlives idle ones; a later frame of a flushed 4-tuple starts a new one', () => {
    const table = new ConversationTable({ maxConversations: 10 });
    const busy = { addr: '10.7.0.1', port: 33333 };
    let n = 0;
    table.onFrame(tcpInput(++n, { t: 0, from: 'c', seq: 1, flags: 'S', client: busy, server: SRV }));
    for (let i = 0; i < 50; i++) {
      table.onFrame(tcpInput(++n, { t: 1 + i, from: 'c', seq: 7, flags: 'S', client: client(i), server: SRV }));
      table.onFrame(tcpInput(++n, { t: 1 + i, from: 'c', seq: 2, ack: 1, flags: 'A', client: busy, server: SRV }));
      expect(table.open).toBeLessThanOrEqual(10);
    }
    // client(0)'s 4-tuple again, long after it was flushed
    table.onFrame(tcpInput(++n, { t: 99, from: 's', seq: 9, ack: 8, flags: 'A', client: client(0), server: SRV }));
    const recs = table.finish();
    expect(recs).toHaveLength(52);
    expect(recs[0]).toMatchObject({ client: '10.7.0.1:33333', packets: { c2s: 51, s2c: 0 } });
    expect(recs[0]!.notes).toEqual([]);
    expect(recs[1]!.notes.map((x) => x.code)).toEqual(['conversation.evicted']);
    expect(recs[51]).toMatchObject({
      id: 52,
      stream: 51,
      client: '10.8.0.0:20000',
      server: '10.9.0.1:1883',
      roles_by: 'port',
      first: n,
      packets: { c2s: 0, s2c: 1 },
    });
  });

  it(`the default cap (${DEFAULT_MAX_CONVERSATIONS}): one more conversation flushes the idlest tenth`, () => {
    const table = new ConversationTable();
    const notes: string[] = [];
    for (let i = 0; i <= DEFAULT_MAX_CONVERSATIONS; i++) {
      const a = table.onFrame(
        tcpInput(i + 1, { t: i * 1e-4, from: 'c', seq: 1, flags: 'S', client: client(i), server: SRV }),
      )!;
      for (const x of a.notes) notes.push(`${i + 1} ${x.code} ${JSON.stringify(x.params)}`);
    }
    expect(notes).toEqual([`${DEFAULT_MAX_CONVERSATIONS + 1} conversation.cap_reached {"cap":10000,"flushed":1000}`]);
    expect(table.open).toBe(DEFAULT_MAX_CONVERSATIONS + 1 - 1000);
    expect(table.evicted).toBe(1000);
  });

  it('the application layer describes a flushed record (onEvict → AppLayer.evict) and drops its state', () => {
    const app = new AppLayer(SESSION_PROTOCOLS, { frames: false });
    const table = new ConversationTable({ maxConversations: 10, streams: app.factory, onEvict: (r) => app.evict(r) });
    const WEB = { addr: '10.9.0.3', port: 80 };
    // each client sends the start of a request (a connection to :80 that sent nothing names no application)
    const get = new TextEncoder().encode('GET / HTTP/1.1\r\n');
    for (let i = 0; i < 30; i++) {
      app.begin(2 * i + 1, 1_700_000_000 + i, 0);
      table.onFrame(tcpInput(2 * i + 1, { t: i, from: 'c', seq: 1, flags: 'S', client: client(i), server: WEB }));
      app.begin(2 * i + 2, 1_700_000_000 + i, 1000);
      table.onFrame(
        tcpInput(2 * i + 2, {
          t: i + 1e-6,
          from: 'c',
          seq: 2,
          flags: 'PA',
          payload: get,
          client: client(i),
          server: WEB,
        }),
      );
    }
    app.endFrames();
    const recs = table.finish();
    app.finish(recs);
    expect(recs.filter((r) => r.notes.some((n) => n.code === 'conversation.evicted'))).toHaveLength(20);
    // every record carries the application fields, flushed or not
    expect(recs.map((r) => r.app)).toEqual(Array(30).fill('http'));
    // the flushed conversations' application state is gone: describe() adds nothing any more
    const probe = { id: 1, notes: [] } as unknown as ConversationRecord;
    app.describe(probe);
    expect(probe.app).toBeUndefined();
    const live = { id: 30, notes: [] } as unknown as ConversationRecord;
    app.describe(live);
    expect(live.app).toBe('http');
  });

  it('UDP flows count against the cap too; snapshot() still answers for a flushed conversation', () => {
    const table = new ConversationTable({ maxConversations: 4 });
    for (let i = 0; i < 20; i++) table.onFrame(udpInput(i + 1, i, client(i), { addr: '10.9.0.2', port: 53 }, 10));
    expect(table.open).toBeLessThanOrEqual(4);
    expect(table.snapshot(1)).toMatchObject({ id: 1, transport: 'udp', state: 'S0' });
    expect(table.finish()).toHaveLength(20);
  });

  it('the 4-tuple lookup cache: conversations sharing a cache slot stay apart', () => {
    const table = new ConversationTable();
    // client ports 4096 apart: the same srcport ^ dstport slot
    const a = { addr: '10.6.0.1', port: 40000 };
    const b = { addr: '10.6.0.1', port: 40000 + 4096 };
    const c = { addr: '10.6.0.2', port: 40000 };
    let n = 0;
    for (let i = 0; i < 5; i++) {
      for (const cl of [a, b, c]) {
        table.onFrame(
          tcpInput(++n, { t: i, from: 'c', seq: 1 + i, ack: 1, flags: 'A', len: 1, client: cl, server: SRV }),
        );
        table.onFrame(tcpInput(++n, { t: i, from: 's', seq: 1, ack: 2 + i, flags: 'A', client: cl, server: SRV }));
      }
    }
    const recs = table.finish();
    expect(recs.map((r) => [r.client, r.packets.c2s, r.packets.s2c])).toEqual([
      ['10.6.0.1:40000', 5, 5],
      ['10.6.0.1:44096', 5, 5],
      ['10.6.0.2:40000', 5, 5],
    ]);
  });

  it('frameDetail false: one reused FrameAnalysis without tcp, same conversation fields and notes', () => {
    const segs: Seg[] = [
      ...HS,
      { t: 1, from: 'c', seq: 101, ack: 901, flags: 'PA', len: 5 },
      { t: 1.1, from: 'c', seq: 101, ack: 901, flags: 'PA', len: 5 },
    ];
    const full = new ConversationTable();
    const lean = new ConversationTable({ frameDetail: false });
    let prev: unknown;
    segs.forEach((s, i) => {
      const f = full.onFrame(tcpInput(i + 1, s))!;
      const l = lean.onFrame(tcpInput(i + 1, s))!;
      expect(l.tcp).toBeUndefined();
      const { tcp: _t, ...rest } = f;
      expect({ ...l }).toEqual(rest);
      if (i > 0) expect(l).toBe(prev);
      prev = l;
    });
    expect(lean.finish()).toEqual(full.finish());
  });
});

describe('ConversationTable: retirement (advance)', () => {
  /** Feeds segments as the session does: advance() to each frame's time, then onFrame(). */
  function run(segs: readonly Seg[], table = new ConversationTable()) {
    const out = segs.map((s, i) => {
      const input = tcpInput(i + 1, s);
      table.advance(input);
      return table.onFrame(input)!;
    });
    return { table, out };
  }
  const CLOSE: Seg[] = [
    ...HS,
    { t: 1, from: 'c', seq: 101, ack: 901, flags: 'PA', len: 10 },
    { t: 1.1, from: 'c', seq: 111, ack: 901, flags: 'FA' },
    { t: 1.2, from: 's', seq: 901, ack: 112, flags: 'FA' },
    { t: 1.3, from: 'c', seq: 112, ack: 902, flags: 'A' },
  ];
  const OTHER = { addr: '10.0.0.9', port: 5555 };

  it(`an ended conversation is retired ${RETIRE_GRACE} s after its last frame, its record final then`, () => {
    const evicted: ConversationRecord[] = [];
    const table = new ConversationTable({ onEvict: (r) => evicted.push(r) });
    // a retransmitted FIN within the grace period still belongs to the live conversation
    run(
      [
        ...CLOSE,
        { t: 2.5, from: 's', seq: 901, ack: 112, flags: 'FA' },
        { t: 2.5 + RETIRE_GRACE, from: 'c', seq: 1, flags: 'S', client: OTHER },
      ],
      table,
    );
    expect(evicted).toEqual([]);
    expect(table.open).toBe(2);
    run([{ t: 2.6 + RETIRE_GRACE, from: 'c', seq: 1, flags: 'S', client: OTHER }], table);
    expect(evicted.map((r) => [r.id, r.state, r.close.kind, r.last, r.packets])).toEqual([
      [1, 'SF', 'fin', 8, { c2s: 5, s2c: 3 }],
    ]);
    expect(table.open).toBe(1);
    expect(table.retired).toBe(1);
    // finish() returns the retired record as it was made
    expect(table.finish()[0]).toBe(evicted[0]);
  });

  it('a RST ends a conversation too; one FIN alone does not', () => {
    const { table } = run([
      ...HS,
      { t: 1, from: 'c', seq: 101, ack: 901, flags: 'FA' },
      { t: 1, from: 'c', seq: 1, flags: 'S', client: OTHER },
      { t: 1.1, from: 's', seq: 0, ack: 2, flags: 'RA', client: OTHER },
      { t: 10, from: 'c', seq: 1, flags: 'S', client: { addr: '10.0.0.7', port: 1 } },
    ]);
    expect(table.retired).toBe(1);
    expect(table.open).toBe(2);
    expect(table.finish().map((r) => [r.id, r.close.kind])).toEqual([
      [1, 'fin'],
      [2, 'refused'],
      [3, 'open'],
    ]);
  });

  it('a late segment after the grace period is counted on its ended conversation, not a new one', () => {
    const { table, out } = run([...CLOSE, { t: 9, from: 's', seq: 901, ack: 112, flags: 'FA' }]);
    const late = out[out.length - 1]!;
    expect(late.conversation).toBe(1);
    expect(late.stream).toBe(0);
    expect(late.direction).toBe('s2c');
    expect(late.tcp).toEqual({ seq: 1, ack: 12, nextseq: 2 });
    expect(late.notes).toEqual([{ code: 'conversation.late', severity: 'note', params: { grace: RETIRE_GRACE } }]);
    expect(table.lateFrames).toBe(1);
    const recs = table.finish();
    expect(recs).toHaveLength(1);
    expect(recs[0]!.packets).toEqual({ c2s: 5, s2c: 3 });
    expect(recs[0]!.last).toBe(8);
    expect(recs[0]!.duration).toBe(9);
    expect(text('conversation.late', { grace: RETIRE_GRACE })).toContain(`${RETIRE_GRACE} s`);
  });

  it('a SYN with a new ISN on a retired 4-tuple is a new conversation flagged reused_ports, as before', () => {
    const { out, table } = run([...CLOSE, { t: 20, from: 'c', seq: 7000, flags: 'S' }]);
    const syn = out[out.length - 1]!;
    expect(syn.conversation).toBe(2);
    expect(syn.stream).toBe(1);
    expect(syn.tcp!.analysis).toEqual(['reused_ports']);
    expect(table.finish().map((r) => [r.id, r.state])).toEqual([
      [1, 'SF'],
      [2, 'S0'],
    ]);
  });

  it(`a conversation idle for ${IDLE_TIMEOUT} s is retired with conversation.idle; a later frame starts a new one`, () => {
    const { table, out } = run([
      ...HS,
      { t: 1, from: 'c', seq: 101, ack: 901, flags: 'PA', len: 10 },
      { t: 2 + IDLE_TIMEOUT, from: 'c', seq: 1, flags: 'S', client: OTHER },
      { t: 20 + IDLE_TIMEOUT, from: 'c', seq: 111, ack: 901, flags: 'PA', len: 10 },
    ]);
    expect(out[out.length - 1]!.conversation).toBe(3);
    const recs = table.finish();
    expect(recs.map((r) => [r.id, r.roles_by])).toEqual([
      [1, 'syn'],
      [2, 'syn'],
      [3, 'port'],
    ]);
    expect(recs[0]!.notes.map((n) => [n.code, n.params])).toEqual([['conversation.idle', { idle: IDLE_TIMEOUT }]]);
    expect(text('conversation.idle', { idle: IDLE_TIMEOUT }, 'id')).toContain(`${IDLE_TIMEOUT} detik`);
  });

  it('the application layer gets the retired record (onEvict → AppLayer.evict) and drops its session', () => {
    const app = new AppLayer(SESSION_PROTOCOLS, { frames: false });
    const table = new ConversationTable({ streams: app.factory, onEvict: (r) => app.evict(r) });
    const WEB = { addr: '10.9.0.3', port: 80 };
    const segs: Seg[] = [
      ...CLOSE.map((s) => ({ ...s, server: WEB })),
      { t: 30, from: 'c', seq: 1, flags: 'S', client: OTHER },
    ];
    segs.forEach((s, i) => {
      const input = tcpInput(i + 1, s);
      app.endFrames();
      table.advance(input);
      app.begin(i + 1, input.tsSec!, input.tsNsec!);
      table.onFrame(input);
    });
    const probe = { id: 1, notes: [] } as unknown as ConversationRecord;
    app.describe(probe);
    expect(probe.app).toBeUndefined();
    app.endFrames();
    const recs = table.finish();
    app.finish(recs);
    expect(recs[0]!.app).toBe('http');
  });
});
