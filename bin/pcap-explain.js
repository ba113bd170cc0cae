#!/usr/bin/env node
/**
 * Starts the command line: the bundle `npm run build` makes (dist-bundle/cli/main.js, one CommonJS file:
 * scripts/bundle.mjs) with its V8 code cache when they are there and not older than dist/, else dist/
 * itself (after a bare `tsc`, or without the bundle). The cache spares compiling the code a lab capture's
 * report runs (docs/architecture.md, "Start-up"); V8 refuses one made by another V8 or other flags, and the
 * bundle is then compiled as usual.
 */
import { readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Script } from 'node:vm';

export const BUNDLE = fileURLToPath(new URL('../dist-bundle/cli/main.js', import.meta.url));
export const CODE_CACHE = `${BUNDLE}.cache`;
const BUILT = fileURLToPath(new URL('../dist/cli/main.js', import.meta.url));

function mtime(path) {
  try {
    return statSync(path).mtimeMs;
  } catch {
    return undefined;
  }
}

/**
 * The bundle's exports and its compiled script, or undefined when there is no bundle or tsc wrote dist/
 * after it. `cache: false`: compiled without the code cache (the warm-up run that writes it).
 */
export function loadBundle({ cache = true } = {}) {
  const bundled = mtime(BUNDLE);
  const built = mtime(BUILT);
  if (bundled === undefined || (built !== undefined && built > bundled)) return undefined;
  const cached = cache && (mtime(CODE_CACHE) ?? -1) >= bundled ? readFileSync(CODE_CACHE) : undefined;
  const source = readFileSync(BUNDLE, 'utf8');
  const script = new Script(`(function (exports, require, module, __filename, __dirname) {${source}\n})`, {
    filename: BUNDLE,
    ...(cached ? { cachedData: cached } : {}),
  });
  if (process.env.PCAP_EXPLAIN_DEBUG_CACHE) {
    process.stderr.write(`code cache: ${!cached ? 'none' : script.cachedDataRejected ? 'rejected' : 'used'}\n`);
  }
  const module = { exports: {} };
  script.runInThisContext()(module.exports, createRequire(BUNDLE), module, BUNDLE, dirname(BUNDLE));
  return { exports: module.exports, script };
}

// imported by the build's warm-up run: it loads the bundle itself
if (process.env.PCAP_EXPLAIN_WARM_UP === undefined) {
  const { cli } = loadBundle()?.exports ?? (await import('../dist/cli/main.js'));
  await cli(() => import('yargs'));
}
