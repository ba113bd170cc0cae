import { groupOf, type Msg } from '../../explain/app.js';
import type { ConvContext, FrameConv, ModelContext, MsgRef } from '../../explain/context.js';
import { hostOf, msgPayload, type Params, type Say } from '../../explain/format.js';
import type { HostRole, Tell } from '../../explain/protocol.js';
import { pairsList, pairsText, phase, spanOf, who } from '../../explain/story-kit.js';
import type { StoryRecord } from '../../explain/types.js';
import type { HttpFrameEntry, HttpRecord, HttpRequestRecord, HttpResponseRecord } from './model.js';

const isRequest = (m: Msg): m is HttpRequestRecord => m.proto === 'http' && m.kind === 'request';
const isResponse = (m: Msg): m is HttpResponseRecord => m.proto === 'http' && m.kind === 'response';

/** An HTTP header's value, case-insensitive (a repeated header: its values joined by commas). */
export function headerOf(m: HttpRecord, name: string): string | undefined {
  const want = name.toLowerCase();
  for (const [k, v] of Object.entries(m.headers)) if (k.toLowerCase() === want) return String(v);
  return undefined;
}

/** Whether the HTTP connection stays open after a message (the parser's verdict). */
export function keepsAlive(m: HttpRecord): boolean {
  return m.keep_alive;
}

export function httpExchange(say: Say, ctx: ConvContext, mc: ModelContext): StoryRecord | undefined {
  const all = groupOf(ctx.view, (m) => m.proto === 'http');
  if (!all.count) return undefined;
  const ms = all.msgs;
  const reqs = ms.filter(isRequest);
  const reps = ms.filter(isResponse);
  const total = groupOf(ctx.view, (m) => m.proto === 'http' && m.kind === 'request').count;
  const bodyOf = (m: Msg) => (m.payload ? ` ${msgPayload(say, m)}` : '');
  const label = (m: Msg) => {
    if (isRequest(m)) return `${m.method} ${m.uri}${bodyOf(m)}`;
    if (isResponse(m)) return `${m.status}${m.phrase ? ` ${m.phrase}` : ''}${bodyOf(m)}`;
    return `?${bodyOf(m)}`;
  };
  const pairs = pairsText(say, ctx, reqs, reps, label);
  const st = phase(say, ctx, spanOf(all), 'story.http', {
    ...who(say, ctx, 'client'),
    ...who(say, ctx, 'server', 's_'),
    count: total,
    pairs: pairsList(say, pairs, total, 6),
  });
  const more: string[] = [];
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

export function httpInfo(e: HttpFrameEntry): string {
  const ct = e.content_type !== undefined ? ` (${e.content_type})` : '';
  if (e.kind === 'request') return `${e.method} ${e.uri} HTTP/${e.version}${ct}`;
  const phrase = e.phrase ? ` ${e.phrase}` : '';
  return `HTTP/${e.version} ${e.status}${phrase}${ct}`;
}

/** The sentence for one HTTP request or response a frame completes. */
export function sentence(say: Say, ctx: FrameConv, m: HttpRecord, t: Tell): string {
  const { one, reply } = t;
  const body = m.payload ? msgPayload(say, m) : '';
  switch (m.kind) {
    case 'request':
      return one(body ? 'ex.http.request.body' : 'ex.http.request', {
        method: m.method,
        uri: m.uri,
        server: ctx.c.server,
        body,
      });
    case 'response':
      return reply(body ? 'ex.http.response.body' : 'ex.http.response', { status: m.status, text: m.phrase, body });
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
export function phases(say: Say, ctx: ConvContext, mc: ModelContext): { setup: StoryRecord[]; exchange?: StoryRecord } {
  const exchange = httpExchange(say, ctx, mc);
  return exchange ? { setup: [], exchange } : { setup: [] };
}

export function hostRoles(_say: Say, ctx: ConvContext, port: string | number): { client: HostRole; server: HostRole } {
  return {
    client: { code: 'role.http.client', params: { server: ctx.c.server } },
    server: { code: 'role.http.server', params: { port } },
  };
}

/** How many requests, with which methods. */
export function convLine(_say: Say, ctx: ConvContext): { code: string; params: Params } {
  const reqs = groupOf(ctx.view, (m) => m.kind === 'request');
  const methods = reqs.complete
    ? reqs.msgs.map((m) => (isRequest(m) ? m.method : '?'))
    : reqs.sorts.map((x) => x.rep.name ?? '?');
  return { code: 'ov.conv.http', params: { count: reqs.count, methods: [...new Set(methods)].join(', ') } };
}

export function title(): string {
  return 'HTTP';
}

/** A sequence diagram's arrow: the method and URI of a request, the status of a response. */
export function arrow(e: HttpFrameEntry): string {
  if (e.kind === 'request') return `${e.method} ${e.uri}`.trim();
  return `${e.status}`.trim() || 'response';
}
