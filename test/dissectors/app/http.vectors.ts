import { t } from './util.js';

// GET /add and both Werkzeug responses were captured from curl 7.88 → Flask 2.2.2 (Werkzeug dev
// server) on loopback; the rest are hand-made from RFC 9112.

export const GET_ADD = t(
  'GET /add?a=5&b=9 HTTP/1.1\r\n' + // request line: method, origin-form URI with query, version
    'Host: 127.0.0.1:41315\r\n' +
    'User-Agent: curl/7.88.1\r\n' +
    'Accept: */*\r\n' +
    '\r\n', // end of header, no body (no Content-Length)
);

export const RESP_JSON = t(
  'HTTP/1.0 200 OK\r\n' + // status line (Werkzeug answers HTTP/1.0)
    'Server: Werkzeug/2.2.2 Python/3.11.2\r\n' +
    'Date: Sun, 22 Nov 2026 05:21:47 GMT\r\n' +
    'Content-Type: application/json\r\n' +
    'Content-Length: 14\r\n' + // body length
    'Connection: close\r\n' +
    '\r\n' +
    '{"result":14}\n', // body (14 octets)
);

/** Werkzeug streaming response: no Content-Length, body until the server closes (two segments). */
export const RESP_UNTIL_CLOSE_1 = t(
  'HTTP/1.0 200 OK\r\nServer: Werkzeug/2.2.2 Python/3.11.2\r\nDate: Sun, 22 Nov 2026 05:21:47 GMT\r\n' +
    'Content-Type: text/plain; charset=utf-8\r\nConnection: close\r\n\r\nhello ',
);
export const RESP_UNTIL_CLOSE_2 = t('world');

export const RESP_CHUNKED = t(
  'HTTP/1.1 200 OK\r\n' +
    'Content-Type: text/plain\r\n' +
    'Transfer-Encoding: chunked\r\n' +
    '\r\n' +
    '5\r\nhello\r\n' + // chunk of 5
    '7;ext=1\r\n, world\r\n' + // chunk of 7 with an extension
    '0\r\n' + // last chunk
    'X-Checksum: abc\r\n' + // trailer
    '\r\n',
);

/** Two keep-alive requests in one segment (pipelining); the second is a POST with a JSON-RPC body. */
export const PIPELINE = t(
  'GET /a HTTP/1.1\r\nHost: x\r\n\r\n' +
    'POST /rpc HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 54\r\n\r\n' +
    '{"jsonrpc":"2.0","method":"add","params":[5,9],"id":1}',
);

export const RESP_PIPELINE = t(
  'HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok' +
    'HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 36\r\n\r\n{"jsonrpc":"2.0","result":14,"id":1}',
);
