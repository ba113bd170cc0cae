import type { Argv } from 'yargs';

/** A subcommand: yargs definition plus a handler that returns the exit code. */
export interface CommandModule {
  command: string | string[];
  describe: string;
  builder: (y: Argv) => Argv;
  run: (args: Record<string, unknown>) => Promise<number>;
}
