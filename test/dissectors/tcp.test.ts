import { describe, expect, it } from 'vitest';
import { dissectFrame } from '../../src/dissectors/frame.js';
import { TCP_FLAG } from '../../src/dissectors/types.js';
import { fixIpv4Checksum, hex, IPV6_TCP_SYNACK, patch, TCP_DATA, TCP_SYN } from './vectors.js';

const codes = (d: { notes: { code: string }[] }) => d.notes.map((n) => n.code);
const TCP = 14 + 20; // after Ethernet and a 20-byte IPv4 header

/** LINKTYPE_IPV4 frame 10.0.0.1:1234 → 10.0.0.2:80, ACK, with TCP `options` (a multiple of 4 bytes). */
function tcpWith(options: string, payload = ''): Uint8Array {
  const opts = hex(options);
  const body = hex(payload);
  const hdr = 20 + opts.length;
  const total = 20 + hdr + body.length;
  const b = hex(
    '45 00', // IPv4, IHL 5
    total.toString(16).padStart(4, '0'), // total length
    '00 01 40 00 40 06 00 00', // id 1, DF, ttl 64, TCP, checksum (computed below)
    '0a 00 00 01 0a 00 00 02', // 10.0.0.1 → 10.0.0.2
    '04 d2 00 50', // ports 1234 → 80
    '00 00 00 01 00 00 00 01', // seq 1, ack 1
    `${(hdr / 4).toString(16)}0 10`, // data offset, ACK
    'ff ff 00 00 00 00', // window 65535, checksum 0, urgent 0
    options,
    payload,
  );
  return fixTcpChecksum(fixIpv4Checksum(b, 0));
}

/** Writes the TCP checksum of an IPv4 packet at offset 0 (RFC 793 pseudo-header), so the segment is good. */
function fixTcpChecksum(b: Uint8Array): Uint8Array {
  const ihl = (b[0]! & 15) * 4;
  const len = ((b[2]! << 8) | b[3]!) - ihl;
  b[ihl + 16] = 0;
  b[ihl + 17] = 0;
  let sum = 6 + len;
  for (let i = 12; i < 20; i += 2) sum += (b[i]! << 8) | b[i + 1]!;
  for (let i = 0; i < len; i += 2) sum += (b[ihl + i]! << 8) | (i + 1 < len ? b[ihl + i + 1]! : 0);
  while (sum > 0xffff) sum = (sum & 0xffff) + (sum >>> 16);
  const c = ~sum & 0xffff;
  b[ihl + 16] = c >> 8;
  b[ihl + 17] = c & 0xff;
  return b;
}

describe('tcp', () => {
  it('decodes a SYN with Linux options', () => {
    const d = dissectFrame(TCP_SYN, 1);
    expect(d.layers[2]).toEqual({
      kind: 'tcp',
      srcport: 41234,
      dstport: 1883,
      seq_raw: 0xc0ffee01,
      ack_raw: 0,
      hdr_len: 40,
      flags: TCP_FLAG.SYN,
      window: 64240,
      checksum: 0xbb2f,
      checksum_status: 'good',
      urgent_pointer: 0,
      options: { mss: 1460, sack_perm: true, ts: { val: 123456, ecr: 0 }, wscale: 7 },
      len: 0,
      payload_len: 0,
    });
    expect(d.payloadOffset).toBe(TCP + 40);
    expect(d.payloadLength).toBe(0);
    expect(d.notes).toEqual([]);
  });

  it('decodes a SYN/ACK over IPv6', () => {
    expect(dissectFrame(IPV6_TCP_SYNACK, 1).layers[2]).toMatchObject({
      srcport: 443,
      dstport: 50000,
      seq_raw: 0x87654321,
      ack_raw: 0x11111112,
      flags: TCP_FLAG.SYN | TCP_FLAG.ACK,
      options: { mss: 1440, sack_perm: true, ts: { val: 43981, ecr: 123456 }, wscale: 9 },
    });
  });

  it('hands the payload of a data segment to the frame', () => {
    const d = dissectFrame(TCP_DATA, 1);
    expect(d.layers[2]).toMatchObject({ flags: TCP_FLAG.PSH | TCP_FLAG.ACK, hdr_len: 20, options: {}, payload_len: 5 });
    expect(new TextDecoder().decode(TCP_DATA.subarray(d.payloadOffset, d.payloadOffset + d.payloadLength))).toBe(
      'hello',
    );
  });

  it('reads all 9 flag bits, AE (ex-NS) included', () => {
    // data offset 5, AE set | CWR ECE URG ACK PSH RST SYN FIN all set
    expect(dissectFrame(patch(TCP_DATA, TCP + 12, '51 ff'), 1).layers[2]).toMatchObject({ flags: 0x1ff });
    expect(dissectFrame(patch(TCP_DATA, TCP + 12, '5e c2'), 1).layers[2]).toMatchObject({
      flags: TCP_FLAG.CWR | TCP_FLAG.ECE | TCP_FLAG.SYN, // reserved bits 0x0e ignored
    });
  });

  it('decodes SACK blocks and keeps other kinds in order', () => {
    const d = dissectFrame(
      tcpWith(
        [
          '01 01 05 12 00 00 03 e8 00 00 07 d0 00 00 0b b8 00 00 0f a0', // NOP NOP SACK 1000-2000 3000-4000
          '1c 04 00 3c', // User Timeout (28)
          '1e 04 20 81', // MPTCP (30)
          '00 00 00 00', // EOL + padding
        ].join(' '),
      ),
      228,
    );
    expect(d.layers[1]).toMatchObject({
      hdr_len: 52,
      options: {
        sack: [
          [1000, 2000],
          [3000, 4000],
        ],
        other: [28, 30],
      },
    });
    expect(d.notes).toEqual([]);
  });

  it.each([
    ['MSS with length 3', '02 03 05 01'],
    ['window scale with length 4', '03 04 07 00'],
    ['SACK_PERM with length 3', '04 03 00 00'],
    ['timestamps with length 9', '08 09 00 00 00 01 00 00 00 00 00 00'],
    ['SACK with length 11', '05 0b 00 00 00 01 00 00 00 02 00 00'],
    ['length 0', '1e 00 00 00'],
    ['length 1', '1e 01 00 00'],
    ['past the end of the header', '01 01 1e 08'],
    ['kind with no length byte at the end', '01 01 01 1e'],
  ])('tcp.option.len.invalid: %s', (_name, options) => {
    const d = dissectFrame(tcpWith(`02 04 05 b4 ${options}`), 228);
    expect(codes(d)).toEqual(['tcp.option.len.invalid']);
    // the walk stops there: options before the bad one are kept, the segment is still decoded
    expect(d.layers[1]).toMatchObject({ kind: 'tcp', options: { mss: 1460 } });
  });

  it('a window scale shift above 14 is noted and kept as sent', () => {
    const d = dissectFrame(tcpWith('01 03 03 0f'), 228);
    expect(codes(d)).toEqual(['tcp.options.wscale.shift.invalid']);
    expect(d.layers[1]).toMatchObject({ options: { wscale: 15 } });
  });

  it.each([
    ['data offset 4 (< 5)', patch(TCP_DATA, TCP + 12, '40')],
    ['data offset 15 (60 bytes) beyond the 25-byte segment', patch(TCP_DATA, TCP + 12, 'f0')],
  ])('tcp.hdr_len.bad: %s', (_name, bytes) => {
    const d = dissectFrame(bytes, 1);
    expect(codes(d)).toEqual(['tcp.hdr_len.bad']);
    expect(d.layers.map((l) => l.kind)).toEqual(['eth', 'ip']);
  });

  it('tcp.truncated: fixed header cut', () => {
    const d = dissectFrame(TCP_SYN.subarray(0, TCP + 19), 1);
    expect(codes(d)).toEqual(['ip.truncated', 'tcp.truncated']);
    expect(d.notes[1]?.params).toEqual({ needed: 20, available: 19 });
    expect(d.layers.map((l) => l.kind)).toEqual(['eth', 'ip']);
  });

  it('tcp.truncated: options cut, the fixed header and the options that are there are kept', () => {
    const d = dissectFrame(TCP_SYN.subarray(0, TCP + 26), 1);
    expect(codes(d)).toEqual(['ip.truncated', 'tcp.truncated']);
    expect(d.layers[2]).toMatchObject({ flags: TCP_FLAG.SYN, hdr_len: 40, options: { mss: 1460 }, payload_len: 0 });
    expect(d.truncated).toBe(true);
  });

  it('payload cut by the capture: truncated, len is what was sent (tcp.len), payload_len what was captured', () => {
    const d = dissectFrame(TCP_DATA.subarray(0, TCP + 23), 1);
    expect(d.truncated).toBe(true);
    expect(d.layers[2]).toMatchObject({ len: 5, payload_len: 3 });
    expect(d.payloadLength).toBe(3);
  });
});
