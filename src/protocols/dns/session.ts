/**
 * A DNS flow: every UDP datagram is one DNS message (RFC 1035 §4.2.1). Queries wait for their responses by
 * id on this flow (the 5-tuple: same addresses and ports), as Wireshark pairs them (dns.response_to,
 * dns.time); a response whose id no waiting query has is noted, never paired by position.
 */
import type { AppConversation, AppHandler, Dir } from '../../analysis/app/conversation.js';
import { DIR_NAME } from '../../analysis/app/conversation.js';
import { MAX_WAITING } from '../../analysis/app/requests.js';
import { roundNs } from '../../analysis/app/time.js';
import type { ConversationRecord } from '../../analysis/model.js';
import type { EndReason } from '../../analysis/reassembly.js';
import { decode } from './decode.js';
import type { DnsAnswerEntry, DnsFrameEntry, DnsRecord, DnsResourceRecord, DnsResponseRecord } from './model.js';
import type { DnsMessage, DnsRdata, DnsRecord as WireRecord } from './types.js';

/** Note codes of the session (the decoder's are DNS_NOTES). */
export const SESSION_NOTES = {
  /** A datagram that ends before the records its header counts (not cut by the snapshot length). */
  'dns.truncated': 'warn',
  /** A datagram too short for a DNS header (12 bytes): not decoded. */
  'dns.short': 'warn',
  /** A response whose id matches no query waiting on this flow (the query is not in the capture). */
  'dns.response.unpaired': 'note',
} as const;

/** Types whose data the decoder reads: `raw` data of one of them did not read as its type says. */
const READ_TYPES = new Set([1, 2, 5, 6, 12, 15, 16, 28, 33, 41]);

interface Waiting {
  rec: DnsRecord | null;
  frame: number;
  t: number;
}

export class DnsHandler implements AppHandler {
  readonly proto = 'dns' as const;
  /** Queries waiting for their response, by id and the direction they went (id + dir × 65536). */
  private readonly waiting = new Map<number, Waiting[]>();
  private waitingCount = 0;

  constructor(private readonly conv: AppConversation) {}

  /** DNS over UDP only: a TCP stream is never given to this session (no TCP port, no stream heuristic). */
  data(_dir: Dir, _bytes: Uint8Array, _offset: number, _frame: number): void {}

  gap(_dir: Dir, _offset: number, _length: number, _frame: number): void {}

  end(_dir: Dir, _reason: EndReason, _frame: number): void {}

  datagram(dir: Dir, bytes: Uint8Array, frame: number, length = bytes.length): void {
    const conv = this.conv;
    const ctx = conv.ctx;
    const cut = length > bytes.length;
    const d = decode(bytes);
    const msg = d.kind === 'ok' ? d.message : d.message;
    if (!msg) {
      // shorter than a DNS header: nothing to tell but its bytes (the frame says it is a datagram)
      if (!cut) {
        conv.note('dns.short', { frame });
        ctx.note('dns.short', { length });
      }
      return;
    }
    let problem: string | undefined;
    if (d.kind === 'truncated') {
      problem = 'truncated';
      if (!cut) {
        conv.note('dns.truncated', { frame });
        ctx.note('dns.truncated');
      }
    } else if (d.kind === 'malformed') {
      problem = d.code;
      conv.note(d.code, { frame });
      ctx.note(d.code);
    }
    const at = conv.completing([frame]);
    const rec = conv.room() ? record(msg, at, frame, dir, problem) : null;
    if (rec) {
      if (cut) rec.cut = { length, captured: bytes.length };
      conv.add(rec);
      if (rec.kind === 'response' && [...rec.answers, ...rec.authorities].some(badRdata)) {
        conv.note('dns.rdata.bad', { frame });
        ctx.note('dns.rdata.bad');
      }
    }
    if (!msg.flags.response) {
      const key = msg.id + dir * 65536;
      const list = this.waiting.get(key);
      const w = { rec, frame: at, t: ctx.now };
      if (this.waitingCount < MAX_WAITING) {
        if (list) list.push(w);
        else this.waiting.set(key, [w]);
        this.waitingCount++;
      }
    } else {
      const key = msg.id + (dir === 0 ? 1 : 0) * 65536;
      const list = this.waiting.get(key);
      const q = list?.shift();
      if (list && list.length === 0) this.waiting.delete(key);
      if (q) {
        this.waitingCount--;
        if (rec) {
          rec.reply_to = q.frame;
          rec.latency = roundNs(ctx.now - q.t);
        }
        if (q.rec) q.rec.replied_by = at;
      } else {
        const id = `0x${msg.id.toString(16).padStart(4, '0')}`;
        conv.note('dns.response.unpaired', { frame: at, id });
        ctx.note('dns.response.unpaired', { id });
      }
    }
    ctx.done('dns');
    if (ctx.frames) ctx.emit(entry(msg, problem));
  }

  finish(_rec: ConversationRecord): void {}
}

function badRdata(r: DnsResourceRecord): boolean {
  return r.rdata.kind === 'raw' && READ_TYPES.has(r.type);
}

function resource(r: WireRecord): DnsResourceRecord {
  const out: DnsResourceRecord = { name: r.name, type: r.type, class: r.class, ttl: r.ttl, rdata: r.rdata };
  if (r.typeName !== undefined) out.type_name = r.typeName;
  return out;
}

function record(m: DnsMessage, at: number, frame: number, dir: Dir, problem: string | undefined): DnsRecord {
  const f = m.flags;
  const base = {
    frame: at,
    frames: [frame],
    dir: DIR_NAME[dir],
    proto: 'dns' as const,
    id: m.id,
    flags: flagBits(m),
    opcode: f.opcode,
    rd: f.recursionDesired,
    questions: m.questions.map((q) => {
      const r: DnsRecord['questions'][number] = { name: q.name, type: q.type, class: q.class };
      if (q.typeName !== undefined) r.type_name = q.typeName;
      return r;
    }),
    counts: { ...m.counts },
    ...(problem !== undefined ? { problem } : {}),
  };
  if (!f.response) return { ...base, kind: 'query' };
  const rec: DnsResponseRecord = {
    ...base,
    kind: 'response',
    rcode: f.rcode,
    aa: f.authoritative,
    ra: f.recursionAvailable,
    tc: f.truncated,
    answers: m.answers.map(resource),
    authorities: m.authorities.map(resource),
    additionals: m.additionals.map(resource),
  };
  if (f.rcodeName !== undefined) rec.rcode_name = f.rcodeName;
  return rec;
}

/** The 16 flag bits as sent (dns.flags). */
function flagBits(m: DnsMessage): number {
  const f = m.flags;
  return (
    (f.response ? 0x8000 : 0) |
    ((f.opcode & 0xf) << 11) |
    (f.authoritative ? 0x0400 : 0) |
    (f.truncated ? 0x0200 : 0) |
    (f.recursionDesired ? 0x0100 : 0) |
    (f.recursionAvailable ? 0x0080 : 0) |
    (f.authenticData ? 0x0020 : 0) |
    (f.checkingDisabled ? 0x0010 : 0) |
    (f.rcode & 0xf)
  );
}

/** A record's data as text (the value of dns.a, dns.aaaa, dns.cname, dns.ptr.domain_name, dns.txt…). */
export function rdataText(d: DnsRdata): string | undefined {
  switch (d.kind) {
    case 'A':
    case 'AAAA':
      return d.address;
    case 'CNAME':
    case 'NS':
    case 'PTR':
      return d.name;
    case 'MX':
      return `${d.preference} ${d.exchange}`;
    case 'TXT':
      return d.strings.join('');
    case 'SOA':
      return `${d.mname} ${d.rname} ${d.serial}`;
    case 'SRV':
      return `${d.priority} ${d.weight} ${d.port} ${d.target}`;
    case 'OPT':
      return `udp ${d.udpSize}`;
    case 'raw':
      return undefined;
    default: {
      const never: never = d;
      return never;
    }
  }
}

function short(r: WireRecord): DnsAnswerEntry {
  const a: DnsAnswerEntry = { name: r.name, type: r.type, ttl: r.ttl };
  const v = rdataText(r.rdata);
  if (v !== undefined) a.value = v;
  return a;
}

function entry(m: DnsMessage, problem: string | undefined): DnsFrameEntry {
  const e: DnsFrameEntry = {
    proto: 'dns',
    kind: m.flags.response ? 'response' : 'query',
    id: m.id,
    flags: flagBits(m),
    questions: m.questions.map((q) => ({ name: q.name, type: q.type })),
    counts: { ...m.counts },
  };
  if (m.flags.response) {
    e.rcode = m.flags.rcode;
    e.answers = m.answers.map(short);
    if (m.authorities.length + m.additionals.length > 0) e.others = [...m.authorities, ...m.additionals].map(short);
  }
  if (problem !== undefined) e.problem = problem;
  return e;
}
