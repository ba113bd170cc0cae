/**
 * A summary that summarises (issue 19): on a capture with many conversations, conversations alike in kind —
 * the same client host, server endpoint, application (and pattern) and ending — are told as one group, with
 * counts and distributions, its first member as the exemplar, and every member that deserves a second look
 * named on its own (the "Worth a second look" items keep their conversation). Small lab captures are told
 * conversation by conversation as before. Pure functions of the explained model: renderers ask for groups,
 * the analysis keeps nothing for them.
 */
import type { ConversationRecord } from '../analysis/model.js';
import { duration, type Say } from '../explain/format.js';
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
  readonly client: string;
  readonly server: string;
  readonly app: string;
  readonly ending: string;
}

/** The client's host (address without the port). */
function host(endpoint: string): string {
  const i = endpoint.lastIndexOf(':');
  return i > 0 ? endpoint.slice(0, i) : endpoint;
}

/** Whether a report of this model groups its conversations. */
export function grouped(m: ExplainedModel): boolean {
  return m.conversations.length > GROUP_ABOVE;
}

/** Alike conversations as groups, in the order of their first members. */
export function groupConversations(convs: readonly ConversationRecord[], say: Say): ConversationGroup[] {
  const byKey = new Map<string, { members: ConversationRecord[]; client: string; app: string; ending: string }>();
  for (const c of convs) {
    const client = host(c.client);
    const app = appLabel(c);
    const ending = endLabel(say, c);
    const key = `${c.transport}\u0000${client}\u0000${c.server}\u0000${app}\u0000${ending}`;
    const g = byKey.get(key);
    if (g) g.members.push(c);
    else byKey.set(key, { members: [c], client, app, ending });
  }
  return [...byKey.values()].map((g) => ({ ...g, server: g.members[0]!.server }));
}

/** min, median, 95th percentile and max of a non-empty list. */
export function spread(values: readonly number[]): { min: number; median: number; p95: number; max: number } {
  const v = [...values].sort((a, b) => a - b);
  const at = (q: number) => v[Math.min(v.length - 1, Math.floor(q * (v.length - 1) + 0.5))]!;
  return { min: v[0]!, median: at(0.5), p95: at(0.95), max: v[v.length - 1]! };
}

/** "#3, #7, … #912" — the first few numbers and the last. */
export function idList(ids: readonly number[]): string {
  if (ids.length <= IDS_NAMED) return ids.map((i) => `#${i}`).join(', ');
  return `${ids
    .slice(0, IDS_NAMED - 1)
    .map((i) => `#${i}`)
    .join(', ')}, … #${ids[ids.length - 1]}`;
}

/** The frame span of a group: its members' first and last frames. */
export function groupFrames(g: ConversationGroup): [number, number] {
  let a = Number.POSITIVE_INFINITY;
  let b = 0;
  for (const c of g.members) {
    if (c.first < a) a = c.first;
    if (c.last > b) b = c.last;
  }
  return [a, b];
}

/** The sentence on a group's other members: how many, which, and the spread of their sizes and durations. */
export function groupSentence(g: ConversationGroup, say: Say): string {
  const rest = g.members.slice(1);
  const ex = g.members[0]!;
  const d = spread(rest.map((c) => c.duration));
  const p = spread(rest.map((c) => c.packets.c2s + c.packets.s2c));
  const b = spread(rest.map((c) => c.bytes.c2s + c.bytes.s2c));
  const [first, last] = groupFrames({ ...g, members: rest });
  // a value, or "min to max" when the members differ
  const span = (lo: string | number, hi: string | number) =>
    lo === hi ? String(lo) : say('fmt.span', { a: lo, b: hi });
  const udp = ex.transport === 'udp';
  const one = rest.length === 1;
  return say(`overview.group${udp ? '_udp' : ''}${one ? '_one' : ''}`, {
    count: rest.length,
    id: ex.id,
    ids: idList(rest.map((c) => c.id)),
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
 * The story of a grouped report: every phase outside conversations and every phase of an exemplar or of a
 * conversation that deserves a second look; after an exemplar's last phase, one line for the rest of its group.
 */
export function groupedStory(m: ExplainedModel, groups: readonly ConversationGroup[], say: Say): StoryRecord[] {
  // the conversations "Worth a second look" names one by one (the first few of each kind of trouble)
  const unusual = new Set<number>();
  const perCode = new Map<string, number>();
  for (const a of m.overview.abnormal) perCode.set(a.code, (perCode.get(a.code) ?? 0) + 1);
  const seen = new Map<string, number>();
  for (const a of m.overview.abnormal) {
    const k = (seen.get(a.code) ?? 0) + 1;
    seen.set(a.code, k);
    const listed = perCode.get(a.code)! <= ALIKE_LISTED + 1 || k <= ALIKE_LISTED;
    if (listed && a.conversation !== undefined) unusual.add(a.conversation);
  }
  const groupOf = new Map<number, ConversationGroup>();
  for (const g of groups) for (const c of g.members) groupOf.set(c.id, g);
  const lastPhase = new Map<number, number>();
  m.story.forEach((s, i) => {
    if (s.conversation !== null) lastPhase.set(s.conversation, i);
  });
  const out: StoryRecord[] = [];
  m.story.forEach((s, i) => {
    if (s.conversation === null) {
      out.push(s);
      return;
    }
    const g = groupOf.get(s.conversation);
    const exemplar = !g || g.members[0]!.id === s.conversation;
    if (exemplar || unusual.has(s.conversation)) out.push(s);
    if (g && exemplar && g.members.length > 1 && lastPhase.get(s.conversation) === i) {
      const rest = g.members.slice(1);
      const [a, b] = groupFrames({ ...g, members: rest });
      // not a phase of one conversation: no conversation number before it
      out.push({
        conversation: null,
        code: 'story.group',
        frames: [a, b],
        text: say('story.group', { count: rest.length, id: g.members[0]!.id, a, b }),
      });
    }
  });
  return out;
}

/** "Worth a second look" with the items of one code beyond the first few counted in one line. */
export function groupedAbnormal(items: readonly OverviewItem[], say: Say): OverviewItem[] {
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
    if (same.length <= ALIKE_LISTED + 1) {
      out.push(x);
      continue;
    }
    if (told.has(x.code)) continue;
    told.add(x.code);
    out.push(...same.slice(0, ALIKE_LISTED));
    const rest = same.slice(ALIKE_LISTED);
    const ids = rest.flatMap((r) => (r.conversation !== undefined ? [r.conversation] : []));
    out.push({
      code: 'overview.alike',
      text: say(ids.length ? 'overview.alike' : 'overview.alike_frames', {
        count: rest.length,
        ids: idList(ids),
      }),
    });
  }
  return out;
}
