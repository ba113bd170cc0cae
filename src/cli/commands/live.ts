/**
 * `pcap-explain live`: capture on Docker bridges (or any interface) and explain the traffic as it
 * happens — a live view on a terminal, one explained line per event when piped, JSON Lines with
 * --format jsonl — then the report `analyze` prints for the same packets. Wiring only: the capture is
 * src/capture/live.ts, the events src/analysis/events.ts, the renderings src/report/live-view.ts.
 */
import { unlinkSync } from 'node:fs';
import { createInterface } from 'node:readline/promises';
import type { Argv } from 'yargs';
import { type LiveEvent, LiveEventDeriver } from '../../analysis/events.js';
import { AnalysisSession } from '../../analyze.js';
import {
  type BridgeCandidate,
  chooseBridge,
  countedInterfaces,
  type DockerView,
  describeNetwork,
  dockerNames,
  networkOfBridge,
  rankBridges,
  readDocker,
  readPacketCounters,
} from '../../capture/docker.js';
import { listInterfaces, type NetInterface } from '../../capture/interfaces.js';
import {
  LIVE_ERROR,
  LiveCapture,
  LiveError,
  type LiveResult,
  PcapFileSink,
  savedCaptureHeader,
  type ToolName,
} from '../../capture/live.js';
import { type HostName, mergeNames } from '../../capture/names.js';
import { ExplainDigest } from '../../explain/index.js';
import { type Lang, langFromEnv, text } from '../../explain/text.js';
import { eventLine, eventRecord, LiveView } from '../../report/live-view.js';
import { heapGrowthFor } from '../heap.js';
import { EXIT, openOutput, type Sink, stdoutOutput, useColor } from '../io.js';
import { LIMIT_OPTION, limitsFromArgs } from '../limits.js';
import { REPORT_FORMATS, type ReportExtras, type ReportFormat, reportSessionOptions, writeReport } from './analyze.js';
import { type CommandModule, defineCommand } from './types.js';

export const LIVE_FORMATS = [...REPORT_FORMATS, 'jsonl'] as const;
type LiveFormat = ReportFormat | 'jsonl';

interface LiveArgs {
  interface?: string[];
  docker: boolean;
  filter?: string;
  expression?: string[];
  write?: string;
  duration?: number;
  count?: number;
  format: LiveFormat;
  lang?: Lang;
  color?: boolean;
  tool: 'auto' | ToolName;
  /** --limit NAME=VALUE, repeatable (docs/limits.md). */
  limit?: string | string[];
  /** --conversations: every conversation on its own in the final report (the grouped report points to it). */
  conversations?: boolean;
}

/** Events kept for the live view (it shows the last few). */
const VIEW_EVENTS = 100;
const VIEW_REFRESH_MS = 250;
const STATS_EVERY_MS = 1000;
/** How often Docker is asked again for its containers' names while capturing. */
const NAMES_EVERY_MS = 2000;

function candidates(list: readonly NetInterface[]): string {
  const sorted = [...list].sort((a, b) => Number(b.dockerBridge) - Number(a.dockerBridge) || a.index - b.index);
  return sorted.map((i) => (i.dockerBridge ? `${i.name} (Docker)` : i.name)).join(', ') || '-';
}

/** "br-b5be45e25753 (lab_default, compose project lab: zmq-rep, zmq-req)" — a bridge with its Docker network. */
function bridgeLabel(name: string, view: DockerView | undefined): string {
  const d = describeNetwork(networkOfBridge(view, name));
  return d ? `${name} (${d})` : name;
}

async function askBridges(
  ranked: readonly BridgeCandidate[],
  lang: Lang,
  sampled: number,
): Promise<string[] | undefined> {
  process.stderr.write(`${text('live.docker.ask', undefined, lang)}\n`);
  ranked.forEach((b, i) => {
    const addrs = b.iface.addresses.map((a) => `${a.address}/${a.prefixlen}`).join(' ');
    const net = describeNetwork(b.network);
    const traffic = text('live.docker.traffic', { packets: b.packets, seconds: sampled / 1000 }, lang);
    process.stderr.write(
      `  ${i + 1}) ${b.iface.name}  ${addrs}${net ? `  ${net}` : ''}  (${b.iface.attached.length} veth, ${traffic})\n`,
    );
  });
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  // Ctrl+C at the prompt (the terminal gives it to readline, not as a signal): give up
  const ac = new AbortController();
  rl.on('SIGINT', () => ac.abort());
  try {
    const answer = await rl.question(text('live.docker.prompt', undefined, lang), { signal: ac.signal });
    const picks = answer
      .split(/[\s,]+/)
      .filter(Boolean)
      .map(Number)
      .filter((n) => Number.isInteger(n) && n >= 1 && n <= ranked.length);
    return picks.length ? [...new Set(picks)].map((n) => ranked[n - 1]!.iface.name) : ranked.map((b) => b.iface.name);
  } catch (e) {
    if ((e as Error).name === 'AbortError') {
      process.stderr.write('\n');
      return undefined;
    }
    throw e;
  } finally {
    rl.close();
  }
}

/** How long the bridges' packet counters are watched to tell a busy bridge from an idle one. */
const SAMPLE_MS = 1000;
/** While waiting for a Docker bridge: how often to look, and how long to let compose add the others. */
const WAIT_POLL_MS = 250;
const WAIT_SETTLE_MS = 500;

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

type Choice = { ifaces: string[] } | { code: string; params: Record<string, string | number> } | { cancelled: true };

/**
 * No Docker bridge has a container: wait until one appears (`docker compose up` creates its networks'
 * bridges first, then starts the containers), then capture every bridge that appeared or got a
 * container, so the lab's first packets are in the capture. Bounded by --duration; Ctrl+C gives up.
 */
async function waitForBridges(
  initial: readonly NetInterface[],
  args: LiveArgs,
  lang: Lang,
  cancelled: () => boolean,
): Promise<Choice> {
  process.stderr.write(`pcap-explain: ${text('live.docker.waiting', undefined, lang)}\n`);
  const known = new Set(initial.filter((i) => i.dockerBridge).map((i) => i.name));
  const deadline = args.duration !== undefined ? Date.now() + args.duration * 1000 : Number.POSITIVE_INFINITY;
  const fresh = (list: readonly NetInterface[]): string[] =>
    list.filter((i) => i.dockerBridge && i.up && (!known.has(i.name) || i.attached.length > 0)).map((i) => i.name);
  while (!cancelled()) {
    if (Date.now() >= deadline) {
      return { code: 'live.error.no_docker_bridge', params: { candidates: candidates(await listInterfaces()) } };
    }
    await sleep(WAIT_POLL_MS);
    if (fresh(await listInterfaces()).length === 0) continue;
    await sleep(WAIT_SETTLE_MS);
    const found = fresh(await listInterfaces());
    if (found.length > 0) return { ifaces: found };
  }
  return { cancelled: true };
}

/** The interfaces to capture on, or an error (code + params) to print. */
async function chooseInterfaces(args: LiveArgs, lang: Lang, cancelled: () => boolean): Promise<Choice> {
  const asked = (args.interface ?? []).flatMap((s) => String(s).split(',')).filter(Boolean);
  const [list, view] = await Promise.all([listInterfaces(), asked.length ? undefined : readDocker()]);
  if (asked.length > 0) {
    const known = new Set(list.map((i) => i.name));
    for (const name of asked) {
      if (name !== 'any' && list.length > 0 && !known.has(name)) {
        return { code: LIVE_ERROR.NO_INTERFACE, params: { iface: name, candidates: candidates(list) } };
      }
    }
    return { ifaces: [...new Set(asked)] };
  }
  // Docker: bridges with a container, the busy ones first (their counters read SAMPLE_MS apart).
  const withVeth = list.filter((i) => i.dockerBridge && i.up && i.attached.length > 0);
  const counted = countedInterfaces(withVeth);
  const before = readPacketCounters(counted);
  const sampled = withVeth.length > 1 ? SAMPLE_MS : 0;
  if (sampled) await sleep(sampled);
  const ranked = rankBridges(list, before, sampled ? readPacketCounters(counted) : before, view);
  const interactive = Boolean(process.stdin.isTTY && process.stderr.isTTY);
  const choice = chooseBridge(ranked, interactive);
  switch (choice.kind) {
    case 'none':
      return waitForBridges(list, args, lang, cancelled);
    case 'ask': {
      const picked = await askBridges(choice.candidates, lang, sampled);
      return picked ? { ifaces: picked } : { cancelled: true };
    }
    case 'take':
      if (choice.reason === 'one_busy') {
        const [busy, ...rest] = ranked;
        const others = rest
          .map((c) => `${c.iface.name} ${text('live.docker.packets', { packets: c.packets }, lang)}`)
          .join(', ');
        const params = { iface: busy!.iface.name, packets: busy!.packets, seconds: sampled / 1000, others };
        process.stderr.write(`pcap-explain: ${text('live.docker.busy', params, lang)}\n`);
      }
      return { ifaces: choice.ifaces };
    default: {
      const never: never = choice;
      return never;
    }
  }
}

export async function runLive(args: LiveArgs): Promise<number> {
  stdoutOutput(); // a reader closing standard output (EPIPE) never crashes the capture
  const lang = args.lang ?? langFromEnv();
  const say = (code: string, params?: Record<string, string | number>): void => {
    process.stderr.write(`pcap-explain: ${text(code, params, lang)}\n`);
  };
  if (args.count !== undefined && !(Number.isInteger(args.count) && args.count >= 1)) {
    say('live.error.bad_count', { value: String(args.count) });
    return EXIT.UNREADABLE;
  }
  if (args.duration !== undefined && !(Number.isFinite(args.duration) && args.duration > 0)) {
    say('live.error.bad_duration', { value: String(args.duration) });
    return EXIT.UNREADABLE;
  }
  if (args.docker && args.interface?.length) {
    say('live.error.docker_and_interface');
    return EXIT.UNREADABLE;
  }
  const limits = limitsFromArgs(args.limit);
  if ('error' in limits) {
    process.stderr.write(`pcap-explain: ${limits.error}\n`);
    return EXIT.UNREADABLE;
  }
  const filter = args.filter ?? (args.expression?.length ? args.expression.join(' ') : undefined);

  // Ctrl+C while the bridge is chosen (or waited for): give up at once.
  let giveUp = false;
  const onEarlySignal = (): void => {
    giveUp = true;
  };
  process.on('SIGINT', onEarlySignal);
  process.on('SIGTERM', onEarlySignal);
  const chosen = await chooseInterfaces(args, lang, () => giveUp).finally(() => {
    process.off('SIGINT', onEarlySignal);
    process.off('SIGTERM', onEarlySignal);
  });
  if ('cancelled' in chosen || giveUp) return 130;
  if ('code' in chosen) {
    say(chosen.code, chosen.params);
    return EXIT.UNREADABLE;
  }
  const ifaces = chosen.ifaces;
  // Docker's names for the hosts (containers by their addresses, the gateway by its bridge), read again
  // while capturing: containers started after the capture began are named too.
  // (also with -i: a Docker bridge named by hand gets its containers' names; `any` gets every bridge's)
  const docker = !args.interface?.length;
  let dockerView = await readDocker();
  const namedBridges = (v: DockerView | undefined): string[] =>
    ifaces.includes('any') ? (v?.networks ?? []).flatMap((n) => (n.bridge ? [n.bridge] : [])) : ifaces;
  const names: HostName[] = [];
  /** The same names by address, for the event lines and the live view. */
  const nameOf = new Map<string, string>();
  const addNames = (v: DockerView | undefined): void => {
    const known = new Set(names.map((n) => n.address));
    const fresh = dockerNames(v, namedBridges(v)).filter((n) => !known.has(n.address));
    if (fresh.length === 0) return;
    names.push(...fresh);
    for (const n of fresh) nameOf.set(n.address, n.name);
    file?.names(fresh);
  };
  if (docker) say('live.docker.found', { ifaces: ifaces.map((i) => bridgeLabel(i, dockerView)).join(', ') });

  let file: PcapFileSink | undefined;
  if (args.write) {
    try {
      file = PcapFileSink.open(args.write, /\.pcapng$/i.test(args.write));
    } catch (e) {
      if (!(e instanceof LiveError)) throw e;
      say(e.code, e.params);
      return EXIT.UNREADABLE;
    }
  }

  // Where things go: the live view or event lines on stdout (stderr for --format json, whose stdout
  // carries only the final document); JSON Lines always on stdout.
  const format = args.format;
  const viewOut = format === 'json' ? process.stderr : process.stdout;
  const mode: 'jsonl' | 'view' | 'lines' = format === 'jsonl' ? 'jsonl' : viewOut.isTTY ? 'view' : 'lines';
  const color = useColor(args.color, { isTTY: Boolean(viewOut.isTTY), write: () => {}, close: async () => {} });

  const recent: LiveEvent[] = [];
  let printedEvents = 0;
  const emit = (ev: LiveEvent): void => {
    if (mode === 'jsonl') process.stdout.write(`${JSON.stringify(eventRecord(ev, lang, nameOf))}\n`);
    else if (mode === 'lines') viewOut.write(`${eventLine(ev, lang, color, nameOf)}\n`);
    else {
      recent.push(ev);
      if (recent.length > VIEW_EVENTS * 2) recent.splice(0, VIEW_EVENTS);
    }
    printedEvents++;
  };

  // The session and the report are set up as `analyze` sets up its own (explanations on), so the
  // report is the one `analyze` prints for the saved file. The text summary keeps a digest of the frames.
  let deriver: LiveEventDeriver | undefined;
  const reportFormat: ReportFormat = format === 'jsonl' ? 'json' : format;
  const digest = reportFormat === 'text' ? new ExplainDigest() : undefined;
  const sessionOptions = reportSessionOptions(reportFormat, lang, { explain: true, frames: false });
  heapGrowthFor(sessionOptions); // what keeps every frame grows with the capture (see heap.ts)
  const session = new AnalysisSession({
    ...sessionOptions,
    onFrame: (rec) => {
      digest?.push(rec);
      for (const ev of deriver!.onFrame(rec)) emit(ev);
    },
    limits,
  });
  deriver = new LiveEventDeriver((id) => session.conversationSoFar(id));

  addNames(dockerView);

  let linktype: number | undefined;
  let digits = 6;
  const capture = new LiveCapture({ interfaces: ifaces, filter, count: args.count, tool: args.tool }, (raw, iface) => {
    if (linktype === undefined) {
      linktype = raw.linktype;
      digits = raw.tsDigits;
    }
    file?.write(raw, iface);
    session.push(raw);
  });
  capture.onChunk = () => file?.flush();

  let signals = 0;
  let view: LiveView | undefined;
  const onSignal = (): void => {
    signals++;
    if (signals === 1) {
      capture.stop();
      return;
    }
    // A second Ctrl+C: leave at once; the -w file holds every frame flushed so far.
    view?.clear();
    file?.flush();
    process.exit(130);
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  const onStdoutError = (e: NodeJS.ErrnoException): void => {
    if (e.code === 'EPIPE') capture.stop();
  };
  process.stdout.on('error', onStdoutError);
  const cleanup = (): void => {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    process.stdout.off('error', onStdoutError);
  };

  try {
    await capture.start();
  } catch (e) {
    cleanup();
    file?.destroy();
    if (args.write) {
      try {
        unlinkSync(args.write);
      } catch {
        // not created
      }
    }
    if (signals > 0) return 130;
    if (!(e instanceof LiveError)) throw e;
    if (e.code === LIVE_ERROR.NO_INTERFACE) {
      say(e.code, { ...e.params, candidates: candidates(await listInterfaces()) });
    } else say(e.code, e.params);
    return EXIT.UNREADABLE;
  }
  const toolNames = [...new Set(capture.tools)].join(', ');
  say('live.capturing', { ifaces: ifaces.join(', '), tool: toolNames });

  const started = Date.now();
  const timers: NodeJS.Timeout[] = [];
  if (args.duration !== undefined) timers.push(setTimeout(() => capture.stop(), args.duration * 1000));
  if (dockerView !== undefined) {
    let reading = false;
    timers.push(
      setInterval(() => {
        if (reading) return;
        reading = true;
        void readDocker().then((v) => {
          reading = false;
          if (v) dockerView = v;
          addNames(v);
        });
      }, NAMES_EVERY_MS),
    );
  }
  if (mode === 'view') {
    const v = new LiveView(viewOut, lang, color);
    view = v;
    const redraw = (): void => {
      const dropped = capture.stats().reduce<number | null>((sum, s) => {
        if (s.stats.dropped === null) return sum;
        return (sum ?? 0) + s.stats.dropped;
      }, null);
      v.draw({
        ifaces,
        tool: toolNames,
        elapsed: (Date.now() - started) / 1000,
        packets: capture.frames,
        dropped,
        conversations: deriver.conversations(),
        messages: (id) => deriver!.messages(id),
        events: recent,
        names: nameOf,
      });
    };
    redraw();
    timers.push(setInterval(redraw, VIEW_REFRESH_MS));
    timers.push(setInterval(() => capture.requestStats(), STATS_EVERY_MS));
  }

  const result = await capture.done;
  for (const t of timers) clearTimeout(t);
  view?.clear();

  if (dockerView !== undefined) addNames(await readDocker());
  const header = file?.header ?? savedCaptureHeader(linktype ?? 1, digits);
  if (names.length) header.names = mergeNames(header.names, names);
  const warnings = result.sources.flatMap((s) => s.warnings);
  const damaged = result.sources.some((s) => s.damaged);
  const model = session.finish(args.write ?? `live:${ifaces.join(',')}`, header, warnings, damaged);

  const sink = await openOutput(undefined);
  if (!sink) return EXIT.UNREADABLE;
  const style = { tty: sink.isTTY, color: useColor(args.color, sink) };
  const statLines = statsLines(result, lang);
  const extras: ReportExtras = {
    explain: true,
    lang,
    frames: false,
    selection: {},
    allConversations: args.conversations ?? false,
    ...(digest ? { digest } : {}),
  };
  if (format === 'jsonl') {
    // The JSON report analyze prints, on one line.
    let doc = '';
    const into: Sink = {
      write: (s) => {
        doc += s;
      },
      close: async () => {},
      isTTY: false,
    };
    await writeReport(model, 'json', into, style, session, undefined, extras);
    sink.write(`${JSON.stringify({ type: 'stats', sources: result.sources.map(statsRecord) })}\n`);
    sink.write(`${JSON.stringify({ type: 'report', model: JSON.parse(doc) })}\n`);
  } else {
    if (mode === 'lines' && printedEvents > 0 && format === 'text') sink.write('\n');
    await writeReport(model, format, sink, style, session, undefined, extras);
    if (format === 'text') sink.write(`\n${statLines.join('\n')}\n`);
  }
  await sink.close();
  if (format !== 'text') for (const l of statLines) process.stderr.write(`pcap-explain: ${l}\n`);

  if (file) {
    await file.close(linktype ?? 1);
    say('live.saved', { frames: file.frames, path: file.path });
    if (file.skipped) say('live.skipped_linktype', { count: file.skipped, path: file.path });
    if (names.length && !file.pcapng) say('live.names_not_saved', { path: file.path });
  }
  const dropped = result.sources.reduce((n, s) => n + (s.stats.dropped ?? 0), 0);
  if (dropped > 0) say('live.dropped', { dropped });
  for (const s of result.sources) {
    if (s.failure !== undefined) {
      say('live.died', { tool: s.tool, iface: s.iface, message: s.failure, frames: result.frames });
    }
  }
  for (const w of model.capture.warnings) process.stderr.write(`pcap-explain: ${w.text}\n`);
  cleanup();
  return result.unexpected || damaged ? EXIT.DAMAGED : EXIT.OK;
}

function statsLines(r: LiveResult, lang: Lang): string[] {
  return r.sources.map((s) =>
    s.stats.captured === null
      ? text('live.stats.unknown', { tool: s.tool, iface: s.iface }, lang)
      : text(
          'live.stats',
          { tool: s.tool, iface: s.iface, captured: s.stats.captured, dropped: s.stats.dropped ?? '?' },
          lang,
        ),
  );
}

/** One source of the `{type: 'stats'}` JSON Lines record. */
interface SourceStatsRecord {
  iface: string;
  tool: ToolName;
  captured: number | null;
  received: number | null;
  dropped: number | null;
  failure?: string;
}

function statsRecord(s: LiveResult['sources'][number]): SourceStatsRecord {
  const r: SourceStatsRecord = {
    iface: s.iface,
    tool: s.tool,
    captured: s.stats.captured,
    received: s.stats.received,
    dropped: s.stats.dropped,
  };
  if (s.failure !== undefined) r.failure = s.failure;
  return r;
}

export const liveCommand: CommandModule = defineCommand({
  command: 'live [expression..]',
  describe: 'Capture live (Docker bridges by default) and explain the traffic as it happens; Ctrl+C for the report',
  builder: (y: Argv) =>
    y
      .positional('expression', {
        type: 'string',
        array: true,
        describe: 'capture filter (BPF) as tcpdump takes it, e.g. tcp port 5555 (or use --filter)',
      })
      .option('interface', {
        alias: 'i',
        type: 'string',
        array: true,
        describe: 'interface(s) to capture on (repeat or separate with commas); default: the Docker bridge(s)',
      })
      .option('docker', {
        type: 'boolean',
        default: false,
        describe: 'capture on the Docker bridge(s) docker0 / br-xxxxxxxxxxxx (asks which on a terminal when several)',
      })
      .option('filter', { alias: 'F', type: 'string', describe: "capture filter (BPF), e.g. 'tcp port 1883 or arp'" })
      .option('write', { alias: 'w', type: 'string', describe: 'also save the captured packets to FILE.pcap' })
      .option('duration', { alias: 'd', type: 'number', describe: 'stop after S seconds' })
      .option('count', { alias: 'c', type: 'number', describe: 'stop after N packets' })
      .option('format', {
        alias: 'f',
        choices: LIVE_FORMATS,
        default: 'text' as const,
        describe: 'format of the final report (jsonl: events and report as JSON Lines)',
      })
      .option('lang', { choices: ['en', 'id'] as const, describe: 'language (default from LANG: id_* → Indonesian)' })
      .option('color', { type: 'boolean', describe: 'colour output (default: on a terminal unless NO_COLOR is set)' })
      .option('limit', LIMIT_OPTION)
      .option('conversations', {
        type: 'boolean',
        default: false,
        describe:
          'the final report tells every conversation on its own (default: above 30, alike conversations are one group)',
      })
      .option('tool', {
        choices: ['auto', 'tcpdump', 'dumpcap'] as const,
        default: 'auto' as const,
        describe: 'capture program (auto: tcpdump, else dumpcap)',
      })
      .example('sudo $0 live', 'watch the Docker bridge; Ctrl+C prints the report')
      .example('sudo $0 live -i br-5e2b9c1d7a40 -w lab.pcap', 'watch one bridge and save the packets')
      .example("sudo $0 live --docker --filter 'tcp port 5555' --duration 30", 'ZeroMQ traffic for 30 seconds')
      .example('sudo $0 live -i br-xxxx | tee log.txt', 'one explained line per event, kept in a file')
      .example('sudo $0 live -c 100 -f json > report.json', 'the JSON model of the first 100 packets'),
  run: (a) => runLive(a),
});

export { interfacesCommand } from './interfaces.js';
