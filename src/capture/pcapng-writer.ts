/**
 * The one pcapng writer (little-endian, one section; draft-ietf-opsawg-pcapng), for live capture
 * `-w FILE.pcapng` (interface names, host names) and for `annotate` (packets copied as they are, with
 * comments). The blocks pcapng.ts reads:
 *
 *   block:  type (4) | total length (4) | body | total length (4)     body padded to 4 bytes
 *   option: code (2) | length (2) | value, padded to 4 bytes; the list ends with opt_endofopt (0, 0)
 *
 *   SHB  byte-order magic, version 1.0, section length -1; opt_comment (1) …, shb_userappl (4)
 *   IDB  linktype, snaplen (0: none); if_name (2), if_tsresol (9) when not µs
 *   NRB  address → name records (names.ts); Wireshark reads them with -N n
 *   EPB  interface id, 64-bit timestamp in the interface's units, caplen, len, data padded to 4;
 *        opt_comment (1) … (Wireshark: "Packet comments", Expert Info, frame.comment)
 */
import type { HostName } from './names.js';
import { nrbRecords } from './names.js';
import { BT_EPB, BT_IDB, BT_NRB, BT_SHB, BYTE_ORDER_MAGIC } from './pcapng.js';
import type { PcapRecordInput } from './writer.js';

const OPT_ENDOFOPT = 0;
const OPT_COMMENT = 1;
const SHB_USERAPPL = 4;
const IF_NAME = 2;
const IF_TSRESOL = 9;
/** Longest option value (its length field has 16 bits). */
export const MAX_OPTION_BYTES = 0xffff;

const utf8 = new TextEncoder();

export interface PcapngOption {
  code: number;
  value: Uint8Array;
}

export function commentOption(text: string): PcapngOption {
  const value = utf8.encode(text);
  if (value.length > MAX_OPTION_BYTES) throw new RangeError(`pcapng comment of ${value.length} bytes`);
  return { code: OPT_COMMENT, value };
}

const pad4 = (n: number): number => (n + 3) & ~3;

function optionsLength(opts: readonly PcapngOption[]): number {
  if (opts.length === 0) return 0;
  let n = 4; // opt_endofopt
  for (const o of opts) n += 4 + pad4(o.value.length);
  return n;
}

function writeOptions(dv: DataView, b: Uint8Array, at: number, opts: readonly PcapngOption[]): number {
  if (opts.length === 0) return at;
  for (const o of opts) {
    dv.setUint16(at, o.code, true);
    dv.setUint16(at + 2, o.value.length, true);
    b.set(o.value, at + 4);
    at += 4 + pad4(o.value.length);
  }
  dv.setUint16(at, OPT_ENDOFOPT, true);
  dv.setUint16(at + 2, 0, true);
  return at + 4;
}

/** A block of `type` whose fixed body is `fixed` bytes (filled by fill) followed by data and options. */
function block(
  type: number,
  fixed: number,
  fill: (dv: DataView) => void,
  data: Uint8Array | undefined,
  opts: readonly PcapngOption[],
): Uint8Array {
  const dataLen = data ? pad4(data.length) : 0;
  const total = 12 + fixed + dataLen + optionsLength(opts);
  const b = new Uint8Array(total);
  const dv = new DataView(b.buffer);
  dv.setUint32(0, type, true);
  dv.setUint32(4, total, true);
  fill(new DataView(b.buffer, 8, fixed));
  if (data) b.set(data, 8 + fixed);
  writeOptions(dv, b, 8 + fixed + dataLen, opts);
  dv.setUint32(total - 4, total, true);
  return b;
}

export interface SectionInfo {
  /** shb_userappl (default "pcap-explain"). */
  application?: string;
  /** Section comments (each at most MAX_OPTION_BYTES of UTF-8: split longer text with splitComment). */
  comments?: readonly string[];
}

/** Section Header Block, version 1.0, section length unknown (-1). */
export function sectionHeader(s: SectionInfo = {}): Uint8Array {
  const opts = (s.comments ?? []).map(commentOption);
  opts.push({ code: SHB_USERAPPL, value: utf8.encode(s.application ?? 'pcap-explain') });
  return block(
    BT_SHB,
    16,
    (dv) => {
      dv.setUint32(0, BYTE_ORDER_MAGIC, true);
      dv.setUint16(4, 1, true);
      dv.setUint16(6, 0, true);
      dv.setInt32(8, -1, true);
      dv.setInt32(12, -1, true);
    },
    undefined,
    opts,
  );
}

export interface InterfaceInfo {
  linktype: number;
  /** if_name (a live capture's device). */
  name?: string | undefined;
  /** Decimal digits of the timestamp resolution (if_tsresol 10^-d): 6 µs (default), 9 ns. */
  tsDigits?: number;
  /** Longest packet kept (0: no limit, the default); longer packets are cut to it when written. */
  snaplen?: number;
}

/** Interface Description Block. */
export function interfaceDescription(i: InterfaceInfo): Uint8Array {
  const opts: PcapngOption[] = [];
  if (i.name) opts.push({ code: IF_NAME, value: utf8.encode(i.name) });
  const digits = i.tsDigits ?? 6;
  if (digits !== 6) opts.push({ code: IF_TSRESOL, value: Uint8Array.of(digits) });
  return block(
    BT_IDB,
    8,
    (dv) => {
      dv.setUint16(0, i.linktype, true);
      dv.setUint16(2, 0, true);
      dv.setUint32(4, (i.snaplen ?? 0) >>> 0, true);
    },
    undefined,
    opts,
  );
}

/** Name Resolution Block with these names. */
export function nameResolution(names: readonly HostName[]): Uint8Array {
  return block(BT_NRB, 0, () => {}, nrbRecords(names, true), []);
}

export interface EpbInput extends PcapRecordInput {
  ifId: number;
  /** Decimal digits of the interface's timestamp resolution (as its IDB says; default 6). */
  tsDigits?: number;
  /** Cut the packet to this many bytes (0 or absent: keep it whole). */
  snaplen?: number;
}

/** Enhanced Packet Block: the packet's bytes as captured, its original length and its comments. */
export function enhancedPacket(p: EpbInput, comments: readonly string[] = []): Uint8Array {
  const digits = p.tsDigits ?? 6;
  const ts = BigInt(p.tsSec) * 10n ** BigInt(digits) + BigInt(p.tsNsec) / 10n ** BigInt(9 - digits);
  const caplen = p.snaplen ? Math.min(p.data.length, p.snaplen) : p.data.length;
  const data = caplen === p.data.length ? p.data : p.data.subarray(0, caplen);
  return block(
    BT_EPB,
    20,
    (dv) => {
      dv.setUint32(0, p.ifId, true);
      // 64-bit timestamp: beyond 2^53, so BigInt keeps it exact
      dv.setUint32(4, Number(ts >> 32n), true);
      dv.setUint32(8, Number(ts & 0xffffffffn), true);
      dv.setUint32(12, caplen, true);
      dv.setUint32(16, p.len ?? p.data.length, true);
    },
    data,
    comments.map(commentOption),
  );
}

/**
 * Splits text into pieces of at most `max` UTF-8 bytes, at line ends where it can (a long line is cut
 * between characters), so that each piece fits one comment well below the option's 16-bit length.
 */
export function splitComment(text: string, max: number): string[] {
  const out: string[] = [];
  let cur = '';
  let curBytes = 0;
  const push = (): void => {
    if (cur) out.push(cur.replace(/\n+$/, ''));
    cur = '';
    curBytes = 0;
  };
  for (const line of text.split(/(?<=\n)/)) {
    const n = utf8.encode(line).length;
    if (curBytes + n <= max) {
      cur += line;
      curBytes += n;
      continue;
    }
    push();
    if (n <= max) {
      cur = line;
      curBytes = n;
      continue;
    }
    let piece = '';
    let pieceBytes = 0;
    for (const ch of line) {
      const c = utf8.encode(ch).length;
      if (pieceBytes + c > max) {
        out.push(piece);
        piece = '';
        pieceBytes = 0;
      }
      piece += ch;
      pieceBytes += c;
    }
    cur = piece;
    curBytes = pieceBytes;
  }
  push();
  return out.filter((s) => s.length > 0);
}

/** Where the writer's bytes go: a Node stream, or anything with write (end() is called when it has one). */
export interface PcapngOutput {
  write(chunk: Uint8Array): unknown;
  end?(cb: () => void): unknown;
  once?(event: 'error', cb: (e: Error) => void): unknown;
}

/**
 * Streams a pcapng section. The section header goes out first (at construction); interfaces are declared
 * with addInterface() before their first packet; names() writes an NRB. Blocks are buffered until flush().
 */
export class PcapngWriter {
  private pending: Uint8Array[] = [];
  private count = 0;
  private readonly ifaces: Array<Required<Pick<InterfaceInfo, 'linktype' | 'tsDigits' | 'snaplen'>> & InterfaceInfo> =
    [];

  constructor(
    private readonly out: PcapngOutput,
    section: SectionInfo = {},
  ) {
    this.pending.push(sectionHeader(section));
  }

  get framesWritten(): number {
    return this.count;
  }

  /** Interfaces declared so far. */
  get interfaces(): number {
    return this.ifaces.length;
  }

  /** Declares an interface (IDB); returns its id (0, 1, … in order). */
  addInterface(i: InterfaceInfo): number {
    this.pending.push(interfaceDescription(i));
    this.ifaces.push({ ...i, tsDigits: i.tsDigits ?? 6, snaplen: i.snaplen ?? 0 });
    return this.ifaces.length - 1;
  }

  /** The id of the interface with this name and link type, declared on first use (live capture). */
  interfaceFor(i: InterfaceInfo): number {
    const k = this.ifaces.findIndex((x) => x.name === i.name && x.linktype === i.linktype);
    return k >= 0 ? k : this.addInterface(i);
  }

  /** An NRB with these names (nothing when the list is empty). */
  names(list: readonly HostName[]): void {
    if (list.length > 0) this.pending.push(nameResolution(list));
  }

  /** A packet on interface `ifId` (declared before), in its timestamp resolution, cut to its snaplen. */
  write(ifId: number, frame: PcapRecordInput, comments: readonly string[] = []): void {
    const i = this.ifaces[ifId];
    this.count++;
    this.pending.push(
      enhancedPacket({ ...frame, ifId, tsDigits: i?.tsDigits ?? 6, snaplen: i?.snaplen ?? 0 }, comments),
    );
  }

  flush(): void {
    if (this.pending.length === 0) return;
    const n = this.pending.reduce((s, p) => s + p.length, 0);
    const chunk = new Uint8Array(n);
    let o = 0;
    for (const p of this.pending) {
      chunk.set(p, o);
      o += p.length;
    }
    this.pending = [];
    this.out.write(chunk);
  }

  /** Flushes, and ends the output when it is a stream. */
  end(): Promise<void> {
    this.flush();
    const out = this.out;
    if (!out.end) return Promise.resolve();
    return new Promise((resolve, reject) => {
      out.once?.('error', reject);
      out.end!(() => resolve());
    });
  }
}
