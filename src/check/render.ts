/** The check report as text: one line per expectation, ✓ or ✗, expected and actual side by side. */
import pc from 'picocolors';
import { showFrames } from './match.js';
import type { CheckReport, CheckResult } from './types.js';

export interface RenderOptions {
  color?: boolean;
  /** Show only failed expectations (and the summary). */
  quiet?: boolean;
}

export function resultLine(r: CheckResult): string {
  const frames = r.frames.length ? ` · frame${r.frames.length === 1 ? '' : 's'} ${showFrames(r.frames)}` : '';
  return `${r.ok ? '✓' : '✗'} ${r.name}: expected ${r.expected}, actual ${r.actual}${frames}`;
}

export function renderReport(report: CheckReport, opts: RenderOptions = {}): string {
  const c = pc.createColors(Boolean(opts.color));
  const out: string[] = [];
  out.push(c.bold(`pcap-explain check ${report.capture}`) + c.dim(` (${report.sources.join(', ')})`));
  let suite: string | undefined;
  for (const r of report.results) {
    if (opts.quiet && r.ok) continue;
    if (r.suite !== suite && report.sources.length > 1) {
      suite = r.suite;
      out.push(c.dim(`  ${suite}`));
    }
    const frames = r.frames.length ? c.dim(` · frame${r.frames.length === 1 ? '' : 's'} ${showFrames(r.frames)}`) : '';
    if (r.ok) {
      out.push(
        `  ${c.green('✓')} ${r.name}: ${r.expected}${r.actual !== r.expected ? c.dim(` (actual ${r.actual})`) : ''}${frames}`,
      );
    } else {
      out.push(`  ${c.red('✗')} ${r.name}: expected ${c.bold(r.expected)}, actual ${c.red(r.actual)}${frames}`);
      for (const d of r.details ?? []) out.push(c.dim(`      ${d}`));
    }
  }
  if (report.damaged) {
    out.push(
      report.damage_expected
        ? c.dim('  the capture is damaged, as the spec expects')
        : c.yellow('  the capture is damaged: only the frames before the damage were checked'),
    );
  }
  const summary = `${report.total} expectation${report.total === 1 ? '' : 's'}: ${report.passed} hold, ${report.failed} failed`;
  out.push(report.failed ? c.red(c.bold(summary)) : c.green(summary));
  return `${out.join('\n')}\n`;
}
