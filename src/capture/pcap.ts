/**
 * Classic libpcap file format (tcpdump.org/manpages/pcap-savefile.5.html, draft-ietf-opsawg-pcap).
 *
 *   File header (24 bytes)                 Record header (16 bytes), then incl_len bytes of data
 *   0..4   magic a1b2c3d4 (µs) / a1b23c4d (ns),   0..4   ts_sec
 *          written in the writer's byte order     4..8   ts_usec, or ts_nsec for the ns magic
 *   4..6   version_major (2)                      8..12  incl_len (caplen)
 *   6..8   version_minor (4)                     12..16  orig_len (len)
 *   8..12  thiszone (0)
 *  12..16  sigfigs (0)                         "Modified" pcap (Kuznetzov, magic a1b2cd34) adds
 *  16..20  snaplen                             8 bytes per record: ifindex(4) protocol(2) pkt_type(1) pad(1).
 *  20..24  linktype: low 28 bits LINKTYPE_*, bit 28 "F" = FCS length present in bits 29..31 (16-bit words)
 */
import { CAPTURE_ERROR, CAPTURE_WARNING, CaptureError, hexBytes } from './errors.js';
import { type FormatParser, type FrameCallback, MAX_CAPLEN, type ParserHost } from './format.js';
import type { CaptureHeaderInfo, RawFrame } from './types.js';

export const PCAP_HEADER_LEN = 24;
export const PCAP_RECORD_HEADER_LEN = 16;

export interface PcapMagic {
  le: boolean;
  nano: boolean;
  /** Kuznetzov's patched libpcap: 24-byte record headers. */
  modified: boolean;
}

/** Recognises the four standard pcap magics (and the modified-pcap one) at buf[pos..pos+4). */
export function pcapMagic(buf: Uint8Array, pos: number): PcapMagic | undefined {
  const b0 = buf[pos];
  const b1 = buf[pos + 1];
  const b2 = buf[pos + 2];
  const b3 = buf[pos + 3];
  if (b0 === 0xa1 && b1 === 0xb2) {
    if (b2 === 0xc3 && b3 === 0xd4) return { le: false, nano: false, modified: false };
    if (b2 === 0x3c && b3 === 0x4d) return { le: false, nano: true, modified: false };
    if (b2 === 0xcd && b3 === 0x34) return { le: false, nano: false, modified: true };
  } else if (b2 === 0xb2 && b3 === 0xa1) {
    if (b0 === 0xd4 && b1 === 0xc3) return { le: true, nano: false, modified: false };
    if (b0 === 0x4d && b1 === 0x3c) return { le: true, nano: true, modified: false };
    if (b0 === 0x34 && b1 === 0xcd) return { le: true, nano: false, modified: true };
  }
  return undefined;
}

/** Records over this caplen are taken for garbage; never above MAX_CAPLEN, "far" above the snaplen. */
export function pcapCaplenLimit(snaplen: number): number {
  if (snaplen === 0) return MAX_CAPLEN;
  return Math.min(MAX_CAPLEN, Math.max(snaplen, 65535));
}

export class PcapParser implements FormatParser {
  readonly format = 'pcap' as const;
  header: CaptureHeaderInfo | undefined = undefined;
  needed = PCAP_HEADER_LEN;
  stopped = false;
  frames = 0;

  private readonly le: boolean;
  private readonly unit: number;
  private readonly nsPerUnit: number;
  private readonly tsDigits: number;
  private readonly recLen: number;
  private linktype = 0;
  private limit = MAX_CAPLEN;
  /** pcap before 2.3 may have caplen and len swapped (Wireshark's heuristic). */
  private swapLens = false;
  private readonly onFrame: FrameCallback;
  private readonly host: ParserHost;

  constructor(magic: PcapMagic, onFrame: FrameCallback, host: ParserHost) {
    this.le = magic.le;
    this.unit = magic.nano ? 1_000_000_000 : 1_000_000;
    this.nsPerUnit = magic.nano ? 1 : 1000;
    this.tsDigits = magic.nano ? 9 : 6;
    this.recLen = magic.modified ? 24 : PCAP_RECORD_HEADER_LEN;
    this.onFrame = onFrame;
    this.host = host;
  }

  parse(buf: Uint8Array, pos: number, end: number, offset: number): number {
    const dv = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
    const le = this.le;
    let p = pos;
    if (this.header === undefined) {
      if (end - p < PCAP_HEADER_LEN) {
        this.needed = PCAP_HEADER_LEN;
        return p;
      }
      this.readHeader(buf, dv, p, offset);
      p += PCAP_HEADER_LEN;
    }
    const recLen = this.recLen;
    const limit = this.limit;
    const unit = this.unit;
    const nsPerUnit = this.nsPerUnit;
    const tsDigits = this.tsDigits;
    const linktype = this.linktype;
    const onFrame = this.onFrame;
    for (;;) {
      if (end - p < recLen) {
        this.needed = recLen;
        break;
      }
      let caplen = dv.getUint32(p + 8, le);
      if (caplen > limit) {
        this.bad(offset + (p - pos), caplen);
        break;
      }
      const total = recLen + caplen;
      if (end - p < total) {
        this.needed = total;
        break;
      }
      let tsSec = dv.getUint32(p, le);
      let frac = dv.getUint32(p + 4, le);
      let len = dv.getUint32(p + 12, le);
      if (frac >= unit) {
        tsSec += Math.floor(frac / unit);
        frac %= unit;
      }
      if (this.swapLens && caplen > len) {
        const t = caplen;
        caplen = len;
        len = t;
      }
      const frame: RawFrame = {
        n: ++this.frames,
        tsSec,
        tsNsec: frac * nsPerUnit,
        tsDigits,
        caplen,
        len,
        linktype,
        ifIndex: 0,
        data: buf.subarray(p + recLen, p + recLen + caplen),
        fileOffset: offset + (p - pos),
      };
      p += total;
      if (onFrame(frame) === false) {
        this.stopped = true;
        break;
      }
    }
    return p;
  }

  private readHeader(buf: Uint8Array, dv: DataView, p: number, offset: number): void {
    const le = this.le;
    const versionMajor = dv.getUint16(p + 4, le);
    const versionMinor = dv.getUint16(p + 6, le);
    if (versionMajor < 2) {
      throw new CaptureError(
        CAPTURE_ERROR.BAD_HEADER,
        `pcap version ${versionMajor}.${versionMinor} is not supported (header ${hexBytes(buf, p, 8)})`,
        offset,
      );
    }
    const snaplen = dv.getUint32(p + 16, le);
    const network = dv.getUint32(p + 20, le);
    this.linktype = network & 0x0fffffff;
    this.limit = pcapCaplenLimit(snaplen);
    this.swapLens = versionMajor === 2 && versionMinor < 3;
    const iface: CaptureHeaderInfo['interfaces'][number] = {
      id: 0,
      linktype: this.linktype,
      snaplen,
      tsDigits: this.tsDigits,
    };
    if (network & 0x10000000) iface.fcsLen = ((network >>> 29) & 7) * 2;
    this.header = {
      format: 'pcap',
      byteOrder: le ? 'le' : 'be',
      versionMajor,
      versionMinor,
      interfaces: [iface],
      comments: [],
      compressed: false,
    };
  }

  private bad(at: number, caplen: number): void {
    this.stopped = true;
    this.host.warn(
      {
        code: CAPTURE_WARNING.BAD_RECORD,
        offset: at,
        params: { reason: 'caplen_too_large', caplen, limit: this.limit },
      },
      true,
    );
  }
}
