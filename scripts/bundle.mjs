/**
 * `npm run build`, after tsc has written dist/: the command line as one CommonJS file,
 * dist-bundle/cli/main.js, the worker threads beside it (analyze-worker.js, check-worker.js,
 * log-worker.js), and a V8 code cache of main.js (main.js.cache) made by a warm-up run over the lab
 * fixtures. main.js's first line names the build (a hash of it); dist/cli/main.js's last line and the
 * cache's first name it too: bin/pcap-explain.js loads main.js when it was made from dist/ as it is (else
 * dist/cli/main.js), with the cache made for it. The library export stays dist/. Why and how much: docs/architecture.md, "Start-up".
 *
 * Modules the command line loads only for some runs (HTML and Markdown renderers, the other commands,
 * live capture, check, yargs) are `import()`ed where they are used: in the bundle their code is there
 * but runs only when imported. CommonJS because Node 20 can give a code cache only to a script
 * (vm.Script), not to an ES module; esbuild turns each `import()` of a bundled module into a call.
 *
 * Where the bundle sits: dist-bundle/ is dist/'s sibling and mirrors its tree, so a module that finds a
 * file relative to itself (`new URL('../package.json', import.meta.url)`, the worker threads
 * `new URL('../analyze-worker.js', import.meta.url)`, the check schema, `createRequire(import.meta.url)`)
 * is given the URL it would have at its place in that mirror (dist/analyze.js → dist-bundle/analyze.js).
 * Files outside dist/ (package.json, schema/, node_modules/) are then where they were, and the worker
 * threads are entries of the bundle. Each such reference is checked: a target that does not exist fails
 * the build.
 *
 * `node scripts/bundle.mjs --warm-up` is the warm-up run (a process of its own, V8's flags as node sets
 * them: a cache is used only by a process whose flags hash the same).
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const dist = join(root, 'dist');
const out = join(root, 'dist-bundle');
/** Every output file is written here, so one relative path from it reaches the mirror. */
const outCli = join(out, 'cli');
const ENTRIES = ['cli/main', 'cli/analyze-worker', 'cli/check-worker', 'cli/log-worker'];
/** The warm-up's captures: the lab's protocols, so that their code is compiled into the cache. */
const WARM_UP = ['mqtt.pcap', 'zmq.pcap', 'rest.pcap', 'http-keepalive.pcap', 'tcp-loss-after.pcap', 'udp-reply.pcap'];

async function bundle() {
  rmSync(out, { recursive: true, force: true });
  let esbuild;
  try {
    esbuild = await import('esbuild');
  } catch (err) {
    // without it (a platform esbuild has no binary for) the launcher runs dist/: slower to start, the same
    process.stderr.write(`bundle: skipped, esbuild cannot be loaded (${err.message.split('\n')[0]})\n`);
    return;
  }
  const result = await esbuild.build({
    absWorkingDir: root,
    entryPoints: ENTRIES.map((e) => ({ in: join(dist, `${e}.js`), out: e })),
    outdir: out,
    bundle: true,
    format: 'cjs',
    platform: 'node',
    target: 'node20',
    // yargs is imported by the launcher (bin/pcap-explain.js passes it to cli()): as an ES module in
    // node_modules, it finds its locale files beside it
    external: ['yargs'],
    banner: { js: MIRROR_URL_BANNER },
    plugins: [mirrorImportMetaUrl],
    metafile: true,
    logLevel: 'warning',
    legalComments: 'none',
  });
  // dist-bundle/ is CommonJS (the package is "type": "module")
  writeFileSync(join(out, 'package.json'), '{ "type": "commonjs" }\n');

  const problems = [];
  // every `new URL('…', import.meta.url)` of a bundled module reaches a file from its place in the mirror
  for (const input of Object.keys(result.metafile.inputs)) {
    const abs = join(root, input);
    if (!abs.startsWith(dist + sep)) continue;
    const text = readFileSync(abs, 'utf8');
    for (const m of text.matchAll(/new URL\(\s*(['"])([^'"]+)\1\s*,\s*import\.meta\.url\s*\)/g)) {
      const target = join(dirname(join(out, relative(dist, abs))), m[2]);
      if (!existsSync(target)) problems.push(`${input}: ${m[2]} → ${relative(root, target)}, not found`);
    }
  }
  // a script run by vm.Script has no module loader: no import() may be left but yargs' (main.ts's
  // default, which the launcher replaces)
  for (const e of ENTRIES) {
    const text = readFileSync(join(out, `${e}.js`), 'utf8');
    for (const m of text.matchAll(/\bimport\s*\(\s*([^)]*)\)/g)) {
      if (m[1] !== '"yargs"') problems.push(`dist-bundle/${e}.js: import(${m[1]}) is left (not bundled)`);
    }
  }
  if (problems.length > 0) {
    rmSync(out, { recursive: true, force: true });
    throw new Error(`bundle:\n  ${problems.join('\n  ')}`);
  }

  // esbuild writes code in ASCII (charset ascii) but keeps a few comments as they are: their non-ASCII
  // characters made V8 hold the whole source as a two-byte string (3.5 MB of heap instead of 1.8). Only
  // comments have them, where an escape is as good.
  for (const e of ENTRIES) {
    const file = join(out, `${e}.js`);
    const js = readFileSync(file, 'utf8');
    // biome-ignore lint/suspicious/noControlCharactersInRegex: the ASCII range
    const ascii = js.replace(/[^\x00-\x7f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
    if (ascii !== js) writeFileSync(file, ascii);
  }

  // the build's name: the bundle's first line, the last of the dist/cli/main.js it was made from (a bare
  // tsc writes that anew: the launcher then runs dist/), the code cache's first
  const main = join(out, 'cli', 'main.js');
  const text = readFileSync(main, 'utf8');
  const build = createHash('sha256').update(text).digest('hex').slice(0, 16);
  writeFileSync(main, `// pcap-explain bundle ${build}\n${text}`);
  const built = join(dist, 'cli', 'main.js');
  const from = readFileSync(built, 'utf8').replace(/\n\/\/ pcap-explain bundle [0-9a-f]+\n$/, '\n');
  writeFileSync(built, `${from.endsWith('\n') ? from : `${from}\n`}// pcap-explain bundle ${build}\n`);

  // the code cache: written by a run of its own, then checked to be taken by the launcher
  const env = { ...process.env, PCAP_EXPLAIN_V8: 'default' };
  const warm = spawnSync(process.execPath, [fileURLToPath(import.meta.url), '--warm-up'], { env, stdio: 'inherit' });
  if (warm.status !== 0) throw new Error('bundle: the warm-up run failed');
  const bin = join(root, 'bin', 'pcap-explain.js');
  const check = spawnSync(process.execPath, [bin, '--version'], {
    env: { ...process.env, PCAP_EXPLAIN_DEBUG_CACHE: '1' },
    encoding: 'utf8',
  });
  if (!check.stderr.includes('code cache: used')) {
    process.stderr.write(`bundle: warning: the launcher did not take the code cache (${check.stderr.trim()})\n`);
  }
}

/**
 * Loads the bundle as bin/pcap-explain.js does, runs the text report (and the frame list) of each warm-up
 * capture that is there, and writes the code cache: the compiled code of every function they ran.
 */
async function warmUp() {
  const { loadBundle, CODE_CACHE } = await import('../bin/pcap-explain.js');
  const loaded = loadBundle({ cache: false });
  if (!loaded) throw new Error('bundle: dist-bundle/cli/main.js cannot be loaded');
  const { main } = loaded.exports;
  const captures = WARM_UP.map((f) => join(root, 'fixtures', f)).filter((f) => existsSync(f));
  for (const f of captures) {
    for (const extra of [[], ['--frames']]) {
      const code = await main([f, '-o', '/dev/null', ...extra]);
      if (code !== 0) throw new Error(`bundle: warm-up on ${f} exited ${code}`);
    }
  }
  writeFileSync(CODE_CACHE, Buffer.concat([Buffer.from(`${loaded.build}\n`), loaded.script.createCachedData()]));
}

/**
 * The URL of a place relative to the bundle's file, defined once at its top: a module's own `require`
 * (spec.ts has one, made by createRequire) cannot hide the bundle's.
 */
const MIRROR_URL = '__pcapExplainMirrorUrl';
// "use strict" first: esbuild writes the banner before its own, which would then be no directive
const MIRROR_URL_BANNER = `'use strict';\nconst ${MIRROR_URL} = (rel) => new URL(rel, require('node:url').pathToFileURL(__filename)).href;`;

/** Each module's own place in the mirror, instead of the bundle's URL (see the header). */
const mirrorImportMetaUrl = {
  name: 'mirror-import-meta-url',
  setup(b) {
    b.onLoad({ filter: /\.js$/ }, (args) => {
      if (!args.path.startsWith(dist + sep)) return undefined;
      const text = readFileSync(args.path, 'utf8');
      if (!text.includes('import.meta.url')) return undefined;
      const mirrored = relative(outCli, join(out, relative(dist, args.path)))
        .split(sep)
        .join('/');
      const url = `${MIRROR_URL}(${JSON.stringify(mirrored)})`;
      return { contents: text.replaceAll('import.meta.url', url), loader: 'js', resolveDir: dirname(args.path) };
    });
  },
};

if (process.argv[2] === '--warm-up') await warmUp();
else await bundle();
