// Live heap of the summary path (keepFrames:false, explain:false) at 1M/2M/3M frames:
//   node --expose-gc bench/heap.mjs bench/out/lab-3m.pcap [distDir]
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const file = process.argv[2] ?? 'bench/out/lab-3m.pcap';
const dist = resolve(process.argv[3] ?? 'dist');
const { AnalysisSession } = await import(pathToFileURL(`${dist}/analyze.js`).href);
const { readCaptureFile } = await import(pathToFileURL(`${dist}/capture/reader.js`).href);
const mb = (x) => (x / 1048576).toFixed(1);
const session = new AnalysisSession({ keepFrames: false, explain: false });
let n = 0;
const step = Number(process.env.STEP ?? 1_000_000);
const t0 = process.hrtime.bigint();
const res = await readCaptureFile(file, (f) => {
  session.push(f);
  if (++n % step === 0) {
    global.gc();
    const m = process.memoryUsage();
    console.log(
      `${n} frames: heapUsed ${mb(m.heapUsed)} MB, external ${mb(m.external)} MB (arrayBuffers ${mb(m.arrayBuffers)}), rss ${mb(m.rss)} MB`,
    );
  }
});
const model = session.finish(file, res.header, res.warnings, res.damaged);
global.gc();
const msgs = model.conversations.reduce((a, c) => a + (Array.isArray(c.messages) ? c.messages.length : 0), 0);
console.log(
  `end (${n} frames, ${model.conversations.length} conversations, ${msgs} messages kept): heapUsed ${mb(process.memoryUsage().heapUsed)} MB; ${(Number(process.hrtime.bigint() - t0) / 1e9).toFixed(1)} s`,
);
