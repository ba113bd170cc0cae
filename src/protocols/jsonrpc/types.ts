/**
 * JSON-RPC 2.0 (https://www.jsonrpc.org/specification) and 1.0 messages as ./decode.ts returns them. Wireshark
 * has no JSON-RPC dissector (its json dissector shows the members: json.member_with_value, json.key).
 */
import type { Span } from '../reader.js';
import type { JsonNode } from './json.js';

/** An id as sent: a number (its text kept), a string, or null. */
export type JsonRpcId =
  | { readonly type: 'number'; readonly value: number; readonly text: string }
  | { readonly type: 'string'; readonly value: string }
  | { readonly type: 'null' };

export type JsonRpcVersion = '2.0' | '1.0';

export interface JsonRpcRequest {
  readonly kind: 'request';
  readonly version: JsonRpcVersion;
  readonly id: JsonRpcId;
  readonly method: string;
  /** By position (array) or by name (object); undefined when absent. */
  readonly params: JsonNode | undefined;
  readonly span: Span;
}

/** A request without an id (2.0), or with id null (1.0): the server sends no response. */
export interface JsonRpcNotification {
  readonly kind: 'notification';
  readonly version: JsonRpcVersion;
  readonly method: string;
  readonly params: JsonNode | undefined;
  readonly span: Span;
}

export interface JsonRpcResult {
  readonly kind: 'result';
  readonly version: JsonRpcVersion;
  readonly id: JsonRpcId;
  readonly result: JsonNode;
  readonly span: Span;
}

export interface JsonRpcError {
  readonly kind: 'error';
  readonly version: JsonRpcVersion;
  readonly id: JsonRpcId;
  /** -32700 parse error, -32600 invalid request, -32601 method not found, -32602 invalid params,
   * -32603 internal error, -32000..-32099 server errors; undefined when the error object has no number. */
  readonly code: number | undefined;
  readonly message: string | undefined;
  readonly data: JsonNode | undefined;
  readonly error: JsonNode;
  readonly span: Span;
}

/** One element of a batch that is not a JSON-RPC message, with the reason (a note code). */
export interface JsonRpcInvalid {
  readonly kind: 'invalid';
  readonly code: string;
  readonly span: Span;
}

export type JsonRpcSingle = JsonRpcRequest | JsonRpcNotification | JsonRpcResult | JsonRpcError;

export interface JsonRpcBatch {
  readonly kind: 'batch';
  readonly items: readonly (JsonRpcSingle | JsonRpcInvalid)[];
  readonly span: Span;
}

export type JsonRpcMessage = JsonRpcSingle | JsonRpcBatch;

/** The names of the reserved error codes. */
export const JSONRPC_ERRORS: Readonly<Record<number, string>> = {
  [-32700]: 'Parse error',
  [-32600]: 'Invalid Request',
  [-32601]: 'Method not found',
  [-32602]: 'Invalid params',
  [-32603]: 'Internal error',
};
