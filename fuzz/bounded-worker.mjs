// @ts-check
/** Worker side of bounded.mjs: analyse, measure, digest, post back. */
import { readFileSync } from 'node:fs';
import v8 from 'node:v8';
import vm from 'node:vm';
import { parentPort, workerData } from 'node:worker_threads';
import { analyzeBytes, CaptureError } from '../dist/analyze.js';
import { renderText } from '../dist/report/text.js';

const port = /** @type {import('node:worker_threads').MessagePort} */ (parentPort);
const wd = /** @type {{ path?: string, bytes?: Uint8Array, keepFrames: boolean, render: boolean }} */ (workerData);
const gc = (() => {
  try {
    v8.setFlagsFromString('--expose-gc');
    return /** @type {() => void} */ (vm.runInNewContext('gc'));
  } catch {
    return () => {};
  }
})();
const heapMb = () => {
  const h = v8.getHeapStatistics();
  return Math.round((h.used_heap_size + h.external_memory) / 2 ** 20);
};

/** @param {Record<string, number>} m @param {string} k */
const inc = (m, k) => void (m[k] = (m[k] ?? 0) + 1);

const bytes = wd.bytes ?? new Uint8Array(readFileSync(/** @type {string} */ (wd.path)));
const t0 = performance.now();
/** @type {import('../dist/analysis/model.js').AnalysisModel} */
let model;
try {
  model = analyzeBytes(bytes, { keepFrames: wd.keepFrames });
} catch (e) {
  const ms = performance.now() - t0;
  if (e instanceof CaptureError) port.postMessage({ kind: 'capture-error', code: e.code, error: e.message, ms, heapMb: heapMb() });
  else port.postMessage({ kind: 'escaped', error: String(/** @type {Error} */ (e)?.stack ?? e), ms, heapMb: heapMb() });
  process.exit(0);
}
const ms = performance.now() - t0;
gc();
const peak = heapMb();
/** @type {import('./bounded.mjs').Digest} */
const digest = {
  frames: model.capture.frames,
  damaged: model.capture.damaged,
  warnings: model.capture.warnings.map((w) => w.code),
  conversations: model.conversations.length,
  states: {},
  frameNotes: {},
  convNotes: {},
  app: {},
  appFrames: 0,
  firstTs: model.frames[0]?.ts ?? model.capture.start,
};
for (const c of model.conversations) {
  inc(digest.states, c.state);
  for (const n of c.notes ?? []) inc(digest.convNotes, n.code);
  for (const m of /** @type {any} */ (c).messages ?? []) inc(digest.app, `${m.proto}:${m.kind}`);
}
for (const f of model.frames) {
  for (const n of f.notes) inc(digest.frameNotes, n.code);
  if (f.app?.length) digest.appFrames++;
}
if (wd.render) {
  let t = performance.now();
  renderText(model, { tty: false, color: false }, { frames: wd.keepFrames });
  digest.textMs = Math.round(performance.now() - t);
  t = performance.now();
  renderText(model, { tty: true, color: false }, { frames: wd.keepFrames });
  digest.ttyMs = Math.round(performance.now() - t);
}
port.postMessage({ kind: 'ok', ms: Math.round(ms), heapMb: peak, digest });
