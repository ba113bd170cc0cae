/**
 * What JSON-RPC tells, through HTTP's words (it is carried in HTTP bodies): the call (method, params, id),
 * its result or error, a notification, a batch; the story's opening and its errors; roles and the overview line.
 */
import type { FrameConv } from '../../explain/context.js';
import { ellipsize, list, type Params, type Say } from '../../explain/format.js';
import type { Tell } from '../../explain/protocol.js';
import { type JsonNode, jsonText, member, parseJson } from './json.js';
import { idText, type JsonRpcIdValue, type JsonRpcRecord, type JsonRpcSingleRecord } from './model.js';
import { JSONRPC_ERRORS } from './types.js';

const enc = new TextEncoder();
const CALL_MAX = 120;

function parsed(text: string | undefined): JsonNode | undefined {
  if (text === undefined) return undefined;
  const p = parseJson(enc.encode(text));
  return p.ok ? p.value : undefined;
}

/** The arguments of a call as written in a call: "10, 2" by position, "a: 10, b: 2" by name. */
export function argsOf(params: string | undefined): string {
  if (params === undefined) return '';
  const n = parsed(params);
  if (n?.type === 'array') return n.items.map(jsonText).join(', ');
  if (n?.type === 'object') return n.members.map((m) => `${m.key}: ${jsonText(m.value)}`).join(', ');
  return params;
}

/** "add(10, 2)". */
export function callOf(method: string, params: string | undefined): string {
  return ellipsize(`${method}(${argsOf(params)})`, CALL_MAX);
}

/** error.data's type and message as Python's json-rpc sends them ({"type": "ZeroDivisionError", "message": …}). */
function dataDetail(data: string | undefined): string {
  const n = parsed(data);
  if (n?.type !== 'object') return data === undefined ? '' : ellipsize(data, 80);
  const type = member(n, 'type');
  const message = member(n, 'message');
  const t = type?.type === 'string' ? type.value : undefined;
  const msg = message?.type === 'string' ? message.value : undefined;
  if (t && msg) return `${t}: ${msg}`;
  return t ?? msg ?? ellipsize(jsonText(n), 80);
}

/** What an error code means: the reserved ones by name, -32000…-32099 as the server's own. */
function meaning(say: Say, code: number | undefined): string {
  if (code === undefined) return '';
  const known: Record<number, string> = {
    [-32700]: 'jsonrpc.meaning.parse',
    [-32600]: 'jsonrpc.meaning.invalid',
    [-32601]: 'jsonrpc.meaning.method',
    [-32602]: 'jsonrpc.meaning.params',
    [-32603]: 'jsonrpc.meaning.internal',
  };
  const k = known[code] ?? (code <= -32000 && code >= -32099 ? 'jsonrpc.meaning.server' : undefined);
  return k ? say(k) : '';
}

function errorText(r: { code?: number; message?: string }): string {
  const name = r.message ?? (r.code !== undefined ? JSONRPC_ERRORS[r.code] : undefined);
  return [r.code !== undefined ? String(r.code) : '', name ?? ''].filter(Boolean).join(' ');
}

/** The call an answer answers: "the call of add (id 1)", or by its id alone. */
function callRef(say: Say, r: { method?: string; id: JsonRpcIdValue }): string {
  return r.method !== undefined
    ? say('frag.jsonrpc.call', { method: r.method, id: idText(r.id) })
    : say('frag.jsonrpc.id', { id: idText(r.id) });
}

function singleLabel(r: JsonRpcSingleRecord): string {
  switch (r.kind) {
    case 'request':
    case 'notification':
      return callOf(r.method, r.params);
    case 'result':
      return ellipsize(r.result, 60);
    case 'error':
      return `error ${errorText(r)}`.trim();
    default: {
      const never: never = r;
      return never;
    }
  }
}

export function label(r: JsonRpcRecord): string {
  if (r.kind !== 'batch') return singleLabel(r);
  const items = r.items.map((x) => (x.kind === 'invalid' ? '?' : singleLabel(x)));
  return `[${ellipsize(items.join(', '), CALL_MAX)}]`;
}

function singleInfo(r: JsonRpcSingleRecord): string {
  switch (r.kind) {
    case 'request':
      return `${callOf(r.method, r.params)} id=${idText(r.id)}`;
    case 'notification':
      return `notification ${callOf(r.method, r.params)}`;
    case 'result':
      return `result ${ellipsize(r.result, 60)} id=${idText(r.id)}`;
    case 'error':
      return `error ${errorText(r)} id=${idText(r.id)}`;
    default: {
      const never: never = r;
      return never;
    }
  }
}

export function info(r: JsonRpcRecord): string {
  if (r.kind === 'batch') return `JSON-RPC batch of ${r.items.length}`;
  return `JSON-RPC ${singleInfo(r)}`;
}

function singleSentence(say: Say, r: JsonRpcSingleRecord, t: Tell, carrier: string): string {
  switch (r.kind) {
    case 'request':
      return t.one('ex.jsonrpc.request', {
        call: callOf(r.method, r.params),
        version: r.version,
        id: idText(r.id),
        carrier,
      });
    case 'notification':
      return t.one('ex.jsonrpc.notification', { call: callOf(r.method, r.params), carrier });
    case 'result':
      return t.reply('ex.jsonrpc.result', { call: callRef(say, r), result: ellipsize(r.result, 200), carrier });
    case 'error': {
      const detail = dataDetail(r.data);
      const m = meaning(say, r.code);
      return t.reply('ex.jsonrpc.error', {
        call: callRef(say, r),
        error: errorText(r) || '?',
        detail: detail ? ` (${detail})` : '',
        meaning: m ? ` ${m}` : '',
        carrier,
      });
    }
    default: {
      const never: never = r;
      return never;
    }
  }
}

export function sentence(say: Say, _ctx: FrameConv, r: JsonRpcRecord, t: Tell, p: { carrier: string }): string {
  if (r.kind !== 'batch') return singleSentence(say, r, t, p.carrier);
  const items = r.items.map((x) => (x.kind === 'invalid' ? '?' : singleLabel(x)));
  return t.one('ex.jsonrpc.batch', { count: r.items.length, items: list(say, items, 5), carrier: p.carrier });
}

/** The errors of a conversation's answers, each told once. */
export function more(say: Say, rs: readonly JsonRpcRecord[]): string[] {
  const out = new Set<string>();
  const singles = rs.flatMap((r) => (r.kind === 'batch' ? r.items : [r]));
  for (const r of singles) {
    if (r.kind !== 'error') continue;
    const detail = dataDetail(r.data);
    out.add(
      say(detail ? 'story.jsonrpc.error.data' : 'story.jsonrpc.error', {
        call: callRef(say, r),
        error: errorText(r) || '?',
        detail,
      }),
    );
    if (out.size >= 3) break;
  }
  return [...out];
}

export function convLine(rs: readonly JsonRpcRecord[], count: number): { code: string; params: Params } {
  const methods = rs.flatMap((r) =>
    (r.kind === 'batch' ? r.items : [r]).flatMap((x) =>
      x.kind === 'request' || x.kind === 'notification' ? [x.method] : [],
    ),
  );
  return { code: 'ov.conv.jsonrpc', params: { count, methods: [...new Set(methods)].join(', ') || '?' } };
}
