/**
 * DNS messages (RFC 1035 §4; AAAA RFC 3596; SRV RFC 2782; OPT RFC 6891) as ./decode.ts returns them. Field
 * names follow Wireshark's dns dissector (dns.id, dns.flags.rcode, dns.qry.name, dns.a, dns.aaaa, dns.cname,
 * dns.ptr.domain_name, dns.txt).
 */
import type { Span } from '../reader.js';

export const DNS_TYPES: Readonly<Record<number, string>> = {
  1: 'A',
  2: 'NS',
  5: 'CNAME',
  6: 'SOA',
  12: 'PTR',
  15: 'MX',
  16: 'TXT',
  28: 'AAAA',
  33: 'SRV',
  41: 'OPT',
  65: 'HTTPS',
  255: 'ANY',
};

export const DNS_RCODES: Readonly<Record<number, string>> = {
  0: 'NOERROR',
  1: 'FORMERR',
  2: 'SERVFAIL',
  3: 'NXDOMAIN',
  4: 'NOTIMP',
  5: 'REFUSED',
};

export interface DnsFlags {
  /** dns.flags.response */
  readonly response: boolean;
  readonly opcode: number;
  readonly authoritative: boolean;
  readonly truncated: boolean;
  readonly recursionDesired: boolean;
  readonly recursionAvailable: boolean;
  readonly authenticData: boolean;
  readonly checkingDisabled: boolean;
  /** dns.flags.rcode (the 4 header bits; EDNS extends it). */
  readonly rcode: number;
  readonly rcodeName: string | undefined;
}

export interface DnsQuestion {
  /** dns.qry.name, without the trailing dot ("" = the root). */
  readonly name: string;
  readonly type: number;
  readonly typeName: string | undefined;
  readonly class: number;
  /** mDNS "unicast response" bit is not split off: class is the 16 bits as sent. */
  readonly span: Span;
}

export type DnsRdata =
  | { readonly kind: 'A'; readonly address: string }
  | { readonly kind: 'AAAA'; readonly address: string }
  | { readonly kind: 'CNAME' | 'NS' | 'PTR'; readonly name: string }
  | { readonly kind: 'MX'; readonly preference: number; readonly exchange: string }
  | { readonly kind: 'TXT'; readonly strings: readonly string[] }
  | {
      readonly kind: 'SOA';
      readonly mname: string;
      readonly rname: string;
      readonly serial: number;
      readonly refresh: number;
      readonly retry: number;
      readonly expire: number;
      readonly minimum: number;
    }
  | {
      readonly kind: 'SRV';
      readonly priority: number;
      readonly weight: number;
      readonly port: number;
      readonly target: string;
    }
  | { readonly kind: 'OPT'; readonly udpSize: number; readonly extendedRcode: number; readonly version: number }
  /** A type this decoder leaves as bytes, or rdata that did not read as its type says. */
  | { readonly kind: 'raw' };

export interface DnsRecord {
  readonly name: string;
  readonly type: number;
  readonly typeName: string | undefined;
  readonly class: number;
  readonly ttl: number;
  readonly rdata: DnsRdata;
  readonly rdataSpan: Span;
  readonly span: Span;
}

export interface DnsMessage {
  /** dns.id */
  readonly id: number;
  readonly flags: DnsFlags;
  readonly questions: readonly DnsQuestion[];
  readonly answers: readonly DnsRecord[];
  readonly authorities: readonly DnsRecord[];
  readonly additionals: readonly DnsRecord[];
  /** The counts as the header declares them (the sections may hold fewer when the message is cut). */
  readonly counts: { readonly qd: number; readonly an: number; readonly ns: number; readonly ar: number };
}
