/**
 * The story: the capture told in phases over frame ranges, per conversation and in time order — ARP
 * resolution, TCP handshake (or "the capture began mid-connection"), the application's own handshake,
 * subscriptions, the exchange, and the ending (or "still open when the capture stopped").
 */
import type { ConversationRecord, FrameRecord } from '../analysis/model.js';
import { wordsOf } from '../protocols/registry.js';
import { type ConvContext, handshakeLeft, type ModelContext, other, type Side, sideOf } from './context.js';
import { type DigestTotals, digestTotals } from './digest.js';
import {
  attemptKey,
  capital,
  duration,
  hostOf,
  list,
  type Params,
  pickled,
  portOf,
  type Say,
  valueText,
} from './format.js';
import { protocolName } from './info.js';
import { who } from './story-kit.js';
import type { StoryRecord } from './types.js';

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

/** What a summary that shortens the story needs to know of some phases (not part of the record). */
interface PhaseFacts {
  /** ARP frames the phase covers (copies included; story.arp.more: the frames it counts). */
  arpFrames?: number;
  /** ARP: the asker and the one asked. */
  pair?: [string, string];
  /** A handshake with nothing to remark (one SYN, answered, completed). */
  plain?: boolean;
}
const FACTS = new WeakMap<StoryRecord, PhaseFacts>();

/** What a summary that shortens the story knows of a phase (see PhaseFacts). */
export function phaseFacts(s: StoryRecord): Readonly<PhaseFacts> | undefined {
  return FACTS.get(s);
}

/** ARP frames told in phases; with a digest, the frames it did not keep close each pair's phases. */
function arpPhases(say: Say, frames: readonly FrameRecord[], totals: DigestTotals | undefined): StoryRecord[] {
  const out: StoryRecord[] = [];
  const done = new Set<number>();
  const arps = frames.filter((f) => f.arp);
  const phase = (first: number, last: number, code: string, p: Params, copies: number, frames = copies) => {
    let text = say(code, p);
    if (copies > 1) text += ` ${say('story.arp.copies', { count: copies })}`;
    const rec: StoryRecord = { frames: [first, last], conversation: null, code, text };
    const asker = p.asker ?? p.sender;
    const asked = p.target;
    FACTS.set(
      rec,
      asker !== undefined && asked !== undefined
        ? { arpFrames: frames, pair: [String(asker), String(asked)] }
        : { arpFrames: frames },
    );
    out.push(rec);
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
          copies.length + rcopies.length + 2,
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
    const rec: StoryRecord = {
      frames: [sp.first, sp.last],
      conversation: null,
      code: 'story.arp.more',
      text: say('story.arp.more', { count: sp.count, a: a ?? '', b: b ?? '' }),
    };
    FACTS.set(rec, { arpFrames: sp.count });
    out.push(rec);
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
    const k = attemptKey(c.client, c.server);
    const g = groups.get(k);
    if (g) g.push(c.id);
    else groups.set(k, [c.id]);
  }
  const out = new Map<number, { attempt: number; total: number; succeeded?: number }>();
  // attempts folded into their groups (the streaming summary) count too
  const folded = mc.model.folded;
  for (const [k, ids] of groups) {
    const f = folded?.refused?.get(k);
    // a connection from the same host that worked after the first attempt (the server had started)
    const tried = mc.model.conversations.find((c) => c.id === ids[0])?.first ?? 0;
    const later = mc.model.conversations.find(
      (c) =>
        attemptKey(c.client, c.server) === k &&
        c.close.kind !== 'refused' &&
        c.handshake &&
        c.handshake.ack !== null &&
        c.first > tried,
    );
    ids.forEach((id, i) => {
      // folded before it: counted when it was offered, or all of them when it came after the last
      const before = f ? (folded?.refusedBefore?.get(id) ?? (id > f.lastId ? f.count : 0)) : 0;
      const r: { attempt: number; total: number; succeeded?: number } = {
        attempt: i + 1 + before,
        total: ids.length + (f?.count ?? 0),
      };
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
    // "nothing listens yet" only when a later attempt worked
    const code =
      r.total > 1 ? (r.succeeded ? 'story.tcp.refused.attempt' : 'story.tcp.refused.attempts') : 'story.tcp.refused';
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
  const left = handshakeLeft(c);
  let code = 'story.tcp.handshake';
  if (hs.synack.length === 0) code = 'story.tcp.syn_unanswered';
  else if (left === 'unfinished') code = 'story.tcp.handshake.unfinished';
  else if (hs.ack === null) code = 'story.tcp.handshake.partial';
  let text = say(code, { ...base, rtt: c.rtt !== null ? duration(c.rtt, say) : '?', count: hs.syn.length });
  const answered = hs.synack[0];
  if (answered !== undefined) {
    // SYNs resent before the first SYN-ACK waited for it; one sent after it shows it did not reach the client
    const before = hs.syn.filter((n) => n < answered).length;
    const after = hs.syn.length - before;
    if (before > 1) text += ` ${say('story.tcp.syn_retries', { count: before - 1 })}`;
    if (after > 0) text += ` ${say('story.tcp.syn_after_synack', { count: after })}`;
    // SYN-ACKs resent while no ACK came (those after the handshake's ACK are another matter)
    const again = hs.synack.filter((n) => hs.ack === null || n < hs.ack).length - 1;
    if (again > 0)
      text += ` ${say(hs.ack === null ? 'story.tcp.synack_retries.noack' : 'story.tcp.synack_retries', { count: again })}`;
  }
  void mc;
  const rec: StoryRecord = { frames: [hs.syn[0] ?? c.first, last], conversation: c.id, code, text };
  if (code === 'story.tcp.handshake' && hs.syn.length === 1) FACTS.set(rec, { plain: true });
  return rec;
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

export const TROUBLE = [
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

/**
 * "3 retransmissions, 12 duplicate ACKs" for a conversation, or ''. With its handshake, the SYNs and
 * SYN-ACKs sent again (each a retransmission to Wireshark) are told apart from the others (of data or
 * FIN): "3 retransmissions of the SYN and 5 retransmissions of the SYN-ACK", "1 retransmission of the SYN
 * and 1 other retransmission". `told`: the handshake's phase of the story has told them (those before the
 * handshake's ACK), so they are left out.
 */
export function troubleSummary(
  say: Say,
  counts: ReadonlyMap<string, number>,
  hs?: ConversationRecord['handshake'],
  told = false,
): string {
  const items: string[] = [];
  for (const k of TROUBLE) {
    const n = counts.get(k) ?? 0;
    if (k === 'retransmission' && hs && n > 0) {
      const synacks = told ? hs.synack.filter((x) => hs.ack === null || x < hs.ack) : hs.synack;
      const syn = Math.min(n, Math.max(0, hs.syn.length - 1));
      const synack = Math.min(n - syn, Math.max(0, synacks.length - 1));
      const rest = n - syn - synack;
      if (!told && syn) items.push(say('fmt.count.retransmission.syn', { count: syn }));
      if (!told && synack) items.push(say('fmt.count.retransmission.synack', { count: synack }));
      if (rest)
        items.push(say(!told && syn + synack ? 'fmt.count.retransmission.other' : `fmt.count.${k}`, { count: rest }));
    } else if (n) items.push(say(`fmt.count.${k}`, { count: n }));
  }
  return list(say, items, 8);
}

/** The ending of a conversation that stopped in its handshake (handshakeLeft), instead of "still open". */
const OPEN_ENDING: Record<string, string> = {
  unanswered: 'story.end.open.unanswered',
  unfinished: 'story.end.open.unfinished',
  cut: 'story.end.open.cut',
};

/**
 * The first frame with payload from the other side after the conversation's first FIN (`fin`): the digest's
 * (ConvTotals.dataAfterFin) when it keeps the totals, else from the frames.
 */
function dataAfterFin(
  ctx: ConvContext,
  totals: DigestTotals | undefined,
  fin: { n: number; side: Side },
): number | undefined {
  if (totals) return totals.convs.get(ctx.c.id)?.dataAfterFin;
  return ctx.frames.find((f) => f.n > fin.n && (f.tcp?.len ?? 0) > 0 && sideOf(ctx.c, f) !== fin.side)?.n;
}

function endPhase(say: Say, ctx: ConvContext, totals: DigestTotals | undefined): StoryRecord | undefined {
  const c = ctx.c;
  if (c.transport !== 'tcp' || c.close.kind === 'refused') return undefined;
  const told = wordsOf(ctx.view.app).ending?.(say, ctx) ?? {};
  const parts: string[] = [];
  if (told.before) parts.push(told.before.text);
  let start: number;
  let code: string;
  const by: Side | null = c.close.by;
  switch (c.close.kind) {
    case 'fin': {
      const f0 = ctx.fins[0];
      start = f0?.n ?? c.last;
      const closer: Side = f0?.side ?? by ?? 'client';
      code = ctx.fins.length >= 2 ? 'story.end.fin' : 'story.end.fin.half';
      // a FIN ends one direction: the other side may still send (a half-close, as after shutdown(SHUT_WR))
      const later = f0 ? dataAfterFin(ctx, totals, f0) : undefined;
      if (later !== undefined && code === 'story.end.fin') code = 'story.end.fin.halfclose';
      parts.push(
        capital(say(code, { ...who(say, ctx, closer), ...who(say, ctx, other(closer), 'o_'), after: later ?? 0 })),
      );
      break;
    }
    case 'rst': {
      const r = ctx.rst;
      start = ctx.fins[0] && r && ctx.fins[0].n < r.n ? ctx.fins[0].n : (r?.n ?? c.last);
      const closer: Side = r?.side ?? by ?? 'client';
      code = 'story.end.rst';
      // a side that had sent its FIN, then RST: no abort instead of the FIN exchange
      const fin = r ? ctx.fins.find((x) => x.side === closer && x.n < r.n) : undefined;
      if (r && fin) {
        // data the other side sent after that FIN: a socket closed by its program answers it with RST
        const after = fin === ctx.fins[0] ? dataAfterFin(ctx, totals, fin) : undefined;
        code = after !== undefined && after < r.n ? 'story.end.rst.afterfin.data' : 'story.end.rst.afterfin';
        const o = other(closer);
        parts.push(
          capital(
            say(code, { ...who(say, ctx, closer), ...who(say, ctx, o, 'o_'), fin: fin.n, rst: r.n, data: after ?? 0 }),
          ),
        );
        break;
      }
      parts.push(capital(say(code, { ...who(say, ctx, closer) })));
      break;
    }
    default:
      start = c.last;
      code = OPEN_ENDING[handshakeLeft(c) ?? ''] ?? wordsOf(ctx.view.app).openEnding ?? 'story.end.open';
      parts.push(capital(say(code, { last: c.last })));
  }
  if (told.before && told.before.frame < start) start = told.before.frame;
  if (told.after) parts.push(told.after);
  return { frames: [start, c.last], conversation: c.id, code, text: parts.join(' ') };
}

/**
 * What the payloads of a conversation's messages are beyond their values: pickled Python objects (with
 * the pickle protocol), and REQ/REP's empty delimiter frame before each body.
 */
function payloadFacts(say: Say, ctx: ConvContext): string {
  const out: string[] = [];
  const ms = ctx.view.messages.filter((m) => m.kind === 'message' || m.proto === 'data');
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
  const more = wordsOf(ctx.view.app).payloadFacts?.(say, ctx, ms);
  if (more) out.push(...more);
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
  const end = endPhase(say, ctx, totals);
  const endFrom =
    end && end.code !== 'story.end.open' && !end.code.startsWith('story.end.open.')
      ? end.frames[0]
      : Number.POSITIVE_INFINITY;
  const words = wordsOf(ctx.view.app);
  const from = out.reduce((a, p) => Math.max(a, p.frames[1]), ctx.c.first);
  const told = words.phases?.(say, ctx, mc, { from, to: end ? end.frames[0] : ctx.c.last });
  const before = out.length;
  if (told) out.push(...told.setup);
  let exchange = told?.exchange;
  // the tcp.analysis counts, read once whichever sentence needs them
  let counts: ReadonlyMap<string, number> | undefined;
  const countsOf = () => (counts ??= troubleCounts(ctx, totals));
  if (!exchange && !words.tellsAll && out.length === before) {
    exchange = tcpDataPhase(say, ctx, endFrom, totals);
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
    // a connection that carried no byte but was kept alive: say so, rather than nothing between its
    // handshake and its ending
    const c = ctx.c;
    const idle = !exchange && c.transport === 'tcp' && c.bytes.c2s + c.bytes.s2c === 0;
    const count = idle ? (countsOf().get('keep_alive') ?? 0) : 0;
    if (count > 0 && c.handshake?.ack != null) {
      exchange = {
        frames: [c.handshake.ack, Number.isFinite(endFrom) ? endFrom : c.last],
        conversation: c.id,
        code: 'story.tcp.idle.keepalive',
        text: say('story.tcp.idle.keepalive', { count }),
      };
    }
  }
  if (exchange) {
    const more = payloadFacts(say, ctx);
    if (more) exchange.text += ` ${more}`;
    const trouble = troubleSummary(say, countsOf(), ctx.c.handshake, true);
    // counted over the whole connection but the handshake's resends (its phase told them): not only the
    // exchange's frames (a FIN sent again is in the ending)
    if (trouble)
      exchange.text += ` ${say(ctx.c.handshake ? 'story.tcp.trouble' : 'story.tcp.trouble.nohs', { list: trouble })}`;
    out.push(exchange);
  }
  if (end) out.push(end);
  return out;
}

/** The whole story, in time order (by first frame; a conversation's phases keep their order). */
export function buildStory(say: Say, mc: ModelContext): StoryRecord[] {
  const totals = digestTotals(mc.model.frames);
  const all = [...arpPhases(say, mc.model.frames, totals), ...otherPhases(say, mc.model.frames, totals)];
  const refused = refusedAttempts(mc);
  for (const ctx of mc.convs.values()) all.push(...convPhases(say, ctx, mc, refused, totals));
  // stable: phases that start on the same frame keep the order they were made in (the records themselves
  // are returned, so their PhaseFacts stay with them)
  return all.sort((a, b) => a.frames[0] - b.frames[0]);
}
