/**
 * JSON-RPC as a protocol carried in HTTP bodies: which bodies it claims and the record it makes of them.
 *
 * A body is JSON-RPC's when its media type is JSON's (application/json, application/json-rpc,
 * application/jsonrequest, text/json, any +json; text/plain and none too, for ad-hoc servers) and its shape
 * is (looksLikeJsonRpc: a "jsonrpc" member, or "method" with "id"); a response to a JSON-RPC request is read
 * whatever its first bytes. Pairing by id: a response's id must be its request's (HTTP pairs them in
 * order), else `jsonrpc.id.mismatch`; a result or error takes its request's method.
 */
import type { CarriedReading, CarrierMessage } from '../../analysis/app/protocol.js';
import type { CarriedRecord } from '../../analysis/model.js';
import { decode, JSONRPC_NOTES, looksLikeJsonRpc } from './decode.js';
import { type JsonNode, jsonText } from './json.js';
import {
  idText,
  JSON_TEXT_MAX,
  type JsonRpcIdValue,
  type JsonRpcInvalidItem,
  type JsonRpcRecord,
  type JsonRpcSingleRecord,
} from './model.js';
import type { JsonRpcId, JsonRpcInvalid, JsonRpcSingle } from './types.js';

export const NOTES = {
  ...JSONRPC_NOTES,
  /** A response's id is not the id of the request it answers. */
  'jsonrpc.id.mismatch': 'warn',
  /** The answer to a JSON-RPC request is not JSON-RPC (an error page, an empty body). */
  'jsonrpc.response.missing': 'warn',
  /** The body was cut short (lost bytes, a cap, a compressed body): not read. */
  'jsonrpc.body.partial': 'note',
} as const;

const JSON_TYPES = new Set([
  'application/json',
  'application/json-rpc',
  'application/jsonrequest',
  'text/json',
  'text/plain',
]);

function jsonType(ct: string | undefined): boolean {
  return ct === undefined || JSON_TYPES.has(ct) || ct.endsWith('+json');
}

/** JSON text of a node, at most JSON_TEXT_MAX characters. */
export function textOf(n: JsonNode): string {
  const t = jsonText(n);
  return t.length > JSON_TEXT_MAX ? `${t.slice(0, JSON_TEXT_MAX - 1)}…` : t;
}

function idValue(id: JsonRpcId): JsonRpcIdValue {
  return id.type === 'null' ? null : id.value;
}

function single(m: JsonRpcSingle): JsonRpcSingleRecord {
  const base = { proto: 'jsonrpc' as const, version: m.version };
  switch (m.kind) {
    case 'request':
      return {
        ...base,
        kind: 'request',
        method: m.method,
        id: idValue(m.id),
        ...(m.params ? { params: textOf(m.params) } : {}),
      };
    case 'notification':
      return { ...base, kind: 'notification', method: m.method, ...(m.params ? { params: textOf(m.params) } : {}) };
    case 'result':
      return { ...base, kind: 'result', id: idValue(m.id), result: textOf(m.result) };
    case 'error':
      return {
        ...base,
        kind: 'error',
        id: idValue(m.id),
        ...(m.code !== undefined ? { code: m.code } : {}),
        ...(m.message !== undefined ? { message: m.message } : {}),
        ...(m.data ? { data: textOf(m.data) } : {}),
      };
    default: {
      const never: never = m;
      return never;
    }
  }
}

function item(m: JsonRpcSingle | JsonRpcInvalid): JsonRpcSingleRecord | JsonRpcInvalidItem {
  return m.kind === 'invalid' ? { kind: 'invalid', code: m.code } : single(m);
}

type Note = { code: string; params?: Record<string, string | number> };

/** An answer takes the method of the request with its id; a different id is noted. */
function pair(r: JsonRpcSingleRecord, req: JsonRpcRecord, notes: Note[]): void {
  if (r.kind !== 'result' && r.kind !== 'error') return;
  const reqs = req.kind === 'batch' ? req.items : [req];
  const q = reqs.find((x) => x.kind === 'request' && x.id === r.id);
  if (q?.kind === 'request') r.method = q.method;
  else if (req.kind === 'request' && !(r.kind === 'error' && r.id === null))
    // (an error with id null answers a request whose id could not be read)
    notes.push({ code: 'jsonrpc.id.mismatch', params: { request: idText(req.id), response: idText(r.id) } });
}

function isJsonRpc(r: CarriedRecord | undefined): r is JsonRpcRecord {
  return r?.proto === 'jsonrpc';
}

/** The reading of one HTTP message's body (undefined: not JSON-RPC). */
export function read(m: CarrierMessage): CarriedReading | undefined {
  const req = isJsonRpc(m.request) ? m.request : undefined;
  const answer = m.kind === 'response' && req !== undefined;
  if (!answer && (m.body.length === 0 || !jsonType(m.contentType) || !looksLikeJsonRpc(m.body))) return undefined;
  if (answer && m.body.length === 0) {
    // a notification's answer is no answer at all (HTTP 204 or an empty 200)
    return req.kind === 'notification' ? undefined : { notes: [{ code: 'jsonrpc.response.missing' }] };
  }
  if (answer && !jsonType(m.contentType)) return { notes: [{ code: 'jsonrpc.response.missing' }] };
  if (!m.whole) return { notes: [{ code: 'jsonrpc.body.partial' }] };
  const d = decode(m.body);
  switch (d.kind) {
    case 'ok': {
      const notes: Note[] = [];
      const msg = d.message;
      const record: JsonRpcRecord =
        msg.kind === 'batch' ? { proto: 'jsonrpc', kind: 'batch', items: msg.items.map(item) } : single(msg);
      if (req) {
        if (record.kind === 'batch') for (const x of record.items) if (x.kind !== 'invalid') pair(x, req, notes);
        if (record.kind !== 'batch') pair(record, req, notes);
      }
      const reading: { -readonly [K in keyof CarriedReading]: CarriedReading[K] } = { record };
      if (notes.length > 0) reading.notes = notes;
      // an error object (the first of a batch): its code and message
      const e = record.kind === 'batch' ? record.items.find((x) => x.kind === 'error') : record;
      if (e?.kind === 'error') {
        reading.error = [e.code, e.message].filter((x) => x !== undefined).join(' ') || 'error';
        if (e.method !== undefined) reading.call = e.method;
      }
      return reading;
    }
    case 'malformed':
      return { notes: [{ code: d.code, ...(d.params ? { params: { ...d.params } } : {}) }] };
    case 'truncated':
    case 'unsupported':
      return answer ? { notes: [{ code: 'jsonrpc.response.missing' }] } : undefined;
    default: {
      const never: never = d;
      return never;
    }
  }
}
