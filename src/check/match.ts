/**
 * The generic part of the spec language: field paths and value matchers over any JSON value.
 * Nothing here knows the model; the evaluator (evaluate.ts) adds the few model keywords on top.
 *
 * Rules (docs/check.md, "Matching values"):
 * - scalar: equal (a number and its decimal string are equal); `null` matches null or a missing field;
 * - a string written `/body/flags` is a regular expression tested against the value as text;
 * - a scalar against an array: some element matches ("contains"); against an object: its `value`
 *   (payloads `{encoding, value}`) or else its `code` (notes) is compared;
 * - an array: same length, element by element (as a set for fields named `flags`);
 * - an object of operators only (`eq not in min max gt lt regex contains exists length every`):
 *   every operator holds;
 * - any other object: a partial object: every key (a dotted path) matches; against an array, some element
 *   matches; against a payload, keys not found on the payload are looked up in its `value`.
 */

import { isJsonArray, isJsonObject, type JsonObject } from '../json.js';

export type Leaf = (expected: string | number | boolean, actual: unknown) => boolean;

export const OPERATORS = [
  'eq',
  'not',
  'in',
  'min',
  'max',
  'gt',
  'lt',
  'regex',
  'contains',
  'exists',
  'length',
  'every',
] as const;
const OPERATOR_SET: ReadonlySet<string> = new Set(OPERATORS);

const REGEX_LITERAL = /^\/(.+)\/([dimsuv]*)$/s;

/** A string written `/body/flags` as a RegExp (flags g and y are not allowed: they make tests stateful). */
export function regexLiteral(s: string): RegExp | undefined {
  const m = REGEX_LITERAL.exec(s);
  if (!m) return undefined;
  try {
    return new RegExp(m[1]!, m[2]);
  } catch {
    return undefined;
  }
}

/** The reason a `/.../` string is not a valid regular expression, or undefined. */
export function regexLiteralError(s: string): string | undefined {
  const m = REGEX_LITERAL.exec(s);
  if (!m) return undefined;
  try {
    new RegExp(m[1]!, m[2]);
    return undefined;
  } catch (err) {
    return err instanceof Error ? err.message : String(err);
  }
}

/** An object whose keys are all operators (and at least one). */
export function isOperatorObject(v: unknown): v is JsonObject {
  if (!isJsonObject(v)) return false;
  const keys = Object.keys(v);
  return keys.length > 0 && keys.every((k) => OPERATOR_SET.has(k));
}

/** Keys of an object that are operators, for spotting objects that mix operators and field names. */
export function operatorKeys(v: JsonObject): string[] {
  return Object.keys(v).filter((k) => OPERATOR_SET.has(k));
}

/**
 * Value at a dotted path. A key that itself contains dots is found too (the longest key that exists
 * wins), array elements are addressed by index (`parts.1.payload`), and `length` of an array is its size.
 */
export function getPath(root: unknown, path: string): unknown {
  if (path === '') return root;
  return walk(root, path.split('.'));
}

function walk(cur: unknown, segs: string[]): unknown {
  if (segs.length === 0) return cur;
  if (cur === null || typeof cur !== 'object') return undefined;
  for (let k = segs.length; k >= 1; k--) {
    const key = segs.slice(0, k).join('.');
    if (isJsonArray(cur)) {
      if (/^\d+$/.test(key)) return walk(cur[Number(key)], segs.slice(k));
      if (key === 'length') return walk(cur.length, segs.slice(k));
    } else if (isJsonObject(cur) && Object.hasOwn(cur, key)) {
      return walk(cur[key], segs.slice(k));
    }
  }
  return undefined;
}

/** Loose scalar equality: same type and value, or a number and its decimal text. */
export const looseEqual: Leaf = (e, a) => {
  if (typeof a === typeof e) return a === e;
  if (typeof a === 'number' || typeof a === 'bigint') return typeof e === 'string' && String(a) === e;
  if (typeof a === 'string') return String(e) === a;
  return false;
};

/**
 * `ip:port` endpoints: `":5555"` (or 5555) matches the port only, `"172.18.0.2"` the address only,
 * `"172.18.0.2:5555"` / `"[fe80::1]:80"` both.
 */
export const endpointEqual: Leaf = (e, a) => {
  if (typeof a !== 'string') return false;
  const act = splitEndpoint(a);
  if (typeof e === 'number') return act.port === String(e);
  if (typeof e !== 'string') return false;
  const exp = splitEndpoint(e);
  if (exp.ip !== '' && exp.ip.toLowerCase() !== act.ip.toLowerCase()) return false;
  return exp.port === undefined || exp.port === act.port;
};

export function splitEndpoint(s: string): { ip: string; port?: string } {
  let m = /^\[([^\]]*)\](?::(\d+))?$/.exec(s);
  if (m) return m[2] === undefined ? { ip: m[1]! } : { ip: m[1]!, port: m[2] };
  m = /^([^:]*):(\d+)$/.exec(s);
  if (m) return { ip: m[1]!, port: m[2]! };
  return { ip: s };
}

export interface MatchOptions {
  /** Scalar comparison (default looseEqual). */
  leaf?: Leaf;
  /** Compare arrays as sets (order-insensitive). */
  set?: boolean;
}

/** Does `actual` satisfy `expected`? Never throws; an invalid regex or operator value simply fails. */
export function matches(expected: unknown, actual: unknown, opts: MatchOptions = {}): boolean {
  const leaf = opts.leaf ?? looseEqual;
  if (expected === null) return actual === null || actual === undefined;
  if (typeof expected === 'string' || typeof expected === 'number' || typeof expected === 'boolean') {
    if (actual === undefined || actual === null) return false;
    if (Array.isArray(actual)) return actual.some((a) => matches(expected, a, opts));
    if (isJsonObject(actual)) {
      if (Object.hasOwn(actual, 'value')) return matches(expected, actual.value, opts);
      if (Object.hasOwn(actual, 'code')) return matches(expected, actual.code, opts);
      return false;
    }
    if (typeof expected === 'string') {
      const re = regexLiteral(expected);
      if (re) return re.test(String(actual));
    }
    return leaf(expected, actual);
  }
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual) || actual.length !== expected.length) return false;
    if (opts.set) {
      return (
        expected.every((e) => actual.some((a) => matches(e, a, opts))) &&
        actual.every((a) => expected.some((e) => matches(e, a, opts)))
      );
    }
    return expected.every((e, i) => matches(e, actual[i], opts));
  }
  if (isOperatorObject(expected)) return Object.entries(expected).every(([op, v]) => operator(op, v, actual, opts));
  if (isJsonObject(expected)) return structural(expected, actual, opts);
  return false;
}

function structural(expected: JsonObject, actual: unknown, opts: MatchOptions): boolean {
  if (Array.isArray(actual)) return actual.some((a) => structural(expected, a, opts));
  if (!isJsonObject(actual)) return false;
  const keys = Object.keys(expected);
  if (
    Object.hasOwn(actual, 'encoding') &&
    Object.hasOwn(actual, 'value') &&
    keys.every((k) => getPath(actual, k) === undefined)
  ) {
    return structural(expected, actual.value, opts);
  }
  return keys.every((k) => matches(expected[k], getPath(actual, k), fieldOptions(k, opts)));
}

/** Options for a named field: arrays named `flags` compare as sets. */
export function fieldOptions(path: string, base: MatchOptions = {}): MatchOptions {
  const last = path.split('.').pop();
  return last === 'flags' ? { ...base, set: true } : { ...base, set: false };
}

/** The scalar a numeric or text operator looks at: payloads and notes give their value / code. */
function scalarOf(v: unknown): unknown {
  if (isJsonObject(v)) {
    if (Object.hasOwn(v, 'value')) return scalarOf(v.value);
    if (Object.hasOwn(v, 'code')) return v.code;
  }
  return v;
}

function num(v: unknown): number | undefined {
  const s = scalarOf(v);
  if (typeof s === 'number') return s;
  if (typeof s === 'string' && s.trim() !== '' && Number.isFinite(Number(s))) return Number(s);
  return undefined;
}

function operator(op: string, v: unknown, actual: unknown, opts: MatchOptions): boolean {
  switch (op) {
    case 'eq':
      return deepLooseEqual(v, actual);
    case 'not':
      return !matches(v, actual, opts);
    case 'in':
      return Array.isArray(v) && v.some((x) => matches(x, actual, opts));
    case 'min':
    case 'max':
    case 'gt':
    case 'lt': {
      const a = num(actual);
      const b = typeof v === 'number' ? v : undefined;
      if (a === undefined || b === undefined) return false;
      return op === 'min' ? a >= b : op === 'max' ? a <= b : op === 'gt' ? a > b : a < b;
    }
    case 'regex': {
      if (typeof v !== 'string') return false;
      const s = scalarOf(actual);
      if (s === undefined || s === null || typeof s === 'object') return false;
      try {
        return new RegExp(v).test(String(s));
      } catch {
        return false;
      }
    }
    case 'contains': {
      const items = Array.isArray(v) ? v : [v];
      if (Array.isArray(actual)) return items.every((x) => actual.some((a) => matches(x, a, opts)));
      const s = scalarOf(actual);
      if (typeof s === 'string') return items.every((x) => typeof x === 'string' && s.includes(x));
      return false;
    }
    case 'exists':
      return (actual !== undefined && actual !== null) === Boolean(v);
    case 'length': {
      const len = lengthOf(actual);
      return len !== undefined && matches(v, len);
    }
    case 'every':
      return Array.isArray(actual) && actual.every((a) => matches(v, a, opts));
    default:
      return false;
  }
}

function lengthOf(v: unknown): number | undefined {
  if (Array.isArray(v)) return v.length;
  if (typeof v === 'string') return v.length;
  if (isJsonObject(v)) return Object.hasOwn(v, 'value') ? lengthOf(v.value) : Object.keys(v).length;
  return undefined;
}

/** Deep equality without regexes or coercions other than number ↔ decimal text. */
export function deepLooseEqual(e: unknown, a: unknown): boolean {
  if (e === null || e === undefined) return a === null || a === undefined;
  if (Array.isArray(e)) return Array.isArray(a) && a.length === e.length && e.every((x, i) => deepLooseEqual(x, a[i]));
  if (isJsonObject(e)) {
    if (!isJsonObject(a)) return false;
    const ka = Object.keys(a).filter((k) => a[k] !== undefined);
    const ke = Object.keys(e);
    return ka.length === ke.length && ke.every((k) => deepLooseEqual(e[k], a[k]));
  }
  if (typeof e === 'string' || typeof e === 'number' || typeof e === 'boolean') return looseEqual(e, a);
  return false;
}

/** Exact JSON equality (the golden comparison). */
export function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a)) return Array.isArray(b) && a.length === b.length && a.every((x, i) => jsonEqual(x, b[i]));
  if (isJsonObject(a) && isJsonObject(b)) {
    const ka = Object.keys(a);
    if (ka.length !== Object.keys(b).length) return false;
    return ka.every((k) => Object.hasOwn(b, k) && jsonEqual(a[k], b[k]));
  }
  return false;
}

const BARE = /^[\w./:@+\-[\]]+$/;

/** A compact, YAML-like rendering for messages: `{min: 1, max: 3}`, `[SYN, ACK]`, `"Suhu: 28°C"`. */
export function show(v: unknown, max = 100): string {
  const s = render(v);
  return s.length > max ? `${s.slice(0, max - 1)}…` : s;
}

function render(v: unknown): string {
  if (v === undefined) return '(absent)';
  if (v === null) return 'null';
  if (typeof v === 'string') {
    const plain = BARE.test(v) && !['true', 'false', 'null', 'yes', 'no'].includes(v) && !Number.isFinite(Number(v));
    if (plain) return v;
    return JSON.stringify(v);
  }
  if (typeof v === 'number' || typeof v === 'boolean' || typeof v === 'bigint') return String(v);
  if (Array.isArray(v)) return `[${v.map(render).join(', ')}]`;
  if (isJsonObject(v)) {
    return `{${Object.entries(v)
      .filter(([, x]) => x !== undefined)
      .map(([k, x]) => `${BARE.test(k) ? k : JSON.stringify(k)}: ${render(x)}`)
      .join(', ')}}`;
  }
  return String(v);
}

/** A payload-like value shown by its value: `{encoding: text, value: Hello}` → `Hello`. */
export function showValue(v: unknown, max = 60): string {
  if (isJsonObject(v) && Object.hasOwn(v, 'encoding') && Object.hasOwn(v, 'value')) return show(v.value, max);
  return show(v, max);
}

/** Frame numbers as ranges: `3-5, 9, 12 (+40 more)`. */
export function showFrames(frames: readonly number[], maxParts = 8): string {
  const sorted = [...new Set(frames)].sort((a, b) => a - b);
  const parts: string[] = [];
  let i = 0;
  while (i < sorted.length) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === sorted[j]! + 1) j++;
    parts.push(j > i ? `${sorted[i]}-${sorted[j]}` : String(sorted[i]));
    i = j + 1;
  }
  if (parts.length <= maxParts) return parts.join(', ');
  return `${parts.slice(0, maxParts).join(', ')} (+${parts.length - maxParts} more)`;
}

/** The closest candidate by edit distance (for "did you mean"), when close enough. */
export function closest(word: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestD = Number.POSITIVE_INFINITY;
  for (const c of candidates) {
    const d = editDistance(word.toLowerCase(), c.toLowerCase());
    if (d < bestD) {
      bestD = d;
      best = c;
    }
  }
  return best !== undefined && bestD <= Math.max(2, Math.floor(word.length / 3)) ? best : undefined;
}

function editDistance(a: string, b: string): number {
  const prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0]!;
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = prev[j]!;
      prev[j] = Math.min(prev[j]! + 1, prev[j - 1]! + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = tmp;
    }
  }
  return prev[b.length]!;
}
