/**
 * What GIOP's messages say, in words: a sentence per message (the call with its arguments, the reply with
 * its status and result, LocateRequest/LocateReply, CloseConnection…), the story of a connection (its calls
 * and answers; the naming service's rebind and resolve, and the connection the resolved IOR leads to),
 * the overview's roles and teaching note, the Info column as tshark prints it.
 */
import type { AppMessageRecord, ConversationRecord } from '../../analysis/model.js';
import { groupOf, type Msg } from '../../explain/app.js';
import type { ConvContext, FrameConv, ModelContext, MsgRef } from '../../explain/context.js';
import { capital, ellipsize, hostOf, list, type Params, type Say } from '../../explain/format.js';
import type { HostRole, Teach, Tell } from '../../explain/protocol.js';
import { pairsList, pairsText, phase, spanOf, who } from '../../explain/story-kit.js';
import type { StoryRecord } from '../../explain/types.js';
import type {
  GiopFrameEntry,
  GiopIorRecord,
  GiopLocateReplyRecord,
  GiopRecord,
  GiopReplyRecord,
  GiopRequestRecord,
  GiopValue,
} from './model.js';

/** The naming service's object key (omniNames, and the INS default `corbaloc::host:2809/NameService`). */
const NAMING_KEY = 'NameService';
/** The naming service's well-known port (omniNames' default, IANA corbaloc). */
export const NAMING_PORT = 2809;

const isRequest = (m: Msg): m is GiopRequestRecord => m.proto === 'giop' && m.kind === 'Request';
const isReply = (m: Msg): m is GiopReplyRecord => m.proto === 'giop' && m.kind === 'Reply';

/**
 * What a GIOP record's sentence tells of its fields; the rest is deliberately silent (kept in the JSON
 * model for those who look).
 */
export const GIOP_REQUEST_TOLD = {
  version: 'told',
  little_endian: 'told in the story (byte order)',
  size: 'silent (Info column)',
  request_id: 'told',
  operation: 'told',
  object_key: 'told',
  object_key_text: 'told (text or hex)',
  response_expected: 'told (oneway)',
  response_flags: 'silent (response_expected says it)',
  service_contexts: 'silent',
  arguments: 'told',
} as const satisfies Record<Exclude<keyof GiopRequestRecord, keyof AppMessageRecord | 'proto' | 'kind'>, string>;

const STATUS_TEXT: Readonly<Record<number, string>> = {
  0: 'No Exception',
  1: 'User Exception',
  2: 'System Exception',
  3: 'Location Forward',
  4: 'Location Forward Perm',
  5: 'Needs Addressing Mode',
};

/** A short quoted text. */
const quoted = (s: string) => `'${ellipsize(s, 60)}'`;

/** "the IOR of IDL:HelloApp/Hello:1.0 at 172.18.0.85:52121". */
export function iorText(say: Say, ior: GiopIorRecord): string {
  return ior.host !== undefined
    ? say('giop.v.ior', { type: ior.type_id || '?', host: ior.host, port: ior.port ?? '?' })
    : say('giop.v.ior.nohost', { type: ior.type_id || '?' });
}

/** A value as arguments or a result in a sentence or a pair list. */
export function valueText(say: Say, v: GiopValue | undefined, result: boolean): string {
  if (!v) return '';
  switch (v.kind) {
    case 'none':
      return result ? say('giop.v.void') : '';
    case 'boolean':
      return v.value ? 'true' : 'false';
    case 'string':
      return quoted(v.value);
    case 'object':
      return iorText(say, v.ior);
    case 'name':
      return v.object ? `${quoted(v.name)}, ${iorText(say, v.object)}` : quoted(v.name);
    case 'bytes':
      return say('giop.v.bytes', { count: v.length });
    default: {
      const never: never = v;
      return never;
    }
  }
}

/** "sayHello()", "_is_a('IDL:…')". */
export function callText(say: Say, m: GiopRequestRecord): string {
  return `${m.operation}(${valueText(say, m.arguments, false)})`;
}

/** The object a request or LocateRequest addresses: the naming service, or the object with a key. */
function targetText(say: Say, key: string, text: boolean): string {
  if (text && key === NAMING_KEY) return say('giop.target.naming');
  return say(text ? 'giop.target.text' : 'giop.target.hex', { key });
}

/** What a reply says: its result, exception or forward. */
function outcomeText(say: Say, m: GiopReplyRecord): string {
  if (m.exception) {
    if (m.status === 2)
      return say('giop.r.sysex', {
        id: m.exception.id,
        minor: m.exception.minor ?? 0,
        completed: m.exception.completed ?? '?',
      });
    return say('giop.r.userex', { id: m.exception.id });
  }
  if (m.status === 3 || m.status === 4)
    return m.result?.kind === 'object'
      ? say('giop.r.forward', { ior: iorText(say, m.result.ior) })
      : say('giop.r.status', { status: m.status_name });
  if (m.status !== 0) return say('giop.r.status', { status: m.status_name });
  const r = m.result;
  if (!r) return say('giop.r.status', { status: m.status_name });
  switch (r.kind) {
    case 'none':
      return say(m.operation === undefined ? 'giop.r.empty' : 'giop.r.void');
    case 'boolean':
      return say(m.operation === '_is_a' ? (r.value ? 'giop.r.is_a.true' : 'giop.r.is_a.false') : 'giop.r.value', {
        value: r.value ? 'true' : 'false',
      });
    case 'string':
      return say('giop.r.string', { value: quoted(r.value) });
    case 'object':
      return say('giop.r.object', { ior: iorText(say, r.ior) });
    case 'name':
      return say('giop.r.value', { value: valueText(say, r, true) });
    case 'bytes':
      return say('giop.r.bytes', { count: r.length });
    default: {
      const never: never = r;
      return never;
    }
  }
}

/** The sentence for a Request. */
function requestSentence(say: Say, ctx: FrameConv, m: GiopRequestRecord, one: Tell['one']): string {
  const p: Params = {
    op: m.operation,
    call: callText(say, m),
    id: m.request_id,
    version: m.version,
    target: targetText(say, m.object_key, m.object_key_text),
    server: ctx.c.server,
  };
  const a = m.arguments;
  let s: string;
  if (m.operation === '_is_a' && a.kind === 'string') s = one('ex.giop.is_a', { ...p, type: a.value });
  else if ((m.operation === 'rebind' || m.operation === 'bind') && a.kind === 'name' && a.object) {
    const own = a.object.host !== undefined && a.object.host === hostOf(ctx.c.client) && m.dir === 'c2s';
    s = one(own ? 'ex.giop.bind.own' : 'ex.giop.bind', {
      ...p,
      name: a.name,
      ior: iorText(say, a.object),
      port: a.object.port ?? '?',
    });
  } else if (m.operation === 'resolve' && a.kind === 'name') s = one('ex.giop.resolve', { ...p, name: a.name });
  else s = one(a.kind === 'none' ? 'ex.giop.request.noargs' : 'ex.giop.request', p);
  if (!m.response_expected) s += ` ${say('ex.giop.oneway')}`;
  return s;
}

/** The sentence for one GIOP message a frame completes. */
export function sentence(say: Say, ctx: FrameConv, m: GiopRecord, t: Tell): string {
  const { one, reply } = t;
  switch (m.kind) {
    case 'Request':
      return requestSentence(say, ctx, m, one);
    case 'Reply': {
      const p = { id: m.request_id, op: m.operation ?? '?', version: m.version, outcome: outcomeText(say, m) };
      if (m.reply_to === undefined) return one('ex.giop.reply.unpaired', p);
      return reply('ex.giop.reply', p);
    }
    case 'LocateRequest':
      return one('ex.giop.locate', {
        id: m.request_id,
        version: m.version,
        target: targetText(say, m.object_key, m.object_key_text),
      });
    case 'LocateReply':
      return locateReplySentence(say, m, t);
    case 'CancelRequest':
      return one('ex.giop.cancel', { id: m.request_id });
    case 'CloseConnection':
      return one('ex.giop.close', { version: m.version });
    case 'MessageError':
      return one('ex.giop.message_error', { version: m.version });
    case 'Fragment':
      return one(m.request_id !== undefined ? 'ex.giop.fragment' : 'ex.giop.fragment.noid', {
        id: m.request_id ?? '',
        count: m.size,
      });
    default: {
      const never: never = m;
      return never;
    }
  }
}

function locateReplySentence(say: Say, m: GiopLocateReplyRecord, t: Tell): string {
  const known = m.status <= 5;
  const what =
    (m.status === 2 || m.status === 3) && m.forward
      ? say('giop.locate.forward', { ior: iorText(say, m.forward) })
      : say(known ? `giop.locate.${m.status}` : 'giop.locate.other', { status: m.status_name });
  const p = { id: m.request_id, status: m.status_name, what };
  return m.reply_to === undefined ? t.one('ex.giop.locate_reply.unpaired', p) : t.reply('ex.giop.locate_reply', p);
}

/** The noun for a GIOP message ("the sayHello request", "the 2nd GIOP reply"). */
export function label(say: Say, _ctx: Pick<FrameConv, 'kind'>, m: MsgRef, k: Params): string {
  if (m.kind === 'Request') return say('lbl.giop.request', { ...k, op: m.name ?? '?' });
  if (m.kind === 'Reply')
    return m.name !== undefined ? say('lbl.giop.reply.op', { op: m.name }) : say('lbl.giop.reply', k);
  return say('lbl.giop.other', { ...k, kind: m.kind });
}

/** The Info column, as tshark 4.0 prints it ("GIOP 1.0 Request, s=91 id=2 (two-way): op=_is_a"). */
export function giopInfo(e: GiopFrameEntry): string {
  const head = `GIOP ${e.version} ${e.kind}, s=${e.size}`;
  switch (e.kind) {
    case 'Request': {
      const way = e.response_expected === undefined ? '' : e.response_expected ? ' (two-way)' : ' (one-way)';
      return `${head} id=${e.request_id}${way}: op=${e.operation}`;
    }
    case 'Reply':
      return `${head} id=${e.request_id}: ${STATUS_TEXT[e.status ?? -1] ?? `status ${e.status}`}`;
    case 'LocateRequest':
      return `${head} id=${e.request_id} op=LocateRequest`;
    case 'LocateReply':
    case 'CancelRequest':
      return `${head} id=${e.request_id}`;
    case 'Fragment':
      return e.request_id !== undefined ? `${head} id=${e.request_id}` : head;
    case 'CloseConnection':
    case 'MessageError':
      return head;
    default: {
      const never: never = e.kind;
      return never;
    }
  }
}

/** A pair list's label: a request's call, a reply's result. */
function pairLabel(say: Say, m: Msg): string {
  if (isRequest(m)) return callText(say, m);
  if (isReply(m)) {
    if (m.exception) return m.exception.id;
    if (m.status !== 0) return m.status_name;
    return valueText(say, m.result, true) || m.status_name;
  }
  if (m.proto === 'giop' && m.kind === 'LocateRequest') return 'LocateRequest';
  if (m.proto === 'giop' && m.kind === 'LocateReply') return m.status_name;
  return m.kind;
}

/** Versions and byte orders of a conversation's messages ("GIOP 1.0, little-endian"). */
function versionsText(say: Say, ms: readonly GiopRecord[]): { versions: string; order: string } {
  const versions = [...new Set(ms.map((m) => m.version))].sort();
  const orders = [...new Set(ms.map((m) => m.little_endian))];
  const order = orders.length === 1 ? say(orders[0] ? 'giop.order.le' : 'giop.order.be') : say('giop.order.mixed');
  return { versions: versions.join(', '), order };
}

/**
 * The first conversation opened after frame `after` whose server is the address an IOR names (and whose
 * client is `client`'s host, when given).
 */
function convAt(
  mc: ModelContext,
  ior: GiopIorRecord | undefined,
  after: number,
  client?: string,
): ConvContext | undefined {
  if (!ior || ior.host === undefined || ior.port === undefined) return undefined;
  const ep = `${ior.host}:${ior.port}`;
  let best: ConvContext | undefined;
  for (const o of mc.convs.values()) {
    if (o.c.server !== ep || o.c.first <= after) continue;
    if (client !== undefined && hostOf(o.c.client) !== client) continue;
    if (!best || o.c.first < best.c.first) best = o;
  }
  return best;
}

/** The calls and their answers; what the naming service's calls did; where a resolved reference led. */
export function giopExchange(say: Say, ctx: ConvContext, mc: ModelContext): StoryRecord | undefined {
  const all = groupOf(ctx.view, (m) => m.proto === 'giop');
  if (!all.count) return undefined;
  const ms = all.msgs.filter((m): m is GiopRecord => m.proto === 'giop');
  const asks = ms.filter((m) => m.kind === 'Request' || m.kind === 'LocateRequest');
  const answers = ms.filter((m) => m.kind === 'Reply' || m.kind === 'LocateReply');
  const calls = groupOf(ctx.view, (m) => m.proto === 'giop' && (m.kind === 'Request' || m.kind === 'LocateRequest'));
  const pairs = pairsText(say, ctx, asks, answers, (m) => pairLabel(say, m));
  const { versions, order } = versionsText(say, ms);
  const requester = asks[0]?.dir === 's2c' ? 'server' : 'client';
  const st = phase(say, ctx, spanOf(all), calls.count ? 'story.giop' : 'story.giop.nocalls', {
    ...who(say, ctx, requester),
    ...who(say, ctx, requester === 'client' ? 'server' : 'client', 's_'),
    count: calls.count,
    versions,
    order,
    pairs: pairsList(say, pairs, calls.count, 6),
  });
  const more: string[] = [];
  for (const q of ms.filter(isRequest)) {
    const a = q.arguments;
    const r = answers.find((x) => x.reply_to === q.frame);
    const rep = r && isReply(r) ? r : undefined;
    if (q.operation === '_is_a' && a.kind === 'string' && !more.some((x) => x.includes(a.value)))
      more.push(say('story.giop.is_a', { type: a.value }));
    if ((q.operation === 'rebind' || q.operation === 'bind') && a.kind === 'name' && a.object && rep?.status === 0) {
      const next = convAt(mc, a.object, q.frame);
      const p = { op: q.operation, name: a.name, ior: iorText(say, a.object), next: next?.c.id ?? '' };
      more.push(say(next ? 'story.giop.bound.next' : 'story.giop.bound', p));
    }
    if (q.operation === 'resolve' && a.kind === 'name' && rep?.result?.kind === 'object') {
      const next = convAt(mc, rep.result.ior, rep.frame, hostOf(ctx.c.client));
      const p = { name: a.name, ior: iorText(say, rep.result.ior), frame: rep.frame, next: next?.c.id ?? '' };
      more.push(say(next ? 'story.giop.resolved.next' : 'story.giop.resolved', p));
    }
  }
  const locate = ms.find((m): m is GiopLocateReplyRecord => m.kind === 'LocateReply' && m.status === 1);
  if (locate) more.push(say('story.giop.located', { frame: locate.frame }));
  if (more.length) st.text += ` ${more.map(capital).join(' ')}`;
  return st;
}

/** The calls and answers of a GIOP connection. */
export function phases(say: Say, ctx: ConvContext, mc: ModelContext): { setup: StoryRecord[]; exchange?: StoryRecord } {
  const exchange = giopExchange(say, ctx, mc);
  return exchange ? { setup: [], exchange } : { setup: [] };
}

/** CloseConnection before the TCP ending: the GIOP goodbye. */
export function ending(say: Say, ctx: ConvContext): { before?: { frame: number; text: string }; after?: string } {
  const close = ctx.view.messages.find((m) => m.proto === 'giop' && m.kind === 'CloseConnection');
  if (!close) return {};
  return {
    before: {
      frame: close.frame,
      text: capital(
        say('story.giop.close', {
          ...who(say, ctx, close.dir === 'c2s' ? 'client' : 'server'),
          frame: close.frame,
        }),
      ),
    },
  };
}

/** The conversation is with a naming service: its well-known port, or requests to the NameService key. */
function isNaming(ctx: ConvContext): boolean {
  if (ctx.c.server.endsWith(`:${NAMING_PORT}`)) return true;
  return ctx.view.messages.some((m) => isRequest(m) && m.object_key_text && m.object_key === NAMING_KEY);
}

export function hostRoles(_say: Say, ctx: ConvContext, port: string | number): { client: HostRole; server: HostRole } {
  return isNaming(ctx)
    ? {
        client: { code: 'role.giop.naming.client', params: { server: ctx.c.server } },
        server: { code: 'role.giop.naming', params: { port } },
      }
    : {
        client: { code: 'role.giop.client', params: { server: ctx.c.server } },
        server: { code: 'role.giop.server', params: { port } },
      };
}

/** How many calls, with which operations. */
export function convLine(say: Say, ctx: ConvContext): { code: string; params: Params } {
  const reqs = groupOf(ctx.view, (m) => m.proto === 'giop' && m.kind === 'Request');
  const ops = reqs.complete
    ? reqs.msgs.map((m) => (isRequest(m) ? m.operation : '?'))
    : reqs.sorts.map((x) => x.rep.name ?? '?');
  const ms = ctx.view.messages.filter((m): m is GiopRecord => m.proto === 'giop');
  return {
    code: isNaming(ctx) ? 'ov.conv.giop.naming' : 'ov.conv.giop',
    params: { count: reqs.count, ops: list(say, [...new Set(ops)], 8), versions: versionsText(say, ms).versions },
  };
}

export function title(_c: ConversationRecord): string {
  return 'GIOP';
}

/** A sequence diagram's arrow: the operation of a request, the status of a reply. */
export function arrow(e: GiopFrameEntry): string {
  switch (e.kind) {
    case 'Request':
      return `${e.operation ?? '?'} #${e.request_id}`;
    case 'Reply':
      return `Reply #${e.request_id} ${STATUS_TEXT[e.status ?? -1] ?? ''}`.trim();
    case 'LocateRequest':
    case 'LocateReply':
    case 'CancelRequest':
      return `${e.kind} #${e.request_id}`;
    default:
      return e.kind;
  }
}

/**
 * The naming service as a phone book: the server binds a name to its object's IOR, the client resolves
 * the name and then calls the object at the address the IOR names, on a connection of its own.
 */
export function teach(say: Say, mc: ModelContext, convs: readonly ConvContext[], at: (rank: number) => Teach): void {
  const push = at(35);
  let bound: { m: GiopRequestRecord; ctx: ConvContext } | undefined;
  let resolved: { m: GiopReplyRecord; q: GiopRequestRecord; client: string } | undefined;
  for (const ctx of convs) {
    if (ctx.view.app !== 'giop') continue;
    for (const m of ctx.view.messages) {
      if (!bound && isRequest(m) && (m.operation === 'rebind' || m.operation === 'bind') && m.arguments.kind === 'name')
        bound = { m, ctx };
      if (!resolved && isReply(m) && m.operation === 'resolve' && m.result?.kind === 'object') {
        const q = ctx.view.messages.find((x): x is GiopRequestRecord => isRequest(x) && x.frame === m.reply_to);
        if (q) resolved = { m, q, client: hostOf(ctx.c.client) };
      }
    }
  }
  if (resolved?.m.result?.kind !== 'object') return;
  const ior = resolved.m.result.ior;
  const next = convAt(mc, ior, resolved.m.frame, resolved.client);
  const call = next?.view.messages.find(isRequest);
  const name = resolved.q.arguments.kind === 'name' ? resolved.q.arguments.name : '?';
  const p: Params = {
    name,
    ior: iorText(say, ior),
    resolve: resolved.q.frame,
    bind: bound?.m.frame ?? '',
    bind_op: bound?.m.operation ?? '',
    server: bound ? hostOf(bound.ctx.c.client) : '',
    client: resolved.client,
    call: call ? callText(say, call) : '',
    call_frame: call?.frame ?? '',
    next: next?.c.id ?? '',
  };
  const code = `teach.giop.naming${bound ? '.bound' : ''}${call ? '.call' : ''}`;
  const frames = [bound?.m.frame, resolved.q.frame, resolved.m.frame, call?.frame].filter(
    (x): x is number => x !== undefined,
  );
  push(code, p, frames);
}
