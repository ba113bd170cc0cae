/**
 * The streaming front over the format parsers: detects pcap / pcapng from the first 4 bytes (gzip from
 * 1f 8b), keeps only the unconsumed tail of a chunk between pushes, and hands out frames.
 *
 *   CaptureReader      push parser: push(chunk)… end(); a callback per frame.
 *   readCaptureBytes   a whole in-memory capture, synchronously (gzip via zlib.gunzipSync, at most
 *                      maxGunzipBytes decompressed).
 *   readCaptureFile    a file path ('-' = stdin), a Node readable or an async iterable of chunks,
 *                      with a callback per frame → Promise<CaptureResult>.
 *   openCapture        the same source as an async iterable of frame batches (one per chunk).
 *
 * Zero-copy: `frame.data` is a subarray of an input chunk or of the reader's small join buffer (for a
 * record that straddles two chunks). It is only valid until the next frame is requested (the callback
 * returns, or the next batch is pulled): copy it (`frame.data.slice()`) to keep it.
 *
 * Bad input never throws anything but CaptureError, and only for "this is not a capture we can read"
 * (CAPTURE_ERROR codes). A cut-short or garbled tail is a CaptureWarning: every frame before it is
 * delivered and `damaged` is set.
 */
import { closeSync, createReadStream, openSync, readSync, statSync } from 'node:fs';
import { stream, zlib } from '../builtins.js';
import { CAPTURE_ERROR, CAPTURE_WARNING, CaptureError, hexBytes } from './errors.js';
import type { FormatParser, FrameCallback, ParserHost } from './format.js';
import { PcapParser, pcapMagic } from './pcap.js';
import { isPcapngMagic, PcapngParser } from './pcapng.js';
import type { CaptureFormat, CaptureHeaderInfo, CaptureWarning, RawFrame } from './types.js';

export { CAPTURE_ERROR, CAPTURE_WARNING, CaptureError } from './errors.js';
export type { FrameCallback } from './format.js';

export interface CaptureResult {
  header: CaptureHeaderInfo | undefined;
  warnings: CaptureWarning[];
  /** Frames delivered. */
  frames: number;
  /** Frames were lost: cut-short or garbled file, cut-short gzip, packets on undefined interfaces. */
  damaged: boolean;
  /** Bytes of the (decompressed) stream consumed as whole headers, records and blocks. */
  bytesConsumed: number;
}

export interface CaptureReaderOptions {
  /** The bytes pushed were gzip-decompressed (sets header.compressed). */
  compressed?: boolean;
  /** Warnings kept per code; the rest are counted in one capture.warnings_suppressed (default 20). */
  maxWarningsPerCode?: number;
  /**
   * readCaptureBytes only: most bytes a gzip capture is decompressed to in memory (default 256 MiB); the
   * rest is not read (capture.gzip_limit). The streaming readers hold one 64 KiB chunk at a time: no limit.
   */
  maxGunzipBytes?: number;
}

/** Warnings kept per code by default. */
export const DEFAULT_MAX_WARNINGS_PER_CODE = 20;
/** Most bytes readCaptureBytes decompresses a gzip capture to by default. */
export const DEFAULT_MAX_GUNZIP_BYTES = 256 * 1024 * 1024;

const EMPTY = new Uint8Array(0);
const GZIP_0 = 0x1f;
const GZIP_1 = 0x8b;

/** True when the bytes start with the gzip magic 1f 8b. */
export function isGzip(b: Uint8Array): boolean {
  return b.length >= 2 && b[0] === GZIP_0 && b[1] === GZIP_1;
}

/**
 * Push parser over a capture byte stream (already decompressed). Not reentrant: do not push from
 * inside the frame callback.
 */
export class CaptureReader implements ParserHost {
  readonly warnings: CaptureWarning[] = [];
  private parser: FormatParser | undefined;
  private readonly onFrame: FrameCallback;
  private readonly compressed: boolean;
  private readonly maxPerCode: number;
  private readonly perCode = new Map<string, number>();
  private isDamaged = false;
  private ended = false;
  /** Stream offset of the start of the next unconsumed byte (= bytes consumed). */
  private consumed = 0;
  /** Total bytes pushed. */
  private seen = 0;
  /** Unconsumed bytes carried between chunks; tail[0] is at stream offset `consumed`. */
  private tail: Uint8Array = EMPTY;
  private tailLen = 0;

  constructor(onFrame: FrameCallback, opts: CaptureReaderOptions = {}) {
    this.onFrame = onFrame;
    this.compressed = opts.compressed ?? false;
    this.maxPerCode = opts.maxWarningsPerCode ?? DEFAULT_MAX_WARNINGS_PER_CODE;
  }

  /** The file header / first section header, once read. pcapng interfaces grow as they are read. */
  get header(): CaptureHeaderInfo | undefined {
    return this.parser?.header;
  }

  get format(): CaptureFormat | undefined {
    return this.parser?.format;
  }

  get bytesConsumed(): number {
    return this.consumed;
  }

  /** Bytes pushed so far. */
  get bytesSeen(): number {
    return this.seen;
  }

  get frames(): number {
    return this.parser?.frames ?? 0;
  }

  get damaged(): boolean {
    return this.isDamaged;
  }

  /** Reading has stopped (malformed record, or the callback returned false); further pushes are ignored. */
  get stopped(): boolean {
    return this.parser?.stopped ?? false;
  }

  /** ParserHost: records a warning (kept up to maxWarningsPerCode per code). */
  warn(w: CaptureWarning, damaging: boolean): void {
    if (damaging) this.isDamaged = true;
    const n = (this.perCode.get(w.code) ?? 0) + 1;
    this.perCode.set(w.code, n);
    if (n <= this.maxPerCode) this.warnings.push(w);
  }

  /**
   * Feeds the next chunk. Frames are delivered synchronously before push returns.
   * Throws CaptureError when the start of the stream is not a readable capture.
   */
  push(chunk: Uint8Array): void {
    if (this.ended) throw new Error('CaptureReader.push after end()');
    const len = chunk.length;
    this.seen += len;
    if (len === 0 || this.stopped) return;
    let pos = 0;
    // Complete the unit that straddles the previous chunk, copying only the bytes it still needs.
    while (this.tailLen > 0 && pos < len) {
      const need = this.needed();
      const take = Math.min(need - this.tailLen, len - pos);
      this.appendTail(chunk, pos, take);
      pos += take;
      if (this.tailLen < need) return; // chunk exhausted
      const before = this.frames;
      const used = this.run(this.tail, 0, this.tailLen, this.consumed);
      this.consumed += used;
      if (this.frames !== before) {
        // A frame now views this buffer (a batch may still hold it): never write into it again.
        const rest = this.tail.subarray(used, this.tailLen);
        this.tail = rest.length > 0 ? rest.slice() : EMPTY;
        this.tailLen = rest.length;
      } else if (used > 0) {
        this.tail.copyWithin(0, used, this.tailLen);
        this.tailLen -= used;
      }
      if (this.stopped) return;
    }
    if (pos >= len) return;
    const used = this.run(chunk, pos, len, this.consumed);
    this.consumed += used - pos;
    if (this.stopped || used >= len) return;
    this.appendTail(chunk, used, len - used);
  }

  /**
   * End of stream. Throws CaptureError when the stream was empty or ended inside the file header;
   * a cut-short last record becomes a capture.truncated_record warning.
   */
  end(): void {
    if (this.ended) return;
    this.ended = true;
    if (this.stopped) return;
    if (this.seen === 0)
      throw new CaptureError(CAPTURE_ERROR.EMPTY_FILE, 'the capture is empty (0 bytes)', undefined, { params: {} });
    if (this.parser === undefined) {
      throw new CaptureError(
        CAPTURE_ERROR.NOT_A_CAPTURE,
        `not a pcap or pcapng file (only ${this.seen} byte${this.seen === 1 ? '' : 's'}: ${hexBytes(this.tail, 0, this.tailLen)})`,
      );
    }
    if (this.parser.header === undefined) {
      throw new CaptureError(
        CAPTURE_ERROR.TRUNCATED_HEADER,
        `${this.parser.format} file header cut short (${this.tailLen} of ${this.parser.needed} bytes)`,
        0,
      );
    }
    if (this.tailLen > 0) {
      const needed = this.parser.needed;
      this.warn(
        {
          code: CAPTURE_WARNING.TRUNCATED_RECORD,
          offset: this.consumed,
          params: { missing: needed - this.tailLen, have: this.tailLen, needed },
        },
        true,
      );
    }
  }

  /** Everything the reader knows, with suppressed-warning counts appended. */
  result(): CaptureResult {
    const warnings = this.warnings.slice();
    for (const [code, n] of this.perCode) {
      if (n > this.maxPerCode) {
        warnings.push({ code: CAPTURE_WARNING.WARNINGS_SUPPRESSED, params: { code, count: n - this.maxPerCode } });
      }
    }
    const header = this.header;
    if (header !== undefined) header.compressed = this.compressed;
    return { header, warnings, frames: this.frames, damaged: this.isDamaged, bytesConsumed: this.consumed };
  }

  private needed(): number {
    return this.parser === undefined ? 4 : this.parser.needed;
  }

  /** Detects the format when 4 bytes are there, then runs the parser over buf[pos, end). */
  private run(buf: Uint8Array, pos: number, end: number, offset: number): number {
    if (this.parser === undefined) {
      if (end - pos < 4) return pos;
      this.parser = this.detect(buf, pos);
    }
    const p = this.parser.parse(buf, pos, end, offset);
    if (this.compressed && this.parser.header !== undefined) this.parser.header.compressed = true;
    return p;
  }

  private detect(buf: Uint8Array, pos: number): FormatParser {
    const magic = pcapMagic(buf, pos);
    if (magic !== undefined) return new PcapParser(magic, this.onFrame, this);
    if (isPcapngMagic(buf, pos)) return new PcapngParser(this.onFrame, this);
    const start = hexBytes(buf, pos, 4);
    if (buf[pos] === GZIP_0 && buf[pos + 1] === GZIP_1) {
      throw new CaptureError(
        CAPTURE_ERROR.NOT_A_CAPTURE,
        `not a pcap or pcapng file (gzip data inside gzip? starts with ${start})`,
      );
    }
    throw new CaptureError(CAPTURE_ERROR.NOT_A_CAPTURE, `not a pcap or pcapng file (starts with ${start})`, undefined, {
      params: { start },
    });
  }

  private appendTail(src: Uint8Array, from: number, n: number): void {
    const want = this.tailLen + n;
    if (want > this.tail.length) {
      const grown = new Uint8Array(Math.max(want, this.tail.length * 2, 4096));
      grown.set(this.tail.subarray(0, this.tailLen));
      this.tail = grown;
    }
    this.tail.set(src.subarray(from, from + n), this.tailLen);
    this.tailLen = want;
  }
}

/* ------------------------------------------------------------------------------------------------ */

function zlibCode(e: unknown): string | undefined {
  const code = (e as { code?: unknown } | null)?.code;
  return typeof code === 'string' && code.startsWith('Z_') ? code : undefined;
}

function zlibReason(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

function tooLarge(e: unknown): boolean {
  return (e as { code?: unknown } | null)?.code === 'ERR_BUFFER_TOO_LARGE';
}

/**
 * What the first `end` bytes of a gzip stream decompress to (as far as they go), or undefined when that is
 * more than `cap` bytes (zlib stops as soon as it is).
 */
function gunzipPrefix(bytes: Uint8Array, end: number, cap: number): Uint8Array | undefined {
  try {
    return zlib().gunzipSync(bytes.subarray(0, end), {
      finishFlush: zlib().constants.Z_SYNC_FLUSH,
      maxOutputLength: cap,
    });
  } catch (e) {
    return tooLarge(e) ? undefined : EMPTY;
  }
}

/** Halvings of the input range once the output has passed the cap: the prefix read is within 1/16 of it. */
const GUNZIP_BISECT = 4;

/**
 * The decompressed start of a gzip stream that decompresses to more than `cap` bytes, without ever
 * holding more than `cap` of it: input prefixes doubling in length until one's output passes the cap
 * (each try stops as soon as it does; about two caps of work in all), then a few halvings. The prefix
 * kept ends within 1/16 of the input range where the output passed the cap.
 */
function gunzipUpTo(bytes: Uint8Array, cap: number): Uint8Array {
  let lo = 0;
  let hi = bytes.length;
  for (let k = 512; k < bytes.length; k *= 2) {
    if (gunzipPrefix(bytes, k, cap) === undefined) {
      hi = k;
      break;
    }
    lo = k;
  }
  for (let i = 0; i < GUNZIP_BISECT && hi - lo > 1; i++) {
    const mid = lo + Math.floor((hi - lo) / 2);
    if (gunzipPrefix(bytes, mid, cap) === undefined) hi = mid;
    else lo = mid;
  }
  return gunzipPrefix(bytes, lo, cap) ?? EMPTY;
}

/** A whole gzip stream decompressed, at most `cap` bytes of it, and what went wrong. */
function gunzipBounded(bytes: Uint8Array, cap: number): { data: Uint8Array; warning?: CaptureWarning } {
  try {
    return { data: zlib().gunzipSync(bytes, { maxOutputLength: cap }) };
  } catch (e) {
    if (tooLarge(e)) {
      const data = gunzipUpTo(bytes, cap);
      return { data, warning: { code: CAPTURE_WARNING.GZIP_LIMIT, offset: data.length, params: { limit: cap } } };
    }
    if (zlibCode(e) === 'Z_BUF_ERROR') {
      // Cut short: decompress what is there.
      let data: Uint8Array = EMPTY;
      try {
        data = zlib().gunzipSync(bytes, { finishFlush: zlib().constants.Z_SYNC_FLUSH, maxOutputLength: cap });
      } catch (e2) {
        if (tooLarge(e2)) data = gunzipUpTo(bytes, cap);
      }
      return { data, warning: { code: CAPTURE_WARNING.GZIP_TRUNCATED, offset: data.length } };
    }
    return {
      data: EMPTY,
      warning: { code: CAPTURE_WARNING.GZIP_CORRUPT, offset: 0, params: { reason: zlibReason(e) } },
    };
  }
}

/**
 * Reads a whole in-memory capture synchronously. gzip (1f 8b) is decompressed first, to at most
 * maxGunzipBytes (more: capture.gzip_limit, the frames in what fits are read); a cut-short gzip stream
 * yields what could be decompressed plus capture.gzip_truncated. Throws only CaptureError.
 */
export function readCaptureBytes(
  bytes: Uint8Array,
  onFrame: FrameCallback,
  opts: CaptureReaderOptions = {},
): CaptureResult {
  let data = bytes;
  let gzipWarning: CaptureWarning | undefined;
  const compressed = isGzip(bytes);
  if (compressed) {
    const out = gunzipBounded(bytes, opts.maxGunzipBytes ?? DEFAULT_MAX_GUNZIP_BYTES);
    data = out.data;
    gzipWarning = out.warning;
    if (gzipWarning !== undefined && data.length === 0) throw gzipFatal(gzipWarning);
  }
  const reader = new CaptureReader(onFrame, { ...opts, compressed });
  reader.push(data);
  // A gzip problem is the cause of a cut-short record that may follow it: report it first.
  if (gzipWarning !== undefined && !reader.stopped) reader.warn(gzipWarning, true);
  reader.end();
  return reader.result();
}

function gzipFatal(w: CaptureWarning): CaptureError {
  if (w.code === CAPTURE_WARNING.GZIP_TRUNCATED) {
    return new CaptureError(
      CAPTURE_ERROR.GZIP_TRUNCATED,
      'gzip stream cut short before any data could be decompressed',
    );
  }
  if (w.code === CAPTURE_WARNING.GZIP_LIMIT) {
    return new CaptureError(
      CAPTURE_ERROR.GZIP_LIMIT,
      `gzip data decompresses to more than ${w.params?.limit} bytes (the gunzipBytes limit) before a capture header`,
    );
  }
  return new CaptureError(CAPTURE_ERROR.GZIP_CORRUPT, `gzip data is corrupt (${w.params?.reason ?? 'unknown'})`);
}

/* ------------------------------------------------------------------------------------------------ */

export type CaptureSource = string | NodeJS.ReadableStream | AsyncIterable<Uint8Array | string>;

export interface ReadCaptureOptions extends CaptureReaderOptions {
  /** Read size for files (default 64 KiB). */
  highWaterMark?: number;
  /**
   * Called after each chunk's frames were delivered; the next chunk is read once the promise it returns
   * settles (e.g. when the output a frame callback writes to has drained), so output that streams per frame
   * stays bounded when its reader is slower than the analysis.
   */
  pace?: () => Promise<void> | undefined;
}

/** 64 KiB: as fast as 1 MiB reads, and the read buffers waiting for GC cost ~25 MB less peak RSS (bench/RESULTS.md). */
const DEFAULT_HWM = 64 * 1024;
const GUNZIP_CHUNK = 64 * 1024;

function describeIoError(path: string, e: unknown): CaptureError {
  const code = (e as { code?: unknown } | null)?.code;
  const why =
    code === 'ENOENT'
      ? 'no such file'
      : code === 'EISDIR'
        ? 'is a directory'
        : code === 'EACCES' || code === 'EPERM'
          ? 'permission denied'
          : e instanceof Error
            ? e.message
            : String(e);
  const params: Record<string, string> = { path };
  if (code === 'ENOENT') params.why = 'capture.unreadable.enoent';
  else if (code === 'EISDIR') params.why = 'capture.unreadable.eisdir';
  else if (code === 'EACCES' || code === 'EPERM') params.why = 'capture.unreadable.eacces';
  else params.detail = why;
  return new CaptureError(CAPTURE_ERROR.UNREADABLE, `cannot read ${path}: ${why}`, undefined, { cause: e, params });
}

/**
 * Bytes a regular file is read for before the event loop gets a turn (output to drain, signals, timers,
 * and V8's own GC tasks, which run there). A turn per 64 KiB chunk, as a read stream gives; it costs
 * microseconds. (Peak memory did not depend on it measurably: 4 MiB, 256 KiB and 64 KiB all gave 148–160 MB
 * for the summary at 3M frames before its young generation was capped, a stream 147–151 MB.)
 */
const FILE_TURN = 64 << 10;

/**
 * A regular file's chunks, read synchronously: from the page cache a read takes microseconds, while a
 * read stream hands each chunk through the thread pool, and when both cores are busy (analysis and GC
 * threads) the analysis waited for it — up to 5% of the summary's wall time, idle. Anything but a
 * regular file (a FIFO, /dev/stdin, a device) is read as a stream: a blocking open or read could wait
 * forever, with the event loop stopped.
 * Every chunk is a fresh buffer (frames of a batch may point into it).
 */
async function* fileChunks(path: string, size: number): AsyncGenerator<Uint8Array> {
  // stat before opening: opening a FIFO blocks until a writer comes, which a stream waits for off the thread
  if (!statSync(path).isFile()) {
    yield* createReadStream(path, { highWaterMark: size });
    return;
  }
  const fd = openSync(path, 'r');
  try {
    let sinceTurn = 0;
    for (;;) {
      const b = Buffer.allocUnsafeSlow(size);
      const n = readSync(fd, b, 0, size, null);
      if (n === 0) return;
      yield n < size ? b.subarray(0, n) : b;
      sinceTurn += n;
      if (sinceTurn >= FILE_TURN) {
        sinceTurn = 0;
        await new Promise<void>((resolve) => setImmediate(resolve));
      }
    }
  } finally {
    closeSync(fd);
  }
}

function sourceIterable(source: CaptureSource, hwm: number): { it: AsyncIterable<Uint8Array | string>; name: string } {
  if (typeof source === 'string') {
    if (source === '-') return { it: process.stdin, name: 'standard input' };
    return { it: fileChunks(source, hwm), name: source };
  }
  return { it: source as AsyncIterable<Uint8Array | string>, name: 'input stream' };
}

function toBytes(c: Uint8Array | string): Uint8Array {
  return typeof c === 'string' ? Buffer.from(c, 'latin1') : c;
}

/**
 * Drives a CaptureReader from a source. `each` runs after every pushed chunk (openCapture yields its
 * batch there). Resolves with the reader's result; rejects only with CaptureError.
 */
async function* drive(
  source: CaptureSource,
  reader: (compressed: boolean) => CaptureReader,
  opts: ReadCaptureOptions,
): AsyncGenerator<void, CaptureResult> {
  const { it, name } = sourceIterable(source, opts.highWaterMark ?? DEFAULT_HWM);
  const iter = it[Symbol.asyncIterator]();
  let closed = false;
  const close = async (): Promise<void> => {
    if (closed) return;
    closed = true;
    try {
      await iter.return?.();
    } catch {
      // closing a failed source: nothing more to report
    }
  };
  const next = async (): Promise<IteratorResult<Uint8Array | string>> => {
    try {
      return await iter.next();
    } catch (e) {
      if (e instanceof CaptureError) throw e;
      throw describeIoError(name, e);
    }
  };

  try {
    // Peek at the first two bytes for the gzip magic.
    const head: Uint8Array[] = [];
    let headLen = 0;
    let done = false;
    while (headLen < 2) {
      const r = await next();
      if (r.done) {
        done = true;
        break;
      }
      const b = toBytes(r.value);
      head.push(b);
      headLen += b.length;
    }
    const first = head.length === 1 ? head[0]! : Buffer.concat(head);
    const gz = headLen >= 2 && first[0] === GZIP_0 && first[1] === GZIP_1;
    const rd = reader(gz);

    if (!gz) {
      rd.push(first);
      yield;
      while (!done && !rd.stopped) {
        const r = await next();
        if (r.done) break;
        rd.push(toBytes(r.value));
        yield;
      }
      rd.end();
      return rd.result();
    }

    // gzip: feed the compressed chunks (peeked ones first) through one Gunzip; multi-member is fine.
    let sourceError: CaptureError | undefined;
    async function* compressedChunks(): AsyncGenerator<Uint8Array> {
      yield first;
      if (done) return;
      for (;;) {
        let r: IteratorResult<Uint8Array | string>;
        try {
          r = await next();
        } catch (e) {
          sourceError = e as CaptureError;
          throw e;
        }
        if (r.done) return;
        yield toBytes(r.value);
      }
    }
    const input = stream().Readable.from(compressedChunks(), { objectMode: false });
    // When zlib fails (corrupt data, bad CRC) the output of its current step is lost: at most chunkSize bytes.
    const gunzip = zlib().createGunzip({ chunkSize: GUNZIP_CHUNK });
    input.on('error', (e) => gunzip.destroy(e));
    gunzip.on('error', () => {
      // reported through the iteration below; this keeps a late error from becoming uncaught
    });
    input.pipe(gunzip);
    let gzipWarning: CaptureWarning | undefined;
    try {
      for await (const out of gunzip as AsyncIterable<Buffer>) {
        rd.push(out);
        yield;
        if (rd.stopped) break;
      }
    } catch (e) {
      if (sourceError !== undefined) throw sourceError;
      if (e instanceof CaptureError) throw e;
      const z = zlibCode(e);
      gzipWarning =
        z === 'Z_BUF_ERROR'
          ? { code: CAPTURE_WARNING.GZIP_TRUNCATED, offset: rd.bytesSeen }
          : { code: CAPTURE_WARNING.GZIP_CORRUPT, offset: rd.bytesSeen, params: { reason: zlibReason(e) } };
    } finally {
      input.unpipe(gunzip);
      input.destroy();
      gunzip.destroy();
    }
    if (gzipWarning !== undefined && rd.bytesSeen === 0) throw gzipFatal(gzipWarning);
    if (gzipWarning !== undefined && !rd.stopped) rd.warn(gzipWarning, true);
    rd.end();
    return rd.result();
  } finally {
    await close();
  }
}

/**
 * Reads a capture with a callback per frame: a path ('-' = stdin), a Node readable stream or an async
 * iterable of chunks. gzip is detected by its magic bytes. The callback may return false to stop.
 * Rejects only with CaptureError (unreadable file, not a capture, header cut short).
 */
export async function readCaptureFile(
  source: CaptureSource,
  onFrame: FrameCallback,
  opts: ReadCaptureOptions = {},
): Promise<CaptureResult> {
  const gen = drive(source, (compressed) => new CaptureReader(onFrame, { ...opts, compressed }), opts);
  const pace = opts.pace;
  for (;;) {
    const r = await gen.next();
    if (r.done) return r.value;
    if (pace) await pace();
  }
}

/**
 * A capture source as an async iterable of frame batches (one batch per chunk read). Header, warnings
 * and counts are readable at any time and final once iteration has finished. A batch's frame data is
 * valid until the next batch is requested.
 */
export class CaptureStream implements AsyncIterable<RawFrame[]> {
  private reader: CaptureReader | undefined;
  private res: CaptureResult | undefined;
  private started = false;

  constructor(
    private readonly source: CaptureSource,
    private readonly opts: ReadCaptureOptions = {},
  ) {}

  get header(): CaptureHeaderInfo | undefined {
    return this.res?.header ?? this.reader?.header;
  }

  get warnings(): CaptureWarning[] {
    return this.res?.warnings ?? this.reader?.warnings ?? [];
  }

  get damaged(): boolean {
    return this.res?.damaged ?? this.reader?.damaged ?? false;
  }

  get frames(): number {
    return this.res?.frames ?? this.reader?.frames ?? 0;
  }

  /** The final result (undefined until iteration has finished). */
  get result(): CaptureResult | undefined {
    return this.res;
  }

  async *[Symbol.asyncIterator](): AsyncIterator<RawFrame[]> {
    if (this.started) throw new Error('CaptureStream can be iterated once');
    this.started = true;
    let batch: RawFrame[] = [];
    const gen = drive(
      this.source,
      (compressed) => {
        this.reader = new CaptureReader((f) => void batch.push(f), { ...this.opts, compressed });
        return this.reader;
      },
      this.opts,
    );
    try {
      for (;;) {
        const r = await gen.next();
        if (r.done) {
          this.res = r.value;
          if (batch.length > 0) yield batch;
          return;
        }
        if (batch.length > 0) {
          const out = batch;
          batch = [];
          yield out;
        }
      }
    } finally {
      await gen.return(undefined as never);
    }
  }
}

/** Opens a capture (path, '-' for stdin, stream or async iterable) as an async iterable of frame batches. */
export function openCapture(source: CaptureSource, opts: ReadCaptureOptions = {}): CaptureStream {
  return new CaptureStream(source, opts);
}
