/**
 * The spec evaluator on synthetic models (test/check/synthetic.ts): every section of the spec language,
 * including the application-layer fields (app, pattern, messages), whether or not the real analysis
 * fills them in yet.
 */
import { describe, expect, it } from 'vitest';
import type { CheckResult, CheckSpec, MessageExpectation } from '../../src/check/index.js';
import { checkModel, parseSpec } from '../../src/check/index.js';
import { arpFrame, conversation, frame, model, reqrepMessages, reqrepModel, tcpFrame } from './synthetic.js';

function results(m: ReturnType<typeof model>, spec: CheckSpec | string): CheckResult[] {
  const s = typeof spec === 'string' ? parseSpec(spec) : spec;
  return checkModel(m, s).results;
}
function byId(rs: CheckResult[], id: string): CheckResult {
  const r = rs.find((x) => x.id === id);
  if (!r) throw new Error(`no result ${id} in ${rs.map((x) => x.id).join(', ')}`);
  return r;
}

const ISSUE_EXAMPLE = `
conversations:
  - match: { server: ":5555" }
    handshake: complete
    messages: [{ kind: message, dir: c2s, payload: Hello, count: 3 }, { kind: message, dir: s2c, payload: World, count: 3 }]
    close: fin
`;

describe('the five-line REQ/REP example', () => {
  it('holds on a conversation with 3 Hello/World pairs and a FIN', () => {
    const r = checkModel(reqrepModel({ messages: reqrepMessages(3) }), parseSpec(ISSUE_EXAMPLE));
    expect(r.failures).toEqual([]);
    expect(r.exit).toBe(0);
    expect(r.total).toBe(5); // selects, handshake, 2 x messages, close
  });

  it('fails clearly when the replies are not World', () => {
    const r = checkModel(reqrepModel({ messages: reqrepMessages(3, 'Wereld') }), parseSpec(ISSUE_EXAMPLE));
    expect(r.exit).toBe(3);
    expect(r.failed).toBe(1);
    const f = byId(r.results, 'conversations[0].messages[1]');
    expect(f.expected).toBe('exactly 3 messages');
    expect(f.actual).toBe('0 messages');
    expect(f.details).toEqual([
      'kind: message keeps 6 of 9',
      'dir: s2c keeps 3 of 6',
      'payload: World keeps 0 of 3',
      '  payload of those 3: Wereld ×3',
    ]);
    expect(r.failures[0]).toContain(
      'messages {kind: message, dir: s2c, payload: World}: expected exactly 3 messages, actual 0 messages',
    );
  });

  it('fails clearly when the connection was reset', () => {
    const m = reqrepModel({ messages: reqrepMessages(3), close: { kind: 'rst', by: 'server', frames: [10] } });
    const f = byId(checkModel(m, parseSpec(ISSUE_EXAMPLE)).results, 'conversations[0].close');
    expect(f).toMatchObject({ ok: false, expected: 'fin', actual: 'rst by server', frames: [10] });
  });

  it('says the application layer is missing when the model has no messages', () => {
    const r = checkModel(reqrepModel(), parseSpec(ISSUE_EXAMPLE));
    const f = byId(r.results, 'conversations[0].messages[0]');
    expect(f.ok).toBe(false);
    expect(f.actual).toMatch(/no messages in the model/);
    expect(byId(r.results, 'conversations[0].handshake').ok).toBe(true);
  });
});

describe('conversations: selection', () => {
  const m = model({
    conversations: [
      conversation(1, { client: '10.0.0.3:40000', server: '10.0.0.2:5555' }),
      conversation(2, { client: '10.0.0.4:40001', server: '10.0.0.2:5555', app: 'zmtp' }),
      conversation(3, { client: '10.0.0.5:40002', server: '10.0.0.9:1883', app: 'mqtt' }),
    ],
  });
  it.each([
    [{ server: ':5555' }, [1, 2]],
    [{ server: '10.0.0.2' }, [1, 2]],
    [{ server: '10.0.0.9:1883' }, [3]],
    [{ client: '10.0.0.4' }, [2]],
    [{ endpoint: '10.0.0.5' }, [3]],
    [{ endpoint: ':1883' }, [3]],
    [{ app: 'mqtt' }, [3]],
    [{ app: 'zmtp', server: ':5555' }, [2]],
    [{ id: { min: 2 } }, [2, 3]],
    [{ server: ':9999' }, []],
  ])('match %j selects %j', (match, ids) => {
    const r = byId(results(m, { conversations: [{ match, count: ids.length }] }), 'conversations[0].match');
    expect(r.conversations ?? []).toEqual(ids);
    expect(r.ok).toBe(true);
  });

  it('without count: at least one; a miss lists the conversations there are', () => {
    const r = byId(results(m, { conversations: [{ match: { server: ':9999' } }] }), 'conversations[0].match');
    expect(r.ok).toBe(false);
    expect(r.expected).toBe('at least 1 conversation matching {server: :9999}');
    expect(r.actual).toBe('no conversation');
    expect(r.details?.[0]).toContain('#3 10.0.0.5:40002 → 10.0.0.9:1883');
  });

  it('count, min and max', () => {
    expect(
      byId(results(m, { conversations: [{ match: { server: ':5555' }, count: 3 }] }), 'conversations[0].match'),
    ).toMatchObject({
      ok: false,
      expected: 'exactly 3 conversations matching {server: :5555}',
    });
    expect(byId(results(m, { conversations: [{ min: 3 }] }), 'conversations[0].match').ok).toBe(true);
    expect(byId(results(m, { conversations: [{ max: 2 }] }), 'conversations[0].match')).toMatchObject({
      ok: false,
      expected: 'at most 2 conversations',
    });
  });

  it('facts hold for every selected conversation; failures name the conversation', () => {
    const rs = results(m, { conversations: [{ match: { server: ':5555' }, client: '10.0.0.3' }] });
    const r = byId(rs, 'conversations[0].client');
    expect(r.ok).toBe(false);
    expect(r.actual).toBe('10.0.0.4:40001 (1 of 2)');
  });

  it('facts are not evaluated (and fail) when nothing is selected, unless none was allowed', () => {
    const a = results(m, { conversations: [{ match: { server: ':9999' }, state: 'SF' }] });
    expect(byId(a, 'conversations[0].state')).toMatchObject({
      ok: false,
      actual: '(not evaluated: no conversation selected)',
    });
    const b = results(m, { conversations: [{ match: { server: ':9999' }, count: 0, state: 'SF' }] });
    expect(byId(b, 'conversations[0].state').ok).toBe(true);
  });

  it('a name labels the entry', () => {
    const r = results(m, { conversations: [{ name: 'broker', match: { server: ':1883' }, state: 'SF' }] });
    expect(byId(r, 'conversations[0].state').name).toBe('conversations[0] "broker" › state');
  });

  it('match on messages: conversations that have such a message', () => {
    const mm = model({
      conversations: [
        conversation(1, {
          messages: [{ frame: 5, frames: [5], dir: 'c2s', proto: 'http', kind: 'request', uri: '/add' }],
        }),
        conversation(2, {
          messages: [{ frame: 9, frames: [9], dir: 'c2s', proto: 'http', kind: 'request', uri: '/mul' }],
        }),
      ],
    });
    const r = byId(
      results(mm, { conversations: [{ match: { messages: { uri: '/mul' } }, count: 1 }] }),
      'conversations[0].match',
    );
    expect(r.conversations).toEqual([2]);
  });
});

describe('conversations: facts', () => {
  const partial = conversation(2, {
    handshake: { syn: [3], synack: [], ack: null },
    close: { kind: 'refused', by: 'server', frames: [4] },
    state: 'REJ',
  });
  const midstream = conversation(3, { handshake: null, close: { kind: 'open', by: null, frames: [] }, state: 'OTH' });
  const m = model({ conversations: [conversation(1), partial, midstream] });
  const one = (id: number, key: string, value: unknown) =>
    results(m, { conversations: [{ match: { id }, [key]: value }] }).find((r) => r.id === `conversations[0].${key}`)!;

  it.each([
    [1, 'handshake', 'complete', true, 'complete'],
    [2, 'handshake', 'partial', true, 'partial (SYN 3, SYN/ACK -, ACK -)'],
    [3, 'handshake', 'none', true, 'none'],
    [1, 'handshake', 'none', false, 'complete'],
    [2, 'handshake', { not: 'complete' }, true, 'partial (SYN 3, SYN/ACK -, ACK -)'],
    [1, 'handshake', { in: ['complete', 'partial'] }, true, 'complete'],
    [1, 'handshake', { ack: 5 }, true, '{syn: [3], synack: [4], ack: 5}'],
    [1, 'close', 'fin', true, 'fin by client'],
    [2, 'close', 'refused', true, 'refused by server'],
    [3, 'close', 'open', true, 'open'],
    [1, 'close', 'rst', false, 'fin by client'],
    [1, 'close', { kind: 'fin', by: 'server' }, false, '{kind: fin, by: client, frames: [9, 10]}'],
    [1, 'state', 'SF', true, 'SF'],
    [1, 'state', '/^S[F0]$/', true, 'SF'],
    [1, 'history', 'ShADadFf', true, 'ShADadFf'],
    [1, 'packets', 9, true, '9 (c2s 5, s2c 4)'],
    [1, 'packets', { min: 10 }, false, '9 (c2s 5, s2c 4)'],
    [1, 'packets', { c2s: 5 }, true, '{c2s: 5, s2c: 4}'],
    [1, 'bytes', 20, true, '20 (c2s 10, s2c 10)'],
    [1, 'bytes.s2c', { gt: 5 }, true, '10'],
    [1, 'transport', 'tcp', true, 'tcp'],
    [1, 'rtt', { max: 0.01 }, true, '0.0001'],
  ])('#%i %s: %j → %s (%s)', (id, key, value, ok, actual) => {
    const r = one(id, key, value);
    expect(r.ok).toBe(ok);
    expect(r.actual).toBe(actual);
  });

  it('handshake and close name their frames', () => {
    expect(one(1, 'handshake', 'complete').frames).toEqual([3, 4, 5]);
    expect(one(1, 'close', 'fin').frames).toEqual([9, 10]);
  });

  it('an application field on a model without the application layer says so', () => {
    const r = one(1, 'app', 'zmtp');
    expect(r.ok).toBe(false);
    expect(r.actual).toBe('(absent: no application-layer fields in this model)');
  });

  it('application fields when they are there: app, pattern, socket_types', () => {
    const mm = reqrepModel({ messages: reqrepMessages(1) });
    const rs = results(mm, {
      conversations: [
        {
          app: 'zmtp',
          pattern: 'REQ/REP',
          socket_types: { client: 'REQ', server: 'REP' },
          'socket_types.server': 'REP',
        },
      ],
    });
    expect(rs.every((r) => r.ok)).toBe(true);
    const bad = results(mm, { conversations: [{ pattern: 'PUB/SUB' }] });
    expect(byId(bad, 'conversations[0].pattern')).toMatchObject({ ok: false, actual: 'REQ/REP' });
  });
});

describe('messages', () => {
  const mm = reqrepModel({ messages: reqrepMessages(3) });
  const msg = (item: Record<string, unknown>) =>
    byId(results(mm, { conversations: [{ messages: item as MessageExpectation }] }), 'conversations[0].messages');

  it.each([
    [{ kind: 'message', count: 6 }, true, '6 messages'],
    [{ kind: 'message', dir: 'c2s', payload: 'Hello', count: 3 }, true, '3 messages'],
    [{ kind: 'message', payload: '/^(Hello|World)$/', count: 6 }, true, '6 messages'],
    [{ kind: 'greeting', mechanism: 'NULL', min: 2 }, true, '2 messages'],
    [{ kind: 'command', name: 'READY', 'properties.Socket-Type': 'REP', count: 1 }, true, '1 message'],
    [{ kind: 'message', parts: { length: 2 }, count: 6 }, true, '6 messages'],
    [{ kind: 'message', parts: { payload: 'Hello' }, count: 3 }, true, '3 messages'],
    [{ kind: 'message', 'parts.1.payload': 'World', count: 3 }, true, '3 messages'],
    [{ dir: 'c2s', replied_by: { exists: true }, count: 3 }, true, '3 messages'],
    [{ reply_to: 20, payload: 'World' }, true, '1 message'], // default: at least one
    [{ kind: 'PUBLISH' }, false, '0 messages'],
    [{ kind: 'message', max: 5 }, false, '6 messages'],
    [{ kind: 'message', min: 1, max: 6 }, true, '6 messages'],
    [{ kind: 'message', dir: 's2c', count: 0 }, false, '3 messages'],
    [{ kind: 'error', count: 0 }, true, '0 messages'],
  ])('%j → %s (%s)', (item, ok, actual) => {
    const r = msg(item);
    expect(r.ok).toBe(ok);
    expect(r.actual).toBe(actual);
  });

  it('names the frames of the counted messages', () => {
    expect(msg({ kind: 'message', dir: 'c2s' }).frames).toEqual([20, 22, 24]);
  });

  it('a list gives one result per item', () => {
    const rs = results(mm, { conversations: [{ messages: [{ kind: 'greeting' }, { kind: 'command' }] }] });
    expect(rs.map((r) => r.id)).toEqual([
      'conversations[0].match',
      'conversations[0].messages[0]',
      'conversations[0].messages[1]',
    ]);
  });

  it('failure details name the values the failing filter saw', () => {
    const r = msg({ kind: 'message', dir: 'c2s', payload: 'Halo', count: 3 });
    expect(r.details).toEqual([
      'kind: message keeps 6 of 9',
      'dir: c2s keeps 3 of 6',
      'payload: Halo keeps 0 of 3',
      '  payload of those 3: Hello ×3',
    ]);
  });

  it('JSON payloads match by their fields', () => {
    const m2 = model({
      conversations: [
        conversation(1, {
          app: 'http',
          messages: [
            {
              frame: 6,
              frames: [6],
              dir: 'c2s',
              proto: 'http',
              kind: 'request',
              method: 'GET',
              uri: '/add?a=5&b=9',
              params: { a: '5', b: '9' },
            },
            {
              frame: 10,
              frames: [8, 10],
              dir: 's2c',
              proto: 'http',
              kind: 'response',
              status: 200,
              payload: { encoding: 'json', value: { result: 14 }, length: 14 },
            },
          ],
        }),
      ],
    });
    const rs = results(m2, {
      conversations: [
        {
          messages: [
            { method: 'GET', uri: '/add?a=5&b=9', params: { a: 5, b: 9 }, count: 1 },
            { status: 200, payload: { result: 14 }, 'payload.encoding': 'json', count: 1 },
            { status: { min: 400 }, count: 0 },
          ],
        },
      ],
    });
    expect(rs.filter((r) => !r.ok)).toEqual([]);
    expect(byId(rs, 'conversations[0].messages[1]').frames).toEqual([8, 10]);
  });
});

describe('absent / present', () => {
  const m = model({
    frames: [
      arpFrame(1, 'request'),
      arpFrame(2, 'reply', { gratuitous: true }),
      tcpFrame(3, ['SYN']),
      tcpFrame(4, ['RST', 'ACK'], { conversation: 2 }),
      tcpFrame(5, ['PSH', 'ACK'], {}, ['retransmission', 'fast_retransmission']),
      tcpFrame(
        6,
        ['ACK'],
        {
          notes: [{ code: 'tcp.analysis.duplicate_ack', severity: 'note', text: '' }],
        },
        ['duplicate_ack'],
      ),
      tcpFrame(7, ['ACK'], { notes: [{ code: 'mqtt.malformed.varint_too_long', severity: 'error', text: '' }] }),
      frame(8, {
        protocols: ['eth', 'ip', 'icmp'],
        notes: [{ code: 'ip.checksum_bad.expert', severity: 'warn', text: '' }],
      }),
      tcpFrame(9, ['FIN', 'ACK']),
    ],
    conversations: [
      conversation(1, { app: 'mqtt', notes: [{ code: 'zmtp.sub.no_match', severity: 'warn', text: '' }] }),
      conversation(2, {
        handshake: { syn: [3], synack: [], ack: null },
        close: { kind: 'refused', by: 'server', frames: [4] },
      }),
      conversation(3, { close: { kind: 'rst', by: 'client', frames: [11] } }),
      conversation(4, { close: { kind: 'open', by: null, frames: [] }, handshake: null }),
      conversation(5, { transport: 'udp', close: { kind: 'open', by: null, frames: [] }, handshake: null }),
    ],
    capture: { warnings: [{ code: 'capture.truncated_record', text: '', offset: 99 }], damaged: true } as never,
  });
  const count = (token: string) => {
    const r = byId(results(m, { present: [{ what: token, min: 0 }] }), 'present[0]');
    return r.actual === 'none' ? 0 : Number(r.actual.split(' ')[0]);
  };

  it.each([
    ['rst', 1],
    ['syn', 1],
    ['fin', 1],
    ['refused', 1],
    ['reset', 1],
    ['open', 1], // the UDP flow is not counted
    ['partial_handshake', 1],
    ['midstream', 1],
    ['damaged', 1],
    ['capture_warning', 1],
    ['error', 1],
    ['warn', 2],
    ['retransmission', 1],
    ['fast_retransmission', 1],
    ['duplicate_ack', 1],
    ['lost_segment', 0],
    ['tcp.analysis.retransmission', 1],
    ['tcp.analysis.duplicate_ack', 1], // flag and note on the same frame count once
    ['tcp.analysis.*', 2],
    ['mqtt.malformed.varint_too_long', 1],
    ['mqtt.*', 1],
    ['zmtp.sub.no_match', 1],
    ['capture.truncated_record', 1],
    ['arp', 2],
    ['icmp', 1],
    ['mqtt', 5], // frames of the conversation whose app is mqtt
    ['udp', 0],
  ])('%s occurs %i times', (token, n) => {
    expect(count(token)).toBe(n);
  });

  it('absent fails with the count and the frames', () => {
    const r = byId(results(m, { absent: ['rst', 'lost_segment'] }), 'absent[0]');
    expect(r).toMatchObject({ ok: false, expected: 'none', actual: '1 frame in conversation #2', frames: [4] });
    expect(byId(results(m, { absent: ['lost_segment'] }), 'absent[0]')).toMatchObject({ ok: true, actual: 'none' });
  });

  it('present with a count', () => {
    expect(byId(results(m, { present: [{ what: 'arp', count: 2 }] }), 'present[0]')).toMatchObject({
      ok: true,
      expected: 'exactly 2 frames',
    });
    expect(byId(results(m, { present: [{ what: 'arp', count: 3 }] }), 'present[0]').ok).toBe(false);
    expect(byId(results(m, { present: ['refused'] }), 'present[0]')).toMatchObject({
      ok: true,
      expected: 'at least 1 conversation',
      actual: '1 conversation (#2)',
    });
  });

  it('scoped to a conversation entry', () => {
    const rs = results(m, {
      conversations: [
        { match: { id: 1 }, absent: ['rst'], present: ['zmtp.sub.no_match', 'retransmission'] },
        { match: { id: 2 }, present: ['rst', 'refused'], absent: ['retransmission'] },
      ],
    });
    expect(rs.filter((r) => !r.ok)).toEqual([]);
  });
});

describe('frames', () => {
  const m = model({
    frames: [
      arpFrame(1, 'request'),
      arpFrame(2, 'reply'),
      tcpFrame(3, ['SYN']),
      tcpFrame(4, ['SYN', 'ACK']),
      tcpFrame(5, ['ACK']),
    ],
  });
  it.each([
    [{ n: 1, arp: 'request' }, 'frames[0].arp', true, 'request'],
    [{ n: 2, arp: 'request' }, 'frames[0].arp', false, 'reply'],
    [{ n: 3, arp: 'request' }, 'frames[0].arp', false, 'not ARP (eth/ip/tcp)'],
    [{ n: 2, arp: { not: 'request' } }, 'frames[0].arp', true, 'reply'],
    [{ n: 1, 'arp.target_ip': '10.0.0.2' }, 'frames[0].arp.target_ip', true, '10.0.0.2'],
    [{ n: 1, protocols: ['eth', 'arp'] }, 'frames[0].protocols', true, '[eth, arp]'],
    [{ n: 1, protocols: 'arp' }, 'frames[0].protocols', true, '[eth, arp]'],
    [{ n: 4, 'tcp.flags': ['ACK', 'SYN'] }, 'frames[0].tcp.flags', true, '[SYN, ACK]'],
    [{ n: 4, 'tcp.flags': ['SYN'] }, 'frames[0].tcp.flags', false, '[SYN, ACK]'],
    [{ n: 4, 'tcp.flags': 'SYN' }, 'frames[0].tcp.flags', true, '[SYN, ACK]'],
    [{ n: 4, flags: ['SYN', 'ACK'] }, 'frames[0].flags', true, '[SYN, ACK]'],
    [{ n: 3, conversation: 1 }, 'frames[0].conversation', true, '1'],
  ])('%j', (entry, id, ok, actual) => {
    const r = byId(results(m, { frames: [entry] }), id);
    expect(r.ok).toBe(ok);
    expect(r.actual).toBe(actual);
    expect(r.frames).toEqual([entry.n]);
  });

  it('a frame that does not exist', () => {
    const rs = results(m, { frames: [{ n: 9, arp: 'request' }] });
    expect(byId(rs, 'frames[0].select')).toMatchObject({
      ok: false,
      expected: 'frame 9',
      actual: 'no frame (no frame 9: the capture has 5 frames)',
    });
    expect(byId(rs, 'frames[0].arp')).toMatchObject({ ok: false, actual: '(not evaluated: no frame selected)' });
  });

  it('a list of frames: every one must hold; failures are named', () => {
    const r = byId(results(m, { frames: [{ n: [3, 4, 5], 'tcp.flags': 'SYN' }] }), 'frames[0].tcp.flags');
    expect(r.ok).toBe(false);
    expect(r.actual).toBe('[ACK] (1 of 3)');
    expect(r.frames).toEqual([5]);
  });

  it('match + count', () => {
    const rs = results(m, { frames: [{ match: { protocols: 'arp' }, count: 2, 'eth.type': { exists: false } }] });
    expect(byId(rs, 'frames[0].select')).toMatchObject({
      ok: true,
      expected: 'exactly 2 frames matching {protocols: arp}',
    });
    expect(rs.every((r) => r.ok)).toBe(true);
    expect(byId(results(m, { frames: [{ match: { 'tcp.flags': 'RST' }, count: 0 }] }), 'frames[0].select').ok).toBe(
      true,
    );
    expect(byId(results(m, { frames: [{ match: { 'tcp.flags': 'RST' } }] }), 'frames[0].select').ok).toBe(false);
  });

  it('n as an operator: a range', () => {
    const rs = results(m, { frames: [{ n: { min: 3, max: 5 }, protocols: 'tcp', count: 3 }] });
    expect(rs.every((r) => r.ok)).toBe(true);
  });

  it('scoped absent/present on a frame', () => {
    const rs = results(m, { frames: [{ n: 3, present: ['syn'], absent: ['rst', 'arp'] }] });
    expect(rs.every((r) => r.ok)).toBe(true);
  });
});

describe('capture and model', () => {
  const m = reqrepModel();
  it.each([
    ['frames', 11, true, '11'],
    ['frames', { min: 12 }, false, '11'],
    ['format', 'pcap', true, 'pcap'],
    ['linktypes', [1], true, '[1]'],
    ['linktypes', 1, true, '[1]'],
    ['damaged', false, true, 'false'],
    ['conversations', 1, true, '1'],
    ['start', '/^2024-/', true, '2024-01-01T00:00:00.000001Z'],
    ['warnings', { length: 0 }, true, '[]'],
  ])('capture.%s = %j', (key, value, ok, actual) => {
    const r = byId(results(m, { capture: { [key]: value } }), `capture.${key}`);
    expect(r.ok).toBe(ok);
    expect(r.actual).toBe(actual);
  });

  it('model: any path of the whole model', () => {
    const rs = results(m, {
      model: { schema: 'pcap-explain/1', 'tool.name': 'pcap-explain', 'frames.length': 11, story: { exists: false } },
    });
    expect(rs.filter((r) => !r.ok)).toEqual([]);
  });
});

describe('report', () => {
  it('results follow the order of the spec', () => {
    const rs = results(reqrepModel(), 'absent: [rst]\ncapture: { frames: 11 }\nframes: [{ n: 1, arp: request }]\n');
    expect(rs.map((r) => r.id)).toEqual(['absent[0]', 'capture.frames', 'frames[0].arp']);
  });

  it('exit codes: 0 all hold, 3 some fail, 2 damaged unless the spec expects it', () => {
    const ok = reqrepModel();
    expect(checkModel(ok, { capture: { frames: 11 } }).exit).toBe(0);
    expect(checkModel(ok, { capture: { frames: 12 } }).exit).toBe(3);
    const damaged = model({ frames: [arpFrame(1, 'request')], capture: { damaged: true } as never });
    expect(checkModel(damaged, { capture: { frames: 1 } })).toMatchObject({
      exit: 2,
      ok: false,
      damage_expected: false,
    });
    expect(checkModel(damaged, { capture: { frames: 1, damaged: true } })).toMatchObject({
      exit: 0,
      ok: true,
      damage_expected: true,
    });
    expect(checkModel(damaged, { capture: { frames: 2, damaged: true } }).exit).toBe(3);
  });

  it('counts and failure lines', () => {
    const r = checkModel(reqrepModel(), { capture: { frames: 12, format: 'pcap' } });
    expect(r).toMatchObject({ total: 2, passed: 1, failed: 1, sources: ['(inline)'] });
    expect(r.failures).toEqual(['capture › frames: expected 12, actual 11']);
    expect(r.results[0]!.suite).toBe('spec');
  });

  it('several specs: each is its own suite', () => {
    const r = checkModel(reqrepModel(), [
      { name: 'a', capture: { frames: 11 } },
      { name: 'b', absent: ['rst'] },
    ]);
    expect(r.results.map((x) => x.suite)).toEqual(['a', 'b']);
  });
});
