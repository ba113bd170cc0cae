/** MQTT 3.1, 3.1.1 and 5.0 as a protocol module: port 1883, or a CONNECT packet on any port. */
import type { SessionProtocol } from '../../analysis/app/protocol.js';
import { looksLikeMqttConnect, NOTES } from './decode.js';
import { MqttHandler } from './session.js';

export const mqtt: SessionProtocol = {
  name: 'mqtt',
  ports: [1883],
  detect(head) {
    if (looksLikeMqttConnect(head)) return {};
    // a CONNECT (0x10) is at least 14 bytes up to its protocol level
    return head[0] === 0x10 && head.length < 14 ? 'more' : 'no';
  },
  session: (conv) => new MqttHandler(conv),
  notes: NOTES,
};
