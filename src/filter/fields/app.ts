/**
 * mqtt.*, http.*, zmtp.*, data.*: application fields, read from what each frame completed (the frame
 * record's `app` entries) and, where the entries are compact, from the full messages (FrameView.msgs).
 * As in Wireshark, a PDU's fields belong to the frame that completes it (the reassembled PDU).
 */
import { settle } from '../../analysis/app/budget.js';
import { MSGTYPE } from '../../protocols/mqtt/decode.js';
import type { FieldTable, FrameView, Value } from '../types.js';
import { entries, flag, hasApp, many, messages, one, pushEach } from './define.js';

const app = (proto: string) => (v: FrameView) => hasApp(v, proto);

/** mqtt.* fields that only PUBLISH carries in its fixed header (Wireshark shows qos/retain for PUBLISH only). */
const publishes = (v: FrameView) => entries(v, 'mqtt').filter((e) => e.msgtype === MSGTYPE.PUBLISH);

export const MQTT_FIELDS: FieldTable = {
  proto: 'mqtt',
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
      for (const m of messages(v, 'mqtt')) if (m.kind === 'PUBLISH') out.push(m.dup ? 1 : 0);
    }),
    many('mqtt.msgid', 'uint', 'Packet identifier (PUBLISH QoS > 0, PUBACK…, SUBSCRIBE, SUBACK…)', (v, out) =>
      pushEach(entries(v, 'mqtt'), 'packet_id', out),
    ),
    many('mqtt.clientid', 'string', 'Client identifier of a CONNECT', (v, out) => {
      for (const m of messages(v, 'mqtt'))
        if (m.kind === 'CONNECT' && typeof m.client_id === 'string') out.push(m.client_id);
    }),
    many('mqtt.username', 'string', 'User name of a CONNECT', (v, out) => {
      for (const m of messages(v, 'mqtt'))
        if (m.kind === 'CONNECT' && typeof m.username === 'string') out.push(m.username);
    }),
  ],
};

function header(h: unknown, name: string, out: Value[]): void {
  if (!h || typeof h !== 'object') return;
  for (const [k, x] of Object.entries(h as Record<string, unknown>)) {
    if (k.toLowerCase() !== name) continue;
    if (typeof x === 'string') out.push(x);
    else if (Array.isArray(x)) for (const y of x) if (typeof y === 'string') out.push(y);
  }
}

const kindOf = (kind: 'request' | 'response') => (v: FrameView) => entries(v, 'http').some((e) => e.kind === kind);
const isRequest = kindOf('request');
const isResponse = kindOf('response');

export const HTTP_FIELDS: FieldTable = {
  proto: 'http',
  fields: [
    flag('http', 'protocol', 'An HTTP request or response ends in this frame', app('http')),
    one('http.request', 'bool', 'An HTTP request ends in this frame (1; absent otherwise)', (v) =>
      isRequest(v) ? 1 : undefined,
    ),
    one('http.response', 'bool', 'An HTTP response ends in this frame (1; absent otherwise)', (v) =>
      isResponse(v) ? 1 : undefined,
    ),
    many('http.request.method', 'string', 'Request method (GET, POST…)', (v, out) =>
      pushEach(entries(v, 'http'), 'method', out),
    ),
    many('http.request.uri', 'string', 'Request target as sent (/api/items?id=1)', (v, out) =>
      pushEach(entries(v, 'http'), 'uri', out),
    ),
    many('http.request.version', 'string', 'HTTP version of a request (HTTP/1.1)', (v, out) => {
      for (const e of entries(v, 'http'))
        if (e.kind === 'request' && typeof e.version === 'string') out.push(e.version);
    }),
    many('http.response.code', 'uint', 'Status code (200, 404…)', (v, out) =>
      pushEach(entries(v, 'http'), 'status', out),
    ),
    many('http.response.phrase', 'string', 'Reason phrase (OK, Not Found…)', (v, out) =>
      pushEach(entries(v, 'http'), 'phrase', out),
    ),
    many('http.host', 'string', 'Host header', (v, out) => {
      for (const m of messages(v, 'http')) header(m.headers, 'host', out);
    }),
    many('http.user_agent', 'string', 'User-Agent header', (v, out) => {
      for (const m of messages(v, 'http')) header(m.headers, 'user-agent', out);
    }),
    many('http.server', 'string', 'Server header', (v, out) => {
      for (const m of messages(v, 'http')) header(m.headers, 'server', out);
    }),
    many('http.content_type', 'string', 'Content-Type header', (v, out) => {
      const ms = messages(v, 'http');
      if (ms.length > 0) for (const m of ms) header(m.headers, 'content-type', out);
      else pushEach(entries(v, 'http'), 'content_type', out);
    }),
  ],
};

export const ZMTP_FIELDS: FieldTable = {
  proto: 'zmtp',
  fields: [
    flag('zmtp', 'protocol', 'A ZMTP greeting, command or message ends in this frame', app('zmtp')),
    many('zmtp.mechanism', 'string', 'Security mechanism of a greeting (NULL, PLAIN, CURVE)', (v, out) =>
      pushEach(entries(v, 'zmtp'), 'mechanism', out),
    ),
    many('zmtp.command-name', 'string', 'Command name (READY, SUBSCRIBE, PING, ERROR…)', (v, out) => {
      for (const e of entries(v, 'zmtp')) if (e.kind === 'command' && typeof e.name === 'string') out.push(e.name);
    }),
    many(
      'zmtp.metadata.key',
      'string',
      'Metadata property name of a READY/INITIATE command (Socket-Type, Identity…)',
      (v, out) => {
        for (const e of entries(v, 'zmtp'))
          if (e.properties && typeof e.properties === 'object') out.push(...Object.keys(e.properties));
      },
    ),
    many('zmtp.metadata.value', 'string', 'Metadata property value (REQ, REP, PUB…)', (v, out) => {
      for (const e of entries(v, 'zmtp'))
        if (e.properties && typeof e.properties === 'object')
          for (const x of Object.values(e.properties as Record<string, unknown>))
            if (typeof x === 'string') out.push(x);
    }),
    many(
      'zmtp.flags.more',
      'bool',
      'MORE flag of each frame (part) of a message: 1 on every part but the last',
      (v, out) => {
        for (const e of entries(v, 'zmtp')) {
          if (e.kind !== 'message' || typeof e.parts !== 'number') continue;
          for (let i = 1; i < e.parts; i++) out.push(1);
          out.push(0);
        }
      },
    ),
    many('zmtp.data.text', 'string', 'Each non-empty message part that is text', (v, out) => {
      for (const m of messages(v, 'zmtp')) {
        if (m.kind !== 'message' || !Array.isArray(m.parts)) continue;
        settle(m); // payloads decoded late (summary mode) are decoded now, as the explanation does
        for (const p of m.parts as Array<{ payload?: { encoding: string; value: unknown } }>)
          if (p.payload?.encoding === 'text' && typeof p.payload.value === 'string' && p.payload.value !== '')
            out.push(p.payload.value);
      }
    }),
  ],
};

export const DATA_FIELDS: FieldTable = {
  proto: 'data',
  fields: [
    flag('data', 'protocol', 'Payload no application dissector decoded', (v) => v.f.protocols.includes('data')),
    many('data.len', 'uint', 'Bytes of such payload', (v, out) => pushEach(entries(v, 'data'), 'length', out)),
  ],
};
