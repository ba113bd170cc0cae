// @ts-check
/**
 * A small, independent map of capture files for the mutators: splits pcap / pcapng into units
 * (records, blocks), writes them back, and finds the length fields inside each unit and its frame
 * (pcap incl_len, pcapng block lengths and options, IPv4/IPv6/TCP/UDP lengths, MQTT remaining length,
 * ZMTP sizes, HTTP Content-Length). It deliberately shares no code with src/: a bug in the reader must
 * not hide the same bug in the fuzzer's view of the file.
 */

/**
 * @typedef {'rec' | 'shb' | 'idb' | 'epb' | 'spb' | 'opb' | 'block'} UnitType
 * @typedef {{ type: UnitType, raw: Uint8Array, le: boolean, linktype: number }} Unit
 * @typedef {{ format: 'pcap' | 'pcapng' | 'raw', le: boolean, nano: boolean, recLen: number,
 *             head: Uint8Array, units: Unit[], tail: Uint8Array, linktype: number }} Capture
 */

export const PCAP_HDR = 24;

/** @param {Uint8Array} b @param {number} o @param {boolean} le */
export function rd16(b, o, le) {
  return le ? (b[o] ?? 0) | ((b[o + 1] ?? 0) << 8) : ((b[o] ?? 0) << 8) | (b[o + 1] ?? 0);
}
/** @param {Uint8Array} b @param {number} o @param {boolean} le */
export function rd32(b, o, le) {
  return le
    ? ((b[o] ?? 0) | ((b[o + 1] ?? 0) << 8) | ((b[o + 2] ?? 0) << 16) | ((b[o + 3] ?? 0) << 24)) >>> 0
    : (((b[o] ?? 0) << 24) | ((b[o + 1] ?? 0) << 16) | ((b[o + 2] ?? 0) << 8) | (b[o + 3] ?? 0)) >>> 0;
}
/** @param {Uint8Array} b @param {number} o @param {number} v @param {boolean} le */
export function wr16(b, o, v, le) {
  if (o < 0 || o + 2 > b.length) return;
  if (le) {
    b[o] = v;
    b[o + 1] = v >>> 8;
  } else {
    b[o] = v >>> 8;
    b[o + 1] = v;
  }
}
/** @param {Uint8Array} b @param {number} o @param {number} v @param {boolean} le */
export function wr32(b, o, v, le) {
  if (o < 0 || o + 4 > b.length) return;
  v >>>= 0;
  if (le) {
    b[o] = v;
    b[o + 1] = v >>> 8;
    b[o + 2] = v >>> 16;
    b[o + 3] = v >>> 24;
  } else {
    b[o] = v >>> 24;
    b[o + 1] = v >>> 16;
    b[o + 2] = v >>> 8;
    b[o + 3] = v;
  }
}
/** Writes a 64-bit value given as a bigint. @param {Uint8Array} b @param {number} o @param {bigint} v @param {boolean} le */
export function wr64(b, o, v, le) {
  if (o < 0 || o + 8 > b.length) return;
  v = BigInt.asUintN(64, v);
  for (let i = 0; i < 8; i++) {
    const byte = Number((v >> BigInt(8 * i)) & 0xffn);
    b[le ? o + i : o + 7 - i] = byte;
  }
}

/** @param {readonly Uint8Array[]} parts */
export function concat(parts) {
  let n = 0;
  for (const p of parts) n += p.length;
  const out = new Uint8Array(n);
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

const pad4 = (/** @type {number} */ n) => (n + 3) & ~3;

/**
 * Splits a capture into units. Whatever does not parse is kept as `tail` (or the whole file, for a
 * non-capture, with format 'raw').
 * @param {Uint8Array} bytes
 * @returns {Capture}
 */
export function parseCapture(bytes) {
  const m0 = bytes[0];
  const m1 = bytes[1];
  const m2 = bytes[2];
  const m3 = bytes[3];
  /** @type {boolean | undefined} */
  let le;
  let nano = false;
  let recLen = 16;
  if (m0 === 0xa1 && m1 === 0xb2 && (m2 === 0xc3 || m2 === 0x3c || m2 === 0xcd)) le = false;
  else if (m2 === 0xb2 && m3 === 0xa1 && (m1 === 0xc3 || m1 === 0x3c || m1 === 0xcd)) le = true;
  if (le !== undefined && bytes.length >= PCAP_HDR) {
    nano = (le ? m1 : m2) === 0x3c;
    if ((le ? m1 : m2) === 0xcd) recLen = 24;
    const linktype = rd32(bytes, 20, le) & 0x0fffffff;
    /** @type {Unit[]} */
    const units = [];
    let p = PCAP_HDR;
    while (p + recLen <= bytes.length) {
      const incl = rd32(bytes, p + 8, le);
      if (incl > 0x4000000 || p + recLen + incl > bytes.length) break;
      units.push({ type: 'rec', raw: bytes.slice(p, p + recLen + incl), le, linktype });
      p += recLen + incl;
    }
    return { format: 'pcap', le, nano, recLen, head: bytes.slice(0, PCAP_HDR), units, tail: bytes.slice(p), linktype };
  }
  if (m0 === 0x0a && m1 === 0x0d && m2 === 0x0d && m3 === 0x0a && bytes.length >= 12) {
    /** @type {Unit[]} */
    const units = [];
    let p = 0;
    let secLe = true;
    /** @type {number[]} */
    let ifaces = [];
    let first = true;
    while (p + 12 <= bytes.length) {
      let type;
      if (bytes[p] === 0x0a && bytes[p + 1] === 0x0d && bytes[p + 2] === 0x0d && bytes[p + 3] === 0x0a) {
        const bom = rd32(bytes, p + 8, true);
        if (bom === 0x1a2b3c4d) secLe = true;
        else if (bom === 0x4d3c2b1a) secLe = false;
        else break;
        ifaces = [];
        type = 0x0a0d0d0a;
      } else {
        type = rd32(bytes, p, secLe);
      }
      const len = rd32(bytes, p + 4, secLe);
      if (len < 12 || len % 4 !== 0 || p + len > bytes.length) break;
      const raw = bytes.slice(p, p + len);
      /** @type {UnitType} */
      let ut = 'block';
      let linktype = -1;
      if (type === 0x0a0d0d0a) ut = 'shb';
      else if (type === 1) {
        ut = 'idb';
        linktype = rd16(raw, 8, secLe);
        ifaces.push(linktype);
      } else if (type === 6 || type === 2) {
        ut = type === 6 ? 'epb' : 'opb';
        const id = type === 6 ? rd32(raw, 8, secLe) : rd16(raw, 8, secLe);
        linktype = ifaces[id] ?? -1;
      } else if (type === 3) {
        ut = 'spb';
        linktype = ifaces[0] ?? -1;
      }
      if (first && ut !== 'shb') break;
      first = false;
      units.push({ type: ut, raw, le: secLe, linktype });
      p += len;
    }
    if (units.length > 0) {
      return { format: 'pcapng', le: units[0]?.le ?? true, nano: false, recLen: 0, head: new Uint8Array(0), units, tail: bytes.slice(p), linktype: -1 };
    }
  }
  return { format: 'raw', le: true, nano: false, recLen: 0, head: new Uint8Array(0), units: [], tail: bytes.slice(), linktype: -1 };
}

/** @param {Capture} c @returns {Uint8Array} */
export function serialize(c) {
  return concat([c.head, ...c.units.map((u) => u.raw), c.tail]);
}

/** @param {Capture} c @returns {Capture} a shallow copy (units array copied, raws shared) */
export function cloneCapture(c) {
  return { ...c, head: c.head.slice(), units: c.units.slice(), tail: c.tail };
}

/**
 * Where a unit's packet bytes are: data offset and captured length inside unit.raw.
 * @param {Unit} u
 * @returns {{ dataOff: number, caplen: number } | undefined}
 */
export function frameOf(u) {
  const r = u.raw;
  if (u.type === 'rec') {
    const recLen = r.length >= 24 && rd32(r, 8, u.le) + 24 === r.length ? 24 : 16;
    return { dataOff: recLen, caplen: r.length - recLen };
  }
  if (u.type === 'epb' || u.type === 'opb') {
    const cap = rd32(r, 20, u.le);
    if (28 + cap + 4 > r.length) return undefined;
    return { dataOff: 28, caplen: cap };
  }
  if (u.type === 'spb') {
    const len = rd32(r, 8, u.le);
    return { dataOff: 12, caplen: Math.min(len, r.length - 16) };
  }
  return undefined;
}

/** @param {Unit} u @returns {Uint8Array | undefined} the packet bytes (a view) */
export function frameData(u) {
  const f = frameOf(u);
  return f ? u.raw.subarray(f.dataOff, f.dataOff + f.caplen) : undefined;
}

/**
 * A copy of the unit with its packet bytes replaced (record/block lengths updated).
 * @param {Unit} u
 * @param {Uint8Array} data
 * @param {number} [origLen] wire length (default: data.length)
 * @returns {Unit}
 */
export function withData(u, data, origLen = data.length) {
  const le = u.le;
  if (u.type === 'rec') {
    const f = /** @type {{dataOff:number}} */ (frameOf(u));
    const raw = new Uint8Array(f.dataOff + data.length);
    raw.set(u.raw.subarray(0, f.dataOff));
    raw.set(data, f.dataOff);
    wr32(raw, 8, data.length, le);
    wr32(raw, 12, origLen, le);
    return { ...u, raw };
  }
  if (u.type === 'epb' || u.type === 'opb') {
    const f = frameOf(u);
    const optStart = f ? 28 + pad4(f.caplen) : u.raw.length - 4;
    const opts = u.raw.subarray(Math.min(optStart, u.raw.length - 4), u.raw.length - 4);
    const len = 28 + pad4(data.length) + opts.length + 4;
    const raw = new Uint8Array(len);
    raw.set(u.raw.subarray(0, 28));
    raw.set(data, 28);
    raw.set(opts, 28 + pad4(data.length));
    wr32(raw, 4, len, le);
    wr32(raw, 20, data.length, le);
    wr32(raw, 24, origLen, le);
    wr32(raw, len - 4, len, le);
    return { ...u, raw };
  }
  if (u.type === 'spb') {
    const len = 12 + pad4(data.length) + 4;
    const raw = new Uint8Array(len);
    raw.set(u.raw.subarray(0, 8));
    raw.set(data, 12);
    wr32(raw, 4, len, le);
    wr32(raw, 8, origLen, le);
    wr32(raw, len - 4, len, le);
    return { ...u, raw };
  }
  return u;
}

/* ------------------------------------------------------------------------------------------------ */
/* pcap → pcapng, so that every fixture also exercises the pcapng reader.                            */

/**
 * @param {number} type @param {Uint8Array} body @param {boolean} le
 * @returns {Uint8Array}
 */
function block(type, body, le) {
  const len = 12 + pad4(body.length);
  const b = new Uint8Array(len);
  wr32(b, 0, type, le);
  wr32(b, 4, len, le);
  b.set(body, 8);
  wr32(b, len - 4, len, le);
  return b;
}

/**
 * Rewrites a pcap capture as pcapng (one SHB, one IDB with if_tsresol, EPBs).
 * @param {Capture} c a parsed pcap
 * @param {{ le: boolean, tsresol: number, comment?: string }} opts
 * @returns {Capture}
 */
export function toPcapng(c, opts) {
  const le = opts.le;
  const shbBody = new Uint8Array(16);
  wr32(shbBody, 0, 0x1a2b3c4d, le);
  wr16(shbBody, 4, 1, le);
  wr16(shbBody, 6, 0, le);
  wr64(shbBody, 8, -1n, le);
  /** @type {Unit[]} */
  const units = [{ type: 'shb', raw: block(0x0a0d0d0a, shbBody, le), le, linktype: -1 }];
  const idbBody = new Uint8Array(8 + 8 + 4);
  wr16(idbBody, 0, c.linktype, le);
  wr32(idbBody, 4, 262144, le);
  wr16(idbBody, 8, 9, le); // if_tsresol
  wr16(idbBody, 10, 1, le);
  idbBody[12] = opts.tsresol;
  // opt_endofopt at 16 (zeros)
  units.push({ type: 'idb', raw: block(1, idbBody, le), le, linktype: c.linktype });
  const unitsPerSec = opts.tsresol & 0x80 ? 2 ** (opts.tsresol & 0x7f) : 10 ** opts.tsresol;
  for (const u of c.units) {
    const f = frameOf(u);
    if (!f) continue;
    const sec = rd32(u.raw, 0, u.le);
    const frac = rd32(u.raw, 4, u.le);
    const ns = c.nano ? frac : frac * 1000;
    const ts = BigInt(sec) * BigInt(Math.round(unitsPerSec)) + BigInt(Math.floor((ns / 1e9) * unitsPerSec));
    const data = u.raw.subarray(f.dataOff, f.dataOff + f.caplen);
    const body = new Uint8Array(20 + pad4(data.length));
    wr32(body, 0, 0, le);
    wr32(body, 4, Number((ts >> 32n) & 0xffffffffn), le);
    wr32(body, 8, Number(ts & 0xffffffffn), le);
    wr32(body, 12, data.length, le);
    wr32(body, 16, rd32(u.raw, 12, u.le), le);
    body.set(data, 20);
    units.push({ type: 'epb', raw: block(6, body, le), le, linktype: c.linktype });
  }
  return { format: 'pcapng', le, nano: false, recLen: 0, head: new Uint8Array(0), units, tail: new Uint8Array(0), linktype: c.linktype };
}

/**
 * A unit of one capture re-encoded for another (a pcap record spliced into a pcapng and back).
 * @param {Unit} u @param {Capture} target @returns {Unit | undefined}
 */
export function convertUnit(u, target) {
  const data = frameData(u);
  if (!data) return undefined;
  if (target.format === 'pcap') {
    const raw = new Uint8Array(target.recLen + data.length);
    wr32(raw, 0, 1700000000, target.le);
    wr32(raw, 8, data.length, target.le);
    wr32(raw, 12, data.length, target.le);
    raw.set(data, target.recLen);
    return { type: 'rec', raw, le: target.le, linktype: target.linktype };
  }
  if (target.format === 'pcapng') {
    const le = target.units[0]?.le ?? true;
    const body = new Uint8Array(20 + pad4(data.length));
    wr32(body, 12, data.length, le);
    wr32(body, 16, data.length, le);
    body.set(data, 20);
    return { type: 'epb', raw: block(6, body, le), le, linktype: u.linktype };
  }
  return undefined;
}

/* ------------------------------------------------------------------------------------------------ */
/* Inside a frame.                                                                                    */

/**
 * @typedef {{ linkOff: number, etherOff: number, ipOff: number, ipVer: 0 | 4 | 6, ipHdr: number,
 *             l4: number, l4Off: number, l4Hdr: number, payOff: number, payLen: number,
 *             sport: number, dport: number }} FrameLoc
 */

/**
 * Finds the IP / TCP / UDP headers and the payload of a frame (best effort; never throws).
 * @param {Uint8Array} d @param {number} linktype @returns {FrameLoc}
 */
export function locate(d, linktype) {
  /** @type {FrameLoc} */
  const loc = { linkOff: 0, etherOff: -1, ipOff: -1, ipVer: 0, ipHdr: 0, l4: -1, l4Off: -1, l4Hdr: 0, payOff: -1, payLen: 0, sport: -1, dport: -1 };
  let off = -1;
  let ether = -1;
  switch (linktype) {
    case 1: {
      let o = 12;
      let t = rd16(d, o, false);
      while ((t === 0x8100 || t === 0x88a8 || t === 0x9100) && o + 6 <= d.length) {
        o += 4;
        t = rd16(d, o, false);
      }
      loc.etherOff = o;
      ether = t;
      off = o + 2;
      break;
    }
    case 113:
      loc.etherOff = 14;
      ether = rd16(d, 14, false);
      off = 16;
      break;
    case 276:
      loc.etherOff = 0;
      ether = rd16(d, 0, false);
      off = 20;
      break;
    case 0: {
      const fam = rd32(d, 0, true);
      ether = fam === 2 ? 0x0800 : fam === 24 || fam === 28 || fam === 30 ? 0x86dd : -1;
      off = 4;
      break;
    }
    case 12:
    case 14:
    case 101:
      ether = (d[0] ?? 0) >> 4 === 6 ? 0x86dd : 0x0800;
      off = 0;
      break;
    case 228:
      ether = 0x0800;
      off = 0;
      break;
    case 229:
      ether = 0x86dd;
      off = 0;
      break;
    default:
      return loc;
  }
  if (off < 0 || off >= d.length) return loc;
  let proto = -1;
  let l4 = -1;
  if (ether === 0x0800 && off + 20 <= d.length && (d[off] ?? 0) >> 4 === 4) {
    loc.ipOff = off;
    loc.ipVer = 4;
    loc.ipHdr = ((d[off] ?? 0) & 15) * 4;
    proto = d[off + 9] ?? -1;
    l4 = off + Math.max(20, loc.ipHdr);
  } else if (ether === 0x86dd && off + 40 <= d.length) {
    loc.ipOff = off;
    loc.ipVer = 6;
    loc.ipHdr = 40;
    proto = d[off + 6] ?? -1;
    l4 = off + 40;
  }
  if (l4 < 0 || l4 > d.length) return loc;
  if (proto === 6 && l4 + 20 <= d.length) {
    loc.l4 = 6;
    loc.l4Off = l4;
    loc.l4Hdr = Math.max(20, ((d[l4 + 12] ?? 0) >> 4) * 4);
    loc.sport = rd16(d, l4, false);
    loc.dport = rd16(d, l4 + 2, false);
    loc.payOff = Math.min(d.length, l4 + loc.l4Hdr);
  } else if (proto === 17 && l4 + 8 <= d.length) {
    loc.l4 = 17;
    loc.l4Off = l4;
    loc.l4Hdr = 8;
    loc.sport = rd16(d, l4, false);
    loc.dport = rd16(d, l4 + 2, false);
    loc.payOff = l4 + 8;
  } else {
    loc.payOff = l4;
  }
  let end = d.length;
  if (loc.ipVer === 4) {
    const tot = rd16(d, loc.ipOff + 2, false);
    if (tot >= 20 && loc.ipOff + tot < end) end = loc.ipOff + tot; // Ethernet padding
  }
  loc.payLen = Math.max(0, end - loc.payOff);
  return loc;
}

/**
 * After a length-changing rewrite: IP total length / payload length and UDP length follow the frame.
 * @param {Uint8Array} d @param {FrameLoc} loc
 */
export function fixLengths(d, loc) {
  if (loc.ipVer === 4) wr16(d, loc.ipOff + 2, Math.min(0xffff, d.length - loc.ipOff), false);
  else if (loc.ipVer === 6) wr16(d, loc.ipOff + 4, Math.min(0xffff, d.length - loc.ipOff - 40), false);
  if (loc.l4 === 17) wr16(d, loc.l4Off + 4, Math.min(0xffff, d.length - loc.l4Off), false);
}

/** Ports of the application protocols the analyzer knows (and the fixtures use). */
export const MQTT_PORTS = new Set([1883, 8883]);
export const HTTP_PORTS = new Set([80, 8080, 5000, 5151, 8000]);
export const ZMQ_PORTS = new Set([5555, 5556, 5557, 12345, 9999]);
export const APP_PORTS = [1883, 5555, 5556, 5557, 12345, 9999, 5151, 80, 8080, 5000, 2222];

/** Offsets of MQTT fixed headers in a segment's payload (walks packet after packet). */
/** @param {Uint8Array} d @param {number} off @param {number} end @returns {number[]} */
export function mqttPackets(d, off, end) {
  const out = [];
  let p = off;
  while (p + 2 <= end && out.length < 64) {
    out.push(p);
    let len = 0;
    let mul = 1;
    let i = p + 1;
    for (; i < end && i < p + 5; i++) {
      const b = d[i] ?? 0;
      len += (b & 0x7f) * mul;
      mul *= 128;
      if (!(b & 0x80)) break;
    }
    p = i + 1 + len;
  }
  return out;
}

/** Offsets of ZMTP frame headers in a segment's payload (after a greeting, if it starts with one). */
/** @param {Uint8Array} d @param {number} off @param {number} end @returns {{ greeting: number, frames: number[] }} */
export function zmtpFrames(d, off, end) {
  let p = off;
  let greeting = -1;
  if (d[p] === 0xff && d[p + 9] === 0x7f) {
    greeting = p;
    p += end - p >= 64 ? 64 : end - p; // the whole greeting, when it is all here
  }
  const frames = [];
  while (p + 2 <= end && frames.length < 64) {
    const flags = d[p] ?? 0;
    if (flags & 0xf8) break;
    frames.push(p);
    if (flags & 0x02) {
      if (p + 9 > end) break;
      const hi = rd32(d, p + 1, false);
      const lo = rd32(d, p + 5, false);
      if (hi !== 0) break;
      p += 9 + lo;
    } else {
      p += 2 + (d[p + 1] ?? 0);
    }
  }
  return { greeting, frames };
}

/** @param {Uint8Array} d @param {string} s @param {number} from @param {number} to @returns {number} */
export function indexOfAscii(d, s, from = 0, to = d.length) {
  const n = s.length;
  const c0 = s.charCodeAt(0) | 0x20;
  outer: for (let i = from; i + n <= to; i++) {
    if (((d[i] ?? 0) | 0x20) !== c0) continue;
    for (let j = 1; j < n; j++) {
      const a = d[i + j] ?? 0;
      const b = s.charCodeAt(j);
      if (a !== b && (a | 0x20) !== (b | 0x20)) continue outer;
    }
    return i;
  }
  return -1;
}
