#!/usr/bin/env node
/**
 * `npm run bench`: pcap-explain against tshark and tcpdump on large captures of mixed lab traffic.
 *
 *   node bench/run.mjs                 300k and 3M frames, 3 runs of each command, results → bench/RESULTS.md
 *   node bench/run.mjs --quick         300k only, 1 run, nothing recorded (development)
 *   node bench/run.mjs --sizes live    the live-made capture (bench/make-live.sh, real peers at rate, many short
 *                                      connections; made as root when missing: bench/out/live-600s.pcap);
 *                                      live-300k: its first 300k frames
 *   node bench/run.mjs --startup-only  start-up only: a lab capture of about 100 frames, reported (see below)
 *   options: --runs N  --sizes 300k,3m,live,live-300k  --cases summary,frames,json,tshark,tcpdump  --timeout SECONDS
 *            --no-build (use dist/ and the bundle as they are)  --record / --no-record  --regen (rebuild the captures)
 *            --startup-runs N (21; --quick 7)  --no-startup
 *
 * Every command reads the same file and writes to /dev/null (stdout), under `/usr/bin/time -v` for the
 * wall time, CPU time and peak RSS. Runs alternate between the tools (run 1 of each, then run 2 of each...)
 * so that a busy machine slows all of them alike; medians are printed and compared with the targets of
 * issue 8. Captures are made by bench/gen.mjs into bench/out/ (git-ignored).
 *
 * Start-up (issue 19): first, `pcap-explain F` on a lab capture of about 100 frames (fixtures/mqtt-any.pcap)
 * beside `node -e 0` (Node's own start-up) and `tshark -r F` on the same file, alternating, each timed from
 * spawn to exit; without NODE_OPTIONS, as a user runs it (V8 flags would turn the bundle's code cache down).
 */
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createReadStream, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const OUT = join(ROOT, 'bench', 'out');
const SIZES = { '300k': 300_000, '3m': 3_000_000, live: 0, 'live-300k': 300_000 };
/**
 * The live-made capture: bench/make-live.sh for LIVE_SECONDS seconds (issue 19; env LIVE_SECONDS). On this
 * 2-core machine 600 s gave 2.25M frames and 74k TCP connections; `live-300k` is its first 300k frames.
 */
const LIVE_SECONDS = Number(process.env.LIVE_SECONDS ?? 600);

/** Targets of issues 8 and 19 (--frames: 0.5× tcpdump since issue 19; start-up: a 100-frame lab capture in 0.15 s, about twice node's start). */
const TARGET = {
  summaryVsTshark: 10,
  framesVsTcpdump: 0.5,
  rssMB: 150,
  growth: 0.2,
  startupS: 0.15,
  startupVsNode: 2.5,
};

const PE = [process.execPath, join(ROOT, 'bin', 'pcap-explain.js'), 'analyze'];
/** The commands; `{F}` is the capture. Output goes to /dev/null. */
const CASES = {
  summary: { label: 'pcap-explain analyze F', cmd: [...PE, '{F}'] },
  'summary-noexplain': { label: 'pcap-explain analyze F --no-explain', cmd: [...PE, '{F}', '--no-explain'] },
  json: { label: 'pcap-explain analyze F -f json', cmd: [...PE, '{F}', '--format', 'json'] },
  'json-noexplain': {
    label: 'pcap-explain analyze F -f json --no-explain',
    cmd: [...PE, '{F}', '--format', 'json', '--no-explain'],
  },
  frames: { label: 'pcap-explain analyze F --frames', cmd: [...PE, '{F}', '--frames'] },
  'frames-noexplain': {
    label: 'pcap-explain analyze F --frames --no-explain',
    cmd: [...PE, '{F}', '--frames', '--no-explain'],
  },
  tshark: { label: 'tshark -q -z conv,tcp -r F', cmd: ['tshark', '-q', '-z', 'conv,tcp', '-r', '{F}'] },
  tcpdump: { label: 'tcpdump -n -r F', cmd: ['tcpdump', '-n', '-r', '{F}'] },
};
const DEFAULT_CASES = [
  'summary',
  'summary-noexplain',
  'frames',
  'frames-noexplain',
  'json',
  'json-noexplain',
  'tshark',
  'tcpdump',
];
/** The start-up commands (issue 19); `{F}` is STARTUP_CAPTURE. */
const STARTUP_CAPTURE = join(ROOT, 'fixtures', 'mqtt-any.pcap');
const STARTUP_CASES = {
  node: { label: 'node -e 0', cmd: [process.execPath, '-e', '0'] },
  report: { label: 'pcap-explain F', cmd: [process.execPath, join(ROOT, 'bin', 'pcap-explain.js'), '{F}'] },
  tshark: { label: 'tshark -r F', cmd: ['tshark', '-r', '{F}'] },
};
/**
 * pcap-explain runs with a 3 GiB heap cap: a run that keeps every frame fails (out of memory) instead of
 * taking the machine's memory from everything else running on it. The targets are far below the cap.
 */
const NODE_CAP = '--max-old-space-size=3072';

function parseArgs(argv) {
  const a = {
    runs: 3,
    sizes: ['300k', '3m'],
    cases: DEFAULT_CASES,
    timeout: 1800,
    build: true,
    record: undefined,
    startup: true,
    startupRuns: undefined,
  };
  for (let i = 0; i < argv.length; i++) {
    const k = argv[i];
    const v = () => {
      const x = argv[++i];
      if (x === undefined) throw new Error(`${k} needs a value`);
      return x;
    };
    if (k === '--quick') {
      a.quick = true;
      a.runs = 1;
      a.sizes = ['300k'];
    } else if (k === '--runs') a.runs = Number(v());
    else if (k === '--sizes') a.sizes = v().toLowerCase().split(',');
    else if (k === '--cases') a.cases = v().split(',');
    else if (k === '--timeout') a.timeout = Number(v());
    else if (k === '--no-build') a.build = false;
    else if (k === '--record') a.record = true;
    else if (k === '--no-record') a.record = false;
    else if (k === '--regen') a.regen = true;
    else if (k === '--startup-runs') a.startupRuns = Number(v());
    else if (k === '--no-startup') a.startup = false;
    else if (k === '--startup-only') a.sizes = [];
    else if (k === '--help' || k === '-h') {
      console.log(readFileSync(fileURLToPath(import.meta.url), 'utf8').split('*/')[0]);
      process.exit(0);
    } else throw new Error(`unknown option ${k}`);
  }
  for (const s of a.sizes) if (SIZES[s] === undefined) throw new Error(`--sizes: ${s}? (300k, 3m, live, live-300k)`);
  for (const c of a.cases) if (!CASES[c]) throw new Error(`--cases: ${c}? (${Object.keys(CASES).join(', ')})`);
  if (!(a.runs >= 1)) throw new Error('--runs: at least 1');
  a.startupRuns ??= a.quick ? 7 : 21;
  if (!(a.startupRuns >= 1)) throw new Error('--startup-runs: at least 1');
  if (a.startup && !existsSync(STARTUP_CAPTURE)) throw new Error(`${relative(ROOT, STARTUP_CAPTURE)} is missing`);
  if (!a.startup && a.sizes.length === 0) throw new Error('--startup-only and --no-startup: nothing to run');
  a.record ??= !a.quick;
  return a;
}

function which(cmd) {
  const r = spawnSync('sh', ['-c', `command -v ${cmd}`], { encoding: 'utf8' });
  return r.status === 0 ? r.stdout.trim() : undefined;
}

function checkTools(cases) {
  const missing = [];
  if (!existsSync('/usr/bin/time')) missing.push('/usr/bin/time (Debian package "time")');
  if (cases.includes('tshark') && !which('tshark')) missing.push('tshark (Debian package "tshark")');
  if (cases.includes('tcpdump') && !which('tcpdump') && !existsSync('/usr/sbin/tcpdump'))
    missing.push('tcpdump (Debian package "tcpdump")');
  if (missing.length) {
    console.error(`bench: missing ${missing.join(', ')}; install them (sudo apt-get install time tshark tcpdump)`);
    process.exit(1);
  }
  const v = (c, args) => (spawnSync(c, args, { encoding: 'utf8' }).stdout || '').split('\n')[0].trim();
  return {
    tshark: cases.includes('tshark') ? v('tshark', ['--version']) : undefined,
    tcpdump: cases.includes('tcpdump')
      ? (spawnSync('tcpdump', ['--version'], { encoding: 'utf8' }).stdout || '').split('\n')[0].trim()
      : undefined,
  };
}

function sha256File(path) {
  return new Promise((res, rej) => {
    const h = createHash('sha256');
    createReadStream(path)
      .on('data', (d) => h.update(d))
      .on('end', () => res(h.digest('hex')))
      .on('error', rej);
  });
}

/** What the capture depends on: the generator, the writer and the fixtures it reads. */
async function generatorKey(frames) {
  const gen = await import('./gen.mjs');
  const h = createHash('sha256');
  h.update(readFileSync(join(ROOT, 'bench', 'gen.mjs')));
  h.update(readFileSync(join(ROOT, 'dist', 'capture', 'writer.js')));
  for (const c of [...gen.LONG, ...gen.CHURN]) h.update(readFileSync(join(ROOT, 'fixtures', c.file)));
  h.update(String(frames));
  return h.digest('hex').slice(0, 16);
}

/**
 * The live-made capture (bench/out/live-200s.pcap): real peers at rate on a namespace bridge, made by
 * bench/make-live.sh (root) when it is missing. Its frames and TCP conversations are counted once (capinfos,
 * pcap-explain -z conv,tcp) and kept beside it.
 */
async function ensureLiveCapture(regen) {
  const file = join(OUT, `live-${LIVE_SECONDS}s.pcap`);
  const meta = `${file}.json`;
  if (!regen && existsSync(file) && existsSync(meta)) return { file, ...JSON.parse(readFileSync(meta, 'utf8')) };
  if (regen || !existsSync(file)) {
    if (process.getuid?.() !== 0)
      throw new Error(`${relative(ROOT, file)} is missing: make it as root (sudo bash bench/make-live.sh)`);
    console.log(`bench: making ${relative(ROOT, file)} with bench/make-live.sh (${LIVE_SECONDS} s of live traffic)…`);
    const r = spawnSync('flock', ['/tmp/pcx.lock', 'bash', join(ROOT, 'bench', 'make-live.sh')], {
      env: { ...process.env, DURATION: String(LIVE_SECONDS), OUT: file },
      stdio: 'inherit',
    });
    if (r.status !== 0) throw new Error('bench/make-live.sh failed');
  }
  const frames = Number(
    spawnSync('capinfos', ['-M', '-c', '-T', '-r', file], { encoding: 'utf8' }).stdout.trim().split('\t')[1],
  );
  // counted with our own -z conv,tcp (tshark's layout, checked against tshark on every fixture): tshark ran
  // for more than 25 minutes on the 600 s capture (74k connections) on a loaded 2-core machine
  const conv = spawnSync(process.execPath, [PE[1], 'analyze', file, '-q', '-z', 'conv,tcp'], {
    encoding: 'utf8',
    maxBuffer: 1 << 30,
  });
  const conversations = (conv.stdout.match(/<->/g) ?? []).length;
  const bytes = readFileSync(file).length;
  const m = { frames, bytes, conversations, sha256: await sha256File(file), made_by: 'bench/make-live.sh' };
  writeFileSync(meta, `${JSON.stringify(m, null, 2)}\n`);
  return { file, ...m };
}

/** The first `frames` frames of the live-made capture (editcap), counted as the whole one is. */
async function ensureLivePrefix(frames, regen) {
  const live = await ensureLiveCapture(regen);
  const file = live.file.replace(/\.pcap$/, `-${frames / 1000}k.pcap`);
  const meta = `${file}.json`;
  if (!regen && existsSync(file) && existsSync(meta)) {
    const m = JSON.parse(readFileSync(meta, 'utf8'));
    if (m.of === live.sha256) return { file, ...m };
  }
  const r = spawnSync('editcap', ['-r', live.file, file, `1-${frames}`], { stdio: 'inherit' });
  if (r.status !== 0) throw new Error('editcap failed');
  const conv = spawnSync('tshark', ['-q', '-z', 'conv,tcp', '-r', file], { encoding: 'utf8', maxBuffer: 1 << 30 });
  const conversations = (conv.stdout.match(/<->/g) ?? []).length;
  const m = {
    frames,
    bytes: readFileSync(file).length,
    conversations,
    sha256: await sha256File(file),
    of: live.sha256,
  };
  writeFileSync(meta, `${JSON.stringify(m, null, 2)}\n`);
  return { file, ...m };
}

/** Builds bench/out/lab-<size>.pcap unless an up-to-date one is there. */
async function ensureCapture(size, regen) {
  if (size === 'live') return ensureLiveCapture(regen);
  if (size === 'live-300k') return ensureLivePrefix(SIZES[size], regen);
  const frames = SIZES[size];
  const file = join(OUT, `lab-${size}.pcap`);
  const meta = `${file}.json`;
  const key = await generatorKey(frames);
  if (!regen && existsSync(file) && existsSync(meta)) {
    const m = JSON.parse(readFileSync(meta, 'utf8'));
    if (m.key === key) return { file, ...m };
  }
  const { generate } = await import('./gen.mjs');
  process.stdout.write(`bench: building ${relative(ROOT, file)} (${frames} frames)… `);
  const t0 = performance.now();
  const r = await generate({ frames, out: file, seed: 1 });
  const sha256 = await sha256File(file);
  const m = { key, ...r, sha256, built_s: Number(((performance.now() - t0) / 1000).toFixed(1)) };
  writeFileSync(meta, `${JSON.stringify(m, null, 2)}\n`);
  console.log(
    `${(r.bytes / 1e6).toFixed(0)} MB, ${r.conversations} conversations, ${r.seconds.toFixed(0)} s of traffic, ${m.built_s} s`,
  );
  return { file, ...m };
}

/** Parses the report of GNU time -v. */
function parseTime(text) {
  const get = (re) => {
    const m = re.exec(text);
    return m ? m[1] : undefined;
  };
  const wall = get(/Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): ([\d:.]+)/);
  let wallS;
  if (wall) wallS = wall.split(':').reduce((acc, x) => acc * 60 + Number(x), 0);
  return {
    wall: wallS,
    user: Number(get(/User time \(seconds\): ([\d.]+)/)),
    sys: Number(get(/System time \(seconds\): ([\d.]+)/)),
    rssKB: Number(get(/Maximum resident set size \(kbytes\): (\d+)/)),
    exit: Number(get(/Exit status: (\d+)/) ?? Number.NaN),
  };
}

/** One timed run; resolves with the figures, or { timeout: true } / { failed } . */
function runOnce(cmd, timeoutS) {
  const stat = join(OUT, `time-${process.pid}.txt`);
  rmSync(stat, { force: true });
  return new Promise((resolve) => {
    const errChunks = [];
    const child = spawn('/usr/bin/time', ['-v', '-o', stat, ...cmd], {
      stdio: ['ignore', 'ignore', 'pipe'],
      detached: true,
      env: cmd[0] === process.execPath ? { ...process.env, NODE_OPTIONS: NODE_CAP } : process.env,
    });
    child.stderr.on('data', (d) => {
      if (errChunks.length < 20) errChunks.push(d);
    });
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }, timeoutS * 1000);
    child.on('close', () => {
      clearTimeout(timer);
      if (timedOut) return resolve({ timeout: true });
      const text = existsSync(stat) ? readFileSync(stat, 'utf8') : '';
      rmSync(stat, { force: true });
      const r = parseTime(text);
      if (r.wall === undefined || r.exit !== 0) {
        const all = Buffer.concat(errChunks).toString('utf8');
        const err = /heap out of memory/.test(all)
          ? 'out of memory (heap capped at 3 GiB)'
          : all.trim().split('\n').slice(-3).join(' | ');
        return resolve({ failed: `exit ${r.exit}${err ? `: ${err}` : ''}`, ...r });
      }
      resolve(r);
    });
  });
}

/**
 * Start-up (issue 19): each command of STARTUP_CASES `runs` times, alternating, timed from spawn to exit
 * (process.hrtime; /usr/bin/time -f for the CPU time, in hundredths of a second); medians and minima.
 */
function runStartup(runs) {
  const info = spawnSync('capinfos', ['-M', '-c', '-T', '-r', STARTUP_CAPTURE], { encoding: 'utf8' }).stdout ?? '';
  const frames = Number(info.trim().split('\t')[1]);
  const cases = Object.keys(STARTUP_CASES).filter((c) => c !== 'tshark' || which('tshark'));
  const times = Object.fromEntries(cases.map((c) => [c, { wall: [], cpu: [] }]));
  const stat = join(OUT, `startup-${process.pid}.txt`);
  const env = { ...process.env };
  delete env.NODE_OPTIONS;
  for (let r = 0; r < runs; r++) {
    for (const c of cases) {
      const cmd = STARTUP_CASES[c].cmd.map((x) => (x === '{F}' ? STARTUP_CAPTURE : x));
      const t0 = process.hrtime.bigint();
      const p = spawnSync('/usr/bin/time', ['-f', '%U %S', '-o', stat, ...cmd], { stdio: 'ignore', env });
      const wall = Number(process.hrtime.bigint() - t0) / 1e9;
      if (p.status !== 0) throw new Error(`bench: ${cmd.join(' ')} exited ${p.status}`);
      const [u, sys] = readFileSync(stat, 'utf8').trim().split('\n').pop().split(' ').map(Number);
      times[c].wall.push(wall);
      times[c].cpu.push(u + sys);
    }
  }
  rmSync(stat, { force: true });
  const summary = Object.fromEntries(
    cases.map((c) => [
      c,
      { wall: median(times[c].wall), min: Math.min(...times[c].wall), cpu: median(times[c].cpu), runs },
    ]),
  );
  const ms = (x) => `${(x * 1000).toFixed(0)} ms`;
  console.log(
    `bench: start-up, ${relative(ROOT, STARTUP_CAPTURE)} (${frames} frames), ${runs} runs: ${cases.map((c) => `${STARTUP_CASES[c].label} ${ms(summary[c].wall)}`).join(', ')}`,
  );
  return { capture: relative(ROOT, STARTUP_CAPTURE), frames, summary };
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

function fmtRate(fps) {
  return fps >= 1e6 ? `${(fps / 1e6).toFixed(2)}M` : `${(fps / 1e3).toFixed(0)}k`;
}

function machine() {
  const cpuinfo = existsSync('/proc/cpuinfo') ? readFileSync('/proc/cpuinfo', 'utf8') : '';
  const model = /model name\s*:\s*(.*)/.exec(cpuinfo)?.[1]?.trim() ?? cpus()[0]?.model ?? '?';
  const nproc = spawnSync('nproc', [], { encoding: 'utf8' }).stdout.trim() || String(cpus().length);
  const git = (args) => spawnSync('git', args, { cwd: ROOT, encoding: 'utf8' }).stdout.trim();
  const dirty = git(['status', '--porcelain', '--untracked-files=no', 'src']) !== '';
  return {
    nproc,
    cpu: model,
    memGB: (totalmem() / 2 ** 30).toFixed(1),
    node: process.version,
    commit: `${git(['rev-parse', '--short', 'HEAD'])}${dirty ? ' (+ uncommitted changes in src/)' : ''}`,
  };
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  mkdirSync(OUT, { recursive: true });
  const tools = checkTools(args.cases);
  if (args.build) {
    process.stdout.write('bench: npm run build… ');
    // tsc and the bundle with its code cache (scripts/bundle.mjs): what bin/pcap-explain.js runs
    const b = spawnSync('npm', ['run', 'build'], { cwd: ROOT, encoding: 'utf8' });
    if (b.status !== 0) {
      console.error(`failed:\n${b.stdout}${b.stderr}`);
      process.exit(1);
    }
    console.log('ok');
  }
  if (!existsSync(join(ROOT, 'dist', 'cli', 'main.js'))) {
    console.error('bench: dist/ is missing: run npm run build');
    process.exit(1);
  }
  const mach = machine();
  const started = new Date();
  const load0 = loadavg();
  console.log(
    `bench: ${mach.nproc} × ${mach.cpu}, node ${mach.node}, commit ${mach.commit}; load average ${load0.map((x) => x.toFixed(2)).join(' ')}`,
  );

  const startup = args.startup ? runStartup(args.startupRuns) : undefined;
  const results = {};
  /** Median wall time per case at the previous size: a later size may take 15× that (+60 s), not more. */
  let prev;
  for (const size of args.sizes) {
    const cap = await ensureCapture(size, args.regen);
    const runs = Object.fromEntries(args.cases.map((c) => [c, []]));
    const dead = new Set();
    for (let r = 1; r <= args.runs; r++) {
      for (const c of args.cases) {
        if (dead.has(c)) continue;
        const cmd = CASES[c].cmd.map((x) => (x === '{F}' ? cap.file : x));
        const scaled = prev?.[c]?.wall
          ? Math.ceil((prev[c].wall * 15 * (cap.frames / prev.frames)) / 10) + 60
          : undefined;
        const timeout = Math.min(args.timeout, scaled ?? args.timeout);
        const res = await runOnce(cmd, timeout);
        const tag = `${size} run ${r}/${args.runs} ${c.padEnd(17)}`;
        if (res.timeout) {
          console.log(`  ${tag} timeout after ${timeout} s (no more runs of it)`);
          dead.add(c);
          runs[c].push({ timeout: true, after: timeout });
        } else if (res.failed) {
          console.log(`  ${tag} FAILED (${res.failed})`);
          dead.add(c);
          runs[c].push(res);
        } else {
          console.log(
            `  ${tag} ${res.wall.toFixed(2).padStart(8)} s  ${fmtRate(cap.frames / res.wall).padStart(6)} frames/s  ${(res.rssKB / 1024).toFixed(0).padStart(5)} MB  cpu ${(res.user + res.sys).toFixed(2)} s`,
          );
          runs[c].push(res);
        }
      }
    }
    const summary = {};
    for (const c of args.cases) {
      const ok = runs[c].filter((x) => x.wall !== undefined && !x.failed && !x.timeout);
      if (ok.length === 0) {
        const t = runs[c][0];
        summary[c] = t?.timeout
          ? { error: `timeout after ${t.after} s`, after: t.after }
          : { error: t?.failed ?? 'no run' };
        continue;
      }
      const wall = median(ok.map((x) => x.wall));
      summary[c] = {
        runs: ok.length,
        wall,
        fps: cap.frames / wall,
        rssMB: median(ok.map((x) => x.rssKB)) / 1024,
        cpu: median(ok.map((x) => x.user + x.sys)),
      };
    }
    results[size] = { capture: { ...cap, file: relative(ROOT, cap.file) }, summary };
    prev = { ...summary, frames: cap.frames };
  }

  const report = renderReport(args, mach, tools, results, started, load0, loadavg(), startup);
  console.log(`\n${report.text}`);
  writeFileSync(join(OUT, 'last.json'), `${JSON.stringify({ args, mach, tools, results, startup }, null, 2)}\n`);
  writeFileSync(join(OUT, 'last.md'), report.md);
  if (args.record) {
    const path = join(ROOT, 'bench', 'RESULTS.md');
    const head = existsSync(path)
      ? readFileSync(path, 'utf8')
      : '# Benchmark results\n\nMade by `npm run bench` (bench/run.mjs); newest first. See bench/README.md.\n';
    const i = head.indexOf('\n## ');
    const next = i < 0 ? `${head.trimEnd()}\n\n${report.md}` : `${head.slice(0, i)}\n${report.md}${head.slice(i)}`;
    writeFileSync(path, next);
    console.log(`bench: recorded in ${relative(ROOT, path)}`);
  } else console.log(`bench: not recorded (quick run); see ${relative(ROOT, join(OUT, 'last.md'))}`);
  if (report.failed) process.exitCode = 2;
}

/** The verdicts on the targets, and the text / Markdown tables. */
function renderReport(args, mach, tools, results, started, load0, load1, startup) {
  const lines = [];
  const md = [];
  const checks = [];
  if (startup) {
    const s = startup.summary;
    const rows = Object.entries(s).map(([c, x]) => [
      STARTUP_CASES[c].label,
      (x.wall * 1000).toFixed(0),
      (x.min * 1000).toFixed(0),
      (x.cpu * 1000).toFixed(0),
      `${x.runs} runs`,
    ]);
    const title = `start-up: ${startup.capture} (${startup.frames} frames)`;
    const head = ['command (stdout → /dev/null)', 'wall ms (median)', 'wall ms (min)', 'cpu ms', ''];
    lines.push(title, table(head, rows), '');
    md.push(`### ${title}\n`, mdTable(head, rows), '');
    checks.push({
      size: 'start-up',
      what: `${STARTUP_CASES.report.label} ≤ ${TARGET.startupS} s`,
      value: `${s.report.wall.toFixed(3)} s`,
      ok: s.report.wall <= TARGET.startupS,
      primary: true,
    });
    checks.push({
      size: 'start-up',
      what: `${STARTUP_CASES.report.label} ≤ ${TARGET.startupVsNode}× node -e 0`,
      value: `${(s.report.wall / s.node.wall).toFixed(2)}×`,
      ok: s.report.wall / s.node.wall <= TARGET.startupVsNode,
      primary: false,
    });
    if (s.tshark) {
      checks.push({
        size: 'start-up',
        what: `${STARTUP_CASES.report.label} faster than tshark -r F`,
        value: `${(s.tshark.wall / s.report.wall).toFixed(2)}×`,
        ok: s.report.wall < s.tshark.wall,
        primary: false,
      });
    }
  }
  const sizes = Object.keys(results);
  for (const size of sizes) {
    const { capture, summary } = results[size];
    const s = summary;
    const ratio = (a, b) => (s[a]?.fps && s[b]?.fps ? s[a].fps / s[b].fps : undefined);
    if (s.summary && s.tshark) {
      for (const c of ['summary', 'summary-noexplain', 'json', 'json-noexplain']) {
        if (!s[c]) continue;
        const r = ratio(c, 'tshark');
        // tshark stopped at the timeout: it would have taken longer, so the ratio is at least timeout / wall
        const least = r === undefined && s.tshark.after && s[c].wall ? s.tshark.after / s[c].wall : undefined;
        checks.push({
          size,
          what: `${CASES[c].label.replace(' F', '')} ≥ ${TARGET.summaryVsTshark}× tshark conv,tcp`,
          value:
            least !== undefined
              ? `≥ ${least.toFixed(2)}× (tshark stopped after ${s.tshark.after} s)`
              : r === undefined
                ? 'failed'
                : `${r.toFixed(2)}×`,
          ok:
            (r !== undefined && r >= TARGET.summaryVsTshark) ||
            (least !== undefined && least >= TARGET.summaryVsTshark),
          primary: c === 'summary' || c === 'json',
        });
      }
    }
    for (const c of ['frames', 'frames-noexplain']) {
      if (!s[c] || !s.tcpdump) continue;
      const r = ratio(c, 'tcpdump');
      checks.push({
        size,
        what: `${CASES[c].label.replace(' F', '')} ≥ ${TARGET.framesVsTcpdump}× tcpdump -n -r`,
        value: r === undefined ? 'failed' : `${r.toFixed(2)}×`,
        ok: r !== undefined && r >= TARGET.framesVsTcpdump,
        primary: c === 'frames',
      });
    }
    const rows = Object.entries(s).map(([c, x]) =>
      x.error
        ? [CASES[c].label, '-', '-', '-', '-', '-', x.error.length > 48 ? `${x.error.slice(0, 47)}…` : x.error]
        : [
            CASES[c].label,
            x.wall.toFixed(2),
            fmtRate(x.fps),
            x.fps ? (1e6 / x.fps).toFixed(2) : '-',
            x.rssMB.toFixed(0),
            x.cpu.toFixed(2),
            `${x.runs} run${x.runs > 1 ? 's' : ''}`,
          ],
    );
    const title = `${size}: ${capture.frames} frames, ${(capture.bytes / 1e6).toFixed(0)} MB, ${capture.conversations} conversations (${capture.file}, sha256 ${capture.sha256.slice(0, 16)}…)`;
    const head = [
      'command (stdout → /dev/null)',
      'wall s (median)',
      'frames/s',
      'µs/frame',
      'peak RSS MB',
      'cpu s',
      '',
    ];
    lines.push(title, table(head, rows), '');
    md.push(`### ${title}\n`, mdTable(head, rows), '');
  }
  // Memory: under 150 MB on the big capture, and flat from its 300k frames (or the synthetic 300k) to all of it.
  for (const [bigSize, smallSize] of [
    ['3m', '300k'],
    ['live', 'live-300k'],
  ]) {
    const big = results[bigSize]?.summary;
    const small = results[smallSize]?.summary;
    for (const c of ['summary', 'summary-noexplain', 'frames', 'frames-noexplain', 'json', 'json-noexplain']) {
      if (big?.[c]?.rssMB) {
        checks.push({
          size: bigSize,
          what: `peak RSS of ${CASES[c].label.replace(' F', '')} < ${TARGET.rssMB} MB`,
          value: `${big[c].rssMB.toFixed(0)} MB`,
          ok: big[c].rssMB < TARGET.rssMB,
          primary: !c.endsWith('noexplain'),
        });
        if (small?.[c]?.rssMB) {
          const g = big[c].rssMB / small[c].rssMB - 1;
          checks.push({
            size: `${smallSize}→${bigSize}`,
            what: `RSS growth of ${CASES[c].label.replace(' F', '')} < ${TARGET.growth * 100}%`,
            value: `${(g * 100).toFixed(0)}% (${small[c].rssMB.toFixed(0)} → ${big[c].rssMB.toFixed(0)} MB)`,
            ok: g < TARGET.growth,
            primary: !c.endsWith('noexplain'),
          });
        }
      } else if (big?.[c]?.error) {
        checks.push({
          size: bigSize,
          what: `peak RSS of ${CASES[c].label.replace(' F', '')}`,
          value: 'failed',
          ok: false,
          primary: !c.endsWith('noexplain'),
        });
      }
    }
  }
  const crow = checks.map((k) => [
    k.size,
    k.what,
    k.value,
    `${k.ok ? 'met' : 'NOT met'}${k.primary ? '' : ' (informative)'}`,
  ]);
  const chead = ['size', 'target (issues 8, 19)', 'measured', ''];
  lines.push('Targets', table(chead, crow));
  const date = started.toISOString().replace(/\.\d+Z$/, 'Z');
  const fmtLoad = (l) => l.map((x) => x.toFixed(2)).join(' ');
  const mdText = [
    `## ${date}${args.quick ? ' (quick)' : ''}`,
    '',
    `- machine: ${mach.nproc} CPUs (nproc), ${mach.cpu}, ${mach.memGB} GiB; node ${mach.node}`,
    `- commit: ${mach.commit}`,
    `- peers: ${tools.tshark ?? '-'}; ${tools.tcpdump ?? '-'}`,
    `- runs: ${args.runs} per command, alternating; medians; load average ${fmtLoad(load0)} at the start, ${fmtLoad(load1)} at the end`,
    `- command: node bench/run.mjs ${process.argv.slice(2).join(' ')}`.trimEnd(),
    '',
    ...md,
    '### Targets',
    '',
    mdTable(chead, crow),
    '',
  ].join('\n');
  return { text: lines.join('\n'), md: mdText, failed: checks.some((k) => k.primary && !k.ok) };
}

function table(head, rows) {
  const all = [head, ...rows].map((r) => r.map(String));
  const w = head.map((_, i) => Math.max(...all.map((r) => (r[i] ?? '').length)));
  return all
    .map((r) =>
      r
        .map((c, i) => (i === 0 || (head.length === 4 && i !== 2) ? c.padEnd(w[i]) : c.padStart(w[i])))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}

function mdTable(head, rows) {
  const esc = (s) => String(s).replace(/\|/g, '\\|');
  return [
    `| ${head.map(esc).join(' | ')} |`,
    `|${head.map((_, i) => (i === 0 || (head.length === 4 && i !== 2) ? '---' : '---:')).join('|')}|`,
    ...rows.map((r) => `| ${r.map(esc).join(' | ')} |`),
  ].join('\n');
}

await main();
