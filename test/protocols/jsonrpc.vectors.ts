/** Byte vectors of the jsonrpc decoder tests (shared with the contract test). */

export const JSONRPC_VECTORS = [
  '{"jsonrpc": "2.0", "method": "add", "params": [10, 2], "id": 1}',
  '{"result": 5.0, "id": 1, "jsonrpc": "2.0"}',
  '{"error": {"code": -32601, "message": "Method not found"}, "id": 1, "jsonrpc": "2.0"}',
  '{"jsonrpc": "2.0", "method": "notify_hello", "params": {"who": "kelas \\u00e9"}}',
  '[{"jsonrpc": "2.0", "method": "a", "id": "x"}, {"jsonrpc": "2.0", "method": "b"}, 7]',
  '{"method": "echo", "params": ["hi"], "id": 3}',
  '{"result": null, "error": {"code": 1, "message": "bad"}, "id": 3}',
];
