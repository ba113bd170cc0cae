/**
 * Decoded payloads as they appear in the JSON model, and the short previews the Info column uses.
 */
import {
  type DecodedPayload,
  decodePayload,
  type PayloadOptions,
  preview,
  printableText,
} from '../../dissectors/app/payload.js';
import type { Note } from '../../dissectors/types.js';
import type { AppPayloadRecord } from '../model.js';

/** A DecodedPayload as a JSON record ('empty' becomes empty text). */
export function payloadRecord(p: DecodedPayload): AppPayloadRecord {
  switch (p.encoding) {
    case 'empty':
      return { encoding: 'text', value: '', length: 0 };
    case 'text': {
      const r: AppPayloadRecord = { encoding: 'text', value: p.value, length: p.length };
      if (p.truncated) r.truncated = true;
      return r;
    }
    case 'json':
      return { encoding: 'json', value: p.value, length: p.length };
    case 'pickle':
      return { encoding: 'pickle', value: p.value, length: p.length, py_type: p.py_type, protocol: p.protocol };
    case 'hex': {
      const r: AppPayloadRecord = { encoding: 'hex', value: p.value, length: p.length };
      if (p.shown < p.length) r.shown = p.shown;
      return r;
    }
    default: {
      const never: never = p;
      return never;
    }
  }
}

const EMPTY: AppPayloadRecord = Object.freeze({ encoding: 'text', value: '', length: 0 }) as AppPayloadRecord;

/**
 * The common case without the general decoder: empty, or short printable ASCII that cannot be JSON
 * (first character not one of [ { " - 0-9 t f n) — what decodePayload would call text. Else undefined.
 */
export function quickText(b: Uint8Array): AppPayloadRecord | undefined {
  const n = b.length;
  if (n === 0) return EMPTY;
  if (n > 128) return undefined;
  const c0 = b[0]!;
  // [ { " - digits t f n, and whitespace (JSON may start after it); 0x80 (pickle) fails the ASCII test.
  if (c0 === 0x5b || c0 === 0x7b || c0 === 0x22 || c0 === 0x2d || (c0 >= 0x30 && c0 <= 0x39)) return undefined;
  if (c0 === 0x74 || c0 === 0x66 || c0 === 0x6e || c0 <= 0x20) return undefined;
  for (let i = 0; i < n; i++) {
    const c = b[i]!;
    if (c < 0x20 || c >= 0x7f) return undefined;
  }
  // Protocol-0 pickles are printable: leave anything that could be one to the decoder.
  if (b[n - 1] === 0x2e) return undefined;
  return { encoding: 'text', value: String.fromCharCode(...b), length: n };
}

/** Decodes payload bytes into a record; the decoder's notes go to `notes` when given. */
export function decodeToRecord(
  bytes: Uint8Array,
  notes?: { notesFrom(list: readonly Note[]): void },
  opts?: PayloadOptions,
): AppPayloadRecord {
  const p = decodePayload(bytes, opts);
  if (notes && p.notes.length) notes.notesFrom(p.notes);
  return payloadRecord(p);
}

/**
 * A payload whose decoding waits until someone lists its message (summary mode, past the first messages):
 * only payloads whose decoding raises no note are deferred (short, no pickle opcode at either end), so the
 * frame notes stay the same. It is an AppPayloadRecord whose fields are decoded on first read (and in
 * JSON); settle() (budget.ts) swaps it for its record when the message is listed.
 */
export class PendingPayload implements AppPayloadRecord {
  private rec: AppPayloadRecord | undefined;
  constructor(
    readonly bytes: Uint8Array,
    /** The decoding options in force when the message arrived. */
    private readonly opts: PayloadOptions | undefined,
  ) {}
  get length(): number {
    return this.bytes.length;
  }
  get encoding(): AppPayloadRecord['encoding'] {
    return this.record().encoding;
  }
  get value(): unknown {
    return this.record().value;
  }
  get truncated(): boolean | undefined {
    return this.record().truncated;
  }
  get shown(): number | undefined {
    return this.record().shown;
  }
  get py_type(): string | undefined {
    return this.record().py_type;
  }
  get protocol(): number | undefined {
    return this.record().protocol;
  }
  toJSON(): AppPayloadRecord {
    return this.record();
  }
  /** The decoded record (decoded once). */
  record(): AppPayloadRecord {
    this.rec ??= decodeToRecord(this.bytes, undefined, this.opts);
    return this.rec;
  }
}

/**
 * Whether decoding `b` with `opts` can be deferred: no note can come of it (not longer than the hex or text
 * shown, not a pickle; see PendingPayload).
 */
export function deferrable(b: Uint8Array, opts: PayloadOptions | undefined): boolean {
  const n = b.length;
  const max = Math.min(opts?.maxHex ?? 256, opts?.maxText ?? 256);
  return n > 0 && n <= max && b[0] !== 0x80 && b[n - 1] !== 0x2e;
}

/** Payload values kept small once a conversation has spent its payload budget. */
export const SMALL_PAYLOAD: PayloadOptions = { maxText: 256, maxHex: 64, maxPickle: 4096, maxNodes: 200 };

/** A payload record cut to SMALL_PAYLOAD sizes (for payloads decoded elsewhere, e.g. bodies). */
export function shrink(r: AppPayloadRecord): AppPayloadRecord {
  if (r.encoding === 'text' && typeof r.value === 'string' && r.value.length > SMALL_PAYLOAD.maxText!)
    return { ...r, value: r.value.slice(0, SMALL_PAYLOAD.maxText), truncated: true };
  if (r.encoding === 'hex' && typeof r.value === 'string' && r.value.length > 2 * SMALL_PAYLOAD.maxHex!)
    return { ...r, value: r.value.slice(0, 2 * SMALL_PAYLOAD.maxHex!), shown: SMALL_PAYLOAD.maxHex };
  if (r.encoding === 'json' && r.length > SMALL_PAYLOAD.maxText!) {
    const s = JSON.stringify(r.value);
    if (s.length > SMALL_PAYLOAD.maxText!)
      return { encoding: 'text', value: s.slice(0, SMALL_PAYLOAD.maxText), length: r.length, truncated: true };
  }
  return r;
}

function cut(s: string, max: number): string {
  return s.length <= max ? s : `${s.slice(0, Math.max(1, max - 1))}…`;
}

const HEXES = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

/** A short one-line view of a message part for the Info column: text, a pickled value, or leading hex. */
export function partPreview(b: Uint8Array, max = 32): string {
  if (b.length === 0) return '';
  const t = b.length <= 4 * max ? printableText(b) : printableText(b.subarray(0, 4 * max));
  if (t !== undefined) return cut(t.replace(/[\r\n\t]+/g, ' '), max);
  if (b[0] === 0x80 && b.length >= 2 && b[1]! >= 2 && b[1]! <= 5 && b.length <= 4096) {
    const p = decodePayload(b);
    if (p.encoding === 'pickle') return cut(preview(p.value, max), max);
  }
  let h = '0x';
  const n = Math.min(b.length, 8);
  for (let i = 0; i < n; i++) h += HEXES[b[i]!];
  return b.length > n ? `${h}… (${b.length} bytes)` : h;
}

/** 32-bit FNV-1a of the bytes (to match a payload across conversations without keeping it). */
export function fnv1a(b: Uint8Array): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < b.length; i++) {
    h ^= b[i]!;
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** Bytes as text when printable, else 0x-prefixed hex. */
export function textOrHex(b: Uint8Array): string {
  const t = printableText(b);
  if (t !== undefined) return t;
  let h = '0x';
  for (let i = 0; i < b.length; i++) h += HEXES[b[i]!];
  return h;
}

/**
 * A payload as a frame's app entry shows it (frames[].app[].payload / .body, like tshark's data.text and
 * a protocol's file_data per frame): cut to SMALL_PAYLOAD sizes (256 characters of text, 64 bytes of hex), with
 * `length` the whole payload and `truncated` / `shown` when cut.
 */
export function framePayload(p: AppPayloadRecord | PendingPayload): AppPayloadRecord {
  return shrink(p instanceof PendingPayload ? p.record() : p);
}

/** framePayload of raw bytes no listed message decoded (past the messages cap): only the first bytes are read. */
export function framePayloadOf(bytes: Uint8Array): AppPayloadRecord {
  const n = bytes.length;
  const r = decodeToRecord(n > 1024 ? bytes.subarray(0, 1024) : bytes, undefined, SMALL_PAYLOAD);
  if (n <= 1024) return shrink(r);
  const s =
    r.encoding === 'text' || r.encoding === 'json'
      ? typeof r.value === 'string'
        ? r.value
        : JSON.stringify(r.value)
      : undefined;
  if (s !== undefined)
    return { encoding: 'text', value: s.slice(0, SMALL_PAYLOAD.maxText), length: n, truncated: true };
  return { ...shrink(r), length: n, ...(r.encoding === 'hex' ? { shown: Math.min(n, SMALL_PAYLOAD.maxHex!) } : {}) };
}
