/**
 * `pcap-explain analyze FILES… --log DIR` (issue 23): the dataset of a course, Zeek-style JSON Lines logs
 * (src/dataset/logs.ts, docs/dataset.md) instead of a report. One capture is analysed here; several are
 * analysed in a fixed pool of worker threads (`-j N`), each writing its capture's records to files of its
 * own, which are appended to DIR's logs in the order the captures were given as soon as they and the ones
 * before them are done: the logs are the same as one capture after the other, and memory is that of the
 * captures being analysed, never of the whole run.
 */
import { createReadStream } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { logCapture } from '../../dataset/capture.js';
import { LOG_NAMES, type LogName } from '../../dataset/logs.js';
import type { Limits } from '../../limits.js';
import { EXIT, openSink, type Sink } from '../io.js';
import { jobCount } from './analyze-many.js';

/** What a worker is given: one capture and the directory its four log files go to. */
export interface LogJob {
  file: string;
  dir: string;
  limits: Partial<Limits>;
}

export interface LogOutcome {
  code: number;
  error?: string;
  warnings?: string[];
}

type Sinks = Record<LogName, Sink>;

async function openLogs(dir: string, prefix = ''): Promise<Sinks> {
  const out = {} as Sinks;
  for (const name of LOG_NAMES) out[name] = await openSink(join(dir, `${prefix}${name}.jsonl`));
  return out;
}

async function closeLogs(sinks: Sinks): Promise<void> {
  for (const name of LOG_NAMES) await sinks[name].close();
}

/** Waits while any log's output is behind. */
function paceOf(sinks: Sinks): () => Promise<void> | undefined {
  return () => {
    const waits = LOG_NAMES.map((n) => sinks[n].drained?.()).filter((p) => p !== undefined);
    return waits.length ? Promise.all(waits).then(() => undefined) : undefined;
  };
}

async function logInto(file: string, sinks: Sinks, limits: Partial<Limits>): Promise<LogOutcome> {
  const res = await logCapture(file === '-' ? '-' : file, (log, line) => sinks[log].write(line), {
    limits,
    pace: paceOf(sinks),
    ...(file === '-' ? { name: '(stdin)' } : {}),
  });
  if (res.error !== undefined) return { code: EXIT.UNREADABLE, error: res.error };
  return { code: res.damaged ? EXIT.DAMAGED : EXIT.OK, warnings: res.warnings };
}

/** In a worker: the capture's records into `job.dir`/{captures,conn,messages,notes}.jsonl. */
export async function logOneCapture(job: LogJob): Promise<LogOutcome> {
  let sinks: Sinks | undefined;
  try {
    sinks = await openLogs(job.dir);
    return await logInto(job.file, sinks, job.limits);
  } catch (err) {
    return { code: EXIT.UNREADABLE, error: `internal error: ${err instanceof Error ? err.message : String(err)}` };
  } finally {
    if (sinks) await closeLogs(sinks).catch(() => undefined);
  }
}

function runWorker(job: LogJob): Promise<LogOutcome> {
  return new Promise((resolve) => {
    const w = new Worker(new URL('../log-worker.js', import.meta.url), { workerData: job });
    let out: LogOutcome | undefined;
    w.on('message', (m: LogOutcome) => {
      out = m;
    });
    w.on('error', (err) => {
      out ??= { code: EXIT.UNREADABLE, error: `internal error: ${err.message}` };
    });
    w.on('exit', () => resolve(out ?? { code: EXIT.UNREADABLE, error: 'internal error: the worker stopped' }));
  });
}

/** Appends a finished file to a log, chunk by chunk, counting its lines. */
async function append(path: string, sink: Sink): Promise<number> {
  let lines = 0;
  const rs = createReadStream(path, { encoding: 'utf8', highWaterMark: 1 << 16 });
  for await (const chunk of rs) {
    const s = chunk as string;
    for (let i = s.indexOf('\n'); i >= 0; i = s.indexOf('\n', i + 1)) lines++;
    sink.write(s);
    await sink.drained?.();
  }
  return lines;
}

function report(file: string, o: LogOutcome): void {
  if (o.error !== undefined) process.stderr.write(`pcap-explain: ${file}: ${o.error}\n`);
  for (const w of o.warnings ?? []) process.stderr.write(`pcap-explain: ${file}: ${w}\n`);
}

/** The run's exit code: unreadable (1) if any capture could not be read, else damaged (2) if any was, else 0. */
function worst(codes: readonly number[]): number {
  if (codes.includes(EXIT.UNREADABLE)) return EXIT.UNREADABLE;
  return codes.includes(EXIT.DAMAGED) ? EXIT.DAMAGED : EXIT.OK;
}

export async function runAnalyzeLog(
  files: readonly string[],
  dir: string,
  limits: Partial<Limits>,
  jobs?: number,
): Promise<number> {
  if (files.length > 1 && files.includes('-')) {
    process.stderr.write('pcap-explain: standard input (-) can only be analysed on its own\n');
    return EXIT.UNREADABLE;
  }
  let sinks: Sinks;
  try {
    await mkdir(dir, { recursive: true });
    sinks = await openLogs(dir);
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    process.stderr.write(`pcap-explain: cannot write the logs in ${dir}: ${e.code ?? e.message}\n`);
    return EXIT.UNREADABLE;
  }
  const counts: Record<LogName, number> = { captures: 0, conn: 0, messages: 0, notes: 0 };
  const codes: number[] = [];
  if (files.length === 1) {
    const counting = {} as Sinks;
    for (const name of LOG_NAMES) {
      const s = sinks[name];
      counting[name] = {
        ...s,
        write: (line: string) => {
          counts[name]++;
          s.write(line);
        },
        close: () => s.close(),
        drained: () => s.drained?.(),
        isTTY: false,
      };
    }
    const o = await logInto(files[0]!, counting, limits);
    report(files[0]!, o);
    codes.push(o.code);
  } else {
    const tmp = await mkdtemp(join(dir, '.pcap-explain-'));
    try {
      const done: Array<Promise<LogOutcome>> = [];
      const release: Array<(o: LogOutcome) => void> = [];
      for (let i = 0; i < files.length; i++) done.push(new Promise((res) => release.push(res)));
      let next = 0;
      const pool = async (): Promise<void> => {
        while (next < files.length) {
          const i = next++;
          const part = join(tmp, String(i));
          await mkdir(part);
          release[i]!(await runWorker({ file: files[i]!, dir: part, limits }));
        }
      };
      const workers = Array.from({ length: jobCount(files.length, jobs) }, pool);
      for (let i = 0; i < files.length; i++) {
        const o = await done[i]!;
        report(files[i]!, o);
        codes.push(o.code);
        const part = join(tmp, String(i));
        for (const name of LOG_NAMES)
          counts[name] += await append(join(part, `${name}.jsonl`), sinks[name]).catch(() => 0);
        await rm(part, { recursive: true, force: true });
      }
      await Promise.all(workers);
    } finally {
      await rm(tmp, { recursive: true, force: true });
    }
  }
  try {
    await closeLogs(sinks);
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    process.stderr.write(`pcap-explain: cannot write the logs in ${dir}: ${e.code ?? e.message}\n`);
    return EXIT.UNREADABLE;
  }
  process.stdout.write(
    `${LOG_NAMES.map((n) => `${join(dir, `${n}.jsonl`)}: ${counts[n]} record${counts[n] === 1 ? '' : 's'}`).join('\n')}\n`,
  );
  return worst(codes);
}
