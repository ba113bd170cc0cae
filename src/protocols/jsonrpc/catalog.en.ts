import type { Catalogue } from '../../explain/catalog/types.js';

/** English texts of JSON-RPC (carried in HTTP bodies): its frame sentences, story, overview entries and note codes. */
export const en: Catalogue = {
  'app.jsonrpc': 'JSON-RPC',
  'frag.jsonrpc.call': 'the call of {method} (id {id})',
  'frag.jsonrpc.id': 'the call with id {id}',
  'ex.jsonrpc.request':
    '{who} {addr} calls {call} on {peer_who} {peer_addr} (JSON-RPC {version}, id {id}), in the body of {carrier}.',
  'ex.jsonrpc.notification':
    '{who} {addr} sends the JSON-RPC notification {call} in the body of {carrier}: it has no id, so no answer comes back.',
  'ex.jsonrpc.result': '{who} {addr} answers {call} with the result {result}, in the body of {carrier}.',
  'ex.jsonrpc.result.lat':
    '{who} {addr} answers {call} from frame {req} with the result {result}, in the body of {carrier}, {latency} later.',
  'ex.jsonrpc.error':
    '{who} {addr} answers {call} with the JSON-RPC error {error}{detail}, in the body of {carrier}.{meaning}',
  'ex.jsonrpc.error.lat':
    '{who} {addr} answers {call} from frame {req} with the JSON-RPC error {error}{detail}, in the body of {carrier}, {latency} later.{meaning}',
  'ex.jsonrpc.batch':
    '{who} {addr} sends a JSON-RPC batch of {count} {count:message|messages} ({items}) in the body of {carrier}.',
  'jsonrpc.meaning.parse': 'The code -32700 means the server could not parse the JSON.',
  'jsonrpc.meaning.invalid': 'The code -32600 means the request is not a valid JSON-RPC request.',
  'jsonrpc.meaning.method': 'The code -32601 means the server has no method of that name.',
  'jsonrpc.meaning.params': 'The code -32602 means the params do not fit the method.',
  'jsonrpc.meaning.internal': 'The code -32603 is an internal error of the JSON-RPC server.',
  'jsonrpc.meaning.server': 'Codes from -32000 to -32099 are left to the server: here the method failed while it ran.',
  'story.jsonrpc':
    '{who} {addr} makes {count} JSON-RPC {count:call|calls} to {s_who} {s_addr}, {count:in one {via} request|each in its own {via} request}: {pairs}.',
  'story.jsonrpc.error': '{call} fails with the JSON-RPC error {error}.',
  'story.jsonrpc.error.data': '{call} fails with the JSON-RPC error {error}; its data names the cause: {detail}.',
  'ov.conv.jsonrpc': 'JSON-RPC over {via}, {count} {count:call|calls} ({methods})',
  'role.jsonrpc.server': 'JSON-RPC server (over {via}) on :{port}',
  'role.jsonrpc.client': 'JSON-RPC client of {server}',
  'jsonrpc.json.invalid': 'The body looks like JSON-RPC but is not valid JSON ({json}).',
  'jsonrpc.not_jsonrpc': 'The JSON body is not a JSON-RPC message.',
  'jsonrpc.version.bad': 'The "jsonrpc" member is not "2.0".',
  'jsonrpc.method.bad': 'The "method" member of a JSON-RPC request is not a string.',
  'jsonrpc.response.bad': 'A JSON-RPC 2.0 response must have exactly one of "result" and "error".',
  'jsonrpc.id.bad': 'A JSON-RPC id must be a number, a string or null.',
  'jsonrpc.batch.empty': 'An empty JSON-RPC batch ([]) is an invalid request.',
  'jsonrpc.not_object': 'A JSON-RPC message must be a JSON object.',
  'jsonrpc.id.mismatch':
    'The JSON-RPC response has the id {response}, but the request it answers has the id {request}.',
  'jsonrpc.response.missing': 'The answer to this JSON-RPC request is not JSON-RPC.',
  'jsonrpc.body.partial': 'The JSON-RPC body is incomplete (bytes missing, cut or compressed) and is not read.',
};
