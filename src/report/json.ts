/**
 * JSON rendering of the model. Frames stream: each frame is written as it is finished, so listing
 * every frame of a multi-million-frame capture needs no more memory than one frame. A model whose plain
 * conversations were folded into their groups as they retired (AnalysisModel.folded, issue 19) is written
 * with those groups (`groups`) and a story line for each, beside the conversations kept (jsonView).
 */
import type { AnalysisModel, FoldedIds, FrameRecord } from '../analysis/model.js';
import type { ExplainedModel, OverviewItem, StoryRecord } from '../explain/types.js';
import { type Say, sayer } from './common.js';
import {
  alikeItem,
  type ConversationGroup,
  groupConversations,
  groupFrames,
  groupOthers,
  groupPhase,
  groupSentence,
  groupSize,
  type Spread,
} from './groups.js';

export interface Out {
  write(s: string): void;
}

/** Writes `{"schema":…,"tool":…,"frames":[ …frames… ],"capture":…,"conversations":…}` incrementally. */
export class JsonStreamWriter {
  private n = 0;
  private started = false;
  constructor(
    private readonly out: Out,
    private readonly schema: string,
    private readonly tool: { name: string; version: string },
    private readonly pretty: boolean,
  ) {}

  private start(): void {
    if (this.started) return;
    this.started = true;
    const head = JSON.stringify({ schema: this.schema, tool: this.tool }, null, this.pretty ? 2 : undefined);
    this.out.write(`${head.slice(0, head.lastIndexOf('}')).trimEnd()},${this.pretty ? '\n  ' : ''}"frames": [`);
  }

  frame(f: FrameRecord): void {
    this.start();
    const s = JSON.stringify(f);
    this.out.write(this.n++ === 0 ? `${this.pretty ? '\n    ' : ''}${s}` : `,${this.pretty ? '\n    ' : ''}${s}`);
  }

  /** The text of one element of an array member, as end() writes it (before its indentation). */
  private elementText(v: unknown): string {
    return JSON.stringify(v, null, this.pretty ? 2 : undefined) ?? 'null';
  }

  /**
   * Finish with the rest of the model (its `frames` are ignored: they were streamed). Written member by
   * member, arrays (conversations) element by element: the same text as JSON.stringify of the whole, without
   * ever holding it in one string (a capture's conversations with their messages can pass V8's string limit).
   */
  end(model: JsonModel): void {
    for (const s of this.ending(model)) this.out.write(s);
  }

  /**
   * What end() writes, piece by piece (an element of an array member at most), for a writer that waits
   * while its output cannot take more.
   */
  *ending(model: JsonModel): Generator<string> {
    this.start();
    const { schema: _s, tool: _t, frames: _f, ...rest } = model;
    const pretty = this.pretty;
    yield `${this.n && pretty ? '\n  ' : ''}]`;
    for (const [key, value] of Object.entries(rest)) {
      const head = `,${pretty ? '\n  ' : ''}${JSON.stringify(key)}${pretty ? ': ' : ':'}`;
      if (Array.isArray(value) && value.length > 0) {
        yield `${head}[`;
        let i = 0;
        for (const v of value) {
          const el = this.elementText(v);
          yield `${i++ ? ',' : ''}${pretty ? `\n    ${el.replace(/\n/g, '\n    ')}` : el}`;
        }
        yield pretty ? '\n  ]' : ']';
        continue;
      }
      if (Array.isArray(value)) {
        yield `${head}[]`;
        continue;
      }
      const text = JSON.stringify(value, null, pretty ? 2 : undefined);
      if (text === undefined) continue; // undefined, a function: JSON.stringify leaves the member out
      yield `${head}${pretty ? text.replace(/\n/g, '\n  ') : text}`;
    }
    yield `${pretty ? '\n' : ''}}\n`;
  }
}

export function renderJson(model: AnalysisModel, pretty = true): string {
  return `${JSON.stringify(model, null, pretty ? 2 : undefined)}\n`;
}

/** What the writer writes: a model, or its JSON view (jsonView). */
export type JsonModel = Pick<AnalysisModel, 'schema' | 'tool' | 'frames'> & object;

/**
 * A group of alike conversations some of whose members were folded when they retired (`groups[]` of the
 * JSON, docs/json.md): what its members share, which of them `conversations` lists, which it does not,
 * and the facts of the text summary's grouped line (groups.ts: groupOthers).
 */
export interface GroupRecord {
  transport: 'tcp' | 'udp';
  /** The client host (address without the port), the server endpoint. */
  client: string;
  server: string;
  /** The application as the report's Application column names it ("HTTP", "ZeroMQ REQ/REP", "TCP"). */
  application: string;
  /** How the members ended (conversations[].close.kind); null for UDP. */
  ending: 'fin' | 'rst' | 'refused' | 'open' | null;
  /** Members, the folded ones included. */
  count: number;
  /** The first member kept, told in full (its story phases, its overview line). */
  exemplar: number;
  /** The members `conversations` lists, in id order (the exemplar first). */
  kept: number[];
  /** Members folded: counted here, not in `conversations`. */
  folded: number;
  /** The smallest few folded members' ids and the largest. */
  folded_ids: number[];
  /** First frame of the first member, last frame of the last. */
  frames: [number, number];
  /** The members other than the exemplar (folded included), as the grouped line tells them. */
  others: { count: number; frames: [number, number]; duration: Spread; packets: Spread; bytes: Spread };
  /** The grouped line: the others' count, ids, frames and spreads in a sentence. */
  text: string;
}

/** The JSON record of a group with folded members. */
function groupRecord(g: ConversationGroup, say: Say): GroupRecord {
  const ex = g.members[0]!;
  const f = g.folded!;
  const o = groupOthers(g);
  return {
    transport: ex.transport,
    client: g.client,
    server: g.server,
    application: g.app,
    ending: ex.transport === 'udp' ? null : ex.close.kind,
    count: groupSize(g),
    exemplar: ex.id,
    kept: g.members.map((c) => c.id),
    folded: f.count,
    folded_ids: [...new Set([...f.ids, f.lastId])].sort((a, b) => a - b),
    frames: groupFrames(g),
    others: { count: o.total, frames: o.frames, duration: o.duration, packets: o.packets, bytes: o.bytes },
    text: groupSentence(g, say),
  };
}

/** The story with a line for the rest of each group with folded members, after its exemplar's last phase. */
function storyWithGroups(story: readonly StoryRecord[], groups: readonly ConversationGroup[], say: Say): StoryRecord[] {
  const lastPhase = new Map<number, number>();
  story.forEach((s, i) => {
    if (s.conversation !== null) lastPhase.set(s.conversation, i);
  });
  const after = new Map<number, StoryRecord[]>();
  const untold: StoryRecord[] = [];
  for (const g of groups) {
    const i = lastPhase.get(g.members[0]!.id);
    const line = groupPhase(g, say, true);
    if (i === undefined) untold.push(line);
    else after.set(i, [...(after.get(i) ?? []), line]);
  }
  const out: StoryRecord[] = [];
  story.forEach((s, i) => {
    out.push(s, ...(after.get(i) ?? []));
  });
  // an exemplar with no phase of its own (none is expected): its group's line in time order
  for (const line of untold) {
    const at = out.findIndex((s) => s.frames[0] > line.frames[0]);
    out.splice(at < 0 ? out.length : at, 0, line);
  }
  return out;
}

/**
 * The explained model as the JSON gives it: when some conversations were folded into their groups
 * (AnalysisModel.folded), `groups` after `conversations` and a story line for each group; the fold's
 * own state is not part of the JSON. A model with nothing folded is written as it is.
 */
export function jsonView(m: ExplainedModel): JsonModel {
  const { folded, ...rest } = m;
  if (!folded || folded.groups.size === 0) return rest;
  const say = sayer(m.overview.lang);
  const groups = groupConversations(m.conversations, say, folded).filter((g) => g.folded && g.folded.count > 0);
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(rest)) {
    out[k] =
      k === 'story'
        ? storyWithGroups(m.story, groups, say)
        : k === 'overview' && folded.abnormal
          ? { ...m.overview, abnormal: withFolded(m.overview.abnormal, folded.abnormal, say) }
          : v;
    if (k === 'conversations') out.groups = groups.map((g) => groupRecord(g, say));
  }
  return out as JsonModel;
}

/**
 * "Worth a second look" with the members folded into their groups that its items would have named
 * (connections aborted with RST, with TCP trouble, with HTTP error statuses…): per code, one item after the last kept
 * one of that code ("And N more of the same kind: #…"), as the text tells them.
 */
function withFolded(items: readonly OverviewItem[], folded: ReadonlyMap<string, FoldedIds>, say: Say): OverviewItem[] {
  const last = new Map<string, number>();
  items.forEach((x, i) => {
    if (folded.has(x.code)) last.set(x.code, i);
  });
  const out: OverviewItem[] = [];
  // a code with no kept item (not expected: the first few of a group are kept): its folded ones last
  const untold = new Set(folded.keys());
  items.forEach((x, i) => {
    out.push(x);
    if (last.get(x.code) === i) {
      out.push(alikeItem([], 0, say, folded.get(x.code)));
      untold.delete(x.code);
    }
  });
  for (const code of untold) out.push(alikeItem([], 0, say, folded.get(code)));
  return out;
}
