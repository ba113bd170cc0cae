/**
 * The one forward pass: capture → dissectors → analysis → explanation text, producing the JSON model.
 * Frames are handed to a sink as they are finished; the full model keeps them only when asked to
 * (the library default), so a summary over millions of frames does not grow with the frame count.
 */

import { readFileSync } from 'node:fs';
import { type AppFrameOutput, AppLayer, type TappedMessage } from './analysis/app/index.js';
import {
  type ConversationInfo,
  ConversationTable,
  type FrameAnalysis,
  type FrameInput,
  type StreamFactory,
} from './analysis/conversations.js';
import { type CopyStream, InterfaceCopies } from './analysis/copies.js';
import {
  type AnalysisModel,
  type AppProto,
  type CaptureRecord,
  type ConversationRecord,
  type FrameRecord,
  type NoteRecord,
  SCHEMA_ID,
} from './analysis/model.js';
import type { StreamSink } from './analysis/reassembly.js';
import { buildFrameRecord } from './analysis/records.js';
import { isoTime, secondsBetween } from './analysis/time.js';
import { type HostName, mergeNames } from './capture/names.js';
import { readCaptureBytes, readCaptureFile } from './capture/reader.js';
import type { CaptureHeaderInfo, CaptureWarning, RawFrame } from './capture/types.js';
import { dissectFrame } from './dissectors/frame.js';
import type { Dissection, Note } from './dissectors/types.js';
import { explainModel } from './explain/index.js';
import { infoLine } from './explain/info.js';
import { rawRecord } from './explain/raw.js';
import { type Lang, text } from './explain/text.js';
import type { RawRecord } from './explain/types.js';
import { appOptions, captureOptions, type Limits, resolveLimits, tableOptions } from './limits.js';
import { SESSION_PROTOCOLS } from './protocols/registry.js';

export { CaptureError } from './capture/reader.js';

export interface AnalyzeOptions {
  /** Language of explanations and note texts (default 'en'). */
  lang?: Lang;
  /** Keep every frame record in model.frames (default true). */
  keepFrames?: boolean;
  /** Called with each finished frame record, in order (streaming output). */
  onFrame?: (frame: FrameRecord) => void;
  /** Name to show as capture.file (defaults to the path). */
  fileName?: string;
  /** Explanation step (issue 5): add frames[].explain, story and overview at finish() (default: keepFrames). */
  explain?: boolean;
  /** Keep each frame's bytes (base64) and layer offsets in frames[].raw, for the HTML hexdump (default false). */
  keepRaw?: boolean;
  /** Resource limits (docs/limits.md); each absent one keeps its default. Bad values throw LimitError. */
  limits?: Partial<Limits>;
  /**
   * With keepFrames false: asked for every frame before its record is built, from what the session already
   * has; false skips the record and onFrame (the text summary's ExplainDigest.want, issue 8).
   */
  wantFrame?: (
    n: number,
    d: Dissection,
    a: FrameAnalysis | undefined,
    app: AppFrameOutput | undefined,
    /** The frame this one repeats on another interface (FrameRecord.copy_of). */
    copyOf?: number,
  ) => boolean;
  /**
   * Given each conversation the table retires (its record final, with its application fields): true folds
   * it into a summary the caller keeps (the streaming text summary's groups), and the session lets the
   * record go — finish() does not return it. Memory then follows the conversations open at once.
   */
  fold?: (rec: ConversationRecord) => boolean;
  /**
   * Summary mode of the application layer: a bounded number of messages listed per conversation, the rest
   * in running aggregates (`message_stats`), so memory does not grow with the messages. Default: when frames
   * are not kept and either none are streamed or only a digest's (wantFrame) are.
   */
  summary?: boolean;
  /**
   * Hand every application message to takeMessages() as it is listed (in summary mode: each one, whether
   * or not the conversation record keeps it). For a consumer that reads messages while frames stream.
   * 'only' (summary mode): conversation records then list no message and aggregate none.
   */
  tapMessages?: boolean | 'only';
  /**
   * Called with the expert notes of each frame as it is analysed (dissection, TCP analysis, application
   * layer), with the frame's conversation id, whether or not frame records are built (the dataset logs,
   * issue 23). Conversation notes are on the records finish() returns.
   */
  onNotes?: (frame: number, notes: readonly Note[], conversation: number | undefined) => void;
  /** Names of hosts (analyze --names FILE); they come before the capture's own (pcapng NRB). */
  names?: readonly HostName[];
  /**
   * Sees every frame of the one pass (tshark's `-z` statistics, src/stats/): what the session already
   * decided, before any record is built, so it costs nothing when absent.
   */
  observer?: FrameObserver;
}

/**
 * A consumer of the session's pass that needs no frame record: counters per conversation, per endpoint,
 * per interval (tshark's taps). Arguments are valid during the call only (the analysis may reuse them).
 */
export interface FrameObserver {
  /** Every frame, after dissection, conversation analysis and the application layer. */
  frame(
    raw: RawFrame,
    d: Dissection,
    a: FrameAnalysis | undefined,
    app: AppProto | undefined,
    copyOf?: CopyStream,
    /** How many messages of `app` the frame completed (at least 1 when `app` is set). */
    appCount?: number,
  ): void;
  /** Optional: sinks that also receive a new TCP conversation's reassembled bytes (follow a stream). */
  streams?: StreamFactory;
}

type Sinks = { c2s?: StreamSink; s2c?: StreamSink } | undefined;

/** One sink feeding two: the application layer's and a tap (follow), each told what it asks for. */
function tee(main: StreamSink | undefined, tap: StreamSink | undefined): StreamSink | undefined {
  if (!main || !tap) return main ?? tap;
  const both: StreamSink = {
    data: (b, o, f) => {
      main.data(b, o, f);
      tap.data(b, o, f);
    },
    gap: (o, l, f) => {
      main.gap(o, l, f);
      tap.gap(o, l, f);
    },
    end: (r, f) => {
      main.end(r, f);
      tap.end(r, f);
    },
  };
  if (main.ahead || tap.ahead) {
    both.ahead = (b, o, f) => {
      main.ahead?.(b, o, f);
      tap.ahead?.(b, o, f);
    };
  }
  return both;
}

/** The application layer's stream factory with an observer's taps beside it. */
function teeFactory(app: StreamFactory, tap: StreamFactory): StreamFactory {
  return (info: ConversationInfo) => {
    const a: Sinks = app(info);
    const t: Sinks = tap(info);
    if (!t) return a;
    const out: { c2s?: StreamSink; s2c?: StreamSink } = {};
    const c2s = tee(a?.c2s, t.c2s);
    const s2c = tee(a?.s2c, t.s2c);
    if (c2s) out.c2s = c2s;
    if (s2c) out.s2c = s2c;
    return out;
  };
}

const VERSION: string = (() => {
  try {
    const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };
    return pkg.version;
  } catch {
    return '0.0.0';
  }
})();

export function toolVersion(): string {
  return VERSION;
}

/** The payload length the (last) UDP header declares, or 0. */
function udpPayloadLength(d: Dissection): number {
  for (let i = d.layers.length - 1; i >= 0; i--) {
    const l = d.layers[i]!;
    if (l.kind === 'udp') return l.length >= 8 ? l.length - 8 : 0;
  }
  return 0;
}

/** The server's port of a UDP datagram (the UDP header the conversation table keys on: the innermost). */
function udpServerPort(d: Dissection, direction: 'c2s' | 's2c'): number | undefined {
  for (let i = d.layers.length - 1; i >= 0; i--) {
    const l = d.layers[i]!;
    if (l.kind === 'udp') return direction === 'c2s' ? l.dstport : l.srcport;
    if (l.kind === 'tcp') return undefined;
  }
  return undefined;
}

function noteRecord(n: Note, lang: Lang): NoteRecord {
  const r: NoteRecord = { code: n.code, severity: n.severity, text: text(n.code, n.params, lang) };
  if (n.params) r.params = n.params;
  return r;
}

/**
 * The conversation table's view of a frame. The ISO time is formatted only when the table reads it (for a
 * new conversation), not for every frame.
 */
class TableInput implements FrameInput {
  n = 0;
  t = 0;
  tsSec = 0;
  tsNsec = 0;
  d!: Dissection;
  data!: Uint8Array;
  private digits = 6;

  /** The session's one input, refilled per frame (the table reads it during onFrame() only). */
  set(raw: RawFrame, d: Dissection): this {
    this.n = raw.n;
    this.t = raw.tsSec + raw.tsNsec / 1e9;
    this.tsSec = raw.tsSec;
    this.tsNsec = raw.tsNsec;
    this.digits = raw.tsDigits;
    this.d = d;
    this.data = raw.data;
    return this;
  }

  get tsIso(): string {
    return isoTime(this.tsSec, this.tsNsec, this.digits);
  }
}

/** Stateful consumer of raw frames; one per capture. */
export class AnalysisSession {
  private readonly lang: Lang;
  private readonly keep: boolean;
  private readonly sink: ((f: FrameRecord) => void) | undefined;
  private readonly want: AnalyzeOptions['wantFrame'];
  private readonly explain: boolean;
  private readonly keepRaw: boolean;
  private readonly onNotes: AnalyzeOptions['onNotes'];
  private readonly names: readonly HostName[] | undefined;
  /** The limits in force (defaults with AnalyzeOptions.limits over them). */
  readonly limits: Limits;
  /** Application layer (issue 4): sessions per conversation, fed by the table's reassembled streams. */
  private readonly app: AppLayer;
  private readonly table: ConversationTable;
  private readonly input = new TableInput();
  private readonly copies = new InterfaceCopies();
  private readonly observer: FrameObserver | undefined;
  readonly frames: FrameRecord[] = [];
  private count = 0;
  private bytes = 0;
  private firstSec = 0;
  private firstNsec = 0;
  private lastSec = 0;
  private lastNsec = 0;
  private firstDigits = 6;
  private lastDigits = 6;
  private readonly linktypes = new Set<number>();
  /** Frames cut by the snapshot length: how many, the first, and the most bytes one of them kept. */
  private cutFrames = 0;
  private cutFirst = 0;
  private cutKept = 0;
  private lastLinktype = -1;
  /** Frames per protocol (the text summary's "Protocols" line), kept so the summary needs no frame records. */
  readonly protocolCounts = new Map<string, number>();
  /** Per note code: how often, the first frame and that note's text (the text summary's "Notes"). */
  readonly noteSummary = new Map<string, { n: number; text: string; first: number }>();

  constructor(opts: AnalyzeOptions = {}) {
    this.lang = opts.lang ?? 'en';
    this.keep = opts.keepFrames ?? true;
    this.sink = opts.onFrame;
    this.want = this.keep ? undefined : opts.wantFrame;
    this.explain = opts.explain ?? this.keep; // issue 5: explanation step
    this.keepRaw = opts.keepRaw ?? false;
    this.onNotes = opts.onNotes;
    this.names = opts.names;
    this.limits = resolveLimits(opts.limits);
    const summary = opts.summary ?? (!this.keep && (this.sink === undefined || this.want !== undefined));
    this.app = new AppLayer(SESSION_PROTOCOLS, {
      ...appOptions(this.limits),
      frames: this.keep || this.sink !== undefined,
      summary,
      // a digest's frames (wantFrame) are read by the story, never printed as frame lines
      previews: this.keep || this.want === undefined,
      tap: opts.tapMessages ?? false,
    });
    this.observer = opts.observer;
    const fold = opts.fold;
    const tap = opts.observer?.streams;
    this.table = new ConversationTable({
      ...tableOptions(this.limits),
      streams: tap ? teeFactory(this.app.factory, tap) : this.app.factory,
      onEvict: fold
        ? (rec) => {
            this.app.evict(rec);
            if (fold(rec)) this.table.forget(rec.id);
          }
        : (rec) => this.app.evict(rec),
      // FrameAnalysis.tcp only for frame records (and wantFrame, which reads it)
      frameDetail: this.keep || this.sink !== undefined,
    });
  }

  push(raw: RawFrame): void {
    this.count++;
    this.bytes += raw.len;
    if (raw.linktype !== this.lastLinktype) {
      this.linktypes.add(raw.linktype);
      this.lastLinktype = raw.linktype;
    }
    if (this.count === 1) {
      this.firstSec = raw.tsSec;
      this.firstNsec = raw.tsNsec;
      this.firstDigits = raw.tsDigits;
    }
    this.lastSec = raw.tsSec;
    this.lastNsec = raw.tsNsec;
    this.lastDigits = raw.tsDigits;

    const d = dissectFrame(raw.data, raw.linktype);
    if (raw.caplen < raw.len && d.truncated) this.cut(raw, d);
    // conversations ended (or idle) long enough are retired first, between frames: what their streams
    // complete then belongs to no frame
    this.app.endFrames();
    this.table.advance(this.input.set(raw, d));
    this.app.begin(raw.n, raw.tsSec, raw.tsNsec);
    // the same packet captured again on another interface (-i any) is no new segment: kept out of the
    // conversations, the TCP analysis and the application layer
    const copy = this.copies.check(raw.n, raw.tsSec, raw.tsNsec, d, raw.data);
    const a = copy ? undefined : this.table.onFrame(this.input.set(raw, d));
    if (!copy) this.copies.remember(a?.tcp, a);
    if (a !== undefined && a.transport === 'udp') {
      // a datagram the snapshot length cut: its length from the UDP header, what was sent
      const sent = raw.caplen < raw.len && d.truncated ? udpPayloadLength(d) : 0;
      if (d.payloadLength > 0 || sent > 0)
        this.app.udp(
          a.conversation,
          a.direction,
          raw.data.subarray(d.payloadOffset, d.payloadOffset + d.payloadLength),
          raw.n,
          Math.max(sent, d.payloadLength),
          udpServerPort(d, a.direction),
        );
    }
    this.tally(raw.n, d, a?.notes);
    const app = this.app.take();
    if (app) this.tallyApp(raw.n, app);
    if (this.onNotes) {
      const conv = a?.conversation;
      if (d.notes.length > 0) this.onNotes(raw.n, d.notes, conv);
      if (a?.notes && a.notes.length > 0) this.onNotes(raw.n, a.notes, conv);
      if (app && app.notes.length > 0) this.onNotes(raw.n, app.notes, conv);
    }
    this.observer?.frame(raw, d, a, app?.proto, copy?.stream, app?.count);
    if (!this.keep && !this.sink) return;
    if (this.want && !this.want(raw.n, d, a, app, copy?.n)) return;
    const rec = buildFrameRecord(
      {
        n: raw.n,
        ts: isoTime(raw.tsSec, raw.tsNsec, raw.tsDigits),
        rel: secondsBetween(this.firstSec, this.firstNsec, raw.tsSec, raw.tsNsec),
        caplen: raw.caplen,
        len: raw.len,
      },
      d,
      a?.tcp ?? copy?.tcp,
    );
    if (a?.conversation !== undefined) rec.conversation = a.conversation;
    if (copy) rec.copy_of = copy.n;
    if (app) {
      if (app.entries.length > 0) rec.app = app.entries;
      if (app.proto) rec.protocols.push(app.proto);
    }
    rec.summary = infoLine(rec);
    for (const n of d.notes) rec.notes.push(noteRecord(n, this.lang));
    if (a?.notes) for (const n of a.notes) rec.notes.push(noteRecord(n, this.lang));
    if (app) for (const n of app.notes) rec.notes.push(noteRecord(n, this.lang));
    if (this.keepRaw) (rec as FrameRecord & { raw?: RawRecord }).raw = rawRecord(raw.data, d); // issue 5: HTML hexdump
    if (this.keep) this.frames.push(rec);
    this.sink?.(rec);
  }

  /**
   * A frame cut by the snapshot length: one note says how much was kept (frame.cap_len of frame.len); it
   * replaces the IP layer's "cut short" notes, which the cut explains. Counted for capture.snaplen.
   */
  private cut(raw: RawFrame, d: Dissection): void {
    const notes = d.notes.filter((n) => n.code !== 'ip.truncated' && n.code !== 'ipv6.truncated');
    notes.push({
      code: 'frame.truncated',
      severity: 'warn',
      params: { caplen: raw.caplen, len: raw.len, missing: raw.len - raw.caplen },
    });
    d.notes = notes;
    if (this.cutFrames === 0) this.cutFirst = raw.n;
    this.cutFrames++;
    if (raw.caplen > this.cutKept) this.cutKept = raw.caplen;
  }

  /** Protocol and note counts, in order of first appearance (as the frame records would list them). */
  private tally(n: number, d: Dissection, analysisNotes: readonly Note[] | undefined): void {
    const counts = this.protocolCounts;
    for (const l of d.layers) {
      if (l.kind === 'unknown') continue;
      counts.set(l.kind, (counts.get(l.kind) ?? 0) + 1);
    }
    if (d.notes.length > 0) this.tallyNotes(n, d.notes);
    if (analysisNotes && analysisNotes.length > 0) this.tallyNotes(n, analysisNotes);
  }

  /** The application protocol a frame completes counts like a layer; its notes like the others. */
  private tallyApp(n: number, app: AppFrameOutput): void {
    if (app.proto) this.protocolCounts.set(app.proto, (this.protocolCounts.get(app.proto) ?? 0) + 1);
    if (app.notes.length > 0) this.tallyNotes(n, app.notes);
  }

  private tallyNotes(frame: number, notes: readonly Note[]): void {
    for (const note of notes) {
      const e = this.noteSummary.get(note.code);
      if (e) e.n++;
      else this.noteSummary.set(note.code, { n: 1, text: text(note.code, note.params, this.lang), first: frame });
    }
  }

  /**
   * The application messages listed since the last call (AnalyzeOptions.tapMessages), in order: within
   * onFrame, those the frame completed; after finish(), those completed when the streams were flushed.
   */
  takeMessages(): TappedMessage[] {
    return this.app.takeTapped();
  }

  /**
   * Bytes of conversation `id` that frames pushed so far carried wait for more: out of order behind a hole,
   * or part of a message not complete (a later frame may complete it, and so tell what they were).
   */
  waiting(id: number): boolean {
    return this.table.outOfOrder(id) || this.app.incomplete(id);
  }

  /**
   * Live capture: the record of conversation `id` as it stands after the frames pushed so far, with its
   * application fields (app, pattern, messages so far), without closing anything (finish() still does).
   */
  conversationSoFar(id: number): ConversationRecord | undefined {
    const rec = this.table.snapshot(id);
    if (!rec) return undefined;
    rec.notes = [...rec.notes];
    this.app.describe(rec);
    return rec;
  }

  finish(
    file: string,
    header: CaptureHeaderInfo | undefined,
    warnings: readonly CaptureWarning[],
    damaged: boolean,
  ): AnalysisModel {
    this.app.endFrames();
    const conversations: ConversationRecord[] = this.table.finish();
    this.app.finish(conversations);
    const texted = new Map<NoteRecord, NoteRecord>(); // a note shared by many records (conversation.evicted) stays shared
    for (const c of conversations) {
      c.notes = (c.notes ?? []).map((n) => {
        let r = texted.get(n);
        if (!r) {
          r = { ...n, text: text(n.code, n.params, this.lang) };
          texted.set(n, r);
        }
        return r;
      });
    }
    const capture: CaptureRecord = {
      file,
      format: header?.format ?? null,
      compressed: header?.compressed ?? false,
      byte_order: header?.byteOrder ?? null,
      linktypes: [...(header ? new Set(header.interfaces.map((i) => i.linktype)) : this.linktypes)],
      frames: this.count,
      start: this.count ? isoTime(this.firstSec, this.firstNsec, this.firstDigits) : null,
      end: this.count ? isoTime(this.lastSec, this.lastNsec, this.lastDigits) : null,
      duration: this.count ? secondsBetween(this.firstSec, this.firstNsec, this.lastSec, this.lastNsec) : 0,
      bytes: this.bytes,
      comments: header?.comments ?? [],
      warnings: warnings.map((w) => {
        const r: { code: string; text: string; offset?: number } = {
          code: w.code,
          text: text(w.code, { offset: w.offset ?? '?', ...w.params }, this.lang),
        };
        if (w.offset !== undefined) r.offset = w.offset;
        return r;
      }),
      damaged,
    };
    if (this.cutFrames > 0) capture.snaplen = { kept: this.cutKept, frames: this.cutFrames, first: this.cutFirst };
    const names = mergeNames(this.names, header?.names);
    if (names.length) capture.names = names;
    const model: AnalysisModel = {
      schema: SCHEMA_ID,
      tool: { name: 'pcap-explain', version: VERSION },
      capture,
      frames: this.frames,
      conversations,
    };
    // issue 5: the explanation step (frames[].explain, story, overview), in the session's language
    return this.explain ? explainModel(model, this.lang) : model;
  }
}

/** Analyse a capture file ('-' for standard input; gzip detected by content). */
export async function analyzeFile(path: string, options: AnalyzeOptions = {}): Promise<AnalysisModel> {
  const session = new AnalysisSession(options);
  const res = await readCaptureFile(path, (f) => session.push(f), captureOptions(session.limits));
  return session.finish(options.fileName ?? path, res.header, res.warnings, res.damaged);
}

/** Analyse an in-memory capture (pcap, pcapng, or either gzip-compressed). */
export function analyzeBytes(bytes: Uint8Array, options: AnalyzeOptions = {}): AnalysisModel {
  const session = new AnalysisSession(options);
  const res = readCaptureBytes(bytes, (f) => session.push(f), captureOptions(session.limits));
  return session.finish(options.fileName ?? '(bytes)', res.header, res.warnings, res.damaged);
}
