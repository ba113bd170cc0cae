/**
 * GIOP session (CORBA over IIOP): both directions framed by GIOP's message size over TCP reassembly
 * (PduStream, as Wireshark's tcp_dissect_pdus with get_giop_pdu_len), each message decoded into its record,
 * and every Reply / LocateReply paired with the Request / LocateRequest of the same request id sent the
 * other way (ids are per connection; GIOP 1.2 lets either side send requests), with the latency. A reply
 * is read with its request's operation (`_is_a` → a boolean, `resolve` → an IOR: calls.ts).
 *
 * GIOP has a magic ("GIOP") at every message start, so after lost bytes a direction resumes at the first
 * segment that starts with whole messages.
 */

import type { AppConversation, Dir } from '../../analysis/app/conversation.js';
import { DIR_NAME } from '../../analysis/app/conversation.js';
import { PduHandler } from '../../analysis/app/framed.js';
import { roundNs } from '../../analysis/app/time.js';
import type { ConversationRecord } from '../../analysis/model.js';
import { type Body, iorRecord, replyResult, requestArguments, userExceptionId } from './calls.js';
import { decode, frame, printableKey } from './decode.js';
import type { GiopFrameEntry, GiopIorRecord, GiopRecord, GiopValue } from './model.js';
import { GIOP_HEADER_LEN, type GiopMessage, type GiopTarget } from './types.js';

const PROTOCOL = { frame };

/** Requests remembered per connection while waiting for their replies. */
const MAX_WAITING = 10_000;

const HEX = (b: Uint8Array) => Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');

const COMPLETED = ['YES', 'NO', 'MAYBE'] as const;

/** A request waiting for its reply. */
interface Waiting {
  rec: GiopRecord | null;
  frame: number;
  t: number;
  /** The operation (a Request), or undefined for a LocateRequest. */
  operation: string | undefined;
  locate: boolean;
}

/** The key a target names: its object key (text when printable), or the profile / reference it carries. */
function targetKey(t: GiopTarget): { key: string; text: boolean } {
  switch (t.kind) {
    case 'key': {
      const text = printableKey(t.objectKey);
      return text !== undefined ? { key: text, text: true } : { key: HEX(t.objectKey), text: false };
    }
    case 'profile':
      return { key: `profile ${t.tag}`, text: true };
    case 'reference': {
      const p = t.ior?.profiles[t.profileIndex];
      return p && 'objectKey' in p ? { key: HEX(p.objectKey), text: false } : { key: 'reference', text: true };
    }
    default: {
      const never: never = t;
      return never;
    }
  }
}

/** Whether every GIOP message in `b` is whole and the last one ends with `b`. */
export function giopMessagesExact(b: Uint8Array): boolean {
  let off = 0;
  while (off < b.length) {
    const f = frame(b, off, b.length);
    if (f.kind !== 'pdu') return false;
    off += f.length;
  }
  return off === b.length && b.length > 0;
}

/** The type ids, hosts and ports a value carries (for the frame entry). */
function iorsOf(v: GiopValue | undefined): GiopIorRecord[] {
  if (!v) return [];
  if (v.kind === 'object') return [v.ior];
  if (v.kind === 'name' && v.object) return [v.object];
  return [];
}

export class GiopHandler extends PduHandler<null> {
  readonly proto = 'giop' as const;
  /** Requests waiting for their replies, by direction of the request and request id. */
  private readonly waiting: [Map<number, Waiting>, Map<number, Waiting>] = [new Map(), new Map()];
  private started = false;
  /** Requests were forgotten (bytes lost): a reply without a request is not unexpected then. */
  private forgotten = false;

  constructor(conv: AppConversation, midStream = false) {
    super(conv, [null, null], PROTOCOL);
    if (midStream) {
      this.started = true;
      conv.note('app.midstream', { proto: 'giop' });
    }
  }

  pdu(dir: Dir, bytes: Uint8Array, frames: readonly number[]): void {
    const conv = this.conv;
    const ctx = conv.ctx;
    const d = decode(bytes);
    if (!this.started) {
      this.started = true;
      if (!conv.fromStart) conv.note('app.midstream', { proto: 'giop' });
    }
    ctx.done('giop');
    if (d.kind !== 'ok') {
      const params = 'params' in d && d.params ? { ...d.params } : undefined;
      // a message the snapshot length cut is told by tcp.pdu.cut below
      if (d.kind !== 'truncated') ctx.note(d.code, params);
      return;
    }
    const m = d.message;
    const at = conv.completing(frames);
    const end = Math.min(bytes.length, GIOP_HEADER_LEN + m.header.size);
    const body = (offset: number): Body => ({ pdu: bytes, offset, end, le: m.header.littleEndian });
    const base = {
      frame: at,
      frames: [...frames],
      dir: DIR_NAME[dir],
      proto: 'giop' as const,
      version: `${m.header.major}.${m.header.minor}`,
      little_endian: m.header.littleEndian,
      size: m.header.size,
    };
    const entry: GiopFrameEntry = {
      proto: 'giop',
      kind: m.kind,
      version: base.version,
      little_endian: base.little_endian,
      type: m.header.type,
      size: m.header.size,
    };
    let rec: GiopRecord;
    switch (m.kind) {
      case 'Request': {
        const t = targetKey(m.target);
        const args = requestArguments(m.operation, body(m.body.offset));
        rec = {
          ...base,
          kind: 'Request',
          request_id: m.requestId,
          operation: m.operation,
          object_key: t.key,
          object_key_text: t.text,
          response_expected: m.responseExpected,
          ...(m.responseFlags !== undefined ? { response_flags: m.responseFlags } : {}),
          service_contexts: m.serviceContexts.map((c) => c.id),
          arguments: args,
        };
        entry.request_id = m.requestId;
        entry.operation = m.operation;
        if (m.responseFlags !== undefined) entry.response_flags = m.responseFlags;
        else entry.response_expected = m.responseExpected;
        const typeIds = m.operation === '_is_a' && args.kind === 'string' ? [args.value] : [];
        this.iors(entry, iorsOf(args), typeIds);
        break;
      }
      case 'Reply': {
        const w = this.waiting[dir === 0 ? 1 : 0].get(m.requestId);
        const operation = w && !w.locate ? w.operation : undefined;
        rec = {
          ...base,
          kind: 'Reply',
          request_id: m.requestId,
          status: m.status,
          status_name: m.statusName ?? `unknown (${m.status})`,
          ...(operation !== undefined ? { operation } : {}),
        };
        const b = body(m.body.offset);
        if (m.status === 0) rec.result = replyResult(operation, b);
        else if (m.status === 1) {
          const id = userExceptionId(b);
          if (id !== undefined) rec.exception = { id };
        } else if (m.status === 2 && m.systemException) {
          const x = m.systemException;
          rec.exception = { id: x.exceptionId, minor: x.minor };
          const c = COMPLETED[x.completed];
          if (c) rec.exception.completed = c;
        } else if (m.forward) rec.result = { kind: 'object', ior: iorRecord(m.forward) };
        entry.request_id = m.requestId;
        entry.status = m.status;
        if (operation !== undefined) entry.operation = operation;
        this.iors(entry, iorsOf(rec.result), []);
        break;
      }
      case 'LocateRequest': {
        const t = targetKey(m.target);
        rec = {
          ...base,
          kind: 'LocateRequest',
          request_id: m.requestId,
          object_key: t.key,
          object_key_text: t.text,
        };
        entry.request_id = m.requestId;
        break;
      }
      case 'LocateReply': {
        rec = {
          ...base,
          kind: 'LocateReply',
          request_id: m.requestId,
          status: m.status,
          status_name: m.statusName ?? `unknown (${m.status})`,
        };
        if (m.forward) rec.forward = iorRecord(m.forward);
        entry.request_id = m.requestId;
        entry.status = m.status;
        this.iors(entry, rec.forward ? [rec.forward] : [], []);
        break;
      }
      case 'CancelRequest':
        rec = { ...base, kind: 'CancelRequest', request_id: m.requestId };
        entry.request_id = m.requestId;
        break;
      case 'CloseConnection':
      case 'MessageError':
        rec = { ...base, kind: m.kind };
        break;
      case 'Fragment':
        rec = {
          ...base,
          kind: 'Fragment',
          ...(m.requestId !== undefined ? { request_id: m.requestId } : {}),
          more_fragments: m.header.moreFragments,
        };
        if (m.requestId !== undefined) entry.request_id = m.requestId;
        break;
      default: {
        const never: never = m;
        void never;
        return;
      }
    }
    const listed = conv.room();
    if (listed) conv.add(rec);
    this.pair(dir, m, listed ? rec : null, at);
    if (ctx.frames) ctx.emit(entry);
  }

  private iors(entry: GiopFrameEntry, iors: readonly GiopIorRecord[], typeIds: string[]): void {
    const ids = [...typeIds, ...iors.map((i) => i.type_id)];
    if (ids.length) entry.type_ids = ids;
    const hosts = iors.flatMap((i) => (i.host !== undefined ? [i.host] : []));
    const ports = iors.flatMap((i) => (i.port !== undefined ? [i.port] : []));
    if (hosts.length) entry.hosts = hosts;
    if (ports.length) entry.ports = ports;
  }

  /** Requests wait for the reply with their id from the other side; replies find them. */
  private pair(dir: Dir, m: GiopMessage, rec: GiopRecord | null, at: number): void {
    const ctx = this.conv.ctx;
    const mine = this.waiting[dir];
    switch (m.kind) {
      case 'Request':
      case 'LocateRequest':
        if (m.kind === 'Request' && !m.responseExpected) return;
        if (mine.size < MAX_WAITING || mine.has(m.requestId)) {
          mine.set(m.requestId, {
            rec,
            frame: at,
            t: ctx.now,
            operation: m.kind === 'Request' ? m.operation : undefined,
            locate: m.kind === 'LocateRequest',
          });
        }
        this.forgotten = false;
        return;
      case 'CancelRequest':
        mine.delete(m.requestId);
        return;
      case 'Reply':
      case 'LocateReply': {
        const theirs = this.waiting[dir === 0 ? 1 : 0];
        const w = theirs.get(m.requestId);
        if (!w || w.locate !== (m.kind === 'LocateReply')) {
          if (!this.forgotten && this.conv.fromStart)
            this.conv.note('giop.reply.unmatched', { frame: at, request_id: m.requestId });
          return;
        }
        theirs.delete(m.requestId);
        if (rec) {
          rec.reply_to = w.frame;
          rec.latency = roundNs(ctx.now - w.t);
        }
        if (w.rec) w.rec.replied_by = at;
        return;
      }
      default:
        return;
    }
  }

  /** A segment of whole GIOP messages (each starts with the magic). */
  protected override syncs(_dir: Dir, bytes: Uint8Array): boolean {
    return giopMessagesExact(bytes);
  }

  /** Bytes were lost: a reply may answer a request that was lost, so nothing waits any more. */
  protected override forgetPairs(): void {
    this.waiting[0].clear();
    this.waiting[1].clear();
    this.forgotten = true;
  }

  finish(rec: ConversationRecord): void {
    rec.pattern = 'request/reply';
  }
}
