import { describe, expect, it } from 'vitest';
import { decode, looksLikeJsonRpc } from '../../src/protocols/jsonrpc/decode.js';
import { jsonText, member, parseJson } from '../../src/protocols/jsonrpc/json.js';
import type { JsonRpcMessage } from '../../src/protocols/jsonrpc/types.js';
import { JSONRPC_VECTORS } from './jsonrpc.vectors.js';
import { FIXTURES, HAVE_TSHARK, httpSplit, lazy, peersLog, prefixes, tcpDirections, tcpSegments } from './streams.js';

const enc = (s: string) => new TextEncoder().encode(s);

function ok(s: string): JsonRpcMessage {
  const d = decode(enc(s));
  if (d.kind !== 'ok') throw new Error(`expected ok, got ${JSON.stringify(d)}`);
  return d.message;
}
describe('JSON-RPC vectors', () => {
  it('request: method, params by position with their text, id', () => {
    const m = ok(JSONRPC_VECTORS[0]!);
    expect(m).toMatchObject({
      kind: 'request',
      version: '2.0',
      method: 'add',
      id: { type: 'number', value: 1, text: '1' },
    });
    expect(m.kind === 'request' && m.params && jsonText(m.params)).toBe('[10, 2]');
  });

  it('result keeps the number as written (5.0, not 5)', () => {
    const m = ok(JSONRPC_VECTORS[1]!);
    expect(m.kind === 'result' && m.result).toMatchObject({
      type: 'number',
      value: 5,
      text: '5.0',
      span: { offset: 11, length: 3 },
    });
  });

  it('error: code and message', () => {
    expect(ok(JSONRPC_VECTORS[2]!)).toMatchObject({ kind: 'error', code: -32601, message: 'Method not found' });
  });

  it('notification (no id), params by name, \\u escapes', () => {
    const m = ok(JSONRPC_VECTORS[3]!);
    expect(m).toMatchObject({ kind: 'notification', method: 'notify_hello' });
    expect(m.kind === 'notification' && m.params && jsonText(m.params)).toBe('{"who": "kelas é"}');
  });

  it('batch: each element on its own, a non-object element is invalid', () => {
    const m = ok(JSONRPC_VECTORS[4]!);
    expect(m.kind === 'batch' && m.items.map((i) => i.kind)).toEqual(['request', 'notification', 'invalid']);
    expect(m.kind === 'batch' && m.items[2]).toMatchObject({ code: 'jsonrpc.not_object' });
  });

  it('JSON-RPC 1.0 request and error response', () => {
    expect(ok(JSONRPC_VECTORS[5]!)).toMatchObject({ kind: 'request', version: '1.0', method: 'echo' });
    expect(ok(JSONRPC_VECTORS[6]!)).toMatchObject({ kind: 'error', version: '1.0', code: 1, message: 'bad' });
  });

  it.each([
    ['jsonrpc.json.invalid', '{"jsonrpc": "2.0", "method": }'],
    ['jsonrpc.json.invalid', '{"a": 1} x'],
    ['jsonrpc.version.bad', '{"jsonrpc": "1.5", "method": "a", "id": 1}'],
    ['jsonrpc.method.bad', '{"jsonrpc": "2.0", "method": 5, "id": 1}'],
    ['jsonrpc.response.bad', '{"jsonrpc": "2.0", "result": 1, "error": {"code": 1}, "id": 1}'],
    ['jsonrpc.response.bad', '{"jsonrpc": "2.0", "id": 1}'],
    ['jsonrpc.id.bad', '{"jsonrpc": "2.0", "method": "a", "id": [1]}'],
    ['jsonrpc.batch.empty', ' [ ] '],
  ])('malformed %s: %s', (code, s) => {
    expect(decode(enc(s))).toMatchObject({ kind: 'malformed', code });
  });

  it('JSON that is not JSON-RPC is unsupported; detection is cheap and by shape', () => {
    // a REST answer is not a JSON-RPC 1.0 response (1.0 responses have result, error and id)
    expect(decode(enc('{"result": 14}'))).toEqual({ kind: 'unsupported', code: 'jsonrpc.not_jsonrpc' });
    expect(decode(enc('{"method": "GET"}'))).toEqual({ kind: 'unsupported', code: 'jsonrpc.not_jsonrpc' });
    expect(decode(enc('{"a": 1}'))).toEqual({ kind: 'unsupported', code: 'jsonrpc.not_jsonrpc' });
    expect(looksLikeJsonRpc(enc(' {"jsonrpc": "2.0"}'))).toBe(true);
    expect(looksLikeJsonRpc(enc('{"result": 14}'))).toBe(false);
    expect(looksLikeJsonRpc(enc('GET / HTTP/1.1'))).toBe(false);
  });

  it('nesting deeper than 64 is an error, not a stack overflow; every prefix is malformed JSON', () => {
    expect(parseJson(enc('['.repeat(100000)))).toMatchObject({ ok: false, code: 'json.too_deep' });
    for (const v of JSONRPC_VECTORS) {
      const b = enc(v);
      for (const p of prefixes(b)) {
        const d = decode(p);
        if (p.length === b.length) expect(d.kind).toBe('ok');
        else if (!/^\s*$/.test(new TextDecoder().decode(p))) expect(d.kind).not.toBe('ok');
      }
    }
  });
});

describe.skipIf(!HAVE_TSHARK)('JSON-RPC over the real course RPC capture (course-rpc.pcap)', () => {
  const dirs = lazy(() =>
    tcpDirections(tcpSegments(`${FIXTURES}/course-rpc.pcap`)).sort((a, b) => a.stream - b.stream),
  );

  it('each connection carries one call; the bodies decode as the peers logged them', () => {
    const requests = dirs().filter((d) => d.dst.endsWith(':4000'));
    const responses = dirs().filter((d) => d.src.endsWith(':4000'));
    expect(requests.length).toBe(4);
    expect(responses.length).toBe(4);
    const log = peersLog('course-rpc.peers.jsonl').filter((l) => l.peer === 'rpc-client' && l.socket === 'JSON-RPC');
    const sent = log.filter((l) => l.event === 'send');
    const got = log.filter((l) => l.event === 'recv');
    for (const [i, d] of requests.entries()) {
      const h = httpSplit(d.bytes);
      expect(h.head.startsWith('POST / HTTP/1.1')).toBe(true);
      const m = decode(h.body);
      if (m.kind !== 'ok' || m.message.kind !== 'request') throw new Error(JSON.stringify(m));
      expect(m.message.method).toBe(sent[i].data.method);
      expect(JSON.parse(jsonText(m.message.params!))).toEqual(sent[i].data.params);
      expect(m.message.id).toMatchObject({ type: 'number', value: sent[i].data.id });
    }
    for (const [i, d] of responses.entries()) {
      const h = httpSplit(d.bytes);
      expect(h.head.startsWith('HTTP/1.0 200 OK')).toBe(true);
      const m = decode(h.body);
      if (m.kind !== 'ok') throw new Error(JSON.stringify(m));
      const want = got[i].data;
      if (m.message.kind === 'result') expect(JSON.parse(jsonText(m.message.result))).toEqual(want.result);
      else if (m.message.kind === 'error')
        expect([m.message.code, m.message.message]).toEqual([want.error.code, want.error.message]);
      else throw new Error(m.message.kind);
    }
  });

  it("the lab's add divides: add(10, 2) is answered 5.0, as the server wrote it", () => {
    const first = dirs().find((d) => d.src.endsWith(':4000'))!;
    const m = decode(httpSplit(first.bytes).body);
    expect(
      m.kind === 'ok' && m.message.kind === 'result' && m.message.result.type === 'number' && m.message.result.text,
    ).toBe('5.0');
  });
});

describe.skipIf(!HAVE_TSHARK)("the Lamport lab's JSON over plain TCP (course-lamport.pcap)", () => {
  const payloads = lazy(() => tcpSegments(`${FIXTURES}/course-lamport.pcap`));

  it('each message parses with its fields and offsets; the clock goes 1 -> 3; it is not JSON-RPC', () => {
    // the log is in the order the peers logged (after each send returned): match the messages by content
    const sent = peersLog('course-lamport.peers.jsonl')
      .filter((l) => l.event === 'send')
      .map((l) => JSON.parse(l.data));
    expect(payloads().length).toBe(2);
    for (const [i, seg] of payloads().entries()) {
      const p = parseJson(seg.payload);
      if (!p.ok) throw new Error(p.code);
      expect(sent).toContainEqual(JSON.parse(jsonText(p.value)));
      expect(i).toBeLessThan(2);
      const ts = member(p.value, 'timestamp');
      expect(ts?.type === 'number' && ts.span.offset).toBe(seg.payload.length - 2); // `<digit>}` at the end
      expect(decode(seg.payload)).toEqual({ kind: 'unsupported', code: 'jsonrpc.not_jsonrpc' });
    }
    const clocks = payloads().map((s) => {
      const p = parseJson(s.payload);
      const t = p.ok ? member(p.value, 'timestamp') : undefined;
      return t?.type === 'number' ? t.value : -1;
    });
    expect(clocks).toEqual([1, 3]);
  });
});
