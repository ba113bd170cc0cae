/**
 * Applications on HTTP (the carried protocols JSON-RPC and SOAP): their readers on hand-made messages, and the
 * course's RPC and SOAP captures told frame by frame and as a story in both languages, with their jsonrpc.* /
 * soap.* fields checked against tshark's http + json / xml fields and the peers' logs.
 */
import { describe, expect, it } from 'vitest';
import type { CarrierMessage } from '../../src/analysis/app/protocol.js';
import { read as readJsonRpc } from '../../src/protocols/jsonrpc/read.js';
import { read as readSoap } from '../../src/protocols/soap/read.js';
import { FIXTURES, HAVE_TSHARK, runCli } from '../helpers/fixtures.js';
import { lazy, peersLog, tsharkAll } from './streams.js';

const enc = (s: string) => new TextEncoder().encode(s);
const RPC = `${FIXTURES}/course-rpc.pcap`;
const SOAP = `${FIXTURES}/course-soap.pcap`;

function msg(kind: 'request' | 'response', body: string, more: Partial<CarrierMessage> = {}): CarrierMessage {
  const headers = new Map<string, string>();
  return {
    kind,
    contentType: 'application/json',
    header: (n) => headers.get(n.toLowerCase()),
    body: enc(body),
    whole: true,
    ...more,
  };
}

describe('JSON-RPC reader', () => {
  it('a call by content type and shape; params and result as JSON text, numbers as written', () => {
    const req = readJsonRpc(msg('request', '{"jsonrpc": "2.0", "method": "add", "params": [10, 2], "id": 1}'));
    expect(req?.record).toEqual({
      proto: 'jsonrpc',
      version: '2.0',
      kind: 'request',
      method: 'add',
      id: 1,
      params: '[10, 2]',
    });
    const rep = readJsonRpc(msg('response', '{"result": 5.0, "id": 1, "jsonrpc": "2.0"}', { request: req!.record! }));
    expect(rep).toEqual({
      record: { proto: 'jsonrpc', version: '2.0', kind: 'result', id: 1, result: '5.0', method: 'add' },
    });
  });

  it('not JSON-RPC: other media types, REST JSON; an answer that is not JSON-RPC is noted', () => {
    expect(
      readJsonRpc(msg('request', '{"jsonrpc": "2.0", "method": "a", "id": 1}', { contentType: 'text/html' })),
    ).toBeUndefined();
    expect(readJsonRpc(msg('response', '{"result": 14}'))).toBeUndefined();
    const req = readJsonRpc(msg('request', '{"jsonrpc": "2.0", "method": "a", "id": 1}'))!.record!;
    expect(readJsonRpc(msg('response', '<html/>', { contentType: 'text/html', request: req }))).toEqual({
      notes: [{ code: 'jsonrpc.response.missing' }],
    });
  });

  it('pairs by id: an answer with another id is noted; errors keep code, message and data', () => {
    const req = readJsonRpc(msg('request', '{"jsonrpc": "2.0", "method": "a", "id": 7}'))!.record!;
    const r = readJsonRpc(
      msg(
        'response',
        '{"jsonrpc": "2.0", "error": {"code": -32601, "message": "Method not found", "data": [1]}, "id": 8}',
        {
          request: req,
        },
      ),
    );
    expect(r?.record).toMatchObject({ kind: 'error', code: -32601, message: 'Method not found', data: '[1]', id: 8 });
    expect(r?.notes).toEqual([{ code: 'jsonrpc.id.mismatch', params: { request: '7', response: '8' } }]);
  });

  it('notifications, batches, malformed bodies, cut bodies', () => {
    expect(
      readJsonRpc(msg('request', '{"jsonrpc": "2.0", "method": "log", "params": {"x": 1}}'))?.record,
    ).toMatchObject({
      kind: 'notification',
      params: '{"x": 1}',
    });
    const b = readJsonRpc(msg('request', '[{"jsonrpc": "2.0", "method": "a", "id": 1}, 5]'))?.record;
    expect(b).toMatchObject({ kind: 'batch', items: [{ kind: 'request', method: 'a' }, { kind: 'invalid' }] });
    expect(readJsonRpc(msg('request', '{"jsonrpc": "2.0", "method": "a", "id": 1'))?.notes?.[0]?.code).toBe(
      'jsonrpc.json.invalid',
    );
    expect(readJsonRpc(msg('request', '{"jsonrpc": "2.0", "method": "a", "id": 1}', { whole: false }))).toEqual({
      notes: [{ code: 'jsonrpc.body.partial' }],
    });
  });
});

describe('SOAP reader', () => {
  const xml = { contentType: 'text/xml' };
  const env = (body: string) =>
    `<?xml version="1.0"?><e:Envelope xmlns:e="http://schemas.xmlsoap.org/soap/envelope/"><e:Body>${body}</e:Body></e:Envelope>`;

  it('the WSDL fetch by its query; a call with its SOAPAction and arguments; its response', () => {
    expect(readSoap(msg('request', '', { method: 'GET', target: '/?wsdl', contentType: undefined }))?.record).toEqual({
      proto: 'soap',
      kind: 'wsdl-request',
    });
    expect(readSoap(msg('request', '', { method: 'GET', target: '/wsdl', contentType: undefined }))).toBeUndefined();
    const headers: Record<string, string> = { soapaction: '"add"' };
    const call = readSoap(
      msg('request', env('<t:add xmlns:t="urn:c"><t:a>10</t:a><t:b>5</t:b></t:add>'), {
        ...xml,
        header: (n) => headers[n.toLowerCase()],
      }),
    )?.record;
    expect(call).toEqual({
      proto: 'soap',
      kind: 'call',
      action: 'add',
      operation: 'add',
      namespace: 'urn:c',
      args: [
        { name: 'a', value: '10' },
        { name: 'b', value: '5' },
      ],
    });
    const rep = readSoap(
      msg('response', env('<t:addResponse xmlns:t="urn:c"><t:addResult>15</t:addResult></t:addResponse>'), {
        ...xml,
        request: call!,
      }),
    );
    expect(rep?.record).toMatchObject({
      kind: 'response',
      operation: 'addResponse',
      values: [{ name: 'addResult', value: '15' }],
      call: 'add',
    });
  });

  it('faults; plain XML is not SOAP; SOAP 1.2 is a note', () => {
    const f = readSoap(
      msg('response', env('<e:Fault><faultcode>e:Client</faultcode><faultstring>bad</faultstring></e:Fault>'), xml),
    );
    expect(f?.record).toMatchObject({ kind: 'fault', faultcode: 'e:Client', faultstring: 'bad' });
    expect(readSoap(msg('response', '<a>1</a>', xml))).toBeUndefined();
    const s12 =
      '<e:Envelope xmlns:e="http://www.w3.org/2003/05/soap-envelope" x="http://schemas.xmlsoap.org/soap/envelope/"><e:Body/></e:Envelope>';
    expect(readSoap(msg('request', s12, xml))?.notes).toEqual([{ code: 'soap.version.12' }]);
  });
});

/** -T fields rows of pcap-explain, by frame number. */
function fields(file: string, filter: string, names: string[]): Map<number, string[]> {
  const r = runCli(['-r', file, '-Y', filter, '-T', 'fields', '-E', 'separator=|', ...names.flatMap((n) => ['-e', n])]);
  expect(r.err).toBe('');
  const out = new Map<number, string[]>();
  for (const line of r.out.trim().split('\n')) {
    const [n, ...rest] = line.split('|');
    out.set(Number(n), rest);
  }
  return out;
}

const rpcJson = lazy(() => JSON.parse(runCli([RPC, '-f', 'json']).out));
const rpcJsonId = lazy(() => JSON.parse(runCli([RPC, '-f', 'json', '--lang', 'id']).out));
const soapJson = lazy(() => JSON.parse(runCli([SOAP, '-f', 'json']).out));
const soapJsonId = lazy(() => JSON.parse(runCli([SOAP, '-f', 'json', '--lang', 'id']).out));
const explain = (m: { frames: { n: number; explain: string }[] }, n: number) =>
  m.frames.find((f) => f.n === n)!.explain;
const story = (m: { story: { text: string }[] }) => m.story.map((s) => s.text).join('\n');

describe('course-rpc.pcap: JSON-RPC 2.0 over HTTP/1.0', () => {
  it.skipIf(!HAVE_TSHARK)("jsonrpc.* agree with tshark's http + json fields frame by frame", () => {
    const ts = tsharkAll(
      RPC,
      ['frame.number', 'http.request.method', 'http.response.code', 'json.member_with_value'],
      ['-d', 'tcp.port==4000,http', '-Y', 'http'],
    );
    const ours = fields(RPC, 'http', [
      'frame.number',
      'http.request.method',
      'http.response.code',
      'jsonrpc.method',
      'jsonrpc.id',
      'jsonrpc.result',
      'jsonrpc.error.code',
    ]);
    expect([...ours.keys()]).toEqual(ts.map((r) => Number(r[0])));
    for (const [n, method, code, members] of ts) {
      const [ourMethod, ourCode, rpcMethod, id, result, errCode] = ours.get(Number(n))!;
      expect([ourMethod, ourCode]).toEqual([method, code]);
      const kv = new Map(members!.split('|').map((x) => [x.slice(0, x.indexOf(':')), x.slice(x.indexOf(':') + 1)]));
      expect(id).toBe(kv.get('id'));
      if (method) expect(rpcMethod).toBe(kv.get('method'));
      if (kv.has('result')) expect(result).toBe(kv.get('result'));
      if (kv.has('code')) expect(errCode).toBe(kv.get('code'));
    }
  });

  it("every call and answer of the peers' logs, in order", () => {
    const sent = peersLog('course-rpc.peers.jsonl').filter((e) => e.event === 'send' && e.socket === 'JSON-RPC');
    const carried = rpcJson().conversations.flatMap((c: { messages: { carried: unknown }[] }) =>
      c.messages.map((m) => m.carried),
    );
    expect(carried).toHaveLength(sent.length);
    sent.forEach((e, i) => {
      const c = carried[i];
      if (e.data.method) expect(c).toMatchObject({ kind: 'request', method: e.data.method, id: e.data.id });
      else if (e.data.error)
        expect(c).toMatchObject({ kind: 'error', code: e.data.error.code, message: e.data.error.message });
      else {
        // (the log holds the value JSON.parse made: 5.0 is 5 there; the capture keeps the text "5.0")
        expect(c).toMatchObject({ kind: 'result', id: e.data.id });
        expect(Number((c as { result: string }).result)).toBe(e.data.result);
      }
    });
  });

  it('frame by frame in English: the call, its answer, the body ended by the FIN', () => {
    const m = rpcJson();
    expect(explain(m, 8)).toBe(
      'Client 172.18.0.81 calls add(10, 2) on server 172.18.0.80:4000 (JSON-RPC 2.0, id 1), in the body of the HTTP request POST /.',
    );
    expect(explain(m, 14)).toContain(
      'Server 172.18.0.80:4000 answers the call of add (id 1) from frame 8 with the result 5.0, in the body of the HTTP response 200 OK, 2.7 ms later. The response has no Content-Length',
    );
    expect(explain(m, 14)).toContain('closes its side of the connection (FIN)');
    expect(explain(m, 42)).toContain(
      'with the JSON-RPC error -32000 Server error (ZeroDivisionError: division by zero)',
    );
    expect(explain(m, 56)).toContain('The code -32601 means the server has no method of that name.');
  });

  it('frame by frame in Indonesian', () => {
    const m = rpcJsonId();
    expect(explain(m, 8)).toBe(
      'Client 172.18.0.81 memanggil add(10, 2) di server 172.18.0.80:4000 (JSON-RPC 2.0, id 1), di dalam body request HTTP POST /.',
    );
    expect(explain(m, 14)).toContain(
      'menjawab pemanggilan add (id 1) dari frame 8 dengan hasil 5.0, di dalam body response HTTP 200 OK, 2,7 ms kemudian.',
    );
    expect(explain(m, 56)).toContain('Kode -32601 berarti server tidak memiliki method dengan nama itu.');
  });

  it('the story: one call per connection, its answer, the HTTP/1.0 response ended by the server', () => {
    const en = story(rpcJson());
    expect(en).toContain(
      'Client 172.18.0.81 makes 1 JSON-RPC call to server 172.18.0.80:4000, in one HTTP request: POST / add(10, 2) → 200 5.0',
    );
    expect(en).toContain('the server marks the end of the body by closing the connection (FIN)');
    expect(en).toContain('One request per connection: the next request opens a new TCP connection (#2).');
    expect(en).toContain(
      'The call of add (id 1) fails with the JSON-RPC error -32000 Server error; its data names the cause: ZeroDivisionError: division by zero.',
    );
    const id = story(rpcJsonId());
    expect(id).toContain(
      'melakukan 1 pemanggilan JSON-RPC ke server 172.18.0.80:4000, dalam sebuah request HTTP: POST / add(10, 2) → 200 5.0',
    );
    expect(id).toContain('Satu request per koneksi');
  });
});

describe('course-soap.pcap: SOAP 1.1 over HTTP/1.0', () => {
  it.skipIf(!HAVE_TSHARK)("soap.* agree with tshark's http and xml fields frame by frame", () => {
    const ts = tsharkAll(
      SOAP,
      ['frame.number', 'http.request.uri', 'http.response.code', 'xml.cdata', 'http.request.line'],
      ['-Y', 'http'],
    );
    const ours = fields(SOAP, 'http', [
      'frame.number',
      'http.request.uri',
      'http.response.code',
      'soap.kind',
      'soap.action',
      'soap.argument',
      'soap.fault.code',
      'soap.fault.string',
    ]);
    expect([...ours.keys()]).toEqual(ts.map((r) => Number(r[0])));
    for (const [n, uri, code, cdata, lines] of ts) {
      const [ourUri, ourCode, kind, action, args, faultcode, faultstring] = ours.get(Number(n))!;
      expect([ourUri, ourCode]).toEqual([uri, code]);
      if (uri === '/?wsdl') expect(kind).toBe('wsdl-request');
      const soapAction = /SOAPAction: "([^"]*)"/.exec(lines ?? '')?.[1];
      expect(action).toBe(soapAction ?? '');
      if (kind === 'call' || kind === 'response')
        expect(
          args!
            .split(',')
            .map((a) => a.slice(a.indexOf('=') + 1))
            .join('|'),
        ).toBe(cdata);
      if (kind === 'fault') expect(`${faultcode}|${faultstring}`).toBe(cdata);
    }
  });

  it('frame by frame in English: the WSDL fetch, the call, its result, the Fault', () => {
    const m = soapJson();
    expect(explain(m, 6)).toContain(
      'asks server 172.18.0.82:8000 for the service description (WSDL) with the HTTP request GET /?wsdl',
    );
    expect(explain(m, 16)).toContain(
      'with the WSDL of CalculatorService in the body of the HTTP response 200 OK, 72 ms later: it lists 1 operation (add) at http://172.18.0.82:8000/.',
    );
    expect(explain(m, 26)).toBe(
      'Client 172.18.0.83 calls the SOAP operation add on server 172.18.0.82:8000 with the arguments a=10, b=5, in the body of the HTTP request POST / (SOAPAction: "add"; the Body holds the element add of the namespace spyne.examples.calculator).',
    );
    expect(explain(m, 36)).toBe(
      'Server 172.18.0.82:8000 answers the call of add from frame 26 with addResponse: addResult=15, in the body of the HTTP response 200 OK, 1.6 ms later.',
    );
    expect(explain(m, 74)).toContain(
      'with a SOAP Fault (faultcode soap11env:Server, faultstring "Internal Error"), in the body of the HTTP response 500 Internal Server Error',
    );
  });

  it('frame by frame in Indonesian, and the story in both', () => {
    const id = soapJsonId();
    expect(explain(id, 26)).toContain('memanggil operasi SOAP add di server 172.18.0.82:8000 dengan argumen a=10, b=5');
    expect(explain(id, 36)).toContain('menjawab pemanggilan add dari frame 26 dengan addResponse: addResult=15');
    expect(story(id)).toContain('WSDL itu mendeskripsikan CalculatorService dengan 1 operasi (add)');
    const en = story(soapJson());
    expect(en).toContain('GET /?wsdl → 200 WSDL: add (72 ms)');
    expect(en).toContain('POST / add(a=10, b=5) → 200 addResult=15');
    expect(en).toContain('The call add ends in a SOAP Fault: soap11env:Server, "Internal Error".');
    // the WSDL fetch's connection: the client closes first, once it has the whole response
    expect(en).toContain(
      'the client, with the whole response in hand (its Content-Length said how long it is), closes it first',
    );
  });
});
