/**
 * What DNS tells: each query (which record of which name, its id) and each response (the records, or that
 * the name has no record of that type, or does not exist), the flow's story (which names were asked,
 * answered or not found) and its Info column as tshark writes it.
 */
import { groupOf, type Msg } from '../../explain/app.js';
import type { ConvContext, FrameConv, MsgRef } from '../../explain/context.js';
import { list, type Params, type Say } from '../../explain/format.js';
import type { HostRole, Tell } from '../../explain/protocol.js';
import { listOf, pairsList, pairsText, phase, spanOf, who } from '../../explain/story-kit.js';
import type { StoryRecord } from '../../explain/types.js';
import type { DnsFrameEntry, DnsQueryRecord, DnsRecord, DnsResourceRecord, DnsResponseRecord } from './model.js';
import { rdataText } from './session.js';
import { DNS_TYPES } from './types.js';

const isQuery = (m: Msg): m is DnsQueryRecord => m.proto === 'dns' && m.kind === 'query';
const isResponse = (m: Msg): m is DnsResponseRecord => m.proto === 'dns' && m.kind === 'response';

/** A type's mnemonic, or TYPEn (RFC 3597) for one without a name here. */
function typeName(type: number, name?: string): string {
  return name ?? DNS_TYPES[type] ?? `TYPE${type}`;
}

/** A name as said: the root ("") as "."; no trailing dot otherwise, as Wireshark shows it. */
function nameText(n: string): string {
  return n === '' ? '.' : n;
}

/** The IPv4 address a reverse-lookup name stands for (80.0.18.172.in-addr.arpa → 172.18.0.80). */
function reverseOf(name: string): string | undefined {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.in-addr\.arpa$/i.exec(name);
  if (!m || m.slice(1).some((x) => Number(x) > 255)) return undefined;
  return `${m[4]}.${m[3]}.${m[2]}.${m[1]}`;
}

/** What a query asks: "the A record of rpc-server.lab" (each question). */
function asked(say: Say, m: DnsRecord): string {
  if (m.questions.length === 0) return say('dns.q.none');
  return list(
    say,
    m.questions.map((q) => say('dns.q', { qtype: typeName(q.type, q.type_name), name: nameText(q.name) })),
    3,
  );
}

/** One resource record as a clause: "rpc-server.lab has the IPv4 address 172.18.0.80 (A, TTL 60 s)". */
function rrText(say: Say, r: DnsResourceRecord): string {
  const value = rdataText(r.rdata);
  const p: Params = { name: nameText(r.name), type: typeName(r.type, r.type_name), value: value ?? '', ttl: r.ttl };
  let code: string;
  switch (r.rdata.kind) {
    case 'A':
    case 'AAAA':
    case 'CNAME':
    case 'NS':
    case 'MX':
    case 'TXT':
      code = `dns.rr.${r.rdata.kind}`;
      break;
    case 'PTR': {
      const addr = reverseOf(r.name);
      code = addr ? 'dns.rr.PTR.addr' : 'dns.rr.PTR';
      if (addr) p.addr = addr;
      break;
    }
    case 'SOA':
    case 'SRV':
    case 'OPT':
      code = 'dns.rr.other';
      break;
    case 'raw':
      code = 'dns.rr.raw';
      break;
    default: {
      const never: never = r.rdata;
      return never;
    }
  }
  return say(code, p);
}

/** A DNS id as Wireshark shows it (Transaction ID: 0x1748). */
function idText(id: number): string {
  return `0x${id.toString(16).padStart(4, '0')}`;
}

/** The first question's name and type (what a response without answers speaks of). */
function firstQuestion(m: DnsRecord): Params {
  const q = m.questions[0];
  return { name: q ? nameText(q.name) : '?', qtype: q ? typeName(q.type, q.type_name) : '?' };
}

/** The sentence for one DNS query or response a frame completes. */
export function sentence(say: Say, _ctx: FrameConv, m: DnsRecord, t: Tell): string {
  const { one, reply } = t;
  const extra = m.problem !== undefined ? ` ${say('ex.dns.problem')}` : '';
  switch (m.kind) {
    case 'query':
      return one(m.rd ? 'ex.dns.query.rd' : 'ex.dns.query', { what: asked(say, m), id: idText(m.id) }) + extra;
    case 'response': {
      const p: Params = { id: idText(m.id), ...firstQuestion(m) };
      if (m.rcode === 3) return reply('ex.dns.nxdomain', p) + extra;
      if (m.rcode !== 0) {
        p.rcode = m.rcode;
        p.rcode_name = m.rcode_name ?? `RCODE${m.rcode}`;
        return reply('ex.dns.error', p) + extra;
      }
      if (m.answers.length === 0) return reply('ex.dns.nodata', p) + extra;
      p.answers = list(
        say,
        m.answers.map((r) => rrText(say, r)),
        6,
      );
      return reply('ex.dns.answer', p) + extra;
    }
    default: {
      const never: never = m;
      return never;
    }
  }
}

/** The noun for a DNS message ("the DNS query", "the DNS response"). */
export function label(say: Say, _ctx: Pick<FrameConv, 'kind'>, m: MsgRef, k: Params): string {
  return say(m.kind === 'query' ? 'lbl.dns.query' : 'lbl.dns.response', k);
}

/** tshark's rcode names in the Info column. */
const RCODE_INFO: Readonly<Record<number, string>> = {
  1: 'Format error',
  2: 'Server failure',
  3: 'No such name',
  4: 'Not implemented',
  5: 'Refused',
};

/** The Info column as tshark writes it: "Standard query response 0x1748 A rpc-server.lab A 172.18.0.80". */
export function dnsInfo(e: DnsFrameEntry): string {
  const op = (e.flags >> 11) & 0xf;
  const parts = [op === 0 ? 'Standard query' : `Opcode ${op}`];
  if (e.kind === 'response') parts[0] += ' response';
  parts.push(idText(e.id));
  if (e.kind === 'response' && e.rcode) parts.push(RCODE_INFO[e.rcode] ?? `Unknown error (${e.rcode})`);
  for (const q of e.questions) parts.push(`${typeName(q.type)} ${nameText(q.name)}`);
  for (const a of e.answers ?? []) {
    const t = typeName(a.type);
    // tshark shows a TXT answer's type only
    parts.push(a.value !== undefined && t !== 'TXT' ? `${t} ${a.value}` : t);
  }
  return parts.join(' ');
}

/** A sequence diagram's arrow: "A rpc-server.lab?" for a query, the first answer or the rcode for a response. */
export function arrow(e: DnsFrameEntry): string {
  const q = e.questions[0];
  if (e.kind === 'query') return q ? `${typeName(q.type)} ${nameText(q.name)}?` : 'query';
  if (e.rcode) return RCODE_INFO[e.rcode] ?? `rcode ${e.rcode}`;
  const a = e.answers?.[0];
  if (!a) return 'no answer';
  return a.value !== undefined ? `${typeName(a.type)} ${a.value}` : typeName(a.type);
}

/** What a response says, short, for the story's pairs: "A 172.18.0.80", "NXDOMAIN", "no AAAA record". */
function responseShort(say: Say, m: DnsResponseRecord): string {
  if (m.rcode !== 0) return m.rcode_name ?? `RCODE${m.rcode}`;
  if (m.answers.length === 0) return say('dns.r.nodata', firstQuestion(m));
  return m.answers
    .map((r) => {
      const t = typeName(r.type, r.type_name);
      const v = rdataText(r.rdata);
      return v === undefined ? t : t === 'TXT' ? `${t} "${v}"` : `${t} ${v}`;
    })
    .join(', ');
}

function queryShort(m: DnsQueryRecord): string {
  return m.questions.map((q) => `${typeName(q.type, q.type_name)} ${nameText(q.name)}`).join(', ') || '?';
}

/** The queries of a flow and their responses, and which names were answered, had no such record or were not found. */
export function dnsExchange(say: Say, ctx: ConvContext): StoryRecord | undefined {
  const all = groupOf(ctx.view, (m) => m.proto === 'dns');
  if (!all.count) return undefined;
  const queries = all.msgs.filter(isQuery);
  const responses = all.msgs.filter(isResponse);
  const total = groupOf(ctx.view, (m) => m.proto === 'dns' && m.kind === 'query').count;
  const byFrame = new Map(queries.map((q) => [q.frame, q]));
  const label = (m: Msg) => (isQuery(m) ? queryShort(m) : isResponse(m) ? responseShort(say, m) : '?');
  const side = queries[0]?.dir === 's2c' ? 'server' : 'client';
  const other = side === 'client' ? 'server' : 'client';
  const parts: string[] = [];
  let code = 'story.dns';
  if (total > 0) {
    const pairs = pairsText(say, ctx, queries, responses, label);
    parts.push(
      phase(say, ctx, spanOf(all), 'story.dns', {
        ...who(say, ctx, side),
        ...who(say, ctx, other, 's_'),
        count: total,
        pairs: pairsList(say, pairs, total, 8),
      }).text,
    );
  } else {
    code = 'story.dns.responses';
    parts.push(
      phase(say, ctx, spanOf(all), code, {
        ...who(say, ctx, other),
        count: responses.length,
        values: list(say, responses.map(label), 6),
      }).text,
    );
  }
  if (queries.length > 0 && queries.every((q) => q.rd)) parts.push(say('story.dns.rd'));
  // which names: answered, with no record of the type asked, not found, failed, without a response
  const answered: string[] = [];
  const nodata: string[] = [];
  const nx: string[] = [];
  const failed: string[] = [];
  const ttls: number[] = [];
  for (const r of responses) {
    const q = r.reply_to !== undefined ? byFrame.get(r.reply_to) : undefined;
    const name = nameText((q ?? r).questions[0]?.name ?? '?');
    if (r.rcode === 3) nx.push(name);
    else if (r.rcode !== 0) failed.push(`${name} (${r.rcode_name ?? `RCODE${r.rcode}`})`);
    else if (r.answers.length === 0) nodata.push(`${name} (${firstQuestion(q ?? r).qtype})`);
    else answered.push(name);
    for (const a of r.answers) ttls.push(a.ttl);
  }
  const unanswered = queries.filter((q) => q.replied_by === undefined).map((q) => queryShort(q));
  const uniq = (xs: string[]) => [...new Set(xs)];
  if (answered.length) parts.push(say('story.dns.answered', { names: list(say, uniq(answered), 8) }));
  if (nodata.length) parts.push(say('story.dns.nodata', { names: list(say, uniq(nodata), 8) }));
  if (nx.length) parts.push(say('story.dns.nxdomain', { names: list(say, uniq(nx), 8) }));
  if (failed.length) parts.push(say('story.dns.failed', { names: list(say, uniq(failed), 8) }));
  if (unanswered.length && all.complete)
    parts.push(say('story.dns.unanswered', { names: listOf(say, uniq(unanswered), unanswered.length, 8) }));
  if (ttls.length) {
    const lo = Math.min(...ttls);
    const hi = Math.max(...ttls);
    parts.push(lo === hi ? say('story.dns.ttl', { ttl: lo }) : say('story.dns.ttl.range', { min: lo, max: hi }));
  }
  if (!all.complete) parts.push(say('story.dns.listed', { listed: all.msgs.length, count: all.count }));
  return { frames: spanOf(all), conversation: ctx.c.id, code, text: parts.join(' ') };
}

export function phases(say: Say, ctx: ConvContext): { setup: StoryRecord[]; exchange?: StoryRecord } {
  const exchange = dnsExchange(say, ctx);
  return exchange ? { setup: [], exchange } : { setup: [] };
}

export function hostRoles(_say: Say, ctx: ConvContext, port: string | number): { client: HostRole; server: HostRole } {
  return {
    client: { code: 'role.dns.client', params: { server: ctx.c.server } },
    server: { code: 'role.dns.server', params: { port } },
  };
}

/** How many queries and responses, and how many names were not found. */
export function convLine(_say: Say, ctx: ConvContext): { code: string; params: Params } {
  const q = groupOf(ctx.view, (m) => m.proto === 'dns' && m.kind === 'query').count;
  const r = groupOf(ctx.view, (m) => m.proto === 'dns' && m.kind === 'response').count;
  return { code: 'ov.conv.dns', params: { queries: q, responses: r } };
}

export function title(): string {
  return 'DNS';
}
