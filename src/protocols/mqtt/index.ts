/** MQTT 3.1, 3.1.1 and 5.0 as a protocol module: port 1883, or a CONNECT packet on any port. */
import type { ProtocolModule } from '../types.js';
import { looksLikeMqttConnect, NOTES } from './decode.js';
import { type MqttRecord, mqttFacets } from './model.js';
import { MqttHandler } from './session.js';
import * as words from './words.js';

export const mqtt: ProtocolModule = {
  name: 'mqtt',
  ports: [1883],
  detect(head) {
    if (looksLikeMqttConnect(head)) return {};
    // a CONNECT (0x10) is at least 14 bytes up to its protocol level
    return head[0] === 0x10 && head.length < 14 ? 'more' : 'no';
  },
  session: (conv) => new MqttHandler(conv),
  notes: NOTES,
  // asked only about its own messages (SessionProtocols.facets goes by `proto`)
  facets: (m) => mqttFacets(m as MqttRecord),
  words: {
    label: words.label,
    sentence: words.sentence,
    info: words.mqttInfo,
    roles: words.roles,
    phases: words.phases,
    tellsAll: true,
    hostRoles: words.hostRoles,
    convLine: words.convLine,
  },
};
