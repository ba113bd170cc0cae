/**
 * JSON-RPC's part of the JSON model: the record an HTTP message's `carried` holds when its body is JSON-RPC
 * (read by ./read.ts). JSON values are kept as JSON text as the decoder read them (numbers as written:
 * "5.0" stays 5.0), each at most JSON_TEXT_MAX characters.
 */
import type { CarriedRecord } from '../../analysis/model.js';

/** An id as sent: a number, a string, or null. */
export type JsonRpcIdValue = number | string | null;

interface JsonRpcBase extends CarriedRecord {
  proto: 'jsonrpc';
  /** "2.0", or "1.0" for a message without the `jsonrpc` member that has every member 1.0 requires. */
  version: '2.0' | '1.0';
}

export interface JsonRpcRequestRecord extends JsonRpcBase {
  kind: 'request';
  method: string;
  id: JsonRpcIdValue;
  /** The params as JSON text ("[10, 2]", "{\"a\": 1}"); absent when the request has none. */
  params?: string;
}

/** A request without an id (2.0) or with id null (1.0): no answer is sent. */
export interface JsonRpcNotificationRecord extends JsonRpcBase {
  kind: 'notification';
  method: string;
  params?: string;
}

export interface JsonRpcResultRecord extends JsonRpcBase {
  kind: 'result';
  id: JsonRpcIdValue;
  /** The result as JSON text. */
  result: string;
  /** The method of the request it answers (same id, in the HTTP request it answers). */
  method?: string;
}

export interface JsonRpcErrorRecord extends JsonRpcBase {
  kind: 'error';
  id: JsonRpcIdValue;
  /** error.code and error.message (absent when not a number / not a string). */
  code?: number;
  message?: string;
  /** error.data as JSON text. */
  data?: string;
  method?: string;
}

export type JsonRpcSingleRecord =
  | JsonRpcRequestRecord
  | JsonRpcNotificationRecord
  | JsonRpcResultRecord
  | JsonRpcErrorRecord;

/** An element of a batch that is no JSON-RPC message, with the reason (a note code). */
export interface JsonRpcInvalidItem {
  kind: 'invalid';
  code: string;
}

/** A batch (2.0): an array of requests and notifications, or of their answers. */
export interface JsonRpcBatchRecord extends CarriedRecord {
  proto: 'jsonrpc';
  kind: 'batch';
  items: (JsonRpcSingleRecord | JsonRpcInvalidItem)[];
}

export type JsonRpcRecord = JsonRpcSingleRecord | JsonRpcBatchRecord;

/** The longest JSON text kept for params, a result or error data (longer: cut, ending in "…"). */
export const JSON_TEXT_MAX = 512;

/** An id as JSON text (1, "abc", null). */
export function idText(id: JsonRpcIdValue): string {
  return typeof id === 'string' ? JSON.stringify(id) : String(id);
}
