import type { AppMessageRecord, ConversationRecord } from '../../analysis/model.js';
import { type AppView, framesOf, groupOf, type Msg, type MsgSort, propGet } from '../../explain/app.js';
import type { ConvContext, FrameConv, ModelContext, MsgRef, Side } from '../../explain/context.js';
import { capital, hasDelimiter, hostOf, list, msgPayload, type Params, type Say } from '../../explain/format.js';
import { pickleNote } from '../../explain/frame-kit.js';
import type { HostRole, RoleFacts, Teach, Tell } from '../../explain/protocol.js';
import { latencyOf, listOf, phase, span, spanOf, valuesOf, who } from '../../explain/story-kit.js';
import type { StoryRecord } from '../../explain/types.js';
import { zmtpPattern } from './decode.js';
import type { ZmtpCommandRecord, ZmtpFrameEntry, ZmtpGreetingRecord, ZmtpRecord } from './model.js';

const isGreeting = (m: Msg): m is ZmtpGreetingRecord => m.proto === 'zmtp' && m.kind === 'greeting';
const isCommand = (m: Msg): m is ZmtpCommandRecord => m.proto === 'zmtp' && m.kind === 'command';

/** A command's topic: SUBSCRIBE / CANCEL's own, else a `topic` metadata property. */
function commandTopic(m: ZmtpCommandRecord): string {
  return m.topic ?? m.properties?.topic ?? '';
}

/** A SUBSCRIBE / CANCEL command's or a subscription message's topic ('' for anything else). */
function subscriptionTopic(m: Msg): string {
  if (m.proto !== 'zmtp') return '';
  if (m.kind === 'message') return m.subscription?.topic ?? '';
  return m.kind === 'command' ? commandTopic(m) : '';
}

export function zmtpSetup(say: Say, ctx: ConvContext): StoryRecord[] {
  const out: StoryRecord[] = [];
  const ms = ctx.view.messages;
  const setup = ms.filter(
    (m) => isGreeting(m) || (isCommand(m) && !['SUBSCRIBE', 'CANCEL', 'PING', 'PONG', 'ERROR'].includes(m.name)),
  );
  if (setup.length) {
    const g = setup.find(isGreeting);
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
    const hello = setup.filter(isCommand).find((m) => m.name === 'HELLO');
    if (hello) parts.push(say('story.zmtp.plain', { username: hello.username ?? '?' }));
    out.push({ frames: span(setup), conversation: ctx.c.id, code, text: parts.join(' ') });
  }
  const group = groupOf(
    ctx.view,
    (m) =>
      m.proto === 'zmtp' &&
      ((m.kind === 'command' && (m.name === 'SUBSCRIBE' || m.name === 'CANCEL')) || m.subscription),
  );
  const subs = group.msgs;
  if (subs.length) {
    const topics = subs.map((m) => `'${subscriptionTopic(m)}'`);
    const side: Side = subs[0]!.dir === 'c2s' ? 'client' : 'server';
    out.push(
      phase(say, ctx, spanOf(group), 'story.zmtp.subscribe', {
        ...who(say, ctx, side),
        // summary mode lists some of the subscriptions: the count covers them all
        topics: listOf(say, topics, group.count, 5),
      }),
    );
  }
  return out;
}

/** The topics a ZMTP subscriber subscribed to, each once, in order. */
export function subscribedTopics(ctx: ConvContext): string[] {
  const out = new Set<string>();
  for (const m of ctx.view.messages) {
    if (m.proto !== 'zmtp') continue;
    if (m.kind === 'command' && m.name === 'SUBSCRIBE') out.add(commandTopic(m));
    else if (m.kind === 'message' && m.subscription && m.subscription.action !== 'cancel')
      out.add(m.subscription.topic);
  }
  return [...out];
}

export function zmtpExchange(say: Say, ctx: ConvContext): StoryRecord | undefined {
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
  return phase(say, ctx, frames, code, p);
}

export function zmtpInfo(e: ZmtpFrameEntry): string {
  switch (e.kind) {
    case 'greeting': {
      let s = `ZMTP greeting ${e.version}`;
      if (e.mechanism !== undefined) s += ` ${e.mechanism}`;
      if (e.socket_type !== undefined) s += ` Socket-Type=${e.socket_type}`;
      if (e.as_server) s += ' as-server';
      return s;
    }
    case 'command': {
      let s = e.name;
      const p = e.properties;
      if (p) for (const [k, v] of Object.entries(p)) s += ` ${k}=${v.length > 24 ? `${v.slice(0, 23)}…` : v}`;
      if (e.topic !== undefined) s += ` ${e.topic === '' ? '(all)' : e.topic}`;
      if (e.username !== undefined) s += ` username=${e.username}`;
      if (e.reason !== undefined) s += ` ${e.reason}`;
      return s;
    }
    case 'message': {
      if (e.subscription)
        return `${e.subscription === 'subscribe' ? 'Subscribe' : 'Cancel'} ${e.topic === '' ? '(all)' : e.topic}`;
      const preview = e.preview ?? [];
      const parts = preview.map((p) => (p === '' ? '<empty>' : p));
      const more = e.parts > parts.length ? ` | +${e.parts - parts.length}` : '';
      return `Message [${parts.join(' | ')}${more}]`;
    }
    default: {
      const never: never = e;
      return never;
    }
  }
}

/**
 * What a ZMTP command's sentence tells of its fields; the rest is deliberately silent (the explanation
 * is for students: a PING's TTL, a CURVE body's length, a group, the password's presence).
 */
export const ZMTP_COMMAND_TOLD = {
  name: 'told',
  properties: 'told (Socket-Type, Identity)',
  reason: 'told',
  topic: 'told',
  username: 'told',
  ttl: 'silent',
  password: 'silent: never what it is',
  data_length: 'silent',
  curve_version: 'silent',
  group: 'silent',
} as const satisfies Record<Exclude<keyof ZmtpCommandRecord, keyof AppMessageRecord | 'proto' | 'kind'>, string>;

/** The sentence for one ZMTP greeting, command or message a frame completes. */
export function sentence(say: Say, ctx: FrameConv, m: ZmtpRecord, t: Tell): string {
  const { side, one, reply } = t;
  switch (m.kind) {
    case 'greeting': {
      const p = { version: m.version, mechanism: m.mechanism ?? 'NULL', count: framesOf(m).length };
      return one(framesOf(m).length > 1 ? 'ex.zmtp.greeting.split' : 'ex.zmtp.greeting', p);
    }
    case 'command':
      return commandSentence(say, m, one);
    case 'message':
      break;
    default: {
      const never: never = m;
      return never;
    }
  }
  if (m.subscription) {
    const code =
      m.subscription.action === 'cancel'
        ? 'ex.zmtp.cancel'
        : m.subscription.topic
          ? 'ex.zmtp.subscribe'
          : 'ex.zmtp.subscribe.all';
    return one(code, { topic: m.subscription.topic });
  }
  const p: Params = { payload: msgPayload(say, m), pattern: ctx.view.pattern ?? 'ZeroMQ', server: ctx.c.server };
  let s: string;
  switch (ctx.kind) {
    case 'reqrep':
      if (m.dir === 'c2s') s = one('ex.zmtp.request', p);
      // not paired: bytes were lost before it, so its request may be lost too (the order says nothing)
      else s = m.reply_to === undefined ? one('ex.zmtp.reply.unpaired', p) : reply('ex.zmtp.reply', p);
      break;
    case 'pubsub':
      s = one(side === ctx.sender ? 'ex.zmtp.publish' : 'ex.zmtp.message', p);
      break;
    case 'pipeline':
      s = one(side === ctx.sender ? 'ex.zmtp.push' : 'ex.zmtp.message', p);
      break;
    default:
      s = one('ex.zmtp.message', p);
  }
  // REQ/REP only: elsewhere (DEALER, ROUTER) the program itself writes and reads the empty frame
  if (hasDelimiter(m) && ctx.view.pattern === 'REQ/REP')
    s += ` ${say(m.dir === 'c2s' ? 'ex.zmtp.delimiter.req' : 'ex.zmtp.delimiter.rep', { body: msgPayload(say, m) })}`;
  return s + pickleNote(say, m);
}

/** The sentence for a command, by its name. */
function commandSentence(say: Say, m: ZmtpCommandRecord, one: Tell['one']): string {
  const name = m.name;
  switch (name) {
    case 'READY': {
      const s = one('ex.zmtp.ready', { socket: socketTypeOf(m) ?? '?' });
      const identity = propGet(m.properties, 'Identity');
      return identity ? `${s} ${say('ex.zmtp.identity', { identity })}` : s;
    }
    case 'SUBSCRIBE':
    case 'CANCEL': {
      const topic = commandTopic(m);
      const code = name === 'SUBSCRIBE' ? (topic ? 'ex.zmtp.subscribe' : 'ex.zmtp.subscribe.all') : 'ex.zmtp.cancel';
      return one(code, { topic });
    }
    case 'HELLO':
      return one(m.username !== undefined ? 'ex.zmtp.hello' : 'ex.zmtp.command', {
        name,
        username: m.username ?? '',
      });
    case 'WELCOME':
      return one('ex.zmtp.welcome');
    case 'INITIATE':
      return one('ex.zmtp.initiate', { socket: socketTypeOf(m) ?? '?' });
    case 'ERROR':
      return one('ex.zmtp.error', { reason: m.reason ?? '' });
    case 'PING':
      return one('ex.zmtp.ping');
    case 'PONG':
      return one('ex.zmtp.pong');
    default:
      return one('ex.zmtp.command', { name });
  }
}

/** The noun for a ZMTP greeting, command or message (a request, reply or job by the pattern). */
export function label(say: Say, ctx: Pick<FrameConv, 'kind'>, m: MsgRef, k: Params): string {
  if (m.kind === 'greeting') return say('lbl.zmtp.greeting');
  if (m.kind === 'command') return say('lbl.zmtp.command', { name: m.name ?? '?' });
  if (ctx.kind === 'reqrep') return say(m.dir === 'c2s' ? 'lbl.request' : 'lbl.reply', k);
  if (ctx.kind === 'pipeline') return say('lbl.job', k);
  return say('lbl.message', k);
}

const REQREP = new Set(['REQ', 'REP', 'DEALER', 'ROUTER']);

/** Roles by the sockets' types (READY) or the pattern: publisher/subscriber, producer/worker, client/server, peers. */
export function roles(view: AppView): RoleFacts {
  const st = view.socketTypes ?? {};
  const a = st.client ?? '';
  const b = st.server ?? '';
  const pat = (view.pattern ?? '').toUpperCase();
  if (/PUB|SUB/.test(pat) || /PUB/.test(a + b)) {
    const sender: Side = /PUB/.test(a) ? 'client' : 'server';
    return {
      roles:
        sender === 'server'
          ? { client: 'subscriber', server: 'publisher' }
          : { client: 'publisher', server: 'subscriber' },
      kind: 'pubsub',
      sender,
    };
  }
  if (/PUSH|PULL/.test(pat) || /PUSH/.test(a + b)) {
    const sender: Side = a === 'PUSH' ? 'client' : 'server';
    return {
      roles: sender === 'server' ? { client: 'worker', server: 'producer' } : { client: 'producer', server: 'worker' },
      kind: 'pipeline',
      sender,
    };
  }
  if (REQREP.has(a) || REQREP.has(b) || /REQ|REP|DEALER|ROUTER/.test(pat))
    return { roles: { client: 'client', server: 'server' }, kind: 'reqrep' };
  if (a === 'PAIR' || b === 'PAIR') return { roles: { client: 'peer', server: 'peer' }, kind: 'other' };
  return { roles: { client: 'client', server: 'server' }, kind: 'other' };
}

/** The set-up (greetings, READY, subscriptions) and the exchange; a subscriber's silence lasts until the ending. */
export function phases(
  say: Say,
  ctx: ConvContext,
  _mc: ModelContext,
  span: { from: number; to: number },
): { setup: StoryRecord[]; exchange?: StoryRecord } {
  const setup = zmtpSetup(say, ctx);
  const exchange = zmtpExchange(say, ctx);
  if (exchange?.code === 'story.zmtp.pubsub.none') {
    // the silence lasts from the end of the set-up to the ending
    const before = setup.reduce((a, p) => Math.max(a, p.frames[1]), span.from);
    exchange.frames = [Math.min(before, span.to), span.to];
  }
  return exchange ? { setup, exchange } : { setup };
}

const SOCKET_NOUN: Readonly<Record<string, string>> = {
  REQ: 'client',
  REP: 'server',
  DEALER: 'client',
  ROUTER: 'server',
  PUB: 'publisher',
  XPUB: 'publisher',
  SUB: 'subscriber',
  XSUB: 'subscriber',
  PUSH: 'producer',
  PULL: 'worker',
  PAIR: 'peer',
};

/** Each end by its socket type: "connects as a REQ socket (client)", "binds a REP socket on port 5555". */
export function hostRoles(say: Say, ctx: ConvContext, port: string | number): { client: HostRole; server: HostRole } {
  const c = ctx.c;
  const cs = ctx.view.socketTypes?.client;
  const ss = ctx.view.socketTypes?.server;
  return {
    client: cs
      ? {
          code: 'role.zmtp.connect',
          params: { socket: cs, noun: say(`noun.${SOCKET_NOUN[cs] ?? 'peer'}`), server: c.server },
        }
      : { code: 'role.zmtp.client', params: { server: c.server } },
    server: ss
      ? { code: 'role.zmtp.bound', params: { socket: ss, noun: say(`noun.${SOCKET_NOUN[ss] ?? 'peer'}`), port } }
      : { code: 'role.zmtp.server', params: { port } },
  };
}

/** The pattern and the messages each way (a capture begun mid-connection has no greeting nor READY). */
export function convLine(_say: Say, ctx: ConvContext): { code: string; params: Params } {
  const v = ctx.view;
  const c2s = groupOf(v, (m) => isZmtpData(m) && m.dir === 'c2s').count;
  const s2c = groupOf(v, (m) => isZmtpData(m) && m.dir === 's2c').count;
  const params: Params = { pattern: v.pattern ?? '?', c2s, s2c };
  let code: string;
  if (!v.pattern && !ctx.c.handshake) code = 'ov.conv.zmtp.midstream';
  else if (ctx.kind === 'reqrep') code = 'ov.conv.zmtp.reqrep';
  else if (ctx.kind === 'pubsub' || ctx.kind === 'pipeline') {
    code = `ov.conv.zmtp.${ctx.kind}`;
    params.count = ctx.sender === 'client' ? c2s : s2c;
  } else code = 'ov.conv.zmtp';
  return { code, params };
}

/** "ZMTP REQ/REP" in tables. */
export function title(c: ConversationRecord): string {
  return `ZMTP${c.pattern ? ` ${c.pattern}` : ''}`;
}

/** A sequence diagram's arrow: the command's name, the greeting's version, the message's parts. */
export function arrow(e: ZmtpFrameEntry): string {
  switch (e.kind) {
    case 'command':
      return e.name;
    case 'greeting':
      return `greeting ${e.version}`.trim();
    case 'message': {
      const pv = (e.preview ?? []).filter((x) => x !== '');
      return pv.length ? `msg ${pv.join(' | ')}` : 'message';
    }
    default: {
      const never: never = e;
      return never;
    }
  }
}

/** REQ/REP: the empty delimiter frame the REQ socket puts before each body. */
export function payloadFacts(say: Say, ctx: ConvContext, ms: readonly Msg[]): string[] {
  const st = ctx.view.socketTypes;
  if (st?.client !== 'REQ' || st.server !== 'REP') return [];
  const d = ms.find((m) => m.dir === 'c2s' && hasDelimiter(m));
  return d ? [say('story.zmtp.delimiter', { body: msgPayload(say, d) })] : [];
}

/**
 * Teaching notes about ZeroMQ: connections kept open (no FIN), the greeting split over segments, PUB
 * filtering on its side, PUSH's round-robin, and what the PSH flag is not.
 */
export function teach(say: Say, mc: ModelContext, convs: readonly ConvContext[], at: (rank: number) => Teach): void {
  {
    const push = at(20);
    // ZeroMQ keeps its connection
    const zOpen = convs.find((x) => x.view.app === 'zmtp' && x.c.close.kind === 'open');
    if (zOpen) push('teach.zmq_no_fin', { id: zOpen.c.id }, [zOpen.c.last]);
    else {
      const z = convs.find(
        (x) => x.view.app === 'zmtp' && groupOf(x.view, isZmtpData).count > 1 && x.c.close.kind === 'fin',
      );
      if (z)
        push(
          'teach.zmq_one_connection',
          { id: z.c.id, count: groupOf(z.view, isZmtpData).count },
          z.fins.map((f) => f.n),
        );
    }
  }
  {
    const push = at(50);
    // ZMTP greeting split over several segments
    for (const ctx of convs) {
      const g = ctx.view.messages.find((m) => m.proto === 'zmtp' && m.kind === 'greeting' && framesOf(m).length > 1);
      if (g) {
        const frames = [...framesOf(g)];
        push('teach.zmtp_greeting_split', { count: frames.length, frames: frames.join(', ') }, frames);
        break;
      }
    }
  }
  {
    const push = at(70);
    // PUB filters: a subscriber that got nothing
    for (const ctx of convs) {
      if (ctx.view.app !== 'zmtp' || ctx.kind !== 'pubsub') continue;
      if (ctx.view.messages.some(isZmtpDataMsg)) continue;
      const topics = new Set<string>(); // each once: a subscriber may repeat its subscription
      for (const m of ctx.view.messages) {
        if (m.proto !== 'zmtp') continue;
        if (m.kind === 'command' && m.name === 'SUBSCRIBE') topics.add(commandTopic(m));
        if (m.kind === 'message' && m.subscription) topics.add(m.subscription.topic);
      }
      const sub = ctx.sender === 'client' ? ctx.c.server : hostOf(ctx.c.client);
      push(
        'teach.pub_filters',
        { subscriber: sub, topic: [...topics].map((t) => `'${t}'`).join(', ') || "''", id: ctx.c.id },
        [ctx.c.first],
      );
      break;
    }
  }
  {
    const push = at(100);
    // PUSH/PULL round-robin across workers (the app layer's pipeline summary)
    for (const ctx of convs) {
      const p = ctx.c.pipeline;
      if (!p?.round_robin || p.workers.length < 2) continue;
      const per = p.workers.map((w) => say('fmt.per_worker', { count: w.jobs, worker: hostOf(w.peer) }));
      const firstFrames = p.workers
        .map((w) => mc.convs.get(w.conversation)?.view.messages.find(isZmtpDataMsg)?.frame)
        .filter((n): n is number => n !== undefined);
      push(
        'teach.round_robin',
        { producer: p.endpoint, jobs: p.jobs, workers: p.workers.length, per: list(say, per) },
        firstFrames,
      );
      break;
    }
  }
  {
    const push = at(120);
    // PSH is not "push" / a request marker (ZeroMQ captures)
    if (convs.some((x) => x.view.app === 'zmtp')) push('teach.psh_flag', {});
  }
}

/** ZMTP data messages (not greetings or commands). */
export function isZmtpData(m: MsgSort): boolean {
  return m.proto === 'zmtp' && m.kind === 'message' && !m.subscription;
}

/** A message is a ZMTP data message (not a subscription). */
export function isZmtpDataMsg(m: Msg): boolean {
  return m.proto === 'zmtp' && m.kind === 'message' && m.subscription === undefined;
}

/** A ZMTP greeting's or command's Socket-Type (2.0 greeting, READY / INITIATE metadata). */
export function socketTypeOf(m: Msg): string | undefined {
  if (m.proto !== 'zmtp') return undefined;
  if (m.kind === 'greeting') return m.socket_type;
  if (m.kind === 'command') return propGet(m.properties, 'Socket-Type') ?? propGet(m.properties, 'socket_type');
  return undefined;
}

/** Socket types from READY commands when the record does not carry them, and the pattern they make. */
export function completeView(v: AppView): void {
  if (!v.socketTypes) {
    const st: { client?: string; server?: string } = {};
    for (const m of v.messages) {
      const t = socketTypeOf(m);
      if (t) st[m.dir === 'c2s' ? 'client' : 'server'] ??= t.toUpperCase();
    }
    if (st.client || st.server) v.socketTypes = st;
  }
  if (!v.pattern && v.socketTypes?.client && v.socketTypes.server)
    v.pattern = zmtpPattern(v.socketTypes.client, v.socketTypes.server).label;
}
