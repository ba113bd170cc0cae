/**
 * Library API for test suites: `checkCapture(file, spec)` analyses a capture and evaluates a spec
 * (an object, or the path of a YAML/JSON file) and/or a golden snapshot; `checkModel` does the same on a
 * model already at hand. Results are typed (CheckReport); docs/check.md has an example vitest test.
 */
import { readFileSync } from 'node:fs';
import type { AnalysisModel } from '../analysis/model.js';
import { type AnalyzeOptions, analyzeFile } from '../analyze.js';
import { evaluateSpec } from './evaluate.js';
import { compareGolden, parseSnapshot, type Snapshot, SnapshotError } from './snapshot.js';
import { type LoadedSpec, loadSpec, specName, validateSpec } from './spec.js';
import type { CheckReport, CheckResult, CheckSpec } from './types.js';

export { type JUnitOptions, toJUnit } from './junit.js';
export { getPath, matches } from './match.js';
export {
  buildMatrix,
  type CheckMatrix,
  type MatrixCell,
  type MatrixColumn,
  type MatrixInput,
  type MatrixRow,
  type MatrixTextOptions,
  matrixCsv,
  matrixJUnit,
  type RowStatus,
  renderMatrix,
} from './matrix.js';
export { type RenderOptions, renderReport } from './render.js';
export {
  applyMasks,
  compareGolden,
  DEFAULT_MASKS,
  diffValues,
  parseSnapshot,
  SNAPSHOT_ID,
  type Snapshot,
  SnapshotError,
  snapshotModel,
  snapshotText,
} from './snapshot.js';
export { type LoadedSpec, loadSpec, parseSpec, SpecError, validateSpec } from './spec.js';
export { KEYWORDS } from './tokens.js';
export type * from './types.js';

export interface CheckOptions {
  /** A golden snapshot: the path of a file written by `pcap-explain snapshot`, or the snapshot itself. */
  golden?: Snapshot | string | LoadedGolden;
  /** Extra paths to mask in the golden comparison. */
  masks?: string[];
  /** Options for the analysis (checkCapture only). */
  analyze?: AnalyzeOptions;
}

type SpecInput = CheckSpec | string | LoadedSpec;

function normalise(specs: SpecInput | SpecInput[] | undefined): LoadedSpec[] {
  const list = specs === undefined ? [] : Array.isArray(specs) ? specs : [specs];
  return list.map((s) => {
    if (typeof s === 'string') return loadSpec(s);
    if ('source' in s && 'spec' in s && typeof (s as LoadedSpec).source === 'string') return s as LoadedSpec;
    return { source: '(inline)', spec: validateSpec(s, '(inline)') };
  });
}

/** A golden snapshot with the name of where it came from. */
export interface LoadedGolden {
  source: string;
  snapshot: Snapshot;
}

/** Read a golden file (throws SnapshotError). */
export function loadGolden(g: Snapshot | string | LoadedGolden): LoadedGolden {
  if (typeof g !== 'string') {
    return typeof g.snapshot === 'object' ? (g as LoadedGolden) : { source: '(inline)', snapshot: g as Snapshot };
  }
  let text: string;
  try {
    text = readFileSync(g, 'utf8');
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    throw new SnapshotError(
      g,
      `cannot read the golden file: ${e.code === 'ENOENT' ? 'no such file' : (e.code ?? e.message)}`,
    );
  }
  return { source: g, snapshot: parseSnapshot(text, g) };
}

/** Assemble a report from results (exit code, counts, failure lines). */
export function buildReport(model: AnalysisModel, sources: string[], results: CheckResult[]): CheckReport {
  const failed = results.filter((r) => !r.ok);
  const damageExpected = model.capture.damaged && results.some((r) => r.id === 'capture.damaged' && r.ok);
  const exit: 0 | 2 | 3 = model.capture.damaged && !damageExpected ? 2 : failed.length ? 3 : 0;
  return {
    schema: 'pcap-explain-check/1',
    capture: model.capture.file,
    sources,
    ok: failed.length === 0 && exit === 0,
    total: results.length,
    passed: results.length - failed.length,
    failed: failed.length,
    damaged: model.capture.damaged,
    damage_expected: damageExpected,
    exit,
    results,
    failures: failed.map(
      (r) =>
        `${r.name}: expected ${r.expected}, actual ${r.actual}` +
        (r.details?.length ? ` [${r.details.slice(0, 6).join('; ')}${r.details.length > 6 ? '; …' : ''}]` : ''),
    ),
  };
}

function run(
  model: AnalysisModel,
  specs: LoadedSpec[],
  golden: LoadedGolden | undefined,
  masks?: string[],
): CheckReport {
  if (!specs.length && !golden) throw new TypeError('pcap-explain check: give a spec, a golden snapshot, or both');
  const results: CheckResult[] = [];
  const sources: string[] = [];
  const suites = new Set<string>();
  for (const s of specs) {
    sources.push(s.source);
    // Two specs with the same name stay two suites (JUnit groups by suite).
    let suite = specName(s.spec, s.source);
    if (suites.has(suite)) suite = `${suite} (${s.source})`;
    suites.add(suite);
    results.push(...evaluateSpec(model, s.spec, suite));
  }
  if (golden) {
    sources.push(`golden ${golden.source}`);
    const opts: { source: string; masks?: string[] } = { source: golden.source };
    if (masks) opts.masks = masks;
    results.push(compareGolden(model, golden.snapshot, opts));
  }
  return buildReport(model, sources, results);
}

/**
 * Evaluate specs (objects, file paths, or loaded specs) and/or a golden snapshot over a model.
 * Throws SpecError for an invalid spec and SnapshotError for an unreadable golden file.
 */
export function checkModel(
  model: AnalysisModel,
  spec?: SpecInput | SpecInput[],
  options: Omit<CheckOptions, 'analyze'> = {},
): CheckReport {
  const golden = options.golden === undefined ? undefined : loadGolden(options.golden);
  return run(model, normalise(spec), golden, options.masks);
}

/**
 * Analyse a capture and check it. `spec` is a spec object, the path of a YAML/JSON spec, or a list of them.
 *
 * ```ts
 * const report = await checkCapture('fixtures/zmq-reqrep.pcap', {
 *   conversations: [{ match: { server: ':5555' }, handshake: 'complete', close: 'fin' }],
 * });
 * expect(report.failures).toEqual([]);
 * ```
 * Throws CaptureError when the file is not a readable capture (a damaged one is checked: report.damaged),
 * SpecError for an invalid spec, SnapshotError for an unreadable golden file.
 */
export async function checkCapture(
  capture: string,
  spec?: SpecInput | SpecInput[],
  options: CheckOptions = {},
): Promise<CheckReport> {
  // Read the spec (and golden) first: a bad spec is reported before a long analysis.
  const specs = normalise(spec);
  const golden = options.golden === undefined ? undefined : loadGolden(options.golden);
  if (!specs.length && !golden) throw new TypeError('checkCapture: give a spec, a golden snapshot, or both');
  const model = await analyzeFile(capture, options.analyze ?? {});
  return run(model, specs, golden, options.masks);
}
