/**
 * Classic pcap writer: little-endian, µs (a1b2c3d4) or ns (a1b23c4d) timestamps, version 2.4.
 * Used by the benchmark generator, by tests, and by live capture -w.
 */
import type { Writable } from 'node:stream';
import { PCAP_HEADER_LEN, PCAP_RECORD_HEADER_LEN } from './pcap.js';

export interface PcapWriteOptions {
  /** Nanosecond timestamps (magic a1b23c4d); default microseconds. */
  nano?: boolean;
  /** Snapshot length in the file header, and the most bytes written per record (default 262144). */
  snaplen?: number;
}

/** What a record needs: a RawFrame fits. */
export interface PcapRecordInput {
  tsSec: number;
  /** 0..999_999_999; written as µs (truncated) unless nano. */
  tsNsec: number;
  data: Uint8Array;
  /** Original length on the wire (default data.length). */
  len?: number;
}

export const DEFAULT_SNAPLEN = 262144;

/** The 24-byte file header. */
export function pcapHeader(linktype: number, opts: PcapWriteOptions = {}): Uint8Array {
  const b = new Uint8Array(PCAP_HEADER_LEN);
  const dv = new DataView(b.buffer);
  dv.setUint32(0, opts.nano ? 0xa1b23c4d : 0xa1b2c3d4, true);
  dv.setUint16(4, 2, true); // version_major
  dv.setUint16(6, 4, true); // version_minor
  dv.setInt32(8, 0, true); // thiszone
  dv.setUint32(12, 0, true); // sigfigs
  dv.setUint32(16, opts.snaplen ?? DEFAULT_SNAPLEN, true);
  dv.setUint32(20, linktype >>> 0, true);
  return b;
}

/** Bytes one record takes (header + captured bytes after snaplen truncation). */
export function pcapRecordSize(frame: PcapRecordInput, snaplen: number = DEFAULT_SNAPLEN): number {
  return PCAP_RECORD_HEADER_LEN + Math.min(frame.data.length, snaplen);
}

function put32(b: Uint8Array, o: number, v: number): void {
  b[o] = v;
  b[o + 1] = v >>> 8;
  b[o + 2] = v >>> 16;
  b[o + 3] = v >>> 24;
}

/**
 * Encodes one record into dst at offset (the caller makes room: pcapRecordSize); returns the offset after it.
 * No allocation: the benchmark generator writes millions of records this way.
 */
export function encodePcapRecord(
  dst: Uint8Array,
  offset: number,
  frame: PcapRecordInput,
  nano: boolean,
  snaplen: number = DEFAULT_SNAPLEN,
): number {
  const caplen = Math.min(frame.data.length, snaplen);
  const len = frame.len ?? frame.data.length;
  const frac = nano ? frame.tsNsec : Math.floor(frame.tsNsec / 1000);
  put32(dst, offset, frame.tsSec);
  put32(dst, offset + 4, frac);
  put32(dst, offset + 8, caplen);
  put32(dst, offset + 12, len);
  dst.set(caplen === frame.data.length ? frame.data : frame.data.subarray(0, caplen), offset + PCAP_RECORD_HEADER_LEN);
  return offset + PCAP_RECORD_HEADER_LEN + caplen;
}

/** One record (16-byte header + data) as a new Uint8Array. */
export function pcapRecord(frame: PcapRecordInput, opts: PcapWriteOptions = {}): Uint8Array {
  const snaplen = opts.snaplen ?? DEFAULT_SNAPLEN;
  const b = new Uint8Array(pcapRecordSize(frame, snaplen));
  encodePcapRecord(b, 0, frame, opts.nano ?? false, snaplen);
  return b;
}

/** A whole pcap file in memory (tests, small tools). */
export function pcapFile(linktype: number, frames: Iterable<PcapRecordInput>, opts: PcapWriteOptions = {}): Uint8Array {
  const parts: Uint8Array[] = [pcapHeader(linktype, opts)];
  let n = PCAP_HEADER_LEN;
  for (const f of frames) {
    const r = pcapRecord(f, opts);
    parts.push(r);
    n += r.length;
  }
  const out = new Uint8Array(n);
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

export interface PcapWriterOptions extends PcapWriteOptions {
  linktype: number;
  /** Records are gathered into writes of this size (default 64 KiB); 0 writes every record at once. */
  bufferSize?: number;
  /** End the underlying stream in end() (default true; pass false for process.stdout). */
  endStream?: boolean;
}

/**
 * Streams a pcap file to a Node Writable. The header is written at construction (so a capture with no
 * packets is still a valid file). write() returns the Writable's backpressure signal; await drain()
 * when it is false. Call flush() to push buffered records out (live capture), end() when done.
 */
export class PcapWriter {
  private readonly out: Writable;
  private readonly nano: boolean;
  private readonly snaplen: number;
  private readonly bufferSize: number;
  private readonly endStream: boolean;
  private buf: Uint8Array;
  private used = 0;
  private ok = true;
  private count = 0;
  private bytes = 0;

  constructor(out: Writable, opts: PcapWriterOptions) {
    this.out = out;
    this.nano = opts.nano ?? false;
    this.snaplen = opts.snaplen ?? DEFAULT_SNAPLEN;
    this.bufferSize = opts.bufferSize ?? 64 * 1024;
    this.endStream = opts.endStream ?? true;
    this.buf = new Uint8Array(this.bufferSize);
    this.send(pcapHeader(opts.linktype, { nano: this.nano, snaplen: this.snaplen }));
  }

  get framesWritten(): number {
    return this.count;
  }

  /** Bytes handed to the stream or buffered, header included. */
  get bytesWritten(): number {
    return this.bytes + this.used;
  }

  write(frame: PcapRecordInput): boolean {
    const size = pcapRecordSize(frame, this.snaplen);
    this.count++;
    if (size > this.bufferSize - this.used) {
      this.flush();
      if (size > this.bufferSize) {
        return this.send(pcapRecord(frame, { nano: this.nano, snaplen: this.snaplen }));
      }
    }
    this.used = encodePcapRecord(this.buf, this.used, frame, this.nano, this.snaplen);
    return this.ok;
  }

  /** Hands buffered records to the stream; returns its backpressure signal. */
  flush(): boolean {
    if (this.used === 0) return this.ok;
    const chunk = this.buf.subarray(0, this.used);
    // The Writable may keep the chunk: never reuse a buffer that was handed out.
    this.buf = new Uint8Array(this.bufferSize);
    this.used = 0;
    return this.send(chunk);
  }

  /** Resolves when the stream can take more (immediately when it can). */
  drain(): Promise<void> {
    if (this.ok || this.out.writableNeedDrain === false) return Promise.resolve();
    return new Promise((resolve) => this.out.once('drain', () => resolve()));
  }

  /** Flushes; ends the stream unless endStream is false; resolves once everything is written. */
  end(): Promise<void> {
    this.flush();
    return new Promise((resolve, reject) => {
      const out = this.out;
      const onError = (e: Error): void => reject(e);
      out.once('error', onError);
      if (this.endStream) {
        out.end(() => {
          out.off('error', onError);
          resolve();
        });
      } else {
        out.write(new Uint8Array(0), () => {
          out.off('error', onError);
          resolve();
        });
      }
    });
  }

  private send(chunk: Uint8Array): boolean {
    this.bytes += chunk.length;
    this.ok = this.out.write(chunk);
    return this.ok;
  }
}
