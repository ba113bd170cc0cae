// @ts-check
/**
 * fast-check properties over every dissector and every reader, run by the fuzz harness with the
 * campaign's seed (the vitest contract suites run smaller, fixed budgets of similar properties).
 *
 *   each registered dissector   random bytes, random window, random previous layer: never throws, only
 *                               its own note codes, payload / next ranges inside its window
 *   dissectFrame                every link type, random and structured frames: no backstop note
 *   capture readers             random bytes behind each magic: only CaptureError; fixtures mutated
 *                               and pushed in random chunks give exactly the frames of one push
 *   analyzeBytes                small generated captures: only CaptureError, no backstop
 *   application dissectors      ZMTP / MQTT framers and decoders over random and structured bytes in
 *                               every state: well-formed framing, registered notes; HTTP streams in
 *                               random chunks; pickles with deep nesting and shared memo references
 *   reassembly                  ByteStream: random (overlapping, duplicated, reordered) segments and
 *                               acks deliver a contiguous stream, bounded buffering; PduStream with
 *                               the MQTT / ZMTP framers: the same PDUs however the bytes are split
 *
 * Modules that are still being written may lack an export: such a property reports "skipped".
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { concat } from './capture-map.mjs';

const DIST = new URL('../dist/', import.meta.url);
const bytes = (/** @type {number} */ max) => fc.uint8Array({ maxLength: max });

/** @param {string} rel */
async function load(rel) {
  try {
    return await import(new URL(rel, DIST).href);
  } catch {
    return undefined;
  }
}

/**
 * @typedef {{ name: string, ok: boolean, runs: number, ms: number, error?: string, skipped?: boolean }} PropResult
 */

/**
 * @param {number} seed
 * @param {number} runs  numRuns per property
 * @param {(i: number) => void} onStart  called before property i (the watchdog's clock)
 * @returns {Promise<PropResult[]>}
 */
export async function runProps(seed, runs, onStart) {
  const props = await properties(runs);
  /** @type {PropResult[]} */
  const out = [];
  for (const [i, p] of props.entries()) {
    onStart(i);
    const t0 = performance.now();
    if (!p.run) {
      out.push({ name: p.name, ok: true, runs: 0, ms: 0, skipped: true });
      continue;
    }
    try {
      p.run({ seed: (seed * 7919 + i) | 0, numRuns: Math.max(1, Math.round(runs * (p.weight ?? 1))) });
      out.push({ name: p.name, ok: true, runs: Math.round(runs * (p.weight ?? 1)), ms: Math.round(performance.now() - t0) });
    } catch (e) {
      out.push({ name: p.name, ok: false, runs, ms: Math.round(performance.now() - t0), error: String(/** @type {Error} */ (e)?.message ?? e).slice(0, 4000) });
    }
  }
  return out;
}

/**
 * @typedef {{ seed: number, numRuns: number }} Params
 * @typedef {{ name: string, weight?: number, run?: (p: Params) => void }} Prop
 */

/** @param {number} _runs @returns {Promise<Prop[]>} */
async function properties(_runs) {
  const registry = await load('dissectors/registry.js');
  const frameMod = await load('dissectors/frame.js');
  const reader = await load('capture/reader.js');
  const analyze = await load('analyze.js');
  const mqtt = await load('dissectors/app/mqtt.js');
  const zmtp = await load('dissectors/app/zmtp.js');
  const http = await load('dissectors/app/http.js');
  const payload = await load('dissectors/app/payload.js');
  const reasm = await load('analysis/reassembly.js');
  /** @type {Prop[]} */
  const props = [];

  /* --- every registered dissector on its own --------------------------------------------------- */
  if (registry?.DISSECTORS) {
    const prevs = fc.oneof(
      fc.constant(undefined),
      fc.record({ len: fc.nat(0xffff), hdr_len: fc.integer({ min: 0, max: 60 }), fragment: fc.boolean(), proto: fc.nat(255) }).map((r) => ({
        kind: 'ip', version: 4, hdr_len: r.hdr_len, dsfield: 0, len: r.len, id: 1, flags: { rb: false, df: true, mf: r.fragment },
        frag_offset: 0, ttl: 64, proto: r.proto, checksum: 0, checksum_status: 'good', src: '10.0.0.1', dst: '10.0.0.2', options: [], fragment: r.fragment,
      })),
      fc.record({ plen: fc.nat(0xffff), ext: fc.array(fc.nat(2048), { maxLength: 4 }) }).map((r) => ({
        kind: 'ipv6', version: 6, tclass: 0, flow: 0, plen: r.plen, nxt: 6, hlim: 64, src: '::1', dst: '::2',
        ext: r.ext.map((length) => ({ type: 60, name: 'x', length })), proto: 6,
      })),
    );
    for (const [i, def] of registry.DISSECTORS.entries()) {
      props.push({
        name: `dissector ${def.name}#${i}`,
        run: (p) =>
          fc.assert(
            fc.property(bytes(600), fc.nat(16), fc.nat(16), prevs, (b, pre, post, prev) => {
              const off = Math.min(pre, b.length);
              const end = Math.max(off, b.length - post);
              /** @type {string[]} */
              const codes = [];
              /** @type {[number, number][]} */
              const pays = [];
              const f = {
                layers: prev ? [prev] : [],
                note: (/** @type {string} */ c) => void codes.push(c),
                markTruncated() {},
                setPayload: (/** @type {number} */ o, /** @type {number} */ l) => void pays.push([o, l]),
              };
              const next = def.dissect(b, off, end, f);
              for (const c of codes) if (!(c in def.notes)) throw new Error(`unregistered note ${c}`);
              for (const [o, l] of pays) if (o < off || l < 0 || o + l > end) throw new Error(`payload ${o}+${l} outside [${off}, ${end})`);
              if (next && (next.off < off || next.off > next.end || next.end > end)) throw new Error(`next [${next.off}, ${next.end}) outside [${off}, ${end})`);
              JSON.stringify(f.layers);
            }),
            p,
          ),
      });
    }
  }

  /* --- whole frames ----------------------------------------------------------------------------- */
  if (frameMod?.dissectFrame && registry?.TABLES) {
    const linktypes = [...registry.TABLES.linktype.keys(), 147];
    const noBug = (/** @type {Uint8Array} */ b, /** @type {number} */ lt) => {
      const d = frameMod.dissectFrame(b, lt);
      for (const n of d.notes) if (n.code.endsWith('dissector_bug')) throw new Error(`backstop: ${JSON.stringify(n.params)}`);
      if (d.payloadOffset < 0 || d.payloadOffset + d.payloadLength > b.length) throw new Error('payload range');
    };
    props.push({
      name: 'dissectFrame: random bytes, every link type',
      weight: 4,
      run: (p) => fc.assert(fc.property(fc.constantFrom(...linktypes), bytes(400), (lt, b) => noBug(b, lt)), p),
    });
    props.push({
      name: 'dissectFrame: structured Ethernet/VLAN/IPv4/IPv6/TCP/UDP with random fields',
      weight: 4,
      run: (p) => fc.assert(fc.property(structuredFrame(), ([lt, b]) => noBug(b, lt)), p),
    });
  }

  /* --- capture readers -------------------------------------------------------------------------- */
  const fixtures = fixtureBytes();
  if (reader?.readCaptureBytes && reader?.CaptureReader) {
    const magics = [
      [0xd4, 0xc3, 0xb2, 0xa1], [0xa1, 0xb2, 0xc3, 0xd4], [0x4d, 0x3c, 0xb2, 0xa1], [0xa1, 0xb2, 0x3c, 0x4d],
      [0x34, 0xcd, 0xb2, 0xa1], [0x0a, 0x0d, 0x0d, 0x0a], [0x1f, 0x8b], [],
    ];
    props.push({
      name: 'readCaptureBytes: random bytes behind every magic throw only CaptureError',
      weight: 4,
      run: (p) =>
        fc.assert(
          fc.property(fc.constantFrom(...magics), bytes(2000), (m, b) => {
            const all = Uint8Array.from([...m, ...b]);
            try {
              reader.readCaptureBytes(all, () => {});
            } catch (e) {
              if (!(e instanceof reader.CaptureError)) throw e;
            }
          }),
          p,
        ),
    });
    if (fixtures.length > 0) {
      props.push({
        name: 'CaptureReader: mutated fixtures in random chunks = one push',
        weight: 2,
        run: (p) =>
          fc.assert(
            fc.property(
              fc.constantFrom(...fixtures),
              fc.array(fc.tuple(fc.nat(), fc.nat(255)), { maxLength: 8 }),
              fc.array(fc.nat(), { maxLength: 12 }),
              fc.option(fc.nat(), { nil: undefined }),
              ([, whole], edits, cuts, cutAt) => {
                const b = whole.slice(0, cutAt === undefined ? whole.length : cutAt % (whole.length + 1));
                for (const [i, v] of edits) if (b.length > 0) b[i % b.length] = v;
                const one = readAll(reader, [b]);
                const pts = [...new Set(cuts.map((c) => c % (b.length + 1)))].sort((x, y) => x - y);
                const chunks = [];
                let last = 0;
                for (const c of pts) {
                  chunks.push(b.subarray(last, c));
                  last = c;
                }
                chunks.push(b.subarray(last));
                const many = readAll(reader, chunks);
                if (JSON.stringify(one) !== JSON.stringify(many)) {
                  throw new Error(`chunked read differs: ${JSON.stringify(one).slice(0, 300)} vs ${JSON.stringify(many).slice(0, 300)}`);
                }
              },
            ),
            p,
          ),
      });
    }
  }

  /* --- the whole pipeline on generated captures --------------------------------------------------- */
  if (analyze?.analyzeBytes) {
    props.push({
      name: 'analyzeBytes: generated pcaps of structured frames',
      weight: 2,
      run: (p) =>
        fc.assert(
          fc.property(fc.array(structuredFrame(), { minLength: 1, maxLength: 40 }), fc.boolean(), (frames, le) => {
            const lt = frames[0]?.[0] ?? 1;
            const recs = frames.map(([, d], i) => pcapRecord(d, i, le));
            const all = concat([pcapHeader(lt, le), ...recs]);
            let m;
            try {
              m = analyze.analyzeBytes(all);
            } catch (e) {
              if (/** @type {Error} */ (e)?.name !== 'CaptureError') throw e;
              return;
            }
            for (const f of m.frames) for (const n of f.notes) if (n.code.endsWith('dissector_bug')) throw new Error(`backstop ${JSON.stringify(n)}`);
            JSON.stringify(m);
          }),
          p,
        ),
    });
  }

  /* --- application dissectors ------------------------------------------------------------------- */
  const checkFraming = (/** @type {any} */ f, /** @type {number} */ avail) => {
    if (f.kind === 'pdu' && !(f.length >= 1 && f.length <= avail)) throw new Error(`pdu length ${f.length} with ${avail} available`);
    if (f.kind === 'need' && !(f.atLeast > avail)) throw new Error(`need ${f.atLeast} with ${avail} available`);
    if (f.kind === 'malformed' && !(f.skip >= 1 && Number.isSafeInteger(f.skip))) throw new Error(`skip ${f.skip}`);
  };
  const checkNotes = (/** @type {readonly any[]} */ notes, /** @type {Record<string, string>} */ reg) => {
    for (const n of notes) {
      if (!Object.hasOwn(reg, n.code)) throw new Error(`unregistered note ${n.code}`);
      if (n.code.endsWith('dissector_bug')) throw new Error(`backstop ${JSON.stringify(n)}`);
    }
  };
  /** Frame and decode a whole buffer with one state. */
  const drive = (/** @type {any} */ mod, /** @type {Uint8Array} */ b, /** @type {any} */ state) => {
    let off = 0;
    let guard = 0;
    while (off < b.length) {
      if (++guard > b.length + 10) throw new Error('framer does not advance');
      const f = mod.frame(b, off, b.length, state);
      checkFraming(f, b.length - off);
      if (f.kind === 'need') break;
      if (f.kind === 'malformed') {
        off += f.skip;
        continue;
      }
      const d = mod.decode(b.subarray(off, off + f.length), state);
      checkNotes(d.notes, mod.NOTES);
      JSON.stringify(d.message, (_k, v) => (typeof v === 'bigint' ? String(v) : v));
      off += f.length;
    }
  };
  if (mqtt?.frame && mqtt?.decode && mqtt?.newMqttState) {
    const mqttPdu = fc
      .tuple(fc.integer({ min: 0, max: 255 }), bytes(300), fc.constantFrom('exact', 'max', 'overlong', 'random'))
      .map(([b0, rest, how]) => {
        const len = how === 'exact' ? varintBytes(rest.length) : how === 'max' ? [0xff, 0xff, 0xff, 0x7f] : how === 'overlong' ? [0x80, 0x80, 0x80, 0x80, 0x01] : [rest[0] ?? 0];
        return Uint8Array.from([b0, ...len, ...rest]);
      });
    props.push({
      name: 'mqtt: frame/decode over random and structured packets, every version',
      weight: 3,
      run: (p) =>
        fc.assert(
          fc.property(fc.array(fc.oneof(bytes(300), mqttPdu), { maxLength: 6 }), fc.constantFrom(undefined, 3, 4, 5), fc.constantFrom(undefined, 64, 1 << 16), (parts, version, maxLength) => {
            const b = concat(parts);
            drive(mqtt, b, mqtt.newMqttState({ version, maxLength }));
            checkNotes(mqtt.decode(b, mqtt.newMqttState({ version })).notes, mqtt.NOTES);
          }),
          p,
        ),
    });
  }
  if (zmtp?.frame && zmtp?.decode && zmtp?.newZmtpState) {
    const zframe = fc.tuple(fc.nat(7), bytes(300), fc.constantFrom('short', 'long', 'huge')).map(([flags, body, how]) => {
      if (how === 'short') return Uint8Array.from([flags & ~2, body.length & 0xff, ...body]);
      const size = how === 'long' ? BigInt(body.length) : 0xffffffffffffffffn - BigInt(body[0] ?? 0);
      const h = new Uint8Array(9);
      h[0] = flags | 2;
      new DataView(h.buffer).setBigUint64(1, size);
      return Uint8Array.from([...h, ...body]);
    });
    const greeting = fc.tuple(fc.constantFrom(1, 2, 3, 4), fc.constantFrom('NULL', 'PLAIN', 'CURVE', 'X'), fc.nat(1)).map(([maj, mech, srv]) => {
      const g = new Uint8Array(64);
      g[0] = 0xff;
      g[8] = 1;
      g[9] = 0x7f;
      g[10] = maj;
      g[11] = 0;
      for (let i = 0; i < mech.length; i++) g[12 + i] = mech.charCodeAt(i);
      g[32] = srv;
      return g;
    });
    const states = () => [
      zmtp.newZmtpState({ maxFrame: 4096 }),
      zmtp.newZmtpState({ midStream: true }),
      { ...zmtp.newZmtpState({ midStream: true }), framing: 'v2' },
      { ...zmtp.newZmtpState({ midStream: true }), framing: 'v1' },
      { ...zmtp.newZmtpState({ midStream: true }), mechanism: 'CURVE' },
    ];
    props.push({
      name: 'zmtp: frame/decode over greetings, frames, commands and huge sizes, every state',
      weight: 3,
      run: (p) =>
        fc.assert(
          fc.property(fc.option(greeting, { nil: undefined }), fc.array(fc.oneof(zframe, bytes(100)), { maxLength: 6 }), (g, parts) => {
            const b = concat(g ? [g, ...parts] : parts);
            for (const s of states()) drive(zmtp, b, s);
            for (const s of states()) checkNotes(zmtp.decode(b, s).notes, zmtp.NOTES);
          }),
          p,
        ),
    });
  }
  if (http?.HttpStream) {
    const enc = new TextEncoder();
    const head = fc.constantFrom(
      'GET / HTTP/1.1\r\nHost: x\r\n\r\n',
      'POST /rpc HTTP/1.1\r\nContent-Length: 99999999999999999999\r\n\r\n{}',
      'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nffffffffffffffff\r\nab\r\n',
      'HTTP/1.1 200 OK\r\nContent-Length: -1\r\n\r\n',
      'HTTP/1.1 200 OK\r\nContent-Length: 5\r\nContent-Length: 6\r\n\r\nhello',
      'HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n\r\n',
      'GET / HTTP/1.1\r\n' + 'X: y\r\n'.repeat(3000) + '\r\n',
      'GET /' + 'a'.repeat(70000) + ' HTTP/1.1\r\n\r\n',
      '',
    );
    props.push({
      name: 'http: request/response streams in random chunks',
      weight: 1,
      run: (p) =>
        fc.assert(
          fc.property(head, fc.array(bytes(400), { maxLength: 4 }), fc.array(fc.nat(), { maxLength: 6 }), fc.boolean(), (h, tails, cuts, small) => {
            const all = concat([enc.encode(h), ...tails]);
            const type = h.startsWith('HTTP') ? 'response' : 'request';
            const s = new http.HttpStream(type, small ? { maxHeader: 2048, maxBody: 256 } : {});
            const pts = [...new Set(cuts.map((c) => c % (all.length + 1)))].sort((x, y) => x - y);
            let last = 0;
            let fr = 1;
            for (const c of [...pts, all.length]) {
              checkNotes(s.push(all.subarray(last, c), fr++).notes, http.NOTES);
              last = c;
            }
            checkNotes(s.end(fr).notes, http.NOTES);
          }),
          p,
        ),
    });
  }
  if (payload?.decodePayload) {
    const ops = [0x28, 0x2e, 0x5d, 0x61, 0x65, 0x7d, 0x73, 0x75, 0x4b, 0x68, 0x71, 0x94, 0x32, 0x86, 0x85, 0x87, 0x29, 0x52, 0x62, 0x8a, 0x01, 0x00, 0x80, 0x04, 0x4e, 0x88, 0x89, 0x8c, 0x95, 0x8d, 0x8e, 0x30, 0x31, 0x6c, 0x74, 0x64, 0x63, 0x93, 0x81, 0x92, 0x42, 0x43, 0x54, 0x55, 0x58, 0x56, 0x0a];
    const nested = fc.tuple(fc.constantFrom(0x5d, 0x28, 0x29, 0x7d), fc.integer({ min: 1, max: 20000 })).map(([op, depth]) => {
      const b = [0x80, 0x04];
      if (op === 0x29) {
        b.push(0x29);
        for (let i = 0; i < depth; i++) b.push(0x85);
      } else if (op === 0x5d) {
        for (let i = 0; i < depth; i++) b.push(0x5d);
        for (let i = 1; i < depth; i++) b.push(0x61);
      } else if (op === 0x28) {
        for (let i = 0; i < depth; i++) b.push(0x28);
        for (let i = 0; i < depth; i++) b.push(0x6c);
      } else {
        for (let i = 0; i < depth; i++) b.push(0x7d, 0x4b, i & 0xff);
        for (let i = 1; i < depth; i++) b.push(0x73);
      }
      b.push(0x2e);
      return Uint8Array.from(b);
    });
    const laughs = fc.integer({ min: 1, max: 250 }).map((n) => {
      const b = [0x80, 0x04, 0x5d, 0x94];
      for (let i = 0; i < n; i++) b.push(0x68, i, 0x68, i, 0x86, 0x94);
      b.push(0x2e);
      return Uint8Array.from(b);
    });
    props.push({
      name: 'payload: pickles (random opcodes, deep nesting, memo bombs), JSON, text',
      weight: 2,
      run: (p) =>
        fc.assert(
          fc.property(
            fc.oneof(bytes(600), nested, laughs, fc.array(fc.constantFrom(...ops), { maxLength: 400 }).map((o) => Uint8Array.from([0x80, 0x04, ...o, 0x2e]))),
            (b) => {
              const t0 = performance.now();
              const r = payload.decodePayload(b);
              checkNotes(r.notes, payload.NOTES);
              JSON.stringify(r.value);
              payload.previewPayload?.(r);
              payload.recognizeRpc?.(r);
              const ms = performance.now() - t0;
              if (ms > 1000) throw new Error(`decodePayload took ${ms.toFixed(0)} ms on ${b.length} bytes`);
            },
          ),
          p,
        ),
    });
  }

  /* --- reassembly --------------------------------------------------------------------------------- */
  if (reasm?.ByteStream) {
    props.push({
      name: 'ByteStream: overlapping, duplicated, reordered segments and acks give one contiguous stream',
      weight: 3,
      run: (p) =>
        fc.assert(
          fc.property(
            fc.integer({ min: 0, max: 0xffffffff }),
            fc.array(
              fc.oneof(
                { weight: 6, arbitrary: fc.record({ k: fc.constant('seg'), at: fc.integer({ min: -100, max: 6000 }), len: fc.integer({ min: 1, max: 1500 }), cut: fc.nat(1500) }) },
                { weight: 2, arbitrary: fc.record({ k: fc.constant('ack'), at: fc.integer({ min: -100, max: 7000 }) }) },
                { weight: 1, arbitrary: fc.record({ k: fc.constantFrom('fin', 'rst'), at: fc.integer({ min: 0, max: 7000 }) }) },
              ),
              { maxLength: 60 },
            ),
            fc.constantFrom(undefined, 1, 500, 4096),
            (isn, events, cap) => {
              let expect = 0;
              let delivered = 0;
              let ended = 0;
              const sink = {
                data: (/** @type {Uint8Array} */ b, /** @type {number} */ off) => {
                  if (off !== expect) throw new Error(`data at ${off}, expected ${expect}`);
                  if (b.length === 0) throw new Error('empty data');
                  for (let i = 0; i < b.length; i++) if (b[i] !== ((off + i) & 0xff)) throw new Error(`byte ${off + i} corrupted`);
                  expect += b.length;
                  delivered += b.length;
                },
                gap: (/** @type {number} */ off, /** @type {number} */ len) => {
                  if (off !== expect || !(len > 0)) throw new Error(`gap ${off}+${len}, expected at ${expect}`);
                  expect += len;
                },
                end: () => void ended++,
              };
              const s = new reasm.ByteStream(sink, cap === undefined ? {} : { capBytes: cap });
              s.init(isn);
              let maxSeg = 0;
              for (const [i, e] of events.entries()) {
                const seq = (isn + e.at) >>> 0;
                if (e.k === 'seg') {
                  const data = new Uint8Array(Math.min(e.len, e.cut + 1));
                  for (let j = 0; j < data.length; j++) data[j] = (e.at + j) & 0xff;
                  s.segment(seq, data, i + 1, e.len);
                  maxSeg = Math.max(maxSeg, e.len);
                } else if (e.k === 'ack') s.ack(seq, i + 1);
                else if (e.k === 'fin') s.fin(seq, i + 1);
                else s.rst(i + 1);
                if (s.buffered > (cap ?? 4 * 1024 * 1024) + maxSeg) throw new Error(`buffered ${s.buffered} over cap ${cap}`);
              }
              s.close(events.length + 1);
              if (ended !== 1) throw new Error(`end called ${ended} times`);
              if (delivered !== s.delivered) throw new Error('delivered count');
            },
          ),
          p,
        ),
    });
  }
  if (reasm?.PduStream && (mqtt?.frame || zmtp?.frame)) {
    /** @type {[string, any, () => any][]} */
    const protos = [];
    if (mqtt?.frame) protos.push(['mqtt', mqtt, () => mqtt.newMqttState({ maxLength: 1 << 16 })]);
    if (zmtp?.frame) protos.push(['zmtp', zmtp, () => zmtp.newZmtpState({ midStream: true, maxFrame: 1 << 16 })]);
    props.push({
      name: 'PduStream with the MQTT / ZMTP framers: the same PDUs however the stream is split',
      weight: 2,
      run: (p) =>
        fc.assert(
          fc.property(fc.constantFrom(...protos), fc.array(bytes(200), { minLength: 1, maxLength: 8 }), fc.array(fc.nat(), { maxLength: 10 }), ([, mod, st], parts, cuts) => {
            const all = concat(parts);
            const run = (/** @type {Uint8Array[]} */ chunks) => {
              const state = st();
              /** @type {string[]} */
              const got = [];
              const sink = {
                onPdu: (/** @type {Uint8Array} */ b, /** @type {readonly number[]} */ _f, /** @type {number} */ off) => {
                  got.push(`${off}:${b.length}`);
                  mod.decode(b, state);
                },
                onNote: (/** @type {string} */ c) => void got.push(c),
              };
              const ps = new reasm.PduStream(mod, state, sink, { maxPdu: 1 << 16 });
              let off = 0;
              for (const [i, c] of chunks.entries()) {
                if (c.length > 0) ps.data(c, off, i + 1);
                off += c.length;
              }
              ps.end('fin', chunks.length + 1);
              return got;
            };
            const pts = [...new Set(cuts.map((c) => c % (all.length + 1)))].sort((x, y) => x - y);
            const chunks = [];
            let last = 0;
            for (const c of pts) {
              chunks.push(all.subarray(last, c));
              last = c;
            }
            chunks.push(all.subarray(last));
            const a = run([all]).filter((x) => !x.startsWith('tcp.pdu.incomplete'));
            const b = run(chunks).filter((x) => !x.startsWith('tcp.pdu.incomplete'));
            if (JSON.stringify(a) !== JSON.stringify(b)) throw new Error(`one push ${JSON.stringify(a).slice(0, 400)} vs chunks ${JSON.stringify(b).slice(0, 400)}`);
          }),
          p,
        ),
    });
  }
  return props;
}

/* ------------------------------------------------------------------------------------------------ */

/** @param {any} reader @param {Uint8Array[]} chunks */
function readAll(reader, chunks) {
  /** @type {string[]} */
  const frames = [];
  const r = new reader.CaptureReader((/** @type {any} */ f) => void frames.push(`${f.n}/${f.tsSec}.${f.tsNsec}/${f.caplen}/${f.len}/${f.linktype}/${f.ifIndex}/${Buffer.from(f.data).toString('hex')}`));
  try {
    for (const c of chunks) r.push(c);
    r.end();
  } catch (e) {
    if (!(e instanceof reader.CaptureError)) throw e;
    return { error: /** @type {any} */ (e).code, frames };
  }
  const res = r.result();
  return { frames, warnings: res.warnings.map((/** @type {any} */ w) => `${w.code}@${w.offset}`), damaged: res.damaged };
}

/** @returns {[string, Uint8Array][]} uncompressed fixtures */
function fixtureBytes() {
  const dir = new URL('../fixtures/', import.meta.url).pathname;
  try {
    return readdirSync(dir)
      .filter((n) => /\.(pcap|pcapng)$/.test(n))
      .map((n) => /** @type {[string, Uint8Array]} */ ([n, new Uint8Array(readFileSync(join(dir, n)))]))
      .filter(([, b]) => b[0] !== 0x1f && b.length < 64 * 1024);
  } catch {
    return [];
  }
}

/** Link type + frame: Ethernet (VLAN) / SLL / SLL2 / raw / null, IPv4 (options) / IPv6 (extensions), TCP (options) / UDP / ICMP. */
function structuredFrame() {
  const ipv4 = fc
    .record({
      ihl: fc.oneof(fc.constant(5), fc.integer({ min: 0, max: 15 })),
      len: fc.option(fc.nat(0xffff), { nil: undefined }),
      frag: fc.oneof(fc.constant(0x4000), fc.nat(0xffff)),
      proto: fc.oneof(fc.constantFrom(6, 17, 1, 2), fc.nat(255)),
      opts: bytes(40),
    })
    .map((r) => ({ v: /** @type {4} */ (4), ...r }));
  const ipv6 = fc.record({ plen: fc.option(fc.nat(0xffff), { nil: undefined }), nxt: fc.oneof(fc.constantFrom(6, 17, 58, 0, 43, 44, 60, 59, 51), fc.nat(255)), ext: bytes(64) }).map((r) => ({ v: /** @type {6} */ (6), ...r }));
  const l4 = fc.record({
    doff: fc.oneof(fc.constant(5), fc.integer({ min: 0, max: 15 })),
    opts: bytes(40),
    flags: fc.nat(255),
    sport: fc.constantFrom(1883, 5555, 5151, 80, 2222, 40000),
    dport: fc.constantFrom(1883, 5555, 5151, 80, 2222, 40000),
    ulen: fc.option(fc.nat(0xffff), { nil: undefined }),
    payload: bytes(300),
  });
  return fc.tuple(fc.constantFrom(1, 113, 276, 101, 228, 229, 0, 108), fc.oneof(ipv4, ipv6), l4, fc.nat(3)).map(([lt, ip, t, vlans]) => {
    const proto = ip.v === 4 ? ip.proto : ip.nxt;
    /** @type {number[]} */
    let l4b;
    if (proto === 6) {
      const optLen = Math.max(0, t.doff * 4 - 20);
      const o = [...t.opts, ...new Array(40).fill(0)].slice(0, optLen);
      l4b = [t.sport >> 8, t.sport & 255, t.dport >> 8, t.dport & 255, 0, 0, 0, 1, 0, 0, 0, 0, (t.doff << 4), t.flags, 0xff, 0xff, 0, 0, 0, 0, ...o, ...t.payload];
    } else if (proto === 17) {
      const ul = t.ulen ?? 8 + t.payload.length;
      l4b = [t.sport >> 8, t.sport & 255, t.dport >> 8, t.dport & 255, ul >> 8, ul & 255, 0, 0, ...t.payload];
    } else l4b = [...t.payload];
    /** @type {number[]} */
    let ipb;
    if (ip.v === 4) {
      const optLen = Math.max(0, ip.ihl * 4 - 20);
      const o = [...ip.opts, ...new Array(40).fill(0)].slice(0, optLen);
      const tot = ip.len ?? 20 + optLen + l4b.length;
      ipb = [0x40 | ip.ihl, 0, tot >> 8, tot & 255, 0, 1, ip.frag >> 8, ip.frag & 255, 64, ip.proto, 0, 0, 172, 18, 0, 2, 172, 18, 0, 3, ...o, ...l4b];
    } else {
      const ext = [...ip.ext];
      const pl = ip.plen ?? ext.length + l4b.length;
      ipb = [0x60, 0, 0, 0, pl >> 8, pl & 255, ip.nxt, 64, ...new Array(15).fill(0), 1, ...new Array(15).fill(0), 2, ...ext, ...l4b];
    }
    const et = ip.v === 4 ? [0x08, 0x00] : [0x86, 0xdd];
    /** @type {number[]} */
    let link;
    switch (lt) {
      case 1:
        link = [2, 0x42, 0xac, 0x12, 0, 3, 2, 0x42, 0xac, 0x12, 0, 2];
        for (let i = 0; i < vlans; i++) link.push(0x81, 0x00, 0, i + 1);
        link.push(...et);
        break;
      case 113:
        link = [0, 0, 0, 1, 0, 6, 2, 0x42, 0xac, 0x12, 0, 2, 0, 0, ...et];
        break;
      case 276:
        link = [...et, 0, 0, 0, 0, 0, 3, 0, 1, 0, 6, 2, 0x42, 0xac, 0x12, 0, 2, 0, 0];
        break;
      case 0:
        link = ip.v === 4 ? [2, 0, 0, 0] : [30, 0, 0, 0];
        break;
      case 108:
        link = ip.v === 4 ? [0, 0, 0, 2] : [0, 0, 0, 24];
        break;
      default:
        link = [];
    }
    return /** @type {[number, Uint8Array]} */ ([lt, Uint8Array.from([...link, ...ipb])]);
  });
}

/** @param {number} n */
function varintBytes(n) {
  const out = [];
  do {
    let b = n % 128;
    n = Math.floor(n / 128);
    if (n > 0) b |= 0x80;
    out.push(b);
  } while (n > 0);
  return out;
}

/** @param {number} linktype @param {boolean} le */
function pcapHeader(linktype, le) {
  const b = new Uint8Array(24);
  const v = new DataView(b.buffer);
  v.setUint32(0, 0xa1b2c3d4, le);
  v.setUint16(4, 2, le);
  v.setUint16(6, 4, le);
  v.setUint32(16, 262144, le);
  v.setUint32(20, linktype, le);
  return b;
}

/** @param {Uint8Array} d @param {number} i @param {boolean} le */
function pcapRecord(d, i, le) {
  const b = new Uint8Array(16 + d.length);
  const v = new DataView(b.buffer);
  v.setUint32(0, 1700000000 + i, le);
  v.setUint32(4, i * 1000, le);
  v.setUint32(8, d.length, le);
  v.setUint32(12, d.length, le);
  b.set(d, 16);
  return b;
}
