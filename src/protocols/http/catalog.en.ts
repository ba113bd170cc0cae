import type { Catalogue } from '../../explain/catalog/types.js';

/** English texts of this protocol: its frame sentences, story, overview and teaching entries, and its note codes. */
export const en: Catalogue = {
  'app.http': 'HTTP',
  'lbl.http.request': 'the {nth} HTTP request',
  'lbl.http.response': 'the {nth} HTTP response',
  'ex.http.request': '{who} {addr} sends the HTTP request {method} {uri} to {server}.',
  'ex.http.request.body': '{who} {addr} sends the HTTP request {method} {uri} to {server} with the body {body}.',
  'ex.http.response': '{who} {addr} answers with HTTP {status} {text}.',
  'ex.http.response.lat': '{who} {addr} answers the request of frame {req} with HTTP {status} {text}, {latency} later.',
  'ex.http.response.body': '{who} {addr} answers with HTTP {status} {text} and the body {body}.',
  'ex.http.response.body.lat':
    '{who} {addr} answers the request of frame {req} with HTTP {status} {text} and the body {body}, {latency} later.',
  'frag.http.request': 'the HTTP request {method} {uri}',
  'frag.http.response': 'the HTTP response {status} {text}',
  'ex.http.until_close':
    'The response has no Content-Length: its body ends where the server closes the connection, so the client knows it has the whole body only at the FIN.',
  'ex.http.incomplete': 'It is incomplete: {got} of the {of} bytes of its body are in the capture.',
  'ex.http.incomplete.nolen': 'It is incomplete: the capture holds only part of it.',
  'story.http.until_close':
    'The response announces no Content-Length: the server marks the end of the body by closing the connection (FIN).',
  'story.http.close10.byclient':
    'The response is HTTP/1.0 without keep-alive, so the connection carries this one request; the client, with the whole response in hand (its Content-Length said how long it is), closes it first.',
  'story.http.close10.byclient.server':
    'The response of the server ({server}) is HTTP/1.0 without keep-alive, so the connection carries this one request; the client, with the whole response in hand (its Content-Length said how long it is), closes it first.',
  'story.http.close.byclient.server':
    'The response of the server ({server}) says Connection: close, so the connection carries no further request; the client, with the whole response in hand, closes it first.',
  'story.http.close.byclient':
    'The response says Connection: close, so the connection carries no further request; the client, with the whole response in hand, closes it first.',
  'story.http': '{who} {addr} sends {count} HTTP {count:request|requests} to {s_who} {s_addr}: {pairs}.',
  'story.http.chunked':
    'The response to {req} comes in chunks (Transfer-Encoding: chunked, {bytes} bytes of body in all): the server sends it piece by piece without announcing its length first.',
  'story.http.incomplete': '(incomplete: {got} of {of} bytes of its body in the capture)',
  'story.http.incomplete.nolen': '(incomplete: only part of it in the capture)',
  'story.http.reuse':
    'All {count} requests travel over this one TCP connection: HTTP/1.1 keep-alive keeps it open between requests.',
  'story.http.reuse.two':
    'Both requests travel over this one TCP connection: HTTP/1.1 keep-alive keeps it open between requests.',
  'story.http.close': 'The response says Connection: close, so the server closes this TCP connection after answering.',
  'story.http.close.server':
    'The response of the server ({server}) says Connection: close, so it closes this TCP connection after answering.',
  'story.http.close10':
    'The response is HTTP/1.0 without keep-alive, so the server closes this TCP connection after answering.',
  'story.http.close10.server':
    'The response of the server ({server}) is HTTP/1.0 without keep-alive, so it closes this TCP connection after answering.',
  'story.http.close.werkzeug':
    "The response of Werkzeug's development server (the server Flask's app.run() starts; Server: {server}) says Connection: close, so it closes this TCP connection after answering.",
  'story.http.close10.werkzeug':
    "The response of Werkzeug's development server (the server Flask's app.run() starts; Server: {server}) is HTTP/1.0 without keep-alive, so it closes this TCP connection after answering.",
  'story.http.close.next': 'One request per connection: the next request opens a new TCP connection (#{id}).',
  'story.http.close.asked': 'The client had asked for it: its request says Connection: close.',
  'story.http.close.asked10': 'The client had asked for it: its request is HTTP/1.0 without Connection: keep-alive.',
  'ov.conv.http': 'HTTP, {count} {count:request|requests} ({methods})',
  'role.http.server': 'HTTP server on :{port}',
  'role.http.client': 'HTTP client of {server}',
  'http.header.too_long': 'The HTTP header block is longer than {max} bytes; this direction is not decoded further.',
  'http.malformed': 'These bytes are not valid HTTP ({reason}); this direction is not decoded further.',
  'http.body.capped': 'The body has {total} bytes; only the first {kept} are kept for display.',
  'http.content_encoding': 'The body is compressed ({encoding}) and is not decoded.',
  'http.incomplete': 'The connection ended (or bytes are missing) in the middle of an HTTP message.',
  'http.gap':
    'Bytes are missing from the capture in this direction: the HTTP message in progress is cut short, and decoding goes on at the next request or status line.',
  'http.upgrade': 'The connection switches to another protocol (Upgrade); what follows is not HTTP.',
  'http.connect.tunnel': 'CONNECT opened a tunnel; what follows is not HTTP.',
  'ov.ab.http.one':
    'Connection #{id}: {server} answered an HTTP request with an error status in frame {frame}: {first}.',
  'ov.ab.http':
    'Connection #{id}: {server} answered {count} HTTP requests with an error status, the first in frame {frame}: {first}.',
  'ov.ab.http.carried.one':
    'Connection #{id}: {server} answered a {protocol} call with an error in frame {frame}: {first} (the HTTP status, {status}, does not show it).',
  'ov.ab.http.carried':
    'Connection #{id}: {server} answered {count} {protocol} calls with an error, the first in frame {frame}: {first} (the HTTP status, {status}, does not show it).',
  'ov.ab.http.noanswer.one':
    'Connection #{id}: the HTTP request {first} of frame {frame} got no response from {server} in the capture.',
  'ov.ab.http.noanswer':
    'Connection #{id}: {count} HTTP requests got no response from {server} in the capture, the first in frame {frame}: {first}.',
  'http.response.unmatched': 'This response ({code}) answers no request seen in the capture.',
  'http.dissector_bug': 'Internal error while decoding HTTP ({reason}); please report it.',
  'http.response.unpaired': 'An HTTP response arrived with no request before it on this connection.',
};
