/**
 * A whole class at once (issue 23): the check reports of many captures against the same spec(s) as one
 * matrix — one row per capture, one column per expectation — with the captures that could not be read
 * (or were damaged) as rows of their own, a total line, and the run's exit code. Pure: the reports are
 * made elsewhere (one worker thread per capture in the CLI); this module only reads them.
 *
 * The columns are the expectations in the order the spec states them (a spec yields the same results, by
 * id, for every capture, so the first report that has a result names its column).
 */
import { hostname } from 'node:os';
import { attrs, failureText, junitTimestamp, xmlEscape } from './junit.js';
import type { CheckReport, CheckResult } from './types.js';

/** One capture of the run: checked (`report`), or unreadable (`error`). */
export interface MatrixInput {
  capture: string;
  report?: CheckReport;
  /** Why the capture could not be read at all (not a capture, no such file, …). */
  error?: string;
  /** Problems with the file (the text of capture.warnings), e.g. where it was cut short. */
  warnings?: string[];
  /** Seconds its analysis and check took. */
  time?: number;
}

export type RowStatus = 'pass' | 'fail' | 'damaged' | 'unreadable';

export interface MatrixColumn {
  /** `suite` + `id` identify the column; `label` is its number in the text table. */
  key: string;
  label: string;
  suite: string;
  id: string;
  name: string;
  expected: string;
  /** Captures where it holds, and where it was evaluated (readable captures). */
  holds: number;
  evaluated: number;
}

export interface MatrixCell {
  ok: boolean;
  actual: string;
}

export interface MatrixRow {
  capture: string;
  /** fail: an expectation failed; damaged: nothing failed but the file is damaged and no spec expected it. */
  status: RowStatus;
  /** What `pcap-explain check` returns for this capture alone. */
  exit: 0 | 1 | 2 | 3;
  damaged: boolean;
  error?: string;
  warnings: string[];
  passed: number;
  failed: number;
  /** One per column, null where the capture has no such result (unreadable). */
  cells: Array<MatrixCell | null>;
}

export interface CheckMatrix {
  schema: 'pcap-explain-check-matrix/1';
  sources: string[];
  columns: MatrixColumn[];
  rows: MatrixRow[];
  total: {
    captures: number;
    pass: number;
    fail: number;
    damaged: number;
    unreadable: number;
    expectations: number;
    holds: number;
    failed: number;
  };
  /** 3 when an expectation failed in any capture; else 1 when one was unreadable; else 2 when one was damaged. */
  exit: 0 | 1 | 2 | 3;
}

function columnKey(r: CheckResult): string {
  return `${r.suite}\u0000${r.id}`;
}

/** The matrix of a run (see the header). */
export function buildMatrix(inputs: readonly MatrixInput[]): CheckMatrix {
  const columns: MatrixColumn[] = [];
  const byKey = new Map<string, number>();
  const sources: string[] = [];
  for (const inp of inputs) {
    for (const s of inp.report?.sources ?? []) if (!sources.includes(s)) sources.push(s);
    for (const r of inp.report?.results ?? []) {
      const key = columnKey(r);
      if (byKey.has(key)) continue;
      byKey.set(key, columns.length);
      columns.push({
        key,
        label: String(columns.length + 1),
        suite: r.suite,
        id: r.id,
        name: r.name,
        expected: r.expected,
        holds: 0,
        evaluated: 0,
      });
    }
  }
  const rows: MatrixRow[] = inputs.map((inp) => {
    const cells: Array<MatrixCell | null> = columns.map(() => null);
    const rep = inp.report;
    if (!rep) {
      return {
        capture: inp.capture,
        status: 'unreadable',
        exit: 1,
        damaged: false,
        error: inp.error ?? 'cannot be read',
        warnings: inp.warnings ?? [],
        passed: 0,
        failed: 0,
        cells,
      };
    }
    for (const r of rep.results) {
      const i = byKey.get(columnKey(r))!;
      cells[i] = { ok: r.ok, actual: r.actual };
      columns[i]!.evaluated++;
      if (r.ok) columns[i]!.holds++;
    }
    const status: RowStatus = rep.failed > 0 ? 'fail' : rep.exit === 2 ? 'damaged' : 'pass';
    return {
      capture: inp.capture,
      status,
      exit: rep.exit,
      damaged: rep.damaged,
      warnings: inp.warnings ?? [],
      passed: rep.passed,
      failed: rep.failed,
      cells,
    };
  });
  const count = (s: RowStatus): number => rows.filter((r) => r.status === s).length;
  const expectations = rows.reduce((n, r) => n + r.passed + r.failed, 0);
  const holds = rows.reduce((n, r) => n + r.passed, 0);
  const total = {
    captures: rows.length,
    pass: count('pass'),
    fail: count('fail'),
    damaged: count('damaged'),
    unreadable: count('unreadable'),
    expectations,
    holds,
    failed: expectations - holds,
  };
  const exit = total.fail ? 3 : total.unreadable ? 1 : total.damaged ? 2 : 0;
  return { schema: 'pcap-explain-check-matrix/1', sources, columns, rows, total, exit };
}

// ---- text ------------------------------------------------------------------------------------------

export interface MatrixTextOptions {
  /** Each cell shows the actual value beside ✓/✗ (cut to `width` characters). */
  values?: boolean;
  width?: number;
  color?: boolean;
  /** Only the rows that do not pass (and the totals). */
  quiet?: boolean;
}

interface Paint {
  ok(s: string): string;
  bad(s: string): string;
  warn(s: string): string;
  dim(s: string): string;
}

function paint(color: boolean): Paint {
  const c = (code: number) => (s: string) => (color ? `\u001b[${code}m${s}\u001b[0m` : s);
  return { ok: c(32), bad: c(31), warn: c(33), dim: c(2) };
}

/** Display width of a cell (one column per code point is enough for ✓, ✗, ·, and the values we print). */
function width(s: string): number {
  return [...s].length;
}

function cut(s: string, w: number): string {
  const chars = [...s];
  return chars.length <= w ? s : `${chars.slice(0, Math.max(1, w - 1)).join('')}…`;
}

function pad(s: string, w: number): string {
  return s + ' '.repeat(Math.max(0, w - width(s)));
}

/** The first sentence of a warning (the table's note; the JSON keeps the whole text). */
function firstSentence(s: string | undefined): string {
  if (!s) return 'cut short';
  const i = s.indexOf('. ');
  return i < 0 ? s : s.slice(0, i + 1);
}

function rowNote(r: MatrixRow): string {
  switch (r.status) {
    case 'unreadable':
      return `unreadable: ${r.error}`;
    case 'fail':
      return `${r.failed} failed${r.damaged ? ` · damaged: ${firstSentence(r.warnings[0])}` : ''}`;
    case 'damaged':
      return `damaged: ${firstSentence(r.warnings[0])}`;
    case 'pass':
      return r.damaged ? 'pass (damaged, as expected)' : 'pass';
    default: {
      const never: never = r.status;
      return never;
    }
  }
}

function cellText(c: MatrixCell | null, opts: MatrixTextOptions): string {
  if (!c) return '·';
  const mark = c.ok ? '✓' : '✗';
  return opts.values ? `${mark} ${cut(c.actual, opts.width ?? 24)}` : mark;
}

/** The matrix as a text table, its legend (column number → expectation) and the total line. */
export function renderMatrix(m: CheckMatrix, opts: MatrixTextOptions = {}): string {
  const p = paint(Boolean(opts.color));
  const out: string[] = [];
  out.push(
    `pcap-explain check: ${m.total.captures} capture${m.total.captures === 1 ? '' : 's'}` +
      (m.sources.length ? ` against ${m.sources.join(', ')}` : ''),
  );
  const texts = m.rows.map((r) => r.cells.map((c) => cellText(c, opts)));
  const widths = m.columns.map((col, i) => Math.max(width(col.label), ...texts.map((t) => width(t[i]!))));
  const holdsText = m.columns.map((c) => `${c.holds}/${c.evaluated}`);
  const nameW = Math.max(7, ...m.rows.map((r) => width(r.capture)), width('holds in'));
  for (let i = 0; i < widths.length; i++) widths[i] = Math.max(widths[i]!, width(holdsText[i]!));
  const line = (first: string, cells: string[]): string =>
    `${pad(first, nameW)}  ${cells.map((c, i) => pad(c, widths[i]!)).join('  ')}`.trimEnd();
  out.push(
    line(
      'capture',
      m.columns.map((c) => c.label),
    ),
  );
  for (const [i, r] of m.rows.entries()) {
    if (opts.quiet && r.status === 'pass') continue;
    const cells = texts[i]!.map((t, j) => {
      const c = r.cells[j];
      const padded = pad(t, widths[j]!);
      return c ? (c.ok ? p.ok(padded) : p.bad(padded)) : p.dim(padded);
    });
    const note = rowNote(r);
    const shown = r.status === 'pass' ? p.dim(note) : r.status === 'fail' ? p.bad(note) : p.warn(note);
    out.push(`${pad(r.capture, nameW)}  ${cells.join('  ')}  ${shown}`.replace(/ +$/, ''));
  }
  if (m.columns.length) out.push(p.dim(line('holds in', holdsText)));
  out.push('');
  for (const c of m.columns) {
    const suite = m.sources.length > 1 ? `${c.suite} › ` : '';
    out.push(`${c.label.padStart(3)}  ${suite}${c.name}: ${c.expected}`);
  }
  if (m.columns.length) out.push('');
  const t = m.total;
  const parts = [`${t.pass} pass`, `${t.fail} fail`];
  if (t.damaged) parts.push(`${t.damaged} damaged`);
  if (t.unreadable) parts.push(`${t.unreadable} unreadable`);
  const summary =
    `${t.captures} capture${t.captures === 1 ? '' : 's'}: ${parts.join(', ')} · ` +
    `${t.holds} of ${t.expectations} expectation${t.expectations === 1 ? '' : 's'} hold`;
  out.push(t.fail ? p.bad(summary) : t.unreadable || t.damaged ? p.warn(summary) : p.ok(summary));
  return `${out.join('\n')}\n`;
}

// ---- CSV and JSON -----------------------------------------------------------------------------------

function csvField(s: string): string {
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/**
 * The matrix as CSV (RFC 4180): `capture,status,exit,passed,failed,note`, then one column per expectation
 * (its full name) holding ✓ or ✗ (empty where not evaluated); with `values`, the actual value follows the mark.
 */
export function matrixCsv(m: CheckMatrix, opts: { values?: boolean } = {}): string {
  const head = ['capture', 'status', 'exit', 'passed', 'failed', 'note'];
  for (const c of m.columns) head.push(`${m.sources.length > 1 ? `${c.suite} › ` : ''}${c.name}: ${c.expected}`);
  const lines = [head.map(csvField).join(',')];
  for (const r of m.rows) {
    const note = r.status === 'unreadable' ? (r.error ?? '') : r.damaged ? (r.warnings[0] ?? 'damaged') : '';
    const cells = r.cells.map((c) => (c ? `${c.ok ? '✓' : '✗'}${opts.values ? ` ${c.actual}` : ''}` : ''));
    lines.push(
      [r.capture, r.status, String(r.exit), String(r.passed), String(r.failed), note, ...cells].map(csvField).join(','),
    );
  }
  return `${lines.join('\r\n')}\r\n`;
}

// ---- JUnit ------------------------------------------------------------------------------------------

/**
 * JUnit XML of a run: one <testsuite> per capture (name = the capture as given), one <testcase> per
 * expectation; an unreadable capture, and a damaged one no spec expected, is an <error> test case
 * `capture is readable` of its suite (counted in `errors`).
 */
export function matrixJUnit(
  inputs: readonly MatrixInput[],
  m: CheckMatrix,
  opts: { timestamp?: Date; hostname?: string } = {},
): string {
  const ts = junitTimestamp(opts.timestamp);
  const host = opts.hostname ?? hostname();
  const suites: string[] = [];
  let tests = 0;
  let failures = 0;
  let errors = 0;
  let time = 0;
  for (const [i, inp] of inputs.entries()) {
    const row = m.rows[i]!;
    const results = inp.report?.results ?? [];
    const classname = `pcap-explain.${inp.capture.replace(/\.(pcapng|pcap)(\.gz)?$/, '').replace(/[^\w-]/g, '_')}`;
    const secs = inp.time ?? 0;
    const problem = row.status === 'unreadable' || row.status === 'damaged';
    const n = results.length + (problem ? 1 : 0);
    const f = results.filter((r) => !r.ok).length;
    const e = problem ? 1 : 0;
    tests += n;
    failures += f;
    errors += e;
    time += secs;
    const per = n ? secs / n : 0;
    const body: string[] = [];
    body.push(
      `  <testsuite${attrs({ name: inp.capture, tests: n, failures: f, errors: e, skipped: 0, time: secs.toFixed(3), timestamp: ts, hostname: host, id: i, package: 'pcap-explain' })}>`,
    );
    body.push('    <properties>');
    body.push(`      <property${attrs({ name: 'capture', value: inp.capture })}/>`);
    body.push(`      <property${attrs({ name: 'source', value: m.sources.join(', ') })}/>`);
    body.push(`      <property${attrs({ name: 'damaged', value: String(row.damaged) })}/>`);
    body.push('    </properties>');
    if (problem) {
      const message =
        row.status === 'unreadable' ? `unreadable: ${row.error}` : `damaged: ${row.warnings[0] ?? 'cut short'}`;
      body.push(
        `    <testcase${attrs({ name: 'capture is readable', classname: `${classname}.capture`, time: '0.000' })}>`,
      );
      body.push(`      <error${attrs({ message, type: 'pcap-explain.capture' })}>${xmlEscape(message)}</error>`);
      body.push('    </testcase>');
    }
    for (const r of results) {
      const name = `${m.sources.length > 1 ? `${r.suite} › ` : ''}${r.name}: ${r.expected}`;
      const tc = attrs({ name, classname: `${classname}.${r.id.split(/[.[]/)[0]}`, time: per.toFixed(3) });
      if (r.ok) body.push(`    <testcase${tc}/>`);
      else {
        body.push(`    <testcase${tc}>`);
        body.push(
          `      <failure${attrs({ message: `expected ${r.expected}, actual ${r.actual}`, type: 'pcap-explain.check' })}>${xmlEscape(failureText(r))}</failure>`,
        );
        body.push('    </testcase>');
      }
    }
    body.push('    <system-out/>');
    body.push('    <system-err/>');
    body.push('  </testsuite>');
    suites.push(body.join('\n'));
  }
  const head = `<testsuites${attrs({ name: `pcap-explain check (${inputs.length} captures)`, tests, failures, errors, skipped: 0, time: time.toFixed(3) })}>`;
  return `<?xml version="1.0" encoding="UTF-8"?>\n${head}\n${suites.join('\n')}${suites.length ? '\n' : ''}</testsuites>\n`;
}
