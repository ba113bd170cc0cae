/**
 * MQTT's part of the JSON model: one record per control packet (conversations[].messages, `kind` the
 * packet type in upper case), its frame entries (frames[].app) and its facts about a conversation, as the
 * session (session.ts) writes them and schema/pcap-explain.schema.json describes them.
 */
import type { MessageFacets } from '../../analysis/app/budget.js';
import type { AppMessageRecord, AppPayloadRecord } from '../../analysis/model.js';

/** MQTT 5 property names as the JSON model spells them (snake_case of mqtt-packet's names). */
export type MqttPropertyName =
  | 'payload_format_indicator'
  | 'message_expiry_interval'
  | 'content_type'
  | 'response_topic'
  | 'correlation_data'
  | 'subscription_identifier'
  | 'session_expiry_interval'
  | 'assigned_client_identifier'
  | 'server_keep_alive'
  | 'authentication_method'
  | 'authentication_data'
  | 'request_problem_information'
  | 'will_delay_interval'
  | 'request_response_information'
  | 'response_information'
  | 'server_reference'
  | 'reason_string'
  | 'receive_maximum'
  | 'topic_alias_maximum'
  | 'topic_alias'
  | 'maximum_qo_s'
  | 'retain_available'
  | 'maximum_packet_size'
  | 'wildcard_subscription_available'
  | 'subscription_identifiers_available'
  | 'shared_subscription_available';

/** MQTT 5 properties: binary values as text or hex, user properties as [name, value] pairs in order. */
export type MqttPropertiesRecord = { [K in MqttPropertyName]?: string | number | boolean | number[] } & {
  user_properties?: Array<[string, string]>;
};

/** A will a CONNECT sets: published by the broker when the client's connection ends without DISCONNECT. */
export interface MqttWillRecord {
  topic: string;
  qos: number;
  retain: boolean;
  payload: AppPayloadRecord;
  properties?: MqttPropertiesRecord;
}

/** A PUBLISH forwarded by the broker: the publication it forwards, or (relayed_to) one delivery of it. */
export interface MqttRelayRecord {
  /** relayed_from: the publication's frame; relayed_to: the delivery's frame. */
  frame: number;
  conversation: number;
  /** A relay's delay (seconds). */
  delay?: number;
  /** A retained message handed to a new subscriber, and how long the broker had kept it. */
  retained?: true;
  age?: number;
  /** A will the broker published (`frame`: the CONNECT that set it). */
  will?: true;
}

interface Mqtt extends AppMessageRecord {
  proto: 'mqtt';
  /** Control packet type (mqtt.msgtype). */
  msgtype: number;
  properties?: MqttPropertiesRecord;
  /** Not a malformed packet (see MqttMalformedRecord). */
  malformed?: undefined;
}

/** A CONNECT; one the snapshot length cut has only what its first bytes tell (version, keep-alive, client id) and `cut`. */
export interface MqttConnectRecord extends Mqtt {
  kind: 'CONNECT';
  proto_name?: 'MQTT' | 'MQIsdp';
  /** Protocol level: 3 (3.1), 4 (3.1.1), 5. */
  version: number;
  client_id?: string;
  keep_alive?: number;
  clean_session?: boolean;
  username?: string;
  /** Whether a password is there (never what it is, nor its length). */
  password?: { present: boolean };
  will?: MqttWillRecord;
  /** Deliveries of its will by the broker. */
  relayed_to?: MqttRelayRecord[];
}

export interface MqttConnackRecord extends Mqtt {
  kind: 'CONNACK';
  session_present: boolean;
  /** Return code (3.1.1) or reason code (5), and its meaning. */
  code: number | undefined;
  meaning: string | undefined;
  accepted: boolean;
}

/** A PUBLISH; one the snapshot length cut has `cut`, and its topic and payload when their bytes were captured. */
export interface MqttPublishRecord extends Mqtt {
  kind: 'PUBLISH';
  topic?: string;
  qos: number;
  retain: boolean;
  dup: boolean;
  /** QoS 1 and 2 only. */
  packet_id?: number;
  /** The broker forwarding a publication (s2c), and a publication's deliveries (c2s). */
  relayed_from?: MqttRelayRecord;
  relayed_to?: MqttRelayRecord[];
}

export interface MqttAckRecord extends Mqtt {
  kind: 'PUBACK' | 'PUBREC' | 'PUBREL' | 'PUBCOMP';
  packet_id: number;
  /** MQTT 5 reason code and its name. */
  reason_code?: number;
  reason?: string;
}

export interface MqttSubscribeRecord extends Mqtt {
  kind: 'SUBSCRIBE';
  packet_id: number;
  /** Topic filters with the QoS asked for (and MQTT 5 options: no local, retain as published, retain handling). */
  subscriptions: Array<{ topic: string; qos: number; nl?: boolean; rap?: boolean; rh?: number }>;
}

export interface MqttSubackRecord extends Mqtt {
  kind: 'SUBACK';
  packet_id: number;
  /** Granted QoS or failure (0x80) per filter; MQTT 5 reason codes. */
  granted: number[];
}

export interface MqttUnsubscribeRecord extends Mqtt {
  kind: 'UNSUBSCRIBE';
  packet_id: number;
  topics: string[];
}

export interface MqttUnsubackRecord extends Mqtt {
  kind: 'UNSUBACK';
  packet_id: number;
  /** MQTT 5: a reason code per filter. */
  reason_codes?: number[];
}

export interface MqttPingRecord extends Mqtt {
  kind: 'PINGREQ' | 'PINGRESP';
}

export interface MqttDisconnectRecord extends Mqtt {
  kind: 'DISCONNECT' | 'AUTH';
  reason_code?: number;
  reason?: string;
}

/** The upper-case names of MQTT's packet types. */
export type MqttKind =
  | 'CONNECT'
  | 'CONNACK'
  | 'PUBLISH'
  | 'PUBACK'
  | 'PUBREC'
  | 'PUBREL'
  | 'PUBCOMP'
  | 'SUBSCRIBE'
  | 'SUBACK'
  | 'UNSUBSCRIBE'
  | 'UNSUBACK'
  | 'PINGREQ'
  | 'PINGRESP'
  | 'DISCONNECT'
  | 'AUTH';

/** A packet mqtt-packet rejected: its type from the fixed header and why (the note says it too). */
export interface MqttMalformedRecord extends Omit<Mqtt, 'malformed'> {
  /** The type from the fixed header (RESERVED: type 0). */
  kind: MqttKind | 'RESERVED';
  malformed: string;
}

export type MqttRecord =
  | MqttConnectRecord
  | MqttConnackRecord
  | MqttPublishRecord
  | MqttAckRecord
  | MqttSubscribeRecord
  | MqttSubackRecord
  | MqttUnsubscribeRecord
  | MqttUnsubackRecord
  | MqttPingRecord
  | MqttDisconnectRecord
  | MqttMalformedRecord;

/** What a frame completes (the Info column and display filters read it). */
export interface MqttFrameEntry {
  proto: 'mqtt';
  kind: MqttKind | 'RESERVED';
  msgtype: number;
  topic?: string;
  /** SUBSCRIBE / UNSUBSCRIBE: the topic filters. */
  topics?: string[];
  qos?: number;
  packet_id?: number;
  retain?: true;
  /** CONNACK: return or reason code. */
  code?: number;
  malformed?: true;
  /** The snapshot length cut the packet. */
  cut?: true;
  /** PUBLISH: the payload (bounded, as tshark's mqtt.msg). */
  payload?: AppPayloadRecord;
}

/** MQTT's facts about a conversation (after `pattern`). */
export interface MqttFacts {
  /** The session's protocol version: '3.1', '3.1.1', '5.0'. */
  mqtt_version?: string;
  /**
   * The broker closed this connection after another connection with the same client ID was accepted (session
   * takeover): that conversation and the frame of its CONNECT.
   */
  mqtt_taken_over?: { by: number; frame: number };
}

/** MQTT's fields in the dataset's conn.jsonl (ProtocolModule.conn). */
export const MQTT_CONN_FIELDS = ['mqtt_version', 'taken_over_by'] as const;

export function mqttConnFields(c: MqttFacts): Record<(typeof MQTT_CONN_FIELDS)[number], string | number | null> {
  return { mqtt_version: c.mqtt_version ?? null, taken_over_by: c.mqtt_taken_over?.by ?? null };
}

/** What the summary's aggregates read of an MQTT packet: a PUBLISH's topic, QoS and relay delay. */
export function mqttFacets(m: MqttRecord): MessageFacets {
  if (m.malformed !== undefined || m.kind !== 'PUBLISH') return {};
  const f: MessageFacets = { qos: m.qos };
  if (m.topic !== undefined) f.topic = m.topic;
  if (m.relayed_from?.delay !== undefined) f.delay = m.relayed_from.delay;
  return f;
}
