/**
 * Command line: parses arguments and hands them to a command module. No analysis logic here.
 * Exit codes: 0 ok, 1 could not read / usage, 2 capture damaged (partly analysed), 3 check failed.
 */
import { toolVersion } from '../analyze.js';
import { type AnalyzeArgs, REPORT_FORMATS, type ReportFormat, runAnalyze, tsharkArgv } from './commands/analyze.js';
import type { CommandModule } from './commands/types.js';
import { DESCRIPTION } from './examples.js';
import { HEAP_GROWTH, heapGrowth, setV8Tuning } from './heap.js';
import { EXIT, STDIN_ARG } from './io.js';

export { EXIT } from './io.js';

/** Every subcommand (add new ones here), loaded when the arguments are parsed by yargs. */
export async function commands(): Promise<readonly CommandModule[]> {
  const [analyze, check, annotate, live] = await Promise.all([
    import('./commands/analyze.js'),
    import('./commands/check.js'),
    import('./commands/annotate.js'),
    import('./commands/live.js'),
  ]);
  return [
    analyze.analyzeCommand,
    check.checkCommand,
    check.snapshotCommand,
    annotate.annotateCommand,
    live.liveCommand,
    live.interfacesCommand,
  ];
}

/** Words yargs may read as a command: a capture file so named goes through yargs. */
const COMMAND_NAMES = new Set(['analyze', 'check', 'snapshot', 'annotate', 'live', 'interfaces', 'help', 'version']);

/**
 * The arguments of the most common runs, `pcap-explain [analyze] FILE` with at most --frames, -f/--format,
 * -o/--output and --lang (each value given as the next argument), as yargs would hand them to `analyze`,
 * read without it; undefined for anything else, which yargs parses. Loading yargs (its help-text layout
 * builds Unicode tables when imported) costs more than reading a lab capture (docs/architecture.md,
 * "Start-up"); test/cli-quick.test.ts holds this to what yargs makes of the same arguments.
 */
export function quickAnalyzeArgs(argv: readonly string[]): AnalyzeArgs | undefined {
  const args: AnalyzeArgs = { file: '', format: 'text', frames: false, explain: true, conversations: false };
  let file: string | undefined;
  const seen = new Set<string>();
  for (let i = argv[0] === 'analyze' ? 1 : 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '-' || !a.startsWith('-')) {
      if (file !== undefined || COMMAND_NAMES.has(a)) return undefined;
      file = a;
      continue;
    }
    // each option once: yargs makes an array of a repeated one
    const name = a === '-f' ? '--format' : a === '-o' ? '--output' : a;
    if (seen.has(name)) return undefined;
    seen.add(name);
    if (name === '--frames') {
      // yargs reads a following true/false as the flag's value
      if (argv[i + 1] === 'true' || argv[i + 1] === 'false') return undefined;
      args.frames = true;
      continue;
    }
    const value = argv[++i];
    if (value === undefined || value.startsWith('-')) return undefined;
    if (name === '--format' && (REPORT_FORMATS as readonly string[]).includes(value))
      args.format = value as ReportFormat;
    else if (name === '--output') args.output = value;
    else if (name === '--lang' && (value === 'en' || value === 'id')) args.lang = value;
    else return undefined;
  }
  if (file === undefined) return undefined;
  args.file = file;
  return args;
}

/** A usage error found by the parser: reported as one line, before the command runs. */
class UsageError extends Error {}

/** yargs' message on one line: "Invalid values:\n  Argument: format, Given: …" → "Invalid values: Argument: format, Given: …". */
function oneLine(msg: string): string {
  return msg
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)
    .join(' ');
}

/**
 * How yargs is loaded. The bundled command line (scripts/bundle.mjs) leaves yargs out and its launcher,
 * bin/pcap-explain.js, passes its own `import('yargs')`: yargs then reads its locale files from where npm
 * put it, as it does here.
 */
export type ImportYargs = () => Promise<typeof import('yargs')>;

export async function main(argv: string[], importYargs: ImportYargs = () => import('yargs')): Promise<number> {
  const quick = quickAnalyzeArgs(argv);
  if (quick) return runAnalyze(quick);
  // `--version` alone, as yargs prints it (loading yargs took 250-370 ms, more than a lab capture's report)
  if (argv.length === 1 && argv[0] === '--version') {
    process.stdout.write(`${toolVersion()}\n`);
    return EXIT.OK;
  }
  const [{ default: yargs }, all] = await Promise.all([importYargs(), commands()]);
  return parse(argv, yargs, all);
}

/** Parses the arguments with yargs and runs the command they name; the exit code. */
export async function parse(
  argv: readonly string[],
  yargs: typeof import('yargs')['default'],
  all: readonly CommandModule[],
): Promise<number> {
  let code: number = EXIT.OK;
  let parser = yargs().scriptName('pcap-explain').usage(`$0 <command> [options]\n\n${DESCRIPTION}`);
  for (const c of all) {
    parser = c.register(parser, (c) => {
      code = c;
    });
  }
  parser = parser
    .option('v8-tuning', {
      type: 'boolean',
      global: true,
      default: true,
      describe: "V8 memory tuning per command (docs/limits.md); --no-v8-tuning keeps V8's own settings",
    })
    .epilogue(
      'Exit codes: 0 ok, 1 unreadable capture or usage error, 2 damaged capture (what could be read was analysed), 3 a check failed.',
    )
    .demandCommand(1, 'Give a capture file: pcap-explain FILE')
    .strict()
    .version(toolVersion())
    .help()
    .alias('h', 'help')
    .wrap(Math.min(100, process.stdout.columns || 100))
    .exitProcess(false)
    .fail((msg, err) => {
      if (err) throw err;
      // thrown, not printed here: yargs would still run the command's handler after a failed validation
      throw new UsageError(oneLine(msg));
    });
  try {
    await parser.parseAsync(tsharkArgv(argv).map((a) => (a === '-' ? STDIN_ARG : a)));
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    process.stderr.write(`pcap-explain: ${err.message} (see 'pcap-explain --help')\n`);
    return EXIT.UNREADABLE;
  }
  return code;
}
export async function cli(importYargs?: ImportYargs): Promise<void> {
  // the launcher option, read before anything is allocated (yargs knows it too, for --help and checks)
  if (process.argv.includes('--no-v8-tuning')) setV8Tuning(false);
  // set before anything is allocated; commands that keep every frame go back to V8's own (heap.ts)
  heapGrowth(HEAP_GROWTH.summary);
  try {
    process.exitCode = await main(process.argv.slice(2), importYargs);
  } catch (err) {
    process.stderr.write(`pcap-explain: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = EXIT.UNREADABLE;
  }
}
