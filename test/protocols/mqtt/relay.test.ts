/**
 * The broker relay's matching (src/protocols/mqtt/relay.ts): which publication a PUBLISH the broker sends
 * forwards. A connection that began a clean session has no subscription before its first SUBSCRIBE, so a
 * publication the broker received before it is never what is forwarded there (unless retained or a will):
 * fixtures/many-mqtt-refused.pcap's frame 33 forwards the subscriber's own 'probe 0' of frame 32, not the
 * 'probe 0' another client published 8.9 ms before the subscription.
 */
import { describe, expect, it } from 'vitest';
import type { MqttPublishRecord } from '../../../src/protocols/mqtt/model.js';
import { BrokerRelay } from '../../../src/protocols/mqtt/relay.js';

const KEY = 'sister/probe\u0000probe 0';

function delivery(frame: number): MqttPublishRecord {
  return {
    frame,
    frames: [frame],
    dir: 's2c',
    proto: 'mqtt',
    kind: 'PUBLISH',
    msgtype: 3,
    qos: 0,
  } as MqttPublishRecord;
}

describe('BrokerRelay: a clean session is forwarded nothing received before its first SUBSCRIBE', () => {
  it('skips an earlier publication of the same topic and payload', () => {
    const b = new BrokerRelay();
    b.received(KEY, null, 10, 1, 0.0011, false);
    b.received(KEY, null, 32, 2, 0.0101, false);
    const d = delivery(33);
    b.forwarded(KEY, d, 33, 2, 0.01017, false, 0.0098);
    expect(d.relayed_from).toMatchObject({ frame: 32, conversation: 2 });
    // without the subscription time (a session that may hold older subscriptions): the oldest within the window
    const e = delivery(34);
    b.forwarded(KEY, e, 34, 3, 0.0102, false);
    expect(e.relayed_from).toMatchObject({ frame: 10, conversation: 1 });
  });

  it('leaves a delivery unmatched rather than name a publication received before the subscription', () => {
    const b = new BrokerRelay();
    b.received(KEY, null, 10, 1, 0.001, false);
    const d = delivery(40);
    b.forwarded(KEY, d, 40, 2, 0.02, false, 0.01);
    expect(d.relayed_from).toBeUndefined();
    // a retained message handed to the new subscriber is older than its subscription by nature
    const r = delivery(41);
    b.forwarded(KEY, r, 41, 3, 0.02, true, 0.01);
    expect(r.relayed_from).toMatchObject({ frame: 10, retained: true });
  });
});
