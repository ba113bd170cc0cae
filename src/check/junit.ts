/**
 * JUnit XML, in the shape CI dashboards read (Jenkins, GitLab, GitHub test reporters, Azure): the
 * Ant/Jenkins "junit-10" layout — <testsuites> holding one <testsuite> per spec (and one per golden file),
 * each with <properties>, one <testcase> per expectation (a <failure> when it does not hold),
 * <system-out> and <system-err>. Counts on every suite and on the root.
 */
import { hostname } from 'node:os';
import { basename } from 'node:path';
import { showFrames } from './match.js';
import type { CheckReport, CheckResult } from './types.js';

export interface JUnitOptions {
  /** Suite timestamp (default now), written as YYYY-MM-DDTHH:MM:SS (no zone, as the Ant schema wants). */
  timestamp?: Date;
  hostname?: string;
  /** Seconds the check took (analysis included), spread over the suites. */
  time?: number;
}

/** Characters XML 1.0 cannot carry at all (control characters other than tab, LF, CR; U+FFFE, U+FFFF). */
function invalidInXml(code: number): boolean {
  return (code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0d) || code === 0xfffe || code === 0xffff;
}

export function xmlEscape(s: string): string {
  let clean = '';
  for (const ch of s) {
    const code = ch.codePointAt(0)!;
    clean += invalidInXml(code) ? `\\x${code.toString(16).padStart(2, '0')}` : ch;
  }
  return clean
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

export function attrs(a: Record<string, string | number>): string {
  return Object.entries(a)
    .map(([k, v]) => ` ${k}="${xmlEscape(String(v))}"`)
    .join('');
}

export function failureText(r: CheckResult): string {
  const lines = [`expected: ${r.expected}`, `actual:   ${r.actual}`];
  if (r.frames.length) lines.push(`frames:   ${showFrames(r.frames, 20)}`);
  if (r.conversations?.length) lines.push(`conversations: ${r.conversations.map((c) => `#${c}`).join(', ')}`);
  for (const d of r.details ?? []) lines.push(d);
  return lines.join('\n');
}

/** A suite's timestamp as the Ant schema wants it: YYYY-MM-DDTHH:MM:SS, no zone. */
export function junitTimestamp(at?: Date): string {
  return (at ?? new Date()).toISOString().slice(0, 19);
}

/** The report as a JUnit XML document. */
export function toJUnit(report: CheckReport, opts: JUnitOptions = {}): string {
  const ts = junitTimestamp(opts.timestamp);
  const host = opts.hostname ?? hostname();
  const capture = basename(report.capture);
  const suites = new Map<string, CheckResult[]>();
  for (const r of report.results) {
    const l = suites.get(r.suite) ?? [];
    l.push(r);
    suites.set(r.suite, l);
  }
  if (suites.size === 0) suites.set('check', []);
  const time = opts.time ?? 0;
  const perCase = report.total ? time / report.total : 0;
  const out: string[] = ['<?xml version="1.0" encoding="UTF-8"?>'];
  out.push(
    `<testsuites${attrs({
      name: `pcap-explain check ${capture}`,
      tests: report.total,
      failures: report.failed,
      errors: 0,
      skipped: 0,
      time: time.toFixed(3),
    })}>`,
  );
  let id = 0;
  for (const [suite, results] of suites) {
    const failures = results.filter((r) => !r.ok).length;
    out.push(
      `  <testsuite${attrs({
        name: `${capture}: ${suite}`,
        tests: results.length,
        failures,
        errors: 0,
        skipped: 0,
        time: (perCase * results.length).toFixed(3),
        timestamp: ts,
        hostname: host,
        id: id++,
        package: 'pcap-explain',
      })}>`,
    );
    out.push('    <properties>');
    out.push(`      <property${attrs({ name: 'capture', value: report.capture })}/>`);
    out.push(`      <property${attrs({ name: 'source', value: suite })}/>`);
    out.push(`      <property${attrs({ name: 'damaged', value: String(report.damaged) })}/>`);
    out.push('    </properties>');
    const classname = `pcap-explain.${capture.replace(/\.(pcapng|pcap)(\.gz)?$/, '').replace(/[^\w-]/g, '_')}`;
    for (const r of results) {
      const name = `${r.name}: ${r.expected}`;
      const tc = attrs({ name, classname: `${classname}.${r.id.split(/[.[]/)[0]}`, time: perCase.toFixed(3) });
      if (r.ok) {
        out.push(`    <testcase${tc}/>`);
      } else {
        out.push(`    <testcase${tc}>`);
        out.push(
          `      <failure${attrs({ message: `expected ${r.expected}, actual ${r.actual}`, type: 'pcap-explain.check' })}>${xmlEscape(failureText(r))}</failure>`,
        );
        out.push('    </testcase>');
      }
    }
    out.push('    <system-out/>');
    out.push('    <system-err/>');
    out.push('  </testsuite>');
  }
  out.push('</testsuites>');
  return `${out.join('\n')}\n`;
}
