import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  decodePayload,
  jsonNumbersExact,
  NOTES,
  preview,
  previewPayload,
  printableText,
  recognizeRpc,
} from '../../../src/dissectors/app/payload.js';
import { h } from './util.js';

const codes = (p: { notes: readonly { code: string }[] }) => p.notes.map((n) => n.code);

describe('payload: pickle (vectors from CPython 3.11 pickle.dumps)', () => {
  it('pickle.dumps(62) (protocol 4) decodes as 62', () => {
    // 80 04  PROTO 4
    // 4b 3e  BININT1 62
    // 2e     STOP
    const p = decodePayload(h('80 04 4b 3e 2e'));
    expect(p).toMatchObject({ encoding: 'pickle', value: 62, protocol: 4, py_type: 'int', bigints: 0 });
    expect(codes(p)).toEqual([]);
  });

  it('2**64 (LONG1, 9 bytes) comes out exact as a decimal string', () => {
    // 80 04                       PROTO 4
    // 95 0c00000000000000         FRAME 12
    // 8a 09 000000000000000001    LONG1 9 bytes little-endian two's complement = 2^64
    // 2e                          STOP
    const p = decodePayload(h('8004 950c00000000000000 8a09 000000000000000001 2e'));
    expect(p).toMatchObject({ encoding: 'pickle', value: '18446744073709551616', py_type: 'int', bigints: 1 });
    expect(codes(p)).toEqual(['payload.pickle.bigint']);
  });

  it('-2**70 (LONG1 negative) and -2**40 (protocol 2) are exact', () => {
    // 80 05 | 95 0c.. FRAME | 8a 09 0000000000000000c0 = -2^70 | 2e
    expect(decodePayload(h('8005 950c00000000000000 8a09 0000000000000000c0 2e')).value).toBe(
      '-1180591620717411303424',
    );
    // 80 02 | 8a 06 0000000000ff = -2^40 (fits a JS number) | 2e
    expect(decodePayload(h('8002 8a06 0000000000ff 2e')).value).toBe(-(2 ** 40));
  });

  it('2**53 is the first integer rendered as a string; BININT -5 stays a number', () => {
    // 80 04 | FRAME 10 | 8a 07 00000000000020 = 2^53 | 2e
    expect(decodePayload(h('8004 950a00000000000000 8a07 00000000000020 2e')).value).toBe('9007199254740992');
    // 80 04 | FRAME 6 | 4a fbffffff BININT -5 | 2e
    expect(decodePayload(h('8004 950600000000000000 4a fbffffff 2e')).value).toBe(-5);
  });

  it('protocol 0 long (L...L\\n) and INT', () => {
    // 4c "18446744073709551616L\n" LONG | 2e STOP
    const p = decodePayload(h('4c 3138343436373434303733373039353531363136 4c 0a 2e'));
    expect(p).toMatchObject({ encoding: 'pickle', value: '18446744073709551616', protocol: 0 });
    // 49 "62\n" INT | 2e STOP   (b'I62\n.' is printable, still a pickle)
    expect(decodePayload(h('49 3632 0a 2e'))).toMatchObject({ encoding: 'pickle', value: 62, protocol: 0 });
    // 4b 3e BININT1 62 | 2e  (protocol 1, b'K>.')
    expect(decodePayload(h('4b 3e 2e'))).toMatchObject({ encoding: 'pickle', value: 62, protocol: 1 });
  });

  it('protocol 0 list and str', () => {
    // ( l p0\n I1\n a V a\n p1\n a N a .   == [1, 'a', None]
    expect(decodePayload(h('286c70300a49310a6156610a70310a614e612e')).value).toEqual([1, 'a', null]);
    // V hello\n p0\n .
    expect(decodePayload(h('5668656c6c6f0a70300a2e')).value).toBe('hello');
  });

  it('dict with bytes via _codecs.encode (protocol 2) and a big int value', () => {
    const p = decodePayload(
      h(
        '8002 7d 7100 28' + // PROTO 2, EMPTY_DICT, BINPUT 0, MARK
          '5801000000 78 7101 47 3ff8000000000000' + // 'x': BINFLOAT 1.5
          '5801000000 62 7102 63 5f636f646563730a 656e636f64650a 7103' + // 'b': GLOBAL _codecs encode
          '5802000000 0001 7104 5806000000 6c6174696e31 7105 86 7106 52 7107' + // ('\x00\x01','latin1') REDUCE
          '5803000000 626967 7108 8a09 000000000000000001' + // 'big': LONG1 2^64
          '75 2e', // SETITEMS STOP
      ),
    );
    expect(p).toMatchObject({
      encoding: 'pickle',
      py_type: 'dict',
      value: { x: 1.5, b: { __bytes__: '0001', length: 2 }, big: '18446744073709551616' },
    });
    expect(codes(p).sort()).toEqual(['payload.pickle.bigint', 'payload.pickle.global']);
  });

  it('protocol 3 dict with bytes, tuple and set', () => {
    const p = decodePayload(
      h(
        '80037d7100285801000000787101473ff8000000000000580100000062710243020001710358010000007471044b014b02867105' +
          '5801000000737106636275696c74696e730a7365740a71075d71084b036185710952710a752e',
      ),
    );
    expect(p.value).toEqual({ x: 1.5, b: { __bytes__: '0001', length: 2 }, t: [1, 2], s: [3] });
  });

  it('objects stay inert placeholders (datetime.date), big int dict keys are exact', () => {
    const d = decodePayload(
      h('80049520000000000000008c086461746574696d65948c0464617465949394430407e8010294859452942e'),
    );
    expect(d).toMatchObject({
      py_type: 'object',
      value: { __class__: 'datetime.date', args: [{ __bytes__: '07e80102', length: 4 }] },
    });
    const k = decodePayload(h('80049513000000000000007d948a090000000000000000018c017894732e'));
    expect(k.value).toEqual({ '18446744073709551616': 'x' });
  });

  it('LONG4 beyond the buffer, truncation and unknown opcodes fall back to hex with a note', () => {
    const cases: [string, string][] = [
      ['payload.pickle.malformed', '8004 8b 07010000 0000'], // LONG4 of 263 bytes, 2 present
      ['payload.pickle.malformed', '8004 4b'], // BININT1 without its byte
      ['payload.pickle.malformed', '8004 ff 2e'], // unknown opcode 0xff
      ['payload.pickle.malformed', '8004 4b 3e'], // no STOP
      ['payload.pickle.malformed', '8004 52 2e'], // REDUCE on an empty stack
    ];
    for (const [code, bytes] of cases) {
      const p = decodePayload(h(bytes));
      expect(p.encoding, bytes).toBe('hex');
      expect(codes(p), bytes).toContain(code);
    }
  });

  it('size and depth caps', () => {
    const big = new Uint8Array(70_000);
    big.set([0x80, 0x04]);
    const p = decodePayload(big);
    expect(p.encoding).toBe('hex');
    expect(codes(p)).toContain('payload.pickle.too_large');
    // 40 nested EMPTY_LISTs appended into each other: ] ] ... a a ... .
    const depth = 40;
    const deep = new Uint8Array(2 + depth + (depth - 1) + 1);
    deep.set([0x80, 0x02]);
    deep.fill(0x5d, 2, 2 + depth);
    deep.fill(0x61, 2 + depth, 2 + depth + depth - 1);
    deep[deep.length - 1] = 0x2e;
    const q = decodePayload(deep, { maxDepth: 8 });
    expect(q.encoding).toBe('pickle');
    expect(codes(q)).toContain('payload.pickle.too_deep');
  });

  it('shared references cannot blow up (DUP doubling) and cycles are cut', () => {
    // ] then 30 x (DUP, TUPLE2-like growth): build via  ] 2 86 (x2 pair) repeated -> 2^30 leaves if expanded
    const ops = [0x80, 0x02, 0x5d];
    for (let i = 0; i < 30; i++) ops.push(0x32, 0x86);
    ops.push(0x2e);
    const p = decodePayload(Uint8Array.from(ops));
    expect(p.encoding).toBe('pickle');
    expect(codes(p)).toContain('payload.pickle.too_deep');
    // ] q0 h0 a .  : a list appended into itself
    const c = decodePayload(h('8002 5d 7100 6800 61 2e'));
    expect(c.value).toEqual([{ __cycle__: true }]);
  });
});

describe('payload: text, json, hex', () => {
  it('text / json / hex', () => {
    expect(decodePayload(new TextEncoder().encode('weather 25C'))).toMatchObject({
      encoding: 'text',
      value: 'weather 25C',
    });
    expect(decodePayload(new TextEncoder().encode('line1\r\n\tline2'))).toMatchObject({ encoding: 'text' });
    expect(decodePayload(new TextEncoder().encode('{"temp": 21.5, "ok": true}'))).toMatchObject({
      encoding: 'json',
      value: { temp: 21.5, ok: true },
    });
    expect(decodePayload(new TextEncoder().encode('62'))).toMatchObject({ encoding: 'json', value: 62 });
    expect(decodePayload(h('00 01 02 ff'))).toMatchObject({ encoding: 'hex', value: '000102ff', shown: 4, length: 4 });
    expect(decodePayload(new Uint8Array(0))).toMatchObject({ encoding: 'empty', length: 0 });
    const long = decodePayload(new Uint8Array(300).fill(1));
    expect(long).toMatchObject({ encoding: 'hex', shown: 256, length: 300 });
    expect(codes(long)).toEqual(['payload.hex.truncated']);
    // invalid UTF-8 (lone continuation byte) is not text
    expect(decodePayload(h('68 69 80')).encoding).toBe('hex');
  });

  it('preview', () => {
    expect(preview('hello')).toBe('"hello"');
    expect(preview('x'.repeat(100), 20)).toBe(`"${'x'.repeat(17)}…"`);
    expect(preview('x'.repeat(100), 20)).toHaveLength(20);
    expect(preview({ a: 1 })).toBe('{"a":1}');
    expect(preview(62)).toBe('62');
    expect(previewPayload(decodePayload(h('80 04 4b 3e 2e')))).toBe('62');
    expect(previewPayload(decodePayload(new Uint8Array(300)))).toMatch(/\(300 bytes\)$/);
  });

  it('JSON-RPC and SOAP by content', () => {
    const rpc = decodePayload(new TextEncoder().encode('{"jsonrpc":"2.0","method":"add","params":[5,9],"id":1}'));
    expect(recognizeRpc(rpc)).toEqual({
      kind: 'json-rpc',
      version: '2.0',
      batch: false,
      calls: [{ id: 1, method: 'add', type: 'request' }],
    });
    const err = decodePayload(
      new TextEncoder().encode('{"jsonrpc":"2.0","error":{"code":-32601,"message":"Method not found"},"id":1}'),
    );
    expect(recognizeRpc(err)?.kind).toBe('json-rpc');
    const soap = decodePayload(
      new TextEncoder().encode(
        '<?xml version="1.0"?><soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body><m:Add xmlns:m="urn:calc"><a>5</a></m:Add></soap:Body></soap:Envelope>',
      ),
    );
    expect(recognizeRpc(soap)).toEqual({ kind: 'soap', version: '1.1', operation: 'Add', fault: false });
    expect(recognizeRpc(decodePayload(new TextEncoder().encode('{"a":1}')))).toBeUndefined();
  });

  it('every note code used is registered', () => {
    for (const code of Object.keys(NOTES)) expect(code).toMatch(/^payload\./);
  });
});

describe('payload: JSON numbers JSON.parse would change', () => {
  const dec = (t: string) => decodePayload(new TextEncoder().encode(t));

  it('a number JSON.parse cannot hold exactly is shown as the sender wrote it (found on a real capture)', () => {
    // a 20-digit number sent on a plain TCP connection was told as 12345678901234567000
    expect(dec('12345678901234567890')).toMatchObject({ encoding: 'text', value: '12345678901234567890' });
    expect(dec('{"id": 12345678901234567890}')).toMatchObject({ encoding: 'text' });
    expect(dec('[1, 9007199254740993]')).toMatchObject({ encoding: 'text' });
    expect(dec('1e400')).toMatchObject({ encoding: 'text', value: '1e400' });
    // exact: the same value, however written
    expect(dec('9007199254740992')).toMatchObject({ encoding: 'json', value: 9007199254740992 });
    expect(dec('{"result": 5.0}')).toMatchObject({ encoding: 'json', value: { result: 5 } });
    expect(dec('[0.1, 3.14159, 1e3, -2.5e-3, 120.50, -0]')).toMatchObject({ encoding: 'json' });
    expect(dec('{"s": "12345678901234567890", "e": "1e400"}')).toMatchObject({ encoding: 'json' });
    expect(dec('{"s": "a \\" 12345678901234567890"}')).toMatchObject({ encoding: 'json' });
  });

  /** An integer-valued decimal ("123", "1.5e+22") as a BigInt, by exact arithmetic. */
  const bigOf = (d: string): bigint => {
    const [mant = '', e = '0'] = d.split(/[eE]/);
    const [int = '', frac = ''] = mant.replace('-', '').split('.');
    const shift = Number(e) - frac.length;
    const v = BigInt(int + frac);
    const abs = shift >= 0 ? v * 10n ** BigInt(shift) : v / 10n ** BigInt(-shift);
    return d.startsWith('-') ? -abs : abs;
  };

  it('agrees with exact arithmetic (BigInt) on integers, and holds every double as JavaScript writes it', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 10n ** 30n }), fc.boolean(), (n, neg) => {
        const tok = `${neg && n !== 0n ? '-' : ''}${n}`;
        // what a report would show (the number's shortest text) is the value written
        const exact = bigOf(String(Number(tok))) === BigInt(tok);
        expect(jsonNumbersExact(tok)).toBe(exact);
        expect(jsonNumbersExact(`{"a": [${tok}]}`)).toBe(exact);
      }),
      { numRuns: 2000 },
    );
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (d) => {
        expect(jsonNumbersExact(JSON.stringify(d))).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('printableText', () => {
  /** The definition: a fatal UTF-8 decode, then no control characters but \n \r \t (no C1, no inner BOM). */
  function reference(b: Uint8Array): string | undefined {
    let s: string;
    try {
      s = new TextDecoder('utf-8', { fatal: true }).decode(b);
    } catch {
      return undefined;
    }
    // C0 controls but tab, LF and CR; DEL and the C1 controls; a byte-order mark past the start
    // biome-ignore lint/suspicious/noControlCharactersInRegex: the oracle looks for control characters
    if (/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/.test(s) || s.indexOf('\ufeff', 1) >= 0)
      return undefined;
    return s;
  }

  it('agrees with a fatal UTF-8 decoder on arbitrary bytes and on text with multi-byte characters', () => {
    const text = fc.string({ unit: 'binary', maxLength: 40 }).map((s) => new TextEncoder().encode(s));
    const mangled = fc.tuple(text, fc.nat(), fc.integer({ min: 0, max: 255 })).map(([b, i, v]) => {
      const c = b.slice();
      if (c.length > 0) c[i % c.length] = v;
      return c;
    });
    fc.assert(
      fc.property(fc.oneof(fc.uint8Array({ maxLength: 40 }), text, mangled), (b) => {
        expect(printableText(b)).toBe(reference(b));
      }),
      { numRuns: 20_000, seed: 8 },
    );
    for (const hex of ['80', 'c0af', 'e080af', 'eda080', 'f4908080', 'f0908080', 'c3a9', 'e282ac', 'c2b0', 'ed9fbf']) {
      const b = Uint8Array.from(Buffer.from(hex, 'hex'));
      expect(printableText(b), hex).toBe(reference(b));
    }
  });
});
