import { describe, expect, it } from 'vitest';
import { decode, looksLikeSoap } from '../../src/protocols/soap/decode.js';
import type { SoapMessage } from '../../src/protocols/soap/types.js';
import { parseXml } from '../../src/protocols/soap/xml.js';
import { CALL, FAULT, RESPONSE, SOAP_VECTORS, WITH_HEADER } from './soap.vectors.js';
import { FIXTURES, HAVE_TSHARK, httpSplit, lazy, peersLog, prefixes, tcpDirections, tcpSegments } from './streams.js';

const enc = (s: string) => new TextEncoder().encode(s);

function ok(s: string, soapAction?: string): SoapMessage {
  const d = decode(enc(s), soapAction === undefined ? {} : { soapAction });
  if (d.kind !== 'ok') throw new Error(`expected ok, got ${JSON.stringify(d)}`);
  return d.message;
}
describe('SOAP 1.1 vectors', () => {
  it('a call: operation, namespace, arguments; SOAPAction passed in, quotes removed', () => {
    expect(ok(CALL, '"add"')).toMatchObject({
      kind: 'envelope',
      soapAction: 'add',
      operation: 'add',
      namespace: 'spyne.examples.calculator',
      looksLikeResponse: false,
      arguments: [
        { name: 'a', value: '10', children: 0, nil: false },
        { name: 'b', value: '5', children: 0, nil: false },
      ],
    });
  });

  it('a response (…Response / …Result)', () => {
    expect(ok(RESPONSE)).toMatchObject({
      operation: 'addResponse',
      looksLikeResponse: true,
      arguments: [{ name: 'addResult', value: '15' }],
      soapAction: undefined,
    });
  });

  it('a Fault: faultcode, its local part, faultstring', () => {
    expect(ok(FAULT)).toMatchObject({
      kind: 'fault',
      faultcode: 'soap11env:Server',
      faultcodeLocal: 'Server',
      faultstring: 'Internal Error',
      faultactor: '',
      detail: undefined,
    });
  });

  it('Header entries, comments, entities, CDATA, xsi:nil', () => {
    const m = ok(WITH_HEADER);
    expect(m).toMatchObject({ kind: 'envelope', headerEntries: ['Auth'], operation: 'say' });
    expect(m.kind === 'envelope' && m.arguments).toEqual([
      { name: 'text', value: 'a <b> & é <raw>', children: 0, nil: false },
      { name: 'n', value: '', children: 0, nil: true },
    ]);
  });

  it('not SOAP, SOAP 1.2, no Body, broken XML', () => {
    expect(decode(enc('<html><body/></html>'))).toEqual({ kind: 'unsupported', code: 'soap.not_envelope' });
    expect(decode(enc('<e:Envelope xmlns:e="http://www.w3.org/2003/05/soap-envelope"><e:Body/></e:Envelope>'))).toEqual(
      {
        kind: 'unsupported',
        code: 'soap.version.12',
      },
    );
    expect(decode(enc('<e:Envelope xmlns:e="http://schemas.xmlsoap.org/soap/envelope/"/>'))).toMatchObject({
      kind: 'malformed',
      code: 'soap.body.missing',
    });
    expect(decode(enc('<a><b></a>'))).toMatchObject({
      kind: 'malformed',
      code: 'soap.xml.invalid',
      params: { xml: 'xml.end_tag.mismatch' },
    });
    expect(looksLikeSoap(enc(CALL))).toBe(true);
    expect(looksLikeSoap(enc('{"result": 1}'))).toBe(false);
  });

  it('no entity expansion, bounded depth, every prefix is not ok', () => {
    const bomb = '<!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">]><x>&b;</x>';
    const x = parseXml(enc(bomb));
    expect(x.ok && x.root.text).toBe('&b;');
    expect(parseXml(enc('<a>'.repeat(1000)))).toMatchObject({ ok: false, code: 'xml.too_deep' });
    for (const v of SOAP_VECTORS) {
      const b = enc(v);
      for (const p of prefixes(b)) if (p.length < b.length) expect(decode(p).kind).not.toBe('ok');
    }
  });
});

describe.skipIf(!HAVE_TSHARK)('SOAP over the real spyne/zeep capture (course-soap.pcap)', () => {
  const dirs = lazy(() =>
    tcpDirections(tcpSegments(`${FIXTURES}/course-soap.pcap`)).sort((a, b) => a.stream - b.stream),
  );
  const log = lazy(() => peersLog('course-soap.peers.jsonl').filter((l) => l.peer === 'soap-server'));

  it('WSDL fetch, add(10, 5) -> 15, a Fault: every body as the server logged it', () => {
    const requests = dirs()
      .filter((d) => d.dst.endsWith(':8000'))
      .map((d) => httpSplit(d.bytes));
    const responses = dirs()
      .filter((d) => d.src.endsWith(':8000'))
      .map((d) => httpSplit(d.bytes));
    expect(requests.map((r) => r.head.split('\r\n')[0])).toEqual([
      'GET /?wsdl HTTP/1.1',
      'POST / HTTP/1.1',
      'GET /?wsdl HTTP/1.1',
      'POST / HTTP/1.1',
    ]);
    const recv = log().filter((l) => l.event === 'recv');
    const sent = log().filter((l) => l.event === 'send');
    const got = requests.map((r) =>
      r.body.length ? decode(r.body, { soapAction: r.headers.get('soapaction') }) : undefined,
    );
    // the calls
    for (const i of [1, 3]) {
      const d = got[i];
      if (d?.kind !== 'ok' || d.message.kind !== 'envelope') throw new Error(JSON.stringify(d));
      expect(d.message.operation).toBe('add');
      expect(d.message.soapAction).toBe(JSON.parse(recv[i].soapaction));
      expect(new TextDecoder().decode(requests[i]!.body)).toBe(recv[i].data);
    }
    expect(
      got[1]?.kind === 'ok' &&
        got[1].message.kind === 'envelope' &&
        got[1].message.arguments.map((a) => [a.name, a.value]),
    ).toEqual([
      ['a', '10'],
      ['b', '5'],
    ]);
    // b is left out by zeep when it is None
    expect(
      got[3]?.kind === 'ok' && got[3].message.kind === 'envelope' && got[3].message.arguments.map((a) => a.name),
    ).toEqual(['a']);
    // the answers
    const ans = responses.map((r) => decode(r.body));
    expect(ans[0]).toMatchObject({
      kind: 'ok',
      message: { kind: 'wsdl', operations: ['add'], services: ['CalculatorService'] },
    });
    expect(ans[1]).toMatchObject({
      kind: 'ok',
      message: { kind: 'envelope', operation: 'addResponse', arguments: [{ name: 'addResult', value: '15' }] },
    });
    expect(ans[3]).toMatchObject({
      kind: 'ok',
      message: { kind: 'fault', faultcodeLocal: 'Server', faultstring: 'Internal Error' },
    });
    expect(responses[3]!.head.startsWith('HTTP/1.0 500')).toBe(true);
    expect(sent[3].status).toBe('500 Internal Server Error');
    expect(new TextDecoder().decode(responses[1]!.body)).toBe(sent[1].data);
  });
});
