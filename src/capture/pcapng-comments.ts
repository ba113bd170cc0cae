// The pcapng blocks of `annotate` (packets with comments); live -w has its own writer in pcapng-writer.ts: the two
// are to become one.
/**
 * pcapng block encoders (little-endian; draft-ietf-opsawg-pcapng): Section Header Block, Interface
 * Description Block and Enhanced Packet Block with comments (opt_comment, option code 1). Used by
 * `annotate`, which copies every packet as it is and adds comments.
 *
 *   block:  type (4) | total length (4) | body | total length (4)     body padded to 4 bytes
 *   option: code (2) | length (2) | value, padded to 4 bytes; the list ends with opt_endofopt (0, 0)
 */

const SHB = 0x0a0d0d0a;
const IDB = 0x00000001;
const EPB = 0x00000006;
const BYTE_ORDER_MAGIC = 0x1a2b3c4d;
const OPT_ENDOFOPT = 0;
const OPT_COMMENT = 1;
const SHB_USERAPPL = 4;
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

/** Section Header Block, version 1.0, section length unknown (-1). */
export function sectionHeader(comments: readonly string[], userAppl?: string): Uint8Array {
  const opts = comments.map(commentOption);
  if (userAppl) opts.push({ code: SHB_USERAPPL, value: utf8.encode(userAppl) });
  return block(
    SHB,
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

/** Interface Description Block; `tsDigits` decimal digits of timestamp resolution (if_tsresol 10^-d). */
export function interfaceDescription(linktype: number, snaplen: number, tsDigits: number): Uint8Array {
  const opts: PcapngOption[] = tsDigits === 6 ? [] : [{ code: IF_TSRESOL, value: Uint8Array.of(tsDigits) }];
  return block(
    IDB,
    8,
    (dv) => {
      dv.setUint16(0, linktype, true);
      dv.setUint16(2, 0, true);
      dv.setUint32(4, snaplen >>> 0, true);
    },
    undefined,
    opts,
  );
}

export interface EpbInput {
  ifId: number;
  tsSec: number;
  tsNsec: number;
  /** Decimal digits of the interface's timestamp resolution (as its IDB says). */
  tsDigits: number;
  data: Uint8Array;
  len: number;
}

/** Enhanced Packet Block: the packet's bytes as captured, its original length and its comments. */
export function enhancedPacket(p: EpbInput, comments: readonly string[]): Uint8Array {
  const ts = BigInt(p.tsSec) * 10n ** BigInt(p.tsDigits) + BigInt(p.tsNsec) / 10n ** BigInt(9 - p.tsDigits);
  return block(
    EPB,
    20,
    (dv) => {
      dv.setUint32(0, p.ifId, true);
      dv.setUint32(4, Number(ts >> 32n), true);
      dv.setUint32(8, Number(ts & 0xffffffffn), true);
      dv.setUint32(12, p.data.length, true);
      dv.setUint32(16, p.len, true);
    },
    p.data,
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
