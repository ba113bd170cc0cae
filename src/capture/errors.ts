/**
 * The one fatal signal of the capture layer: the input is not a capture we can read at all.
 * Everything else (a cut-short last record, garbage after good records, a cut-short gzip stream)
 * is a CaptureWarning and reading delivers every frame it can.
 */

/** Codes of fatal capture errors (CaptureError.code). */
export const CAPTURE_ERROR = {
  /** The file (after decompression) has zero bytes. */
  EMPTY_FILE: 'capture.empty_file',
  /** Unknown magic number, or fewer than 4 bytes. */
  NOT_A_CAPTURE: 'capture.not_a_capture',
  /** pcap/pcapng magic, but the file ends inside the file header / first section header. */
  TRUNCATED_HEADER: 'capture.truncated_header',
  /** pcap/pcapng magic, but the file header is inconsistent (byte-order magic, length, version). */
  BAD_HEADER: 'capture.bad_header',
  /** The file could not be opened or read (missing, a directory, permission, I/O error). */
  UNREADABLE: 'capture.unreadable',
  /** gzip magic, but not a single byte could be decompressed. */
  GZIP_CORRUPT: 'capture.gzip_corrupt',
  /** gzip magic, but the stream ends before a single byte could be decompressed. */
  GZIP_TRUNCATED: 'capture.gzip_truncated',
  /** gzip magic, but its first bytes already decompress to more than the in-memory limit (maxGunzipBytes). */
  GZIP_LIMIT: 'capture.gzip_limit',
} as const;

export type CaptureErrorCode = (typeof CAPTURE_ERROR)[keyof typeof CAPTURE_ERROR];

/** Codes of capture warnings (CaptureWarning.code). */
export const CAPTURE_WARNING = {
  /** The last record is cut short; params: missing, have, needed. Sets damaged. */
  TRUNCATED_RECORD: 'capture.truncated_record',
  /** A record/block that cannot be real; reading stops there. params: reason (+ numbers). Sets damaged. */
  BAD_RECORD: 'capture.bad_record',
  /** The gzip stream ends early; everything decompressed was read. Sets damaged. */
  GZIP_TRUNCATED: 'capture.gzip_truncated',
  /** The gzip stream is corrupt part-way; everything decompressed before was read. params: reason. Sets damaged. */
  GZIP_CORRUPT: 'capture.gzip_corrupt',
  /** An in-memory gzip capture decompresses to more than the limit; what fits was read. params: limit. Sets damaged. */
  GZIP_LIMIT: 'capture.gzip_limit',
  /** A pcapng packet names an interface id the section never described; that packet is skipped. params: interface. Sets damaged. */
  UNKNOWN_INTERFACE: 'capture.unknown_interface',
  /** A pcapng option list runs past its block; the remaining options of that block are ignored. params: block. */
  BAD_OPTION: 'capture.bad_option',
  /** More warnings of one code than are kept; params: code, count (how many were not kept). */
  WARNINGS_SUPPRESSED: 'capture.warnings_suppressed',
} as const;

export class CaptureError extends Error {
  override readonly name = 'CaptureError';
  readonly code: CaptureErrorCode;
  /** Byte offset in the (decompressed) stream, when it applies. */
  readonly offset: number | undefined;
  /**
   * The facts in the message, for a catalogue sentence `<code>.error` in another language (the message is
   * English): e.g. {path, why} where `why` is a catalogue code of its own (`capture.unreadable.enoent`).
   */
  readonly params: Readonly<Record<string, string | number>> | undefined;

  constructor(
    code: CaptureErrorCode,
    message: string,
    offset?: number,
    options?: { cause?: unknown; params?: Record<string, string | number> },
  ) {
    super(message, options);
    this.code = code;
    this.offset = offset;
    this.params = options?.params;
  }
}

/** "23 20 70 63" for the first n bytes of b. */
export function hexBytes(b: Uint8Array, start: number, n: number): string {
  const out: string[] = [];
  for (let i = start; i < start + n && i < b.length; i++) out.push(b[i]!.toString(16).padStart(2, '0'));
  return out.join(' ');
}
