/**
 * Per-frame explanations (`frames[].explain`): one or two sentences saying what the frame does in its
 * conversation. Every sentence is a catalogue entry (ex.*) with parameters.
 */
import type { FrameRecord } from '../analysis/model.js';
import type { Msg } from './app.js';
import {
  addrOf,
  type FrameConv,
  isZmtpData,
  type ModelContext,
  type MsgRef,
  other,
  type Side,
  sideOf,
} from './context.js';
import { capital, duration, hostOf, list, msgPayload, nth, type Params, portOf, type Say } from './format.js';

/**
 * Actor parameters made per conversation context, in its explainer's language (the same for each of its
 * frames; never mutated): slots [client, server, peer of client, peer of server].
 */
const ACTORS = new WeakMap<FrameConv, { lang: string; slots: Array<Params | undefined> }>();

/** Actor parameters for a side: {who} (noun) and {addr}. */
function actor(say: Say, ctx: FrameConv, side: Side, prefix: '' | 'peer_' = ''): Params {
  let cache = ACTORS.get(ctx);
  if (!cache || cache.lang !== say.lang) {
    cache = { lang: say.lang, slots: [undefined, undefined, undefined, undefined] };
    ACTORS.set(ctx, cache);
  }
  const k = (prefix ? 2 : 0) + (side === 'server' ? 1 : 0);
  let p = cache.slots[k];
  if (!p) {
    p = { [`${prefix}who`]: say(`noun.${ctx.roles[side]}`), [`${prefix}addr`]: addrOf(ctx, side) };
    cache.slots[k] = p;
  }
  return p;
}

function peer(say: Say, ctx: FrameConv, side: Side): Params {
  return actor(say, ctx, other(side), 'peer_');
}

/** The ARP explanation, or undefined when the frame is not ARP. */
function arpExplain(say: Say, f: FrameRecord, arps: RecentArp): string | undefined {
  const a = f.arp;
  if (!a) return undefined;
  if (a.op === 'request') {
    if (a.probe) return say('ex.arp.probe', { mac: a.sender_mac, target: a.target_ip });
    if (a.gratuitous) return say('ex.arp.gratuitous', { sender: a.sender_ip, mac: a.sender_mac });
    const unicast = f.eth && f.eth.dst !== 'ff:ff:ff:ff:ff:ff';
    if (unicast) return say('ex.arp.request.unicast', { sender: a.sender_ip, target: a.target_ip, mac: f.eth!.dst });
    return say('ex.arp.request', { sender: a.sender_ip, target: a.target_ip });
  }
  if (a.op === 'reply') {
    if (a.gratuitous) return say('ex.arp.gratuitous', { sender: a.sender_ip, mac: a.sender_mac });
    // the request it answers: the latest earlier request for this address from its target
    const req = arps.find(f.n, a.sender_ip, a.target_ip);
    const p = { sender: a.sender_ip, mac: a.sender_mac, target: a.target_ip };
    return req !== undefined ? say('ex.arp.reply', { ...p, req }) : say('ex.arp.reply.unsolicited', p);
  }
  return say('ex.arp.other', { op: a.op });
}

/** What an acknowledged frame carried, for "acknowledges the PUBLISH of frame 22". */
function ackedWhat(say: Say, ctx: FrameConv, n: number): string | undefined {
  const ms = ctx.carries.get(n);
  if (!ms || ms.length === 0) return undefined;
  const labels = ms.map((m) =>
    m.frame === n ? msgLabel(say, ctx, m) : say('lbl.part', { what: msgLabel(say, ctx, m) }),
  );
  return list(say, [...new Set(labels)], 3);
}

/** A short noun phrase for a message: "the PUBLISH", "the 4th request", "the READY command". */
export function msgLabel(say: Say, ctx: Pick<FrameConv, 'kind'>, m: MsgRef): string {
  const k = nth(m.ordinal);
  switch (m.proto) {
    case 'zmtp':
      if (m.kind === 'greeting') return say('lbl.zmtp.greeting');
      if (m.kind === 'command') return say('lbl.zmtp.command', { name: m.name ?? '?' });
      if (ctx.kind === 'reqrep') return say(m.dir === 'c2s' ? 'lbl.request' : 'lbl.reply', k);
      if (ctx.kind === 'pipeline') return say('lbl.job', k);
      return say('lbl.message', k);
    case 'mqtt':
      return say('lbl.mqtt', { kind: m.kind });
    case 'http':
      return say(m.kind === 'request' ? 'lbl.http.request' : 'lbl.http.response', k);
    default:
      return say(m.dir === 's2c' && m.replied ? 'lbl.reply' : 'lbl.message', k);
  }
}

function latencyParams(m: Msg): Params {
  const p: Params = {};
  if (m.replyTo !== undefined) p.req = m.replyTo;
  if (m.latency !== undefined) p.latency = duration(m.latency);
  return p;
}

/** One sentence for one application message completed in this frame. */
export function msgSentence(say: Say, ctx: FrameConv, m: Msg): string {
  const side: Side = m.dir === 'c2s' ? 'client' : 'server';
  const base: Params = { ...actor(say, ctx, side), ...peer(say, ctx, side), ...nth(ctx.ordinal.get(m) ?? 1) };
  const payload = msgPayload(say, m);
  const lat = latencyParams(m);
  const withLat = (code: string, p: Params) =>
    capital(say(lat.latency !== undefined && lat.req !== undefined ? `${code}.lat` : code, { ...p, ...lat }));
  if (m.proto === 'zmtp') {
    if (m.kind === 'greeting') {
      const p = { ...base, version: m.version ?? '3', mechanism: m.mechanism ?? 'NULL', count: m.frames.length };
      return capital(say(m.frames.length > 1 ? 'ex.zmtp.greeting.split' : 'ex.zmtp.greeting', p));
    }
    if (m.kind === 'command') {
      const name = m.name ?? '?';
      switch (name) {
        case 'READY': {
          const s = capital(say('ex.zmtp.ready', { ...base, socket: m.socketType ?? '?' }));
          return m.identity ? `${s} ${say('ex.zmtp.identity', { identity: m.identity })}` : s;
        }
        case 'SUBSCRIBE':
        case 'CANCEL': {
          const topic = m.topic ?? m.properties.topic ?? '';
          const code =
            name === 'SUBSCRIBE' ? (topic ? 'ex.zmtp.subscribe' : 'ex.zmtp.subscribe.all') : 'ex.zmtp.cancel';
          return capital(say(code, { ...base, topic }));
        }
        case 'HELLO':
          return capital(
            say(m.username !== undefined ? 'ex.zmtp.hello' : 'ex.zmtp.command', {
              ...base,
              name,
              username: m.username ?? '',
            }),
          );
        case 'WELCOME':
          return capital(say('ex.zmtp.welcome', base));
        case 'INITIATE':
          return capital(say('ex.zmtp.initiate', { ...base, socket: m.socketType ?? '?' }));
        case 'ERROR':
          return capital(say('ex.zmtp.error', { ...base, reason: m.reason ?? '' }));
        case 'PING':
          return capital(say('ex.zmtp.ping', base));
        case 'PONG':
          return capital(say('ex.zmtp.pong', base));
        default:
          return capital(say('ex.zmtp.command', { ...base, name }));
      }
    }
    if (m.subscription) {
      const code =
        m.subscription.action === 'cancel'
          ? 'ex.zmtp.cancel'
          : m.subscription.topic
            ? 'ex.zmtp.subscribe'
            : 'ex.zmtp.subscribe.all';
      return capital(say(code, { ...base, topic: m.subscription.topic }));
    }
    const p = { ...base, payload, pattern: ctx.view.pattern ?? 'ZeroMQ', server: ctx.c.server };
    switch (ctx.kind) {
      case 'reqrep':
        return m.dir === 'c2s' ? capital(say('ex.zmtp.request', p)) : withLat('ex.zmtp.reply', p);
      case 'pubsub':
        return capital(say(side === ctx.sender ? 'ex.zmtp.publish' : 'ex.zmtp.message', p));
      case 'pipeline':
        return capital(say(side === ctx.sender ? 'ex.zmtp.push' : 'ex.zmtp.message', p));
      default:
        return capital(say('ex.zmtp.message', p));
    }
  }
  if (m.proto === 'mqtt') {
    const p: Params = { ...base, payload, topic: m.topic ?? '', qos: m.qos ?? 0 };
    switch (m.kind) {
      case 'CONNECT':
        return capital(
          say(m.clientId ? 'ex.mqtt.connect' : 'ex.mqtt.connect.anon', {
            ...p,
            client_id: m.clientId ?? '',
            version: mqttVersion(m.version),
            keepalive: m.keepAlive ?? 0,
          }),
        );
      case 'CONNACK':
        return m.accepted === false
          ? capital(say('ex.mqtt.connack.refused', { ...p, reason: m.returnName ?? m.reason ?? '' }))
          : withLat('ex.mqtt.connack', p);
      case 'PUBLISH': {
        if (m.dir === 's2c') {
          const r = m.relayedFrom;
          if (r && r.delay !== undefined)
            return capital(say('ex.mqtt.publish.relay', { ...p, src: r.frame, delay: duration(r.delay) }));
          return capital(say('ex.mqtt.publish.deliver', p));
        }
        const s = capital(say('ex.mqtt.publish', p));
        const extra: string[] = [];
        if (m.retain) extra.push(say('ex.mqtt.retain'));
        if ((m.qos ?? 0) === 0) extra.push(say('ex.mqtt.qos0'));
        return [s, ...extra].join(' ');
      }
      case 'PUBACK':
      case 'PUBREC':
      case 'PUBREL':
      case 'PUBCOMP':
        return withLat(`ex.mqtt.${m.kind.toLowerCase()}`, { ...p, id: m.packetId ?? '?' });
      case 'SUBSCRIBE': {
        const topics = m.subscriptions.map((s) =>
          s.qos !== undefined ? say('fmt.topic_qos', { topic: s.topic, qos: s.qos }) : `'${s.topic}'`,
        );
        return capital(say('ex.mqtt.subscribe', { ...p, topics: list(say, topics) }));
      }
      case 'SUBACK':
        return withLat('ex.mqtt.suback', { ...p, granted: m.granted.join(', ') || '?' });
      case 'UNSUBSCRIBE':
        return capital(
          say('ex.mqtt.unsubscribe', {
            ...p,
            topics: list(
              say,
              m.subscriptions.map((s) => `'${s.topic}'`),
            ),
          }),
        );
      case 'UNSUBACK':
        return withLat('ex.mqtt.unsuback', p);
      case 'PINGREQ':
        return capital(say('ex.mqtt.pingreq', p));
      case 'PINGRESP':
        return withLat('ex.mqtt.pingresp', p);
      case 'DISCONNECT':
        return capital(say('ex.mqtt.disconnect', p));
      case 'AUTH':
        return capital(say('ex.mqtt.auth', p));
      default:
        return capital(say('ex.mqtt.other', { ...p, kind: m.kind }));
    }
  }
  if (m.proto === 'http') {
    if (m.kind === 'request') {
      return capital(
        say('ex.http.request', { ...base, method: m.method ?? '?', uri: m.uri ?? '/', server: ctx.c.server }),
      );
    }
    const body = m.payload && m.payload.encoding !== 'empty' ? payload : '';
    const p = { ...base, status: m.status ?? '?', text: m.statusText ?? '', body };
    return withLat(body ? 'ex.http.response.body' : 'ex.http.response', p);
  }
  // plain data (TCP or UDP)
  const p = { ...base, payload };
  if (ctx.c.transport === 'udp')
    return capital(say('ex.udp.datagram', { ...p, dst: side === 'client' ? ctx.c.server : ctx.c.client }));
  if (m.dir === 's2c' && m.replyTo !== undefined) return withLat('ex.data.reply', p);
  return capital(say('ex.data.send', p));
}

function mqttVersion(v: string | undefined): string {
  if (v === '4' || v === '3.1.1') return '3.1.1';
  if (v === '3' || v === '3.1') return '3.1';
  if (v === '5' || v === '5.0') return '5.0';
  return v ?? '3.1.1';
}

function tcpExplain(say: Say, f: FrameRecord, ctx: FrameConv, st: ConvState): string[] {
  const t = f.tcp!;
  const c = ctx.c;
  const side = sideOf(c, f);
  const out: string[] = [];
  const a = actor(say, ctx, side);
  const pa = peer(say, ctx, side);
  const flags = t.flags; // a handful at most: includes() needs no Set per frame
  const hs = c.handshake;
  if (!hs && f.n === c.first) out.push(say('ex.tcp.midstream', { client: c.client, server: c.server }));
  if (flags.includes('SYN') && !flags.includes('ACK')) {
    const i = hs?.syn.indexOf(f.n) ?? 0;
    if (i > 0) out.push(capital(say('ex.tcp.syn.again', { ...a, ...pa, n: i + 1 })));
    else if (hs && hs.synack.length > 0) out.push(capital(say('ex.tcp.syn', { ...a, ...pa })));
    else out.push(capital(say('ex.tcp.syn.only', { ...a, ...pa })));
  } else if (flags.includes('SYN') && flags.includes('ACK')) {
    const i = hs?.synack.indexOf(f.n) ?? 0;
    out.push(capital(say(i > 0 ? 'ex.tcp.synack.again' : 'ex.tcp.synack', { ...a, ...pa })));
  } else if (flags.includes('RST')) {
    if (c.close.kind === 'refused' || (hs && hs.synack.length === 0 && side === 'server'))
      out.push(capital(say('ex.tcp.refused', { ...a, host: hostOf(c.server), port: portOf(c.server) ?? '?' })));
    else out.push(capital(say('ex.tcp.rst', { ...a, ...pa })));
  } else if (hs && f.n === hs.ack) {
    out.push(
      capital(
        say(c.rtt !== null ? 'ex.tcp.hs_ack' : 'ex.tcp.hs_ack.nortt', { ...a, ...pa, rtt: duration(c.rtt ?? 0) }),
      ),
    );
  }
  // application messages completed here, and pieces of messages completed later
  const done = ctx.completes.get(f.n) ?? [];
  const mine = done.filter((m) => (m.dir === 'c2s') === (side === 'client'));
  if (mine.length > 1) out.push(capital(say('ex.multi', { ...a, count: mine.length })));
  for (const m of mine) out.push(msgSentence(say, ctx, m));
  if (t.len > 0 && mine.length === 0) {
    const part = (ctx.carries.get(f.n) ?? []).filter(
      (m) => m.frame !== f.n && (m.dir === 'c2s') === (side === 'client'),
    );
    if (part.length > 0) {
      const m = part[0]!;
      out.push(
        capital(
          say(m.first === f.n ? 'ex.tcp.part' : 'ex.tcp.part.rest', {
            ...a,
            len: t.len,
            what: msgLabel(say, ctx, m),
            end: m.frame,
          }),
        ),
      );
    } else if (!(t.analysis ?? []).some((x) => x.includes('retransmission'))) {
      out.push(capital(say('ex.tcp.data', { ...a, ...pa, len: t.len })));
    } else {
      out.push(capital(say('ex.tcp.data.again', { ...a, len: t.len })));
    }
  }
  if (flags.includes('FIN')) {
    const firstFin = st.fins[0];
    const mineFin = st.fins.find((x) => x.side === side);
    if (mineFin && mineFin.n !== f.n) out.push(capital(say('ex.tcp.fin.again', a)));
    else if (firstFin && firstFin.side !== side)
      out.push(capital(say('ex.tcp.fin.second', { ...a, ...pa, fin: firstFin.n })));
    else out.push(capital(say('ex.tcp.fin', a)));
  }
  // pure ACKs
  const pureAck = t.len === 0 && flags.length === 1 && flags.includes('ACK');
  if (pureAck && !(hs && f.n === hs.ack)) {
    const peerFin = st.fins.find((x) => x.side !== side && x.n < f.n);
    const myFin = st.fins.find((x) => x.side === side && x.n < f.n);
    // the first ACK of this side after the peer's FIN: no ACK from this side in between
    const ackOfFin =
      peerFin && (t.acks_frame === peerFin.n || (t.acks_frame === undefined && st.lastAck[side] <= peerFin.n));
    if (ackOfFin) {
      out.push(capital(say(myFin ? 'ex.tcp.ack.fin.last' : 'ex.tcp.ack.fin', { ...a, ...pa, fin: peerFin.n })));
    } else if (t.acks_frame !== undefined) {
      const what = ackedWhat(say, ctx, t.acks_frame);
      out.push(
        capital(
          say(what ? `ex.tcp.ack.msg${ctx.view.app === 'mqtt' ? '.mqtt' : ''}` : 'ex.tcp.ack', {
            ...a,
            ...pa,
            acked: t.acks_frame,
            what: what ?? '',
          }),
        ),
      );
    } else if (!(t.analysis ?? []).length) {
      out.push(capital(say('ex.tcp.ack.plain', { ...a, ...pa, ack: t.ack })));
    } else {
      out.push(capital(say('ex.tcp.ack.bare', a)));
    }
  }
  if (out.length === 0)
    out.push(capital(say('ex.tcp.segment', { ...a, ...pa, flags: t.flags.join(', '), len: t.len })));
  return out;
}

function udpExplain(say: Say, f: FrameRecord, ctx: FrameConv, st: ConvState): string[] {
  const side = sideOf(ctx.c, f);
  const done = (ctx.completes.get(f.n) ?? []).filter((m) => (m.dir === 'c2s') === (side === 'client'));
  if (done.length) return done.map((m) => msgSentence(say, ctx, m));
  const a = actor(say, ctx, side);
  const i = st.count[side];
  return [
    capital(
      say('ex.udp.plain', {
        ...a,
        dst: side === 'client' ? ctx.c.server : ctx.c.client,
        len: Math.max(0, (f.udp?.len ?? 8) - 8),
        ...nth(i),
      }),
    ),
  ];
}

function otherExplain(say: Say, f: FrameRecord): string {
  if (f.icmp) return say('ex.icmp', { src: f.src, dst: f.dst, type: f.icmp.type_name });
  if (f.igmp) return say('ex.igmp', { src: f.src, type: f.igmp.type_name, group: f.igmp.group ?? '-' });
  if (f.ip) return say('ex.ip.other', { src: f.src, dst: f.dst, proto: f.ip.proto });
  return say('ex.other', { src: f.src, dst: f.dst, len: f.len });
}

/**
 * What the frame explainer remembers of a conversation's frames so far (in frame order): its sides' first
 * FIN, the last ACK of each side and the frames of each side. O(1) per frame instead of scanning the
 * conversation's frames, so explanations can be made while frames stream past.
 */
interface ConvState {
  fins: Array<{ n: number; side: Side }>;
  lastAck: Record<Side, number>;
  count: Record<Side, number>;
}

/** ARP requests of the last ARP_WINDOW frames (an ARP reply names the latest request it answers). */
const ARP_WINDOW = 200;

class RecentArp {
  private readonly reqs: Array<{ n: number; sender: string; target: string }> = [];

  /** Forget requests older than the window of frame `n`. */
  private prune(n: number): void {
    let k = 0;
    while (k < this.reqs.length && this.reqs[k]!.n < n - ARP_WINDOW) k++;
    if (k > 0) this.reqs.splice(0, k);
  }

  add(f: FrameRecord): void {
    if (f.arp?.op !== 'request') return;
    this.prune(f.n);
    this.reqs.push({ n: f.n, sender: f.arp.sender_ip, target: f.arp.target_ip });
  }

  /** The latest request before frame `n` (within the window) asking for `target` from `sender`. */
  find(n: number, target: string, sender: string): number | undefined {
    this.prune(n);
    for (let i = this.reqs.length - 1; i >= 0; i--) {
      const r = this.reqs[i]!;
      if (r.n < n && r.target === target && r.sender === sender) return r.n;
    }
    return undefined;
  }
}

/**
 * Explains frames one after the other, in frame order (the whole model's frames, or frames as they stream
 * past with conversation contexts made from a first pass). `convOf` gives a frame's conversation context;
 * `done` is told when a conversation's last frame has been explained (its context may then be dropped).
 */
export class FrameExplainer {
  private readonly states = new Map<number, ConvState>();
  private readonly arps = new RecentArp();

  constructor(
    private readonly say: Say,
    private readonly convOf: (id: number) => FrameConv | undefined,
    private readonly done?: (id: number) => void,
  ) {}

  /** Conversations whose frames are being followed (for tests: bounded by the open conversations). */
  get open(): number {
    return this.states.size;
  }

  /**
   * The frame's explanation; with `quiet`, only what later frames' explanations need is remembered and
   * '' is returned (frames a selection leaves out).
   */
  explain(f: FrameRecord, quiet = false): string {
    const id = f.conversation;
    const ctx = id !== undefined ? this.convOf(id) : undefined;
    let st: ConvState | undefined;
    let side: Side = 'client';
    if (ctx) {
      st = this.states.get(ctx.c.id);
      if (!st) {
        st = { fins: [], lastAck: { client: 0, server: 0 }, count: { client: 0, server: 0 } };
        this.states.set(ctx.c.id, st);
      }
      side = sideOf(ctx.c, f);
      st.count[side]++;
      if (f.tcp?.flags.includes('FIN') && !st.fins.some((x) => x.side === side)) st.fins.push({ n: f.n, side });
    }
    const text = quiet ? '' : explainOne(this.say, f, ctx, st, this.arps);
    this.arps.add(f);
    if (ctx && st) {
      if (f.tcp?.flags.includes('ACK')) st.lastAck[side] = f.n;
      if (f.n >= ctx.c.last) {
        this.states.delete(ctx.c.id);
        this.done?.(ctx.c.id);
      }
    }
    return text;
  }
}

function explainOne(
  say: Say,
  f: FrameRecord,
  ctx: FrameConv | undefined,
  st: ConvState | undefined,
  arps: RecentArp,
): string {
  const out: string[] = [];
  const arp = arpExplain(say, f, arps);
  if (arp) out.push(arp);
  else if (f.tcp && ctx && st) out.push(...tcpExplain(say, f, ctx, st));
  else if (f.udp && ctx && st) out.push(...udpExplain(say, f, ctx, st));
  else out.push(otherExplain(say, f));
  for (const flag of f.tcp?.analysis ?? []) out.push(say(`tcp.analysis.${flag}`));
  return out.join(' ');
}

/** Explanations of a model's frames, in order (the whole-model explanation step). */
export function explainFrames(say: Say, mc: ModelContext): void {
  const ex = new FrameExplainer(say, (id) => mc.convs.get(id));
  for (const f of mc.model.frames) f.explain = ex.explain(f);
}

export { isZmtpData };
