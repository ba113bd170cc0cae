/**
 * Explained per-frame output that streams (issue 8): text `--frames` and `-f json` in two passes over the
 * capture. Pass 1 is the explained summary (no frame kept: conversations, story, overview, tallies); pass 2
 * reads the capture again and writes each frame with its explanation as it is finished, from the
 * conversations of pass 1 (StreamExplainer). Standard input and other unseekable inputs (pipes) are
 * spooled to a temporary file during pass 1 and read back from it; the file is removed at the end, on
 * errors and on SIGINT/SIGTERM/SIGHUP. Markdown and HTML documents keep the whole model (see docs/limits.md).
 */

import { closeSync, createReadStream, mkdtempSync, openSync, rmSync, statSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TappedMessage } from '../../analysis/app/index.js';
import type { AnalysisModel, AppMessageRecord, ConversationRecord, FrameRecord } from '../../analysis/model.js';
import { AnalysisSession, type FrameObserver, toolVersion } from '../../analyze.js';
import { CAPTURE_ERROR, CaptureError } from '../../capture/errors.js';
import type { HostName } from '../../capture/names.js';
import { type CaptureSource, readCaptureFile } from '../../capture/reader.js';
import type { RawFrame } from '../../capture/types.js';
import {
  ExplainDigest,
  type ExplainedModel,
  explainModel,
  ForwardLinks,
  StreamExplainer,
} from '../../explain/index.js';
import type { Lang } from '../../explain/text.js';
import type { FieldsWriter } from '../../filter/fields-output.js';
import { type CompiledFilter, FrameViews } from '../../filter/index.js';
import { captureOptions, type Limits, resolveLimits } from '../../limits.js';
import { frameFilter, type Selection, select } from '../../report/common.js';
import { JsonStreamWriter } from '../../report/json.js';
import {
  type EndpointRow,
  explainedFrameRow,
  filterLine,
  framesHeading,
  type NoteSummary,
  renderTextReport,
  type TextStyle,
} from '../../report/text.js';
import { FRAMES_SEMI_SPACE, HEAP_GROWTH, heapGrowth, SUMMARY_SEMI_SPACE, YoungCap } from '../heap.js';
import type { Sink } from '../io.js';

export interface StreamedFramesOptions {
  file: string;
  /** text: the report (with the frame list when `frames`); json: the model; fields: tshark -T fields lines. */
  format: 'text' | 'json' | 'fields';
  /** text: list the frames (default); false: the report, then how many frames the filter matched. */
  frames?: boolean;
  /** -Y: only frames this display filter matches are written (and counted). */
  filter?: CompiledFilter;
  /** format 'fields': the line writer. */
  fields?: FieldsWriter;
  lang: Lang;
  style: TextStyle;
  selection: Selection;
  /** Text: every conversation on its own (no groups of alike ones). */
  allConversations?: boolean;
  /** Waits while the output cannot take more (frames written to standard output). */
  pace?: () => Promise<void> | undefined;
  /** Resource limits (AnalyzeOptions.limits) for both passes. */
  limits?: Partial<Limits>;
  /** Told each frame record of pass 2 after it was written (tests: nothing else holds it). */
  onWritten?: (f: FrameRecord) => void;
  /** Names of hosts (--names FILE), before the capture's own. */
  names?: readonly HostName[];
  /** Sees pass 1's frames (`-z` statistics). */
  observer?: FrameObserver;
  /** The text report's endpoints table, asked for after pass 1 (the observer tallied it). */
  endpoints?: () => readonly EndpointRow[];
  /** Told pass 1's explained model (story, overview, conversations; no frames) before pass 2 starts. */
  onSummary?: (model: ExplainedModel) => void;
  /** Told each frame of pass 2 as read, right after its record went to onWritten (annotate). */
  onRaw?: (raw: RawFrame) => void;
}

export interface StreamedFramesResult {
  model: AnalysisModel;
  /** Conversation contexts the explainer held at most while frames streamed. */
  maxHeld: number;
  /** Frame records pass 2's session kept (none: every record is written and let go). */
  kept: number;
  /** Frames pass 2 followed: all, or up to the last frame the selection can hold (it stops there). */
  followed: number;
  /** Frames written: the selected ones (all without a selection). */
  written: number;
  /** Links pass 1 kept (frames carrying a piece of a later message), and links left unread at the end (0). */
  links: { kept: number; dropped: number; unread: number };
}

const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

/** A temporary copy of an unseekable input, removed by remove() (also on exit and on signals). */
export class Spool {
  readonly dir: string;
  readonly path: string;
  private fd: number | undefined;
  private removed = false;
  private readonly onSignal = (sig: NodeJS.Signals): void => {
    this.remove();
    process.kill(process.pid, sig);
  };
  private readonly onExit = (): void => this.remove();

  constructor() {
    this.dir = mkdtempSync(join(tmpdir(), 'pcap-explain-'));
    this.path = join(this.dir, 'input');
    this.fd = openSync(this.path, 'w', 0o600);
    for (const s of SIGNALS) process.once(s, this.onSignal);
    process.once('exit', this.onExit);
  }

  /** The input's chunks as they are read, each written to the spool file first. */
  async *copy(source: AsyncIterable<Uint8Array | string>, name: string): AsyncGenerator<Uint8Array> {
    try {
      for await (const chunk of source) {
        const b = typeof chunk === 'string' ? Buffer.from(chunk, 'latin1') : chunk;
        let o = 0;
        while (o < b.length) o += writeSync(this.fd!, b, o, b.length - o);
        yield b;
      }
    } catch (e) {
      if (e instanceof CaptureError) throw e;
      const why = e instanceof Error ? e.message : String(e);
      throw new CaptureError(CAPTURE_ERROR.UNREADABLE, `cannot read ${name}: ${why}`, undefined, { cause: e });
    } finally {
      this.close();
    }
  }

  close(): void {
    if (this.fd !== undefined) closeSync(this.fd);
    this.fd = undefined;
  }

  remove(): void {
    if (this.removed) return;
    this.removed = true;
    this.close();
    rmSync(this.dir, { recursive: true, force: true });
    for (const s of SIGNALS) process.removeListener(s, this.onSignal);
    process.removeListener('exit', this.onExit);
  }
}

/** Whether the input can be read twice; '-', pipes, sockets and devices (/dev/stdin) cannot. */
export function rereadable(file: string): boolean {
  if (file === '-') return false;
  try {
    const st = statSync(file);
    return !(st.isFIFO() || st.isCharacterDevice() || st.isSocket());
  } catch {
    return true; // let pass 1 report why it cannot be read
  }
}

/**
 * Pass 1: the explained model without frames, as the explained text summary makes it (the ExplainDigest
 * gives the story and overview the frames they need).
 */
async function summaryPass(
  source: CaptureSource,
  name: string,
  lang: Lang,
  limits: Partial<Limits> | undefined,
  young: YoungCap,
  names?: readonly HostName[],
  observer?: FrameObserver,
): Promise<{ model: ExplainedModel; protocols: Map<string, number>; notes: NoteSummary; links: ForwardLinks }> {
  const digest = new ExplainDigest();
  const links = new ForwardLinks(resolveLimits(limits).explainLinks);
  const session = new AnalysisSession({
    lang,
    keepFrames: false,
    explain: false,
    onFrame: (f) => digest.push(f),
    wantFrame: (n, d, a, app, copyOf) => {
      const acked = a?.tcp?.acks_frame;
      if (acked !== undefined) links.ack(acked, n);
      return digest.want(n, d, a, app, copyOf);
    },
    // bounded records; what pass 2 cannot know when it explains a frame is kept as links
    summary: true,
    tapMessages: true,
    ...(limits ? { limits } : {}),
    ...(names ? { names } : {}),
    ...(observer ? { observer } : {}),
  });
  const res = await readCaptureFile(
    source,
    (f) => {
      young.tick();
      session.push(f);
      links.add(session.takeMessages());
    },
    captureOptions(session.limits),
  );
  const model = session.finish(name, res.header, res.warnings, res.damaged);
  links.add(session.takeMessages());
  links.done();
  model.frames = digest.frames;
  explainModel(model, lang, { frames: false });
  model.frames = [];
  return {
    model: model as ExplainedModel,
    protocols: session.protocolCounts,
    notes: session.noteSummary,
    links,
  };
}

const NO_MESSAGES: readonly AppMessageRecord[] = [];

/** The messages a frame completed, from what pass 2 tapped while it handled the frame. */
function frameMessages(tapped: readonly TappedMessage[], n: number): readonly AppMessageRecord[] {
  if (tapped.length === 0) return NO_MESSAGES;
  const out: AppMessageRecord[] = [];
  for (const t of tapped) if (t.at === n) out.push(t.rec);
  return out;
}

/** Whether `analyze` with these arguments writes explained frames here, in two passes. */
export function streamsExplainedFrames<T extends { explain?: boolean; format: string; frames?: boolean }>(
  args: T,
): args is T & { format: 'text' | 'json' } {
  return args.explain !== false && (args.format === 'json' || (args.format === 'text' && args.frames === true));
}

/**
 * The young-generation cap (semi-space MiB) of `analyze` with these arguments, undefined for V8's own: the
 * explained frame list's and the explained text summary's (heap.ts). The main thread applies it with a
 * YoungCap, a worker thread (several files) is made with it (youngLimits).
 */
export function youngSemiSpace<T extends { explain?: boolean; format: string; frames?: boolean }>(
  args: T,
): number | undefined {
  if (streamsExplainedFrames(args)) return FRAMES_SEMI_SPACE;
  return args.explain !== false && args.format === 'text' && !args.frames ? SUMMARY_SEMI_SPACE : undefined;
}

/** The last frame a selection can hold (Infinity when it reaches the end of the capture). */
function lastWanted(sel: Selection, convById: ReadonlyMap<number, ConversationRecord>): number {
  let last = sel.range ? sel.range[1] : Number.POSITIVE_INFINITY;
  if (sel.conversation !== undefined) last = Math.min(last, convById.get(sel.conversation)?.last ?? 0);
  return last;
}

/** Writes the explained report with every (selected) frame, streaming; throws CaptureError from pass 1. */
export async function streamExplainedFrames(sink: Sink, o: StreamedFramesOptions): Promise<StreamedFramesResult> {
  // Both passes make garbage fast and keep little: a young generation of 2 × 8 MiB instead of V8's
  // 2 × 16 takes 20 MiB off the peak and ran 15% faster (300k frames, 3 runs each; see heap.ts).
  const young = new YoungCap(FRAMES_SEMI_SPACE);
  heapGrowth(HEAP_GROWTH.summary); // pass 1 is the summary
  const spool = rereadable(o.file) ? undefined : new Spool();
  try {
    const name = o.file === '-' ? '(stdin)' : o.file;
    const first: CaptureSource = !spool
      ? o.file
      : o.file === '-'
        ? spool.copy(process.stdin, 'standard input')
        : spool.copy(createReadStream(o.file, { highWaterMark: 1 << 20 }), o.file);
    // Only the tallies of pass 1's session are needed from here on (its tables go before pass 2).
    const {
      model: whole,
      protocols,
      notes,
      links,
    } = await summaryPass(first, name, o.lang, o.limits, young, o.names, o.observer);
    o.onSummary?.(whole);
    const sel = o.selection;
    const m = select(whole, sel);
    const selected = m !== whole;
    const convById = new Map<number, ConversationRecord>(whole.conversations.map((c) => [c.id, c]));
    const wanted = selected ? frameFilter(sel, convById) : undefined;
    const last = lastWanted(sel, convById);
    const hostNames = whole.capture.names?.length
      ? new Map(whole.capture.names.map((h) => [h.address, h.name]))
      : undefined;
    const explainer = new StreamExplainer(whole.conversations, o.lang, links, hostNames);
    const filter = o.filter;
    const views = filter || o.fields ? new FrameViews(convById) : undefined;
    let matched = 0;
    // -T fields prints no explanation unless a field is one (frames are then only followed)
    const fieldsOnly = o.format === 'fields' && !o.fields?.needsExplain;
    const linksKept = links.pending;
    let maxHeld = 0;
    let write: (f: FrameRecord) => void;
    let end: () => void;
    const filtered = (): ExplainedModel =>
      filter ? { ...m, display_filter: { filter: filter.expression, matched } } : m;
    if (o.format === 'fields') {
      const fields = o.fields!;
      sink.write(fields.header());
      write = () => sink.write(fields.line(view!));
      end = () => {};
    } else if (o.format === 'json') {
      const json = new JsonStreamWriter(sink, 'pcap-explain/1', { name: 'pcap-explain', version: toolVersion() }, true);
      write = (f) => json.frame(f);
      end = () => json.end(filtered());
    } else if (o.frames === false) {
      // the summary with a display filter: the report, then how many frames matched
      sink.write(renderTextReport(m, o.style, { protocols, notes }));
      write = () => {};
      end = () => sink.write(`\n${filterLine(filtered(), whole.capture.frames)}\n`);
    } else if (!selected) {
      // The report without its frame list, then the frame list as frames come. The records' message
      // lists are not read after the report (the explainer reads roles and pattern now): let them go.
      sink.write(
        renderTextReport(m, o.style, {
          protocols,
          notes,
          allConversations: o.allConversations ?? false,
          ...(o.endpoints ? { endpoints: o.endpoints() } : {}),
        }),
      );
      explainer.prepare();
      for (const c of whole.conversations) {
        delete c.messages;
        delete c.message_stats;
      }
      if (whole.capture.frames > 0) sink.write(`\n${framesHeading(m, o.style)}\n`);
      write = (f) => sink.write(`${explainedFrameRow(f, o.style.width)}\n`);
      end = () => {
        if (filter) sink.write(`\n${filterLine(filtered(), whole.capture.frames)}\n`);
      };
    } else {
      // A selection's report counts protocols and notes of the selected frames, printed before them: the
      // selected frames are kept (as many as the selection holds), then rendered as before.
      const kept: FrameRecord[] = [];
      write = (f) => void kept.push(f);
      end = () => {
        m.frames = kept;
        sink.write(
          renderTextReport(m, o.style, {
            frames: true,
            allConversations: o.allConversations ?? false,
            ...(kept.length ? {} : { protocols, notes }),
          }),
        );
        if (filter) sink.write(`\n${filterLine(filtered(), whole.capture.frames)}\n`);
      };
    }
    heapGrowth(HEAP_GROWTH.frames); // pass 2 keeps pass 1's records and links live
    let past = false;
    let followed = 0;
    let written = 0;
    let view: ReturnType<FrameViews['next']> | undefined;
    const pass2 = new AnalysisSession({
      lang: o.lang,
      keepFrames: false,
      explain: false,
      // pass 2's own conversation records are never read: each message is read once, as it is tapped,
      // and none is listed or aggregated
      summary: true,
      tapMessages: 'only',
      ...(o.limits ? { limits: o.limits } : {}),
      onFrame: (f) => {
        young.tick();
        // frames a selection leaves out are followed, not explained: later frames' explanations count them
        followed++;
        const tapped = pass2.takeMessages();
        if (views) view = views.next(f, frameMessages(tapped, f.n));
        let want = !wanted || wanted(f);
        if (want && filter && !filter.needsExplain) want = filter.test(view!);
        // a filter on the explanation reads it: every frame the selection holds is explained first
        explainer.explain(f, tapped, !want || (fieldsOnly && !filter?.needsExplain));
        if (want && filter?.needsExplain) want = filter.test(view!);
        if (want) matched++;
        if (explainer.held > maxHeld) maxHeld = explainer.held;
        if (want) {
          written++;
          write(f);
          o.onWritten?.(f);
        }
        if (f.n >= last) past = true;
      },
    });
    const opts = captureOptions(pass2.limits);
    await readCaptureFile(
      spool ? spool.path : o.file,
      // nothing selected lies beyond `last`: stop reading there
      (f) => {
        if (sink.broken || past) return false;
        pass2.push(f);
        o.onRaw?.(f);
      },
      o.pace ? { ...opts, pace: o.pace } : opts,
    );
    const result = {
      model: whole,
      maxHeld,
      kept: pass2.frames.length,
      followed,
      written,
      links: { kept: linksKept, dropped: links.dropped, unread: links.pending },
    };
    if (sink.broken) return result;
    end();
    return result;
  } finally {
    spool?.remove();
  }
}
