/**
 * Per-frame explanations (`frames[].explain`): one or two sentences saying what the frame does in its
 * conversation. Every sentence is a catalogue entry (ex.*) with parameters.
 */
import type { FrameRecord, NoteRecord } from '../analysis/model.js';
import { wordsOf } from '../protocols/registry.js';
import { framesOf, type Msg } from './app.js';
import { addrOf, type FrameConv, type ModelContext, type MsgRef, other, type Side, sideOf } from './context.js';
import { capital, duration, hostOf, list, nth, ordinal, type Params, portOf, type Say } from './format.js';
import type { Tell } from './protocol.js';

/**
 * Who speaks in a frame and to whom: {who} (noun) and {addr} of a side, {peer_who} and {peer_addr} of the
 * other. Passed to `say` as its base parameters, so a sentence's own parameters are not merged with them.
 */
interface Speakers extends Params {
  who: string;
  addr: string;
  peer_who: string;
  peer_addr: string;
}

/**
 * Speaker parameters made per conversation context, in its explainer's language (the same for each of its
 * frames; never mutated): [client speaks, server speaks].
 */
const SPEAKERS = new WeakMap<
  FrameConv,
  { lang: string; roles: FrameConv['roles']; sides: [Speakers | undefined, Speakers | undefined] }
>();

function speakers(say: Say, ctx: FrameConv, side: Side): Speakers {
  let cache = SPEAKERS.get(ctx);
  // a streamed context is given new roles as its conversation is known better (StreamExplainer)
  if (!cache || cache.lang !== say.lang || cache.roles !== ctx.roles) {
    cache = { lang: say.lang, roles: ctx.roles, sides: [undefined, undefined] };
    SPEAKERS.set(ctx, cache);
  }
  const k = side === 'server' ? 1 : 0;
  let p = cache.sides[k];
  if (!p) {
    const o = other(side);
    p = {
      who: say(`noun.${ctx.roles[side]}`),
      addr: addrOf(ctx, side),
      peer_who: say(`noun.${ctx.roles[o]}`),
      peer_addr: addrOf(ctx, o),
    };
    cache.sides[k] = p;
  }
  return p;
}

/** A message's speakers and its ordinal in its sort ({n}, {nth}): the base of its sentences. */
interface MsgBase extends Speakers {
  n: number;
  nth: string;
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
  // a byte stream: the frame's bytes, not a message
  if (wordsOf(ctx.view.app).unframed) return say('lbl.data');
  const labels = ms.map((m) =>
    m.frame === n ? msgLabel(say, ctx, m) : say('lbl.part', { what: msgLabel(say, ctx, m) }),
  );
  return list(say, [...new Set(labels)], 3);
}

/** A short noun phrase for a message: "the PUBLISH", "the 4th request", "the READY command". */
export function msgLabel(say: Say, ctx: Pick<FrameConv, 'kind'>, m: MsgRef): string {
  return wordsOf(m.proto).label(say, ctx, m, nth(m.ordinal));
}

/** A reply's parameters ({req}, {latency}) added to `p`, and the code with `.lat` when both are known. */
function withLatency(say: Say, m: Msg, code: string, p: Params): string {
  if (m.reply_to !== undefined) p.req = m.reply_to;
  if (m.latency !== undefined) p.latency = duration(m.latency, say);
  return m.latency !== undefined && m.reply_to !== undefined ? `${code}.lat` : code;
}

/** One sentence for one application message completed in this frame (its protocol's words). */
export function msgSentence(say: Say, ctx: FrameConv, m: Msg): string {
  const side: Side = m.dir === 'c2s' ? 'client' : 'server';
  const sp = speakers(say, ctx, side);
  const n = ctx.ordinal.get(m) ?? 1;
  const base: MsgBase = {
    who: sp.who,
    addr: sp.addr,
    peer_who: sp.peer_who,
    peer_addr: sp.peer_addr,
    n,
    nth: ordinal(n),
  };
  const t: Tell = {
    side,
    one: (code, p) => capital(say(code, p, base)),
    reply: (code, p) => capital(say(withLatency(say, m, code, p), p, base)),
  };
  return wordsOf(m.proto).sentence(say, ctx, m, t);
}

function tcpExplain(say: Say, f: FrameRecord, ctx: FrameConv, st: ConvState): string[] {
  const t = f.tcp!;
  const c = ctx.c;
  const side = sideOf(c, f);
  const out: string[] = [];
  const sp = speakers(say, ctx, side);
  const one = (code: string, p?: Params) => capital(say(code, p, sp));
  const flags = t.flags; // a handful at most: includes() needs no Set per frame
  const hs = c.handshake;
  if (!hs && f.n === c.first) out.push(say('ex.tcp.midstream', { client: c.client, server: c.server }));
  if (flags.includes('SYN') && !flags.includes('ACK')) {
    const i = hs?.syn.indexOf(f.n) ?? 0;
    // a SYN after the server's SYN-ACK: that answer had not reached the client (else it would have ACKed it)
    const answered = i > 0 ? hs?.synack.find((x) => x < f.n) : undefined;
    if (answered !== undefined) out.push(one('ex.tcp.syn.again.answered', { n: i + 1, synack: answered }));
    else if (i > 0) out.push(one('ex.tcp.syn.again', { n: i + 1 }));
    else if (hs && hs.synack.length > 0) out.push(one('ex.tcp.syn'));
    else out.push(one('ex.tcp.syn.only'));
  } else if (flags.includes('SYN') && flags.includes('ACK')) {
    const i = hs?.synack.indexOf(f.n) ?? 0;
    out.push(one(i > 0 ? 'ex.tcp.synack.again' : 'ex.tcp.synack'));
  } else if (flags.includes('RST')) {
    if (c.close.kind === 'refused' || (hs && hs.synack.length === 0 && side === 'server'))
      out.push(one('ex.tcp.refused', { host: hostOf(c.server), port: portOf(c.server) ?? '?' }));
    else {
      const myFin = st.fins.find((x) => x.side === side && x.n < f.n);
      out.push(myFin ? one('ex.tcp.rst.afterfin', { fin: myFin.n }) : one('ex.tcp.rst'));
    }
  } else if (hs && f.n === hs.ack) {
    out.push(one(c.rtt !== null ? 'ex.tcp.hs_ack' : 'ex.tcp.hs_ack.nortt', { rtt: duration(c.rtt ?? 0, say) }));
  }
  // application messages completed here, and pieces of messages completed later
  const done = ctx.completes.get(f.n) ?? [];
  const mine = done.filter((m) => (m.dir === 'c2s') === (side === 'client'));
  // plain TCP is a byte stream: what a segment delivers is its own bytes, plus the bytes of segments that
  // came after a gap it fills (never "messages")
  const plain = ctx.view.app === 'data';
  if (plain) {
    const held: Msg[] = [];
    for (const m of mine) {
      if (framesOf(m)[0] === f.n) out.push(msgSentence(say, ctx, m));
      else held.push(m);
    }
    if (held.length > 0) {
      const bytes = held.reduce((a, m) => a + (m.payload?.length ?? 0), 0);
      const p = { count: held.length, bytes, from: framesOf(held[0]!)[0]!, to: framesOf(held[held.length - 1]!)[0]! };
      out.push(one('ex.data.fill', p));
    }
  } else {
    if (mine.length > 1) out.push(one('ex.multi', { count: mine.length }));
    for (const m of mine) out.push(msgSentence(say, ctx, m));
  }
  if (t.len > 0 && mine.length === 0) {
    const part = (ctx.carries.get(f.n) ?? []).filter(
      (m) => m.frame !== f.n && (m.dir === 'c2s') === (side === 'client'),
    );
    if (part.length > 0) {
      const m = part[0]!;
      const p = { len: t.len, what: msgLabel(say, ctx, m), end: m.frame };
      out.push(one(plain ? 'ex.data.held' : m.first === f.n ? 'ex.tcp.part' : 'ex.tcp.part.rest', p));
    } else if (!(t.analysis ?? []).some((x) => x.includes('retransmission'))) {
      out.push(one('ex.tcp.data', { len: t.len }));
    } else {
      out.push(one('ex.tcp.data.again', { len: t.len }));
    }
  }
  if (flags.includes('FIN')) {
    const firstFin = st.fins[0];
    const mineFin = st.fins.find((x) => x.side === side);
    if (mineFin && mineFin.n !== f.n) out.push(one('ex.tcp.fin.again'));
    else if (firstFin && firstFin.side !== side) out.push(one('ex.tcp.fin.second', { fin: firstFin.n }));
    else out.push(one('ex.tcp.fin'));
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
      out.push(one(myFin ? 'ex.tcp.ack.fin.last' : 'ex.tcp.ack.fin', { fin: peerFin.n }));
    } else if (t.acks_frame !== undefined) {
      const what = ackedWhat(say, ctx, t.acks_frame);
      const code = what ? (wordsOf(ctx.view.app).tcpAckOfMessage ?? 'ex.tcp.ack.msg') : 'ex.tcp.ack';
      out.push(one(code, { acked: t.acks_frame, what: what ?? '' }));
    } else if (!(t.analysis ?? []).length) {
      out.push(one('ex.tcp.ack.plain', { ack: t.ack }));
    } else {
      out.push(one('ex.tcp.ack.bare'));
    }
  }
  if (out.length === 0) out.push(one('ex.tcp.segment', { flags: t.flags.join(', '), len: t.len }));
  return out;
}

function udpExplain(say: Say, f: FrameRecord, ctx: FrameConv, st: ConvState): string[] {
  const side = sideOf(ctx.c, f);
  const done = (ctx.completes.get(f.n) ?? []).filter((m) => (m.dir === 'c2s') === (side === 'client'));
  if (done.length) return done.map((m) => msgSentence(say, ctx, m));
  const sp = speakers(say, ctx, side);
  const dst = side === 'client' ? ctx.c.server : ctx.c.client;
  const p = { ...nth(st.count[side]), dst, len: Math.max(0, (f.udp?.len ?? 8) - 8) };
  return [capital(say('ex.udp.plain', p, sp))];
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
  /** The side's last segment advertised a zero window (its buffer full: the other side must stop). */
  zeroWindow: Record<Side, boolean>;
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

  /** Forgets conversation `id` (its frames are told: StreamExplainer drops an ended conversation). */
  forget(id: number): void {
    this.states.delete(id);
  }

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
        st = {
          fins: [],
          lastAck: { client: 0, server: 0 },
          count: { client: 0, server: 0 },
          zeroWindow: { client: false, server: false },
        };
        this.states.set(ctx.c.id, st);
      }
      side = sideOf(ctx.c, f);
      st.count[side]++;
      if (f.tcp?.flags.includes('FIN') && !st.fins.some((x) => x.side === side)) st.fins.push({ n: f.n, side });
    }
    const text = quiet ? '' : explainOne(this.say, f, ctx, st, this.arps);
    if (f.copy_of === undefined) this.arps.add(f); // a reply answers the request, not its copy
    if (ctx && st) {
      if (f.tcp?.flags.includes('ACK')) st.lastAck[side] = f.n;
      if (f.tcp && !f.tcp.flags.includes('RST')) st.zeroWindow[side] = f.tcp.window === 0;
      if (f.n >= ctx.c.last) {
        this.states.delete(ctx.c.id);
        this.done?.(ctx.c.id);
      }
    }
    return text;
  }
}

/**
 * Where the application decoder of the frame's own side lost its place (app.gap) or found it again
 * (app.resync, which says both) at this frame; the other side's notes (a gap this frame's ACK revealed)
 * are for the overview.
 */
function lostOrFound(f: FrameRecord, dir: 'c2s' | 's2c'): NoteRecord | undefined {
  let gap: NoteRecord | undefined;
  for (const n of f.notes) {
    if (n.params?.dir !== dir) continue;
    if (n.code === 'app.resync') return n;
    if (n.code === 'app.gap') gap = n;
  }
  return gap;
}

/** What the snapshot length left out of a frame: of its data when it carries some (tcp.len, UDP payload). */
function cutSentence(say: Say, f: FrameRecord): string {
  const p: Params = { caplen: f.caplen, len: f.len };
  const sent = f.tcp ? f.tcp.len : f.udp ? Math.max(0, f.udp.len - 8) : 0;
  const lost = Math.min(sent, f.len - f.caplen);
  if (lost <= 0) return say('ex.frame.cut', p);
  if (lost === sent) return say('ex.frame.cut.nodata', { ...p, sent });
  return say('ex.frame.cut.data', { ...p, sent, captured: sent - lost, lost });
}

/**
 * The sentence for a tcp.analysis flag of a segment: a retransmission is told by what it repeats; a
 * keep-alive while the other side's window is zero (`peerClosed`) is Linux's window probe, which has the
 * keep-alive's form (one byte before the next, no data) and which Wireshark marks so.
 */
function analysisCode(t: NonNullable<FrameRecord['tcp']>, flag: string, peerClosed: boolean): string {
  if (flag === 'keep_alive') return peerClosed ? 'ex.tcp.window_probe' : 'ex.tcp.keepalive';
  if (flag !== 'retransmission') return `tcp.analysis.${flag}`;
  if (t.len > 0) return 'ex.tcp.retrans.data';
  if (t.flags.includes('SYN')) return t.flags.includes('ACK') ? 'ex.tcp.retrans.synack' : 'ex.tcp.retrans.syn';
  return t.flags.includes('FIN') ? 'ex.tcp.retrans.fin' : 'ex.tcp.retrans.empty';
}

function explainOne(
  say: Say,
  f: FrameRecord,
  ctx: FrameConv | undefined,
  st: ConvState | undefined,
  arps: RecentArp,
): string {
  const out: string[] = [];
  if (f.copy_of !== undefined) {
    out.push(say('ex.copy', { orig: f.copy_of }));
    if (f.tcp) out.push(say('ex.copy.tcp'));
    return out.join(' ');
  }
  const arp = arpExplain(say, f, arps);
  if (arp) out.push(arp);
  else if (f.tcp && ctx && st) out.push(...tcpExplain(say, f, ctx, st));
  else if (f.udp && ctx && st) out.push(...udpExplain(say, f, ctx, st));
  else out.push(otherExplain(say, f));
  const t = f.tcp;
  if (t?.analysis) {
    const peerClosed = st !== undefined && ctx !== undefined && st.zeroWindow[other(sideOf(ctx.c, f))];
    for (const flag of t.analysis) out.push(say(analysisCode(t, flag, peerClosed)));
    // where resent bytes were lost: the capture had seen them (after the capture point) or not (before it)
    if (t.len > 0 && t.analysis.some((a) => a.endsWith('retransmission')))
      out.push(say(f.app?.length ? 'ex.tcp.lost.before' : 'ex.tcp.lost.after'));
  }
  if (f.caplen < f.len && f.notes.some((n) => n.code === 'frame.truncated')) out.push(cutSentence(say, f));
  const lost = ctx ? lostOrFound(f, sideOf(ctx.c, f) === 'client' ? 'c2s' : 's2c') : undefined;
  if (lost) {
    const code = lost.code === 'app.gap' && lost.params?.cut ? 'ex.app.gap.cut' : `ex.${lost.code}`;
    out.push(say(code, { proto: say(`app.${lost.params?.proto}`), skipped: lost.params?.skipped ?? 0 }));
  }
  return out.join(' ');
}

/** Explanations of a model's frames, in order (the whole-model explanation step). */
export function explainFrames(say: Say, mc: ModelContext): void {
  const ex = new FrameExplainer(say, (id) => mc.convs.get(id));
  for (const f of mc.model.frames) f.explain = ex.explain(f);
}
