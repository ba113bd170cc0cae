import { h } from './util.js';

// CONNECT / SUBSCRIBE / PUBLISH QoS 0 were sent by paho-mqtt 1.6 (Debian python3-paho-mqtt) to a
// loopback listener; the others are hand-made from the MQTT 3.1.1 / 5.0 specifications.

export const CONNECT_V311 = h(
  '10 38' + // CONNECT, remaining length 56
    '0004 4d515454' + // protocol name "MQTT"
    '04' + // protocol level 4 (3.1.1)
    'ee' + // flags: username, password, will retain, will QoS 1, will, clean session
    '003c' + // keep-alive 60 s
    '0008 73656e736f722d31' + // client id "sensor-1"
    '000f 7374617475732f73656e736f722d31' + // will topic "status/sensor-1"
    '0007 6f66666c696e65' + // will payload "offline"
    '0004 75736572' + // username "user"
    '0002 7077', // password "pw"
);

export const CONNECT_V5 = h(
  '10 3a' + // CONNECT, remaining length 58
    '0004 4d515454 05 ee 003c' + // "MQTT", level 5, flags, keep-alive 60
    '00' + // properties length 0
    '0008 73656e736f722d31' + // client id "sensor-1"
    '00' + // will properties length 0
    '000f 7374617475732f73656e736f722d31 0007 6f66666c696e65' + // will topic, will payload
    '0004 75736572 0002 7077', // username "user", password "pw"
);

/** MQTT 3.1 CONNECT: "MQIsdp" level 3, clean session, keep-alive 10, client id "a". */
export const CONNECT_V31 = h('10 0f 0006 4d5149736470 03 02 000a 0001 61');

export const CONNACK_OK = h('20 02 00 00'); // CONNACK, session present 0, return code 0
export const CONNACK_REFUSED = h('20 02 00 05'); // return code 5: not authorized
export const CONNACK_V5 = h('20 03 00 00 00'); // flags, reason 0, properties length 0

export const SUBSCRIBE = h('82 0e 0001 0009 73656e736f72732f23 01'); // SUBSCRIBE (flags 0010), id 1, "sensors/#" QoS 1
export const SUBACK = h('90 03 0001 01'); // SUBACK id 1, granted QoS 1
export const SUBACK_FAIL = h('90 03 0002 80'); // SUBACK id 2, failure

export const PUBLISH_QOS0 = h('30 12 000c 73656e736f72732f74656d70 32312e35'); // "sensors/temp" "21.5"
export const PUBLISH_QOS1 = h('32 14 000c 73656e736f72732f74656d70 0007 32312e35'); // QoS 1, id 7
export const PUBACK = h('40 02 0007');
export const PUBLISH_QOS2 = h('3d 14 000c 73656e736f72732f74656d70 0008 32312e35'); // QoS 2, DUP, RETAIN, id 8
export const PUBREC = h('50 02 0008');
export const PUBREL = h('62 02 0008'); // PUBREL flags 0010
export const PUBCOMP = h('70 02 0008');
export const PINGREQ = h('c0 00');
export const PINGRESP = h('d0 00');
export const UNSUBSCRIBE = h('a2 0b 0003 0007 73656e736f7273'); // id 3, "sensors"
export const UNSUBACK = h('b0 02 0003');
export const DISCONNECT = h('e0 00');

/** v5 PUBLISH with properties: content type "application/json" and user property unit=C. */
export const PUBLISH_V5_PROPS = h(
  '30 34' + // PUBLISH QoS 0, remaining length 52
    '000c 73656e736f72732f74656d70' + // topic
    '1d' + // properties length 29
    '03 0010 6170706c69636174696f6e2f6a736f6e' + // content type "application/json"
    '26 0004 756e6974 0001 43' + // user property "unit" = "C"
    '7b2274223a32317d', // payload {"t":21}
);
export const PUBLISH_V5 = h('30 13 000c 73656e736f72732f74656d70 00 32312e35'); // paho v5, no properties
export const DISCONNECT_V5 = h('e0 02 8e 00'); // reason 0x8e "Session taken over", no properties
export const PUBACK_V5_FAIL = h('40 03 0007 87'); // PUBACK id 7, reason 0x87 "Not authorized"

const V311 = [
  CONNECT_V311,
  CONNACK_OK,
  SUBSCRIBE,
  SUBACK,
  PUBLISH_QOS0,
  PUBLISH_QOS1,
  PUBACK,
  PUBLISH_QOS2,
  PUBREC,
  PUBREL,
  PUBCOMP,
  PINGREQ,
  PINGRESP,
  UNSUBSCRIBE,
  UNSUBACK,
  DISCONNECT,
];
const V5 = [CONNECT_V5, CONNACK_V5, PUBLISH_V5, PUBLISH_V5_PROPS, DISCONNECT_V5, PUBACK_V5_FAIL];
export const VALID_PDUS = [...V311, ...V5, CONNECT_V31, CONNACK_REFUSED, SUBACK_FAIL];
