import type { Catalogue } from '../../explain/catalog/types.js';

/** English texts of this protocol: its frame sentences, story, overview and teaching entries, and its note codes. */
export const en: Catalogue = {
  'app.dns': 'DNS',
  'lbl.dns.query': 'the {nth} DNS query',
  'lbl.dns.response': 'the {nth} DNS response',
  'dns.q': 'the {qtype} record of {name}',
  'dns.q.none': 'nothing (a query without a question)',
  'dns.rr.A': '{name} has the IPv4 address {value} (A, TTL {ttl} s)',
  'dns.rr.AAAA': '{name} has the IPv6 address {value} (AAAA, TTL {ttl} s)',
  'dns.rr.CNAME': '{name} is an alias of {value} (CNAME, TTL {ttl} s)',
  'dns.rr.NS': 'the name server of {name} is {value} (NS, TTL {ttl} s)',
  'dns.rr.MX': 'mail for {name} goes to {value} (MX: preference and host, TTL {ttl} s)',
  'dns.rr.TXT': '{name} has the text "{value}" (TXT, TTL {ttl} s)',
  'dns.rr.PTR': '{name} points to the name {value} (PTR, TTL {ttl} s)',
  'dns.rr.PTR.addr': 'the name of the address {addr} is {value} (PTR record of {name}, TTL {ttl} s)',
  'dns.rr.other': '{name} has the {type} record {value} (TTL {ttl} s)',
  'dns.rr.raw': '{name} has a {type} record (TTL {ttl} s)',
  'dns.r.nodata': 'no {qtype} record',
  'ex.dns.query': '{who} {addr} asks {peer_who} {peer_addr} for {what} (DNS query, id {id}), in one UDP datagram.',
  'ex.dns.query.rd':
    '{who} {addr} asks {peer_who} {peer_addr} for {what} (DNS query, id {id}, recursion desired), in one UDP datagram.',
  'ex.dns.answer': '{who} {addr} answers query {id}: {answers}.',
  'ex.dns.answer.lat': '{who} {addr} answers query {id} of frame {req}, {latency} later: {answers}.',
  'ex.dns.nodata':
    '{who} {addr} answers query {id}: {name} exists but has no {qtype} record (NOERROR with an empty answer section).',
  'ex.dns.nodata.lat':
    '{who} {addr} answers query {id} of frame {req}, {latency} later: {name} exists but has no {qtype} record (NOERROR with an empty answer section).',
  'ex.dns.nxdomain': '{who} {addr} answers query {id}: the name {name} does not exist (NXDOMAIN, rcode 3).',
  'ex.dns.nxdomain.lat':
    '{who} {addr} answers query {id} of frame {req}, {latency} later: the name {name} does not exist (NXDOMAIN, rcode 3).',
  'ex.dns.error': '{who} {addr} answers query {id} for {name} with the error {rcode_name} (rcode {rcode}).',
  'ex.dns.error.lat':
    '{who} {addr} answers query {id} of frame {req}, {latency} later, with the error {rcode_name} (rcode {rcode}).',
  'ex.dns.problem': 'The message does not decode to its end; what is told is what came before.',
  'story.dns':
    '{who} {addr} sends {count} DNS {count:query|queries} to {s_who} {s_addr}, each in one UDP datagram, and each response carries the id of the query it answers: {pairs}.',
  'story.dns.responses':
    '{who} {addr} sends {count} DNS {count:response|responses} whose queries are not in the capture: {values}.',
  'story.dns.rd':
    'The queries ask for recursion (the RD flag): a server that does not hold the answer is to find it itself, asking other servers, instead of only pointing to them.',
  'story.dns.answered': 'Answered: {names}.',
  'story.dns.nodata': 'The name exists but has no record of the type asked: {names}.',
  'story.dns.nxdomain': 'Not found (NXDOMAIN: no such name): {names}.',
  'story.dns.failed': 'Failed: {names}.',
  'story.dns.unanswered': 'No response in the capture: {names}.',
  'story.dns.ttl': 'Every answer has a TTL of {ttl} s: how long the asker may keep and reuse it before asking again.',
  'story.dns.ttl.range':
    'The answers have TTLs from {min} s to {max} s: how long the asker may keep and reuse each before asking again.',
  'story.dns.listed': 'The names above are those of the {listed} DNS messages listed out of {count}.',
  'ov.conv.dns': 'DNS, {queries} {queries:query|queries} and {responses} {responses:response|responses}',
  'role.dns.server': 'DNS server on :{port}',
  'role.dns.client': 'DNS client of {server}',
  'dns.name.label_type': 'A name in this DNS message uses a label type that does not exist; decoding stops there.',
  'dns.name.pointer_forward':
    'A compressed name in this DNS message points forward or at itself (a loop); decoding stops there.',
  'dns.name.too_long': 'A name in this DNS message is longer than 255 bytes; decoding stops there.',
  'dns.rdata.bad': "A record's data in this DNS message does not read as its type says; it is kept as bytes.",
  'dns.tcp.length_zero': 'A DNS message over TCP announces a length of 0.',
  'dns.truncated': 'This DNS message ends before the records its header counts; what came before is decoded.',
  'dns.short': 'This datagram on a DNS flow is shorter than a DNS header (12 bytes); it is not decoded.',
  'dns.response.unpaired': 'This DNS response (id {id}) answers no query seen on this flow.',
};
