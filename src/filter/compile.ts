/**
 * Display-filter compiler: the syntax tree becomes one closure over a FrameView, built once. Literals are
 * converted to the field's type here (an address that is not one is a compile error pointing at it), so
 * that testing a frame only reads fields and compares. Each test owns a reusable value buffer: no
 * allocation per frame beyond what a field's reader makes.
 *
 * Semantics follow Wireshark 4.0: a test on a field the frame lacks is false; `==`, `>`, `contains`,
 * `matches`, `in` hold when any occurrence does; `!=` holds when every occurrence differs (`!==`), `===`
 * when every one equals, `~=` when any differs; `matches` is a case-insensitive regular expression
 * unless it starts with `(?-i)`.
 */

import { ipv4Number } from '../dissectors/bytes.js';
import { EXPLAIN_FIELDS } from './fields/pe.js';
import type { Token } from './lexer.js';
import { type CmpOp, type Node, parse } from './parser.js';
import { fieldDef } from './registry.js';
import { type FieldDef, FilterError, type FrameView, type Value } from './types.js';

export type Predicate = (v: FrameView) => boolean;

export interface CompiledFilter {
  readonly expression: string;
  readonly test: Predicate;
  /** The fields the filter reads. */
  readonly fields: ReadonlySet<string>;
  /** Whether it reads a field made by the explanation step (pe.explain). */
  readonly needsExplain: boolean;
}

/** A literal converted for comparing with one field's values: `key` makes both sides comparable. */
interface Literal {
  /** The comparable form of the literal (number for numbers and IPv4, normalized text otherwise). */
  key: number | string;
  /** IPv4/IPv6 CIDR: matches a value's key (valueKey) by prefix. */
  net?: (key: number | string) => boolean;
}

// ---------------------------------------------------------------------------------------------
// Literals

function parseUint(text: string): number | undefined {
  const t = text.trim();
  if (/^[-+]?0x[0-9a-f]+$/i.test(t)) return Number.parseInt(t, 16);
  if (/^[-+]?0[0-7]+$/.test(t)) return Number.parseInt(t, 8);
  if (/^[-+]?\d+$/.test(t)) return Number(t);
  return undefined;
}

/** IPv6 text → 32 hex digits (IPv4-mapped tails accepted); undefined when not an address. */
export function ipv6Hex(s: string): string | undefined {
  let t = s.toLowerCase();
  const v4 = /(\d+\.\d+\.\d+\.\d+)$/.exec(t);
  if (v4) {
    const n = ipv4Number(v4[1]!);
    if (n === undefined) return undefined;
    t = `${t.slice(0, v4.index)}${(n >>> 16).toString(16)}:${(n & 0xffff).toString(16)}`;
  }
  const halves = t.split('::');
  if (halves.length > 2) return undefined;
  const parts = (h: string) => (h === '' ? [] : h.split(':'));
  const head = parts(halves[0]!);
  const tail = halves.length === 2 ? parts(halves[1]!) : [];
  const fill = 8 - head.length - tail.length;
  if (halves.length === 1 ? fill !== 0 : fill < 1) return undefined;
  const groups = [...head, ...new Array<string>(halves.length === 2 ? fill : 0).fill('0'), ...tail];
  let out = '';
  for (const g of groups) {
    if (!/^[0-9a-f]{1,4}$/.test(g)) return undefined;
    out += g.padStart(4, '0');
  }
  return out;
}

function etherKey(s: string): string | undefined {
  const t = s.toLowerCase();
  let hex: string;
  if (/^[0-9a-f]{1,2}([:\-.])[0-9a-f]{1,2}(\1[0-9a-f]{1,2}){4}$/.test(t))
    hex = t
      .split(/[:\-.]/)
      .map((x) => x.padStart(2, '0'))
      .join('');
  else if (/^[0-9a-f]{4}\.[0-9a-f]{4}\.[0-9a-f]{4}$/.test(t)) hex = t.replaceAll('.', '');
  else if (/^[0-9a-f]{12}$/.test(t)) hex = t;
  else return undefined;
  return hex.match(/../g)!.join(':');
}

/** The comparable form of a field value (as its literal's key). */
function valueKey(def: FieldDef, x: Value): number | string {
  switch (def.type) {
    case 'ipv4':
      return typeof x === 'string' ? (ipv4Number(x) ?? x) : x;
    case 'ipv6':
      return typeof x === 'string' ? (ipv6Hex(x) ?? x) : x;
    case 'ether':
      return typeof x === 'string' ? x.toLowerCase() : x;
    default:
      return x;
  }
}

function prefixBits(text: string, max: number, tok: Token): number {
  const n = /^\d+$/.test(text) ? Number(text) : Number.NaN;
  if (!(n >= 0 && n <= max)) throw new FilterError(`"${text}" is not a valid prefix length (0 to ${max})`, tok.pos);
  return n;
}

function literal(def: FieldDef, tok: Token): Literal {
  const text = tok.text;
  const bad = (what: string): never => {
    throw new FilterError(`"${text}" is not a valid ${what}`, tok.pos);
  };
  switch (def.type) {
    case 'protocol':
    case 'none':
      throw new FilterError(`${def.name} can only be tested for presence (it has no value)`, tok.pos);
    case 'uint':
    case 'int': {
      const n = parseUint(text);
      if (n === undefined || (def.type === 'uint' && n < 0))
        return bad(`${def.type === 'uint' ? 'unsigned ' : ''}integer for ${def.name}`);
      return { key: n };
    }
    case 'bool': {
      const t = text.toLowerCase();
      if (t === 'true') return { key: 1 };
      if (t === 'false') return { key: 0 };
      const n = parseUint(text);
      if (n === undefined) return bad(`boolean for ${def.name} (1, 0, true or false)`);
      return { key: n ? 1 : 0 };
    }
    case 'float': {
      const n = /^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(text) ? Number(text) : Number.NaN;
      if (!Number.isFinite(n)) return bad(`number for ${def.name}`);
      return { key: n };
    }
    case 'string':
      return { key: text };
    case 'ipv4': {
      const slash = text.indexOf('/');
      const addr = slash < 0 ? text : text.slice(0, slash);
      const n = ipv4Number(addr);
      if (n === undefined) return bad('IPv4 address');
      if (slash < 0) return { key: n };
      const bits = prefixBits(text.slice(slash + 1), 32, tok);
      const size = 2 ** (32 - bits);
      const base = n - (n % size);
      return {
        key: n,
        net: (k) => typeof k === 'number' && k >= base && k < base + size,
      };
    }
    case 'ipv6': {
      const slash = text.indexOf('/');
      const hex = ipv6Hex(slash < 0 ? text : text.slice(0, slash));
      if (hex === undefined) return bad('IPv6 address');
      if (slash < 0) return { key: hex };
      const bits = prefixBits(text.slice(slash + 1), 128, tok);
      const want = ipv6Bits(hex, bits);
      return {
        key: hex,
        net: (k) => typeof k === 'string' && ipv6Bits(k, bits) === want,
      };
    }
    case 'ether': {
      const k = etherKey(text);
      if (k === undefined) return bad('MAC address');
      return { key: k };
    }
    default: {
      const never: never = def.type;
      return never;
    }
  }
}

/** The first `bits` bits of a 32-hex-digit address, as a bit string. */
function ipv6Bits(hex: string, bits: number): string {
  let s = '';
  for (const c of hex) s += Number.parseInt(c, 16).toString(2).padStart(4, '0');
  return s.slice(0, bits);
}

// ---------------------------------------------------------------------------------------------
// Tests

function field(tok: Token): FieldDef {
  const def = fieldDef(tok.text);
  if (!def) throw new FilterError(`"${tok.text}" is not a valid protocol or protocol field`, tok.pos);
  return def;
}

/** Reads a field into a buffer owned by the test. */
function reader(def: FieldDef): (v: FrameView) => Value[] {
  const buf: Value[] = [];
  const get = def.get;
  return (v) => {
    buf.length = 0;
    get(v, buf);
    return buf;
  };
}

function order(a: number | string, b: number | string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function cmpOne(op: CmpOp, lit: Literal): (k: number | string) => boolean {
  const key = lit.key;
  const net = lit.net;
  switch (op) {
    case 'eq':
    case 'all_eq':
      return net ?? ((k) => k === key);
    case 'ne':
    case 'any_ne':
      return net ? (k) => !net(k) : (k) => k !== key;
    case 'gt':
      return (k) => order(k, key) > 0;
    case 'lt':
      return (k) => order(k, key) < 0;
    case 'ge':
      return (k) => order(k, key) >= 0;
    case 'le':
      return (k) => order(k, key) <= 0;
  }
}

function compare(def: FieldDef, op: CmpOp, value: Token): Predicate {
  const lit = literal(def, value);
  const read = reader(def);
  const one = cmpOne(op, lit);
  const plain = def.type !== 'ipv4' && def.type !== 'ipv6' && def.type !== 'ether';
  const all = op === 'ne' || op === 'all_eq';
  return (v) => {
    const xs = read(v);
    if (xs.length === 0) return false;
    for (const x of xs) {
      const ok = one(plain ? x : valueKey(def, x));
      if (all ? !ok : ok) return !all;
    }
    return all;
  };
}

function contains(def: FieldDef, value: Token): Predicate {
  if (def.type !== 'string') throw new FilterError(`"contains" needs a text field; ${def.name} is not one`, value.pos);
  const want = value.text;
  const read = reader(def);
  return (v) => {
    for (const x of read(v)) if (typeof x === 'string' && x.includes(want)) return true;
    return false;
  };
}

function matches(def: FieldDef, value: Token): Predicate {
  if (def.type !== 'string') throw new FilterError(`"matches" needs a text field; ${def.name} is not one`, value.pos);
  let src = value.text;
  let flags = 'iu';
  if (src.startsWith('(?-i)')) {
    src = src.slice(5);
    flags = 'u';
  } else if (src.startsWith('(?i)')) src = src.slice(4);
  let re: RegExp;
  try {
    re = new RegExp(src, flags);
  } catch (e) {
    throw new FilterError(`invalid regular expression: ${(e as Error).message}`, value.pos);
  }
  const read = reader(def);
  return (v) => {
    for (const x of read(v)) if (typeof x === 'string' && re.test(x)) return true;
    return false;
  };
}

function bitand(def: FieldDef, value: Token): Predicate {
  if (def.type !== 'uint' && def.type !== 'int')
    throw new FilterError(`"&" needs an integer field; ${def.name} is not one`, value.pos);
  const mask = literal(def, value).key as number;
  const read = reader(def);
  return (v) => {
    for (const x of read(v)) if (typeof x === 'number' && (x & mask) !== 0) return true;
    return false;
  };
}

function member(def: FieldDef, items: Extract<Node, { k: 'in' }>['items']): Predicate {
  const tests = items.map(({ lo, hi }) => {
    if (!hi) return cmpOne('eq', literal(def, lo));
    const a = literal(def, lo).key;
    const b = literal(def, hi).key;
    return (k: number | string) => order(k, a) >= 0 && order(k, b) <= 0;
  });
  const read = reader(def);
  const plain = def.type !== 'ipv4' && def.type !== 'ipv6' && def.type !== 'ether';
  return (v) => {
    for (const x of read(v)) {
      const k = plain ? x : valueKey(def, x);
      for (const t of tests) if (t(k)) return true;
    }
    return false;
  };
}

function build(n: Node, used: Set<string>): Predicate {
  switch (n.k) {
    case 'and': {
      const a = build(n.a, used);
      const b = build(n.b, used);
      return (v) => a(v) && b(v);
    }
    case 'or': {
      const a = build(n.a, used);
      const b = build(n.b, used);
      return (v) => a(v) || b(v);
    }
    case 'xor': {
      const a = build(n.a, used);
      const b = build(n.b, used);
      return (v) => a(v) !== b(v);
    }
    case 'not': {
      const a = build(n.a, used);
      return (v) => !a(v);
    }
    case 'has': {
      const def = field(n.field);
      used.add(def.name);
      const read = reader(def);
      return (v) => read(v).length > 0;
    }
    case 'cmp': {
      const def = field(n.field);
      used.add(def.name);
      return compare(def, n.op, n.value);
    }
    case 'contains':
    case 'matches':
    case 'bitand': {
      const def = field(n.field);
      used.add(def.name);
      return n.k === 'contains'
        ? contains(def, n.value)
        : n.k === 'matches'
          ? matches(def, n.value)
          : bitand(def, n.value);
    }
    case 'in': {
      const def = field(n.field);
      used.add(def.name);
      if (def.type === 'protocol' || def.type === 'none')
        throw new FilterError(`${def.name} can only be tested for presence (it has no value)`, n.items[0]!.lo.pos);
      return member(def, n.items);
    }
    default: {
      const never: never = n;
      return never;
    }
  }
}

/** Compiles a display filter; throws FilterError (message and 0-based position) when it is not valid. */
export function compileFilter(expression: string): CompiledFilter {
  const used = new Set<string>();
  const test = build(parse(expression), used);
  return { expression, test, fields: used, needsExplain: [...used].some((f) => EXPLAIN_FIELDS.has(f)) };
}

/** The one-line message for a filter that does not compile: what is wrong and where (1-based column). */
export function filterErrorLine(expression: string, e: FilterError): string {
  return `display filter "${expression}": ${e.message} (at character ${e.pos + 1})`;
}
