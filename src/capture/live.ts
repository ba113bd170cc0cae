/**
 * Live capture: frames straight from the kernel through tcpdump (or Wireshark's dumpcap), parsed from
 * the tool's standard output with the streaming capture reader.
 *
 *   tcpdump -U --immediate-mode -w - -i IFACE [-c N] [BPF]      (one process per interface)
 *   dumpcap -w - -i IFACE [-c N] [-f BPF]                        (when tcpdump is missing)
 *
 * `--immediate-mode` hands every packet over at once (without it libpcap delivers in half-second
 * bursts); `-U` flushes the output after each packet. Several interfaces are merged in time order.
 * Stopping sends SIGINT, as Ctrl+C does: the tool flushes its output and prints its captured/dropped
 * counts on standard error, which are parsed here. A tool that dies is reported with what it said, and
 * every whole frame read before is kept.
 *
 * Nothing here knows about analysis or text: errors carry a stable code and parameters for the
 * explanation catalogue (live.error.*).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { accessSync, closeSync, constants, openSync, writeSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { Writable } from 'node:stream';
import type { HostName } from './names.js';
import { PcapngWriter } from './pcapng-writer.js';
import { CaptureError, CaptureReader } from './reader.js';
import type { CaptureFormat, CaptureHeaderInfo, CaptureInterface, CaptureWarning, RawFrame } from './types.js';
import { DEFAULT_SNAPLEN, PcapWriter } from './writer.js';

export type ToolName = 'tcpdump' | 'dumpcap';

export interface CaptureTool {
  name: ToolName;
  path: string;
}

/** Codes of live-capture failures (LiveError.code); the texts and fixes are in the catalogues. */
export const LIVE_ERROR = {
  /** Neither tcpdump nor dumpcap is on PATH. params: path */
  NO_TOOL: 'live.error.no_tool',
  /** params: iface, tool */
  NO_INTERFACE: 'live.error.no_interface',
  /** Not root and no CAP_NET_RAW. params: iface, tool, path */
  PERMISSION: 'live.error.permission',
  /** params: filter, reason */
  BAD_FILTER: 'live.error.bad_filter',
  /** params: iface */
  INTERFACE_DOWN: 'live.error.interface_down',
  /** The tool exited before capturing. params: tool, iface, message */
  TOOL_FAILED: 'live.error.tool_failed',
  /** params: path, reason */
  OUTPUT: 'live.error.output',
} as const;

export type LiveErrorCode = (typeof LIVE_ERROR)[keyof typeof LIVE_ERROR];

export class LiveError extends Error {
  override readonly name = 'LiveError';
  constructor(
    readonly code: LiveErrorCode,
    readonly params: Record<string, string | number>,
  ) {
    super(`${code} ${JSON.stringify(params)}`);
  }
}

/* ------------------------------------------------------------------------------------------------ */

function executable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** Looks a program up on PATH (only PATH: what the user's shell would run). */
export function which(name: string, env: NodeJS.ProcessEnv = process.env): string | undefined {
  for (const dir of (env.PATH ?? '').split(delimiter)) {
    if (!dir) continue;
    const p = join(dir, name);
    if (executable(p)) return p;
  }
  return undefined;
}

/** The capture programs to try, in order: tcpdump, then dumpcap (or only the one asked for). */
export function findTools(prefer: 'auto' | ToolName = 'auto', env: NodeJS.ProcessEnv = process.env): CaptureTool[] {
  const names: ToolName[] = prefer === 'auto' ? ['tcpdump', 'dumpcap'] : [prefer];
  const out: CaptureTool[] = [];
  for (const name of names) {
    const path = which(name, env);
    if (path) out.push({ name, path });
  }
  return out;
}

export function toolArgs(
  tool: ToolName,
  iface: string,
  filter: string | undefined,
  count: number | undefined,
): string[] {
  if (tool === 'tcpdump') {
    const a = ['-U', '--immediate-mode', '-w', '-', '-i', iface];
    if (count !== undefined) a.push('-c', String(count));
    if (filter) a.push(filter);
    return a;
  }
  const a = ['-i', iface, '-w', '-'];
  if (count !== undefined) a.push('-c', String(count));
  if (filter) a.push('-f', filter);
  return a;
}

export interface ToolStats {
  /** Packets the tool wrote out. */
  captured: number | null;
  /** Packets that passed the filter (tcpdump). */
  received: number | null;
  /** Packets the kernel dropped because the reader was too slow. */
  dropped: number | null;
  /** Packets the interface dropped (tcpdump, when the driver reports it). */
  ifDropped: number | null;
}

function lastNumber(s: string, re: RegExp): number | null {
  let v: number | null = null;
  for (const m of s.matchAll(re)) v = Number(m[1]);
  return v;
}

/**
 * The counts a tool prints on standard error (the last report wins: tcpdump also prints one line on
 * SIGUSR1). tcpdump: "12 packets captured / 12 packets received by filter / 0 packets dropped by kernel";
 * dumpcap: "Packets captured: 12" and "Packets received/dropped on interface 'br-x': 12/0 (...)".
 */
export function parseToolStats(tool: ToolName, stderr: string): ToolStats {
  if (tool === 'tcpdump') {
    return {
      captured: lastNumber(stderr, /(\d+) packets? captured/g),
      received: lastNumber(stderr, /(\d+) packets? received by filter/g),
      dropped: lastNumber(stderr, /(\d+) packets? dropped by kernel/g),
      ifDropped: lastNumber(stderr, /(\d+) packets? dropped by interface/g),
    };
  }
  const rd = [...stderr.matchAll(/Packets received\/dropped on interface '[^']*': (\d+)\/(\d+)/g)].pop();
  let captured = lastNumber(stderr, /Packets captured: (\d+)/g);
  if (captured === null) captured = lastNumber(stderr, /Packets: (\d+)/g);
  return {
    captured,
    received: rd ? Number(rd[1]) : null,
    dropped: rd ? Number(rd[2]) : null,
    ifDropped: null,
  };
}

const STAT_LINE =
  /packets? (captured|received by filter|dropped by (kernel|interface))|^Packets|^File: |^Capturing on|listening on|^\s*$/;

/** The tool's own words about what went wrong: stderr without the banner and count lines. */
export function toolMessage(stderr: string): string {
  const lines = stderr
    .split(/[\r\n]+/)
    .map((l) => l.trim())
    .filter((l) => !STAT_LINE.test(l));
  return lines.slice(0, 3).join(' ').slice(0, 400);
}

/** Maps a tool's start-up failure to an error code. */
export function classifyFailure(
  tool: CaptureTool,
  iface: string,
  filter: string | undefined,
  stderr: string,
  exit: string,
): LiveError {
  const msg = toolMessage(stderr) || exit;
  if (/no such device|no device named|doesn't exist|does not exist|no such interface/i.test(stderr)) {
    return new LiveError(LIVE_ERROR.NO_INTERFACE, { iface, tool: tool.name });
  }
  if (/permission|not permitted/i.test(stderr)) {
    return new LiveError(LIVE_ERROR.PERMISSION, { iface, tool: tool.name, path: tool.path });
  }
  if (/filter/i.test(stderr) && /syntax|parse|invalid|illegal|unknown/i.test(stderr)) {
    return new LiveError(LIVE_ERROR.BAD_FILTER, { filter: filter ?? '', reason: msg });
  }
  if (/not up/i.test(stderr)) return new LiveError(LIVE_ERROR.INTERFACE_DOWN, { iface });
  return new LiveError(LIVE_ERROR.TOOL_FAILED, { tool: tool.name, iface, message: msg });
}

/* ------------------------------------------------------------------------------------------------ */

export interface SourceResult {
  iface: string;
  tool: ToolName;
  stats: ToolStats;
  exitCode: number | null;
  signal: string | null;
  /** Set when the tool stopped by itself before being asked to (crash, interface removed). */
  failure?: string;
  /** Problems with the tool's output stream (a record cut short when it died). */
  warnings: CaptureWarning[];
  damaged: boolean;
  format: CaptureFormat | undefined;
}

export interface LiveResult {
  /** Frames delivered (after --count). */
  frames: number;
  sources: SourceResult[];
  /** A tool died on its own: the capture is incomplete. */
  unexpected: boolean;
  /** The tools were stopped because --count frames were delivered. */
  countReached: boolean;
}

export interface LiveOptions {
  interfaces: string[];
  filter?: string;
  /** Stop after this many frames (over all interfaces). */
  count?: number;
  /** 'auto': tcpdump, then dumpcap. */
  tool?: 'auto' | ToolName;
  env?: NodeJS.ProcessEnv;
  /** Longest wait for a tool to start listening (default 10 s). */
  startTimeoutMs?: number;
  /** How long a frame may wait for a slower interface before it is released anyway (default 250 ms). */
  mergeLagMs?: number;
}

/** Called with each frame in time order; `frame.n` numbers the merged capture; data valid until return. */
export type LiveFrameCallback = (frame: RawFrame, iface: string) => void;

const READY: Record<ToolName, RegExp> = { tcpdump: /listening on/, dumpcap: /Capturing on/ };
/** dumpcap prints "Capturing on" before it opens the interface: wait this long for an early failure. */
const DUMPCAP_GRACE_MS = 300;
const KILL_AFTER_MS = 3000;
const STDERR_KEEP = 8192;

class Source {
  child: ChildProcess | undefined;
  reader: CaptureReader;
  stderrHead = '';
  stderrTail = '';
  ready = false;
  closed = false;
  stopping = false;
  exitCode: number | null = null;
  signal: string | null = null;
  failure: string | undefined;
  readError: CaptureError | undefined;
  /** Frames waiting for the merge (copies), from qHead on, with the time each arrived (Date.now()). */
  queue: RawFrame[] = [];
  arrived: number[] = [];
  qHead = 0;
  closedPromise: Promise<void>;
  resolveClosed!: () => void;

  constructor(
    readonly iface: string,
    readonly index: number,
    public tool: CaptureTool,
    onFrame: (f: RawFrame) => void,
  ) {
    this.reader = new CaptureReader((f) => {
      onFrame(f);
    });
    this.closedPromise = new Promise((r) => {
      this.resolveClosed = r;
    });
  }

  get stderr(): string {
    return this.stderrTail ? `${this.stderrHead}\n${this.stderrTail}` : this.stderrHead;
  }

  addStderr(s: string): void {
    if (this.stderrHead.length < STDERR_KEEP) this.stderrHead += s;
    else this.stderrTail = (this.stderrTail + s).slice(-STDERR_KEEP);
  }

  get queued(): number {
    return this.queue.length - this.qHead;
  }

  head(): RawFrame | undefined {
    return this.queue[this.qHead];
  }

  headArrived(): number {
    return this.arrived[this.qHead]!;
  }

  push(f: RawFrame, at: number): void {
    this.queue.push(f);
    this.arrived.push(at);
  }

  shift(): RawFrame {
    const f = this.queue[this.qHead++]!;
    if (this.qHead > 1024 && this.qHead * 2 > this.queue.length) {
      this.queue = this.queue.slice(this.qHead);
      this.arrived = this.arrived.slice(this.qHead);
      this.qHead = 0;
    }
    return f;
  }

  clearQueue(): void {
    this.queue = [];
    this.arrived = [];
    this.qHead = 0;
  }
}

function earlier(a: RawFrame, b: RawFrame): boolean {
  return a.tsSec < b.tsSec || (a.tsSec === b.tsSec && a.tsNsec < b.tsNsec);
}

/**
 * One live capture over one or more interfaces. start() resolves once every tool listens (or rejects
 * with a LiveError); `done` resolves when every tool has exited and every frame was delivered.
 */
export class LiveCapture {
  private readonly opts: LiveOptions;
  private readonly onFrame: LiveFrameCallback;
  private readonly sources: Source[] = [];
  private delivered = 0;
  private stopping = false;
  private countReached = false;
  private mergeTimer: NodeJS.Timeout | undefined;
  private readonly merging: boolean;
  private readonly lagMs: number;
  private resolveDone!: (r: LiveResult) => void;
  /** Resolves when the capture is over (stopped, --count reached, or every tool exited). */
  readonly done: Promise<LiveResult>;
  /** Called after each chunk of tool output was processed (flush outputs here). */
  onChunk: (() => void) | undefined;
  /** Called once when a tool exits without being asked to. */
  onFailure: ((iface: string, message: string) => void) | undefined;

  constructor(opts: LiveOptions, onFrame: LiveFrameCallback) {
    this.opts = opts;
    this.onFrame = onFrame;
    this.merging = opts.interfaces.length > 1;
    this.lagMs = opts.mergeLagMs ?? 250;
    this.done = new Promise((r) => {
      this.resolveDone = r;
    });
  }

  /** Frames delivered so far. */
  get frames(): number {
    return this.delivered;
  }

  get interfaces(): readonly string[] {
    return this.opts.interfaces;
  }

  /** The program capturing on each interface (known once start() resolved). */
  get tools(): ToolName[] {
    return this.sources.map((s) => s.tool.name);
  }

  /** Current counts per interface as the tools last reported them (see requestStats). */
  stats(): Array<{ iface: string; tool: ToolName; stats: ToolStats }> {
    return this.sources.map((s) => ({
      iface: s.iface,
      tool: s.tool.name,
      stats: parseToolStats(s.tool.name, s.stderr),
    }));
  }

  /** Asks tcpdump for its counts now (SIGUSR1 makes it print them); dumpcap reports as it goes. */
  requestStats(): void {
    for (const s of this.sources) {
      if (s.tool.name === 'tcpdump' && s.ready && !s.closed && !s.stopping) s.child?.kill('SIGUSR1');
    }
  }

  async start(): Promise<void> {
    const tools = findTools(this.opts.tool ?? 'auto', this.opts.env);
    if (tools.length === 0)
      throw new LiveError(LIVE_ERROR.NO_TOOL, { path: this.opts.env?.PATH ?? process.env.PATH ?? '' });
    this.opts.interfaces.forEach((iface, i) => {
      this.sources.push(new Source(iface, i, tools[0]!, (f) => this.frameIn(this.sources[i]!, f)));
    });
    try {
      await Promise.all(this.sources.map((s) => this.launchWithFallback(s, tools)));
    } catch (e) {
      this.abort();
      await Promise.all(this.sources.map((s) => s.closedPromise));
      throw e;
    }
    if (this.opts.count === 0) this.stop();
    void this.watch();
  }

  /** Stops every tool with SIGINT (as Ctrl+C does); `done` resolves once they have flushed and exited. */
  stop(): void {
    if (this.stopping) return;
    this.stopping = true;
    for (const s of this.sources) this.stopSource(s);
  }

  private stopSource(s: Source): void {
    if (s.closed || s.stopping) return;
    s.stopping = true;
    const child = s.child;
    if (!child) return;
    child.kill('SIGINT');
    const t = setTimeout(() => {
      if (!s.closed) child.kill('SIGKILL');
    }, KILL_AFTER_MS);
    t.unref();
  }

  /** Start-up failed: kill what did start, without waiting for counts. */
  private abort(): void {
    this.stopping = true;
    for (const s of this.sources) {
      s.stopping = true;
      if (!s.closed) s.child?.kill('SIGKILL');
    }
  }

  private async launchWithFallback(s: Source, tools: CaptureTool[]): Promise<void> {
    for (let i = 0; i < tools.length; i++) {
      s.tool = tools[i]!;
      try {
        await this.launch(s);
        return;
      } catch (e) {
        // A tcpdump without rights while dumpcap has them (Debian's "wireshark" group): try dumpcap.
        const canRetry = e instanceof LiveError && e.code === LIVE_ERROR.PERMISSION && i + 1 < tools.length;
        if (!canRetry) throw e;
        s.reader = new CaptureReader((f) => this.frameIn(s, f));
        s.stderrHead = '';
        s.stderrTail = '';
        s.closed = false;
        s.exitCode = null;
        s.signal = null;
        s.closedPromise = new Promise((r) => {
          s.resolveClosed = r;
        });
      }
    }
  }

  private launch(s: Source): Promise<void> {
    const { filter, count } = this.opts;
    const tool = s.tool;
    return new Promise<void>((resolve, reject) => {
      let settled = false;
      const settle = (err?: LiveError): void => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        if (err) reject(err);
        else resolve();
      };
      const timer = setTimeout(() => {
        settle(
          new LiveError(LIVE_ERROR.TOOL_FAILED, {
            tool: tool.name,
            iface: s.iface,
            message: toolMessage(s.stderr) || 'did not start listening',
          }),
        );
      }, this.opts.startTimeoutMs ?? 10_000);
      const child = spawn(tool.path, toolArgs(tool.name, s.iface, filter, count), {
        stdio: ['ignore', 'pipe', 'pipe'],
        env: this.opts.env ?? process.env,
      });
      s.child = child;
      child.on('error', (e: NodeJS.ErrnoException) => {
        settle(new LiveError(LIVE_ERROR.TOOL_FAILED, { tool: tool.name, iface: s.iface, message: e.message }));
      });
      child.stderr!.setEncoding('utf8');
      child.stderr!.on('data', (d: string) => {
        s.addStderr(d);
        if (!s.ready && READY[tool.name].test(s.stderr)) {
          s.ready = true;
          if (tool.name === 'dumpcap') {
            setTimeout(() => {
              if (!s.closed) settle();
            }, DUMPCAP_GRACE_MS);
          } else settle();
        }
      });
      child.stdout!.on('data', (chunk: Buffer) => this.chunkIn(s, chunk));
      child.on('close', (code, signal) => {
        s.exitCode = code;
        s.signal = signal;
        s.closed = true;
        this.endReader(s);
        if (!settled) {
          s.ready = false;
          settle(
            classifyFailure(tool, s.iface, filter, s.stderr, signal ? `killed by ${signal}` : `exit code ${code}`),
          );
        } else if (!s.stopping && !this.stopping) {
          if (code === 0 && signal === null) {
            // Ended normally by itself: its -c N was reached, or Ctrl+C on the terminal reached it
            // directly (it shares our process group). The capture ends.
            this.stop();
          } else {
            // Died (interface removed, killed): keep what was read, stop the others.
            s.failure = toolMessage(s.stderr) || (signal ? `killed by ${signal}` : `exit code ${code}`);
            this.onFailure?.(s.iface, s.failure);
            this.stop();
          }
        }
        this.pump(false);
        s.resolveClosed();
      });
    });
  }

  private chunkIn(s: Source, chunk: Buffer): void {
    if (s.readError) return;
    try {
      s.reader.push(chunk);
    } catch (e) {
      if (!(e instanceof CaptureError)) throw e;
      s.readError = e;
      s.failure = e.message;
      this.onFailure?.(s.iface, e.message);
      this.stop();
    }
    if (this.merging) this.pump(false);
    this.onChunk?.();
  }

  private endReader(s: Source): void {
    if (s.readError) return;
    try {
      s.reader.end();
    } catch (e) {
      // Nothing or only part of the file header arrived: no frames to lose.
      if (!(e instanceof CaptureError)) throw e;
    }
  }

  private frameIn(s: Source, f: RawFrame): void {
    if (this.countReached) return;
    if (!this.merging) {
      this.deliver(f, s);
      return;
    }
    s.push({ ...f, data: f.data.slice() }, Date.now());
  }

  private deliver(f: RawFrame, s: Source): void {
    if (this.countReached) return;
    this.delivered++;
    this.onFrame(this.merging || f.n !== this.delivered ? { ...f, n: this.delivered } : f, s.iface);
    if (this.opts.count !== undefined && this.delivered >= this.opts.count) {
      this.countReached = true;
      this.stop();
    }
  }

  /**
   * Releases queued frames in time order. The earliest frame goes out when every other running
   * interface has a frame queued (so none can still bring an earlier one), or once it has waited lagMs
   * since it arrived: a frame of another interface that is older still arrives within that time.
   */
  private pump(final: boolean): void {
    if (!this.merging) return;
    for (;;) {
      let best: Source | undefined;
      for (const s of this.sources) {
        const h = s.head();
        if (h && (!best || earlier(h, best.head()!))) best = s;
      }
      if (!best) return;
      if (!final) {
        const age = Date.now() - best.headArrived();
        const waiting = this.sources.some((s) => s !== best && !s.closed && s.queued === 0);
        if (waiting && age < this.lagMs) {
          if (!this.mergeTimer) {
            this.mergeTimer = setTimeout(
              () => {
                this.mergeTimer = undefined;
                this.pump(false);
                this.onChunk?.();
              },
              Math.max(10, this.lagMs - age),
            );
          }
          return;
        }
      }
      this.deliver(best.shift(), best);
      if (this.countReached) {
        for (const s of this.sources) s.clearQueue();
        return;
      }
    }
  }

  private async watch(): Promise<void> {
    await Promise.all(this.sources.map((s) => s.closedPromise));
    if (this.mergeTimer) clearTimeout(this.mergeTimer);
    this.mergeTimer = undefined;
    this.pump(true);
    this.onChunk?.();
    const sources: SourceResult[] = this.sources.map((s) => {
      const res = s.reader.result();
      const r: SourceResult = {
        iface: s.iface,
        tool: s.tool.name,
        stats: parseToolStats(s.tool.name, s.stderr),
        exitCode: s.exitCode,
        signal: s.signal,
        warnings: res.warnings,
        damaged: res.damaged,
        format: s.reader.format,
      };
      if (s.failure !== undefined) r.failure = s.failure;
      return r;
    });
    this.resolveDone({
      frames: this.delivered,
      sources,
      unexpected: sources.some((s) => s.failure !== undefined),
      countReached: this.countReached,
    });
  }
}

/* ------------------------------------------------------------------------------------------------ */

/**
 * The header of the pcap that `-w` writes for these frames: what `analyze FILE` will read back, so the
 * live report and the report of the saved file agree.
 */
export function savedCaptureHeader(linktype: number, tsDigits: number): CaptureHeaderInfo {
  return {
    format: 'pcap',
    byteOrder: 'le',
    versionMajor: 2,
    versionMinor: 4,
    interfaces: [{ id: 0, linktype, snaplen: DEFAULT_SNAPLEN, tsDigits: tsDigits > 6 ? 9 : 6 }],
    comments: [],
    compressed: false,
  };
}

/**
 * `-w FILE`: the frames as a classic pcap (or pcapng, with the interfaces' names and the hosts' names
 * in a Name Resolution Block, for FILE.pcapng), written as they arrive and flushed after every chunk, so the
 * file is a valid capture whenever the program stops. Only whole frames are written, and synchronously
 * (a flush is on disk before it returns, even if the process exits right after). The file is opened at
 * once (an unwritable path fails before capturing); the header follows with the first frame, whose link
 * type and timestamp precision it takes.
 */
export class PcapFileSink {
  private writer: PcapWriter | undefined;
  private ng: PcapngWriter | undefined;
  private readonly stream: Writable;
  private linktype: number | undefined;
  /** Frames not written because their link type differs from the file's (one pcap = one link type). */
  skipped = 0;
  /** pcapng: the interfaces declared so far, in id order. */
  private readonly ngIfaces: CaptureInterface[] = [];
  private readonly ngNames: HostName[] = [];

  private constructor(
    readonly path: string,
    fd: number,
    /** pcapng (with interface names and a Name Resolution Block) instead of classic pcap. */
    readonly pcapng: boolean,
  ) {
    let closed = false;
    const close = (): void => {
      if (closed) return;
      closed = true;
      try {
        closeSync(fd);
      } catch {
        // already closed
      }
    };
    this.stream = new Writable({
      write(chunk: Buffer, _enc, cb) {
        try {
          writeSync(fd, chunk);
          cb();
        } catch (e) {
          cb(e as Error);
        }
      },
      final(cb) {
        close();
        cb();
      },
      destroy(err, cb) {
        close();
        cb(err);
      },
    });
    if (pcapng) this.ng = new PcapngWriter(this.stream);
  }

  /** Opens FILE for writing: pcapng when `pcapng` is true, classic pcap otherwise. */
  static open(path: string, pcapng = false): PcapFileSink {
    let fd: number;
    try {
      fd = openSync(path, 'w');
    } catch (e) {
      const err = e as NodeJS.ErrnoException;
      throw new LiveError(LIVE_ERROR.OUTPUT, { path, reason: err.code ?? err.message });
    }
    return new PcapFileSink(path, fd, pcapng);
  }

  get frames(): number {
    return this.ng?.framesWritten ?? this.writer?.framesWritten ?? 0;
  }

  /** Link type and precision of the file (once a frame was written). */
  get header(): CaptureHeaderInfo | undefined {
    if (this.ng) {
      const h: CaptureHeaderInfo = {
        format: 'pcapng',
        byteOrder: 'le',
        versionMajor: 1,
        versionMinor: 0,
        interfaces: this.ngIfaces,
        comments: [],
        compressed: false,
        sections: 1,
        application: 'pcap-explain',
      };
      if (this.ngNames.length) h.names = this.ngNames;
      return h;
    }
    if (this.linktype === undefined) return undefined;
    return savedCaptureHeader(this.linktype, this.nano ? 9 : 6);
  }

  private nano = false;

  /**
   * Address → name pairs for the file (pcapng: an NRB, written before the next packets); names of
   * addresses already named are left out. Classic pcap cannot hold names: ignored.
   */
  names(list: readonly HostName[]): void {
    if (!this.ng) return;
    const known = new Set(this.ngNames.map((n) => n.address));
    const fresh = list.filter((n) => !known.has(n.address));
    if (fresh.length === 0) return;
    this.ngNames.push(...fresh);
    this.ng.names(fresh);
  }

  write(f: RawFrame, iface?: string): boolean {
    if (this.ng) {
      if (this.linktype === undefined) {
        this.linktype = f.linktype;
        this.nano = f.tsDigits > 6;
      }
      const before = this.ngIfaces.length;
      const nano = f.tsDigits > 6;
      const id = this.ng.interfaceFor({
        linktype: f.linktype,
        name: iface,
        tsDigits: nano ? 9 : 6,
        snaplen: DEFAULT_SNAPLEN,
      });
      if (id === before) {
        const ci: CaptureInterface = {
          id,
          linktype: f.linktype,
          snaplen: DEFAULT_SNAPLEN,
          tsDigits: nano ? 9 : 6,
          section: 0,
        };
        if (iface !== undefined) ci.name = iface;
        this.ngIfaces.push(ci);
      }
      this.ng.write(id, { tsSec: f.tsSec, tsNsec: f.tsNsec, data: f.data, len: f.len });
      return true;
    }
    if (!this.writer) {
      this.linktype = f.linktype;
      this.nano = f.tsDigits > 6;
      this.writer = new PcapWriter(this.stream, { linktype: f.linktype, nano: this.nano });
    } else if (f.linktype !== this.linktype) {
      this.skipped++;
      return false;
    }
    this.writer.write({ tsSec: f.tsSec, tsNsec: f.tsNsec, data: f.data, len: f.len });
    return true;
  }

  flush(): void {
    this.ng?.flush();
    this.writer?.flush();
  }

  /** Writes the header if no frame came (an empty capture is still a valid file), flushes and closes. */
  async close(linktype = 1): Promise<void> {
    if (this.ng) {
      await this.ng.end();
      return;
    }
    if (!this.writer) {
      this.linktype = linktype;
      this.writer = new PcapWriter(this.stream, { linktype });
    }
    await this.writer.end();
  }

  /** Closes synchronously-ish on a fatal path (best effort). */
  destroy(): void {
    try {
      this.stream.destroy();
    } catch {
      // nothing to add
    }
  }
}
