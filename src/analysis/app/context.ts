/**
 * State shared by every application session of one capture: the frame being processed (the TCP layer
 * calls the sessions synchronously while the table handles a frame), its time, and what the frame
 * completes at the application layer (collected only when someone renders frames).
 */
import type { PayloadOptions } from '../../dissectors/app/payload.js';
import type { Note } from '../../dissectors/types.js';
import type { AppFrameEntry, AppMessageRecord, AppProto } from '../model.js';
import type { PduStreamOptions } from '../reassembly.js';
import { SUMMARY_HEAD } from './budget.js';
import { SMALL_PAYLOAD } from './payload.js';
import type { SessionProtocols } from './protocol.js';

export const DEFAULT_MAX_MESSAGES = 10_000;

/** The application layer's limits (docs/limits.md); each absent one keeps its module's default. */
export interface AppLimitOptions {
  /** Messages listed per conversation (default 10000); the rest are counted. */
  maxMessages?: number;
  /**
   * Summary mode: messages listed from the start of each conversation (default SUMMARY_HEAD, 100; within
   * maxMessages); the last SUMMARY_TAIL are listed too, the rest go into message_stats.
   */
  summaryMessages?: number;
  /** Largest PDU buffered by the stream framing of a protocol that frames its own PDUs (PduStreamOptions.maxPdu). */
  maxPdu?: number;
  /** Limits of the protocols' sessions by name (ProtocolLimit; absent: the protocol's default). */
  protocolLimits?: ReadonlyMap<string, number>;
  /** Payload decoder limits (pickle size/depth/values, text, hex). */
  payload?: PayloadOptions;
}

/** Each option of `small` no larger than the same option of `opts` (previews never exceed the limits). */
function within(small: PayloadOptions, opts: PayloadOptions): PayloadOptions {
  const out: PayloadOptions = { ...opts, ...small };
  for (const k of Object.keys(opts) as (keyof PayloadOptions)[]) {
    const a = small[k];
    const b = opts[k];
    if (a !== undefined && b !== undefined) out[k] = Math.min(a, b);
  }
  return out;
}

export interface AppFrameOutput {
  /** Entries for FrameRecord.app (empty when frames are not collected; shared, do not mutate). */
  entries: AppFrameEntry[];
  /** Application protocol to append to FrameRecord.protocols (undefined for a segment-only frame). */
  proto: AppProto | undefined;
  /** How many messages of `proto` the frame completed (two pipelined HTTP requests in one segment: 2). */
  count: number;
  notes: Note[];
}

/**
 * A message as it was listed (AppLayerOptions.tap): its conversation, the frame being processed when it was
 * made (0 at the end of the capture, when streams are flushed) and its record. Fields a later frame sets
 * (replied_by, relayed_to) may still change; reply_to, latency and relayed_from are set by the time the
 * frame is finished.
 */
export interface TappedMessage {
  conversation: number;
  at: number;
  rec: AppMessageRecord;
}

const NO_ENTRIES: AppFrameEntry[] = [];
const NO_NOTES: Note[] = [];

export class AppContext {
  /** Frame being processed (0 outside a frame, e.g. while streams are closed at the end). */
  frame = 0;
  /** Its time in seconds since `base` (full precision, > 0). */
  now = 0;
  private base = Number.NaN;
  /** Whether frame entries, previews and frame notes are wanted (someone renders frames). */
  readonly frames: boolean;
  /** Summary mode: bounded message lists and running aggregates (budget.ts); bounded cross-conversation state. */
  readonly summary: boolean;
  /** Payload previews in frame entries (the Info column). */
  readonly previews: boolean;
  readonly maxMessages: number;
  /** Summary mode: messages listed from the start of a conversation (AppLimitOptions.summaryMessages). */
  readonly summaryHead: number;
  /** Stream framing options of the sessions that frame their own PDUs. */
  readonly pdu: PduStreamOptions;
  private readonly protocolLimits: ReadonlyMap<string, number> | undefined;
  /** Payload decoder options for listed messages, and for previews once a conversation's budget is spent. */
  readonly payload: PayloadOptions | undefined;
  readonly smallPayload: PayloadOptions;
  /** Longest text kept whole (PayloadOptions.maxText; the short-text fast path stays within it). */
  readonly maxText: number;
  private entries: AppFrameEntry[] | null = null;
  private proto: AppProto | undefined;
  private count = 0;
  private segmentOf: AppProto | undefined;
  private notes: Note[] | null = null;
  private readonly out: AppFrameOutput = { entries: [], proto: undefined, count: 0, notes: [] };
  /** State a protocol shares between the conversations of one capture (shared()). */
  private readonly sharedState = new Map<string, unknown>();
  /** Messages listed since the last takeTapped() (AppLayerOptions.tap), else null. */
  tapped: TappedMessage[] | null = null;
  /** Messages are only tapped: conversations list none and aggregate none (AppLayerOptions.tap 'only'). */
  tapOnly = false;

  constructor(
    readonly protocols: SessionProtocols,
    frames: boolean,
    limits: AppLimitOptions = {},
    summary = !frames,
    previews = true,
  ) {
    this.frames = frames;
    this.summary = summary;
    this.previews = previews;
    this.maxMessages = limits.maxMessages ?? DEFAULT_MAX_MESSAGES;
    this.summaryHead = Math.min(this.maxMessages, limits.summaryMessages ?? SUMMARY_HEAD);
    this.pdu = { maxPdu: limits.maxPdu };
    this.protocolLimits = limits.protocolLimits;
    this.payload = limits.payload;
    this.smallPayload = limits.payload ? within(SMALL_PAYLOAD, limits.payload) : SMALL_PAYLOAD;
    this.maxText = limits.payload?.maxText ?? Number.POSITIVE_INFINITY;
  }

  /** A protocol's limit by name (ProtocolLimit), undefined when not set (the protocol's default applies). */
  limit(name: string): number | undefined {
    return this.protocolLimits?.get(name);
  }

  /**
   * State a protocol shares between conversations of this capture (a broker endpoint's relay index),
   * made on first use; `key` starts with the protocol's name.
   */
  shared<T>(key: string, make: () => T): T {
    let v = this.sharedState.get(key) as T | undefined;
    if (v === undefined) {
      v = make();
      this.sharedState.set(key, v);
    }
    return v;
  }

  /** A new frame: number and time (RawFrame.tsSec/tsNsec). */
  begin(n: number, tsSec: number, tsNsec: number): void {
    if (Number.isNaN(this.base)) this.base = tsSec - 1;
    this.frame = n;
    this.now = tsSec - this.base + tsNsec / 1e9;
  }

  /** No frame is being processed any more (end of capture: streams are flushed). */
  endFrames(): void {
    this.frame = 0;
    this.entries = null;
    this.notes = null;
    this.proto = undefined;
    this.segmentOf = undefined;
  }

  /** The current frame completes an element of `proto` (always called; cheap). */
  done(proto: AppProto): void {
    if (this.frame === 0) return;
    if (this.proto === undefined) this.proto = proto;
    if (proto === this.proto) this.count++;
  }

  /** What the current frame completes, for the frame list (call only when `frames` is set). */
  emit(e: AppFrameEntry): void {
    if (!this.frames || this.frame === 0) return;
    if (!this.entries) this.entries = [];
    this.entries.push(e);
  }

  /** The current frame carries bytes of an element of `proto` that completes later. */
  segment(proto: AppProto): void {
    if (this.frames && this.frame !== 0) this.segmentOf ??= proto;
  }

  /** A note on the current frame (kept in summary mode too: the summary counts notes). */
  note(code: string, params?: Record<string, string | number>): void {
    if (this.frame === 0) return;
    const n: Note = params
      ? { code, severity: this.protocols.severity(code), params }
      : { code, severity: this.protocols.severity(code) };
    if (this.notes) this.notes.push(n);
    else this.notes = [n];
  }

  /** Notes already carrying a severity (from a dissector). */
  notesFrom(list: readonly Note[]): void {
    if (this.frame === 0 || list.length === 0) return;
    if (!this.notes) this.notes = [];
    for (const n of list) this.notes.push(n);
  }

  /**
   * What the current frame completed; resets for the next frame. Undefined when nothing happened.
   * The object is reused from frame to frame: read it before the next frame.
   */
  take(): AppFrameOutput | undefined {
    if (this.proto === undefined && !this.entries && !this.notes && !this.segmentOf) return undefined;
    const out = this.out;
    out.entries = this.entries ?? (this.segmentOf ? [{ proto: this.segmentOf, kind: 'segment' }] : NO_ENTRIES);
    out.proto = this.proto;
    out.count = this.count;
    this.count = 0;
    out.notes = this.notes ?? NO_NOTES;
    this.entries = null;
    this.notes = null;
    this.proto = undefined;
    this.segmentOf = undefined;
    return out;
  }
}
