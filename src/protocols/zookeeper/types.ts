/**
 * ZooKeeper client protocol (jute, big-endian) messages as ./decode.ts returns them. Names follow ZooKeeper's
 * own (zookeeper.jute, ZooDefs.OpCode, KeeperException.Code, Watcher.Event); Wireshark 4.0 has no dissector.
 */
import type { Span } from '../reader.js';

/** ZooDefs.OpCode. */
export const ZK_OPS: Readonly<Record<number, string>> = {
  0: 'notification',
  1: 'create',
  2: 'delete',
  3: 'exists',
  4: 'getData',
  5: 'setData',
  6: 'getACL',
  7: 'setACL',
  8: 'getChildren',
  9: 'sync',
  11: 'ping',
  12: 'getChildren2',
  13: 'check',
  14: 'multi',
  15: 'create2',
  16: 'reconfig',
  17: 'checkWatches',
  18: 'removeWatches',
  19: 'createContainer',
  20: 'deleteContainer',
  21: 'createTTL',
  22: 'multiRead',
  100: 'auth',
  101: 'setWatches',
  102: 'sasl',
  103: 'getEphemerals',
  104: 'getAllChildrenNumber',
  105: 'setWatches2',
  106: 'addWatch',
  107: 'whoAmI',
  [-10]: 'createSession',
  [-11]: 'closeSession',
  [-1]: 'error',
};

/** KeeperException.Code. */
export const ZK_ERRORS: Readonly<Record<number, string>> = {
  0: 'OK',
  [-1]: 'SystemError',
  [-2]: 'RuntimeInconsistency',
  [-3]: 'DataInconsistency',
  [-4]: 'ConnectionLoss',
  [-5]: 'MarshallingError',
  [-6]: 'Unimplemented',
  [-7]: 'OperationTimeout',
  [-8]: 'BadArguments',
  [-13]: 'NewConfigNoQuorum',
  [-14]: 'ReconfigInProgress',
  [-100]: 'APIError',
  [-101]: 'NoNode',
  [-102]: 'NoAuth',
  [-103]: 'BadVersion',
  [-108]: 'NoChildrenForEphemerals',
  [-110]: 'NodeExists',
  [-111]: 'NotEmpty',
  [-112]: 'SessionExpired',
  [-113]: 'InvalidCallback',
  [-114]: 'InvalidACL',
  [-115]: 'AuthFailed',
  [-118]: 'SessionMoved',
  [-119]: 'NotReadOnly',
  [-120]: 'EphemeralOnLocalSession',
  [-121]: 'NoWatcher',
  [-122]: 'RequestTimeout',
  [-123]: 'ReconfigDisabled',
  [-124]: 'SessionClosedRequireSaslAuth',
  [-125]: 'QuotaExceeded',
  [-127]: 'Throttled',
};

/** Watcher.Event.EventType. */
export const ZK_EVENT_TYPES: Readonly<Record<number, string>> = {
  [-1]: 'None',
  1: 'NodeCreated',
  2: 'NodeDeleted',
  3: 'NodeDataChanged',
  4: 'NodeChildrenChanged',
  5: 'DataWatchRemoved',
  6: 'ChildWatchRemoved',
  7: 'PersistentWatchRemoved',
};

/** Watcher.Event.KeeperState. */
export const ZK_STATES: Readonly<Record<number, string>> = {
  0: 'Disconnected',
  3: 'SyncConnected',
  4: 'AuthFailed',
  5: 'ConnectedReadOnly',
  6: 'SaslAuthenticated',
  [-112]: 'Expired',
  7: 'Closed',
};

/** Special xids. */
export const ZK_XID_WATCH = -1;
export const ZK_XID_PING = -2;
export const ZK_XID_AUTH = -4;
export const ZK_XID_SET_WATCHES = -8;

export interface ZkConnectRequest {
  readonly kind: 'connect-request';
  readonly protocolVersion: number;
  readonly lastZxidSeen: bigint;
  /** Requested session timeout, ms. */
  readonly timeout: number;
  /** 0 for a new session. */
  readonly sessionId: bigint;
  readonly password: Uint8Array;
  /** Present when the client sent the optional readOnly byte (3.4+ clients). */
  readonly readOnly: boolean | undefined;
}

export interface ZkConnectResponse {
  readonly kind: 'connect-response';
  readonly protocolVersion: number;
  /** Negotiated session timeout, ms (0 = the session expired). */
  readonly timeout: number;
  readonly sessionId: bigint;
  readonly password: Uint8Array;
  readonly readOnly: boolean | undefined;
}

export interface ZkId {
  readonly scheme: string;
  readonly id: string;
}
export interface ZkAcl {
  readonly perms: number;
  readonly id: ZkId;
}

/** CreateMode from a create request's flags. */
export interface ZkCreateFlags {
  readonly flags: number;
  readonly ephemeral: boolean;
  readonly sequential: boolean;
  readonly container: boolean;
  readonly withTtl: boolean;
}

/** A request's operation-specific part. `data` is null when the client sent a null buffer. */
export type ZkOp =
  | ({
      readonly op: 'create' | 'create2' | 'createContainer' | 'createTTL';
      readonly path: string;
      readonly data: Span | null;
      readonly acl: readonly ZkAcl[];
      readonly ttl: bigint | undefined;
    } & ZkCreateFlags)
  | { readonly op: 'delete' | 'check'; readonly path: string; readonly version: number }
  | {
      readonly op: 'exists' | 'getData' | 'getChildren' | 'getChildren2';
      readonly path: string;
      /** The client leaves a watch on the node with this request. */
      readonly watch: boolean;
    }
  | { readonly op: 'setData'; readonly path: string; readonly data: Span | null; readonly version: number }
  | { readonly op: 'getACL' | 'sync'; readonly path: string }
  | { readonly op: 'setACL'; readonly path: string; readonly acl: readonly ZkAcl[]; readonly version: number }
  | { readonly op: 'ping' | 'closeSession' }
  | { readonly op: 'multi'; readonly ops: readonly ZkOp[] }
  | {
      readonly op: 'setWatches';
      readonly relativeZxid: bigint;
      readonly dataWatches: readonly string[];
      readonly existWatches: readonly string[];
      readonly childWatches: readonly string[];
    }
  | { readonly op: 'auth'; readonly authType: number; readonly scheme: string; readonly auth: Span }
  | { readonly op: 'other'; readonly type: number; readonly body: Span };

export interface ZkRequest {
  readonly kind: 'request';
  readonly xid: number;
  /** OpCode */
  readonly type: number;
  readonly typeName: string | undefined;
  readonly body: ZkOp;
}

export interface ZkStat {
  readonly czxid: bigint;
  readonly mzxid: bigint;
  readonly ctime: bigint;
  readonly mtime: bigint;
  readonly version: number;
  readonly cversion: number;
  readonly aversion: number;
  /** Session id of the owner of an ephemeral node, 0 otherwise. */
  readonly ephemeralOwner: bigint;
  readonly dataLength: number;
  readonly numChildren: number;
  readonly pzxid: bigint;
}

export interface ZkReplyHeader {
  readonly xid: number;
  readonly zxid: bigint;
  readonly err: number;
  readonly errName: string | undefined;
}

/** A reply's body, by the type of the request it answers. */
export type ZkResult =
  | { readonly op: 'create'; readonly path: string }
  | { readonly op: 'create2'; readonly path: string; readonly stat: ZkStat }
  | { readonly op: 'exists' | 'setData'; readonly stat: ZkStat }
  | { readonly op: 'getData'; readonly data: Span | null; readonly stat: ZkStat }
  | { readonly op: 'getChildren'; readonly children: readonly string[] }
  | { readonly op: 'getChildren2'; readonly children: readonly string[]; readonly stat: ZkStat }
  | { readonly op: 'getACL'; readonly acl: readonly ZkAcl[]; readonly stat: ZkStat }
  | { readonly op: 'sync'; readonly path: string }
  | { readonly op: 'multi'; readonly results: readonly ZkMultiResult[] }
  /** delete, check, ping, closeSession, setACL's stat is skipped… any reply whose body is empty. */
  | { readonly op: 'empty' };

export type ZkMultiResult =
  | { readonly type: number; readonly err: number; readonly path?: string; readonly stat?: ZkStat }
  | { readonly type: -1; readonly err: number };

export interface ZkReply {
  readonly kind: 'reply';
  readonly header: ZkReplyHeader;
  /** The request type the caller paired this reply with (by xid), when it knew one. */
  readonly requestType: number | undefined;
  /** Outcome body: undefined when err != 0, or when the request type is unknown or not decoded. */
  readonly result: ZkResult | undefined;
  readonly body: Span;
}

/** A watch notification (xid -1): the server tells the client that a watched node changed. */
export interface ZkWatchEvent {
  readonly kind: 'watch-event';
  readonly header: ZkReplyHeader;
  readonly type: number;
  readonly typeName: string | undefined;
  readonly state: number;
  readonly stateName: string | undefined;
  readonly path: string;
}

export type ZkClientMessage = ZkConnectRequest | ZkRequest;
export type ZkServerMessage = ZkConnectResponse | ZkReply | ZkWatchEvent;
