/**
 * What an application protocol tells (the words half of a protocol module, src/protocols/<name>/words.ts):
 * the noun for one of its messages, the sentence for a message a frame completes, its Info column text,
 * the roles of a conversation's two ends, its story phases and its line in the overview. The generic
 * explainers (frames.ts, story.ts, overview.ts, info.ts) ask the registry's module of a conversation's
 * protocol and never name a protocol themselves.
 */
import type { CarriedRecord, ConversationRecord } from '../analysis/model.js';
import type { AppEntry } from '../protocols/model.js';
import type { AppView, Msg } from './app.js';
import type { Catalogue, Lang } from './catalog/types.js';
import type { ConvContext, FrameConv, ModelContext, MsgRef, Role, Side } from './context.js';
import type { Params, Say } from './format.js';
import type { OverviewItem, StoryRecord } from './types.js';

/** Adds one teaching note to the overview: its catalogue code, parameters and the frames it points at. */
export type Teach = (code: string, params: Params, frames?: number[]) => void;

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
  /** The client publishes / subscribes. */
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
  info?(e: AppEntry): string;
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
   * the protocol told no exchange (every packet is told in its phases).
   */
  readonly tellsAll?: boolean;
  /** The short label of a conversation in tables (the protocol and its pattern); absent: its transport. */
  title?(c: ConversationRecord): string;
  /** The short label of an element in a sequence diagram's arrow ("PUBLISH sensor/temp", "GET /add"). */
  arrow?(e: AppEntry): string;
  /** Other names users give the protocol (`--protocol zeromq`). */
  readonly aliases?: readonly string[];
  /**
   * The catalogue entry for a TCP ACK of a segment carrying one of its messages, when the protocol has
   * acknowledgements of its own (the TCP ACK is not the protocol's); absent: the generic one.
   */
  readonly tcpAckOfMessage?: string;
  /**
   * What the protocol says of a TCP connection's ending: a sentence before it (its own goodbye, with its
   * frame: the ending starts there if earlier) and one after it (a goodbye that is missing).
   */
  ending?(say: Say, ctx: ConvContext): { before?: { frame: number; text: string }; after?: string };
  /** Facts about its messages' payloads beyond their values (REQ/REP's empty delimiter frame). */
  payloadFacts?(say: Say, ctx: ConvContext, ms: readonly Msg[]): string[];
  /**
   * The element is a message its protocol does not acknowledge itself (a publication at QoS 0): only a TCP
   * ACK answers it, which the overview's teaching notes point at (a digest keeps that ACK's frame).
   */
  unacknowledged?(e: AppEntry): boolean;
  /**
   * The protocol's teaching notes in the overview; `at(rank)` adds one at its place among the generic ones
   * (10–120: docker 30, checksum offload 40, several messages in a segment 60, refused retries 90,
   * capture begun mid-connection 110).
   */
  teach?(say: Say, mc: ModelContext, convs: readonly ConvContext[], at: (rank: number) => Teach): void;
  /**
   * The items of "Worth a second look" on one of its conversations (code, frames and text; the
   * conversation's number is added), from the facts its session left on the record (HTTP: responses with
   * an error status, application errors in responses whose status shows none, requests with no response);
   * none when there is nothing to look at. Also asked by the summary's fold, which keeps the first few of
   * each group with an item of a code and counts the others.
   */
  abnormal?(say: Say, c: ConversationRecord): Omit<OverviewItem, 'conversation'>[];
  /** Its note codes that are not trouble (the overview's "worth a second look" leaves them out). */
  readonly quietNotes?: readonly string[];
  /** Fills what a conversation's record does not say but its messages do (socket types, the pattern). */
  completeView?(v: AppView): void;
  /** The catalogue entry for a connection still open when the capture stopped (ZeroMQ keeps its connections). */
  readonly openEnding?: string;
  /** Its messages are chunks of a byte stream (plain TCP), not messages: a frame carries "data". */
  readonly unframed?: boolean;
  /** Both ends' roles in the overview's host list. */
  hostRoles?(say: Say, ctx: ConvContext, port: string | number): { client: HostRole; server: HostRole };
  /** The conversation's line in the overview: what it carried (a catalogue code and its parameters). */
  convLine?(say: Say, ctx: ConvContext): { code: string; params: Params };
}

/**
 * What a protocol carried in another's bodies tells (the words half of a carried module: JSON-RPC, SOAP in
 * HTTP bodies). The carrier's words ask it about the records its messages carry, and tell the carrier's own
 * facts (method, status, how the connection ends) themselves; `R` is the carried protocol's record union.
 */
export interface CarriedWords<R extends CarriedRecord = CarriedRecord> {
  readonly catalog: Readonly<Record<Lang, Catalogue>>;
  /** Its name in tables and titles ("JSON-RPC"). */
  title(): string;
  /**
   * The sentence for a carrier message completed in a frame that carries `r` (`t` says it with the
   * speaker, and the request's frame and latency for an answer); `carrier` names the carrier message in
   * the language ("the HTTP request POST /", "HTTP 200 OK").
   */
  sentence(say: Say, ctx: FrameConv, r: R, t: Tell, p: { carrier: string }): string;
  /** Its part of the Info column ("JSON-RPC add(10, 2) id=1"). */
  info(r: R): string;
  /** A short label, the same in every language: a sequence diagram's arrow, one side of the story's pairs. */
  label(r: R): string;
  /**
   * The story's opening entry: {who} {addr} {s_who} {s_addr} (client, server), {count} requests, {pairs},
   * {via} (the carrier's name); the roles' and the overview line's entries have {via} too.
   */
  readonly story: string;
  /** What the story adds about the records of one conversation (errors, the operations a WSDL lists). */
  more?(say: Say, rs: readonly R[]): string[];
  /** The host roles' entries ({server} for the client's, {port} for the server's). */
  readonly roles: { readonly client: string; readonly server: string };
  /** The conversation's line in the overview, from the records of its `count` requests. */
  convLine(rs: readonly R[], count: number): { code: string; params: Params };
}
