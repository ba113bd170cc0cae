/**
 * What Ice's messages say, in a catalogue's language: the sentence of each message (ValidateConnection,
 * Request, BatchRequest, Reply, CloseConnection), the story (the connection validated, the calls and their
 * replies, oneway and batched calls, the graceful close), the overview's lines and a teaching note on
 * oneway calls, which only TCP acknowledges.
 */
import { groupOf, type Msg } from '../../explain/app.js';
import type { ConvContext, FrameConv, ModelContext, MsgRef } from '../../explain/context.js';
import { capital, list, type Params, type Say, valueText } from '../../explain/format.js';
import type { HostRole, Teach, Tell } from '../../explain/protocol.js';
import { pairsList, pairsText, phase, span, who } from '../../explain/story-kit.js';
import type { StoryRecord } from '../../explain/types.js';
import type {
  IceBareRecord,
  IceBatchRequestRecord,
  IceCallRecord,
  IceFrameEntry,
  IceIdentityRecord,
  IceParamsRecord,
  IceRecord,
  IceReplyRecord,
  IceRequestRecord,
} from './model.js';

/** A decoded Ice message of one kind. */
function isKind<K extends IceRecord['kind']>(kind: K) {
  return (m: Msg): m is Extract<IceRecord, { kind: K; undecoded?: undefined }> =>
    m.proto === 'icep' && m.kind === kind && m.undecoded === undefined;
}
const isRequest = isKind('Request') as (m: Msg) => m is IceRequestRecord;
const isBatch = isKind('BatchRequest') as (m: Msg) => m is IceBatchRequestRecord;
const isReply = isKind('Reply') as (m: Msg) => m is IceReplyRecord;
const isValidate = (m: Msg): m is IceBareRecord => isKind('ValidateConnection')(m);
const isClose = (m: Msg): m is IceBareRecord => isKind('CloseConnection')(m);

/** ice_isA: every Ice object's "do you implement this type?" (Object::ice_isA(string) → bool). */
const IS_A = 'ice_isA';

/** An identity as Ice writes it: category/name, or the name alone. */
export function identityText(id: IceIdentityRecord): string {
  return id.category ? `${id.category}/${id.name}` : id.name;
}

/** The call's arguments as the story and the sentences show them: one string quoted, else their size. */
function argsText(say: Say, p: IceParamsRecord): string {
  if (p.string !== undefined) return valueText(say, { encoding: 'text', value: p.string, length: p.length }, 60);
  if (p.length === 0) return '';
  return say('fmt.icep.bytes', { length: p.length });
}

/** "SimplePrinter1.printString('Hello')": the object, the operation and its arguments. */
export function callText(say: Say, c: IceCallRecord): string {
  const facet = c.facet ? ` -f ${c.facet}` : '';
  return `${identityText(c.identity)}${facet}.${c.operation}(${argsText(say, c.params)})`;
}

/** The parameters of a call, told: one string, none, or a size. */
function paramsText(say: Say, p: IceParamsRecord): string {
  if (p.string !== undefined)
    return say('fmt.icep.params.string', {
      encoding: p.encoding,
      length: p.length,
      value: valueText(say, { encoding: 'text', value: p.string, length: p.length }),
    });
  if (p.length === 0) return say('fmt.icep.params.none');
  return say('fmt.icep.params.bytes', { encoding: p.encoding, length: p.length });
}

/** ice_isA's bool result, when the reply answers an ice_isA and its result is one byte 0 or 1. */
function isABool(m: IceReplyRecord): boolean | undefined {
  if (m.request_operation !== IS_A || m.status !== 0 || m.result?.length !== 1) return undefined;
  if (m.result.hex === '01') return true;
  if (m.result.hex === '00') return false;
  return undefined;
}

/** What a reply carries, short (the story's pairs): "Success, true", "Success, no return value", "ObjectNotExist". */
function replyShort(say: Say, m: IceReplyRecord): string {
  if (m.status !== 0) return m.status_name;
  const b = isABool(m);
  if (b !== undefined) return say('fmt.icep.ok', { result: String(b) });
  const r = m.result;
  if (!r || r.length === 0) return say('fmt.icep.ok.void');
  if (r.string !== undefined)
    return say('fmt.icep.ok', { result: valueText(say, { encoding: 'text', value: r.string, length: r.length }, 40) });
  return say('fmt.icep.ok', { result: say('fmt.icep.bytes', { length: r.length }) });
}

/** The result of a successful reply, told as a sentence's end. */
function resultText(say: Say, m: IceReplyRecord): string {
  const b = isABool(m);
  if (b !== undefined) return say(b ? 'fmt.icep.result.isa_true' : 'fmt.icep.result.isa_false');
  const r = m.result;
  if (!r || r.length === 0) return say('fmt.icep.result.void');
  if (r.string !== undefined)
    return say('fmt.icep.result.string', {
      value: valueText(say, { encoding: 'text', value: r.string, length: r.length }),
    });
  return say('fmt.icep.result.bytes', { length: r.length, encoding: r.encoding });
}

/** The version the header carries ("1.0"), for sentences. */
function versionOf(ctx: Pick<FrameConv, 'c'>): string {
  return ctx.c.ice_version ?? '1.0';
}

/** The sentence for one Ice message a frame completes. */
export function sentence(say: Say, ctx: FrameConv, m: IceRecord, t: Tell): string {
  const { one, reply } = t;
  if (m.undecoded !== undefined) return one('ex.icep.undecoded', { kind: m.kind, size: m.size });
  switch (m.kind) {
    case 'ValidateConnection':
      return one(m.dir === 's2c' ? 'ex.icep.validate' : 'ex.icep.validate.client', { version: versionOf(ctx) });
    case 'Request': {
      const p: Params = {
        id: m.request_id,
        object: identityText(m.identity),
        operation: m.operation,
        mode: m.mode_name,
        params: paramsText(say, m.params),
      };
      const parts: string[] = [];
      if (m.operation === IS_A && m.params.string !== undefined)
        parts.push(
          one(m.oneway ? 'ex.icep.request.isa.oneway' : 'ex.icep.request.isa', { ...p, type: m.params.string }),
        );
      else parts.push(one(m.oneway ? 'ex.icep.request.oneway' : 'ex.icep.request', p));
      if (m.facet) parts.push(say('ex.icep.facet', { facet: m.facet }));
      if (m.context?.length)
        parts.push(
          say('ex.icep.context', {
            list: list(
              say,
              m.context.map(([k, v]) => `${k}=${v}`),
              6,
            ),
          }),
        );
      if (!m.oneway && m.replied_by !== undefined) parts.push(say('ex.icep.request.replied', { rep: m.replied_by }));
      else if (!m.oneway && !ctx.c.notes.some((n) => n.code === 'app.gap')) parts.push(say('ex.icep.request.noreply'));
      return parts.join(' ');
    }
    case 'BatchRequest':
      return one('ex.icep.batch', {
        count: m.requests.length,
        calls: list(
          say,
          m.requests.map((r) => callText(say, r)),
          6,
        ),
      });
    case 'Reply': {
      const call =
        m.request_operation !== undefined && m.request_identity !== undefined
          ? `${identityText(m.request_identity)}.${m.request_operation}`
          : say('fmt.icep.call.unknown');
      const p: Params = { id: m.request_id, call };
      switch (m.status) {
        case 0:
          return reply('ex.icep.reply', { ...p, result: resultText(say, m) });
        case 1:
          return reply('ex.icep.reply.user', { ...p, length: m.result?.length ?? 0 });
        case 2:
        case 3:
        case 4: {
          const x = m.missing;
          return reply(`ex.icep.reply.${m.status === 2 ? 'noobject' : m.status === 3 ? 'nofacet' : 'noop'}`, {
            ...p,
            object: x ? identityText(x.identity) : '?',
            facet: x?.facet ?? '',
            operation: x?.operation ?? '?',
          });
        }
        default:
          return reply('ex.icep.reply.unknown', { ...p, status: m.status_name, reason: m.reason ?? '' });
      }
    }
    case 'CloseConnection':
      return one('ex.icep.close');
    default: {
      const never: never = m;
      return never;
    }
  }
}

/** The noun for an Ice message ("the printString request", "the Reply"). */
export function label(say: Say, _ctx: Pick<FrameConv, 'kind'>, m: MsgRef): string {
  if (m.kind === 'Request' && m.name !== undefined) return say('lbl.icep.request', { name: m.name });
  return say('lbl.icep', { kind: m.kind });
}

/** Wireshark's names of the reply statuses (its Info column). */
const STATUS_INFO = [
  'Success',
  'User exception',
  'Object does not exist',
  'Facet does not exist',
  'Operation does not exist',
  'Unknown Ice local exception',
  'Unknown Ice user exception',
  'Unknown exception',
];

/** The Info column, as Wireshark's icep dissector writes it. */
export function iceInfo(e: IceFrameEntry): string {
  const calls = (e.calls ?? []).map((c) => `${c.name}.${c.operation}()`).join(', ');
  let s: string;
  switch (e.kind) {
    case 'ValidateConnection':
      s = 'Validate connection';
      break;
    case 'CloseConnection':
      s = 'Close connection';
      break;
    case 'Request':
      s = e.request_id === undefined ? 'Request' : `Request(${e.request_id === 0 ? 'oneway' : e.request_id}): ${calls}`;
      break;
    case 'BatchRequest':
      s = `Batch request: ${calls}`;
      break;
    case 'Reply':
      s = `Reply(${e.request_id ?? '?'})${e.status !== undefined ? `: ${STATUS_INFO[e.status] ?? e.status}` : ''}`;
      break;
    default:
      s = `Message type ${e.msgtype}`;
  }
  return e.undecoded ? `${s} [Malformed Packet]` : s;
}

/** A sequence diagram's arrow: the call of a request, the status of a reply, the message type else. */
export function arrow(e: IceFrameEntry): string {
  const calls = (e.calls ?? []).map((c) => `${c.name}.${c.operation}`);
  switch (e.kind) {
    case 'Request':
      return `${e.request_id === 0 ? 'oneway ' : ''}${calls.join(', ')}`;
    case 'BatchRequest':
      return `batch ${calls.join(', ')}`;
    case 'Reply':
      return `Reply ${e.status !== undefined ? (STATUS_INFO[e.status] ?? e.status) : ''}`.trim();
    default:
      return e.kind;
  }
}

/** The validated connection, then the calls (twoway with their replies, oneway, batched). */
export function phases(say: Say, ctx: ConvContext): { setup: StoryRecord[]; exchange?: StoryRecord } {
  const ms = ctx.view.messages.filter((m) => m.proto === 'icep');
  const setup: StoryRecord[] = [];
  const validate = ms.find(isValidate);
  if (validate) {
    const side = validate.dir === 's2c' ? 'server' : 'client';
    setup.push(
      phase(say, ctx, span([validate]), side === 'server' ? 'story.icep.validate' : 'story.icep.validate.client', {
        ...who(say, ctx, side),
        version: versionOf(ctx),
      }),
    );
  }
  const calls = groupOf(ctx.view, (m) => m.proto === 'icep' && (m.kind === 'Request' || m.kind === 'BatchRequest'));
  const exchange = callsPhase(say, ctx, ms, calls.complete);
  return exchange ? { setup, exchange } : { setup };
}

function callsPhase(say: Say, ctx: ConvContext, ms: Msg[], complete: boolean): StoryRecord | undefined {
  const reqs = ms.filter(isRequest);
  const twoway = reqs.filter((m) => !m.oneway);
  const oneway = reqs.filter((m) => m.oneway);
  const batches = ms.filter(isBatch);
  const reps = ms.filter(isReply);
  const all = [...reqs, ...batches, ...reps];
  if (all.length === 0) return undefined;
  const parts: string[] = [];
  /** The phase's code: its first sentence's. */
  let code: string | undefined;
  const tell = (c: string, p: Params) => {
    code ??= c;
    parts.push(capital(say(c, p)));
  };
  const cw = who(say, ctx, 'client');
  if (twoway.length) {
    const label = (m: Msg) => {
      if (isRequest(m)) return callText(say, m);
      if (isReply(m)) return replyShort(say, m);
      return m.kind;
    };
    const pairs = pairsText(say, ctx, twoway, reps, label);
    const answered = twoway.filter((q) => q.replied_by !== undefined).length;
    tell(answered === twoway.length ? 'story.icep.twoway' : 'story.icep.twoway.some', {
      ...cw,
      ...who(say, ctx, 'server', 's_'),
      count: twoway.length,
      answered,
      pairs: pairsList(say, pairs, twoway.length, 6),
    });
    const isa = twoway.filter((q) => q.operation === IS_A && q.params.string !== undefined);
    if (isa.length)
      parts.push(
        say('story.icep.isa', {
          count: isa.length,
          types: list(say, [...new Set(isa.map((q) => `'${q.params.string}'`))]),
        }),
      );
    const failed = reps.filter((r) => r.status !== 0);
    if (failed.length)
      parts.push(
        say('story.icep.failed', {
          count: failed.length,
          statuses: list(say, [...new Set(failed.map((r) => r.status_name))]),
        }),
      );
  }
  if (oneway.length)
    tell('story.icep.oneway', {
      ...cw,
      count: oneway.length,
      calls: list(
        say,
        oneway.map((q) => callText(say, q)),
        6,
      ),
    });
  if (batches.length) {
    const inBatch = batches.flatMap((b) => b.requests);
    tell('story.icep.batch', {
      ...cw,
      count: inBatch.length,
      batches: batches.length,
      calls: list(
        say,
        inBatch.map((r) => callText(say, r)),
        6,
      ),
    });
  }
  if (code === undefined) return undefined; // replies only: their requests are not in the capture
  if (!complete) parts.push(say('story.icep.listed', { count: reqs.length + batches.length }));
  return { frames: span(all), conversation: ctx.c.id, code, text: parts.join(' ') };
}

/** The CloseConnection before the TCP ending, or that none was sent. */
export function ending(say: Say, ctx: ConvContext): { before?: { frame: number; text: string }; after?: string } {
  const close = ctx.view.messages.find(isClose);
  if (close)
    return {
      before: {
        frame: close.frame,
        text: capital(
          say('story.icep.close', { ...who(say, ctx, close.dir === 'c2s' ? 'client' : 'server'), frame: close.frame }),
        ),
      },
    };
  if (ctx.c.close.kind !== 'fin' && ctx.c.close.kind !== 'rst') return {};
  if (!ctx.view.messages.some((m) => m.proto === 'icep')) return {};
  return { after: say('story.icep.no_close') };
}

/** A oneway Request (request id 0) or a BatchRequest: no Ice reply comes, only TCP acknowledges it. */
export function unacknowledged(e: IceFrameEntry): boolean {
  return (e.kind === 'Request' && e.request_id === 0) || e.kind === 'BatchRequest';
}

/** The first oneway call and the TCP ACK that is its only acknowledgement. */
export function teach(_say: Say, _mc: ModelContext, convs: readonly ConvContext[], at: (rank: number) => Teach): void {
  const push = at(12);
  for (const ctx of convs) {
    if (ctx.view.app !== 'icep') continue;
    const q = ctx.view.messages.find((m): m is IceRequestRecord => isRequest(m) && m.oneway);
    if (!q) continue;
    const ack = ctx.frames.find((f) => f.tcp && f.tcp.len === 0 && f.tcp.acks_frame === q.frame);
    if (!ack) continue;
    push('teach.icep.oneway_ack', { request: q.frame, ack: ack.n, operation: q.operation }, [q.frame, ack.n]);
    return;
  }
}

/** The client by the server it calls; the server on its port. */
export function hostRoles(_say: Say, ctx: ConvContext, port: string | number): { client: HostRole; server: HostRole } {
  return {
    client: { code: 'role.icep.client', params: { server: ctx.c.server } },
    server: { code: 'role.icep.server', params: { port } },
  };
}

/** The calls: how many of each kind, their operations and the objects they went to. */
export function convLine(say: Say, ctx: ConvContext): { code: string; params: Params } {
  const ms = ctx.view.messages;
  const reqs = ms.filter(isRequest);
  const inBatch = ms.filter(isBatch).flatMap((b) => b.requests);
  const calls: IceCallRecord[] = [...reqs, ...inBatch];
  const twoway = reqs.filter((q) => !q.oneway).length;
  const oneway = reqs.length - twoway;
  const kinds: string[] = [];
  if (twoway) kinds.push(say('fmt.icep.twoway', { count: twoway }));
  if (oneway) kinds.push(say('fmt.icep.oneway', { count: oneway }));
  if (inBatch.length) kinds.push(say('fmt.icep.batched', { count: inBatch.length }));
  if (!calls.length) return { code: 'ov.conv.icep.none', params: {} };
  return {
    code: 'ov.conv.icep',
    params: {
      count: calls.length,
      kinds: list(say, kinds),
      operations: list(say, [...new Set(calls.map((c) => c.operation))], 6),
      objects: list(say, [...new Set(calls.map((c) => `'${identityText(c.identity)}'`))], 6),
    },
  };
}

export function title(): string {
  return 'Ice';
}
