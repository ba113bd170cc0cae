/**
 * Display-filter parser: tokens → syntax tree. Precedence as Wireshark's: `not` binds tightest, then
 * `and`, then `or` / `xor` (left to right); parentheses group. A test is a field alone (presence) or a field,
 * an operator and a value: `== != === ~= > < >= <=` (and `eq ne all_eq any_ne gt lt ge le`), `contains`,
 * `matches` (`~`), `&` (bitwise and is non-zero), `in {a, b, 1..10}`. Which words are fields is decided by
 * the compiler (it knows the field table).
 */
import { lex, type Token, type TokenKind } from './lexer.js';
import { FilterError } from './types.js';

export type CmpOp = 'eq' | 'ne' | 'all_eq' | 'any_ne' | 'gt' | 'lt' | 'ge' | 'le';

export interface SetItem {
  lo: Token;
  hi?: Token;
}

export type Node =
  | { k: 'and' | 'or' | 'xor'; a: Node; b: Node }
  | { k: 'not'; a: Node }
  | { k: 'has'; field: Token }
  | { k: 'cmp'; op: CmpOp; field: Token; value: Token }
  | { k: 'contains' | 'matches' | 'bitand'; field: Token; value: Token }
  | { k: 'in'; field: Token; items: SetItem[] };

const CMP: ReadonlySet<TokenKind> = new Set(['eq', 'ne', 'all_eq', 'any_ne', 'gt', 'lt', 'ge', 'le']);

class Parser {
  private i = 0;
  constructor(private readonly t: Token[]) {}

  private peek(): Token {
    return this.t[this.i]!;
  }

  private next(): Token {
    return this.t[this.i++]!;
  }

  private expect(kind: TokenKind, what: string): Token {
    const tok = this.peek();
    if (tok.kind !== kind) throw new FilterError(`expected ${what}${found(tok)}`, tok.pos);
    return this.next();
  }

  parse(): Node {
    if (this.peek().kind === 'end') throw new FilterError('the filter is empty', 0);
    const n = this.or();
    const tok = this.peek();
    if (tok.kind !== 'end') throw new FilterError(`unexpected ${describe(tok)}`, tok.pos);
    return n;
  }

  private or(): Node {
    let a = this.and();
    for (;;) {
      const k = this.peek().kind;
      if (k !== 'or' && k !== 'xor') return a;
      this.next();
      a = { k, a, b: this.and() };
    }
  }

  private and(): Node {
    let a = this.not();
    while (this.peek().kind === 'and') {
      this.next();
      a = { k: 'and', a, b: this.not() };
    }
    return a;
  }

  private not(): Node {
    if (this.peek().kind === 'not') {
      this.next();
      return { k: 'not', a: this.not() };
    }
    return this.primary();
  }

  private primary(): Node {
    const tok = this.peek();
    if (tok.kind === '(') {
      this.next();
      const n = this.or();
      this.expect(')', "')'");
      return n;
    }
    if (tok.kind !== 'word') throw new FilterError(`expected a field name${found(tok)}`, tok.pos);
    const field = this.next();
    const op = this.peek();
    if (CMP.has(op.kind)) {
      this.next();
      return { k: 'cmp', op: op.kind as CmpOp, field, value: this.value() };
    }
    if (op.kind === 'contains' || op.kind === 'matches' || op.kind === 'bitand') {
      this.next();
      return { k: op.kind, field, value: this.value() };
    }
    if (op.kind === 'in') {
      this.next();
      return { k: 'in', field, items: this.set() };
    }
    return { k: 'has', field };
  }

  private value(): Token {
    const tok = this.peek();
    if (tok.kind !== 'word' && tok.kind !== 'string') throw new FilterError(`expected a value${found(tok)}`, tok.pos);
    return this.next();
  }

  /** `{a, b, 1..10}` (commas optional, as in Wireshark 4.0). */
  private set(): SetItem[] {
    this.expect('{', "'{' after 'in'");
    const items: SetItem[] = [];
    for (;;) {
      const tok = this.peek();
      if (tok.kind === '}') {
        if (items.length === 0) throw new FilterError('the set is empty', tok.pos);
        this.next();
        return items;
      }
      if (tok.kind === ',' && items.length > 0) {
        this.next();
        continue;
      }
      const v = this.value();
      const range = v.kind === 'word' ? v.text.indexOf('..') : -1;
      if (range > 0 && range < v.text.length - 2) {
        // 1..10 in one word
        items.push({
          lo: { ...v, text: v.text.slice(0, range), len: range },
          hi: { ...v, text: v.text.slice(range + 2), pos: v.pos + range + 2, len: v.len - range - 2 },
        });
      } else if (this.peek().kind === 'word' && this.peek().text === '..') {
        this.next();
        items.push({ lo: v, hi: this.value() });
      } else {
        items.push({ lo: v });
      }
    }
  }
}

function describe(tok: Token): string {
  if (tok.kind === 'end') return 'end of the filter';
  if (tok.kind === 'string') return `string "${tok.text}"`;
  return `'${tok.text}'`;
}

function found(tok: Token): string {
  return `, found ${describe(tok)}`;
}

export function parse(src: string): Node {
  return new Parser(lex(src)).parse();
}
