/**
 * A small JSON (RFC 8259) parser over UTF-8 bytes that keeps where each value is: every node carries its
 * byte span, and numbers keep their text ("5.0" stays "5.0", which JSON.parse would make 5). Pure, never
 * throws, depth-limited (a hostile "[[[[…" costs one error, not the stack).
 */
import type { Span } from '../reader.js';

export type JsonNode =
  | { readonly type: 'null'; readonly span: Span }
  | { readonly type: 'boolean'; readonly value: boolean; readonly span: Span }
  | { readonly type: 'number'; readonly value: number; readonly text: string; readonly span: Span }
  | { readonly type: 'string'; readonly value: string; readonly span: Span }
  | { readonly type: 'array'; readonly items: readonly JsonNode[]; readonly span: Span }
  | { readonly type: 'object'; readonly members: readonly JsonMember[]; readonly span: Span };

export interface JsonMember {
  readonly key: string;
  readonly keySpan: Span;
  readonly value: JsonNode;
}

export type JsonParse =
  | { readonly ok: true; readonly value: JsonNode }
  | { readonly ok: false; readonly code: string; readonly at: number };

export const JSON_MAX_DEPTH = 64;

const utf8 = new TextDecoder('utf-8', { fatal: false });

class Fail {
  constructor(
    readonly code: string,
    readonly at: number,
  ) {}
}

/** Parses b[start..end) as one JSON text (whitespace around it allowed). */
export function parseJson(b: Uint8Array, start = 0, end = b.length): JsonParse {
  let pos = start;
  const ws = () => {
    while (pos < end) {
      const c = b[pos]!;
      if (c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d) pos++;
      else break;
    }
  };
  const fail = (code: string, at = pos): Fail => new Fail(code, at);

  const str = (): string | Fail => {
    // at the opening quote
    pos++;
    let out = '';
    let run = pos;
    while (pos < end) {
      const c = b[pos]!;
      if (c === 0x22) {
        out += utf8.decode(b.subarray(run, pos));
        pos++;
        return out;
      }
      if (c < 0x20) return fail('json.string.control');
      if (c === 0x5c) {
        out += utf8.decode(b.subarray(run, pos));
        if (pos + 1 >= end) return fail('json.truncated');
        const e = b[pos + 1]!;
        pos += 2;
        switch (e) {
          case 0x22:
            out += '"';
            break;
          case 0x5c:
            out += '\\';
            break;
          case 0x2f:
            out += '/';
            break;
          case 0x62:
            out += '\b';
            break;
          case 0x66:
            out += '\f';
            break;
          case 0x6e:
            out += '\n';
            break;
          case 0x72:
            out += '\r';
            break;
          case 0x74:
            out += '\t';
            break;
          case 0x75: {
            if (pos + 4 > end) return fail('json.truncated');
            const h = String.fromCharCode(b[pos]!, b[pos + 1]!, b[pos + 2]!, b[pos + 3]!);
            if (!/^[0-9a-fA-F]{4}$/.test(h)) return fail('json.string.escape', pos - 2);
            out += String.fromCharCode(Number.parseInt(h, 16));
            pos += 4;
            break;
          }
          default:
            return fail('json.string.escape', pos - 2);
        }
        run = pos;
        continue;
      }
      pos++;
    }
    return fail('json.truncated');
  };

  const value = (depth: number): JsonNode | Fail => {
    if (depth > JSON_MAX_DEPTH) return fail('json.too_deep');
    ws();
    if (pos >= end) return fail('json.truncated');
    const s = pos;
    const c = b[pos]!;
    if (c === 0x7b) {
      pos++;
      const members: JsonMember[] = [];
      ws();
      if (b[pos] === 0x7d && pos < end) {
        pos++;
        return { type: 'object', members, span: { offset: s, length: pos - s } };
      }
      for (;;) {
        ws();
        if (pos >= end) return fail('json.truncated');
        if (b[pos] !== 0x22) return fail('json.object.key');
        const ks = pos;
        const key = str();
        if (key instanceof Fail) return key;
        const keySpan = { offset: ks, length: pos - ks };
        ws();
        if (pos >= end) return fail('json.truncated');
        if (b[pos] !== 0x3a) return fail('json.object.colon');
        pos++;
        const v = value(depth + 1);
        if (v instanceof Fail) return v;
        members.push({ key, keySpan, value: v });
        ws();
        if (pos >= end) return fail('json.truncated');
        if (b[pos] === 0x2c) {
          pos++;
          continue;
        }
        if (b[pos] === 0x7d) {
          pos++;
          return { type: 'object', members, span: { offset: s, length: pos - s } };
        }
        return fail('json.object.separator');
      }
    }
    if (c === 0x5b) {
      pos++;
      const items: JsonNode[] = [];
      ws();
      if (b[pos] === 0x5d && pos < end) {
        pos++;
        return { type: 'array', items, span: { offset: s, length: pos - s } };
      }
      for (;;) {
        const v = value(depth + 1);
        if (v instanceof Fail) return v;
        items.push(v);
        ws();
        if (pos >= end) return fail('json.truncated');
        if (b[pos] === 0x2c) {
          pos++;
          continue;
        }
        if (b[pos] === 0x5d) {
          pos++;
          return { type: 'array', items, span: { offset: s, length: pos - s } };
        }
        return fail('json.array.separator');
      }
    }
    if (c === 0x22) {
      const v = str();
      if (v instanceof Fail) return v;
      return { type: 'string', value: v, span: { offset: s, length: pos - s } };
    }
    const word = (w: string): boolean => {
      if (pos + w.length > end) return false;
      for (let i = 0; i < w.length; i++) if (b[pos + i] !== w.charCodeAt(i)) return false;
      pos += w.length;
      return true;
    };
    if (word('true')) return { type: 'boolean', value: true, span: { offset: s, length: 4 } };
    if (word('false')) return { type: 'boolean', value: false, span: { offset: s, length: 5 } };
    if (word('null')) return { type: 'null', span: { offset: s, length: 4 } };
    if (c === 0x2d || (c >= 0x30 && c <= 0x39)) {
      let e = pos;
      while (e < end && /[-+0-9.eE]/.test(String.fromCharCode(b[e]!))) e++;
      const text = utf8.decode(b.subarray(pos, e));
      if (!/^-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][-+]?[0-9]+)?$/.test(text)) return fail('json.number');
      pos = e;
      return { type: 'number', value: Number(text), text, span: { offset: s, length: e - s } };
    }
    return fail('json.unexpected');
  };

  const v = value(0);
  if (v instanceof Fail) return { ok: false, code: v.code, at: v.at };
  ws();
  if (pos !== end) return { ok: false, code: 'json.trailing', at: pos };
  return { ok: true, value: v };
}

/** The member `key` of an object node (the first, as most parsers keep the last: JSON-RPC bodies have one). */
export function member(node: JsonNode, key: string): JsonNode | undefined {
  if (node.type !== 'object') return undefined;
  for (const m of node.members) if (m.key === key) return m.value;
  return undefined;
}

/** Compact JSON text of a node, numbers as they were written. */
export function jsonText(node: JsonNode): string {
  switch (node.type) {
    case 'null':
      return 'null';
    case 'boolean':
      return String(node.value);
    case 'number':
      return node.text;
    case 'string':
      return JSON.stringify(node.value);
    case 'array':
      return `[${node.items.map(jsonText).join(', ')}]`;
    case 'object':
      return `{${node.members.map((m) => `${JSON.stringify(m.key)}: ${jsonText(m.value)}`).join(', ')}}`;
  }
}
