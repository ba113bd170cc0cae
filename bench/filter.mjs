#!/usr/bin/env node
/**
 * What a display filter costs per frame (issue 20): the capture is analysed once (pass 2's session: no
 * explanation, frame records with their application entries), the records are kept, then each filter is
 * compiled once and tested on every record — the loop the CLI runs in pass 2 (a FrameView per frame, then
 * the compiled closure). Reported: µs per frame, best of --runs.
 *
 *   node bench/filter.mjs [--file bench/out/lab-300k.pcap] [--runs 5]
 *
 * Build first (npx tsc -p tsconfig.json); make the capture with
 * `node bench/gen.mjs --frames 300000 --out bench/out/lab-300k.pcap`.
 */
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { AnalysisSession } from '../dist/analyze.js';
import { readCaptureFile } from '../dist/capture/reader.js';
import { fieldsWriter, parseFieldsOptions } from '../dist/filter/fields-output.js';
import { compileFilter, FrameViews } from '../dist/filter/index.js';

const ROOT = join(fileURLToPath(new URL('.', import.meta.url)), '..');
const args = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : dflt;
};
const file = opt('--file', join(ROOT, 'bench/out/lab-300k.pcap'));
const runs = Number(opt('--runs', '5'));

export const FILTERS = [
  'tcp',
  'tcp.port == 1883',
  'ip.addr == 10.0.0.0/8 && tcp.len > 0',
  'tcp.flags.syn == 1 && tcp.flags.ack == 0',
  'tcp.analysis.flags && !tcp.analysis.window_update',
  'mqtt.topic contains "temp" || http.request.method == "GET"',
  'mqtt.msgtype in {3, 8..11}',
  'zmtp.command-name == "READY" or pe.role == "server"',
  'frame.number in {1..1000, 5000} or frame.time_delta > 0.5',
];

const frames = [];
const session = new AnalysisSession({
  lang: 'en',
  keepFrames: false,
  explain: false,
  summary: true,
  onFrame: (f) => frames.push(f),
});
const t0 = performance.now();
await readCaptureFile(file, (f) => session.push(f));
const model = session.finish(file, undefined, [], false);
const convs = new Map(model.conversations.map((c) => [c.id, c]));
console.log(`${file}: ${frames.length} frames analysed in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

function time(fn) {
  let best = Number.POSITIVE_INFINITY;
  let result;
  for (let r = 0; r < runs; r++) {
    const s = performance.now();
    result = fn();
    best = Math.min(best, performance.now() - s);
  }
  return { us: (best * 1000) / frames.length, result };
}

const base = time(() => {
  const views = new FrameViews(convs);
  let n = 0;
  for (const f of frames) if (views.next(f).f.n > 0) n++;
  return n;
});
console.log(`${'(FrameView only)'.padEnd(60)} ${base.us.toFixed(3)} µs/frame`);
for (const expr of FILTERS) {
  const c = compileFilter(expr);
  const { us, result } = time(() => {
    const views = new FrameViews(convs);
    let n = 0;
    for (const f of frames) if (c.test(views.next(f))) n++;
    return n;
  });
  console.log(`${expr.padEnd(60)} ${us.toFixed(3)} µs/frame  (${result} match)`);
}
const o = parseFieldsOptions([]);
const w = fieldsWriter(
  ['frame.number', 'frame.time_relative', 'ip.src', 'ip.dst', 'tcp.srcport', 'tcp.dstport', 'tcp.len', 'tcp.flags'],
  o,
);
const line = time(() => {
  const views = new FrameViews(convs);
  let n = 0;
  for (const f of frames) n += w.line(views.next(f)).length;
  return n;
});
console.log(`${'-T fields, 8 fields (a line per frame)'.padEnd(60)} ${line.us.toFixed(3)} µs/frame`);
