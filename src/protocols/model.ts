/**
 * The application model as the registered protocols make it: one discriminated union of messages (on
 * `proto`, then `kind`), one of frame entries, and the conversation record with every protocol's facts.
 * The analysis layer (src/analysis/model.ts) knows only the common base of each; each protocol's
 * variants are in its folder (src/protocols/<name>/model.ts) and are assembled here, once, beside the
 * registry (registry.ts) that lists the same protocols.
 *
 * The sessions of the registry's modules are the only writers of application records, so a model the
 * analysis made with the registry holds only these variants: typed() and its kin say so to the compiler
 * at the one place where the explanation step takes the analysis' records.
 */
import type {
  AnalysisModel,
  AppFrameEntry as AppFrameEntryBase,
  AppMessageRecord,
  CarriedRecord,
  ConversationRecord,
} from '../analysis/model.js';
import type { DataFrameEntry, DataRecord } from './data/model.js';
import type { DnsFrameEntry, DnsRecord } from './dns/model.js';
import type { GiopFrameEntry, GiopRecord } from './giop/model.js';
import type { HttpFacts, HttpFrameEntry, HttpRecord } from './http/model.js';
import type { IceFacts, IceFrameEntry, IceRecord } from './ice/model.js';
import type { JsonRpcRecord } from './jsonrpc/model.js';
import type { MqttFacts, MqttFrameEntry, MqttRecord } from './mqtt/model.js';
import type { SoapRecord } from './soap/model.js';
import type { ZmtpFacts, ZmtpFrameEntry, ZmtpRecord } from './zmtp/model.js';
import type { ZookeeperFacts, ZookeeperFrameEntry, ZookeeperRecord } from './zookeeper/model.js';

/** Every application message, discriminated on `proto` then `kind`. */
export type AppMessage =
  | ZmtpRecord
  | MqttRecord
  | HttpRecord
  | IceRecord
  | GiopRecord
  | DnsRecord
  | ZookeeperRecord
  | DataRecord;

/** Every message a carried protocol reads in an HTTP body (HttpRecord's `carried`), discriminated on `proto`. */
export type CarriedMessage = JsonRpcRecord | SoapRecord;

/** The name of a registered protocol (plain data included; a carried one is a conversation's app too). */
export type AppName = AppMessage['proto'] | CarriedMessage['proto'];

/** The messages of one protocol. */
export type MessageOf<P extends AppName> = Extract<AppMessage, { proto: P }>;

/** A frame that carries part of a PDU another frame completes. */
export interface SegmentEntry {
  proto: AppName;
  kind: 'segment';
}

/** Every frame entry (frames[].app). */
export type AppEntry =
  | ZmtpFrameEntry
  | MqttFrameEntry
  | HttpFrameEntry
  | IceFrameEntry
  | GiopFrameEntry
  | DnsFrameEntry
  | DataFrameEntry
  | ZookeeperFrameEntry
  | SegmentEntry;

/** The protocols' facts about a conversation (each present only on its protocol's conversations). */
export type AppFacts = ZmtpFacts & MqttFacts & HttpFacts & IceFacts & ZookeeperFacts;

/** A conversation record as the registered protocols fill it. */
export type Conversation = Omit<ConversationRecord, 'messages' | 'app'> &
  AppFacts & { app?: AppName; messages?: AppMessage[] };

/** The registered protocols' view of a model's conversation. */
export function typedConversation(c: ConversationRecord): Conversation {
  return c as Conversation;
}

/** The registered protocols' view of a listed message. */
export function typedMessage(m: AppMessageRecord): AppMessage {
  return m as AppMessage;
}

/** The registered carried protocols' view of a carried record (their readers are its only writers). */
export function typedCarried(r: CarriedRecord): CarriedMessage {
  return r as CarriedMessage;
}

/** The registered protocols' view of a frame entry. */
export function typedEntry(e: AppFrameEntryBase): AppEntry {
  return e as AppEntry;
}

/** The registered protocols' view of a model's conversations. */
export function typedConversations(m: AnalysisModel): Conversation[] {
  return m.conversations as Conversation[];
}
