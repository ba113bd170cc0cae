/**
 * `pcap-explain check FILES… --expect SPEC` (issue 23): a lecturer's folder of hand-ins against the lab's
 * spec. Each capture is analysed and checked in a worker thread of its own (a fixed pool of `-j N`, as
 * `analyze` does with several files); the reports come back to this thread, which prints one matrix: a row
 * per capture (the unreadable and the damaged ones too), a column per expectation, a total line
 * (src/check/matrix.ts). Exit 3 when an expectation failed in any capture, else 1 when one could not be
 * read, else 2 when one was damaged.
 */
import { writeFileSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import { analyzeFile, CaptureError } from '../../analyze.js';
import {
  buildMatrix,
  checkModel,
  type LoadedGolden,
  type LoadedSpec,
  type MatrixInput,
  matrixCsv,
  matrixJUnit,
  renderMatrix,
} from '../../check/index.js';
import type { Limits } from '../../limits.js';
import { EXIT, openOutput, useColor } from '../io.js';
import { jobCount } from './analyze-many.js';

/** What a worker is given: one capture and everything the check of it needs. */
export interface CheckJob {
  file: string;
  specs: LoadedSpec[];
  golden?: LoadedGolden;
  masks?: string[];
  limits: Partial<Limits>;
}

/** Frames kept per result in a row (the matrix and JUnit show at most 20 ranges). */
const MAX_FRAMES = 100;

/** Analyse and check one capture; an unreadable one (or a bug) is a row of its own, never a throw. */
export async function checkCaptureJob(job: CheckJob): Promise<MatrixInput> {
  const started = performance.now();
  try {
    const model = await analyzeFile(job.file, { limits: job.limits });
    const opts: { golden?: LoadedGolden; masks?: string[] } = {};
    if (job.golden) opts.golden = job.golden;
    if (job.masks?.length) opts.masks = job.masks;
    const report = checkModel(model, job.specs, opts);
    for (const r of report.results) {
      if (r.frames.length > MAX_FRAMES) r.frames = r.frames.slice(0, MAX_FRAMES);
      delete r.diff; // golden: every difference is in details' first lines already
    }
    return {
      capture: job.file,
      report,
      warnings: model.capture.warnings.map((w) => w.text),
      time: (performance.now() - started) / 1000,
    };
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    return {
      capture: job.file,
      error: err instanceof CaptureError ? message : `internal error: ${message}`,
      time: (performance.now() - started) / 1000,
    };
  }
}

function runWorker(job: CheckJob): Promise<MatrixInput> {
  return new Promise((resolve) => {
    const w = new Worker(new URL('../check-worker.js', import.meta.url), { workerData: job });
    let result: MatrixInput | undefined;
    w.on('message', (m: MatrixInput) => {
      result = m;
    });
    w.on('error', (err) => {
      result ??= { capture: job.file, error: `internal error: ${err.message}` };
    });
    w.on('exit', () => resolve(result ?? { capture: job.file, error: 'internal error: the worker stopped' }));
  });
}

export interface CheckManyArgs {
  format: 'text' | 'json' | 'csv';
  output?: string;
  junit?: string;
  quiet: boolean;
  color?: boolean;
  values?: boolean;
  jobs?: number;
}

export async function runCheckMany(
  files: readonly string[],
  job: Omit<CheckJob, 'file'>,
  args: CheckManyArgs,
): Promise<number> {
  const inputs: MatrixInput[] = new Array(files.length);
  let next = 0;
  const pool = async (): Promise<void> => {
    while (next < files.length) {
      const i = next++;
      inputs[i] = await runWorker({ ...job, file: files[i]! });
    }
  };
  await Promise.all(Array.from({ length: jobCount(files.length, args.jobs) }, pool));
  const matrix = buildMatrix(inputs);
  const sink = await openOutput(args.output);
  if (!sink) return EXIT.UNREADABLE;
  if (args.format === 'json') sink.write(`${JSON.stringify(matrix, null, 2)}\n`);
  else if (args.format === 'csv') sink.write(matrixCsv(matrix, { values: args.values ?? false }));
  else {
    sink.write(
      renderMatrix(matrix, { color: useColor(args.color, sink), quiet: args.quiet, values: args.values ?? false }),
    );
  }
  await sink.close();
  if (args.junit) {
    try {
      writeFileSync(args.junit, matrixJUnit(inputs, matrix));
    } catch (err) {
      const e = err as NodeJS.ErrnoException;
      process.stderr.write(`pcap-explain: cannot write ${args.junit}: ${e.code ?? e.message}\n`);
      return EXIT.UNREADABLE;
    }
  }
  return matrix.exit;
}
