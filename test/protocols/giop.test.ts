import { describe, expect, it } from 'vitest';
import {
  decode,
  decodeHeader,
  decodeIorString,
  frame,
  looksLikeGiop,
  printableKey,
  readIor,
} from '../../src/protocols/giop/decode.js';
import type { GiopMessage } from '../../src/protocols/giop/types.js';
import { fromHex, Reader } from '../../src/protocols/reader.js';
import {
  CANCEL_11,
  CLOSE_12,
  FRAGMENT_12,
  GIOP_VECTORS,
  LOCATE_REPLY_12,
  LOCATE_REQ_10,
  MSGERR_10,
  REPLY_12_LE,
  REPLY_SYSEX,
  REQ_10_BE,
  REQ_12_LE,
} from './giop.vectors.js';
import { FIXTURES, HAVE_TSHARK, lazy, peersLog, prefixes, tcpPdus, tcpSegments, tsharkAll } from './streams.js';

function ok(b: Uint8Array): GiopMessage {
  const d = decode(b);
  if (d.kind !== 'ok') throw new Error(`expected ok, got ${JSON.stringify(d)}`);
  return d.message;
}
describe('GIOP byte vectors', () => {
  it('GIOP 1.0 big-endian Request', () => {
    const m = ok(REQ_10_BE);
    expect(m.kind).toBe('Request');
    if (m.kind !== 'Request') return;
    expect(m.header).toMatchObject({ major: 1, minor: 0, littleEndian: false, type: 0, size: 58 });
    expect(m.requestId).toBe(2);
    expect(m.responseExpected).toBe(true);
    expect(m.responseFlags).toBeUndefined();
    expect(m.target.kind === 'key' && printableKey(m.target.objectKey)).toBe('NameService');
    expect(m.target.kind === 'key' && m.target.span).toEqual({ offset: 28, length: 11 });
    expect(m.operation).toBe('_is_a');
    expect(m.operationSpan).toEqual({ offset: 44, length: 5 });
    expect(m.principalLength).toBe(0);
    expect(m.body).toEqual({ offset: 56, length: 14 });
  });

  it('GIOP 1.2 little-endian Request with KeyAddr target', () => {
    const m = ok(REQ_12_LE);
    if (m.kind !== 'Request') throw new Error(m.kind);
    expect(m.header.littleEndian).toBe(true);
    expect(m.requestId).toBe(4);
    expect(m.responseFlags).toBe(3);
    expect(m.responseExpected).toBe(true);
    expect(m.target.kind).toBe('key');
    expect(m.target.kind === 'key' && [...m.target.objectKey]).toEqual([1, 2, 3]);
    expect(m.operation).toBe('sayHello');
    expect(m.serviceContexts).toEqual([]);
    expect(m.body).toEqual({ offset: 52, length: 0 });
  });

  it('a GIOP 1.2 oneway Request (response_flags 0) expects no reply', () => {
    const b = REQ_12_LE.slice();
    b[16] = 0;
    const m = ok(b);
    expect(m.kind === 'Request' && m.responseExpected).toBe(false);
  });

  it('GIOP 1.2 Reply: the result is aligned to 8 from the start of the message', () => {
    const m = ok(REPLY_12_LE);
    if (m.kind !== 'Reply') throw new Error(m.kind);
    expect(m.requestId).toBe(4);
    expect(m.statusName).toBe('NO_EXCEPTION');
    expect(m.body).toEqual({ offset: 24, length: 7 });
  });

  it('SYSTEM_EXCEPTION reply: exception id, minor, completion status', () => {
    const m = ok(REPLY_SYSEX);
    if (m.kind !== 'Reply') throw new Error(m.kind);
    expect(m.statusName).toBe('SYSTEM_EXCEPTION');
    expect(m.systemException).toEqual({
      exceptionId: 'IDL:omg.org/CORBA/OBJECT_NOT_EXIST:1.0',
      minor: 0x4f4d0001,
      completed: 1,
    });
  });

  it('LocateRequest / LocateReply / CloseConnection / MessageError / CancelRequest / Fragment', () => {
    const lr = ok(LOCATE_REQ_10);
    expect(lr.kind === 'LocateRequest' && lr.requestId).toBe(5);
    expect(lr.kind === 'LocateRequest' && lr.target.kind === 'key' && printableKey(lr.target.objectKey)).toBe('ab');
    const lp = ok(LOCATE_REPLY_12);
    expect(lp.kind === 'LocateReply' && [lp.requestId, lp.statusName]).toEqual([5, 'OBJECT_HERE']);
    expect(ok(CLOSE_12).kind).toBe('CloseConnection');
    expect(ok(MSGERR_10).kind).toBe('MessageError');
    const c = ok(CANCEL_11);
    expect(c.kind === 'CancelRequest' && c.requestId).toBe(9);
    const f = ok(FRAGMENT_12);
    expect(f.kind === 'Fragment' && [f.requestId, f.body, f.header.moreFragments]).toEqual([
      7,
      { offset: 16, length: 3 },
      true,
    ]);
  });

  it('framing: need the header, then 12 + size bytes; bad magic and huge sizes are malformed', () => {
    expect(frame(REQ_10_BE, 0, 5)).toEqual({ kind: 'need', atLeast: 12 });
    expect(frame(REQ_10_BE, 0, 20)).toEqual({ kind: 'need', atLeast: 70 });
    expect(frame(REQ_10_BE, 0, 70)).toEqual({ kind: 'pdu', length: 70 });
    expect(frame(fromHex('47 49 4f 51'), 0, 4)).toMatchObject({ kind: 'malformed', code: 'giop.magic.bad' });
    expect(frame(fromHex('47 49 4f 50 01 02 00 00 7f ff ff ff'), 0, 12)).toMatchObject({
      kind: 'malformed',
      code: 'giop.size.too_large',
    });
    expect(looksLikeGiop(REQ_12_LE)).toBe('yes');
    expect(looksLikeGiop(REQ_12_LE.subarray(0, 3))).toBe('need');
    expect(looksLikeGiop(fromHex('49 63 65 50 01 00 01 00'))).toBe('no');
  });

  it.each([
    ['giop.magic.bad', fromHex('47 49 4f 58 01 00 00 00 00 00 00 00')],
    ['giop.type.unknown', fromHex('47 49 4f 50 01 02 00 08 00 00 00 00')],
    // object key length 0x10 runs past the declared size 10 (the message itself is complete)
    ['giop.field.past_end', fromHex('47 49 4f 50 01 00 00 03 00 00 00 0a 00 00 00 05 00 00 00 10 61 62')],
    // TargetAddress disposition 5
    ['giop.target.unknown', fromHex('47 49 4f 50 01 02 01 03 08 00 00 00 01 00 00 00 05 00 00 00')],
  ])('malformed %s', (code, b) => {
    const d = decode(b);
    expect(d.kind).toBe('malformed');
    expect(d.kind === 'malformed' && d.code).toBe(code);
  });

  it('version 1.3+ and GIOP 1.0 fragments are unsupported, with the header', () => {
    const d = decode(fromHex('47 49 4f 50 01 04 00 05 00 00 00 00'));
    expect(d).toMatchObject({ kind: 'unsupported', code: 'giop.version.unsupported', message: { minor: 4 } });
    expect(decode(fromHex('47 49 4f 50 01 00 00 07 00 00 00 00'))).toMatchObject({ code: 'giop.fragment.v10' });
  });

  it('every prefix: truncated (with the header once it is there, with the message once its fields are)', () => {
    for (const v of GIOP_VECTORS) {
      for (const p of prefixes(v)) {
        const d = decode(p);
        if (p.length === v.length) expect(d.kind).toBe('ok');
        else {
          expect(d.kind, `${p.length} of ${v.length}`).toBe('truncated');
          if (p.length >= 12 && d.kind === 'truncated') expect(d.message).toBeDefined();
        }
      }
    }
    expect(decodeHeader(REQ_10_BE.subarray(0, 11))).toBeUndefined();
  });

  it('a stringified IOR: type id and the IIOP profile (host, port, key)', () => {
    // IOR:<hex of an encapsulation>: little-endian; "IDL:A:1.0"; one TAG_INTERNET_IOP profile 1.0
    // to 10.0.0.1:2809 with object key 61 62
    const enc = fromHex(`
      01 00 00 00          # byte order little-endian + pad
      0a 00 00 00 49 44 4c 3a 41 3a 31 2e 30 00   # type id "IDL:A:1.0"
      00 00                # pad to 20
      01 00 00 00          # 1 profile
      00 00 00 00          # tag 0 TAG_INTERNET_IOP
      1a 00 00 00          # profile data: 26 bytes (an encapsulation)
        01                 #   little-endian
        01 00              #   IIOP 1.0
        00                 #   pad to 4
        09 00 00 00 31 30 2e 30 2e 30 2e 31 00   # host "10.0.0.1"
        00                 #   pad to 18
        f9 0a              #   port 2809
        02 00 00 00 61 62  #   object key "ab"
    `);
    const hex = [...enc].map((x) => x.toString(16).padStart(2, '0')).join('');
    const ior = decodeIorString(`IOR:${hex}`);
    expect(ior?.typeId).toBe('IDL:A:1.0');
    expect(ior?.profiles[0]).toMatchObject({ tag: 0, major: 1, minor: 0, host: '10.0.0.1', port: 2809 });
    expect(decodeIorString('IOR:zz')).toBeUndefined();
    expect(decodeIorString('IOR:0100')).toBeUndefined();
  });
});

const CORBA = `${FIXTURES}/course-corba.pcap`;

describe.skipIf(!HAVE_TSHARK)('GIOP over the real omniORB capture (course-corba.pcap), tshark as oracle', () => {
  const pdus = lazy(() => tcpPdus(tcpSegments(CORBA), (b, o, e) => frame(b, o, e)));
  const decoded = lazy(() => pdus().map((p) => ({ p, d: decode(p.bytes) })));

  it('every message decodes completely', () => {
    expect(pdus().length).toBeGreaterThanOrEqual(14);
    for (const { p, d } of decoded()) expect(d.kind, `frame ${p.frame}`).toBe('ok');
  });

  it('type, request id, operation and reply status agree with tshark, frame by frame', () => {
    const rows = tsharkAll(
      CORBA,
      ['frame.number', 'giop.type', 'giop.request_id', 'giop.request_op', 'giop.replystatus'],
      ['-Y', 'giop'],
    );
    expect(rows.length).toBe(decoded().length);
    for (const [i, row] of rows.entries()) {
      const { p, d } = decoded()[i]!;
      if (d.kind !== 'ok') throw new Error('not ok');
      const m = d.message;
      expect(p.frame).toBe(Number(row[0]));
      expect(m.header.type).toBe(Number(row[1]));
      if ('requestId' in m && m.requestId !== undefined) expect(m.requestId).toBe(Number(row[2]));
      if (m.kind === 'Request') expect(m.operation).toBe(row[3]);
      if (m.kind === 'Reply') expect(m.status).toBe(Number(row[4]));
    }
  });

  it('the course calls are there: _is_a, rebind, resolve, LocateRequest, sayHello x 2, CloseConnection', () => {
    const ops = decoded().flatMap(({ d }) =>
      d.kind === 'ok' && d.message.kind === 'Request' ? [d.message.operation] : [],
    );
    expect(ops).toEqual(['_is_a', 'rebind', '_is_a', 'resolve', 'sayHello', 'sayHello']);
    const kinds = decoded().map(({ d }) =>
      d.kind === 'ok' ? `${d.message.kind} ${d.message.header.major}.${d.message.header.minor}` : d.kind,
    );
    expect(kinds).toContain('LocateRequest 1.2');
    expect(kinds).toContain('LocateReply 1.2');
    expect(kinds.at(-1)).toBe('CloseConnection 1.2');
    expect(kinds.filter((k) => k.endsWith('1.0')).length).toBe(8); // the naming service calls
  });

  it("the IOR in resolve's reply names the server's address and port (tshark: the TCP port of sayHello)", () => {
    const resolve = decoded().find(
      ({ d }) => d.kind === 'ok' && d.message.kind === 'Request' && d.message.operation === 'resolve',
    )!;
    const id = resolve.d.kind === 'ok' && resolve.d.message.kind === 'Request' ? resolve.d.message.requestId : -1;
    const reply = decoded().find(
      ({ p, d }) =>
        p.stream === resolve.p.stream && d.kind === 'ok' && d.message.kind === 'Reply' && d.message.requestId === id,
    )!;
    if (reply.d.kind !== 'ok' || reply.d.message.kind !== 'Reply') throw new Error('no reply');
    const r = new Reader(reply.p.bytes, reply.d.message.body.offset, reply.d.message.header.littleEndian);
    const ior = readIor(r, 0);
    expect(ior?.typeId).toBe('IDL:HelloApp/Hello:1.0');
    const iiop = ior?.profiles[0];
    const sayHello = decoded().find(
      ({ d }) => d.kind === 'ok' && d.message.kind === 'Request' && d.message.operation === 'sayHello',
    )!;
    expect(iiop && 'host' in iiop && `${iiop.host}:${iiop.port}`).toBe(sayHello.p.dst);
    // the same IOR as the one the client logged
    const logged = peersLog('course-corba.peers.jsonl').find((l) => l.peer === 'corba-client' && l.ior)?.ior as string;
    expect(decodeIorString(logged)).toEqual(ior);
  });
});
