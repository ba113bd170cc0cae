/**
 * ZMTP's part of the JSON model: its messages (conversations[].messages), its frame entries
 * (frames[].app) and its facts about a conversation, as the session (session.ts) writes them and
 * schema/pcap-explain.schema.json describes them.
 */
import type { MessageFacets } from '../../analysis/app/budget.js';
import type { AppMessageRecord, AppPayloadRecord } from '../../analysis/model.js';

interface Zmtp extends AppMessageRecord {
  proto: 'zmtp';
}

/** A greeting: ZMTP 3.x (version, mechanism, as-server) or 2.0 (version '2.0' and the socket type). */
export interface ZmtpGreetingRecord extends Zmtp {
  kind: 'greeting';
  /** "3.1", "3.0", "2.0". */
  version: string;
  mechanism?: string;
  as_server?: boolean;
  /** ZMTP 2.0: the socket type the greeting carries. */
  socket_type?: string;
}

/** A command (READY, SUBSCRIBE, PING, HELLO, ERROR…): its name and the fields of its body. */
export interface ZmtpCommandRecord extends Zmtp {
  kind: 'command';
  name: string;
  /** READY / INITIATE metadata: property name → value (text, or hex when not text). */
  properties?: Record<string, string>;
  /** ERROR: the reason. */
  reason?: string;
  /** SUBSCRIBE / CANCEL: the topic (text, or hex when not text). */
  topic?: string;
  /** PING: the time to live (tenths of a second). */
  ttl?: number;
  /** PLAIN HELLO: the user name, and that a password is there (never what it is). */
  username?: string;
  password?: { present: true };
  /** CURVE commands and unknown commands: the bytes of their body. */
  data_length?: number;
  curve_version?: string;
  /** JOIN / LEAVE (RADIO/DISH): the group. */
  group?: string;
}

/** One frame (part) of a multi-part message. */
export interface ZmtpPartRecord {
  more: boolean;
  size: number;
  payload: AppPayloadRecord;
}

/** A message: its parts (at most MAX_PARTS listed, part_count when more), its size, its last part's payload. */
export interface ZmtpMessageRecord extends Zmtp {
  kind: 'message';
  parts: ZmtpPartRecord[];
  /** Bytes of all parts. */
  size: number;
  payload: AppPayloadRecord;
  /** Parts in all, when more than the listed ones. */
  part_count?: number;
  /** A ZMTP 3.0-style subscription: a one-part message from a SUB socket. */
  subscription?: { action: 'subscribe' | 'cancel'; topic: string };
}

export type ZmtpRecord = ZmtpGreetingRecord | ZmtpCommandRecord | ZmtpMessageRecord;

/** What a frame completes: compact forms of the above (the Info column and display filters read them). */
export type ZmtpFrameEntry =
  | { proto: 'zmtp'; kind: 'greeting'; version: string; mechanism?: string; as_server?: true; socket_type?: string }
  | {
      proto: 'zmtp';
      kind: 'command';
      name: string;
      properties?: Record<string, string>;
      topic?: string;
      username?: string;
      reason?: string;
    }
  | {
      proto: 'zmtp';
      kind: 'message';
      /** Parts in all. */
      parts: number;
      /** A subscription message: its action and topic (no preview then). */
      subscription?: 'subscribe' | 'cancel';
      topic?: string;
      /** Previews of the first parts (Info column). */
      preview?: string[];
    };

/** How a PUSH endpoint spread its messages over its PULL workers (every conversation of the endpoint). */
export interface ZmtpPipeline {
  endpoint: string;
  jobs: number;
  workers: Array<{ conversation: number; peer: string; jobs: number }>;
  /** Conversation of each job, in order of sending (at most 1000). */
  order: number[];
  round_robin: boolean;
}

/** ZMTP's facts about a conversation (after `pattern`, in this order). */
export interface ZmtpFacts {
  /** Socket-Type of each side (READY metadata). */
  socket_types?: { client: string | null; server: string | null };
  zmtp_version?: string;
  mechanism?: string;
  /** A SUB side's subscriptions still active at the end. */
  subscriptions?: string[];
  pipeline?: ZmtpPipeline;
}

/** What the summary's aggregates read of a ZMTP message: a command's name and topic, a message's parts. */
export function zmtpFacets(m: ZmtpRecord): MessageFacets {
  switch (m.kind) {
    case 'greeting':
      return {};
    case 'command':
      return m.topic !== undefined ? { name: m.name, topic: m.topic } : { name: m.name };
    case 'message':
      return m.subscription !== undefined ? { subscription: true, parts: m.parts } : { parts: m.parts };
    default: {
      const never: never = m;
      return never;
    }
  }
}
