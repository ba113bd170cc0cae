/**
 * Ice session: both directions framed by the Ice header's message size over TCP reassembly (PduStream),
 * every message decoded and listed, and each Reply paired with the Request of the same request id sent
 * the other way (with its latency). A Request with id 0 is a oneway call and a BatchRequest's calls are
 * oneway too: no reply is waited for.
 */

import type { AppConversation, Dir } from '../../analysis/app/conversation.js';
import { DIR_NAME } from '../../analysis/app/conversation.js';
import { PduHandler } from '../../analysis/app/framed.js';
import { MAX_WAITING } from '../../analysis/app/requests.js';
import { roundNs } from '../../analysis/app/time.js';
import type { ConversationRecord } from '../../analysis/model.js';
import { isUtf8, utf8Text } from '../reader.js';
import { decode, frame, ICE_NOTES, iceMessagesExact } from './decode.js';
import type {
  IceCallRecord,
  IceFacts,
  IceFrameEntry,
  IceIdentityRecord,
  IceParamsRecord,
  IceRecord,
  IceReplyRecord,
  IceRequestRecord,
  IceUndecodedRecord,
} from './model.js';
import { ICE_MSG_TYPES, type IceEncapsulation, type IceMessage, type IceRequestBody } from './types.js';

const PROTOCOL = { frame: (buf: Uint8Array, off: number, end: number) => frame(buf, off, end) };

/** Note codes of the session (the decoder's are ICE_NOTES). */
export const SESSION_NOTES = {
  /** A Reply whose request id matches no Request waiting for a reply. */
  'icep.reply.unmatched': 'note',
} as const;

export const NOTES = { ...ICE_NOTES, ...SESSION_NOTES } as const;

/** Result bytes shown as hex when they are not a string. */
const MAX_HEX = 16;

/** A Request waiting for its Reply. */
interface Waiting {
  rec: IceRequestRecord | null;
  frame: number;
  t: number;
  operation: string;
  identity: IceIdentityRecord;
}

/** An encapsulation's data bytes as a record: its size, encoding, and the data read as one string when it is one. */
function paramsRecord(pdu: Uint8Array, e: IceEncapsulation): IceParamsRecord {
  const data = pdu.subarray(e.data.offset, e.data.offset + e.data.length);
  const r: IceParamsRecord = { size: e.size, encoding: `${e.major}.${e.minor}`, length: data.length };
  const s = oneString(data);
  if (s !== undefined) r.string = s;
  else if (data.length > 0 && data.length <= MAX_HEX)
    r.hex = [...data].map((b) => b.toString(16).padStart(2, '0')).join(' ');
  return r;
}

/** The bytes are exactly one Ice string (compact size, then that many bytes of UTF-8 without control characters). */
function oneString(b: Uint8Array): string | undefined {
  if (b.length < 1) return undefined;
  let n = b[0]!;
  let off = 1;
  if (n === 255) {
    if (b.length < 5) return undefined;
    n = new DataView(b.buffer, b.byteOffset + 1, 4).getInt32(0, true);
    off = 5;
  }
  if (n <= 0 || off + n !== b.length) return undefined;
  const text = b.subarray(off);
  if (!isUtf8(text)) return undefined;
  for (const c of text) if (c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) return undefined;
  return utf8Text(text);
}

function callRecord(pdu: Uint8Array, body: IceRequestBody): IceCallRecord {
  const c: IceCallRecord = {
    identity: { name: body.identity.name, category: body.identity.category },
    facet: body.facet,
    operation: body.operation,
    mode: body.mode,
    mode_name: body.modeName ?? String(body.mode),
    params: paramsRecord(pdu, body.params),
  };
  if (body.context.length > 0) c.context = body.context.map(([k, v]) => [k, v]);
  return c;
}

export class IceHandler extends PduHandler<null> {
  readonly proto = 'icep' as const;
  /** Per direction of the request: twoway requests waiting for their reply, by request id. */
  private readonly waiting: [Map<number, Waiting>, Map<number, Waiting>] = [new Map(), new Map()];
  /** Bytes were lost: a reply that matches no request may answer one among them, so it is not reported. */
  private lossy = false;
  private first = true;
  private version: string | undefined;
  private twoway = 0;
  private oneway = 0;
  private batched = 0;

  constructor(conv: AppConversation) {
    super(conv, [null, null], PROTOCOL);
  }

  pdu(dir: Dir, bytes: Uint8Array, frames: readonly number[]): void {
    const conv = this.conv;
    const ctx = conv.ctx;
    const d = decode(bytes);
    const at = conv.completing(frames);
    if (this.first) {
      this.first = false;
      const validates = d.kind === 'ok' && d.message.kind === 'ValidateConnection';
      if (!validates && !conv.fromStart) conv.note('app.midstream', { proto: 'icep' });
    }
    ctx.done('icep');
    const base = { frame: at, frames: [...frames], dir: DIR_NAME[dir], proto: 'icep' as const };
    if (d.kind !== 'ok') {
      // the framer checked the magic and the size: the header was read, the body was not
      const h = d.message;
      const msgtype = h?.type ?? bytes[8] ?? 0;
      const kind = ICE_MSG_TYPES[msgtype] ?? 'unknown';
      const code = d.kind === 'truncated' ? 'icep.field.past_end' : d.code;
      ctx.note(code, d.kind === 'malformed' && d.params ? { ...d.params } : undefined);
      if (conv.room()) {
        const rec: IceUndecodedRecord = {
          ...base,
          kind,
          msgtype,
          size: h?.size ?? bytes.length,
          compression: h?.compression ?? bytes[9] ?? 0,
          undecoded: code,
        };
        conv.add(rec);
      }
      if (ctx.frames) {
        const e: IceFrameEntry = { proto: 'icep', kind, msgtype, undecoded: true };
        ctx.emit(e);
      }
      return;
    }
    const m = d.message;
    this.version ??= `${m.header.protocolMajor}.${m.header.protocolMinor}`;
    const rec = conv.room() ? this.record(m, bytes, base) : null;
    if (rec) conv.add(rec);
    const now = ctx.now;
    switch (m.kind) {
      case 'Request':
        if (m.requestId === 0) this.oneway++;
        else {
          this.twoway++;
          const w = this.waiting[dir];
          if (w.size < MAX_WAITING || w.has(m.requestId))
            w.set(m.requestId, {
              rec: rec as IceRequestRecord | null,
              frame: at,
              t: now,
              operation: m.operation,
              identity: rec ? (rec as IceRequestRecord).identity : { ...m.identity },
            });
        }
        break;
      case 'BatchRequest':
        this.batched += m.requests.length;
        break;
      case 'Reply': {
        const w = this.waiting[dir === 0 ? 1 : 0];
        const q = w.get(m.requestId);
        if (q) {
          w.delete(m.requestId);
          if (rec) {
            const r = rec as IceReplyRecord;
            r.reply_to = q.frame;
            r.latency = roundNs(now - q.t);
            r.request_operation = q.operation;
            r.request_identity = q.identity;
          }
          if (q.rec) q.rec.replied_by = at;
        } else if (!this.lossy) {
          ctx.note('icep.reply.unmatched', { request_id: m.requestId });
          conv.note('icep.reply.unmatched', { request_id: m.requestId, frame: at });
        }
        break;
      }
      case 'ValidateConnection':
      case 'CloseConnection':
        break;
      default: {
        const never: never = m;
        void never;
      }
    }
    if (ctx.frames) ctx.emit(frameEntry(m));
  }

  private record(
    m: IceMessage,
    pdu: Uint8Array,
    base: Pick<IceRecord, 'frame' | 'frames' | 'dir' | 'proto'>,
  ): IceRecord {
    const h = { ...base, msgtype: m.header.type, size: m.header.size, compression: m.header.compression };
    switch (m.kind) {
      case 'Request':
        return {
          ...h,
          kind: 'Request',
          request_id: m.requestId,
          oneway: m.requestId === 0,
          ...callRecord(pdu, m),
        };
      case 'BatchRequest':
        return { ...h, kind: 'BatchRequest', requests: m.requests.map((r) => callRecord(pdu, r)) };
      case 'Reply': {
        const r: IceReplyRecord = {
          ...h,
          kind: 'Reply',
          request_id: m.requestId,
          status: m.status,
          status_name: m.statusName ?? String(m.status),
        };
        if (m.result) r.result = paramsRecord(pdu, m.result);
        if (m.missing)
          r.missing = {
            identity: { name: m.missing.identity.name, category: m.missing.identity.category },
            facet: m.missing.facet,
            operation: m.missing.operation,
          };
        if (m.reason !== undefined) r.reason = m.reason;
        return r;
      }
      case 'ValidateConnection':
      case 'CloseConnection':
        return { ...h, kind: m.kind };
      default: {
        const never: never = m;
        return never;
      }
    }
  }

  /** Whole Ice messages (each starts with the magic). */
  protected override syncs(_dir: Dir, bytes: Uint8Array): boolean {
    return iceMessagesExact(bytes);
  }

  /**
   * Bytes were lost. Unlike a protocol that answers in order, a Reply names its request by id, so the
   * requests still waiting keep waiting (a reply after the loss still finds its own); only a reply to a
   * request lost with the bytes finds none, and is then not reported as unmatched.
   */
  protected override forgetPairs(): void {
    this.lossy = true;
  }

  finish(rec: ConversationRecord): void {
    const kinds: string[] = [];
    if (this.twoway) kinds.push('twoway');
    if (this.oneway) kinds.push('oneway');
    if (this.batched) kinds.push('batch');
    if (kinds.length) rec.pattern = kinds.join('+');
    if (this.version !== undefined) {
      const facts: IceFacts = { ice_version: this.version };
      Object.assign(rec, facts);
    }
  }
}

/** The compact frame entry (what the Info column shows and filters read). */
function frameEntry(m: IceMessage): IceFrameEntry {
  const e: IceFrameEntry = { proto: 'icep', kind: m.kind, msgtype: m.header.type };
  switch (m.kind) {
    case 'Request':
      e.request_id = m.requestId;
      e.calls = [{ name: m.identity.name, operation: m.operation }];
      break;
    case 'BatchRequest':
      e.calls = m.requests.map((r) => ({ name: r.identity.name, operation: r.operation }));
      break;
    case 'Reply':
      e.request_id = m.requestId;
      e.status = m.status;
      break;
    default:
      break;
  }
  return e;
}
