/** Output sinks and shared CLI constants (exit codes, the stdin marker). */
import { createWriteStream, type WriteStream } from 'node:fs';

export const EXIT = { OK: 0, UNREADABLE: 1, DAMAGED: 2, CHECK_FAILED: 3 } as const;

export interface Sink {
  write(s: string): void;
  /** Writes bytes the sink may keep (the caller does not reuse them); sinks without it take strings only. */
  writeBytes?(b: Uint8Array): void;
  /** Flushes and waits until everything is written; rejects when the output failed (not when its reader left). */
  close(): Promise<void>;
  /**
   * Resolves when the output can take more (undefined when it can now; also settles when the output fails
   * or closes), so that reading paced by it stays bounded when the output's reader is slower.
   */
  drained?(): Promise<void> | undefined;
  /** The output can take no more (its reader closed the pipe, or writing failed): stop producing. */
  readonly broken?: boolean;
  isTTY: boolean;
}

/** A sink that takes bytes too (an output file or standard output). */
export type ByteSink = Sink & Required<Pick<Sink, 'writeBytes'>>;

/** yargs reads a lone "-" as an empty value; it stands for standard input, so it is renamed before parsing. */
export const STDIN_ARG = '\u0000stdin';

/** How an output stream failed: EPIPE (the reader closed the pipe, as `| head` does) is not an error. */
interface OutputState {
  broken: boolean;
  error: Error | undefined;
}

function watch(out: NodeJS.WritableStream): OutputState {
  const state: OutputState = { broken: false, error: undefined };
  out.on('error', (e: NodeJS.ErrnoException) => {
    state.broken = true;
    if (e.code !== 'EPIPE' && !state.error) state.error = e;
  });
  out.on('close', () => {
    state.broken = true;
  });
  return state;
}

let stdoutState: OutputState | undefined;

/**
 * Standard output's state, watched from the first call on: a closed pipe is remembered instead of
 * crashing the process with an unhandled 'error' event (commands stop quietly, exit status 0).
 */
export function stdoutOutput(): OutputState {
  stdoutState ??= watch(process.stdout);
  return stdoutState;
}

/** Ends close(): fails with the output's error (once its 'error' event has landed), never for EPIPE. */
function settle(state: OutputState, e: Error | null | undefined, res: () => void, rej: (e: Error) => void): void {
  setImmediate(() => {
    const code = (e as NodeJS.ErrnoException | null | undefined)?.code;
    const err = state.error ?? (e && code !== 'EPIPE' && code !== 'ERR_STREAM_DESTROYED' ? e : undefined);
    if (err) rej(err);
    else res();
  });
}

/** Resolves when `out` can take more, or fails or closes (undefined when it can take more now, or never will). */
function drainedOf(out: NodeJS.WritableStream & { writableNeedDrain?: boolean }, state: OutputState) {
  if (!out.writableNeedDrain || state.broken) return undefined;
  return new Promise<void>((resolve) => {
    const done = (): void => {
      out.off('drain', done);
      out.off('close', done);
      out.off('error', done);
      resolve();
    };
    out.on('drain', done);
    out.on('close', done);
    out.on('error', done);
  });
}

export async function openSink(path: string | undefined): Promise<ByteSink> {
  if (!path || path === '-') {
    const out = process.stdout;
    const state = stdoutOutput();
    // (after EPIPE, process.stdout emits 'error' and 'close' but does not report itself destroyed)
    return {
      write: (s) => {
        if (!state.broken) out.write(s);
      },
      writeBytes: (b) => {
        if (!state.broken) out.write(b);
      },
      // an empty write's callback comes once everything before it is written, with their error
      close: () =>
        new Promise((res, rej) =>
          state.broken ? settle(state, null, res, rej) : out.write('', (e) => settle(state, e, res, rej)),
        ),
      drained: () => drainedOf(out, state),
      get broken() {
        return state.broken;
      },
      isTTY: Boolean(out.isTTY),
    };
  }
  const ws: WriteStream = createWriteStream(path);
  await new Promise<void>((res, rej) => {
    ws.once('open', () => res());
    ws.once('error', rej);
  });
  const state = watch(ws);
  let buf = '';
  return {
    write: (s) => {
      if (state.broken) return;
      buf += s;
      if (buf.length > 1 << 16) {
        ws.write(buf);
        buf = '';
      }
    },
    writeBytes: (b) => {
      if (state.broken) return;
      if (buf) ws.write(buf);
      buf = '';
      ws.write(b);
    },
    close: () =>
      new Promise((res, rej) => {
        if (state.broken) {
          ws.destroy();
          settle(state, null, res, rej);
        } else ws.end(buf, (e?: Error | null) => settle(state, e ?? null, res, rej));
      }),
    drained: () => drainedOf(ws, state),
    get broken() {
      return state.broken;
    },
    isTTY: false,
  };
}

/** Bytes gathered before they are handed to the output. */
const CHUNK = 1 << 16;

/**
 * Gathers small writes (a line per frame) into chunks of about 64 KiB, so a line costs neither a syscall
 * nor a stream write. Strings are encoded as they come into a byte buffer handed over whole (a joined
 * string would be flattened and encoded again at the end).
 */
export function buffered(sink: ByteSink): ByteSink {
  // room for the chunk and one more write of up to CHUNK / 3 UTF-16 units (3 bytes each at most)
  const size = 2 * CHUNK;
  let buf = Buffer.allocUnsafeSlow(size);
  let off = 0;
  const flush = (): void => {
    if (off === 0) return;
    sink.writeBytes(buf.subarray(0, off));
    buf = Buffer.allocUnsafeSlow(size); // the sink keeps what it was given
    off = 0;
  };
  return {
    write: (s) => {
      if (3 * s.length > size - off) {
        flush();
        if (3 * s.length > size) {
          sink.write(s);
          return;
        }
      }
      off += buf.write(s, off);
      if (off >= CHUNK) flush();
    },
    writeBytes: (b) => {
      if (b.length > size - off) {
        flush();
        if (b.length > size) {
          sink.writeBytes(b);
          return;
        }
      }
      buf.set(b, off);
      off += b.length;
      if (off >= CHUNK) flush();
    },
    close: async () => {
      flush();
      await sink.close();
    },
    drained: () => sink.drained?.(),
    get broken() {
      return sink.broken;
    },
    isTTY: sink.isTTY,
  };
}

/** Opens -o FILE (or stdout), printing one line and returning undefined when it cannot be opened. */
export async function openOutput(path: string | undefined): Promise<Sink | undefined> {
  try {
    return buffered(await openSink(path));
  } catch (err) {
    process.stderr.write(`pcap-explain: ${cannotWrite(path ?? '-', err)}\n`);
    return undefined;
  }
}

/** Why a file could not be written, in words rather than an errno code (one line, no trailing period). */
export function cannotWrite(path: string, err: unknown): string {
  const e = err as NodeJS.ErrnoException;
  const why: Record<string, string> = {
    ENOENT: 'its folder does not exist',
    ENOTDIR: 'a part of the path is a file, not a folder',
    EISDIR: 'it is a folder; give a file name',
    EACCES: 'permission denied (the folder or file is not writable for this user)',
    EPERM: 'the operation is not permitted',
    EROFS: 'the file system is read-only',
    ENOSPC: 'no space is left on the device',
    EDQUOT: 'the disk quota is used up',
    ENAMETOOLONG: 'the name is too long',
  };
  return `cannot write ${path}: ${(e.code && why[e.code]) ?? e.message}`;
}

/** Colour when writing to a terminal, unless NO_COLOR is set or TERM is dumb; --color/--no-color override. */
export function useColor(flag: boolean | undefined, sink: Sink): boolean {
  return flag ?? (sink.isTTY && !process.env.NO_COLOR && process.env.TERM !== 'dumb');
}
