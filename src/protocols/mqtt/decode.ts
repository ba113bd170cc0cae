/**
 * MQTT 3.1 (protocol name "MQIsdp", level 3), 3.1.1 (level 4) and 5.0 (level 5).
 *
 * Own framer, field decoding by mqtt-packet. Fixed header:
 *
 *   byte 0            bytes 1..4                                   then
 *   type(4) flags(4)  remaining length: 1-4 octets, 7 bits each,   variable header + payload
 *                     low group first, bit 7 = continuation        (remaining length octets)
 *
 * mqtt-packet needs the protocol version to decode packets (v5 adds properties everywhere); the
 * broker→client direction never sees CONNECT, so both directions share an `MqttSession` whose version
 * the CONNECT sets.
 */
import mqttPacket from 'mqtt-packet';
import { validUtf8 } from '../../dissectors/app/payload.js';
import {
  type AppProtocol,
  type Decoded,
  type Framing,
  type Note,
  NoteSink,
  type Range,
  type Severity,
} from '../../dissectors/app/types.js';

export const NOTES: Record<string, Severity> = {
  /** mqtt-packet rejected the packet (reason in params); the stream resyncs after it. */
  'mqtt.malformed': 'error',
  /** Remaining length with a 5th octet (the 4th has its continuation bit set). */
  'mqtt.malformed.varint_too_long': 'error',
  /** Remaining length above the configured maximum: skipped without buffering. */
  'mqtt.malformed.too_long': 'error',
  /** Packet type 0 (reserved). */
  'mqtt.msgtype.reserved': 'error',
  /** No CONNECT seen on this connection: MQTT 3.1.1 is assumed for decoding. */
  'mqtt.version.assumed': 'info',
  /** CONNACK refused the connection (v3 return code or v5 reason code >= 0x80). */
  'mqtt.conack.refused': 'warn',
  /** A v5 reason code reporting failure (>= 0x80) in an acknowledgement, DISCONNECT or AUTH. */
  'mqtt.reason_code.failure': 'warn',
  /** SUBACK refused a subscription (0x80 or a v5 failure code). */
  'mqtt.suback.failure': 'warn',
  /** DISCONNECT with a non-zero v5 reason code. */
  'mqtt.disconnect.reason': 'note',
  /** An acknowledgement whose packet id has no outstanding request. */
  'mqtt.ack.unmatched': 'note',
  /** A new PUBLISH/SUBSCRIBE reused a packet id still awaiting its acknowledgement. */
  'mqtt.msgid.in_use': 'warn',
  /** Decoder bug caught by the backstop (tests assert it never fires). */
  'mqtt.dissector_bug': 'error',
};

/** Default largest remaining length buffered (16 MiB; the protocol maximum is 268,435,455). */
export const MQTT_DEFAULT_MAX_LENGTH = 16 * 1024 * 1024;

export type MqttVersion = 3 | 4 | 5;

/** Connection-wide facts both directions need (set by CONNECT). */
export interface MqttSession {
  version?: MqttVersion;
}

export interface MqttState {
  readonly session: MqttSession;
  readonly max_length: number;
  /** The version-assumed note was given once on this direction. */
  assumed_noted: boolean;
}

export interface MqttStateOptions {
  maxLength?: number;
  /** Share a session with the other direction (see newMqttStatePair). */
  session?: MqttSession;
  /** Known protocol version (e.g. from a CONNECT before the capture started). */
  version?: MqttVersion;
}

export function newMqttState(opts: MqttStateOptions = {}): MqttState {
  const session = opts.session ?? {};
  if (opts.version !== undefined) session.version = opts.version;
  return { session, max_length: opts.maxLength ?? MQTT_DEFAULT_MAX_LENGTH, assumed_noted: false };
}

/** Client→server and server→client states sharing one session. */
export function newMqttStatePair(opts: Omit<MqttStateOptions, 'session'> = {}): [MqttState, MqttState] {
  const session: MqttSession = {};
  if (opts.version !== undefined) session.version = opts.version;
  return [newMqttState({ ...opts, session }), newMqttState({ ...opts, session })];
}

/** Sets the version from the other direction's CONNECT (when states were not created as a pair). */
export function setMqttVersion(state: MqttState, version: MqttVersion): void {
  state.session.version = version;
}

// ---------------------------------------------------------------------------------------------
// Field tables

/** Control packet types (mqtt.msgtype). */
export const MSGTYPE = {
  CONNECT: 1,
  CONNACK: 2,
  PUBLISH: 3,
  PUBACK: 4,
  PUBREC: 5,
  PUBREL: 6,
  PUBCOMP: 7,
  SUBSCRIBE: 8,
  SUBACK: 9,
  UNSUBSCRIBE: 10,
  UNSUBACK: 11,
  PINGREQ: 12,
  PINGRESP: 13,
  DISCONNECT: 14,
  AUTH: 15,
} as const;

const TYPE_NAMES = [
  'reserved',
  'connect',
  'connack',
  'publish',
  'puback',
  'pubrec',
  'pubrel',
  'pubcomp',
  'subscribe',
  'suback',
  'unsubscribe',
  'unsuback',
  'pingreq',
  'pingresp',
  'disconnect',
  'auth',
] as const;
export type MqttTypeName = (typeof TYPE_NAMES)[number];

/** CONNACK return codes of MQTT 3.1/3.1.1. */
export const CONNACK_RETURN_CODES: Record<number, string> = {
  0: 'Connection Accepted',
  1: 'Connection Refused: unacceptable protocol version',
  2: 'Connection Refused: identifier rejected',
  3: 'Connection Refused: server unavailable',
  4: 'Connection Refused: bad user name or password',
  5: 'Connection Refused: not authorized',
};

/** MQTT 5 reason codes (2.4); 0x00-0x02 depend on the packet and are named there. */
export const REASON_CODES: ReadonlyMap<number, string> = new Map([
  [0x04, 'Disconnect with Will Message'],
  [0x10, 'No matching subscribers'],
  [0x11, 'No subscription existed'],
  [0x18, 'Continue authentication'],
  [0x19, 'Re-authenticate'],
  [0x80, 'Unspecified error'],
  [0x81, 'Malformed Packet'],
  [0x82, 'Protocol Error'],
  [0x83, 'Implementation specific error'],
  [0x84, 'Unsupported Protocol Version'],
  [0x85, 'Client Identifier not valid'],
  [0x86, 'Bad User Name or Password'],
  [0x87, 'Not authorized'],
  [0x88, 'Server unavailable'],
  [0x89, 'Server busy'],
  [0x8a, 'Banned'],
  [0x8b, 'Server shutting down'],
  [0x8c, 'Bad authentication method'],
  [0x8d, 'Keep Alive timeout'],
  [0x8e, 'Session taken over'],
  [0x8f, 'Topic Filter invalid'],
  [0x90, 'Topic Name invalid'],
  [0x91, 'Packet Identifier in use'],
  [0x92, 'Packet Identifier not found'],
  [0x93, 'Receive Maximum exceeded'],
  [0x94, 'Topic Alias invalid'],
  [0x95, 'Packet too large'],
  [0x96, 'Message rate too high'],
  [0x97, 'Quota exceeded'],
  [0x98, 'Administrative action'],
  [0x99, 'Payload format invalid'],
  [0x9a, 'Retain not supported'],
  [0x9b, 'QoS not supported'],
  [0x9c, 'Use another server'],
  [0x9d, 'Server moved'],
  [0x9e, 'Shared Subscriptions not supported'],
  [0x9f, 'Connection rate exceeded'],
  [0xa0, 'Maximum connect time'],
  [0xa1, 'Subscription Identifiers not supported'],
  [0xa2, 'Wildcard Subscriptions not supported'],
]);

/** Name of a v5 reason code in the context of a packet type. */
export function reasonName(code: number, type: MqttTypeName): string {
  if (code === 0) {
    if (type === 'disconnect') return 'Normal disconnection';
    if (type === 'suback') return 'Granted QoS 0';
    return 'Success';
  }
  if (type === 'suback' && (code === 1 || code === 2)) return `Granted QoS ${code}`;
  return REASON_CODES.get(code) ?? `Unknown (0x${code.toString(16).padStart(2, '0')})`;
}

// ---------------------------------------------------------------------------------------------
// Framer

/** Reads the remaining length at b[o..end): value and octet count, need (octets so far + 1), or too long. */
function readVarint(
  b: Uint8Array,
  o: number,
  end: number,
): { value: number; bytes: number } | { need: number } | { tooLong: true } {
  let value = 0;
  let mult = 1;
  for (let i = 0; i < 4; i++) {
    if (o + i >= end) return { need: i + 1 };
    const byte = b[o + i]!;
    value += (byte & 0x7f) * mult;
    if (!(byte & 0x80)) return { value, bytes: i + 1 };
    mult *= 128;
  }
  return { tooLong: true };
}

export function frame(buf: Uint8Array, off: number, end: number, state: MqttState): Framing {
  const n = end - off;
  if (n < 2) return { kind: 'need', atLeast: 2 };
  const v = readVarint(buf, off + 1, end);
  if ('need' in v) return { kind: 'need', atLeast: 1 + v.need };
  if ('tooLong' in v) return { kind: 'malformed', code: 'mqtt.malformed.varint_too_long', skip: 5 };
  const total = 1 + v.bytes + v.value;
  if (v.value > state.max_length)
    return {
      kind: 'malformed',
      code: 'mqtt.malformed.too_long',
      params: { length: v.value, max: state.max_length },
      skip: total,
    };
  return n >= total ? { kind: 'pdu', length: total } : { kind: 'need', atLeast: total, whole: true };
}

/**
 * Fixed-header flags each control packet type must carry (MQTT 3.1.1 table 2.2, 5.0 table 2-3); -1: PUBLISH
 * (DUP, QoS, RETAIN: any but QoS 3), -2: type 0 (reserved).
 */
const FIXED_FLAGS: readonly number[] = [-2, 0, 0, -1, 0, 0, 2, 0, 2, 0, 2, 0, 0, 0, 0, 0];
/** Types a client sends once connected (PUBLISH, the four acks, SUBSCRIBE, UNSUBSCRIBE, PINGREQ, DISCONNECT, AUTH). */
const FROM_CLIENT = 0b1101_0101_1111_1000;
/** Types a server sends once connected (PUBLISH, the four acks, SUBACK, UNSUBACK, PINGRESP, DISCONNECT, AUTH). */
const FROM_SERVER = 0b1110_1010_1111_1000;

/** A PUBLISH topic name: valid UTF-8 without U+0000 or the wildcards + and # (MQTT 4.7.1, 3.3.2.1). */
function topicNameOk(b: Uint8Array, o: number, n: number): boolean {
  for (let i = o; i < o + n; i++) {
    const c = b[i]!;
    if (c === 0 || c === 0x2b || c === 0x23) return false;
  }
  return validUtf8(b.subarray(o, o + n), 0);
}

/** Whether a packet body of `len` bytes at b[o..] fits what its type and flags require. */
function bodyPlausible(type: number, flags: number, b: Uint8Array, o: number, len: number, v5: boolean): boolean {
  const id = len >= 2 ? (b[o]! << 8) | b[o + 1]! : 0;
  switch (type) {
    case 3: {
      if (len < 2) return false;
      const qos = (flags >> 1) & 3;
      const topic = id;
      if (topic === 0 && !v5) return false;
      if (2 + topic + (qos > 0 ? 2 : 0) > len || !topicNameOk(b, o + 2, topic)) return false;
      return qos === 0 || ((b[o + 2 + topic]! << 8) | b[o + 3 + topic]!) !== 0;
    }
    case 4:
    case 5:
    case 6:
    case 7:
      return (v5 ? len >= 2 : len === 2) && id !== 0;
    case 8:
    case 10:
      return len >= 5 && id !== 0;
    case 9:
      return len >= 3 && id !== 0;
    case 11:
      return (v5 ? len >= 3 : len === 2) && id !== 0;
    case 12:
    case 13:
      return len === 0;
    case 14:
      return v5 || len === 0;
    case 15:
      return v5;
    default:
      return false;
  }
}

/**
 * Whether `b` is a whole number of MQTT control packets, one after another up to its last byte, that
 * the given side may send on an established connection (no CONNECT or CONNACK), each with the flags,
 * minimal remaining length and body its type requires. After bytes were lost a segment that passes
 * starts at a packet boundary: decoding resumes there (the protocol has no sync marker).
 */
export function packetsExact(b: Uint8Array, fromClient: boolean, version: MqttVersion | undefined): boolean {
  const v5 = version === 5;
  const allowed = fromClient ? FROM_CLIENT : FROM_SERVER;
  let o = 0;
  let packets = 0;
  while (o < b.length) {
    const type = b[o]! >> 4;
    const flags = b[o]! & 0x0f;
    if (!((allowed >> type) & 1)) return false;
    if (type === 14 && !fromClient && !v5) return false;
    const want = FIXED_FLAGS[type]!;
    if (want === -1 ? (flags & 0x06) === 0x06 : flags !== want) return false;
    const v = readVarint(b, o + 1, b.length);
    if (!('value' in v)) return false;
    // the shortest encoding only: a last octet of 0 after a continuation adds nothing
    if (v.bytes > 1 && b[o + v.bytes] === 0) return false;
    const body = o + 1 + v.bytes;
    if (body + v.value > b.length || !bodyPlausible(type, flags, b, body, v.value, v5)) return false;
    o = body + v.value;
    packets++;
  }
  return packets > 0;
}

/** Heuristic: a CONNECT (type 1, flags 0) whose protocol name is "MQTT" or "MQIsdp". */
export function looksLikeMqttConnect(b: Uint8Array): boolean {
  if (b.length < 2 || b[0] !== 0x10) return false;
  const v = readVarint(b, 1, b.length);
  if (!('value' in v)) return false;
  const o = 1 + v.bytes;
  if (b.length < o + 2) return false;
  const len = (b[o]! << 8) | b[o + 1]!;
  if (len !== 4 && len !== 6) return false;
  if (b.length < o + 2 + len || v.value < 2 + len + 4) return false;
  const name = String.fromCharCode(...b.subarray(o + 2, o + 2 + len));
  return name === 'MQTT' || name === 'MQIsdp';
}

// ---------------------------------------------------------------------------------------------
// Messages

export interface UserProperty {
  readonly name: string;
  readonly value: string;
}

/**
 * MQTT 5 properties as mqtt-packet names them (sessionExpiryInterval, contentType, ...), binary
 * values as Uint8Array, user properties as a list of name/value pairs.
 */
export interface MqttProperties {
  readonly [name: string]:
    | string
    | number
    | boolean
    | Uint8Array
    | readonly number[]
    | readonly UserProperty[]
    | undefined;
  readonly userProperties?: readonly UserProperty[];
}

interface Header {
  /** Control packet type (mqtt.msgtype). */
  readonly msgtype: number;
  /** Fixed header flags (low nibble of byte 0). */
  readonly flags: number;
  /** Remaining length (mqtt.len). */
  readonly len: number;
  /** Fixed header length: 1 + remaining-length octets. */
  readonly hdr_len: number;
}

export interface MqttConnect extends Header {
  readonly kind: 'connect';
  readonly proto_name: 'MQTT' | 'MQIsdp';
  /** Protocol level (mqtt.ver): 3, 4 or 5. */
  readonly ver: MqttVersion;
  /** Bridge bit (0x80) set on the protocol level. */
  readonly bridge: boolean;
  readonly clean_session: boolean;
  /** Keep-alive in seconds (mqtt.kalive). */
  readonly kalive: number;
  readonly clientid: string;
  readonly will?: {
    readonly topic: string;
    readonly payload: Uint8Array;
    readonly qos: number;
    readonly retain: boolean;
    readonly properties?: MqttProperties;
  };
  readonly username_present: boolean;
  readonly username?: string;
  readonly password: { readonly present: boolean; readonly length: number };
  readonly properties?: MqttProperties;
}

export interface MqttConnack extends Header {
  readonly kind: 'connack';
  readonly session_present: boolean;
  /** v3/v3.1.1 return code (mqtt.conack.val) and its meaning. */
  readonly return_code?: number;
  readonly return_name?: string;
  /** v5 reason code (mqtt.reason_code) and its name. */
  readonly reason_code?: number;
  readonly reason_name?: string;
  readonly accepted: boolean;
  readonly properties?: MqttProperties;
}

export interface MqttPublish extends Header {
  readonly kind: 'publish';
  readonly topic: string;
  readonly topic_range: Range;
  readonly qos: number;
  readonly retain: boolean;
  readonly dup: boolean;
  /** Packet identifier (mqtt.msgid), QoS 1 and 2 only. */
  readonly msgid?: number;
  readonly payload: Uint8Array;
  readonly payload_range: Range;
  readonly properties?: MqttProperties;
}

export interface MqttAck extends Header {
  readonly kind: 'puback' | 'pubrec' | 'pubrel' | 'pubcomp';
  readonly msgid: number;
  readonly reason_code?: number;
  readonly reason_name?: string;
  readonly properties?: MqttProperties;
}

export interface MqttSubscription {
  readonly topic: string;
  readonly qos: number;
  /** v5 subscription options: no local, retain as published, retain handling. */
  readonly nl?: boolean;
  readonly rap?: boolean;
  readonly rh?: number;
}

export interface MqttSubscribe extends Header {
  readonly kind: 'subscribe';
  readonly msgid: number;
  readonly subscriptions: readonly MqttSubscription[];
  readonly properties?: MqttProperties;
}

export interface MqttSuback extends Header {
  readonly kind: 'suback';
  readonly msgid: number;
  /** Granted QoS (0-2) or failure (0x80) per subscription; v5 reason codes. */
  readonly granted: readonly number[];
  readonly properties?: MqttProperties;
}

export interface MqttUnsubscribe extends Header {
  readonly kind: 'unsubscribe';
  readonly msgid: number;
  readonly topics: readonly string[];
  readonly properties?: MqttProperties;
}

export interface MqttUnsuback extends Header {
  readonly kind: 'unsuback';
  readonly msgid: number;
  /** v5 only: a reason code per topic filter. */
  readonly reason_codes?: readonly number[];
  readonly properties?: MqttProperties;
}

export interface MqttPing extends Header {
  readonly kind: 'pingreq' | 'pingresp';
}

export interface MqttDisconnect extends Header {
  readonly kind: 'disconnect';
  readonly reason_code?: number;
  readonly reason_name?: string;
  readonly properties?: MqttProperties;
}

export interface MqttAuth extends Header {
  readonly kind: 'auth';
  readonly reason_code: number;
  readonly reason_name: string;
  readonly properties?: MqttProperties;
}

/** A packet mqtt-packet rejected: the fixed header is kept, the reason is in the note. */
export interface MqttMalformed extends Header {
  readonly kind: 'malformed';
  readonly type_name: MqttTypeName;
  readonly reason: string;
}

export type MqttMessage =
  | MqttConnect
  | MqttConnack
  | MqttPublish
  | MqttAck
  | MqttSubscribe
  | MqttSuback
  | MqttUnsubscribe
  | MqttUnsuback
  | MqttPing
  | MqttDisconnect
  | MqttAuth
  | MqttMalformed;

// ---------------------------------------------------------------------------------------------
// Decoder

type Packet = mqttPacket.Packet & { bridgeMode?: boolean; protocolVersion?: number };

function bytesOf(b: unknown): Uint8Array {
  if (b instanceof Uint8Array) return new Uint8Array(b.buffer, b.byteOffset, b.byteLength);
  if (typeof b === 'string') return new TextEncoder().encode(b);
  return new Uint8Array(0);
}

/** mqtt-packet's property object → typed properties (binary as Uint8Array, user properties as pairs). */
function props(p: unknown): MqttProperties | undefined {
  if (!p || typeof p !== 'object') return undefined;
  const out: Record<string, MqttProperties[string]> = {};
  for (const [k, v] of Object.entries(p) as [string, unknown][]) {
    if (k === 'userProperties' && v && typeof v === 'object') {
      const list: UserProperty[] = [];
      for (const [name, val] of Object.entries(v as Record<string, string | string[]>)) {
        for (const one of Array.isArray(val) ? val : [val]) list.push({ name, value: String(one) });
      }
      out.userProperties = list;
    } else if (v instanceof Uint8Array) out[k] = bytesOf(v);
    else if (Array.isArray(v)) out[k] = v.map(Number);
    else if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') out[k] = v;
  }
  return Object.keys(out).length ? out : undefined;
}

function withProps<T extends object>(o: T, p: unknown): T & { properties?: MqttProperties } {
  const pr = props(p);
  return pr ? { ...o, properties: pr } : o;
}

interface CachedParser {
  readonly parser: ReturnType<typeof mqttPacket.parser>;
  readonly settings: { protocolVersion?: number };
  packet: Packet | undefined;
  error: string | undefined;
}

/**
 * One mqtt-packet parser per protocol version, reused (building a parser per packet dominated the cost).
 * Its settings are restored before each packet (a CONNECT replaces them); after an error or a packet it
 * could not finish, the parser is dropped and a fresh one is built next time.
 */
const parsers = new Map<number, CachedParser>();

function parserFor(version: MqttVersion | undefined): CachedParser {
  const key = version ?? 0;
  let c = parsers.get(key);
  if (!c) {
    const settings = version !== undefined ? { protocolVersion: version } : {};
    const parser = mqttPacket.parser({ ...settings });
    const cached: CachedParser = { parser, settings, packet: undefined, error: undefined };
    parser.on('packet', (p: mqttPacket.Packet) => {
      cached.packet ??= p as Packet;
    });
    parser.on('error', (e: unknown) => {
      cached.error ??= e instanceof Error ? e.message : String(e);
    });
    parsers.set(key, cached);
    c = cached;
  }
  return c;
}

/** Parses one whole packet with mqtt-packet; returns the packet or the error text. */
function parseWith(pdu: Uint8Array, version: MqttVersion | undefined): { packet: Packet } | { error: string } {
  const c = parserFor(version);
  c.packet = undefined;
  c.error = undefined;
  // mqtt-packet keeps its options in the parser's `settings` (not in its type declarations)
  Reflect.set(c.parser, 'settings', { ...c.settings });
  try {
    c.parser.parse(Buffer.from(pdu.buffer, pdu.byteOffset, pdu.byteLength));
  } catch (err) {
    c.error ??= err instanceof Error ? err.message : String(err);
  }
  const { packet, error } = c;
  c.packet = undefined;
  c.error = undefined;
  if (error !== undefined || !packet) parsers.delete(version ?? 0);
  if (error !== undefined) return { error };
  if (!packet) return { error: 'incomplete packet' };
  return { packet };
}

export function decode(pdu: Uint8Array, state: MqttState): Decoded<MqttMessage> {
  const sink = new NoteSink(NOTES);
  try {
    return { message: decodeInner(pdu, state, sink), notes: sink.notes };
  } catch (err) {
    sink.add('mqtt.dissector_bug', { reason: err instanceof Error ? err.message : String(err) });
    const type = pdu.length ? pdu[0]! >> 4 : 0;
    return {
      message: {
        kind: 'malformed',
        msgtype: type,
        flags: pdu.length ? pdu[0]! & 0x0f : 0,
        len: 0,
        hdr_len: 0,
        type_name: TYPE_NAMES[type]!,
        reason: 'decoder bug',
      },
      notes: sink.notes,
    };
  }
}

function decodeInner(p: Uint8Array, state: MqttState, sink: NoteSink): MqttMessage {
  const msgtype = p.length ? p[0]! >> 4 : 0;
  const flags = p.length ? p[0]! & 0x0f : 0;
  const type_name = TYPE_NAMES[msgtype]!;
  const v = readVarint(p, 1, p.length);
  const malformed = (reason: string, hdr: Header, code = 'mqtt.malformed'): MqttMalformed => {
    sink.add(code, { reason, msgtype: type_name });
    return { kind: 'malformed', ...hdr, type_name, reason };
  };
  if (!('value' in v)) {
    const hdr = { msgtype, flags, len: 0, hdr_len: 0 };
    if ('tooLong' in v)
      return malformed('remaining length longer than 4 octets', hdr, 'mqtt.malformed.varint_too_long');
    return malformed('truncated fixed header', hdr);
  }
  const hdr: Header = { msgtype, flags, len: v.value, hdr_len: 1 + v.bytes };
  if (p.length !== hdr.hdr_len + hdr.len)
    return malformed(`packet is ${p.length} octets, header says ${hdr.hdr_len + hdr.len}`, hdr);
  if (msgtype === 0) return malformed('reserved packet type 0', hdr, 'mqtt.msgtype.reserved');

  let version = state.session.version;
  if (msgtype !== MSGTYPE.CONNECT && version === undefined && !state.assumed_noted) {
    state.assumed_noted = true;
    sink.add('mqtt.version.assumed', { ver: 4 });
  }
  if (msgtype !== MSGTYPE.CONNECT) version ??= 4;
  if (msgtype !== MSGTYPE.CONNECT && fastPath) {
    const fast = decodeFast(p, hdr, version === 5);
    if (fast) return fast;
  }
  const r = parseWith(p, msgtype === MSGTYPE.CONNECT ? undefined : version);
  if ('error' in r) {
    // A CONNECT still tells the version when its header got that far.
    if (msgtype === MSGTYPE.CONNECT) learnVersionFromRaw(p, hdr.hdr_len, state);
    return malformed(r.error, hdr);
  }
  const pk = r.packet;
  if ((pk as { messageId?: number }).messageId === -1) return malformed('Cannot parse messageId', hdr);

  switch (pk.cmd) {
    case 'connect': {
      const ver = (pk.protocolVersion ?? 4) as MqttVersion;
      state.session.version = ver;
      const will = pk.will
        ? withProps(
            {
              topic: pk.will.topic,
              payload: bytesOf(pk.will.payload),
              qos: pk.will.qos ?? 0,
              retain: pk.will.retain ?? false,
            },
            pk.will.properties,
          )
        : undefined;
      const m: MqttConnect = withProps(
        {
          kind: 'connect' as const,
          ...hdr,
          proto_name: pk.protocolId === 'MQIsdp' ? ('MQIsdp' as const) : ('MQTT' as const),
          ver,
          bridge: !!pk.bridgeMode,
          clean_session: !!pk.clean,
          kalive: pk.keepalive ?? 0,
          clientid: pk.clientId,
          ...(will ? { will } : {}),
          username_present: pk.username !== undefined,
          ...(pk.username !== undefined ? { username: pk.username } : {}),
          password: { present: pk.password !== undefined, length: pk.password ? pk.password.length : 0 },
        },
        pk.properties,
      );
      return m;
    }
    case 'connack': {
      const v5 = version === 5;
      const code = v5 ? (pk.reasonCode ?? 0) : (pk.returnCode ?? 0);
      const accepted = v5 ? code < 0x80 : code === 0;
      const base = { kind: 'connack' as const, ...hdr, session_present: !!pk.sessionPresent, accepted };
      const m: MqttConnack = v5
        ? withProps({ ...base, reason_code: code, reason_name: reasonName(code, 'connack') }, pk.properties)
        : {
            ...base,
            return_code: code,
            return_name: CONNACK_RETURN_CODES[code] ?? `Unknown (${code})`,
          };
      if (!accepted) sink.add('mqtt.conack.refused', { code, name: m.reason_name ?? m.return_name ?? '' });
      return m;
    }
    case 'publish': {
      const payload = bytesOf(pk.payload);
      const topicLen = new TextEncoder().encode(pk.topic).length;
      const m: MqttPublish = withProps(
        {
          kind: 'publish' as const,
          ...hdr,
          topic: pk.topic,
          topic_range: { offset: hdr.hdr_len + 2, length: topicLen },
          qos: pk.qos,
          retain: !!pk.retain,
          dup: !!pk.dup,
          ...(pk.qos > 0 && pk.messageId !== undefined ? { msgid: pk.messageId } : {}),
          // The payload is the rest of the packet.
          payload: p.subarray(p.length - payload.length),
          payload_range: { offset: p.length - payload.length, length: payload.length },
        },
        pk.properties,
      );
      return m;
    }
    case 'puback':
    case 'pubrec':
    case 'pubrel':
    case 'pubcomp': {
      const rc = version === 5 ? (pk.reasonCode ?? 0) : undefined;
      if (rc !== undefined && rc >= 0x80)
        sink.add('mqtt.reason_code.failure', { code: rc, name: reasonName(rc, pk.cmd), msgtype: pk.cmd });
      const m: MqttAck = withProps(
        {
          kind: pk.cmd,
          ...hdr,
          msgid: pk.messageId ?? 0,
          ...(rc !== undefined ? { reason_code: rc, reason_name: reasonName(rc, pk.cmd) } : {}),
        },
        pk.properties,
      );
      return m;
    }
    case 'subscribe':
      return withProps(
        {
          kind: 'subscribe' as const,
          ...hdr,
          msgid: pk.messageId ?? 0,
          subscriptions: pk.subscriptions.map((s) => ({
            topic: s.topic,
            qos: s.qos,
            ...(s.nl !== undefined ? { nl: s.nl } : {}),
            ...(s.rap !== undefined ? { rap: s.rap } : {}),
            ...(s.rh !== undefined ? { rh: s.rh } : {}),
          })),
        },
        pk.properties,
      );
    case 'suback': {
      const granted = (pk.granted as unknown[]).map((g) =>
        typeof g === 'number' ? g : Number((g as { qos?: number }).qos ?? 0x80),
      );
      granted.forEach((g, i) => {
        if (g >= 0x80) sink.add('mqtt.suback.failure', { index: i, code: g, name: reasonName(g, 'suback') });
      });
      return withProps({ kind: 'suback' as const, ...hdr, msgid: pk.messageId ?? 0, granted }, pk.properties);
    }
    case 'unsubscribe':
      return withProps(
        { kind: 'unsubscribe' as const, ...hdr, msgid: pk.messageId ?? 0, topics: [...pk.unsubscriptions] },
        pk.properties,
      );
    case 'unsuback': {
      const codes = version === 5 && Array.isArray(pk.granted) ? pk.granted.map(Number) : undefined;
      codes?.forEach((c) => {
        if (c >= 0x80)
          sink.add('mqtt.reason_code.failure', { code: c, name: reasonName(c, 'unsuback'), msgtype: 'unsuback' });
      });
      return withProps(
        { kind: 'unsuback' as const, ...hdr, msgid: pk.messageId ?? 0, ...(codes ? { reason_codes: codes } : {}) },
        pk.properties,
      );
    }
    case 'pingreq':
    case 'pingresp':
      return { kind: pk.cmd, ...hdr };
    case 'disconnect': {
      const rc = version === 5 ? (pk.reasonCode ?? 0) : undefined;
      if (rc !== undefined && rc !== 0) {
        sink.add(rc >= 0x80 ? 'mqtt.reason_code.failure' : 'mqtt.disconnect.reason', {
          code: rc,
          name: reasonName(rc, 'disconnect'),
          msgtype: 'disconnect',
        });
      }
      return withProps(
        {
          kind: 'disconnect' as const,
          ...hdr,
          ...(rc !== undefined ? { reason_code: rc, reason_name: reasonName(rc, 'disconnect') } : {}),
        },
        pk.properties,
      );
    }
    case 'auth': {
      const rc = pk.reasonCode ?? 0;
      if (rc >= 0x80) sink.add('mqtt.reason_code.failure', { code: rc, name: reasonName(rc, 'auth'), msgtype: 'auth' });
      return withProps(
        { kind: 'auth' as const, ...hdr, reason_code: rc, reason_name: reasonName(rc, 'auth') },
        pk.properties,
      );
    }
    default: {
      const never: never = pk;
      return malformed(`unexpected packet ${String((never as { cmd?: string }).cmd)}`, hdr);
    }
  }
}

const utf8Lenient = new TextDecoder('utf-8');

let fastPath = true;

/** Tests: turn the fast path off to compare it with mqtt-packet's decoding of the same packets. */
export function setMqttFastPath(on: boolean): void {
  fastPath = on;
}

/** MQTT 5 reason codes a PUBACK/PUBREC may carry without a failure note (the rest go to mqtt-packet). */
const FAST_ACK_CODES = new Set([0x00, 0x10]);

/** What the first bytes of a PUBLISH cut by the snapshot length tell (decodeCutPublish). */
export interface MqttCutPublish {
  /** Undefined when the topic name was cut too. */
  readonly topic?: string;
  readonly qos: number;
  readonly retain: boolean;
  readonly dup: boolean;
  readonly msgid?: number;
  /** The payload's length, from the remaining length (undefined when the header was cut before it ends). */
  readonly payload_length?: number;
  /** The payload bytes that were captured (empty when the header was cut). */
  readonly payload: Uint8Array;
}

/** What the first bytes of a CONNECT cut by the snapshot length tell (decodeCutConnect). */
export interface MqttCutConnect {
  readonly version: MqttVersion;
  readonly keep_alive?: number;
  /** Undefined when the client identifier was cut. */
  readonly client_id?: string;
}

/**
 * The first bytes of a CONNECT whose end the snapshot length cut: the protocol level (so the session's
 * later packets decode with the right version), the keep-alive and the client identifier, each when
 * captured whole. Undefined when the bytes are not a CONNECT or its protocol level was cut.
 */
export function decodeCutConnect(p: Uint8Array): MqttCutConnect | undefined {
  if (p.length < 2 || p[0]! >> 4 !== MSGTYPE.CONNECT) return undefined;
  const v = readVarint(p, 1, p.length);
  if (!('value' in v)) return undefined;
  let at = 1 + v.bytes;
  if (at + 2 > p.length) return undefined;
  at += 2 + ((p[at]! << 8) | p[at + 1]!); // protocol name
  if (at >= p.length) return undefined;
  const level = p[at]!;
  if (level !== 3 && level !== 4 && level !== 5) return undefined;
  const version = level as MqttVersion;
  at += 2; // level, connect flags
  if (at + 2 > p.length) return { version };
  const keep_alive = (p[at]! << 8) | p[at + 1]!;
  at += 2;
  if (version === 5) {
    const props = readVarint(p, at, p.length);
    if (!('value' in props) || at + props.bytes + props.value > p.length) return { version, keep_alive };
    at += props.bytes + props.value;
  }
  if (at + 2 > p.length) return { version, keep_alive };
  const n = (p[at]! << 8) | p[at + 1]!;
  if (at + 2 + n > p.length) return { version, keep_alive };
  return { version, keep_alive, client_id: utf8Lenient.decode(p.subarray(at + 2, at + 2 + n)) };
}

/**
 * The first bytes of a PUBLISH of `length` bytes whose end the snapshot length cut (truncated: decode what
 * is there): the fixed header flags, the topic name, the packet id and the start of the payload, each when
 * captured whole. Undefined when the bytes are not a PUBLISH (or its fixed header is cut).
 */
export function decodeCutPublish(
  p: Uint8Array,
  length: number,
  version: MqttVersion | undefined,
): MqttCutPublish | undefined {
  if (p.length < 2 || p[0]! >> 4 !== MSGTYPE.PUBLISH) return undefined;
  const v = readVarint(p, 1, p.length);
  if (!('value' in v)) return undefined;
  const flags = p[0]! & 0x0f;
  const qos = (flags >> 1) & 3;
  const base = { qos, retain: (flags & 1) !== 0, dup: (flags & 8) !== 0, payload: p.subarray(p.length) };
  let at = 1 + v.bytes;
  if (at + 2 > p.length) return base;
  const topicLen = (p[at]! << 8) | p[at + 1]!;
  if (at + 2 + topicLen > p.length) return base;
  const topic = utf8Lenient.decode(p.subarray(at + 2, at + 2 + topicLen));
  at += 2 + topicLen;
  let msgid: number | undefined;
  if (qos > 0) {
    if (at + 2 > p.length) return { ...base, topic };
    msgid = (p[at]! << 8) | p[at + 1]!;
    at += 2;
  }
  const withId = msgid !== undefined ? { ...base, topic, msgid } : { ...base, topic };
  if (version === 5) {
    const props = readVarint(p, at, p.length);
    if (!('value' in props) || at + props.bytes + props.value > p.length) return withId;
    at += props.bytes + props.value;
  }
  return { ...withId, payload_length: Math.max(0, length - at), payload: p.subarray(at) };
}

/**
 * Fast path for the packets that make up the bulk of a capture (PUBLISH, the publish acknowledgements,
 * PINGREQ/PINGRESP, and DISCONNECT before MQTT 5): decoded here, with mqtt-packet's rules, without
 * building its parser state. In MQTT 5 only packets without properties and with a success reason code
 * take this path. Anything unusual (reserved flags, odd lengths) returns undefined and goes to
 * mqtt-packet, which then names the problem.
 */
function decodeFast(p: Uint8Array, hdr: Header, v5: boolean): MqttMessage | undefined {
  const o = hdr.hdr_len;
  switch (hdr.msgtype) {
    case MSGTYPE.PUBLISH: {
      const qos = (hdr.flags >> 1) & 3;
      if (qos === 3 || hdr.len < 2) return undefined;
      const topicLen = (p[o]! << 8) | p[o + 1]!;
      let at = o + 2 + topicLen;
      if (at > p.length) return undefined;
      const topic = utf8Lenient.decode(p.subarray(o + 2, at));
      let msgid: number | undefined;
      if (qos > 0) {
        if (at + 2 > p.length) return undefined;
        msgid = (p[at]! << 8) | p[at + 1]!;
        at += 2;
      }
      if (v5) {
        // Property length 0 only (one octet).
        if (at >= p.length || p[at] !== 0) return undefined;
        at += 1;
      }
      const m: MqttPublish = {
        kind: 'publish',
        ...hdr,
        topic,
        topic_range: { offset: o + 2, length: topicLen },
        qos,
        retain: (hdr.flags & 1) !== 0,
        dup: (hdr.flags & 8) !== 0,
        ...(msgid !== undefined ? { msgid } : {}),
        payload: p.subarray(at),
        payload_range: { offset: at, length: p.length - at },
      };
      return m;
    }
    case MSGTYPE.PUBACK:
    case MSGTYPE.PUBREC:
    case MSGTYPE.PUBREL:
    case MSGTYPE.PUBCOMP: {
      if (hdr.flags !== (hdr.msgtype === MSGTYPE.PUBREL ? 2 : 0)) return undefined;
      const kind = TYPE_NAMES[hdr.msgtype] as MqttAck['kind'];
      const msgid = (p[o]! << 8) | p[o + 1]!;
      if (!v5) return hdr.len === 2 ? { kind, ...hdr, msgid } : undefined;
      let rc = 0;
      if (hdr.len === 3 || hdr.len === 4) {
        rc = p[o + 2]!;
        if (hdr.len === 4 && p[o + 3] !== 0) return undefined;
        if (rc !== 0 && !(FAST_ACK_CODES.has(rc) && (kind === 'puback' || kind === 'pubrec'))) return undefined;
      } else if (hdr.len !== 2) return undefined;
      return { kind, ...hdr, msgid, reason_code: rc, reason_name: reasonName(rc, kind) };
    }
    case MSGTYPE.PINGREQ:
    case MSGTYPE.PINGRESP:
      if (hdr.len !== 0 || hdr.flags !== 0) return undefined;
      return { kind: hdr.msgtype === MSGTYPE.PINGREQ ? 'pingreq' : 'pingresp', ...hdr };
    case MSGTYPE.DISCONNECT:
      if (v5 || hdr.len !== 0 || hdr.flags !== 0) return undefined;
      return { kind: 'disconnect', ...hdr };
    default:
      return undefined;
  }
}

/** Protocol level from a raw CONNECT variable header (used when mqtt-packet rejects the rest). */
function learnVersionFromRaw(p: Uint8Array, o: number, state: MqttState): void {
  if (p.length < o + 2) return;
  const len = (p[o]! << 8) | p[o + 1]!;
  const lvl = p[o + 2 + len];
  if (lvl === undefined) return;
  const ver = lvl & 0x7f;
  if (ver === 3 || ver === 4 || ver === 5) state.session.version = ver;
}

// ---------------------------------------------------------------------------------------------
// Request/response pairing

/** Direction of a packet: 0 and 1 for the two directions of one connection. */
export type Dir = 0 | 1;

export interface MqttPairing {
  /** Frame number of the request this packet answers (Wireshark's "response to"). */
  readonly reply_to?: number;
  /** Seconds between the request and this reply. */
  readonly latency?: number;
  /** What was answered: 'publish', 'pubrec' (for PUBREL... PUBCOMP flows), 'subscribe', 'connect', 'pingreq'. */
  readonly request?: MqttTypeName;
  readonly notes: readonly Note[];
}

interface Pending {
  frame: number;
  time: number;
  kind: MqttTypeName;
  /** Replies expected next, from the other direction. */
  expect: readonly MqttTypeName[];
}

/**
 * Pairs MQTT packets of one connection: PUBLISH QoS 1 ↔ PUBACK; QoS 2 PUBLISH → PUBREC → PUBREL →
 * PUBCOMP (each step answers the previous one); SUBSCRIBE ↔ SUBACK; UNSUBSCRIBE ↔ UNSUBACK;
 * CONNECT ↔ CONNACK; PINGREQ ↔ PINGRESP (in order). Packet ids are per sender.
 */
export class MqttPairer {
  private readonly pending = new Map<string, Pending>();
  private readonly pings: Pending[][] = [[], []];
  private readonly connects: Pending[][] = [[], []];

  observe(m: MqttMessage, dir: Dir, frame: number, time: number): MqttPairing {
    const sink = new NoteSink(NOTES);
    const other: Dir = dir === 0 ? 1 : 0;
    switch (m.kind) {
      case 'publish':
        if (m.qos > 0 && m.msgid !== undefined)
          this.start(
            sink,
            `${dir}:p:${m.msgid}`,
            { frame, time, kind: 'publish', expect: m.qos === 1 ? EXPECT_PUBACK : EXPECT_PUBREC },
            m.msgid,
            m.dup,
          );
        break;
      case 'puback':
      case 'pubrec':
      case 'pubcomp': {
        const r = this.answer(sink, `${other}:p:${m.msgid}`, m.kind, m.msgid, time);
        if (m.kind === 'pubrec' && r) {
          // PUBREC opens the PUBREL step, answered by PUBCOMP from the publisher's peer.
          this.pending.set(`${other}:p:${m.msgid}`, { frame, time, kind: 'pubrec', expect: EXPECT_PUBREL });
        }
        if (r) return r;
        break;
      }
      case 'pubrel': {
        // PUBREL comes from the publisher and answers the peer's PUBREC.
        const r = this.answer(sink, `${dir}:p:${m.msgid}`, 'pubrel', m.msgid, time);
        this.pending.set(`${dir}:p:${m.msgid}`, { frame, time, kind: 'pubrel', expect: EXPECT_PUBCOMP });
        if (r) return r;
        break;
      }
      case 'subscribe':
        this.start(
          sink,
          `${dir}:s:${m.msgid}`,
          { frame, time, kind: 'subscribe', expect: EXPECT_SUBACK },
          m.msgid,
          false,
        );
        break;
      case 'unsubscribe':
        this.start(
          sink,
          `${dir}:s:${m.msgid}`,
          { frame, time, kind: 'unsubscribe', expect: EXPECT_UNSUBACK },
          m.msgid,
          false,
        );
        break;
      case 'suback':
      case 'unsuback': {
        const r = this.answer(sink, `${other}:s:${m.msgid}`, m.kind, m.msgid, time);
        if (r) return r;
        break;
      }
      case 'connect':
        this.connects[dir]!.push({ frame, time, kind: 'connect', expect: EXPECT_CONNACK });
        break;
      case 'pingreq':
        this.pings[dir]!.push({ frame, time, kind: 'pingreq', expect: EXPECT_PINGRESP });
        break;
      case 'connack':
      case 'pingresp': {
        const q = (m.kind === 'connack' ? this.connects : this.pings)[other]!;
        const p = q.shift();
        if (p) return { reply_to: p.frame, latency: time - p.time, request: p.kind, notes: sink.notes };
        sink.add('mqtt.ack.unmatched', { msgtype: m.kind });
        break;
      }
      default:
        break;
    }
    return { notes: sink.notes };
  }

  /**
   * A CONNECT, or a PUBLISH with QoS 1/2 and its packet id, known only from its first bytes (cut by the
   * snapshot length): its answer still pairs with it.
   */
  cut(kind: 'connect' | 'publish', dir: Dir, frame: number, time: number, qos = 0, msgid?: number): void {
    if (kind === 'connect') this.connects[dir]!.push({ frame, time, kind: 'connect', expect: EXPECT_CONNACK });
    else if (qos > 0 && msgid !== undefined)
      this.pending.set(`${dir}:p:${msgid}`, {
        frame,
        time,
        kind: 'publish',
        expect: qos === 1 ? EXPECT_PUBACK : EXPECT_PUBREC,
      });
  }

  private start(sink: NoteSink, key: string, p: Pending, msgid: number, dup: boolean): void {
    const prev = this.pending.get(key);
    if (prev && !dup && prev.kind === p.kind)
      sink.add('mqtt.msgid.in_use', { msgid, msgtype: p.kind, first: prev.frame });
    if (prev && dup) return; // a retransmission keeps the original request time
    this.pending.set(key, p);
  }

  private answer(
    sink: NoteSink,
    key: string,
    kind: MqttTypeName,
    msgid: number,
    time: number,
  ): MqttPairing | undefined {
    const p = this.pending.get(key);
    if (!p?.expect.includes(kind)) {
      sink.add('mqtt.ack.unmatched', { msgid, msgtype: kind });
      return undefined;
    }
    this.pending.delete(key);
    return { reply_to: p.frame, latency: time - p.time, request: p.kind, notes: sink.notes };
  }
}

const EXPECT_PUBACK: readonly MqttTypeName[] = ['puback'];
const EXPECT_PUBREC: readonly MqttTypeName[] = ['pubrec'];
const EXPECT_PUBREL: readonly MqttTypeName[] = ['pubrel'];
const EXPECT_PUBCOMP: readonly MqttTypeName[] = ['pubcomp'];
const EXPECT_SUBACK: readonly MqttTypeName[] = ['suback'];
const EXPECT_UNSUBACK: readonly MqttTypeName[] = ['unsuback'];
const EXPECT_CONNACK: readonly MqttTypeName[] = ['connack'];
const EXPECT_PINGRESP: readonly MqttTypeName[] = ['pingresp'];

/** The module as the reassembly layer sees it. */
export const mqtt: AppProtocol<MqttState, MqttMessage> = { name: 'mqtt', notes: NOTES, frame, decode };
