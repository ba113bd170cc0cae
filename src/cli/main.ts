/**
 * Command line: parses arguments and hands them to a command module. No analysis logic here.
 * Exit codes: 0 ok, 1 could not read / usage, 2 capture damaged (partly analysed), 3 check failed.
 */
import { setFlagsFromString } from 'node:v8';
import yargs from 'yargs';
import { toolVersion } from '../analyze.js';
import { analyzeCommand } from './commands/analyze.js';
import { checkCommand, snapshotCommand } from './commands/check.js';
import { interfacesCommand, liveCommand } from './commands/live.js';
import type { CommandModule } from './commands/types.js';
import { EXIT, STDIN_ARG } from './io.js';

export { EXIT } from './io.js';

/** Every subcommand; add new ones here. */
const COMMANDS: readonly CommandModule[] = [
  analyzeCommand,
  checkCommand,
  snapshotCommand,
  liveCommand,
  interfacesCommand,
];

export async function main(argv: string[]): Promise<number> {
  let code: number = EXIT.OK;
  let parser = yargs()
    .scriptName('pcap-explain')
    .usage('$0 <command> [options]\n\nExplains packet captures: ARP, TCP, UDP, MQTT, HTTP and ZeroMQ, frame by frame.');
  for (const c of COMMANDS) {
    parser = parser.command(
      c.command,
      c.describe,
      (y) => c.builder(y),
      async (a) => {
        code = await c.run(a as Record<string, unknown>);
      },
    );
  }
  parser = parser
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
      process.stderr.write(`pcap-explain: ${msg}\nRun 'pcap-explain --help' for usage.\n`);
      code = EXIT.UNREADABLE;
    });
  await parser.parseAsync(argv.map((a) => (a === '-' ? STDIN_ARG : a)));
  return code;
}
/**
 * How far V8 lets the old generation grow between full collections. By default it may grow up to 4×
 * past what survived the last one; an analysis makes garbage fast and keeps little (20–30 MB live after
 * GC at 3M frames), so peak memory was about 5× the live data. 1.2× keeps the peak near it at the same
 * speed (bench, 3M frames: 222 → 151 MB). A --heap-growing-percent given to node (NODE_OPTIONS or its
 * command line) wins.
 */
export const HEAP_GROWING_PERCENT = 20;

function tuneHeap(): void {
  const given = [...process.execArgv, process.env.NODE_OPTIONS ?? ''].some((a) => /heap[-_]growing[-_]percent/.test(a));
  if (!given) setFlagsFromString(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`);
}

export async function cli(): Promise<void> {
  tuneHeap();
  try {
    process.exitCode = await main(process.argv.slice(2));
  } catch (err) {
    process.stderr.write(`pcap-explain: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = EXIT.UNREADABLE;
  }
}
