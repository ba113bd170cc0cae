/**
 * DNS (RFC 1035 §4.1) messages: a pure decoder of one message (a UDP payload, or a TCP message after its
 * 2-byte length, see frameTcp).
 *
 *   0    2       4         6         8         10        12
 *   | id | flags | qdcount | ancount | nscount | arcount | questions | answers | authority | additional
 *
 *   flags: QR(1) Opcode(4) AA(1) TC(1) RD(1) | RA(1) Z(1) AD(1) CD(1) RCODE(4)
 *   question: name, type(2), class(2);  record: name, type(2), class(2), ttl(4), rdlength(2), rdata
 *
 * Names: labels of 1..63 bytes, ending with a 0 byte or a compression pointer (two bytes 11xxxxxx, the
 * offset of an earlier name). Loop protection: a pointer must point before the start of the piece of name
 * that holds it (a compressed name only refers to names written before it), so every jump goes strictly
 * backwards and a chain ends; a name stops at 255 bytes; label types 01 and 10 are malformed.
 *
 * Outcomes: fewer than 12 bytes → truncated; a section that ends early → truncated with the records read
 * so far; a bad label or pointer → malformed `dns.name.*` with what was read before; an rdata that does not
 * read as its type says → that record's rdata is `raw` (the record is kept). Never throws.
 */

import type { Framing } from '../../dissectors/app/types.js';
import { ipv4, ipv6 } from '../../dissectors/bytes.js';
import { malformed, type Outcome, Reader, truncated, utf8Text } from '../reader.js';
import { DNS_RCODES, DNS_TYPES, type DnsMessage, type DnsQuestion, type DnsRdata, type DnsRecord } from './types.js';

const HEADER_LEN = 12;
const MAX_NAME = 255;
/** Records per section that we keep (a hostile count costs nothing beyond the bytes that are there). */
const MAX_RECORDS = 1024;

export const DNS_NOTES = {
  'dns.name.label_type': 'error',
  'dns.name.pointer_forward': 'error',
  'dns.name.too_long': 'error',
  'dns.rdata.bad': 'warn',
  'dns.tcp.length_zero': 'error',
} as const;

/** DNS over TCP (RFC 1035 §4.2.2): a 2-byte length before each message. */
export function frameTcp(buf: Uint8Array, off: number, end: number): Framing {
  if (end - off < 2) return { kind: 'need', atLeast: 2 };
  const len = (buf[off]! << 8) | buf[off + 1]!;
  if (len === 0) return { kind: 'malformed', code: 'dns.tcp.length_zero', skip: 2 };
  return end - off >= 2 + len ? { kind: 'pdu', length: 2 + len } : { kind: 'need', atLeast: 2 + len };
}

type NameResult =
  | { name: string; end: number }
  | { error: 'dns.name.label_type' | 'dns.name.pointer_forward' | 'dns.name.too_long'; at: number }
  | { short: true; at: number };

/**
 * The name at `off`: its text (labels joined by ".", no trailing dot; "" = root) and the offset after it in
 * the place it was read (after the first pointer, if any).
 */
export function readName(b: Uint8Array, off: number): NameResult {
  const labels: string[] = [];
  let pos = off;
  /** Start of the piece being read: a pointer must point before it (earlier names only), so jumps always
   * go strictly backwards and a chain of pointers cannot loop. */
  let segment = off;
  let end = -1;
  let total = 0;
  for (;;) {
    if (pos >= b.length) return { short: true, at: pos };
    const len = b[pos]!;
    if (len === 0) {
      if (end < 0) end = pos + 1;
      break;
    }
    const kind = len & 0xc0;
    if (kind === 0xc0) {
      if (pos + 1 >= b.length) return { short: true, at: pos };
      const target = ((len & 0x3f) << 8) | b[pos + 1]!;
      if (target >= segment) return { error: 'dns.name.pointer_forward', at: pos };
      if (end < 0) end = pos + 2;
      pos = target;
      segment = target;
      continue;
    }
    if (kind !== 0) return { error: 'dns.name.label_type', at: pos };
    if (pos + 1 + len > b.length) return { short: true, at: pos };
    total += len + 1;
    if (total > MAX_NAME) return { error: 'dns.name.too_long', at: pos };
    labels.push(labelText(b.subarray(pos + 1, pos + 1 + len)));
    pos += 1 + len;
  }
  return { name: labels.join('.'), end };
}

/** A label as Wireshark shows it: printable ASCII as is, other bytes as \ddd. */
function labelText(l: Uint8Array): string {
  let s = '';
  for (const c of l)
    s += c > 0x20 && c < 0x7f && c !== 0x2e && c !== 0x5c ? String.fromCharCode(c) : `\\${String(c).padStart(3, '0')}`;
  return s;
}

function flagsOf(f: number) {
  const rcode = f & 0xf;
  return {
    response: (f & 0x8000) !== 0,
    opcode: (f >> 11) & 0xf,
    authoritative: (f & 0x0400) !== 0,
    truncated: (f & 0x0200) !== 0,
    recursionDesired: (f & 0x0100) !== 0,
    recursionAvailable: (f & 0x0080) !== 0,
    authenticData: (f & 0x0020) !== 0,
    checkingDisabled: (f & 0x0010) !== 0,
    rcode,
    rcodeName: DNS_RCODES[rcode],
  };
}

function rdata(b: Uint8Array, type: number, cls: number, ttl: number, off: number, len: number): DnsRdata {
  const end = off + len;
  const nameAt = (o: number) => {
    const n = readName(b, o);
    return 'name' in n && n.end <= end ? n : undefined;
  };
  switch (type) {
    case 1:
      return len === 4 ? { kind: 'A', address: ipv4(b, off) } : { kind: 'raw' };
    case 28:
      return len === 16 ? { kind: 'AAAA', address: ipv6(b, off) } : { kind: 'raw' };
    case 2:
    case 5:
    case 12: {
      const n = nameAt(off);
      return n && n.end === end
        ? { kind: type === 2 ? 'NS' : type === 5 ? 'CNAME' : 'PTR', name: n.name }
        : { kind: 'raw' };
    }
    case 15: {
      if (len < 3) return { kind: 'raw' };
      const n = nameAt(off + 2);
      return n && n.end === end
        ? { kind: 'MX', preference: (b[off]! << 8) | b[off + 1]!, exchange: n.name }
        : { kind: 'raw' };
    }
    case 16: {
      const strings: string[] = [];
      let p = off;
      while (p < end) {
        const l = b[p]!;
        if (p + 1 + l > end) return { kind: 'raw' };
        strings.push(utf8Text(b.subarray(p + 1, p + 1 + l)));
        p += 1 + l;
      }
      return { kind: 'TXT', strings };
    }
    case 6: {
      const m = nameAt(off);
      if (!m) return { kind: 'raw' };
      const rn = nameAt(m.end);
      if (!rn || rn.end + 20 !== end) return { kind: 'raw' };
      const r = new Reader(b, rn.end);
      return {
        kind: 'SOA',
        mname: m.name,
        rname: rn.name,
        serial: r.u32(),
        refresh: r.u32(),
        retry: r.u32(),
        expire: r.u32(),
        minimum: r.u32(),
      };
    }
    case 33: {
      if (len < 7) return { kind: 'raw' };
      const r = new Reader(b, off);
      const priority = r.u16();
      const weight = r.u16();
      const port = r.u16();
      const t = nameAt(off + 6);
      return t && t.end === end ? { kind: 'SRV', priority, weight, port, target: t.name } : { kind: 'raw' };
    }
    case 41:
      // the class is the requester's UDP payload size, the TTL holds extended rcode, version, flags
      return { kind: 'OPT', udpSize: cls, extendedRcode: ttl >>> 24, version: (ttl >>> 16) & 0xff };
    default:
      return { kind: 'raw' };
  }
}

/** Decodes one DNS message; partial results carry the header and the complete records before the cut. */
export function decode(b: Uint8Array): Outcome<DnsMessage> {
  const r = new Reader(b);
  if (b.length < HEADER_LEN) {
    r.skip(HEADER_LEN);
    return truncated(r);
  }
  const id = r.u16();
  const flags = flagsOf(r.u16());
  const counts = { qd: r.u16(), an: r.u16(), ns: r.u16(), ar: r.u16() };
  const questions: DnsQuestion[] = [];
  const sections: DnsRecord[][] = [[], [], []];
  const partial = (): DnsMessage => ({
    id,
    flags,
    questions,
    answers: sections[0]!,
    authorities: sections[1]!,
    additionals: sections[2]!,
    counts,
  });
  let pos = HEADER_LEN;
  const fail = (n: NameResult): Outcome<DnsMessage> => {
    if ('short' in n) {
      const t = new Reader(b, n.at);
      t.skip(b.length - n.at + 1);
      return truncated(t, partial());
    }
    if ('error' in n) return malformed(n.error, n.at, undefined, partial());
    return malformed('dns.name.label_type', pos, undefined, partial());
  };
  for (let i = 0; i < counts.qd; i++) {
    const n = readName(b, pos);
    if (!('name' in n)) return fail(n);
    if (n.end + 4 > b.length) {
      const t = new Reader(b, n.end);
      t.skip(4);
      return truncated(t, partial());
    }
    const type = (b[n.end]! << 8) | b[n.end + 1]!;
    const cls = (b[n.end + 2]! << 8) | b[n.end + 3]!;
    if (questions.length < MAX_RECORDS) {
      questions.push({
        name: n.name,
        type,
        typeName: DNS_TYPES[type],
        class: cls,
        span: { offset: pos, length: n.end + 4 - pos },
      });
    }
    pos = n.end + 4;
  }
  const declared = [counts.an, counts.ns, counts.ar];
  for (let s = 0; s < 3; s++) {
    for (let i = 0; i < declared[s]!; i++) {
      const n = readName(b, pos);
      if (!('name' in n)) return fail(n);
      const t = new Reader(b, n.end);
      const type = t.u16();
      const cls = t.u16();
      const ttl = t.u32();
      const rdlength = t.u16();
      const rdOff = t.pos;
      t.skip(rdlength);
      if (t.short) return truncated(t, partial());
      if (sections[s]!.length < MAX_RECORDS) {
        sections[s]!.push({
          name: n.name,
          type,
          typeName: DNS_TYPES[type],
          class: cls,
          ttl,
          rdata: rdata(b, type, cls, ttl, rdOff, rdlength),
          rdataSpan: { offset: rdOff, length: rdlength },
          span: { offset: pos, length: t.pos - pos },
        });
      }
      pos = t.pos;
    }
  }
  return { kind: 'ok', message: partial() };
}
