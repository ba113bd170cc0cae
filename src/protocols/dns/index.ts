/**
 * DNS over UDP as a protocol module: a UDP flow to port 53, or one whose first datagram reads as exactly one
 * well-formed standard query or response (the datagram heuristic, for a lab resolver on another port).
 */
import type { ProtocolModule } from '../types.js';
import { en } from './catalog.en.js';
import { id } from './catalog.id.js';
import { DNS_NOTES, decode } from './decode.js';
import { DNS_FIELDS } from './fields.js';
import { type DnsRecord, dnsFacets } from './model.js';
import { DnsHandler, SESSION_NOTES } from './session.js';
import * as words from './words.js';

/** A label of letters, digits, '-' and '_' (host names, service labels such as _sip._udp). */
const LABEL = /^[A-Za-z0-9_-]{1,63}$/;

/**
 * The datagram is one DNS message and nothing else: a standard query (opcode 0) with one question and no
 * answers (an EDNS OPT record allowed), or a response to one; every name made of host-name labels; the
 * last record ending where the datagram ends.
 */
export function looksLikeDns(b: Uint8Array): boolean {
  if (b.length < 17) return false;
  const d = decode(b);
  if (d.kind !== 'ok') return false;
  const m = d.message;
  const f = m.flags;
  if (f.opcode !== 0 || m.counts.qd !== 1 || m.questions.length !== 1) return false;
  if (!f.response && (m.counts.an !== 0 || m.counts.ns !== 0 || m.counts.ar > 1 || f.rcode !== 0)) return false;
  if (f.rcode > 5) return false;
  const names = [m.questions[0]!.name, ...[...m.answers, ...m.authorities].map((r) => r.name)];
  if (!names.every((n) => n === '' || n.split('.').every((l) => LABEL.test(l)))) return false;
  const spans = [m.questions[0]!.span, ...[...m.answers, ...m.authorities, ...m.additionals].map((r) => r.span)];
  const end = Math.max(...spans.map((s) => s.offset + s.length));
  return end === b.length;
}

export const dns = {
  name: 'dns',
  udpPorts: [53],
  detectDatagram: (b) => (looksLikeDns(b) ? {} : undefined),
  session: (conv) => new DnsHandler(conv),
  notes: { ...DNS_NOTES, ...SESSION_NOTES },
  // asked only about its own messages (SessionProtocols.facets goes by `proto`)
  facets: (m) => dnsFacets(m as DnsRecord),
  fields: DNS_FIELDS,
  words: {
    catalog: { en, id },
    label: words.label,
    sentence: words.sentence,
    info: words.dnsInfo,
    phases: words.phases,
    hostRoles: words.hostRoles,
    title: words.title,
    arrow: words.arrow,
    convLine: words.convLine,
  },
} satisfies ProtocolModule;
