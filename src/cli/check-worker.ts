/** Worker thread of `check a.pcap b.pcap … --expect SPEC` (see commands/check-many.ts): one capture, one report. */
import { parentPort, workerData } from 'node:worker_threads';
import type { CheckJob } from './commands/check-many.js';
import { checkCaptureJob } from './commands/check-many.js';

const job = workerData as CheckJob;
parentPort?.postMessage(await checkCaptureJob(job));
