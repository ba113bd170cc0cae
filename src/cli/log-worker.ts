/** Worker thread of `analyze FILES… --log DIR` (see commands/analyze-log.ts): one capture into its own log files. */
import { parentPort, workerData } from 'node:worker_threads';
import { type LogJob, logOneCapture } from './commands/analyze-log.js';

const job = workerData as LogJob;
parentPort?.postMessage(await logOneCapture(job));
