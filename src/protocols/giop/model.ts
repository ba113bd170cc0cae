/**
 * GIOP's part of the JSON model: one record per GIOP message (conversations[].messages) and its frame
 * entries (frames[].app), as the session (session.ts) writes them. Field names follow the GIOP messages
 * of CORBA 3.0 chapter 15; the display-filter fields (fields.ts) give them Wireshark's names.
 */
import type { MessageFacets } from '../../analysis/app/budget.js';
import type { AppMessageRecord } from '../../analysis/model.js';

/** An object reference (IOR): its interface and where its first IIOP profile says the object lives. */
export interface GiopIorRecord {
  /** giop.typeid: the repository id of the interface, e.g. "IDL:HelloApp/Hello:1.0". */
  type_id: string;
  /** giop.iiop.host / giop.iiop.port of the first IIOP profile (absent when it has none). */
  host?: string;
  port?: number;
  /** The object key of that profile (hex). */
  object_key?: string;
  /** Tagged profiles in the IOR. */
  profiles: number;
}

/**
 * Arguments of a request or the result of a reply, as far as the capture tells them: GIOP carries no
 * types (they are in the IDL), so only the operations whose signatures are standard are read (CORBA::Object's
 * `_is_a`, `_non_existent`; CosNaming's bind/rebind/resolve…); for any other operation a body that is
 * exactly one CDR string is shown as that string, and anything else as its length.
 */
export type GiopValue =
  /** No bytes: no arguments, or a void result. */
  | { kind: 'none' }
  | { kind: 'boolean'; value: boolean }
  | { kind: 'string'; value: string }
  /** An object reference (resolve's result, a LOCATION_FORWARD's new address). */
  | { kind: 'object'; ior: GiopIorRecord }
  /** A CosNaming name ("Hello", components joined by '/', id.kind) and, for bind/rebind, the object bound. */
  | { kind: 'name'; name: string; object?: GiopIorRecord }
  /** Bytes whose types only the IDL knows. */
  | { kind: 'bytes'; length: number };

interface Giop extends AppMessageRecord {
  proto: 'giop';
  /** "1.0", "1.2". */
  version: string;
  /** Byte order of the message (the flags' bit 0; GIOP 1.0's byte_order boolean). */
  little_endian: boolean;
  /** giop.len: the message size after the 12-byte header. */
  size: number;
}

export interface GiopRequestRecord extends Giop {
  kind: 'Request';
  request_id: number;
  /** giop.request_op */
  operation: string;
  /** The target object's key: as text when it is printable (omniNames' "NameService"), else hex. */
  object_key: string;
  object_key_text: boolean;
  /** Not a oneway call: a Reply is expected. */
  response_expected: boolean;
  /** GIOP 1.2 response_flags (giop.response_flag). */
  response_flags?: number;
  /** Service context ids (1 = CodeSets). */
  service_contexts: number[];
  arguments: GiopValue;
}

export interface GiopReplyRecord extends Giop {
  kind: 'Reply';
  request_id: number;
  /** giop.replystatus and its name (NO_EXCEPTION, USER_EXCEPTION, SYSTEM_EXCEPTION, LOCATION_FORWARD…). */
  status: number;
  status_name: string;
  /** The operation of the request it answers (paired by request id), when that request was seen. */
  operation?: string;
  /** NO_EXCEPTION: the result; LOCATION_FORWARD(_PERM): the object to use instead. */
  result?: GiopValue;
  /** USER_EXCEPTION / SYSTEM_EXCEPTION: the exception's repository id (and a system exception's codes). */
  exception?: { id: string; minor?: number; completed?: 'YES' | 'NO' | 'MAYBE' };
}

export interface GiopCancelRequestRecord extends Giop {
  kind: 'CancelRequest';
  request_id: number;
}

export interface GiopLocateRequestRecord extends Giop {
  kind: 'LocateRequest';
  request_id: number;
  object_key: string;
  object_key_text: boolean;
}

export interface GiopLocateReplyRecord extends Giop {
  kind: 'LocateReply';
  request_id: number;
  /** giop.locale_status and its name (UNKNOWN_OBJECT, OBJECT_HERE, OBJECT_FORWARD…). */
  status: number;
  status_name: string;
  /** OBJECT_FORWARD(_PERM): where the object is. */
  forward?: GiopIorRecord;
}

export interface GiopBareRecord extends Giop {
  kind: 'CloseConnection' | 'MessageError';
}

export interface GiopFragmentRecord extends Giop {
  kind: 'Fragment';
  /** GIOP 1.2: the request id of the message it continues. */
  request_id?: number;
  more_fragments: boolean;
}

export type GiopRecord =
  | GiopRequestRecord
  | GiopReplyRecord
  | GiopCancelRequestRecord
  | GiopLocateRequestRecord
  | GiopLocateReplyRecord
  | GiopBareRecord
  | GiopFragmentRecord;

/**
 * What a frame completes (the Info column and the display filters read it): the header's fields, the
 * request id, the operation, the statuses, and the interfaces and addresses of the IORs it carries.
 */
export interface GiopFrameEntry {
  proto: 'giop';
  kind: GiopRecord['kind'];
  version: string;
  little_endian: boolean;
  /** giop.type */
  type: number;
  /** giop.len */
  size: number;
  request_id?: number;
  operation?: string;
  /** GIOP 1.0/1.1 Request: giop.rsp_expected; 1.2: giop.response_flag. */
  response_expected?: boolean;
  response_flags?: number;
  /** Reply: giop.replystatus; LocateReply: giop.locale_status. */
  status?: number;
  /** Repository ids the message carries (giop.typeid: `_is_a`'s argument, IORs' type ids). */
  type_ids?: string[];
  /** IIOP profiles' hosts and ports of the IORs it carries. */
  hosts?: string[];
  ports?: number[];
}

/** What the summary's aggregates read of a GIOP message: the operation of a request or of a reply's request. */
export function giopFacets(m: GiopRecord): MessageFacets {
  return (m.kind === 'Request' || m.kind === 'Reply') && m.operation !== undefined ? { name: m.operation } : {};
}
