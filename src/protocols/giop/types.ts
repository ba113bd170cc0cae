/**
 * GIOP 1.0–1.2 messages (CORBA 3.0 chapter 15, "General Inter-ORB Protocol"; IIOP = GIOP over TCP), as the
 * pure decoder in ./decode.ts returns them. Field names follow Wireshark's giop dissector where it has one
 * (giop.request_id, giop.request_op, giop.replystatus, giop.iiop.host, giop.iiop.port).
 */
import type { Span } from '../reader.js';

export const GIOP_HEADER_LEN = 12;

/** GIOP MsgType (CORBA 3.0 §15.4.1). */
export const GIOP_MSG_TYPES = [
  'Request',
  'Reply',
  'CancelRequest',
  'LocateRequest',
  'LocateReply',
  'CloseConnection',
  'MessageError',
  'Fragment',
] as const;
export type GiopMsgTypeName = (typeof GIOP_MSG_TYPES)[number];

/** ReplyStatusType (§15.4.3.1); LOCATION_FORWARD_PERM and NEEDS_ADDRESSING_MODE since GIOP 1.2. */
export const GIOP_REPLY_STATUS = [
  'NO_EXCEPTION',
  'USER_EXCEPTION',
  'SYSTEM_EXCEPTION',
  'LOCATION_FORWARD',
  'LOCATION_FORWARD_PERM',
  'NEEDS_ADDRESSING_MODE',
] as const;

/** LocateStatusType (§15.4.6.1). */
export const GIOP_LOCATE_STATUS = [
  'UNKNOWN_OBJECT',
  'OBJECT_HERE',
  'OBJECT_FORWARD',
  'OBJECT_FORWARD_PERM',
  'LOC_SYSTEM_EXCEPTION',
  'LOC_NEEDS_ADDRESSING_MODE',
] as const;

export interface GiopHeader {
  /** GIOP version, e.g. 1.0, 1.2. */
  readonly major: number;
  readonly minor: number;
  /** giop.flags: bit 0 byte order (1 = little-endian; GIOP 1.0 has a boolean there), bit 1 more fragments. */
  readonly flags: number;
  readonly littleEndian: boolean;
  /** GIOP 1.1+: more fragments follow. */
  readonly moreFragments: boolean;
  /** giop.type */
  readonly type: number;
  /** Name of `type`, or undefined for a value outside 0..7. */
  readonly typeName: GiopMsgTypeName | undefined;
  /** giop.len: the body's length (the message is 12 + size bytes). */
  readonly size: number;
}

export interface ServiceContext {
  readonly id: number;
  readonly data: Span;
}

/** GIOP 1.2 TargetAddress, or the object key of 1.0/1.1. */
export type GiopTarget =
  | { readonly kind: 'key'; readonly objectKey: Uint8Array; readonly span: Span }
  | { readonly kind: 'profile'; readonly tag: number; readonly data: Span }
  | { readonly kind: 'reference'; readonly profileIndex: number; readonly ior: Ior | undefined; readonly span: Span };

export interface GiopRequest {
  readonly kind: 'Request';
  readonly header: GiopHeader;
  readonly requestId: number;
  /** 1.0/1.1 response_expected; for 1.2 true when response_flags has bit 0 or 1 set (not a oneway call). */
  readonly responseExpected: boolean;
  /** GIOP 1.2 response_flags (0 oneway, 1 SYNC_WITH_SERVER, 3 with target); undefined before 1.2. */
  readonly responseFlags: number | undefined;
  readonly target: GiopTarget;
  /** giop.request_op */
  readonly operation: string;
  readonly operationSpan: Span;
  readonly serviceContexts: readonly ServiceContext[];
  /** 1.0/1.1 requesting_principal length (deprecated, usually 0). */
  readonly principalLength: number | undefined;
  /** The marshalled arguments (their types come from the IDL, which the capture does not carry). */
  readonly body: Span;
}

export type GiopSystemException = {
  readonly exceptionId: string;
  readonly minor: number;
  /** 0 COMPLETED_YES, 1 COMPLETED_NO, 2 COMPLETED_MAYBE */
  readonly completed: number;
};

export interface GiopReply {
  readonly kind: 'Reply';
  readonly header: GiopHeader;
  readonly requestId: number;
  /** giop.replystatus */
  readonly status: number;
  readonly statusName: (typeof GIOP_REPLY_STATUS)[number] | undefined;
  readonly serviceContexts: readonly ServiceContext[];
  /** The result and out parameters (or the exception / forward IOR). */
  readonly body: Span;
  readonly systemException: GiopSystemException | undefined;
  /** For LOCATION_FORWARD(_PERM): the IOR to use instead. */
  readonly forward: Ior | undefined;
}

export interface GiopCancelRequest {
  readonly kind: 'CancelRequest';
  readonly header: GiopHeader;
  readonly requestId: number;
}

export interface GiopLocateRequest {
  readonly kind: 'LocateRequest';
  readonly header: GiopHeader;
  readonly requestId: number;
  readonly target: GiopTarget;
}

export interface GiopLocateReply {
  readonly kind: 'LocateReply';
  readonly header: GiopHeader;
  readonly requestId: number;
  readonly status: number;
  readonly statusName: (typeof GIOP_LOCATE_STATUS)[number] | undefined;
  readonly body: Span;
  readonly forward: Ior | undefined;
}

export interface GiopBare {
  readonly kind: 'CloseConnection' | 'MessageError';
  readonly header: GiopHeader;
}

export interface GiopFragment {
  readonly kind: 'Fragment';
  readonly header: GiopHeader;
  /** GIOP 1.2 fragments carry the request id; 1.1 fragments do not. */
  readonly requestId: number | undefined;
  readonly body: Span;
}

export type GiopMessage =
  | GiopRequest
  | GiopReply
  | GiopCancelRequest
  | GiopLocateRequest
  | GiopLocateReply
  | GiopBare
  | GiopFragment;

/** IIOP profile (TAG_INTERNET_IOP = 0) of an IOR. */
export interface IiopProfile {
  readonly tag: 0;
  readonly major: number;
  readonly minor: number;
  /** giop.iiop.host */
  readonly host: string;
  /** giop.iiop.port */
  readonly port: number;
  readonly objectKey: Uint8Array;
  /** Tagged component ids (IIOP 1.1+), e.g. 0 ORB_TYPE, 1 CODE_SETS. */
  readonly components: readonly number[];
}

export type IorProfile = IiopProfile | { readonly tag: number; readonly length: number };

/** Interoperable Object Reference (§13.6.2). */
export interface Ior {
  /** giop.typeid, e.g. "IDL:HelloApp/Hello:1.0" */
  readonly typeId: string;
  readonly profiles: readonly IorProfile[];
}
