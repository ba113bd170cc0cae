/**
 * The arguments and results of GIOP calls, as far as a capture can tell them. GIOP marshals values in CDR
 * without their types (the IDL has them), so only operations whose signatures are standard are read:
 *
 *   CORBA::Object    boolean _is_a(in string logical_type_id);  boolean _non_existent();
 *   CosNaming        void bind/rebind/bind_context/rebind_context(in Name n, in Object obj);
 *                    Object resolve(in Name n);  void unbind(in Name n);  NamingContext bind_new_context(in Name n);
 *                    NamingContext new_context();  Object resolve_str(in StringName sn)   (NamingContextExt)
 *   Name = sequence<NameComponent>, NameComponent = struct { string id; string kind; }
 *
 * Each is accepted only when the body is exactly that shape; a body of any other operation that is exactly
 * one CDR string (length, the characters, a NUL) is read as that string; the rest stays bytes. CDR aligns
 * from the first byte of the GIOP message (offset 0 of `pdu`), in the message's byte order.
 */
import { Reader } from '../reader.js';
import { cdrString, readIor } from './decode.js';
import type { GiopIorRecord, GiopValue } from './model.js';
import type { Ior } from './types.js';

const HEX = (b: Uint8Array) => Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');

/** Most name components read. */
const MAX_COMPONENTS = 64;

/** An IOR as the model keeps it: its type id and its first IIOP profile. */
export function iorRecord(ior: Ior): GiopIorRecord {
  const r: GiopIorRecord = { type_id: ior.typeId, profiles: ior.profiles.length };
  for (const p of ior.profiles) {
    if (!('host' in p)) continue;
    r.host = p.host;
    r.port = p.port;
    r.object_key = HEX(p.objectKey);
    break;
  }
  return r;
}

/** The body's span in the PDU and its byte order. */
export interface Body {
  readonly pdu: Uint8Array;
  readonly offset: number;
  /** The message's end (12 + size), at most pdu.length. */
  readonly end: number;
  readonly le: boolean;
}

function reader(b: Body): Reader {
  return new Reader(b.pdu.subarray(0, b.end), b.offset, b.le);
}

/** Read with `f`; the value when it used the body exactly, else undefined. */
function exactly<T>(b: Body, f: (r: Reader) => T | undefined): T | undefined {
  const r = reader(b);
  const v = f(r);
  return v !== undefined && !r.short && r.pos === b.end ? v : undefined;
}

/** A CDR string whose length says it is one (a NUL at its end, no NUL inside). */
function stringOf(r: Reader): string | undefined {
  r.align(4, 0);
  const at = r.pos;
  const len = r.u32();
  if (r.short || len === 0 || len > r.remaining()) return undefined;
  const raw = r.bytes.subarray(r.pos, r.pos + len);
  if (raw[len - 1] !== 0 || raw.subarray(0, len - 1).includes(0)) return undefined;
  r.pos = at;
  return cdrString(r, 0);
}

function nameOf(r: Reader): string | undefined {
  r.align(4, 0);
  const n = r.u32();
  if (r.short || n === 0 || n > MAX_COMPONENTS) return undefined;
  const parts: string[] = [];
  for (let i = 0; i < n; i++) {
    const id = stringOf(r);
    const kind = stringOf(r);
    if (id === undefined || kind === undefined) return undefined;
    parts.push(kind === '' ? id : `${id}.${kind}`);
  }
  return parts.join('/');
}

function objectOf(r: Reader): GiopIorRecord | undefined {
  const ior = readIor(r, 0);
  return ior ? iorRecord(ior) : undefined;
}

function booleanOf(r: Reader): boolean | undefined {
  const v = r.u8();
  return v === 0 || v === 1 ? v === 1 : undefined;
}

/** A body no signature is known for: nothing, one string, or bytes. */
function unknownBody(b: Body): GiopValue {
  if (b.end <= b.offset) return { kind: 'none' };
  const s = exactly(b, stringOf);
  return s !== undefined ? { kind: 'string', value: s } : { kind: 'bytes', length: b.end - b.offset };
}

const BIND = new Set(['bind', 'rebind', 'bind_context', 'rebind_context']);
const BY_NAME = new Set(['resolve', 'unbind', 'bind_new_context']);
const BOOLEAN = new Set(['_is_a', '_non_existent', '_not_existent']);
const OBJECT = new Set(['resolve', 'resolve_str', 'bind_new_context', 'new_context']);
const VOID = new Set(['bind', 'rebind', 'bind_context', 'rebind_context', 'unbind', 'destroy']);

/** A request's arguments, by its operation. */
export function requestArguments(operation: string, b: Body): GiopValue {
  if (b.end <= b.offset) return { kind: 'none' };
  if (operation === '_is_a' || operation === 'resolve_str') {
    const s = exactly(b, stringOf);
    if (s !== undefined) return { kind: 'string', value: s };
  } else if (BIND.has(operation)) {
    const v = exactly(b, (r) => {
      const name = nameOf(r);
      const object = name !== undefined ? objectOf(r) : undefined;
      return name !== undefined && object !== undefined ? { name, object } : undefined;
    });
    if (v) return { kind: 'name', name: v.name, object: v.object };
  } else if (BY_NAME.has(operation)) {
    const name = exactly(b, nameOf);
    if (name !== undefined) return { kind: 'name', name };
  }
  return unknownBody(b);
}

/** A NO_EXCEPTION reply's result, by the operation of its request (undefined when that is not known). */
export function replyResult(operation: string | undefined, b: Body): GiopValue {
  if (operation !== undefined) {
    if (b.end <= b.offset && VOID.has(operation)) return { kind: 'none' };
    if (BOOLEAN.has(operation)) {
      const v = exactly(b, booleanOf);
      if (v !== undefined) return { kind: 'boolean', value: v };
    } else if (OBJECT.has(operation)) {
      const o = exactly(b, objectOf);
      if (o) return { kind: 'object', ior: o };
    }
  }
  return unknownBody(b);
}

/** A USER_EXCEPTION's repository id (the first member of every exception's marshalled form). */
export function userExceptionId(b: Body): string | undefined {
  const r = reader(b);
  const s = stringOf(r);
  return r.short ? undefined : s;
}
