import type { ConversationRecord } from '../../analysis/model.js';
import { groupOf, type Msg } from '../../explain/app.js';
import type { ConvContext, FrameConv, ModelContext, MsgRef } from '../../explain/context.js';
import { capital, hostOf, msgPayload, type Params, type Say } from '../../explain/format.js';
import type { CarriedWords, HostRole, Tell } from '../../explain/protocol.js';
import { pairsList, pairsText, phase, spanOf, who } from '../../explain/story-kit.js';
import type { OverviewItem, StoryRecord } from '../../explain/types.js';
import type { HttpFacts, HttpFrameEntry, HttpRecord, HttpRequestRecord, HttpResponseRecord } from './model.js';

/** The words of a carried protocol by name (undefined: none registered by that name). */
export type CarriedOf = (proto: string) => CarriedWords | undefined;

const isRequest = (m: Msg): m is HttpRequestRecord => m.proto === 'http' && m.kind === 'request';
const isResponse = (m: Msg): m is HttpResponseRecord => m.proto === 'http' && m.kind === 'response';

/** An HTTP header's value, case-insensitive (a repeated header: its values joined by commas). */
export function headerOf(m: HttpRecord, name: string): string | undefined {
  const want = name.toLowerCase();
  for (const [k, v] of Object.entries(m.headers)) if (k.toLowerCase() === want) return String(v);
  return undefined;
}

/**
 * "Worth a second look": the responses with an error status (4xx client error, 5xx server error), how many
 * and the first with the request it answers (HttpFacts.http_errors); the responses whose status shows no
 * error but whose body carries one (a JSON-RPC error object in a 200 response: HttpFacts.carried_errors); the
 * requests that got no response in the capture, how many and the first (HttpFacts.http_unanswered).
 */
export function abnormal(say: Say, c: ConversationRecord): Omit<OverviewItem, 'conversation'>[] {
  const facts = c as ConversationRecord & HttpFacts;
  const e = facts.http_errors;
  const u = facts.http_unanswered;
  const ce = facts.carried_errors;
  if (!e && !u && !ce) return [];
  const out: Omit<OverviewItem, 'conversation'>[] = [];
  if (e) {
    const f = e.first;
    const answer = `${f.status} ${f.phrase}`.trim();
    const params = {
      id: c.id,
      server: c.server,
      count: e.count,
      frame: f.frame,
      first: f.method !== undefined ? `${f.method} ${f.uri} → ${answer}` : answer,
    };
    const text = say(e.count === 1 ? 'ov.ab.http.one' : 'ov.ab.http', params);
    out.push({ code: 'ov.ab.http', frames: [f.frame], text });
  }
  if (ce) {
    const f = ce.first;
    const params = {
      id: c.id,
      server: c.server,
      count: ce.count,
      frame: f.frame,
      protocol: say(`app.${f.proto}`),
      first: f.call !== undefined ? `${f.call} → ${f.error}` : f.error,
      status: `${f.status} ${f.phrase}`.trim(),
    };
    const text = say(ce.count === 1 ? 'ov.ab.http.carried.one' : 'ov.ab.http.carried', params);
    out.push({ code: 'ov.ab.http.carried', frames: [f.frame], text });
  }
  if (u) {
    const f = u.first;
    const params = { id: c.id, server: c.server, count: u.count, frame: f.frame, first: `${f.method} ${f.uri}` };
    const text = say(u.count === 1 ? 'ov.ab.http.noanswer.one' : 'ov.ab.http.noanswer', params);
    out.push({ code: 'ov.ab.http.noanswer', frames: [f.frame], text });
  }
  return out;
}

/** Whether the HTTP connection stays open after a message (the parser's verdict). */
export function keepsAlive(m: HttpRecord): boolean {
  return m.keep_alive;
}

/**
 * The requests and their answers (a carried protocol's calls when the conversation is one: `cw`), chunked
 * bodies, and how the connection was reused or closed.
 */
export function httpExchange(
  say: Say,
  ctx: ConvContext,
  mc: ModelContext,
  on: CarriedOf,
  cw?: CarriedWords,
): StoryRecord | undefined {
  const all = groupOf(ctx.view, (m) => m.proto === 'http');
  if (!all.count) return undefined;
  const ms = all.msgs;
  const reqs = ms.filter(isRequest);
  const reps = ms.filter(isResponse);
  const total = groupOf(ctx.view, (m) => m.proto === 'http' && m.kind === 'request').count;
  const bodyOf = (m: Msg) => (m.payload ? ` ${msgPayload(say, m)}` : '');
  const label = (m: Msg) => {
    const cl = m.proto === 'http' && m.carried ? on(m.carried.proto)?.label(m.carried) : undefined;
    const carried = cl ? ` ${cl}` : '';
    const cut = m.proto === 'http' ? incompleteOf(say, m, 'story') : '';
    if (isRequest(m)) return `${m.method} ${m.uri}${cl !== undefined ? carried : bodyOf(m)}${cut}`;
    if (isResponse(m))
      return cl !== undefined
        ? `${m.status}${carried}${cut}`
        : `${m.status}${m.phrase ? ` ${m.phrase}` : ''}${bodyOf(m)}${cut}`;
    return `?${bodyOf(m)}`;
  };
  const pairs = pairsText(say, ctx, reqs, reps, label);
  const st = phase(say, ctx, spanOf(all), cw?.story ?? 'story.http', {
    ...who(say, ctx, 'client'),
    ...who(say, ctx, 'server', 's_'),
    count: total,
    pairs: pairsList(say, pairs, total, 6),
    via: 'HTTP',
  });
  const more: string[] = [];
  if (cw?.more) {
    const rs = ms.flatMap((m) => (m.proto === 'http' && m.carried && on(m.carried.proto) === cw ? [m.carried] : []));
    more.push(...cw.more(say, rs).map(capital));
  }
  // chunked bodies: sent in pieces, their length not announced in a header
  for (const m of reps.filter((x) => x.chunked === true).slice(0, 3)) {
    const req = reqs.find((q) => q.frame === m.reply_to);
    more.push(
      say('story.http.chunked', {
        req: req ? `${req.method} ${req.uri}` : `${m.status}`,
        bytes: m.body_len,
      }),
    );
  }
  // connection reuse: one keep-alive connection for all, or closed after the last answer
  const last = reps[reps.length - 1];
  if (total > 1) more.push(say(total === 2 ? 'story.http.reuse.two' : 'story.http.reuse', { count: total }));
  if (last && endsAtClose(last)) more.push(say('story.http.until_close'));
  if (last && all.complete && !keepsAlive(last)) {
    const conn = headerOf(last, 'connection')?.toLowerCase() === 'close';
    const server = headerOf(last, 'server');
    const next = [...mc.convs.values()].find(
      (o) =>
        o.c.id !== ctx.c.id &&
        o.view.app === ctx.view.app &&
        o.c.first > ctx.c.first &&
        hostOf(o.c.client) === hostOf(ctx.c.client) &&
        o.c.server === ctx.c.server,
    );
    const p: Params = { server: server ?? '', next: next ? next.c.id : '' };
    let code = conn ? 'story.http.close' : 'story.http.close10';
    // the client may close first, once it has the whole response (its length was announced)
    if (ctx.c.close.kind === 'fin' && ctx.c.close.by === 'client') code += server ? '.byclient.server' : '.byclient';
    else if (server) code += /^werkzeug\//i.test(server) ? '.werkzeug' : '.server';
    let text = say(code, p);
    // the client may have asked for it: Connection: close in its request, or HTTP/1.0 without keep-alive
    const asked = reqs.find((q) => q.frame === last.reply_to) ?? reqs[reqs.length - 1];
    if (asked && isRequest(asked)) {
      const qc = headerOf(asked, 'connection')?.toLowerCase();
      if (qc === 'close') text += ` ${say('story.http.close.asked')}`;
      else if (asked.version === '1.0' && qc !== 'keep-alive') text += ` ${say('story.http.close.asked10')}`;
    }
    if (next && total === 1) text += ` ${say('story.http.close.next', { id: next.c.id })}`;
    more.push(text);
  }
  if (more.length) st.text += ` ${more.join(' ')}`;
  return st;
}

export function httpInfo(e: HttpFrameEntry, on: CarriedOf): string {
  const ct = e.content_type !== undefined ? ` (${e.content_type})` : '';
  const carried = e.carried ? on(e.carried.proto)?.info(e.carried) : undefined;
  const more = carried ? `, ${carried}` : '';
  if (e.kind === 'request') return `${e.method} ${e.uri} HTTP/${e.version}${ct}${more}`;
  const phrase = e.phrase ? ` ${e.phrase}` : '';
  return `HTTP/${e.version} ${e.status}${phrase}${ct}${more}`;
}

/**
 * A response whose body ends where the server closes the connection (no Content-Length, not chunked: the
 * HTTP/1.0 way), told in the frame that completes it.
 */
function endsAtClose(m: HttpRecord): boolean {
  return (
    m.kind === 'response' && m.body_len > 0 && m.content_length === undefined && !m.chunked && m.complete !== false
  );
}

/**
 * ' (incomplete: 0 of 10 bytes of its body in the capture)' for a message cut short (the connection ended,
 * bytes were lost), '' for a whole one: `story` in a list of pairs, `ex` as a sentence of its own.
 */
function incompleteOf(say: Say, m: HttpRecord, where: 'story' | 'ex'): string {
  if (m.complete !== false) return '';
  const p = { got: m.body_len, of: m.content_length ?? 0 };
  return ` ${say(m.content_length !== undefined ? `${where}.http.incomplete` : `${where}.http.incomplete.nolen`, p)}`;
}

/** The sentence for one HTTP request or response a frame completes (what its body carries, when a protocol reads it). */
export function sentence(say: Say, ctx: FrameConv, m: HttpRecord, t: Tell, on: CarriedOf): string {
  const { one, reply } = t;
  const cw = m.carried ? on(m.carried.proto) : undefined;
  const tail = (endsAtClose(m) ? ` ${say('ex.http.until_close')}` : '') + incompleteOf(say, m, 'ex');
  if (cw && m.carried) {
    const carrier =
      m.kind === 'request'
        ? say('frag.http.request', { method: m.method, uri: m.uri })
        : say('frag.http.response', { status: m.status, text: m.phrase });
    return cw.sentence(say, ctx, m.carried, t, { carrier }) + tail;
  }
  const body = m.payload ? msgPayload(say, m) : '';
  switch (m.kind) {
    case 'request':
      return (
        one(body ? 'ex.http.request.body' : 'ex.http.request', {
          method: m.method,
          uri: m.uri,
          server: ctx.c.server,
          body,
        }) + tail
      );
    case 'response':
      return (
        reply(body ? 'ex.http.response.body' : 'ex.http.response', { status: m.status, text: m.phrase, body }) + tail
      );
    default: {
      const never: never = m;
      return never;
    }
  }
}

/** The noun for an HTTP request or response ("the 2nd request"). */
export function label(say: Say, _ctx: Pick<FrameConv, 'kind'>, m: MsgRef, k: Params): string {
  return say(m.kind === 'request' ? 'lbl.http.request' : 'lbl.http.response', k);
}

/** The requests and their answers, chunked bodies, and how the connection was reused or closed. */
export function phases(
  say: Say,
  ctx: ConvContext,
  mc: ModelContext,
  on: CarriedOf,
  cw?: CarriedWords,
): { setup: StoryRecord[]; exchange?: StoryRecord } {
  const exchange = httpExchange(say, ctx, mc, on, cw);
  return exchange ? { setup: [], exchange } : { setup: [] };
}

export function hostRoles(
  _say: Say,
  ctx: ConvContext,
  port: string | number,
  cw?: CarriedWords,
): { client: HostRole; server: HostRole } {
  return {
    client: { code: cw?.roles.client ?? 'role.http.client', params: { server: ctx.c.server, via: 'HTTP' } },
    server: { code: cw?.roles.server ?? 'role.http.server', params: { port, via: 'HTTP' } },
  };
}

/** How many requests, with which methods (a carried protocol's: its calls). */
export function convLine(_say: Say, ctx: ConvContext, cw?: CarriedWords): { code: string; params: Params } {
  const reqs = groupOf(ctx.view, (m) => m.kind === 'request');
  if (cw && reqs.complete) {
    const rs = reqs.msgs.flatMap((m) => (m.proto === 'http' && m.carried ? [m.carried] : []));
    const line = cw.convLine(rs, reqs.count);
    return { code: line.code, params: { ...line.params, via: 'HTTP' } };
  }
  const methods = reqs.complete
    ? reqs.msgs.map((m) => (isRequest(m) ? m.method : '?'))
    : reqs.sorts.map((x) => x.rep.name ?? '?');
  return { code: 'ov.conv.http', params: { count: reqs.count, methods: [...new Set(methods)].join(', ') } };
}

export function title(cw?: CarriedWords): string {
  return cw ? `${cw.title()}/HTTP` : 'HTTP';
}

/** A sequence diagram's arrow: the method and URI of a request, the status of a response (and what they carry). */
export function arrow(e: HttpFrameEntry, on: CarriedOf): string {
  const carried = e.carried ? on(e.carried.proto)?.label(e.carried) : undefined;
  const more = carried ? ` ${carried}` : '';
  if (e.kind === 'request') return `${e.method} ${e.uri}${more}`.trim();
  return `${e.status}${more}`.trim() || 'response';
}
