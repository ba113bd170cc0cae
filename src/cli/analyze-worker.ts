/** Worker thread of `analyze a.pcap b.pcap …` (see commands/analyze-many.ts): one capture, one report file. */
import { parentPort, workerData } from 'node:worker_threads';
import { runAnalyze } from './commands/analyze.js';
import type { WorkerJob } from './commands/analyze-many.js';
import { EXIT } from './io.js';

// a function, not top-level await: the bundle of the command line is CommonJS (scripts/bundle.mjs)
async function work(job: WorkerJob): Promise<void> {
  let code: number = EXIT.UNREADABLE;
  try {
    code = await runAnalyze(job.args);
  } catch (err) {
    process.stderr.write(`pcap-explain: ${job.args.file}: ${err instanceof Error ? err.message : String(err)}\n`);
  }
  parentPort?.postMessage({ code });
}
void work(workerData as WorkerJob);
