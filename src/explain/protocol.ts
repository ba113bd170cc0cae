/**
 * What an application protocol tells (the words half of a protocol module, src/protocols/<name>/words.ts):
 * the noun for one of its messages, the sentence for a message a frame completes, its Info column text,
 * the roles of a conversation's two ends, its story phases and its line in the overview. The generic
 * explainers (frames.ts, story.ts, overview.ts, info.ts) ask the registry's module of a conversation's
 * protocol and never name a protocol themselves.
 */
import type { AppFrameEntry } from '../analysis/model.js';
import type { AppView, Msg } from './app.js';
import type { Catalogue, Lang } from './catalog/types.js';
import type { ConvContext, FrameConv, ModelContext, MsgRef, Role, Side } from './context.js';
import type { Params, Say } from './format.js';
import type { StoryRecord } from './types.js';

/** How a message's sentence is said: its speaking side, and the catalogue entry made a sentence. */
export interface Tell {
  side: Side;
  /** A sentence from a catalogue entry, with the speakers ({who}, {addr}, {peer_who}, {peer_addr}) and {n}, {nth}. */
  one(code: string, p?: Params): string;
  /** As one(), for an answer: the request's frame {req} and {latency}, the code with `.lat` when both are known. */
  reply(code: string, p: Params): string;
}

/** Roles of a conversation's ends that its messages decide, and the message semantics of its pattern. */
export interface RoleFacts {
  roles: Record<Side, Role>;
  kind: ConvContext['kind'];
  /** The side that publishes / pushes. */
  sender?: Side;
  /** The client publishes / subscribes (MQTT). */
  publishes?: boolean;
  subscribes?: boolean;
}

/** A host's role in one conversation, for the overview's host list: a catalogue code and its parameters. */
export interface HostRole {
  code: string;
  params: Params;
}

export interface ProtocolWords {
  /** The protocol's catalogue entries in each language (merged into the catalogues; a key may not repeat one). */
  readonly catalog: Readonly<Record<Lang, Catalogue>>;
  /** The noun phrase for a message ("the PUBLISH", "the 4th request"); `k` holds its ordinal ({n}, {nth}). */
  label(say: Say, ctx: Pick<FrameConv, 'kind'>, m: MsgRef, k: Params): string;
  /** The sentence for a message completed in a frame. */
  sentence(say: Say, ctx: FrameConv, m: Msg, t: Tell): string;
  /** The Info column text of an element this protocol completes in a frame ('' to say nothing). */
  info?(e: AppFrameEntry): string;
  /** Roles and pattern semantics (absent: client and server). */
  roles?(view: AppView): RoleFacts;
  /**
   * The story phases of a conversation between its start and its end: the application's set-up (greetings,
   * CONNECT, subscriptions) and its exchange, within `span`: from the last frame of the phases told before
   * (the TCP handshake) to the first frame of the ending (the last frame when it has none).
   */
  phases?(
    say: Say,
    ctx: ConvContext,
    mc: ModelContext,
    span: { from: number; to: number },
  ): { setup: StoryRecord[]; exchange?: StoryRecord };
  /**
   * The set-up phases already tell everything sent: no "bytes exchanged" phase of plain TCP is added when
   * the protocol told no exchange (MQTT: every packet is told in its phases).
   */
  readonly tellsAll?: boolean;
  /** The catalogue entry for a connection still open when the capture stopped (ZeroMQ keeps its connections). */
  readonly openEnding?: string;
  /** Its messages are chunks of a byte stream (plain TCP), not messages: a frame carries "data". */
  readonly unframed?: boolean;
  /** Both ends' roles in the overview's host list. */
  hostRoles?(say: Say, ctx: ConvContext, port: string | number): { client: HostRole; server: HostRole };
  /** The conversation's line in the overview: what it carried (a catalogue code and its parameters). */
  convLine?(say: Say, ctx: ConvContext): { code: string; params: Params };
}
