/**
 * JSON-RPC 2.0 / 1.0 from a body (an HTTP request or response body, a line on a socket): a pure decoder.
 *
 *   request        {"jsonrpc": "2.0", "method": m, "params": [..] | {..} (optional), "id": n | s | null}
 *   notification   the same without "id" (2.0); 1.0: "id": null
 *   response       {"jsonrpc": "2.0", "result": v, "id": ..} or {"jsonrpc": "2.0", "error": {code, message,
 *                  data?}, "id": ..}; 1.0 responses carry both "result" and "error", one of them null
 *   1.0            no "jsonrpc" member: an object counts as 1.0 only with every member 1.0 requires
 *                  (method, params, id / result, error, id), so {"result": 14} from a REST API is not JSON-RPC
 *   batch (2.0)    an array of the above
 *
 * Outcomes: not JSON → malformed `jsonrpc.json.invalid` (params: the JSON parser's code); JSON that is not
 * JSON-RPC (no "jsonrpc", "method", "result" or "error") → unsupported `jsonrpc.not_jsonrpc`; a "jsonrpc"
 * member other than "2.0" → malformed `jsonrpc.version.bad`; "method" not a string → `jsonrpc.method.bad`;
 * a 2.0 response with both or neither of result/error → `jsonrpc.response.bad`; an id that is not a number,
 * string or null → `jsonrpc.id.bad`; an empty batch → `jsonrpc.batch.empty`. Never throws.
 */
import { malformed, type Outcome } from '../reader.js';
import { type JsonNode, member, parseJson } from './json.js';
import type { JsonRpcId, JsonRpcInvalid, JsonRpcMessage, JsonRpcSingle, JsonRpcVersion } from './types.js';

export const JSONRPC_NOTES = {
  'jsonrpc.json.invalid': 'error',
  'jsonrpc.not_jsonrpc': 'note',
  'jsonrpc.version.bad': 'error',
  'jsonrpc.method.bad': 'error',
  'jsonrpc.response.bad': 'error',
  'jsonrpc.id.bad': 'error',
  'jsonrpc.batch.empty': 'error',
  'jsonrpc.not_object': 'error',
} as const;

/** Cheap test before parsing: the body starts (after whitespace) with { or [ and names a JSON-RPC member. */
export function looksLikeJsonRpc(b: Uint8Array): boolean {
  let i = 0;
  while (i < b.length && (b[i] === 0x20 || b[i] === 0x09 || b[i] === 0x0a || b[i] === 0x0d)) i++;
  if (b[i] !== 0x7b && b[i] !== 0x5b) return false;
  const head = new TextDecoder('latin1').decode(b.subarray(i, Math.min(b.length, i + 4096)));
  return /"jsonrpc"\s*:/.test(head) || (/"method"\s*:/.test(head) && /"id"\s*:/.test(head));
}

function idOf(n: JsonNode | undefined): JsonRpcId | 'bad' | undefined {
  if (n === undefined) return undefined;
  if (n.type === 'number') return { type: 'number', value: n.value, text: n.text };
  if (n.type === 'string') return { type: 'string', value: n.value };
  if (n.type === 'null') return { type: 'null' };
  return 'bad';
}

type One = JsonRpcSingle | { bad: string; at: number } | { notRpc: true };

function single(n: JsonNode): One {
  if (n.type !== 'object') return { bad: 'jsonrpc.not_object', at: n.span.offset };
  const at = n.span.offset;
  const span = n.span;
  const jsonrpc = member(n, 'jsonrpc');
  const method = member(n, 'method');
  const result = member(n, 'result');
  const error = member(n, 'error');
  const idNode = member(n, 'id');
  if (!jsonrpc && !method && !result && !error) return { notRpc: true };
  // JSON-RPC 1.0 has no version member, so an object is 1.0 only with all the members 1.0 requires
  // (a REST answer {"result": 14} is not JSON-RPC)
  if (!jsonrpc) {
    const full = method ? member(n, 'params') && idNode : result && error && idNode;
    if (!full) return { notRpc: true };
  }
  let version: JsonRpcVersion = '1.0';
  if (jsonrpc) {
    if (jsonrpc.type !== 'string' || jsonrpc.value !== '2.0')
      return { bad: 'jsonrpc.version.bad', at: jsonrpc.span.offset };
    version = '2.0';
  }
  const id = idOf(idNode);
  if (id === 'bad') return { bad: 'jsonrpc.id.bad', at: idNode!.span.offset };
  if (method) {
    if (method.type !== 'string') return { bad: 'jsonrpc.method.bad', at: method.span.offset };
    const params = member(n, 'params');
    const isNotification = id === undefined || (version === '1.0' && id.type === 'null');
    if (isNotification) return { kind: 'notification', version, method: method.value, params, span };
    return { kind: 'request', version, id, method: method.value, params, span };
  }
  // a response
  const hasError = error !== undefined && !(version === '1.0' && error.type === 'null');
  const hasResult = result !== undefined && !(version === '1.0' && hasError && result.type === 'null');
  if (version === '2.0' && hasError === hasResult) return { bad: 'jsonrpc.response.bad', at };
  if (version === '1.0' && !hasError && !hasResult) return { bad: 'jsonrpc.response.bad', at };
  const rid: JsonRpcId = id ?? { type: 'null' };
  if (hasError) {
    const code = member(error!, 'code');
    const message = member(error!, 'message');
    return {
      kind: 'error',
      version,
      id: rid,
      code: code?.type === 'number' ? code.value : undefined,
      message: message?.type === 'string' ? message.value : undefined,
      data: member(error!, 'data'),
      error: error!,
      span,
    };
  }
  return { kind: 'result', version, id: rid, result: result!, span };
}

/** Decodes one JSON-RPC body (UTF-8 bytes). */
export function decode(body: Uint8Array): Outcome<JsonRpcMessage> {
  const p = parseJson(body);
  if (!p.ok) return malformed('jsonrpc.json.invalid', p.at, { json: p.code });
  const root = p.value;
  if (root.type === 'array') {
    if (root.items.length === 0) return malformed('jsonrpc.batch.empty', root.span.offset);
    const items: (JsonRpcSingle | JsonRpcInvalid)[] = [];
    for (const it of root.items) {
      const one = single(it);
      if ('kind' in one) items.push(one);
      else if ('bad' in one) items.push({ kind: 'invalid', code: one.bad, span: it.span });
      else items.push({ kind: 'invalid', code: 'jsonrpc.not_jsonrpc', span: it.span });
    }
    return { kind: 'ok', message: { kind: 'batch', items, span: root.span } };
  }
  const one = single(root);
  if ('kind' in one) return { kind: 'ok', message: one };
  if ('bad' in one) return malformed(one.bad, one.at);
  return { kind: 'unsupported', code: 'jsonrpc.not_jsonrpc' };
}
