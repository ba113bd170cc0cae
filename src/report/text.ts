/**
 * Text rendering: tables with cli-table3 on a terminal, plain aligned text when piped.
 * Renders the model only; it parses nothing.
 */
import Table from 'cli-table3';
import picocolors from 'picocolors';

import type { AnalysisModel, ConversationRecord, FrameRecord } from '../analysis/model.js';
import { duration, ellipsize, nextCodePoint, type Say } from '../explain/format.js';
import { protocolColumn } from '../explain/info.js';
import type { Lang } from '../explain/text.js';
import type { ExplainedModel } from '../explain/types.js';
import { appLabel, endLabel, sayer, storyRange, wiresharkFilter } from './common.js';
import {
  type ConversationGroup,
  conversationCount,
  groupedAbnormal,
  groupedStory,
  groupHead,
  groupItems,
  groupRow,
  reportGroups,
  type SummaryOptions,
} from './groups.js';

/** Colours always on: the caller already decided (an explicit --color wins over NO_COLOR, which picocolors' default honours). */
const pc = picocolors.createColors(true);

export interface TextStyle {
  /** Draw box tables (a terminal) or plain columns (a pipe or file). */
  tty: boolean;
  color: boolean;
  /**
   * A terminal's width in columns: the Info column of an explained frame is cut to fit it. Absent (a
   * file, a pipe): nothing is cut.
   */
  width?: number;
  /** Language of the header and headings (the explained report takes its model's). */
  lang?: Lang;
}

const LINKTYPE_NAMES: Readonly<Record<number, string>> = {
  0: 'BSD loopback',
  1: 'Ethernet',
  101: 'Raw IP',
  113: 'Linux cooked (SLL)',
  228: 'Raw IPv4',
  229: 'Raw IPv6',
  276: 'Linux cooked v2 (SLL2)',
};

/**
 * Rows above which a terminal table is drawn as plain columns: cli-table3 takes time quadratic in the
 * rows (10,000 conversations of a SYN flood: ~20 s; see docs/limits.md).
 */
const MAX_BOX_ROWS = 1000;

function table(head: string[], rows: (string | number)[][], style: TextStyle): string {
  if (style.tty && rows.length <= MAX_BOX_ROWS) {
    const t = new Table({
      head: style.color ? head.map((h) => pc.bold(h)) : head,
      style: style.color ? { head: [], border: ['grey'] } : { head: [], border: [] },
    });
    for (const r of rows) t.push(r.map(String));
    return t.toString();
  }
  const cells = [head, ...rows.map((r) => r.map(String))];
  // a loop, not Math.max(...cells): spreading more than ~120,000 rows overflows the stack
  const widths = head.map((_, i) => cells.reduce((w, r) => Math.max(w, (r[i] ?? '').length), 0));
  return cells
    .map((r) =>
      r
        .map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i]!)))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}

export { protocolColumn };

/** Spaces to pad a column of the frame line to its width ('' when the text is as wide or wider). */
const SPACES = ' '.repeat(32);
const pad = (s: string, width: number): string => (s.length >= width ? '' : SPACES.slice(0, width - s.length));

export function frameLine(f: FrameRecord): string {
  const n = `${f.n}`;
  const rel = f.rel.toFixed(6);
  const proto = protocolColumn(f);
  const len = `${f.len}`;
  return `${pad(n, 6)}${n} ${pad(rel, 12)}${rel} ${f.src}${pad(f.src, 21)} ${f.dst}${pad(f.dst, 21)} ${proto}${pad(proto, 8)} ${pad(len, 5)}${len} ${f.summary}`;
}

function ending(c: ConversationRecord, say: Say): string {
  const by = c.close.by ? say('ui.end.by', { by: say(`noun.${c.close.by}`) }) : '';
  switch (c.close.kind) {
    case 'fin':
      return `FIN${by}`;
    case 'rst':
      return `RST${by}`;
    case 'refused':
      return say('ui.end.refused');
    case 'open':
      return say('ui.end.open_at_end');
  }
}

export function renderCaptureHeader(m: AnalysisModel, style: TextStyle, say: Say = sayer(style.lang ?? 'en')): string {
  const c = m.capture;
  const b = (s: string) => (style.color ? pc.bold(s) : s);
  const lines: string[] = [];
  lines.push(`${b('pcap-explain')} ${m.tool.version} — ${c.file}`);
  const fmt = c.format ? `${c.format}${c.compressed ? ' (gzip)' : ''}` : say('ui.h.unknown_format');
  const links = c.linktypes.map((l) => LINKTYPE_NAMES[l] ?? `linktype ${l}`).join(', ');
  // labels padded to one width, so the values line up ("Capture: …", "Time:    …")
  const labels = ['ui.h.capture', 'ui.h.time'].map((k) => `${say(k)}:`);
  const w = Math.max(...labels.map((l) => l.length)) + 1;
  const [capture, time] = labels.map((l) => l.padEnd(w)) as [string, string];
  const comment = `${say('ui.h.comment')}: `;
  const warning = `${say('ui.h.warning')}: `;
  lines.push(
    `${capture}${say('ui.h.capture.value', { fmt, links: links || say('ui.h.no_interfaces'), frames: c.frames, bytes: c.bytes })}`,
  );
  if (c.start)
    lines.push(
      `${time}${c.start} → ${c.end} (${say('fmt.dur.s', { n: c.duration.toFixed(3).replace('.', say('fmt.decimal')) })})`,
    );
  else lines.push(`${time}${say('ui.h.no_packets')}`);
  for (const cm of c.comments) lines.push(`${comment}${cm}`);
  for (const wn of c.warnings) {
    const s = `${warning}${wn.text} [${wn.code}]`;
    lines.push(style.color ? pc.yellow(s) : s);
  }
  return lines.join('\n');
}

export function renderProtocolCounts(
  frames: readonly FrameRecord[] | undefined,
  counts?: ReadonlyMap<string, number>,
  say: Say = sayer('en'),
): string {
  let m = counts;
  if (!m) {
    const c = new Map<string, number>();
    if (frames) for (const f of frames) for (const p of f.protocols) c.set(p, (c.get(p) ?? 0) + 1);
    m = c;
  }
  if (m.size === 0) return '';
  return `${say('ui.h.protocols')}: ${[...m].map(([p, n]) => `${p} ${n}`).join(', ')}`;
}

export function renderConversations(
  convs: readonly ConversationRecord[],
  style: TextStyle,
  say: Say = sayer(style.lang ?? 'en'),
): string {
  if (convs.length === 0) return say('ui.conversations.none');
  const rows = convs.map((c) => [
    c.id,
    c.transport.toUpperCase(),
    c.client,
    c.server,
    `${c.packets.c2s}/${c.packets.s2c}`,
    `${c.bytes.c2s}/${c.bytes.s2c}`,
    `${c.first}-${c.last}`,
    c.handshake
      ? say(c.handshake.ack !== null ? 'ui.hs.complete' : 'ui.hs.partial')
      : c.transport === 'tcp'
        ? say('ui.hs.not_seen')
        : '-',
    c.transport === 'tcp' ? ending(c, say) : '-',
    c.state,
  ]);
  const head = ['#', 'Proto', 'ui.col.client', 'ui.col.server', 'ui.col.pkts', 'ui.col.bytes_dir', 'ui.col.frames'];
  head.push('ui.col.handshake', 'ui.col.ending', 'ui.col.state');
  return `${say('ui.conversations')}\n${table(
    head.map((h) => (h.startsWith('ui.') ? say(h) : h)),
    rows,
    style,
  )}`;
}

/** Per note code: how often, the first frame and the text of that first note. */
export type NoteSummary = ReadonlyMap<string, { n: number; text: string; first: number }>;

export function renderNotesSummary(
  frames: readonly FrameRecord[],
  summary?: NoteSummary,
  say: Say = sayer('en'),
): string {
  let counts = summary;
  if (!counts) {
    const m = new Map<string, { n: number; text: string; first: number }>();
    for (const f of frames) {
      for (const n of f.notes) {
        const e = m.get(n.code);
        if (e) e.n++;
        else m.set(n.code, { n: 1, text: n.text, first: f.n });
      }
    }
    counts = m;
  }
  if (counts.size === 0) return '';
  const lines = [say('ui.notes')];
  for (const [code, e] of counts)
    lines.push(`  ${say('ui.notes.line', { code, count: e.n, frame: e.first, text: e.text })}`);
  return lines.join('\n');
}

export interface RenderTextOptions {
  /** List every frame of m.frames. */
  frames?: boolean;
  /**
   * Frames per protocol and the notes summary, tallied while the frames streamed past (AnalysisSession's
   * protocolCounts / noteSummary): the summary then needs no frame records. Counted from m.frames when absent.
   */
  protocols?: ReadonlyMap<string, number>;
  notes?: NoteSummary;
  /** Per IP address: frames and bytes sent and received (tshark's endpoints,ip; the CLI tallies them). */
  endpoints?: readonly EndpointRow[];
}

/** One IP address of the endpoints table, busiest first. */
export interface EndpointRow {
  name: string;
  txFrames: number;
  txBytes: number;
  rxFrames: number;
  rxBytes: number;
}

/** Rows of the traffic and endpoint tables before the rest is left to `-z` (a scan has thousands). */
export const MAX_TABLE_ROWS = 50;

export function renderText(m: AnalysisModel, style: TextStyle, opts: RenderTextOptions = {}): string {
  const say = sayer(style.lang ?? 'en');
  const parts = [renderCaptureHeader(m, style, say)];
  const pcounts = renderProtocolCounts(m.frames, opts.protocols, say);
  if (pcounts) parts.push(pcounts);
  parts.push(renderConversations(m.conversations, style, say));
  const notes = renderNotesSummary(m.frames, opts.notes, say);
  if (notes) parts.push(notes);
  if (opts.frames && m.frames.length) {
    parts.push(
      `Frames\n${'No.'.padStart(6)} ${'Time'.padStart(12)} ${'Source'.padEnd(21)} ${'Destination'.padEnd(21)} ${'Protocol'.padEnd(8)} ${'Len'.padStart(5)} Info\n${m.frames.map(frameLine).join('\n')}`,
    );
  }
  return `${parts.join('\n\n')}\n`;
}

// ---------------------------------------------------------------------------------------------
// The explained report (issue 5): overview, hosts, conversations, story, and frames with explanations.
// Plain columns wrapped to 80 characters, so it reads the same on a terminal, in a file or a lab report.

const WIDTH = 80;

/** Word-wraps `text` to `width` columns; continuation lines start with `indent` spaces. */
export function wrap(text: string, width = WIDTH, indent = 0, first = 0): string {
  // One scan, no word array: a line is a slice of the text when single spaces separate its words.
  const pad = PADS[indent] ?? `\n${' '.repeat(indent)}`;
  const n = text.length;
  let out = '';
  let avail = width - first;
  let ls = -1; // the current line is text[ls, le), its words separated by single spaces when `plain`
  let le = 0;
  let len = 0; // code points in the line
  let plain = true;
  let i = 0;
  while (i < n) {
    const s0 = i;
    while (i < n && isSpace(text.charCodeAt(i))) i++;
    if (i >= n) break;
    const single = i - s0 === 1 && text.charCodeAt(s0) === 32;
    const ws = i;
    let wl = 0; // code points in the word
    while (i < n && !isSpace(text.charCodeAt(i))) {
      i = nextCodePoint(text, i);
      wl++;
    }
    if (ls >= 0 && len + 1 + wl > avail) {
      const line = lineOf(text, ls, le, plain);
      out = out ? `${out}${pad}${line}` : line;
      ls = ws;
      len = wl;
      plain = true;
      avail = width - indent;
    } else if (ls >= 0) {
      if (!single) plain = false;
      len += 1 + wl;
    } else {
      ls = ws;
      len = wl;
    }
    le = i;
  }
  if (ls >= 0) {
    const line = lineOf(text, ls, le, plain);
    out = out ? `${out}${pad}${line}` : line;
  }
  return out;
}

/** Line breaks followed by 0–8 spaces of indent. */
const PADS = Array.from({ length: 9 }, (_, k) => `\n${' '.repeat(k)}`);
/** The indent of an explained frame's second and third lines. */
const ROW_INDENT = ' '.repeat(6);

/** text[a, b), its whitespace runs made single spaces unless `plain` (they are already). */
function lineOf(text: string, a: number, b: number, plain: boolean): string {
  const s = text.slice(a, b);
  return plain ? s : s.split(/\s+/).join(' ');
}

/** What /\s/ matches. */
function isSpace(c: number): boolean {
  if (c === 32) return true;
  if (c < 0xa0) return c >= 9 && c <= 13;
  return (
    c === 0xa0 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000 ||
    c === 0xfeff
  );
}

function heading(s: string, style: TextStyle): string {
  return style.color ? pc.bold(s) : s;
}

/** Columns whose last cell wraps under its own column start. */
function columns(head: string[], rows: string[][], style: TextStyle): string {
  const n = head.length;
  const widths = head.map((h, i) =>
    i === n - 1 ? 0 : Math.max([...h].length, ...rows.map((r) => [...(r[i] ?? '')].length)),
  );
  const lastStart = widths.slice(0, -1).reduce((a, w) => a + w + 2, 0);
  const fmt = (r: string[]) =>
    r
      .map((c, i) =>
        i === n - 1 ? wrap(c, WIDTH, lastStart, lastStart) : c.padEnd(widths[i]! + [...c].length - c.length),
      )
      .join('  ')
      .trimEnd();
  return [heading(fmt(head), style), ...rows.map(fmt)].join('\n');
}

function bullets(items: string[]): string {
  return items.map((t) => `- ${wrap(t, WIDTH, 2, 2)}`).join('\n');
}

export interface ReportTextOptions extends RenderTextOptions, SummaryOptions {}

/** Packets, data bytes, duration and the Wireshark filter of each conversation (the first MAX_TABLE_ROWS). */
function renderTraffic(m: ExplainedModel, style: TextStyle): string {
  const say = sayer(m.overview.lang);
  const convs = m.conversations.slice(0, MAX_TABLE_ROWS);
  const rows = convs.map((c) => [
    String(c.id),
    String(c.packets.c2s + c.packets.s2c),
    String(c.bytes.c2s + c.bytes.s2c),
    duration(c.duration, say),
    wiresharkFilter(c),
  ]);
  const head = ['#', ...['packets', 'data', 'duration', 'wireshark'].map((k) => say(`ui.col.${k}`))];
  let out = `${heading(say('ui.traffic'), style)}\n${columns(head, rows, style)}`;
  const more = m.conversations.length - convs.length;
  if (more > 0) out += `\n${say('ui.more.rows', { count: more, command: '-q -z conv,tcp -z conv,udp' })}`;
  return out;
}

/** Frames and bytes per IP address, as Wireshark's Endpoints window (the busiest MAX_TABLE_ROWS). */
function renderEndpoints(say: Say, endpoints: readonly EndpointRow[], style: TextStyle): string {
  const rows = endpoints
    .slice(0, MAX_TABLE_ROWS)
    .map((e) => [
      e.name,
      String(e.txFrames + e.rxFrames),
      String(e.txBytes + e.rxBytes),
      String(e.txFrames),
      String(e.txBytes),
      String(e.rxFrames),
      String(e.rxBytes),
    ]);
  const cols = ['host.ip', 'packets', 'bytes', 'tx.packets', 'tx.bytes', 'rx.packets', 'rx.bytes'];
  let out = `${heading(say('ui.endpoints'), style)}\n${columns(
    cols.map((k) => say(`ui.col.${k}`)),
    rows,
    style,
  )}`;
  const more = endpoints.length - MAX_TABLE_ROWS;
  if (more > 0) out += `\n${say('ui.more.rows', { count: more, command: '-q -z endpoints,ip -z endpoints,ipv6' })}`;
  return out;
}

/** The heading of the explained report's frame list. */
export function framesHeading(m: ExplainedModel, style: TextStyle): string {
  return heading(sayer(m.overview.lang)('ui.frames'), style);
}

/** The heading of the frame list in `lang` (before the report is made: a streamed frame list). */
export function framesHeadingIn(lang: Lang, style: TextStyle): string {
  return heading(sayer(lang)('ui.frames'), style);
}

/** What a display filter (-Y) chose: "Display filter tcp: 12 of 40 frames match." (no final newline). */
export function filterLine(m: ExplainedModel, frames: number): string {
  const d = m.display_filter;
  if (!d) return '';
  return sayer(m.overview.lang)('ui.display_filter', { filter: d.filter, matched: d.matched, frames });
}

/**
 * One frame of the explained report's frame list (no final newline). Its first line (number, time,
 * protocol, Info) is cut to `width` code points on a terminal; in a file or a pipe it is whole.
 */
export function explainedFrameRow(f: FrameRecord, width?: number): string {
  const head = `${String(f.n).padStart(5)} ${f.rel.toFixed(6).padStart(11)} ${protocolColumn(f).padEnd(5)} ${f.summary}`;
  const rows = `${width !== undefined && width > 20 ? ellipsize(head, width) : head}\n${ROW_INDENT}${f.src} → ${f.dst}`;
  return f.explain ? `${rows}\n${ROW_INDENT}${wrap(f.explain, WIDTH, 6, 6)}` : rows;
}

/** The conversations section of a grouped report: one row per group of alike conversations. */
function groupedConversations(
  m: ExplainedModel,
  groups: readonly ConversationGroup[],
  say: Say,
  style: TextStyle,
): string {
  return [
    `${heading(say('ui.conversations'), style)}\n${wrap(say('ui.grouped', { count: conversationCount(m) }))}`,
    columns(groupHead(say), groups.map(groupRow), style),
    bullets(groupItems(m, groups, say)),
  ].join('\n\n');
}

/** The default text report of an explained model. */
export function renderTextReport(m: ExplainedModel, style: TextStyle, opts: ReportTextOptions = {}): string {
  const say = sayer(m.overview.lang);
  const ov = m.overview;
  const parts = [renderCaptureHeader(m, style, say)];
  const pcounts = renderProtocolCounts(m.frames, opts.protocols, say);
  if (pcounts) parts.push(pcounts);
  parts.push(`${heading(say('ui.overview'), style)}\n${wrap(ov.summary)}`);
  if (ov.hosts.length) {
    parts.push(
      `${heading(say('ui.hosts'), style)}\n${columns(
        [say('ui.host'), say('ui.mac'), say('ui.role')],
        ov.hosts.map((h) => [h.name ? `${h.name} (${h.ip})` : h.ip, h.mac ?? '-', h.text]),
        style,
      )}`,
    );
  }
  const groups = reportGroups(m, say, opts);
  if (groups) parts.push(groupedConversations(m, groups, say, style));
  else if (m.conversations.length) {
    parts.push(
      `${heading(say('ui.conversations'), style)}\n${columns(
        [
          '#',
          say('ui.col.client'),
          say('ui.col.server'),
          say('ui.col.app'),
          say('ui.col.frames'),
          say('ui.col.ending'),
        ],
        m.conversations.map((c) => [
          String(c.id),
          c.client.slice(0, c.client.lastIndexOf(':')) || c.client,
          c.server,
          appLabel(c),
          `${c.first}-${c.last}`,
          endLabel(say, c),
        ]),
        style,
      )}`,
    );
    parts.push(bullets(ov.conversations.map((c) => c.text)));
    parts.push(renderTraffic(m, style));
  }
  if (opts.endpoints?.length) parts.push(renderEndpoints(say, opts.endpoints, style));
  const abnormal = groups ? groupedAbnormal(ov.abnormal, say, m.folded?.abnormal) : ov.abnormal;
  if (abnormal.length) parts.push(`${heading(say('ui.abnormal'), style)}\n${bullets(abnormal.map((a) => a.text))}`);
  const story = groups ? groupedStory(m, groups, say) : m.story;
  if (story.length) {
    const labels = story.map((s) => storyRange(say, s));
    const w = Math.min(16, Math.max(...labels.map((l) => l.length)) + 2);
    const lines = story.map((s, i) => {
      const tag = s.conversation !== null ? `#${s.conversation} ` : '';
      // a label longer than the column keeps one space before its text
      const label = labels[i]!.length < w ? labels[i]!.padEnd(w) : `${labels[i]} `;
      return `${label}${wrap(`${tag}${s.text}`, WIDTH, w, label.length)}`;
    });
    parts.push(`${heading(say('ui.story'), style)}\n${lines.join('\n')}`);
  }
  if (ov.teaching.length)
    parts.push(`${heading(say('ui.teaching'), style)}\n${bullets(ov.teaching.map((t) => t.text))}`);
  const notes = renderNotesSummary(m.frames, opts.notes, say);
  if (notes) parts.push(notes);
  if (opts.frames && m.frames.length) {
    parts.push(`${framesHeading(m, style)}\n${m.frames.map((f) => explainedFrameRow(f, style.width)).join('\n')}`);
  }
  return `${parts.join('\n\n')}\n`;
}
