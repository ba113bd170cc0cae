/** `pcap-explain analyze FILE` (also `pcap-explain FILE`): summary, frame list or the JSON model. */

import { createReadStream, readFileSync } from 'node:fs';
import type { Argv } from 'yargs';
import type { AnalysisModel, FrameRecord } from '../../analysis/model.js';
import { AnalysisSession, type AnalyzeOptions, CaptureError, type FrameObserver, toolVersion } from '../../analyze.js';
import { type HostName, parseNames } from '../../capture/names.js';
import { readCaptureFile } from '../../capture/reader.js';
import { ExplainDigest, explainModel, isExplained } from '../../explain/index.js';
import { captureErrorText, type Lang, langFromEnv } from '../../explain/text.js';
import { type FieldsWriter, fieldsWriter, parseFieldsOptions } from '../../filter/fields-output.js';
import { type CompiledFilter, compileFilter, FilterError, filterErrorLine } from '../../filter/index.js';
import { captureOptions, DEFAULT_LIMITS, type Limits } from '../../limits.js';
import { allModules } from '../../protocols/registry.js';
import {
  emptySelectionText,
  frameFilter,
  parseRange,
  type Selection,
  sayer,
  select,
  selectConversations,
  selects,
} from '../../report/common.js';
import { ConversationFold } from '../../report/fold.js';
import { JsonStreamWriter, jsonView } from '../../report/json.js';
import { type EndpointRow, frameLine, renderText, renderTextReport, type TextStyle } from '../../report/text.js';
import { HostTally, parseStat, STAT_USAGE, type StatSpec, StatsCollector } from '../../stats/index.js';
import type { collectStats } from '../../stats/run.js';
import { ANALYZE_EXAMPLES, FILTER_EXAMPLE } from '../examples.js';
import { expandCaptureArgs } from '../files.js';
import { COLLECT_AFTER, collectNow, heapGrowthFor, YoungCap } from '../heap.js';
import { EXIT, openOutput, type Sink, STDIN_ARG, useColor } from '../io.js';
import { LIMIT_OPTION, limitsFromArgs } from '../limits.js';
import { rereadable, Spool } from '../spool.js';
import { type SummaryFold, streamExplainedFrames, streamsExplainedFrames, youngSemiSpace } from './analyze-frames.js';
import { type CommandModule, commandDefinition, defineCommand } from './types.js';

export interface AnalyzeArgs {
  file: string;
  format: ReportFormat;
  output?: string;
  frames: boolean;
  lang?: Lang;
  color?: boolean;
  /** Issue 5: explanations, story and overview (default true; --no-explain streams as before). */
  explain?: boolean;
  conversation?: number;
  protocol?: string;
  framesRange?: string;
  /** --conversations: every conversation on its own in the text report, also when there are many. */
  conversations?: boolean;
  /** --limit NAME=VALUE, repeatable (docs/limits.md). */
  limit?: string | string[];
  /** --names FILE: address → host name (hosts-style lines or JSON; src/capture/names.ts). */
  names?: string;
  /** -Y/--display-filter EXPR (docs/filters.md). */
  displayFilter?: string;
  /** tshark's -T fields, -e FIELD (repeatable), -E NAME=VALUE (repeatable). */
  T?: string;
  e?: string | string[];
  E?: string | string[];
  /** tshark's -r FILE: the capture, when no file is given as an argument. */
  r?: string;
  /** -q: no report (tshark's quiet mode; with -z, only the statistics). */
  quiet?: boolean;
  /** -z STAT, repeatable: tshark's statistics (src/stats/). */
  z?: string | string[];
}

/** What -Y, -T, -e and -E ask for, checked before anything is written. */
interface TsharkArgs {
  filter?: CompiledFilter;
  fields?: FieldsWriter;
}

/** tshark's options whose value may be glued to them: `-Tfields`, `-eip.src`, `-Eheader=y`, `-Ytcp`, `-rF`. */
const GLUED = new Set(['T', 'e', 'E', 'Y', 'r']);

/** Splits `-Tfields` into `-T fields` (and so on for GLUED), as tshark accepts them; other arguments pass. */
export function tsharkArgv(argv: readonly string[]): string[] {
  const out: string[] = [];
  for (const a of argv) {
    if (a.length > 2 && a[0] === '-' && a[1] !== '-' && GLUED.has(a[1]!)) out.push(a.slice(0, 2), a.slice(2));
    else out.push(a);
  }
  return out;
}

const list = (x: string | string[] | undefined): string[] => (x === undefined ? [] : Array.isArray(x) ? x : [x]);

/** Compiles -Y and builds the -T fields writer; an error message (one line) when they are not valid. */
export function tsharkArgs(args: AnalyzeArgs): TsharkArgs | { error: string } {
  const out: TsharkArgs = {};
  if (args.displayFilter !== undefined) {
    try {
      out.filter = compileFilter(args.displayFilter);
    } catch (e) {
      if (e instanceof FilterError) return { error: filterErrorLine(args.displayFilter, e) };
      throw e;
    }
    if (args.explain === false && args.T === undefined)
      return { error: '-Y/--display-filter needs the explanation step: leave out --no-explain' };
  }
  const names = list(args.e);
  const opts = list(args.E);
  if (args.T === undefined) {
    if (names.length > 0) return { error: '-e FIELD needs -T fields' };
    if (opts.length > 0) return { error: '-E OPTION needs -T fields' };
    return out;
  }
  if (names.length === 0) return { error: '-T fields needs at least one field: -e FIELD' };
  const o = parseFieldsOptions(opts);
  if ('error' in o) return o;
  const w = fieldsWriter(names, o);
  if ('unknown' in w) return { error: `-e: not a known field: ${w.unknown.join(', ')} (docs/filters.md lists them)` };
  out.fields = w;
  return out;
}

/** The formats of the final report; `live` offers the same ones. */
export const REPORT_FORMATS = ['text', 'json', 'markdown', 'html'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

/**
 * Writes the finished model as `analyze` prints it (shared with `live`). `streamed` is the JSON writer
 * that already received the frames as they were analysed; without one, the model's frames are written.
 */
export async function writeReport(
  model: AnalysisModel,
  format: ReportFormat,
  sink: Sink,
  style: TextStyle,
  session: AnalysisSession,
  streamed?: JsonStreamWriter,
  report: ReportExtras = {},
): Promise<{ selectedNothing?: boolean }> {
  if (report.explain === false) {
    // frames were selected as they streamed (runAnalyze); the conversations are selected here
    if (report.selection && selects(report.selection)) {
      model.conversations = selectConversations(model.conversations, report.selection);
    }
    if (format === 'json') {
      const json =
        streamed ??
        new JsonStreamWriter(sink, 'pcap-explain/1', { name: 'pcap-explain', version: toolVersion() }, true);
      if (!streamed) for (const f of model.frames) json.frame(f);
      json.end(model);
      return {};
    }
    sink.write(
      renderText(model, style, { frames: false, protocols: session.protocolCounts, notes: session.noteSummary }),
    );
    return {};
  }
  // Issue 5: explain (unless the session did), select, render.
  const lang = report.lang ?? langFromEnv();
  if (!isExplained(model)) {
    if (model.frames.length === 0 && report.digest) {
      model.frames = report.digest.frames;
      explainModel(model, lang, { frames: false });
      model.frames = [];
    } else explainModel(model, lang);
  }
  const whole = isExplained(model) ? model : explainModel(model, lang);
  const sel = report.selection ?? {};
  const m = select(whole, sel);
  const selected = m !== whole;
  switch (format) {
    case 'json': {
      const json = new JsonStreamWriter(sink, 'pcap-explain/1', { name: 'pcap-explain', version: toolVersion() }, true);
      for (const f of m.frames) json.frame(f);
      json.end(jsonView(m));
      return {};
    }
    // loaded when asked for (start-up: docs/architecture.md)
    case 'markdown':
      sink.write(
        (await import('../../report/markdown.js')).renderMarkdown(m, {}, { allConversations: report.allConversations }),
      );
      return {};
    case 'html':
      sink.write(
        (await import('../../report/html.js')).renderHtml(m, {}, { allConversations: report.allConversations }),
      );
      return {};
    default:
      sink.write(
        renderTextReport(m, style, {
          frames: report.frames ?? false,
          allConversations: report.allConversations ?? false,
          ...(selected && m.frames.length ? {} : { protocols: session.protocolCounts, notes: session.noteSummary }),
          ...(report.endpoints && !selected ? { endpoints: report.endpoints } : {}),
        }),
      );
      // the summary keeps no frames: nothing selected when no conversation, story phase or frame is left
      return { selectedNothing: selected && m.frames.length + m.conversations.length + m.story.length === 0 };
  }
}

/** What the explained report needs besides the model (issue 5). */
export interface ReportExtras {
  /** false: the plain summary / streamed JSON of before (no explanation step). */
  explain?: boolean;
  lang?: Lang;
  /** Text: list every frame with its explanation. */
  frames?: boolean;
  selection?: Selection;
  /** Text, Markdown, HTML: every conversation on its own (no groups of alike ones). */
  allConversations?: boolean;
  /** The frames the story needs when the session kept none (text summary). */
  digest?: ExplainDigest;
  /** Text: the endpoints table (frames and bytes per IP address). */
  endpoints?: readonly EndpointRow[];
}

/** How the session is set up for a report format: `analyze` and `live` share it, so both print the same. */
export function reportSessionOptions(
  format: ReportFormat,
  lang: Lang,
  opts: { explain?: boolean; frames?: boolean } = {},
): AnalyzeOptions {
  // Without explanations no frame is kept: JSON and frame lines stream them, the text summary uses tallies.
  // Summary mode (bounded message lists, message_stats for the rest) for every format, as the explained
  // JSON: each frame lists what it completes, so the model need not list every message again.
  if (opts.explain === false) return { lang, keepFrames: false, summary: true };
  // Explained reports (issue 5): per-frame explanations need every frame; the text summary keeps a digest.
  const keepFrames = format !== 'text' || opts.frames === true;
  return { lang, keepFrames, explain: false, keepRaw: format === 'html' };
}

/**
 * Whether a streamed output folds plain members of a group as they retire, as the text summary does: the
 * text reports (`--frames`, `-Y`), whose report is that summary, Markdown and HTML, whose summary sections
 * tell the same groups (their frame sections read a folded conversation's final record), and JSON (the
 * groups in `groups`, their folded members' records left out: docs/json.md). Not with --conversations
 * (every one told, every record written).
 */
function foldsStreamed(stream: string, args: AnalyzeArgs): boolean {
  return (stream === 'text' || stream === 'json' || stream === 'markdown' || stream === 'html') && !args.conversations;
}

/** The grouped summary's fold for a streamed output (StreamedFramesOptions.fold). */
function summaryFold(digest: ExplainDigest, lang: Lang): SummaryFold {
  const fold = new ConversationFold(digest, sayer(lang));
  return {
    offer: (rec) => fold.offer(rec),
    finish: (model) => {
      model.folded = fold.result();
    },
  };
}

/** The --names file, or why it cannot be used. */
function readNamesFile(path: string): HostName[] | { error: string } {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    return { error: `cannot read it (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})` };
  }
  return parseNames(text);
}

/**
 * A capture that cannot be read: its message in the report's language, the output closed, exit 1 (other
 * errors are thrown on).
 */
async function unreadable(err: unknown, file: string, sink: Sink, lang: Lang = 'en'): Promise<number> {
  if (!(err instanceof CaptureError)) throw err;
  process.stderr.write(`pcap-explain: ${file}: ${captureErrorText(err, lang)}\n`);
  await sink.close();
  return EXIT.UNREADABLE;
}

export async function runAnalyze(args: AnalyzeArgs): Promise<number> {
  const lang = args.lang ?? langFromEnv();
  if (args.file === STDIN_ARG) args.file = '-';
  const limits = limitsFromArgs(args.limit);
  if ('error' in limits) {
    process.stderr.write(`pcap-explain: ${limits.error}\n`);
    return EXIT.UNREADABLE;
  }
  const names = args.names !== undefined ? readNamesFile(args.names) : undefined;
  if (names && 'error' in names) {
    process.stderr.write(`pcap-explain: --names ${args.names}: ${names.error}\n`);
    return EXIT.UNREADABLE;
  }
  const ts = tsharkArgs(args);
  if ('error' in ts) {
    process.stderr.write(`pcap-explain: ${ts.error}\n`);
    return EXIT.UNREADABLE;
  }
  const specs: StatSpec[] = [];
  for (const z of args.z === undefined ? [] : Array.isArray(args.z) ? args.z : [args.z]) {
    const spec = parseStat(String(z));
    if (typeof spec === 'string') {
      process.stderr.write(`pcap-explain: ${spec}\n`);
      return EXIT.UNREADABLE;
    }
    specs.push(spec);
  }
  if (specs.length > 0 && !args.quiet && args.format !== 'text') {
    process.stderr.write(`pcap-explain: -z prints text tables: add -q to print only them, or drop -f ${args.format}\n`);
    return EXIT.UNREADABLE;
  }
  const stats =
    specs.length > 0
      ? new StatsCollector(specs, {
          followBytes: limits.followBytes ?? DEFAULT_LIMITS.followBytes,
          statsRows: limits.statsRows ?? DEFAULT_LIMITS.statsRows,
          ...(ts.filter ? { displayFilter: ts.filter } : {}),
        })
      : undefined;
  // a -z filter is tested on frame records: the statistics then read the capture again after the report
  // (two passes of their own, collectStats), which standard input cannot give beside a report
  const apart = stats?.needsRecords === true && !args.quiet;
  if (apart && !rereadable(args.file)) {
    process.stderr.write(
      `pcap-explain: -z with a display filter reads the capture again after the report: give a file, or add -q\n`,
    );
    return EXIT.UNREADABLE;
  }
  const inPass = apart ? undefined : stats;
  // the text report's endpoints table is tallied in the same pass, beside the -z statistics
  const hosts = !args.quiet && args.format === 'text' && args.explain !== false ? new HostTally(inPass) : undefined;
  const observer: FrameObserver | undefined = hosts ?? inPass;
  const sink = await openOutput(args.output);
  if (!sink) return EXIT.UNREADABLE;
  if (args.quiet) return runQuiet(args, sink, limits, lang, stats, names);
  const color = useColor(args.color, sink);
  // the Info column is cut only on a terminal, at its width (a file or a pipe gets it whole)
  const style: TextStyle = { tty: sink.isTTY, color, lang };
  if (sink.isTTY && process.stdout.columns) style.width = process.stdout.columns;
  const explain = args.explain !== false;
  const range = args.framesRange !== undefined ? parseRange(args.framesRange) : undefined;
  if (args.framesRange !== undefined && !range) {
    process.stderr.write(`pcap-explain: --frames-range: expected A-B (frame numbers), got '${args.framesRange}'\n`);
    await sink.close();
    return EXIT.UNREADABLE;
  }
  const selection: Selection = {};
  if (args.conversation !== undefined) selection.conversation = args.conversation;
  if (args.protocol) selection.protocol = args.protocol;
  if (range) selection.range = range;
  // -T fields, and a display filter on the text summary, stream too (the filter is tested as frames are told)
  const stream = ts.fields
    ? ('fields' as const)
    : streamsExplainedFrames(args)
      ? args.format
      : ts.filter && args.format === 'text'
        ? ('text' as const)
        : undefined;
  if (stream) {
    // Issues 8 and 18: explained frames stream in one pass (frames held in a bounded window, no temporary file).
    let model: AnalysisModel;
    let written: number;
    try {
      ({ model, written } = await streamExplainedFrames(sink, {
        file: args.file,
        format: stream,
        frames: stream !== 'text' || args.frames,
        ...(ts.filter ? { filter: ts.filter } : {}),
        ...(ts.fields ? { fields: ts.fields } : {}),
        lang,
        style,
        selection,
        limits,
        allConversations: args.conversations ?? false,
        ...(foldsStreamed(stream, args) ? { fold: (d: ExplainDigest) => summaryFold(d, lang) } : {}),
        pace: () => sink.drained?.(),
        ...(names ? { names } : {}),
        ...(observer ? { observer } : {}),
        ...(hosts ? { endpoints: () => hosts.rows() } : {}),
      }));
    } catch (err) {
      return unreadable(err, args.file, sink, lang);
    }
    if (stats) {
      const failed = await statsAfter(stats, apart, args.file, statsOptions(limits, names, sink), sink, lang);
      if (failed !== undefined) return failed;
    }
    await sink.close();
    if (sink.broken) return EXIT.OK; // the output's reader has gone (`| head`)
    if (selects(selection) && written === 0) {
      process.stderr.write(`pcap-explain: ${emptySelectionText(selection, model.capture.frames)}\n`);
    }
    for (const w of model.capture.warnings) process.stderr.write(`pcap-explain: ${args.file}: ${w.text}\n`);
    return model.capture.damaged ? EXIT.DAMAGED : EXIT.OK;
  }
  let onFrame: ((f: FrameRecord) => void) | undefined;
  const digest = explain && args.format === 'text' && !args.frames ? new ExplainDigest() : undefined;
  // the grouped summary folds plain members of a group as they retire (unless every one is to be listed
  // or a selection may name one)
  const fold =
    digest && !args.conversations && !selects(selection) ? new ConversationFold(digest, sayer(lang)) : undefined;
  let json: JsonStreamWriter | undefined;
  // --no-explain streams frames: a selection picks them as they come
  // (the explained summary's session hands on only the frames its digest wants: it cannot count them)
  const keep = selects(selection) && !digest ? frameFilter(selection) : undefined;
  let matched = 0;
  if (digest) onFrame = (f) => digest.push(f);
  else if (!explain && args.format === 'json') {
    json = new JsonStreamWriter(sink, 'pcap-explain/1', { name: 'pcap-explain', version: toolVersion() }, true);
    onFrame = (f) => json!.frame(f);
  } else if (!explain && args.frames) {
    let first = true;
    onFrame = (f) => {
      if (first) {
        first = false;
        sink.write(
          `${'No.'.padStart(6)} ${'Time'.padStart(12)} ${'Source'.padEnd(21)} ${'Destination'.padEnd(21)} ${'Protocol'.padEnd(8)} ${'Len'.padStart(5)} Info\n`,
        );
      }
      sink.write(`${frameLine(f)}\n`);
    };
  }
  const sessionOptions = reportSessionOptions(args.format, lang, { explain, frames: args.frames });
  heapGrowthFor(sessionOptions); // what keeps every frame grows with the capture (see heap.ts)
  // the explained summary: a smaller young generation keeps its peak memory well under the target (heap.ts)
  const mib = youngSemiSpace(args);
  const young = mib !== undefined ? new YoungCap(mib) : undefined;
  // a selection is tested once per frame: only the frames it keeps are counted and streamed
  const selected = keep ? onFrame : undefined;
  if (keep) {
    onFrame = (f) => {
      if (!keep(f)) return;
      matched++;
      selected?.(f);
    };
  }
  const session = new AnalysisSession({
    ...sessionOptions,
    onFrame,
    limits,
    ...(digest ? { wantFrame: digest.want.bind(digest) } : {}),
    ...(fold ? { fold: fold.offer.bind(fold) } : {}),
    ...(names ? { names } : {}),
    ...(observer ? { observer } : {}),
  });
  let res: Awaited<ReturnType<typeof readCaptureFile>>;
  try {
    // Frames streamed to the output: read no further while a slow reader catches up; stop when it left.
    const pace = onFrame && !digest ? () => sink.drained?.() : undefined;
    const opts = captureOptions(session.limits);
    res = await readCaptureFile(
      args.file,
      (f) => {
        young?.tick();
        return sink.broken ? false : session.push(f);
      },
      pace ? { ...opts, pace } : opts,
    );
  } catch (err) {
    return unreadable(err, args.file, sink, lang);
  }
  // The output's reader has gone (`| head`): stop quietly, as Unix tools do.
  if (sink.broken) {
    await sink.close();
    return EXIT.OK;
  }
  if (digest && res.frames >= COLLECT_AFTER) collectNow();
  const model = session.finish(args.file === '-' ? '(stdin)' : args.file, res.header, res.warnings, res.damaged);
  if (fold) model.folded = fold.result();
  if (!explain && args.frames && !json && model.capture.frames) sink.write('\n');
  const { selectedNothing } = await writeReport(model, args.format, sink, style, session, json, {
    explain,
    lang,
    frames: args.frames,
    selection: ts.filter ? { ...selection, filter: ts.filter } : selection,
    allConversations: args.conversations ?? false,
    ...(digest ? { digest } : {}),
    ...(hosts ? { endpoints: hosts.rows() } : {}),
  });
  if (stats) {
    const failed = await statsAfter(stats, apart, args.file, statsOptions(limits, names, sink), sink, lang);
    if (failed !== undefined) return failed;
  }
  await sink.close();
  if (sink.broken) return EXIT.OK;
  if ((keep && matched === 0) || selectedNothing) {
    process.stderr.write(`pcap-explain: ${emptySelectionText(selection, model.capture.frames)}\n`);
  }
  for (const w of model.capture.warnings) process.stderr.write(`pcap-explain: ${args.file}: ${w.text}\n`);
  return model.capture.damaged ? EXIT.DAMAGED : EXIT.OK;
}

/**
 * The statistics after the report: read in a pass of their own first when they need one (`apart`: a
 * filtered `-z`); the exit code when that pass cannot read the capture, else undefined.
 */
async function statsAfter(
  stats: StatsCollector,
  apart: boolean,
  file: string,
  opts: Parameters<typeof collectStats>[2],
  sink: Sink,
  lang: Lang,
): Promise<number | undefined> {
  try {
    if (apart) await (await import('../../stats/run.js')).collectStats(file, stats, opts);
  } catch (err) {
    return unreadable(err, file, sink, lang);
  }
  writeStats(stats, sink);
  return undefined;
}

/** The statistics after everything else (as tshark prints them after the packets); their notes to stderr. */
function writeStats(stats: StatsCollector, sink: Sink): void {
  sink.write(stats.render());
  for (const w of stats.warnings()) process.stderr.write(`pcap-explain: ${w}\n`);
}

function statsOptions(
  limits: Partial<Limits>,
  names: readonly HostName[] | undefined,
  sink: Sink,
): Parameters<typeof collectStats>[2] {
  return { limits, ...(names ? { names } : {}), stop: () => sink.broken === true };
}

/**
 * `-q`: no report, only the `-z` statistics, from one plain pass (no frame record, no explanation), as
 * `tshark -q -z …` reads a capture; two when a statistic has a display filter (collectStats), standard
 * input then spooled to a temporary file for the second.
 */
async function runQuiet(
  args: AnalyzeArgs,
  sink: Sink,
  limits: Partial<Limits>,
  lang: Lang,
  stats: StatsCollector | undefined,
  names: readonly HostName[] | undefined,
): Promise<number> {
  const { collectStats } = await import('../../stats/run.js');
  const spool = stats?.needsRecords && !rereadable(args.file) ? new Spool() : undefined;
  let model: AnalysisModel;
  try {
    const source = !spool
      ? args.file
      : args.file === '-'
        ? spool.copy(process.stdin, 'standard input')
        : spool.copy(createReadStream(args.file, { highWaterMark: 1 << 20 }), args.file);
    model = await collectStats(source, stats ?? new StatsCollector([], { followBytes: 0 }), {
      ...statsOptions(limits, names, sink),
      ...(spool ? { again: spool.path } : {}),
      name: args.file === '-' ? '(stdin)' : args.file,
    });
  } catch (err) {
    return unreadable(err, args.file, sink, lang);
  } finally {
    spool?.remove();
  }
  if (stats) writeStats(stats, sink);
  await sink.close();
  if (sink.broken) return EXIT.OK;
  for (const w of model.capture.warnings) process.stderr.write(`pcap-explain: ${args.file}: ${w.text}\n`);
  return model.capture.damaged ? EXIT.DAMAGED : EXIT.OK;
}

/** `analyze`'s yargs builder and handler (test/cli-quick.test.ts parses with it). */
export const analyzeDefinition = commandDefinition({
  command: ['analyze [file] [more..]', '$0 [file] [more..]'],
  describe: 'Analyse a capture (.pcap, .pcapng, gzip-compressed, or - for standard input)',
  builder: (y: Argv) =>
    y
      .positional('file', { type: 'string', describe: 'capture file, or - for stdin (or -r FILE)' })
      .positional('more', {
        type: 'string',
        array: true,
        describe: 'more capture files: analysed in parallel worker threads, reported in the order given',
      })
      .option('jobs', {
        alias: 'j',
        type: 'number',
        describe: 'worker threads for several files (default: one per CPU core)',
      })
      .option('format', {
        alias: 'f',
        choices: REPORT_FORMATS,
        default: 'text' as const,
        describe: 'output format',
      })
      .option('output', { alias: 'o', type: 'string', describe: 'write the report to FILE instead of stdout' })
      .option('frames', {
        type: 'boolean',
        default: false,
        describe: 'list every frame (No., Time, Source, Destination, Protocol, Length, Info)',
      })
      .option('lang', {
        choices: ['en', 'id'] as const,
        describe: 'language of explanations (default from LANG: id_* → Indonesian)',
      })
      .option('color', {
        type: 'boolean',
        describe: 'colour output (default: on a terminal unless NO_COLOR is set)',
      })
      .option('explain', {
        type: 'boolean',
        default: true,
        describe: 'explanations, story and overview (--no-explain: the plain summary, frames streamed)',
      })
      .option('conversation', { type: 'number', describe: 'report only conversation ID (conversations[].id)' })
      .option('protocol', {
        type: 'string',
        describe: `report only this protocol: ${[...allModules().map((m) => m.name), 'tcp', 'udp', 'arp'].join(', ')}…`,
      })
      .option('frames-range', { type: 'string', describe: 'report only frames A-B (e.g. 10-40)' })
      .option('conversations', {
        type: 'boolean',
        default: false,
        describe:
          'every conversation on its own: told in the text, Markdown and HTML, its record in the JSON (default: above 30, alike conversations are one group)',
      })
      .option('limit', LIMIT_OPTION)
      .option('log', {
        type: 'string',
        requiresArg: true,
        describe:
          'write the dataset instead of a report: DIR/captures.jsonl, conn.jsonl, messages.jsonl, notes.jsonl (docs/dataset.md); files, directories and globs',
      })
      .option('names', {
        type: 'string',
        describe:
          'name hosts from FILE: lines "172.18.0.3 zmq-req" (/etc/hosts style) or JSON {"172.18.0.3": "zmq-req"}',
      })
      .option('display-filter', {
        alias: 'Y',
        type: 'string',
        requiresArg: true,
        describe: `Wireshark display filter: list only matching frames, e.g. '${FILTER_EXAMPLE}' (docs/filters.md)`,
      })
      .option('T', {
        choices: ['fields'] as const,
        requiresArg: true,
        describe: "as tshark: '-T fields' prints the -e fields of each (matching) frame, one line each",
      })
      .option('e', {
        type: 'string',
        requiresArg: true,
        describe: 'with -T fields: a field to print (repeatable), e.g. -e frame.number -e ip.src',
      })
      .option('E', {
        type: 'string',
        requiresArg: true,
        describe: 'with -T fields: header=y|n, separator=/t|/s|C, quote=d|s|n, occurrence=f|l|a, aggregator=,|/s|C',
      })
      .option('r', { type: 'string', requiresArg: true, describe: 'as tshark -r: the capture file to read' })
      .option('quiet', {
        alias: 'q',
        type: 'boolean',
        describe: "no report (tshark's -q): with -z, only the statistics",
      })
      .option('z', {
        type: 'string',
        array: true,
        requiresArg: true,
        describe: `tshark's statistics, repeatable (docs/wireshark.md): ${STAT_USAGE}`,
      })
      .example(ANALYZE_EXAMPLES),
  run: (a) => {
    const { more: moreArgs, jobs, log, ...rest } = a;
    const more = (moreArgs ?? []).map(String);
    const file = a.file ?? a.r;
    if (file === undefined) {
      process.stderr.write('pcap-explain: give a capture file: pcap-explain FILE (or -r FILE)\n');
      return Promise.resolve(EXIT.UNREADABLE);
    }
    if (a.file !== undefined && a.r !== undefined) {
      process.stderr.write('pcap-explain: give the capture either as an argument or with -r, not both\n');
      return Promise.resolve(EXIT.UNREADABLE);
    }
    const args: AnalyzeArgs = { ...rest, file };
    if (log !== undefined) {
      if (args.output !== undefined || args.format !== 'text' || args.frames) {
        process.stderr.write(
          'pcap-explain: --log DIR writes the dataset instead of a report: leave out -o, -f and --frames\n',
        );
        return Promise.resolve(EXIT.UNREADABLE);
      }
      const limits = limitsFromArgs(args.limit);
      if ('error' in limits) {
        process.stderr.write(`pcap-explain: ${limits.error}\n`);
        return Promise.resolve(EXIT.UNREADABLE);
      }
      const named = [args.file === STDIN_ARG ? '-' : String(args.file), ...more];
      const { files, error } = named.includes('-') ? { files: named, error: undefined } : expandCaptureArgs(named);
      if (error || files.length === 0) {
        process.stderr.write(`pcap-explain: ${error ?? `no capture in ${named.join(' ')}`}\n`);
        return Promise.resolve(EXIT.UNREADABLE);
      }
      return import('./analyze-log.js').then((m) => m.runAnalyzeLog(files, log, limits, jobs));
    }
    if (more.length === 0) return runAnalyze(args);
    if (args.T !== undefined) {
      process.stderr.write('pcap-explain: -T fields reads one capture\n');
      return Promise.resolve(EXIT.UNREADABLE);
    }
    if (args.z !== undefined || args.quiet) {
      process.stderr.write('pcap-explain: -q and -z read one capture: give one file\n');
      return Promise.resolve(EXIT.UNREADABLE);
    }
    const limits = limitsFromArgs(args.limit); // checked once, before any worker starts
    if ('error' in limits) {
      process.stderr.write(`pcap-explain: ${limits.error}\n`);
      return Promise.resolve(EXIT.UNREADABLE);
    }
    return import('./analyze-many.js').then((m) => m.runAnalyzeMany(args, [args.file, ...more], jobs));
  },
});

export const analyzeCommand: CommandModule = defineCommand(analyzeDefinition);
