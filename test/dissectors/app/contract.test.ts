/**
 * Contract over every application dissector: random bytes and every truncated prefix of every valid
 * vector never throw, framers give well-formed answers, every note code is registered, and the
 * backstop (`*.dissector_bug`) never fires.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as payload from '../../../src/dissectors/app/payload.js';
import type { Framing, Note } from '../../../src/dissectors/app/types.js';
import * as http from '../../../src/protocols/http/decode.js';
import * as mqtt from '../../../src/protocols/mqtt/decode.js';
import { SESSION_PROTOCOLS } from '../../../src/protocols/registry.js';
import * as zmtp from '../../../src/protocols/zmtp/decode.js';
import * as httpV from './http.vectors.js';
import * as mqttV from './mqtt.vectors.js';
import { h } from './util.js';
import * as zmtpV from './zmtp.vectors.js';

const SEED = 20240611;
const RUNS = 400;

function checkNotes(notes: readonly Note[], registry: Record<string, string>): void {
  for (const n of notes) {
    expect(Object.hasOwn(registry, n.code), `unregistered note ${n.code}`).toBe(true);
    expect(n.severity).toBe(registry[n.code]);
    expect(n.code.endsWith('.dissector_bug'), `backstop fired: ${JSON.stringify(n)}`).toBe(false);
  }
}

function checkFraming(f: Framing, available: number): void {
  switch (f.kind) {
    case 'pdu':
      expect(f.length).toBeGreaterThanOrEqual(1);
      expect(f.length).toBeLessThanOrEqual(available);
      break;
    case 'need':
      expect(f.atLeast).toBeGreaterThan(available);
      break;
    case 'malformed':
      expect(f.skip).toBeGreaterThanOrEqual(1);
      expect(Number.isSafeInteger(f.skip)).toBe(true);
      break;
  }
}

/** Frames and decodes a whole buffer; returns how many PDUs were decoded. */
function drive<S>(
  p: {
    frame: (b: Uint8Array, o: number, e: number, s: S) => Framing;
    decode: (b: Uint8Array, s: S) => { notes: readonly Note[] };
  },
  registry: Record<string, string>,
  bytes: Uint8Array,
  state: S,
): number {
  let off = 0;
  let n = 0;
  while (off < bytes.length) {
    const f = p.frame(bytes, off, bytes.length, state);
    checkFraming(f, bytes.length - off);
    if (f.kind === 'need') break;
    if (f.kind === 'malformed') {
      off += f.skip;
      continue;
    }
    checkNotes(p.decode(bytes.subarray(off, off + f.length), state).notes, registry);
    off += f.length;
    n++;
  }
  return n;
}

const zmtpStates = (): zmtp.ZmtpState[] => {
  const v3 = zmtp.newZmtpState({ midStream: true, maxFrame: 4096 });
  const curve = { ...zmtp.newZmtpState({ midStream: true }), mechanism: 'CURVE' };
  const v2 = { ...zmtp.newZmtpState({ midStream: true }), framing: 'v2' as const };
  const v1 = { ...zmtp.newZmtpState({ midStream: true }), framing: 'v1' as const };
  const sub = { ...zmtp.newZmtpState({ midStream: true }), socket_type: 'SUB' };
  return [zmtp.newZmtpState({ maxFrame: 4096 }), v3, curve, v2, v1, sub];
};

const bytesArb = fc.uint8Array({ minLength: 0, maxLength: 600 });
/** Random bytes biased towards each protocol's structure. */
const zmtpArb = fc.oneof(
  bytesArb,
  fc
    .tuple(fc.constantFrom(0, 1, 2, 4, 6), fc.uint8Array({ maxLength: 300 }))
    .map(([flag, rest]) => Uint8Array.of(flag, rest.length & 0xff, ...rest)),
  fc
    .uint8Array({ maxLength: 200 })
    .map((rest) => Uint8Array.of(0x04, rest.length + 6, 5, 0x52, 0x45, 0x41, 0x44, 0x59, ...rest)),
  fc.uint8Array({ maxLength: 200 }).map((rest) => Uint8Array.from([...zmtpV.GREETING_NULL.subarray(0, 11), ...rest])),
);
const mqttArb = fc.oneof(
  bytesArb,
  fc
    .tuple(fc.integer({ min: 0, max: 255 }), fc.uint8Array({ maxLength: 127 }))
    .map(([b0, rest]) => Uint8Array.of(b0, rest.length, ...rest)),
);
const pickleArb = fc.oneof(
  bytesArb,
  fc
    .tuple(fc.integer({ min: 0, max: 6 }), fc.uint8Array({ maxLength: 300 }))
    .map(([v, rest]) => Uint8Array.of(0x80, v, ...rest, 0x2e)),
  fc.uint8Array({ maxLength: 300 }).map((rest) => Uint8Array.of(...rest, 0x2e)),
  fc
    .array(
      fc.constantFrom(
        0x28,
        0x2e,
        0x5d,
        0x61,
        0x65,
        0x7d,
        0x73,
        0x75,
        0x4b,
        0x68,
        0x71,
        0x32,
        0x86,
        0x85,
        0x52,
        0x62,
        0x8a,
        0x01,
        0x00,
        0x80,
        0x04,
      ),
      {
        maxLength: 200,
      },
    )
    .map((ops) => Uint8Array.of(0x80, 0x04, ...ops, 0x2e)),
);

describe('contract: random bytes never throw', () => {
  it('zmtp', () => {
    fc.assert(
      fc.property(zmtpArb, (bytes) => {
        for (const s of zmtpStates()) drive(zmtp, zmtp.NOTES, bytes, s);
        for (const s of zmtpStates()) checkNotes(zmtp.decode(bytes, s).notes, zmtp.NOTES);
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });

  it('mqtt', () => {
    fc.assert(
      fc.property(mqttArb, fc.constantFrom<mqtt.MqttVersion | undefined>(undefined, 3, 4, 5), (bytes, version) => {
        drive(mqtt, mqtt.NOTES, bytes, mqtt.newMqttState({ version, maxLength: 1 << 16 }));
        checkNotes(mqtt.decode(bytes, mqtt.newMqttState({ version })).notes, mqtt.NOTES);
        mqtt.looksLikeMqttConnect(bytes);
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });

  it('mqtt pairing over random packets', () => {
    const pr = new mqtt.MqttPairer();
    fc.assert(
      fc.property(mqttArb, fc.constantFrom<0 | 1>(0, 1), (bytes, dir) => {
        const d = mqtt.decode(bytes, mqtt.newMqttState({ version: 4 }));
        checkNotes(pr.observe(d.message, dir, 1, 0).notes, mqtt.NOTES);
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });

  it('http', () => {
    const prefixes = [
      '',
      'GET / HTTP/1.1\r\n',
      'HTTP/1.1 200 OK\r\n',
      'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n',
    ];
    fc.assert(
      fc.property(
        fc.constantFrom(...prefixes),
        fc.array(bytesArb, { maxLength: 4 }),
        fc.boolean(),
        (prefix, chunks, ascii) => {
          const { request, response } = http.newHttpPair({ maxHeader: 2048, maxBody: 256 });
          const s = prefix.startsWith('HTTP') ? response : request;
          let f = 1;
          const all = [new TextEncoder().encode(prefix), ...chunks.map((c) => (ascii ? c.map((x) => x & 0x7f) : c))];
          for (const c of all) checkNotes(s.push(c, f++).notes, http.NOTES);
          checkNotes(s.end(f).notes, http.NOTES);
          http.looksLikeHttp(all[1] ?? new Uint8Array(0));
        },
      ),
      { seed: SEED, numRuns: RUNS },
    );
  });

  it('payload', () => {
    fc.assert(
      fc.property(pickleArb, (bytes) => {
        const p = payload.decodePayload(bytes, { maxNodes: 500 });
        checkNotes(p.notes, payload.NOTES);
        expect(() => JSON.stringify(p.value)).not.toThrow();
        payload.previewPayload(p);
        payload.recognizeRpc(p);
      }),
      { seed: SEED, numRuns: RUNS * 2 },
    );
  });
});

describe('contract: every truncated prefix of every valid vector', () => {
  it('zmtp streams', () => {
    for (const stream of zmtpV.VALID_STREAMS) {
      const whole = Uint8Array.from(stream.flatMap((p) => [...p]));
      for (let cut = 0; cut <= whole.length; cut++) {
        const prefix = whole.subarray(0, cut);
        drive(zmtp, zmtp.NOTES, prefix, zmtp.newZmtpState());
        for (const s of zmtpStates()) checkNotes(zmtp.decode(prefix, s).notes, zmtp.NOTES);
      }
      // The whole stream frames into exactly its PDUs.
      expect(drive(zmtp, zmtp.NOTES, whole, zmtp.newZmtpState())).toBe(stream.length);
    }
  });

  it('mqtt packets', () => {
    for (const pdu of mqttV.VALID_PDUS) {
      for (let cut = 0; cut <= pdu.length; cut++) {
        const prefix = pdu.subarray(0, cut);
        for (const version of [undefined, 4, 5] as const) {
          checkNotes(mqtt.decode(prefix, mqtt.newMqttState({ version })).notes, mqtt.NOTES);
        }
        const f = mqtt.frame(prefix, 0, cut, mqtt.newMqttState());
        checkFraming(f, cut);
        if (cut < pdu.length) expect(f.kind).toBe('need');
      }
    }
  });

  it('valid vectors decode without notes other than the expected ones', () => {
    const [c2s] = mqtt.newMqttStatePair();
    for (const pdu of [mqttV.CONNECT_V311, mqttV.PUBLISH_QOS0, mqttV.SUBSCRIBE, mqttV.PINGREQ]) {
      expect(mqtt.decode(pdu, c2s).notes).toEqual([]);
    }
  });

  it('http messages', () => {
    const vectors: [Uint8Array, 'request' | 'response'][] = [
      [httpV.GET_ADD, 'request'],
      [httpV.PIPELINE, 'request'],
      [httpV.RESP_JSON, 'response'],
      [httpV.RESP_CHUNKED, 'response'],
      [httpV.RESP_PIPELINE, 'response'],
      [httpV.RESP_UNTIL_CLOSE_1, 'response'],
    ];
    for (const [v, type] of vectors) {
      for (let cut = 0; cut <= v.length; cut++) {
        const s = new http.HttpStream(type);
        checkNotes(s.push(v.subarray(0, cut), 1).notes, http.NOTES);
        checkNotes(s.end(2).notes, http.NOTES);
      }
    }
  });

  it('pickle vectors', () => {
    const vectors = [
      h('80 04 4b 3e 2e'),
      h('8004 950c00000000000000 8a09 000000000000000001 2e'),
      h('286c70300a49310a6156610a70310a614e612e'),
      h(
        '80037d7100285801000000787101473ff8000000000000580100000062710243020001710358010000007471044b014b028671055801000000737106636275696c74696e730a7365740a71075d71084b036185710952710a752e',
      ),
      h('80049520000000000000008c086461746574696d65948c0464617465949394430407e8010294859452942e'),
    ];
    for (const v of vectors) {
      for (let cut = 0; cut <= v.length; cut++) {
        const p = payload.decodePayload(v.subarray(0, cut));
        checkNotes(p.notes, payload.NOTES);
        if (cut === v.length) expect(p.encoding).toBe('pickle');
      }
    }
  });
});

describe('contract: note registries', () => {
  it('codes are dotted, prefixed by the module, with a severity', () => {
    const regs: [string, Record<string, string>][] = [
      ['zmtp', zmtp.NOTES],
      ['mqtt', mqtt.NOTES],
      ['http', http.NOTES],
      ['payload', payload.NOTES],
    ];
    for (const [prefix, reg] of regs) {
      for (const [code, sev] of Object.entries(reg)) {
        expect(code).toMatch(new RegExp(`^${prefix}(\\.[a-z0-9_]+)+$`));
        expect(['info', 'note', 'warn', 'error']).toContain(sev);
      }
    }
  });

  it('the registry holds every module code with its severity', () => {
    for (const reg of [zmtp.NOTES, mqtt.NOTES, http.NOTES, payload.NOTES])
      for (const [code, sev] of Object.entries(reg)) expect(SESSION_PROTOCOLS.notes.get(code), code).toBe(sev);
  });

  it('framer malformed codes are registered', () => {
    const z = zmtp.frame(h('02 ffffffffffffffff'), 0, 9, zmtp.newZmtpState({ midStream: true }));
    const m = mqtt.frame(h('30 ff ff ff ff'), 0, 5, mqtt.newMqttState());
    for (const [f, reg] of [
      [z, zmtp.NOTES],
      [m, mqtt.NOTES],
    ] as const) {
      expect(f.kind).toBe('malformed');
      if (f.kind === 'malformed') expect(Object.hasOwn(reg, f.code)).toBe(true);
    }
  });
});
