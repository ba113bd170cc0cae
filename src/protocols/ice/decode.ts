/**
 * ZeroC Ice protocol 1.0 over TCP: framing and a pure decoder of one message. Everything is little-endian.
 *
 *   0        4        5        6        7        8      9             10
 *   | "IceP" | proto  | proto  | enc    | enc    | type | compression | size (int32, whole message) |
 *   |        | major  | minor  | major  | minor  |      |             |
 *
 * Bodies (Ice manual, "Protocol Messages"; sizes are Ice "compact sizes": one byte, or 255 + int32):
 *   Request            int requestId (0 = oneway), Identity {string name, string category},
 *                      facet (sequence<string> of 0 or 1), string operation, byte mode,
 *                      Context (dictionary<string,string>), Encapsulation {int size, byte major, minor, data}
 *   BatchRequest       int count, then count requests without the request id
 *   Reply              int requestId, byte status; 0/1: Encapsulation; 2-4: Identity, facet, operation;
 *                      5-7: string reason
 *   ValidateConnection, CloseConnection: header only (size 14)
 *
 * Outcomes: short input → truncated (with the header when there is one); bad magic → malformed
 * `icep.magic.bad`; size < 14 → malformed `icep.size.bad`; a field past the declared size → malformed
 * `icep.field.past_end`; a protocol or encoding version other than 1.0 → unsupported
 * `icep.version.unsupported`; a compressed message (status 2, bzip2) → unsupported `icep.compressed`;
 * a Request's encapsulation size below its own 6-byte header → malformed `icep.encaps.bad`.
 * Never throws.
 */
import type { Framing } from '../../dissectors/app/types.js';
import { malformed, type Outcome, Reader, truncated, utf8Text } from '../reader.js';
import {
  ICE_HEADER_LEN,
  ICE_MODES,
  ICE_MSG_TYPES,
  ICE_REPLY_STATUS,
  type IceEncapsulation,
  type IceHeader,
  type IceIdentity,
  type IceMessage,
  type IceRequestBody,
} from './types.js';

// Field table of the header
const MAGIC = 0; // 0..4 "IceP"
const PROTO_MAJOR = 4;
const PROTO_MINOR = 5;
const ENC_MAJOR = 6;
const ENC_MINOR = 7;
const MSG_TYPE = 8;
const COMPRESSION = 9;
const MSG_SIZE = 10; // 10..14

/** Largest message the framer accepts (Ice.MessageSizeMax defaults to 1 MiB). */
export const ICE_MAX_MESSAGE = 64 << 20;
const MAX_LIST = 4096;

export const ICE_NOTES = {
  'icep.magic.bad': 'error',
  'icep.size.bad': 'error',
  'icep.field.past_end': 'error',
  'icep.type.unknown': 'error',
  'icep.list.too_long': 'error',
  'icep.encaps.bad': 'error',
  'icep.version.unsupported': 'note',
  'icep.compressed': 'note',
} as const;

const MAGIC_BYTES = [0x49, 0x63, 0x65, 0x50]; // "IceP"

/** Heuristic: the bytes start an Ice 1.0 message; 'need' below 10 bytes. */
export function looksLikeIce(b: Uint8Array): 'yes' | 'no' | 'need' {
  for (let i = 0; i < Math.min(b.length, 4); i++) if (b[i] !== MAGIC_BYTES[i]) return 'no';
  if (b.length < 10) return 'need';
  return b[PROTO_MAJOR] === 1 && b[MSG_TYPE]! <= 4 && b[COMPRESSION]! <= 2 ? 'yes' : 'no';
}

export function frame(buf: Uint8Array, off: number, end: number): Framing {
  const n = end - off;
  for (let i = 0; i < Math.min(n, 4); i++) {
    if (buf[off + i] !== MAGIC_BYTES[i]) return { kind: 'malformed', code: 'icep.magic.bad', skip: 1 };
  }
  if (n < ICE_HEADER_LEN) return { kind: 'need', atLeast: ICE_HEADER_LEN };
  const size = new DataView(buf.buffer, buf.byteOffset + off + MSG_SIZE, 4).getInt32(0, true);
  if (size < ICE_HEADER_LEN)
    return { kind: 'malformed', code: 'icep.size.bad', params: { size }, skip: ICE_HEADER_LEN };
  if (size > ICE_MAX_MESSAGE)
    return { kind: 'malformed', code: 'icep.size.bad', params: { size }, skip: ICE_HEADER_LEN };
  return n >= size ? { kind: 'pdu', length: size } : { kind: 'need', atLeast: size };
}

export function decodeHeader(b: Uint8Array): IceHeader | undefined {
  if (b.length < ICE_HEADER_LEN) return undefined;
  for (let i = 0; i < 4; i++) if (b[MAGIC + i] !== MAGIC_BYTES[i]) return undefined;
  const type = b[MSG_TYPE]!;
  return {
    protocolMajor: b[PROTO_MAJOR]!,
    protocolMinor: b[PROTO_MINOR]!,
    encodingMajor: b[ENC_MAJOR]!,
    encodingMinor: b[ENC_MINOR]!,
    type,
    typeName: ICE_MSG_TYPES[type],
    compression: b[COMPRESSION]!,
    size: new DataView(b.buffer, b.byteOffset + MSG_SIZE, 4).getInt32(0, true),
  };
}

/** Ice compact size: one byte, or 255 followed by an int32. Negative sizes read as a huge count. */
function size(r: Reader): number {
  const b = r.u8();
  if (b < 255) return b;
  const v = r.i32(true);
  return v < 0 ? Number.MAX_SAFE_INTEGER : v;
}

function str(r: Reader): string {
  const n = size(r);
  if (n > r.remaining()) {
    r.skip(n);
    return '';
  }
  return utf8Text(r.raw(n));
}

function identity(r: Reader): IceIdentity {
  const name = str(r);
  const category = str(r);
  return { name, category };
}

/** facet: a sequence<string> of 0 or 1 elements. */
function facet(r: Reader): string | 'too-long' {
  const n = size(r);
  if (n > 1) return 'too-long';
  return n === 1 ? str(r) : '';
}

/** An encapsulation; its size counts its own 6-byte header (a size below 6 is reported by the caller). */
function encapsulation(r: Reader): IceEncapsulation {
  const total = r.i32(true);
  const major = r.u8();
  const minor = r.u8();
  const offset = r.pos;
  const length = Math.max(0, total - 6);
  r.skip(length);
  return { size: total, major, minor, data: { offset, length } };
}

function requestBody(r: Reader): IceRequestBody | 'too-long' {
  const id = identity(r);
  const f = facet(r);
  if (f === 'too-long') return f;
  const operation = str(r);
  const mode = r.u8();
  const n = size(r);
  if (n > MAX_LIST) return 'too-long';
  const context: [string, string][] = [];
  for (let i = 0; i < n && !r.short; i++) context.push([str(r), str(r)]);
  const params = encapsulation(r);
  return { identity: id, facet: f, operation, mode, modeName: ICE_MODES[mode], context, params };
}

/** Decodes one whole Ice message (as framed by `frame`); partial results carry the header. */
export function decode(pdu: Uint8Array): Outcome<IceMessage, IceHeader> {
  if (pdu.length < ICE_HEADER_LEN) {
    for (let i = 0; i < Math.min(pdu.length, 4); i++) {
      if (pdu[i] !== MAGIC_BYTES[i]) return malformed('icep.magic.bad', 0);
    }
    const r = new Reader(pdu);
    r.skip(ICE_HEADER_LEN);
    return truncated(r);
  }
  const header = decodeHeader(pdu);
  if (!header) return malformed('icep.magic.bad', 0);
  if (header.size < ICE_HEADER_LEN) return malformed('icep.size.bad', MSG_SIZE, { size: header.size }, header);
  if (header.protocolMajor !== 1 || header.protocolMinor !== 0 || header.encodingMajor !== 1) {
    return { kind: 'unsupported', code: 'icep.version.unsupported', message: header };
  }
  if (header.compression === 2) return { kind: 'unsupported', code: 'icep.compressed', message: header };
  const end = header.size;
  const whole = pdu.length >= end;
  const r = new Reader(pdu.subarray(0, Math.min(end, pdu.length)), ICE_HEADER_LEN, true);
  const cut = () =>
    whole ? malformed('icep.field.past_end', r.shortAt, { needed: r.needed, size: end }, header) : truncated(r, header);
  const tooLong = () => malformed('icep.list.too_long', r.pos, undefined, header);

  switch (header.typeName) {
    case 'Request': {
      const requestId = r.i32();
      const body = requestBody(r);
      if (body === 'too-long') return tooLong();
      if (r.short) return cut();
      if (body.params.size < 6)
        return malformed('icep.encaps.bad', body.params.data.offset - 6, { size: body.params.size }, header);
      return { kind: 'ok', message: { kind: 'Request', header, requestId, ...body } };
    }
    case 'BatchRequest': {
      const count = r.i32();
      if (count < 0 || count > MAX_LIST) return tooLong();
      const requests: IceRequestBody[] = [];
      for (let i = 0; i < count && !r.short; i++) {
        const body = requestBody(r);
        if (body === 'too-long') return tooLong();
        if (!r.short) requests.push(body);
      }
      if (r.short) return cut();
      return { kind: 'ok', message: { kind: 'BatchRequest', header, requests } };
    }
    case 'Reply': {
      const requestId = r.i32();
      const status = r.u8();
      let result: IceEncapsulation | undefined;
      let missing: { identity: IceIdentity; facet: string; operation: string } | undefined;
      let reason: string | undefined;
      if (status <= 1) result = encapsulation(r);
      else if (status <= 4) {
        const id = identity(r);
        const f = facet(r);
        if (f === 'too-long') return tooLong();
        missing = { identity: id, facet: f, operation: str(r) };
      } else reason = str(r);
      if (r.short) return cut();
      return {
        kind: 'ok',
        message: {
          kind: 'Reply',
          header,
          requestId,
          status,
          statusName: ICE_REPLY_STATUS[status],
          result,
          missing,
          reason,
        },
      };
    }
    case 'ValidateConnection':
    case 'CloseConnection':
      if (!whole) return { kind: 'truncated', at: pdu.length, needed: end, message: header };
      return { kind: 'ok', message: { kind: header.typeName, header } };
    default:
      return malformed('icep.type.unknown', MSG_TYPE, { type: header.type }, header);
  }
}

/**
 * Whether `bytes` are a whole number of Ice messages, each starting with the magic (a segment that starts
 * at a message boundary: decoding can resume there after lost bytes).
 */
export function iceMessagesExact(bytes: Uint8Array): boolean {
  let off = 0;
  while (off < bytes.length) {
    const f = frame(bytes, off, bytes.length);
    if (f.kind !== 'pdu') return false;
    off += f.length;
  }
  return bytes.length > 0;
}
