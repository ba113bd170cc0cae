/**
 * Temporary files. Reading an input twice: a temporary copy of an unseekable input (standard input, a
 * pipe) for the commands that must (filtered `-z` statistics read the capture again once its conversations
 * are known); per-frame output never needs it: it is one pass (src/cli/commands/analyze-frames.ts). And
 * texts held on disk until the end of the output (ElementSpool: the conversation records of `-f json`).
 */
import { closeSync, mkdtempSync, openSync, readSync, rmSync, statSync, writeSync } from 'node:fs';
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

/** Bytes gathered before they are written to an ElementSpool's file. */
const SPOOL_CHUNK = 1 << 16;

/**
 * Texts by id (JSON elements: the conversation records of `-f json`, issue 19) in a temporary file while a
 * capture is read, read back by id at the end: memory then holds two numbers per text, not the text. The
 * file is unlinked as soon as it is open (nothing is left behind, whatever ends the process); where that
 * cannot be done it is removed by remove(). Where no temporary file can be made (TMPDIR missing) the texts
 * are held in memory: the output is the same.
 */
export class ElementSpool {
  private fd: number | undefined;
  private dir: string | undefined;
  /** The texts by id when there is no file. */
  private readonly mem: Map<number, string> | undefined;
  private chunks: Buffer[] = [];
  private pending = 0;
  private size = 0;
  /** Per id: offset + 1 in the file (0: none) and length in bytes. */
  private at = new Float64Array(1024);
  private len = new Float64Array(1024);
  /** Texts held. */
  count = 0;

  constructor() {
    try {
      const dir = mkdtempSync(join(tmpdir(), 'pcap-explain-'));
      this.fd = openSync(join(dir, 'elements'), 'w+', 0o600);
      try {
        rmSync(dir, { recursive: true });
      } catch {
        this.dir = dir; // an open file that cannot be unlinked (Windows): removed by remove()
      }
    } catch {
      this.mem = new Map();
    }
  }

  /** Whether the texts are on disk (false: held in memory, no temporary file could be made). */
  get onDisk(): boolean {
    return this.fd !== undefined;
  }

  /** Keeps `text` as the one of `id` (ids are positive integers; one text each). */
  add(id: number, text: string): void {
    if (id >= this.at.length) {
      const n = Math.max(id + 1, this.at.length * 2);
      const at = new Float64Array(n);
      const len = new Float64Array(n);
      at.set(this.at);
      len.set(this.len);
      this.at = at;
      this.len = len;
    }
    this.count++;
    if (this.mem) {
      this.at[id] = 1;
      this.mem.set(id, text);
      return;
    }
    const b = Buffer.from(text, 'utf8');
    this.at[id] = this.size + 1;
    this.len[id] = b.length;
    this.size += b.length;
    this.chunks.push(b);
    this.pending += b.length;
    if (this.pending >= SPOOL_CHUNK) this.flush();
  }

  /** Whether a text of `id` is held. */
  has(id: number): boolean {
    return id < this.at.length && this.at[id]! > 0;
  }

  /** The ids held, ascending. */
  *ids(): Generator<number> {
    for (let id = 0; id < this.at.length; id++) if (this.at[id]! > 0) yield id;
  }

  /** The text of `id`. */
  get(id: number): string {
    if (!this.has(id)) throw new Error(`no spooled element ${id}`);
    if (this.mem) return this.mem.get(id)!;
    this.flush();
    const b = Buffer.allocUnsafe(this.len[id]!);
    let o = 0;
    while (o < b.length) {
      const n = readSync(this.fd!, b, o, b.length - o, this.at[id]! - 1 + o);
      if (n === 0) throw new Error(`spooled element ${id} cut short`);
      o += n;
    }
    return b.toString('utf8');
  }

  private flush(): void {
    if (this.pending === 0) return;
    const b = this.chunks.length === 1 ? this.chunks[0]! : Buffer.concat(this.chunks, this.pending);
    let o = 0;
    while (o < b.length) o += writeSync(this.fd!, b, o, b.length - o);
    this.chunks = [];
    this.pending = 0;
  }

  /** Closes the file (and removes it where it could not be unlinked while open). */
  remove(): void {
    if (this.fd !== undefined) closeSync(this.fd);
    this.fd = undefined;
    this.chunks = [];
    this.mem?.clear();
    if (this.dir) rmSync(this.dir, { recursive: true, force: true });
    this.dir = undefined;
  }
}
