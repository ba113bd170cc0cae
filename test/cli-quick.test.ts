/**
 * The common runs' arguments are read without yargs (src/cli/main.ts, quickAnalyzeArgs: start-up); what
 * they give `analyze` must be what yargs gives it for the same arguments, and anything else must be left to
 * yargs.
 */

import { describe, expect, it } from 'vitest';
import yargs from 'yargs';
import { type AnalyzeArgs, analyzeDefinition } from '../src/cli/commands/analyze.js';
import { defineCommand } from '../src/cli/commands/types.js';
import { STDIN_ARG } from '../src/cli/io.js';
import { commands, parse, quickAnalyzeArgs } from '../src/cli/main.js';

/** The options `analyze` declares (AnalyzeArgs) and the other keys yargs adds beside them. */
const ANALYZE_KEYS = [
  'file',
  'format',
  'output',
  'frames',
  'lang',
  'color',
  'explain',
  'conversation',
  'protocol',
  'framesRange',
  'conversations',
  'limit',
  'names',
  'displayFilter',
  'T',
  'e',
  'E',
  'r',
  'quiet',
  'z',
] as const;
const OTHER_KEYS = new Set(['_', '$0', 'more', 'jobs', 'log', 'v8Tuning', 'f', 'o', 'j', 'q', 'Y']);

/** What yargs hands `analyze` for these arguments (as main() parses them), undefined when it runs no analyze. */
async function viaYargs(argv: string[]): Promise<Record<string, unknown> | undefined> {
  let got: Record<string, unknown> | undefined;
  const spy = defineCommand({
    ...analyzeDefinition,
    run: async (a) => {
      got = { ...a };
      return 0;
    },
  });
  const all = (await commands()).map((c) => (c.command === analyzeDefinition.command ? spy : c));
  const stderr = process.stderr.write;
  process.stderr.write = () => true; // usage errors of the arguments quickAnalyzeArgs leaves to yargs
  try {
    await parse(argv, yargs, all);
  } finally {
    process.stderr.write = stderr;
  }
  return got;
}

function analyzeArgs(a: Record<string, unknown>): Partial<AnalyzeArgs> {
  const out: Record<string, unknown> = {};
  for (const k of ANALYZE_KEYS) if (a[k] !== undefined) out[k] = a[k];
  if (out.file === STDIN_ARG) out.file = '-'; // main() renames '-' for yargs, runAnalyze names it back
  return out as Partial<AnalyzeArgs>;
}

describe('quickAnalyzeArgs: the common runs without yargs', () => {
  it.each([
    [['lab.pcap']],
    [['analyze', 'lab.pcap']],
    [['-']],
    [['0123']],
    [['a file with spaces.pcapng']],
    [['lab.pcap', '--frames']],
    [['--frames', 'lab.pcap']],
    [['-f', 'json', 'lab.pcap']],
    [['lab.pcap', '--format', 'markdown', '-o', 'out.md']],
    [['analyze', 'lab.pcap', '-f', 'html', '--output', 'out.html', '--lang', 'id']],
    [['lab.pcap', '--lang', 'en', '--frames', '-f', 'text']],
  ])('%j: as yargs reads it', async (argv) => {
    const quick = quickAnalyzeArgs(argv);
    expect(quick).toBeDefined();
    const a = await viaYargs(argv);
    expect(a).toBeDefined();
    expect(quick).toEqual(analyzeArgs(a!));
    // an option added to analyze is added here too (or quickAnalyzeArgs leaves it to yargs)
    const known = new Set<string>([...ANALYZE_KEYS, ...OTHER_KEYS]);
    expect(Object.keys(a!).filter((k) => !known.has(k) && !k.includes('-'))).toEqual([]);
  });

  it.each([
    [[]],
    [['analyze']],
    [['a.pcap', 'b.pcap']],
    [['check', 'lab.pcap']],
    [['-f', 'json', 'snapshot']],
    [['help']],
    [['--help']],
    [['--version']],
    [['lab.pcap', '-f', 'pdf']],
    [['lab.pcap', '--format=json']],
    [['lab.pcap', '--frames', 'true']],
    [['lab.pcap', '--frames', '--frames']],
    [['lab.pcap', '-f', 'json', '-f', 'text']],
    [['lab.pcap', '-o']],
    [['lab.pcap', '-o', '-']],
    [['lab.pcap', '--lang', 'fr']],
    [['lab.pcap', '--no-explain']],
    [['lab.pcap', '--no-v8-tuning']],
    [['-rlab.pcap']],
    [['lab.pcap', '-Y', 'tcp']],
    [['lab.pcap', '-q', '-z', 'conv,tcp']],
  ])('%j: left to yargs', (argv) => {
    expect(quickAnalyzeArgs(argv)).toBeUndefined();
  });
});
