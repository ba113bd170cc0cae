#!/usr/bin/env node
/**
 * Starts the command line: the bundle `npm run build` makes (dist-bundle/cli/main.js, one CommonJS file:
 * scripts/bundle.mjs) with its V8 code cache when the bundle is there and was made from dist/ as it is, else
 * dist/ itself (after a bare `tsc`, or without the bundle). The cache spares compiling the code a lab capture's
 * report runs (docs/architecture.md, "Start-up"). It is taken only when it was made for this build of the
 * bundle (their first lines name it); V8 refuses one made by another V8 or under other V8 flags, and the
 * bundle is then compiled as usual. PCAP_EXPLAIN_DEBUG_CACHE=1 tells on stderr which it was.
 */
// CommonJS (bin/package.json): node starts a CommonJS file sooner than an ES module
const { readFileSync } = require('node:fs');
const { createRequire } = require('node:module');
const { dirname, join } = require('node:path');
const { Script } = require('node:vm');

const BUNDLE = join(__dirname, '..', 'dist-bundle', 'cli', 'main.js');
const CODE_CACHE = `${BUNDLE}.cache`;
const BUILT = join(__dirname, '..', 'dist', 'cli', 'main.js');

/**
 * The bundle's first line names its build; dist/cli/main.js ends with the name of the bundle made from it
 * (a bare tsc writes it anew, without), and the code cache starts with the name of its bundle.
 */
const BUILD_LINE = /^\/\/ pcap-explain bundle ([0-9a-f]+)\n/;
const BUILT_LINE = /\n\/\/ pcap-explain bundle ([0-9a-f]+)\n$/;

/** The text of a file, undefined when it cannot be read. */
function read(path, encoding) {
  try {
    return readFileSync(path, encoding);
  } catch {
    return undefined;
  }
}

/** The code cache made for this build of the bundle, or why there is none. */
function codeCache(build) {
  const data = read(CODE_CACHE);
  if (!data) return 'none';
  const head = Buffer.from(`${build}\n`);
  return data.subarray(0, head.length).equals(head) ? data.subarray(head.length) : 'stale';
}

/**
 * The bundle's exports and its compiled script, or undefined when there is no bundle or it was not made
 * from dist/ as it is (tsc wrote it since). `cache: false`: compiled without the code cache (the warm-up run
 * that writes it).
 */
function loadBundle({ cache = true } = {}) {
  const source = read(BUNDLE, 'utf8');
  const build = source && BUILD_LINE.exec(source)?.[1];
  if (!build) return undefined;
  const built = read(BUILT, 'utf8');
  if (built !== undefined && BUILT_LINE.exec(built)?.[1] !== build) return undefined;
  const cached = cache ? codeCache(build) : 'none';
  const script = new Script(`(function (exports, require, module, __filename, __dirname) {${source}\n})`, {
    filename: BUNDLE,
    ...(typeof cached !== 'string' ? { cachedData: cached } : {}),
  });
  if (process.env.PCAP_EXPLAIN_DEBUG_CACHE) {
    const state = typeof cached === 'string' ? cached : script.cachedDataRejected ? 'rejected' : 'used';
    process.stderr.write(`code cache: ${state}\n`);
  }
  const module = { exports: {} };
  script.runInThisContext()(module.exports, createRequire(BUNDLE), module, BUNDLE, dirname(BUNDLE));
  return { exports: module.exports, script, build };
}

module.exports = { BUNDLE, CODE_CACHE, loadBundle };

// run, not imported (the build's warm-up run loads the bundle itself)
if (require.main === module) {
  const bundled = loadBundle()?.exports;
  (bundled ? Promise.resolve(bundled) : import('../dist/cli/main.js')).then(({ cli }) => cli(() => import('yargs')));
}
