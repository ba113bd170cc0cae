#!/usr/bin/env node
/**
 * Builds a large capture of mixed lab traffic from the real fixtures, reproducibly, with the project's
 * own pcap writer (dist/capture/writer.js).
 *
 *   node bench/gen.mjs --frames 300000 --out bench/out/lab-300k.pcap [--seed 1] [--duration 300]
 *
 * How (see bench/README.md):
 * - Every fixture scenario below is instantiated `copies` times. Each instance gets its own addresses
 *   (172.18.0.N → 10.X.Y.N, MACs 02:42:ac:12:00:NN → 02:42:0a:X:Y:NN, IPv4 header checksum recomputed),
 *   its own client ports, its own initial sequence numbers and TCP timestamp offsets, and its own start time.
 * - "long" scenarios keep their connections and repeat the steady part of each TCP connection (the
 *   "body": from one quiet point — every byte sent both ways acknowledged, the handshake and the
 *   application set-up done — to the last quiet point before FIN/RST) R times, shifting sequence /
 *   acknowledgement numbers (SACK blocks too), TCP timestamps and frame times by one body per repeat:
 *   a publisher, a request loop or a bulk sender that keeps going. R grows with --frames; the number of
 *   conversations does not.
 * - "churn" scenarios (a REST client, refused connections, RST, UDP datagrams) are re-run every `every`
 *   seconds with new client ports and sequence numbers: new conversations at a fixed rate in time.
 * - Frames of all instances are merged in time order; the capture is cut at exactly --frames frames.
 * Same arguments, same bytes.
 */
import { createWriteStream, mkdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readCaptureBytes } from '../dist/capture/reader.js';
import { PcapWriter } from '../dist/capture/writer.js';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');

/**
 * The mix. `share`: part of the frames of the long scenarios; `copies`: instances (distinct hosts).
 * `turns`: the repeated body must hold requests and responses (HTTP keep-alive: never repeat a piece of
 * one response).
 */
export const LONG = [
  { file: 'zmq.pcap', copies: 6, share: 0.14 },
  { file: 'zmq-reqrep.pcap', copies: 4, share: 0.08 },
  { file: 'zmq-pubsub.pcap', copies: 4, share: 0.08 },
  { file: 'zmq-pushpull.pcap', copies: 4, share: 0.06 },
  { file: 'zmq-dealer-router.pcap', copies: 4, share: 0.05 },
  { file: 'zmq-plain.pcap', copies: 2, share: 0.03 },
  // goodbye: the last data before the close (MQTT DISCONNECT) is not part of the body.
  { file: 'mqtt.pcap', copies: 6, share: 0.14, goodbye: true },
  // Whole MQTT exchanges: QoS 1, QoS 2 and user properties (publisher), their deliveries (subscriber), the
  // will's publisher; not a PUBACK whose PUBLISH is outside the body.
  {
    file: 'mqtt5.pcap',
    copies: 3,
    share: 0.09,
    bodies: [
      [44, 65],
      [45, 67],
      [38, 43],
    ],
  },
  { file: 'tcp-echo.pcap', copies: 2, share: 0.03 },
  // GET /add and its answer (not GET /stream, whose chunked answer closes the connection).
  { file: 'http-keepalive.pcap', copies: 4, share: 0.1, turns: true, bodies: [[57, 60]] },
  // bulk: no application set-up, the body may start at any quiet point.
  { file: 'tcp-loss-after.pcap', copies: 3, share: 0.05, bulk: true },
  { file: 'tcp-loss-before.pcap', copies: 3, share: 0.05, bulk: true },
];
/**
 * ZeroMQ server ports are moved (+20000) unless --keep-ports: tshark 4.0 decodes tcp/5555 as SigComp,
 * whose reassembly waits for a delimiter ZeroMQ never sends and grows quadratically with the connection
 * (REQ/REP on 5555: 100k frames took tshark 45 s of CPU; the 3M capture took it an hour). With them the
 * comparison would measure that, not tshark's usual speed. pcap-explain finds ZMTP by content, not by port;
 * MQTT (1883) and HTTP (5151) keep their ports, which both tools use.
 */
export const MOVED_PORTS = new Map([
  [5555, 25555],
  [5556, 25556],
  [5557, 25557],
  [9999, 29999],
  [12345, 32345],
]);

/** Re-run every `every` seconds of capture time, `copies` clients each. */
export const CHURN = [
  { file: 'rest.pcap', copies: 4, every: 5 },
  { file: 'tcp-refused.pcap', copies: 1, every: 30 },
  { file: 'tcp-rst.pcap', copies: 2, every: 15 },
  { file: 'udp.pcap', copies: 2, every: 10 },
];

/* ---------------------------------------------------------------------------------------------- */

function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const u16 = (b, o) => (b[o] << 8) | b[o + 1];
const u32 = (b, o) => ((b[o] << 24) | (b[o + 1] << 16) | (b[o + 2] << 8) | b[o + 3]) >>> 0;
function put16(b, o, v) {
  b[o] = (v >>> 8) & 0xff;
  b[o + 1] = v & 0xff;
}
function put32(b, o, v) {
  b[o] = (v >>> 24) & 0xff;
  b[o + 1] = (v >>> 16) & 0xff;
  b[o + 2] = (v >>> 8) & 0xff;
  b[o + 3] = v & 0xff;
}

const SYN = 0x02;
const FIN = 0x01;
const RST = 0x04;
const ACK = 0x10;

/** Parsed facts of one template frame (Ethernet, IPv4, TCP/UDP, ARP). */
function parse(data) {
  const f = { type: u16(data, 12), ip: -1, l4: -1, proto: -1, sport: 0, dport: 0 };
  if (f.type === 0x0800 && data.length >= 34) {
    f.ip = 14;
    const ihl = (data[14] & 0x0f) * 4;
    f.proto = data[23];
    f.src = u32(data, 26);
    f.dst = u32(data, 30);
    f.l4 = 14 + ihl;
    const ipLen = u16(data, 16);
    if (f.proto === 6) {
      const t = f.l4;
      f.sport = u16(data, t);
      f.dport = u16(data, t + 2);
      f.seq = u32(data, t + 4);
      f.ack = u32(data, t + 8);
      f.hdr = (data[t + 12] >>> 4) * 4;
      f.flags = data[t + 13];
      f.plen = ipLen - ihl - f.hdr;
      // Option offsets to rewrite: TS (val, ecr) and SACK edges.
      f.tsOff = -1;
      f.sack = [];
      for (let o = t + 20, stop = t + f.hdr; o < stop; ) {
        const kind = data[o];
        if (kind === 0) break;
        if (kind === 1) {
          o++;
          continue;
        }
        const len = data[o + 1];
        if (len < 2) break;
        if (kind === 8) f.tsOff = o + 2;
        if (kind === 5) for (let p = o + 2; p + 8 <= o + len; p += 8) f.sack.push(p);
        o += len;
      }
    } else if (f.proto === 17) {
      f.sport = u16(data, f.l4);
      f.dport = u16(data, f.l4 + 2);
    }
  }
  return f;
}

function loadFixture(file) {
  const bytes = readFileSync(join(ROOT, 'fixtures', file));
  const frames = [];
  let linktype = -1;
  readCaptureBytes(bytes, (r) => {
    linktype = r.linktype;
    frames.push({ t: r.tsSec * 1e6 + Math.floor(r.tsNsec / 1000), data: r.data.slice(), len: r.len });
  });
  if (linktype !== 1) throw new Error(`${file}: linktype ${linktype}, Ethernet expected`);
  const t0 = frames[0].t;
  for (const f of frames) {
    f.t -= t0;
    f.p = parse(f.data);
  }
  return frames;
}

/**
 * Groups a fixture's TCP/UDP frames into streams and finds each TCP stream's repeatable body.
 * Returns { frames, streams, other } where other = frames of no stream (ARP, ...).
 */
function analyseFixture(file, opts = {}) {
  const frames = loadFixture(file);
  const byKey = new Map();
  const streams = [];
  const other = [];
  frames.forEach((f, i) => {
    const p = f.p;
    if (p.proto !== 6 && p.proto !== 17) {
      other.push(i);
      return;
    }
    const a = `${p.src}:${p.sport}`;
    const b = `${p.dst}:${p.dport}`;
    const key = `${p.proto}|${a < b ? `${a}|${b}` : `${b}|${a}`}`;
    let s = byKey.get(key);
    if (!s) {
      s = { proto: p.proto, frames: [], client: a, body: null };
      // The sender of the first frame is direction 0 unless it is a SYN/ACK.
      if (p.proto === 6 && p.flags & SYN && p.flags & ACK) s.client = b;
      byKey.set(key, s);
      streams.push(s);
    }
    s.frames.push(i);
  });
  for (const s of streams) {
    if (s.proto === 6) findBody(s, frames, opts);
    else s.dirs = s.frames.map((fi) => (`${frames[fi].p.src}:${frames[fi].p.sport}` === s.client ? 0 : 1));
  }
  return { file, frames, streams, other };
}

/** Relative sequence-space positions per frame; quiet points; the body [q1, q2) in stream-frame indices. */
function findBody(s, frames, opts) {
  const isn = [null, null];
  const end = [0, 0]; // highest relative seq end sent per direction
  const acked = [-1, -1]; // highest relative ack received for direction d (sent by 1-d)
  let hsDone = false;
  let closing = -1;
  const dirs = [];
  const quiet = []; // quiet[k]: true when the stream is quiet after frame k
  const startPos = []; // relative seq of each frame's segment (for the body's byte count)
  s.frames.forEach((fi, k) => {
    const p = frames[fi].p;
    const d = `${p.src}:${p.sport}` === s.client ? 0 : 1;
    dirs.push(d);
    if (isn[d] === null) isn[d] = p.flags & SYN ? p.seq : (p.seq - 1) >>> 0;
    const rel = (p.seq - isn[d]) >>> 0;
    startPos.push(rel);
    const segEnd = rel + p.plen + (p.flags & SYN ? 1 : 0) + (p.flags & FIN ? 1 : 0);
    if (segEnd > end[d]) end[d] = segEnd;
    if (p.flags & ACK && isn[1 - d] !== null) {
      const a = (p.ack - isn[1 - d]) >>> 0;
      if (a > acked[1 - d]) acked[1 - d] = a;
    }
    if (!(p.flags & SYN) && p.flags & ACK && isn[0] !== null && isn[1] !== null) hsDone = true;
    if (p.flags & (FIN | RST) && closing < 0) closing = k;
    quiet.push(hsDone && closing < 0 && acked[0] === end[0] && acked[1] === end[1]);
  });
  s.dirs = dirs;
  if (closing < 0) closing = s.frames.length;
  // The body ends at the last quiet point before the close (after frame q2 - 1), or before the last data
  // segment when that is the application's goodbye (opts.goodbye: MQTT DISCONNECT).
  let lastData = closing;
  for (let k = closing - 1; opts.goodbye && k >= 0; k--) {
    if (frames[s.frames[k]].p.plen > 0) {
      lastData = k;
      break;
    }
  }
  let q2 = -1;
  for (let k = lastData - 1; k >= 0; k--) {
    if (quiet[k]) {
      q2 = k + 1;
      break;
    }
  }
  if (q2 < 0) return;
  let only = -1;
  // An explicit body of this stream (1-based frame numbers of the fixture), checked like a found one.
  const given = opts.bodies?.find(([from]) => s.frames.includes(from - 1));
  if (given) {
    const [from, to] = given;
    const k1 = s.frames.indexOf(from - 1);
    const k2 = s.frames.indexOf(to - 1);
    if (k2 < 0 || k1 < 1 || !quiet[k1 - 1] || !quiet[k2]) throw new Error(`body ${from}..${to}: not quiet points`);
    q2 = k2 + 1;
    only = k1;
  }
  const data = [];
  for (let k = 0; k < q2; k++) if (frames[s.frames[k]].p.plen > 0) data.push(k);
  if (data.length < 2) return;
  const valid = (q1) => {
    let first = -1;
    let last = -1;
    const seen = [false, false];
    for (let k = q1; k < q2; k++) {
      const p = frames[s.frames[k]].p;
      if (p.flags & (SYN | FIN | RST)) return false;
      if (p.plen > 0) {
        if (first < 0) first = dirs[k];
        last = dirs[k];
        seen[dirs[k]] = true;
      }
    }
    if (first < 0) return false;
    if (seen[0] && seen[1]) return first !== last;
    return !opts.turns;
  };
  // Start after the middle data segment: the application set-up (greetings, handshakes) is over by then.
  const mid = data[Math.floor(data.length / 2)];
  const cands = [];
  for (let k = mid + 1; k < q2; k++) if (quiet[k - 1]) cands.push(k);
  for (let k = mid; opts.bulk && k > 0; k--) if (quiet[k - 1]) cands.push(k);
  for (const q1 of only >= 0 ? [only] : cands) {
    if (q1 < q2 && valid(q1)) {
      const bytes = [0, 0];
      const pos0 = (d) => {
        // Relative stream position at the start of the body for direction d.
        let v = 0;
        for (let k = 0; k < q1; k++) {
          if (dirs[k] !== d) continue;
          const p = frames[s.frames[k]].p;
          v = Math.max(v, startPos[k] + p.plen + (p.flags & SYN ? 1 : 0));
        }
        return v;
      };
      for (const d of [0, 1]) {
        let v = pos0(d);
        const start = v;
        for (let k = q1; k < q2; k++) {
          if (dirs[k] !== d) continue;
          v = Math.max(v, startPos[k] + frames[s.frames[k]].p.plen);
        }
        bytes[d] = v - start;
      }
      s.body = { q1, q2, bytes };
      return;
    }
  }
  if (only >= 0) throw new Error(`body ${given}: not repeatable`);
}

/* ---------------------------------------------------------------------------------------------- */

/** Rewrites a template frame into `out` for an instance; returns the frame bytes (a view of out). */
class Rewriter {
  constructor() {
    this.buf = new Uint8Array(262144);
  }

  /**
   * inst: { net: [x, y], ports: (p) => p', seqOff: [d0, d1], tsOff: [d0, d1] } for the stream (or null
   * for frames of no stream); shift: { seq: [s0, s1], tsMs } added for body repeats; dir: 0/1 of the frame.
   */
  frame(tpl, inst, st, dir, shift) {
    const src = tpl.data;
    const b = this.buf.length >= src.length ? this.buf.subarray(0, src.length) : new Uint8Array(src.length);
    b.set(src);
    const [x, y] = inst.net;
    // MACs 02:42:ac:12:00:NN → 02:42:0a:X:Y:NN (Ethernet header and ARP body).
    const mac = (o) => {
      if (b[o] === 0x02 && b[o + 1] === 0x42 && b[o + 2] === 0xac && b[o + 3] === 0x12 && b[o + 4] === 0x00) {
        b[o + 2] = 0x0a;
        b[o + 3] = x;
        b[o + 4] = y;
      }
    };
    const ip = (o) => {
      if (b[o] === 172 && b[o + 1] === 18) {
        b[o] = 10;
        b[o + 1] = x;
        b[o + 2] = y;
      }
    };
    mac(0);
    mac(6);
    const p = tpl.p;
    if (p.type === 0x0806 && b.length >= 42) {
      mac(22);
      ip(28);
      mac(32);
      ip(38);
    }
    if (p.ip >= 0) {
      ip(p.ip + 12);
      ip(p.ip + 16);
      const ihl = (b[p.ip] & 0x0f) * 4;
      put16(b, p.ip + 10, 0);
      let sum = 0;
      for (let i = p.ip; i < p.ip + ihl; i += 2) sum += (b[i] << 8) | b[i + 1];
      while (sum > 0xffff) sum = (sum & 0xffff) + (sum >>> 16);
      put16(b, p.ip + 10, ~sum & 0xffff);
    }
    if (p.l4 >= 0 && (p.proto === 6 || p.proto === 17)) {
      put16(b, p.l4, inst.ports(p.sport));
      put16(b, p.l4 + 2, inst.ports(p.dport));
    }
    if (p.proto === 6 && st) {
      const t = p.l4;
      const own = (st.seqOff[dir] + shift.seq[dir]) >>> 0;
      const peer = (st.seqOff[1 - dir] + shift.seq[1 - dir]) >>> 0;
      put32(b, t + 4, (p.seq + own) >>> 0);
      if (p.flags & ACK) put32(b, t + 8, (p.ack + peer) >>> 0);
      for (const o of p.sack) {
        put32(b, o, (u32(src, o) + peer) >>> 0);
        put32(b, o + 4, (u32(src, o + 4) + peer) >>> 0);
      }
      if (p.tsOff >= 0) {
        const val = u32(src, p.tsOff);
        const ecr = u32(src, p.tsOff + 4);
        put32(b, p.tsOff, (val + st.tsOff[dir] + shift.tsMs) >>> 0);
        if (ecr !== 0) put32(b, p.tsOff + 4, (ecr + st.tsOff[1 - dir] + shift.tsMs) >>> 0);
      }
    }
    return b;
  }
}

/* ---------------------------------------------------------------------------------------------- */

/**
 * A time-ordered source of frames: `t` (µs) of the next frame, next() writes it. Sources are merged with
 * a binary heap.
 */
class Heap {
  constructor() {
    this.a = [];
  }
  push(s) {
    const a = this.a;
    a.push(s);
    let i = a.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (a[p].t < a[i].t || (a[p].t === a[i].t && a[p].id <= a[i].id)) break;
      [a[p], a[i]] = [a[i], a[p]];
      i = p;
    }
  }
  pop() {
    const a = this.a;
    const top = a[0];
    const last = a.pop();
    if (a.length > 0) {
      a[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        const less = (u, v) => a[u].t < a[v].t || (a[u].t === a[v].t && a[u].id < a[v].id);
        if (l < a.length && less(l, m)) m = l;
        if (r < a.length && less(r, m)) m = r;
        if (m === i) break;
        [a[m], a[i]] = [a[i], a[m]];
        i = m;
      }
    }
    return top;
  }
  get size() {
    return this.a.length;
  }
}

/** The frames of one stream (or of the no-stream frames) of one instance run, as (template, time, shift). */
function* streamFrames(fx, s, R, window, startUs) {
  const fr = fx.frames;
  const idx = s ? s.frames : fx.other;
  const body = s?.body;
  const zero = { seq: [0, 0], tsMs: 0 };
  if (!body || R <= 1) {
    for (let k = 0; k < idx.length; k++) yield [fr[idx[k]], startUs + fr[idx[k]].t, s ? s.dirs[k] : 0, zero];
    return;
  }
  const { q1, q2, bytes } = body;
  const tb0 = fr[idx[q1]].t;
  const tb1 = fr[idx[q2 - 1]].t;
  const span = tb1 - tb0;
  const tEnd = fr[idx[idx.length - 1]].t;
  // The repeats share what is left of the window after the set-up and the ending.
  const avail = Math.max(window - tb0 - (tEnd - tb1), R * 1000);
  const period = Math.max(1, Math.floor(avail / R));
  const c = span > 0 ? Math.min(1, (0.9 * period) / span) : 1;
  for (let k = 0; k < q1; k++) yield [fr[idx[k]], startUs + fr[idx[k]].t, s.dirs[k], zero];
  for (let r = 0; r < R; r++) {
    const base = tb0 + r * period;
    const shift = { seq: [r * bytes[0], r * bytes[1]], tsMs: Math.floor((r * period) / 1000) };
    for (let k = q1; k < q2; k++) {
      const f = fr[idx[k]];
      yield [f, startUs + base + Math.floor((f.t - tb0) * c), s.dirs[k], shift];
    }
  }
  const last = tb0 + (R - 1) * period + Math.floor(span * c);
  const shift = { seq: [(R - 1) * bytes[0], (R - 1) * bytes[1]], tsMs: Math.floor(((R - 1) * period) / 1000) };
  for (let k = q2; k < idx.length; k++) {
    const f = fr[idx[k]];
    yield [f, startUs + last + (f.t - tb1), s.dirs[k], shift];
  }
}

export function parseArgs(argv) {
  const a = { frames: 300000, out: '', seed: 1, duration: 300 };
  for (let i = 0; i < argv.length; i++) {
    const k = argv[i];
    const v = argv[i + 1];
    if (k === '--frames') a.frames = Number(v.replace(/k$/i, '000').replace(/m$/i, '000000'));
    else if (k === '--out') a.out = v;
    else if (k === '--seed') a.seed = Number(v);
    else if (k === '--duration') a.duration = Number(v);
    else if (k === '--plan') a.plan = true;
    else if (k === '--only') a.only = v.split(',');
    else if (k === '--keep-ports') a.keepPorts = true;
    else continue;
    if (k !== '--plan' && k !== '--keep-ports') i++;
  }
  return a;
}

/** Builds the plan (instances, repeats) and writes the capture. Resolves with facts about it. */
export async function generate({ frames: N, out, seed = 1, duration = 300, plan = false, only, keepPorts = false }) {
  const rnd = mulberry32(seed);
  const windowUs = duration * 1e6;
  const startSec = 1763800000; // 2025-11-22T08:26:40Z: fixed, so the bytes do not depend on the day
  // --only FILE,...: a capture of some scenarios alone (to see which one costs a tool its time).
  const pick = (c) => !only || only.includes(c.file);
  const longFx = LONG.filter(pick).map((c) => ({ ...c, fx: analyseFixture(c.file, c) }));
  const churnFx = CHURN.filter(pick).map((c) => ({ ...c, fx: analyseFixture(c.file, c) }));

  // Frames the churn scenarios contribute (fixed by duration, not by N).
  let churnFrames = 0;
  for (const c of churnFx) churnFrames += c.copies * Math.ceil(duration / c.every) * c.fx.frames.length;
  const longTarget = Math.max(0, N * 1.01 - churnFrames);
  const shareSum = longFx.reduce((s, c) => s + c.share, 0);
  for (const c of longFx) {
    const bodyFrames = c.fx.streams.reduce((s, st) => s + (st.body ? st.body.q2 - st.body.q1 : 0), 0);
    const fixed = c.fx.frames.length - bodyFrames;
    const want = (longTarget * c.share) / shareSum / c.copies;
    c.R = bodyFrames > 0 ? Math.max(1, Math.ceil((want - fixed) / bodyFrames)) : 1;
    c.bodyFrames = bodyFrames;
  }
  if (plan) {
    for (const c of longFx) {
      console.log(`${c.file} copies=${c.copies} R=${c.R} frames=${c.fx.frames.length} body=${c.bodyFrames}`);
      for (const s of c.fx.streams) {
        const f0 = s.frames[0] + 1;
        console.log(
          `  stream from frame ${f0}: ${s.frames.length} frames, body ${s.body ? `frames ${s.frames[s.body.q1] + 1}..${s.frames[s.body.q2 - 1] + 1} bytes ${s.body.bytes}` : 'none'}`,
        );
      }
    }
  }

  mkdirSync(dirname(out), { recursive: true });
  const os = createWriteStream(out, { highWaterMark: 1 << 20 });
  const w = new PcapWriter(os, { linktype: 1, bufferSize: 1 << 20 });
  const heap = new Heap();
  const rw = new Rewriter();
  let inst = 0;
  let sid = 0;
  let conversations = 0;

  const addRun = (fx, R, startUs, runNo, window) => {
    const i = inst;
    const net = [(i >> 8) & 0xff, i & 0xff];
    const portShift = (i * 331 + runNo * 7919) % 28232;
    const ports = (p) =>
      p >= 32768 ? 32768 + ((p - 32768 + portShift) % 28232) : keepPorts ? p : (MOVED_PORTS.get(p) ?? p);
    const ctx = { net, ports };
    const add = (s) => {
      const st = s
        ? {
            seqOff: [Math.floor(rnd() * 2 ** 32), Math.floor(rnd() * 2 ** 32)],
            tsOff: [Math.floor(rnd() * 2 ** 31), Math.floor(rnd() * 2 ** 31)],
          }
        : null;
      if (s) conversations++;
      const it = streamFrames(fx, s, R, window, startUs);
      const src = { id: sid++, it, st, ctx, file: fx.file, cur: null, t: 0 };
      const n = it.next();
      if (n.done) return;
      src.cur = n.value;
      src.t = n.value[1];
      heap.push(src);
    };
    add(null);
    for (const s of fx.streams) add(s);
  };

  // Instances: long ones start within the first 5 s; churn runs at their period (+ a fixed offset).
  for (const c of longFx) {
    for (let k = 0; k < c.copies; k++) {
      const start = Math.floor(rnd() * 5e6);
      addRun(c.fx, c.R, start, 0, windowUs - start);
      inst++;
    }
  }
  for (const c of churnFx) {
    for (let k = 0; k < c.copies; k++) {
      const off = Math.floor(rnd() * c.every * 1e6);
      for (let run = 0; run * c.every * 1e6 + off < windowUs; run++) {
        addRun(c.fx, 1, run * c.every * 1e6 + off, run, windowUs);
      }
      inst++;
    }
  }

  let written = 0;
  const mix = {};
  let bytes = 24;
  let lastT = 0;
  while (written < N && heap.size > 0) {
    const src = heap.pop();
    const [tpl, t, dir, shift] = src.cur;
    const data = rw.frame(tpl, src.ctx, src.st, dir, shift);
    const us = Math.max(t, lastT); // never go back in time (merge ties)
    lastT = us;
    const tsSec = startSec + Math.floor(us / 1e6);
    const ok = w.write({ tsSec, tsNsec: (us % 1e6) * 1000, data, len: tpl.len });
    written++;
    bytes += 16 + data.length;
    mix[src.file] = (mix[src.file] ?? 0) + 1;
    if (!ok) await w.drain();
    const n = src.it.next();
    if (!n.done) {
      src.cur = n.value;
      src.t = n.value[1];
      heap.push(src);
    }
  }
  await w.end();
  return { frames: written, bytes, conversations, instances: inst, seconds: lastT / 1e6, mix };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const a = parseArgs(process.argv.slice(2));
  if (!a.out) a.out = join(ROOT, 'bench', 'out', `lab-${a.frames}.pcap`);
  const t0 = performance.now();
  const r = await generate(a);
  console.log(
    `${a.out}: ${r.frames} frames, ${(r.bytes / 1e6).toFixed(1)} MB, ${r.conversations} conversations in ${r.instances} instances, ${r.seconds.toFixed(1)} s of traffic (built in ${((performance.now() - t0) / 1000).toFixed(1)} s)`,
  );
  if (a.plan)
    for (const [f, n] of Object.entries(r.mix))
      console.log(`  ${f}: ${((100 * n) / r.frames).toFixed(1)} % of the frames`);
}
