/**
 * The MQTT decoder's fast path (PUBLISH, publish acknowledgements, pings, DISCONNECT decoded without
 * mqtt-packet) against mqtt-packet's own decoding of the same packets: every MQTT packet of every
 * fixture, and the byte vectors beside the dissector, decode to the same message and notes both ways.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ConversationTable } from '../../../src/analysis/conversations.js';
import { type PduSink, PduStream } from '../../../src/analysis/reassembly.js';
import { readCaptureBytes } from '../../../src/capture/reader.js';
import { dissectFrame } from '../../../src/dissectors/frame.js';
import { mqtt, newMqttStatePair, setMqttFastPath } from '../../../src/protocols/mqtt/decode.js';
import * as V from '../../dissectors/app/mqtt.vectors.js';
import { FIXTURES } from '../../helpers/fixtures.js';

/** Every MQTT PDU of a capture, per connection and direction, in order. */
function pdus(file: string): Uint8Array[][][] {
  const conns: Uint8Array[][][] = [];
  const table = new ConversationTable({
    streams: (info) => {
      if (info.server.port !== 1883) return undefined;
      const dirs: Uint8Array[][] = [[], []];
      conns.push(dirs);
      const [a, b] = newMqttStatePair();
      const sink = (list: Uint8Array[]): PduSink => ({
        onPdu: (bytes) => list.push(bytes.slice()),
        onNote: () => {},
      });
      const proto = { frame: mqtt.frame };
      return { c2s: new PduStream(proto, a, sink(dirs[0]!)), s2c: new PduStream(proto, b, sink(dirs[1]!)) };
    },
  });
  readCaptureBytes(new Uint8Array(readFileSync(file)), (raw) => {
    table.onFrame({
      n: raw.n,
      t: raw.tsSec + raw.tsNsec / 1e9,
      d: dissectFrame(raw.data, raw.linktype),
      data: raw.data,
    });
  });
  table.finish();
  return conns;
}

/** Decodes a connection's packets in capture order per direction (CONNECT first sets the version). */
function decodeAll(dirs: Uint8Array[][]): unknown[] {
  const states = newMqttStatePair();
  const out: unknown[] = [];
  // The client's CONNECT comes before anything the broker sends.
  for (const d of [0, 1] as const) for (const p of dirs[d]!) out.push(mqtt.decode(p, states[d]));
  return out;
}

afterEach(() => setMqttFastPath(true));

describe('MQTT fast path = mqtt-packet', () => {
  it.each(['mqtt.pcap', 'mqtt5.pcap', 'mqtt-any.pcap'])('%s: every packet decodes the same both ways', (f) => {
    const conns = pdus(join(FIXTURES, f));
    expect(conns.length).toBeGreaterThan(0);
    let n = 0;
    for (const dirs of conns) {
      setMqttFastPath(true);
      const fast = decodeAll(dirs);
      setMqttFastPath(false);
      const slow = decodeAll(dirs);
      expect(fast).toEqual(slow);
      n += fast.length;
    }
    expect(n).toBeGreaterThan(15);
  });

  it('the dissector vectors decode the same both ways (v3.1.1 and v5)', () => {
    const v4 = [V.PUBLISH_QOS0, V.PUBLISH_QOS1, V.PUBACK, V.PUBLISH_QOS2, V.PUBREC, V.PUBREL, V.PUBCOMP];
    const more = [V.PINGREQ, V.PINGRESP, V.DISCONNECT, V.UNSUBACK];
    const v5 = [V.PUBLISH_V5, V.PUBLISH_V5_PROPS, V.PUBACK_V5_FAIL, V.DISCONNECT_V5];
    for (const [connect, list] of [
      [V.CONNECT_V311, [...v4, ...more]],
      [V.CONNECT_V5, v5],
    ] as const) {
      const run = (on: boolean) => {
        setMqttFastPath(on);
        const [c, s] = newMqttStatePair();
        mqtt.decode(connect, c);
        return list.map((p) => mqtt.decode(p, s));
      };
      expect(run(true)).toEqual(run(false));
    }
  });
});
