/**
 * Node built-in modules that only some runs use, loaded the first time one is asked for. Each costs
 * start-up time when imported (node:net and node:child_process load node's stream and socket code,
 * node:zlib its compression), and a lab capture's report needs none of them: docs/architecture.md,
 * "Start-up". A module that every run needs is imported as usual.
 */
import { createRequire } from 'node:module';

const load = createRequire(import.meta.url);

/** node:net (address checks of a names file). */
export const net = (): typeof import('node:net') => load('node:net');
/** node:zlib (gzip-compressed captures). */
export const zlib = (): typeof import('node:zlib') => load('node:zlib');
/** node:stream (captures read from a stream, gzip streams). */
export const stream = (): typeof import('node:stream') => load('node:stream');
/** node:worker_threads (whether this is the main thread). */
export const workerThreads = (): typeof import('node:worker_threads') => load('node:worker_threads');
