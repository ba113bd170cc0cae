/**
 * Contract over every registered dissector ("four outcomes, no exceptions out of a dissector"):
 * random bytes, every truncated prefix and random mutations of every valid vector never throw, never
 * trip the frame backstop (`frame.dissector_bug`), emit only registered note codes, and produce
 * well-formed layers and payload ranges.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dissectFrame } from '../../src/dissectors/frame.js';
import { DISSECTORS, NOTE_SEVERITY, TABLES } from '../../src/dissectors/registry.js';
import type { Dissection, DissectorDef, FrameBuilder, Layer, Next, TableName } from '../../src/dissectors/types.js';
import { fixIpv4Checksum, hex, VECTORS } from './vectors.js';

const SEED = 20240607;
const RUNS = 2000;
const LAYER_KINDS = new Set([
  'eth',
  'vlan',
  'sll',
  'null',
  'arp',
  'ip',
  'ipv6',
  'icmp',
  'icmpv6',
  'igmp',
  'udp',
  'tcp',
  'data',
  'unknown',
]);
const TABLE_NAMES = new Set<TableName>(['linktype', 'ethertype', 'ip.proto', 'null.family']);

/** Every number in a layer is a non-negative integer and no string shows an out-of-bounds read. */
function checkValue(v: unknown, path: string): void {
  if (typeof v === 'number') {
    if (!Number.isInteger(v) || v < 0) throw new Error(`${path} = ${v}`);
  } else if (typeof v === 'string') {
    if (v.includes('undefined') || v.includes('NaN')) throw new Error(`${path} = ${JSON.stringify(v)}`);
  } else if (Array.isArray(v)) {
    for (const [i, x] of v.entries()) checkValue(x, `${path}[${i}]`);
  } else if (v !== null && typeof v === 'object') {
    for (const [k, x] of Object.entries(v)) {
      if (x === undefined) throw new Error(`${path}.${k} is present but undefined`);
      checkValue(x, `${path}.${k}`);
    }
  } else if (typeof v !== 'boolean') {
    throw new Error(`${path}: unexpected ${typeof v}`);
  }
}

function checkDissection(d: Dissection, len: number): void {
  for (const n of d.notes) {
    if (n.code === 'frame.dissector_bug') throw new Error(`dissector bug: ${JSON.stringify(n.params)}`);
    const sev = NOTE_SEVERITY.get(n.code);
    if (sev === undefined) throw new Error(`unregistered note code ${n.code}`);
    if (n.severity !== sev) throw new Error(`${n.code}: severity ${n.severity}, registered ${sev}`);
    if (n.offset !== undefined && (n.offset < 0 || n.offset > len)) throw new Error(`${n.code}: offset ${n.offset}`);
  }
  if (d.layers.length > 16) throw new Error(`${d.layers.length} layers`);
  for (const [i, l] of d.layers.entries()) {
    if (!LAYER_KINDS.has(l.kind)) throw new Error(`layer ${i}: kind ${l.kind}`);
    checkValue(l, `layers[${i}]`);
  }
  if (d.payloadOffset < 0 || d.payloadLength < 0 || d.payloadOffset + d.payloadLength > len) {
    throw new Error(`payload ${d.payloadOffset}+${d.payloadLength} outside ${len} bytes`);
  }
}

function dissectChecked(bytes: Uint8Array, linktype: number): Dissection {
  const d = dissectFrame(bytes, linktype);
  checkDissection(d, bytes.length);
  return d;
}

const linktypes = [...TABLES.linktype.keys()];
const randomBytes = fc.uint8Array({ maxLength: 200 });

describe('registry', () => {
  it('every dissector declares its note codes, dotted and under its own name, with a valid severity', () => {
    for (const def of DISSECTORS) {
      for (const [code, sev] of Object.entries(def.notes)) {
        expect(code).toMatch(/^[a-z0-9_]+(\.[a-z0-9_]+)+$/);
        expect(code.startsWith(`${def.name}.`), `${code} under ${def.name}`).toBe(true);
        expect(['info', 'note', 'warn', 'error']).toContain(sev);
        expect(NOTE_SEVERITY.get(code)).toBe(sev);
      }
    }
  });

  it('registers the link types, EtherTypes, IP protocols and loopback families', () => {
    expect(linktypes.sort((a, b) => a - b)).toEqual([0, 1, 12, 14, 101, 108, 113, 228, 229, 276]);
    expect([...TABLES.ethertype.keys()].sort((a, b) => a - b)).toEqual([
      0x0800, 0x0806, 0x8035, 0x8100, 0x86dd, 0x88a8, 0x9100,
    ]);
    expect([...TABLES['ip.proto'].keys()].sort((a, b) => a - b)).toEqual([1, 2, 6, 17, 58]);
    expect([...TABLES['null.family'].keys()].sort((a, b) => a - b)).toEqual([2, 24, 28, 30]);
  });

  it('an unknown link type gives an unknown layer and frame.linktype.unknown', () => {
    const bytes = hex('de ad be ef');
    const d = dissectFrame(bytes, 147);
    expect(d.layers).toEqual([{ kind: 'unknown', table: 'linktype', key: 147, length: 4 }]);
    expect(d.notes).toEqual([{ code: 'frame.linktype.unknown', severity: 'note', params: { linktype: 147 } }]);
    expect(d.payloadOffset).toBe(0);
    expect(d.payloadLength).toBe(4);
  });
});

describe('valid vectors', () => {
  it.each(VECTORS.map((v) => [v.name, v] as const))('%s dissects without notes other than expected ones', (_n, v) => {
    const d = dissectChecked(v.bytes, v.linktype);
    expect(d.truncated).toBe(false);
    // fragments are noted by design; nothing else in a valid vector deserves a note
    expect(d.notes.filter((n) => !n.code.endsWith('.fragment'))).toEqual([]);
  });

  it.each(VECTORS.map((v) => [v.name, v] as const))('%s: every truncated prefix', (_n, v) => {
    for (let n = 0; n < v.bytes.length; n++) {
      const prefix = v.bytes.slice(0, n); // a copy: no bytes beyond the end to read by mistake
      try {
        const d = dissectChecked(prefix, v.linktype);
        expect(dissectFrame(prefix, v.linktype)).toEqual(d); // deterministic
      } catch (e) {
        throw new Error(`prefix of ${n} bytes: ${(e as Error).message}`);
      }
    }
  });

  it.each(VECTORS.map((v) => [v.name, v] as const))('%s: random mutations', (_n, v) => {
    const edits = fc.array(fc.tuple(fc.nat(v.bytes.length - 1), fc.integer({ min: 0, max: 255 })), {
      minLength: 1,
      maxLength: 6,
    });
    fc.assert(
      fc.property(edits, fc.option(fc.nat(v.bytes.length), { nil: undefined }), (ed, cut) => {
        const b = v.bytes.slice(0, cut ?? v.bytes.length);
        for (const [i, x] of ed) if (i < b.length) b[i] = x;
        dissectChecked(b, v.linktype);
      }),
      { seed: SEED, numRuns: 300 },
    );
  });
});

describe('random bytes', () => {
  it.each(linktypes.map((lt) => [lt]))('linktype %i', (lt) => {
    fc.assert(
      fc.property(randomBytes, (b) => {
        dissectChecked(b, lt);
      }),
      { seed: SEED + lt, numRuns: RUNS },
    );
  });

  it('behind an Ethernet header, for every registered EtherType', () => {
    const types = [...TABLES.ethertype.keys()];
    fc.assert(
      fc.property(fc.constantFrom(...types), randomBytes, (type, tail) => {
        const b = new Uint8Array(14 + tail.length);
        b[12] = type >>> 8;
        b[13] = type & 0xff;
        b.set(tail, 14);
        dissectChecked(b, 1);
      }),
      { seed: SEED, numRuns: RUNS * 2 },
    );
  });

  it('behind a valid IPv4 header, for every registered IP protocol (fragment bits random)', () => {
    const protos = [...TABLES['ip.proto'].keys()];
    fc.assert(
      fc.property(fc.constantFrom(...protos), fc.boolean(), randomBytes, fc.nat(40), (proto, frag, tail, extra) => {
        const b = new Uint8Array(20 + tail.length);
        const total = Math.max(20, Math.min(0xffff, b.length + extra - 20));
        b.set([
          0x45,
          0,
          total >>> 8,
          total & 0xff,
          0,
          1,
          frag ? 0x20 : 0x40,
          0,
          64,
          proto,
          0,
          0,
          10,
          0,
          0,
          1,
          10,
          0,
          0,
          2,
        ]);
        b.set(tail, 20);
        dissectChecked(fixIpv4Checksum(b, 0), 228);
      }),
      { seed: SEED, numRuns: RUNS * 2 },
    );
  });

  it('behind a valid IPv6 header, for every registered IP protocol and extension header', () => {
    const nexts = [...TABLES['ip.proto'].keys(), 0, 43, 44, 51, 59, 60, 135];
    fc.assert(
      fc.property(fc.constantFrom(...nexts), randomBytes, fc.integer({ min: -8, max: 40 }), (nxt, tail, extra) => {
        const b = new Uint8Array(40 + tail.length);
        const plen = Math.max(0, tail.length + extra);
        b.set([0x60, 0, 0, 0, plen >>> 8, plen & 0xff, nxt, 64]);
        b[23] = 1;
        b[39] = 2;
        b.set(tail, 40);
        dissectChecked(b, 229);
      }),
      { seed: SEED, numRuns: RUNS * 2 },
    );
  });
});

/** A FrameBuilder that records what a single dissector does. */
function recorder(prev: Layer | undefined) {
  const codes: string[] = [];
  const payloads: Array<[number, number]> = [];
  const f: FrameBuilder = {
    layers: prev ? [prev] : [],
    note(code) {
      codes.push(code);
    },
    markTruncated() {},
    setPayload(offset, length) {
      payloads.push([offset, length]);
    },
  };
  return { f, codes, payloads };
}

/** Previous layers a transport dissector may look at (consistent and inconsistent with the bytes). */
const prevLayer: fc.Arbitrary<Layer | undefined> = fc.oneof(
  fc.constant(undefined),
  fc.record({ len: fc.nat(0xffff), hdr_len: fc.integer({ min: 20, max: 60 }), fragment: fc.boolean() }).map(
    (r): Layer => ({
      kind: 'ip',
      version: 4,
      hdr_len: r.hdr_len,
      dsfield: 0,
      len: r.len,
      id: 1,
      flags: { rb: false, df: !r.fragment, mf: r.fragment },
      frag_offset: 0,
      ttl: 64,
      proto: 6,
      checksum: 0,
      checksum_status: 'good',
      src: '10.0.0.1',
      dst: '10.0.0.2',
      options: [],
      fragment: r.fragment,
    }),
  ),
  fc.record({ plen: fc.nat(0xffff), ext: fc.array(fc.constantFrom(8, 16, 24), { maxLength: 3 }) }).map(
    (r): Layer => ({
      kind: 'ipv6',
      version: 6,
      tclass: 0,
      flow: 0,
      plen: r.plen,
      nxt: 6,
      hlim: 64,
      src: '::1',
      dst: '::2',
      ext: r.ext.map((length) => ({ type: 60, name: 'Destination Options for IPv6', length })),
      proto: 6,
    }),
  ),
);

describe('each dissector on its own', () => {
  it.each(
    DISSECTORS.map(
      (d, i) => [`${d.name}#${i} (${d.registrations.map((r) => `${r.table}=${r.key}`).join(', ')})`, d] as const,
    ),
  )('%s emits only its own note codes and hands on a sane range', (_n, def: DissectorDef) => {
    fc.assert(
      fc.property(randomBytes, fc.nat(8), fc.nat(8), prevLayer, (b, pre, post, prev) => {
        const off = Math.min(pre, b.length);
        const end = Math.max(off, b.length - post);
        const r = recorder(prev);
        const next: Next | undefined = def.dissect(b, off, end, r.f);
        for (const c of r.codes) if (!(c in def.notes)) throw new Error(`${def.name} emitted unregistered ${c}`);
        for (const [o, l] of r.payloads) {
          if (o < off || l < 0 || o + l > end) throw new Error(`payload ${o}+${l} outside [${off}, ${end})`);
        }
        if (next) {
          if (!TABLE_NAMES.has(next.table)) throw new Error(`next table ${next.table}`);
          if (!Number.isInteger(next.key) || next.key < 0) throw new Error(`next key ${next.key}`);
          if (next.off < off || next.off > next.end || next.end > end) {
            throw new Error(`next range [${next.off}, ${next.end}) outside [${off}, ${end})`);
          }
        }
        for (const l of r.f.layers) checkValue(l, def.name);
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });
});
