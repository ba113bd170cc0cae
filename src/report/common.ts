/**
 * Shared pieces of the report renderers (text, Markdown, HTML): labels from the catalogue, the short
 * application and ending labels of a conversation, the sequence-diagram arrows, and the selection
 * (--conversation, --protocol, --frames-range). Renderers read the explained model; nothing is parsed here.
 */
import type { AppFrameEntry, AppMessageRecord, ConversationRecord, FrameRecord } from '../analysis/model.js';
import type { Lang } from '../explain/catalog/types.js';
import { handshakeLeft } from '../explain/context.js';
import { duration, ellipsize, type Say, sayer } from '../explain/format.js';
import type { ExplainedModel, StoryRecord } from '../explain/types.js';
import { type CompiledFilter, modelMatcher } from '../filter/index.js';
import { typedEntry } from '../protocols/model.js';
import { allModules, wordsOf } from '../protocols/registry.js';
import type { TrafficBins } from './traffic.js';

export { type Say, sayer };

/**
 * What a Markdown or HTML report made as the capture streamed knows of the frames it lists (the model's
 * frames) besides the model: each absent member is read from the model as a whole model's report does.
 */
export interface ReportListing {
  /** The conversations with listed frames, by id (their sections and diagrams). */
  conversations?: readonly ConversationRecord[];
  /** The application messages by the listed frame completing them (field trees). */
  messages?: ReadonlyMap<number, readonly AppMessageRecord[]>;
  /** Present when only the first frames are listed. */
  page?: ReportPage;
}

/**
 * A Markdown or HTML report that lists only the first of its frames (more than the `report-frames` limit):
 * `listed` of the `of` frames it covers (the selection's, `selected`), which the traffic chart counts all.
 * The model's frames are the listed ones.
 */
export interface ReportPage {
  listed: number;
  of: number;
  selected: boolean;
  /** The last frame the next page's range reaches (the selection's range end, else the capture's last). */
  end: number;
  traffic: TrafficBins;
}

/** The sentence of a ReportPage: which frames are listed, the option that lists the next ones, how to narrow. */
export function pageText(
  say: Say,
  m: Pick<ExplainedModel, 'frames'>,
  page: ReportPage,
  code: (s: string) => string,
): string {
  const a = m.frames[0]?.n ?? 0;
  const b = m.frames[m.frames.length - 1]?.n ?? 0;
  const next = code(`--frames-range ${b + 1}-${Math.max(b + 1, page.end)}`);
  return say(page.selected ? 'ui.page.selected' : 'ui.page', { listed: page.listed, of: page.of, a, b, next });
}

export function langOf(m: ExplainedModel): Lang {
  return m.overview?.lang ?? 'en';
}

/** The protocol's title (with its pattern), else "TCP", "UDP". */
export function appLabel(c: ConversationRecord): string {
  return (c.app ? wordsOf(c.app).title?.(c) : undefined) ?? c.transport.toUpperCase();
}

export function endLabel(say: Say, c: ConversationRecord): string {
  if (c.transport === 'udp') return '-';
  const left = handshakeLeft(c);
  return say(left ? `ui.end.${left}` : `ui.end.${c.close.kind}`);
}

/** The conversations table of the Markdown and HTML overviews: header cells and one row per conversation. */
export function conversationTable(convs: readonly ConversationRecord[], say: Say): [string[], string[][]] {
  const cols = ['client', 'server', 'app', 'frames', 'packets', 'data', 'duration', 'ending', 'state', 'wireshark'];
  const head = ['#', ...cols.map((k) => say(`ui.col.${k}`))];
  const rows = convs.map((c) => [
    String(c.id),
    c.client,
    c.server,
    appLabel(c),
    `${c.first}-${c.last}`,
    String(c.packets.c2s + c.packets.s2c),
    String(c.bytes.c2s + c.bytes.s2c),
    duration(c.duration, say),
    endLabel(say, c),
    c.state,
    wiresharkFilter(c),
  ]);
  return [head, rows];
}

/** The frames of each conversation, in their order (a report's sections look them up once each). */
export function byConversation(frames: readonly FrameRecord[]): Map<number, FrameRecord[]> {
  const out = new Map<number, FrameRecord[]>();
  for (const f of frames) {
    if (f.conversation === undefined) continue;
    const a = out.get(f.conversation);
    if (a) a.push(f);
    else out.set(f.conversation, [f]);
  }
  return out;
}

/** Wireshark's display filter for one conversation (tshark's stream number): `tcp.stream eq 3`. */
export function wiresharkFilter(c: ConversationRecord): string {
  return c.stream === undefined ? '' : `${c.transport}.stream eq ${c.stream}`;
}

export function storyRange(say: Say, s: StoryRecord): string {
  return s.frames[0] === s.frames[1]
    ? say('ui.story.frame', { a: s.frames[0] })
    : say('ui.story.frames', { a: s.frames[0], b: s.frames[1] });
}

/** One arrow of a conversation's sequence diagram: one per frame of the conversation. */
export interface Arrow {
  frame: number;
  rel: number;
  /** true: client → server. */
  c2s: boolean;
  label: string;
  /** app: the frame completes an application message; ctl: SYN/FIN/RST; ack: no payload; data: payload only. */
  kind: 'app' | 'ctl' | 'ack' | 'data';
}

function appEntryLabel(e: AppFrameEntry): string {
  const label = wordsOf(e.proto).arrow?.(typedEntry(e));
  return label ?? e.kind;
}

export function arrowsOf(c: ConversationRecord, frames: readonly FrameRecord[]): Arrow[] {
  const out: Arrow[] = [];
  for (const f of frames) {
    if (f.conversation !== c.id) continue;
    const c2s = f.src === c.client;
    // plain payload (proto data) is no application message: its arrow is the segment or datagram itself
    const apps = (f.app ?? []).filter((e) => e.kind !== 'segment' && !wordsOf(e.proto).unframed);
    const t = f.tcp;
    let label: string;
    let kind: Arrow['kind'];
    if (apps.length) {
      label = apps.map(appEntryLabel).join(' + ');
      kind = 'app';
      if (t && (t.flags.includes('FIN') || t.flags.includes('RST'))) label += ` [${t.flags.join(', ')}]`;
    } else if (t) {
      const ctl = t.flags.some((x) => x === 'SYN' || x === 'FIN' || x === 'RST');
      label = `[${t.flags.join(', ')}]${t.len ? ` Len=${t.len}` : ''}`;
      if (t.analysis?.length) label += ` (${t.analysis.join(', ')})`;
      kind = ctl ? 'ctl' : t.len ? 'data' : 'ack';
    } else if (f.udp) {
      label = `UDP Len=${Math.max(0, f.udp.len - 8)}`;
      kind = 'data';
    } else {
      label = f.summary;
      kind = 'data';
    }
    out.push({ frame: f.n, rel: f.rel, c2s, label: ellipsize(label, 48), kind });
  }
  return out;
}

export interface Selection {
  conversation?: number;
  protocol?: string;
  /** Inclusive frame range. */
  range?: [number, number];
  /** -Y: a display filter (docs/filters.md); the frames it does not match are left out. */
  filter?: CompiledFilter;
}

/** Parses "10-40" (or "10"); undefined when malformed. */
export function parseRange(s: string): [number, number] | undefined {
  const m = /^\s*(\d+)\s*(?:-\s*(\d+)\s*)?$/.exec(s);
  if (!m) return undefined;
  const a = Number(m[1]);
  const b = m[2] !== undefined ? Number(m[2]) : a;
  return a <= b ? [a, b] : [b, a];
}

/** --protocol's names for what the model calls otherwise: `ipv4`, and each protocol module's aliases. */
let ALIASES: ReadonlyMap<string, string> | undefined;

function protocolName(p: string): string {
  ALIASES ??= new Map([
    ['ipv4', 'ip'],
    ...allModules().flatMap((m) => (m.words.aliases ?? []).map((a): [string, string] => [a, m.name])),
  ]);
  const q = p.toLowerCase();
  return ALIASES.get(q) ?? q;
}

function convMatchesProtocol(c: ConversationRecord, p: string): boolean {
  const want = protocolName(p);
  return c.app === want || c.transport === want;
}

/**
 * A frame is in `--protocol P` when it carries P, as Wireshark's display filter `P` selects it: a frame of an
 * connection of a protocol that carries only an ACK is not a frame of that protocol.
 */
function frameMatchesProtocol(f: FrameRecord, p: string): boolean {
  return f.protocols.includes(protocolName(p));
}

/**
 * Whether a frame is in a selection; frames stream through it. `convById` (the model's conversations by id)
 * serves the display filter's pe.* fields; the other criteria need only the frame.
 */
export function frameFilter(
  sel: Selection,
  convById: ReadonlyMap<number, ConversationRecord> = new Map(),
): (f: FrameRecord) => boolean {
  // every frame goes through the filter first, in order (frame.time_delta reads the previous one)
  const test = sel.filter ? modelMatcher(sel.filter, convById) : undefined;
  return (f) => {
    if (test && !test(f)) return false;
    if (sel.range && (f.n < sel.range[0] || f.n > sel.range[1])) return false;
    if (sel.conversation !== undefined && f.conversation !== sel.conversation) return false;
    if (sel.protocol && !frameMatchesProtocol(f, sel.protocol)) return false;
    return true;
  };
}

/** Whether a selection selects anything at all. */
export function selects(sel: Selection): boolean {
  return sel.conversation !== undefined || !!sel.protocol || !!sel.range || !!sel.filter;
}

/** The conversations a selection keeps. */
export function selectConversations<C extends ConversationRecord>(convs: readonly C[], sel: Selection): C[] {
  let out = convs.slice();
  if (sel.conversation !== undefined) out = out.filter((c) => c.id === sel.conversation);
  if (sel.protocol) out = out.filter((c) => convMatchesProtocol(c, sel.protocol!));
  if (sel.range) {
    const [a, b] = sel.range;
    out = out.filter((c) => c.last >= a && c.first <= b);
  }
  return out;
}

/** What a selection that matched no frame says (one line). */
export function emptySelectionText(sel: Selection, frames: number): string {
  const parts: string[] = [];
  if (sel.conversation !== undefined) parts.push(`--conversation ${sel.conversation}`);
  if (sel.protocol) parts.push(`--protocol ${sel.protocol}`);
  if (sel.range) parts.push(`--frames-range ${sel.range[0]}-${sel.range[1]}`);
  return `no frame matches the selection (${parts.join(' ')}); the capture has ${frames} frame${frames === 1 ? '' : 's'}`;
}

/** The model restricted to a selection: frames, conversations, story phases and overview lines. */
export function select(m: ExplainedModel, sel: Selection): ExplainedModel {
  if (!selects(sel)) return m;
  const convs = selectConversations(m.conversations, sel);
  const keep = new Set(convs.map((c) => c.id));
  const inRange = (n: number) => !sel.range || (n >= sel.range[0] && n <= sel.range[1]);
  const frames = m.frames.filter(frameFilter(sel, new Map(m.conversations.map((c) => [c.id, c]))));
  const byConvOnly = sel.conversation !== undefined || !!sel.protocol;
  const story = m.story.filter((s) => {
    if (s.conversation === null ? byConvOnly && !(sel.protocol === 'arp') : !keep.has(s.conversation)) return false;
    if (sel.range && (s.frames[1] < sel.range[0] || s.frames[0] > sel.range[1])) return false;
    return true;
  });
  const spans = convs.map((c) => [c.first, c.last] as const);
  const inSelection = (n: number) => inRange(n) && (!byConvOnly || spans.some(([a, b]) => n >= a && n <= b));
  const overview = {
    ...m.overview,
    conversations: m.overview.conversations.filter((x) => keep.has(x.id)),
    hosts: byConvOnly
      ? m.overview.hosts.filter((h) =>
          convs.some((c) => c.client.startsWith(`${h.ip}:`) || c.server.startsWith(`${h.ip}:`)),
        )
      : m.overview.hosts,
    abnormal: m.overview.abnormal.filter((x) => x.conversation === undefined || keep.has(x.conversation)),
    teaching: m.overview.teaching.filter((x) => !x.frames || x.frames.some(inSelection)),
  };
  const display_filter = sel.filter ? { filter: sel.filter.expression, matched: frames.length } : undefined;
  return { ...m, frames, conversations: convs, story, overview, ...(display_filter ? { display_filter } : {}) };
}

export function uiSay(m: ExplainedModel): Say {
  return sayer(langOf(m));
}
