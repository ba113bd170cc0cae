/** http.* display-filter fields (Wireshark's names where Wireshark has the field), read from what each frame completed. */

import { entries, flag, hasApp, many, messages, pushEach } from '../../filter/fields/define.js';
import type { FieldTable, FrameView, Value } from '../../filter/types.js';

const app = (proto: string) => (v: FrameView) => hasApp(v, proto);

function header(h: Readonly<Record<string, string | string[]>> | undefined, name: string, out: Value[]): void {
  if (!h) return;
  for (const [k, x] of Object.entries(h)) {
    if (k.toLowerCase() !== name) continue;
    if (typeof x === 'string') out.push(x);
    else if (Array.isArray(x)) for (const y of x) if (typeof y === 'string') out.push(y);
  }
}

/** One 1 per request (response) the frame completes: two pipelined requests in a segment are 1,1 as in tshark. */
const eachOf = (kind: 'request' | 'response') => (v: FrameView, out: Value[]) => {
  for (const e of entries(v, 'http')) if (e.kind === kind) out.push(1);
};
/**
 * The messages a frame completes, without those cut short (the connection ended, bytes were lost): they sit at
 * the last frame that carried them, which tshark, whose reassembly never completes them, shows without http.*.
 */
const whole = (v: FrameView) => messages(v, 'http').filter((m) => m.complete !== false);

export const HTTP_FIELDS: FieldTable = {
  proto: 'http',
  title: 'Hypertext Transfer Protocol',
  fields: [
    flag('http', 'protocol', 'An HTTP request or response ends in this frame', app('http')),
    many(
      'http.request',
      'bool',
      'An HTTP request ends in this frame (1 per request; absent otherwise)',
      eachOf('request'),
    ),
    many(
      'http.response',
      'bool',
      'An HTTP response ends in this frame (1 per response; absent otherwise)',
      eachOf('response'),
    ),
    many('http.request.method', 'string', 'Request method (GET, POST…)', (v, out) =>
      pushEach(entries(v, 'http'), 'method', out),
    ),
    many('http.request.uri', 'string', 'Request target as sent (/api/items?id=1)', (v, out) =>
      pushEach(entries(v, 'http'), 'uri', out),
    ),
    many('http.request.version', 'string', 'HTTP version of a request (HTTP/1.1)', (v, out) => {
      for (const e of entries(v, 'http'))
        if (e.kind === 'request' && typeof e.version === 'string') out.push(e.version);
    }),
    many('http.response.code', 'uint', 'Status code (200, 404…)', (v, out) =>
      pushEach(entries(v, 'http'), 'status', out),
    ),
    many('http.response.phrase', 'string', 'Reason phrase (OK, Not Found…)', (v, out) =>
      pushEach(entries(v, 'http'), 'phrase', out),
    ),
    many('http.host', 'string', 'Host header', (v, out) => {
      for (const m of whole(v)) header(m.headers, 'host', out);
    }),
    many('http.user_agent', 'string', 'User-Agent header', (v, out) => {
      for (const m of whole(v)) header(m.headers, 'user-agent', out);
    }),
    many('http.server', 'string', 'Server header', (v, out) => {
      for (const m of whole(v)) header(m.headers, 'server', out);
    }),
    many('http.content_type', 'string', 'Content-Type header', (v, out) => {
      const ms = whole(v);
      if (ms.length > 0) for (const m of ms) header(m.headers, 'content-type', out);
      else pushEach(entries(v, 'http'), 'content_type', out);
    }),
  ],
};
