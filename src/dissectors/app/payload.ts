/**
 * Payload decoding for any application message (a publication's payload, a frame of a message, a body):
 * UTF-8 text, JSON, Python pickle or hex, in that order of preference (pickle first when the bytes
 * carry a pickle protocol header, since such bytes are never valid text).
 *
 * Pickles are decoded by pickleparser, which never runs Python code: globals resolve to inert
 * placeholders here. pickleparser loses precision on integers (LONG1 reads at most 8 bytes as an
 * unsigned number, negative LONG1/LONG4 come out as two's complement, protocol-0 INT/LONG use
 * parseInt), so integer opcodes are first read exactly by a small opcode walker (which also checks
 * every argument length against the buffer) and handed to pickleparser as marker strings.
 * Integers beyond ±(2^53-1) come out as decimal strings; the others as numbers.
 */
import { createRequire } from 'node:module';
import type { Parser as PickleParser } from 'pickleparser';
import { isJsonObject, type Json } from '../../json.js';
import { hex } from '../bytes.js';
import { type Note, NoteSink, type Severity } from './types.js';

/**
 * pickleparser, loaded when the first pickle is decoded (most captures carry none; loading it costs
 * about 7 MB of resident memory).
 */
let Parser: typeof PickleParser | undefined;
function pickleParser(): typeof PickleParser {
  Parser ??= (createRequire(import.meta.url)('pickleparser') as { Parser: typeof PickleParser }).Parser;
  return Parser;
}

export const NOTES: Record<string, Severity> = {
  /** A pickle larger than the configured cap was not decoded (shown as hex). */
  'payload.pickle.too_large': 'note',
  /** The decoded pickle nests deeper (or has more nodes) than the cap; the rest is elided. */
  'payload.pickle.too_deep': 'note',
  /** Bytes carry a pickle header but do not decode (shown as hex). */
  'payload.pickle.malformed': 'warn',
  /** The pickle references Python globals (classes/functions); they are named, never executed. */
  'payload.pickle.global': 'info',
  /** Integers beyond 2^53 were decoded exactly and are shown as decimal strings. */
  'payload.pickle.bigint': 'info',
  /** Bytes follow the pickle's STOP opcode. */
  'payload.pickle.trailing': 'note',
  /** Text longer than the cap was cut for display. */
  'payload.text.truncated': 'info',
  /** Only the first bytes are shown as hex. */
  'payload.hex.truncated': 'info',
};

/** A JSON value (the project's one JSON type, src/json.ts). */
export type JsonValue = Json;

/**
 * A decoded pickle value, JSON-safe. Python types map as: int → number (or decimal string beyond
 * 2^53, listed in `bigints`), float → number (non-finite → 'nan'/'inf'/'-inf' strings), str → string,
 * bytes/bytearray → {__bytes__: hex, length}, list/tuple/set → array, dict → object (keys as text),
 * None → null, objects → {__class__: 'module.name', args?, state?}, globals → {__global__: 'module.name'}.
 */
export type PickleValue = JsonValue;

interface Base {
  /** Total payload length in bytes. */
  readonly length: number;
  readonly notes: readonly Note[];
}

export interface TextPayload extends Base {
  readonly encoding: 'text';
  readonly value: string;
  readonly truncated: boolean;
}
export interface JsonPayload extends Base {
  readonly encoding: 'json';
  readonly value: JsonValue;
}
export interface PicklePayload extends Base {
  readonly encoding: 'pickle';
  readonly value: PickleValue;
  /** Pickle protocol (0 and 1 have no header; inferred). */
  readonly protocol: number;
  /** Python type of the top-level value: 'int', 'float', 'str', 'bytes', 'list', 'dict', 'bool', 'None', 'object'. */
  readonly py_type: string;
  /** Number of integers too large for a JS number, rendered as decimal strings. */
  readonly bigints: number;
}
export interface HexPayload extends Base {
  readonly encoding: 'hex';
  /** Hex of the first `shown` bytes. */
  readonly value: string;
  readonly shown: number;
}
export interface EmptyPayload extends Base {
  readonly encoding: 'empty';
  readonly value: '';
}

export type DecodedPayload = TextPayload | JsonPayload | PicklePayload | HexPayload | EmptyPayload;

export interface PayloadOptions {
  /** Longest pickle decoded (bytes). Default 64 KiB. */
  maxPickle?: number;
  /** Deepest nesting kept in a decoded pickle. Default 32. */
  maxDepth?: number;
  /** Most values kept in a decoded pickle (shared references count each time). Default 10000. */
  maxNodes?: number;
  /** Longest text kept (UTF-16 units). Default 64 KiB. */
  maxText?: number;
  /** Bytes shown as hex. Default 256. */
  maxHex?: number;
}

const DEFAULTS = { maxPickle: 64 * 1024, maxDepth: 32, maxNodes: 10_000, maxText: 64 * 1024, maxHex: 256 };
/** The defaults of PayloadOptions. */
export const PAYLOAD_DEFAULTS: Readonly<Required<PayloadOptions>> = DEFAULTS;

const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Whether bytes[from..] are well-formed UTF-8 (RFC 3629: no overlong forms, no surrogates, nothing above
 * U+10FFFF). Only the structure: printable or not is checked on the decoded text.
 */
export function validUtf8(b: Uint8Array, from: number): boolean {
  const n = b.length;
  let i = from;
  while (i < n) {
    const c = b[i]!;
    if (c < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let lo = 0x80;
    let hi = 0xbf;
    if (c >= 0xc2 && c <= 0xdf) need = 1;
    else if (c >= 0xe0 && c <= 0xef) {
      need = 2;
      if (c === 0xe0) lo = 0xa0;
      else if (c === 0xed) hi = 0x9f;
    } else if (c >= 0xf0 && c <= 0xf4) {
      need = 3;
      if (c === 0xf0) lo = 0x90;
      else if (c === 0xf4) hi = 0x8f;
    } else return false;
    const c1 = b[i + 1];
    if (c1 === undefined || c1 < lo || c1 > hi) return false;
    for (let k = 2; k <= need; k++) {
      const ck = b[i + k];
      if (ck === undefined || ck < 0x80 || ck > 0xbf) return false;
    }
    i += need + 1;
  }
  return true;
}

/** Valid UTF-8 without control characters other than \n \r \t, or undefined. */
export function printableText(bytes: Uint8Array): string | undefined {
  // Fast path (most lab payloads): printable ASCII needs no UTF-8 decoder.
  const n = bytes.length;
  let i = 0;
  for (; i < n; i++) {
    const c = bytes[i]!;
    if (c >= 0x80) break;
    if (c < 0x20 ? c !== 0x0a && c !== 0x0d && c !== 0x09 : c === 0x7f) return undefined;
  }
  if (i === n) {
    if (n <= 256) return String.fromCharCode(...bytes);
    return Buffer.from(bytes.buffer, bytes.byteOffset, n).toString('latin1');
  }
  // Binary (a pickle starts with 0x80, a continuation byte) is rejected here: a throwing decoder costs more.
  if (!validUtf8(bytes, i)) return undefined;
  let s: string;
  try {
    s = utf8.decode(bytes);
  } catch {
    return undefined;
  }
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x20 ? c !== 0x0a && c !== 0x0d && c !== 0x09 : c === 0x7f || (c >= 0x80 && c <= 0x9f)) return undefined;
    if (c === 0xfeff && i > 0) return undefined;
  }
  return s;
}

const JSON_START = /^[\s]*[[{"\-0-9tfn]/;

const JSON_NUMBER = /^\s*-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?\s*$/;
const JSON_WORD = /^\s*(?:true|false|null)\s*$/;

/**
 * Cheap shape check before JSON.parse (a failed parse throws, which costs more than the parse): the
 * last non-space character must close what the first one opened; bare numbers and words must be whole.
 */
function plausibleJson(t: string): boolean {
  let i = 0;
  while (i < t.length && t.charCodeAt(i) <= 0x20) i++;
  let j = t.length - 1;
  while (j > i && t.charCodeAt(j) <= 0x20) j--;
  const a = t[i];
  const b = t[j];
  if (a === '{') return b === '}';
  if (a === '[') return b === ']';
  if (a === '"') return b === '"' && j > i;
  if (a === 't' || a === 'f' || a === 'n') return JSON_WORD.test(t);
  return JSON_NUMBER.test(t);
}

/**
 * Every number in a JSON text JSON.parse gives exactly: a number of 16 or more significant digits, or with an
 * exponent, may come out another value (12345678901234567890 parses as 12345678901234567000, 1e400 as
 * Infinity). "5.0" and 5 are the same value. Cheap when the text holds no such number.
 */
export function jsonNumbersExact(t: string): boolean {
  if (!LONG_OR_EXP.test(t)) return true;
  NUMBER_TOKEN.lastIndex = 0;
  let inString = false;
  for (let i = 0; i < t.length; i++) {
    const c = t.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++;
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x2d || (c >= 0x30 && c <= 0x39)) {
      NUMBER_TOKEN.lastIndex = i;
      const m = NUMBER_TOKEN.exec(t);
      if (!m) continue;
      if (!sameDecimal(m[0], Number(m[0]))) return false;
      i += m[0].length - 1;
    }
  }
  return true;
}

const LONG_OR_EXP = /\d{16}|\d[eE]/;
const NUMBER_TOKEN = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;

/** The decimal number `tok` has the value `n` (its shortest text) exactly. */
function sameDecimal(tok: string, n: number): boolean {
  return Number.isFinite(n) && canonDecimal(tok) === canonDecimal(String(n));
}

/** A decimal number's digits without leading or trailing zeros and its exponent: "120.50" → "1205e-1". */
function canonDecimal(s: string): string {
  const neg = s.startsWith('-');
  const [mant = '', e = '0'] = (neg ? s.slice(1) : s).split(/[eE]/);
  const [int = '', frac = ''] = mant.split('.');
  let digits = (int + frac).replace(/^0+/, '');
  let exp = Number(e) - frac.length;
  const trimmed = digits.replace(/0+$/, '');
  exp += digits.length - trimmed.length;
  digits = trimmed;
  return digits === '' ? '0' : `${neg ? '-' : ''}${digits}e${exp}`;
}

/** Options with their defaults, per options object (callers pass the same few objects for every payload). */
const resolved = new WeakMap<PayloadOptions, Required<PayloadOptions>>();
const NO_OPTIONS: PayloadOptions = {};

function withDefaults(opts: PayloadOptions): Required<PayloadOptions> {
  let o = resolved.get(opts);
  if (o === undefined) {
    o = {
      maxPickle: opts.maxPickle ?? DEFAULTS.maxPickle,
      maxDepth: opts.maxDepth ?? DEFAULTS.maxDepth,
      maxNodes: opts.maxNodes ?? DEFAULTS.maxNodes,
      maxText: opts.maxText ?? DEFAULTS.maxText,
      maxHex: opts.maxHex ?? DEFAULTS.maxHex,
    };
    resolved.set(opts, o);
  }
  return o;
}

/** Decodes payload bytes as text, JSON, pickle or hex. Never throws. */
export function decodePayload(bytes: Uint8Array, opts: PayloadOptions = NO_OPTIONS): DecodedPayload {
  // (read once per options object: a caller that changes its options object between calls is not supported)
  const o = withDefaults(opts);
  const sink = new NoteSink(NOTES);
  const length = bytes.length;
  if (length === 0) return { encoding: 'empty', value: '', length, notes: [] };

  // Pickle protocol 2-5: PROTO opcode then the version.
  if (bytes[0] === 0x80 && length >= 2 && bytes[1]! >= 2 && bytes[1]! <= 5) {
    if (length > o.maxPickle) {
      sink.add('payload.pickle.too_large', { length, max: o.maxPickle });
    } else {
      const p = decodePickle(bytes, o, sink);
      if (p) return { ...p, length, notes: sink.notes };
    }
    return hexPayload(bytes, o.maxHex, sink);
  }

  const text = printableText(bytes);
  if (text !== undefined) {
    if (JSON_START.test(text) && plausibleJson(text)) {
      try {
        const value = JSON.parse(text) as JsonValue;
        // a number JSON.parse would change is shown as the sender wrote it: as text
        if (jsonNumbersExact(text)) return { encoding: 'json', value, length, notes: sink.notes };
      } catch {
        // not JSON: text (or a protocol-0 pickle) below
      }
    }
    if (length <= o.maxPickle && looksLikeOldPickle(bytes)) {
      const quiet = new NoteSink(NOTES);
      const p = decodePickle(bytes, o, quiet);
      if (p) return { ...p, length, notes: quiet.notes };
    }
    let value = text;
    let truncated = false;
    if (value.length > o.maxText) {
      value = value.slice(0, o.maxText);
      truncated = true;
      sink.add('payload.text.truncated', { length: text.length, shown: o.maxText });
    }
    return { encoding: 'text', value, truncated, length, notes: sink.notes };
  }

  // Protocol 0/1 pickles that are not text (protocol 1 binary opcodes).
  if (length <= o.maxPickle && looksLikeOldPickle(bytes)) {
    const quiet = new NoteSink(NOTES);
    const p = decodePickle(bytes, o, quiet);
    if (p) return { ...p, length, notes: quiet.notes };
  }
  return hexPayload(bytes, o.maxHex, sink);
}

function hexPayload(bytes: Uint8Array, maxHex: number, sink: NoteSink): HexPayload {
  const shown = Math.min(bytes.length, maxHex);
  if (shown < bytes.length) sink.add('payload.hex.truncated', { length: bytes.length, shown });
  return { encoding: 'hex', value: hex(bytes, 0, shown), shown, length: bytes.length, notes: sink.notes };
}

// ---------------------------------------------------------------------------------------------
// Pickle

/** Opcodes (pickletools names). */
const OP = {
  MARK: 0x28,
  STOP: 0x2e,
  POP: 0x30,
  POP_MARK: 0x31,
  DUP: 0x32,
  FLOAT: 0x46,
  INT: 0x49,
  BININT: 0x4a,
  BININT1: 0x4b,
  LONG: 0x4c,
  BININT2: 0x4d,
  NONE: 0x4e,
  PERSID: 0x50,
  BINPERSID: 0x51,
  REDUCE: 0x52,
  STRING: 0x53,
  BINSTRING: 0x54,
  SHORT_BINSTRING: 0x55,
  UNICODE: 0x56,
  BINUNICODE: 0x58,
  APPEND: 0x61,
  BUILD: 0x62,
  GLOBAL: 0x63,
  DICT: 0x64,
  EMPTY_DICT: 0x7d,
  APPENDS: 0x65,
  GET: 0x67,
  BINGET: 0x68,
  INST: 0x69,
  LONG_BINGET: 0x6a,
  LIST: 0x6c,
  EMPTY_LIST: 0x5d,
  OBJ: 0x6f,
  PUT: 0x70,
  BINPUT: 0x71,
  LONG_BINPUT: 0x72,
  SETITEM: 0x73,
  TUPLE: 0x74,
  EMPTY_TUPLE: 0x29,
  SETITEMS: 0x75,
  BINFLOAT: 0x47,
  PROTO: 0x80,
  NEWOBJ: 0x81,
  EXT1: 0x82,
  EXT2: 0x83,
  EXT4: 0x84,
  TUPLE1: 0x85,
  TUPLE2: 0x86,
  TUPLE3: 0x87,
  NEWTRUE: 0x88,
  NEWFALSE: 0x89,
  LONG1: 0x8a,
  LONG4: 0x8b,
  BINBYTES: 0x42,
  SHORT_BINBYTES: 0x43,
  SHORT_BINUNICODE: 0x8c,
  BINUNICODE8: 0x8d,
  BINBYTES8: 0x8e,
  EMPTY_SET: 0x8f,
  ADDITEMS: 0x90,
  FROZENSET: 0x91,
  NEWOBJ_EX: 0x92,
  STACK_GLOBAL: 0x93,
  MEMOIZE: 0x94,
  FRAME: 0x95,
  BYTEARRAY8: 0x96,
  NEXT_BUFFER: 0x97,
  READONLY_BUFFER: 0x98,
} as const;

/** Argument shape per opcode: none, fixed bytes, newline-terminated lines, or a length prefix. */
type Arg = { t: 'fixed'; n: number } | { t: 'lines'; n: 1 | 2 } | { t: 'len'; n: 1 | 4 | 8; signed?: boolean };
const ARGS = new Map<number, Arg | null>();
for (const op of [
  OP.MARK,
  OP.STOP,
  OP.POP,
  OP.POP_MARK,
  OP.DUP,
  OP.NONE,
  OP.BINPERSID,
  OP.REDUCE,
  OP.APPEND,
  OP.BUILD,
  OP.DICT,
  OP.EMPTY_DICT,
  OP.APPENDS,
  OP.LIST,
  OP.EMPTY_LIST,
  OP.OBJ,
  OP.SETITEM,
  OP.TUPLE,
  OP.EMPTY_TUPLE,
  OP.SETITEMS,
  OP.NEWOBJ,
  OP.TUPLE1,
  OP.TUPLE2,
  OP.TUPLE3,
  OP.NEWTRUE,
  OP.NEWFALSE,
  OP.EMPTY_SET,
  OP.ADDITEMS,
  OP.FROZENSET,
  OP.NEWOBJ_EX,
  OP.STACK_GLOBAL,
  OP.MEMOIZE,
  OP.NEXT_BUFFER,
  OP.READONLY_BUFFER,
])
  ARGS.set(op, null);
for (const op of [OP.FLOAT, OP.INT, OP.LONG, OP.PERSID, OP.STRING, OP.UNICODE, OP.GET, OP.PUT])
  ARGS.set(op, { t: 'lines', n: 1 });
ARGS.set(OP.GLOBAL, { t: 'lines', n: 2 });
ARGS.set(OP.INST, { t: 'lines', n: 2 });
for (const [op, n] of [
  [OP.BININT, 4],
  [OP.BININT1, 1],
  [OP.BININT2, 2],
  [OP.BINGET, 1],
  [OP.LONG_BINGET, 4],
  [OP.BINPUT, 1],
  [OP.LONG_BINPUT, 4],
  [OP.BINFLOAT, 8],
  [OP.PROTO, 1],
  [OP.EXT1, 1],
  [OP.EXT2, 2],
  [OP.EXT4, 4],
  [OP.FRAME, 8],
] as const)
  ARGS.set(op, { t: 'fixed', n });
for (const [op, n, signed] of [
  [OP.BINSTRING, 4, true],
  [OP.SHORT_BINSTRING, 1, false],
  [OP.BINUNICODE, 4, false],
  [OP.BINBYTES, 4, true],
  [OP.SHORT_BINBYTES, 1, false],
  [OP.SHORT_BINUNICODE, 1, false],
  [OP.BINUNICODE8, 8, false],
  [OP.BINBYTES8, 8, false],
  [OP.BYTEARRAY8, 8, false],
  [OP.LONG1, 1, false],
  [OP.LONG4, 4, true],
] as const)
  ARGS.set(op, { t: 'len', n, signed });

/** First opcodes a protocol 0/1 pickle plausibly starts with. */
const OLD_START = new Set<number>([
  OP.MARK,
  OP.INT,
  OP.LONG,
  OP.FLOAT,
  OP.STRING,
  OP.UNICODE,
  OP.NONE,
  OP.EMPTY_LIST,
  OP.EMPTY_DICT,
  OP.EMPTY_TUPLE,
  OP.GLOBAL,
  OP.BININT,
  OP.BININT1,
  OP.BININT2,
  OP.BINFLOAT,
  OP.BINSTRING,
  OP.SHORT_BINSTRING,
  OP.BINUNICODE,
]);

/** Cheap test for a headerless (protocol 0/1) pickle: a plausible first opcode and STOP last. */
function looksLikeOldPickle(b: Uint8Array): boolean {
  return b.length >= 2 && OLD_START.has(b[0]!) && b[b.length - 1] === OP.STOP;
}

interface IntRewrite {
  /** Opcode start and end (exclusive) in the original bytes. */
  start: number;
  end: number;
  value: bigint;
}

interface Walk {
  /** Offset just past STOP. */
  end: number;
  protocol: number;
  ints: IntRewrite[];
  globals: number;
}

function u32le(b: Uint8Array, o: number): number {
  return (b[o]! | (b[o + 1]! << 8) | (b[o + 2]! << 16) | (b[o + 3]! << 24)) >>> 0;
}

/** Little-endian two's-complement integer of LONG1/LONG4 (pickle's encode_long). */
function decodeLong(b: Uint8Array, o: number, n: number): bigint {
  if (n === 0) return 0n;
  let v = 0n;
  for (let i = n - 1; i >= 0; i--) v = (v << 8n) | BigInt(b[o + i]!);
  if (b[o + n - 1]! & 0x80) v -= 1n << BigInt(8 * n);
  return v;
}

const latin1 = new TextDecoder('latin1');

/** Opcodes introduced by protocol 1 (a headerless pickle using any of them is protocol 1). */
const PROTO1_OPS = new Set<number>([
  OP.BININT,
  OP.BININT1,
  OP.BININT2,
  OP.BINSTRING,
  OP.SHORT_BINSTRING,
  OP.BINUNICODE,
  OP.EMPTY_DICT,
  OP.EMPTY_LIST,
  OP.EMPTY_TUPLE,
  OP.APPENDS,
  OP.SETITEMS,
  OP.BINGET,
  OP.LONG_BINGET,
  OP.BINPUT,
  OP.LONG_BINPUT,
  OP.OBJ,
  OP.POP_MARK,
  OP.BINFLOAT,
  OP.BINPERSID,
]);

/**
 * Walks the opcodes up to STOP checking every argument against the buffer; returns the reason on an
 * unknown opcode, an argument past the end or no STOP. Collects integer opcodes to decode exactly.
 */
function walkPickle(b: Uint8Array): Walk | string {
  const ints: IntRewrite[] = [];
  let protocol = -1;
  let globals = 0;
  let proto1 = false;
  let i = 0;
  while (i < b.length) {
    const start = i;
    const op = b[i++]!;
    const arg = ARGS.get(op);
    if (arg === undefined) return `unknown opcode 0x${op.toString(16)} at ${start}`;
    if (PROTO1_OPS.has(op)) proto1 = true;
    if (op === OP.STOP) return { end: i, protocol: protocol >= 0 ? protocol : proto1 ? 1 : 0, ints, globals };
    if (arg === null) {
      if (op === OP.STACK_GLOBAL) globals++;
      continue;
    }
    if (arg.t === 'fixed') {
      if (i + arg.n > b.length) return `opcode 0x${op.toString(16)} at ${start} truncated`;
      if (op === OP.PROTO) protocol = b[i]!;
      i += arg.n;
      continue;
    }
    if (arg.t === 'lines') {
      const lines: string[] = [];
      for (let k = 0; k < arg.n; k++) {
        const nl = b.indexOf(0x0a, i);
        if (nl < 0) return `opcode 0x${op.toString(16)} at ${start}: no end of line`;
        lines.push(latin1.decode(b.subarray(i, nl)));
        i = nl + 1;
      }
      if (op === OP.GLOBAL || op === OP.INST) globals++;
      if (op === OP.INT || op === OP.LONG) {
        const t = lines[0]!.trim().replace(/L$/, '');
        // INT 00/01 are protocol-0 False/True: pickleparser handles them.
        if (op === OP.INT && (t === '00' || t === '01')) continue;
        if (!/^[+-]?\d+$/.test(t)) return `bad integer literal at ${start}`;
        const value = BigInt(t);
        const safe = value <= BigInt(Number.MAX_SAFE_INTEGER) && value >= -BigInt(Number.MAX_SAFE_INTEGER);
        if (!safe || op === OP.LONG) ints.push({ start, end: i, value });
      }
      continue;
    }
    // Length-prefixed argument.
    if (i + arg.n > b.length) return `opcode 0x${op.toString(16)} at ${start} truncated`;
    let n: number;
    if (arg.n === 1) n = b[i]!;
    else if (arg.n === 4) {
      n = u32le(b, i);
      if (arg.signed && n > 0x7fffffff) return `negative length at ${start}`;
    } else {
      const lo = u32le(b, i);
      const hi = u32le(b, i + 4);
      if (hi > 0x1fffff) return `length beyond 2^53 at ${start}`;
      n = hi * 2 ** 32 + lo;
    }
    i += arg.n;
    if (n > b.length - i) return `opcode 0x${op.toString(16)} at ${start}: ${n} bytes past the end`;
    if (op === OP.LONG1 || op === OP.LONG4) ints.push({ start, end: i + n, value: decodeLong(b, i, n) });
    i += n;
  }
  return 'no STOP opcode';
}

const CLASS = Symbol('pyclass');
const ARGS_OF = Symbol('pyargs');
const GLOBAL_REF = Symbol('pyglobal');
const PERSISTENT = Symbol('persid');

type Inert = { [CLASS]?: string; [ARGS_OF]?: unknown[]; [GLOBAL_REF]?: string; [PERSISTENT]?: unknown };

/** Globals with a pure, data-only meaning; anything else stays an inert placeholder. */
function knownGlobal(fqn: string, args: unknown[]): { ok: true; value: unknown } | undefined {
  switch (fqn) {
    case '_codecs.encode': {
      // Protocol 2 encodes bytes as _codecs.encode(str, 'latin1').
      const [s, enc] = args;
      if (typeof s === 'string' && (enc === 'latin1' || enc === 'latin-1')) {
        const out = new Uint8Array(s.length);
        for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i) & 0xff;
        return { ok: true, value: out };
      }
      return undefined;
    }
    case 'builtins.set':
    case 'builtins.frozenset':
    case '__builtin__.set':
    case '__builtin__.frozenset':
      return Array.isArray(args[0])
        ? { ok: true, value: [...args[0]] }
        : args.length === 0
          ? { ok: true, value: [] }
          : undefined;
    case 'builtins.bytearray':
    case '__builtin__.bytearray':
    case 'builtins.bytes':
      if (args.length === 0) return { ok: true, value: new Uint8Array(0) };
      return args[0] instanceof Uint8Array ? { ok: true, value: args[0] } : undefined;
    case 'collections.OrderedDict':
      if (args.length === 0) return { ok: true, value: {} };
      return undefined;
    default:
      return undefined;
  }
}

function makeResolver(): { resolve(module: string, name: string): (...args: unknown[]) => unknown } {
  return {
    resolve(module: string, name: string) {
      const fqn = `${module}.${name}`;
      // A plain function: usable both with `new` (NEWOBJ/OBJ/INST) and as a call (REDUCE).
      const f = function (this: Inert | undefined, ...args: unknown[]): unknown {
        const known = knownGlobal(fqn, args);
        if (known) return known.value;
        const o: Inert = new.target && this ? this : {};
        o[CLASS] = fqn;
        o[ARGS_OF] = args;
        return o;
      };
      return Object.assign(f, { [GLOBAL_REF]: fqn });
    },
  };
}

interface Conv {
  nodes: number;
  maxNodes: number;
  maxDepth: number;
  elided: boolean;
  bigints: number;
  sentinel: string;
  ints: IntRewrite[];
  maxHex: number;
}

function num(v: number): PickleValue {
  if (Number.isFinite(v)) return v;
  return Number.isNaN(v) ? 'nan' : v > 0 ? 'inf' : '-inf';
}

function convert(v: unknown, c: Conv, depth: number, path: Set<object>): PickleValue {
  if (++c.nodes > c.maxNodes || depth > c.maxDepth) {
    c.elided = true;
    return { __elided__: true };
  }
  if (v === null || v === undefined) return null;
  switch (typeof v) {
    case 'boolean':
      return v;
    case 'number':
      return num(v);
    case 'bigint':
      return bigintValue(v, c);
    case 'string': {
      if (v.startsWith(c.sentinel)) {
        const k = Number(v.slice(c.sentinel.length));
        const r = c.ints[k];
        if (r) return bigintValue(r.value, c);
      }
      return v;
    }
    case 'function': {
      const g = (v as Inert)[GLOBAL_REF];
      return { __global__: g ?? 'function' };
    }
    case 'object':
      break;
    default:
      return String(v);
  }
  const o = v as object;
  if (o instanceof Uint8Array || o instanceof Int8Array || o instanceof Uint8ClampedArray) {
    const b = new Uint8Array(o.buffer, o.byteOffset, o.byteLength);
    const shown = Math.min(b.length, c.maxHex);
    return { __bytes__: hex(b, 0, shown), length: b.length };
  }
  if (path.has(o)) return { __cycle__: true };
  path.add(o);
  try {
    if (Array.isArray(o)) return o.map((x) => convert(x, c, depth + 1, path));
    if (o instanceof Map || o instanceof Set) {
      const entries = o instanceof Map ? [...o.entries()] : [...o.values()].map((x) => [x, x] as const);
      if (o instanceof Set) return entries.map(([x]) => convert(x, c, depth + 1, path));
      return Object.fromEntries(entries.map(([k, x]) => [keyText(k, c), convert(x, c, depth + 1, path)]));
    }
    const inert = o as Inert;
    const out: [string, PickleValue][] = [];
    if (inert[CLASS] !== undefined) {
      out.push(['__class__', inert[CLASS]]);
      const args = inert[ARGS_OF];
      if (args?.length) out.push(['args', convert(args, c, depth + 1, path)]);
      const state = Object.keys(o);
      if (state.length)
        out.push([
          'state',
          Object.fromEntries(state.map((k) => [k, convert(Reflect.get(o, k), c, depth + 1, path)] as const)),
        ]);
      return Object.fromEntries(out);
    }
    for (const k of Object.keys(o)) {
      const key = k.startsWith(c.sentinel) ? keyText(k, c) : k;
      out.push([key, convert(Reflect.get(o, k), c, depth + 1, path)]);
    }
    return Object.fromEntries(out);
  } finally {
    path.delete(o);
  }
}

function bigintValue(v: bigint, c: Conv): PickleValue {
  if (v <= BigInt(Number.MAX_SAFE_INTEGER) && v >= -BigInt(Number.MAX_SAFE_INTEGER)) return Number(v);
  c.bigints++;
  return v.toString();
}

function keyText(k: unknown, c: Conv): string {
  const v = convert(k, c, c.maxDepth, new Set());
  return typeof v === 'string' ? v : JSON.stringify(v);
}

function pyTypeOf(raw: unknown, c: Conv): string {
  if (raw === null || raw === undefined) return 'None';
  if (typeof raw === 'boolean') return 'bool';
  if (typeof raw === 'number') return Number.isInteger(raw) ? 'int' : 'float';
  if (typeof raw === 'bigint') return 'int';
  if (typeof raw === 'string') return raw.startsWith(c.sentinel) ? 'int' : 'str';
  if (raw instanceof Uint8Array) return 'bytes';
  if (Array.isArray(raw)) return 'list';
  if (typeof raw === 'function') return 'global';
  if ((raw as Inert)[CLASS] !== undefined) return 'object';
  return 'dict';
}

function pickSentinel(b: Uint8Array): string {
  let s = '\u0000pcapx-int#';
  const text = latin1.decode(b);
  while (text.includes(s)) s += '#';
  return s;
}

const enc = new TextEncoder();

/** Replaces each integer opcode with BINUNICODE of `sentinel + index`, which convert() maps back. */
function rewriteInts(b: Uint8Array, ints: IntRewrite[], sentinel: string): Uint8Array {
  const parts: Uint8Array[] = [];
  let pos = 0;
  ints.forEach((r, k) => {
    parts.push(b.subarray(pos, r.start));
    const s = enc.encode(sentinel + k);
    const op = new Uint8Array(5 + s.length);
    op[0] = OP.BINUNICODE;
    new DataView(op.buffer).setUint32(1, s.length, true);
    op.set(s, 5);
    parts.push(op);
    pos = r.end;
  });
  parts.push(b.subarray(pos));
  const total = parts.reduce((n, p) => n + p.length, 0);
  const out = new Uint8Array(total);
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

/** Decodes a pickle; undefined (with a note) when it does not decode. */
function decodePickle(
  bytes: Uint8Array,
  o: Required<PayloadOptions>,
  sink: NoteSink,
): Omit<PicklePayload, 'length' | 'notes'> | undefined {
  const w = walkPickle(bytes);
  if (typeof w === 'string') {
    sink.add('payload.pickle.malformed', { reason: w });
    return undefined;
  }
  const body = bytes.subarray(0, w.end);
  const sentinel = pickSentinel(body);
  const input = w.ints.length ? rewriteInts(body, w.ints, sentinel) : body;
  let raw: unknown;
  try {
    const parser = new (pickleParser())({
      nameResolver: makeResolver(),
      persistentResolver: { resolve: (pid: string) => ({ [PERSISTENT]: pid, __persistent_id__: pid }) },
      extensionResolver: { resolve: (code: number) => ({ __extension__: code }) },
      unpicklingTypeOfSet: 'array',
      unpicklingTypeOfDictionary: 'object',
    });
    raw = parser.parse(input);
  } catch (err) {
    sink.add('payload.pickle.malformed', { reason: err instanceof Error ? err.message : String(err) });
    return undefined;
  }
  const c: Conv = {
    nodes: 0,
    maxNodes: o.maxNodes,
    maxDepth: o.maxDepth,
    elided: false,
    bigints: 0,
    sentinel,
    ints: w.ints,
    maxHex: o.maxHex,
  };
  let value: PickleValue;
  try {
    value = convert(raw, c, 0, new Set());
  } catch (err) {
    sink.add('payload.pickle.malformed', { reason: err instanceof Error ? err.message : String(err) });
    return undefined;
  }
  if (c.elided) sink.add('payload.pickle.too_deep', { maxDepth: o.maxDepth, maxNodes: o.maxNodes });
  if (w.globals) sink.add('payload.pickle.global', { count: w.globals });
  if (c.bigints) sink.add('payload.pickle.bigint', { count: c.bigints });
  if (w.end < bytes.length) sink.add('payload.pickle.trailing', { length: bytes.length - w.end });
  return { encoding: 'pickle', value, protocol: w.protocol, py_type: pyTypeOf(raw, c), bigints: c.bigints };
}

// ---------------------------------------------------------------------------------------------
// Display

/** One-line display of a value: strings quoted, containers as compact JSON, cut to `max` characters. */
export function preview(value: unknown, max = 60): string {
  let s: string;
  if (typeof value === 'string') s = JSON.stringify(value);
  else if (typeof value === 'bigint') s = value.toString();
  else if (value instanceof Uint8Array) s = `<${value.length} bytes ${hex(value, 0, Math.min(value.length, 16))}>`;
  else if (value === undefined) s = 'undefined';
  else {
    try {
      s = JSON.stringify(value) ?? String(value);
    } catch {
      s = String(value);
    }
  }
  if (s.length <= max) return s;
  // Strings keep a closing quote so the cut is obvious.
  return typeof value === 'string' ? `${s.slice(0, Math.max(1, max - 2))}…"` : `${s.slice(0, Math.max(1, max - 1))}…`;
}

/** One-line display of a decoded payload (`pickle 62`, `json {"a":1}`, `text "hi"`, `hex 0a0b… (300 bytes)`). */
export function previewPayload(p: DecodedPayload, max = 60): string {
  switch (p.encoding) {
    case 'empty':
      return '(empty)';
    case 'hex':
      return `${p.value.slice(0, max)}${p.shown < p.length || p.value.length > max ? '…' : ''} (${p.length} bytes)`;
    case 'text':
    case 'json':
    case 'pickle':
      return preview(p.value, max);
    default: {
      const never: never = p;
      return String(never);
    }
  }
}

// ---------------------------------------------------------------------------------------------
// RPC recognition (by content)

export interface JsonRpcCall {
  readonly id?: string | number | null;
  readonly method?: string;
  /** 'request' (method and id), 'notification' (method, no id), 'response' (result or error). */
  readonly type: 'request' | 'notification' | 'response' | 'invalid';
  readonly error?: { readonly code?: number; readonly message?: string };
}

export type RpcInfo =
  | {
      readonly kind: 'json-rpc';
      readonly version: string;
      readonly batch: boolean;
      readonly calls: readonly JsonRpcCall[];
    }
  | {
      readonly kind: 'soap';
      readonly version: '1.1' | '1.2' | 'unknown';
      /** Local name of the first element inside Body (the operation, or 'Fault'). */
      readonly operation?: string;
      readonly fault: boolean;
    };

function rpcCall(v: JsonValue): JsonRpcCall | undefined {
  if (!isJsonObject(v) || typeof v.jsonrpc !== 'string') return undefined;
  const out: {
    id?: string | number | null;
    method?: string;
    type: JsonRpcCall['type'];
    error?: { code?: number; message?: string };
  } = { type: 'invalid' };
  const id = v.id;
  if (typeof id === 'string' || typeof id === 'number' || id === null) out.id = id;
  if (typeof v.method === 'string') {
    out.method = v.method;
    out.type = 'id' in v ? 'request' : 'notification';
  } else if ('result' in v || 'error' in v) {
    out.type = 'response';
    const e = v.error;
    if (isJsonObject(e)) {
      const err: { code?: number; message?: string } = {};
      if (typeof e.code === 'number') err.code = e.code;
      if (typeof e.message === 'string') err.message = e.message;
      out.error = err;
    }
  }
  return out;
}

const SOAP_ENV = /<(?:([A-Za-z_][\w.-]*):)?Envelope[\s>/]/;
const SOAP_BODY =
  /<(?:[A-Za-z_][\w.-]*:)?Body(?:\s[^>]*)?>\s*(?:<!--[\s\S]*?-->\s*)*<(?:[A-Za-z_][\w.-]*:)?([A-Za-z_][\w.-]*)/;

/** Recognises JSON-RPC (JSON with "jsonrpc") and SOAP (XML with an Envelope) in a decoded payload. */
export function recognizeRpc(p: DecodedPayload): RpcInfo | undefined {
  if (p.encoding === 'json') {
    const v = p.value;
    if (Array.isArray(v)) {
      const calls = v.map(rpcCall);
      if (calls.length && calls.every((x) => x !== undefined)) {
        const first = v[0] as { jsonrpc: string };
        return { kind: 'json-rpc', version: first.jsonrpc, batch: true, calls: calls as JsonRpcCall[] };
      }
      return undefined;
    }
    const call = rpcCall(v);
    if (call) return { kind: 'json-rpc', version: (v as { jsonrpc: string }).jsonrpc, batch: false, calls: [call] };
    return undefined;
  }
  if (p.encoding === 'text') {
    const t = p.value;
    const env = SOAP_ENV.exec(t);
    if (!env) return undefined;
    const version: '1.1' | '1.2' | 'unknown' = t.includes('http://schemas.xmlsoap.org/soap/envelope/')
      ? '1.1'
      : t.includes('http://www.w3.org/2003/05/soap-envelope')
        ? '1.2'
        : 'unknown';
    const body = SOAP_BODY.exec(t);
    const operation = body?.[1];
    const out: { kind: 'soap'; version: typeof version; operation?: string; fault: boolean } = {
      kind: 'soap',
      version,
      fault: operation === 'Fault',
    };
    if (operation) out.operation = operation;
    return out;
  }
  return undefined;
}
