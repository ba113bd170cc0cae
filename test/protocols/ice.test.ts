import { describe, expect, it } from 'vitest';
import { decode, frame, looksLikeIce } from '../../src/protocols/ice/decode.js';
import type { IceMessage } from '../../src/protocols/ice/types.js';
import { fromHex } from '../../src/protocols/reader.js';
import { BATCH, CLOSE, ICE_VECTORS, ONEWAY, REPLY, REPLY_ONE, REQUEST, VALIDATE } from './ice.vectors.js';
import { FIXTURES, HAVE_TSHARK, lazy, peersLog, prefixes, tcpPdus, tcpSegments, tsharkAll } from './streams.js';

function ok(b: Uint8Array): IceMessage {
  const d = decode(b);
  if (d.kind !== 'ok') throw new Error(`expected ok, got ${JSON.stringify(d)}`);
  return d.message;
}
describe('Ice byte vectors', () => {
  it('Request: id, identity, facet, operation, mode, context, encapsulation', () => {
    const m = ok(REQUEST);
    if (m.kind !== 'Request') throw new Error(m.kind);
    expect(m.header).toMatchObject({ protocolMajor: 1, protocolMinor: 0, type: 0, compression: 0, size: 59 });
    expect(m.requestId).toBe(1);
    expect(m.identity).toEqual({ name: 'SimplePrinter1', category: '' });
    expect(m.facet).toBe('');
    expect(m.operation).toBe('printString');
    expect(m.modeName).toBe('normal');
    expect(m.context).toEqual([]);
    expect(m.params).toEqual({ size: 10, major: 1, minor: 1, data: { offset: 55, length: 4 } });
  });

  it('oneway Request with facet and context', () => {
    const m = ok(ONEWAY);
    if (m.kind !== 'Request') throw new Error(m.kind);
    expect(m.requestId).toBe(0);
    expect(m.identity).toEqual({ name: 'a', category: 'c' });
    expect(m.facet).toBe('f');
    expect(m.modeName).toBe('idempotent');
    expect(m.context).toEqual([['k', 'v']]);
  });

  it('BatchRequest, Reply, Reply ObjectNotExist, ValidateConnection, CloseConnection', () => {
    const b = ok(BATCH);
    expect(b.kind === 'BatchRequest' && b.requests.map((r) => `${r.identity.name}.${r.operation}`)).toEqual([
      'a.op',
      'b.op',
    ]);
    const r = ok(REPLY);
    expect(r.kind === 'Reply' && [r.requestId, r.statusName, r.result?.size]).toEqual([1, 'Success', 6]);
    const n = ok(REPLY_ONE);
    expect(n.kind === 'Reply' && [n.statusName, n.missing]).toEqual([
      'ObjectNotExist',
      { identity: { name: 'x', category: '' }, facet: '', operation: 'op' },
    ]);
    expect(ok(VALIDATE).kind).toBe('ValidateConnection');
    const c = ok(CLOSE);
    expect(c.kind === 'CloseConnection' && c.header.compression).toBe(1);
  });

  it('framing and detection', () => {
    expect(frame(REQUEST, 0, 3)).toEqual({ kind: 'need', atLeast: 14 });
    expect(frame(REQUEST, 0, 14)).toEqual({ kind: 'need', atLeast: 59 });
    expect(frame(REQUEST, 0, 59)).toEqual({ kind: 'pdu', length: 59 });
    expect(frame(fromHex('49 63 65 51'), 0, 4)).toMatchObject({ kind: 'malformed', code: 'icep.magic.bad' });
    expect(frame(fromHex('49 63 65 50 01 00 01 00 03 00 0a 00 00 00'), 0, 14)).toMatchObject({ code: 'icep.size.bad' });
    expect(looksLikeIce(VALIDATE)).toBe('yes');
    expect(looksLikeIce(VALIDATE.subarray(0, 6))).toBe('need');
    expect(looksLikeIce(fromHex('47 49 4f 50 01 02 00 00 00 00'))).toBe('no');
  });

  it.each([
    ['icep.magic.bad', fromHex('49 63 65 58 01 00 01 00 03 00 0e 00 00 00')],
    ['icep.size.bad', fromHex('49 63 65 50 01 00 01 00 03 00 0d 00 00 00')],
    ['icep.type.unknown', fromHex('49 63 65 50 01 00 01 00 07 00 0e 00 00 00')],
    // the operation's size (0x20) runs past the message's declared size 20
    ['icep.field.past_end', fromHex('49 63 65 50 01 00 01 00 00 00 14 00 00 00 01 00 00 00 00 20')],
    // encapsulation size 2 (< its own 6-byte header)
    [
      'icep.encaps.bad',
      fromHex('49 63 65 50 01 00 01 00 00 00 20 00 00 00 01 00 00 00 01 61 00 00 01 6f 00 00 02 00 00 00 01 01'),
    ],
  ])('malformed %s', (code, b) => {
    expect(decode(b)).toMatchObject({ kind: 'malformed', code });
  });

  it('other versions and compressed messages are unsupported', () => {
    expect(decode(fromHex('49 63 65 50 02 00 01 00 03 00 0e 00 00 00'))).toMatchObject({
      kind: 'unsupported',
      code: 'icep.version.unsupported',
    });
    expect(decode(fromHex('49 63 65 50 01 00 01 00 02 02 0e 00 00 00'))).toMatchObject({ code: 'icep.compressed' });
  });

  it('every prefix is truncated (with the header once it is there)', () => {
    for (const v of ICE_VECTORS) {
      for (const p of prefixes(v)) {
        const d = decode(p);
        if (p.length === v.length) expect(d.kind).toBe('ok');
        else {
          expect(d.kind, `${p.length} of ${v.length}`).toBe('truncated');
          if (p.length >= 14 && d.kind === 'truncated') expect(d.message).toBeDefined();
        }
      }
    }
  });
});

const ICE = `${FIXTURES}/course-ice.pcap`;

describe.skipIf(!HAVE_TSHARK)('Ice over the real ZeroC Ice 3.7 capture (course-ice.pcap)', () => {
  const pdus = lazy(() => tcpPdus(tcpSegments(ICE), (b, o, e) => frame(b, o, e)));
  const msgs = lazy(() =>
    pdus().map((p) => {
      const d = decode(p.bytes);
      if (d.kind !== 'ok') throw new Error(`frame ${p.frame}: ${JSON.stringify(d)}`);
      return { p, m: d.message };
    }),
  );

  it('every message decodes; type, request id, identity and operation agree with tshark (-d tcp.port==11000,icep)', () => {
    const rows = tsharkAll(
      ICE,
      ['frame.number', 'icep.message_type', 'icep.request_id', 'icep.id.name', 'icep.operation', 'icep.message_status'],
      ['-d', 'tcp.port==11000,icep', '-Y', 'icep'],
    );
    expect(rows.length).toBe(msgs().length);
    for (const [i, row] of rows.entries()) {
      const { p, m } = msgs()[i]!;
      expect(p.frame).toBe(Number(row[0]));
      expect(m.header.type).toBe(Number(row[1]));
      if (m.kind === 'Request') {
        expect([m.requestId, m.identity.name, m.operation]).toEqual([Number(row[2]), row[3], row[4]]);
      }
      if (m.kind === 'BatchRequest') {
        expect(m.requests.map((r) => r.identity.name).join('|')).toBe(row[3]);
        expect(m.requests.map((r) => r.operation).join('|')).toBe(row[4]);
      }
      if (m.kind === 'Reply') expect(m.requestId).toBe(Number(row[2]));
      expect(m.header.size).toBe(Number(row[5])); // icep.message_status is Wireshark's name for the size
    }
  });

  it("every message agrees with Ice's own protocol trace in the peers log", () => {
    const sent = peersLog('course-ice.peers.jsonl').filter((l) => l.socket === 'Ice' && l.event === 'send');
    expect(sent.length).toBe(msgs().length);
    for (const [i, l] of sent.entries()) {
      const m = msgs()[i]!.m;
      expect(Number.parseInt(l.data['message type'], 10)).toBe(m.header.type);
      expect(Number(l.data['message size'])).toBe(m.header.size);
      expect(Number.parseInt(l.data['compression status'], 10)).toBe(m.header.compression);
      if (m.kind === 'Request') {
        expect(Number.parseInt(l.data['request id'], 10)).toBe(m.requestId);
        expect([l.data.identity, l.data.operation, Number.parseInt(l.data.mode, 10)]).toEqual([
          m.identity.name,
          m.operation,
          m.mode,
        ]);
        expect(l.data.encoding).toBe(`${m.params.major}.${m.params.minor}`);
      }
      if (m.kind === 'Reply') expect(Number.parseInt(l.data['request id'], 10)).toBe(m.requestId);
      if (m.kind === 'BatchRequest') expect(Number(l.data['number of requests'])).toBe(m.requests.length);
    }
  });

  it('the lab: ValidateConnection, ice_isA x 2, printString x 2, oneway, batch of 2, CloseConnection', () => {
    const seq = msgs().map(({ m }) =>
      m.kind === 'Request'
        ? `${m.requestId}:${m.identity.name}.${m.operation}`
        : m.kind === 'Reply'
          ? `reply ${m.requestId} ${m.statusName}`
          : m.kind,
    );
    expect(seq).toEqual([
      'ValidateConnection',
      '1:SimplePrinter1.ice_isA',
      'reply 1 Success',
      '2:SimplePrinter2.ice_isA',
      'reply 2 Success',
      '3:SimplePrinter1.printString',
      'reply 3 Success',
      '4:SimplePrinter2.printString',
      'reply 4 Success',
      'CloseConnection',
      'ValidateConnection',
      '0:SimplePrinter1.printString',
      'BatchRequest',
      'CloseConnection',
    ]);
  });
});
