/**
 * `pcap-explain analyze a.pcap b.pcap …`: several captures at once, one worker thread per capture (issue 8:
 * one core is the limit of a single analysis, a lab hands in several captures). Each worker runs the same
 * `analyze` on its file into a temporary file; the reports are copied to the output in the order given, each
 * as soon as it and the ones before it are done, so the output is the same as analysing them one by one.
 *
 * Text and Markdown reports follow each other under a `==> FILE <==` line (as `head`/`tail` print several
 * files); JSON becomes an array of models; HTML is one page per capture, so it takes a single file.
 */
import { createReadStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { youngLimits } from '../heap.js';
import { cannotWrite, EXIT, openSink, type Sink, STDIN_ARG, useColor } from '../io.js';
import type { AnalyzeArgs } from './analyze.js';
import { youngSemiSpace } from './analyze-frames.js';

/** What a worker is given: the arguments of a one-file `analyze`, writing to a temporary file. */
export interface WorkerJob {
  args: AnalyzeArgs;
}

/** The run's exit code: unreadable (1) if any capture could not be read, else damaged (2) if any was, else 0. */
function worst(codes: readonly number[]): number {
  if (codes.includes(EXIT.UNREADABLE)) return EXIT.UNREADABLE;
  return codes.includes(EXIT.DAMAGED) ? EXIT.DAMAGED : EXIT.OK;
}

/** How many workers: --jobs, else one per core, never more than the files. */
export function jobCount(files: number, jobs: number | undefined): number {
  const cores = typeof availableParallelism === 'function' ? availableParallelism() : 2;
  const want = jobs !== undefined && jobs > 0 ? Math.floor(jobs) : cores;
  return Math.max(1, Math.min(files, want));
}

function runWorker(job: WorkerJob): Promise<number> {
  // the young generation of the explained paths (see heap.ts: V8's flags are the process's)
  const mib = youngSemiSpace(job.args);
  return new Promise((resolve) => {
    const w = new Worker(new URL('../analyze-worker.js', import.meta.url), {
      workerData: job,
      ...(mib !== undefined ? { resourceLimits: youngLimits(mib) } : {}),
    });
    let code: number = EXIT.UNREADABLE;
    w.on('message', (m: { code: number }) => {
      code = m.code;
    });
    w.on('error', (err) => {
      process.stderr.write(`pcap-explain: ${job.args.file}: ${err.message}\n`);
      code = EXIT.UNREADABLE;
    });
    w.on('exit', () => resolve(code));
  });
}

/** Copies a finished report to the sink, chunk by chunk (reports can be large), as fast as the output takes it. */
async function copyInto(path: string, sink: Sink): Promise<void> {
  const rs = createReadStream(path, { encoding: 'utf8', highWaterMark: 1 << 16 });
  for await (const chunk of rs) {
    if (sink.broken) break;
    sink.write(chunk as string);
    await sink.drained?.();
  }
  rs.destroy();
}

export async function runAnalyzeMany(args: AnalyzeArgs, files: readonly string[], jobs?: number): Promise<number> {
  if (files.some((f) => f === STDIN_ARG || f === '-')) {
    process.stderr.write('pcap-explain: standard input (-) can only be analysed on its own\n');
    return EXIT.UNREADABLE;
  }
  if (args.format === 'html') {
    process.stderr.write('pcap-explain: an HTML report holds one capture: give one file per report (-o FILE.html)\n');
    return EXIT.UNREADABLE;
  }
  let sink: Sink;
  try {
    sink = await openSink(args.output);
  } catch (err) {
    process.stderr.write(`pcap-explain: ${cannotWrite(args.output ?? '-', err)}\n`);
    return EXIT.UNREADABLE;
  }
  const color = useColor(args.color, sink);
  const dir = await mkdtemp(join(tmpdir(), 'pcap-explain-'));
  const codes: number[] = new Array(files.length).fill(EXIT.UNREADABLE);
  const done: Array<Promise<void>> = [];
  const release: Array<() => void> = [];
  for (let i = 0; i < files.length; i++) done.push(new Promise<void>((res) => release.push(res)));
  try {
    // A fixed pool: each worker takes the next file when it is free.
    let next = 0;
    const pool = async (): Promise<void> => {
      while (next < files.length) {
        const i = next++;
        const out = join(dir, `${i}.out`);
        codes[i] = await runWorker({ args: { ...args, file: files[i]!, output: out, color } });
        release[i]!();
      }
    };
    const workers = Array.from({ length: jobCount(files.length, jobs) }, pool);
    const json = args.format === 'json';
    if (json) sink.write('[\n');
    for (let i = 0; i < files.length; i++) {
      await done[i];
      if (json) {
        if (i > 0) sink.write(',\n');
      } else sink.write(`${i > 0 ? '\n' : ''}==> ${files[i]} <==\n`);
      // An unreadable capture has its message on stderr; in JSON it leaves a null in its place.
      if (codes[i] !== EXIT.UNREADABLE) await copyInto(join(dir, `${i}.out`), sink).catch(() => undefined);
      else if (json) sink.write('null');
    }
    if (json) sink.write('\n]\n');
    await Promise.all(workers);
  } finally {
    await sink.close();
    await rm(dir, { recursive: true, force: true });
  }
  return worst(codes);
}
