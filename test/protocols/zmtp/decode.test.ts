import { describe, expect, it } from 'vitest';
import type { ZmtpFrame, ZmtpMessage, ZmtpState } from '../../../src/protocols/zmtp/decode.js';
import {
  decode,
  frame,
  looksLikeZmtp,
  newZmtpState,
  splitEnvelope,
  ZmtpMessageAssembler,
  zmtpPattern,
} from '../../../src/protocols/zmtp/decode.js';
import { cat, h, t } from '../../dissectors/app/util.js';
import {
  ERROR_CMD,
  GREETING_NULL,
  GREETING_PLAIN,
  GREETING_V2,
  LONG_FRAME,
  PING,
  PLAIN_HELLO,
  PONG,
  READY_REQ,
  REQ_DELIM,
  REQ_HELLO,
  SUB_MSG,
  SUBSCRIBE_WEATHER,
  V1_HELLO,
  V1_IDENTITY,
  V2_IDENTITY,
  VALID_STREAMS,
} from '../../dissectors/app/zmtp.vectors.js';

/** Frames then decodes a whole stream PDU by PDU (as the reassembly layer will). */
function run(stream: Uint8Array, state: ZmtpState = newZmtpState()) {
  const out: { message: ZmtpMessage; codes: string[] }[] = [];
  let off = 0;
  while (off < stream.length) {
    const f = frame(stream, off, stream.length, state);
    if (f.kind !== 'pdu') throw new Error(`unexpected ${JSON.stringify(f)} at ${off}`);
    const d = decode(stream.subarray(off, off + f.length), state);
    out.push({ message: d.message, codes: d.notes.map((n) => n.code) });
    off += f.length;
  }
  return out;
}

describe('zmtp greeting', () => {
  it('NULL greeting, framed as one 64-octet PDU', () => {
    const s = newZmtpState();
    expect(frame(GREETING_NULL, 0, 64, s)).toEqual({ kind: 'pdu', length: 64 });
    const d = decode(GREETING_NULL, s);
    expect(d.message).toMatchObject({
      kind: 'greeting',
      protocol: '3.1',
      major: 3,
      minor: 1,
      mechanism: 'NULL',
      as_server: false,
      padding: '0000000000000001',
      fields: { mechanism: { offset: 12, length: 20 } },
    });
    expect(d.notes).toEqual([]);
    expect(s).toMatchObject({ phase: 'traffic', framing: 'v3', protocol: '3.1', mechanism: 'NULL' });
  });

  it('libzmq pieces 10 + 1 + 53: need 10, then 11, then 64', () => {
    const s = newZmtpState();
    expect(frame(GREETING_NULL, 0, 0, s)).toEqual({ kind: 'need', atLeast: 1 });
    expect(frame(GREETING_NULL, 0, 1, s)).toEqual({ kind: 'need', atLeast: 10 });
    expect(frame(GREETING_NULL, 0, 10, s)).toEqual({ kind: 'need', atLeast: 11 });
    expect(frame(GREETING_NULL, 0, 11, s)).toEqual({ kind: 'need', atLeast: 64, whole: true });
    expect(frame(GREETING_NULL, 0, 63, s)).toEqual({ kind: 'need', atLeast: 64, whole: true });
  });

  it('PLAIN greeting and HELLO: username shown, password only as present + length', () => {
    const [g, hello] = run(cat(GREETING_PLAIN, PLAIN_HELLO));
    expect(g!.message).toMatchObject({ kind: 'greeting', mechanism: 'PLAIN', as_server: false });
    expect(hello!.message).toMatchObject({
      kind: 'command',
      name: 'HELLO',
      command: { kind: 'plain-hello', username: 'admin', password: { present: true, length: 6 } },
    });
    expect(JSON.stringify(hello!.message)).not.toContain('secret');
    expect(hello!.codes).toEqual(['zmtp.plain.cleartext_password']);
  });

  it('as-server with NULL, unknown mechanism, non-zero filler', () => {
    const g = GREETING_NULL.slice();
    g[32] = 1; // as-server 1 with NULL
    g[40] = 7; // filler byte
    const d = decode(g, newZmtpState());
    expect(d.notes.map((n) => n.code)).toEqual(['zmtp.as_server.invalid', 'zmtp.filler.nonzero']);
    const x = GREETING_NULL.slice();
    x.set(t('XYZZY'), 12);
    expect(decode(x, newZmtpState()).notes.map((n) => n.code)).toEqual(['zmtp.mechanism.unknown']);
    const y = GREETING_NULL.slice();
    y.set(t('nu ll'), 12);
    expect(decode(y, newZmtpState()).notes.map((n) => n.code)).toEqual(['zmtp.mechanism.invalid']);
  });

  it('ZMTP 2.0 peer: 12-octet greeting, socket type, identity frame, then 2.0 frames', () => {
    const r = run(cat(GREETING_V2, V2_IDENTITY, REQ_HELLO));
    expect(r[0]!.message).toEqual({
      kind: 'greeting-v2',
      protocol: '2.0',
      revision: 1,
      socket_type_code: 3,
      socket_type: 'REQ',
    });
    expect(r[0]!.codes).toEqual(['zmtp.version.2_0']);
    expect(r[1]!.message).toMatchObject({ kind: 'frame', framing: 'v2', identity: true, size: 0 });
    expect(r[2]!.message).toMatchObject({ kind: 'frame', framing: 'v2', identity: false, size: 5 });
  });

  it('ZMTP 3.0 greeting and a libzmq 3.x peer (revision 0: 2.0 greeting, 1.0 framing)', () => {
    const g30 = GREETING_NULL.slice();
    g30[11] = 0; // version-minor 0
    expect(decode(g30, newZmtpState()).message).toMatchObject({ protocol: '3.0', major: 3, minor: 0 });
    const s = newZmtpState();
    const r = run(cat(h('ff 0000000000000001 7f 00 05'), h('01 00'), h('06 00 48656c6c6f')), s); // revision 0, DEALER
    expect(r[0]!.message).toMatchObject({ kind: 'greeting-v2', revision: 0, socket_type: 'DEALER' });
    expect(r[2]!.message).toMatchObject({ kind: 'frame', framing: 'v1', size: 5 });
  });

  it('ZMTP 1.0 peer: no signature, length-prefixed frames', () => {
    const s = newZmtpState();
    const r = run(cat(V1_IDENTITY, V1_HELLO), s);
    expect(r[0]!.codes).toEqual(['zmtp.version.1_0']);
    expect(r[0]!.message).toMatchObject({ kind: 'frame', framing: 'v1', identity: true, size: 0 });
    const hello = r[1]!.message as ZmtpFrame;
    expect(hello).toMatchObject({ kind: 'frame', framing: 'v1', more: false, size: 5 });
    expect(new TextDecoder().decode(hello.body)).toBe('Hello');
    expect(s.protocol).toBe('1.0');
    // 1.0 with a long identity length: %xFF, 8-octet length, flags with the low bit clear.
    const long = h('ff 0000000000000003 00 6869');
    expect(frame(long, 0, long.length, newZmtpState())).toEqual({ kind: 'pdu', length: 12 });
  });

  it('looksLikeZmtp', () => {
    expect(looksLikeZmtp(GREETING_NULL.subarray(0, 10))).toBe('zmtp3');
    expect(looksLikeZmtp(GREETING_NULL)).toBe('zmtp3');
    expect(looksLikeZmtp(GREETING_V2)).toBe('zmtp2');
    expect(looksLikeZmtp(h('ff 0000000000000000 7e 03'))).toBeUndefined(); // low bit of byte 9 clear
    expect(looksLikeZmtp(t('GET / HTTP/1.1\r\n'))).toBeUndefined();
    expect(looksLikeZmtp(GREETING_NULL.subarray(0, 9))).toBeUndefined();
  });
});

describe('zmtp traffic', () => {
  it('READY with Socket-Type REQ and an empty Identity', () => {
    const s = newZmtpState({ midStream: true });
    const d = decode(READY_REQ, s);
    expect(d.message).toMatchObject({
      kind: 'command',
      name: 'READY',
      size: 38,
      name_range: { offset: 2, length: 6 },
      command: {
        kind: 'ready',
        socket_type: 'REQ',
        properties: [
          { name: 'Socket-Type', text: 'REQ', range: { offset: 8, length: 19 } },
          { name: 'Identity', text: '', range: { offset: 27, length: 13 } },
        ],
      },
    });
    expect(d.notes).toEqual([]);
    expect(s.socket_type).toBe('REQ');
  });

  it('READY with other properties keeps them in order', () => {
    // READY: Socket-Type "DEALER", Identity "id1", X-App "demo"
    const ready = h(
      '04 3a 05 5245414459' + // COMMAND, size 58, "READY"
        '0b 536f636b65742d54797065 00000006 4445414c4552' +
        '08 4964656e74697479 00000003 696431' +
        '05 582d417070 00000004 64656d6f',
    );
    const st = newZmtpState({ midStream: true });
    expect(frame(ready, 0, ready.length, st)).toEqual({ kind: 'pdu', length: ready.length });
    const d = decode(ready, st);
    expect(d.notes).toEqual([]);
    const m = d.message;
    if (m.kind !== 'command' || m.command.kind !== 'ready') throw new Error('not READY');
    expect(m.command.properties.map((p) => [p.name, p.text])).toEqual([
      ['Socket-Type', 'DEALER'],
      ['Identity', 'id1'],
      ['X-App', 'demo'],
    ]);
    expect(new TextDecoder().decode(m.command.identity)).toBe('id1');
  });

  it('two-part REQ message [empty delimiter, "Hello"] assembled', () => {
    const r = run(cat(GREETING_NULL, READY_REQ, REQ_DELIM, REQ_HELLO));
    const a = new ZmtpMessageAssembler();
    const delim = r[2]!.message as ZmtpFrame;
    const hello = r[3]!.message as ZmtpFrame;
    expect(delim).toMatchObject({ more: true, size: 0, first: true });
    expect(hello).toMatchObject({ more: false, size: 5, first: false });
    expect(a.push(delim, 7)).toBeUndefined();
    const m = a.push(hello, 7)!;
    expect(m.part_count).toBe(2);
    expect(m.parts.map((p) => [p.more, p.size])).toEqual([
      [true, 0],
      [false, 5],
    ]);
    expect(new TextDecoder().decode(splitEnvelope(m).body[0]!.payload)).toBe('Hello');
    expect(m).toMatchObject({ first_frame: 7, last_frame: 7, total_size: 5 });
  });

  it('long frame (8-octet size)', () => {
    const s = newZmtpState({ midStream: true });
    expect(frame(LONG_FRAME, 0, 9, s)).toEqual({ kind: 'need', atLeast: 309, whole: true });
    expect(frame(LONG_FRAME, 0, LONG_FRAME.length, s)).toEqual({ kind: 'pdu', length: 309 });
    expect(decode(LONG_FRAME, s).message).toMatchObject({
      kind: 'frame',
      long: true,
      size: 300,
      body_range: { offset: 9, length: 300 },
    });
  });

  it('SUBSCRIBE command (3.1) and 3.0-style subscription message', () => {
    const s = newZmtpState({ midStream: true });
    expect(decode(SUBSCRIBE_WEATHER, s).message).toMatchObject({
      kind: 'command',
      name: 'SUBSCRIBE',
      command: { kind: 'subscribe', topic_text: 'weather' },
    });
    const sub = newZmtpState({ midStream: true });
    decode(h('04 19 05 5245414459 0b 536f636b65742d54797065 00000003 535542'), sub); // READY Socket-Type SUB
    expect(sub.socket_type).toBe('SUB');
    expect(decode(SUB_MSG, sub).message).toMatchObject({
      kind: 'frame',
      subscription: { action: 'subscribe', topic_text: 'weather' },
    });
    expect(decode(h('00 01 00'), sub).message).toMatchObject({ subscription: { action: 'cancel', topic_text: '' } });
    // The same bytes from a PUB socket are an ordinary message.
    const pub = newZmtpState({ midStream: true });
    expect((decode(SUB_MSG, pub).message as ZmtpFrame).subscription).toBeUndefined();
  });

  it('PING / PONG / ERROR', () => {
    const s = newZmtpState({ midStream: true });
    const ping = decode(PING, s).message;
    expect(ping).toMatchObject({ kind: 'command', command: { kind: 'ping', ttl: 100 } });
    expect(decode(PONG, s).message).toMatchObject({ command: { kind: 'pong' } });
    const e = decode(ERROR_CMD, s);
    expect(e.message).toMatchObject({ command: { kind: 'error', reason: 'Invalid socket type' } });
    expect(e.notes.map((n) => n.code)).toEqual(['zmtp.error']);
  });

  it('CURVE commands show sizes only', () => {
    const s = newZmtpState({ midStream: true });
    s.mechanism = 'CURVE';
    const hello = cat(h('06 00000000000000c8 05 48454c4c4f 0100'), new Uint8Array(192)); // LONG|COMMAND, 200, "HELLO", v1.0
    expect(decode(hello, s).message).toMatchObject({
      command: { kind: 'curve-hello', data_length: 194, version: '1.0' },
    });
    const msg = cat(h('04 2a 07 4d455353414745'), new Uint8Array(34)); // "MESSAGE" + nonce + box
    expect(decode(msg, s).message).toMatchObject({ command: { kind: 'curve-message', data_length: 34 } });
    expect(decode(READY_REQ, s).message).toMatchObject({ command: { kind: 'curve-ready' } });
  });
});

describe('zmtp framer', () => {
  it('every split of every PDU: need until complete, then the same length', () => {
    for (const stream of VALID_STREAMS) {
      const state = newZmtpState();
      for (const pdu of stream) {
        for (let cut = 0; cut < pdu.length; cut++) {
          const f = frame(pdu, 0, cut, state);
          expect(f.kind, `cut ${cut} of ${pdu.length}`).toBe('need');
          if (f.kind === 'need') {
            expect(f.atLeast).toBeGreaterThan(cut);
            expect(f.atLeast).toBeLessThanOrEqual(pdu.length);
          }
        }
        // With trailing bytes of the next PDU present the answer is still the PDU's length.
        const withNext = cat(pdu, h('00 00 00'));
        expect(frame(withNext, 0, withNext.length, state)).toEqual({ kind: 'pdu', length: pdu.length });
        expect(frame(pdu, 0, pdu.length, state)).toEqual({ kind: 'pdu', length: pdu.length });
        decode(pdu, state);
      }
    }
  });

  it('framing at an offset inside a larger buffer', () => {
    const buf = cat(h('aa bb'), REQ_HELLO, h('cc'));
    expect(frame(buf, 2, 2 + REQ_HELLO.length, newZmtpState({ midStream: true }))).toEqual({ kind: 'pdu', length: 7 });
  });

  const errors: [string, string, ZmtpState][] = [
    ['zmtp.frame.too_long', '02 0000000004000001', newZmtpState({ midStream: true })], // 64 MiB + 1
    ['zmtp.frame.too_long', '02 ffffffffffffffff', newZmtpState({ midStream: true })], // beyond 2^53
    ['zmtp.frame.too_long', '06 0020000000000000', newZmtpState({ midStream: true })], // command of 2^53
    ['zmtp.frame.bad_length', '00 00', { ...newZmtpState({ midStream: true }), framing: 'v1' }], // 1.0 length 0
  ];
  it.each(errors)('%s ← %s', (code, bytes, state) => {
    const b = h(bytes);
    const f = frame(b, 0, b.length, state);
    expect(f).toMatchObject({ kind: 'malformed', code });
    if (f.kind === 'malformed') expect(f.skip).toBeGreaterThanOrEqual(1);
  });

  it('too_long skips the frame when its size is countable, the rest of the stream otherwise', () => {
    const s = newZmtpState({ midStream: true, maxFrame: 1000 });
    expect(frame(h('02 00000000000007d0'), 0, 9, s)).toEqual({
      kind: 'malformed',
      code: 'zmtp.frame.too_long',
      params: { size: '2000', max: 1000 },
      skip: 2009,
    });
    expect(frame(h('02 ffffffffffffffff'), 0, 9, s)).toMatchObject({ skip: Number.MAX_SAFE_INTEGER });
  });
});

describe('zmtp decode notes', () => {
  const cases: [string, string][] = [
    ['zmtp.flags.reserved', '80 00'], // reserved bit 7
    ['zmtp.command.more', '05 05 04 50 4f 4e 47'], // COMMAND|MORE "PONG"
    ['zmtp.command.malformed', '04 00'], // empty command
    ['zmtp.command.malformed', '04 05 04 50494e47'], // PING without TTL
    ['zmtp.command.unknown', '04 05 04 464f4f42'], // "FOOB"
    ['zmtp.metadata.malformed', '04 0c 05 5245414459 04 6e616d65 0000'], // READY, property cut in the length
    ['zmtp.metadata.malformed', '04 0e 05 5245414459 01 61 000000ff 00'], // value longer than the command
  ];
  it.each(cases)('%s ← %s', (code, bytes) => {
    const d = decode(h(bytes), newZmtpState({ midStream: true }));
    expect(d.notes.map((n) => n.code)).toContain(code);
  });
});

describe('zmtp patterns (RFC 37 table)', () => {
  it.each([
    ['REQ', 'REP', 'REQ/REP', 'request-reply', true],
    ['REP', 'REQ', 'REQ/REP', 'request-reply', true],
    ['SUB', 'PUB', 'PUB/SUB', 'publish-subscribe', true],
    ['XSUB', 'XPUB', 'XPUB/XSUB', 'publish-subscribe', true],
    ['PULL', 'PUSH', 'PUSH/PULL', 'pipeline', true],
    ['ROUTER', 'DEALER', 'DEALER/ROUTER', 'request-reply', true],
    ['DEALER', 'REP', 'DEALER/REP', 'request-reply', true],
    ['REQ', 'ROUTER', 'REQ/ROUTER', 'request-reply', true],
    ['PAIR', 'PAIR', 'PAIR/PAIR', 'exclusive-pair', true],
    ['REQ', 'REQ', 'REQ/REQ', 'request-reply', false],
    ['REQ', 'DEALER', 'REQ/DEALER', 'request-reply', false],
    ['PUB', 'PULL', 'PUB/PULL', 'unknown', false],
  ] as const)('%s + %s → %s', (a, b, label, pattern, compatible) => {
    const p = zmtpPattern(a, b);
    expect(p).toMatchObject({ label, pattern, compatible });
    expect(p.notes.map((n) => n.code)).toEqual(compatible ? [] : ['zmtp.socket_type.incompatible']);
  });
});
