/**
 * GIOP 1.0–1.2 (CORBA 3.0 chapter 15) over TCP (IIOP): framing and a pure decoder of one message.
 *
 *   0        4       5       6       7      8
 *   | "GIOP" | major | minor | flags | type | size (4, in the flags' byte order) | body (size bytes) ...
 *
 *   flags: GIOP 1.0 a boolean byte order (1 = little-endian); 1.1+ bit 0 byte order, bit 1 more fragments.
 *
 * Bodies by type and version:
 *   Request 1.0/1.1  service contexts, request_id, response_expected (1.1: + 3 reserved), object_key,
 *                    operation, requesting_principal, arguments
 *   Request 1.2      request_id, response_flags, 3 reserved, TargetAddress, operation, service contexts,
 *                    arguments aligned to 8
 *   Reply 1.0/1.1    service contexts, request_id, reply_status, result;  1.2: request_id, reply_status,
 *                    service contexts, result aligned to 8
 *   CancelRequest    request_id
 *   LocateRequest    request_id, object_key (1.2: TargetAddress);  LocateReply: request_id, locate_status
 *   CloseConnection, MessageError: no body;  Fragment 1.2: request_id, data
 *
 * CDR alignment: every primitive is aligned to its size counted from the first byte of the GIOP message
 * (the "G" of the header), and inside an encapsulation from its byte-order octet. (Checked on omniORB 4.2's
 * GIOP 1.2 replies: the result string starts at offset 24, not 28 as counting from the body would give.)
 *
 * Outcomes: fewer than 12 bytes or a PDU shorter than 12 + size → truncated (with the header when there
 * is one); bad magic → malformed `giop.magic.bad`; a field that runs past the message's declared end →
 * malformed `giop.field.past_end`; a version above 1.2 or a GIOP 1.0 Fragment → unsupported; a type
 * above 7 → malformed `giop.type.unknown`. Never throws.
 */
import type { Framing } from '../../dissectors/app/types.js';
import { malformed, type Outcome, Reader, type Span, truncated, utf8Text } from '../reader.js';
import {
  GIOP_HEADER_LEN,
  GIOP_LOCATE_STATUS,
  GIOP_MSG_TYPES,
  GIOP_REPLY_STATUS,
  type GiopHeader,
  type GiopMessage,
  type GiopSystemException,
  type GiopTarget,
  type Ior,
  type IorProfile,
  type ServiceContext,
} from './types.js';

// Field table of the header
const MAGIC = 0; // 0..4 "GIOP"
const VERSION_MAJOR = 4;
const VERSION_MINOR = 5;
const FLAGS = 6;
const MSG_TYPE = 7;
const MSG_SIZE = 8; // 8..12

/** Largest message the framer accepts (omniORB's default giopMaxMsgSize is 2 MiB; leave room). */
export const GIOP_MAX_MESSAGE = 64 << 20;
/** Bounds on counts read from the wire, so hostile counts cost nothing. */
const MAX_LIST = 4096;

export const GIOP_NOTES = {
  'giop.magic.bad': 'error',
  'giop.size.too_large': 'error',
  'giop.field.past_end': 'error',
  'giop.type.unknown': 'error',
  'giop.target.unknown': 'error',
  'giop.list.too_long': 'error',
  'giop.version.unsupported': 'note',
  'giop.fragment.v10': 'note',
} as const;

const MAGIC_BYTES = [0x47, 0x49, 0x4f, 0x50]; // "GIOP"

function isMagic(b: Uint8Array, o: number): boolean {
  return b[o] === 0x47 && b[o + 1] === 0x49 && b[o + 2] === 0x4f && b[o + 3] === 0x50; // "GIOP"
}

/** Heuristic: the bytes start a GIOP message (magic, version 1.0–1.3, type 0–7); 'need' below 8 bytes. */
export function looksLikeGiop(b: Uint8Array): 'yes' | 'no' | 'need' {
  for (let i = 0; i < Math.min(b.length, 4); i++) if (b[i] !== MAGIC_BYTES[i]) return 'no';
  if (b.length < 8) return 'need';
  return b[VERSION_MAJOR] === 1 && b[VERSION_MINOR]! <= 3 && b[MSG_TYPE]! <= 7 ? 'yes' : 'no';
}

/** tcp_dissect_pdus-style framing: one message is 12 + size bytes. */
export function frame(buf: Uint8Array, off: number, end: number): Framing {
  const n = end - off;
  for (let i = 0; i < Math.min(n, 4); i++) {
    if (buf[off + i] !== MAGIC_BYTES[i]) return { kind: 'malformed', code: 'giop.magic.bad', skip: 1 };
  }
  if (n < GIOP_HEADER_LEN) return { kind: 'need', atLeast: GIOP_HEADER_LEN };
  const le = (buf[off + FLAGS]! & 1) === 1;
  const size = new DataView(buf.buffer, buf.byteOffset + off + MSG_SIZE, 4).getUint32(0, le);
  if (size > GIOP_MAX_MESSAGE) {
    return { kind: 'malformed', code: 'giop.size.too_large', params: { size }, skip: GIOP_HEADER_LEN };
  }
  const total = GIOP_HEADER_LEN + size;
  return n >= total ? { kind: 'pdu', length: total } : { kind: 'need', atLeast: total };
}

/** The 12-byte header, or undefined when b is shorter or the magic is wrong. */
export function decodeHeader(b: Uint8Array): GiopHeader | undefined {
  if (b.length < GIOP_HEADER_LEN || !isMagic(b, MAGIC)) return undefined;
  const flags = b[FLAGS]!;
  const major = b[VERSION_MAJOR]!;
  const minor = b[VERSION_MINOR]!;
  const littleEndian = (flags & 1) === 1;
  const type = b[MSG_TYPE]!;
  return {
    major,
    minor,
    flags,
    littleEndian,
    moreFragments: (major > 1 || minor >= 1) && (flags & 2) === 2,
    type,
    typeName: GIOP_MSG_TYPES[type],
    size: new DataView(b.buffer, b.byteOffset + MSG_SIZE, 4).getUint32(0, littleEndian),
  };
}

/** CDR string: ulong length (counting the NUL), chars, NUL. Length 0 (seen from some ORBs) = "". */
export function cdrString(r: Reader, base: number): string {
  r.align(4, base);
  const len = r.u32();
  if (len === 0) return '';
  const b = r.raw(len);
  if (b.length === 0) return '';
  return utf8Text(b[b.length - 1] === 0 ? b.subarray(0, b.length - 1) : b);
}

function cdrOctets(r: Reader, base: number): Uint8Array {
  r.align(4, base);
  const len = r.u32();
  return r.raw(len);
}

function serviceContexts(r: Reader, base: number): ServiceContext[] | 'too-long' {
  r.align(4, base);
  const count = r.u32();
  if (count > MAX_LIST) return 'too-long';
  const out: ServiceContext[] = [];
  for (let i = 0; i < count && !r.short; i++) {
    r.align(4, base);
    const id = r.u32();
    r.align(4, base);
    const len = r.u32();
    const offset = r.pos;
    r.skip(len);
    if (!r.short) out.push({ id, data: { offset, length: len } });
  }
  return out;
}

/**
 * An IOR at r.pos in a CDR stream aligned from `base`: type id, then the tagged profiles; IIOP profiles
 * (tag 0) are decoded (their data is an encapsulation). Undefined when it does not fit.
 */
export function readIor(r: Reader, base: number): Ior | undefined {
  const typeId = cdrString(r, base);
  r.align(4, base);
  const count = r.u32();
  if (r.short || count > MAX_LIST) return undefined;
  const profiles: IorProfile[] = [];
  for (let i = 0; i < count; i++) {
    r.align(4, base);
    const tag = r.u32();
    const data = cdrOctets(r, base);
    if (r.short) return undefined;
    profiles.push(tag === 0 ? (iiopProfile(data) ?? { tag, length: data.length }) : { tag, length: data.length });
  }
  return { typeId, profiles };
}

/** IIOP ProfileBody inside its encapsulation: byte order, version, host, port, object key, components. */
function iiopProfile(enc: Uint8Array): IorProfile | undefined {
  if (enc.length < 1) return undefined;
  const r = new Reader(enc, 1, (enc[0]! & 1) === 1);
  const major = r.u8();
  const minor = r.u8();
  const host = cdrString(r, 0);
  r.align(2, 0);
  const port = r.u16();
  const objectKey = cdrOctets(r, 0);
  const components: number[] = [];
  if (minor >= 1 && r.has(4)) {
    r.align(4, 0);
    const n = r.u32();
    for (let i = 0; i < n && i < MAX_LIST && !r.short; i++) {
      r.align(4, 0);
      const id = r.u32();
      cdrOctets(r, 0);
      if (!r.short) components.push(id);
    }
  }
  if (r.short) return undefined;
  return { tag: 0, major, minor, host, port, objectKey: objectKey.slice(), components };
}

/** A stringified IOR ("IOR:" + hex of a CDR encapsulation), as ORBs print them. */
export function decodeIorString(s: string): Ior | undefined {
  if (!/^IOR:([0-9a-fA-F]{2})+$/.test(s)) return undefined;
  const hex = s.slice(4);
  const b = new Uint8Array(hex.length / 2);
  for (let i = 0; i < b.length; i++) b[i] = Number.parseInt(hex.slice(i * 2, i * 2 + 2), 16);
  const r = new Reader(b, 1, (b[0]! & 1) === 1);
  return readIor(r, 0);
}

function target(r: Reader, base: number, v12: boolean): GiopTarget | 'unknown' {
  if (!v12) {
    r.align(4, base);
    const offset = r.pos + 4;
    const key = cdrOctets(r, base);
    return { kind: 'key', objectKey: key.slice(), span: { offset, length: key.length } };
  }
  r.align(2, base);
  const disposition = r.i16();
  switch (disposition) {
    case 0: {
      r.align(4, base);
      const offset = r.pos + 4;
      const key = cdrOctets(r, base);
      return { kind: 'key', objectKey: key.slice(), span: { offset, length: key.length } };
    }
    case 1: {
      r.align(4, base);
      const tag = r.u32();
      r.align(4, base);
      const len = r.u32();
      const offset = r.pos;
      r.skip(len);
      return { kind: 'profile', tag, data: { offset, length: len } };
    }
    case 2: {
      r.align(4, base);
      const profileIndex = r.u32();
      const start = r.pos;
      const ior = readIor(r, base);
      return { kind: 'reference', profileIndex, ior, span: { offset: start, length: r.pos - start } };
    }
    default:
      return 'unknown';
  }
}

/** From r.pos to the message's declared end (which may lie past the bytes at hand: decode() says so). */
function bodyFrom(r: Reader, end: number): Span {
  const offset = Math.min(r.pos, end);
  return { offset, length: end - offset };
}

function systemException(r: Reader, base: number): GiopSystemException | undefined {
  const exceptionId = cdrString(r, base);
  r.align(4, base);
  const minor = r.u32();
  const completed = r.u32();
  return r.short ? undefined : { exceptionId, minor, completed };
}

/**
 * Decodes one whole GIOP message (as framed by `frame`). Partial results carry the header.
 * The byte order of every field is the one the header's flags announce.
 */
export function decode(pdu: Uint8Array): Outcome<GiopMessage, GiopHeader | GiopMessage> {
  const d = decodeWhole(pdu);
  if (d.kind !== 'ok') return d;
  const end = GIOP_HEADER_LEN + d.message.header.size;
  // every field was there but the capture cut the body: truncated, with the message
  if (pdu.length < end) return { kind: 'truncated', at: pdu.length, needed: end, message: d.message };
  return d;
}

function decodeWhole(pdu: Uint8Array): Outcome<GiopMessage, GiopHeader> {
  if (pdu.length < GIOP_HEADER_LEN) {
    const r = new Reader(pdu);
    r.skip(GIOP_HEADER_LEN);
    return truncated(r);
  }
  if (!isMagic(pdu, MAGIC)) return malformed('giop.magic.bad', 0);
  const header = decodeHeader(pdu)!;
  if (header.major !== 1 || header.minor > 2) {
    return { kind: 'unsupported', code: 'giop.version.unsupported', message: header };
  }
  const end = GIOP_HEADER_LEN + header.size;
  const whole = pdu.length >= end;
  const r = new Reader(pdu.subarray(0, Math.min(end, pdu.length)), GIOP_HEADER_LEN, header.littleEndian);
  const v12 = header.minor >= 2;
  const cut = () =>
    whole ? malformed('giop.field.past_end', r.shortAt, { needed: r.needed, size: end }, header) : truncated(r, header);

  switch (header.typeName) {
    case 'Request': {
      let requestId = 0;
      let responseExpected = false;
      let responseFlags: number | undefined;
      let contexts: ServiceContext[] | 'too-long' = [];
      let tgt: GiopTarget | 'unknown';
      let principalLength: number | undefined;
      if (!v12) {
        contexts = serviceContexts(r, 0);
        if (contexts === 'too-long') return malformed('giop.list.too_long', r.pos - 4, undefined, header);
        r.align(4, 0);
        requestId = r.u32();
        responseExpected = r.u8() !== 0;
        if (header.minor === 1) r.skip(3);
        tgt = target(r, 0, false);
      } else {
        requestId = r.u32();
        responseFlags = r.u8();
        responseExpected = (responseFlags & 3) !== 0;
        r.skip(3);
        tgt = target(r, 0, true);
        if (tgt === 'unknown') return malformed('giop.target.unknown', r.pos - 2, undefined, header);
      }
      r.align(4, 0);
      const opOffset = r.pos + 4;
      const operation = cdrString(r, 0);
      const operationSpan = { offset: opOffset, length: Math.max(0, r.pos - opOffset - 1) };
      if (!v12) {
        r.align(4, 0);
        principalLength = r.u32();
        r.skip(principalLength);
      } else {
        contexts = serviceContexts(r, 0);
        if (contexts === 'too-long') return malformed('giop.list.too_long', r.pos - 4, undefined, header);
        if (r.pos < end) r.align(8, 0);
      }
      if (r.short || tgt === 'unknown') return cut();
      return {
        kind: 'ok',
        message: {
          kind: 'Request',
          header,
          requestId,
          responseExpected,
          responseFlags,
          target: tgt,
          operation,
          operationSpan,
          serviceContexts: contexts,
          principalLength,
          body: bodyFrom(r, end),
        },
      };
    }
    case 'Reply': {
      let contexts: ServiceContext[] | 'too-long' = [];
      if (!v12) contexts = serviceContexts(r, 0);
      if (contexts === 'too-long') return malformed('giop.list.too_long', r.pos - 4, undefined, header);
      r.align(4, 0);
      const requestId = r.u32();
      const status = r.u32();
      if (v12) {
        contexts = serviceContexts(r, 0);
        if (contexts === 'too-long') return malformed('giop.list.too_long', r.pos - 4, undefined, header);
        if (r.pos < end) r.align(8, 0);
      }
      if (r.short) return cut();
      const body = bodyFrom(r, end);
      let systemEx: GiopSystemException | undefined;
      let forward: Ior | undefined;
      if (status === 2) systemEx = systemException(new Reader(r.bytes, r.pos, header.littleEndian), 0);
      if (status === 3 || status === 4) forward = readIor(new Reader(r.bytes, r.pos, header.littleEndian), 0);
      return {
        kind: 'ok',
        message: {
          kind: 'Reply',
          header,
          requestId,
          status,
          statusName: GIOP_REPLY_STATUS[status],
          serviceContexts: contexts,
          body,
          systemException: systemEx,
          forward,
        },
      };
    }
    case 'CancelRequest': {
      const requestId = r.u32();
      if (r.short) return cut();
      return { kind: 'ok', message: { kind: 'CancelRequest', header, requestId } };
    }
    case 'LocateRequest': {
      const requestId = r.u32();
      const tgt = target(r, 0, v12);
      if (tgt === 'unknown') return malformed('giop.target.unknown', r.pos - 2, undefined, header);
      if (r.short) return cut();
      return { kind: 'ok', message: { kind: 'LocateRequest', header, requestId, target: tgt } };
    }
    case 'LocateReply': {
      const requestId = r.u32();
      const status = r.u32();
      if (r.short) return cut();
      if (v12 && r.pos < end) r.align(8, 0);
      const body = bodyFrom(r, end);
      const forward =
        status === 2 || status === 3 ? readIor(new Reader(r.bytes, body.offset, header.littleEndian), 0) : undefined;
      return {
        kind: 'ok',
        message: {
          kind: 'LocateReply',
          header,
          requestId,
          status,
          statusName: GIOP_LOCATE_STATUS[status],
          body,
          forward,
        },
      };
    }
    case 'CloseConnection':
    case 'MessageError':
      return { kind: 'ok', message: { kind: header.typeName, header } };
    case 'Fragment': {
      if (header.minor === 0) return { kind: 'unsupported', code: 'giop.fragment.v10', message: header };
      let requestId: number | undefined;
      if (v12) {
        requestId = r.u32();
        if (r.short) return cut();
      }
      return { kind: 'ok', message: { kind: 'Fragment', header, requestId, body: bodyFrom(r, end) } };
    }
    default:
      return malformed('giop.type.unknown', MSG_TYPE, { type: header.type }, header);
  }
}

/** An object key as text when it is printable ASCII (omniNames: "NameService"), else undefined. */
export function printableKey(key: Uint8Array): string | undefined {
  if (key.length === 0) return undefined;
  for (const c of key) if (c < 0x20 || c > 0x7e) return undefined;
  return String.fromCharCode(...key);
}
