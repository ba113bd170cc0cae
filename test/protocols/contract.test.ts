/**
 * The decoders' contract: random bytes and every truncated prefix of every valid vector never make a
 * decoder or a framer throw, a framer's `need` always asks for more than it has, and every note code a
 * decoder returns is registered in its module's NOTES table.
 */
import { describe, expect, it } from 'vitest';
import * as dns from '../../src/protocols/dns/decode.js';
import * as giop from '../../src/protocols/giop/decode.js';
import * as ice from '../../src/protocols/ice/decode.js';
import * as jsonrpc from '../../src/protocols/jsonrpc/decode.js';
import type { Outcome } from '../../src/protocols/reader.js';
import * as soap from '../../src/protocols/soap/decode.js';
import * as zk from '../../src/protocols/zookeeper/decode.js';
import { DNS_VECTORS } from './dns.vectors.js';
import { GIOP_VECTORS } from './giop.vectors.js';
import { ICE_VECTORS } from './ice.vectors.js';
import { JSONRPC_VECTORS } from './jsonrpc.vectors.js';
import { SOAP_VECTORS } from './soap.vectors.js';
import { prefixes, randomBytes } from './streams.js';
import { ZK_CLIENT_VECTORS, ZK_SERVER_VECTORS } from './zookeeper.vectors.js';

const enc = (s: string) => new TextEncoder().encode(s);

interface Subject {
  name: string;
  notes: Readonly<Record<string, string>>;
  decoders: ((b: Uint8Array) => Outcome<unknown, unknown>)[];
  framer?: (b: Uint8Array, o: number, e: number) => { kind: string; atLeast?: number; code?: string };
  vectors: Uint8Array[];
  /** Random inputs start with these bytes half of the time, so the fuzz gets past the magic. */
  magic?: Uint8Array;
}

const SUBJECTS: Subject[] = [
  {
    name: 'giop',
    notes: giop.GIOP_NOTES,
    decoders: [giop.decode],
    framer: giop.frame,
    vectors: GIOP_VECTORS,
    magic: enc('GIOP\x01\x02'),
  },
  {
    name: 'ice',
    notes: ice.ICE_NOTES,
    decoders: [ice.decode],
    framer: ice.frame,
    vectors: ICE_VECTORS,
    magic: enc('IceP\x01\x00\x01\x00'),
  },
  {
    name: 'zookeeper',
    notes: zk.ZK_NOTES,
    decoders: [
      (b) => zk.decodeClient(b),
      (b) => zk.decodeClient(b, { connect: true }),
      (b) => zk.decodeServer(b, { connect: true }),
      ...[undefined, 1, 3, 4, 5, 8, 12, 14, 15, 6, 9].map(
        (t) => (b: Uint8Array) => zk.decodeServer(b, { requestType: t }),
      ),
    ],
    framer: zk.frame,
    vectors: [...ZK_CLIENT_VECTORS, ...ZK_SERVER_VECTORS.map(([v]) => v)],
  },
  { name: 'dns', notes: dns.DNS_NOTES, decoders: [dns.decode], framer: dns.frameTcp, vectors: DNS_VECTORS },
  {
    name: 'jsonrpc',
    notes: jsonrpc.JSONRPC_NOTES,
    decoders: [jsonrpc.decode],
    vectors: JSONRPC_VECTORS.map(enc),
    magic: enc('{"jsonrpc": "2.0", '),
  },
  {
    name: 'soap',
    notes: soap.SOAP_NOTES,
    decoders: [(b) => soap.decode(b), (b) => soap.decode(b, { soapAction: '"x"' })],
    vectors: SOAP_VECTORS.map(enc),
    magic: enc('<e:Envelope xmlns:e="http://schemas.xmlsoap.org/soap/envelope/"><e:Body>'),
  },
];

function check(s: Subject, b: Uint8Array): void {
  for (const dec of s.decoders) {
    const d = dec(b);
    if (d.kind === 'malformed' || d.kind === 'unsupported') {
      expect(Object.hasOwn(s.notes, d.code), `${s.name}: unregistered note ${d.code}`).toBe(true);
    }
    if (d.kind === 'truncated') expect(d.needed).toBeGreaterThan(b.length > 0 ? Math.min(d.at, b.length) - 1 : -1);
  }
  if (s.framer) {
    const f = s.framer(b, 0, b.length);
    if (f.kind === 'need') expect(f.atLeast!).toBeGreaterThan(b.length);
    if (f.kind === 'malformed') expect(Object.hasOwn(s.notes, f.code!), `${s.name}: framer note ${f.code}`).toBe(true);
  }
}

describe.each(SUBJECTS)('$name', (s) => {
  it('every prefix of every vector: no throw, registered notes', () => {
    for (const v of s.vectors) for (const p of prefixes(v)) check(s, p);
  });

  it('every vector with each byte flipped: no throw', () => {
    for (const v of s.vectors) {
      for (let i = 0; i < v.length; i++) {
        const b = v.slice();
        b[i] = b[i]! ^ 0xff;
        check(s, b);
      }
    }
  });

  it('2000 random inputs (half behind the protocol magic): no throw', () => {
    for (let i = 0; i < 2000; i++) {
      const body = randomBytes(i * 7919 + s.name.length, 1 + (i % 300));
      if (s.magic && i % 2 === 0) {
        const b = new Uint8Array(s.magic.length + body.length);
        b.set(s.magic);
        b.set(body, s.magic.length);
        check(s, b);
      } else check(s, body);
    }
  });
});
