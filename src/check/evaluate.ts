/**
 * Evaluates a (validated) spec over a model: one CheckResult per expectation, each with the expected and
 * the actual value and the frames involved. Pure: no I/O, the model is only read.
 *
 * Semantics shared by `conversations:` and `frames:` entries (docs/check.md):
 * - `match` (and for frames `n`) selects; `count`/`min`/`max` bound how many are selected (default: at
 *   least one; for `n: 5` / `n: [3, 4]`, exactly those frames);
 * - every other key is a fact that must hold for every selected item (one result per key);
 * - `messages` counts the conversation's messages that satisfy all of its keys;
 * - `absent`/`present` inside an entry are scoped to the selected items.
 */
import type { AnalysisModel, ConversationRecord, FrameRecord } from '../analysis/model.js';
import { compileFilter, modelMatcher } from '../filter/index.js';
import { isJsonArray, isJsonObject, type Json } from '../json.js';
import {
  endpointEqual,
  fieldOptions,
  getPath,
  isOperatorObject,
  matches,
  show,
  showFrames,
  showValue,
} from './match.js';
import { findToken, handshakeKind, type Scope } from './tokens.js';
import type {
  CheckResult,
  CheckSpec,
  ConversationExpectation,
  FrameExpectation,
  Matcher,
  MessageExpectation,
  Quantifier,
  Token,
} from './types.js';

interface Outcome {
  ok: boolean;
  actual: string;
  frames: number[];
  conversations?: number[];
  details?: string[];
}

interface Ctx {
  model: AnalysisModel;
  suite: string;
  framesByConv: Map<number, FrameRecord[]>;
  frameByN: Map<number, FrameRecord>;
  out: CheckResult[];
}

const QUANT_KEYS = ['count', 'min', 'max'];
/** Conversation fields that only the application layer fills in (for a clearer "absent" message). */
const APP_FIELDS = new Set(['app', 'pattern', 'socket_types', 'messages']);

// ---- quantifiers ----------------------------------------------------------------------------------

export function quantOk(q: Quantifier, n: number, defaultMin = 1): boolean {
  if (q.count !== undefined) return n === q.count;
  const min = q.min ?? (q.max !== undefined ? 0 : defaultMin);
  return n >= min && n <= (q.max ?? Number.POSITIVE_INFINITY);
}

function plural(n: number, unit: string): string {
  return `${n} ${unit}${n === 1 ? '' : 's'}`;
}

export function quantText(q: Quantifier, unit: string, defaultMin = 1): string {
  if (q.count !== undefined) return q.count === 0 ? `no ${unit}s` : `exactly ${plural(q.count, unit)}`;
  const min = q.min ?? (q.max !== undefined ? 0 : defaultMin);
  if (q.max !== undefined) return min > 0 ? `${min} to ${plural(q.max, unit)}` : `at most ${plural(q.max, unit)}`;
  return `at least ${plural(min, unit)}`;
}

function hasQuantifier(q: Quantifier): boolean {
  return q.count !== undefined || q.min !== undefined || q.max !== undefined;
}

// ---- entry point ----------------------------------------------------------------------------------

/** Every expectation of `spec` over `model`, in the order the spec states them. */
export function evaluateSpec(model: AnalysisModel, spec: CheckSpec, suite: string): CheckResult[] {
  const ctx: Ctx = { model, suite, framesByConv: new Map(), frameByN: new Map(), out: [] };
  for (const f of model.frames) {
    ctx.frameByN.set(f.n, f);
    if (f.conversation !== undefined) {
      const l = ctx.framesByConv.get(f.conversation) ?? [];
      l.push(f);
      ctx.framesByConv.set(f.conversation, l);
    }
  }
  for (const key of Object.keys(spec)) {
    switch (key) {
      case 'capture':
        for (const [k, v] of Object.entries(spec.capture ?? {})) captureFact(ctx, k, v);
        break;
      case 'model':
        for (const [k, v] of Object.entries(spec.model ?? {})) {
          const a = getPath(model, k);
          push(ctx, `model.${k}`, `model › ${k}`, v, {
            ok: matches(v, a, fieldOptions(k)),
            actual: showValue(a),
            frames: [],
          });
        }
        break;
      case 'conversations':
        for (const [i, e] of (spec.conversations ?? []).entries()) conversationEntry(ctx, e, i);
        break;
      case 'frames':
        for (const [i, e] of (spec.frames ?? []).entries()) frameEntry(ctx, e, i);
        break;
      case 'absent':
      case 'present':
        tokenResults(ctx, spec[key] ?? [], key, key, key, {
          frames: model.frames,
          conversations: model.conversations,
          model,
        });
        break;
      default:
        break;
    }
  }
  return ctx.out;
}

function push(ctx: Ctx, id: string, name: string, expected: unknown, o: Outcome, expectedText?: string): void {
  const r: CheckResult = {
    id,
    suite: ctx.suite,
    name,
    ok: o.ok,
    expected: expectedText ?? show(expected),
    actual: o.actual,
    frames: [...new Set(o.frames)].sort((a, b) => a - b),
  };
  if (o.conversations?.length) r.conversations = o.conversations;
  if (o.details?.length && !o.ok) r.details = o.details;
  ctx.out.push(r);
}

// ---- capture --------------------------------------------------------------------------------------

function captureFact(ctx: Ctx, key: string, exp: unknown): void {
  const a = key === 'conversations' ? ctx.model.conversations.length : getPath(ctx.model.capture, key);
  push(ctx, `capture.${key}`, `capture › ${key}`, exp, {
    ok: matches(exp, a, fieldOptions(key)),
    actual: showValue(a),
    frames: [],
  });
}

// ---- absent / present -----------------------------------------------------------------------------

function tokenResults(ctx: Ctx, list: Token[], kind: 'absent' | 'present', id: string, label: string, scope: Scope) {
  list.forEach((t, i) => {
    const what = typeof t === 'string' ? t : t.what;
    const q: Quantifier = typeof t === 'string' ? {} : t;
    const occ = findToken(what, scope);
    const ok = kind === 'absent' ? occ.count === 0 : quantOk(q, occ.count, 1);
    let actual = occ.count === 0 ? 'none' : plural(occ.count, occ.unit);
    if (occ.count > 0 && occ.conversations.length && occ.unit !== 'conversation') {
      actual += ` in conversation${occ.conversations.length === 1 ? '' : 's'} ${occ.conversations.map((c) => `#${c}`).join(', ')}`;
    } else if (occ.unit === 'conversation' && occ.conversations.length) {
      actual += ` (${occ.conversations.map((c) => `#${c}`).join(', ')})`;
    }
    const expected = kind === 'absent' ? 'none' : quantText(q, occ.unit);
    const o: Outcome = { ok, actual, frames: occ.frames, conversations: occ.conversations };
    push(ctx, `${id}[${i}]`, `${label} › ${what}`, what, o, expected);
  });
}

// ---- conversations --------------------------------------------------------------------------------

function convTitle(c: ConversationRecord): string {
  return `#${c.id} ${c.client} → ${c.server}`;
}

function entryLabel(base: string, e: { name?: string; match?: Record<string, Matcher> }, extra?: string): string {
  if (e.name) return `${base} "${e.name}"`;
  const parts: string[] = [];
  if (extra) parts.push(extra);
  if (e.match) for (const [k, v] of Object.entries(e.match)) parts.push(`${k}=${show(v, 40)}`);
  return parts.length ? `${base} ${parts.join(' ')}` : base;
}

function convFrames(ctx: Ctx, c: ConversationRecord): number[] {
  return (ctx.framesByConv.get(c.id) ?? []).map((f) => f.n);
}

const keywordMode = (e: unknown) =>
  typeof e === 'string' || (isOperatorObject(e) && Object.keys(e).every((k) => ['not', 'in', 'eq'].includes(k)));

/** One conversation fact (everything but messages/absent/present, which have their own results). */
function convFact(ctx: Ctx, c: ConversationRecord, key: string, exp: unknown): Outcome {
  switch (key) {
    case 'handshake':
      if (keywordMode(exp)) {
        const kw = handshakeKind(c);
        const h = c.handshake;
        const frames = h ? [...h.syn, ...h.synack, ...(h.ack === null ? [] : [h.ack])] : [];
        const detail =
          kw === 'partial' && h
            ? ` (SYN ${h.syn.join(',') || '-'}, SYN/ACK ${h.synack.join(',') || '-'}, ACK ${h.ack ?? '-'})`
            : '';
        return { ok: matches(exp, kw), actual: kw + detail, frames };
      }
      break;
    case 'close':
      if (keywordMode(exp)) {
        const k = c.close;
        return {
          ok: matches(exp, k.kind),
          actual: `${k.kind}${k.by ? ` by ${k.by}` : ''}`,
          frames: k.frames.length ? k.frames : [c.last],
        };
      }
      break;
    case 'client':
    case 'server':
      return {
        ok: matches(exp, c[key], { leaf: endpointEqual }),
        actual: c[key],
        frames: [c.first],
      };
    case 'endpoint':
      return {
        ok: matches(exp, c.client, { leaf: endpointEqual }) || matches(exp, c.server, { leaf: endpointEqual }),
        actual: `${c.client} → ${c.server}`,
        frames: [c.first],
      };
    case 'packets':
    case 'bytes':
      if (typeof exp === 'number' || isOperatorObject(exp)) {
        const v = c[key];
        const total = v.c2s + v.s2c;
        return { ok: matches(exp, total), actual: `${total} (c2s ${v.c2s}, s2c ${v.s2c})`, frames: convFrames(ctx, c) };
      }
      break;
    case 'messages': {
      const items = isJsonArray(exp) ? exp : [exp];
      const os = items.map((m) =>
        isMessageExpectation(m)
          ? messagesOutcome(c, m)
          : { ok: false, actual: `not a message filter: ${show(m, 40)}`, frames: [] },
      );
      return {
        ok: os.every((o) => o.ok),
        actual: os.map((o) => o.actual).join('; '),
        frames: os.flatMap((o) => o.frames),
      };
    }
    case 'absent':
    case 'present': {
      const scope: Scope = { frames: ctx.framesByConv.get(c.id) ?? [], conversations: [c] };
      const toks = isJsonArray(exp) ? exp.filter(isToken) : [];
      const ok = toks.every((t) => {
        const what = typeof t === 'string' ? t : t.what;
        const n = findToken(what, scope).count;
        return key === 'absent' ? n === 0 : quantOk(typeof t === 'string' ? {} : t, n, 1);
      });
      return { ok, actual: ok ? 'holds' : 'does not hold', frames: [] };
    }
    default:
      break;
  }
  const v = getPath(c, key);
  let actual = showValue(v);
  if (v === undefined && APP_FIELDS.has(key.split('.')[0]!) && c.app === undefined) {
    actual = '(absent: no application-layer fields in this model)';
  }
  return { ok: matches(exp, v, fieldOptions(key)), actual, frames: convFrames(ctx, c) };
}

/** A `messages:` filter: an object whose count, min and max (when given) are numbers. */
function isMessageExpectation(v: unknown): v is MessageExpectation {
  return isJsonObject(v) && ['count', 'min', 'max'].every((k) => v[k] === undefined || typeof v[k] === 'number');
}

/** A word of an `absent:`/`present:` list, or its counted object form. */
function isToken(v: unknown): v is Token {
  return typeof v === 'string' || (isJsonObject(v) && typeof v.what === 'string');
}

function messageFrames(m: unknown): number[] {
  if (!isJsonObject(m)) return [];
  if (Array.isArray(m.frames)) return m.frames.filter((x): x is number => typeof x === 'number');
  return typeof m.frame === 'number' ? [m.frame] : [];
}

/** Counts the messages that pass every filter; on failure, says how many each filter kept and what it saw. */
function messagesOutcome(c: ConversationRecord, item: MessageExpectation): Outcome {
  const msgs = c.messages;
  if (!Array.isArray(msgs)) {
    return { ok: false, actual: 'no messages in the model (the application layer was not analysed)', frames: [] };
  }
  const q: Quantifier = { count: item.count, min: item.min, max: item.max };
  const need = q.count ?? q.min ?? (q.max !== undefined ? 0 : 1);
  let kept: unknown[] = msgs;
  const details: string[] = [];
  let explained = false;
  for (const [k, v] of Object.entries(item)) {
    if (QUANT_KEYS.includes(k)) continue;
    const next = kept.filter((m) => matches(v, getPath(m, k), fieldOptions(k)));
    details.push(`${k}: ${show(v, 50)} keeps ${next.length} of ${kept.length}`);
    if (!explained && next.length < need && kept.length > 0) {
      explained = true;
      details.push(`  ${k} of those ${kept.length}: ${distinct(kept.map((m) => getPath(m, k)))}`);
    }
    kept = next;
  }
  return {
    ok: quantOk(q, kept.length, 1),
    actual: plural(kept.length, 'message'),
    frames: kept.flatMap(messageFrames),
    details,
  };
}

function distinct(values: unknown[], max = 6): string {
  const counts = new Map<string, number>();
  for (const v of values) {
    const s = showValue(v, 40);
    counts.set(s, (counts.get(s) ?? 0) + 1);
  }
  const parts = [...counts].sort((a, b) => b[1] - a[1]).map(([s, n]) => (n > 1 ? `${s} ×${n}` : s));
  return parts.length > max ? `${parts.slice(0, max).join(', ')}, … (${parts.length - max} more)` : parts.join(', ');
}

/** One result from the outcomes of several items (conversations or frames). */
function combine(items: Array<{ title: string; o: Outcome }>, none: string, noneOk: boolean): Outcome {
  if (items.length === 0) return { ok: noneOk, actual: none, frames: [] };
  if (items.length === 1) return items[0]!.o;
  const failed = items.filter((x) => !x.o.ok);
  const shown = failed.length ? failed : items;
  const texts = new Set(shown.map((x) => x.o.actual));
  let actual: string;
  if (texts.size === 1) {
    actual = `${[...texts][0]} (${failed.length ? `${failed.length} of ${items.length}` : `all ${items.length}`})`;
  } else {
    const list = shown.slice(0, 5).map((x) => `${x.title}: ${x.o.actual}`);
    if (shown.length > 5) list.push(`… ${shown.length - 5} more`);
    actual = list.join('; ');
  }
  return {
    ok: failed.length === 0,
    actual,
    frames: shown.flatMap((x) => x.o.frames),
    details: shown.flatMap((x) => (x.o.details ?? []).map((d) => `${x.title}: ${d}`)),
  };
}

function conversationEntry(ctx: Ctx, e: ConversationExpectation, i: number): void {
  const id = `conversations[${i}]`;
  const label = entryLabel(id, e);
  const match = e.match ?? {};
  const selected = ctx.model.conversations.filter((c) =>
    Object.entries(match).every(([k, v]) => convFact(ctx, c, k, v).ok),
  );
  const q: Quantifier = { count: e.count, min: e.min, max: e.max };
  const selOk = quantOk(q, selected.length, 1);
  const listed =
    selected.slice(0, 4).map(convTitle).join(', ') + (selected.length > 4 ? `, … ${selected.length - 4} more` : '');
  const sel: Outcome = {
    ok: selOk,
    actual: selected.length ? `${plural(selected.length, 'conversation')}: ${listed}` : 'no conversation',
    frames: selected.map((c) => c.first),
    conversations: selected.map((c) => c.id),
  };
  if (!selOk && !selected.length && ctx.model.conversations.length) {
    sel.details = [`conversations in the capture: ${ctx.model.conversations.map(convTitle).join(', ')}`];
  }
  const qText = quantText(q, 'conversation');
  push(
    ctx,
    `${id}.match`,
    `${label} › selects`,
    undefined,
    sel,
    `${qText}${e.match ? ` matching ${show(e.match)}` : ''}`,
  );

  const none = selected.length
    ? ''
    : selOk
      ? '(no conversation selected)'
      : '(not evaluated: no conversation selected)';
  const forEach = (fn: (c: ConversationRecord) => Outcome) =>
    combine(
      selected.map((c) => ({ title: `#${c.id}`, o: fn(c) })),
      none,
      selOk,
    );
  for (const [key, exp] of Object.entries(e)) {
    if (['name', 'match', ...QUANT_KEYS].includes(key) || exp === undefined) continue;
    if (key === 'messages' && e.messages !== undefined) {
      const list = e.messages;
      const items = Array.isArray(list) ? list : [list];
      items.forEach((m, j) => {
        const mid = Array.isArray(list) ? `${id}.messages[${j}]` : `${id}.messages`;
        const filters = Object.fromEntries(Object.entries(m).filter(([k]) => !QUANT_KEYS.includes(k)));
        const o = forEach((c) => messagesOutcome(c, m));
        push(ctx, mid, `${label} › messages ${show(filters, 70)}`, undefined, o, quantText(m, 'message'));
      });
    } else if (key === 'absent' || key === 'present') {
      const scope: Scope = {
        frames: selected.flatMap((c) => ctx.framesByConv.get(c.id) ?? []),
        conversations: selected,
      };
      tokenResults(ctx, e[key] ?? [], key, `${id}.${key}`, `${label} › ${key}`, scope);
    } else {
      push(
        ctx,
        `${id}.${key}`,
        `${label} › ${key}`,
        exp,
        forEach((c) => convFact(ctx, c, key, exp)),
      );
    }
  }
}

// ---- frames ---------------------------------------------------------------------------------------

function arpFacts(f: FrameRecord): string[] {
  if (!f.arp) return [];
  const out = [f.arp.op];
  if (f.arp.gratuitous) out.push('gratuitous');
  if (f.arp.probe) out.push('probe');
  return out;
}

function frameFact(ctx: Ctx, f: FrameRecord, key: string, exp: unknown): Outcome {
  const frames = [f.n];
  if (key === 'arp' && keywordMode(exp)) {
    const facts = arpFacts(f);
    return {
      ok: matches(exp, facts),
      actual: facts.length ? facts.join(' ') : `not ARP (${f.protocols.join('/')})`,
      frames,
    };
  }
  if (key === 'absent' || key === 'present') {
    const conv = f.conversation === undefined ? [] : ctx.model.conversations.filter((c) => c.id === f.conversation);
    const scope: Scope = { frames: [f], conversations: conv };
    const toks = isJsonArray(exp) ? exp.filter(isToken) : [];
    const ok = toks.every((t) => {
      const what = typeof t === 'string' ? t : t.what;
      const n = findToken(what, scope).count;
      return key === 'absent' ? n === 0 : quantOk(typeof t === 'string' ? {} : t, n, 1);
    });
    return { ok, actual: ok ? 'holds' : 'does not hold', frames };
  }
  const path = key === 'flags' && !Object.hasOwn(f, 'flags') ? 'tcp.flags' : key;
  const v = getPath(f, path);
  return { ok: matches(exp, v, fieldOptions(path)), actual: showValue(v), frames };
}

function frameEntry(ctx: Ctx, e: FrameExpectation, i: number): void {
  const id = `frames[${i}]`;
  const n: Json | undefined = e.n;
  const numbers =
    typeof n === 'number' ? [n] : isJsonArray(n) ? n.filter((x): x is number => typeof x === 'number') : undefined;
  const label = entryLabel(
    id,
    e,
    numbers ? `n=${numbers.join(',')}` : e.n !== undefined ? `n=${show(e.n)}` : undefined,
  );
  let base: FrameRecord[];
  const missing: number[] = [];
  if (numbers) {
    base = [];
    for (const n of numbers) {
      const f = ctx.frameByN.get(n);
      if (f) base.push(f);
      else missing.push(n);
    }
  } else {
    base = e.n === undefined ? ctx.model.frames : ctx.model.frames.filter((f) => matches(e.n, f.n));
  }
  if (typeof e.filter === 'string') {
    // every frame is tested, in order (frame.time_delta reads the previous one); then the selection keeps them
    const test = modelMatcher(compileFilter(e.filter), new Map(ctx.model.conversations.map((c) => [c.id, c])));
    const keep = new Set<number>();
    for (const f of ctx.model.frames) if (test(f)) keep.add(f.n);
    base = base.filter((f) => keep.has(f.n));
  }
  const match = e.match ?? {};
  const selected = base.filter((f) => Object.entries(match).every(([k, v]) => frameFact(ctx, f, k, v).ok));
  const q: Quantifier = { count: e.count, min: e.min, max: e.max };
  const selOk = hasQuantifier(q)
    ? quantOk(q, selected.length, 1)
    : numbers
      ? selected.length === numbers.length
      : selected.length >= 1;
  const facts = Object.entries(e).filter(
    ([k, v]) => !['name', 'n', 'match', 'filter', ...QUANT_KEYS].includes(k) && v !== undefined,
  );
  if (!selOk || hasQuantifier(q) || e.match || e.filter !== undefined || !facts.length) {
    let expected: string;
    if (hasQuantifier(q)) expected = quantText(q, 'frame');
    else if (numbers) expected = numbers.length === 1 ? `frame ${numbers[0]}` : `frames ${showFrames(numbers)}`;
    else expected = 'at least 1 frame';
    if (typeof e.filter === 'string') expected += ` matching filter '${e.filter}'`;
    if (e.match) expected += ` matching ${show(e.match)}`;
    let actual = selected.length ? `${plural(selected.length, 'frame')}` : 'no frame';
    if (missing.length) {
      actual += ` (no frame ${missing.join(', ')}: the capture has ${plural(ctx.model.frames.length, 'frame')})`;
    }
    push(
      ctx,
      `${id}.select`,
      `${label} › selects`,
      undefined,
      { ok: selOk, actual, frames: selected.map((f) => f.n) },
      expected,
    );
  }
  const none = selected.length ? '' : selOk ? '(no frame selected)' : '(not evaluated: no frame selected)';
  for (const [key, exp] of facts) {
    if (key === 'absent' || key === 'present') {
      tokenResults(ctx, e[key] ?? [], key, `${id}.${key}`, `${label} › ${key}`, {
        frames: selected,
        conversations: ctx.model.conversations.filter((c) => selected.some((f) => f.conversation === c.id)),
      });
      continue;
    }
    const o = combine(
      selected.map((f) => ({ title: `frame ${f.n}`, o: frameFact(ctx, f, key, exp) })),
      none,
      selOk,
    );
    push(ctx, `${id}.${key}`, `${label} › ${key}`, exp, o);
  }
}
