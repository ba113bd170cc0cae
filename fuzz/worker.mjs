// @ts-check
/**
 * Worker thread of the fuzz harness. Runs chunks of cases (or the property suite) and tells the
 * supervisor where it is through shared memory, so a case that hangs can be killed and named:
 *
 *   slot[CUR]   index of the case (or property) running, -1 when idle
 *   slot[T0]    its start, ms since the supervisor's epoch
 *   slot[...]   counters (see SLOT in run.mjs), added to across worker restarts
 *
 * Failures are posted as messages as they happen; counters need no message.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import v8 from 'node:v8';
import vm from 'node:vm';
import { parentPort, workerData } from 'node:worker_threads';
import { runFileVsBytes, runPipeline } from './check.mjs';
import { loadCorpus, makeCase } from './mutate.mjs';
import { caseBound, SLOT } from './slots.mjs';

const wd = /** @type {{ mode: 'cases' | 'props' | 'eval', seed: number, corpusDir: string, memMb: number, timeoutMs: number,
  saveDir: string | null, shared: SharedArrayBuffer, slot: number, epoch: number, props: number }} */ (workerData);
const port = /** @type {import('node:worker_threads').MessagePort} */ (parentPort);
const all = new Int32Array(wd.shared);
const base = wd.slot * SLOT.SIZE;
const now = () => Date.now() - wd.epoch;
/** A full collection, to tell live memory from garbage before calling a case a blow-up. */
const gc = (() => {
  try {
    v8.setFlagsFromString('--expose-gc');
    return /** @type {() => void} */ (vm.runInNewContext('gc'));
  } catch {
    return undefined;
  }
})();

/** @param {number} i @param {number} v */
function set(i, v) {
  Atomics.store(all, base + i, v);
}
/** @param {number} i @param {number} v */
function add(i, v) {
  Atomics.add(all, base + i, v);
}
/** @param {number} i @param {number} v */
function max(i, v) {
  if (v > Atomics.load(all, base + i)) Atomics.store(all, base + i, v);
}

/** @type {import('./mutate.mjs').Seed[] | undefined} */
let corpusCache;

/** Heap in use plus memory outside the heap (typed arrays), MiB. */
function heapMb() {
  const h = v8.getHeapStatistics();
  return Math.round((h.used_heap_size + h.external_memory) / (1024 * 1024));
}

if (wd.mode === 'eval') {
  // The minimiser's evaluator: one input at a time, the outcome back.
  port.on('message', (/** @type {{ id: number, bytes: Uint8Array }} */ m) => {
    set(SLOT.BOUND, caseBound(wd.timeoutMs, m.bytes.length));
    set(SLOT.T0, now());
    set(SLOT.CUR, m.id);
    let peak = 0;
    const t0 = performance.now();
    const out = runPipeline(m.bytes, { measure: () => void (peak = heapMb()) });
    set(SLOT.CUR, -1);
    port.postMessage({ id: m.id, out, ms: performance.now() - t0, heapMb: peak });
  });
} else if (wd.mode === 'props') {
  const { runProps } = await import('./props.mjs');
  const results = await runProps(wd.seed, wd.props, (i) => {
    set(SLOT.T0, now());
    set(SLOT.CUR, i);
  });
  set(SLOT.CUR, -1);
  port.postMessage({ type: 'props', results });
} else {
  port.postMessage({ type: 'ready', seeds: corpus().map((s) => s.name) });
  port.on('message', async (/** @type {{ type: string, from: number, to: number }} */ m) => {
    if (m.type !== 'chunk') return;
    for (let i = m.from; i < m.to; i++) await runOne(i);
    set(SLOT.CUR, -1);
    port.postMessage({ type: 'done', from: m.from, to: m.to });
  });
}

/** Where the streaming-path cases write their input (one file per worker slot; run.mjs removes it). */
const scratch = join(tmpdir(), `pcx-fuzz-${process.pid}-${wd.slot}`);
if (wd.mode === 'cases') mkdirSync(scratch, { recursive: true });

/** @param {number} i */
async function runOne(i) {
  const c = makeCase(wd.seed, i, corpus());
  const bound = caseBound(wd.timeoutMs, c.bytes.length);
  set(SLOT.BOUND, bound);
  set(SLOT.T0, now());
  set(SLOT.CUR, i);
  const t0 = performance.now();
  let peak = 0;
  // Every 16th case also goes through analyzeFile (streaming) and is compared with analyzeBytes; every
  // 32nd also through the streamed explained frame list, compared with the whole model's explanations.
  const out =
    i % 16 === 5
      ? await runFileVsBytes(c.bytes, join(scratch, 'case.pcap'), { frames: i % 32 === 5 })
      : runPipeline(c.bytes, {
          tty: i % 64 === 0,
          keepFrames: i % 4 !== 3,
          documents: i % 8 === 2,
          measure: () => {
            peak = heapMb();
            if (peak > wd.memMb && gc) {
              gc();
              peak = heapMb();
            }
          },
        });
  const ms = performance.now() - t0;
  set(SLOT.CUR, -1);
  add(SLOT.DONE, 1);
  if (out.kind === 'ok') add(SLOT.OK, 1);
  else if (out.kind === 'capture-error') add(SLOT.CAPTURE_ERROR, 1);
  max(SLOT.MAX_HEAP_MB, peak);
  if (ms > Atomics.load(all, base + SLOT.MAX_MS)) {
    set(SLOT.MAX_MS, Math.ceil(ms));
    set(SLOT.MAX_MS_CASE, i);
  }
  add(SLOT.FRAMES, out.frames ?? 0);
  /** @type {string | undefined} */
  let kind;
  if (out.kind === 'escaped' || out.kind === 'backstop' || out.kind === 'bad-model') kind = out.kind;
  else if (peak > wd.memMb) kind = 'memory';
  else if (ms > bound) kind = 'slow';
  if (kind) {
    const file = save(c, kind);
    port.postMessage({
      type: 'fail',
      fail: { index: i, kind, seed: c.seed, ops: c.ops, size: c.bytes.length, where: out.where, error: out.error, ms: Math.round(ms), heapMb: peak, file },
    });
  }
}

function corpus() {
  corpusCache ??= loadCorpus(wd.corpusDir);
  return corpusCache;
}

/** @param {import('./mutate.mjs').Case} c @param {string} kind @returns {string | null} */
function save(c, kind) {
  if (!wd.saveDir) return null;
  try {
    mkdirSync(wd.saveDir, { recursive: true });
    const f = join(wd.saveDir, `seed${wd.seed}-case${c.index}-${kind}.pcap`);
    writeFileSync(f, c.bytes);
    return f;
  } catch {
    return null;
  }
}
