/**
 * Golden snapshots: the model minus what is volatile, written with sorted keys, and compared with a
 * readable diff (path, expected, actual), in the manner of Zeek's btest baselines with masked fields.
 *
 * What is volatile (DEFAULT_MASKS): for a committed capture file everything derived from its bytes is
 * stable — ports, addresses, sequence numbers, TSvals, IP ids, MACs, payloads. What changes without the
 * capture changing is masked: the tool version, the path the file was given by, absolute times and
 * durations (they also differ between µs and ns copies of the same traffic), measured times (RTTs,
 * latencies, delays; floating-point sums that may differ in the last digit between versions), and prose
 * (every `text` key: note texts, the story's and the overview's sentences; `explain`; `overview.summary`),
 * which depends on --lang and on catalogue wording. The codes, severities and parameters of notes stay,
 * and so does the Info column (`frames[].summary`), which is protocol notation in every language. `--mask` adds paths (for example the ephemeral
 * ports of a capture re-made on every CI run).
 */
import type { AnalysisModel } from '../analysis/model.js';
import { isJsonObject } from '../json.js';
import { jsonEqual, show } from './match.js';
import type { CheckResult, SnapshotDifference } from './types.js';

export const SNAPSHOT_ID = 'pcap-explain-snapshot/1';

/**
 * Paths left out of a snapshot. Dotted; `*` is any one key or array index (or part of a key, as in
 * `*_latency`), `**` any number of levels.
 */
export const DEFAULT_MASKS: readonly string[] = [
  'tool',
  'capture.file',
  'capture.start',
  'capture.end',
  'capture.duration',
  'frames.*.ts',
  'frames.*.rel',
  'conversations.*.start',
  'conversations.*.duration',
  '**.rtt',
  '**.*_rtt',
  '**.latency',
  '**.*_latency',
  '**.delay',
  '**.*_delay',
  '**.age',
  '**.text',
  '**.explain',
  '**.lang',
  'overview.summary',
];

export interface Snapshot {
  snapshot: typeof SNAPSHOT_ID;
  /** Masks applied (defaults plus --mask); `check --golden` applies the same ones. */
  masked: string[];
  model: unknown;
}

export class SnapshotError extends Error {
  constructor(
    readonly source: string,
    message: string,
  ) {
    super(`${source}: ${message}`);
    this.name = 'SnapshotError';
  }
}

type Seg = string | RegExp;

function compile(mask: string): Seg[] {
  return mask.split('.').map((s) => {
    if (s === '**') return '**';
    if (!s.includes('*')) return s;
    return new RegExp(`^${s.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*')}$`);
  });
}

function segMatch(seg: Seg, key: string): boolean {
  return typeof seg === 'string' ? seg === key : seg.test(key);
}

function pathMatch(pat: Seg[], path: string[], pi = 0, si = 0): boolean {
  if (pi === pat.length) return si === path.length;
  const seg = pat[pi]!;
  if (seg === '**') {
    for (let k = si; k <= path.length; k++) if (pathMatch(pat, path, pi + 1, k)) return true;
    return false;
  }
  return si < path.length && segMatch(seg, path[si]!) && pathMatch(pat, path, pi + 1, si + 1);
}

/** A copy of `value` without the masked paths, keys sorted (stable text for review in git). */
export function applyMasks(value: unknown, masks: readonly string[]): unknown {
  const pats = masks.map(compile);
  const rec = (v: unknown, path: string[]): unknown => {
    if (Array.isArray(v)) return v.map((x, i) => rec(x, [...path, String(i)]));
    if (isJsonObject(v)) {
      const kept: [string, unknown][] = [];
      for (const k of Object.keys(v).sort()) {
        const p = [...path, k];
        if (v[k] === undefined || pats.some((pat) => pathMatch(pat, p))) continue;
        kept.push([k, rec(v[k], p)]);
      }
      return Object.fromEntries(kept);
    }
    return v;
  };
  return rec(JSON.parse(JSON.stringify(value)), []);
}

/** The stable subset of a model. */
export function snapshotModel(model: AnalysisModel, extraMasks: readonly string[] = []): Snapshot {
  const masked = [...new Set([...DEFAULT_MASKS, ...extraMasks])];
  return { snapshot: SNAPSHOT_ID, masked, model: applyMasks(model, masked) };
}

export function snapshotText(s: Snapshot): string {
  return `${JSON.stringify(s, null, 2)}\n`;
}

/** Parse a golden file's text. */
export function parseSnapshot(text: string, source: string): Snapshot {
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch (err) {
    throw new SnapshotError(source, `not JSON: ${err instanceof Error ? err.message : String(err)}`);
  }
  if (!isJsonObject(v) || v.snapshot !== SNAPSHOT_ID || !isJsonObject(v.model)) {
    throw new SnapshotError(
      source,
      `not a snapshot: expected {"snapshot": "${SNAPSHOT_ID}", "masked": [...], "model": {...}} as written by 'pcap-explain snapshot'`,
    );
  }
  const masked = Array.isArray(v.masked) ? v.masked.filter((m): m is string => typeof m === 'string') : [];
  return { snapshot: SNAPSHOT_ID, masked, model: v.model };
}

function join(path: string, key: string): string {
  return /^\d+$/.test(key) ? `${path}[${key}]` : path ? `${path}.${key}` : key;
}

/** Every difference between two JSON values, as paths (arrays compared element by element). */
export function diffValues(expected: unknown, actual: unknown, path = ''): SnapshotDifference[] {
  const out: SnapshotDifference[] = [];
  const rec = (e: unknown, a: unknown, p: string) => {
    if (jsonEqual(e, a)) return;
    if (Array.isArray(e) && Array.isArray(a)) {
      if (e.length !== a.length) out.push({ path: `${p}.length`, expected: e.length, actual: a.length });
      const n = Math.min(e.length, a.length);
      for (let i = 0; i < n; i++) rec(e[i], a[i], join(p, String(i)));
      return;
    }
    if (isJsonObject(e) && isJsonObject(a)) {
      for (const k of [...new Set([...Object.keys(e), ...Object.keys(a)])].sort()) rec(e[k], a[k], join(p, k));
      return;
    }
    out.push({ path: p || '(root)', expected: e, actual: a });
  };
  rec(expected, actual, path);
  return out;
}

/** Compare a model with a golden snapshot: one result with every difference. */
export function compareGolden(
  model: AnalysisModel,
  golden: Snapshot,
  opts: { source: string; masks?: readonly string[]; maxShown?: number },
): CheckResult {
  const masks = [...new Set([...DEFAULT_MASKS, ...golden.masked, ...(opts.masks ?? [])])];
  const expected = applyMasks(golden.model, masks);
  const actual = applyMasks(model, masks);
  const diff = diffValues(expected, actual);
  const maxShown = opts.maxShown ?? 25;
  const frames = new Set<number>();
  const expFrames = isJsonObject(expected) && Array.isArray(expected.frames) ? expected.frames : [];
  for (const d of diff) {
    const m = /^frames\[(\d+)\]/.exec(d.path);
    if (m) {
      const f = expFrames[Number(m[1])];
      if (isJsonObject(f) && typeof f.n === 'number') frames.add(f.n);
    }
  }
  const details = diff
    .slice(0, maxShown)
    .map((d) => `${d.path}: expected ${show(d.expected, 60)}, actual ${show(d.actual, 60)}`);
  if (diff.length > maxShown)
    details.push(`… and ${diff.length - maxShown} more differences (--format json lists all)`);
  const r: CheckResult = {
    id: 'golden',
    suite: `golden ${opts.source}`,
    name: `golden › ${opts.source}`,
    ok: diff.length === 0,
    expected: `the snapshot in ${opts.source}`,
    actual: diff.length === 0 ? 'identical' : `${diff.length} difference${diff.length === 1 ? '' : 's'}`,
    frames: [...frames].sort((a, b) => a - b),
  };
  if (diff.length) {
    r.details = details;
    r.diff = diff;
  }
  return r;
}
