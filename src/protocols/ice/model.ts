/**
 * Ice's part of the JSON model: one record per Ice protocol message (conversations[].messages, `kind` the
 * message type as the Ice manual names it), its frame entries (frames[].app) and its facts about a
 * conversation, as the session (session.ts) writes them. Field names follow Wireshark's icep dissector
 * where it has the field (icep.request_id → request_id, icep.id.name / icep.id.content → identity,
 * icep.operation, icep.operation_mode → mode, icep.params.size → params.size).
 */
import type { MessageFacets } from '../../analysis/app/budget.js';
import type { AppMessageRecord } from '../../analysis/model.js';

/** The message types of Ice protocol 1.0 (icep.message_type 0–4). */
export type IceKind = 'Request' | 'BatchRequest' | 'Reply' | 'ValidateConnection' | 'CloseConnection';

/** An object's identity: its name and category (Wireshark: icep.id.name, icep.id.content). */
export interface IceIdentityRecord {
  name: string;
  category: string;
}

/**
 * An encapsulation: the marshalled parameters of a call or the result of a reply. Their types come from
 * the Slice definitions, which the capture does not hold; when the bytes are exactly one Ice string,
 * `string` holds it (a reading of the bytes, told as such).
 */
export interface IceParamsRecord {
  /** icep.params.size: the encapsulation's size, its 6-byte header included. */
  size: number;
  /** Encoding of the encapsulation ("1.1"; icep.params.major / minor). */
  encoding: string;
  /** Bytes of marshalled data (size − 6). */
  length: number;
  /** The data read as one Ice string (a size, then UTF-8 text filling the rest). */
  string?: string;
  /** The data, when not a string and at most 16 bytes: hex ("01"). */
  hex?: string;
}

interface Ice extends AppMessageRecord {
  proto: 'icep';
  /** icep.message_type */
  msgtype: number;
  /** icep.message_status: the whole message's size, header included. */
  size: number;
  /** icep.compression_status: 0 not compressed, 1 not compressed (a compressed reply is welcome), 2 bzip2. */
  compression: number;
  /** Decoded (see IceUndecodedRecord). */
  undecoded?: undefined;
}

/** One invocation: of a Request, or one of a BatchRequest's. */
export interface IceCallRecord {
  identity: IceIdentityRecord;
  /** icep.facet: '' for the default facet. */
  facet: string;
  operation: string;
  /** icep.operation_mode: 0 normal, 1 nonmutating, 2 idempotent. */
  mode: number;
  mode_name: string;
  /** The request context (key/value pairs), when not empty. */
  context?: Array<[string, string]>;
  params: IceParamsRecord;
}

export interface IceRequestRecord extends Ice, IceCallRecord {
  kind: 'Request';
  /** icep.request_id: 0 for a oneway call. */
  request_id: number;
  /** Request id 0: a oneway call, no reply is sent. */
  oneway: boolean;
}

export interface IceBatchRequestRecord extends Ice {
  kind: 'BatchRequest';
  /** The batched invocations (oneway: none gets a reply). */
  requests: IceCallRecord[];
}

export interface IceReplyRecord extends Ice {
  kind: 'Reply';
  request_id: number;
  /** Reply status 0–7, and its name (Success, UserException, ObjectNotExist…). */
  status: number;
  status_name: string;
  /** The operation and object of the request it answers (paired by request id), when that request was seen. */
  request_operation?: string;
  request_identity?: IceIdentityRecord;
  /** Success / UserException: the encapsulated result or exception. */
  result?: IceParamsRecord;
  /** ObjectNotExist / FacetNotExist / OperationNotExist: what the server did not find. */
  missing?: { identity: IceIdentityRecord; facet: string; operation: string };
  /** Unknown(Local|User)Exception: the reason text. */
  reason?: string;
}

export interface IceBareRecord extends Ice {
  kind: 'ValidateConnection' | 'CloseConnection';
}

/** A message whose header was read and whose body was not: malformed, compressed or of another version. */
export interface IceUndecodedRecord extends Omit<Ice, 'undecoded'> {
  kind: IceKind | 'unknown';
  /** The note code that says why (icep.field.past_end, icep.compressed, icep.version.unsupported…). */
  undecoded: string;
}

export type IceRecord = IceRequestRecord | IceBatchRequestRecord | IceReplyRecord | IceBareRecord | IceUndecodedRecord;

/** What a frame completes (the Info column and display filters read it). */
export interface IceFrameEntry {
  proto: 'icep';
  kind: IceKind | 'unknown';
  msgtype: number;
  /** Request / Reply. */
  request_id?: number;
  /** Request / BatchRequest: each invocation as identity name and operation. */
  calls?: Array<{ name: string; operation: string }>;
  /** Reply: its status. */
  status?: number;
  undecoded?: true;
}

/** Ice's facts about a conversation. */
export interface IceFacts {
  /** Protocol and encoding version of the messages' headers ("1.0"). */
  ice_version?: string;
}

/** What the summary's aggregates read of an Ice message: a request's operation. */
export function iceFacets(m: IceRecord): MessageFacets {
  if (m.undecoded !== undefined) return {};
  if (m.kind === 'Request') return { name: m.operation };
  if (m.kind === 'BatchRequest') return { name: [...new Set(m.requests.map((r) => r.operation))].join(',') };
  return {};
}
