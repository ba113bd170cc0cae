/**
 * dns.* display-filter fields with Wireshark's names, read from what each frame completed (its DNS frame
 * entries; dns.response_to and dns.time from the listed response, as Wireshark pairs by id).
 */

import { flag, hasApp, many, messages, pushEach } from '../../filter/fields/define.js';
import type { FieldTable, FrameView, Value } from '../../filter/types.js';
import { typedEntry } from '../model.js';
import type { DnsAnswerEntry, DnsFrameEntry } from './model.js';

/** The DNS messages the frame completes, as their frame entries. */
function dns(v: FrameView): DnsFrameEntry[] {
  const out: DnsFrameEntry[] = [];
  for (const x of v.f.app ?? []) {
    const e = typedEntry(x);
    if (e.proto === 'dns' && e.kind !== 'segment') out.push(e);
  }
  return out;
}
const responses = (v: FrameView) => dns(v).filter((e) => e.kind === 'response');

/** A flag bit of every DNS message (`onlyResponses`: Wireshark shows it for responses only). */
function bit(name: string, describe: string, mask: number, onlyResponses = false) {
  return many(name, 'bool', describe, (v, out) => {
    for (const e of onlyResponses ? responses(v) : dns(v)) out.push(e.flags & mask ? 1 : 0);
  });
}

/** Every resource record of the frame's responses: answers, then authority and additional records. */
function records(v: FrameView): DnsAnswerEntry[] {
  const out: DnsAnswerEntry[] = [];
  for (const e of responses(v)) for (const r of [...(e.answers ?? []), ...(e.others ?? [])]) out.push(r);
  return out;
}

/** The values of the records of one type (dns.a: type 1). */
function valuesOf(type: number) {
  return (v: FrameView, out: Value[]) => {
    for (const r of records(v)) if (r.type === type && r.value !== undefined) out.push(r.value);
  };
}

export const DNS_FIELDS: FieldTable = {
  proto: 'dns',
  title: 'Domain Name System',
  fields: [
    flag('dns', 'protocol', 'A DNS message ends in this frame', (v) => hasApp(v, 'dns')),
    many('dns.id', 'uint', "Transaction ID: a response repeats its query's", (v, out) => pushEach(dns(v), 'id', out), {
      hex: 4,
    }),
    many('dns.flags', 'uint', 'The 16 flag bits', (v, out) => pushEach(dns(v), 'flags', out), { hex: 4 }),
    bit('dns.flags.response', 'A response (1) or a query (0)', 0x8000),
    many('dns.flags.opcode', 'uint', 'Operation: 0 standard query', (v, out) => {
      for (const e of dns(v)) out.push((e.flags >> 11) & 0xf);
    }),
    bit('dns.flags.authoritative', 'The server is an authority for the name (responses)', 0x0400, true),
    bit('dns.flags.truncated', 'The message was cut to fit (retry over TCP)', 0x0200),
    bit('dns.flags.recdesired', 'Recursion desired: the server is to resolve the name itself', 0x0100),
    bit('dns.flags.recavail', 'Recursion available at the server (responses)', 0x0080, true),
    many('dns.flags.rcode', 'uint', 'Reply code: 0 NOERROR, 2 SERVFAIL, 3 NXDOMAIN, 5 REFUSED', (v, out) =>
      pushEach(responses(v), 'rcode', out),
    ),
    many('dns.count.queries', 'uint', 'Questions', (v, out) => {
      for (const e of dns(v)) out.push(e.counts.qd);
    }),
    many('dns.count.answers', 'uint', 'Answer records', (v, out) => {
      for (const e of dns(v)) out.push(e.counts.an);
    }),
    many('dns.count.auth_rr', 'uint', 'Authority records', (v, out) => {
      for (const e of dns(v)) out.push(e.counts.ns);
    }),
    many('dns.count.add_rr', 'uint', 'Additional records', (v, out) => {
      for (const e of dns(v)) out.push(e.counts.ar);
    }),
    many('dns.qry.name', 'string', 'The name asked about', (v, out) => {
      for (const e of dns(v)) for (const q of e.questions) out.push(q.name === '' ? '<Root>' : q.name);
    }),
    many('dns.qry.type', 'uint', 'The record type asked for: 1 A, 28 AAAA, 5 CNAME, 12 PTR, 16 TXT', (v, out) => {
      for (const e of dns(v)) for (const q of e.questions) out.push(q.type);
    }),
    many('dns.resp.name', 'string', "A response record's name", (v, out) => {
      for (const r of records(v)) out.push(r.name === '' ? '<Root>' : r.name);
    }),
    many('dns.resp.type', 'uint', "A response record's type", (v, out) => {
      for (const r of records(v)) out.push(r.type);
    }),
    many('dns.resp.ttl', 'uint', "A response record's time to live (seconds)", (v, out) => {
      for (const r of records(v)) if (r.type !== 41) out.push(r.ttl);
    }),
    many('dns.a', 'ipv4', 'An IPv4 address (A record)', valuesOf(1)),
    many('dns.aaaa', 'ipv6', 'An IPv6 address (AAAA record)', valuesOf(28)),
    many('dns.cname', 'string', 'The canonical name of an alias (CNAME record)', valuesOf(5)),
    many('dns.ptr.domain_name', 'string', 'The name a PTR record points to', valuesOf(12)),
    many('dns.ns', 'string', 'A name server (NS record)', valuesOf(2)),
    many('dns.txt', 'string', 'The text of a TXT record', valuesOf(16)),
    many('dns.response_to', 'uint', 'The frame of the query this response answers', (v, out) => {
      for (const m of messages(v, 'dns')) if (m.kind === 'response' && m.reply_to !== undefined) out.push(m.reply_to);
    }),
    many(
      'dns.time',
      'float',
      'Seconds between the query and this response',
      (v, out) => {
        for (const m of messages(v, 'dns')) if (m.kind === 'response' && m.latency !== undefined) out.push(m.latency);
      },
      { decimals: 9 },
    ),
  ],
};
