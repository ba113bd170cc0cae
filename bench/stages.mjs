#!/usr/bin/env node
/**
 * Per-frame cost of each stage of the pipeline (docs/architecture.md), in process, on one capture:
 * reading, + dissection, + the whole analysis (conversation table, TCP analysis, reassembly, application
 * layer, no explanation), and end to end through the CLI (text summary; explained --frames).
 *   node bench/stages.mjs FILE [--runs N]
 */
import { execFileSync } from 'node:child_process';
import { readCaptureFile } from '../dist/capture/reader.js';
import { dissectFrame } from '../dist/dissectors/frame.js';
import { analyzeFile } from '../dist/analyze.js';

const file = process.argv[2];
const runs = Number(process.argv[process.argv.indexOf('--runs') + 1]) || 3;
if (!file) {
  console.error('usage: node bench/stages.mjs FILE [--runs N]');
  process.exit(1);
}
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
async function time(fn) {
  const out = [];
  let frames = 0;
  for (let i = 0; i < runs; i++) {
    const t = process.hrtime.bigint();
    frames = await fn();
    out.push(Number(process.hrtime.bigint() - t) / 1e9);
  }
  return { s: median(out), frames };
}
const read = await time(async () => {
  let n = 0;
  await readCaptureFile(file, () => { n++; });
  return n;
});
const dissect = await time(async () => {
  let n = 0;
  await readCaptureFile(file, (f) => { dissectFrame(f.data, f.linktype); n++; });
  return n;
});
const analysis = await time(async () => {
  const m = await analyzeFile(file, { keepFrames: false, explain: false, summary: true });
  return m.capture.frames;
});
const cli = (args) =>
  time(async () => {
    execFileSync(process.execPath, ['bin/pcap-explain.js', 'analyze', file, ...args], { stdio: ['ignore', 'ignore', 'inherit'], maxBuffer: 1 << 30 });
    return read.frames;
  });
const summary = await cli([]);
const frames = await cli(['--frames']);
const us = (x) => ((x.s / read.frames) * 1e6).toFixed(2);
const rows = [
  ['read (capture/)', read],
  ['read + dissect (dissectors/)', dissect],
  ['analysis, no text (analysis/ + protocols/)', analysis],
  ['CLI text summary (+ explain, report, Node start)', summary],
  ['CLI explained --frames (one pass)', frames],
];
console.log(`${file}: ${read.frames} frames, median of ${runs}`);
console.log('| stage | s | µs/frame | frames/s |\n|---|---|---|---|');
for (const [name, x] of rows) console.log(`| ${name} | ${x.s.toFixed(2)} | ${us(x)} | ${Math.round(read.frames / x.s).toLocaleString('en')} |`);
