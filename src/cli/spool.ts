/**
 * Temporary files. Reading an input twice: a temporary copy of an unseekable input (standard input, a
 * pipe) for the commands that must (filtered `-z` statistics read the capture again once its conversations
 * are known); per-frame output never needs it: it is one pass (src/cli/commands/analyze-frames.ts).
 */
import { closeSync, mkdtempSync, openSync, rmSync, statSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CAPTURE_ERROR, CaptureError } from '../capture/errors.js';

const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

/** A temporary copy of an unseekable input, removed by remove() (also on exit and on signals). */
export class Spool {
  readonly dir: string;
  readonly path: string;
  private fd: number | undefined;
  private removed = false;
  private readonly onSignal = (sig: NodeJS.Signals): void => {
    this.remove();
    process.kill(process.pid, sig);
  };
  private readonly onExit = (): void => this.remove();

  constructor() {
    this.dir = mkdtempSync(join(tmpdir(), 'pcap-explain-'));
    this.path = join(this.dir, 'input');
    this.fd = openSync(this.path, 'w', 0o600);
    for (const s of SIGNALS) process.once(s, this.onSignal);
    process.once('exit', this.onExit);
  }

  /** The input's chunks as they are read, each written to the spool file first. */
  async *copy(source: AsyncIterable<Uint8Array | string>, name: string): AsyncGenerator<Uint8Array> {
    try {
      for await (const chunk of source) {
        const b = typeof chunk === 'string' ? Buffer.from(chunk, 'latin1') : chunk;
        let o = 0;
        while (o < b.length) o += writeSync(this.fd!, b, o, b.length - o);
        yield b;
      }
    } catch (e) {
      if (e instanceof CaptureError) throw e;
      const why = e instanceof Error ? e.message : String(e);
      throw new CaptureError(CAPTURE_ERROR.UNREADABLE, `cannot read ${name}: ${why}`, undefined, { cause: e });
    } finally {
      this.close();
    }
  }

  close(): void {
    if (this.fd !== undefined) closeSync(this.fd);
    this.fd = undefined;
  }

  remove(): void {
    if (this.removed) return;
    this.removed = true;
    this.close();
    rmSync(this.dir, { recursive: true, force: true });
    for (const s of SIGNALS) process.removeListener(s, this.onSignal);
    process.removeListener('exit', this.onExit);
  }
}

/** Whether the input can be read twice; '-', pipes, sockets and devices (/dev/stdin) cannot. */
export function rereadable(file: string): boolean {
  if (file === '-') return false;
  try {
    const st = statSync(file);
    return !(st.isFIFO() || st.isCharacterDevice() || st.isSocket());
  } catch {
    return true; // let pass 1 report why it cannot be read
  }
}
