/**
 * Resource limits (docs/limits.md) as one flat, user-facing object: camelCase names in the library
 * (AnalyzeOptions.limits), the same names in kebab-case on the command line (--limit NAME=VALUE).
 * Each limit is mapped here to the option of the layer that enforces it; no lower layer imports this.
 */

import { SUMMARY_HEAD } from './analysis/app/budget.js';
import type { AppLayerOptions } from './analysis/app/index.js';
import { DEFAULT_MAX_MESSAGES } from './analysis/app/index.js';
import type { ConversationTableOptions } from './analysis/conversations.js';
import { DEFAULT_REASSEMBLY_CAP, DEFAULT_REASSEMBLY_MAX_SEGMENTS } from './analysis/reassembly.js';
import {
  type CaptureReaderOptions,
  DEFAULT_MAX_GUNZIP_BYTES,
  DEFAULT_MAX_WARNINGS_PER_CODE,
} from './capture/reader.js';
import { PAYLOAD_DEFAULTS } from './dissectors/app/payload.js';
import { DEFAULT_EXPLAIN_LINKS, DEFAULT_EXPLAIN_WINDOW } from './explain/stream.js';
import { PROTOCOL_LIMITS, type ProtocolLimitName } from './protocols/registry.js';

/** The limits of the layers below the protocols and of the outputs. */
interface LayerLimits {
  /** Out-of-order bytes buffered per TCP direction (ConversationTableOptions.reassemblyCap). */
  reassemblyBytes: number;
  /** Out-of-order segments buffered per TCP direction (ConversationTableOptions.maxSegments). */
  reassemblySegments: number;
  /**
   * Open conversations kept (ConversationTableOptions.maxConversations). Undefined: the conversation
   * table's own default.
   */
  conversations?: number;
  /** Messages listed per conversation; the rest are counted (AppLayerOptions.maxMessages). */
  messages: number;
  /**
   * Summary mode (the CLI's text summary, `--frames`, JSON): messages listed from the start of each
   * conversation, within `messages` (AppLayerOptions.summaryMessages); the last 20 are listed too.
   */
  summaryMessages: number;
  /** Largest PDU buffered by the stream framing of a protocol that frames its own PDUs (PduStreamOptions.maxPdu). */
  pduBytes: number;
  /** Largest pickle decoded (PayloadOptions.maxPickle). */
  pickleBytes: number;
  /** Deepest nesting kept in a decoded pickle (PayloadOptions.maxDepth). */
  pickleDepth: number;
  /** Most values kept in a decoded pickle (PayloadOptions.maxNodes). */
  pickleValues: number;
  /** Longest text payload kept, in UTF-16 units (PayloadOptions.maxText). */
  textBytes: number;
  /** Payload bytes shown as hex (PayloadOptions.maxHex). */
  hexBytes: number;
  /** Capture warnings kept per code (CaptureReaderOptions.maxWarningsPerCode). */
  warnings: number;
  /** Bytes an in-memory gzip capture (analyzeBytes) is decompressed to (CaptureReaderOptions.maxGunzipBytes). */
  gunzipBytes: number;
  /**
   * Streamed per-frame explanations (explained `--frames`, `-f json`): links kept at once from a held frame
   * to a message a later frame completes (ForwardLinks).
   */
  explainLinks: number;
  /**
   * Streamed per-frame explanations: frames held while their explanation may depend on later frames (the
   * frame completing their message, the rest of their conversation); a capture within it is told whole.
   */
  explainWindow: number;
  /**
   * Frames a Markdown or HTML report lists (the first of those it covers); the others are counted, and the
   * report says how to list them (`--frames-range`, a narrower selection). Undefined: REPORT_FRAMES of the
   * format.
   */
  reportFrames?: number;
  /** Payload bytes of the stream `-z follow,…` prints (src/stats/follow.ts). */
  followBytes: number;
  /** Rows of a `-z conv,…` or `-z endpoints,…` table (src/stats/conv.ts). */
  statsRows: number;
}

/** Every limit: the layers' and each protocol module's (ProtocolLimit, e.g. the largest PDU it buffers). */
export type Limits = LayerLimits & Record<ProtocolLimitName, number>;

/** Default of the `follow-bytes` limit: the followed stream's bytes kept for `-z follow`. */
export const DEFAULT_FOLLOW_BYTES = 16 * 1024 * 1024;
/**
 * Default of the `report-frames` limit per format: an HTML page of 1,000 frames (their field trees and
 * bytes, ≈ 2.7 KB each on a lab capture) stays within a few megabytes, a page a browser opens at once; a
 * Markdown frame row is ≈ 300 bytes.
 */
export const REPORT_FRAMES = { html: 1000, markdown: 5000 } as const;
/** Default of the `stats-rows` limit: conversations or endpoints one `-z` table lists (≈ 250 bytes each). */
export const DEFAULT_STATS_ROWS = 1_000_000;

export type LimitName = keyof Limits;

/** The defaults, taken from where each limit is defined. */
export const DEFAULT_LIMITS: Readonly<Limits> = Object.freeze({
  reassemblyBytes: DEFAULT_REASSEMBLY_CAP,
  reassemblySegments: DEFAULT_REASSEMBLY_MAX_SEGMENTS,
  messages: DEFAULT_MAX_MESSAGES,
  summaryMessages: SUMMARY_HEAD,
  pduBytes: DEFAULT_REASSEMBLY_CAP,
  ...(Object.fromEntries(PROTOCOL_LIMITS.map((l) => [l.name, l.default])) as Record<ProtocolLimitName, number>),
  pickleBytes: PAYLOAD_DEFAULTS.maxPickle,
  pickleDepth: PAYLOAD_DEFAULTS.maxDepth,
  pickleValues: PAYLOAD_DEFAULTS.maxNodes,
  textBytes: PAYLOAD_DEFAULTS.maxText,
  hexBytes: PAYLOAD_DEFAULTS.maxHex,
  warnings: DEFAULT_MAX_WARNINGS_PER_CODE,
  gunzipBytes: DEFAULT_MAX_GUNZIP_BYTES,
  explainLinks: DEFAULT_EXPLAIN_LINKS,
  explainWindow: DEFAULT_EXPLAIN_WINDOW,
  followBytes: DEFAULT_FOLLOW_BYTES,
  statsRows: DEFAULT_STATS_ROWS,
});

/** Every limit name, in the order of docs/limits.md's "configure" entries and of --help. */
export const LIMIT_NAMES: readonly LimitName[] = [
  'reassemblyBytes',
  'reassemblySegments',
  'conversations',
  'messages',
  'summaryMessages',
  'pduBytes',
  ...PROTOCOL_LIMITS.map((l) => l.name),
  'pickleBytes',
  'pickleDepth',
  'pickleValues',
  'textBytes',
  'hexBytes',
  'warnings',
  'gunzipBytes',
  'explainLinks',
  'explainWindow',
  'reportFrames',
  'followBytes',
  'statsRows',
];

/** A bad limit name or value (the message names the limit). */
export class LimitError extends Error {
  override readonly name = 'LimitError';
}

/** `reassemblyBytes` → `reassembly-bytes`. */
export function kebabName(name: LimitName): string {
  return name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
}

const BY_NAME = new Map<string, LimitName>();
for (const n of LIMIT_NAMES) {
  BY_NAME.set(n.toLowerCase(), n);
  BY_NAME.set(kebabName(n), n);
}

function limitName(raw: string): LimitName {
  const n = BY_NAME.get(raw.trim().toLowerCase());
  if (n === undefined) {
    throw new LimitError(`unknown limit '${raw}' (known: ${LIMIT_NAMES.map(kebabName).join(', ')})`);
  }
  return n;
}

function checkValue(name: LimitName, v: unknown): number {
  if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < 1) {
    throw new LimitError(`limit ${kebabName(name)} must be a positive whole number, got ${String(v)}`);
  }
  return v;
}

/**
 * The defaults with `partial` over them. Throws LimitError for an unknown name or a value that is not a
 * positive whole number (undefined values keep the default).
 */
export function resolveLimits(partial: Partial<Limits> = {}): Limits {
  const out: Limits = { ...DEFAULT_LIMITS };
  for (const [key, v] of Object.entries(partial)) {
    if (v === undefined) continue;
    const name = limitName(key);
    out[name] = checkValue(name, v);
  }
  return out;
}

/** Multipliers of the size suffixes: K M G T are powers of 1000, Ki Mi Gi Ti (and KiB…) of 1024. */
const SUFFIX: Record<string, number> = {
  '': 1,
  b: 1,
  k: 1e3,
  kb: 1e3,
  m: 1e6,
  mb: 1e6,
  g: 1e9,
  gb: 1e9,
  t: 1e12,
  tb: 1e12,
  ki: 2 ** 10,
  kib: 2 ** 10,
  mi: 2 ** 20,
  mib: 2 ** 20,
  gi: 2 ** 30,
  gib: 2 ** 30,
  ti: 2 ** 40,
  tib: 2 ** 40,
};

/** A count or size: `10000`, `10_000`, `1e6`, `64KiB`, `4MiB`, `16M` (10^6), `1.5KiB`. Must come out whole. */
export function parseLimitValue(text: string): number | undefined {
  const m = /^\s*(\d[\d_]*(?:\.\d+)?(?:e\+?\d+)?)\s*([a-z]*)\s*$/i.exec(text);
  if (!m) return undefined;
  const mult = SUFFIX[m[2]!.toLowerCase()];
  if (mult === undefined) return undefined;
  const v = Number(m[1]!.replace(/_/g, '')) * mult;
  return Number.isFinite(v) ? v : undefined;
}

/** One `NAME=VALUE` (the CLI's --limit): NAME kebab- or camelCase, VALUE as parseLimitValue reads it. */
export function parseLimitArg(arg: string): { name: LimitName; value: number } {
  const eq = arg.indexOf('=');
  if (eq <= 0) throw new LimitError(`--limit expects NAME=VALUE (e.g. messages=1000), got '${arg}'`);
  const name = limitName(arg.slice(0, eq));
  const raw = arg.slice(eq + 1);
  const value = parseLimitValue(raw);
  if (value === undefined) {
    throw new LimitError(
      `limit ${kebabName(name)}: '${raw}' is not a number or size (e.g. 1000, 1e6, 64KiB, 4MiB, 16M)`,
    );
  }
  return { name, value: checkValue(name, value) };
}

/** Several NAME=VALUE arguments (later ones win). */
export function parseLimitArgs(args: readonly string[]): Partial<Limits> {
  const out: Partial<Limits> = {};
  for (const a of args) {
    const { name, value } = parseLimitArg(a);
    out[name] = value;
  }
  return out;
}

/* Each layer's own options ------------------------------------------------------------------------ */

/** The capture reader's options (readCaptureBytes / readCaptureFile). */
export function captureOptions(l: Limits): CaptureReaderOptions {
  return { maxWarningsPerCode: l.warnings, maxGunzipBytes: l.gunzipBytes };
}

/** The conversation table's options (without its stream factory). */
export function tableOptions(l: Limits): ConversationTableOptions {
  const o: ConversationTableOptions = { reassemblyCap: l.reassemblyBytes, maxSegments: l.reassemblySegments };
  if (l.conversations !== undefined) o.maxConversations = l.conversations;
  return o;
}

/** The application layer's options (without `frames`). */
export function appOptions(l: Limits): AppLayerOptions {
  return {
    maxMessages: l.messages,
    summaryMessages: l.summaryMessages,
    maxPdu: l.pduBytes,
    protocolLimits: new Map(PROTOCOL_LIMITS.map((p) => [p.name, l[p.name]])),
    payload: {
      maxPickle: l.pickleBytes,
      maxDepth: l.pickleDepth,
      maxNodes: l.pickleValues,
      maxText: l.textBytes,
      maxHex: l.hexBytes,
    },
  };
}
