/** Worker thread of `analyze FILES… --log DIR` (see commands/analyze-log.ts): one capture into its own log files. */
import { parentPort, workerData } from 'node:worker_threads';
import { type LogJob, logOneCapture } from './commands/analyze-log.js';

// a function, not top-level await: the bundle of the command line is CommonJS (scripts/bundle.mjs)
async function work(job: LogJob): Promise<void> {
  parentPort?.postMessage(await logOneCapture(job));
}
void work(workerData as LogJob);
