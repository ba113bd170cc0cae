/**
 * DNS's part of the JSON model: one record per DNS message (a query or a response: conversations[].messages),
 * its frame entries (frames[].app), as the session (session.ts) writes them. Names and codes follow
 * Wireshark's dns dissector (dns.id, dns.qry.name, dns.qry.type, dns.flags.rcode, dns.resp.ttl, dns.a…).
 * A response's `reply_to` / `latency` are the query it answers (same id on the same UDP flow) and the time
 * since it (Wireshark's dns.response_to, dns.time).
 */
import type { MessageFacets } from '../../analysis/app/budget.js';
import type { AppMessageRecord } from '../../analysis/model.js';
import type { DnsRdata } from './types.js';

/** A question: dns.qry.name (no trailing dot; "" is the root), dns.qry.type and its mnemonic. */
export interface DnsQuestionRecord {
  name: string;
  type: number;
  /** A, AAAA, CNAME, PTR, TXT… (absent for a type this decoder has no name for). */
  type_name?: string;
  /** dns.qry.class (1 = IN). */
  class: number;
}

/** A resource record of a response (answer, authority or additional section). */
export interface DnsResourceRecord {
  /** dns.resp.name */
  name: string;
  /** dns.resp.type and its mnemonic. */
  type: number;
  type_name?: string;
  class: number;
  /** dns.resp.ttl: seconds a resolver may keep the record. */
  ttl: number;
  /** The record's data as its type reads (`raw`: a type kept as bytes, or data that did not read as its type says). */
  rdata: DnsRdata;
}

interface Dns extends AppMessageRecord {
  proto: 'dns';
  /** dns.id: the number a response repeats so the asker can match it to its query. */
  id: number;
  /** dns.flags: the 16 flag bits as sent. */
  flags: number;
  /** dns.flags.opcode: 0 = a standard query. */
  opcode: number;
  /** dns.flags.recdesired: the asker wants the server to resolve the name fully (recursion). */
  rd: boolean;
  questions: DnsQuestionRecord[];
  /** The header's counts (dns.count.queries, answers, auth_rr, add_rr): the sections may hold fewer when cut. */
  counts: { qd: number; an: number; ns: number; ar: number };
  /**
   * The message did not decode to its end: `truncated` (the datagram ends before its header's counts are
   * read) or a note code (`dns.name.*`); what came before is kept.
   */
  problem?: string;
}

export interface DnsQueryRecord extends Dns {
  kind: 'query';
}

export interface DnsResponseRecord extends Dns {
  kind: 'response';
  /** dns.flags.rcode: 0 NOERROR, 3 NXDOMAIN (no such name)… and its name. */
  rcode: number;
  rcode_name?: string;
  /** dns.flags.authoritative, dns.flags.recavail, dns.flags.truncated. */
  aa: boolean;
  ra: boolean;
  tc: boolean;
  answers: DnsResourceRecord[];
  authorities: DnsResourceRecord[];
  additionals: DnsResourceRecord[];
}

export type DnsRecord = DnsQueryRecord | DnsResponseRecord;

/** A resource record as a frame entry holds it: type, name, TTL and the value as text (dns.a, dns.cname…). */
export interface DnsAnswerEntry {
  name: string;
  type: number;
  ttl: number;
  /** The address, name or text of the record (absent for data kept as bytes). */
  value?: string;
}

/** What a frame completes (the Info column and display filters read it). */
export interface DnsFrameEntry {
  proto: 'dns';
  kind: 'query' | 'response';
  id: number;
  flags: number;
  questions: { name: string; type: number }[];
  /** Responses: dns.flags.rcode and the answer section. */
  rcode?: number;
  answers?: DnsAnswerEntry[];
  /** Responses: the authority and additional sections' records, when there are any (dns.resp.* reads them too). */
  others?: DnsAnswerEntry[];
  counts: { qd: number; an: number; ns: number; ar: number };
  /** The message did not decode to its end (DnsRecord.problem). */
  problem?: string;
}

/** What the summary's aggregates read of a DNS message: its first question's type (A, AAAA…). */
export function dnsFacets(m: DnsRecord): MessageFacets {
  const q = m.questions[0];
  return q ? { name: q.type_name ?? String(q.type) } : {};
}
