import mqttPacket from 'mqtt-packet';
import { describe, expect, it } from 'vitest';
import type { MqttMessage, MqttState } from '../../../src/protocols/mqtt/decode.js';
import {
  decode,
  decodeCutConnect,
  decodeCutPublish,
  frame,
  looksLikeMqttConnect,
  MqttPairer,
  newMqttState,
  newMqttStatePair,
  packetsExact,
  setMqttVersion,
} from '../../../src/protocols/mqtt/decode.js';
import {
  CONNACK_OK,
  CONNACK_REFUSED,
  CONNACK_V5,
  CONNECT_V5,
  CONNECT_V31,
  CONNECT_V311,
  DISCONNECT,
  DISCONNECT_V5,
  PINGREQ,
  PINGRESP,
  PUBACK,
  PUBACK_V5_FAIL,
  PUBCOMP,
  PUBLISH_QOS0,
  PUBLISH_QOS1,
  PUBLISH_QOS2,
  PUBLISH_V5,
  PUBLISH_V5_PROPS,
  PUBREC,
  PUBREL,
  SUBACK,
  SUBACK_FAIL,
  SUBSCRIBE,
  UNSUBACK,
  UNSUBSCRIBE,
  VALID_PDUS,
} from '../../dissectors/app/mqtt.vectors.js';
import { cat, h, t } from '../../dissectors/app/util.js';

function dec(pdu: Uint8Array, state: MqttState = newMqttState({ version: 4 })) {
  const d = decode(pdu, state);
  return { m: d.message, codes: d.notes.map((n) => n.code) };
}

describe('mqtt vectors', () => {
  it('CONNECT 3.1.1 (paho)', () => {
    const s = newMqttState();
    const { m, codes } = dec(CONNECT_V311, s);
    expect(m).toMatchObject({
      kind: 'connect',
      msgtype: 1,
      len: 56,
      hdr_len: 2,
      proto_name: 'MQTT',
      ver: 4,
      clean_session: true,
      kalive: 60,
      clientid: 'sensor-1',
      will: { topic: 'status/sensor-1', qos: 1, retain: true },
      username_present: true,
      username: 'user',
      password: { present: true, length: 2 },
    });
    if (m.kind === 'connect') expect(new TextDecoder().decode(m.will!.payload)).toBe('offline');
    expect(codes).toEqual([]);
    expect(s.session.version).toBe(4);
  });

  it('CONNECT 5.0 (paho) sets the session version for the other direction', () => {
    const [c2s, s2c] = newMqttStatePair();
    expect(dec(CONNECT_V5, c2s).m).toMatchObject({ kind: 'connect', ver: 5, clientid: 'sensor-1' });
    expect(s2c.session.version).toBe(5);
    expect(dec(CONNACK_V5, s2c).m).toMatchObject({
      kind: 'connack',
      reason_code: 0,
      reason_name: 'Success',
      accepted: true,
    });
    // paho v5 PUBLISH has an empty property list before the payload
    const p = dec(PUBLISH_V5, c2s).m;
    expect(p).toMatchObject({ kind: 'publish', topic: 'sensors/temp', payload_range: { offset: 17, length: 4 } });
  });

  it('CONNECT 3.1 (MQIsdp)', () => {
    expect(dec(CONNECT_V31, newMqttState()).m).toMatchObject({
      kind: 'connect',
      proto_name: 'MQIsdp',
      ver: 3,
      kalive: 10,
      clientid: 'a',
    });
  });

  it('CONNACK v3: return code and meaning', () => {
    expect(dec(CONNACK_OK).m).toMatchObject({
      kind: 'connack',
      return_code: 0,
      return_name: 'Connection Accepted',
      accepted: true,
      session_present: false,
    });
    const r = dec(CONNACK_REFUSED);
    expect(r.m).toMatchObject({ return_code: 5, return_name: 'Connection Refused: not authorized', accepted: false });
    expect(r.codes).toEqual(['mqtt.conack.refused']);
  });

  it('PUBLISH QoS 0 / 1 / 2 with topic and payload ranges', () => {
    const q0 = dec(PUBLISH_QOS0).m;
    expect(q0).toMatchObject({
      kind: 'publish',
      topic: 'sensors/temp',
      qos: 0,
      retain: false,
      dup: false,
      topic_range: { offset: 4, length: 12 },
    });
    expect(q0).not.toHaveProperty('msgid');
    if (q0.kind === 'publish') expect(new TextDecoder().decode(q0.payload)).toBe('21.5');
    expect(dec(PUBLISH_QOS1).m).toMatchObject({ qos: 1, msgid: 7, payload_range: { offset: 18, length: 4 } });
    expect(dec(PUBLISH_QOS2).m).toMatchObject({ qos: 2, msgid: 8, dup: true, retain: true });
    expect(dec(PUBACK).m).toMatchObject({ kind: 'puback', msgid: 7 });
    expect(dec(PUBREC).m).toMatchObject({ kind: 'pubrec', msgid: 8 });
    expect(dec(PUBREL).m).toMatchObject({ kind: 'pubrel', msgid: 8 });
    expect(dec(PUBCOMP).m).toMatchObject({ kind: 'pubcomp', msgid: 8 });
  });

  it('SUBSCRIBE / SUBACK / UNSUBSCRIBE / UNSUBACK / PING / DISCONNECT', () => {
    expect(dec(SUBSCRIBE).m).toMatchObject({
      kind: 'subscribe',
      msgid: 1,
      subscriptions: [{ topic: 'sensors/#', qos: 1 }],
    });
    expect(dec(SUBACK).m).toMatchObject({ kind: 'suback', msgid: 1, granted: [1] });
    const f = dec(SUBACK_FAIL);
    expect(f.m).toMatchObject({ granted: [0x80] });
    expect(f.codes).toEqual(['mqtt.suback.failure']);
    expect(dec(UNSUBSCRIBE).m).toMatchObject({ kind: 'unsubscribe', msgid: 3, topics: ['sensors'] });
    expect(dec(UNSUBACK).m).toMatchObject({ kind: 'unsuback', msgid: 3 });
    expect(dec(PINGREQ).m).toEqual({ kind: 'pingreq', msgtype: 12, flags: 0, len: 0, hdr_len: 2 });
    expect(dec(PINGRESP).m).toMatchObject({ kind: 'pingresp' });
    expect(dec(DISCONNECT).m).toMatchObject({ kind: 'disconnect' });
  });

  it('v5 properties, user properties and reason codes', () => {
    const s = newMqttState({ version: 5 });
    const p = dec(PUBLISH_V5_PROPS, s).m;
    expect(p).toMatchObject({
      kind: 'publish',
      properties: { contentType: 'application/json', userProperties: [{ name: 'unit', value: 'C' }] },
    });
    if (p.kind === 'publish') expect(new TextDecoder().decode(p.payload)).toBe('{"t":21}');
    const d = dec(DISCONNECT_V5, s);
    expect(d.m).toMatchObject({ kind: 'disconnect', reason_code: 0x8e, reason_name: 'Session taken over' });
    expect(d.codes).toEqual(['mqtt.reason_code.failure']);
    const a = dec(PUBACK_V5_FAIL, s);
    expect(a.m).toMatchObject({ kind: 'puback', msgid: 7, reason_code: 0x87, reason_name: 'Not authorized' });
    expect(a.codes).toEqual(['mqtt.reason_code.failure']);
  });

  it('v5 SUBSCRIBE options, SUBACK/UNSUBACK reason codes, AUTH', () => {
    const s = newMqttState({ version: 5 });
    // SUBSCRIBE id 9, no properties, "a/#" with options: QoS 2, no local, retain as published, retain handling 1
    expect(dec(h('82 09 0009 00 0003 612f23 1e'), s).m).toMatchObject({
      kind: 'subscribe',
      subscriptions: [{ topic: 'a/#', qos: 2, nl: true, rap: true, rh: 1 }],
    });
    // SUBACK id 9, no properties, granted QoS 2, then 0x87 Not authorized
    const sa = dec(h('90 05 0009 00 02 87'), s);
    expect(sa.m).toMatchObject({ kind: 'suback', granted: [2, 0x87] });
    expect(sa.codes).toEqual(['mqtt.suback.failure']);
    // UNSUBACK id 9, no properties, 0x11 No subscription existed
    expect(dec(h('b0 04 0009 00 11'), s).m).toMatchObject({ kind: 'unsuback', reason_codes: [0x11] });
    // AUTH 0x18 Continue authentication, properties: authentication method "SCRAM"
    expect(dec(h('f0 0a 18 08 15 0005 5343524d31'), s).m).toMatchObject({
      kind: 'auth',
      reason_code: 0x18,
      reason_name: 'Continue authentication',
      properties: { authenticationMethod: 'SCRM1' },
    });
  });

  it('vectors agree with mqtt-packet.generate', () => {
    const gen = (p: mqttPacket.Packet, protocolVersion = 4) =>
      new Uint8Array(mqttPacket.generate(p, { protocolVersion }));
    expect(
      gen({
        cmd: 'publish',
        topic: 'sensors/temp',
        payload: Buffer.from('21.5'),
        qos: 1,
        messageId: 7,
        retain: false,
        dup: false,
      }),
    ).toEqual(PUBLISH_QOS1);
    expect(gen({ cmd: 'subscribe', messageId: 1, subscriptions: [{ topic: 'sensors/#', qos: 1 }] })).toEqual(SUBSCRIBE);
    expect(gen({ cmd: 'pubrel', messageId: 8 })).toEqual(PUBREL);
    expect(gen({ cmd: 'unsubscribe', messageId: 3, unsubscriptions: ['sensors'] })).toEqual(UNSUBSCRIBE);
  });

  it('server→client direction without CONNECT: version assumed once, settable later', () => {
    const s = newMqttState();
    expect(dec(CONNACK_OK, s).codes).toEqual(['mqtt.version.assumed']);
    expect(dec(PINGRESP, s).codes).toEqual([]);
    setMqttVersion(s, 5);
    expect(dec(CONNACK_V5, s).m).toMatchObject({ reason_code: 0 });
  });

  it('looksLikeMqttConnect', () => {
    expect(looksLikeMqttConnect(CONNECT_V311)).toBe(true);
    expect(looksLikeMqttConnect(CONNECT_V5)).toBe(true);
    expect(looksLikeMqttConnect(CONNECT_V31)).toBe(true);
    expect(looksLikeMqttConnect(CONNECT_V311.subarray(0, 8))).toBe(true);
    expect(looksLikeMqttConnect(CONNECT_V311.subarray(0, 5))).toBe(false);
    expect(looksLikeMqttConnect(PUBLISH_QOS0)).toBe(false);
    expect(looksLikeMqttConnect(t('GET / HTTP/1.1\r\n'))).toBe(false);
  });
});

describe('mqtt framer', () => {
  it('every split of every PDU: need until complete, then the same length', () => {
    const s = newMqttState();
    for (const pdu of VALID_PDUS) {
      for (let cut = 0; cut < pdu.length; cut++) {
        const f = frame(pdu, 0, cut, s);
        expect(f.kind, `${pdu.length}@${cut}`).toBe('need');
        if (f.kind === 'need') {
          expect(f.atLeast).toBeGreaterThan(cut);
          expect(f.atLeast).toBeLessThanOrEqual(pdu.length);
        }
      }
      expect(frame(cat(pdu, PINGREQ), 0, pdu.length + 2, s)).toEqual({ kind: 'pdu', length: pdu.length });
    }
  });

  it('the remaining length split across segments asks for one more octet at a time', () => {
    const big = cat(h('30 80 01'), new Uint8Array(128)); // remaining length 128 = 0x80 0x01
    const s = newMqttState();
    expect(frame(big, 0, 1, s)).toEqual({ kind: 'need', atLeast: 2 });
    expect(frame(big, 0, 2, s)).toEqual({ kind: 'need', atLeast: 3 });
    expect(frame(big, 0, 3, s)).toEqual({ kind: 'need', atLeast: 131, whole: true });
    expect(frame(big, 0, 131, s)).toEqual({ kind: 'pdu', length: 131 });
    // at an offset
    const buf = cat(h('ff ff'), PINGREQ);
    expect(frame(buf, 2, 4, s)).toEqual({ kind: 'pdu', length: 2 });
  });

  const framingErrors: [string, string, number][] = [
    ['mqtt.malformed.varint_too_long', '30 ff ff ff ff 01', 5], // 5th continuation octet
    ['mqtt.malformed.too_long', '30 ff ff ff 7f', 268_435_460], // 268,435,455 > 16 MiB: skip the whole packet
    ['mqtt.malformed.too_long', '30 81 80 80 08', 16_777_222], // 16 MiB + 1
  ];
  it.each(framingErrors)('%s ← %s', (code, bytes, skip) => {
    const b = h(bytes);
    expect(frame(b, 0, b.length, newMqttState())).toMatchObject({ kind: 'malformed', code, skip });
  });

  it('a malformed packet still frames by its remaining length (the stream resyncs)', () => {
    const bad = h('32 02 0007'); // PUBLISH QoS 1 whose topic length (7) runs past the packet
    const stream = cat(bad, PINGREQ);
    const s = newMqttState({ version: 4 });
    const f = frame(stream, 0, stream.length, s);
    expect(f).toEqual({ kind: 'pdu', length: 4 });
    expect(dec(bad, s).codes).toEqual(['mqtt.malformed']);
    expect(frame(stream, 4, stream.length, s)).toEqual({ kind: 'pdu', length: 2 });
  });
});

describe('mqtt resync check (packetsExact)', () => {
  const client = [
    PUBLISH_QOS0,
    PUBLISH_QOS1,
    PUBLISH_QOS2,
    PUBACK,
    PUBREC,
    PUBREL,
    PUBCOMP,
    SUBSCRIBE,
    UNSUBSCRIBE,
    PINGREQ,
    DISCONNECT,
  ];
  const server = [PUBLISH_QOS0, PUBLISH_QOS1, PUBACK, PUBREC, PUBREL, PUBCOMP, SUBACK, SUBACK_FAIL, UNSUBACK, PINGRESP];

  it('whole packets each side may send once connected pass, alone and in a row', () => {
    for (const p of client) expect(packetsExact(p, true, 4), Buffer.from(p).toString('hex')).toBe(true);
    for (const p of server) expect(packetsExact(p, false, 4), Buffer.from(p).toString('hex')).toBe(true);
    expect(packetsExact(cat(...client), true, 4)).toBe(true);
    expect(packetsExact(cat(...server), false, undefined)).toBe(true);
    expect(packetsExact(cat(PUBLISH_V5, PUBLISH_V5_PROPS, PUBACK_V5_FAIL, DISCONNECT_V5), true, 5)).toBe(true);
  });

  it('rejects what cannot start an established stream, or does not end with the bytes', () => {
    expect(packetsExact(new Uint8Array(0), true, 4)).toBe(false);
    expect(packetsExact(CONNECT_V311, true, 4)).toBe(false); // only the first packet of a connection
    expect(packetsExact(CONNACK_OK, false, 4)).toBe(false);
    expect(packetsExact(PINGRESP, true, 4)).toBe(false); // the server's packet from the client
    expect(packetsExact(SUBSCRIBE, false, 4)).toBe(false);
    expect(packetsExact(DISCONNECT_V5, false, 4)).toBe(false); // a server DISCONNECT is MQTT 5 only
    expect(packetsExact(DISCONNECT_V5, false, 5)).toBe(true);
    expect(packetsExact(cat(PUBLISH_QOS0, PUBACK.subarray(0, 3)), true, 4)).toBe(false); // cut short
    expect(packetsExact(PUBLISH_QOS0.subarray(2), true, 4)).toBe(false); // the middle of a packet
    expect(packetsExact(cat(PUBLISH_QOS0, h('00')), true, 4)).toBe(false); // a stray byte after it
    expect(packetsExact(t('GET / HTTP/1.1\r\n\r\n'), true, 4)).toBe(false);
  });

  it('checks flags, remaining length and the body each type requires', () => {
    expect(packetsExact(h('31 12 000c 73656e736f72732f74656d70 32312e35'), true, 4)).toBe(true); // RETAIN
    expect(packetsExact(h('36 12 000c 73656e736f72732f74656d70 32312e35'), true, 4)).toBe(false); // QoS 3
    expect(packetsExact(h('30 0f 0009 73656e736f72732f23 32'), true, 4)).toBe(false); // wildcard in a topic name
    expect(packetsExact(h('30 07 0000 32312e3500'), true, 4)).toBe(false); // empty topic before MQTT 5
    expect(packetsExact(h('30 06 0002 c328 3132'), true, 4)).toBe(false); // topic not UTF-8
    expect(packetsExact(h('30 07 0003 c3a9 61 3132'), true, 4)).toBe(true); // 'éa'
    expect(packetsExact(h('30 05 00ff 3132 33'), true, 4)).toBe(false); // topic runs past the packet
    expect(packetsExact(h('32 10 000c 73656e736f72732f74656d70 0000'), true, 4)).toBe(false); // QoS 1 with id 0
    expect(packetsExact(h('42 02 0007'), true, 4)).toBe(false); // PUBACK with flags
    expect(packetsExact(h('40 03 0007 00'), true, 4)).toBe(false); // PUBACK with a reason before MQTT 5
    expect(packetsExact(h('40 03 0007 00'), true, 5)).toBe(true);
    expect(packetsExact(h('c0 8000'), true, 4)).toBe(false); // remaining length 0 in two octets
    expect(packetsExact(h('c0 01 00'), true, 4)).toBe(false); // PINGREQ with a body
    expect(packetsExact(h('f0 00'), true, 4)).toBe(false); // AUTH is MQTT 5 only
    expect(packetsExact(h('f0 00'), true, 5)).toBe(true);
  });
});

describe('mqtt decode errors', () => {
  const cases: [string, string][] = [
    ['mqtt.malformed', '32 02 0007'], // topic length past the end
    ['mqtt.malformed', '36 04 0001 6100'], // QoS 3 (both bits)
    ['mqtt.malformed', '80 02 0001'], // SUBSCRIBE with flags 0000 (must be 0010)
    ['mqtt.malformed', '10 06 0004 4d515454'], // CONNECT cut after the protocol name
    ['mqtt.malformed', '10 07 0004 4d515459 04'], // protocol name "MQTY"
    ['mqtt.malformed', '20 02 02 00'], // CONNACK flags with reserved bits
    ['mqtt.malformed', 'f0 00'], // AUTH in 3.1.1
    ['mqtt.msgtype.reserved', '00 00'], // type 0
    ['mqtt.malformed.varint_too_long', '30 ff ff ff ff 01'],
  ];
  it.each(cases)('%s ← %s', (code, bytes) => {
    const { m, codes } = dec(h(bytes));
    expect(codes).toContain(code);
    expect(m.kind).toBe('malformed');
  });
});

describe('mqtt pairing', () => {
  it('pairs requests and replies with latency', () => {
    const pr = new MqttPairer();
    const seq: [Uint8Array, 0 | 1, number, number][] = [
      [CONNECT_V311, 0, 1, 0.0],
      [CONNACK_OK, 1, 2, 0.01],
      [SUBSCRIBE, 0, 3, 0.1],
      [SUBACK, 1, 4, 0.12],
      [PUBLISH_QOS1, 0, 5, 1.0],
      [PUBACK, 1, 6, 1.5],
      [PUBLISH_QOS2, 1, 7, 2.0], // broker → client QoS 2
      [PUBREC, 0, 8, 2.1],
      [PUBREL, 1, 9, 2.2],
      [PUBCOMP, 0, 10, 2.25],
      [PINGREQ, 0, 11, 3.0],
      [PINGRESP, 1, 12, 3.002],
      [UNSUBSCRIBE, 0, 13, 4.0],
      [UNSUBACK, 1, 14, 4.5],
    ];
    const out = seq.map(([pdu, dir, f, time]) =>
      pr.observe(decode(pdu, newMqttState({ version: 4 })).message as MqttMessage, dir, f, time),
    );
    const pairs = out.map((r) =>
      r.reply_to !== undefined ? [r.reply_to, r.request, Number(r.latency!.toFixed(3))] : null,
    );
    expect(pairs).toEqual([
      null,
      [1, 'connect', 0.01],
      null,
      [3, 'subscribe', 0.02],
      null,
      [5, 'publish', 0.5],
      null,
      [7, 'publish', 0.1],
      [8, 'pubrec', 0.1],
      [9, 'pubrel', 0.05],
      null,
      [11, 'pingreq', 0.002],
      null,
      [13, 'unsubscribe', 0.5],
    ]);
    expect(out.flatMap((r) => r.notes)).toEqual([]);
  });

  it('unmatched acknowledgements and packet ids in use are noted', () => {
    const pr = new MqttPairer();
    const st = newMqttState({ version: 4 });
    expect(pr.observe(decode(PUBACK, st).message, 1, 1, 0).notes.map((n) => n.code)).toEqual(['mqtt.ack.unmatched']);
    pr.observe(decode(PUBLISH_QOS1, st).message, 0, 2, 0);
    expect(pr.observe(decode(PUBLISH_QOS1, st).message, 0, 3, 1).notes.map((n) => n.code)).toEqual([
      'mqtt.msgid.in_use',
    ]);
  });
});

describe('a PUBLISH cut by the snapshot length (decodeCutPublish: decode what is there)', () => {
  // 32 14: PUBLISH QoS 1, remaining length 20 | 000c 'sensors/temp' | 0007 packet id | '21.5'
  const full = PUBLISH_QOS1;
  it('topic, packet id and the captured start of the payload', () => {
    expect(decodeCutPublish(full.subarray(0, 20), full.length, 4)).toEqual({
      topic: 'sensors/temp',
      qos: 1,
      retain: false,
      dup: false,
      msgid: 7,
      payload_length: 4,
      payload: full.subarray(18, 20),
    });
  });
  it('cut inside the topic: flags only, no payload', () => {
    const p = decodeCutPublish(full.subarray(0, 9), full.length, 4);
    expect(p).toMatchObject({ qos: 1, retain: false, dup: false });
    expect(p?.topic).toBeUndefined();
    expect(p?.payload_length).toBeUndefined();
    expect(p?.payload.length).toBe(0);
  });
  it('cut before the packet id: the topic, no payload', () => {
    const p = decodeCutPublish(full.subarray(0, 17), full.length, 4);
    expect(p?.topic).toBe('sensors/temp');
    expect(p?.msgid).toBeUndefined();
    expect(p?.payload_length).toBeUndefined();
  });
  it('not a PUBLISH, or the fixed header cut: undefined', () => {
    expect(decodeCutPublish(PUBACK, 4, 4)).toBeUndefined();
    expect(decodeCutPublish(full.subarray(0, 1), full.length, 4)).toBeUndefined();
  });
});

describe('a CONNECT cut by the snapshot length (decodeCutConnect: decode what is there)', () => {
  it('3.1.1: level, keep-alive and client id (cut inside the will)', () => {
    // 10 38 | 0004 'MQTT' | 04 | ee | 003c | 0008 'sensor-1' | cut in the will topic
    expect(decodeCutConnect(CONNECT_V311.subarray(0, 26))).toEqual({
      version: 4,
      keep_alive: 60,
      client_id: 'sensor-1',
    });
  });
  it('5.0: the properties are skipped to reach the client id', () => {
    expect(decodeCutConnect(CONNECT_V5.subarray(0, 23))).toEqual({ version: 5, keep_alive: 60, client_id: 'sensor-1' });
  });
  it('cut inside the client id: level and keep-alive only; cut before the level: undefined', () => {
    expect(decodeCutConnect(CONNECT_V311.subarray(0, 18))).toEqual({ version: 4, keep_alive: 60 });
    expect(decodeCutConnect(CONNECT_V31.subarray(0, 11))).toEqual({ version: 3 });
    expect(decodeCutConnect(CONNECT_V311.subarray(0, 8))).toBeUndefined();
    expect(decodeCutConnect(PUBLISH_QOS1)).toBeUndefined();
  });
});
