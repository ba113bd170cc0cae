import type { ArgumentsCamelCase, Argv } from 'yargs';

/** A subcommand as main.ts lists it: how it adds itself to the parser. */
export interface CommandModule {
  command: string | readonly string[];
  describe: string;
  /** Adds the command to `parser`; its handler hands the exit code to `done`. */
  register: (parser: Argv, done: (code: number) => void) => Argv;
}

/** What a subcommand defines: its yargs builder, and a handler given the arguments that builder declares. */
export interface CommandDefinition<A> {
  command: string | readonly string[];
  describe: string;
  builder: (y: Argv) => Argv<A>;
  /** Runs the command; returns the exit code. */
  run: (args: ArgumentsCamelCase<A>) => Promise<number>;
}

/** A definition whose handler's argument type is inferred from its builder (kept for tests to parse with). */
export function commandDefinition<A>(def: CommandDefinition<A>): CommandDefinition<A> {
  return def;
}

/** A subcommand whose handler's argument type is the one its builder declares (no cast between them). */
export function defineCommand<A>(def: CommandDefinition<A>): CommandModule {
  return {
    command: def.command,
    describe: def.describe,
    register: (parser, done) =>
      parser.command(def.command, def.describe, def.builder, async (args) => done(await def.run(args))),
  };
}
