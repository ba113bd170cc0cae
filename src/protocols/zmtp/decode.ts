/**
 * ZMTP, the ZeroMQ Message Transport Protocol: 3.0 (RFC 23/ZMTP) and 3.1 (RFC 37/ZMTP), with the
 * PLAIN (RFC 24) and CURVE (RFC 25/26) mechanisms, and detection of ZMTP 2.0 (RFC 15) and 1.0 (RFC 13)
 * peers from the greeting (RFC 37 "Backwards Interoperability").
 *
 * Greeting (64 octets, ZMTP 3.x):
 *
 *   0      1..8      9      10     11     12..31      32          33..63
 *   %xFF   padding   %x7F   major  minor  mechanism   as-server   filler (31 x %x00)
 *
 * libzmq sends it in pieces (10 octets, then the major version, then the remaining 53) to detect old
 * peers; the framer asks for just enough bytes at each step. After the greeting every PDU is a frame:
 *
 *   flags (1)            size                       body
 *   0000 0CLM            1 octet (L=0) or           size octets
 *   C=COMMAND L=LONG     8 octets, network order
 *   M=MORE               (L=1)
 *
 * ZMTP 2.0 greeting: signature (10) revision (%x01) socket-type (1), then frames without COMMAND.
 * ZMTP 1.0 has no greeting: frames are length (1 octet, or %xFF + 8 octets, counting the flags octet),
 * flags (bit 0 MORE), body; the first frame is the identity.
 */

import {
  type AppProtocol,
  type Decoded,
  type Framing,
  type Note,
  NoteSink,
  type Range,
  type Severity,
} from '../../dissectors/app/types.js';
import { hex, u16, u32 } from '../../dissectors/bytes.js';

export const NOTES: Record<string, Severity> = {
  /** The peer speaks ZMTP 2.0 (greeting revision 1 or 2, or 0 from libzmq 3.x). */
  'zmtp.version.2_0': 'note',
  /** The peer speaks ZMTP 1.0 (no versioned signature). */
  'zmtp.version.1_0': 'note',
  /** Greeting announces a ZMTP version above 3.1 (accepted as 3.x). */
  'zmtp.version.newer': 'info',
  /** Mechanism field has characters outside A-Z 0-9 - _ . + or non-NUL padding. */
  'zmtp.mechanism.invalid': 'warn',
  /** Mechanism other than NULL, PLAIN, CURVE, GSSAPI. */
  'zmtp.mechanism.unknown': 'note',
  /** as-server is not 0/1, or is 1 with the NULL mechanism. */
  'zmtp.as_server.invalid': 'warn',
  /** Greeting filler is not all zeros. */
  'zmtp.filler.nonzero': 'note',
  /** A frame size beyond the configured maximum (or 2^53): not buffered. */
  'zmtp.frame.too_long': 'error',
  /** A ZMTP 1.0 frame with length 0 (there is always a flags octet). */
  'zmtp.frame.bad_length': 'error',
  /** Reserved flag bits set. */
  'zmtp.flags.reserved': 'warn',
  /** MORE set on a command frame. */
  'zmtp.command.more': 'warn',
  /** Command body shorter than its fields. */
  'zmtp.command.malformed': 'error',
  /** A command this dissector does not know (name kept). */
  'zmtp.command.unknown': 'note',
  /** READY/INITIATE metadata property does not fit the command. */
  'zmtp.metadata.malformed': 'error',
  /** The peer sent an ERROR command: it is closing the connection. */
  'zmtp.error': 'warn',
  /** PLAIN HELLO carries a clear-text password. */
  'zmtp.plain.cleartext_password': 'warn',
  /** The two socket types cannot talk to each other (RFC 37 table). */
  'zmtp.socket_type.incompatible': 'warn',
  /** A socket type not defined by RFC 37. */
  'zmtp.socket_type.unknown': 'note',
  /** Decoder bug caught by the backstop (tests assert it never fires). */
  'zmtp.dissector_bug': 'error',
};

/** Default largest frame body buffered (64 MiB). */
export const ZMTP_DEFAULT_MAX_FRAME = 64 * 1024 * 1024;

export type ZmtpFraming = 'v1' | 'v2' | 'v3';

/** Per-direction state. The framer only reads it; `decode()` advances it. */
export interface ZmtpState {
  phase: 'greeting' | 'traffic';
  framing: ZmtpFraming;
  /** Protocol spoken by this direction's sender, once its greeting is seen. */
  protocol?: '1.0' | '2.0' | '3.0' | '3.1' | '3.x';
  mechanism?: string;
  as_server?: boolean;
  /** This direction's sender's socket type (READY Socket-Type, or ZMTP 2.0 greeting). */
  socket_type?: string;
  /** ZMTP 1.0/2.0: the next message frame is the identity. */
  identity_next: boolean;
  /** The previous message frame had MORE set: the next message frame continues a message. */
  in_message: boolean;
  readonly max_frame: number;
}

export function newZmtpState(opts: { maxFrame?: number; midStream?: boolean } = {}): ZmtpState {
  return {
    phase: opts.midStream ? 'traffic' : 'greeting',
    framing: 'v3',
    identity_next: false,
    in_message: false,
    max_frame: opts.maxFrame ?? ZMTP_DEFAULT_MAX_FRAME,
  };
}

// ---------------------------------------------------------------------------------------------
// Field tables

/** ZMTP 3.x greeting layout. */
const G = {
  SIGNATURE: { offset: 0, length: 10 },
  MAJOR: { offset: 10, length: 1 },
  MINOR: { offset: 11, length: 1 },
  MECHANISM: { offset: 12, length: 20 },
  AS_SERVER: { offset: 32, length: 1 },
  FILLER: { offset: 33, length: 31 },
  LENGTH: 64,
} as const;

/** ZMTP 2.0 greeting: signature, revision, socket type. */
const G2_LENGTH = 12;

export const FLAG = { MORE: 0x01, LONG: 0x02, COMMAND: 0x04, RESERVED: 0xf8 } as const;

/** ZMTP 2.0 socket-type codes (RFC 15). */
const V2_SOCKET_TYPES = ['PAIR', 'PUB', 'SUB', 'REQ', 'REP', 'DEALER', 'ROUTER', 'PULL', 'PUSH'] as const;

const KNOWN_MECHANISMS = new Set(['NULL', 'PLAIN', 'CURVE', 'GSSAPI']);

// ---------------------------------------------------------------------------------------------
// Heuristic

export type ZmtpGuess = 'zmtp3' | 'zmtp2';

/**
 * Heuristic on the first bytes of a stream: %xFF, and (once 10 bytes are there) the low bit of
 * byte 9 set; with 11 bytes the revision byte says 2.0 (0..2) or 3.x (>= 3).
 * Returns undefined when the bytes do not look like ZMTP (1.0 streams have no signature to test).
 */
export function looksLikeZmtp(b: Uint8Array): ZmtpGuess | undefined {
  if (b.length < 10 || b[0] !== 0xff || !(b[9]! & 0x01)) return undefined;
  if (b.length < 11) return 'zmtp3';
  if (b[10]! >= 3) {
    // With the mechanism present, require a plausible name (uppercase letters, digits, NUL padding).
    if (b.length >= 32 && !validMechanism(b.subarray(12, 32))) return undefined;
    return 'zmtp3';
  }
  return 'zmtp2';
}

function validMechanism(m: Uint8Array): boolean {
  let i = 0;
  for (; i < m.length && m[i] !== 0; i++) {
    const c = m[i]!;
    const ok =
      (c >= 0x41 && c <= 0x5a) || (c >= 0x30 && c <= 0x39) || c === 0x2d || c === 0x5f || c === 0x2e || c === 0x2b;
    if (!ok) return false;
  }
  if (i === 0) return false;
  for (; i < m.length; i++) if (m[i] !== 0) return false;
  return true;
}

// ---------------------------------------------------------------------------------------------
// Framer

const TWO_53 = 2 ** 53;

/** Frame size from an 8-octet network-order field; Infinity beyond 2^53. */
function u64size(b: Uint8Array, o: number): { size: number; text: string } {
  const hi = u32(b, o);
  const lo = u32(b, o + 4);
  const big = (BigInt(hi) << 32n) | BigInt(lo);
  if (hi >= 0x200000) return { size: Number.POSITIVE_INFINITY, text: big.toString() };
  return { size: hi * 2 ** 32 + lo, text: big.toString() };
}

function tooLong(sizeText: string, size: number, header: number, max: number): Framing {
  return {
    kind: 'malformed',
    code: 'zmtp.frame.too_long',
    params: { size: sizeText, max },
    // A size we can still count: skip the frame to resync. Beyond 2^53 the stream cannot be framed.
    skip: size + header < TWO_53 ? size + header : Number.MAX_SAFE_INTEGER,
  };
}

/** ZMTP 2.0/3.x frame: flags, 1- or 8-octet size, body. */
function frameV3(b: Uint8Array, off: number, n: number, max: number): Framing {
  if (n < 2) return { kind: 'need', atLeast: 2 };
  const flags = b[off]!;
  if (!(flags & FLAG.LONG)) {
    const size = b[off + 1]!;
    if (size > max) return tooLong(String(size), size, 2, max);
    const total = 2 + size;
    return n >= total ? { kind: 'pdu', length: total } : { kind: 'need', atLeast: total, whole: true };
  }
  if (n < 9) return { kind: 'need', atLeast: 9 };
  const { size, text } = u64size(b, off + 1);
  if (size > max) return tooLong(text, size, 9, max);
  const total = 9 + size;
  return n >= total ? { kind: 'pdu', length: total } : { kind: 'need', atLeast: total, whole: true };
}

/** ZMTP 1.0 frame: length (1 octet, or %xFF + 8 octets) counting flags + body. */
function frameV1(b: Uint8Array, off: number, n: number, max: number): Framing {
  if (n < 1) return { kind: 'need', atLeast: 1 };
  let header = 1;
  let len: number;
  let text: string;
  if (b[off] !== 0xff) {
    len = b[off]!;
    text = String(len);
  } else {
    if (n < 9) return { kind: 'need', atLeast: 9 };
    header = 9;
    ({ size: len, text } = u64size(b, off + 1));
  }
  if (len === 0) return { kind: 'malformed', code: 'zmtp.frame.bad_length', skip: header };
  if (len - 1 > max) return tooLong(text, len, header, max);
  const total = header + len;
  return n >= total ? { kind: 'pdu', length: total } : { kind: 'need', atLeast: total, whole: true };
}

export function frame(buf: Uint8Array, off: number, end: number, state: ZmtpState): Framing {
  const n = end - off;
  if (state.phase === 'traffic') {
    return state.framing === 'v1' ? frameV1(buf, off, n, state.max_frame) : frameV3(buf, off, n, state.max_frame);
  }
  // Greeting: decide step by step, as libzmq does (RFC 37 "Detecting ZMTP 1.0 and 2.0 Peers").
  if (n < 1) return { kind: 'need', atLeast: 1 };
  if (buf[off] !== 0xff) return frameV1(buf, off, n, state.max_frame);
  if (n < 10) return { kind: 'need', atLeast: 10 };
  if (!(buf[off + 9]! & 0x01)) return frameV1(buf, off, n, state.max_frame);
  if (n < 11) return { kind: 'need', atLeast: 11 };
  const total = buf[off + 10]! >= 3 ? G.LENGTH : G2_LENGTH;
  return n >= total ? { kind: 'pdu', length: total } : { kind: 'need', atLeast: total, whole: true };
}

// ---------------------------------------------------------------------------------------------
// Messages

export interface ZmtpGreeting {
  readonly kind: 'greeting';
  readonly protocol: '3.0' | '3.1' | '3.x';
  readonly major: number;
  readonly minor: number;
  /** Signature padding (octets 1-8) as hex: libzmq puts identity length + 1 there. */
  readonly padding: string;
  readonly mechanism: string;
  readonly as_server: boolean;
  readonly fields: {
    readonly signature: Range;
    readonly version: Range;
    readonly mechanism: Range;
    readonly as_server: Range;
    readonly filler: Range;
  };
}

export interface ZmtpGreetingV2 {
  readonly kind: 'greeting-v2';
  readonly protocol: '2.0';
  readonly revision: number;
  readonly socket_type_code: number;
  readonly socket_type: string;
}

export interface ZmtpSubscription {
  readonly action: 'subscribe' | 'cancel';
  readonly topic: Uint8Array;
  /** The topic as text when it is printable UTF-8. */
  readonly topic_text?: string;
}

/** A message frame (one part of a possibly multi-part message). */
export interface ZmtpFrame {
  readonly kind: 'frame';
  readonly framing: ZmtpFraming;
  readonly flags: number;
  readonly more: boolean;
  readonly long: boolean;
  readonly size: number;
  readonly body: Uint8Array;
  readonly body_range: Range;
  /** First frame of a message (the previous frame of this direction had no MORE). */
  readonly first: boolean;
  /** ZMTP 1.0/2.0 identity frame sent right after the greeting. */
  readonly identity: boolean;
  /** A ZMTP 3.0-style (or 2.0) subscription message from a SUB/XSUB socket: %x01/%x00 + topic. */
  readonly subscription?: ZmtpSubscription;
}

export interface ZmtpProperty {
  readonly name: string;
  readonly value: Uint8Array;
  /** Value as text when printable UTF-8. */
  readonly text?: string;
  readonly range: Range;
}

export type ZmtpCommandBody =
  | {
      readonly kind: 'ready';
      readonly properties: readonly ZmtpProperty[];
      readonly socket_type?: string;
      readonly identity?: Uint8Array;
    }
  | { readonly kind: 'error'; readonly reason: string }
  | {
      readonly kind: 'subscribe' | 'cancel';
      readonly topic: Uint8Array;
      readonly topic_text?: string;
    }
  | {
      readonly kind: 'ping';
      /** Time-to-live in tenths of seconds (0: none). */
      readonly ttl: number;
      readonly context: Uint8Array;
    }
  | { readonly kind: 'pong'; readonly context: Uint8Array }
  | {
      readonly kind: 'plain-hello';
      readonly username: string;
      readonly password: { readonly present: true; readonly length: number };
    }
  | { readonly kind: 'plain-welcome' }
  | { readonly kind: 'plain-initiate'; readonly properties: readonly ZmtpProperty[]; readonly socket_type?: string }
  | {
      /** CURVE commands are encrypted boxes: only sizes are shown. */
      readonly kind: 'curve-hello' | 'curve-welcome' | 'curve-initiate' | 'curve-ready' | 'curve-message';
      readonly data_length: number;
      /** HELLO: CurveZMQ version (major.minor). */
      readonly version?: string;
    }
  | { readonly kind: 'join' | 'leave'; readonly group: string }
  | { readonly kind: 'unknown'; readonly data_length: number };

export interface ZmtpCommand {
  readonly kind: 'command';
  readonly flags: number;
  readonly long: boolean;
  readonly size: number;
  /** Command name as sent (READY, ERROR, SUBSCRIBE, PING, HELLO...). */
  readonly name: string;
  readonly name_range: Range;
  readonly command: ZmtpCommandBody;
}

/** A PDU that could not be decoded at all (a backstop; notes say why). */
export interface ZmtpUndecoded {
  readonly kind: 'undecoded';
  readonly length: number;
}

export type ZmtpMessage = ZmtpGreeting | ZmtpGreetingV2 | ZmtpFrame | ZmtpCommand | ZmtpUndecoded;

// ---------------------------------------------------------------------------------------------
// Decoder

const utf8 = new TextDecoder('utf-8', { fatal: true });
const latin1 = new TextDecoder('latin1');

/** latin1 (windows-1252) text of p[a, b): short ASCII (names, topic prefixes) without a decoder call. */
export function latin1Text(p: Uint8Array, a: number, b: number): string {
  if (b - a > 64) return latin1.decode(p.subarray(a, b));
  let s = '';
  for (let i = a; i < b; i++) {
    const c = p[i]!;
    if (c >= 0x80) return latin1.decode(p.subarray(a, b));
    s += String.fromCharCode(c);
  }
  return s;
}

function printable(b: Uint8Array): string | undefined {
  let s: string;
  try {
    s = utf8.decode(b);
  } catch {
    return undefined;
  }
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x20 || c === 0x7f) return undefined;
  }
  return s;
}

/** Decodes one PDU (the framer's answer) and advances the direction's state. Never throws. */
export function decode(pdu: Uint8Array, state: ZmtpState): Decoded<ZmtpMessage> {
  const sink = new NoteSink(NOTES);
  try {
    const message = decodeInner(pdu, state, sink);
    return { message, notes: sink.notes };
  } catch (err) {
    sink.add('zmtp.dissector_bug', { reason: err instanceof Error ? err.message : String(err) });
    return { message: { kind: 'undecoded', length: pdu.length }, notes: sink.notes };
  }
}

function decodeInner(p: Uint8Array, state: ZmtpState, sink: NoteSink): ZmtpMessage {
  if (state.phase === 'greeting') {
    if (p.length >= 1 && (p[0] !== 0xff || (p.length >= 10 && !(p[9]! & 0x01)))) {
      // No versioned signature: ZMTP 1.0, and this PDU is its identity frame.
      state.phase = 'traffic';
      state.framing = 'v1';
      state.protocol = '1.0';
      state.identity_next = true;
      sink.add('zmtp.version.1_0');
      return decodeFrame(p, state, sink);
    }
    if (p.length >= G2_LENGTH && p[10]! < 3) return decodeGreetingV2(p, state, sink);
    if (p.length >= G.LENGTH) return decodeGreeting(p, state, sink);
    return { kind: 'undecoded', length: p.length };
  }
  return decodeFrame(p, state, sink);
}

function decodeGreeting(p: Uint8Array, state: ZmtpState, sink: NoteSink): ZmtpGreeting {
  const major = p[G.MAJOR.offset]!;
  const minor = p[G.MINOR.offset]!;
  const mech = p.subarray(G.MECHANISM.offset, G.MECHANISM.offset + G.MECHANISM.length);
  const nul = mech.indexOf(0);
  const mechanism = latin1.decode(mech.subarray(0, nul < 0 ? mech.length : nul));
  if (!validMechanism(mech)) sink.add('zmtp.mechanism.invalid', { mechanism }, G.MECHANISM);
  else if (!KNOWN_MECHANISMS.has(mechanism)) sink.add('zmtp.mechanism.unknown', { mechanism }, G.MECHANISM);
  const asServerByte = p[G.AS_SERVER.offset]!;
  if (asServerByte > 1 || (asServerByte === 1 && mechanism === 'NULL'))
    sink.add('zmtp.as_server.invalid', { value: asServerByte, mechanism }, G.AS_SERVER);
  for (let i = G.FILLER.offset; i < G.LENGTH; i++) {
    if (p[i] !== 0) {
      sink.add('zmtp.filler.nonzero', undefined, G.FILLER);
      break;
    }
  }
  const protocol = major === 3 && minor === 0 ? '3.0' : major === 3 && minor === 1 ? '3.1' : '3.x';
  if (protocol === '3.x') sink.add('zmtp.version.newer', { major, minor }, { offset: 10, length: 2 });
  state.phase = 'traffic';
  state.framing = 'v3';
  state.protocol = protocol;
  state.mechanism = mechanism;
  state.as_server = asServerByte === 1;
  return {
    kind: 'greeting',
    protocol,
    major,
    minor,
    padding: hex(p, 1, 8),
    mechanism,
    as_server: asServerByte === 1,
    fields: {
      signature: G.SIGNATURE,
      version: { offset: 10, length: 2 },
      mechanism: G.MECHANISM,
      as_server: G.AS_SERVER,
      filler: G.FILLER,
    },
  };
}

function decodeGreetingV2(p: Uint8Array, state: ZmtpState, sink: NoteSink): ZmtpGreetingV2 {
  const revision = p[10]!;
  const code = p[11]!;
  const socket_type = V2_SOCKET_TYPES[code] ?? `UNKNOWN(${code})`;
  if (!V2_SOCKET_TYPES[code])
    sink.add('zmtp.socket_type.unknown', { socket_type: socket_type }, { offset: 11, length: 1 });
  sink.add('zmtp.version.2_0', { revision }, { offset: 10, length: 1 });
  state.phase = 'traffic';
  // libzmq: revision 0 (ZMTP_1_0) continues with 1.0 framing, revision 1 (ZMTP_2_0) with 2.0 framing.
  state.framing = revision === 0 ? 'v1' : 'v2';
  state.protocol = '2.0';
  state.mechanism = 'NULL';
  state.identity_next = true;
  if (V2_SOCKET_TYPES[code]) state.socket_type = socket_type;
  return { kind: 'greeting-v2', protocol: '2.0', revision, socket_type_code: code, socket_type };
}

function decodeFrame(p: Uint8Array, state: ZmtpState, sink: NoteSink): ZmtpMessage {
  let flags: number;
  let header: number;
  let size: number;
  const long = state.framing === 'v1' ? p[0] === 0xff : p.length > 0 && !!(p[0]! & FLAG.LONG);
  if (state.framing === 'v1') {
    // length (1 or 9 octets) counts flags + body; flags follow the length.
    header = long ? 10 : 2;
    if (p.length < header) return { kind: 'undecoded', length: p.length };
    flags = p[header - 1]!;
    size = p.length - header;
    if (flags & 0xfe) sink.add('zmtp.flags.reserved', { flags }, { offset: header - 1, length: 1 });
    flags &= FLAG.MORE;
  } else {
    header = long ? 9 : 2;
    if (p.length < header) return { kind: 'undecoded', length: p.length };
    flags = p[0]!;
    size = p.length - header;
    const reserved = state.framing === 'v2' ? 0xfc : FLAG.RESERVED;
    if (flags & reserved) sink.add('zmtp.flags.reserved', { flags }, { offset: 0, length: 1 });
  }
  if (state.framing === 'v3' && flags & FLAG.COMMAND) {
    if (flags & FLAG.MORE) sink.add('zmtp.command.more', undefined, { offset: 0, length: 1 });
    return decodeCommand(p, header, flags, long, state, sink);
  }
  // A plain view (Buffer.subarray would construct a Buffer for every frame).
  const body = new Uint8Array(p.buffer, p.byteOffset + header, p.length - header);
  const more = !!(flags & FLAG.MORE);
  const first = !state.in_message;
  const identity = state.identity_next;
  state.identity_next = false;
  state.in_message = more;
  let subscription: ZmtpSubscription | undefined;
  const st = state.socket_type;
  if (!identity && first && !more && (st === 'SUB' || st === 'XSUB') && body.length >= 1 && body[0]! <= 1) {
    const topic = body.subarray(1);
    const topic_text = printable(topic);
    subscription = {
      action: body[0] === 1 ? 'subscribe' : 'cancel',
      topic,
      ...(topic_text !== undefined ? { topic_text } : {}),
    };
  }
  const f: ZmtpFrame = {
    kind: 'frame',
    framing: state.framing,
    flags,
    more,
    long,
    size,
    body,
    body_range: { offset: header, length: size },
    first,
    identity,
    ...(subscription ? { subscription } : {}),
  };
  return f;
}

/** READY / INITIATE metadata: name-length(1) name value-length(4) value, repeated. */
function parseMetadata(
  p: Uint8Array,
  start: number,
  sink: NoteSink,
): { properties: ZmtpProperty[]; socket_type?: string; identity?: Uint8Array } {
  const properties: ZmtpProperty[] = [];
  let socket_type: string | undefined;
  let identity: Uint8Array | undefined;
  let o = start;
  while (o < p.length) {
    const at = o;
    const nameLen = p[o]!;
    if (nameLen === 0 || o + 1 + nameLen + 4 > p.length) {
      sink.add('zmtp.metadata.malformed', { offset: at }, { offset: at, length: p.length - at });
      break;
    }
    const name = latin1Text(p, o + 1, o + 1 + nameLen);
    o += 1 + nameLen;
    const valueLen = u32(p, o);
    o += 4;
    if (valueLen > p.length - o) {
      sink.add('zmtp.metadata.malformed', { offset: at, name }, { offset: at, length: p.length - at });
      break;
    }
    const value = p.subarray(o, o + valueLen);
    o += valueLen;
    const text = printable(value);
    properties.push({ name, value, ...(text !== undefined ? { text } : {}), range: { offset: at, length: o - at } });
    const lower = name.toLowerCase();
    if (lower === 'socket-type' && text !== undefined) socket_type = text.toUpperCase();
    else if (lower === 'identity' || lower === 'routing-id') identity = value;
  }
  return {
    properties,
    ...(socket_type !== undefined ? { socket_type } : {}),
    ...(identity !== undefined ? { identity } : {}),
  };
}

function decodeCommand(
  p: Uint8Array,
  header: number,
  flags: number,
  long: boolean,
  state: ZmtpState,
  sink: NoteSink,
): ZmtpCommand {
  const size = p.length - header;
  const base = { kind: 'command' as const, flags, long, size };
  if (size < 1 || p[header]! === 0 || header + 1 + p[header]! > p.length) {
    sink.add('zmtp.command.malformed', { reason: 'name' }, { offset: header, length: size });
    return {
      ...base,
      name: '',
      name_range: { offset: header, length: size },
      command: { kind: 'unknown', data_length: 0 },
    };
  }
  const nameLen = p[header]!;
  const name = latin1Text(p, header + 1, header + 1 + nameLen);
  const name_range = { offset: header, length: 1 + nameLen };
  const d = header + 1 + nameLen; // command data
  const data_length = p.length - d;
  const cmd = (command: ZmtpCommandBody): ZmtpCommand => ({ ...base, name, name_range, command });
  const short = (need: number): boolean => {
    if (data_length >= need) return false;
    sink.add('zmtp.command.malformed', { command: name, need, have: data_length }, { offset: d, length: data_length });
    return true;
  };
  const mech = state.mechanism;
  switch (name) {
    case 'READY': {
      if (mech === 'CURVE') return cmd({ kind: 'curve-ready', data_length });
      const md = parseMetadata(p, d, sink);
      if (md.socket_type !== undefined) {
        state.socket_type = md.socket_type;
        if (!SOCKET_TYPES.has(md.socket_type)) sink.add('zmtp.socket_type.unknown', { socket_type: md.socket_type });
      }
      return cmd({ kind: 'ready', ...md });
    }
    case 'ERROR': {
      let reason = '';
      if (data_length >= 1) {
        const len = Math.min(p[d]!, data_length - 1);
        reason = latin1.decode(p.subarray(d + 1, d + 1 + len));
      }
      sink.add('zmtp.error', { reason });
      return cmd({ kind: 'error', reason });
    }
    case 'SUBSCRIBE':
    case 'CANCEL': {
      const topic = p.subarray(d);
      const topic_text = printable(topic);
      return cmd({
        kind: name === 'SUBSCRIBE' ? 'subscribe' : 'cancel',
        topic,
        ...(topic_text !== undefined ? { topic_text } : {}),
      });
    }
    case 'PING':
      if (short(2)) return cmd({ kind: 'unknown', data_length });
      return cmd({ kind: 'ping', ttl: u16(p, d), context: p.subarray(d + 2) });
    case 'PONG':
      return cmd({ kind: 'pong', context: p.subarray(d) });
    case 'HELLO': {
      // CURVE HELLO is 194 octets of data starting with version 1.0; PLAIN is two short strings.
      const curve = mech === 'CURVE' || (mech === undefined && data_length === 194 && p[d] === 1);
      if (curve)
        return cmd({
          kind: 'curve-hello',
          data_length,
          ...(data_length >= 2 ? { version: `${p[d]}.${p[d + 1]}` } : {}),
        });
      if (short(2)) return cmd({ kind: 'unknown', data_length });
      const uLen = p[d]!;
      if (short(1 + uLen + 1)) return cmd({ kind: 'unknown', data_length });
      const username = latin1.decode(p.subarray(d + 1, d + 1 + uLen));
      const pwLen = p[d + 1 + uLen]!;
      const pwAvail = Math.min(pwLen, p.length - (d + 2 + uLen));
      if (pwAvail < pwLen) short(2 + uLen + pwLen);
      sink.add('zmtp.plain.cleartext_password', { username }, { offset: d + 1 + uLen, length: 1 + pwAvail });
      return cmd({ kind: 'plain-hello', username, password: { present: true, length: pwLen } });
    }
    case 'WELCOME':
      if (mech === 'CURVE' || (mech === undefined && data_length > 0))
        return cmd({ kind: 'curve-welcome', data_length });
      return cmd({ kind: 'plain-welcome' });
    case 'INITIATE': {
      if (mech === 'CURVE') return cmd({ kind: 'curve-initiate', data_length });
      const md = parseMetadata(p, d, sink);
      if (md.socket_type !== undefined) state.socket_type = md.socket_type;
      return cmd({
        kind: 'plain-initiate',
        properties: md.properties,
        ...(md.socket_type !== undefined ? { socket_type: md.socket_type } : {}),
      });
    }
    case 'MESSAGE':
      return cmd({ kind: 'curve-message', data_length });
    case 'JOIN':
    case 'LEAVE':
      return cmd({ kind: name === 'JOIN' ? 'join' : 'leave', group: latin1.decode(p.subarray(d)) });
    default:
      sink.add('zmtp.command.unknown', { name }, name_range);
      return cmd({ kind: 'unknown', data_length });
  }
}

// ---------------------------------------------------------------------------------------------
// Multi-part messages

export interface ZmtpPart {
  readonly more: boolean;
  readonly size: number;
  readonly payload: Uint8Array;
}

export interface ZmtpMultipart {
  readonly parts: readonly ZmtpPart[];
  /** Parts beyond `maxParts` are counted, not kept. */
  readonly part_count: number;
  readonly total_size: number;
  /** Frame numbers (capture frames) of the first and the completing part, when given. */
  readonly first_frame?: number;
  readonly last_frame?: number;
}

const NO_BYTES = new Uint8Array(0);

/**
 * Groups message frames (one PDU each) into messages: parts up to and including one without MORE.
 * With `copyParts`, the parts that wait for the rest of their message are copied (a stream's PDU bytes
 * are views valid only while the PDU is handled); the completing part is handed on as it came.
 */
export class ZmtpMessageAssembler {
  private parts: ZmtpPart[] = [];
  private count = 0;
  private total = 0;
  private firstFrame: number | undefined;

  constructor(
    private readonly maxParts = 1024,
    private readonly copyParts = false,
  ) {}

  /** Adds a frame; returns the message when this frame completes it. Commands are not message parts. */
  push(f: ZmtpFrame, frameNo?: number): ZmtpMultipart | undefined {
    if (f.identity) return undefined;
    if (this.count === 0) this.firstFrame = frameNo;
    this.count++;
    this.total += f.size;
    if (this.parts.length < this.maxParts)
      this.parts.push({
        more: f.more,
        size: f.size,
        payload: this.copyParts && f.more ? (f.size === 0 ? NO_BYTES : new Uint8Array(f.body)) : f.body,
      });
    if (f.more) return undefined;
    const m: { -readonly [K in keyof ZmtpMultipart]: ZmtpMultipart[K] } = {
      parts: this.parts,
      part_count: this.count,
      total_size: this.total,
    };
    if (this.firstFrame !== undefined) m.first_frame = this.firstFrame;
    if (frameNo !== undefined) m.last_frame = frameNo;
    this.parts = [];
    this.count = 0;
    this.total = 0;
    this.firstFrame = undefined;
    return m;
  }

  /** Parts of an unfinished message (stream ended or a gap), if any. */
  pending(): number {
    return this.count;
  }

  /** Forget an unfinished message (its other parts were lost). */
  reset(): void {
    this.parts = [];
    this.count = 0;
    this.total = 0;
    this.firstFrame = undefined;
  }
}

/**
 * Whether the bytes are a whole number of ZMTP 3.x frames (flags with no reserved bit, sizes that end
 * exactly at the end; commands with a plausible name): a conversation seen from its middle, or a segment
 * after lost bytes, starts at a frame boundary. Text never passes: printable bytes set reserved bits.
 */
export function zmtpFramesExact(b: Uint8Array): boolean {
  return zmtpLastFlags(b) >= 0;
}

/** The flags of the last frame when the bytes are whole ZMTP 3.x frames (zmtpFramesExact), else -1. */
export function zmtpLastFlags(b: Uint8Array): number {
  let o = 0;
  let last = -1;
  while (o < b.length) {
    const flags = b[o]!;
    if (flags & 0xf8) return -1;
    let size: number;
    let hdr: number;
    if (flags & 0x02) {
      if (o + 9 > b.length) return -1;
      if (b[o + 1] !== 0 || b[o + 2] !== 0 || b[o + 3] !== 0 || b[o + 4] !== 0) return -1;
      size = ((b[o + 5]! << 24) >>> 0) + (b[o + 6]! << 16) + (b[o + 7]! << 8) + b[o + 8]!;
      hdr = 9;
    } else {
      if (o + 2 > b.length) return -1;
      size = b[o + 1]!;
      hdr = 2;
    }
    if (o + hdr + size > b.length) return -1;
    if (flags & 0x04) {
      const nl = size > 0 ? b[o + hdr]! : 0;
      if (nl === 0 || nl + 1 > size) return -1;
      for (let i = 0; i < nl; i++) {
        const c = b[o + hdr + 1 + i]!;
        if (c < 0x41 || c > 0x5a) return -1;
      }
    }
    o += hdr + size;
    last = flags;
  }
  return last;
}

/**
 * The REQ/REP envelope view of a message: frames up to the first empty delimiter are routing
 * (ROUTER identities), the rest is the body. Without a delimiter everything is body.
 */
export function splitEnvelope(m: ZmtpMultipart): { routing: readonly ZmtpPart[]; body: readonly ZmtpPart[] } {
  const i = m.parts.findIndex((p) => p.size === 0);
  if (i < 0) return { routing: [], body: m.parts };
  return { routing: m.parts.slice(0, i), body: m.parts.slice(i + 1) };
}

// ---------------------------------------------------------------------------------------------
// Socket types and patterns (RFC 37 compatibility table)

const SOCKET_TYPES = new Set([
  'REQ',
  'REP',
  'DEALER',
  'ROUTER',
  'PUB',
  'XPUB',
  'SUB',
  'XSUB',
  'PUSH',
  'PULL',
  'PAIR',
  'CLIENT',
  'SERVER',
  'RADIO',
  'DISH',
  'SCATTER',
  'GATHER',
  'PEER',
  'CHANNEL',
]);

/** Legal peers of each socket type (RFC 37 "The Socket-Type Property"). */
const COMPATIBLE: Record<string, readonly string[]> = {
  REQ: ['REP', 'ROUTER'],
  REP: ['REQ', 'DEALER'],
  DEALER: ['REP', 'DEALER', 'ROUTER'],
  ROUTER: ['REQ', 'DEALER', 'ROUTER'],
  PUB: ['SUB', 'XSUB'],
  XPUB: ['SUB', 'XSUB'],
  SUB: ['PUB', 'XPUB'],
  XSUB: ['PUB', 'XPUB'],
  PUSH: ['PULL'],
  PULL: ['PUSH'],
  PAIR: ['PAIR'],
  CLIENT: ['SERVER'],
  SERVER: ['CLIENT'],
  RADIO: ['DISH'],
  DISH: ['RADIO'],
  SCATTER: ['GATHER'],
  GATHER: ['SCATTER'],
  PEER: ['PEER'],
  CHANNEL: ['CHANNEL'],
};

const PATTERN: Record<string, ZmtpPatternName> = {
  REQ: 'request-reply',
  REP: 'request-reply',
  DEALER: 'request-reply',
  ROUTER: 'request-reply',
  PUB: 'publish-subscribe',
  XPUB: 'publish-subscribe',
  SUB: 'publish-subscribe',
  XSUB: 'publish-subscribe',
  PUSH: 'pipeline',
  PULL: 'pipeline',
  PAIR: 'exclusive-pair',
  CLIENT: 'client-server',
  SERVER: 'client-server',
  RADIO: 'radio-dish',
  DISH: 'radio-dish',
  SCATTER: 'scatter-gather',
  GATHER: 'scatter-gather',
  PEER: 'peer-to-peer',
  CHANNEL: 'channel',
};

/** Which side is written first in a pair label (REQ/REP, DEALER/ROUTER, PUB/SUB, PUSH/PULL...). */
const LABEL_ORDER = [
  'REQ',
  'DEALER',
  'REP',
  'ROUTER',
  'PUB',
  'XPUB',
  'SUB',
  'XSUB',
  'PUSH',
  'PULL',
  'CLIENT',
  'SERVER',
  'RADIO',
  'DISH',
  'SCATTER',
  'GATHER',
  'PAIR',
  'PEER',
  'CHANNEL',
];

export type ZmtpPatternName =
  | 'request-reply'
  | 'publish-subscribe'
  | 'pipeline'
  | 'exclusive-pair'
  | 'client-server'
  | 'radio-dish'
  | 'scatter-gather'
  | 'peer-to-peer'
  | 'channel'
  | 'unknown';

export interface ZmtpPattern {
  /** The two socket types, conventional side first: 'REQ/REP', 'DEALER/ROUTER', 'PUB/SUB'. */
  readonly label: string;
  readonly pattern: ZmtpPatternName;
  readonly compatible: boolean;
  readonly notes: readonly Note[];
}

/** Infers the messaging pattern from both peers' Socket-Type and checks RFC 37's compatibility table. */
export function zmtpPattern(a: string, b: string): ZmtpPattern {
  const sink = new NoteSink(NOTES);
  const x = a.toUpperCase();
  const y = b.toUpperCase();
  for (const s of [x, y]) if (!SOCKET_TYPES.has(s)) sink.add('zmtp.socket_type.unknown', { socket_type: s });
  const ix = LABEL_ORDER.indexOf(x);
  const iy = LABEL_ORDER.indexOf(y);
  const label = ix >= 0 && (iy < 0 || ix <= iy) ? `${x}/${y}` : `${y}/${x}`;
  const compatible = COMPATIBLE[x]?.includes(y) ?? false;
  if (!compatible && SOCKET_TYPES.has(x) && SOCKET_TYPES.has(y))
    sink.add('zmtp.socket_type.incompatible', { a: x, b: y });
  const px = PATTERN[x];
  const py = PATTERN[y];
  const pattern: ZmtpPatternName = px && px === py ? px : 'unknown';
  return { label, pattern, compatible, notes: sink.notes };
}

/** The module as the reassembly layer sees it. */
export const zmtp: AppProtocol<ZmtpState, ZmtpMessage> = { name: 'zmtp', notes: NOTES, frame, decode };
