/**
 * The one forward pass: capture → dissectors → analysis → explanation text, producing the JSON model.
 * Frames are handed to a sink as they are finished; the full model keeps them only when asked to
 * (the library default), so a summary over millions of frames does not grow with the frame count.
 */
import { readFileSync } from 'node:fs';
import { ConversationTable } from './analysis/conversations.js';
import {
  type AnalysisModel,
  type CaptureRecord,
  type ConversationRecord,
  type FrameRecord,
  type NoteRecord,
  SCHEMA_ID,
} from './analysis/model.js';
import { buildFrameRecord } from './analysis/records.js';
import { isoTime, secondsBetween } from './analysis/time.js';
import { readCaptureBytes, readCaptureFile } from './capture/reader.js';
import type { CaptureHeaderInfo, CaptureWarning, RawFrame } from './capture/types.js';
import { dissectFrame } from './dissectors/frame.js';
import type { Note } from './dissectors/types.js';
import { infoLine } from './explain/info.js';
import { type Lang, text } from './explain/text.js';

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

function noteRecord(n: Note, lang: Lang): NoteRecord {
  const r: NoteRecord = { code: n.code, severity: n.severity, text: text(n.code, n.params, lang) };
  if (n.params) r.params = n.params;
  return r;
}

/** Stateful consumer of raw frames; one per capture. */
export class AnalysisSession {
  private readonly lang: Lang;
  private readonly keep: boolean;
  private readonly sink: ((f: FrameRecord) => void) | undefined;
  private readonly table = new ConversationTable();
  readonly frames: FrameRecord[] = [];
  private count = 0;
  private bytes = 0;
  private firstSec = 0;
  private firstNsec = 0;
  private lastSec = 0;
  private lastNsec = 0;
  private firstTs: string | null = null;
  private lastTs: string | null = null;
  private lastDigits = 6;
  private readonly linktypes = new Set<number>();

  constructor(opts: AnalyzeOptions = {}) {
    this.lang = opts.lang ?? 'en';
    this.keep = opts.keepFrames ?? true;
    this.sink = opts.onFrame;
  }

  push(raw: RawFrame): void {
    this.count++;
    this.bytes += raw.len;
    this.linktypes.add(raw.linktype);
    if (this.count === 1) {
      this.firstSec = raw.tsSec;
      this.firstNsec = raw.tsNsec;
    }
    this.lastSec = raw.tsSec;
    this.lastNsec = raw.tsNsec;
    this.lastDigits = raw.tsDigits;
    const ts = isoTime(raw.tsSec, raw.tsNsec, raw.tsDigits);
    if (this.firstTs === null) this.firstTs = ts;
    this.lastTs = ts;

    const d = dissectFrame(raw.data, raw.linktype);
    if (raw.caplen < raw.len && d.truncated) d.notes.push({ code: 'frame.truncated', severity: 'warn' });
    const a = this.table.onFrame({
      n: raw.n,
      t: raw.tsSec + raw.tsNsec / 1e9,
      d,
      data: raw.data,
    });
    if (!this.keep && !this.sink) return;
    const rec = buildFrameRecord(
      {
        n: raw.n,
        ts,
        rel: secondsBetween(this.firstSec, this.firstNsec, raw.tsSec, raw.tsNsec),
        caplen: raw.caplen,
        len: raw.len,
      },
      d,
      a?.tcp,
    );
    if (a?.conversation !== undefined) rec.conversation = a.conversation;
    rec.summary = infoLine(rec);
    for (const n of d.notes) rec.notes.push(noteRecord(n, this.lang));
    if (a?.notes) for (const n of a.notes) rec.notes.push(noteRecord(n, this.lang));
    if (this.keep) this.frames.push(rec);
    this.sink?.(rec);
  }

  finish(
    file: string,
    header: CaptureHeaderInfo | undefined,
    warnings: readonly CaptureWarning[],
    damaged: boolean,
  ): AnalysisModel {
    const conversations: ConversationRecord[] = this.table.finish();
    for (const c of conversations) {
      c.notes = (c.notes ?? []).map((n) => ({ ...n, text: text(n.code, n.params, this.lang) }));
    }
    const capture: CaptureRecord = {
      file,
      format: header?.format ?? null,
      compressed: header?.compressed ?? false,
      byte_order: header?.byteOrder ?? null,
      linktypes: [...(header ? new Set(header.interfaces.map((i) => i.linktype)) : this.linktypes)],
      frames: this.count,
      start: this.firstTs,
      end: this.lastTs,
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
    void this.lastDigits;
    return {
      schema: SCHEMA_ID,
      tool: { name: 'pcap-explain', version: VERSION },
      capture,
      frames: this.frames,
      conversations,
    };
  }
}

/** Analyse a capture file ('-' for standard input; gzip detected by content). */
export async function analyzeFile(path: string, options: AnalyzeOptions = {}): Promise<AnalysisModel> {
  const session = new AnalysisSession(options);
  const res = await readCaptureFile(path, (f) => session.push(f));
  return session.finish(options.fileName ?? path, res.header, res.warnings, res.damaged);
}

/** Analyse an in-memory capture (pcap, pcapng, or either gzip-compressed). */
export function analyzeBytes(bytes: Uint8Array, options: AnalyzeOptions = {}): AnalysisModel {
  const session = new AnalysisSession(options);
  const res = readCaptureBytes(bytes, (f) => session.push(f));
  return session.finish(options.fileName ?? '(bytes)', res.header, res.warnings, res.damaged);
}
