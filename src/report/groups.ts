/**
 * A summary that summarises (issue 19): on a capture with many conversations, conversations alike in kind —
 * the same client host, server endpoint, application (and pattern) and ending — are told as one group, with
 * counts and distributions, its first member as the exemplar, and every member that deserves a second look
 * named on its own (the "Worth a second look" items keep their conversation). Small lab captures are told
 * conversation by conversation as before. Pure functions of the explained model: renderers ask for groups,
 * the analysis keeps nothing for them.
 */
import type { ConversationRecord, FoldedConversations, FoldedGroup, FoldedIds } from '../analysis/model.js';
import { attemptKey, duration, list, type Say } from '../explain/format.js';
import { phaseFacts } from '../explain/story.js';
import type { ExplainedModel, OverviewItem, StoryRecord } from '../explain/types.js';
import { appLabel, endLabel } from './common.js';

/** Conversations up to this many are told one by one; above it, alike ones are grouped. */
export const GROUP_ABOVE = 30;
/** Items of "Worth a second look" with one code listed one by one before the rest are counted. */
export const ALIKE_LISTED = 5;
/** Conversation numbers named in a grouped line. */
const IDS_NAMED = 8;

export interface ConversationGroup {
  /** In the model's order (by id); the first is the exemplar. */
  readonly members: readonly ConversationRecord[];
  /** Members folded when they were retired (AnalysisModel.folded): counted, not listed. */
  readonly folded?: FoldedGroup;
  readonly client: string;
  readonly server: string;
  readonly app: string;
  readonly ending: string;
}

/** The client's host (address without the port). */
export function host(endpoint: string): string {
  const i = endpoint.lastIndexOf(':');
  return i > 0 ? endpoint.slice(0, i) : endpoint;
}

/** The conversations of a model, the folded ones (AnalysisModel.folded) included. */
export function conversationCount(m: Pick<ExplainedModel, 'conversations' | 'folded'>): number {
  return m.conversations.length + (m.folded ? m.folded.tcp + m.folded.udp : 0);
}

/** Whether a report of this model groups its conversations. */
export function grouped(m: ExplainedModel): boolean {
  return conversationCount(m) > GROUP_ABOVE;
}

/** What a report's summary sections are asked for besides the model. */
export interface SummaryOptions {
  /** Every conversation on its own (--conversations), also when there are many; otherwise alike ones are grouped. */
  allConversations?: boolean;
}

/**
 * The groups a report tells instead of its conversations one by one: undefined when it tells each one (a
 * capture of GROUP_ABOVE conversations or fewer, or --conversations). The same rule for every format.
 */
export function reportGroups(m: ExplainedModel, say: Say, opts: SummaryOptions = {}): ConversationGroup[] | undefined {
  return grouped(m) && !opts.allConversations ? groupConversations(m.conversations, say, m.folded) : undefined;
}

/** What makes conversations alike: transport, client host, server endpoint, application (and pattern), ending. */
export function groupKey(c: ConversationRecord): string {
  const ending = c.transport === 'udp' ? '-' : c.close.kind;
  return `${c.transport}\u0000${host(c.client)}\u0000${c.server}\u0000${appLabel(c)}\u0000${ending}`;
}

/** Members of a group, the folded ones included. */
export function groupSize(g: ConversationGroup): number {
  return g.members.length + (g.folded?.count ?? 0);
}

/** Alike conversations as groups, in the order of their first members (with their folded members). */
export function groupConversations(
  convs: readonly ConversationRecord[],
  say: Say,
  folded?: FoldedConversations,
): ConversationGroup[] {
  const byKey = new Map<string, { members: ConversationRecord[]; client: string; app: string; ending: string }>();
  for (const c of convs) {
    const key = groupKey(c);
    const g = byKey.get(key);
    if (g) g.members.push(c);
    else byKey.set(key, { members: [c], client: host(c.client), app: appLabel(c), ending: endLabel(say, c) });
  }
  return [...byKey].map(([key, g]) => {
    const f = folded?.groups.get(key);
    return f ? { ...g, server: g.members[0]!.server, folded: f } : { ...g, server: g.members[0]!.server };
  });
}

/** The header cells (catalogue codes, '#' as it is) of the grouped conversations table, one row per group. */
export const GROUP_COLUMNS = [
  '#',
  'ui.col.client',
  'ui.col.server',
  'ui.col.app',
  'ui.col.frames',
  'ui.col.ending',
  'ui.col.count',
] as const;

/** The grouped table's header in the report's language. */
export function groupHead(say: Say): string[] {
  return GROUP_COLUMNS.map((h) => (h.startsWith('ui.') ? say(h) : h));
}

/** A group's row: its exemplar's number, client host, server, application, frame span, ending, members. */
export function groupRow(g: ConversationGroup): string[] {
  const [a, b] = groupFrames(g);
  return [`${g.members[0]!.id}`, g.client, g.server, g.app, `${a}-${b}`, g.ending, String(groupSize(g))];
}

/**
 * The items under the grouped table: per group, its exemplar's overview line and one sentence on the other
 * members (how many, which, the spread of their sizes and durations).
 */
export function groupItems(m: ExplainedModel, groups: readonly ConversationGroup[], say: Say): string[] {
  const lineOf = new Map(m.overview.conversations.map((c) => [c.id, c.text]));
  const items: string[] = [];
  for (const g of groups) {
    const ex = lineOf.get(g.members[0]!.id);
    if (ex) items.push(ex);
    if (groupSize(g) > 1) items.push(groupSentence(g, say));
  }
  return items;
}

/** min, median, 95th percentile and max of a non-empty list. */
export function spread(values: readonly number[]): { min: number; median: number; p95: number; max: number } {
  const v = [...values].sort((a, b) => a - b);
  const at = (q: number) => v[Math.min(v.length - 1, Math.floor(q * (v.length - 1) + 0.5))]!;
  return { min: v[0]!, median: at(0.5), p95: at(0.95), max: v[v.length - 1]! };
}

/**
 * "#3, #7, … #912" — the first few numbers and the last. `total`: how many there are when `ids` holds only
 * the smallest few and the largest (a group's folded members).
 */
export function idList(ids: readonly number[], total = ids.length): string {
  if (total <= IDS_NAMED) return ids.map((i) => `#${i}`).join(', ');
  return `${ids
    .slice(0, IDS_NAMED - 1)
    .map((i) => `#${i}`)
    .join(', ')}, … #${ids[ids.length - 1]}`;
}

/** The frame span of a group: its members' first and last frames (the folded ones' too). */
export function groupFrames(g: ConversationGroup): [number, number] {
  let a = g.folded?.first ?? Number.POSITIVE_INFINITY;
  let b = g.folded?.last ?? 0;
  for (const c of g.members) {
    if (c.first < a) a = c.first;
    if (c.last > b) b = c.last;
  }
  return [a, b];
}

/** min, median, 95th percentile and max (spread()). */
export type Spread = ReturnType<typeof spread>;

/**
 * The members after a group's exemplar, as its grouped line tells them: how many, their ids (the smallest
 * few and the largest when some were folded), their frame span, and the spread of their durations (s),
 * packets and payload bytes — the folded members' values included.
 */
export interface GroupOthers {
  readonly total: number;
  readonly ids: number[];
  readonly frames: [number, number];
  readonly duration: Spread;
  readonly packets: Spread;
  readonly bytes: Spread;
}

/** The members after the exemplar (GroupOthers); a group of more than one member. */
export function groupOthers(g: ConversationGroup): GroupOthers {
  const rest = g.members.slice(1);
  const f = g.folded;
  // the values of the members after the exemplar, the folded ones' included
  const values = (kept: (c: ConversationRecord) => number, folded?: Float64Array): number[] => {
    const v = rest.map(kept);
    if (folded) for (const x of folded) v.push(x);
    return v;
  };
  let ids = rest.map((c) => c.id);
  if (f) ids = [...new Set([...ids, ...f.ids, f.lastId])].sort((a, b) => a - b);
  return {
    total: rest.length + (f?.count ?? 0),
    ids,
    frames: groupFrames({ ...g, members: rest }),
    duration: spread(values((c) => c.duration, f?.durations)),
    packets: spread(values((c) => c.packets.c2s + c.packets.s2c, f?.packets)),
    bytes: spread(values((c) => c.bytes.c2s + c.bytes.s2c, f?.bytes)),
  };
}

/** The sentence on a group's other members: how many, which, and the spread of their sizes and durations. */
export function groupSentence(g: ConversationGroup, say: Say): string {
  const ex = g.members[0]!;
  const { total, ids, frames, duration: d, packets: p, bytes: b } = groupOthers(g);
  const [first, last] = frames;
  // a value, or "min to max" when the members differ
  const span = (lo: string | number, hi: string | number) =>
    lo === hi ? String(lo) : say('fmt.span', { a: lo, b: hi });
  const udp = ex.transport === 'udp';
  const one = total === 1;
  // refused attempts: their durations and sizes say nothing ("Worth a second look" tells why)
  if (ex.close.kind === 'refused' && !one)
    return say('overview.group_refused', { count: total, id: ex.id, ids: idList(ids, total), a: first, b: last });
  return say(`overview.group${udp ? '_udp' : ''}${one ? '_one' : ''}`, {
    count: total,
    id: ex.id,
    ids: idList(ids, total),
    a: first,
    b: last,
    d: span(duration(d.min, say), duration(d.max, say)),
    dmed: duration(d.median, say),
    d95: duration(d.p95, say),
    p: span(p.min, p.max),
    b2: span(b.min, b.max),
  });
}

/**
 * The story's line for the rest of a group, after its exemplar's last phase: not a phase of one
 * conversation (no conversation number before it). `plain`: without the pointer to the report's
 * Conversations section (the JSON has none: its `groups` give the numbers).
 */
export function groupPhase(g: ConversationGroup, say: Say, plain = false): StoryRecord {
  const [a, b] = groupFrames({ ...g, members: g.members.slice(1) });
  return {
    frames: [a, b],
    conversation: null,
    code: 'story.group',
    text: say(plain ? 'story.group.plain' : 'story.group', { count: groupSize(g) - 1, id: g.members[0]!.id, a, b }),
  };
}

/**
 * The story of a grouped report: every phase outside conversations and every phase of an exemplar or of a
 * conversation that deserves a second look; after an exemplar's last phase, one line for the rest of its group.
 */
export function groupedStory(m: ExplainedModel, groups: readonly ConversationGroup[], say: Say): StoryRecord[] {
  // the conversations "Worth a second look" names one by one (the first few of each kind of trouble), with
  // the kinds of trouble each one has
  const unusual = new Map<number, Set<string>>();
  const perCode = new Map<string, number>();
  for (const a of m.overview.abnormal) perCode.set(a.code, (perCode.get(a.code) ?? 0) + 1);
  // with the members folded into their groups that an item would have named (counted, not listed)
  for (const [code, f] of m.folded?.abnormal ?? []) perCode.set(code, (perCode.get(code) ?? 0) + f.count);
  const seen = new Map<string, number>();
  const codesOf = new Map<number, Set<string>>();
  for (const a of m.overview.abnormal) {
    if (a.conversation === undefined) continue;
    const k = (seen.get(a.code) ?? 0) + 1;
    seen.set(a.code, k);
    let codes = codesOf.get(a.conversation);
    if (!codes) {
      codes = new Set();
      codesOf.set(a.conversation, codes);
    }
    codes.add(a.code);
    const listed = perCode.get(a.code)! <= ALIKE_LISTED + 1 || k <= ALIKE_LISTED;
    if (listed) unusual.set(a.conversation, codes);
  }
  const groupOf = new Map<number, ConversationGroup>();
  for (const g of groups) for (const c of g.members) groupOf.set(c.id, g);
  // a member told on its own for a trouble its exemplar (told anyway) has too adds nothing to the story
  const toldAlone = (id: number, g: ConversationGroup | undefined): boolean => {
    const codes = unusual.get(id);
    if (!codes) return false;
    if (!g) return true;
    const ex = codesOf.get(g.members[0]!.id);
    return [...codes].some((c) => !ex?.has(c));
  };
  const lastPhase = new Map<number, number>();
  m.story.forEach((s, i) => {
    if (s.conversation !== null) lastPhase.set(s.conversation, i);
  });
  // per client host, server and application: the exemplar told in full (the first in the story)
  const fullOf = new Map<string, number>();
  const siblingOf = new Map<ConversationGroup, number>();
  for (const s of m.story) {
    const g = s.conversation !== null ? groupOf.get(s.conversation) : undefined;
    if (!g || g.members[0]!.id !== s.conversation || siblingOf.has(g)) continue;
    const k = `${g.client}\u0000${g.server}\u0000${g.app}`;
    if (!fullOf.has(k)) fullOf.set(k, s.conversation);
    siblingOf.set(g, fullOf.get(k)!);
  }
  // refused attempts per client host and server (the kept ones and those folded into their groups)
  const refusedBy = new Map<string, number>();
  for (const c of m.conversations) {
    if (c.close.kind !== 'refused') continue;
    const k = attemptKey(c.client, c.server);
    refusedBy.set(k, (refusedBy.get(k) ?? 0) + 1);
  }
  for (const [k, f] of m.folded?.refused ?? []) refusedBy.set(k, (refusedBy.get(k) ?? 0) + f.count);
  const refusedAlike = (g: ConversationGroup) =>
    g.members[0]!.close.kind === 'refused' &&
    refusedBy.get(attemptKey(g.members[0]!.client, g.server)) === groupSize(g);
  const rechecks = new Set(m.story.filter((s) => s.code === 'story.arp.recheck' || s.code === 'story.arp.more'));
  // the first address resolution is told; the others alike are one line
  const resolutions = m.story.filter((s) => s.code === 'story.arp' && phaseFacts(s)?.pair);
  const alike = new Set(resolutions.slice(1));
  let handshakes = 0;
  const out: StoryRecord[] = [];
  m.story.forEach((s, i) => {
    if (s.conversation === null) {
      if (rechecks.size > 1 && rechecks.has(s)) {
        // ARP between hosts that had already resolved each other: one line for all of it
        if (s === rechecks.values().next().value) out.push(arpRechecks([...rechecks], say));
        return;
      }
      if (alike.size > 1 && alike.has(s)) {
        if (s === resolutions[1]) out.push(arpAlike([...alike], say));
        return;
      }
      out.push(s);
      return;
    }
    const g = groupOf.get(s.conversation);
    const exemplar = !g || g.members[0]!.id === s.conversation;
    // a handshake with nothing to remark is told once
    if (phaseFacts(s)?.plain && handshakes++ > 0) return;
    // the exemplar of a group that differs from an earlier one only in its ending (nothing Worth a second
    // look in it): its ending alone
    const sibling =
      g &&
      exemplar &&
      siblingOf.get(g) !== s.conversation &&
      !codesOf.has(s.conversation) &&
      lastPhase.get(s.conversation) !== i;
    if ((exemplar && !sibling) || toldAlone(s.conversation, g)) out.push(s);
    // refused attempts: "attempt 1 of 34" already counts the group
    if (g && exemplar && refusedAlike(g)) return;
    if (g && exemplar && groupSize(g) > 1 && lastPhase.get(s.conversation) === i) out.push(groupPhase(g, say));
  });
  return out;
}

/** The address resolutions of a grouped story after the first, as one phase: who asked for whom. */
function arpAlike(phases: readonly StoryRecord[], say: Say): StoryRecord {
  let a = Number.POSITIVE_INFINITY;
  let b = 0;
  for (const p of phases) {
    a = Math.min(a, p.frames[0]);
    b = Math.max(b, p.frames[1]);
  }
  const pairs = phases.map((p) => {
    const [asker, asked] = phaseFacts(p)!.pair!;
    return say('story.arp.pair', { asker, asked });
  });
  return {
    conversation: null,
    code: 'story.arp.alike',
    frames: [a, b],
    text: say('story.arp.alike', { count: phases.length, a, b, pairs: list(say, pairs, 12) }),
  };
}

/** The ARP re-checks (and the ARP frames the digest only counted) of a grouped story as one phase. */
function arpRechecks(phases: readonly StoryRecord[], say: Say): StoryRecord {
  let a = Number.POSITIVE_INFINITY;
  let b = 0;
  let count = 0;
  for (const p of phases) {
    a = Math.min(a, p.frames[0]);
    b = Math.max(b, p.frames[1]);
    count += phaseFacts(p)?.arpFrames ?? 0;
  }
  const first = phases.find((p) => p.code === 'story.arp.recheck');
  const text = say('story.arp.rechecks', { count, a, b });
  return {
    conversation: null,
    code: 'story.arp.rechecks',
    frames: [a, b],
    text: first ? `${text} ${say('story.arp.rechecks.first', { first: first.text })}` : text,
  };
}

/**
 * "Worth a second look" with the items of one code beyond the first few counted in one line, with the
 * members folded into their groups that an item of that code would have named (`folded`:
 * AnalysisModel.folded.abnormal, by code).
 */
export function groupedAbnormal(
  items: readonly OverviewItem[],
  say: Say,
  folded?: ReadonlyMap<string, FoldedIds>,
): OverviewItem[] {
  const byCode = new Map<string, OverviewItem[]>();
  for (const x of items) {
    const l = byCode.get(x.code);
    if (l) l.push(x);
    else byCode.set(x.code, [x]);
  }
  const out: OverviewItem[] = [];
  const told = new Set<string>();
  for (const x of items) {
    const same = byCode.get(x.code)!;
    const more = folded?.get(x.code);
    if (same.length + (more?.count ?? 0) <= ALIKE_LISTED + 1) {
      out.push(x);
      continue;
    }
    if (told.has(x.code)) continue;
    told.add(x.code);
    out.push(...same.slice(0, ALIKE_LISTED));
    const rest = same.slice(ALIKE_LISTED);
    const ids = rest.flatMap((r) => (r.conversation !== undefined ? [r.conversation] : []));
    out.push(alikeItem(ids, rest.length, say, more));
  }
  return out;
}

/**
 * "And N more of the same kind: #…" for `count` items naming conversations `ids`, and the `folded` ones
 * (their smallest ids and the largest: idList names the first few and the last).
 */
export function alikeItem(ids: readonly number[], count: number, say: Say, folded?: FoldedIds): OverviewItem {
  const all = folded ? [...new Set([...ids, ...folded.ids, folded.lastId])].sort((a, b) => a - b) : ids;
  const total = count + (folded?.count ?? 0);
  return {
    code: 'overview.alike',
    text: say(all.length ? 'overview.alike' : 'overview.alike_frames', {
      count: total,
      ids: idList(all, folded ? total : all.length),
    }),
  };
}
