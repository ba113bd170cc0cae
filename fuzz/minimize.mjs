#!/usr/bin/env node
// @ts-check
/**
 * Shrinks a failing fuzz input while it keeps failing the same way, for a regression fixture:
 *
 *   node fuzz/minimize.mjs IN OUT [--timeout-ms 2000] [--mem-mb 512] [--max-tries 4000]
 *
 * "The same way" is the failure signature: the kind (escaped, backstop, bad-model, hang, memory) and,
 * for an exception, its first line. Steps: undo gzip if the plain capture fails alike; drop records
 * (ddmin); shorten each remaining record's packet; drop the tail; then drop byte runs. Each candidate
 * runs in a worker thread with the time bound (a hang is killed and still counts as the signature).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { gunzipSync } from 'node:zlib';
import { cloneCapture, frameData, parseCapture, serialize, withData } from './capture-map.mjs';
import { caseBound, SLOT } from './slots.mjs';

const HERE = dirname(fileURLToPath(import.meta.url));

/** Runs inputs one at a time in a worker; kills and replaces it when one hangs. */
class Evaluator {
  /** @param {number} timeoutMs @param {number} memMb @param {number} heapLimitMb */
  constructor(timeoutMs, memMb, heapLimitMb) {
    this.timeoutMs = timeoutMs;
    this.memMb = memMb;
    this.heapLimitMb = heapLimitMb;
    this.shared = new SharedArrayBuffer(4 * SLOT.SIZE);
    this.epoch = Date.now();
    this.id = 0;
    /** @type {Worker | undefined} */
    this.w = undefined;
  }

  spawn() {
    this.w = new Worker(join(HERE, 'worker.mjs'), {
      workerData: { mode: 'eval', seed: 0, corpusDir: '', memMb: this.memMb, timeoutMs: this.timeoutMs, saveDir: null, shared: this.shared, slot: 0, epoch: this.epoch, props: 0 },
      resourceLimits: { maxOldGenerationSizeMb: this.heapLimitMb, maxYoungGenerationSizeMb: 64, stackSizeMb: 4 },
    });
    this.w.unref();
    return this.w;
  }

  /** @param {Uint8Array} bytes @returns {Promise<string>} the failure signature, or 'ok' */
  run(bytes) {
    const w = this.w ?? this.spawn();
    const id = ++this.id;
    return new Promise((resolve) => {
      let done = false;
      const finish = (/** @type {string} */ sig, /** @type {boolean} */ kill) => {
        if (done) return;
        done = true;
        clearTimeout(timer);
        w.off('message', onMsg);
        w.off('error', onErr);
        if (kill) {
          void w.terminate();
          this.w = undefined;
        }
        resolve(sig);
      };
      const onMsg = (/** @type {any} */ m) => {
        if (m.id !== id) return;
        const o = m.out;
        if (o.kind === 'escaped' || o.kind === 'backstop' || o.kind === 'bad-model') {
          finish(`${o.kind}:${o.where ?? ''}:${String(o.error ?? '').split('\n')[0]}`, false);
        } else if (m.heapMb > this.memMb) finish('memory', false);
        else if (m.ms > caseBound(this.timeoutMs, bytes.length)) finish('hang', false);
        else finish('ok', false);
      };
      const onErr = (/** @type {any} */ e) => finish(e?.code === 'ERR_WORKER_OUT_OF_MEMORY' ? 'memory' : `crash:${String(e).split('\n')[0]}`, true);
      const timer = setTimeout(() => finish('hang', true), caseBound(this.timeoutMs, bytes.length) + 500);
      w.on('message', onMsg);
      w.on('error', onErr);
      w.postMessage({ id, bytes });
    });
  }

  close() {
    void this.w?.terminate();
  }
}

/**
 * @param {Uint8Array} input
 * @param {{ timeoutMs?: number, memMb?: number, heapLimitMb?: number, maxTries?: number, log?: (s: string) => void }} [opts]
 * @returns {Promise<{ bytes: Uint8Array, signature: string, tries: number }>}
 */
export async function minimize(input, opts = {}) {
  const log = opts.log ?? (() => {});
  const ev = new Evaluator(opts.timeoutMs ?? 2000, opts.memMb ?? 512, opts.heapLimitMb ?? 2048);
  const maxTries = opts.maxTries ?? 4000;
  let tries = 0;
  try {
    const sig = await ev.run(input);
    if (sig === 'ok') throw new Error('the input does not fail');
    log(`signature: ${sig}`);
    const same = async (/** @type {Uint8Array} */ b) => {
      tries++;
      return (await ev.run(b)) === sig;
    };
    let best = input;
    if (best[0] === 0x1f && best[1] === 0x8b) {
      try {
        const plain = new Uint8Array(gunzipSync(best));
        if (await same(plain)) best = plain;
      } catch {
        // a broken gzip stream is part of the failure: keep it
      }
    }
    // 1. Drop records / blocks (ddmin). pcapng keeps its SHB and IDBs.
    let cap = parseCapture(best);
    if (cap.units.length > 0) {
      let chunk = Math.max(1, cap.units.length >> 1);
      while (chunk >= 1 && tries < maxTries) {
        let i = 0;
        let changed = false;
        while (i < cap.units.length && tries < maxTries) {
          const keep = cap.units.slice(i, i + chunk).some((u) => u.type === 'shb' || u.type === 'idb');
          if (!keep) {
            const c = cloneCapture(cap);
            c.units.splice(i, chunk);
            if (await same(serialize(c))) {
              cap = c;
              changed = true;
              continue;
            }
          }
          i += chunk;
        }
        log(`records: ${cap.units.length} left (chunk ${chunk}, ${tries} tries)`);
        if (chunk === 1 && !changed) break;
        chunk = changed ? chunk : chunk >> 1;
        if (chunk < 1) break;
      }
      // 2. Shorten each packet.
      for (let i = 0; i < cap.units.length && tries < maxTries; i++) {
        const u = /** @type {import('./capture-map.mjs').Unit} */ (cap.units[i]);
        const d = frameData(u);
        if (!d || d.length === 0) continue;
        let lo = 0;
        let hi = d.length;
        // Binary search for the shortest prefix that still fails (usually monotone enough).
        while (lo < hi && tries < maxTries) {
          const mid = (lo + hi) >> 1;
          const c = cloneCapture(cap);
          c.units[i] = withData(u, d.slice(0, mid), mid);
          if (await same(serialize(c))) hi = mid;
          else lo = mid + 1;
        }
        if (hi < d.length) {
          cap.units[i] = withData(u, d.slice(0, hi), hi);
        }
      }
      // 3. The tail.
      if (cap.tail.length > 0) {
        const c = cloneCapture(cap);
        c.tail = new Uint8Array(0);
        if (await same(serialize(c))) cap = c;
      }
      best = serialize(cap);
      log(`after packet shortening: ${best.length} bytes (${tries} tries)`);
    }
    // 4. Byte runs.
    for (let run = 256; run >= 1 && tries < maxTries; run >>= 2) {
      let i = 0;
      while (i < best.length && tries < maxTries) {
        const b = new Uint8Array(best.length - Math.min(run, best.length - i));
        b.set(best.subarray(0, i));
        b.set(best.subarray(i + run), i);
        if (await same(b)) best = b;
        else i += run;
      }
    }
    log(`minimised to ${best.length} bytes (${tries} tries)`);
    return { bytes: best, signature: sig, tries };
  } finally {
    ev.close();
  }
}

async function main() {
  const args = process.argv.slice(2);
  const pos = args.filter((a, i) => !a.startsWith('--') && !(args[i - 1] ?? '').startsWith('--'));
  const opt = (/** @type {string} */ k, /** @type {number} */ d) => {
    const i = args.indexOf(`--${k}`);
    return i >= 0 ? Number(args[i + 1]) : d;
  };
  if (pos.length !== 2) {
    console.error('usage: node fuzz/minimize.mjs IN OUT [--timeout-ms 2000] [--mem-mb 512] [--max-tries 4000]');
    process.exit(2);
  }
  const input = new Uint8Array(readFileSync(/** @type {string} */ (pos[0])));
  const r = await minimize(input, {
    timeoutMs: opt('timeout-ms', 2000),
    memMb: opt('mem-mb', 512),
    maxTries: opt('max-tries', 4000),
    log: (s) => console.log(s),
  });
  writeFileSync(/** @type {string} */ (pos[1]), r.bytes);
  console.log(`${pos[1]}: ${r.bytes.length} bytes, ${r.signature}`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) await main();
