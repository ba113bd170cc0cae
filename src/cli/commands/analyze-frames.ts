/**
 * Explained per-frame output (issues 8, 18 and 19): text `--frames`, `-f json`, `-T fields`, Markdown and
 * HTML in one forward pass over the capture, from a file as from standard input, with no temporary copy of
 * it. The session analyses
 * each frame as it is read; the frame record is held in a window (FrameWindow: at most Limits.explainWindow
 * frames) and told when it leaves it, from what the session knows by then (StreamExplainer: the messages
 * later frames completed, the conversation's roles and pattern so far). When the capture ends, the explained
 * summary is made (the ExplainDigest gives the story and overview the frames they need) and the frames still
 * held are told from the finished conversation records: a capture within the window is told exactly as the
 * whole model tells it, and its text report comes before its frame list. A longer capture's frames are
 * written as they leave the window and the report after them (as tshark prints statistics after the
 * packets). Markdown and HTML are made in the same pass: they list the first `report-frames` frames (see
 * docs/limits.md). With a fold (the grouped summary's), conversations are let go as they are retired: their
 * frames are still told from their final records; `-f json` writes the groups they were folded into
 * (report/json.ts: jsonView), not their records.
 */

import type { TappedMessage } from '../../analysis/app/index.js';
import type { AnalysisModel, AppMessageRecord, ConversationRecord, FrameRecord } from '../../analysis/model.js';
import { AnalysisSession, type FrameObserver, toolVersion } from '../../analyze.js';
import type { HostName } from '../../capture/names.js';
import { readCaptureFile } from '../../capture/reader.js';
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
import { captureOptions, type Limits, REPORT_FRAMES, resolveLimits } from '../../limits.js';
import { frameFilter, type ReportListing, type Selection, select, selects } from '../../report/common.js';
import { JsonStreamWriter, jsonView } from '../../report/json.js';
import {
  type EndpointRow,
  explainedFrameRow,
  filterLine,
  framesHeadingIn,
  renderTextReport,
  type TextStyle,
} from '../../report/text.js';
import type { TrafficBins } from '../../report/traffic.js';
import {
  COLLECT_AFTER,
  collectNow,
  FRAMES_SEMI_SPACE,
  HEAP_GROWTH,
  heapGrowth,
  SUMMARY_SEMI_SPACE,
  YoungCap,
} from '../heap.js';
import type { Sink } from '../io.js';

export interface StreamedFramesOptions {
  file: string;
  /**
   * text: the report (with the frame list when `frames`); json: the model; fields: tshark -T fields lines;
   * markdown, html: the report as a document, listing the first `report-frames` frames.
   */
  format: 'text' | 'json' | 'fields' | 'markdown' | 'html';
  /** text: list the frames (default); false: the report, then how many frames the filter matched. */
  frames?: boolean;
  /** -Y: only frames this display filter matches are written (and counted). */
  filter?: CompiledFilter;
  /** format 'fields': the line writer. */
  fields?: FieldsWriter;
  lang: Lang;
  style: TextStyle;
  selection: Selection;
  /** Text, Markdown, HTML: every conversation on its own (no groups of alike ones). */
  allConversations?: boolean;
  /** Waits while the output cannot take more (frames written to standard output). */
  pace?: () => Promise<void> | undefined;
  /** Resource limits (AnalyzeOptions.limits; explainWindow: frames held). */
  limits?: Partial<Limits>;
  /** Told each frame record after it was written (tests: nothing else holds it). */
  onWritten?: (f: FrameRecord) => void;
  /** Names of hosts (--names FILE), before the capture's own. */
  names?: readonly HostName[];
  /** Sees every frame as it is analysed (`-z` statistics). */
  observer?: FrameObserver;
  /** The text report's endpoints table, asked for at the end of the capture (the observer tallied it). */
  endpoints?: () => readonly EndpointRow[];
  /**
   * Told the explained model (story, overview, conversations; no frames) at the end of the capture, before
   * the frames still held are told (all of them when the capture fits in the window).
   */
  onSummary?: (model: ExplainedModel) => void;
  /** Told each raw frame right after its record went to onWritten (annotate; held with its record). */
  onRaw?: (raw: RawFrame) => void;
  /**
   * The grouped summary's fold (issue 19), made with the pass's digest: each conversation the session
   * retires is offered to it, and one it folds is let go — its frames still to be told are told from its
   * record; `-f json` writes its group (`groups`), not its record. Not with a selection.
   */
  fold?: (digest: ExplainDigest) => SummaryFold;
  /** Frames held at least past the window when none waits for a later frame (default SETTLED_LAG; tests). */
  settledLag?: number;
}

/** Conversations folded into the summary's groups as they are retired (StreamedFramesOptions.fold). */
export interface SummaryFold {
  /** A retired conversation's final record: true when it was folded (the session then lets it go). */
  offer(rec: ConversationRecord): boolean;
  /**
   * Puts what was folded on the model, before it is explained (AnalysisModel.folded: the explanation's and
   * the reports'; the JSON gives it as `groups`).
   */
  finish(model: AnalysisModel): void;
}

export interface StreamedFramesResult {
  model: AnalysisModel;
  /** Conversation contexts the explainer held at most while frames streamed. */
  maxHeld: number;
  /** Frame records the session kept (none: every record is written and let go). */
  kept: number;
  /** Frames told (explained or, when a selection leaves them out, only followed): all of them. */
  followed: number;
  /** Frames written: the selected ones (all without a selection). */
  written: number;
  /**
   * Links made from held frames to a message a later frame completed; not kept (explainLinks cap); made
   * after their frame was told (it left the window first); left unread at the end (0).
   */
  links: { kept: number; dropped: number; late: number; unread: number };
}

/** Whether `analyze` with these arguments writes explained frames here, in one streamed pass. */
export function streamsExplainedFrames<T extends { explain?: boolean; format: string; frames?: boolean }>(
  args: T,
): boolean {
  if (args.explain === false) return false;
  return args.format === 'json' || args.format === 'markdown' || args.format === 'html' || !!args.frames;
}

/**
 * The young-generation cap (semi-space MiB) of `analyze` with these arguments, undefined for V8's own: the
 * explained frame list's and the explained text summary's (heap.ts), and the unexplained outputs' (they
 * had V8's 16 MiB: the live capture's first 300k frames, `--frames --no-explain`, 196 → 163 MB peak and no
 * slower, 2 alternating runs). The main thread applies it with a
 * YoungCap, a worker thread (several files) is made with it (youngLimits).
 */
export function youngSemiSpace<T extends { explain?: boolean; format: string; frames?: boolean }>(
  args: T,
): number | undefined {
  if (streamsExplainedFrames(args)) return FRAMES_SEMI_SPACE;
  if (args.explain === false) return FRAMES_SEMI_SPACE;
  return args.format === 'text' && !args.frames ? SUMMARY_SEMI_SPACE : undefined;
}

const NO_MESSAGES: readonly AppMessageRecord[] = [];

const NO_TAPPED: readonly TappedMessage[] = [];

/**
 * A message cut short (the connection ended in it, or bytes were lost: HTTP) belongs to the last frame that
 * carried its bytes, not to the frame that ended it: when that frame is still held, the message goes with
 * it and is told there (as the whole model tells it); `tapped` then names that frame (`at`). Returns
 * whether one was moved (the others stay with the frame analysed, `n`).
 */
function moveBack(tapped: TappedMessage[], n: number, held: FrameWindow): boolean {
  let moved = false;
  for (let i = 0; i < tapped.length; i++) {
    const t = tapped[i]!;
    if (t.at !== n || t.rec.frame >= n) continue;
    const h = held.find(t.rec.frame);
    if (!h) continue;
    const back = { ...t, at: t.rec.frame };
    h.tapped = h.tapped === NO_TAPPED ? [back] : [...h.tapped, back];
    tapped[i] = back;
    moved = true;
  }
  return moved;
}

/** The messages a frame completed, from what the session tapped while it analysed the frame. */
function frameMessages(tapped: readonly TappedMessage[], n: number): readonly AppMessageRecord[] {
  if (tapped.length === 0) return NO_MESSAGES;
  const out: AppMessageRecord[] = [];
  for (const t of tapped) if (t.at === n) out.push(t.rec);
  return out;
}

/**
 * The frames a Markdown or HTML report lists — the first `cap` of those it covers — and what it needs of them
 * besides their records: the messages each completes (its field tree) and the final records of their
 * conversations that the session let go (folded); the traffic chart counts every frame covered.
 */
class ReportFrames {
  readonly frames: FrameRecord[] = [];
  private readonly listed = new Set<number>();
  readonly messages = new Map<number, AppMessageRecord[]>();
  /** Messages completed when a conversation's streams were closed, by a frame not yet told. */
  private readonly pending = new Map<number, AppMessageRecord[]>();
  /** Conversations with listed frames, and the final records of those the session retired. */
  readonly convs = new Set<number>();
  private readonly records = new Map<number, ConversationRecord>();
  /** Frames covered (listed or not). */
  covered = 0;
  /** The last frame told. */
  private told = 0;

  constructor(
    private readonly cap: number,
    readonly traffic: TrafficBins,
  ) {}

  get full(): boolean {
    return this.frames.length >= this.cap;
  }

  /** A frame the report covers, told, with the messages tapped while it was analysed. */
  add(f: FrameRecord, tapped: readonly TappedMessage[]): void {
    this.covered++;
    this.traffic.add(f.rel, f.len);
    if (this.full) return;
    this.frames.push(f);
    this.listed.add(f.n);
    const msgs: AppMessageRecord[] = [];
    for (const t of tapped) if (t.at === f.n) msgs.push(t.rec);
    const end = this.pending.get(f.n);
    if (end) msgs.push(...end);
    if (msgs.length) this.messages.set(f.n, msgs);
    if (f.conversation !== undefined) this.convs.add(f.conversation);
  }

  /** A frame told (listed or not): messages completed later for it are not looked for any more. */
  toldUpTo(n: number): void {
    this.told = n;
    this.pending.delete(n);
  }

  /** Messages the session listed: those completed when streams were closed go to the frame they name. */
  tapped(tapped: readonly TappedMessage[]): void {
    if (this.full) return;
    for (const t of tapped) {
      if (t.at !== 0) continue;
      const n = t.rec.frame;
      const list = n > this.told ? this.pending : this.listed.has(n) ? this.messages : undefined;
      if (!list) continue;
      const a = list.get(n);
      if (a) a.push(t.rec);
      else list.set(n, [t.rec]);
    }
  }

  /** A conversation the session retired: its record is kept while frames of it may be listed. */
  retired(rec: ConversationRecord): void {
    if (this.convs.has(rec.id) || (!this.full && rec.last > this.told)) this.records.set(rec.id, rec);
  }

  /**
   * The conversations of the report's sections, in id order: the kept records (`kept`; when only some frames
   * are listed, those with listed frames) and the retired ones let go with listed frames.
   */
  conversations(kept: readonly ConversationRecord[], paged: boolean): ConversationRecord[] {
    const out = paged ? kept.filter((c) => this.convs.has(c.id)) : [...kept];
    const have = new Set(out.map((c) => c.id));
    for (const [id, c] of this.records) if (this.convs.has(id) && !have.has(id)) out.push(c);
    return out.sort((a, b) => a.id - b.id);
  }
}

/** A held frame: its record, the messages tapped while it was analysed, and (annotate) its raw frame. */
interface Held {
  f: FrameRecord;
  tapped: readonly TappedMessage[];
  raw?: RawFrame;
}

/** The frames held while their explanation may depend on later ones: a queue in a growable ring. */
class FrameWindow {
  private ring: Array<Held | undefined> = new Array(64);
  private start = 0;
  length = 0;

  /** The frame held first (the next one to tell). */
  peekFirst(): Held | undefined {
    return this.length ? this.ring[this.start] : undefined;
  }

  /** The frame held last (the one just analysed). */
  peekLast(): Held | undefined {
    return this.length ? this.ring[(this.start + this.length - 1) % this.ring.length] : undefined;
  }

  push(h: Held): void {
    if (this.length === this.ring.length) {
      const next: Array<Held | undefined> = new Array(this.ring.length * 2);
      for (let i = 0; i < this.length; i++) next[i] = this.ring[(this.start + i) % this.ring.length];
      this.ring = next;
      this.start = 0;
    }
    this.ring[(this.start + this.length++) % this.ring.length] = h;
  }

  /** The held frame numbered `n` (frames are held in order, one per frame analysed), if it is still held. */
  find(n: number): Held | undefined {
    const first = this.peekFirst();
    if (!first) return undefined;
    const i = n - first.f.n;
    if (i < 0 || i >= this.length) return undefined;
    const h = this.ring[(this.start + i) % this.ring.length];
    return h?.f.n === n ? h : undefined;
  }

  shift(): Held | undefined {
    if (this.length === 0) return undefined;
    const h = this.ring[this.start];
    this.ring[this.start] = undefined;
    this.start = (this.start + 1) % this.ring.length;
    this.length--;
    return h;
  }
}

/**
 * Frames held at least once the capture has outgrown the window, while none of them waits for a later frame.
 * A frame is told when it leaves the window, from what the session knows by then. Past the window, a frame
 * whose bytes may still be told better by a later frame (Unsettled) is held up to the window; the others leave
 * after SETTLED_LAG frames, which is enough for the roles and pattern their sentences name. So the frames
 * held are mostly short-lived objects, which V8's young generation collects without copying them to the old
 * one. The live bench capture's first 300k frames, `--frames`, 3 alternating runs: 20.2–21.6 s of processor
 * time and 14.1–15.4 s wall when every frame was held for the whole window of 4096, 17.0–17.3 s and
 * 12.8–13.1 s now; the whole capture's frame list (2.15M frames) and the 300k frames' JSON are the same.
 * With 64 frames the whole capture's list was not the same.
 */
export const SETTLED_LAG = 256;

/**
 * Held frames that carried bytes of their conversation which were waiting for more when the frame was
 * analysed (AnalysisSession.waiting: out of order behind a hole, or part of a message not complete): a later
 * frame may complete the message and give them a link (ForwardLinks). They are settled when their
 * conversation has nothing waiting any more, or is retired; they are forgotten when told.
 */
class Unsettled {
  private readonly frames = new Set<number>();
  /** Per conversation, its unsettled frames in ascending order. */
  private readonly byConv = new Map<number, number[]>();

  has(n: number): boolean {
    return this.frames.has(n);
  }

  /** Conversation `conv` has unsettled frames. */
  holds(conv: number): boolean {
    return this.byConv.has(conv);
  }

  add(conv: number, n: number): void {
    this.frames.add(n);
    const list = this.byConv.get(conv);
    if (list) list.push(n);
    else this.byConv.set(conv, [n]);
  }

  settle(conv: number): void {
    const list = this.byConv.get(conv);
    if (!list) return;
    for (const n of list) this.frames.delete(n);
    this.byConv.delete(conv);
  }

  /** Frame `n` of `conv` is told (frames are told in ascending order: it is its conversation's first). */
  told(conv: number | undefined, n: number): void {
    if (!this.frames.delete(n) || conv === undefined) return;
    const list = this.byConv.get(conv);
    if (list?.[0] === n) list.shift();
    if (list?.length === 0) this.byConv.delete(conv);
  }
}

/** Writes the explained report with every (selected) frame, in one pass; throws CaptureError from reading. */
export async function streamExplainedFrames(sink: Sink, o: StreamedFramesOptions): Promise<StreamedFramesResult> {
  // The pass makes garbage fast and keeps little: a young generation of 2 × 8 MiB (see heap.ts).
  const young = new YoungCap(FRAMES_SEMI_SPACE);
  heapGrowth(HEAP_GROWTH.frames);
  const limits = resolveLimits(o.limits);
  const name = o.file === '-' ? '(stdin)' : o.file;
  const sel = o.selection;
  const selected = selects(sel);
  // sel carries no display filter (that is o.filter): no conversation record is needed to test a frame
  const wanted = selected ? frameFilter(sel) : undefined;
  const filter = o.filter;
  // -T fields prints no explanation unless a field is one (frames are then only followed)
  const fieldsOnly = o.format === 'fields' && !o.fields?.needsExplain;
  const digest = new ExplainDigest();
  const links = new ForwardLinks(limits.explainLinks);
  let session: AnalysisSession | undefined;
  let head = 0;
  const given = o.names?.length ? new Map(o.names.map((h) => [h.address, h.name])) : undefined;
  const explainer = new StreamExplainer(
    { soFar: (id) => session?.conversationSoFar(id), head: () => head },
    o.lang,
    links,
    given,
    2 * limits.explainWindow,
  );
  const views = filter || o.fields ? new FrameViews({ get: (id) => explainer.record(id) }) : undefined;
  const folding = o.fold && !selected ? o.fold(digest) : undefined;
  const held = new FrameWindow();
  const unsettled = new Unsettled();
  const lag = o.settledLag ?? SETTLED_LAG;
  /** The window overflowed: frames are written before the report (which needs the whole capture). */
  let overflowed = false;
  let matched = 0;
  let maxHeld = 0;
  let followed = 0;
  let written = 0;
  let view: ReturnType<FrameViews['next']> | undefined;
  let write: (f: FrameRecord, h: Held) => void = () => {};
  const json =
    o.format === 'json'
      ? new JsonStreamWriter(sink, 'pcap-explain/1', { name: 'pcap-explain', version: toolVersion() }, true)
      : undefined;
  if (o.format === 'fields') {
    const fields = o.fields!;
    sink.write(fields.header());
    write = () => sink.write(fields.line(view!));
  } else if (json) write = (f) => json.frame(f);
  else if (o.frames !== false && !selected) write = (f) => sink.write(`${explainedFrameRow(f, o.style.width)}\n`);
  // Markdown and HTML: their renderer and the traffic chart's counter, loaded when used
  const documentOf = o.format === 'markdown' || o.format === 'html' ? o.format : undefined;
  const render = documentOf
    ? documentOf === 'html'
      ? (await import('../../report/html.js')).htmlParts
      : (await import('../../report/markdown.js')).markdownParts
    : undefined;
  const document = documentOf
    ? new ReportFrames(
        limits.reportFrames ?? REPORT_FRAMES[documentOf],
        new (await import('../../report/traffic.js')).TrafficBins(),
      )
    : undefined;
  if (document) write = (f, h) => document.add(f, h.tapped);
  const kept: FrameRecord[] = [];
  // A selection's text report counts protocols and notes of the selected frames, printed before them: the
  // selected frames are kept (as many as the selection holds), then rendered with the report.
  if (o.format === 'text' && o.frames !== false && selected) write = (f) => void kept.push(f);
  const textFrames = o.format === 'text' && o.frames !== false && !selected;

  const tell = (h: Held): void => {
    const f = h.f;
    unsettled.told(f.conversation, f.n);
    // frames a selection leaves out are followed, not explained: later frames' explanations count them
    followed++;
    if (views) view = views.next(f, frameMessages(h.tapped, f.n));
    let want = !wanted || wanted(f);
    if (want && filter && !filter.needsExplain) want = filter.test(view!);
    // a filter on the explanation reads it: every frame the selection holds is explained first; a frame a
    // document counts past the ones it lists is followed only (fieldsOnly likewise)
    const unread = (fieldsOnly || document?.full === true) && !filter?.needsExplain;
    explainer.explain(f, h.tapped, !want || unread);
    if (want && filter?.needsExplain) want = filter.test(view!);
    if (want) matched++;
    if (explainer.held > maxHeld) maxHeld = explainer.held;
    if (want) {
      written++;
      write(f, h);
      o.onWritten?.(f);
    }
    document?.toldUpTo(f.n);
    if (h.raw) o.onRaw?.(h.raw);
  };

  session = new AnalysisSession({
    lang: o.lang,
    keepFrames: false,
    explain: false,
    // bounded conversation records (the summary's); each message is also handed over as it completes
    summary: true,
    tapMessages: true,
    // the HTML page's hexdumps
    keepRaw: o.format === 'html',
    limits,
    ...(o.names ? { names: o.names } : {}),
    ...(o.observer ? { observer: o.observer } : {}),
    fold: (rec) => {
      unsettled.settle(rec.id);
      explainer.retired(rec);
      document?.retired(rec);
      return folding ? folding.offer(rec) : false;
    },
    onFrame: (f) => {
      // every frame analysed (the first ones are told only once the window is full)
      young.tick();
      head = f.n;
      const tapped = session!.takeMessages();
      const moved = tapped.length > 0 && moveBack(tapped, f.n, held);
      links.add(tapped);
      document?.tapped(tapped);
      digest.push(f);
      // (the messages moved back to an earlier frame are told there)
      const own = moved ? tapped.filter((t) => t.at === f.n) : tapped;
      held.push({ f, tapped: own.length ? own : NO_TAPPED });
      // a frame without payload adds nothing to wait for: the conversation is asked only to settle its marks
      const c = f.conversation;
      if (c !== undefined && f.tcp && (f.tcp.len > 0 || unsettled.holds(c))) {
        if (!session!.waiting(c)) unsettled.settle(c);
        else if (f.tcp.len > 0) unsettled.add(c, f.n);
      }
      if (held.length > limits.explainWindow) {
        if (!overflowed && textFrames) sink.write(`${framesHeadingIn(o.lang, o.style)}\n`);
        overflowed = true;
        tell(held.shift()!);
      }
      // past the window, the frames that wait for nothing leave after SETTLED_LAG frames
      if (overflowed) while (held.length > lag && !unsettled.has(held.peekFirst()!.f.n)) tell(held.shift()!);
    },
  });
  const s = session;
  const opts = captureOptions(s.limits);
  const res = await readCaptureFile(
    o.file,
    (f) => {
      if (sink.broken) return false;
      s.push(f);
      // annotate: the raw frame goes out with its record (a copy: the reader reuses its buffers)
      if (o.onRaw) {
        const last = held.peekLast();
        if (last && last.f.n === f.n) last.raw = { ...f, data: new Uint8Array(f.data) };
        else o.onRaw(f);
      }
    },
    o.pace ? { ...opts, pace: o.pace } : opts,
  );
  if (res.frames >= COLLECT_AFTER) collectNow();
  const model = s.finish(name, res.header, res.warnings, res.damaged);
  const ended = s.takeMessages();
  links.add(ended);
  document?.tapped(ended);
  folding?.finish(model);
  model.frames = digest.frames;
  explainModel(model, o.lang, { frames: false });
  model.frames = [];
  const whole = model as ExplainedModel;
  const protocols = s.protocolCounts;
  const notes = s.noteSummary;
  o.onSummary?.(whole);
  const hostNames = whole.capture.names?.length
    ? new Map(whole.capture.names.map((h) => [h.address, h.name]))
    : undefined;
  explainer.finish(whole.conversations, hostNames);
  const m = select(whole, sel);
  const filtered = (): ExplainedModel =>
    filter ? { ...m, display_filter: { filter: filter.expression, matched } } : m;
  const report = (): string =>
    renderTextReport(m, o.style, {
      protocols,
      notes,
      allConversations: o.allConversations ?? false,
      ...(o.endpoints ? { endpoints: o.endpoints() } : {}),
    });
  if (textFrames && !overflowed && !sink.broken) {
    // The report, then the frame list. The records' message lists are not read after the report (the
    // explainer reads roles and pattern now): let them go.
    sink.write(report());
    explainer.prepare();
    for (const c of whole.conversations) {
      delete c.messages;
      delete c.message_stats;
    }
    if (whole.capture.frames > 0) sink.write(`\n${framesHeadingIn(o.lang, o.style)}\n`);
  }
  for (let h = held.shift(); h && !sink.broken; h = held.shift()) tell(h);
  const result: StreamedFramesResult = {
    model: whole,
    maxHeld,
    kept: s.frames.length,
    followed,
    written,
    links: { kept: links.made, dropped: links.dropped, late: links.late, unread: links.pending },
  };
  if (sink.broken) return result;
  if (json) {
    // the rest of the model as the output takes it (its conversations can be many megabytes)
    for (const part of json.ending(jsonView(filtered()))) {
      if (sink.broken) break;
      sink.write(part);
      const drained = sink.drained?.();
      if (drained) await drained;
    }
  } else if (document) {
    const doc: ExplainedModel = { ...filtered(), frames: document.frames };
    const listing: ReportListing = {
      conversations: document.conversations(m.conversations, document.covered > document.frames.length),
      messages: document.messages,
      ...(document.covered > document.frames.length
        ? {
            page: {
              listed: document.frames.length,
              of: document.covered,
              selected: selected || filter !== undefined,
              end: Math.min(whole.capture.frames, sel.range?.[1] ?? Number.POSITIVE_INFINITY),
              traffic: document.traffic,
            },
          }
        : {}),
    };
    // written part by part as the output takes it (the page of a large capture is megabytes)
    for (const part of render!(doc, listing, { allConversations: o.allConversations ?? false })) {
      if (sink.broken) break;
      sink.write(part);
      const drained = sink.drained?.();
      if (drained) await drained;
    }
  } else if (o.format === 'text' && o.frames === false) {
    // the summary with a display filter: the report, then how many frames matched
    sink.write(renderTextReport(m, o.style, { protocols, notes }));
    sink.write(`\n${filterLine(filtered(), whole.capture.frames)}\n`);
  } else if (textFrames) {
    if (overflowed) sink.write(`\n${report()}`);
    if (filter) sink.write(`\n${filterLine(filtered(), whole.capture.frames)}\n`);
  } else if (o.format === 'text') {
    m.frames = kept;
    sink.write(
      renderTextReport(m, o.style, {
        frames: true,
        allConversations: o.allConversations ?? false,
        ...(kept.length ? {} : { protocols, notes }),
      }),
    );
    if (filter) sink.write(`\n${filterLine(filtered(), whole.capture.frames)}\n`);
  }
  return result;
}
