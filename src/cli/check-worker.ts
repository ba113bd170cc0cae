/** Worker thread of `check a.pcap b.pcap … --expect SPEC` (see commands/check-many.ts): one capture, one report. */
import { parentPort, workerData } from 'node:worker_threads';
import type { CheckJob } from './commands/check-many.js';
import { checkCaptureJob } from './commands/check-many.js';

// a function, not top-level await: the bundle of the command line is CommonJS (scripts/bundle.mjs)
async function work(job: CheckJob): Promise<void> {
  parentPort?.postMessage(await checkCaptureJob(job));
}
void work(workerData as CheckJob);
