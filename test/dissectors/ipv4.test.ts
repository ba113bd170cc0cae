import { describe, expect, it } from 'vitest';
import { dissectFrame } from '../../src/dissectors/frame.js';
import {
  fixIpv4Checksum,
  hex,
  IGMP_V2_REPORT,
  IPV4_FRAG_FIRST,
  IPV4_FRAG_LATER,
  patch,
  TCP_DATA,
  TCP_SYN,
  UDP_DATAGRAM,
} from './vectors.js';

const codes = (d: { notes: { code: string }[] }) => d.notes.map((n) => n.code);
const IP = 14; // the IPv4 header starts after the Ethernet header

/** LINKTYPE_IPV4 frame: an IPv4 header 172.18.0.6 → 172.18.0.4, proto 253 (experimental), with `options`. */
function withOptions(options: string): Uint8Array {
  const opts = hex(options);
  const ihl = 5 + opts.length / 4;
  const b = hex(
    `4${ihl.toString(16)}`, // version 4, IHL
    '00', // dsfield
    `00 ${(ihl * 4).toString(16).padStart(2, '0')}`, // total length: the header alone
    '00 01', // id
    '00 00', // flags, offset
    '40', // ttl 64
    'fd', // proto 253
    '00 00', // checksum (computed below)
    'ac 12 00 06', // src
    'ac 12 00 04', // dst
    options,
  );
  return fixIpv4Checksum(b, 0);
}

describe('ip', () => {
  it('decodes the header of a TCP SYN, verifies the checksum and sets f.net', () => {
    const d = dissectFrame(TCP_SYN, 1);
    expect(d.layers[1]).toEqual({
      kind: 'ip',
      version: 4,
      hdr_len: 20,
      dsfield: 0,
      len: 60,
      id: 0x1a2b,
      flags: { rb: false, df: true, mf: false },
      frag_offset: 0,
      ttl: 64,
      proto: 6,
      checksum: 0xc862,
      checksum_status: 'good',
      src: '172.18.0.6',
      dst: '172.18.0.4',
      options: [],
      fragment: false,
    });
    expect(d.net).toEqual({ version: 4, src: '172.18.0.6', dst: '172.18.0.4' });
    expect(d.layers[2]?.kind).toBe('tcp');
    expect(d.notes).toEqual([]);
  });

  it('does not hand trailing Ethernet padding to the transport layer', () => {
    const d = dissectFrame(UDP_DATAGRAM, 1); // 14 bytes of padding after the 32-byte datagram
    expect(d.layers[2]).toMatchObject({ kind: 'udp', length: 12, payload_len: 4 });
    expect(d.payloadLength).toBe(4);
    expect(dissectFrame(TCP_DATA, 1).payloadLength).toBe(5); // 1 byte of padding
  });

  it('walks options: Router Alert', () => {
    const d = dissectFrame(IGMP_V2_REPORT, 1);
    expect(d.layers[1]).toMatchObject({
      hdr_len: 24,
      checksum_status: 'good',
      options: [{ type: 148, name: 'Router Alert (RA)', length: 4 }],
    });
    expect(d.layers[2]?.kind).toBe('igmp');
  });

  it('walks options: NOP, RR, TS, LSRR, EOL', () => {
    const d = dissectFrame(
      withOptions(
        [
          '01', // NOP
          '07 07 04 00 00 00 00', // Record Route, length 7, pointer 4, one empty slot
          '44 08 05 00 00 00 00 00', // Time Stamp, length 8, pointer 5, timestamps only
          '83 03 04', // Loose Source Route, length 3, no hops
          '00', // End of Options List
        ].join(' '),
      ),
      228,
    );
    expect(d.layers[0]).toMatchObject({
      kind: 'ip',
      hdr_len: 40,
      checksum_status: 'good',
      options: [
        { type: 1, name: 'No-Operation (NOP)', length: 1 },
        { type: 7, name: 'Record Route (RR)', length: 7 },
        { type: 68, name: 'Time Stamp (TS)', length: 8 },
        { type: 131, name: 'Loose Source Route (LSRR)', length: 3 },
        { type: 0, name: 'End of Options List (EOL)', length: 1 },
      ],
    });
    expect(d.notes).toEqual([]);
    // protocol 253 has no dissector: kept as unknown with its key
    expect(d.layers[1]).toEqual({ kind: 'unknown', table: 'ip.proto', key: 253, length: 0 });
  });

  it('names SSRR and keeps unknown options by type', () => {
    const d = dissectFrame(withOptions('89 03 04 01 9e 04 00 00'), 228); // SSRR (3), NOP, type 158 (4)
    expect(d.layers[0]).toMatchObject({
      options: [
        { type: 137, name: 'Strict Source Route (SSRR)', length: 3 },
        { type: 1, name: 'No-Operation (NOP)', length: 1 },
        { type: 158, name: 'Unknown', length: 4 },
      ],
    });
  });

  it('a bad option length stops the option walk only', () => {
    const d = dissectFrame(withOptions('01 07 01 00'), 228); // NOP, then RR with length 1
    expect(codes(d)).toEqual(['ip.opt.len.invalid']);
    expect(d.notes[0]).toMatchObject({ params: { type: 7, length: 1 }, offset: 21 });
    expect(d.layers[0]).toMatchObject({ kind: 'ip', options: [{ type: 1 }] });
    expect(d.layers[1]?.kind).toBe('unknown');
  });

  it.each([
    ['an option longer than the header', '01 07 09 04 00 00 00 00'],
    ['Router Alert with length 5', '94 05 00 00 00 00 00 00'],
    ['a type byte with no length byte at the end', '01 01 01 07'],
  ])('ip.opt.len.invalid: %s', (_name, options) => {
    expect(codes(dissectFrame(withOptions(options), 228))).toEqual(['ip.opt.len.invalid']);
  });

  it('a bad checksum is noted and dissection goes on', () => {
    const d = dissectFrame(patch(TCP_SYN, IP + 10, 'de ad'), 1);
    expect(d.layers[1]).toMatchObject({ checksum: 0xdead, checksum_status: 'bad' });
    expect(d.notes).toEqual([
      { code: 'ip.checksum_bad.expert', severity: 'error', params: { checksum: 0xdead }, offset: 24, length: 2 },
    ]);
    expect(d.layers[2]?.kind).toBe('tcp');
  });

  it('hands the first fragment to UDP (whose length covers later fragments, no note)', () => {
    const d = dissectFrame(IPV4_FRAG_FIRST, 1);
    expect(d.layers[1]).toMatchObject({ flags: { mf: true }, frag_offset: 0, fragment: true });
    expect(d.layers[2]).toMatchObject({ kind: 'udp', length: 1008, payload_len: 8 });
    expect(codes(d)).toEqual(['ip.fragment']);
    expect(d.notes[0]?.params).toEqual({ id: 0xabcd, offset: 0, more: 1 });
    expect(d.truncated).toBe(false);
  });

  it('ends a later fragment as data (its bytes are not a UDP header)', () => {
    const d = dissectFrame(IPV4_FRAG_LATER, 1);
    expect(d.layers.map((l) => l.kind)).toEqual(['eth', 'ip', 'data']);
    expect(d.layers[1]).toMatchObject({ frag_offset: 16, fragment: true, proto: 17 });
    expect(d.layers[2]).toEqual({ kind: 'data', length: 8 });
    expect(d.payloadOffset).toBe(34);
    expect(d.payloadLength).toBe(8);
    expect(codes(d)).toEqual(['ip.fragment']);
  });

  it('a datagram cut by the snapshot length: truncated, decoding goes on with what is there', () => {
    const d = dissectFrame(TCP_DATA.subarray(0, IP + 40 + 2), 1); // 2 of 5 payload bytes
    expect(d.truncated).toBe(true);
    expect(codes(d)).toEqual(['ip.truncated']);
    expect(d.notes[0]?.params).toEqual({ needed: 45, available: 42 });
    expect(d.layers[2]).toMatchObject({ kind: 'tcp', payload_len: 2 });
    expect(d.payloadLength).toBe(2);
  });

  it('total length 0 (captured before TSO): uses the captured length', () => {
    const d = dissectFrame(fixIpv4Checksum(patch(TCP_SYN, IP + 2, '00 00'), IP), 1);
    expect(codes(d)).toEqual(['ip.len.tso']);
    expect(d.layers[1]).toMatchObject({ len: 0 });
    expect(d.layers[2]).toMatchObject({ kind: 'tcp', payload_len: 0 });
  });

  it.each([
    ['ip.truncated', TCP_SYN.subarray(0, IP + 19)],
    // options cut: 24-byte header, 22 bytes captured
    ['ip.truncated', IGMP_V2_REPORT.subarray(0, IP + 22)],
    ['ip.bogus_ip_version', fixIpv4Checksum(patch(TCP_SYN, IP, '55'), IP)],
    ['ip.hdr_len.bad', patch(TCP_SYN, IP, '44')],
    ['ip.bogus_ip_length', fixIpv4Checksum(patch(TCP_SYN, IP + 2, '00 10'), IP)],
  ])('%s', (code, bytes) => {
    const d = dissectFrame(bytes, 1);
    expect(codes(d)).toEqual([code]);
    expect(d.layers.map((l) => l.kind)).toEqual(['eth']);
  });
});
