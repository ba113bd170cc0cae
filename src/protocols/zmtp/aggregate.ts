/**
 * Facts that span conversations, computed once at the end of the capture:
 * - ZeroMQ PUB/SUB: a subscriber that got nothing because none of what its publisher sent elsewhere
 *   matches its subscriptions (PUB filters on its side) — said as a conversation note;
 * - ZeroMQ PUSH/PULL: how one PUSH endpoint spread its messages over its workers, in order (round-robin);
 */

import type { AppConversation } from '../../analysis/app/conversation.js';
import type { ConversationRecord } from '../../analysis/model.js';
import type { ZmtpPipeline } from './model.js';
import { ZmtpHandler } from './session.js';

interface Member<H> {
  conv: AppConversation;
  h: H;
  rec: ConversationRecord;
}

function hostOf(endpoint: string): string {
  const i = endpoint.lastIndexOf(':');
  return i > 0 ? endpoint.slice(0, i) : endpoint;
}

function group<H>(members: Member<H>[], key: (m: Member<H>) => string | undefined): Map<string, Member<H>[]> {
  const g = new Map<string, Member<H>[]>();
  for (const m of members) {
    const k = key(m);
    if (k === undefined) continue;
    const list = g.get(k);
    if (list) list.push(m);
    else g.set(k, [m]);
  }
  return g;
}

/** The endpoint of the side whose socket is one of `types`: the server endpoint, or the client host. */
function sideKey(m: Member<ZmtpHandler>, types: string[]): string | undefined {
  const d = m.h.dirOf(...types);
  if (d === 1) return m.rec.server;
  if (d === 0) return `${hostOf(m.rec.client)} (client)`;
  return undefined;
}

function pubSub(members: Member<ZmtpHandler>[]): void {
  const pubs = members.filter((m) => m.h.dirOf('PUB', 'XPUB') >= 0);
  for (const [, list] of group(pubs, (m) => sideKey(m, ['PUB', 'XPUB']))) {
    for (const m of list) {
      const pubDir = m.h.dirOf('PUB', 'XPUB');
      if (m.h.received[pubDir] > 0) continue;
      const subs = [...m.h.subscriptions.values()];
      if (subs.length === 0) {
        if (m.h.dirOf('SUB', 'XSUB') >= 0) m.conv.note('zmtp.sub.none');
        continue;
      }
      let published = 0;
      let others = 0;
      let matched = false;
      for (const o of list) {
        if (o === m) continue;
        const n = o.h.received[o.h.dirOf('PUB', 'XPUB')];
        if (n === 0) continue;
        others++;
        published += n;
        for (const p of o.h.prefixes) {
          if (subs.some((s) => p.startsWith(s.raw.slice(0, 64)))) {
            matched = true;
            break;
          }
        }
      }
      if (published > 0 && !matched) {
        m.conv.note('zmtp.sub.no_match', {
          subscriptions: subs.map((s) => JSON.stringify(s.topic)).join(', '),
          published,
          conversations: others,
        });
      }
    }
  }
}

function pipeline(members: Member<ZmtpHandler>[]): void {
  const pushers = members.filter((m) => m.h.dirOf('PUSH') >= 0);
  for (const [endpoint, list] of group(pushers, (m) => sideKey(m, ['PUSH']))) {
    // Send times are kept for the first jobs of each worker: the order is known up to the earliest
    // last kept time of a worker whose times were cut.
    let cutoff = Number.POSITIVE_INFINITY;
    for (const m of list) {
      const times = m.h.jobTimes;
      if (m.h.jobs > times.length && times.length > 0) cutoff = Math.min(cutoff, times[times.length - 1]!);
    }
    const events: { t: number; id: number }[] = [];
    let total = 0;
    for (const m of list) {
      total += m.h.jobs;
      for (const t of m.h.jobTimes) if (t <= cutoff) events.push({ t, id: m.conv.id });
    }
    if (total === 0) continue;
    events.sort((a, b) => a.t - b.t || a.id - b.id);
    const workers = list.map((m) => ({
      conversation: m.conv.id,
      peer: m.h.dirOf('PUSH') === 1 ? m.rec.client : m.rec.server,
      jobs: m.h.jobs,
    }));
    const order = events.map((e) => e.id);
    const busy = workers.filter((w) => w.jobs > 0).length;
    let rr = busy > 1;
    for (let i = 0; rr && i < order.length; i++) {
      if (i < busy) rr = order.indexOf(order[i]!) === i;
      else rr = order[i] === order[i - busy];
    }
    const summary: ZmtpPipeline = {
      endpoint: endpoint.replace(/ \(client\)$/, ''),
      jobs: total,
      workers,
      order: order.slice(0, 1000),
      round_robin: rr,
    };
    for (const m of list) {
      m.h.pipeline = summary;
      m.conv.note('zmtp.pipeline.distribution', {
        endpoint: summary.endpoint,
        jobs: summary.jobs,
        workers: workers.length,
        counts: workers.map((w) => `${w.peer}: ${w.jobs}`).join(', '),
        round_robin: rr ? 1 : 0,
      });
    }
  }
}

/** Runs every cross-conversation pass; `records` are indexed by conversation id. */
export function aggregate(convs: readonly AppConversation[], records: ReadonlyMap<number, ConversationRecord>): void {
  const z: Member<ZmtpHandler>[] = [];
  for (const conv of convs) {
    const rec = records.get(conv.id);
    const h = conv.handler;
    if (!rec || !h) continue;
    if (h instanceof ZmtpHandler) z.push({ conv, h, rec });
  }
  if (z.length) {
    pubSub(z);
    pipeline(z);
  }
}
