/**
 * tshark's `-T fields -e FIELD … -E OPTION=VALUE`: one line per frame, the fields' values separated by
 * `separator`, several occurrences of a field joined by `aggregator` (or only the first/last), values
 * optionally quoted, an optional header line of field names. Numbers are printed as tshark prints them
 * (frame.time_relative with 9 decimals, tcp.flags as 0x0018, booleans 1/0).
 */
import { EXPLAIN_FIELDS } from './fields/pe.js';
import { fieldDef } from './registry.js';
import type { FieldDef, FrameView, Value } from './types.js';

export interface FieldsOptions {
  header: boolean;
  separator: string;
  quote: '' | '"' | "'";
  occurrence: 'f' | 'l' | 'a';
  aggregator: string;
}

export const DEFAULT_FIELDS_OPTIONS: FieldsOptions = {
  header: false,
  separator: '\t',
  quote: '',
  occurrence: 'a',
  aggregator: ',',
};

/** `/t` tab, `/s` space, else the first character (as tshark). */
function sepChar(v: string): string | undefined {
  if (v === '/t') return '\t';
  if (v === '/s') return ' ';
  return v.length > 0 ? v[0] : undefined;
}

/** Parses the -E options (each NAME=VALUE); an error message names the first bad one. */
export function parseFieldsOptions(list: readonly string[]): FieldsOptions | { error: string } {
  const o: FieldsOptions = { ...DEFAULT_FIELDS_OPTIONS };
  for (const item of list) {
    const eq = item.indexOf('=');
    const name = eq < 0 ? item : item.slice(0, eq);
    const value = eq < 0 ? '' : item.slice(eq + 1);
    const bad = {
      error: `-E ${item}: expected header=y|n, separator=/t|/s|CHAR, quote=d|s|n, occurrence=f|l|a or aggregator=,|/s|CHAR`,
    };
    switch (name) {
      case 'header':
        if (value !== 'y' && value !== 'n') return bad;
        o.header = value === 'y';
        break;
      case 'bom':
        if (value !== 'n') return bad; // a byte-order mark is never written
        break;
      case 'separator': {
        const c = sepChar(value);
        if (c === undefined) return bad;
        o.separator = c;
        break;
      }
      case 'aggregator': {
        const c = sepChar(value);
        if (c === undefined) return bad;
        o.aggregator = c;
        break;
      }
      case 'quote':
        if (value === 'd') o.quote = '"';
        else if (value === 's') o.quote = "'";
        else if (value === 'n') o.quote = '';
        else return bad;
        break;
      case 'occurrence':
        if (value !== 'f' && value !== 'l' && value !== 'a') return bad;
        o.occurrence = value;
        break;
      default:
        return bad;
    }
  }
  return o;
}

/** tshark's text of one value. */
export function formatValue(def: FieldDef, x: Value): string {
  if (typeof x === 'string') return x;
  switch (def.type) {
    case 'protocol':
    case 'none':
      return def.shown ?? '';
    case 'float':
      return x.toFixed(def.decimals ?? 9);
    case 'uint':
    case 'int':
      return def.hex ? `0x${x.toString(16).padStart(def.hex, '0')}` : String(x);
    default:
      return String(x);
  }
}

export interface FieldsWriter {
  /** A field is made by the explanation step (pe.explain). */
  readonly needsExplain: boolean;
  /** The header line (with its newline), or '' when -E header=n. */
  header(): string;
  /** One frame's line, with its newline. */
  line(v: FrameView): string;
}

/** A writer for these fields; throws with the unknown field names (as tshark: "Some fields aren't valid"). */
export function fieldsWriter(names: readonly string[], o: FieldsOptions): FieldsWriter | { unknown: string[] } {
  const defs: FieldDef[] = [];
  const unknown: string[] = [];
  for (const n of names) {
    const d = fieldDef(n);
    if (d) defs.push(d);
    else unknown.push(n);
  }
  if (unknown.length > 0) return { unknown };
  const buf: Value[] = [];
  const q = o.quote;
  return {
    needsExplain: names.some((n) => EXPLAIN_FIELDS.has(n)),
    header: () => (o.header ? `${names.join(o.separator)}\n` : ''),
    line: (v) => {
      let s = '';
      for (let i = 0; i < defs.length; i++) {
        const d = defs[i]!;
        if (i > 0) s += o.separator;
        buf.length = 0;
        d.get(v, buf);
        if (buf.length === 0) continue;
        let text: string;
        if (o.occurrence === 'f') text = formatValue(d, buf[0]!);
        else if (o.occurrence === 'l') text = formatValue(d, buf[buf.length - 1]!);
        else text = buf.map((x) => formatValue(d, x)).join(o.aggregator);
        s += q ? `${q}${text}${q}` : text;
      }
      return `${s}\n`;
    },
  };
}
