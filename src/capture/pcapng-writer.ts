/**
 * pcapng writer (little-endian, one section) for live capture `-w FILE.pcapng`: the blocks pcapng.ts
 * reads, laid out as its header comment describes.
 *
 *   SHB  shb_userappl "pcap-explain"
 *   IDB  one per captured interface: linktype, snaplen, if_name (2), if_tsresol (9) = 9 for ns
 *   NRB  address → name records (names.ts), whenever names are added; Wireshark reads them with -N n
 *   EPB  interface id, 64-bit timestamp in the interface's units, caplen, len, data padded to 4
 */
import type { Writable } from 'node:stream';
import type { HostName } from './names.js';
import { nrbRecords } from './names.js';
import { BT_EPB, BT_IDB, BT_NRB, BT_SHB, BYTE_ORDER_MAGIC } from './pcapng.js';
import type { PcapRecordInput } from './writer.js';
import { DEFAULT_SNAPLEN } from './writer.js';

function pad4(n: number): number {
  return (n + 3) & ~3;
}

/** One option: code(2) length(2) value padded to 4. */
function option(code: number, value: Uint8Array): Uint8Array {
  const b = new Uint8Array(4 + pad4(value.length));
  const dv = new DataView(b.buffer);
  dv.setUint16(0, code, true);
  dv.setUint16(2, value.length, true);
  b.set(value, 4);
  return b;
}

const END_OF_OPT = new Uint8Array(4);

/** A whole block: type, total length, body, total length. */
function block(type: number, ...body: Uint8Array[]): Uint8Array {
  const n = body.reduce((s, p) => s + p.length, 0);
  const total = 12 + n;
  const b = new Uint8Array(total);
  const dv = new DataView(b.buffer);
  dv.setUint32(0, type, true);
  dv.setUint32(4, total, true);
  let o = 8;
  for (const p of body) {
    b.set(p, o);
    o += p.length;
  }
  dv.setUint32(total - 4, total, true);
  return b;
}

const enc = new TextEncoder();

export function shbBlock(application = 'pcap-explain'): Uint8Array {
  const fixed = new Uint8Array(16);
  const dv = new DataView(fixed.buffer);
  dv.setUint32(0, BYTE_ORDER_MAGIC, true);
  dv.setUint16(4, 1, true);
  dv.setUint16(6, 0, true);
  dv.setInt32(8, -1, true); // section length unknown
  dv.setInt32(12, -1, true);
  return block(BT_SHB, fixed, option(4, enc.encode(application)), END_OF_OPT);
}

export function idbBlock(
  linktype: number,
  name: string | undefined,
  nano: boolean,
  snaplen = DEFAULT_SNAPLEN,
): Uint8Array {
  const fixed = new Uint8Array(8);
  const dv = new DataView(fixed.buffer);
  dv.setUint16(0, linktype, true);
  dv.setUint32(4, snaplen, true);
  const opts: Uint8Array[] = [];
  if (name) opts.push(option(2, enc.encode(name)));
  opts.push(option(9, new Uint8Array([nano ? 9 : 6])));
  return block(BT_IDB, fixed, ...opts, END_OF_OPT);
}

export function nrbBlock(names: readonly HostName[]): Uint8Array {
  return block(BT_NRB, nrbRecords(names, true));
}

export function epbBlock(ifId: number, frame: PcapRecordInput, nano: boolean, snaplen = DEFAULT_SNAPLEN): Uint8Array {
  const caplen = Math.min(frame.data.length, snaplen);
  const fixed = new Uint8Array(20);
  const dv = new DataView(fixed.buffer);
  const units = nano ? 1e9 : 1e6;
  const frac = nano ? frame.tsNsec : Math.floor(frame.tsNsec / 1000);
  // 64-bit timestamp = sec * units + frac: beyond 2^53, so BigInt keeps it exact
  const ts = BigInt(frame.tsSec) * BigInt(units) + BigInt(frac);
  const high = Number(ts >> 32n);
  const low = Number(ts & 0xffffffffn);
  dv.setUint32(0, ifId, true);
  dv.setUint32(4, high >>> 0, true);
  dv.setUint32(8, low >>> 0, true);
  dv.setUint32(12, caplen, true);
  dv.setUint32(16, frame.len ?? frame.data.length, true);
  const data = new Uint8Array(pad4(caplen));
  data.set(caplen === frame.data.length ? frame.data : frame.data.subarray(0, caplen));
  return block(BT_EPB, fixed, data);
}

/**
 * Streams a pcapng file to a Node Writable. The section header goes out at construction; interfaces
 * are declared with addInterface() before their first packet; names() writes an NRB. Blocks are
 * buffered until flush().
 */
export class PcapngWriter {
  private readonly out: Writable;
  private pending: Uint8Array[] = [];
  private count = 0;
  private readonly ifaces: Array<{ name: string | undefined; linktype: number; nano: boolean }> = [];

  constructor(out: Writable, application?: string) {
    this.out = out;
    this.pending.push(shbBlock(application));
  }

  get framesWritten(): number {
    return this.count;
  }

  /** Declares an interface (IDB); returns its id. */
  addInterface(linktype: number, name: string | undefined, nano: boolean): number {
    this.pending.push(idbBlock(linktype, name, nano));
    this.ifaces.push({ name, linktype, nano });
    return this.ifaces.length - 1;
  }

  /** The id of the interface with this name and link type, declared on first use. */
  interfaceFor(linktype: number, name: string | undefined, nano: boolean): number {
    const i = this.ifaces.findIndex((x) => x.name === name && x.linktype === linktype);
    return i >= 0 ? i : this.addInterface(linktype, name, nano);
  }

  /** An NRB with these names (nothing when the list is empty). */
  names(list: readonly HostName[]): void {
    if (list.length > 0) this.pending.push(nrbBlock(list));
  }

  write(ifId: number, frame: PcapRecordInput): void {
    this.count++;
    this.pending.push(epbBlock(ifId, frame, this.ifaces[ifId]?.nano ?? false));
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

  end(): Promise<void> {
    this.flush();
    return new Promise((resolve, reject) => {
      this.out.once('error', reject);
      this.out.end(() => resolve());
    });
  }
}
