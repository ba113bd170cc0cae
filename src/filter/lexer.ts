/**
 * Display-filter lexer: Wireshark's tokens for what people write. Words are field names and unquoted
 * literals alike (`tcp.port`, `80`, `0x18`, `10.0.0.0/8`, `fe80::1`, `02:42:ac:12:00:0b`, `1..10`); the
 * parser decides which. Strings are double-quoted with C escapes (`\"`, `\\`, `\n`, `\xhh`), or raw
 * (`r"..."`, no escapes). Every token keeps its offset so that errors point at it.
 */
import { FilterError } from './types.js';

export type TokenKind =
  | 'word'
  | 'string'
  | '('
  | ')'
  | '{'
  | '}'
  | ','
  | 'and'
  | 'or'
  | 'xor'
  | 'not'
  | 'eq'
  | 'ne'
  | 'all_eq'
  | 'any_ne'
  | 'gt'
  | 'lt'
  | 'ge'
  | 'le'
  | 'contains'
  | 'matches'
  | 'in'
  | 'bitand'
  | 'end';

export interface Token {
  kind: TokenKind;
  /** Word or string text (strings unescaped). */
  text: string;
  pos: number;
  /** Length in the expression (for error marks). */
  len: number;
}

/** Operators and keywords spelled as words (case-insensitive, as Wireshark's). */
const KEYWORDS: Readonly<Record<string, TokenKind>> = {
  and: 'and',
  or: 'or',
  xor: 'xor',
  not: 'not',
  eq: 'eq',
  ne: 'ne',
  all_eq: 'all_eq',
  any_eq: 'eq',
  all_ne: 'ne',
  any_ne: 'any_ne',
  gt: 'gt',
  lt: 'lt',
  ge: 'ge',
  le: 'le',
  contains: 'contains',
  matches: 'matches',
  in: 'in',
  bitand: 'bitand',
};

/** Symbolic operators, longest first. */
const SYMBOLS: ReadonlyArray<readonly [string, TokenKind]> = [
  ['===', 'all_eq'],
  ['!==', 'ne'],
  ['==', 'eq'],
  ['!=', 'ne'],
  ['~=', 'any_ne'],
  ['>=', 'ge'],
  ['<=', 'le'],
  ['&&', 'and'],
  ['||', 'or'],
  ['^^', 'xor'],
  ['>', 'gt'],
  ['<', 'lt'],
  ['!', 'not'],
  ['~', 'matches'],
  ['&', 'bitand'],
  ['(', '('],
  [')', ')'],
  ['{', '{'],
  ['}', '}'],
  [',', ','],
];

const WORD = /[A-Za-z0-9_.:\-/]/;

function unescapeString(src: string, start: number, end: number): string {
  let out = '';
  for (let i = start; i < end; i++) {
    const c = src[i]!;
    if (c !== '\\') {
      out += c;
      continue;
    }
    const n = src[++i];
    switch (n) {
      case 'n':
        out += '\n';
        break;
      case 't':
        out += '\t';
        break;
      case 'r':
        out += '\r';
        break;
      case '0':
        out += '\0';
        break;
      case 'x': {
        const h = src.slice(i + 1, i + 3);
        if (!/^[0-9a-fA-F]{2}$/.test(h)) throw new FilterError('invalid \\x escape in a string', i - 1);
        out += String.fromCharCode(Number.parseInt(h, 16));
        i += 2;
        break;
      }
      default:
        out += n; // \" \\ and any other character stand for themselves
    }
  }
  return out;
}

/** The expression's tokens, ending with an `end` token; throws FilterError at the offending character. */
export function lex(src: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < src.length) {
    const c = src[i]!;
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r') {
      i++;
      continue;
    }
    const raw = (c === 'r' || c === 'R') && src[i + 1] === '"';
    if (c === '"' || raw) {
      const start = i;
      let j = raw ? i + 2 : i + 1;
      while (j < src.length && src[j] !== '"') j += src[j] === '\\' && !raw ? 2 : 1;
      if (j >= src.length) throw new FilterError('the string is not closed (missing ")', start);
      const body = raw ? src.slice(i + 2, j) : unescapeString(src, i + 1, j);
      out.push({ kind: 'string', text: body, pos: start, len: j + 1 - start });
      i = j + 1;
      continue;
    }
    if (WORD.test(c)) {
      let j = i + 1;
      while (j < src.length && WORD.test(src[j]!)) j++;
      const text = src.slice(i, j);
      const kw = KEYWORDS[text.toLowerCase()];
      out.push({ kind: kw ?? 'word', text, pos: i, len: j - i });
      i = j;
      continue;
    }
    const sym = SYMBOLS.find(([s]) => src.startsWith(s, i));
    if (!sym) throw new FilterError(`unexpected character '${c}'`, i);
    out.push({ kind: sym[1], text: sym[0], pos: i, len: sym[0].length });
    i += sym[0].length;
  }
  out.push({ kind: 'end', text: '', pos: src.length, len: 0 });
  return out;
}
