/** MQTT 3.1, 3.1.1 and 5.0 as a protocol module: port 1883, or a CONNECT packet on any port. */
import type { ProtocolModule } from '../types.js';
import { en } from './catalog.en.js';
import { id } from './catalog.id.js';
import { looksLikeMqttConnect, MQTT_DEFAULT_MAX_LENGTH, NOTES } from './decode.js';
import { MQTT_FIELDS } from './fields.js';
import { MQTT_CONN_FIELDS, type MqttFacts, type MqttRecord, mqttConnFields, mqttFacets } from './model.js';
import { MqttHandler } from './session.js';
import * as words from './words.js';

export const mqtt = {
  name: 'mqtt',
  ports: [1883],
  limits: [{ name: 'mqttBytes', default: MQTT_DEFAULT_MAX_LENGTH }] as const,
  detect(head) {
    if (looksLikeMqttConnect(head)) return {};
    // a CONNECT (0x10) is at least 14 bytes up to its protocol level
    return head[0] === 0x10 && head.length < 14 ? 'more' : 'no';
  },
  session: (conv) => new MqttHandler(conv),
  notes: NOTES,
  // asked only about its own messages (SessionProtocols.facets goes by `proto`)
  facets: (m) => mqttFacets(m as MqttRecord),
  fields: MQTT_FIELDS,
  conn: { fields: MQTT_CONN_FIELDS, of: (c) => mqttConnFields(c as typeof c & MqttFacts) },
  words: {
    catalog: { en, id },
    label: words.label,
    sentence: words.sentence,
    info: words.mqttInfo,
    roles: words.roles,
    phases: words.phases,
    tellsAll: true,
    tcpAckOfMessage: 'ex.tcp.ack.msg.mqtt',
    unacknowledged: words.unacknowledged,
    teach: words.teach,
    quietNotes: ['mqtt.version.assumed'],
    ending: words.ending,
    title: words.title,
    arrow: words.arrow,
    hostRoles: words.hostRoles,
    convLine: words.convLine,
  },
} satisfies ProtocolModule;
