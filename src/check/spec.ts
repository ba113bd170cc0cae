/**
 * Reading and validating check specs: YAML or JSON text (JSON is YAML), checked against
 * schema/check-spec.schema.json with ajv, then for what a schema cannot say (unknown `absent:` words,
 * invalid regular expressions). Every problem is reported with its place in the spec; nothing throws
 * but SpecError.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename } from 'node:path';
import type { parseDocument as ParseDocument } from 'yaml';
import { compileFilter, FilterError, filterErrorLine } from '../filter/index.js';
import { isJsonArray, isJsonObject, type JsonObject } from '../json.js';
import { closest, isOperatorObject, OPERATORS, operatorKeys, regexLiteralError } from './match.js';
import { resolveToken } from './tokens.js';
import type { CheckSpec } from './types.js';

/** yaml, loaded when a spec is read (not by `analyze`, which reads none: about 6 MB of resident memory). */
let parseDocument: typeof ParseDocument | undefined;
function yamlParse(): typeof ParseDocument {
  parseDocument ??= (createRequire(import.meta.url)('yaml') as { parseDocument: typeof ParseDocument }).parseDocument;
  return parseDocument;
}

/** A spec that cannot be read or is not valid; `problems` has one line per problem. */
export class SpecError extends Error {
  constructor(
    readonly source: string,
    readonly problems: string[],
  ) {
    super(`${source}: ${problems.length === 1 ? problems[0] : `invalid spec:\n  ${problems.join('\n  ')}`}`);
    this.name = 'SpecError';
  }
}

/** A spec with the name of where it came from. */
export interface LoadedSpec {
  source: string;
  spec: CheckSpec;
}

const TOP_KEYS = ['$schema', 'name', 'description', 'capture', 'model', 'conversations', 'frames', 'absent', 'present'];
const QUANT = ['count', 'min', 'max'];

/** Parse YAML or JSON text into a validated spec. */
export function parseSpec(text: string, source = '(inline)'): CheckSpec {
  const doc = yamlParse()(text, { prettyErrors: true, uniqueKeys: true });
  if (doc.errors.length) {
    throw new SpecError(
      source,
      doc.errors.map((e) => e.message.split('\n')[0]!.replace(/:$/, '')),
    );
  }
  const value: unknown = doc.toJS({ maxAliasCount: 100 });
  return validateSpec(value ?? {}, source);
}

/** Read a spec file (.yaml, .yml or .json). */
export function loadSpec(path: string): LoadedSpec {
  let text: string;
  try {
    text = readFileSync(path === '-' ? 0 : path, 'utf8');
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    throw new SpecError(path, [
      `cannot read the spec: ${e.code === 'ENOENT' ? 'no such file' : (e.code ?? e.message)}`,
    ]);
  }
  const source = path === '-' ? 'standard input' : path;
  return { source, spec: parseSpec(text, source) };
}

/** The spec's display name: its `name`, else the file name. */
export function specName(spec: CheckSpec, source: string): string {
  return spec.name ?? (source === '(inline)' ? 'spec' : basename(source));
}

// ---- JSON Schema (ajv) -----------------------------------------------------------------------------

type AjvError = {
  instancePath: string;
  schemaPath: string;
  keyword: string;
  message?: string;
  /** ajv's parameters of the keyword: additionalProperty, allowedValues, type… */
  params: JsonObject;
};
type Validator = ((v: unknown) => boolean) & { errors?: AjvError[] | null };

let validator: Validator | null | undefined;

/** The compiled schema, or null when ajv is not installed (the semantic checks below still run). */
function schemaValidator(): Validator | null {
  if (validator !== undefined) return validator;
  try {
    const require = createRequire(import.meta.url);
    const mod = require('ajv/dist/2020') as { default?: new (o: object) => { compile(s: object): Validator } };
    const Ajv = (mod.default ?? mod) as new (o: object) => { compile(s: object): Validator };
    const schema = JSON.parse(readFileSync(new URL('../../schema/check-spec.schema.json', import.meta.url), 'utf8'));
    validator = new Ajv({ allErrors: true, strict: false }).compile(schema);
  } catch {
    validator = null;
  }
  return validator;
}

function pointerToPath(p: string): string {
  if (!p) return '(top level)';
  return p
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce((acc, s) => (/^\d+$/.test(s) ? `${acc}[${s}]` : acc ? `${acc}.${s}` : s), '');
}

/** ajv's errors as one readable line per place, the most specific reason first. */
function formatSchemaErrors(errors: AjvError[]): string[] {
  const byPath = new Map<string, AjvError[]>();
  for (const e of errors) {
    const list = byPath.get(e.instancePath) ?? [];
    list.push(e);
    byPath.set(e.instancePath, list);
  }
  const out: string[] = [];
  for (const [ptr, list] of byPath) {
    const where = pointerToPath(ptr);
    const extra = list.filter((e) => e.keyword === 'additionalProperties');
    const en = list.find((e) => e.keyword === 'enum');
    const not = list.find((e) => e.keyword === 'not');
    if (extra.length) {
      for (const e of extra) {
        const key = String(e.params.additionalProperty);
        if (ptr === '') {
          const near = closest(key, TOP_KEYS);
          out.push(
            `${where}: unknown key '${key}'${near ? ` (did you mean '${near}'?)` : ''}; allowed: ${TOP_KEYS.join(', ')}`,
          );
        } else if (e.schemaPath.includes('/operators/')) {
          out.push(
            `${where}: '${key}' is not an operator (${OPERATORS.join(', ')}); an object cannot mix operators and field names`,
          );
        } else {
          out.push(`${where}: unknown key '${key}'`);
        }
      }
    } else if (en) {
      const allowed = en.params.allowedValues;
      out.push(`${where}: must be one of ${isJsonArray(allowed) ? allowed.join(', ') : String(allowed)}`);
    } else if (not) {
      out.push(`${where}: count cannot be combined with min or max`);
    } else {
      const e = list.find((x) => !['anyOf', 'if', 'type'].includes(x.keyword)) ?? list[0]!;
      const types = list.filter((x) => x.keyword === 'type').map((x) => String(x.params.type));
      out.push(
        `${where}: ${e.keyword === 'type' && types.length ? `must be ${[...new Set(types.join(',').split(','))].join(' or ')}` : e.message}`,
      );
    }
  }
  return out;
}

// ---- semantic checks (what the schema cannot express) ---------------------------------------------

/** Validate a parsed spec (any JSON value); returns it typed or throws SpecError. */
export function validateSpec(value: unknown, source = '(inline)'): CheckSpec {
  if (!isJsonObject(value)) throw new SpecError(source, ['the spec must be a mapping (an object) at the top level']);
  // Our own checks first: they name the problem in the spec's terms; the schema then catches the rest.
  const problems: string[] = [];
  semantic(value, problems);
  if (problems.length) throw new SpecError(source, problems);
  const v = schemaValidator();
  if (v && !v(value)) throw new SpecError(source, formatSchemaErrors(v.errors ?? []));
  const hasAny = ['capture', 'model', 'conversations', 'frames', 'absent', 'present'].some(
    (k) => value[k] !== undefined,
  );
  if (!hasAny)
    throw new SpecError(source, [
      'the spec states no expectations (capture, conversations, frames, absent, present or model)',
    ]);
  // the checks above and the schema are what make it a CheckSpec
  return value as CheckSpec;
}

function semantic(spec: JsonObject, p: string[]): void {
  for (const k of Object.keys(spec)) {
    if (!TOP_KEYS.includes(k)) {
      const near = closest(k, TOP_KEYS);
      p.push(`${k}: unknown key${near ? ` (did you mean '${near}'?)` : ''}; allowed: ${TOP_KEYS.join(', ')}`);
    }
  }
  for (const k of ['capture', 'model'] as const) {
    if (spec[k] === undefined) continue;
    if (!isJsonObject(spec[k])) p.push(`${k}: must be a mapping of field paths to values`);
    else for (const [f, m] of Object.entries(spec[k])) matcher(m, `${k}.${f}`, p);
  }
  for (const k of ['absent', 'present'] as const) tokens(spec[k], k, p);
  entries(spec.conversations, 'conversations', p, (e, at) => {
    if (e.match !== undefined) facts(e.match, `${at}.match`, p);
    keyword(e.handshake, ['complete', 'partial', 'none'], `${at}.handshake`, p);
    keyword(e.close, ['fin', 'rst', 'refused', 'open'], `${at}.close`, p);
    if (e.messages !== undefined) {
      const items = Array.isArray(e.messages) ? e.messages : [e.messages];
      for (const [i, m] of items.entries()) {
        const mat = Array.isArray(e.messages) ? `${at}.messages[${i}]` : `${at}.messages`;
        if (!isJsonObject(m)) {
          p.push(`${mat}: must be a mapping of message fields (and count/min/max)`);
          continue;
        }
        quantifier(m, mat, p);
        for (const [f, x] of Object.entries(m)) if (!QUANT.includes(f)) matcher(x, `${mat}.${f}`, p);
      }
    }
    for (const [f, x] of Object.entries(e)) {
      if (!['name', 'match', 'handshake', 'close', 'messages', 'absent', 'present', ...QUANT].includes(f)) {
        matcher(x, `${at}.${f}`, p);
      }
    }
  });
  entries(spec.frames, 'frames', p, (e, at) => {
    if (e.match !== undefined) facts(e.match, `${at}.match`, p);
    if (e.filter !== undefined) {
      if (typeof e.filter !== 'string')
        p.push(`${at}.filter: must be a display filter (text), e.g. 'tcp.port == 1883'`);
      else {
        try {
          compileFilter(e.filter);
        } catch (err) {
          if (!(err instanceof FilterError)) throw err;
          p.push(`${at}.filter: ${filterErrorLine(e.filter, err)}`);
        }
      }
    }
    const n = e.n;
    if (n !== undefined) {
      const ok =
        wholeAtLeast(n, 1) ||
        (isJsonArray(n) && n.length > 0 && n.every((x) => wholeAtLeast(x, 1))) ||
        isOperatorObject(n);
      if (!ok)
        p.push(`${at}.n: must be a frame number (from 1), a list of them, or an operator object like {min: 3, max: 5}`);
      else if (isOperatorObject(n)) matcher(n, `${at}.n`, p);
    }
    keyword(e.arp, ['request', 'reply', 'gratuitous', 'probe'], `${at}.arp`, p);
    for (const [f, x] of Object.entries(e)) {
      if (!['name', 'match', 'filter', 'n', 'arp', 'absent', 'present', ...QUANT].includes(f))
        matcher(x, `${at}.${f}`, p);
    }
  });
}

function entries(list: unknown, at: string, p: string[], each: (e: JsonObject, at: string) => void): void {
  if (list === undefined) return;
  if (!Array.isArray(list)) {
    p.push(`${at}: must be a list (each item starts with "- ")`);
    return;
  }
  for (const [i, e] of list.entries()) {
    const where = `${at}[${i}]`;
    if (!isJsonObject(e)) {
      p.push(`${where}: must be a mapping`);
      continue;
    }
    if (e.name !== undefined && typeof e.name !== 'string') p.push(`${where}.name: must be text`);
    quantifier(e, where, p);
    tokens(e.absent, `${where}.absent`, p);
    tokens(e.present, `${where}.present`, p);
    each(e, where);
  }
}

function quantifier(e: JsonObject, at: string, p: string[]): void {
  for (const q of QUANT) {
    const x = e[q];
    if (x !== undefined && !wholeAtLeast(x, 0)) p.push(`${at}.${q}: must be a whole number >= 0`);
  }
  if (e.count !== undefined && (e.min !== undefined || e.max !== undefined)) {
    p.push(`${at}: count cannot be combined with min or max`);
  }
  if (typeof e.min === 'number' && typeof e.max === 'number' && e.min > e.max) p.push(`${at}: min is larger than max`);
}

function wholeAtLeast(x: unknown, min: number): boolean {
  return typeof x === 'number' && Number.isInteger(x) && x >= min;
}

function keyword(v: unknown, allowed: string[], at: string, p: string[]): void {
  if (v === undefined) return;
  if (typeof v === 'string' && !allowed.includes(v)) p.push(`${at}: must be one of ${allowed.join(', ')}`);
  else if (typeof v !== 'string') matcher(v, at, p);
}

function facts(v: unknown, at: string, p: string[]): void {
  if (!isJsonObject(v)) {
    p.push(`${at}: must be a mapping of fields to values`);
    return;
  }
  for (const [f, x] of Object.entries(v)) matcher(x, `${at}.${f}`, p);
}

function tokens(v: unknown, at: string, p: string[]): void {
  if (v === undefined) return;
  if (!Array.isArray(v)) {
    p.push(`${at}: must be a list of note codes, tcp.analysis flags, protocols or keywords`);
    return;
  }
  v.forEach((t, i) => {
    const where = `${at}[${i}]`;
    let word: unknown = t;
    if (isJsonObject(t)) {
      quantifier(t, where, p);
      word = t.what;
      for (const k of Object.keys(t))
        if (!['what', ...QUANT].includes(k)) p.push(`${where}: unknown key '${k}' (what, count, min, max)`);
    }
    if (typeof word !== 'string' || word === '') {
      p.push(`${where}: must be a word, or {what: WORD, count|min|max}`);
      return;
    }
    const r = resolveToken(word);
    if ('error' in r) p.push(`${where}: ${r.error}`);
  });
}

function matcher(v: unknown, at: string, p: string[]): void {
  if (typeof v === 'string') {
    const err = regexLiteralError(v);
    if (err) p.push(`${at}: invalid regular expression ${v}: ${err}`);
    return;
  }
  if (Array.isArray(v)) {
    for (const [i, x] of v.entries()) matcher(x, `${at}[${i}]`, p);
    return;
  }
  if (!isJsonObject(v)) return;
  const ops = operatorKeys(v);
  if (ops.length && ops.length !== Object.keys(v).length) {
    const fields = Object.keys(v).filter((k) => !ops.includes(k));
    p.push(
      `${at}: mixes operators (${ops.join(', ')}) with field names (${fields.join(', ')}); write operators in their own object, e.g. {${fields[0]}: {${ops[0]}: ...}}`,
    );
    return;
  }
  if (!ops.length) {
    for (const [f, x] of Object.entries(v)) matcher(x, `${at}.${f}`, p);
    return;
  }
  for (const [op, x] of Object.entries(v)) {
    const where = `${at}.${op}`;
    if (['min', 'max', 'gt', 'lt'].includes(op) && typeof x !== 'number') p.push(`${where}: must be a number`);
    else if (op === 'exists' && typeof x !== 'boolean') p.push(`${where}: must be true or false`);
    else if (op === 'in' && !Array.isArray(x)) p.push(`${where}: must be a list`);
    else if (op === 'regex') {
      if (typeof x !== 'string') p.push(`${where}: must be text`);
      else {
        try {
          new RegExp(x);
        } catch (err) {
          p.push(`${where}: invalid regular expression: ${err instanceof Error ? err.message : String(err)}`);
        }
      }
    } else if (op !== 'eq') matcher(x, where, p);
  }
}
