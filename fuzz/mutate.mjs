// @ts-check
/**
 * The case generator: case (seed, index) → capture bytes. Mutation fuzzing of real captures at three
 * levels, plus a few synthetic shapes:
 *
 *   file    bit flips, interesting bytes, truncation, random bytes after valid headers, gzip (and
 *           broken gzip), pcap → pcapng conversion, link type changes
 *   record  truncation of one record (snaplen), duplication (×1 … ×5000), reordering, dropping,
 *           splicing records of another capture, replaying a range
 *   field   length fields set to their maximum and other edge values: pcap incl_len / orig_len,
 *           pcapng block lengths / caplen / option lengths / if_tsresol, IPv4 IHL / total length,
 *           IPv6 payload length, TCP data offset / options, UDP length, MQTT remaining length (and
 *           overlong varints), ZMTP long sizes (2^63, 2^64-1), HTTP Content-Length and chunk sizes,
 *           huge header lines, 10k headers, deeply nested and exponentially shared pickles, random
 *           payloads behind valid headers, flows moved onto another application's port
 *
 * Everything is drawn from the case's own generator (rng.mjs), so a case is reproducible alone.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import {
  APP_PORTS,
  cloneCapture,
  concat,
  convertUnit,
  fixLengths,
  frameData,
  frameOf,
  HTTP_PORTS,
  indexOfAscii,
  locate,
  MQTT_PORTS,
  mqttPackets,
  parseCapture,
  rd16,
  rd32,
  serialize,
  toPcapng,
  withData,
  wr16,
  wr32,
  wr64,
  zmtpFrames,
} from './capture-map.mjs';
import { caseRng, Rng } from './rng.mjs';

/** @typedef {import('./capture-map.mjs').Capture} Capture */
/** @typedef {import('./capture-map.mjs').Unit} Unit */
/** @typedef {{ name: string, bytes: Uint8Array, cap: Capture }} Seed */
/** @typedef {{ index: number, seed: string, ops: string[], bytes: Uint8Array }} Case */

/** Largest input a case may produce (bytes); duplication stops growing there. */
export const MAX_CASE_BYTES = 24 * 1024 * 1024;
/** Seeds bigger than this are not used for mutation (they would make each case slow). */
const MAX_SEED_BYTES = 1024 * 1024;

/** Registered link types (src/dissectors/registry.ts) plus a few unknown ones. */
const LINKTYPES = [0, 1, 12, 14, 101, 108, 113, 228, 229, 276, 147, 105, 0xffff, 0x0fffffff];

/**
 * Every capture under `dir` (recursively), gzip undone, as mutation seeds.
 * @param {string} dir @returns {Seed[]}
 */
export function loadCorpus(dir) {
  /** @type {Seed[]} */
  const out = [];
  /** @param {string} d @param {string} rel */
  const walk = (d, rel) => {
    for (const name of readdirSync(d).sort()) {
      const p = join(d, name);
      const st = statSync(p);
      if (st.isDirectory()) {
        if (name !== 'make' && name !== 'node_modules') walk(p, `${rel}${name}/`);
        continue;
      }
      if (!/\.(pcap|pcapng|cap)(\.gz)?$|\.gz$/.test(name)) continue;
      let bytes = new Uint8Array(readFileSync(p));
      if (bytes[0] === 0x1f && bytes[1] === 0x8b) {
        try {
          bytes = new Uint8Array(gunzipSync(bytes));
        } catch {
          continue;
        }
      }
      if (bytes.length > MAX_SEED_BYTES) continue;
      out.push({ name: `${rel}${name}`, bytes, cap: parseCapture(bytes) });
    }
  };
  walk(dir, '');
  return out;
}

/* ------------------------------------------------------------------------------------------------ */
/* Interesting values.                                                                                */

const U32_EDGE = [0, 1, 0x7fffffff, 0x80000000, 0xfffffffe, 0xffffffff, 65535, 65536, 262143, 262144, 262145, 16 * 1024 * 1024 + 4];
const U16_EDGE = [0, 1, 7, 8, 19, 20, 21, 0x7fff, 0x8000, 0xfffe, 0xffff];
const BYTE_EDGE = [0x00, 0x01, 0x7f, 0x80, 0xfe, 0xff, 0x3f, 0x40, 0x0f, 0xf0];

/** MQTT remaining-length encodings: max (268,435,455), overlong, never-ending, non-minimal. */
const MQTT_VARINTS = [
  [0xff, 0xff, 0xff, 0x7f],
  [0xff, 0xff, 0xff, 0xff, 0x7f],
  [0x80, 0x80, 0x80, 0x80, 0x01],
  [0x80, 0x80, 0x80, 0x80],
  [0x80, 0x00],
  [0xff, 0x7f],
  [0x80, 0x80, 0x80, 0x00],
  [0x00],
  [0x7f],
];

/** ZMTP 64-bit sizes: 2^64-1, 2^63, 2^53±1, 2^32, 0. */
const ZMTP_LONG = [0xffffffffffffffffn, 0x8000000000000000n, 0x20000000000000n, 0x20000000000001n, 0x1fffffffffffffn, 0x100000000n, 0xffffffffn, 0n, 256n];

const CONTENT_LENGTHS = [
  '99999999999999999999',
  '18446744073709551616',
  '9007199254740993',
  '268435455',
  '4294967296',
  '-1',
  '0',
  '1e3',
  ' 12 ',
  '12, 13',
  '0x10',
  '',
  '+5',
  '١٢',
];
const CHUNK_SIZES = ['ffffffffffffffff', '7fffffff', '10000000000000000', '-1', 'g', '0;ext=' + 'x'.repeat(2000), ' 5', '5 ', ''];

/* ------------------------------------------------------------------------------------------------ */

/**
 * The generator of case `index` under `seed`.
 * @param {number} seed @param {number} index @param {readonly Seed[]} corpus @returns {Case}
 */
export function makeCase(seed, index, corpus) {
  const rng = caseRng(seed, index);
  /** @type {string[]} */
  const ops = [];
  const kind = rng.weighted([
    ['mutate', 90],
    ['synthetic', 6],
    ['raw', 2],
    ['sweep', 2],
  ]);
  if (kind === 'synthetic' || corpus.length === 0) {
    ops.push('synthetic');
    return finish(index, '(synthetic)', ops, synthetic(rng), rng);
  }
  if (kind === 'raw') {
    ops.push('raw');
    return finish(index, '(raw)', ops, rawBytes(rng), rng);
  }
  const seedCap = pickSeed(rng, corpus);
  if (kind === 'sweep') {
    // File truncation at an offset walked by the index: over many cases every offset is hit.
    ops.push('cut.sweep');
    const n = seedCap.bytes.length;
    const at = n > 0 ? (Math.floor(index / 50) * 7919 + index) % (n + 1) : 0;
    return { index, seed: seedCap.name, ops, bytes: seedCap.bytes.subarray(0, at) };
  }
  let cap = cloneCapture(seedCap.cap);
  let bytes = /** @type {Uint8Array | undefined} */ (undefined);
  if (cap.format === 'pcap' && rng.chance(0.25)) {
    const tsresol = rng.pick([6, 9, 0, 3, 0x80 | 20, 0x80 | 30, 12, 0x80]);
    cap = toPcapng(cap, { le: rng.chance(0.7), tsresol });
    ops.push(`pcapng(${tsresol})`);
  }
  const nOps = rng.weighted([
    [1, 60],
    [2, 25],
    [3, 10],
    [5, 5],
  ]);
  for (let i = 0; i < nOps; i++) {
    const level = rng.weighted([
      ['record', 35],
      ['field', 40],
      ['file', 25],
    ]);
    if (level === 'file' || cap.format === 'raw') {
      bytes = serialize(cap);
      bytes = fileOp(rng, bytes, ops);
      cap = parseCapture(bytes);
    } else if (level === 'record') {
      recordOp(rng, cap, corpus, ops);
      bytes = undefined;
    } else {
      fieldOp(rng, cap, ops);
      bytes = undefined;
    }
  }
  return finish(index, seedCap.name, ops, bytes ?? serialize(cap), rng);
}

/**
 * Small captures more often than big ones (weight 1/sqrt(size)): cases stay cheap, every seed is used.
 * @param {Rng} rng @param {readonly Seed[]} corpus @returns {Seed}
 */
function pickSeed(rng, corpus) {
  let w = weights.get(corpus);
  if (!w) {
    w = corpus.map((s) => /** @type {[Seed, number]} */ ([s, 1 / Math.sqrt(64 + s.bytes.length)]));
    weights.set(corpus, w);
  }
  return rng.weighted(w);
}
/** @type {WeakMap<readonly Seed[], [Seed, number][]>} */
const weights = new WeakMap();

/** Last step: sometimes gzip the capture (and sometimes break the gzip stream). */
/** @param {number} index @param {string} seed @param {string[]} ops @param {Uint8Array} bytes @param {Rng} rng @returns {Case} */
function finish(index, seed, ops, bytes, rng) {
  // a copy, not a view: a view would keep the whole oversized buffer alive with the case
  if (bytes.length > MAX_CASE_BYTES) bytes = bytes.slice(0, MAX_CASE_BYTES);
  const z = rng.float();
  if (z < 0.05 && bytes.length > 0) {
    let g = new Uint8Array(gzipSync(bytes, { level: 1 }));
    ops.push('gzip');
    if (z < 0.015) {
      g = g.slice();
      if (rng.chance()) {
        const cut = rng.int(g.length);
        g = g.subarray(0, cut);
        ops.push(`gzip.cut(${cut})`);
      } else {
        for (let k = rng.range(1, 4); k > 0; k--) g[rng.range(2, g.length - 1)] ^= 1 << rng.int(8);
        ops.push('gzip.flip');
      }
    }
    bytes = g;
  }
  return { index, seed, ops, bytes };
}

/* ------------------------------------------------------------------------------------------------ */
/* File level.                                                                                        */

/** @param {Rng} rng @param {Uint8Array} b @param {string[]} ops @returns {Uint8Array} */
function fileOp(rng, b, ops) {
  const op = rng.weighted([
    ['flip', 30],
    ['bytes', 20],
    ['cut', 20],
    ['tail', 15],
    ['insert', 8],
    ['delete', 7],
  ]);
  const n = b.length;
  switch (op) {
    case 'flip': {
      const out = b.slice();
      const k = 1 + rng.size(31);
      for (let i = 0; i < k && n > 0; i++) out[headBiased(rng, n)] ^= 1 << rng.int(8);
      ops.push(`flip(${k})`);
      return out;
    }
    case 'bytes': {
      const out = b.slice();
      const k = 1 + rng.size(15);
      for (let i = 0; i < k && n > 0; i++) out[headBiased(rng, n)] = rng.chance(0.7) ? rng.pick(BYTE_EDGE) : rng.int(256);
      ops.push(`bytes(${k})`);
      return out;
    }
    case 'cut': {
      const at = rng.chance(0.5) ? rng.int(n + 1) : Math.max(0, n - rng.size(600));
      ops.push(`cut(${at})`);
      return b.subarray(0, at);
    }
    case 'tail': {
      const keep = rng.chance(0.3) ? Math.min(n, 24) : rng.int(n + 1);
      const extra = rng.bytes(rng.size(8192));
      ops.push(`tail(${keep}+${extra.length})`);
      return concat([b.subarray(0, keep), extra]);
    }
    case 'insert': {
      const at = rng.int(n + 1);
      const extra = rng.chance(0.5) ? rng.bytes(rng.size(64)) : new Uint8Array(rng.size(64)).fill(rng.pick(BYTE_EDGE));
      ops.push(`insert(${at},${extra.length})`);
      return concat([b.subarray(0, at), extra, b.subarray(at)]);
    }
    default: {
      const at = rng.int(n + 1);
      const len = rng.size(64);
      ops.push(`delete(${at},${len})`);
      return concat([b.subarray(0, at), b.subarray(Math.min(n, at + len))]);
    }
  }
}

/** Offsets near the start of the file (headers) somewhat more often. */
/** @param {Rng} rng @param {number} n @returns {number} */
function headBiased(rng, n) {
  // the header fields after the magic (a broken magic is just "not a capture")
  return rng.chance(0.2) && n > 4 ? 4 + rng.int(Math.min(n, 64) - 4) : rng.int(n);
}

/* ------------------------------------------------------------------------------------------------ */
/* Record level.                                                                                      */

/** @param {Rng} rng @param {Capture} cap @param {readonly Seed[]} corpus @param {string[]} ops */
function recordOp(rng, cap, corpus, ops) {
  const u = cap.units;
  const n = u.length;
  const op = rng.weighted([
    ['snap', 14],
    ['dup', 16],
    ['swap', 10],
    ['reverse', 6],
    ['shuffle', 8],
    ['drop', 10],
    ['splice', 12],
    ['replay', 8],
    ['payload', 10],
    ['retarget', 6],
    ['overlap', 5],
  ]);
  if (n === 0) {
    ops.push('record.none');
    return;
  }
  switch (op) {
    case 'snap': {
      const i = rng.int(n);
      const d = frameData(/** @type {Unit} */ (u[i]));
      if (!d) break;
      const k = rng.int(d.length + 1);
      const f = /** @type {{dataOff:number, caplen:number}} */ (frameOf(/** @type {Unit} */ (u[i])));
      const orig = rd32(/** @type {Unit} */ (u[i]).raw, u[i]?.type === 'rec' ? 12 : u[i]?.type === 'spb' ? 8 : 24, u[i]?.le ?? true);
      u[i] = withData(/** @type {Unit} */ (u[i]), d.slice(0, k), Math.max(orig, f.caplen));
      ops.push(`snap(${i},${k})`);
      return;
    }
    case 'dup': {
      const i = rng.int(n);
      const times = rng.weighted([
        [1, 40],
        [2, 20],
        [10, 20],
        [100, 10],
        [1000, 6],
        [5000, 2],
      ]);
      const x = /** @type {Unit} */ (u[i]);
      const t = Math.min(times, Math.floor(MAX_CASE_BYTES / 2 / Math.max(1, x.raw.length)));
      const copies = new Array(t).fill(x);
      u.splice(i + 1, 0, ...copies);
      ops.push(`dup(${i},${t})`);
      return;
    }
    case 'swap': {
      const i = rng.int(n);
      const j = rng.chance(0.6) ? Math.min(n - 1, i + 1 + rng.size(8)) : rng.int(n);
      const t = /** @type {Unit} */ (u[i]);
      u[i] = /** @type {Unit} */ (u[j]);
      u[j] = t;
      ops.push(`swap(${i},${j})`);
      return;
    }
    case 'reverse': {
      const i = rng.int(n);
      const j = Math.min(n, i + 2 + rng.size(200));
      const part = u.slice(i, j).reverse();
      u.splice(i, j - i, ...part);
      ops.push(`reverse(${i},${j})`);
      return;
    }
    case 'shuffle': {
      const i = rng.int(n);
      const j = Math.min(n, i + 2 + rng.size(64));
      for (let k = j - 1; k > i; k--) {
        const r = i + rng.int(k - i + 1);
        const t = /** @type {Unit} */ (u[k]);
        u[k] = /** @type {Unit} */ (u[r]);
        u[r] = t;
      }
      ops.push(`shuffle(${i},${j})`);
      return;
    }
    case 'drop': {
      const i = rng.int(n);
      const k = 1 + rng.size(16);
      u.splice(i, k);
      ops.push(`drop(${i},${k})`);
      return;
    }
    case 'splice': {
      const other = rng.pick(corpus).cap;
      if (other.units.length === 0) break;
      const from = rng.int(other.units.length);
      const k = 1 + rng.size(32);
      const at = rng.int(n + 1);
      /** @type {Unit[]} */
      const add = [];
      for (const x of other.units.slice(from, from + k)) {
        if (other.format === cap.format && rng.chance(0.8)) add.push(x);
        else {
          const c = rng.chance(0.8) ? convertUnit(x, cap) : x;
          if (c) add.push(c);
        }
      }
      u.splice(at, 0, ...add);
      ops.push(`splice(${other === cap ? 'self' : 'other'},${from}+${add.length}@${at})`);
      return;
    }
    case 'replay': {
      const i = rng.int(n);
      const j = Math.min(n, i + 1 + rng.size(100));
      const at = rng.range(j, n);
      u.splice(at, 0, ...u.slice(i, j));
      ops.push(`replay(${i},${j}@${at})`);
      return;
    }
    case 'payload': {
      // Valid headers, random payload (length fields follow the new payload).
      const i = pickFrame(rng, cap, (l) => l.payOff >= 0);
      if (i < 0) break;
      const x = /** @type {Unit} */ (u[i]);
      const d = /** @type {Uint8Array} */ (frameData(x));
      const loc = locate(d, x.linktype);
      const pay = rng.bytes(rng.size(3000));
      const nd = concat([d.subarray(0, loc.payOff), pay]);
      fixLengths(nd, loc);
      u[i] = withData(x, nd);
      ops.push(`payload(${i},${pay.length})`);
      return;
    }
    case 'overlap': {
      // Copies of a data segment at seq+N, seq+N-1, ..., seq+1 before it: N overlapping segments
      // arriving in descending order behind a hole that the original fills last.
      const i = pickFrame(rng, cap, (l) => l.l4 === 6 && l.payLen > 0);
      if (i < 0) break;
      const x = /** @type {Unit} */ (u[i]);
      const d = /** @type {Uint8Array} */ (frameData(x));
      const loc = locate(d, x.linktype);
      const n = Math.min(
        rng.weighted([
          [10, 40],
          [100, 30],
          [1000, 20],
          [3000, 10],
        ]),
        Math.floor(MAX_CASE_BYTES / 2 / Math.max(1, x.raw.length)),
      );
      const seq = rd32(d, loc.l4Off + 4, false);
      /** @type {Unit[]} */
      const copies = [];
      for (let k = n; k >= 1; k--) {
        const c = d.slice();
        wr32(c, loc.l4Off + 4, (seq + k) >>> 0, false);
        copies.push(withData(x, c, origOf(x)));
      }
      u.splice(i, 0, ...copies);
      ops.push(`overlap(${i},${n})`);
      return;
    }
    case 'retarget': {
      // Move a whole flow onto another application's port (HTTP bytes to the MQTT dissector, ...).
      const i = pickFrame(rng, cap, (l) => l.l4 === 6 || l.l4 === 17);
      if (i < 0) break;
      const x = /** @type {Unit} */ (u[i]);
      const l0 = locate(/** @type {Uint8Array} */ (frameData(x)), x.linktype);
      const from = rng.chance() ? l0.sport : l0.dport;
      const to = rng.pick(APP_PORTS);
      let changed = 0;
      for (let k = 0; k < u.length; k++) {
        const y = /** @type {Unit} */ (u[k]);
        const d = frameData(y);
        if (!d) continue;
        const l = locate(d, y.linktype);
        if (l.l4Off < 0) continue;
        if (l.sport !== from && l.dport !== from) continue;
        const nd = d.slice();
        if (l.sport === from) wr16(nd, l.l4Off, to, false);
        if (l.dport === from) wr16(nd, l.l4Off + 2, to, false);
        u[k] = withData(y, nd, origOf(y));
        changed++;
      }
      ops.push(`retarget(${from}->${to},${changed})`);
      return;
    }
  }
  ops.push(`${op}.noop`);
}

/** @param {Unit} u @returns {number} */
function origOf(u) {
  const f = frameOf(u);
  const off = u.type === 'rec' ? 12 : u.type === 'spb' ? 8 : 24;
  return Math.max(rd32(u.raw, off, u.le), f?.caplen ?? 0);
}

/**
 * A random unit whose frame matches `pred` (tries a few times, then scans).
 * @param {Rng} rng @param {Capture} cap @param {(l: import('./capture-map.mjs').FrameLoc, d: Uint8Array) => boolean} pred
 * @returns {number}
 */
function pickFrame(rng, cap, pred) {
  const u = cap.units;
  if (u.length === 0) return -1;
  for (let t = 0; t < 8; t++) {
    const i = rng.int(u.length);
    const d = frameData(/** @type {Unit} */ (u[i]));
    if (d && pred(locate(d, /** @type {Unit} */ (u[i]).linktype), d)) return i;
  }
  const start = rng.int(u.length);
  for (let k = 0; k < u.length; k++) {
    const i = (start + k) % u.length;
    const d = frameData(/** @type {Unit} */ (u[i]));
    if (d && pred(locate(d, /** @type {Unit} */ (u[i]).linktype), d)) return i;
  }
  return -1;
}

/* ------------------------------------------------------------------------------------------------ */
/* Field level.                                                                                       */

/**
 * @typedef {{ name: string, apply: (rng: Rng) => void }} Edit   an in-place edit of a copy
 */

/** @param {Rng} rng @param {Capture} cap @param {string[]} ops */
function fieldOp(rng, cap, ops) {
  const u = cap.units;
  // File header fields (pcap) now and then.
  if (cap.format === 'pcap' && rng.chance(0.08)) {
    const h = cap.head.slice();
    const le = cap.le;
    const which = rng.pick(['snaplen', 'linktype', 'version', 'fcs']);
    if (which === 'snaplen') wr32(h, 16, rng.pick([0, 1, 14, 54, 65535, 0xffffffff, 262144, 262145]), le);
    else if (which === 'linktype') wr32(h, 20, rng.pick(LINKTYPES), le);
    else if (which === 'fcs') wr32(h, 20, (rd32(h, 20, le) & 0x0fffffff) | (rng.pick([1, 2, 3, 7]) << 29) | 0x10000000, le);
    else {
      wr16(h, 4, rng.pick([0, 1, 2, 3, 0xffff]), le);
      wr16(h, 6, rng.pick([0, 2, 3, 4, 0xffff]), le);
    }
    cap.head = h;
    ops.push(`head.${which}`);
    return;
  }
  if (u.length === 0) {
    ops.push('field.none');
    return;
  }
  const i = rng.int(u.length);
  const x = /** @type {Unit} */ (u[i]);
  const raw = x.raw.slice();
  const y = { ...x, raw };
  /** @type {Edit[]} */
  const edits = unitEdits(y);
  /** @type {((rng: Rng) => Unit | undefined)[]} */
  const rewrites = [];
  const f = frameOf(y);
  if (f && f.caplen > 0) {
    const d = raw.subarray(f.dataOff, f.dataOff + f.caplen);
    const loc = locate(d, y.linktype);
    frameEdits(d, loc, f.dataOff, edits);
    frameRewrites(y, d, loc, rewrites);
  }
  // Length-changing rewrites are rarer but carry the application-layer bombs.
  if (rewrites.length > 0 && (edits.length === 0 || rng.chance(0.3))) {
    const r = rng.pick(rewrites);
    const out = r(rng);
    if (out) {
      u[i] = out;
      ops.push(`rewrite(${i}):${lastName}`);
      return;
    }
  }
  if (edits.length === 0) {
    ops.push('field.noop');
    return;
  }
  const e = rng.pick(edits);
  e.apply(rng);
  u[i] = y;
  ops.push(`field(${i}):${e.name}`);
}

/** Name of the last rewrite applied (for the case's op list). */
let lastName = '';

/**
 * Record / block fields.
 * @param {Unit} u @returns {Edit[]}
 */
function unitEdits(u) {
  const r = u.raw;
  const le = u.le;
  /** @type {Edit[]} */
  const e = [];
  const u32 = (/** @type {string} */ name, /** @type {number} */ off, /** @type {number[]} */ extra = []) =>
    e.push({ name, apply: (rng) => wr32(r, off, rng.chance(0.7) ? rng.pick([...U32_EDGE, ...extra]) : rng.u32(), le) });
  if (u.type === 'rec') {
    const cap = rd32(r, 8, le);
    u32('pcap.incl_len', 8, [cap + 1, cap + 16, Math.max(0, cap - 1), cap * 2]);
    u32('pcap.orig_len', 12, [Math.max(0, cap - 1), cap + 1]);
    u32('pcap.ts_frac', 4, [999999, 1000000, 999999999, 1000000000]);
    u32('pcap.ts_sec', 0);
    return e;
  }
  const len = r.length;
  u32('pcapng.block_len', 4, [len + 4, len - 4, len + 1, 12, 13, 28, 32]);
  u32('pcapng.block_len_trailer', len - 4, [len + 4, len - 4]);
  if (u.type === 'shb') {
    e.push({ name: 'pcapng.shb.section_len', apply: (rng) => wr64(r, 16, rng.pick([-1n, 0n, 1n << 63n, 3n, 0x7fffffffffffffffn]), le) });
    e.push({ name: 'pcapng.shb.version', apply: (rng) => wr16(r, 12, rng.pick([0, 2, 3, 0xffff]), le) });
    optionEdits(r, 24, len - 4, le, e);
  } else if (u.type === 'idb') {
    e.push({ name: 'pcapng.idb.linktype', apply: (rng) => wr16(r, 8, rng.pick(LINKTYPES) & 0xffff, le) });
    u32('pcapng.idb.snaplen', 12);
    optionEdits(r, 16, len - 4, le, e);
  } else if (u.type === 'epb' || u.type === 'opb') {
    const cap = rd32(r, 20, le);
    u32('pcapng.epb.caplen', 20, [cap + 1, cap + 4, len, len - 28, len - 31, 262145]);
    u32('pcapng.epb.len', 24);
    if (u.type === 'epb') u32('pcapng.epb.interface', 8, [1, 2, 255]);
    else e.push({ name: 'pcapng.opb.interface', apply: (rng) => wr16(r, 8, rng.pick([1, 2, 0xffff]), le) });
    u32('pcapng.epb.ts_high', 12);
    u32('pcapng.epb.ts_low', 16);
    optionEdits(r, 28 + ((cap + 3) & ~3), len - 4, le, e);
  } else if (u.type === 'spb') {
    u32('pcapng.spb.len', 8);
  } else {
    u32('pcapng.block_type', 0, [1, 2, 3, 4, 5, 6, 0x0a0d0d0a, 0xbad]);
  }
  return e;
}

/**
 * Options code(2) length(2) value(pad 4), code 0 ends.
 * @param {Uint8Array} r @param {number} start @param {number} end @param {boolean} le @param {Edit[]} e
 */
function optionEdits(r, start, end, le, e) {
  let p = start;
  let n = 0;
  while (p + 4 <= end && n < 16) {
    const code = rd16(r, p, le);
    const len = rd16(r, p + 2, le);
    const at = p;
    e.push({ name: `pcapng.opt${code}.len`, apply: (rng) => wr16(r, at + 2, rng.pick([0xffff, 0xfffc, len + 4, len + 1, 0, end - at]), le) });
    e.push({ name: `pcapng.opt${code}.code`, apply: (rng) => wr16(r, at, rng.pick([0, 1, 2, 9, 13, 14, 0x8000, 0xffff]), le) });
    if (code === 9 && len >= 1) {
      e.push({ name: 'pcapng.if_tsresol', apply: (rng) => (r[at + 4] = rng.pick([0x80 | 63, 0xff, 0x80, 0x80 | 24, 10, 19, 20, 255, 127, 0x80 | 64])) });
    }
    if (code === 14 && len >= 8) {
      e.push({ name: 'pcapng.if_tsoffset', apply: (rng) => wr64(r, at + 4, rng.pick([-1n, 1n << 63n, 1n << 53n]), le) });
    }
    if (code === 0) break;
    p += 4 + ((len + 3) & ~3);
    n++;
  }
  if (end - start >= 4 && n === 0) {
    e.push({ name: 'pcapng.opt.inject', apply: (rng) => {
      wr16(r, start, rng.pick([1, 9, 14, 2]), le);
      wr16(r, start + 2, rng.pick([0xffff, end - start, end - start - 3]), le);
    } });
  }
}

/**
 * Fields inside the frame (network and transport lengths, application length fields), in place.
 * @param {Uint8Array} d the frame's bytes (a view into the unit copy)
 * @param {import('./capture-map.mjs').FrameLoc} loc @param {number} _base @param {Edit[]} e
 */
function frameEdits(d, loc, _base, e) {
  const set8 = (/** @type {string} */ name, /** @type {number} */ off, /** @type {number[]} */ vals) => {
    if (off >= 0 && off < d.length) e.push({ name, apply: (rng) => (d[off] = rng.chance(0.8) ? rng.pick(vals) : rng.int(256)) });
  };
  const set16 = (/** @type {string} */ name, /** @type {number} */ off, /** @type {number[]} */ vals) => {
    if (off >= 0 && off + 2 <= d.length) e.push({ name, apply: (rng) => wr16(d, off, rng.chance(0.8) ? rng.pick(vals) : rng.int(65536), false) });
  };
  if (loc.etherOff >= 0) set16('eth.type', loc.etherOff, [0x8100, 0x88a8, 0x9100, 0x86dd, 0x0800, 0x0806, 0x8035, 0, 0xffff, 0x05dc]);
  if (loc.ipVer === 4) {
    const ip = loc.ipOff;
    const tot = rd16(d, ip + 2, false);
    set8('ip.hdr_len', ip, [0x40, 0x44, 0x45, 0x46, 0x4f, 0x60, 0x00, 0xff, 0x4e]);
    set16('ip.len', ip + 2, [...U16_EDGE, tot + 1, Math.max(0, tot - 1), tot + 100]);
    set16('ip.frag', ip + 6, [0x3fff, 0x2000, 0x1fff, 0x4000, 0x2001, 0xffff]);
    set8('ip.proto', ip + 9, [6, 17, 1, 2, 58, 0, 255, 41, 4, 50]);
    if (loc.ipHdr > 20) {
      set8('ip.opt.type', ip + 20, [0, 1, 0xff, 7, 0x44, 0x83, 0x89, 0x94]);
      set8('ip.opt.len', ip + 21, [0, 1, 2, 3, 0xff, 40, 39]);
    }
  } else if (loc.ipVer === 6) {
    const ip = loc.ipOff;
    set16('ipv6.plen', ip + 4, [...U16_EDGE, rd16(d, ip + 4, false) + 1]);
    set8('ipv6.nxt', ip + 6, [0, 43, 44, 60, 59, 6, 17, 58, 255, 51, 50, 135]);
  }
  if (loc.l4 === 6) {
    const t = loc.l4Off;
    set8('tcp.hdr_len', t + 12, [0x00, 0x10, 0x40, 0x50, 0xf0, 0x60, 0xff, 0xf2]);
    set8('tcp.flags', t + 13, [0x02, 0x12, 0x04, 0x14, 0x01, 0x11, 0xff, 0x00, 0x29, 0x03, 0x06, 0x18]);
    set16('tcp.srcport', t, APP_PORTS);
    set16('tcp.dstport', t + 2, APP_PORTS);
    if (t + 8 <= d.length) {
      e.push({ name: 'tcp.seq', apply: (rng) => wr32(d, t + 4, rng.pick([0, 0xffffffff, rd32(d, t + 4, false) + 0x80000000, rd32(d, t + 4, false) - 1, rd32(d, t + 4, false) + 65536]), false) });
    }
    if (t + 12 <= d.length) e.push({ name: 'tcp.ack', apply: (rng) => wr32(d, t + 8, rng.pick([0, 0xffffffff, rd32(d, t + 8, false) + 0x80000000, rng.u32()]), false) });
    set16('tcp.window', t + 14, [0, 1, 0xffff]);
    if (loc.l4Hdr > 20) {
      for (let o = t + 20; o < t + loc.l4Hdr && o < d.length; o++) {
        set8('tcp.opt.kind', o, [0, 1, 2, 3, 4, 5, 8, 30, 34, 254, 255]);
        set8('tcp.opt.len', o + 1, [0, 1, 2, 3, 10, 40, 255]);
      }
    }
  } else if (loc.l4 === 17) {
    const u = loc.l4Off;
    set16('udp.length', u + 4, [...U16_EDGE, rd16(d, u + 4, false) + 1]);
    set16('udp.port', u + 2, APP_PORTS);
  }
  if (loc.payLen <= 0) return;
  const p0 = loc.payOff;
  const end = loc.payOff + loc.payLen;
  // MQTT
  if (MQTT_PORTS.has(loc.sport) || MQTT_PORTS.has(loc.dport)) {
    for (const p of mqttPackets(d, p0, end)) {
      set8('mqtt.hdrflags', p, [0x10, 0x20, 0x30, 0x31, 0x32, 0x34, 0x36, 0x3f, 0x62, 0x82, 0xa2, 0xc0, 0xe0, 0xf0, 0x00, 0xff, 0x3d]);
      e.push({ name: 'mqtt.len', apply: (rng) => {
        const v = rng.pick(MQTT_VARINTS);
        for (let k = 0; k < v.length && p + 1 + k < d.length; k++) d[p + 1 + k] = /** @type {number} */ (v[k]);
      } });
      // the first length-prefixed field (protocol name, topic, ...)
      let q = p + 1;
      while (q < end && (d[q] ?? 0) & 0x80) q++;
      q++;
      set16('mqtt.strlen', q, [0xffff, 0xfffe, 0, 1, 0x8000]);
      if ((d[p] ?? 0) >> 4 === 1) {
        set8('mqtt.proto_ver', q + 6, [3, 4, 5, 0, 6, 255]);
        set8('mqtt.conflags', q + 7, [0xff, 0x01, 0xfe, 0x04, 0x3c, 0xc2]);
        set8('mqtt.props_len', q + 10, [0xff, 0x80, 0x7f]);
      }
    }
  }
  // ZMTP
  const z = zmtpFrames(d, p0, end);
  if (z.greeting >= 0) {
    const g = z.greeting;
    set8('zmtp.signature', g + 9, [0x7f, 0x7e, 0xff, 0x00]);
    set8('zmtp.version.major', g + 10, [1, 2, 3, 4, 0, 0xff]);
    set8('zmtp.version.minor', g + 11, [0, 1, 0xff]);
    if (g + 32 <= d.length) {
      e.push({ name: 'zmtp.mechanism', apply: (rng) => {
        const m = rng.pick(['CURVE', 'PLAIN', 'GSSAPI', 'NULL', 'X'.repeat(20), '\xff'.repeat(20), '']);
        for (let k = 0; k < 20; k++) d[g + 12 + k] = k < m.length ? m.charCodeAt(k) & 0xff : 0;
      } });
    }
    set8('zmtp.as_server', g + 32, [0, 1, 2, 0xff]);
    // ZMTP/2.0 uses the padding as a length: the big-endian 64-bit at g+1
    if (g + 9 <= d.length) e.push({ name: 'zmtp.greeting.len', apply: (rng) => wr64(d, g + 1, rng.pick(ZMTP_LONG), false) });
  }
  for (const p of z.frames) {
    set8('zmtp.flags', p, [0x00, 0x01, 0x02, 0x03, 0x04, 0x06, 0x07, 0x05, 0xff, 0x08]);
    if (p + 9 <= d.length) {
      e.push({ name: 'zmtp.size.long', apply: (rng) => {
        d[p] = (d[p] ?? 0) | 0x02;
        wr64(d, p + 1, rng.pick(ZMTP_LONG), false);
      } });
    }
    if (!((d[p] ?? 0) & 0x02)) {
      set8('zmtp.size.short', p + 1, [0xff, 0, 1, (d[p + 1] ?? 0) + 1]);
      if ((d[p] ?? 0) & 0x04) set8('zmtp.command.name_len', p + 2, [0xff, 0, 1, 5, 0x80]);
    }
  }
  // ZMTP command properties (READY/HELLO): Socket-Type / Identity length fields.
  for (const name of ['Socket-Type', 'Identity', 'Resource']) {
    const at = indexOfAscii(d, name, p0, end);
    if (at > 0) {
      set8(`zmtp.prop.name_len(${name})`, at - 1, [0, 0xff, name.length + 1]);
      if (at + name.length + 4 <= d.length) {
        e.push({ name: `zmtp.prop.value_len(${name})`, apply: (rng) => wr32(d, at + name.length, rng.pick([0xffffffff, 0x7fffffff, 0x10000, 0]), false) });
      }
    }
  }
}

/**
 * Length-changing rewrites of a frame (application bombs); each returns a new unit.
 * @param {Unit} u @param {Uint8Array} d @param {import('./capture-map.mjs').FrameLoc} loc
 * @param {((rng: Rng) => Unit | undefined)[]} out
 */
function frameRewrites(u, d, loc, out) {
  if (loc.payOff < 0) return;
  const p0 = loc.payOff;
  const end = loc.payOff + loc.payLen;
  /** @param {string} name @param {(rng: Rng) => Uint8Array} fn */
  const add = (name, fn) =>
    out.push((rng) => {
      lastName = name;
      const nd = fn(rng);
      fixLengths(nd, loc);
      return withData(u, nd);
    });
  /** @param {number} a @param {number} b @param {Uint8Array} ins */
  const replace = (a, b, ins) => concat([d.subarray(0, a), ins, d.subarray(b)]);
  const enc = new TextEncoder();
  const isHttp = HTTP_PORTS.has(loc.sport) || HTTP_PORTS.has(loc.dport) || /^(GET|POST|PUT|HEAD|DELETE|HTTP\/)/.test(String.fromCharCode(...d.subarray(p0, Math.min(end, p0 + 8))));
  if (isHttp && loc.payLen > 0) {
    const cl = indexOfAscii(d, 'Content-Length:', p0, end);
    if (cl >= 0) {
      let a = cl + 15;
      while (d[a] === 0x20) a++;
      let b = a;
      while (b < end && d[b] !== 0x0d && d[b] !== 0x0a) b++;
      add('http.content_length', (rng) => replace(a, b, enc.encode(rng.pick(CONTENT_LENGTHS))));
      add('http.content_length.dup', (rng) => replace(cl, cl, enc.encode(`Content-Length: ${rng.pick(CONTENT_LENGTHS)}\r\n`)));
    }
    const te = indexOfAscii(d, '\r\n', p0, end);
    // a chunk-size line at the start of a segment of a chunked body
    if (/^[0-9a-fA-F]+\r\n/.test(String.fromCharCode(...d.subarray(p0, Math.min(end, p0 + 12))))) {
      let b = p0;
      while (b < end && d[b] !== 0x0d) b++;
      add('http.chunk_size', (rng) => replace(p0, b, enc.encode(rng.pick(CHUNK_SIZES))));
    }
    if (te >= 0) {
      add('http.long_header_line', (rng) => replace(te + 2, te + 2, enc.encode(`X-Long: ${'a'.repeat(rng.pick([65536, 70000, 131072, 200000]))}\r\n`)));
      add('http.many_headers', (rng) => {
        const k = rng.pick([1000, 10000, 20000]);
        return replace(te + 2, te + 2, enc.encode(Array.from({ length: k }, (_, i) => `X-H${i}: v\r\n`).join('')));
      });
      add('http.transfer_encoding', (rng) => replace(te + 2, te + 2, enc.encode(rng.pick(['Transfer-Encoding: chunked\r\n', 'Transfer-Encoding: gzip, chunked\r\n', 'Transfer-Encoding: chunked\r\nContent-Length: 5\r\n', 'Connection: Upgrade\r\nUpgrade: websocket\r\n']))));
      add('http.bare_lf', () => {
        const nd = d.slice();
        for (let k = p0; k < end; k++) if (nd[k] === 0x0d) nd[k] = 0x20;
        return nd;
      });
    }
    add('http.long_uri', (rng) => {
      const sp = indexOfAscii(d, ' ', p0, end);
      return sp < 0 ? d.slice() : replace(sp + 1, sp + 1, enc.encode('/'.repeat(rng.pick([8192, 65536, 100000]))));
    });
  }
  // Pickles carried in ZMTP frames: replace a frame body with a bomb, keep the ZMTP size right.
  const z = zmtpFrames(d, p0, end);
  for (const p of z.frames) {
    const flags = d[p] ?? 0;
    if (flags & 0x04) continue;
    const long = (flags & 0x02) !== 0;
    const bodyAt = p + (long ? 9 : 2);
    const size = long ? rd32(d, p + 5, false) : (d[p + 1] ?? 0);
    if (bodyAt + size > d.length) continue;
    add('zmtp.pickle_bomb', (rng) => {
      const bomb = pickleBomb(rng);
      const hdr = bomb.length > 255 ? new Uint8Array(9) : new Uint8Array(2);
      hdr[0] = (flags & 0x01) | (bomb.length > 255 ? 0x02 : 0);
      if (bomb.length > 255) wr64(hdr, 1, BigInt(bomb.length), false);
      else hdr[1] = bomb.length;
      return replace(p, bodyAt + size, concat([hdr, bomb]));
    });
    break;
  }
  // MQTT: a PUBLISH carrying a pickle bomb or a huge payload, remaining length right.
  if (MQTT_PORTS.has(loc.sport) || MQTT_PORTS.has(loc.dport)) {
    add('mqtt.publish_bomb', (rng) => {
      const body = concat([Uint8Array.of(0, 1, 0x74), rng.chance() ? pickleBomb(rng) : rng.bytes(rng.size(300000))]);
      return replace(p0, p0, concat([Uint8Array.of(0x30), varint(body.length), body]));
    });
  }
}

/** @param {number} n @returns {Uint8Array} MQTT variable byte integer */
function varint(n) {
  const out = [];
  do {
    let b = n % 128;
    n = Math.floor(n / 128);
    if (n > 0) b |= 0x80;
    out.push(b);
  } while (n > 0 && out.length < 4);
  return Uint8Array.from(out);
}

/**
 * Hostile pickles: deep nesting (lists, tuples, dicts), exponential sharing through the memo
 * (billion laughs), huge declared lengths (FRAME, BINUNICODE8, BINBYTES8, LONG4), unbalanced stacks.
 * @param {Rng} rng @returns {Uint8Array}
 */
export function pickleBomb(rng) {
  const depth = rng.pick([100, 1000, 10000, 50000]);
  const kind = rng.pick(['list', 'tuple', 'dict', 'mark', 'laughs', 'frame', 'unicode8', 'bytes8', 'long4', 'pop', 'memo']);
  /** @type {number[]} */
  const b = [0x80, 0x04];
  switch (kind) {
    case 'list':
      for (let i = 0; i < depth; i++) b.push(0x5d); // EMPTY_LIST
      for (let i = 1; i < depth; i++) b.push(0x61); // APPEND
      break;
    case 'tuple':
      b.push(0x29); // EMPTY_TUPLE
      for (let i = 0; i < depth; i++) b.push(0x85); // TUPLE1
      break;
    case 'dict':
      b.push(0x7d); // EMPTY_DICT
      for (let i = 0; i < depth; i++) b.push(0x4b, i & 0xff, 0x7d, 0x73); // K i {} SETITEM ... (flat), then nest
      break;
    case 'mark':
      for (let i = 0; i < depth; i++) b.push(0x28); // MARK
      for (let i = 0; i < depth; i++) b.push(0x6c); // LIST
      break;
    case 'laughs':
      b.push(0x5d, 0x94); // [] MEMOIZE (memo 0)
      for (let i = 0; i < Math.min(depth, 200); i++) b.push(0x68, i, 0x68, i, 0x86, 0x94); // (m[i], m[i]) MEMOIZE → memo i+1
      break;
    case 'frame':
      b.push(0x95, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f);
      break;
    case 'unicode8':
      b.push(0x8d, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x41);
      break;
    case 'bytes8':
      b.push(0x8e, 0, 0, 0, 0, 0, 0, 0, 0x80, 0x41);
      break;
    case 'long4':
      b.push(0x8b, 0xff, 0xff, 0xff, 0x7f, 0x01);
      break;
    case 'pop':
      for (let i = 0; i < depth; i++) b.push(0x30); // POP on an empty stack
      break;
    case 'memo':
      for (let i = 0; i < depth; i++) b.push(0x4e, 0x72, 0xff, 0xff, 0xff, 0x7f); // None LONG_BINPUT 2^31-1
      break;
  }
  b.push(0x2e); // STOP
  return Uint8Array.from(b);
}

/* ------------------------------------------------------------------------------------------------ */
/* Synthetic captures.                                                                                */

/** A pcap of frames built from plausible header stacks with random fields and payloads. */
/** @param {Rng} rng @returns {Uint8Array} */
function synthetic(rng) {
  const linktype = rng.pick(LINKTYPES);
  const head = new Uint8Array(24);
  const le = rng.chance(0.8);
  wr32(head, 0, rng.chance(0.8) ? 0xa1b2c3d4 : 0xa1b23c4d, le);
  wr16(head, 4, 2, le);
  wr16(head, 6, 4, le);
  wr32(head, 16, rng.pick([262144, 65535, 0, 96]), le);
  wr32(head, 20, linktype, le);
  const parts = [head];
  const n = 1 + rng.size(300);
  const ports = [...APP_PORTS, rng.int(65536)];
  const flow = { sp: rng.pick(ports), dp: rng.pick(ports), seq: rng.u32() };
  for (let i = 0; i < n; i++) {
    const f = syntheticFrame(rng, linktype, flow);
    const rec = new Uint8Array(16 + f.length);
    wr32(rec, 0, 1700000000 + i, le);
    wr32(rec, 4, rng.int(1000000), le);
    wr32(rec, 8, f.length, le);
    wr32(rec, 12, rng.chance(0.9) ? f.length : rng.u32(), le);
    rec.set(f, 16);
    parts.push(rec);
  }
  return concat(parts);
}

/**
 * @param {Rng} rng @param {number} linktype @param {{ sp: number, dp: number, seq: number }} flow
 * @returns {Uint8Array}
 */
function syntheticFrame(rng, linktype, flow) {
  if (rng.chance(0.1)) return rng.bytes(rng.size(300));
  const v6 = rng.chance(0.25);
  const proto = rng.weighted([
    [6, 60],
    [17, 20],
    [1, 5],
    [58, 5],
    [2, 3],
    [rng.int(256), 7],
  ]);
  const pay = rng.chance(0.3) ? pickleBomb(rng) : rng.bytes(rng.size(1500));
  let l4;
  if (proto === 6) {
    const optLen = rng.chance(0.3) ? 4 * rng.int(11) : 0;
    l4 = new Uint8Array(20 + optLen + pay.length);
    const dir = rng.chance();
    wr16(l4, 0, dir ? flow.sp : flow.dp, false);
    wr16(l4, 2, dir ? flow.dp : flow.sp, false);
    flow.seq = (flow.seq + (rng.chance(0.8) ? pay.length : rng.u32())) >>> 0;
    wr32(l4, 4, flow.seq, false);
    wr32(l4, 8, rng.u32(), false);
    l4[12] = ((5 + optLen / 4) << 4) | (rng.chance(0.1) ? rng.int(16) : 0);
    l4[13] = rng.pick([0x02, 0x12, 0x10, 0x18, 0x11, 0x04, 0x14, rng.int(256)]);
    wr16(l4, 14, rng.int(65536), false);
    for (let i = 0; i < optLen; i++) l4[20 + i] = rng.chance(0.5) ? rng.pick([0, 1, 2, 3, 4, 5, 8]) : rng.int(256);
    l4.set(pay, 20 + optLen);
  } else if (proto === 17) {
    l4 = new Uint8Array(8 + pay.length);
    wr16(l4, 0, flow.sp, false);
    wr16(l4, 2, flow.dp, false);
    wr16(l4, 4, rng.chance(0.8) ? l4.length : rng.int(65536), false);
    l4.set(pay, 8);
  } else {
    l4 = pay;
  }
  let ip;
  if (v6) {
    ip = new Uint8Array(40 + l4.length);
    ip[0] = 0x60;
    wr16(ip, 4, rng.chance(0.85) ? l4.length : rng.int(65536), false);
    ip[6] = rng.chance(0.15) ? rng.pick([0, 43, 44, 60, 51]) : proto;
    ip[7] = 64;
    ip[8] = 0xfe;
    ip[9] = 0x80;
    ip[23] = 1;
    ip[24] = 0xfe;
    ip[25] = 0x80;
    ip[39] = 2;
    ip.set(l4, 40);
  } else {
    const ihl = rng.chance(0.15) ? rng.range(5, 15) : 5;
    ip = new Uint8Array(ihl * 4 + l4.length);
    ip[0] = 0x40 | ihl;
    wr16(ip, 2, rng.chance(0.85) ? ip.length : rng.int(65536), false);
    wr16(ip, 4, rng.int(65536), false);
    wr16(ip, 6, rng.chance(0.85) ? 0x4000 : rng.int(65536), false);
    ip[8] = 64;
    ip[9] = proto;
    ip.set([172, 18, 0, 2, 172, 18, 0, 3], 12);
    for (let i = 20; i < ihl * 4; i++) ip[i] = rng.chance(0.5) ? rng.pick([0, 1, 7, 0x44, 0x83, 0x94]) : rng.int(256);
    ip.set(l4, ihl * 4);
  }
  const et = v6 ? 0x86dd : 0x0800;
  switch (linktype) {
    case 1: {
      const vlan = rng.chance(0.1) ? rng.range(1, 3) : 0;
      const h = new Uint8Array(14 + 4 * vlan);
      h.set([2, 0x42, 0xac, 0x12, 0, 3, 2, 0x42, 0xac, 0x12, 0, 2]);
      for (let k = 0; k < vlan; k++) {
        wr16(h, 12 + 4 * k, rng.pick([0x8100, 0x88a8]), false);
        wr16(h, 14 + 4 * k, rng.int(4096), false);
      }
      wr16(h, 12 + 4 * vlan, rng.chance(0.9) ? et : rng.pick([0x0806, 0x8035, rng.int(65536)]), false);
      return concat([h, ip]);
    }
    case 113: {
      const h = new Uint8Array(16);
      wr16(h, 0, rng.int(5), false);
      wr16(h, 2, 1, false);
      wr16(h, 4, 6, false);
      wr16(h, 14, rng.chance(0.9) ? et : rng.int(65536), false);
      return concat([h, ip]);
    }
    case 276: {
      const h = new Uint8Array(20);
      wr16(h, 0, rng.chance(0.9) ? et : rng.int(65536), false);
      wr32(h, 4, rng.int(16), false);
      wr16(h, 8, 1, false);
      h[11] = 6;
      return concat([h, ip]);
    }
    case 0:
    case 108: {
      const h = new Uint8Array(4);
      wr32(h, 0, v6 ? rng.pick([24, 28, 30]) : 2, linktype === 0 ? rng.chance(0.8) : false);
      return concat([h, ip]);
    }
    default:
      return ip;
  }
}

/** Random bytes, sometimes behind a capture magic. */
/** @param {Rng} rng @returns {Uint8Array} */
function rawBytes(rng) {
  const body = rng.bytes(rng.size(4096));
  const magic = rng.pick([
    [],
    [0xd4, 0xc3, 0xb2, 0xa1],
    [0xa1, 0xb2, 0xc3, 0xd4],
    [0x4d, 0x3c, 0xb2, 0xa1],
    [0x34, 0xcd, 0xb2, 0xa1],
    [0x0a, 0x0d, 0x0d, 0x0a],
    [0x1f, 0x8b],
    [0x0a, 0x0d, 0x0d, 0x0a, 0x1c, 0, 0, 0, 0x4d, 0x3c, 0x2b, 0x1a],
  ]);
  return concat([Uint8Array.from(magic), body]);
}

export { Rng };
