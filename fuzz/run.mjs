#!/usr/bin/env node
// @ts-check
/**
 * pcap-explain fuzz harness (issue 9). Runs against the built library (dist/): `npm run fuzz` builds first.
 *
 *   npm run fuzz                                   default budget (seed 1, 40,000 cases, properties)
 *   npm run fuzz -- --seed 7 --cases 1000000       a long run (progress every 10 s, summary at the end)
 *   npm run fuzz -- --seed 7 --case 123456         re-run one case in this process and show it
 *   npm run fuzz -- --seed 7 --case 123456 --out x.pcap   write that case's input to a file
 *
 * Options: --seed N (1)  --cases N (40000)  --start K (0: first case index)  --workers N (2)
 *   --timeout-ms N (2000: a case running longer is killed and counted as a hang)
 *   --mem-mb N (512: heap + external memory with the model alive; above it is a memory blow-up)
 *   --heap-limit-mb N (2048: the worker's V8 old-space limit; hitting it is an OOM)
 *   --props N (1000: fast-check runs per dissector property; 0 skips the property phase)
 *   --save DIR (failing inputs written there; default $TMPDIR/pcap-explain-fuzz)
 *   --corpus DIR (fixtures)  --json (last line: the summary as JSON)  --quiet
 *
 * Exit status 0 when nothing escaped, hung, ran out of memory or broke the model; 1 otherwise.
 */
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { loadCorpus, makeCase } from './mutate.mjs';
import { SLOT } from './slots.mjs';

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = join(HERE, '..');

/** @param {string[]} argv */
function parseArgs(argv) {
  /** @type {Record<string, string | boolean>} */
  const a = {};
  for (let i = 0; i < argv.length; i++) {
    const k = argv[i] ?? '';
    if (!k.startsWith('--')) throw new Error(`unexpected argument ${k}`);
    const name = k.slice(2);
    if (name === 'json' || name === 'quiet') a[name] = true;
    else {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${k} needs a value`);
      a[name] = v;
    }
  }
  /** @param {string} k @param {number} d */
  const num = (k, d) => {
    const v = a[k];
    if (v === undefined) return d;
    const n = Number(v);
    if (!Number.isFinite(n) || n < 0) throw new Error(`--${k}: not a number: ${v}`);
    return Math.floor(n);
  };
  const known = ['seed', 'cases', 'start', 'workers', 'timeout-ms', 'mem-mb', 'heap-limit-mb', 'props', 'save', 'corpus', 'json', 'quiet', 'case', 'out'];
  for (const k of Object.keys(a)) if (!known.includes(k)) throw new Error(`unknown option --${k}`);
  return {
    seed: num('seed', 1),
    cases: num('cases', 40000),
    start: num('start', 0),
    workers: Math.max(1, num('workers', Math.min(2, os.availableParallelism()))),
    timeoutMs: num('timeout-ms', 2000),
    memMb: num('mem-mb', 512),
    heapLimitMb: num('heap-limit-mb', 2048),
    props: num('props', 1000),
    save: typeof a.save === 'string' ? a.save : join(os.tmpdir(), 'pcap-explain-fuzz'),
    corpus: typeof a.corpus === 'string' ? a.corpus : join(ROOT, 'fixtures'),
    json: a.json === true,
    quiet: a.quiet === true,
    one: a.case === undefined ? undefined : num('case', 0),
    out: typeof a.out === 'string' ? a.out : undefined,
  };
}

/**
 * @typedef {{ index: number, kind: string, seed: string, ops: string[], size: number, where?: string,
 *             error?: string, ms: number, heapMb: number, file: string | null }} Failure
 * @typedef {ReturnType<typeof parseArgs>} Options
 */

/**
 * Runs the fuzz campaign; resolves with the summary.
 * @param {Options} o
 * @param {(line: string) => void} log
 */
export async function fuzz(o, log) {
  const epoch = Date.now();
  const nw = Math.min(o.workers, Math.max(1, Math.ceil(o.cases / 200)));
  const shared = new SharedArrayBuffer(4 * SLOT.SIZE * (nw + 1));
  const slots = new Int32Array(shared);
  for (let w = 0; w <= nw; w++) slots[w * SLOT.SIZE + SLOT.CUR] = -1;
  /** @type {Failure[]} */
  const failures = [];
  /** @type {Record<string, number>} */
  const kinds = { escaped: 0, backstop: 0, 'bad-model': 0, hang: 0, slow: 0, oom: 0, memory: 0, crash: 0 };
  let maxRss = 0;
  let props = /** @type {{ name: string, ok: boolean, runs: number, ms: number, error?: string }[]} */ ([]);

  /** @param {Failure} f */
  const fail = (f) => {
    kinds[f.kind] = (kinds[f.kind] ?? 0) + 1;
    if (failures.length < 200) failures.push(f);
    log(`FAIL ${f.kind} case ${f.index} (seed ${o.seed}) from ${f.seed} ops [${f.ops.join(' ')}] ${f.size} bytes ${f.ms} ms${f.where ? ` in ${f.where}` : ''}${f.file ? ` -> ${f.file}` : ''}${f.error ? `\n  ${f.error.split('\n').join('\n  ')}` : ''}`);
  };

  const workerOpts = (/** @type {number} */ slot, /** @type {'cases' | 'props'} */ mode) => ({
    workerData: { mode, seed: o.seed, corpusDir: o.corpus, memMb: o.memMb, timeoutMs: o.timeoutMs, saveDir: o.save, shared, slot, epoch, props: o.props },
    resourceLimits: { maxOldGenerationSizeMb: o.heapLimitMb, maxYoungGenerationSizeMb: 64, stackSizeMb: 4 },
  });

  // Property phase: fast-check over every dissector, in its own worker with a per-property bound.
  if (o.props > 0) {
    const t0 = Date.now();
    props = await new Promise((resolve) => {
      const w = new Worker(join(HERE, 'worker.mjs'), workerOpts(nw, 'props'));
      const base = nw * SLOT.SIZE;
      const bound = Math.max(60_000, o.timeoutMs * 30);
      let settled = false;
      const timer = setInterval(() => {
        const cur = Atomics.load(slots, base + SLOT.CUR);
        if (cur >= 0 && Date.now() - epoch - Atomics.load(slots, base + SLOT.T0) > bound) {
          settled = true;
          clearInterval(timer);
          void w.terminate();
          resolve([{ name: `property #${cur}`, ok: false, runs: 0, ms: bound, error: `did not finish within ${bound} ms (hang)` }]);
        }
      }, 200);
      w.on('message', (m) => {
        if (m.type === 'props' && !settled) {
          settled = true;
          clearInterval(timer);
          resolve(m.results);
          void w.terminate();
        }
      });
      w.on('error', (e) => {
        if (settled) return;
        settled = true;
        clearInterval(timer);
        resolve([{ name: `property #${Atomics.load(slots, base + SLOT.CUR)}`, ok: false, runs: 0, ms: 0, error: String(e?.stack ?? e) }]);
      });
    });
    const bad = props.filter((p) => !p.ok);
    log(`properties: ${props.length - bad.length}/${props.length} passed (${o.props} runs each, seed ${o.seed}) in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
    for (const p of bad) log(`FAIL property ${p.name}: ${p.error}`);
  }

  /** @type {import('./mutate.mjs').Seed[] | undefined} */
  let corpus;
  /** The case a killed worker was running, regenerated here (and its input saved). */
  const describeCase = (/** @type {number} */ index, /** @type {string} */ kind) => {
    try {
      corpus ??= loadCorpus(o.corpus);
      const c = makeCase(o.seed, index, corpus);
      let file = null;
      if (o.save) {
        mkdirSync(o.save, { recursive: true });
        file = join(o.save, `seed${o.seed}-case${index}-${kind}.pcap`);
        writeFileSync(file, c.bytes);
      }
      return { seed: c.seed, ops: c.ops, size: c.bytes.length, file };
    } catch {
      return { seed: '?', ops: [], size: 0, file: null };
    }
  };

  // Mutation phase.
  const t1 = Date.now();
  const CHUNK = 200;
  /** @type {[number, number][]} */
  const queue = [];
  for (let i = o.start; i < o.start + o.cases; i += CHUNK) queue.push([i, Math.min(o.start + o.cases, i + CHUNK)]);
  queue.reverse();
  let seeds = /** @type {string[]} */ ([]);

  await new Promise((resolve) => {
    /** @type {({ w: Worker, chunk: [number, number] | null, dead: boolean } | null)[]} */
    const pool = new Array(nw).fill(null);
    let running = 0;
    let startFailures = 0;

    const next = (/** @type {number} */ k) => {
      const p = pool[k];
      if (!p || p.dead) return;
      const c = queue.pop();
      if (!c) {
        p.chunk = null;
        p.dead = true;
        void p.w.terminate();
        if (--running === 0) resolve(undefined);
        return;
      }
      p.chunk = c;
      p.w.postMessage({ type: 'chunk', from: c[0], to: c[1] });
    };

    /** A worker died on case `cur`: record it, requeue the rest of its chunk, start a new worker. */
    const lost = (/** @type {number} */ k, /** @type {string} */ kind, /** @type {string} */ why) => {
      const p = pool[k];
      if (!p || p.dead) return;
      p.dead = true;
      const cur = Atomics.load(slots, k * SLOT.SIZE + SLOT.CUR);
      const t0 = Atomics.load(slots, k * SLOT.SIZE + SLOT.T0);
      if (cur < 0 && kind === 'crash') {
        // Not inside a case: the worker itself is broken (an import failed, ...). Do not loop.
        if (++startFailures > 3) {
          log(`fuzz: workers keep failing outside any case, giving up: ${why}`);
          kinds.crash = (kinds.crash ?? 0) + 1;
          queue.length = 0;
        }
      }
      if (cur >= 0) {
        Atomics.add(slots, k * SLOT.SIZE + SLOT.DONE, 1);
        const c = describeCase(cur, kind);
        fail({ index: cur, kind, seed: c.seed, ops: c.ops, size: c.size, ms: Date.now() - epoch - t0, heapMb: 0, file: c.file, error: `${why} (re-run: npm run fuzz -- --seed ${o.seed} --case ${cur})` });
      }
      Atomics.store(slots, k * SLOT.SIZE + SLOT.CUR, -1);
      void p.w.terminate();
      running--;
      if (p.chunk) {
        const from = cur >= 0 ? cur + 1 : p.chunk[0];
        if (from < p.chunk[1]) queue.push([from, p.chunk[1]]);
      }
      spawn(k);
    };

    const spawn = (/** @type {number} */ k) => {
      if (queue.length === 0) {
        pool[k] = null;
        if (running === 0) resolve(undefined);
        return;
      }
      const w = new Worker(join(HERE, 'worker.mjs'), workerOpts(k, 'cases'));
      const p = { w, chunk: /** @type {[number, number] | null} */ (null), dead: false };
      pool[k] = p;
      running++;
      w.on('message', (m) => {
        if (p.dead) return; // killed by the watchdog: its case is already counted
        if (m.type === 'ready') {
          seeds = m.seeds;
          next(k);
        } else if (m.type === 'done') next(k);
        else if (m.type === 'fail') fail(m.fail);
      });
      w.on('error', (e) => {
        const oom = /** @type {{ code?: string }} */ (e).code === 'ERR_WORKER_OUT_OF_MEMORY';
        lost(k, oom ? 'oom' : 'crash', oom ? `worker ran out of memory (old space limit ${o.heapLimitMb} MB)` : String(e?.stack ?? e));
      });
      w.on('exit', (code) => {
        if (!p.dead) lost(k, 'crash', `worker exited with code ${code}`);
      });
    };

    const watchdog = setInterval(() => {
      const t = Date.now() - epoch;
      for (let k = 0; k < nw; k++) {
        const p = pool[k];
        if (!p || p.dead) continue;
        const cur = Atomics.load(slots, k * SLOT.SIZE + SLOT.CUR);
        // The bound is wall time: on a machine busier than its cores (load average above the core count)
        // a case gets a share of a core, so the bound stretches by that factor; an endless loop is still caught.
        const share = Math.max(1, os.loadavg()[0] / os.cpus().length);
        const bound = Math.round((Atomics.load(slots, k * SLOT.SIZE + SLOT.BOUND) || o.timeoutMs) * share);
        if (cur >= 0 && t - Atomics.load(slots, k * SLOT.SIZE + SLOT.T0) > bound) {
          lost(k, 'hang', `no result within ${bound} ms: worker killed`);
        }
      }
      maxRss = Math.max(maxRss, process.memoryUsage.rss());
    }, 50);

    let lastLog = Date.now();
    const progress = setInterval(() => {
      const s = totals();
      const el = (Date.now() - t1) / 1000;
      const rate = s.done / Math.max(el, 1e-3);
      const eta = rate > 0 ? (o.cases - s.done) / rate : 0;
      if (!o.quiet && Date.now() - lastLog >= 9_500) {
        lastLog = Date.now();
        log(`[fuzz] ${s.done}/${o.cases} cases (${((100 * s.done) / Math.max(1, o.cases)).toFixed(1)}%) ${rate.toFixed(0)}/s, escaped ${kinds.escaped} backstop ${kinds.backstop} hangs ${kinds.hang + kinds.slow} oom ${kinds.oom + kinds.memory} crash ${kinds.crash}, max heap ${s.maxHeapMb} MB, rss ${Math.round(maxRss / 2 ** 20)} MB, eta ${fmtTime(eta)}`);
      }
    }, 500);

    const done = resolve;
    resolve = (/** @type {unknown} */ v) => {
      clearInterval(watchdog);
      clearInterval(progress);
      done(v);
    };
    for (let k = 0; k < nw; k++) spawn(k);
  });

  function totals() {
    let done = 0;
    let ok = 0;
    let captureErrors = 0;
    let maxHeapMb = 0;
    let maxMs = 0;
    let maxMsCase = -1;
    let frames = 0;
    for (let k = 0; k < nw; k++) {
      const b = k * SLOT.SIZE;
      done += slots[b + SLOT.DONE] ?? 0;
      ok += slots[b + SLOT.OK] ?? 0;
      captureErrors += slots[b + SLOT.CAPTURE_ERROR] ?? 0;
      frames += slots[b + SLOT.FRAMES] ?? 0;
      maxHeapMb = Math.max(maxHeapMb, slots[b + SLOT.MAX_HEAP_MB] ?? 0);
      if ((slots[b + SLOT.MAX_MS] ?? 0) > maxMs) {
        maxMs = slots[b + SLOT.MAX_MS] ?? 0;
        maxMsCase = slots[b + SLOT.MAX_MS_CASE] ?? -1;
      }
    }
    return { done, ok, captureErrors, maxHeapMb, maxMs, maxMsCase, frames };
  }

  for (let k = 0; k < nw; k++) rmSync(join(os.tmpdir(), `pcx-fuzz-${process.pid}-${k}`), { recursive: true, force: true });
  const s = totals();
  const seconds = (Date.now() - t1) / 1000;
  const summary = {
    seed: o.seed,
    start: o.start,
    cases: s.done,
    seconds: Math.round(seconds * 10) / 10,
    rate: Math.round(s.done / Math.max(seconds, 1e-3)),
    ok: s.ok,
    capture_errors: s.captureErrors,
    escaped: kinds.escaped,
    backstop: kinds.backstop,
    bad_model: kinds['bad-model'],
    hangs: (kinds.hang ?? 0) + (kinds.slow ?? 0),
    oom: (kinds.oom ?? 0) + (kinds.memory ?? 0),
    crashes: kinds.crash,
    max_heap_mb: s.maxHeapMb,
    max_rss_mb: Math.round(maxRss / 2 ** 20),
    slowest_ms: s.maxMs,
    slowest_case: s.maxMsCase,
    frames: s.frames,
    seeds: seeds.length,
    properties: props.length,
    properties_failed: props.filter((p) => !p.ok).length,
    failures,
  };
  return summary;
}

/** @param {number} s */
function fmtTime(s) {
  if (!Number.isFinite(s)) return '?';
  if (s < 90) return `${Math.round(s)}s`;
  if (s < 5400) return `${Math.round(s / 60)}m`;
  return `${(s / 3600).toFixed(1)}h`;
}

/** One case in this process, with everything shown. @param {Options} o */
async function one(o) {
  const { runPipeline } = await import('./check.mjs');
  const corpus = loadCorpus(o.corpus);
  const c = makeCase(o.seed, /** @type {number} */ (o.one), corpus);
  console.log(`case ${c.index} (seed ${o.seed}) from ${c.seed}: ops [${c.ops.join(' ')}], ${c.bytes.length} bytes`);
  if (o.out) {
    writeFileSync(o.out, c.bytes);
    console.log(`input written to ${o.out}`);
  }
  const t0 = performance.now();
  const r = runPipeline(c.bytes);
  console.log(`${r.kind} in ${(performance.now() - t0).toFixed(1)} ms${r.code ? ` (${r.code})` : ''}${r.where ? ` in ${r.where}` : ''}${r.frames !== undefined ? `, ${r.frames} frames, ${r.conversations} conversations` : ''}`);
  if (r.error) console.log(r.error);
  return r.kind === 'ok' || r.kind === 'capture-error' ? 0 : 1;
}

async function main() {
  let o;
  try {
    o = parseArgs(process.argv.slice(2));
  } catch (e) {
    console.error(`fuzz: ${/** @type {Error} */ (e).message}`);
    process.exit(2);
  }
  if (!existsSync(join(ROOT, 'dist', 'analyze.js'))) {
    console.error('fuzz: dist/ is missing: run `npm run build` first (npm run fuzz does)');
    process.exit(2);
  }
  if (o.one !== undefined) process.exit(await one(o));
  const log = (/** @type {string} */ l) => console.log(l);
  log(`fuzz: seed ${o.seed}, cases ${o.start}..${o.start + o.cases - 1}, ${o.workers} workers, ${o.timeoutMs} ms / ${o.memMb} MB per case, corpus ${o.corpus}`);
  const s = await fuzz(o, log);
  const bad = s.escaped + s.backstop + s.bad_model + s.hangs + s.oom + s.crashes + s.properties_failed;
  console.log(
    `fuzz summary: cases ${s.cases}, seed ${s.seed}, ${s.seconds} s (${s.rate}/s), ok ${s.ok}, capture errors ${s.capture_errors}, escaped exceptions ${s.escaped}, backstops ${s.backstop}, bad models ${s.bad_model}, hangs ${s.hangs}, memory blow-ups ${s.oom}, worker crashes ${s.crashes}, properties ${s.properties - s.properties_failed}/${s.properties}, max heap ${s.max_heap_mb} MB, max rss ${s.max_rss_mb} MB, slowest case ${s.slowest_ms} ms (#${s.slowest_case}), frames ${s.frames}`,
  );
  if (o.json) console.log(JSON.stringify(s));
  process.exit(bad === 0 ? 0 : 1);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) await main();
