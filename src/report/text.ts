/**
 * Text rendering: tables with cli-table3 on a terminal, plain aligned text when piped.
 * Renders the model only; it parses nothing.
 */
import Table from 'cli-table3';
import pc from 'picocolors';
import type { AnalysisModel, ConversationRecord, FrameRecord } from '../analysis/model.js';
import { duration, ellipsize, nextCodePoint, type Say } from '../explain/format.js';
import type { ExplainedModel } from '../explain/types.js';
import { appLabel, endLabel, sayer, storyRange, wiresharkFilter } from './common.js';

export interface TextStyle {
  /** Draw box tables (a terminal) or plain columns (a pipe or file). */
  tty: boolean;
  color: boolean;
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

/** Wireshark's spelling of the protocols that are not just upper-cased. */
const PROTOCOL_COLUMN: Readonly<Record<string, string>> = {
  ip: 'IPv4',
  ipv6: 'IPv6',
  icmpv6: 'ICMPv6',
  eth: 'Ethernet',
  sll: 'SLL',
};

/** The Protocol column: the innermost protocol, in Wireshark's upper-case spelling. */
export function protocolColumn(f: FrameRecord): string {
  const p = f.protocols[f.protocols.length - 1] ?? '';
  return PROTOCOL_COLUMN[p] ?? p.toUpperCase();
}

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

function ending(c: ConversationRecord): string {
  const by = c.close.by ? ` by ${c.close.by}` : '';
  switch (c.close.kind) {
    case 'fin':
      return `FIN${by}`;
    case 'rst':
      return `RST${by}`;
    case 'refused':
      return 'refused';
    case 'open':
      return 'open at end';
  }
}

export function renderCaptureHeader(m: AnalysisModel, style: TextStyle): string {
  const c = m.capture;
  const b = (s: string) => (style.color ? pc.bold(s) : s);
  const lines: string[] = [];
  lines.push(`${b('pcap-explain')} ${m.tool.version} — ${c.file}`);
  const fmt = c.format ? `${c.format}${c.compressed ? ' (gzip)' : ''}` : 'unknown format';
  const links = c.linktypes.map((l) => LINKTYPE_NAMES[l] ?? `linktype ${l}`).join(', ');
  lines.push(
    `Capture: ${fmt}, ${links || 'no interfaces'}, ${c.frames} frame${c.frames === 1 ? '' : 's'}, ${c.bytes} bytes`,
  );
  if (c.start) lines.push(`Time:    ${c.start} → ${c.end} (${c.duration.toFixed(3)} s)`);
  else lines.push('Time:    no packets in this capture');
  for (const cm of c.comments) lines.push(`Comment: ${cm}`);
  for (const w of c.warnings) {
    const s = `Warning: ${w.text} [${w.code}]`;
    lines.push(style.color ? pc.yellow(s) : s);
  }
  return lines.join('\n');
}

export function renderProtocolCounts(
  frames: readonly FrameRecord[] | undefined,
  counts?: ReadonlyMap<string, number>,
): string {
  let m = counts;
  if (!m) {
    const c = new Map<string, number>();
    if (frames) for (const f of frames) for (const p of f.protocols) c.set(p, (c.get(p) ?? 0) + 1);
    m = c;
  }
  if (m.size === 0) return '';
  return `Protocols: ${[...m].map(([p, n]) => `${p} ${n}`).join(', ')}`;
}

export function renderConversations(convs: readonly ConversationRecord[], style: TextStyle): string {
  if (convs.length === 0) return 'Conversations: none';
  const rows = convs.map((c) => [
    c.id,
    c.transport.toUpperCase(),
    c.client,
    c.server,
    `${c.packets.c2s}/${c.packets.s2c}`,
    `${c.bytes.c2s}/${c.bytes.s2c}`,
    `${c.first}-${c.last}`,
    c.handshake ? (c.handshake.ack !== null ? 'complete' : 'partial') : c.transport === 'tcp' ? 'not seen' : '-',
    c.transport === 'tcp' ? ending(c) : '-',
    c.state,
  ]);
  return `Conversations\n${table(
    ['#', 'Proto', 'Client', 'Server', 'Pkts c→s/s→c', 'Bytes c→s/s→c', 'Frames', 'Handshake', 'Ending', 'State'],
    rows,
    style,
  )}`;
}

/** Per note code: how often, the first frame and the text of that first note. */
export type NoteSummary = ReadonlyMap<string, { n: number; text: string; first: number }>;

export function renderNotesSummary(frames: readonly FrameRecord[], summary?: NoteSummary): string {
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
  const lines = ['Notes'];
  for (const [code, e] of counts) lines.push(`  ${code} ×${e.n} (first in frame ${e.first}): ${e.text}`);
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
  const parts = [renderCaptureHeader(m, style)];
  const pcounts = renderProtocolCounts(m.frames, opts.protocols);
  if (pcounts) parts.push(pcounts);
  parts.push(renderConversations(m.conversations, style));
  const notes = renderNotesSummary(m.frames, opts.notes);
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

export interface ReportTextOptions extends RenderTextOptions {}

/** Packets, data bytes, duration and the Wireshark filter of each conversation (the first MAX_TABLE_ROWS). */
function renderTraffic(m: ExplainedModel, style: TextStyle): string {
  const say = sayer(m.overview.lang);
  const convs = m.conversations.slice(0, MAX_TABLE_ROWS);
  const rows = convs.map((c) => [
    String(c.id),
    String(c.packets.c2s + c.packets.s2c),
    String(c.bytes.c2s + c.bytes.s2c),
    duration(c.duration),
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

/** One frame of the explained report's frame list (no final newline). */
export function explainedFrameRow(f: FrameRecord): string {
  const head = `${String(f.n).padStart(5)} ${f.rel.toFixed(6).padStart(11)} ${protocolColumn(f).padEnd(5)} ${f.summary}`;
  const rows = `${ellipsize(head, WIDTH)}\n${ROW_INDENT}${f.src} → ${f.dst}`;
  return f.explain ? `${rows}\n${ROW_INDENT}${wrap(f.explain, WIDTH, 6, 6)}` : rows;
}

/** The default text report of an explained model. */
export function renderTextReport(m: ExplainedModel, style: TextStyle, opts: ReportTextOptions = {}): string {
  const say = sayer(m.overview.lang);
  const ov = m.overview;
  const parts = [renderCaptureHeader(m, style)];
  const pcounts = renderProtocolCounts(m.frames, opts.protocols);
  if (pcounts) parts.push(pcounts);
  parts.push(`${heading(say('ui.overview'), style)}\n${wrap(ov.summary)}`);
  if (ov.hosts.length) {
    parts.push(
      `${heading(say('ui.hosts'), style)}\n${columns(
        [say('ui.host'), say('ui.mac'), say('ui.role')],
        ov.hosts.map((h) => [h.ip, h.mac ?? '-', h.text]),
        style,
      )}`,
    );
  }
  if (m.conversations.length) {
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
  if (ov.abnormal.length)
    parts.push(`${heading(say('ui.abnormal'), style)}\n${bullets(ov.abnormal.map((a) => a.text))}`);
  if (m.story.length) {
    const labels = m.story.map((s) => storyRange(say, s));
    const w = Math.min(16, Math.max(...labels.map((l) => l.length)) + 2);
    const lines = m.story.map((s, i) => {
      const tag = s.conversation !== null ? `#${s.conversation} ` : '';
      return `${labels[i]!.padEnd(w)}${wrap(`${tag}${s.text}`, WIDTH, w, w)}`;
    });
    parts.push(`${heading(say('ui.story'), style)}\n${lines.join('\n')}`);
  }
  if (ov.teaching.length)
    parts.push(`${heading(say('ui.teaching'), style)}\n${bullets(ov.teaching.map((t) => t.text))}`);
  const notes = renderNotesSummary(m.frames, opts.notes);
  if (notes) parts.push(notes);
  if (opts.frames && m.frames.length) {
    parts.push(`${framesHeading(m, style)}\n${m.frames.map(explainedFrameRow).join('\n')}`);
  }
  return `${parts.join('\n\n')}\n`;
}
