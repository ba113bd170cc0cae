/**
 * Markdown report, ready to paste into a lab report: overview, hosts, conversations, the story, then a
 * section per conversation with a Mermaid sequenceDiagram and its frame table. A pure rendering of the
 * explained model.
 */
import type { ConversationRecord, FrameRecord } from '../analysis/model.js';
import { conversationLine } from '../explain/overview.js';
import type { ExplainedModel } from '../explain/types.js';
import {
  appLabel,
  arrowsOf,
  byConversation,
  conversationTable,
  pageText,
  type ReportListing,
  type Say,
  sayer,
  storyRange,
  wiresharkFilter,
} from './common.js';
import {
  conversationCount,
  groupedAbnormal,
  groupedStory,
  groupHead,
  groupItems,
  groupRow,
  reportGroups,
  type SummaryOptions,
} from './groups.js';

/** Escapes a table cell: pipes and line breaks. */
function cell(s: string): string {
  return s.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}

function table(head: string[], rows: string[][]): string {
  return [
    `| ${head.map(cell).join(' | ')} |`,
    `| ${head.map(() => '---').join(' | ')} |`,
    ...rows.map((r) => `| ${r.map(cell).join(' | ')} |`),
  ].join('\n');
}

/** Mermaid message text: no ';' '#' or line breaks (entity codes), no ':' ambiguity. */
function mermaidText(s: string): string {
  return s
    .replace(/#/g, '#35;')
    .replace(/;/g, '#59;')
    .replace(/[\r\n]+/g, ' ');
}

/** Most arrows drawn per diagram; beyond it only messages and SYN/FIN/RST are drawn, then it is cut. */
const MAX_ARROWS = 80;

export function mermaid(say: Say, c: ConversationRecord, frames: readonly FrameRecord[]): string {
  let arrows = arrowsOf(c, frames);
  const total = arrows.length;
  if (arrows.length > MAX_ARROWS) arrows = arrows.filter((a) => a.kind === 'app' || a.kind === 'ctl');
  if (arrows.length > MAX_ARROWS) arrows = arrows.slice(0, MAX_ARROWS);
  const lines = [
    'sequenceDiagram',
    `    participant C as ${mermaidText(`${say('ui.col.client')} ${c.client}`)}`,
    `    participant S as ${mermaidText(`${say('ui.col.server')} ${c.server}`)}`,
  ];
  for (const a of arrows) {
    const arrow = a.kind === 'ack' ? '-->>' : '->>';
    lines.push(`    ${a.c2s ? 'C' : 'S'}${arrow}${a.c2s ? 'S' : 'C'}: ${mermaidText(`${a.frame}: ${a.label}`)}`);
  }
  if (arrows.length < total)
    lines.push(`    Note over C,S: ${mermaidText(say('ui.diagram.more', { count: total - arrows.length }))}`);
  return `\`\`\`mermaid\n${lines.join('\n')}\n\`\`\``;
}

function frameRows(frames: readonly FrameRecord[], c?: ConversationRecord): string[][] {
  return frames.map((f) => {
    const dir = c ? (f.src === c.client ? 'C → S' : 'S → C') : `${f.src} → ${f.dst}`;
    return [String(f.n), f.rel.toFixed(6), dir, f.summary, f.explain ?? ''];
  });
}

/**
 * The report of an explained model. With `listing.page` (a capture longer than the report lists) the model's
 * frames are the first ones: a line says which and how to list the others, and only the conversations with
 * frames among them get a section. Above GROUP_ABOVE conversations (the folded ones counted) the summary
 * sections tell alike conversations as one group, as the text summary does, unless `opts.allConversations`.
 */
export function renderMarkdown(m: ExplainedModel, listing: ReportListing = {}, opts: SummaryOptions = {}): string {
  return [...markdownParts(m, listing, opts)].join('');
}

/** Blocks made before they are handed on. */
const PART_BLOCKS = 64;

/**
 * The report of renderMarkdown as consecutive parts, to be written one after the other: the report of a
 * large capture (megabytes) is never one string.
 */
export function* markdownParts(
  m: ExplainedModel,
  listing: ReportListing = {},
  opts: SummaryOptions = {},
): Generator<string> {
  const page = listing.page;
  const say = sayer(m.overview.lang);
  const ov = m.overview;
  // the blocks, separated by blank lines, handed on every PART_BLOCKS blocks
  const out: string[] = [];
  let first = true;
  const flush = (): string => {
    const part = `${first ? '' : '\n\n'}${out.join('\n\n')}`;
    first = false;
    out.length = 0;
    return part;
  };
  const file = m.capture.file.split('/').pop() ?? m.capture.file;
  out.push(`# ${say('ui.title', { file })}`);
  const df = m.display_filter;
  if (df)
    out.push(
      `> ${say('ui.display_filter', { filter: `\`${df.filter}\``, matched: df.matched, frames: m.capture.frames })}`,
    );
  out.push(`## ${say('ui.overview')}`);
  out.push(ov.summary);
  if (ov.hosts.length) {
    out.push(`### ${say('ui.hosts')}`);
    out.push(
      table(
        [say('ui.host'), say('ui.mac'), say('ui.role')],
        ov.hosts.map((h) => [h.name ? `${h.name} (${h.ip})` : h.ip, h.mac ?? '-', h.text]),
      ),
    );
  }
  const groups = reportGroups(m, say, opts);
  if (groups) {
    out.push(`### ${say('ui.conversations')}`);
    out.push(say('ui.grouped', { count: conversationCount(m) }));
    out.push(table(groupHead(say), groups.map(groupRow)));
    out.push(
      groupItems(m, groups, say)
        .map((t) => `- ${t}`)
        .join('\n'),
    );
  } else if (m.conversations.length) {
    out.push(`### ${say('ui.conversations')}`);
    out.push(table(...conversationTable(m.conversations, say)));
    out.push(ov.conversations.map((c) => `- ${c.text}`).join('\n'));
  }
  const abnormal = groups ? groupedAbnormal(ov.abnormal, say, m.folded?.abnormal) : ov.abnormal;
  if (abnormal.length) {
    out.push(`### ${say('ui.abnormal')}`);
    out.push(abnormal.map((a) => `- ${a.text}`).join('\n'));
  }
  if (ov.teaching.length) {
    out.push(`### ${say('ui.teaching')}`);
    out.push(ov.teaching.map((a) => `- ${a.text}`).join('\n'));
  }
  const story = groups ? groupedStory(m, groups, say) : m.story;
  if (story.length) {
    out.push(`## ${say('ui.story')}`);
    out.push(
      story
        .map((s) => `- **${storyRange(say, s)}**${s.conversation !== null ? ` (#${s.conversation})` : ''}: ${s.text}`)
        .join('\n'),
    );
  }
  const head = [say('ui.col.no'), say('ui.col.time'), say('ui.col.dir'), say('ui.col.info'), say('ui.col.explain')];
  if (page) out.push(`> ${pageText(say, m, page, (x) => `\`${x}\``)}`);
  const listed = page ? new Set(m.frames.map((f) => f.conversation)) : undefined;
  const lineOf = new Map(ov.conversations.map((x) => [x.id, x.text]));
  const framesOf = byConversation(m.frames);
  for (const c of listing.conversations ?? m.conversations) {
    if (listed && !listed.has(c.id)) continue;
    const frames = framesOf.get(c.id) ?? [];
    out.push(`## ${say('ui.conversation', { id: c.id, client: c.client, server: c.server })} (${appLabel(c)})`);
    // a conversation folded into its group has no line in the overview: its record tells it
    const line = lineOf.get(c.id) ?? (m.folded ? conversationLine(say, c) : undefined);
    if (line) out.push(line);
    const ws = wiresharkFilter(c);
    if (ws) out.push(`${say('ui.col.wireshark')}: \`${ws}\``);
    if (frames.length) {
      out.push(mermaid(say, c, frames));
      out.push(table(head, frameRows(frames, c)));
    }
    if (out.length >= PART_BLOCKS) yield flush();
  }
  const rest = m.frames.filter((f) => f.conversation === undefined);
  if (rest.length) {
    out.push(`## ${say('ui.other_frames')}`);
    out.push(
      table(
        [
          say('ui.col.no'),
          say('ui.col.time'),
          `${say('ui.col.src')} → ${say('ui.col.dst')}`,
          say('ui.col.info'),
          say('ui.col.explain'),
        ],
        frameRows(rest),
      ),
    );
  }
  out.push(`_${say('ui.generated', { version: m.tool.version })}_`);
  yield `${flush()}\n`;
}
