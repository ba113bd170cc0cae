import { describe, expect, it } from 'vitest';
import { dissectFrame } from '../../src/dissectors/frame.js';
import { hex, ICMPV6_MLDV2, IPV6_FRAG_FIRST, IPV6_FRAG_LATER, IPV6_TCP_SYNACK, patch } from './vectors.js';

const codes = (d: { notes: { code: string }[] }) => d.notes.map((n) => n.code);
const kinds = (d: { layers: { kind: string }[] }) => d.layers.map((l) => l.kind);

/** LINKTYPE_IPV6 frame: fixed header 2001:db8::2 → 2001:db8::1 with next header `nxt`, then `body`. */
function v6(nxt: number, body: string, plen?: number): Uint8Array {
  const n = plen ?? hex(body).length;
  return hex(
    '60 00 00 00', // version 6, tclass 0, flow 0
    n.toString(16).padStart(4, '0'), // payload length
    nxt.toString(16).padStart(2, '0'), // next header
    '40', // hop limit 64
    '20 01 0d b8 00 00 00 00 00 00 00 00 00 00 00 02', // src 2001:db8::2
    '20 01 0d b8 00 00 00 00 00 00 00 00 00 00 00 01', // dst 2001:db8::1
    body,
  );
}

/** A minimal TCP header: 1234 → 80, SYN. */
const TCP_HDR = '04 d2 00 50 00 00 00 01 00 00 00 00 50 02 ff ff 00 00 00 00';

describe('ipv6', () => {
  it('decodes the fixed header and sets f.net', () => {
    const d = dissectFrame(IPV6_TCP_SYNACK, 1);
    expect(d.layers[1]).toEqual({
      kind: 'ipv6',
      version: 6,
      tclass: 0,
      flow: 0xabcd,
      plen: 40,
      nxt: 6,
      hlim: 64,
      src: '2001:db8::2',
      dst: '2001:db8::1',
      ext: [],
      proto: 6,
    });
    expect(d.net).toEqual({ version: 6, src: '2001:db8::2', dst: '2001:db8::1' });
    expect(kinds(d)).toEqual(['eth', 'ipv6', 'tcp']);
    expect(d.notes).toEqual([]);
  });

  it('walks a Hop-by-Hop header to ICMPv6 (MLDv2 report)', () => {
    const d = dissectFrame(ICMPV6_MLDV2, 1);
    expect(d.layers[1]).toMatchObject({
      nxt: 0,
      ext: [{ type: 0, name: 'IPv6 Hop-by-Hop Option', length: 8 }],
      proto: 58,
    });
    expect(d.layers[2]).toMatchObject({ kind: 'icmpv6', type: 143 });
  });

  it('walks Hop-by-Hop, Routing, Destination Options and AH to TCP', () => {
    const d = dissectFrame(
      v6(
        0,
        [
          '2b 00 01 04 00 00 00 00', // Hop-by-Hop: next Routing, 8 bytes, PadN
          '3c 00 04 00 00 00 00 00', // Routing: next Destination Options, 8 bytes, type 4, segments left 0
          '33 00 01 04 00 00 00 00', // Destination Options: next AH, 8 bytes, PadN
          '06 04 00 00 00 00 01 00 00 00 00 01', // AH: next TCP, (4+2)*4 = 24 bytes, SPI 0x100, seq 1
          '00 00 00 00 00 00 00 00 00 00 00 00', // AH ICV (12 bytes)
          TCP_HDR,
        ].join(' '),
      ),
      229,
    );
    expect(d.layers[0]).toMatchObject({
      ext: [
        { type: 0, name: 'IPv6 Hop-by-Hop Option', length: 8 },
        { type: 43, name: 'Routing Header for IPv6', length: 8 },
        { type: 60, name: 'Destination Options for IPv6', length: 8 },
        { type: 51, name: 'Authentication Header', length: 24 },
      ],
      proto: 6,
    });
    expect(d.layers[1]).toMatchObject({ kind: 'tcp', srcport: 1234, dstport: 80, payload_len: 0 });
    // the hand-built vector carries no valid TCP checksum: that note is not what this test is about
    expect(d.notes.filter((n) => n.code !== 'tcp.checksum_bad.expert')).toEqual([]);
  });

  it('No Next Header (59) ends the packet; trailing bytes are ignored', () => {
    const d = dissectFrame(v6(59, 'de ad be ef'), 229);
    expect(kinds(d)).toEqual(['ipv6']);
    expect(d.layers[0]).toMatchObject({ proto: 59 });
    expect(d.notes).toEqual([]);
  });

  it('walks a Mobility header (its next header is No Next Header)', () => {
    const d = dissectFrame(v6(135, '3b 00 00 00 00 00 00 00'), 229);
    expect(d.layers[0]).toMatchObject({ ext: [{ type: 135, name: 'Mobility Header', length: 8 }], proto: 59 });
    expect(kinds(d)).toEqual(['ipv6']);
  });

  it('hands the first fragment to UDP (its length covers later fragments, no note)', () => {
    const d = dissectFrame(IPV6_FRAG_FIRST, 1);
    expect(d.layers[1]).toMatchObject({
      ext: [{ type: 44, name: 'Fragment Header for IPv6', length: 8 }],
      proto: 17,
      fragment: { offset: 0, more: true, id: 0xdeadbeef },
    });
    expect(d.layers[2]).toMatchObject({ kind: 'udp', length: 1500, payload_len: 8 });
    expect(codes(d)).toEqual(['ipv6.fragment']);
    expect(d.truncated).toBe(false);
  });

  it('ends a later fragment as data', () => {
    const d = dissectFrame(IPV6_FRAG_LATER, 1);
    expect(kinds(d)).toEqual(['eth', 'ipv6', 'data']);
    expect(d.layers[1]).toMatchObject({ proto: 17, fragment: { offset: 1448, more: false, id: 0xdeadbeef } });
    expect(d.layers[2]).toEqual({ kind: 'data', length: 8 });
    expect(d.payloadOffset).toBe(14 + 48);
    expect(codes(d)).toEqual(['ipv6.fragment']);
    expect(d.notes[0]?.params).toEqual({ id: 0xdeadbeef, offset: 1448, more: 0 });
  });

  it('an atomic fragment (offset 0, M=0) is not noted as a fragment', () => {
    const d = dissectFrame(v6(44, `06 00 00 00 00 00 00 07 ${TCP_HDR}`), 229);
    expect(d.layers[0]).toMatchObject({ fragment: { offset: 0, more: false, id: 7 }, proto: 6 });
    expect(d.notes).toEqual([]);
    expect(d.layers[1]?.kind).toBe('tcp');
  });

  it('caps the extension header walk at 32 headers', () => {
    const d = dissectFrame(v6(60, '3c 00 01 04 00 00 00 00 '.repeat(40)), 229);
    expect(codes(d)).toEqual(['ipv6.ext.too_many']);
    expect(d.layers[0]).toMatchObject({ proto: 60 });
    expect(d.layers[0]?.kind === 'ipv6' && d.layers[0].ext).toHaveLength(32);
    expect(d.layers[1]).toEqual({ kind: 'data', length: 8 * 8 });
  });

  it('a packet cut by the capture: truncated, the TCP header is decoded as far as it goes', () => {
    const d = dissectFrame(IPV6_TCP_SYNACK.subarray(0, 14 + 40 + 30), 1);
    expect(d.truncated).toBe(true);
    expect(codes(d)).toEqual(['ipv6.truncated', 'tcp.truncated']);
    expect(d.notes[0]?.params).toEqual({ needed: 80, available: 70 });
    // MSS and SACK_PERM are there, the timestamps option is cut (not an invalid length)
    expect(d.layers[2]).toMatchObject({ kind: 'tcp', options: { mss: 1440, sack_perm: true }, payload_len: 0 });
  });

  it('an extension header cut by the capture is truncation, not malformed', () => {
    const d = dissectFrame(ICMPV6_MLDV2.subarray(0, 14 + 40 + 4), 1);
    expect(codes(d)).toEqual(['ipv6.truncated']);
    expect(d.layers[1]).toMatchObject({ kind: 'ipv6', proto: 0 });
  });

  it('an extension header longer than the declared packet is malformed even when the capture is cut', () => {
    // Hop-by-Hop says 48 bytes, the payload length 8; only 4 of those 8 bytes were captured
    const d = dissectFrame(v6(0, '3b 05 01 04 00 00 00 00').subarray(0, 44), 229);
    expect(codes(d)).toEqual(['ipv6.truncated', 'ipv6.ext.len.bad']);
  });

  it('notes a jumbogram (payload length 0 with Hop-by-Hop)', () => {
    const d = dissectFrame(v6(0, `06 00 c2 04 00 01 00 1c ${TCP_HDR}`, 0), 229);
    // the hand-built vector carries no valid transport checksum: that note is not what this test is about
    expect(codes(d).filter((c) => !c.endsWith('.checksum_bad.expert'))).toEqual(['ipv6.jumbogram']);
    expect(d.layers[1]?.kind).toBe('tcp');
  });

  it.each([
    ['ipv6.truncated', 1, IPV6_TCP_SYNACK.subarray(0, 14 + 39)],
    ['ipv6.version.bad', 1, patch(IPV6_TCP_SYNACK, 14, '40')],
    // Hop-by-Hop says (5+1)*8 = 48 bytes, the payload is 8
    ['ipv6.ext.len.bad', 229, v6(0, '3b 05 01 04 00 00 00 00')],
    // Fragment header needs 8 bytes, the payload length says 4
    ['ipv6.ext.len.bad', 229, v6(44, '11 00 00 01')],
  ])('%s', (code, linktype, bytes) => {
    expect(codes(dissectFrame(bytes, linktype))).toEqual([code]);
  });
});
