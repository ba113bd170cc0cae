// @ts-check
/**
 * One capture analysed under a time and a memory bound, in a worker thread that is killed when it
 * overruns: what the hostile-capture and regression tests use. Resolves with the outcome, the time,
 * the peak heap (+ external memory, with the model alive) and a digest of the model (counts of note
 * codes, application messages, conversation states, warnings) small enough to send back.
 */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';

const HERE = dirname(fileURLToPath(import.meta.url));

/**
 * @typedef {{ frames: number, damaged: boolean, warnings: string[], conversations: number,
 *             states: Record<string, number>, frameNotes: Record<string, number>,
 *             convNotes: Record<string, number>, app: Record<string, number>, appFrames: number,
 *             firstTs: string | null, textMs?: number, ttyMs?: number }} Digest
 * @typedef {{ kind: 'ok' | 'capture-error' | 'escaped' | 'hang' | 'oom', error?: string, code?: string,
 *             ms: number, heapMb: number, digest?: Digest }} Bounded
 */

/**
 * @param {{ path?: string, bytes?: Uint8Array }} input
 * @param {{ timeoutMs: number, heapLimitMb?: number, keepFrames?: boolean, render?: boolean }} opts
 * @returns {Promise<Bounded>}
 */
export function analyzeBounded(input, opts) {
  return new Promise((resolve) => {
    const t0 = Date.now();
    const w = new Worker(join(HERE, 'bounded-worker.mjs'), {
      workerData: { path: input.path, bytes: input.bytes, keepFrames: opts.keepFrames ?? true, render: opts.render ?? false },
      resourceLimits: { maxOldGenerationSizeMb: opts.heapLimitMb ?? 2048, maxYoungGenerationSizeMb: 64, stackSizeMb: 4 },
    });
    let done = false;
    const finish = (/** @type {Bounded} */ r) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      void w.terminate();
      resolve(r);
    };
    const timer = setTimeout(() => finish({ kind: 'hang', ms: Date.now() - t0, heapMb: 0, error: `killed after ${opts.timeoutMs} ms` }), opts.timeoutMs);
    w.on('message', (m) => finish(m));
    w.on('error', (e) =>
      finish({
        kind: /** @type {{ code?: string }} */ (e).code === 'ERR_WORKER_OUT_OF_MEMORY' ? 'oom' : 'escaped',
        ms: Date.now() - t0,
        heapMb: 0,
        error: String(e?.stack ?? e),
      }),
    );
  });
}
