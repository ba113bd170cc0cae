/**
 * `pcap-explain check CAPTURE --expect SPEC [--golden FILE]`: declarative assertions over a capture.
 * Exit 0 all hold, 3 some fail, 1 unreadable capture/spec or usage, 2 damaged capture (unless the spec
 * expects the damage). Several captures (files, directories, globs): one matrix (check-many.ts).
 */
import { writeFileSync } from 'node:fs';
import type { Argv } from 'yargs';
import { analyzeFile, CaptureError } from '../../analyze.js';
import {
  checkModel,
  type LoadedGolden,
  type LoadedSpec,
  loadGolden,
  loadSpec,
  renderReport,
  SnapshotError,
  SpecError,
  toJUnit,
} from '../../check/index.js';
import { expandCaptureArgs } from '../files.js';
import { HEAP_GROWTH, heapGrowth } from '../heap.js';
import { cannotWrite, EXIT, openOutput, STDIN_ARG, useColor } from '../io.js';
import { LIMIT_OPTION, limitsFromArgs } from '../limits.js';
import { runCheckMany } from './check-many.js';
import { type CommandModule, defineCommand } from './types.js';

export interface CheckArgs {
  file: string;
  /** More captures (files, directories, globs): the matrix of check-many.ts. */
  more?: string[];
  jobs?: number;
  /** Matrix: the actual value in each cell. */
  values?: boolean;
  expect?: string[];
  golden?: string;
  mask?: string[];
  format: 'text' | 'json' | 'csv';
  output?: string;
  junit?: string;
  quiet: boolean;
  color?: boolean;
  /** --limit NAME=VALUE, repeatable (docs/limits.md). */
  limit?: string | string[];
}

function fail(msg: string): number {
  process.stderr.write(`pcap-explain: ${msg}\n`);
  return EXIT.UNREADABLE;
}

export async function runCheck(args: CheckArgs): Promise<number> {
  heapGrowth(HEAP_GROWTH.keep); // every frame is kept (see heap.ts)
  if (args.file === STDIN_ARG) args.file = '-';
  const specPaths = (args.expect ?? []).map((p) => (p === STDIN_ARG ? '-' : p));
  if (!specPaths.length && !args.golden) return fail('check needs --expect SPEC, --golden FILE, or both');
  const limits = limitsFromArgs(args.limit);
  if ('error' in limits) return fail(limits.error);
  let specs: LoadedSpec[];
  let golden: LoadedGolden | undefined;
  try {
    specs = specPaths.map(loadSpec);
    if (args.golden) golden = loadGolden(args.golden);
  } catch (err) {
    if (err instanceof SpecError || err instanceof SnapshotError) return fail(err.message);
    throw err;
  }
  const named = [args.file, ...(args.more ?? []).map(String)];
  if (named.length > 1 || args.format === 'csv' || args.values) {
    if (named.some((f) => f === '-')) return fail('standard input (-) can only be checked on its own');
  }
  const { files, expanded, error } = named.includes('-') ? { files: named, expanded: false } : expandCaptureArgs(named);
  if (error) return fail(error);
  if (files.length === 0) return fail(`no capture in ${named.join(' ')}`);
  if (files.length > 1 || expanded || args.format === 'csv' || args.values) {
    const job: Parameters<typeof runCheckMany>[1] = { specs, limits };
    if (golden) job.golden = golden;
    if (args.mask?.length) job.masks = args.mask;
    const many: Parameters<typeof runCheckMany>[2] = { format: args.format, quiet: args.quiet };
    if (args.output !== undefined) many.output = args.output;
    if (args.junit !== undefined) many.junit = args.junit;
    if (args.color !== undefined) many.color = args.color;
    if (args.values !== undefined) many.values = args.values;
    if (args.jobs !== undefined) many.jobs = args.jobs;
    return runCheckMany(files, job, many);
  }
  args.file = files[0]!;
  const started = performance.now();
  let model: Awaited<ReturnType<typeof analyzeFile>>;
  try {
    model = await analyzeFile(args.file, { fileName: args.file === '-' ? '(stdin)' : args.file, limits });
  } catch (err) {
    if (err instanceof CaptureError) return fail(`${args.file}: ${err.message}`);
    throw err;
  }
  const opts: { golden?: LoadedGolden; masks?: string[] } = {};
  if (golden) opts.golden = golden;
  if (args.mask?.length) opts.masks = args.mask;
  const report = checkModel(model, specs, opts);
  const seconds = (performance.now() - started) / 1000;

  const sink = await openOutput(args.output);
  if (!sink) return EXIT.UNREADABLE;
  if (args.format !== 'text') sink.write(`${JSON.stringify(report, null, 2)}\n`);
  else sink.write(renderReport(report, { color: useColor(args.color, sink), quiet: args.quiet }));
  await sink.close();
  if (args.junit) {
    try {
      writeFileSync(args.junit, toJUnit(report, { time: seconds }));
    } catch (err) {
      return fail(cannotWrite(args.junit, err));
    }
  }
  for (const w of model.capture.warnings) process.stderr.write(`pcap-explain: ${args.file}: ${w.text}\n`);
  return report.exit;
}

export const checkCommand: CommandModule = defineCommand({
  command: 'check <file> [more..]',
  describe:
    'Check captures against expectations (--expect SPEC.yaml) and/or a golden snapshot (--golden); several captures give a matrix',
  builder: (y: Argv) =>
    y
      .positional('file', {
        type: 'string',
        describe: 'capture file, directory or glob, or - for stdin',
        demandOption: true,
      })
      .positional('more', {
        type: 'string',
        array: true,
        describe: 'more captures (files, directories, globs): one row each in a matrix, checked in worker threads',
      })
      .option('jobs', {
        alias: 'j',
        type: 'number',
        describe: 'worker threads for several captures (default: one per CPU core)',
      })
      .option('values', {
        type: 'boolean',
        describe: 'matrix: show the actual value beside ✓/✗ in each cell',
      })
      .option('expect', {
        alias: 'e',
        type: 'string',
        array: true,
        requiresArg: true,
        describe: 'spec file (YAML or JSON, docs/check.md); may be given several times',
      })
      .option('golden', {
        alias: 'g',
        type: 'string',
        requiresArg: true,
        describe: "golden snapshot written by 'pcap-explain snapshot' to compare with",
      })
      .option('mask', {
        type: 'string',
        array: true,
        requiresArg: true,
        describe: 'with --golden: also ignore this path (dotted, * and ** wildcards)',
      })
      .option('format', {
        alias: 'f',
        choices: ['text', 'json', 'csv'] as const,
        default: 'text' as const,
        describe: 'output format (csv: the matrix of several captures)',
      })
      .option('output', { alias: 'o', type: 'string', describe: 'write the report to FILE instead of stdout' })
      .option('junit', {
        type: 'string',
        requiresArg: true,
        describe: 'also write JUnit XML to FILE (for CI dashboards)',
      })
      .option('quiet', { alias: 'q', type: 'boolean', default: false, describe: 'list only failed expectations' })
      .option('color', { type: 'boolean', describe: 'colour output (default: on a terminal unless NO_COLOR is set)' })
      .option('limit', LIMIT_OPTION)
      .example('$0 check lab.pcap --expect lab.yaml', 'each expectation ✓/✗; exit 3 if one fails')
      .example('$0 check lab.pcap -e lab.yaml --junit out.xml', 'also write JUnit XML for CI')
      .example('$0 check hand-ins/ -e lab.yaml --junit class.xml', 'a matrix: one row per capture of the folder')
      .example(
        '$0 check lab.pcap --golden golden.json',
        "compare with 'pcap-explain snapshot lab.pcap -o golden.json'",
      ),
  run: (a) => runCheck(a),
});

export { snapshotCommand } from './snapshot.js';
