/**
 * pcapng (draft-ietf-opsawg-pcapng). Every block:
 *
 *   0..4   block type                 (Section Header Block: 0a0d0d0a, the same in both byte orders)
 *   4..8   block total length         (multiple of 4, >= 12, repeated at the end)
 *   8..    block body                 (SHB: byte-order magic 1a2b3c4d, major, minor, section length)
 *   -4..   block total length again
 *
 * Bodies read here:
 *   SHB  0x0a0d0d0a  8: bom(4) 12: major(2) 14: minor(2) 16: section length(8) 24: options
 *   IDB  1           8: linktype(2) 10: reserved(2) 12: snaplen(4) 16: options
 *   OPB  2           8: interface(2) 10: drops(2) 12: ts high(4) 16: ts low(4) 20: caplen 24: len 28: data, options
 *   SPB  3           8: original length(4) 12: data (caplen = min(len, snaplen, room in block))
 *   EPB  6           8: interface(4) 12: ts high(4) 16: ts low(4) 20: caplen 24: len 28: data, options
 *   NRB  4           8: records type(2) length(2) value (nrb_record_ipv4 1: 4 bytes + names; ipv6 2:
 *                    16 bytes + names; end 0), options; the names go to the header (names.ts)
 * Any other type (ISB 5, DSB 0x0a, custom 0xbad, ...) is skipped by its length.
 * Options: code(2) length(2) value padded to 4; code 0 ends the list. opt_comment = 1.
 *
 * Each SHB starts a section with its own byte order and its own interface ids. Interfaces are
 * numbered across sections, as Wireshark's frame.interface_id: RawFrame.ifIndex and
 * CaptureInterface.id are that global number.
 */
import { CAPTURE_ERROR, CAPTURE_WARNING, CaptureError, hexBytes } from './errors.js';
import {
  type FormatParser,
  type FrameCallback,
  MAX_BLOCK,
  MAX_CAPLEN,
  optionString,
  type ParserHost,
} from './format.js';
import { readNrbRecords } from './names.js';
import type { CaptureHeaderInfo, CaptureInterface, RawFrame } from './types.js';

/** Names kept from NRBs (a name per address; a hostile file cannot make the list grow without end). */
const MAX_NAMES = 65536;

export const BT_SHB = 0x0a0d0d0a;
export const BT_IDB = 1;
export const BT_OPB = 2;
export const BT_SPB = 3;
export const BT_NRB = 4;
export const BT_ISB = 5;
export const BT_EPB = 6;
export const BT_DSB = 0x0a;
export const BYTE_ORDER_MAGIC = 0x1a2b3c4d;

const OPT_ENDOFOPT = 0;
const OPT_COMMENT = 1;
const SHB_HARDWARE = 2;
const SHB_OS = 3;
const SHB_USERAPPL = 4;
const IF_NAME = 2;
const IF_DESCRIPTION = 3;
const IF_TSRESOL = 9;
const IF_FCSLEN = 13;
const IF_TSOFFSET = 14;

/** Smallest total length of each block type we read (header 8 + fixed body + trailer 4). */
const MIN_SHB = 28;
const MIN_IDB = 20;
const MIN_PKT = 32; // EPB and OPB
const MIN_SPB = 16;

/** True when buf[pos..pos+4) is a Section Header Block type. */
export function isPcapngMagic(buf: Uint8Array, pos: number): boolean {
  return buf[pos] === 0x0a && buf[pos + 1] === 0x0d && buf[pos + 2] === 0x0d && buf[pos + 3] === 0x0a;
}

/* How an interface's 64-bit timestamps become seconds + nanoseconds. */
/** 10^-k with k <= 9: the divisor fits 32 bits, exact double arithmetic, ns = rem * 10^(9-k). */
const TS_DECIMAL = 0;
/** 2^-n with n <= 23: exact double arithmetic, ns = floor(rem * 1e9 / 2^n). */
const TS_BINARY = 1;
/** Anything else (finer than ns, or 2^-24 and finer): BigInt. */
const TS_BIG = 2;
type TsMode = typeof TS_DECIMAL | typeof TS_BINARY | typeof TS_BIG;

interface IfState {
  id: number;
  linktype: number;
  snaplen: number;
  tsDigits: number;
  mode: TsMode;
  /** Units per second (for Decimal/Binary). */
  div: number;
  /** ns per unit (Decimal). */
  nsMul: number;
  /** if_tsresol raw byte (Big). */
  resol: number;
  /** if_tsoffset, seconds. */
  tsOffset: number;
}

/** Digits of sub-second precision shown for an if_tsresol value. */
export function tsresolDigits(resol: number): number {
  if (resol & 0x80) return Math.min(9, Math.max(0, Math.ceil((resol & 0x7f) * Math.log10(2) - 1e-9)));
  return Math.min(9, resol);
}

function ifState(id: number, linktype: number, snaplen: number, resol: number, tsOffset: number): IfState {
  const st: IfState = {
    id,
    linktype,
    snaplen,
    tsDigits: tsresolDigits(resol),
    mode: TS_BIG,
    div: 1,
    nsMul: 1,
    resol,
    tsOffset,
  };
  if (resol & 0x80) {
    const n = resol & 0x7f;
    if (n <= 23) {
      st.mode = TS_BINARY;
      st.div = 2 ** n;
    }
  } else if (resol <= 9) {
    st.mode = TS_DECIMAL;
    st.div = 10 ** resol;
    st.nsMul = 10 ** (9 - resol);
  }
  return st;
}

/** Pads a length to the next multiple of 4. */
function pad4(n: number): number {
  return (n + 3) & ~3;
}

export class PcapngParser implements FormatParser {
  readonly format = 'pcapng' as const;
  header: CaptureHeaderInfo | undefined = undefined;
  needed = 12;
  stopped = false;
  frames = 0;
  /** Stopped at a malformed block, which is therefore not consumed. */
  private halted = false;

  /** Byte order of the current section. */
  private le = true;
  private sections = 0;
  /** Interfaces of the current section, by section-local id. */
  private ifaces: IfState[] = [];
  /** Every interface of every section, by global id (the header's list). */
  private readonly all: CaptureInterface[] = [];
  /** Result of the last timestamp conversion. */
  private tsSec = 0;
  private tsNsec = 0;
  private readonly onFrame: FrameCallback;
  private readonly host: ParserHost;

  constructor(onFrame: FrameCallback, host: ParserHost) {
    this.onFrame = onFrame;
    this.host = host;
  }

  parse(buf: Uint8Array, pos: number, end: number, offset: number): number {
    const dv = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
    const onFrame = this.onFrame;
    let p = pos;
    while (!this.stopped) {
      if (end - p < 12) {
        this.needed = 12;
        break;
      }
      const at = offset + (p - pos);
      let le = this.le;
      const shb = isPcapngMagic(buf, p);
      if (shb) {
        const bom = dv.getUint32(p + 8, false);
        if (bom === BYTE_ORDER_MAGIC) le = false;
        else if (bom === 0x4d3c2b1a) le = true;
        else {
          this.bad(at, 'bad_byte_order_magic', { magic: hexBytes(buf, p + 8, 4) });
          break;
        }
      }
      const type = shb ? BT_SHB : dv.getUint32(p, le);
      const blen = dv.getUint32(p + 4, le);
      if (blen < 12 || (blen & 3) !== 0 || blen > MAX_BLOCK) {
        const reason =
          blen < 12
            ? 'block_length_too_small'
            : blen > MAX_BLOCK
              ? 'block_too_large'
              : 'block_length_not_multiple_of_4';
        this.bad(at, reason, { type, length: blen });
        break;
      }
      if (end - p < blen) {
        this.needed = blen;
        break;
      }
      const trailer = dv.getUint32(p + blen - 4, le);
      if (trailer !== blen) {
        this.bad(at, 'block_length_mismatch', { type, length: blen, trailer });
        break;
      }
      switch (type) {
        case BT_EPB:
        case BT_OPB: {
          if (blen < MIN_PKT) {
            this.bad(at, 'block_too_short', { type, length: blen });
            break;
          }
          const ifid = type === BT_EPB ? dv.getUint32(p + 8, le) : dv.getUint16(p + 8, le);
          const caplen = dv.getUint32(p + 20, le);
          if (caplen > blen - MIN_PKT) {
            this.bad(at, 'caplen_exceeds_block', { type, caplen, length: blen });
            break;
          }
          if (caplen > MAX_CAPLEN) {
            this.bad(at, 'caplen_too_large', { caplen, limit: MAX_CAPLEN });
            break;
          }
          const ifs = this.ifaces[ifid];
          if (ifs === undefined) {
            this.host.warn({ code: CAPTURE_WARNING.UNKNOWN_INTERFACE, offset: at, params: { interface: ifid } }, true);
            break;
          }
          this.timestamp(dv.getUint32(p + 12, le), dv.getUint32(p + 16, le), ifs);
          const frame: RawFrame = {
            n: ++this.frames,
            tsSec: this.tsSec,
            tsNsec: this.tsNsec,
            tsDigits: ifs.tsDigits,
            caplen,
            len: dv.getUint32(p + 24, le),
            linktype: ifs.linktype,
            ifIndex: ifs.id,
            data: buf.subarray(p + 28, p + 28 + caplen),
            fileOffset: at,
          };
          const optStart = p + 28 + pad4(caplen);
          if (optStart + 4 <= p + blen - 4) {
            const comments = this.packetComments(buf, dv, le, optStart, p + blen - 4, at);
            if (comments !== undefined) frame.comments = comments;
          }
          if (onFrame(frame) === false) this.stopped = true;
          break;
        }
        case BT_SPB: {
          if (blen < MIN_SPB) {
            this.bad(at, 'block_too_short', { type, length: blen });
            break;
          }
          const ifs = this.ifaces[0];
          if (ifs === undefined) {
            this.host.warn({ code: CAPTURE_WARNING.UNKNOWN_INTERFACE, offset: at, params: { interface: 0 } }, true);
            break;
          }
          const len = dv.getUint32(p + 8, le);
          let caplen = Math.min(len, blen - MIN_SPB);
          if (ifs.snaplen !== 0 && caplen > ifs.snaplen) caplen = ifs.snaplen;
          if (caplen > MAX_CAPLEN) {
            this.bad(at, 'caplen_too_large', { caplen, limit: MAX_CAPLEN });
            break;
          }
          const frame: RawFrame = {
            n: ++this.frames,
            tsSec: 0,
            tsNsec: 0,
            tsDigits: ifs.tsDigits,
            caplen,
            len,
            linktype: ifs.linktype,
            ifIndex: ifs.id,
            data: buf.subarray(p + 12, p + 12 + caplen),
            fileOffset: at,
          };
          if (onFrame(frame) === false) this.stopped = true;
          break;
        }
        case BT_IDB:
          if (blen < MIN_IDB) {
            this.bad(at, 'block_too_short', { type, length: blen });
            break;
          }
          this.readIdb(buf, dv, le, p, blen, at);
          break;
        case BT_SHB:
          if (blen < MIN_SHB) {
            this.bad(at, 'block_too_short', { type, length: blen });
            break;
          }
          this.readShb(buf, dv, le, p, blen, at);
          break;
        case BT_NRB:
          this.readNrb(buf, dv, le, p, blen, at);
          break;
        default:
          // ISB, DSB, custom and future blocks: skipped by length.
          break;
      }
      if (this.halted) break;
      p += blen;
    }
    return p;
  }

  /** Malformed block: stop (a warning), or for the very first section header a fatal error. */
  private bad(at: number, reason: string, params: Record<string, string | number>): void {
    if (this.sections === 0) {
      const detail = Object.entries(params)
        .map(([k, v]) => `${k} ${v}`)
        .join(', ');
      throw new CaptureError(
        CAPTURE_ERROR.BAD_HEADER,
        `pcapng section header is unreadable: ${reason.replace(/_/g, ' ')} (${detail})`,
        at,
      );
    }
    this.stopped = true;
    this.halted = true;
    this.host.warn({ code: CAPTURE_WARNING.BAD_RECORD, offset: at, params: { reason, ...params } }, true);
  }

  private readShb(buf: Uint8Array, dv: DataView, le: boolean, p: number, blen: number, at: number): void {
    const versionMajor = dv.getUint16(p + 12, le);
    const versionMinor = dv.getUint16(p + 14, le);
    if (versionMajor !== 1) {
      if (this.sections === 0) {
        throw new CaptureError(
          CAPTURE_ERROR.BAD_HEADER,
          `pcapng version ${versionMajor}.${versionMinor} is not supported`,
          at,
        );
      }
      this.bad(at, 'unsupported_version', { version: `${versionMajor}.${versionMinor}` });
      return;
    }
    this.le = le;
    this.sections++;
    this.ifaces = [];
    if (this.header === undefined) {
      this.header = {
        format: 'pcapng',
        byteOrder: le ? 'le' : 'be',
        versionMajor,
        versionMinor,
        interfaces: this.all,
        comments: [],
        compressed: false,
      };
    }
    const h = this.header;
    h.sections = this.sections;
    this.options(dv, le, p + 24, p + blen - 4, at, (code, vs, vl) => {
      if (code === OPT_COMMENT) h.comments.push(optionString(buf, vs, vl));
      else if (code === SHB_HARDWARE) h.hardware ??= optionString(buf, vs, vl);
      else if (code === SHB_OS) h.os ??= optionString(buf, vs, vl);
      else if (code === SHB_USERAPPL) h.application ??= optionString(buf, vs, vl);
    });
  }

  /** Name Resolution Block: its address → name records join the header's names (the first name wins). */
  private readNrb(buf: Uint8Array, dv: DataView, le: boolean, p: number, blen: number, at: number): void {
    const h = this.header;
    if (h === undefined) return;
    const { names, bad } = readNrbRecords(buf, dv, le, p + 8, p + blen - 4);
    if (bad)
      this.host.warn({ code: CAPTURE_WARNING.BAD_OPTION, offset: at, params: { option: 'nrb', length: blen } }, false);
    if (names.length === 0) return;
    if (h.names === undefined) h.names = [];
    const list = h.names;
    const known = new Set(list.map((n) => n.address));
    for (const n of names) {
      if (known.has(n.address) || list.length >= MAX_NAMES) continue;
      known.add(n.address);
      list.push(n);
    }
  }

  private readIdb(buf: Uint8Array, dv: DataView, le: boolean, p: number, blen: number, at: number): void {
    const linktype = dv.getUint16(p + 8, le);
    const snaplen = dv.getUint32(p + 12, le);
    let resol = 6;
    let tsOffset = 0;
    let name: string | undefined;
    let description: string | undefined;
    let fcsLen: number | undefined;
    this.options(dv, le, p + 16, p + blen - 4, at, (code, vs, vl) => {
      if (code === IF_NAME) name = optionString(buf, vs, vl);
      else if (code === IF_DESCRIPTION) description = optionString(buf, vs, vl);
      else if (code === IF_TSRESOL && vl >= 1) resol = buf[vs]!;
      else if (code === IF_FCSLEN && vl >= 1) fcsLen = buf[vs]!;
      else if (code === IF_TSOFFSET && vl >= 8) {
        // signed 64-bit seconds; little-endian stores the low word first
        tsOffset = le
          ? dv.getInt32(vs + 4, true) * 4294967296 + dv.getUint32(vs, true)
          : dv.getInt32(vs, false) * 4294967296 + dv.getUint32(vs + 4, false);
      }
    });
    const id = this.all.length;
    const st = ifState(id, linktype, snaplen, resol, tsOffset);
    const iface: CaptureInterface = { id, linktype, snaplen, tsDigits: st.tsDigits, section: this.sections - 1 };
    if (name !== undefined) iface.name = name;
    if (description !== undefined) iface.description = description;
    if (fcsLen !== undefined) iface.fcsLen = fcsLen;
    this.all.push(iface);
    this.ifaces.push(st);
  }

  /** Walks an option list in [start, end); malformed lists are cut with a capture.bad_option warning. */
  private options(
    dv: DataView,
    le: boolean,
    start: number,
    end: number,
    at: number,
    each: (code: number, valueStart: number, valueLen: number) => void,
  ): void {
    let o = start;
    while (o + 4 <= end) {
      const code = dv.getUint16(o, le);
      const len = dv.getUint16(o + 2, le);
      if (code === OPT_ENDOFOPT) return;
      if (o + 4 + len > end) {
        this.host.warn({ code: CAPTURE_WARNING.BAD_OPTION, offset: at, params: { option: code, length: len } }, false);
        return;
      }
      each(code, o + 4, len);
      o += 4 + pad4(len);
    }
  }

  /** opt_comment values of a packet block's options, or undefined when there are none. */
  private packetComments(
    buf: Uint8Array,
    dv: DataView,
    le: boolean,
    start: number,
    end: number,
    at: number,
  ): string[] | undefined {
    let out: string[] | undefined;
    let o = start;
    while (o + 4 <= end) {
      const code = dv.getUint16(o, le);
      const len = dv.getUint16(o + 2, le);
      if (code === OPT_ENDOFOPT) break;
      if (o + 4 + len > end) {
        this.host.warn({ code: CAPTURE_WARNING.BAD_OPTION, offset: at, params: { option: code, length: len } }, false);
        break;
      }
      if (code === OPT_COMMENT) {
        if (out === undefined) out = [];
        out.push(optionString(buf, o + 4, len));
      }
      o += 4 + pad4(len);
    }
    return out;
  }

  /** 64-bit timestamp (high, low words) in the interface's units → this.tsSec + this.tsNsec, exactly. */
  private timestamp(high: number, low: number, ifs: IfState): void {
    if (ifs.mode === TS_BIG) {
      this.timestampBig(high, low, ifs);
      return;
    }
    const d = ifs.div;
    let sec: number;
    let rem: number;
    if (high < 0x200000) {
      // value < 2^53: one exact double, then fix the quotient's possible rounding.
      const v = high * 4294967296 + low;
      sec = Math.floor(v / d);
      rem = v - sec * d;
      if (rem < 0) {
        sec--;
        rem += d;
      } else if (rem >= d) {
        sec++;
        rem -= d;
      }
    } else {
      // Long division in 16-bit digits: every intermediate stays below 2^48 (d <= 2^30).
      const q1 = Math.floor(high / d);
      let r = high - q1 * d;
      let cur = r * 65536 + (low >>> 16);
      let q2 = Math.floor(cur / d);
      r = cur - q2 * d;
      if (r < 0) {
        q2--;
        r += d;
      } else if (r >= d) {
        q2++;
        r -= d;
      }
      cur = r * 65536 + (low & 0xffff);
      let q3 = Math.floor(cur / d);
      r = cur - q3 * d;
      if (r < 0) {
        q3--;
        r += d;
      } else if (r >= d) {
        q3++;
        r -= d;
      }
      sec = q1 * 4294967296 + q2 * 65536 + q3;
      rem = r;
    }
    this.tsSec = sec + ifs.tsOffset;
    this.tsNsec = ifs.mode === TS_DECIMAL ? rem * ifs.nsMul : Math.floor((rem * 1e9) / d);
  }

  private timestampBig(high: number, low: number, ifs: IfState): void {
    const v = (BigInt(high) << 32n) | BigInt(low);
    const r = ifs.resol;
    let sec: bigint;
    let nsec: bigint;
    if (r & 0x80) {
      const n = BigInt(r & 0x7f);
      sec = v >> n;
      nsec = ((v & ((1n << n) - 1n)) * 1_000_000_000n) >> n;
    } else {
      const d = 10n ** BigInt(r);
      sec = v / d;
      const rem = v % d;
      nsec = r <= 9 ? rem * 10n ** BigInt(9 - r) : rem / 10n ** BigInt(r - 9);
    }
    this.tsSec = Number(sec) + ifs.tsOffset;
    this.tsNsec = Number(nsec);
  }
}
