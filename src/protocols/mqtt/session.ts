/**
 * MQTT session: both directions framed by the MQTT framer over TCP reassembly (PduStream), decoded with
 * the connection's protocol version (the broker→client direction never sees CONNECT: both directions
 * share one session), every packet listed as a message, and packets paired by packet id (MqttPairer).
 * What the broker relay needs (topic + payload fingerprint of each PUBLISH, CONNECT wills) is kept for
 * the cross-conversation pass (aggregate.ts).
 */

import type { AppConversation, Dir } from '../../analysis/app/conversation.js';
import { DIR_NAME } from '../../analysis/app/conversation.js';
import { PduHandler } from '../../analysis/app/framed.js';
import { fnv1a, framePayload, framePayloadOf, PendingPayload, textOrHex } from '../../analysis/app/payload.js';
import { roundNs } from '../../analysis/app/time.js';
import type { ConversationRecord } from '../../analysis/model.js';
import {
  decodeCutConnect,
  decodeCutPublish,
  type MqttMessage,
  MqttPairer,
  type MqttProperties,
  type MqttState,
  mqtt,
  newMqttStatePair,
  packetsExact,
} from './decode.js';
import type {
  MqttAckRecord,
  MqttConnectRecord,
  MqttDisconnectRecord,
  MqttFacts,
  MqttFrameEntry,
  MqttPropertiesRecord,
  MqttPropertyName,
  MqttPublishRecord,
  MqttRecord,
  MqttUnsubackRecord,
  MqttWillRecord,
} from './model.js';
import { BrokerRelay, MAX_RELAYS_SUMMARY } from './relay.js';

const PROTOCOL = { frame: mqtt.frame };

/** Key of a topic + payload. */
export function publicationKey(topic: string, payload: Uint8Array): string {
  return `${topic}\u0000${payload.length}:${fnv1a(payload)}`;
}

function snake(k: string): string {
  return k.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
}

/** MQTT 5 properties as JSON: snake_case names, binary as hex, user properties as [name, value] pairs. */
export function propertiesRecord(p: MqttProperties | undefined): MqttPropertiesRecord | undefined {
  if (!p) return undefined;
  const out: MqttPropertiesRecord = {};
  for (const [k, v] of Object.entries(p)) {
    if (v === undefined) continue;
    if (k === 'userProperties') {
      if (p.userProperties) out.user_properties = p.userProperties.map((u) => [u.name, u.value]);
    } else if (v instanceof Uint8Array) out[snake(k) as MqttPropertyName] = textOrHex(v);
    else if (Array.isArray(v)) out[snake(k) as MqttPropertyName] = v.map(Number);
    else if (typeof v !== 'object') out[snake(k) as MqttPropertyName] = v;
  }
  return out;
}

const UPPER = new Map<string, string>();
/** A packet type's name in upper case (one string per name). */
function upper<K extends string>(kind: K): Uppercase<K> {
  let u = UPPER.get(kind);
  if (u === undefined) {
    u = kind.toUpperCase();
    UPPER.set(kind, u);
  }
  return u as Uppercase<K>;
}

/** A record the broker relay may annotate: a PUBLISH, or a CONNECT carrying a will. */
function relayable(r: MqttRecord | null): MqttPublishRecord | MqttConnectRecord | null {
  if (r === null || r.malformed !== undefined) return null;
  return r.kind === 'PUBLISH' || r.kind === 'CONNECT' ? r : null;
}

/** The fields every record starts with (spread into the less frequent kinds' records). */
function base(at: number, frames: number[], dir: (typeof DIR_NAME)[number]) {
  return { frame: at, frames, dir, proto: 'mqtt' as const };
}

/** Client IDs remembered per broker for session takeover (the oldest forgotten beyond). */
const CLIENT_IDS = 4096;
/** Longer client IDs are not remembered (a hostile capture's 64 KiB IDs would make the map 256 MiB). */
const CLIENT_ID_MAX = 256;

/** A connection whose CONNECT the broker accepted, under its client ID (ClientIds). */
interface ClientSession {
  readonly conv: number;
  /** A later connection with the same client ID was accepted: its conversation and CONNECT frame. */
  takenOver?: { by: number; frame: number };
}

/**
 * The latest accepted connection of each client ID at one broker (shared by its connections): MQTT allows
 * one connection per client ID, so when another is accepted the broker closes the older one (3.1.1 §3.1.4,
 * 5.0 §3.1.4: session takeover). Bounded: CLIENT_IDS small entries, no conversation state.
 */
class ClientIds {
  private readonly byId = new Map<string, ClientSession>();

  accepted(clientId: string, conv: number, connectFrame: number): ClientSession {
    const old = this.byId.get(clientId);
    if (old && old.conv !== conv && !old.takenOver) old.takenOver = { by: conv, frame: connectFrame };
    const s: ClientSession = { conv };
    this.byId.delete(clientId);
    this.byId.set(clientId, s);
    if (this.byId.size > CLIENT_IDS) this.byId.delete(this.byId.keys().next().value!);
    return s;
  }
}

export class MqttHandler extends PduHandler<MqttState> {
  readonly proto = 'mqtt' as const;
  private readonly pairer = new MqttPairer();
  /** Messages that expect an answer, by frame and kind (openKey). */
  private readonly open = new Map<number, MqttRecord[]>();
  private first = true;
  private publishes = 0;
  private subscribes = 0;
  private readonly relay: BrokerRelay;
  private readonly clientIds: ClientIds;
  /** The client's CONNECT (its client ID and frame) until the broker answers it; then its accepted session. */
  private connect: { clientId: string; frame: number } | undefined;
  private session: ClientSession | undefined;
  /**
   * The session began clean (CONNECT's clean session / clean start): no subscription before the first
   * SUBSCRIBE, whose time is `subscribed` (BrokerRelay.forwarded's `since`).
   */
  private clean = false;
  private subscribed = Number.POSITIVE_INFINITY;

  constructor(conv: AppConversation) {
    super(conv, newMqttStatePair({ maxLength: conv.ctx.limit('mqttBytes') }), PROTOCOL);
    // one relay index per broker endpoint, shared by all its connections
    const endpoint = conv.info ? `${conv.info.server.addr}|${conv.info.server.port}` : `#${conv.id}`;
    this.relay = conv.ctx.shared(`mqtt.broker|${endpoint}`, () =>
      conv.ctx.summary ? new BrokerRelay(MAX_RELAYS_SUMMARY) : new BrokerRelay(),
    );
    this.clientIds = conv.ctx.shared(`mqtt.clients|${endpoint}`, () => new ClientIds());
  }

  pdu(dir: Dir, bytes: Uint8Array, frames: readonly number[]): void {
    const conv = this.conv;
    const ctx = conv.ctx;
    const d = mqtt.decode(bytes, this.states[dir]);
    ctx.notesFrom(d.notes);
    const m = d.message;
    if (this.first) {
      this.first = false;
      if (m.kind !== 'connect' && !conv.fromStart) conv.note('app.midstream', { proto: 'mqtt' });
    }
    const at = conv.completing(frames);
    const pairing = this.pairer.observe(m, dir, at, ctx.now);
    ctx.notesFrom(pairing.notes);
    if (dir === 0 && m.kind === 'publish') this.publishes++;
    if (dir === 0 && m.kind === 'subscribe') {
      this.subscribes++;
      if (this.subscribed === Number.POSITIVE_INFINITY) this.subscribed = ctx.now;
    }
    if (dir === 0 && m.kind === 'connect') this.clean = m.clean_session;
    let rec: MqttRecord | null = null;
    if (conv.room()) {
      rec = this.record(m, dir, at, frames);
      conv.add(rec);
    }
    if (pairing.reply_to !== undefined) {
      if (rec) {
        rec.reply_to = pairing.reply_to;
        if (pairing.latency !== undefined) rec.latency = roundNs(pairing.latency);
      }
      const key = openKey(pairing.reply_to, pairing.request);
      const list = this.open.get(key);
      const req = list?.shift();
      if (list && list.length === 0) this.open.delete(key);
      if (req) req.replied_by = at;
    }
    if (rec && expectsAnswer(m)) {
      const key = openKey(at, m.kind);
      const list = this.open.get(key);
      if (list) list.push(rec);
      else if (this.open.size < 10_000) this.open.set(key, [rec]);
    }
    if (m.kind === 'publish') {
      const key = publicationKey(m.topic, m.payload);
      const r = relayable(rec);
      if (dir === 0) this.relay.received(key, r, at, conv.id, ctx.now, false);
      else
        this.relay.forwarded(
          key,
          r?.kind === 'PUBLISH' ? r : null,
          at,
          conv.id,
          ctx.now,
          m.retain,
          this.clean ? this.subscribed : Number.NEGATIVE_INFINITY,
        );
    } else if (m.kind === 'connect' && m.will && dir === 0) {
      this.relay.received(publicationKey(m.will.topic, m.will.payload), relayable(rec), at, conv.id, ctx.now, true);
    }
    // (an empty client ID is one the broker assigns: never taken over)
    if (m.kind === 'connect' && dir === 0)
      this.connect = m.clientid && m.clientid.length <= CLIENT_ID_MAX ? { clientId: m.clientid, frame: at } : undefined;
    else if (m.kind === 'connack' && dir === 1 && this.connect) {
      if (m.accepted) this.session = this.clientIds.accepted(this.connect.clientId, conv.id, this.connect.frame);
      this.connect = undefined;
    }
    ctx.done('mqtt');
    if (ctx.frames) {
      const e = frameEntry(m);
      // the PUBLISH payload per frame, as tshark's mqtt.msg (bounded; the message keeps the whole decoding)
      if (m.kind === 'publish') e.payload = rec?.payload ? framePayload(rec.payload) : framePayloadOf(m.payload);
      ctx.emit(e);
    }
  }

  /**
   * A packet the snapshot length cut: framing goes on after it (its length is known). A PUBLISH is listed
   * with what its first bytes tell (topic, QoS, packet id, the captured start of the payload) and `cut`;
   * it is not paired or matched across the broker (its payload is not known).
   */
  override cut(dir: Dir, bytes: Uint8Array, frames: readonly number[], length: number): boolean {
    const conv = this.conv;
    const ctx = conv.ctx;
    const at = conv.completing(frames);
    const c = dir === 0 ? decodeCutConnect(bytes) : undefined;
    if (c) {
      // the session's version, for the packets after it; the CONNECT listed with what was captured
      this.states[0].session.version = c.version;
      this.first = false;
      this.pairer.cut('connect', 0, at, ctx.now);
      if (conv.room()) {
        const r: MqttConnectRecord = {
          frame: at,
          frames: [...frames],
          dir: 'c2s',
          proto: 'mqtt',
          kind: 'CONNECT',
          msgtype: 1,
          version: c.version,
        };
        if (c.keep_alive !== undefined) r.keep_alive = c.keep_alive;
        if (c.client_id !== undefined) r.client_id = c.client_id;
        r.cut = { length, captured: bytes.length };
        conv.add(r);
        this.waitFor(r, at, 'connect');
      }
      ctx.done('mqtt');
      if (ctx.frames) {
        const e: MqttFrameEntry = { proto: 'mqtt', kind: 'CONNECT', msgtype: 1, cut: true };
        ctx.emit(e);
      }
      return true;
    }
    const p = decodeCutPublish(bytes, length, this.states[dir].session.version);
    if (!p) return true;
    if (dir === 0) this.publishes++;
    this.pairer.cut('publish', dir, at, ctx.now, p.qos, p.msgid);
    if (conv.room()) {
      const r: MqttPublishRecord = {
        frame: at,
        frames: [...frames],
        dir: DIR_NAME[dir],
        proto: 'mqtt',
        kind: 'PUBLISH',
        msgtype: 3,
        ...(p.topic !== undefined ? { topic: p.topic } : {}),
        qos: p.qos,
        retain: p.retain,
        dup: p.dup,
      };
      if (p.msgid !== undefined) r.packet_id = p.msgid;
      if (p.payload_length !== undefined) {
        // a copy (decode() may share its record, or defer it), with the payload's real length
        const d = conv.decode(p.payload);
        const rec = d instanceof PendingPayload ? d.record() : d;
        r.payload = { ...rec, length: p.payload_length, captured: p.payload.length };
      }
      r.cut = { length, captured: bytes.length };
      conv.add(r);
      if (p.qos > 0 && p.msgid !== undefined) this.waitFor(r, at, 'publish');
    }
    ctx.done('mqtt');
    if (ctx.frames) {
      const e: MqttFrameEntry = { proto: 'mqtt', kind: 'PUBLISH', msgtype: 3 };
      if (p.topic !== undefined) e.topic = p.topic;
      e.qos = p.qos;
      if (p.msgid !== undefined) e.packet_id = p.msgid;
      e.cut = true;
      ctx.emit(e);
    }
    return true;
  }

  /** A listed message that expects an answer (its replied_by is set when the answer pairs with it). */
  private waitFor(rec: MqttRecord, at: number, kind: string): void {
    const key = openKey(at, kind);
    const list = this.open.get(key);
    if (list) list.push(rec);
    else if (this.open.size < 10_000) this.open.set(key, [rec]);
  }

  /** Lost bytes may have carried deliveries: the relay re-anchors this connection's next one. */
  protected override forgetPairs(): void {
    this.relay.lost(this.conv.id);
  }

  /** Whole control packets this side may send once connected (packetsExact). */
  protected override syncs(dir: Dir, bytes: Uint8Array): boolean {
    return packetsExact(bytes, dir === 0, this.states[dir].session.version);
  }

  private record(m: MqttMessage, dir: Dir, at: number, frames: readonly number[]): MqttRecord {
    const frs = frames.slice();
    const dn = DIR_NAME[dir];
    const msgtype = m.msgtype;
    let r: MqttRecord;
    switch (m.kind) {
      case 'connect': {
        const c: MqttConnectRecord = {
          ...base(at, frs, dn),
          kind: 'CONNECT',
          msgtype,
          proto_name: m.proto_name,
          version: m.ver,
          client_id: m.clientid,
          keep_alive: m.kalive,
          clean_session: m.clean_session,
        };
        if (m.username !== undefined) c.username = m.username;
        // The password only as present or not (its length would already say too much).
        c.password = { present: m.password.present };
        if (m.will) {
          const w: MqttWillRecord = {
            topic: m.will.topic,
            qos: m.will.qos,
            retain: m.will.retain,
            payload: this.conv.decode(m.will.payload),
          };
          const wp = propertiesRecord(m.will.properties);
          if (wp) w.properties = wp;
          c.will = w;
        }
        r = c;
        break;
      }
      case 'connack':
        r = {
          ...base(at, frs, dn),
          kind: 'CONNACK',
          msgtype,
          session_present: m.session_present,
          code: m.reason_code ?? m.return_code,
          meaning: m.reason_name ?? m.return_name,
          accepted: m.accepted,
        };
        break;
      case 'publish': {
        // (the frequent kinds as one literal each, without spreading `base`: one object, not two)
        const p: MqttPublishRecord = {
          frame: at,
          frames: frs,
          dir: dn,
          proto: 'mqtt',
          kind: 'PUBLISH',
          msgtype,
          topic: m.topic,
          qos: m.qos,
          retain: m.retain,
          dup: m.dup,
        };
        if (m.msgid !== undefined) p.packet_id = m.msgid;
        p.payload = this.conv.decode(m.payload);
        r = p;
        break;
      }
      case 'puback':
      case 'pubrec':
      case 'pubrel':
      case 'pubcomp':
        r = {
          frame: at,
          frames: frs,
          dir: dn,
          proto: 'mqtt',
          kind: upper(m.kind),
          msgtype,
          packet_id: m.msgid,
        } satisfies MqttAckRecord;
        if (m.reason_code !== undefined) {
          r.reason_code = m.reason_code;
          r.reason = m.reason_name;
        }
        break;
      case 'subscribe':
        r = {
          ...base(at, frs, dn),
          kind: 'SUBSCRIBE',
          msgtype,
          packet_id: m.msgid,
          subscriptions: m.subscriptions.map((s) => ({ ...s })),
        };
        break;
      case 'suback':
        r = { ...base(at, frs, dn), kind: 'SUBACK', msgtype, packet_id: m.msgid, granted: [...m.granted] };
        break;
      case 'unsubscribe':
        r = { ...base(at, frs, dn), kind: 'UNSUBSCRIBE', msgtype, packet_id: m.msgid, topics: [...m.topics] };
        break;
      case 'unsuback': {
        const u: MqttUnsubackRecord = { ...base(at, frs, dn), kind: 'UNSUBACK', msgtype, packet_id: m.msgid };
        if (m.reason_codes) u.reason_codes = [...m.reason_codes];
        r = u;
        break;
      }
      case 'pingreq':
      case 'pingresp':
        r = { ...base(at, frs, dn), kind: m.kind === 'pingreq' ? 'PINGREQ' : 'PINGRESP', msgtype };
        break;
      case 'disconnect':
      case 'auth': {
        const d: MqttDisconnectRecord = {
          ...base(at, frs, dn),
          kind: m.kind === 'auth' ? 'AUTH' : 'DISCONNECT',
          msgtype,
        };
        if (m.reason_code !== undefined) {
          d.reason_code = m.reason_code;
          d.reason = m.reason_name;
        }
        r = d;
        break;
      }
      case 'malformed':
        r = { ...base(at, frs, dn), kind: upper(m.type_name), msgtype, malformed: m.reason };
        break;
      default: {
        const never: never = m;
        return never;
      }
    }
    if ('properties' in m) {
      const p = propertiesRecord(m.properties);
      if (p) r.properties = p;
    }
    return r;
  }

  finish(rec: ConversationRecord): void {
    const roles: string[] = [];
    if (this.publishes > 0) roles.push('publisher');
    if (this.subscribes > 0) roles.push('subscriber');
    if (roles.length) rec.pattern = roles.join('+');
    const v = this.states[0].session.version;
    const facts: MqttFacts = {};
    if (v !== undefined) facts.mqtt_version = v === 3 ? '3.1' : v === 4 ? '3.1.1' : '5.0';
    // taken over: the broker closed it (its FIN or RST first) after the other connection's CONNECT
    const t = this.session?.takenOver;
    const end = t ? rec.close?.frames[0] : undefined;
    if (t && rec.close.by === 'server' && end !== undefined && end > t.frame) facts.mqtt_taken_over = t;
    Object.assign(rec, facts);
  }
}

/** MQTT packet type of the kinds that expect an answer (0 for any other). */
const TYPE_OF: Readonly<Record<string, number>> = {
  connect: 1,
  publish: 3,
  pubrec: 5,
  pubrel: 6,
  subscribe: 8,
  unsubscribe: 10,
  pingreq: 12,
};

/** Key of a message waiting for its answer: its frame and packet type (no string per message). */
function openKey(frame: number, kind: string | undefined): number {
  return frame * 16 + (TYPE_OF[kind ?? ''] ?? 0);
}

function expectsAnswer(m: MqttMessage): boolean {
  switch (m.kind) {
    case 'connect':
    case 'subscribe':
    case 'unsubscribe':
    case 'pingreq':
    case 'pubrec':
    case 'pubrel':
      return true;
    case 'publish':
      return m.qos > 0;
    default:
      return false;
  }
}

/** The compact frame entry (what the Info column shows). */
function frameEntry(m: MqttMessage): MqttFrameEntry {
  const kind = m.kind === 'malformed' ? upper(m.type_name) : upper(m.kind);
  const e: MqttFrameEntry = { proto: 'mqtt', kind, msgtype: m.msgtype };
  switch (m.kind) {
    case 'publish':
      e.topic = m.topic;
      e.qos = m.qos;
      if (m.msgid !== undefined) e.packet_id = m.msgid;
      if (m.retain) e.retain = true;
      break;
    case 'subscribe':
      e.packet_id = m.msgid;
      e.topics = m.subscriptions.map((s) => s.topic);
      break;
    case 'unsubscribe':
      e.packet_id = m.msgid;
      e.topics = [...m.topics];
      break;
    case 'puback':
    case 'pubrec':
    case 'pubrel':
    case 'pubcomp':
    case 'suback':
    case 'unsuback':
      e.packet_id = m.msgid;
      break;
    case 'connack':
      e.code = m.reason_code ?? m.return_code;
      break;
    case 'malformed':
      e.malformed = true;
      break;
    default:
      break;
  }
  return e;
}
