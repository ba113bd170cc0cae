/**
 * jsonrpc.* display-filter fields: pcap-explain's own names (Wireshark has no JSON-RPC dissector; its json
 * dissector shows the same values as json.member_with_value, json.value.*), read from the JSON-RPC records
 * the HTTP messages a frame completes carry. JSON values are their JSON text.
 */
import { carried, flag, many } from '../../filter/fields/define.js';
import type { FieldTable, FrameView, Value } from '../../filter/types.js';
import { idText, type JsonRpcSingleRecord } from './model.js';

/** The frame's JSON-RPC messages, a batch's one by one. */
function singles(v: FrameView): JsonRpcSingleRecord[] {
  const out: JsonRpcSingleRecord[] = [];
  for (const r of carried(v, 'jsonrpc')) {
    if (r.kind !== 'batch') out.push(r);
    else for (const x of r.items) if (x.kind !== 'invalid') out.push(x);
  }
  return out;
}

function each(get: (r: JsonRpcSingleRecord) => Value | undefined) {
  return (v: FrameView, out: Value[]) => {
    for (const r of singles(v)) {
      const x = get(r);
      if (x !== undefined) out.push(x);
    }
  };
}

export const JSONRPC_FIELDS: FieldTable = {
  proto: 'jsonrpc',
  title: 'JSON-RPC',
  fields: [
    flag(
      'jsonrpc',
      'protocol',
      'A JSON-RPC message ends in this frame (in a carried body)',
      (v) => singles(v).length > 0,
    ),
    many(
      'jsonrpc.request',
      'bool',
      'A JSON-RPC request or notification (1)',
      each((r) => (r.kind === 'request' || r.kind === 'notification' ? 1 : undefined)),
    ),
    many(
      'jsonrpc.response',
      'bool',
      'A JSON-RPC response: result or error (1)',
      each((r) => (r.kind === 'result' || r.kind === 'error' ? 1 : undefined)),
    ),
    many(
      'jsonrpc.version',
      'string',
      'Version: 2.0, or 1.0 without the jsonrpc member',
      each((r) => r.version),
    ),
    many(
      'jsonrpc.method',
      'string',
      'Method of a request or notification',
      each((r) => (r.kind === 'request' || r.kind === 'notification' ? r.method : undefined)),
    ),
    many(
      'jsonrpc.id',
      'string',
      'Id as JSON text (1, "abc", null)',
      each((r) => (r.kind === 'notification' ? undefined : idText(r.id))),
    ),
    many(
      'jsonrpc.params',
      'string',
      'Params as JSON text ([10, 2])',
      each((r) => (r.kind === 'request' || r.kind === 'notification' ? r.params : undefined)),
    ),
    many(
      'jsonrpc.result',
      'string',
      'Result as JSON text, numbers as written (5.0)',
      each((r) => (r.kind === 'result' ? r.result : undefined)),
    ),
    many(
      'jsonrpc.error.code',
      'int',
      'Error code (-32601…)',
      each((r) => (r.kind === 'error' ? r.code : undefined)),
    ),
    many(
      'jsonrpc.error.message',
      'string',
      'Error message',
      each((r) => (r.kind === 'error' ? r.message : undefined)),
    ),
  ],
};
