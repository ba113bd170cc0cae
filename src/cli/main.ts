/**
 * Command line: parses arguments and hands them to a command module. No analysis logic here.
 * Exit codes: 0 ok, 1 could not read / usage, 2 capture damaged (partly analysed), 3 check failed.
 */
import yargs from 'yargs';
import { toolVersion } from '../analyze.js';
import { analyzeCommand, tsharkArgv } from './commands/analyze.js';
import { annotateCommand } from './commands/annotate.js';
import { checkCommand, snapshotCommand } from './commands/check.js';
import { interfacesCommand, liveCommand } from './commands/live.js';
import type { CommandModule } from './commands/types.js';
import { DESCRIPTION } from './examples.js';
import { HEAP_GROWTH, heapGrowth, setV8Tuning } from './heap.js';
import { EXIT, STDIN_ARG } from './io.js';

export { EXIT } from './io.js';

/** Every subcommand; add new ones here. */
const COMMANDS: readonly CommandModule[] = [
  analyzeCommand,
  checkCommand,
  snapshotCommand,
  annotateCommand,
  liveCommand,
  interfacesCommand,
];

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

export async function main(argv: string[]): Promise<number> {
  let code: number = EXIT.OK;
  let parser = yargs().scriptName('pcap-explain').usage(`$0 <command> [options]\n\n${DESCRIPTION}`);
  for (const c of COMMANDS) {
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
export async function cli(): Promise<void> {
  // the launcher option, read before anything is allocated (yargs knows it too, for --help and checks)
  if (process.argv.includes('--no-v8-tuning')) setV8Tuning(false);
  // set before anything is allocated; commands that keep every frame go back to V8's own (heap.ts)
  heapGrowth(HEAP_GROWTH.summary);
  try {
    process.exitCode = await main(process.argv.slice(2));
  } catch (err) {
    process.stderr.write(`pcap-explain: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = EXIT.UNREADABLE;
  }
}
