/**
 * The contract between the streaming front (reader.ts) and a file-format parser (pcap.ts, pcapng.ts).
 *
 * A parser is a push parser over whole units (file header, record, block): `parse` consumes every
 * complete unit in buf[pos, end) and returns the position of the first unit it could not finish.
 * Two signals, never confused (msgpack's Decoder): "need more bytes" is `needed` (the total size
 * of that unfinished unit, as far as it is known: for a record whose header is not complete yet, the
 * header size), and "malformed" is `stopped` plus a capture.bad_record warning. Fatal problems with the
 * file header throw CaptureError.
 */
import type { CaptureFormat, CaptureHeaderInfo, CaptureWarning, RawFrame } from './types.js';

/**
 * Called once per frame, synchronously. `frame.data` is a view into the reader's buffers, valid only
 * until the callback returns: copy it (`frame.data.slice()`) to keep it. Return `false` (exactly) to stop reading.
 */
export type FrameCallback = (frame: RawFrame) => unknown;

/** Largest caplen accepted, as Wireshark's WTAP_MAX_PACKET_SIZE_STANDARD (256 KiB). */
export const MAX_CAPLEN = 262144;

/** Largest pcapng block accepted (16 MiB); a larger length is taken for garbage. */
export const MAX_BLOCK = 16 * 1024 * 1024;

export interface ParserHost {
  /** Records a warning; `damaging` marks the capture damaged (frames lost). */
  warn(w: CaptureWarning, damaging: boolean): void;
}

export interface FormatParser {
  readonly format: CaptureFormat;
  /** Set once the file header (pcap) / first section header (pcapng) has been read. */
  readonly header: CaptureHeaderInfo | undefined;
  /** Total bytes the unit at the position returned by the last `parse` needs. */
  readonly needed: number;
  /** True once reading must stop (bad record, or the frame callback returned false). */
  readonly stopped: boolean;
  /** Frames delivered so far (the last frame number). */
  readonly frames: number;
  /**
   * Consume complete units of buf[pos, end); `offset` is the stream offset of buf[pos].
   * Returns the position after the last consumed unit.
   */
  parse(buf: Uint8Array, pos: number, end: number, offset: number): number;
}

/** UTF-8 text of an option value, trailing NULs (some writers add them) removed. */
const utf8 = new TextDecoder('utf-8', { fatal: false });
export function optionString(buf: Uint8Array, start: number, len: number): string {
  let e = start + len;
  while (e > start && buf[e - 1] === 0) e--;
  return utf8.decode(buf.subarray(start, e));
}
