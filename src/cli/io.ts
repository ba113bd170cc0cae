/** Output sinks and shared CLI constants (exit codes, the stdin marker). */
import { createWriteStream, type WriteStream } from 'node:fs';

export const EXIT = { OK: 0, UNREADABLE: 1, DAMAGED: 2, CHECK_FAILED: 3 } as const;

export interface Sink {
  write(s: string): void;
  close(): Promise<void>;
  isTTY: boolean;
}

/** yargs reads a lone "-" as an empty value; it stands for standard input, so it is renamed before parsing. */
export const STDIN_ARG = '\u0000stdin';

export async function openSink(path: string | undefined): Promise<Sink> {
  if (!path || path === '-') {
    return {
      write: (s) => {
        process.stdout.write(s);
      },
      close: () => new Promise((res) => (process.stdout.writableNeedDrain ? process.stdout.once('drain', res) : res())),
      isTTY: Boolean(process.stdout.isTTY),
    };
  }
  const ws: WriteStream = createWriteStream(path);
  await new Promise<void>((res, rej) => {
    ws.once('open', () => res());
    ws.once('error', rej);
  });
  let buf = '';
  return {
    write: (s) => {
      buf += s;
      if (buf.length > 1 << 16) {
        ws.write(buf);
        buf = '';
      }
    },
    close: () =>
      new Promise((res, rej) => {
        ws.on('error', rej);
        ws.end(buf, () => res());
      }),
    isTTY: false,
  };
}

/** Buffer small writes to stdout so a line per frame does not cost a syscall per frame. */
export function buffered(sink: Sink): Sink {
  let buf = '';
  return {
    write: (s) => {
      buf += s;
      if (buf.length > 1 << 16) {
        sink.write(buf);
        buf = '';
      }
    },
    close: async () => {
      if (buf) sink.write(buf);
      buf = '';
      await sink.close();
    },
    isTTY: sink.isTTY,
  };
}

/** Opens -o FILE (or stdout), printing one line and returning undefined when it cannot be opened. */
export async function openOutput(path: string | undefined): Promise<Sink | undefined> {
  try {
    return buffered(await openSink(path));
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    process.stderr.write(`pcap-explain: cannot write ${path}: ${e.code ?? e.message}\n`);
    return undefined;
  }
}

/** Colour when writing to a terminal, unless NO_COLOR is set or TERM is dumb; --color/--no-color override. */
export function useColor(flag: boolean | undefined, sink: Sink): boolean {
  return flag ?? (sink.isTTY && !process.env.NO_COLOR && process.env.TERM !== 'dumb');
}
