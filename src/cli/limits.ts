/** `--limit NAME=VALUE` (repeatable) of analyze, check and live: the resource limits of docs/limits.md. */
import type { Options } from 'yargs';
import {
  DEFAULT_LIMITS,
  kebabName,
  LIMIT_NAMES,
  LimitError,
  type LimitName,
  type Limits,
  parseLimitArgs,
} from '../limits.js';

function shown(v: number | undefined): string {
  if (v === undefined) return 'built in';
  for (const [unit, size] of [
    ['GiB', 2 ** 30],
    ['MiB', 2 ** 20],
    ['KiB', 2 ** 10],
  ] as const) {
    if (v >= size && v % size === 0) return `${v / size}${unit}`;
  }
  return String(v);
}

/** Bounds in-memory analysis only: the CLI streams gzip (docs/limits.md, "gzip in memory"). */
const NOT_ON_CLI: LimitName = 'gunzipBytes';

const CLI_NAMES = LIMIT_NAMES.filter((n) => n !== NOT_ON_CLI)
  .map((n) => `${kebabName(n)} (${shown(DEFAULT_LIMITS[n])})`)
  .join(', ');

/**
 * The option (`.option('limit', LIMIT_OPTION)`), with every limit name and its default in --help. yargs gives
 * one value as a string and a repeated option as an array: the handler always sees the list.
 */
export const LIMIT_OPTION = {
  type: 'string',
  requiresArg: true,
  coerce: (v: string | string[]): string[] => (Array.isArray(v) ? v : [v]),
  describe: `resource limit NAME=VALUE, repeatable; VALUE a count or size (1e6, 64KiB, 4MiB, 16M = 16e6). NAME (default): ${CLI_NAMES}. See docs/limits.md`,
} as const satisfies Options;

/** The limits given on the command line, or the error text for a bad one. */
export function limitsFromArgs(value: string | readonly string[] | undefined): Partial<Limits> | { error: string } {
  const list = value === undefined ? [] : typeof value === 'string' ? [value] : value;
  try {
    const limits = parseLimitArgs(list.map(String));
    if (limits[NOT_ON_CLI] !== undefined) {
      return {
        error: `limit ${kebabName(NOT_ON_CLI)} bounds in-memory analysis (analyzeBytes) only: the command line streams gzip and needs no limit`,
      };
    }
    return limits;
  } catch (err) {
    if (err instanceof LimitError) return { error: err.message };
    throw err;
  }
}
