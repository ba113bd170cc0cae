/** mqtt.* display-filter fields (Wireshark's names where Wireshark has the field), read from what each frame completed. */

import { entries, flag, hasApp, many, messages, pushEach } from '../../filter/fields/define.js';
import type { FieldTable, FrameView } from '../../filter/types.js';
import { MSGTYPE } from './decode.js';

const app = (proto: string) => (v: FrameView) => hasApp(v, proto);

/** mqtt.* fields that only PUBLISH carries in its fixed header (Wireshark shows qos/retain for PUBLISH only). */
const publishes = (v: FrameView) => entries(v, 'mqtt').filter((e) => e.msgtype === MSGTYPE.PUBLISH);

export const MQTT_FIELDS: FieldTable = {
  proto: 'mqtt',
  title: 'MQ Telemetry Transport Protocol',
  fields: [
    flag('mqtt', 'protocol', 'An MQTT control packet ends in this frame', app('mqtt')),
    many(
      'mqtt.msgtype',
      'uint',
      'Packet type: 1 CONNECT, 2 CONNACK, 3 PUBLISH, 4 PUBACK, 8 SUBSCRIBE, 9 SUBACK, 12 PINGREQ, 14 DISCONNECT',
      (v, out) => pushEach(entries(v, 'mqtt'), 'msgtype', out),
    ),
    many('mqtt.topic', 'string', 'Topic of a PUBLISH, topic filters of a SUBSCRIBE or UNSUBSCRIBE', (v, out) => {
      const es = entries(v, 'mqtt');
      pushEach(es, 'topic', out);
      pushEach(es, 'topics', out);
    }),
    many('mqtt.qos', 'uint', 'QoS of a PUBLISH (0, 1, 2)', (v, out) => pushEach(publishes(v), 'qos', out)),
    many('mqtt.retain', 'bool', 'Retain flag of a PUBLISH', (v, out) => {
      for (const e of publishes(v)) out.push(e.retain ? 1 : 0);
    }),
    many('mqtt.dupflag', 'bool', 'DUP flag of a PUBLISH', (v, out) => {
      for (const m of messages(v, 'mqtt')) if (m.kind === 'PUBLISH') out.push('dup' in m && m.dup ? 1 : 0);
    }),
    many('mqtt.msgid', 'uint', 'Packet identifier (PUBLISH QoS > 0, PUBACK…, SUBSCRIBE, SUBACK…)', (v, out) =>
      pushEach(entries(v, 'mqtt'), 'packet_id', out),
    ),
    many('mqtt.clientid', 'string', 'Client identifier of a CONNECT', (v, out) => {
      for (const m of messages(v, 'mqtt'))
        if (m.kind === 'CONNECT' && 'client_id' in m && typeof m.client_id === 'string') out.push(m.client_id);
    }),
    many('mqtt.username', 'string', 'User name of a CONNECT', (v, out) => {
      for (const m of messages(v, 'mqtt'))
        if (m.kind === 'CONNECT' && 'username' in m && typeof m.username === 'string') out.push(m.username);
    }),
  ],
};
