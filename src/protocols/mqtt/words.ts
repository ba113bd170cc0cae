import { type AppView, groupOf, type Msg, type MsgGroup, type MsgSort } from '../../explain/app.js';
import type { ConvContext, FrameConv, ModelContext, MsgRef } from '../../explain/context.js';
import {
  capital,
  duration,
  latencySummary,
  list,
  msgPayload,
  type Params,
  type Say,
  valueText,
} from '../../explain/format.js';
import type { HostRole, RoleFacts, Teach, Tell } from '../../explain/protocol.js';
import { latencyOf, phase, span, spanOf, valuesOf, who } from '../../explain/story-kit.js';
import type { StoryRecord } from '../../explain/types.js';
import type {
  MqttConnackRecord,
  MqttConnectRecord,
  MqttFacts,
  MqttFrameEntry,
  MqttPropertiesRecord,
  MqttRecord,
} from './model.js';

/** An MQTT packet that is not malformed, of one kind. */
function isKind<K extends string>(kind: K) {
  return (m: Msg): m is Extract<MqttRecord, { kind: K; malformed?: undefined }> =>
    m.proto === 'mqtt' && m.kind === kind && m.malformed === undefined;
}
const isConnect = isKind('CONNECT');
const isConnack = isKind('CONNACK');
const isPublish = isKind('PUBLISH');
const isSubscribe = isKind('SUBSCRIBE');
const isSuback = isKind('SUBACK');
const isUnsubscribe = isKind('UNSUBSCRIBE');

/** A PUBLISH's topic ('' when unknown). */
const topicOf = (m: Msg): string => (isPublish(m) ? (m.topic ?? '') : '');
/** The broker's relay facts of a PUBLISH it forwards. */
const relayFrom = (m: Msg) => (isPublish(m) ? m.relayed_from : undefined);
/** A PUBLISH's retain flag. */
const retainOf = (m: Msg): boolean => isPublish(m) && m.retain;
/** A packet's MQTT 5 properties. */
const propsOf = (m: Msg | undefined): MqttPropertiesRecord | undefined =>
  m?.proto === 'mqtt' ? m.properties : undefined;
/** An acknowledgement's or DISCONNECT's MQTT 5 reason code and its name. */
function reasonOf(m: Msg): { code?: number; reason?: string } {
  if (m.proto !== 'mqtt' || m.malformed !== undefined) return {};
  switch (m.kind) {
    case 'PUBACK':
    case 'PUBREC':
    case 'PUBREL':
    case 'PUBCOMP':
    case 'DISCONNECT':
    case 'AUTH':
      return { code: m.reason_code, reason: m.reason };
    default:
      return {};
  }
}

export function topicsOf(say: Say, g: MsgGroup): string {
  // In order of first appearance: the listed messages (which begin with the first ones), then the topics
  // only the aggregates of an incomplete list know.
  const topics = new Set(g.msgs.map((m) => `'${topicOf(m)}'`));
  if (!g.complete) for (const s of g.sorts) for (const t of s.topics) topics.add(`'${t}'`);
  return list(say, [...topics], 4);
}

/** The QoS levels of a group's messages ("0", "0/1"). */
export function qosOf(g: MsgGroup): string {
  const all = g.complete ? g.msgs.map((m) => (isPublish(m) ? m.qos : 0)) : g.sorts.flatMap((s) => s.qos);
  return [...new Set(all)].sort().join('/');
}

/** "as 'id'" or "with an empty client ID (the broker assigns one)". */
export function mqttAs(say: Say, clientId: string): string {
  return clientId === '' ? say('fmt.mqtt.as_empty') : say('fmt.mqtt.as', { client_id: clientId });
}

/**
 * What a CONNECT and its CONNACK say beyond "connects": the broker-assigned client ID, the will, the
 * session asked for (clean start / session expiry) and whether the broker still held one (session present).
 */
export function mqttConnectFacts(
  say: Say,
  connect: MqttConnectRecord | undefined,
  ack: MqttConnackRecord | undefined,
): string[] {
  const out: string[] = [];
  const assigned = ack?.properties?.assigned_client_identifier;
  if (connect?.client_id === '')
    out.push(
      typeof assigned === 'string'
        ? say('story.mqtt.assigned', { client_id: assigned })
        : say('story.mqtt.assigned.unknown'),
    );
  const will = connect?.will;
  if (will) {
    out.push(
      say(will.retain ? 'story.mqtt.will_set.retain' : 'story.mqtt.will_set', {
        topic: will.topic,
        payload: valueText(say, will.payload),
        qos: will.qos,
      }),
    );
  }
  if (connect && connect.clean_session === false) {
    const v5 = connect.version === 5;
    const expiry = connect.properties?.session_expiry_interval;
    if (!v5) out.push(say('story.mqtt.session.persistent'));
    else if (typeof expiry === 'number' && expiry > 0)
      out.push(say('story.mqtt.session.resume.expiry', { expiry: String(expiry) }));
    else out.push(say('story.mqtt.session.resume'));
  }
  if (ack && ack.accepted !== false && connect && connect.clean_session === false)
    out.push(say(ack.session_present ? 'story.mqtt.session_present' : 'story.mqtt.session_new'));
  return out;
}

/** Labels of the MQTT 5 properties a PUBLISH tells (content type, expiry, user properties, response topic…). */
export function propItems(say: Say, props: MqttPropertiesRecord): string[] {
  const out: string[] = [];
  if (typeof props.content_type === 'string') out.push(say('fmt.mqtt.content_type', { value: props.content_type }));
  if (typeof props.payload_format_indicator === 'number')
    out.push(say(props.payload_format_indicator === 1 ? 'fmt.mqtt.utf8' : 'fmt.mqtt.bytes'));
  if (typeof props.message_expiry_interval === 'number')
    out.push(say('fmt.mqtt.expiry', { value: String(props.message_expiry_interval) }));
  if (typeof props.response_topic === 'string')
    out.push(say('fmt.mqtt.response_topic', { value: props.response_topic }));
  if (props.correlation_data !== undefined) out.push(say('fmt.mqtt.correlation'));
  if (Array.isArray(props.user_properties))
    for (const [name, value] of props.user_properties) out.push(say('fmt.mqtt.user', { name, value }));
  return out;
}

/** The MQTT 5 properties of PUBLISH messages, each told once ('' when none has any). */
export function mqttPropsText(say: Say, ms: readonly Msg[], max = 8): string {
  const items = new Set<string>();
  for (const m of ms) {
    const p = propsOf(m);
    if (p) for (const x of propItems(say, p)) items.add(x);
  }
  return list(say, [...items], max);
}

/** The MQTT 5 properties of one PUBLISH ('' when none). */
export function mqttMsgProps(say: Say, m: Msg): string {
  const p = propsOf(m);
  return p ? list(say, propItems(say, p), 8) : '';
}

/** Reason codes of acknowledgements that are not plain success, told (MQTT 5). */
export function mqttReasons(say: Say, ctx: ConvContext, acks: readonly Msg[]): string[] {
  const out: string[] = [];
  const noSub = acks.filter((m) => reasonOf(m).code === 0x10);
  if (noSub.length) {
    const reqs = noSub
      .map((a) => ctx.view.messages.find((m) => m.frame === a.reply_to && isPublish(m)))
      .filter((m): m is Msg => m !== undefined);
    const topics = [...new Set(reqs.map((m) => `'${topicOf(m)}'`))];
    let text = say('story.mqtt.no_subscribers', {
      count: noSub.length,
      kind: noSub[0]!.kind,
      topics: list(say, topics) || '?',
    });
    if (reqs.some(retainOf)) text += ` ${say('story.mqtt.no_subscribers.retained')}`;
    out.push(text);
  }
  const other = acks.filter((m) => {
    const code = reasonOf(m).code;
    return code !== undefined && code !== 0 && code !== 0x10;
  });
  for (const m of other.slice(0, 5)) {
    const r = reasonOf(m);
    out.push(
      say('story.mqtt.reason_code', { kind: m.kind, frame: m.frame, code: r.code ?? 0, reason: r.reason ?? '?' }),
    );
  }
  return out;
}

/**
 * The PUBLISH messages a broker sends to a client, in three kinds told apart: retained messages handed to
 * a new subscriber (not relays: no relay delay), relays of a publication (with their delay), and wills the
 * broker publishes for a client whose connection ended without DISCONNECT.
 */
export function mqttDeliveries(say: Say, ctx: ConvContext, got: MsgGroup, cw: Params): string[] {
  const out: string[] = [];
  // With Retain As Published the retain flag is forwarded as the publisher set it: it no longer marks a
  // message from the retained store.
  const rap = ctx.view.messages.some((m) => isSubscribe(m) && m.subscriptions.some((x) => x.rap === true));
  const isWill = (m: Msg) => relayFrom(m)?.will === true;
  const isRetained = (m: Msg) => !isWill(m) && (relayFrom(m)?.retained === true || (retainOf(m) && !rap));
  const retained = got.msgs.filter(isRetained);
  const wills = got.msgs.filter(isWill);
  // published before this connection began: kept by the broker for the client's session, no relay delay
  const isQueued = (m: Msg) => (relayFrom(m)?.frame ?? Number.POSITIVE_INFINITY) < ctx.c.first;
  const forwarded = got.msgs.filter((m) => !isWill(m) && !isRetained(m));
  const queued = forwarded.filter(isQueued);
  const relays = forwarded.filter((m) => !isQueued(m));
  if (retained.length) {
    const srcs = retained.filter((m) => relayFrom(m)?.frame !== undefined);
    const g: MsgGroup = { msgs: retained, count: retained.length, complete: true, sorts: [] };
    const p: Params = { ...cw, count: retained.length, topics: topicsOf(say, g), values: valuesOf(say, g) };
    if (srcs.length === retained.length) {
      p.src = list(
        say,
        srcs.map((m) => String(relayFrom(m)!.frame)),
      );
      p.age = latencySummary(
        say,
        srcs.map((m) => relayFrom(m)!.age ?? 0),
      );
      out.push(capital(say('story.mqtt.retained', p)));
    } else out.push(capital(say('story.mqtt.retained.nosrc', p)));
  }
  if (queued.length) {
    const g: MsgGroup = { msgs: queued, count: queued.length, complete: true, sorts: [] };
    const p: Params = {
      ...cw,
      count: queued.length,
      topics: topicsOf(say, g),
      values: valuesOf(say, g),
      src: list(
        say,
        queued.map((m) => String(relayFrom(m)!.frame)),
      ),
      age: latencySummary(
        say,
        queued.map((m) => relayFrom(m)!.delay ?? 0),
      ),
    };
    out.push(capital(say('story.mqtt.queued', p)));
  }
  const relayCount = got.count - retained.length - wills.length - queued.length;
  if (relayCount > 0) {
    const g: MsgGroup = { msgs: relays, count: relayCount, complete: got.complete, sorts: got.sorts };
    const delays = latencyOf(
      say,
      g,
      (m) => relayFrom(m)?.delay,
      (s) => s.delay,
    );
    const code = delays.n ? 'story.mqtt.deliver' : 'story.mqtt.deliver.nodelay';
    out.push(
      capital(
        say(code, { ...cw, count: relayCount, topics: topicsOf(say, g), values: valuesOf(say, g), delay: delays.text }),
      ),
    );
  }
  for (const m of wills)
    out.push(
      capital(
        say('story.mqtt.will', {
          ...cw,
          payload: msgPayload(say, m),
          topic: topicOf(m),
          conv: relayFrom(m)!.conversation ?? '?',
          src: relayFrom(m)!.frame,
        }),
      ),
    );
  const props = mqttPropsText(say, got.msgs);
  if (props) out.push(say('story.mqtt.props', { list: props }));
  return out;
}

export function mqttPhases(say: Say, ctx: ConvContext): StoryRecord[] {
  const out: StoryRecord[] = [];
  const c = ctx.c;
  const ms = ctx.view.messages.filter((m) => m.proto === 'mqtt');
  const cw = who(say, ctx, 'client');
  const conn = ms.filter((m) => m.kind === 'CONNECT' || m.kind === 'CONNACK');
  if (conn.length) {
    const connect = conn.find(isConnect);
    const ack = conn.find(isConnack);
    let code = 'story.mqtt.connect';
    if (!connect) code = 'story.mqtt.connack_only';
    else if (!ack) code = 'story.mqtt.connect.noack';
    else if (ack.accepted === false) code = 'story.mqtt.connect.refused';
    const p: Params = {
      ...cw,
      as: mqttAs(say, connect?.client_id ?? ''),
      version: connect?.version === 5 ? '5.0' : connect?.version === 3 ? '3.1' : '3.1.1',
      keepalive: connect?.keep_alive ?? 0,
      latency: ack?.latency !== undefined ? duration(ack.latency, say) : '?',
      reason: ack?.meaning ?? '',
      broker: c.server,
    };
    const first = phase(say, ctx, span(conn), code, p);
    const more = mqttConnectFacts(say, connect, ack);
    if (more.length) first.text += ` ${more.join(' ')}`;
    out.push(first);
  }
  const subs = ms.filter(
    (m) => m.kind === 'SUBSCRIBE' || m.kind === 'SUBACK' || m.kind === 'UNSUBSCRIBE' || m.kind === 'UNSUBACK',
  );
  if (subs.length) {
    const topics = subs
      .filter(isSubscribe)
      .flatMap((m) => m.subscriptions.map((s) => say('fmt.topic_qos', { topic: s.topic, qos: s.qos })));
    const granted = subs.filter(isSuback).flatMap((m) => m.granted);
    const code = granted.length ? 'story.mqtt.subscribe' : 'story.mqtt.subscribe.noack';
    let text = capital(say(code, { ...cw, topics: list(say, topics), granted: granted.join(', ') }));
    // an unsubscription ends what the subscription began: told, with whether the broker confirmed it
    for (const u of subs.filter(isUnsubscribe)) {
      const acked = subs.some((m) => m.kind === 'UNSUBACK' && m.reply_to === u.frame);
      const which = list(
        say,
        u.topics.map((t) => `'${t}'`),
      );
      text += ` ${capital(say(acked ? 'story.mqtt.unsubscribe' : 'story.mqtt.unsubscribe.noack', { ...cw, topics: which, frame: u.frame }))}`;
    }
    out.push({ frames: span(subs), conversation: c.id, code, text });
  }
  const mq = (pred: (m: MsgSort) => boolean) => groupOf(ctx.view, (m) => m.proto === 'mqtt' && pred(m));
  const pubs = mq((m) => ['PUBLISH', 'PUBACK', 'PUBREC', 'PUBREL', 'PUBCOMP', 'PINGREQ', 'PINGRESP'].includes(m.kind));
  if (pubs.count) {
    const sent = mq((m) => m.kind === 'PUBLISH' && m.dir === 'c2s');
    const got = mq((m) => m.kind === 'PUBLISH' && m.dir === 's2c');
    const acks = mq((m) => ['PUBACK', 'PUBREC', 'PUBREL', 'PUBCOMP'].includes(m.kind));
    const pings = mq((m) => m.kind === 'PINGREQ');
    const parts: string[] = [];
    if (sent.count) {
      const qos = qosOf(sent);
      parts.push(
        capital(
          say('story.mqtt.publish', {
            ...cw,
            count: sent.count,
            topics: topicsOf(say, sent),
            values: valuesOf(say, sent),
            qos,
          }),
        ),
      );
      const retained = sent.msgs.filter(retainOf);
      if (retained.length)
        parts.push(
          say('story.mqtt.retain_set', {
            count: retained.length,
            topics: list(say, [...new Set(retained.map((m) => `'${topicOf(m)}'`))]),
          }),
        );
      if (qos === '0') parts.push(say('story.mqtt.qos0'));
      const props = mqttPropsText(say, sent.msgs);
      if (props) parts.push(say('story.mqtt.props', { list: props }));
    }
    if (got.count) parts.push(...mqttDeliveries(say, ctx, got, cw));
    if (acks.count) {
      const counts = new Map<string, number>();
      if (acks.complete) for (const m of acks.msgs) counts.set(m.kind, (counts.get(m.kind) ?? 0) + 1);
      else for (const s of acks.sorts) counts.set(s.rep.kind, (counts.get(s.rep.kind) ?? 0) + s.count);
      const items: string[] = [];
      for (const k of ['PUBACK', 'PUBREC', 'PUBREL', 'PUBCOMP'])
        if (counts.get(k)) items.push(say(`fmt.mqtt.${k.toLowerCase()}`, { count: counts.get(k)! }));
      parts.push(say('story.mqtt.acks', { list: list(say, items) }));
      parts.push(...mqttReasons(say, ctx, acks.msgs));
    }
    if (pings.count) parts.push(say('story.mqtt.pings', { count: pings.count }));
    if (parts.length)
      out.push({
        frames: spanOf(pubs),
        conversation: c.id,
        code: sent.count ? 'story.mqtt.publish' : got.count ? 'story.mqtt.deliver' : 'story.mqtt.acks',
        text: parts.join(' '),
      });
  }
  return out;
}

/** ' Reason code …' for an MQTT 5 reason code other than success (0), or ''. */
export function mqttReason(say: Say, m: Msg): string {
  const { code, reason } = reasonOf(m);
  if (code === undefined || code === 0) return '';
  if (code === 0x10 && (m.kind === 'PUBACK' || m.kind === 'PUBREC')) return ` ${say('ex.mqtt.reason.no_subscribers')}`;
  return ` ${say('ex.mqtt.reason', { code, reason: reason ?? '?' })}`;
}

/** The version a CONNECT's protocol level names. */
export function mqttVersion(v: number): string {
  if (v === 3) return '3.1';
  if (v === 5) return '5.0';
  return '3.1.1';
}

/** MQTT packet types as Wireshark's Info column names them. */
export const MQTT_INFO: Readonly<Record<string, string>> = {
  CONNECT: 'Connect Command',
  CONNACK: 'Connect Ack',
  PUBLISH: 'Publish Message',
  PUBACK: 'Publish Ack',
  PUBREC: 'Publish Received',
  PUBREL: 'Publish Release',
  PUBCOMP: 'Publish Complete',
  SUBSCRIBE: 'Subscribe Request',
  SUBACK: 'Subscribe Ack',
  UNSUBSCRIBE: 'Unsubscribe Request',
  UNSUBACK: 'Unsubscribe Ack',
  PINGREQ: 'Ping Request',
  PINGRESP: 'Ping Response',
  DISCONNECT: 'Disconnect Req',
  AUTH: 'Authentication Exchange',
};

export function mqttInfo(e: MqttFrameEntry): string {
  let s = MQTT_INFO[e.kind] ?? e.kind;
  if (e.malformed) s += ' [Malformed Packet]';
  if (e.packet_id !== undefined) s += ` (id=${e.packet_id})`;
  if (e.topic !== undefined) s += ` [${e.topic}]`;
  else if (e.topics && e.topics.length > 0) s += ` [${e.topics.join(', ')}]`;
  if (e.cut) s += '[Packet size limited during capture]';
  return s;
}

/** Whether the MQTT client of a view publishes, subscribes: its listed messages and the sorts of the rest. */
export function mqttUse(view: AppView): { publishes: boolean; subscribes: boolean } {
  let publishes = false;
  let subscribes = false;
  const see = (m: { proto: string; dir: string; kind: string }) => {
    if (m.proto !== 'mqtt' || m.dir !== 'c2s') return;
    if (m.kind === 'PUBLISH') publishes = true;
    if (m.kind === 'SUBSCRIBE') subscribes = true;
  };
  for (const m of view.messages) see(m);
  // summary mode: the sorts of the messages that are not listed
  for (const st of view.stats ?? []) if (st.count > 0) see(st.rep);
  return { publishes, subscribes };
}

/** The sentence for one MQTT packet a frame completes. */
export function sentence(say: Say, ctx: FrameConv, m: MqttRecord, t: Tell): string {
  const { one, reply } = t;
  const p: Params = { payload: msgPayload(say, m), topic: topicOf(m), qos: isPublish(m) ? m.qos : 0 };
  // a packet mqtt-packet rejected: only its type is known
  if (m.malformed !== undefined) return one('ex.mqtt.other', { ...p, kind: m.kind });
  switch (m.kind) {
    case 'CONNECT': {
      p.as = mqttAs(say, m.client_id ?? '');
      p.version = mqttVersion(m.version);
      p.keepalive = m.keep_alive ?? 0;
      const parts = [one('ex.mqtt.connect', p)];
      if (m.client_id === '') parts.push(say('ex.mqtt.connect.empty_id'));
      const will = m.will;
      if (will)
        parts.push(
          say('ex.mqtt.will', {
            topic: will.topic,
            qos: will.qos,
            retain: will.retain ? say('ex.mqtt.will.retain') : '',
            payload: valueText(say, will.payload),
          }),
        );
      if (m.clean_session === false) {
        const v5 = p.version === '5.0';
        const expiry = m.properties?.session_expiry_interval;
        if (!v5) parts.push(say('ex.mqtt.session.persistent'));
        else if (typeof expiry === 'number' && expiry > 0) parts.push(say('ex.mqtt.session.resume.expiry', { expiry }));
        else parts.push(say('ex.mqtt.session.resume'));
      }
      return parts.join(' ');
    }
    case 'CONNACK': {
      if (m.accepted === false) {
        p.reason = m.meaning ?? '';
        return one('ex.mqtt.connack.refused', p);
      }
      const parts = [reply('ex.mqtt.connack', p)];
      const assigned = m.properties?.assigned_client_identifier;
      if (typeof assigned === 'string') parts.push(say('ex.mqtt.connack.assigned', { client_id: assigned }));
      if (m.session_present) parts.push(say('ex.mqtt.connack.session_present'));
      return parts.join(' ');
    }
    case 'PUBLISH': {
      let s: string;
      const r = m.relayed_from;
      if (m.dir === 's2c' && r?.will) {
        s = one('ex.mqtt.publish.will', { ...p, src: r.frame, conv: r.conversation });
      } else if (m.dir === 's2c' && r?.retained) {
        s = one('ex.mqtt.publish.retained', { ...p, src: r.frame, age: duration(r.age ?? 0, say) });
      } else if (m.dir === 's2c' && m.retain && !r) {
        s = one('ex.mqtt.publish.retained.nosrc', p);
      } else if (m.dir === 's2c') {
        if (r && r.delay !== undefined) {
          p.src = r.frame;
          p.delay = duration(r.delay, say);
          // published before this connection began: kept in the client's session, not relayed late
          s = one(r.frame < ctx.c.first ? 'ex.mqtt.publish.queued' : 'ex.mqtt.publish.relay', p);
        } else s = one('ex.mqtt.publish.deliver', p);
      } else {
        s = one('ex.mqtt.publish', p);
        if (m.retain) s += ` ${say('ex.mqtt.retain')}`;
        if (m.qos === 0) s += ` ${say('ex.mqtt.qos0')}`;
      }
      const props = mqttMsgProps(say, m);
      if (props) s += ` ${say('ex.mqtt.props', { list: props })}`;
      return s;
    }
    case 'PUBACK':
    case 'PUBREC':
    case 'PUBREL':
    case 'PUBCOMP': {
      p.id = m.packet_id;
      const s = reply(`ex.mqtt.${m.kind.toLowerCase()}`, p);
      return `${s}${mqttReason(say, m)}`;
    }
    case 'SUBSCRIBE': {
      const topics = m.subscriptions.map((s) => say('fmt.topic_qos', { topic: s.topic, qos: s.qos }));
      p.topics = list(say, topics);
      return one('ex.mqtt.subscribe', p);
    }
    case 'SUBACK':
      p.granted = m.granted.join(', ') || '?';
      return reply('ex.mqtt.suback', p);
    case 'UNSUBSCRIBE':
      p.topics = list(
        say,
        m.topics.map((t) => `'${t}'`),
      );
      return one('ex.mqtt.unsubscribe', p);
    case 'UNSUBACK':
      return reply('ex.mqtt.unsuback', p);
    case 'PINGREQ':
      return one('ex.mqtt.pingreq', p);
    case 'PINGRESP':
      return reply('ex.mqtt.pingresp', p);
    case 'DISCONNECT':
      return `${one('ex.mqtt.disconnect', p)}${mqttReason(say, m)}`;
    case 'AUTH':
      return one('ex.mqtt.auth', p);
    default: {
      const never: never = m;
      return never;
    }
  }
}

/** The noun for an MQTT packet ("the PUBLISH"). */
export function label(say: Say, _ctx: Pick<FrameConv, 'kind'>, m: MsgRef): string {
  return say('lbl.mqtt', { kind: m.kind });
}

/**
 * The broker and its client; a client that only publishes is the publisher, one that only subscribes the
 * subscriber (its listed messages and the sorts of the rest decide).
 */
export function roles(view: AppView): RoleFacts {
  const { publishes, subscribes } = mqttUse(view);
  const client = publishes && !subscribes ? 'publisher' : subscribes && !publishes ? 'subscriber' : 'client';
  return { roles: { client, server: 'broker' }, kind: 'other', publishes, subscribes };
}

/** Every packet is told in the phases: connection, subscriptions, publications and deliveries, ending. */
export function phases(say: Say, ctx: ConvContext): { setup: StoryRecord[] } {
  return { setup: mqttPhases(say, ctx) };
}

/** The client by what it did (publisher, subscriber, both) and its client id; the broker on its port. */
export function hostRoles(_say: Say, ctx: ConvContext, port: string | number): { client: HostRole; server: HostRole } {
  const connect = ctx.view.messages.find(isConnect);
  const id = connect?.client_id;
  const kind =
    ctx.publishes && ctx.subscribes ? 'both' : ctx.publishes ? 'publisher' : ctx.subscribes ? 'subscriber' : 'client';
  return {
    client: { code: `role.mqtt.${kind}${id ? '' : '.anon'}`, params: { client_id: id ?? '', broker: ctx.c.server } },
    server: { code: 'role.mqtt.broker', params: { port } },
  };
}

/** The client, the PUBLISH packets each way and the topics it subscribed to. */
export function convLine(say: Say, ctx: ConvContext): { code: string; params: Params } {
  const v = ctx.view;
  const connect = v.messages.find(isConnect);
  const sent = groupOf(v, (m) => m.kind === 'PUBLISH' && m.dir === 'c2s').count;
  const got = groupOf(v, (m) => m.kind === 'PUBLISH' && m.dir === 's2c').count;
  const topics = v.messages.filter(isSubscribe).flatMap((m) => m.subscriptions.map((s) => `'${s.topic}'`));
  const id = connect?.client_id ?? '?';
  const params: Params = {
    client: id === '' ? say('fmt.mqtt.client_empty') : say('fmt.mqtt.client', { client_id: id }),
    sent,
    got,
  };
  params.topics = list(say, topics) || '-';
  // a refused login: nothing else happens on the connection
  const ack = v.messages.find(isConnack);
  if (ack && !ack.accepted && sent === 0 && got === 0) {
    params.reason = ack.meaning ?? String(ack.code ?? '?');
    return { code: 'ov.conv.mqtt.refused', params };
  }
  return { code: ctx.subscribes ? 'ov.conv.mqtt.sub' : 'ov.conv.mqtt', params };
}

export function title(): string {
  return 'MQTT';
}

/** A sequence diagram's arrow: the packet type and its topic. */
export function arrow(e: MqttFrameEntry): string {
  return e.topic !== undefined ? `${e.kind} ${e.topic}` : e.kind;
}

/**
 * The DISCONNECT before the TCP ending; else why there was none: the broker closes after refusing the login,
 * or after another connection took over the client ID (MqttFacts.mqtt_taken_over), or on its own; or the
 * client closed TCP without one (and its Will, if it set one, is published).
 */
export function ending(say: Say, ctx: ConvContext): { before?: { frame: number; text: string }; after?: string } {
  const c = ctx.c;
  const disc = ctx.view.messages.find((m) => m.proto === 'mqtt' && m.kind === 'DISCONNECT');
  if (disc)
    return {
      before: {
        frame: disc.frame,
        text: capital(say('story.mqtt.disconnect', who(say, ctx, disc.dir === 'c2s' ? 'client' : 'server'))),
      },
    };
  if (c.close.kind !== 'fin' && c.close.kind !== 'rst') return {};
  const connack = ctx.view.messages.find(isConnack);
  if (connack && !connack.accepted) return { after: say('story.mqtt.refused_close') };
  if (c.close.by === 'server') {
    const t = (c as typeof c & MqttFacts).mqtt_taken_over;
    const id = ctx.view.messages.find(isConnect)?.client_id;
    if (t && id !== undefined)
      return { after: say('story.mqtt.taken_over', { id: t.by, frame: t.frame, client_id: id }) };
    return { after: say('story.mqtt.broker_closed') };
  }
  const will = ctx.view.messages.find(isConnect)?.will;
  return {
    after:
      will !== undefined
        ? say('story.mqtt.no_disconnect.will', { topic: will.topic })
        : say('story.mqtt.no_disconnect'),
  };
}

/** A QoS 0 PUBLISH: only TCP acknowledges it. */
export function unacknowledged(e: MqttFrameEntry): boolean {
  return e.kind === 'PUBLISH' && !e.qos;
}

/**
 * Teaching notes about MQTT: a QoS 0 PUBLISH is answered only by a TCP ACK (not an MQTT acknowledgement),
 * and an RST after DISCONNECT is the broker's way of closing, not an error.
 */
export function teach(_say: Say, _mc: ModelContext, convs: readonly ConvContext[], at: (rank: number) => Teach): void {
  {
    const push = at(10);
    // MQTT QoS 0 PUBLISH answered only by a TCP ACK
    for (const ctx of [...convs].sort((a, b) => Number(b.publishes) - Number(a.publishes))) {
      if (ctx.view.app !== 'mqtt') continue;
      const qos0 = ctx.view.messages.filter((m) => isPublish(m) && m.qos === 0);
      const pub = qos0.find((m) => m.dir === 'c2s') ?? qos0[0];
      if (!pub) continue;
      const ack = ctx.frames.find((f) => f.tcp && f.tcp.len === 0 && f.tcp.acks_frame === pub.frame);
      const ackN =
        ack?.n ??
        ctx.frames.find(
          (f) =>
            f.n > pub.frame &&
            f.tcp &&
            f.tcp.len === 0 &&
            f.tcp.flags.length === 1 &&
            (f.src === ctx.c.client) !== (pub.dir === 'c2s'),
        )?.n;
      if (ackN !== undefined) {
        push('teach.tcp_ack_not_mqtt_ack', { publish: pub.frame, ack: ackN }, [pub.frame, ackN]);
        break;
      }
    }
  }
  {
    const push = at(80);
    // RST after MQTT DISCONNECT
    for (const ctx of convs) {
      if (ctx.view.app !== 'mqtt' || ctx.c.close.kind !== 'rst') continue;
      const d = ctx.view.messages.find((m) => m.kind === 'DISCONNECT');
      if (d && ctx.rst && ctx.rst.n >= d.frame) {
        push('teach.rst_after_disconnect', { disconnect: d.frame, rst: ctx.rst.n }, [d.frame, ctx.rst.n]);
        break;
      }
    }
  }
}
