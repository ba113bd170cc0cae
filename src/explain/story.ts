/**
 * The story: the capture told in phases over frame ranges, per conversation and in time order — ARP
 * resolution, TCP handshake (or "the capture began mid-connection"), the application's own handshake,
 * subscriptions, the exchange, and the ending (or "still open when the capture stopped").
 */
import type { FrameRecord } from '../analysis/model.js';
import { type Agg, groupBytes, groupOf, type Msg, type MsgGroup, mergeAgg, type SortStat } from './app.js';
import { addrOf, type ConvContext, isZmtpData, type ModelContext, type Side } from './context.js';
import { type DigestTotals, digestTotals } from './digest.js';
import {
  capital,
  duration,
  hasDelimiter,
  hostOf,
  latencySummary,
  list,
  msgPayload,
  type Params,
  pickled,
  portOf,
  type Say,
  timesText,
  valuesSummary,
  valueText,
} from './format.js';
import { protocolName } from './info.js';
import type { StoryRecord } from './types.js';

/** A phase of conversation `ctx` told by one catalogue sentence. */
function sentence(say: Say, ctx: ConvContext, frames: [number, number], code: string, p: Params): StoryRecord {
  return { frames, conversation: ctx.c.id, code, text: capital(say(code, p)) };
}

function who(say: Say, ctx: ConvContext, side: Side, prefix = ''): Params {
  return { [`${prefix}who`]: say(`noun.${ctx.roles[side]}`), [`${prefix}addr`]: addrOf(ctx, side) };
}

function span(ms: Msg[]): [number, number] {
  let a = Number.POSITIVE_INFINITY;
  let b = 0;
  for (const m of ms)
    for (const n of m.frames) {
      if (n < a) a = n;
      if (n > b) b = n;
    }
  return [a, b];
}

/** Frame span of a group: of its messages, or of every message of its sorts when not all are listed. */
function spanOf(g: MsgGroup): [number, number] {
  if (g.complete) return span(g.msgs);
  let a = Number.POSITIVE_INFINITY;
  let b = 0;
  for (const s of g.sorts) {
    if (s.first < a) a = s.first;
    if (s.last > b) b = s.last;
  }
  return [a, b];
}

/** valuesSummary over a group; when not all are listed, from the aggregates (same payload, first … last). */
function valuesOf(say: Say, g: MsgGroup, max = 5): string {
  const values = g.msgs.map((m) => msgPayload(say, m));
  if (g.complete || values.length === 0) return valuesSummary(say, values, max);
  if (g.count > 1 && g.sorts.length === 1 && g.sorts[0]!.same) return say('fmt.each_time', { value: values[0]! });
  if (g.count > max) return say('fmt.values.range', { first: values[0]!, last: values[values.length - 1]! });
  return valuesSummary(say, values, max);
}

/** latencySummary over a group (how many values, and the text). */
function latencyOf(
  say: Say,
  g: MsgGroup,
  fromMsg: (m: Msg) => number | undefined,
  fromSort: (s: SortStat) => Agg | undefined,
): { n: number; text: string } {
  if (g.complete) {
    const lat = g.msgs.map(fromMsg).filter((x): x is number => x !== undefined);
    return { n: lat.length, text: latencySummary(say, lat) };
  }
  const a = mergeAgg(g.sorts, fromSort);
  if (!a) return { n: 0, text: '' };
  const lo = duration(a.min, say);
  const hi = duration(a.max, say);
  return {
    n: a.count,
    text: lo === hi ? lo : say('fmt.range_mean', { min: lo, max: hi, mean: duration(a.sum / a.count, say) }),
  };
}

/** list() of the first items of `total` (the rest were not listed). */
function listOf(say: Say, items: string[], total: number, max: number): string {
  if (total <= items.length || total <= max) return list(say, items, max);
  return say('fmt.list.more', { list: items.slice(0, max).join(', '), more: total - max });
}

/** Copies of one ARP frame (a `-i any` capture sees it on several interfaces): same op and addresses, within 10 ms. */
function arpCopies(arps: readonly FrameRecord[], f: FrameRecord): FrameRecord[] {
  const a = f.arp!;
  return arps.filter(
    (g) =>
      g.n > f.n &&
      g.rel - f.rel < 0.01 &&
      g.arp!.op === a.op &&
      g.arp!.sender_ip === a.sender_ip &&
      g.arp!.target_ip === a.target_ip &&
      g.arp!.sender_mac === a.sender_mac,
  );
}

/** ARP frames told in phases; with a digest, the frames it did not keep close each pair's phases. */
function arpPhases(say: Say, frames: readonly FrameRecord[], totals: DigestTotals | undefined): StoryRecord[] {
  const out: StoryRecord[] = [];
  const done = new Set<number>();
  const arps = frames.filter((f) => f.arp);
  const phase = (first: number, last: number, code: string, p: Params, copies: number) => {
    let text = say(code, p);
    if (copies > 1) text += ` ${say('story.arp.copies', { count: copies })}`;
    out.push({ frames: [first, last], conversation: null, code, text });
  };
  for (const f of arps) {
    const a = f.arp!;
    if (done.has(f.n)) continue;
    done.add(f.n);
    const copies = arpCopies(arps, f);
    for (const c of copies) done.add(c.n);
    if (a.op === 'request' && !a.gratuitous && !a.probe) {
      const reply = arps.find(
        (g) =>
          g.n > f.n &&
          !done.has(g.n) &&
          g.arp!.op === 'reply' &&
          g.arp!.sender_ip === a.target_ip &&
          g.arp!.target_ip === a.sender_ip,
      );
      const unicast = f.eth && f.eth.dst !== 'ff:ff:ff:ff:ff:ff';
      if (reply) {
        done.add(reply.n);
        const rcopies = arpCopies(arps, reply);
        for (const c of rcopies) done.add(c.n);
        const last = Math.max(reply.n, ...rcopies.map((c) => c.n));
        const code = unicast ? 'story.arp.recheck' : 'story.arp';
        phase(
          f.n,
          last,
          code,
          { asker: a.sender_ip, target: a.target_ip, mac: reply.arp!.sender_mac },
          copies.length + 1,
        );
      } else {
        const last = Math.max(f.n, ...copies.map((c) => c.n));
        phase(f.n, last, 'story.arp.unanswered', { asker: a.sender_ip, target: a.target_ip }, copies.length + 1);
      }
    } else if (a.op === 'reply' && !a.gratuitous) {
      const last = Math.max(f.n, ...copies.map((c) => c.n));
      phase(
        f.n,
        last,
        'story.arp.reply',
        { sender: a.sender_ip, mac: a.sender_mac, target: a.target_ip },
        copies.length + 1,
      );
    } else {
      const last = Math.max(f.n, ...copies.map((c) => c.n));
      phase(f.n, last, 'story.arp.announce', { sender: a.sender_ip, mac: a.sender_mac }, copies.length + 1);
    }
  }
  for (const [pair, sp] of totals?.arpDropped ?? []) {
    const [a, b] = pair.split('|');
    out.push({
      frames: [sp.first, sp.last],
      conversation: null,
      code: 'story.arp.more',
      text: say('story.arp.more', { count: sp.count, a: a ?? '', b: b ?? '' }),
    });
  }
  return out;
}

function otherPhases(say: Say, frames: readonly FrameRecord[], totals: DigestTotals | undefined): StoryRecord[] {
  let span: { first: number; last: number; count: number } | undefined = totals?.other;
  let protos = [...(totals?.otherProtocols ?? [])];
  let copies = totals?.copies;
  if (!totals) {
    const rest = frames.filter((f) => !f.arp && f.conversation === undefined && f.copy_of === undefined);
    if (rest.length) span = { first: rest[0]!.n, last: rest[rest.length - 1]!.n, count: rest.length };
    const cs = frames.filter((f) => !f.arp && f.copy_of !== undefined);
    if (cs.length) copies = { first: cs[0]!.n, last: cs[cs.length - 1]!.n, count: cs.length };
    protos = [...new Set(rest.map((f) => protocolName(f.protocols[f.protocols.length - 1] ?? '?')))];
  }
  const out: StoryRecord[] = [];
  if (span) {
    out.push({
      frames: [span.first, span.last],
      conversation: null,
      code: 'story.other',
      text: say('story.other', { count: span.count, protocols: list(say, protos) }),
    });
  }
  if (copies) {
    out.push({
      frames: [copies.first, copies.last],
      conversation: null,
      code: 'story.copies',
      text: say('story.copies', { count: copies.count }),
    });
  }
  return out;
}

/** Refused attempts from the same client host to the same server, numbered in capture order. */
function refusedAttempts(mc: ModelContext): Map<number, { attempt: number; total: number; succeeded?: number }> {
  const groups = new Map<string, number[]>();
  for (const c of mc.model.conversations) {
    if (c.transport !== 'tcp' || c.close.kind !== 'refused') continue;
    const k = `${hostOf(c.client)}>${c.server}`;
    const g = groups.get(k);
    if (g) g.push(c.id);
    else groups.set(k, [c.id]);
  }
  const out = new Map<number, { attempt: number; total: number; succeeded?: number }>();
  for (const [k, ids] of groups) {
    const later = mc.model.conversations.find(
      (c) =>
        `${hostOf(c.client)}>${c.server}` === k &&
        c.close.kind !== 'refused' &&
        c.handshake &&
        c.handshake.ack !== null,
    );
    ids.forEach((id, i) => {
      const r: { attempt: number; total: number; succeeded?: number } = { attempt: i + 1, total: ids.length };
      if (later) r.succeeded = later.id;
      out.set(id, r);
    });
  }
  return out;
}

function startPhase(
  say: Say,
  ctx: ConvContext,
  mc: ModelContext,
  refused: ReturnType<typeof refusedAttempts>,
): StoryRecord | undefined {
  const c = ctx.c;
  if (c.transport !== 'tcp') return undefined;
  const hs = c.handshake;
  const base = { client: hostOf(c.client), server: c.server, port: portOf(c.server) ?? '?' };
  if (c.close.kind === 'refused') {
    const r = refused.get(c.id) ?? { attempt: 1, total: 1 };
    const code = r.total > 1 ? 'story.tcp.refused.attempt' : 'story.tcp.refused';
    return {
      frames: [c.first, c.last],
      conversation: c.id,
      code,
      text: say(code, { ...base, attempt: r.attempt, total: r.total }),
    };
  }
  if (!hs) {
    return {
      frames: [c.first, c.first],
      conversation: c.id,
      code: 'story.tcp.midstream',
      text: say('story.tcp.midstream', base),
    };
  }
  const last = hs.ack ?? Math.max(...hs.synack, ...hs.syn);
  let code = 'story.tcp.handshake';
  if (hs.synack.length === 0) code = 'story.tcp.syn_unanswered';
  else if (hs.ack === null) code = 'story.tcp.handshake.partial';
  let text = say(code, { ...base, rtt: c.rtt !== null ? duration(c.rtt, say) : '?', count: hs.syn.length });
  if (hs.syn.length > 1 && hs.synack.length > 0)
    text += ` ${say('story.tcp.syn_retries', { count: hs.syn.length - 1 })}`;
  void mc;
  return { frames: [hs.syn[0] ?? c.first, last], conversation: c.id, code, text };
}

function zmtpSetup(say: Say, ctx: ConvContext): StoryRecord[] {
  const out: StoryRecord[] = [];
  const ms = ctx.view.messages;
  const setup = ms.filter(
    (m) =>
      m.proto === 'zmtp' &&
      (m.kind === 'greeting' ||
        (m.kind === 'command' && !['SUBSCRIBE', 'CANCEL', 'PING', 'PONG', 'ERROR'].includes(m.name ?? ''))),
  );
  if (setup.length) {
    const g = setup.find((m) => m.kind === 'greeting');
    const st = ctx.view.socketTypes ?? {};
    const p: Params = {
      version: g?.version ?? '3',
      mechanism: g?.mechanism ?? 'NULL',
      csock: st.client ?? '?',
      ssock: st.server ?? '?',
      pattern: ctx.view.pattern ?? '?',
      client: hostOf(ctx.c.client),
      server: ctx.c.server,
    };
    let code = st.client && st.server ? 'story.zmtp.setup' : 'story.zmtp.greeting';
    // no greeting decoded (bytes of it missing from the capture): say only what the READY commands tell
    if (!g) {
      code = 'story.zmtp.partial';
      const types: string[] = [];
      if (st.client) types.push(`${st.client} (${say('noun.client')} ${p.client})`);
      if (st.server) types.push(`${st.server} (${say('noun.server')} ${p.server})`);
      p.types = list(say, types) || '?';
    }
    const parts = [say(code, p)];
    const hello = setup.find((m) => m.name === 'HELLO');
    if (hello) parts.push(say('story.zmtp.plain', { username: hello.username ?? '?' }));
    out.push({ frames: span(setup), conversation: ctx.c.id, code, text: parts.join(' ') });
  }
  const group = groupOf(
    ctx.view,
    (m) =>
      m.proto === 'zmtp' &&
      ((m.kind === 'command' && (m.name === 'SUBSCRIBE' || m.name === 'CANCEL')) || m.subscription !== undefined),
  );
  const subs = group.msgs;
  if (subs.length) {
    const topics = subs.map((m) => `'${m.subscription?.topic ?? m.topic ?? m.properties.topic ?? ''}'`);
    const side: Side = subs[0]!.dir === 'c2s' ? 'client' : 'server';
    out.push(
      sentence(say, ctx, spanOf(group), 'story.zmtp.subscribe', {
        ...who(say, ctx, side),
        // summary mode lists some of the subscriptions: the count covers them all
        topics: listOf(say, topics, group.count, 5),
      }),
    );
  }
  return out;
}

/** The topics a ZMTP subscriber subscribed to, each once, in order. */
function subscribedTopics(ctx: ConvContext): string[] {
  const out = new Set<string>();
  for (const m of ctx.view.messages) {
    if (m.proto === 'zmtp' && m.kind === 'command' && m.name === 'SUBSCRIBE')
      out.add(m.topic ?? m.properties.topic ?? '');
    else if (m.proto === 'zmtp' && m.subscription && m.subscription.action !== 'cancel') out.add(m.subscription.topic);
  }
  return [...out];
}

function zmtpExchange(say: Say, ctx: ConvContext): StoryRecord | undefined {
  const data = groupOf(ctx.view, isZmtpData);
  const c = ctx.c;
  const cw = who(say, ctx, 'client', 'c_');
  const sw = who(say, ctx, 'server', 's_');
  if (data.count === 0) {
    if (ctx.kind === 'pubsub') {
      const topics = subscribedTopics(ctx);
      const sub: Side = ctx.sender === 'server' ? 'client' : 'server';
      const range: [number, number] = [c.first, c.last];
      return {
        frames: range,
        conversation: c.id,
        code: 'story.zmtp.pubsub.none',
        text: capital(
          say('story.zmtp.pubsub.none', {
            ...who(say, ctx, ctx.sender ?? 'server', 'p_'),
            ...who(say, ctx, sub),
            topics:
              list(
                say,
                topics.map((t) => `'${t}'`),
              ) || "''",
          }),
        ),
      };
    }
    return undefined;
  }
  const frames = spanOf(data);
  const c2s = groupOf(ctx.view, (m) => isZmtpData(m) && m.dir === 'c2s');
  const s2c = groupOf(ctx.view, (m) => isZmtpData(m) && m.dir === 's2c');
  let code: string;
  let p: Params = { ...cw, ...sw, pattern: ctx.view.pattern ?? 'ZeroMQ' };
  switch (ctx.kind) {
    case 'reqrep': {
      const lat = latencyOf(
        say,
        s2c,
        (m) => m.latency,
        (s) => s.latency,
      );
      code = lat.n ? 'story.zmtp.reqrep' : 'story.zmtp.reqrep.nolat';
      p = {
        ...p,
        requests: c2s.count,
        replies: s2c.count,
        req_values: valuesOf(say, c2s),
        rep_values: valuesOf(say, s2c),
        latency: lat.text,
      };
      break;
    }
    case 'pubsub':
    case 'pipeline': {
      const sender = ctx.sender ?? 'server';
      const sent = sender === 'client' ? c2s : s2c;
      const back = sender === 'client' ? s2c : c2s;
      code = ctx.kind === 'pubsub' ? 'story.zmtp.pubsub' : 'story.zmtp.pipeline';
      p = {
        ...who(say, ctx, sender, 'p_'),
        ...who(say, ctx, sender === 'client' ? 'server' : 'client'),
        count: sent.count,
        values: valuesOf(say, sent, 10),
      };
      if (back.count) code += '.back';
      p.back = back.count;
      break;
    }
    default:
      code = 'story.zmtp.other';
      p = { ...p, c2s: c2s.count, s2c: s2c.count };
  }
  return sentence(say, ctx, frames, code, p);
}

function topicsOf(say: Say, g: MsgGroup): string {
  // In order of first appearance: the listed messages (which begin with the first ones), then the topics
  // only the aggregates of an incomplete list know.
  const topics = new Set(g.msgs.map((m) => `'${m.topic ?? ''}'`));
  if (!g.complete) for (const s of g.sorts) for (const t of s.topics) topics.add(`'${t}'`);
  return list(say, [...topics], 4);
}

/** The QoS levels of a group's messages ("0", "0/1"). */
function qosOf(g: MsgGroup): string {
  const all = g.complete ? g.msgs.map((m) => m.qos ?? 0) : g.sorts.flatMap((s) => s.qos);
  return [...new Set(all)].sort().join('/');
}

/** "as 'id'" or "with an empty client ID (the broker assigns one)". */
export function mqttAs(say: Say, clientId: string): string {
  return clientId === '' ? say('fmt.mqtt.as_empty') : say('fmt.mqtt.as', { client_id: clientId });
}

/** A record's object field (MQTT 5 properties, a will). */
function objOf(v: unknown): Record<string, unknown> | undefined {
  return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
}

/**
 * What a CONNECT and its CONNACK say beyond "connects": the broker-assigned client ID, the will, the
 * session asked for (clean start / session expiry) and whether the broker still held one (session present).
 */
export function mqttConnectFacts(say: Say, connect: Msg | undefined, ack: Msg | undefined): string[] {
  const out: string[] = [];
  const ackProps = objOf(ack?.raw.properties);
  const assigned = ackProps?.assigned_client_identifier;
  if (connect?.clientId === '')
    out.push(
      typeof assigned === 'string'
        ? say('story.mqtt.assigned', { client_id: assigned })
        : say('story.mqtt.assigned.unknown'),
    );
  const will = objOf(connect?.raw.will);
  if (will && typeof will.topic === 'string') {
    const wp = objOf(will.payload);
    const payload = wp ? valueText(say, { encoding: String(wp.encoding), value: wp.value }) : say('fmt.payload.none');
    out.push(
      say(will.retain === true ? 'story.mqtt.will_set.retain' : 'story.mqtt.will_set', {
        topic: will.topic,
        payload,
        qos: typeof will.qos === 'number' ? will.qos : 0,
      }),
    );
  }
  if (connect && connect.raw.clean_session === false) {
    const v5 = connect.version === '5' || connect.version === '5.0';
    const expiry = objOf(connect.raw.properties)?.session_expiry_interval;
    if (!v5) out.push(say('story.mqtt.session.persistent'));
    else if (typeof expiry === 'number' && expiry > 0)
      out.push(say('story.mqtt.session.resume.expiry', { expiry: String(expiry) }));
    else out.push(say('story.mqtt.session.resume'));
  }
  if (ack && ack.accepted !== false && connect && connect.raw.clean_session === false)
    out.push(say(ack.raw.session_present === true ? 'story.mqtt.session_present' : 'story.mqtt.session_new'));
  return out;
}

/** Labels of the MQTT 5 properties a PUBLISH tells (content type, expiry, user properties, response topic…). */
function propItems(say: Say, props: Record<string, unknown>): string[] {
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
    for (const u of props.user_properties)
      if (Array.isArray(u) && u.length === 2)
        out.push(say('fmt.mqtt.user', { name: String(u[0]), value: String(u[1]) }));
  return out;
}

/** The MQTT 5 properties of PUBLISH messages, each told once ('' when none has any). */
export function mqttPropsText(say: Say, ms: readonly Msg[], max = 8): string {
  const items = new Set<string>();
  for (const m of ms) {
    const p = objOf(m.raw.properties);
    if (p) for (const x of propItems(say, p)) items.add(x);
  }
  return list(say, [...items], max);
}

/** The MQTT 5 properties of one PUBLISH ('' when none). */
export function mqttMsgProps(say: Say, m: Msg): string {
  const p = objOf(m.raw.properties);
  return p ? list(say, propItems(say, p), 8) : '';
}

/** Reason codes of acknowledgements that are not plain success, told (MQTT 5). */
function mqttReasons(say: Say, ctx: ConvContext, acks: readonly Msg[]): string[] {
  const out: string[] = [];
  const noSub = acks.filter((m) => m.raw.reason_code === 0x10);
  if (noSub.length) {
    const reqs = noSub
      .map((a) => ctx.view.messages.find((m) => m.frame === a.replyTo && m.kind === 'PUBLISH'))
      .filter((m): m is Msg => m !== undefined);
    const topics = [...new Set(reqs.map((m) => `'${m.topic ?? ''}'`))];
    let text = say('story.mqtt.no_subscribers', {
      count: noSub.length,
      kind: noSub[0]!.kind,
      topics: list(say, topics) || '?',
    });
    if (reqs.some((m) => m.retain)) text += ` ${say('story.mqtt.no_subscribers.retained')}`;
    out.push(text);
  }
  const other = acks.filter(
    (m) => typeof m.raw.reason_code === 'number' && m.raw.reason_code !== 0 && m.raw.reason_code !== 0x10,
  );
  for (const m of other.slice(0, 5))
    out.push(
      say('story.mqtt.reason_code', {
        kind: m.kind,
        frame: m.frame,
        code: Number(m.raw.reason_code),
        reason: m.reason ?? '?',
      }),
    );
  return out;
}

/**
 * The PUBLISH messages a broker sends to a client, in three kinds told apart: retained messages handed to
 * a new subscriber (not relays: no relay delay), relays of a publication (with their delay), and wills the
 * broker publishes for a client whose connection ended without DISCONNECT.
 */
function mqttDeliveries(say: Say, ctx: ConvContext, got: MsgGroup, cw: Params): string[] {
  const out: string[] = [];
  // With Retain As Published the retain flag is forwarded as the publisher set it: it no longer marks a
  // message from the retained store.
  const rap = ctx.view.messages.some(
    (m) =>
      m.kind === 'SUBSCRIBE' &&
      Array.isArray(m.raw.subscriptions) &&
      m.raw.subscriptions.some((x) => objOf(x)?.rap === true),
  );
  const isWill = (m: Msg) => m.relayedFrom?.will === true;
  const isRetained = (m: Msg) => !isWill(m) && (m.relayedFrom?.retained === true || (m.retain === true && !rap));
  const retained = got.msgs.filter(isRetained);
  const wills = got.msgs.filter(isWill);
  const relays = got.msgs.filter((m) => !isWill(m) && !isRetained(m));
  if (retained.length) {
    const srcs = retained.filter((m) => m.relayedFrom?.frame !== undefined);
    const g: MsgGroup = { msgs: retained, count: retained.length, complete: true, sorts: [] };
    const p: Params = { ...cw, count: retained.length, topics: topicsOf(say, g), values: valuesOf(say, g) };
    if (srcs.length === retained.length) {
      p.src = list(
        say,
        srcs.map((m) => String(m.relayedFrom!.frame)),
      );
      p.age = latencySummary(
        say,
        srcs.map((m) => m.relayedFrom!.age ?? 0),
      );
      out.push(capital(say('story.mqtt.retained', p)));
    } else out.push(capital(say('story.mqtt.retained.nosrc', p)));
  }
  const relayCount = got.count - retained.length - wills.length;
  if (relayCount > 0) {
    const g: MsgGroup = { msgs: relays, count: relayCount, complete: got.complete, sorts: got.sorts };
    const delays = latencyOf(
      say,
      g,
      (m) => m.relayedFrom?.delay,
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
          topic: m.topic ?? '',
          conv: m.relayedFrom!.conversation ?? '?',
          src: m.relayedFrom!.frame,
        }),
      ),
    );
  const props = mqttPropsText(say, got.msgs);
  if (props) out.push(say('story.mqtt.props', { list: props }));
  return out;
}

function mqttPhases(say: Say, ctx: ConvContext): StoryRecord[] {
  const out: StoryRecord[] = [];
  const c = ctx.c;
  const ms = ctx.view.messages.filter((m) => m.proto === 'mqtt');
  const cw = who(say, ctx, 'client');
  const conn = ms.filter((m) => m.kind === 'CONNECT' || m.kind === 'CONNACK');
  if (conn.length) {
    const connect = conn.find((m) => m.kind === 'CONNECT');
    const ack = conn.find((m) => m.kind === 'CONNACK');
    let code = 'story.mqtt.connect';
    if (!connect) code = 'story.mqtt.connack_only';
    else if (!ack) code = 'story.mqtt.connect.noack';
    else if (ack.accepted === false) code = 'story.mqtt.connect.refused';
    const p: Params = {
      ...cw,
      as: mqttAs(say, connect?.clientId ?? ''),
      version: connect?.version === '5' ? '5.0' : connect?.version === '3' ? '3.1' : '3.1.1',
      keepalive: connect?.keepAlive ?? 0,
      latency: ack?.latency !== undefined ? duration(ack.latency, say) : '?',
      reason: ack?.returnName ?? ack?.reason ?? '',
      broker: c.server,
    };
    const first = sentence(say, ctx, span(conn), code, p);
    const more = mqttConnectFacts(say, connect, ack);
    if (more.length) first.text += ` ${more.join(' ')}`;
    out.push(first);
  }
  const subs = ms.filter(
    (m) => m.kind === 'SUBSCRIBE' || m.kind === 'SUBACK' || m.kind === 'UNSUBSCRIBE' || m.kind === 'UNSUBACK',
  );
  if (subs.length) {
    const topics = subs
      .filter((m) => m.kind === 'SUBSCRIBE')
      .flatMap((m) =>
        m.subscriptions.map((s) =>
          s.qos !== undefined ? say('fmt.topic_qos', { topic: s.topic, qos: s.qos }) : `'${s.topic}'`,
        ),
      );
    const granted = subs.filter((m) => m.kind === 'SUBACK').flatMap((m) => m.granted);
    const code = granted.length ? 'story.mqtt.subscribe' : 'story.mqtt.subscribe.noack';
    out.push({
      frames: span(subs),
      conversation: c.id,
      code,
      text: capital(say(code, { ...cw, topics: list(say, topics), granted: granted.join(', ') })),
    });
  }
  const mq = (pred: (m: Msg) => boolean) => groupOf(ctx.view, (m) => m.proto === 'mqtt' && pred(m));
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
      const retained = sent.msgs.filter((m) => m.retain);
      if (retained.length)
        parts.push(
          say('story.mqtt.retain_set', {
            count: retained.length,
            topics: list(say, [...new Set(retained.map((m) => `'${m.topic ?? ''}'`))]),
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

/**
 * Requests and their answers as "a → b (latency)", a run of equal pairs told once ("8 × a → b (latency
 * range)"); with the number of requests each item stands for.
 */
function pairsText(
  say: Say,
  ctx: ConvContext,
  reqs: Msg[],
  reps: Msg[],
  label: (m: Msg) => string,
): { items: string[]; covers: number[] } {
  const byFrame = new Map<number, Msg>();
  for (const r of reps) if (r.replyTo !== undefined) byFrame.set(r.replyTo, r);
  const used = new Set<Msg>();
  const pairs: { a: string; b?: string; lat?: number }[] = [];
  // after lost bytes an answer may be lost or not paired: neither "no answer" nor a pairing by position holds
  const lossy = ctx.c.notes.some((n) => n.code === 'app.gap');
  reqs.forEach((q, i) => {
    let r = byFrame.get(q.frame);
    if (!r && q.repliedBy !== undefined) r = reps.find((x) => x.frame === q.repliedBy);
    if (!r && !lossy && reps[i] && !used.has(reps[i]!) && reps.length === reqs.length) r = reps[i];
    if (r) used.add(r);
    const pair: { a: string; b?: string; lat?: number } = { a: label(q) };
    if (r) pair.b = label(r);
    if (r?.latency !== undefined) pair.lat = r.latency;
    pairs.push(pair);
  });
  const items: string[] = [];
  const covers: number[] = [];
  let i = 0;
  while (i < pairs.length) {
    const p = pairs[i]!;
    let j = i + 1;
    while (
      j < pairs.length &&
      pairs[j]!.a === p.a &&
      pairs[j]!.b === p.b &&
      (pairs[j]!.lat === undefined) === (p.lat === undefined)
    )
      j++;
    const run = pairs.slice(i, j);
    const lats = run.map((x) => x.lat).filter((x): x is number => x !== undefined);
    const text =
      p.b === undefined
        ? say(lossy ? 'fmt.pair.unknown' : 'fmt.pair.none', { a: p.a })
        : say(lats.length ? 'fmt.pair.lat' : 'fmt.pair', { a: p.a, b: p.b, latency: latencySummary(say, lats) });
    items.push(timesText(say, text, run.length));
    covers.push(run.length);
    i = j;
  }
  return { items, covers };
}

/** pairsText's items, at most `max` of them, "and N more" counting the requests not told. */
function pairsList(say: Say, p: { items: string[]; covers: number[] }, total: number, max: number): string {
  let told = 0;
  for (const c of p.covers) told += c;
  if (p.items.length <= max && told >= total) return list(say, p.items, max);
  const head = p.items.slice(0, max);
  let headCovers = 0;
  for (const c of p.covers.slice(0, max)) headCovers += c;
  return say('fmt.list.more', { list: head.join(', '), more: total - headCovers });
}

/** An HTTP header's value (headers as an object or as [name, value] pairs), case-insensitive. */
function headerOf(m: Msg, name: string): string | undefined {
  const h = m.raw.headers;
  const want = name.toLowerCase();
  if (Array.isArray(h)) {
    for (const x of h) if (Array.isArray(x) && String(x[0]).toLowerCase() === want) return String(x[1]);
  } else if (h && typeof h === 'object')
    for (const [k, v] of Object.entries(h)) if (k.toLowerCase() === want) return String(v);
  return undefined;
}

/** Whether the HTTP connection stays open after a message (its own record, else HTTP/1.1's default). */
function keepsAlive(m: Msg): boolean {
  if (typeof m.raw.keep_alive === 'boolean') return m.raw.keep_alive;
  const c = headerOf(m, 'connection')?.toLowerCase();
  if (c === 'close') return false;
  if (c === 'keep-alive') return true;
  return m.raw.version !== '1.0';
}

function httpExchange(say: Say, ctx: ConvContext, mc: ModelContext): StoryRecord | undefined {
  const all = groupOf(ctx.view, (m) => m.proto === 'http');
  if (!all.count) return undefined;
  const ms = all.msgs;
  const reqs = ms.filter((m) => m.kind === 'request');
  const reps = ms.filter((m) => m.kind === 'response');
  const total = groupOf(ctx.view, (m) => m.proto === 'http' && m.kind === 'request').count;
  const bodyOf = (m: Msg) => (m.payload && m.payload.encoding !== 'empty' ? ` ${msgPayload(say, m)}` : '');
  const label = (m: Msg) => {
    if (m.kind === 'request') return `${m.method ?? '?'} ${m.uri ?? '/'}${bodyOf(m)}`;
    return `${m.status ?? '?'}${m.statusText ? ` ${m.statusText}` : ''}${bodyOf(m)}`;
  };
  const pairs = pairsText(say, ctx, reqs, reps, label);
  const st = sentence(say, ctx, spanOf(all), 'story.http', {
    ...who(say, ctx, 'client'),
    ...who(say, ctx, 'server', 's_'),
    count: total,
    pairs: pairsList(say, pairs, total, 6),
  });
  const more: string[] = [];
  // chunked bodies: sent in pieces, their length not announced in a header
  for (const m of reps.filter((x) => x.raw.chunked === true).slice(0, 3)) {
    const req = reqs.find((q) => q.frame === m.replyTo);
    more.push(
      say('story.http.chunked', {
        req: req ? `${req.method ?? '?'} ${req.uri ?? '/'}` : `${m.status ?? '?'}`,
        bytes: typeof m.raw.body_len === 'number' ? m.raw.body_len : '?',
      }),
    );
  }
  // connection reuse: one keep-alive connection for all, or closed after the last answer
  const last = reps[reps.length - 1];
  if (total > 1) more.push(say('story.http.reuse', { count: total }));
  if (last && all.complete && !keepsAlive(last)) {
    const conn = headerOf(last, 'connection')?.toLowerCase() === 'close';
    const server = headerOf(last, 'server');
    const next = [...mc.convs.values()].find(
      (o) =>
        o.c.id !== ctx.c.id &&
        o.view.app === 'http' &&
        o.c.first > ctx.c.first &&
        hostOf(o.c.client) === hostOf(ctx.c.client) &&
        o.c.server === ctx.c.server,
    );
    const p: Params = { server: server ?? '', next: next ? next.c.id : '' };
    let code = conn ? 'story.http.close' : 'story.http.close10';
    if (server) code += /^werkzeug\//i.test(server) ? '.werkzeug' : '.server';
    let text = say(code, p);
    if (next && total === 1) text += ` ${say('story.http.close.next', { id: next.c.id })}`;
    more.push(text);
  }
  if (more.length) st.text += ` ${more.join(' ')}`;
  return st;
}

function dataExchange(say: Say, ctx: ConvContext): StoryRecord | undefined {
  const isData = (m: Msg) => m.proto === 'data' || m.kind === 'data';
  const ms = groupOf(ctx.view, isData);
  if (!ms.count) return undefined;
  const c2s = groupOf(ctx.view, (m) => isData(m) && m.dir === 'c2s');
  const s2c = groupOf(ctx.view, (m) => isData(m) && m.dir === 's2c');
  const frames = spanOf(ms);
  if (ctx.c.transport === 'udp') {
    const answered = s2c.complete ? s2c.msgs.filter((m) => m.replyTo !== undefined).length : 0;
    if (c2s.complete && c2s.count && answered === s2c.count && answered * 2 >= c2s.count) {
      // the server's datagrams each answer one of the client's (reply_to): told as pairs, like TCP
      const pairs = pairsText(say, ctx, c2s.msgs, s2c.msgs, (m) => msgPayload(say, m));
      return {
        frames,
        conversation: ctx.c.id,
        code: 'story.udp.pairs',
        text: capital(
          say('story.udp.pairs', {
            src: ctx.c.client,
            dst: ctx.c.server,
            count: c2s.count,
            answered,
            pairs: pairsList(say, pairs, c2s.count, 6),
          }),
        ),
      };
    }
    const parts: string[] = [];
    for (const [g, src, dst] of [
      [c2s, ctx.c.client, ctx.c.server],
      [s2c, ctx.c.server, ctx.c.client],
    ] as const) {
      if (g.count) parts.push(capital(say('story.udp', { src, dst, count: g.count, values: valuesOf(say, g) })));
    }
    if (!s2c.count) parts.push(say('story.udp.oneway'));
    return { frames, conversation: ctx.c.id, code: 'story.udp', text: parts.join(' ') };
  }
  const answered = s2c.complete
    ? s2c.msgs.filter((m) => m.replyTo !== undefined).length
    : s2c.sorts.reduce((a, x) => a + x.replies, 0);
  if (c2s.count && s2c.count && answered * 2 < c2s.count) {
    // a byte stream: bytes per side, not messages (TCP keeps no boundaries between writes)
    return sentence(say, ctx, frames, 'story.data.both', {
      ...who(say, ctx, 'client'),
      ...who(say, ctx, 'server', 's_'),
      c2s_bytes: groupBytes(c2s),
      s2c_bytes: groupBytes(s2c),
      c_values: valuesOf(say, c2s),
      s_values: valuesOf(say, s2c),
    });
  }
  if (answered > 0) {
    const pairs = pairsText(say, ctx, c2s.msgs, s2c.msgs, (m) => msgPayload(say, m));
    return sentence(say, ctx, frames, 'story.data.pairs', {
      ...who(say, ctx, 'client'),
      ...who(say, ctx, 'server', 's_'),
      // each side's turn: what it sends until the other side speaks (the answer starts a new turn)
      count: answered,
      pairs: pairsList(say, pairs, c2s.count, 6),
    });
  }
  const side: Side = c2s.count ? 'client' : 'server';
  const sent = side === 'client' ? c2s : s2c;
  return sentence(say, ctx, frames, 'story.data.oneway', {
    ...who(say, ctx, side),
    bytes: groupBytes(sent),
    values: valuesOf(say, sent),
  });
}

/**
 * First and last frame with TCP payload before `endFrom` (the first FIN or RST, or infinity). A digest
 * has the payload frames before the first FIN and the first RST, and the last two.
 */
function dataRange(ctx: ConvContext, endFrom: number, totals: DigestTotals | undefined): [number, number] | undefined {
  if (totals) {
    const t = totals.convs.get(ctx.c.id);
    const marks = [t?.firstData, t?.dataBeforeFin, t?.dataBeforeRst, t?.prevData, t?.lastData].filter(
      (n): n is number => n !== undefined && n < endFrom,
    );
    return marks.length ? [Math.min(...marks), Math.max(...marks)] : undefined;
  }
  const data = ctx.frames.filter((f) => (f.tcp?.len ?? 0) > 0 && f.n < endFrom);
  return data.length ? [data[0]!.n, data[data.length - 1]!.n] : undefined;
}

/** TCP without decoded application messages: payload bytes per direction (from the conversation record). */
function tcpDataPhase(
  say: Say,
  ctx: ConvContext,
  endFrom: number,
  totals: DigestTotals | undefined,
): StoryRecord | undefined {
  const c = ctx.c;
  if (c.bytes.c2s + c.bytes.s2c === 0) return undefined;
  const start = c.handshake?.ack ?? c.first;
  const range: [number, number] = dataRange(ctx, endFrom, totals) ?? [
    Math.min(start + 1, c.last),
    Math.max(Math.min(start + 1, c.last), Math.min(endFrom - 1, c.last)),
  ];
  return {
    frames: range,
    conversation: c.id,
    code: 'story.tcp.data',
    text: capital(
      say('story.tcp.data', {
        ...who(say, ctx, 'client'),
        ...who(say, ctx, 'server', 's_'),
        c2s_bytes: c.bytes.c2s,
        s2c_bytes: c.bytes.s2c,
      }),
    ),
  };
}

const TROUBLE = [
  'retransmission',
  'fast_retransmission',
  'duplicate_ack',
  'lost_segment',
  'out_of_order',
  'zero_window',
] as const;

/** Frames per tcp.analysis flag in a conversation: the digest's totals, or counted over its frames. */
export function troubleCounts(ctx: ConvContext, totals: DigestTotals | undefined): ReadonlyMap<string, number> {
  if (totals) return totals.convs.get(ctx.c.id)?.trouble ?? new Map();
  const counts = new Map<string, number>();
  for (const f of ctx.frames) for (const a of f.tcp?.analysis ?? []) counts.set(a, (counts.get(a) ?? 0) + 1);
  return counts;
}

/** "3 retransmissions, 12 duplicate ACKs" for a conversation, or ''. */
export function troubleSummary(say: Say, counts: ReadonlyMap<string, number>): string {
  const items: string[] = [];
  for (const k of TROUBLE) {
    const n = counts.get(k);
    if (n) items.push(say(`fmt.count.${k}`, { count: n }));
  }
  return list(say, items, 6);
}

function endPhase(say: Say, ctx: ConvContext): StoryRecord | undefined {
  const c = ctx.c;
  if (c.transport !== 'tcp' || c.close.kind === 'refused') return undefined;
  const disc = ctx.view.messages.find((m) => m.proto === 'mqtt' && m.kind === 'DISCONNECT');
  const parts: string[] = [];
  if (disc) parts.push(capital(say('story.mqtt.disconnect', who(say, ctx, disc.dir === 'c2s' ? 'client' : 'server'))));
  let start: number;
  let code: string;
  const by: Side | null = c.close.by;
  switch (c.close.kind) {
    case 'fin': {
      const f0 = ctx.fins[0];
      start = f0?.n ?? c.last;
      const closer: Side = f0?.side ?? by ?? 'client';
      code = ctx.fins.length >= 2 ? 'story.end.fin' : 'story.end.fin.half';
      parts.push(
        capital(
          say(code, { ...who(say, ctx, closer), ...who(say, ctx, closer === 'client' ? 'server' : 'client', 'o_') }),
        ),
      );
      break;
    }
    case 'rst': {
      const r = ctx.rst;
      start = ctx.fins[0] && r && ctx.fins[0].n < r.n ? ctx.fins[0].n : (r?.n ?? c.last);
      const closer: Side = r?.side ?? by ?? 'client';
      code = 'story.end.rst';
      parts.push(capital(say(code, { ...who(say, ctx, closer) })));
      break;
    }
    default:
      start = c.last;
      code = ctx.view.app === 'zmtp' ? 'story.end.open.zmtp' : 'story.end.open';
      parts.push(capital(say(code, { last: c.last })));
  }
  if (disc && disc.frame < start) start = disc.frame;
  if (ctx.view.app === 'mqtt' && !disc && (c.close.kind === 'fin' || c.close.kind === 'rst')) {
    const connect = ctx.view.messages.find((m) => m.kind === 'CONNECT');
    const will = connect?.raw.will as { topic?: unknown } | undefined;
    parts.push(
      typeof will?.topic === 'string'
        ? say('story.mqtt.no_disconnect.will', { topic: will.topic })
        : say('story.mqtt.no_disconnect'),
    );
  }
  return { frames: [start, c.last], conversation: c.id, code, text: parts.join(' ') };
}

/**
 * What the payloads of a conversation's messages are beyond their values: pickled Python objects (with
 * the pickle protocol), and REQ/REP's empty delimiter frame before each body.
 */
function payloadFacts(say: Say, ctx: ConvContext): string {
  const out: string[] = [];
  const ms = ctx.view.messages.filter((m) => m.kind === 'message' || m.kind === 'data' || m.proto === 'data');
  const pk = ms.flatMap((m) => pickled(m));
  if (pk.length) {
    const types = [...new Set(pk.map((x) => x.type))];
    const protocols = [...new Set(pk.map((x) => x.protocol).filter((x): x is number => x !== undefined))];
    const ex = pk[0]!;
    out.push(
      say(protocols.length ? 'story.pickle' : 'story.pickle.noproto', {
        count: pk.length,
        types: list(say, types),
        protocol: protocols.join('/'),
        bytes: ex.bytes,
        value: valueText(say, ex.value),
      }),
    );
  }
  const st = ctx.view.socketTypes;
  if (st?.client === 'REQ' && st.server === 'REP') {
    const d = ms.find((m) => m.dir === 'c2s' && hasDelimiter(m));
    if (d) out.push(say('story.zmtp.delimiter', { body: msgPayload(say, d) }));
  }
  return out.join(' ');
}

function convPhases(
  say: Say,
  ctx: ConvContext,
  mc: ModelContext,
  refused: ReturnType<typeof refusedAttempts>,
  totals: DigestTotals | undefined,
): StoryRecord[] {
  const out: StoryRecord[] = [];
  const s = startPhase(say, ctx, mc, refused);
  if (s) out.push(s);
  if (ctx.c.close.kind === 'refused') return out;
  const end = endPhase(say, ctx);
  const app = ctx.view.app;
  let exchange: StoryRecord | undefined;
  if (app === 'zmtp') {
    out.push(...zmtpSetup(say, ctx));
    exchange = zmtpExchange(say, ctx);
  } else if (app === 'mqtt') {
    out.push(...mqttPhases(say, ctx));
  } else if (app === 'http') {
    exchange = httpExchange(say, ctx, mc);
  } else if (app === 'data' || ctx.c.transport === 'udp') {
    exchange = dataExchange(say, ctx);
  }
  if (!exchange && app !== 'mqtt' && !(app === 'zmtp' && out.length > (s ? 1 : 0))) {
    exchange = tcpDataPhase(
      say,
      ctx,
      end && end.code !== 'story.end.open' && end.code !== 'story.end.open.zmtp'
        ? end.frames[0]
        : Number.POSITIVE_INFINITY,
      totals,
    );
    if (!exchange && ctx.c.transport === 'udp') {
      exchange = {
        frames: [ctx.c.first, ctx.c.last],
        conversation: ctx.c.id,
        code: 'story.udp.flow',
        text: say('story.udp.flow', {
          client: ctx.c.client,
          server: ctx.c.server,
          c2s: ctx.c.packets.c2s,
          s2c: ctx.c.packets.s2c,
        }),
      };
    }
  }
  if (exchange?.code === 'story.zmtp.pubsub.none') {
    // the silence lasts from the end of the set-up to the ending
    const before = out.reduce((a, p) => Math.max(a, p.frames[1]), ctx.c.first);
    const after = end ? end.frames[0] : ctx.c.last;
    exchange.frames = [Math.min(before, after), after];
  }
  if (exchange) {
    const more = payloadFacts(say, ctx);
    if (more) exchange.text += ` ${more}`;
    const trouble = troubleSummary(say, troubleCounts(ctx, totals));
    if (trouble) exchange.text += ` ${say('story.tcp.trouble', { list: trouble })}`;
    out.push(exchange);
  }
  if (end) out.push(end);
  return out;
}

/** The whole story, in time order (by first frame; a conversation's phases keep their order). */
export function buildStory(say: Say, mc: ModelContext): StoryRecord[] {
  const all: Array<StoryRecord & { k: number }> = [];
  let k = 0;
  const totals = digestTotals(mc.model.frames);
  for (const p of arpPhases(say, mc.model.frames, totals)) all.push({ ...p, k: k++ });
  for (const p of otherPhases(say, mc.model.frames, totals)) all.push({ ...p, k: k++ });
  const refused = refusedAttempts(mc);
  for (const ctx of mc.convs.values())
    for (const p of convPhases(say, ctx, mc, refused, totals)) all.push({ ...p, k: k++ });
  all.sort((a, b) => a.frames[0] - b.frames[0] || a.k - b.k);
  return all.map(({ k: _k, ...p }) => p);
}
