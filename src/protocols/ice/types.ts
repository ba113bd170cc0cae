/**
 * ZeroC Ice protocol 1.0 messages (Ice manual, "The Ice Protocol": protocol messages), as ./decode.ts returns
 * them. Field names follow Wireshark's icep dissector where it has one (icep.request_id, icep.id.name,
 * icep.id.content, icep.facet, icep.operation, icep.operation_mode, icep.params.size).
 */
import type { Span } from '../reader.js';

export const ICE_HEADER_LEN = 14;

export const ICE_MSG_TYPES = ['Request', 'BatchRequest', 'Reply', 'ValidateConnection', 'CloseConnection'] as const;
export type IceMsgTypeName = (typeof ICE_MSG_TYPES)[number];

/** OperationMode: 0 Normal, 1 Nonmutating (deprecated), 2 Idempotent. */
export const ICE_MODES = ['normal', 'nonmutating', 'idempotent'] as const;

/** Reply status bytes. */
export const ICE_REPLY_STATUS = [
  'Success',
  'UserException',
  'ObjectNotExist',
  'FacetNotExist',
  'OperationNotExist',
  'UnknownLocalException',
  'UnknownUserException',
  'UnknownException',
] as const;

export interface IceHeader {
  /** Protocol version (1.0). */
  readonly protocolMajor: number;
  readonly protocolMinor: number;
  /** Encoding version of the header (1.0). */
  readonly encodingMajor: number;
  readonly encodingMinor: number;
  /** icep.message_type */
  readonly type: number;
  readonly typeName: IceMsgTypeName | undefined;
  /** icep.compression_status: 0 not compressed, 1 not compressed but a compressed reply is welcome, 2 bzip2. */
  readonly compression: number;
  /** Size of the whole message, header included (Wireshark calls this field icep.message_status). */
  readonly size: number;
}

export interface IceIdentity {
  /** icep.id.name */
  readonly name: string;
  /** icep.id.content (the category) */
  readonly category: string;
}

/** An encapsulation: its size counts the 6-byte size + encoding header. */
export interface IceEncapsulation {
  /** icep.params.size */
  readonly size: number;
  readonly major: number;
  readonly minor: number;
  /** The marshalled parameters (their types come from the Slice definitions). */
  readonly data: Span;
}

/** One request: a Request message, or one of a BatchRequest's requests (which have no request id). */
export interface IceRequestBody {
  readonly identity: IceIdentity;
  /** icep.facet: empty for the default facet. */
  readonly facet: string;
  /** icep.operation */
  readonly operation: string;
  /** icep.operation_mode */
  readonly mode: number;
  readonly modeName: (typeof ICE_MODES)[number] | undefined;
  readonly context: readonly (readonly [string, string])[];
  readonly params: IceEncapsulation;
}

export interface IceRequest extends IceRequestBody {
  readonly kind: 'Request';
  readonly header: IceHeader;
  /** icep.request_id: 0 for a oneway call (no reply will come). */
  readonly requestId: number;
}

export interface IceBatchRequest {
  readonly kind: 'BatchRequest';
  readonly header: IceHeader;
  readonly requests: readonly IceRequestBody[];
}

export interface IceReply {
  readonly kind: 'Reply';
  readonly header: IceHeader;
  readonly requestId: number;
  /** Reply status (Wireshark shows it as "Reply Status" without a field name of its own). */
  readonly status: number;
  readonly statusName: (typeof ICE_REPLY_STATUS)[number] | undefined;
  /** Success / UserException: the encapsulated result or exception. */
  readonly result: IceEncapsulation | undefined;
  /** ObjectNotExist / FacetNotExist / OperationNotExist: what was not found. */
  readonly missing: { readonly identity: IceIdentity; readonly facet: string; readonly operation: string } | undefined;
  /** Unknown*Exception: the reason text. */
  readonly reason: string | undefined;
}

export interface IceBare {
  readonly kind: 'ValidateConnection' | 'CloseConnection';
  readonly header: IceHeader;
}

export type IceMessage = IceRequest | IceBatchRequest | IceReply | IceBare;
