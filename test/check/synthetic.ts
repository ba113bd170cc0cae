/**
 * Small hand-made models for unit tests of the spec evaluator: the evaluator only reads the JSON model,
 * so these exercise every rule without a capture (real captures are used in fixtures.test.ts).
 */
import type { AnalysisModel, ConversationRecord, FrameRecord } from '../../src/analysis/model.js';

export function frame(n: number, extra: Partial<FrameRecord> = {}): FrameRecord {
  return {
    n,
    ts: `2024-01-01T00:00:00.${String(n).padStart(6, '0')}Z`,
    rel: n / 1e6,
    caplen: 66,
    len: 66,
    protocols: ['eth', 'ip', 'tcp'],
    src: '10.0.0.1:40000',
    dst: '10.0.0.2:5555',
    summary: '',
    notes: [],
    ...extra,
  };
}

export function tcpFrame(
  n: number,
  flags: string[],
  extra: Partial<FrameRecord> = {},
  analysis?: string[],
): FrameRecord {
  const tcp: NonNullable<FrameRecord['tcp']> = {
    srcport: 40000,
    dstport: 5555,
    flags,
    seq: 0,
    ack: 0,
    seq_raw: 1000 + n,
    ack_raw: 0,
    len: 0,
    window: 64240,
    checksum_status: 'unverified',
  };
  if (analysis) tcp.analysis = analysis;
  return frame(n, { conversation: 1, tcp, ...extra });
}

export function arpFrame(n: number, op: 'request' | 'reply', extra: Partial<NonNullable<FrameRecord['arp']>> = {}) {
  return frame(n, {
    protocols: ['eth', 'arp'],
    src: '02:42:ac:12:00:03',
    dst: 'ff:ff:ff:ff:ff:ff',
    arp: {
      op,
      sender_mac: '02:42:ac:12:00:03',
      sender_ip: '10.0.0.1',
      target_mac: '00:00:00:00:00:00',
      target_ip: '10.0.0.2',
      ...extra,
    },
  });
}

export function conversation(id: number, extra: Partial<ConversationRecord> = {}): ConversationRecord {
  return {
    id,
    transport: 'tcp',
    stream: id - 1,
    client: '10.0.0.1:40000',
    server: '10.0.0.2:5555',
    handshake: { syn: [3], synack: [4], ack: 5 },
    close: { kind: 'fin', by: 'client', frames: [9, 10] },
    state: 'SF',
    history: 'ShADadFf',
    first: 3,
    last: 11,
    start: '2024-01-01T00:00:00.000003Z',
    duration: 0.5,
    packets: { c2s: 5, s2c: 4 },
    bytes: { c2s: 10, s2c: 10 },
    missed_bytes: 0,
    rtt: 0.0001,
    roles_by: 'syn',
    notes: [],
    ...extra,
  };
}

/** A REQ/REP conversation as the application layer describes it: 3 Hello → World pairs. */
export function reqrepMessages(pairs = 3, reply = 'World'): unknown[] {
  const msgs: unknown[] = [
    { frame: 6, frames: [6], dir: 'c2s', proto: 'zmtp', kind: 'greeting', mechanism: 'NULL' },
    { frame: 7, frames: [7], dir: 's2c', proto: 'zmtp', kind: 'greeting', mechanism: 'NULL' },
    {
      frame: 8,
      frames: [8],
      dir: 's2c',
      proto: 'zmtp',
      kind: 'command',
      name: 'READY',
      properties: { 'Socket-Type': 'REP' },
    },
  ];
  for (let i = 0; i < pairs; i++) {
    const f = 20 + 2 * i;
    const part = (v: string) => ({
      more: false,
      size: v.length,
      payload: { encoding: 'text', value: v, length: v.length },
    });
    msgs.push({
      frame: f,
      frames: [f],
      dir: 'c2s',
      proto: 'zmtp',
      kind: 'message',
      parts: [{ more: true, size: 0, payload: { encoding: 'text', value: '', length: 0 } }, part('Hello')],
      payload: { encoding: 'text', value: 'Hello', length: 5 },
      replied_by: f + 1,
    });
    msgs.push({
      frame: f + 1,
      frames: [f + 1],
      dir: 's2c',
      proto: 'zmtp',
      kind: 'message',
      parts: [{ more: true, size: 0, payload: { encoding: 'text', value: '', length: 0 } }, part(reply)],
      payload: { encoding: 'text', value: reply, length: reply.length },
      reply_to: f,
      latency: 0.1,
    });
  }
  return msgs;
}

export function model(parts: Partial<AnalysisModel> = {}): AnalysisModel {
  const frames = parts.frames ?? [];
  return {
    schema: 'pcap-explain/1',
    tool: { name: 'pcap-explain', version: '0.0.0-test' },
    capture: {
      file: 'synthetic.pcap',
      format: 'pcap',
      compressed: false,
      byte_order: 'le',
      linktypes: [1],
      frames: frames.length,
      start: frames.length ? frames[0]!.ts : null,
      end: frames.length ? frames[frames.length - 1]!.ts : null,
      duration: 0.5,
      bytes: frames.reduce((s, f) => s + f.len, 0),
      comments: [],
      warnings: [],
      damaged: false,
      ...(parts.capture ?? {}),
    },
    frames,
    conversations: parts.conversations ?? [],
  };
}

/** The REQ/REP lab in miniature: ARP, handshake, data, FIN teardown. */
export function reqrepModel(opts: { messages?: unknown[]; close?: ConversationRecord['close'] } = {}): AnalysisModel {
  const frames = [
    arpFrame(1, 'request'),
    arpFrame(2, 'reply'),
    tcpFrame(3, ['SYN']),
    tcpFrame(4, ['SYN', 'ACK'], { src: '10.0.0.2:5555', dst: '10.0.0.1:40000' }),
    tcpFrame(5, ['ACK']),
    tcpFrame(6, ['PSH', 'ACK']),
    tcpFrame(7, ['PSH', 'ACK']),
    tcpFrame(8, ['ACK']),
    tcpFrame(9, ['FIN', 'ACK']),
    tcpFrame(10, ['FIN', 'ACK'], { src: '10.0.0.2:5555', dst: '10.0.0.1:40000' }),
    tcpFrame(11, ['ACK']),
  ];
  const c: Partial<ConversationRecord> = {};
  if (opts.close) c.close = opts.close;
  if (opts.messages) {
    c.app = 'zmtp';
    c.pattern = 'REQ/REP';
    c.socket_types = { client: 'REQ', server: 'REP' };
    c.messages = opts.messages as ConversationRecord['messages'];
  }
  return model({ frames, conversations: [conversation(1, c)] });
}
