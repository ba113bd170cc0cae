/**
 * HTML report: one self-contained file (inline CSS, script and data; no network fetch). Overview, the
 * story, a ladder diagram as inline SVG per conversation (one arrow per frame; click → the frame), the
 * frame list with a filter box, and per frame Wireshark's packet details (field-tree.ts: the display
 * filter's field names; a click highlights the field's bytes) over a hexdump (bytes need `keepRaw`).
 */
import type { ConversationRecord, FrameRecord } from '../analysis/model.js';
import { protocolColumn } from '../explain/info.js';
import type { ExplainedModel, RawRecord } from '../explain/types.js';
import {
  appLabel,
  arrowsOf,
  byConversation,
  conversationTable,
  endLabel,
  pageText,
  type ReportListing,
  type Say,
  sayer,
  storyRange,
  wiresharkFilter,
} from './common.js';
import { fieldTree } from './field-tree.js';
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
import { CSS, SCRIPT } from './html-assets.js';
import { binsSvg, followHtml, trafficSvg } from './traffic.js';

function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

const ROW = 24;
const TOP = 44;
const LEFT = 150;
const RIGHT = 650;
const WIDTH = 800;

/** The ladder diagram of one conversation: two lifelines, one arrow per frame. */
export function ladderSvg(say: Say, c: ConversationRecord, frames: readonly FrameRecord[]): string {
  const arrows = arrowsOf(c, frames);
  const h = TOP + arrows.length * ROW + 16;
  const parts: string[] = [];
  parts.push(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${h}" viewBox="0 0 ${WIDTH} ${h}" role="img" aria-label="${esc(say('ui.diagram'))} #${c.id}">`,
  );
  parts.push(
    `<text class="who" x="${LEFT}" y="16" text-anchor="middle">${esc(`${say('ui.col.client')} ${c.client}`)}</text>`,
    `<text class="who" x="${RIGHT}" y="16" text-anchor="middle">${esc(`${say('ui.col.server')} ${c.server}`)}</text>`,
    `<line class="life" x1="${LEFT}" y1="24" x2="${LEFT}" y2="${h - 4}"/>`,
    `<line class="life" x1="${RIGHT}" y1="24" x2="${RIGHT}" y2="${h - 4}"/>`,
    // the arrowhead: an id of its own per diagram (an id is unique in the page)
    `<defs><marker id="ah${c.id}" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="#555"/></marker></defs>`,
  );
  arrows.forEach((a, i) => {
    const y = TOP + i * ROW;
    const x1 = a.c2s ? LEFT : RIGHT;
    const x2 = a.c2s ? RIGHT : LEFT;
    const cls = `arrow ${a.c2s ? 'c2s' : 's2c'} ${a.kind}`;
    parts.push(
      `<g class="${cls}" data-frame="${a.frame}"><title>${esc(`${a.frame}: ${a.label}`)}</title>` +
        `<line class="hit" x1="${x1}" y1="${y}" x2="${x2}" y2="${y}"/>` +
        `<line x1="${x1}" y1="${y}" x2="${x2}" y2="${y}" marker-end="url(#ah${c.id})"/>` +
        `<text x="${(LEFT + RIGHT) / 2}" y="${y - 4}" text-anchor="middle">${esc(a.label)}</text>` +
        `<text class="no" x="${LEFT - 10}" y="${y + 4}" text-anchor="end">${a.frame} · ${a.rel.toFixed(3)}</text></g>`,
    );
  });
  parts.push('</svg>');
  return parts.join('');
}

function tableHtml(head: string[], rows: string[][], cls = ''): string {
  return `<table${cls ? ` class="${cls}"` : ''}><thead><tr>${head.map((h) => `<th>${esc(h)}</th>`).join('')}</tr></thead><tbody>${rows
    .map((r) => `<tr>${r.map((c) => `<td>${esc(c)}</td>`).join('')}</tr>`)
    .join('')}</tbody></table>`;
}

/** JSON inside <script type="application/json">: `<` escaped so no tag can close the element. */
function jsonForScript(v: unknown): string {
  return JSON.stringify(v)
    .replace(/</g, '\\u003c')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

/**
 * The page of an explained model. With `listing.page` (a capture longer than the report lists) the model's
 * frames are the first ones: the frame table, diagrams and field trees show them, a paragraph says which and
 * how to list the others, and the traffic chart counts every frame. Above GROUP_ABOVE conversations (the
 * folded ones counted) the summary sections tell alike conversations as one group, as the text summary
 * does, unless `opts.allConversations`.
 */
export function renderHtml(m: ExplainedModel, listing: ReportListing = {}, opts: SummaryOptions = {}): string {
  return [...htmlParts(m, listing, opts)].join('');
}

/** Body lines made before they are handed on (a part is a few hundred KB at most). */
const PART_LINES = 256;

/**
 * The page of renderHtml as consecutive parts, to be written one after the other: the page of a large
 * capture (megabytes) is never one string, nor is its embedded data.
 */
export function* htmlParts(
  m: ExplainedModel,
  listing: ReportListing = {},
  opts: SummaryOptions = {},
): Generator<string> {
  const page = listing.page;
  const say = sayer(m.overview.lang);
  const ov = m.overview;
  const file = m.capture.file.split('/').pop() ?? m.capture.file;
  const title = say('ui.title', { file });
  yield `<!DOCTYPE html>
<html lang="${ov.lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:">
<title>${esc(title)}</title>
<style>${CSS}</style>
</head>
<body>
`;
  // the body's lines, joined by line breaks, handed on every PART_LINES lines
  const body: string[] = [];
  let first = true;
  const flush = (): string => {
    const part = `${first ? '' : '\n'}${body.join('\n')}`;
    first = false;
    body.length = 0;
    return part;
  };
  body.push(`<header><h1>${esc(title)}</h1><p>${esc(ov.summary)}</p></header><main>`);
  body.push(`<h2>${esc(say('ui.overview'))}</h2>`);
  if (ov.hosts.length) {
    body.push(`<h3>${esc(say('ui.hosts'))}</h3>`);
    body.push(
      tableHtml(
        [say('ui.host'), say('ui.mac'), say('ui.role')],
        ov.hosts.map((h) => [h.name ? `${h.name} (${h.ip})` : h.ip, h.mac ?? '-', h.text]),
      ),
    );
  }
  const chart = page ? binsSvg(say, page.traffic, m.capture.duration) : trafficSvg(say, m.frames, m.capture.duration);
  if (chart) body.push(`<h3>${esc(say('ui.chart'))}</h3>${chart}`);
  const groups = reportGroups(m, say, opts);
  if (groups) {
    body.push(`<h3>${esc(say('ui.conversations'))}</h3>`);
    body.push(`<p>${esc(say('ui.grouped', { count: conversationCount(m) }))}</p>`);
    body.push(tableHtml(groupHead(say), groups.map(groupRow), 'groups'));
    body.push(
      `<ul>${groupItems(m, groups, say)
        .map((t) => `<li>${esc(t)}</li>`)
        .join('')}</ul>`,
    );
  } else if (m.conversations.length) {
    body.push(`<h3>${esc(say('ui.conversations'))}</h3>`);
    body.push(tableHtml(...conversationTable(m.conversations, say)));
    body.push(`<ul>${ov.conversations.map((c) => `<li>${esc(c.text)}</li>`).join('')}</ul>`);
  }
  const abnormal = groups ? groupedAbnormal(ov.abnormal, say, m.folded?.abnormal) : ov.abnormal;
  if (abnormal.length)
    body.push(`<h3>${esc(say('ui.abnormal'))}</h3><ul>${abnormal.map((a) => `<li>${esc(a.text)}</li>`).join('')}</ul>`);
  if (ov.teaching.length)
    body.push(
      `<h3>${esc(say('ui.teaching'))}</h3><ul>${ov.teaching.map((a) => `<li>${esc(a.text)}</li>`).join('')}</ul>`,
    );
  const story = groups ? groupedStory(m, groups, say) : m.story;
  if (story.length) {
    body.push(`<h2>${esc(say('ui.story'))}</h2><ul class="story">`);
    for (const s of story) {
      const tag = s.conversation !== null ? ` (#${s.conversation})` : '';
      body.push(
        `<li><span class="rng" data-goto="${s.frames[0]}">${esc(storyRange(say, s))}</span>${esc(tag)}: ${esc(s.text)}</li>`,
      );
    }
    body.push('</ul>');
  }
  const framesOf = byConversation(m.frames);
  for (const c of listing.conversations ?? m.conversations) {
    const frames = framesOf.get(c.id) ?? [];
    if (!frames.length) continue;
    body.push(
      `<h2 id="conv-${c.id}">${esc(say('ui.conversation', { id: c.id, client: c.client, server: c.server }))} (${esc(appLabel(c))}, ${esc(endLabel(say, c))})</h2>`,
    );
    const ws = wiresharkFilter(c);
    if (ws) body.push(`<p class="ws">${esc(say('ui.col.wireshark'))}: <code>${esc(ws)}</code></p>`);
    body.push(`<div class="ladder" data-conversation="${c.id}">${ladderSvg(say, c, frames)}</div>`);
    const follow = followHtml(say, c, frames);
    if (follow) body.push(follow);
    if (body.length >= PART_LINES) yield flush();
  }
  body.push(`<h2>${esc(say('ui.frames'))}</h2>`);
  const df = m.display_filter;
  if (df)
    body.push(
      `<p class="display-filter">${esc(say('ui.display_filter', { filter: df.filter, matched: df.matched, frames: m.capture.frames }))}</p>`,
    );
  if (page) body.push(`<p class="page">${esc(pageText(say, m, page, (x) => x))}</p>`);
  body.push(
    `<input id="filter" type="search" placeholder="${esc(say('ui.filter'))}" aria-label="${esc(say('ui.filter'))}">`,
  );
  body.push('<div class="cols"><div style="max-height:70vh;overflow:auto">');
  body.push(
    `<table id="frames"><thead><tr><th>${esc(say('ui.col.no'))}</th><th>${esc(say('ui.col.time'))}</th><th>${esc(say('ui.col.src'))}</th><th>${esc(say('ui.col.dst'))}</th><th>${esc(say('ui.col.proto'))}</th><th>${esc(say('ui.col.info'))}</th></tr></thead><tbody>`,
  );
  for (const f of m.frames) {
    const proto = protocolColumn(f);
    body.push(
      `<tr data-frame="${f.n}"><td class="mono">${f.n}</td><td class="mono">${f.rel.toFixed(6)}</td><td class="mono">${esc(f.src)}</td><td class="mono">${esc(f.dst)}</td><td>${esc(proto)}</td><td><div class="mono">${esc(f.summary)}</div><div class="ex">${esc(f.explain ?? '')}</div></td></tr>`,
    );
    if (body.length >= PART_LINES) yield flush();
  }
  body.push('</tbody></table></div>');
  body.push(
    `<div><h3 id="sel">${esc(say('ui.select'))}</h3><h3>${esc(say('ui.detail'))}</h3><div id="detail"></div><h3>${esc(say('ui.hexdump'))}</h3><div id="hex" class="muted">-</div></div></div>`,
  );
  body.push(`<p class="muted">${esc(say('ui.generated', { version: m.tool.version }))}</p></main>`);
  yield flush();
  // each frame as Wireshark's packet details (field names of the filter engine, byte ranges) and its bytes,
  // as JSON.stringify would write {label, names, frames}, a part per PART_LINES frames
  const tree = fieldTree(m.frames, listing.conversations ?? m.conversations, listing.messages);
  yield `\n<script type="application/json" id="pcx-data">{"label":${jsonForScript(say('ui.frame', { n: '{n}' }))},"names":${jsonForScript(tree.names)},"frames":[`;
  const frameJson = (f: FrameRecord, i: number): string => {
    const raw = (f as FrameRecord & { raw?: RawRecord }).raw;
    return jsonForScript({
      n: f.n,
      explain: f.explain ?? '',
      notes: f.notes.map((x) => ({ severity: x.severity, text: x.text })),
      tree: tree.frames[i],
      ...(raw ? { raw: raw.bytes } : {}),
    });
  };
  for (let i = 0; i < m.frames.length; i += PART_LINES) {
    const part: string[] = [];
    for (let j = i; j < Math.min(i + PART_LINES, m.frames.length); j++) part.push(frameJson(m.frames[j]!, j));
    yield `${i ? ',' : ''}${part.join(',')}`;
  }
  yield `]}</script>
<script>${SCRIPT}</script>
</body>
</html>
`;
}
