import { describe, expect, it } from 'vitest';
import type { HttpMessage, HttpRequest, HttpResponse } from '../../../src/protocols/http/decode.js';
import {
  HttpStream,
  looksLikeHttp,
  newHttpPair,
  splitUri,
  startsHttpMessage,
} from '../../../src/protocols/http/decode.js';
import {
  GET_ADD,
  PIPELINE,
  RESP_CHUNKED,
  RESP_JSON,
  RESP_PIPELINE,
  RESP_UNTIL_CLOSE_1,
  RESP_UNTIL_CLOSE_2,
} from '../../dissectors/app/http.vectors.js';
import { cat, t } from '../../dissectors/app/util.js';

function feed(s: HttpStream, chunks: [Uint8Array, number][], fin = false) {
  const messages: HttpMessage[] = [];
  const notes: string[] = [];
  for (const [b, f] of chunks) {
    const o = s.push(b, f);
    messages.push(...o.messages);
    notes.push(...o.notes.map((n) => n.code));
  }
  if (fin) {
    const o = s.end();
    messages.push(...o.messages);
    notes.push(...o.notes.map((n) => n.code));
  }
  return { messages, notes };
}

const text = (b: Uint8Array) => new TextDecoder().decode(b);

describe('http requests', () => {
  it('GET with query parameters', () => {
    const { messages, notes } = feed(new HttpStream('request'), [[GET_ADD, 4]]);
    expect(notes).toEqual([]);
    expect(messages).toHaveLength(1);
    const r = messages[0] as HttpRequest;
    expect(r).toMatchObject({
      kind: 'request',
      method: 'GET',
      uri: '/add?a=5&b=9',
      path: '/add',
      query: { a: '5', b: '9' },
      version: '1.1',
      keep_alive: true,
      body_len: 0,
      complete: true,
      frames: [4],
      first_frame: 4,
      last_frame: 4,
    });
    expect(r.headers[0]).toEqual({ name: 'Host', value: '127.0.0.1:41315' });
  });

  it('a request split over three segments records its frames', () => {
    const s = new HttpStream('request');
    const { messages } = feed(s, [
      [GET_ADD.subarray(0, 10), 1],
      [GET_ADD.subarray(10, 40), 2],
      [GET_ADD.subarray(40), 3],
    ]);
    expect(messages[0]).toMatchObject({ frames: [1, 2, 3], first_frame: 1, last_frame: 3, query: { a: '5', b: '9' } });
  });

  it('keep-alive pipeline of two requests in one segment; the JSON body kept whole (the session hands it to JSON-RPC)', () => {
    const { messages } = feed(new HttpStream('request'), [[PIPELINE, 9]]);
    expect(messages.map((m) => (m as HttpRequest).method)).toEqual(['GET', 'POST']);
    expect(messages[1]).toMatchObject({
      index: 1,
      content_length: 54,
      content_type: 'application/json',
      frames: [9],
      payload: { encoding: 'json' },
      encoded: false,
      complete: true,
      body_capped: false,
    });
  });

  it('splitUri: repeated and encoded parameters, absolute-form, __proto__ stays a key', () => {
    expect(splitUri('/s?q=a+b&q=%C3%A9&x')).toEqual({ path: '/s', query: { q: ['a b', 'é'], x: '' } });
    expect(splitUri('http://example.com:8080/p/q?k=v#frag')).toEqual({ path: '/p/q', query: { k: 'v' } });
    const { query } = splitUri('/?__proto__=1');
    expect(Object.keys(query)).toEqual(['__proto__']);
    expect(Object.getPrototypeOf(query)).toBe(Object.prototype);
  });
});

describe('http responses', () => {
  it('response with a JSON body (Flask)', () => {
    const { messages, notes } = feed(new HttpStream('response'), [[RESP_JSON, 6]]);
    expect(notes).toEqual([]);
    const r = messages[0] as HttpResponse;
    expect(r).toMatchObject({
      kind: 'response',
      code: 200,
      phrase: 'OK',
      version: '1.0',
      content_length: 14,
      content_type: 'application/json',
      keep_alive: false,
      payload: { encoding: 'json', value: { result: 14 } },
    });
    expect(text(r.body)).toBe('{"result":14}\n');
  });

  it('chunked response with trailer', () => {
    const { messages } = feed(new HttpStream('response'), [[RESP_CHUNKED, 3]]);
    const r = messages[0] as HttpResponse;
    expect(r).toMatchObject({
      chunked: true,
      body_len: 12,
      trailers: [{ name: 'X-Checksum', value: 'abc' }],
      complete: true,
    });
    expect(text(r.body)).toBe('hello, world');
  });

  it('chunked response split at every byte boundary gives the same message', () => {
    for (let cut = 1; cut < RESP_CHUNKED.length; cut++) {
      const { messages } = feed(new HttpStream('response'), [
        [RESP_CHUNKED.subarray(0, cut), 1],
        [RESP_CHUNKED.subarray(cut), 2],
      ]);
      expect(messages, `cut ${cut}`).toHaveLength(1);
      expect(text(messages[0]!.body)).toBe('hello, world');
      expect(messages[0]!.last_frame).toBe(2);
    }
  });

  it('until-close body completes at the end of the stream (Werkzeug streaming)', () => {
    const s = new HttpStream('response');
    const a = feed(s, [
      [RESP_UNTIL_CLOSE_1, 10],
      [RESP_UNTIL_CLOSE_2, 11],
    ]);
    expect(a.messages).toEqual([]);
    const e = s.end(12);
    expect(e.messages[0]).toMatchObject({ code: 200, body_len: 11, complete: true, frames: [10, 11] });
    expect(text(e.messages[0]!.body)).toBe('hello world');
  });

  it('HEAD, 204 and 304 responses have no body; methods come from the request side in order', () => {
    const { request, response } = newHttpPair();
    request.push(
      t('HEAD /big HTTP/1.1\r\nHost: x\r\n\r\nGET /n HTTP/1.1\r\nHost: x\r\n\r\nGET /c HTTP/1.1\r\nHost: x\r\n\r\n'),
      1,
    );
    const { messages, notes } = feed(response, [
      [
        t(
          'HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\n' + // HEAD: Content-Length but no body
            'HTTP/1.1 204 No Content\r\n\r\n' +
            'HTTP/1.1 304 Not Modified\r\nContent-Length: 50\r\n\r\n',
        ),
        2,
      ],
    ]);
    expect(notes).toEqual([]);
    expect(messages.map((m) => [(m as HttpResponse).code, (m as HttpResponse).request_method, m.body_len])).toEqual([
      [200, 'HEAD', 0],
      [204, 'GET', 0],
      [304, 'GET', 0],
    ]);
    expect(messages[0]).toMatchObject({ content_length: 1000 });
  });

  it('pipelined responses pair with pipelined requests; 100 Continue does not take a request', () => {
    const { request, response } = newHttpPair();
    request.push(PIPELINE, 1);
    const { messages } = feed(response, [[cat(t('HTTP/1.1 100 Continue\r\n\r\n'), RESP_PIPELINE), 2]]);
    expect(messages.map((m) => [(m as HttpResponse).code, (m as HttpResponse).request_method ?? null])).toEqual([
      [100, null],
      [200, 'GET'],
      [200, 'POST'],
    ]);
    expect(messages[2]).toMatchObject({ payload: { encoding: 'json' }, encoded: false, complete: true });
  });

  it('101 Switching Protocols stops the direction', () => {
    const s = new HttpStream('response');
    const o = s.push(
      t('HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\r\n\x81\x05hello'),
      1,
    );
    expect(o.messages).toHaveLength(1);
    expect(o.notes.map((n) => [n.code, n.params?.protocol])).toEqual([['http.upgrade', 'websocket']]);
    expect(s.stopped).toBe('upgrade');
    expect(s.push(t('more'), 2).messages).toEqual([]);
  });

  it('CONNECT tunnel', () => {
    const { request, response } = newHttpPair();
    const r = request.push(t('CONNECT example.com:443 HTTP/1.1\r\nHost: example.com:443\r\n\r\n\x16\x03\x01'), 1);
    expect(r.messages[0]).toMatchObject({ method: 'CONNECT', uri: 'example.com:443' });
    expect(request.stopped).toBe('tunnel');
    const s = response.push(t('HTTP/1.1 200 Connection established\r\n\r\n\x16\x03\x03'), 2);
    expect(s.messages[0]).toMatchObject({ code: 200, request_method: 'CONNECT', body_len: 0 });
    expect(response.stopped).toBe('tunnel');
  });

  it('body kept up to the cap, the rest counted', () => {
    const body = 'x'.repeat(5000);
    const s = new HttpStream('response', { maxBody: 1000 });
    const { messages, notes } = feed(s, [[t(`HTTP/1.1 200 OK\r\nContent-Length: 5000\r\n\r\n${body}`), 1]]);
    expect(messages[0]).toMatchObject({ body_len: 5000, body_capped: true });
    expect(messages[0]!.body).toHaveLength(1000);
    expect(messages[0]).not.toHaveProperty('payload');
    expect(notes).toEqual(['http.body.capped']);
  });

  it('kept body is a copy (the capture buffer may be reused)', () => {
    const buf = t('HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok');
    const { messages } = feed(new HttpStream('response'), [[buf, 1]]);
    buf.fill(0);
    expect(text(messages[0]!.body)).toBe('ok');
  });
});

describe('http errors', () => {
  const cases: [string, string | Uint8Array, 'request' | 'response'][] = [
    ['http.malformed', 'GARBAGE\r\n\r\n', 'request'],
    ['http.malformed', 'FOO / HTTP/1.1\r\n\r\n', 'request'], // unknown method
    ['http.malformed', 'HTTP/1.1 abc OK\r\n\r\n', 'response'],
    ['http.malformed', 'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhelloXX\r\n', 'response'], // data after the chunk
    ['http.malformed', 'HTTP/1.1 200 OK\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\n', 'response'],
    ['http.header.too_long', `GET / HTTP/1.1\r\nX: ${'a'.repeat(70_000)}\r\n\r\n`, 'request'],
    ['http.header.too_long', `GET /${'a'.repeat(70_000)}`, 'request'], // one endless line
    ['http.incomplete', 'HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nabc', 'response'], // then FIN
    ['http.incomplete', 'GET / HTTP/1.1\r\nHost: x', 'request'], // FIN inside the header
    [
      'http.content_encoding',
      'HTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\nContent-Length: 3\r\n\r\n\x1f\x8b\x08',
      'response',
    ],
  ];
  it.each(cases)('%s ← %#', (code, input, type) => {
    const s = new HttpStream(type);
    const { notes } = feed(s, [[typeof input === 'string' ? t(input) : input, 1]], true);
    expect(notes).toContain(code);
  });

  it('header cap holds when the header arrives in many small segments', () => {
    const s = new HttpStream('request', { maxHeader: 4096 });
    const notes: string[] = [];
    s.push(t('GET / HTTP/1.1\r\n'), 1);
    for (let i = 0; i < 100 && !s.stopped; i++)
      notes.push(...s.push(t(`X-${i}: ${'v'.repeat(90)}\r\n`), i + 2).notes.map((n) => n.code));
    expect(notes).toEqual(['http.header.too_long']);
    expect(s.stopped).toBe('header_too_long');
  });

  it('an incomplete message is still emitted at FIN, marked incomplete', () => {
    const s = new HttpStream('response');
    const { messages } = feed(s, [[t('HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nabc'), 1]], true);
    expect(messages[0]).toMatchObject({ complete: false, body_len: 3 });
  });

  it('gap stops the direction', () => {
    const s = new HttpStream('request');
    s.push(t('POST / HTTP/1.1\r\nContent-Length: 100\r\n\r\nabc'), 1);
    const g = s.gap(2, 50);
    expect(g.notes.map((n) => n.code)).toEqual(['http.gap', 'http.incomplete']);
    expect(g.messages[0]).toMatchObject({ complete: false });
    expect(s.stopped).toBe('gap');
  });

  it('response without a known request is noted', () => {
    const { response } = newHttpPair();
    expect(response.push(t('HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n'), 1).notes.map((n) => n.code)).toEqual([
      'http.response.unmatched',
    ]);
  });
});

describe('startsHttpMessage (resynchronising after lost bytes)', () => {
  it.each([
    ['GET /add?a=5&b=9 HTTP/1.1\r\nHost: x\r\n\r\n', 'request', true],
    ['POST /echo HTTP/1.0\r\n', 'request', true],
    ['M-SEARCH * HTTP/1.1\r\n', 'request', true],
    ['HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok', 'response', true],
    ['HTTP/1.0 404 \r\n', 'response', true],
    ['HTTP/1.1 204\r\n', 'response', true],
    ['GET /add HTTP/1.1\r\n', 'response', false], // a request line where responses go
    ['HTTP/1.1 200 OK\r\n', 'request', false],
    ['GET /add?a=5&b=9 HTTP/1.1', 'request', false], // the line does not end in this segment
    ['FETCH / HTTP/1.1\r\n', 'request', false], // not a method http-parser-js knows
    ['get / HTTP/1.1\r\n', 'request', false],
    ['GET  / HTTP/1.1\r\n', 'request', false],
    ['HTTP/2 200\r\n', 'response', false],
    ['HTTP/1.1 999 Nope\r\n', 'response', false],
    ['{"result":14}\n', 'response', false], // a body segment
    ['ta":[1,2]}\r\nGET / HTTP/1.1\r\n', 'request', false], // a request line later in the segment
  ] as const)('%j as %s → %s', (s, type, want) => {
    expect(startsHttpMessage(t(s), type)).toBe(want);
  });

  it('restart() gives a direction a fresh parser; the other keeps its own', () => {
    const pair = newHttpPair();
    pair.request.push(t('POST / HTTP/1.1\r\nContent-Length: 100\r\n\r\nab'), 1);
    pair.request.gap(2, 50);
    expect(pair.request.stopped).toBe('gap');
    const response = pair.response;
    const fresh = pair.restart('request');
    expect(pair.request).toBe(fresh);
    expect(pair.response).toBe(response);
    expect(fresh.push(t('GET /x HTTP/1.1\r\n\r\n'), 3).messages.map((m) => (m as HttpRequest).method)).toEqual(['GET']);
  });
});

describe('looksLikeHttp', () => {
  it.each([
    ['GET / HTTP/1.1\r\n', 'request'],
    ['POST /x', 'request'],
    ['M-SEARCH * HTTP/1.1', 'request'],
    ['HTTP/1.1 200 OK', 'response'],
    ['HTTP/1.0 404', 'response'],
    ['GET', undefined],
    ['HELLO world', undefined],
    ['\x10\x38\x00\x04MQTT', undefined],
  ] as const)('%j → %s', (s, want) => {
    expect(looksLikeHttp(t(s))).toBe(want);
  });
});
