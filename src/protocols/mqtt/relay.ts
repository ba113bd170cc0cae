/**
 * MQTT broker relay, matched online: each PUBLISH a client sends to a broker endpoint is remembered (per
 * topic + payload fingerprint); each PUBLISH the broker sends to a client is matched, as it completes, with
 * the publication it forwards — the oldest one not yet matched on that connection within RELAY_WINDOW
 * seconds (brokers forward in order), else the latest one (a retained message handed to a new subscriber,
 * or a will published when its client vanished). Frames arrive in time order, so no sorting is needed.
 * After a subscriber connection lost bytes (deliveries may be among them) its next delivery is matched with
 * the latest publication before it instead, and the oldest-first order goes on from there. A connection that
 * began a clean session (CONNECT's clean session / clean start flag) has no subscription before its first
 * SUBSCRIBE: a publication the broker received before that is never forwarded on it, unless retained or a will.
 */

import { roundNs } from '../../analysis/app/time.js';
import type { MqttConnectRecord, MqttPublishRecord, MqttRelayRecord } from './model.js';

/** A broker forwards within this many seconds; older publications are taken only when nothing closer fits. */
const RELAY_WINDOW = 2;
/** Publications looked at per forwarded PUBLISH. */
const MAX_SCAN = 64;
/** Publications remembered per topic + payload and broker. */
const MAX_KEPT = 256;
/** Deliveries listed in a publication's relayed_to (fewer in summary mode, where nobody lists them). */
const MAX_RELAYS = 1000;
export const MAX_RELAYS_SUMMARY = 16;
/** Distinct topic + payload keys remembered per broker (the first seen is forgotten first). */
export const MAX_KEYS = 1024;
/** Subscriber connection + key positions remembered per broker. */
export const MAX_USED = 4096;

interface Publication {
  /** The PUBLISH, or the CONNECT carrying the will (when listed). */
  rec: MqttPublishRecord | MqttConnectRecord | null;
  frame: number;
  conversation: number;
  t: number;
  will: boolean;
}

interface Candidates {
  list: Publication[];
  /** Publications dropped from the front (absolute index of list[0]). */
  dropped: number;
}

/**
 * The first publication a PUBLISH forwarded at `t` can be (not a will, within RELAY_WINDOW, received at or
 * after `since`), looking at most MAX_SCAN of them from index `i` by `step`, none before `from`; -1 when none.
 */
function scan(list: readonly Publication[], from: number, i: number, step: 1 | -1, t: number, since: number): number {
  for (let k = 0; k < MAX_SCAN && i >= from && i < list.length; k++, i += step) {
    const p = list[i]!;
    if (!p.will && t - p.t <= RELAY_WINDOW && p.t >= since) return i;
  }
  return -1;
}

/** One broker endpoint's publications. */
export class BrokerRelay {
  private readonly byKey = new Map<string, Candidates>();
  /** Per subscriber connection and key: absolute index of the last publication matched there. */
  private readonly used = new Map<string, number>();
  /** Subscriber connections that lost bytes since their last delivery (see lost()). */
  private readonly anchor = new Set<number>();

  constructor(private readonly maxRelays = MAX_RELAYS) {}

  /** A PUBLISH (or a CONNECT's will) the broker received. */
  received(
    key: string,
    rec: MqttPublishRecord | MqttConnectRecord | null,
    frame: number,
    conversation: number,
    t: number,
    will: boolean,
  ): void {
    let c = this.byKey.get(key);
    if (!c) {
      // the key forgotten first is the one seen first
      if (this.byKey.size >= MAX_KEYS) this.byKey.delete(this.byKey.keys().next().value!);
      c = { list: [], dropped: 0 };
      this.byKey.set(key, c);
    }
    c.list.push({ rec, frame, conversation, t, will });
    if (c.list.length > MAX_KEPT) {
      const cut = c.list.length - MAX_KEPT / 2;
      c.list.splice(0, cut);
      c.dropped += cut;
    }
  }

  /**
   * Bytes of `conversation` were lost: deliveries may have gone with them, so the oldest publication not
   * matched there is no longer the one its next delivery forwards.
   */
  lost(conversation: number): void {
    if (this.anchor.size < MAX_USED) this.anchor.add(conversation);
  }

  /** Keys remembered (for tests: bounded by MAX_KEYS). */
  get size(): number {
    return this.byKey.size;
  }

  /**
   * A PUBLISH the broker sent on `conversation`: sets relayed_from / relayed_to when it matches. `subscribed`: the
   * time of the connection's first SUBSCRIBE when it began a clean session (Infinity before one), else
   * -Infinity: an ordinary delivery forwards no publication received before it.
   */
  forwarded(
    key: string,
    rec: MqttPublishRecord | null,
    frame: number,
    conversation: number,
    t: number,
    retain: boolean,
    subscribed = Number.NEGATIVE_INFINITY,
  ): void {
    const c = this.byKey.get(key);
    if (!c || c.list.length === 0) return;
    const uk = `${conversation}\u0000${key}`;
    const from = Math.max((this.used.get(uk) ?? -1) + 1 - c.dropped, 0);
    const list = c.list;
    if (from >= list.length) return;
    let pick = -1;
    // after lost bytes: the latest publication (brokers forward at once), not an older one whose delivery was lost
    if (this.anchor.delete(conversation) && !retain) pick = scan(list, from, list.length - 1, -1, t, subscribed);
    if (pick < 0 && !retain) pick = scan(list, from, from, 1, t, subscribed);
    if (pick < 0) {
      pick = list.length - 1;
      // (the latest: a retained message, a will, or one forwarded later than RELAY_WINDOW; not one received
      // before the subscription)
      const last = list[pick]!;
      if (!retain && !last.will && last.t < subscribed) return;
    }
    if (this.used.size >= MAX_USED && !this.used.has(uk)) this.used.delete(this.used.keys().next().value!);
    this.used.set(uk, pick + c.dropped);
    const p = list[pick]!;
    // Only a relay has a relay delay. A retained message handed to a new subscriber has an age (how long
    // the broker kept it); a will has neither: the broker publishes it when its client's connection ends,
    // not when the CONNECT that carried it arrived.
    const since = roundNs(t - p.t);
    const r: MqttRelayRecord = { frame, conversation };
    if (p.will) r.will = true;
    else if (retain) {
      r.retained = true;
      r.age = since;
    } else r.delay = since;
    if (rec) {
      rec.relayed_from = { ...r, frame: p.frame, conversation: p.conversation };
    }
    if (p.rec) {
      p.rec.relayed_to ??= [];
      if (p.rec.relayed_to.length < this.maxRelays) p.rec.relayed_to.push(r);
    }
  }
}
