/**
 * ZooKeeper's part of the JSON model: one record per packet of the client protocol (conversations[].messages),
 * its frame entries (frames[].app) and its facts about a conversation (the session, and the lock and
 * election recipes it takes part in), as the session (session.ts) and the end-of-capture pass (recipes.ts)
 * write them.
 *
 * Session ids are 64-bit: they are written in hex as ZooKeeper's own logs print them (`0x1000012f0a20000`);
 * zxids are numbers (exact up to 2^53, an epoch below 2^21).
 */
import type { MessageFacets } from '../../analysis/app/budget.js';
import type { AppMessageRecord } from '../../analysis/model.js';

interface Zk extends AppMessageRecord {
  proto: 'zookeeper';
}

/** The client's first packet: a ConnectRequest. */
export interface ZkConnectRecord extends Zk {
  kind: 'connect';
  /** Session timeout the client asks for, in ms. */
  timeout: number;
  /** '0x0' for a new session; the id of a session the client resumes. */
  session_id: string;
  last_zxid: number;
  read_only?: boolean;
}

/** The server's first packet: a ConnectResponse. */
export interface ZkConnectedRecord extends Zk {
  kind: 'connected';
  /** Negotiated session timeout in ms (0: the session expired, the server refuses it). */
  timeout: number;
  session_id: string;
  read_only?: boolean;
}

/** One operation of a multi request. */
export interface ZkSubOpRecord {
  op: string;
  path?: string;
  flags?: number;
  version?: number;
}

/** A request (RequestHeader + the record of its type); pings (xid -2) and closeSession too. */
export interface ZkRequestRecord extends Zk {
  kind: 'request';
  xid: number;
  /** OpCode and its name (create, getData, ping, closeSession…; `op<N>` for a code ZooKeeper does not define). */
  type: number;
  op: string;
  path?: string;
  /** create: CreateMode flags, and what they mean. */
  flags?: number;
  ephemeral?: true;
  sequential?: true;
  /** exists / getData / getChildren: the client leaves a watch with this request. */
  watch?: boolean;
  /** delete / setData / check: the version expected (-1: any). */
  version?: number;
  /** multi: its operations. */
  ops?: ZkSubOpRecord[];
  /** setWatches: the paths of the watches set again after a reconnection. */
  watches?: string[];
  /** The data of a create or setData (`payload`), absent when the client sent a null buffer. */
}

/** The parts of a znode's Stat a reply tells. */
export interface ZkStatRecord {
  version: number;
  num_children: number;
  data_length: number;
  czxid: number;
  mzxid: number;
  /** The session owning an ephemeral znode (absent for a persistent one). */
  ephemeral_owner?: string;
}

/** A reply (ReplyHeader + the record of the request type it answers, found by xid). */
export interface ZkReplyRecord extends Zk {
  kind: 'reply';
  xid: number;
  zxid: number;
  /** KeeperException code (0 OK, -101 NoNode, -110 NodeExists…) and its name. */
  err: number;
  error: string;
  /** The request it answers, by xid: its type, name and path (absent when no request with that xid was seen). */
  type?: number;
  op?: string;
  path?: string;
  /** create: the znode created (with its sequence number). */
  created?: string;
  /** getChildren: the children, in the server's order. */
  children?: string[];
  stat?: ZkStatRecord;
  /** getData: the data (`payload`). */
}

/** A watch notification (xid -1). */
export interface ZkWatchRecord extends Zk {
  kind: 'watch';
  /** -1: the server does not put a transaction id in a notification's header. */
  zxid: number;
  /** NodeCreated, NodeDeleted, NodeDataChanged, NodeChildrenChanged… (`type` the number). */
  event: string;
  type: number;
  state: string;
  path: string;
  /** The request that left the watch that fired (its completing frame). */
  watch_set?: number;
  /** The request, maybe on another connection, that made the change (end-of-capture pass). */
  cause?: { frame: number; conversation: number; op: string };
}

export type ZookeeperRecord = ZkConnectRecord | ZkConnectedRecord | ZkRequestRecord | ZkReplyRecord | ZkWatchRecord;

/** What a frame completes (the Info column and display filters read it). */
export interface ZookeeperFrameEntry {
  proto: 'zookeeper';
  kind: ZookeeperRecord['kind'];
  xid?: number;
  type?: number;
  op?: string;
  path?: string;
  zxid?: number;
  err?: number;
  error?: string;
  flags?: number;
  ephemeral?: true;
  sequential?: true;
  watch?: boolean;
  created?: string;
  event?: string;
  session_id?: string;
  timeout?: number;
}

/** One contender of a lock or election: an ephemeral sequential znode under the recipe's path. */
export interface ZkContenderRecord {
  znode: string;
  /** Its sequence number (the ten digits ZooKeeper appended). */
  seq: number;
  conversation: number;
  client: string;
  session_id?: string;
  /** The reply that created it. */
  created: number;
  /** The data the contender wrote in it (kazoo: the identifier), when text. */
  data?: string;
  /** From this frame its znode is the lowest: it holds the lock, it is the leader. */
  holds_from?: number;
  /** How its znode went away: deleted by a request, its session closed or expired; absent: still there. */
  released?: { frame: number; by: 'delete' | 'close' | 'expired' };
  /** The frame from which the capture shows the znode gone (the server's reply or a notification). */
  gone?: number;
}

/** A lock or leader election done with ephemeral sequential znodes (kazoo's Lock and Election recipes). */
export interface ZkRecipeRecord {
  path: string;
  /** 'election' when the path names a leader or an election, else 'lock' (the recipe is the same). */
  kind: 'lock' | 'election';
  server: string;
  contenders: ZkContenderRecord[];
  /** Indexes into contenders, in the order they held it. */
  holders: number[];
}

/** ZooKeeper's facts about a conversation. */
export interface ZookeeperFacts {
  zk_session?: { id: string; timeout: number };
  /** The recipes this conversation's session took part in (end-of-capture pass). */
  zk_recipes?: ZkRecipeRecord[];
}

/** What the summary's aggregates read of a ZooKeeper message: a request's or reply's op. */
export function zookeeperFacets(m: ZookeeperRecord): MessageFacets {
  switch (m.kind) {
    case 'request':
      return { name: m.op };
    case 'reply':
      return m.op !== undefined ? { name: m.op } : {};
    case 'watch':
      return { name: m.event };
    case 'connect':
    case 'connected':
      return {};
    default: {
      const never: never = m;
      return never;
    }
  }
}
