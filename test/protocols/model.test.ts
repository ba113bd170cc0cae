/**
 * The typed application model against its JSON: every message and frame entry of every golden JSON has
 * only fields its type variant lists (src/protocols/<name>/model.ts), and the schema describes no message
 * field the types do not have. The field lists below are checked against the types by the compiler
 * (`satisfies`: a field added to a variant and not listed here fails the type check).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { DataFrameEntry, DataRecord } from '../../src/protocols/data/model.js';
import type { DnsFrameEntry, DnsQueryRecord, DnsResponseRecord } from '../../src/protocols/dns/model.js';
import type {
  GiopBareRecord,
  GiopCancelRequestRecord,
  GiopFragmentRecord,
  GiopFrameEntry,
  GiopLocateReplyRecord,
  GiopLocateRequestRecord,
  GiopReplyRecord,
  GiopRequestRecord,
} from '../../src/protocols/giop/model.js';
import type { HttpRequestRecord, HttpResponseRecord } from '../../src/protocols/http/model.js';
import type {
  IceBareRecord,
  IceBatchRequestRecord,
  IceFrameEntry,
  IceReplyRecord,
  IceRequestRecord,
} from '../../src/protocols/ice/model.js';
import type {
  MqttAckRecord,
  MqttConnackRecord,
  MqttConnectRecord,
  MqttDisconnectRecord,
  MqttFrameEntry,
  MqttMalformedRecord,
  MqttPingRecord,
  MqttPublishRecord,
  MqttSubackRecord,
  MqttSubscribeRecord,
  MqttUnsubackRecord,
  MqttUnsubscribeRecord,
} from '../../src/protocols/mqtt/model.js';
import type { ZmtpCommandRecord, ZmtpGreetingRecord, ZmtpMessageRecord } from '../../src/protocols/zmtp/model.js';
import type {
  ZkConnectedRecord,
  ZkConnectRecord,
  ZkReplyRecord,
  ZkRequestRecord,
  ZkWatchRecord,
  ZookeeperFrameEntry,
} from '../../src/protocols/zookeeper/model.js';
import { ROOT } from '../helpers/fixtures.js';

type Fields<T> = { [K in keyof Required<T>]: true };
const BASE = {
  cut: true,
  frame: true,
  frames: true,
  dir: true,
  proto: true,
  kind: true,
  payload: true,
  reply_to: true,
  latency: true,
  replied_by: true,
} as const;
const MQTT = { ...BASE, msgtype: true, properties: true, malformed: true } as const;
const GIOP = { ...BASE, version: true, little_endian: true, size: true } as const;
const ICE = { ...BASE, msgtype: true, size: true, compression: true, undecoded: true } as const;
const ICE_CALL = {
  identity: true,
  facet: true,
  operation: true,
  mode: true,
  mode_name: true,
  context: true,
  params: true,
} as const;
const HTTP = {
  ...BASE,
  version: true,
  headers: true,
  content_type: true,
  content_length: true,
  body_len: true,
  chunked: true,
  keep_alive: true,
  complete: true,
  body_capped: true,
  carried: true,
} as const;

const DNS = {
  ...BASE,
  id: true,
  flags: true,
  opcode: true,
  rd: true,
  questions: true,
  counts: true,
  problem: true,
} as const;

/** Fields of each message variant, by proto and kind. */
const MESSAGE_FIELDS: Record<string, Record<string, readonly string[]>> = {
  zmtp: {
    greeting: Object.keys({
      ...BASE,
      version: true,
      mechanism: true,
      as_server: true,
      socket_type: true,
    } satisfies Fields<ZmtpGreetingRecord>),
    command: Object.keys({
      ...BASE,
      name: true,
      properties: true,
      reason: true,
      topic: true,
      ttl: true,
      username: true,
      password: true,
      data_length: true,
      curve_version: true,
      group: true,
    } satisfies Fields<ZmtpCommandRecord>),
    message: Object.keys({
      ...BASE,
      parts: true,
      size: true,
      part_count: true,
      subscription: true,
    } satisfies Fields<ZmtpMessageRecord>),
  },
  mqtt: {
    CONNECT: Object.keys({
      ...MQTT,
      proto_name: true,
      version: true,
      client_id: true,
      keep_alive: true,
      clean_session: true,
      username: true,
      password: true,
      will: true,
      relayed_to: true,
    } satisfies Fields<MqttConnectRecord>),
    CONNACK: Object.keys({
      ...MQTT,
      session_present: true,
      code: true,
      meaning: true,
      accepted: true,
    } satisfies Fields<MqttConnackRecord>),
    PUBLISH: Object.keys({
      ...MQTT,
      topic: true,
      qos: true,
      retain: true,
      dup: true,
      packet_id: true,
      relayed_from: true,
      relayed_to: true,
    } satisfies Fields<MqttPublishRecord>),
    ...Object.fromEntries(
      ['PUBACK', 'PUBREC', 'PUBREL', 'PUBCOMP'].map((k) => [
        k,
        Object.keys({ ...MQTT, packet_id: true, reason_code: true, reason: true } satisfies Fields<MqttAckRecord>),
      ]),
    ),
    SUBSCRIBE: Object.keys({ ...MQTT, packet_id: true, subscriptions: true } satisfies Fields<MqttSubscribeRecord>),
    SUBACK: Object.keys({ ...MQTT, packet_id: true, granted: true } satisfies Fields<MqttSubackRecord>),
    UNSUBSCRIBE: Object.keys({ ...MQTT, packet_id: true, topics: true } satisfies Fields<MqttUnsubscribeRecord>),
    UNSUBACK: Object.keys({ ...MQTT, packet_id: true, reason_codes: true } satisfies Fields<MqttUnsubackRecord>),
    PINGREQ: Object.keys(MQTT satisfies Fields<MqttPingRecord>),
    PINGRESP: Object.keys(MQTT),
    DISCONNECT: Object.keys({ ...MQTT, reason_code: true, reason: true } satisfies Fields<MqttDisconnectRecord>),
    AUTH: Object.keys({ ...MQTT, reason_code: true, reason: true }),
  },
  http: {
    request: Object.keys({
      ...HTTP,
      method: true,
      uri: true,
      path: true,
      params: true,
    } satisfies Fields<HttpRequestRecord>),
    response: Object.keys({
      ...HTTP,
      status: true,
      phrase: true,
      request_method: true,
    } satisfies Fields<HttpResponseRecord>),
  },
  icep: {
    Request: Object.keys({
      ...ICE,
      ...ICE_CALL,
      request_id: true,
      oneway: true,
    } satisfies Fields<IceRequestRecord>),
    BatchRequest: Object.keys({ ...ICE, requests: true } satisfies Fields<IceBatchRequestRecord>),
    Reply: Object.keys({
      ...ICE,
      request_id: true,
      status: true,
      status_name: true,
      request_operation: true,
      request_identity: true,
      result: true,
      missing: true,
      reason: true,
    } satisfies Fields<IceReplyRecord>),
    ValidateConnection: Object.keys({ ...ICE } satisfies Fields<IceBareRecord>),
    CloseConnection: Object.keys({ ...ICE } satisfies Fields<IceBareRecord>),
  },
  giop: {
    Request: Object.keys({
      ...GIOP,
      request_id: true,
      operation: true,
      object_key: true,
      object_key_text: true,
      response_expected: true,
      response_flags: true,
      service_contexts: true,
      arguments: true,
    } satisfies Fields<GiopRequestRecord>),
    Reply: Object.keys({
      ...GIOP,
      request_id: true,
      status: true,
      status_name: true,
      operation: true,
      result: true,
      exception: true,
    } satisfies Fields<GiopReplyRecord>),
    CancelRequest: Object.keys({ ...GIOP, request_id: true } satisfies Fields<GiopCancelRequestRecord>),
    LocateRequest: Object.keys({
      ...GIOP,
      request_id: true,
      object_key: true,
      object_key_text: true,
    } satisfies Fields<GiopLocateRequestRecord>),
    LocateReply: Object.keys({
      ...GIOP,
      request_id: true,
      status: true,
      status_name: true,
      forward: true,
    } satisfies Fields<GiopLocateReplyRecord>),
    CloseConnection: Object.keys(GIOP satisfies Fields<GiopBareRecord>),
    MessageError: Object.keys(GIOP),
    Fragment: Object.keys({ ...GIOP, request_id: true, more_fragments: true } satisfies Fields<GiopFragmentRecord>),
  },
  dns: {
    query: Object.keys(DNS satisfies Fields<DnsQueryRecord>),
    response: Object.keys({
      ...DNS,
      rcode: true,
      rcode_name: true,
      aa: true,
      ra: true,
      tc: true,
      answers: true,
      authorities: true,
      additionals: true,
    } satisfies Fields<DnsResponseRecord>),
  },
  data: { data: Object.keys({ ...BASE, length: true, clock: true } satisfies Fields<DataRecord>) },
  zookeeper: {
    connect: Object.keys({
      ...BASE,
      timeout: true,
      session_id: true,
      last_zxid: true,
      read_only: true,
    } satisfies Fields<ZkConnectRecord>),
    connected: Object.keys({
      ...BASE,
      timeout: true,
      session_id: true,
      read_only: true,
    } satisfies Fields<ZkConnectedRecord>),
    request: Object.keys({
      ...BASE,
      xid: true,
      type: true,
      op: true,
      path: true,
      flags: true,
      ephemeral: true,
      sequential: true,
      watch: true,
      version: true,
      ops: true,
      watches: true,
    } satisfies Fields<ZkRequestRecord>),
    reply: Object.keys({
      ...BASE,
      xid: true,
      zxid: true,
      err: true,
      error: true,
      type: true,
      op: true,
      path: true,
      created: true,
      children: true,
      stat: true,
    } satisfies Fields<ZkReplyRecord>),
    watch: Object.keys({
      ...BASE,
      zxid: true,
      event: true,
      type: true,
      state: true,
      path: true,
      watch_set: true,
      cause: true,
    } satisfies Fields<ZkWatchRecord>),
  },
};
// the malformed variant: the fixed header's fields only
const MALFORMED = Object.keys({ ...BASE, msgtype: true, properties: true, malformed: true } satisfies Fields<
  Omit<MqttMalformedRecord, never>
>);

/** Fields of the frame entries, by proto. */
const ENTRY_FIELDS: Record<string, readonly string[]> = {
  zmtp: [
    'proto',
    'kind',
    'version',
    'mechanism',
    'as_server',
    'socket_type',
    'name',
    'properties',
    'topic',
    'username',
    'reason',
    'parts',
    'subscription',
    'preview',
  ],
  mqtt: Object.keys({
    proto: true,
    kind: true,
    msgtype: true,
    topic: true,
    topics: true,
    qos: true,
    packet_id: true,
    retain: true,
    code: true,
    malformed: true,
    cut: true,
    payload: true,
  } satisfies Fields<MqttFrameEntry>),
  http: ['proto', 'kind', 'method', 'uri', 'version', 'status', 'phrase', 'content_type', 'body', 'carried'],
  icep: Object.keys({
    proto: true,
    kind: true,
    msgtype: true,
    request_id: true,
    calls: true,
    status: true,
    undecoded: true,
  } satisfies Fields<IceFrameEntry>),
  giop: Object.keys({
    proto: true,
    kind: true,
    version: true,
    little_endian: true,
    type: true,
    size: true,
    request_id: true,
    operation: true,
    response_expected: true,
    response_flags: true,
    status: true,
    type_ids: true,
    hosts: true,
    ports: true,
  } satisfies Fields<GiopFrameEntry>),
  dns: Object.keys({
    proto: true,
    kind: true,
    id: true,
    flags: true,
    questions: true,
    rcode: true,
    answers: true,
    others: true,
    counts: true,
    problem: true,
  } satisfies Fields<DnsFrameEntry>),
  data: Object.keys({ proto: true, kind: true, length: true, payload: true } satisfies Fields<DataFrameEntry>),
  zookeeper: Object.keys({
    proto: true,
    kind: true,
    xid: true,
    type: true,
    op: true,
    path: true,
    zxid: true,
    err: true,
    error: true,
    flags: true,
    ephemeral: true,
    sequential: true,
    watch: true,
    created: true,
    event: true,
    session_id: true,
    timeout: true,
  } satisfies Fields<ZookeeperFrameEntry>),
};

const OUT = join(ROOT, 'test/golden/out');
const goldens = readdirSync(OUT).filter((f) => f.endsWith('.en.json'));

interface Json {
  frames: Array<{ app?: Array<Record<string, unknown>> }>;
  conversations: Array<{ messages?: Array<Record<string, unknown>> }>;
}

describe('typed application model', () => {
  it.each(goldens)('%s: every message and frame entry has only its variant’s fields', (file) => {
    const m = JSON.parse(readFileSync(join(OUT, file), 'utf8')) as Json;
    for (const c of m.conversations)
      for (const msg of c.messages ?? []) {
        const proto = String(msg.proto);
        const kind = String(msg.kind);
        const fields = msg.malformed !== undefined ? MALFORMED : MESSAGE_FIELDS[proto]?.[kind];
        expect(fields, `${proto} ${kind}`).toBeDefined();
        for (const k of Object.keys(msg)) expect(fields, `${proto} ${kind} field ${k}`).toContain(k);
      }
    for (const f of m.frames)
      for (const e of f.app ?? []) {
        const fields = e.kind === 'segment' ? ['proto', 'kind'] : ENTRY_FIELDS[String(e.proto)];
        for (const k of Object.keys(e)) expect(fields, `${e.proto} ${e.kind} entry field ${k}`).toContain(k);
      }
  });

  it('the schema describes no message field that no variant has', () => {
    const schema = JSON.parse(readFileSync(join(ROOT, 'schema/pcap-explain.schema.json'), 'utf8'));
    const all = new Set(Object.values(MESSAGE_FIELDS).flatMap((byKind) => Object.values(byKind).flat()));
    for (const k of Object.keys(schema.$defs.appMessage.properties)) expect([...all], `schema field ${k}`).toContain(k);
    const entries = new Set(Object.values(ENTRY_FIELDS).flat());
    for (const k of Object.keys(schema.$defs.appFrameEntry.properties))
      expect([...entries], `schema entry field ${k}`).toContain(k);
  });
});
