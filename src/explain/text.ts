/**
 * Turns a code + parameters into a sentence from the catalogue of the chosen language.
 * Code never concatenates sentences inline: every sentence comes from a catalogue entry.
 */

import { allWords } from '../protocols/registry.js';
import { en } from './catalog/en.js';
import { id } from './catalog/id.js';
import type { Catalogue, Lang } from './catalog/types.js';

export type { Lang } from './catalog/types.js';

const CATALOGUES: Partial<Record<Lang, Catalogue>> = {};

/**
 * The generic catalogue of a language with every protocol module's entries (made on its first use, so an
 * English run does not merge the Indonesian one; a key may appear once).
 */
function merged(lang: Lang): Catalogue {
  const made = CATALOGUES[lang];
  if (made) return made;
  const out: Record<string, string> = { ...(lang === 'en' ? en : id) };
  for (const words of allWords())
    for (const [k, v] of Object.entries(words.catalog[lang])) {
      if (k in out) throw new Error(`catalogue entry ${k} (${lang}) is defined twice`);
      out[k] = v;
    }
  CATALOGUES[lang] = out;
  return out;
}

export function catalogue(lang: Lang): Catalogue {
  return merged(lang);
}

export function hasText(code: string, lang: Lang): boolean {
  return code in merged(lang);
}

/** `{n:one|many}` picks a form by the parameter `n` (1 → one); a form may hold `{param}` itself. */
const PLURAL = /\{(\w+):((?:[^|{}]|\{\w+\})*)\|((?:[^{}]|\{\w+\})*)\}/g;
const PARAM = /\{(\w+)\}/g;

/**
 * A template cut into pieces once: text, `{param}` (filled when the parameter is given, else kept as
 * written) and `{n:one|many}` (the form picked by `n`; without `n`, the text as written with its own
 * `{param}`s filled).
 */
type Piece = string | { p: string } | { n: string; one: Piece[]; many: Piece[]; raw: Piece[] };

function params(t: string): Piece[] {
  const out: Piece[] = [];
  let last = 0;
  for (const m of t.matchAll(PARAM)) {
    if (m.index > last) out.push(t.slice(last, m.index));
    out.push({ p: m[1]! });
    last = m.index + m[0].length;
  }
  if (last < t.length) out.push(t.slice(last));
  return out;
}

function compile(t: string): Piece[] {
  if (!t.includes(':')) return params(t);
  const out: Piece[] = [];
  let last = 0;
  for (const m of t.matchAll(PLURAL)) {
    if (m.index > last) out.push(...params(t.slice(last, m.index)));
    out.push({ n: m[1]!, one: params(m[2]!), many: params(m[3]!), raw: params(m[0]) });
    last = m.index + m[0].length;
  }
  if (last < t.length) out.push(...params(t.slice(last)));
  return out;
}

const COMPILED = new Map<string, Piece[]>();

type Values = Record<string, string | number>;

/** The parameter `k` from `params`, else from `base`; undefined when neither has it. */
function lookup(k: string, params: Values, base: Values | undefined): string | number | undefined {
  if (k in params) return params[k];
  return base && k in base ? base[k] : undefined;
}

function put(pieces: readonly Piece[], params: Values, base: Values | undefined): string {
  let s = '';
  for (const x of pieces) {
    if (typeof x === 'string') s += x;
    else if ('p' in x) {
      const v = lookup(x.p, params, base);
      s += v !== undefined ? String(v) : `{${x.p}}`;
    } else {
      const n = lookup(x.n, params, base);
      s += put(n !== undefined ? (Number(n) === 1 ? x.one : x.many) : x.raw, params, base);
    }
  }
  return s;
}

function fill(template: string, params: Values | undefined, base: Values | undefined): string {
  if (!params && !base) return template;
  let pieces = COMPILED.get(template);
  if (!pieces) {
    pieces = compile(template);
    COMPILED.set(template, pieces);
  }
  return put(pieces, params ?? {}, base);
}

/**
 * The sentence for a code; a missing entry falls back to English, then to the bare code and its parameters.
 * A `reason` parameter that names a sub-entry (`<code>.reason.<reason>`) is replaced by that entry's text.
 * `base` holds parameters shared by many sentences (who speaks, to whom), read where `params` lacks them:
 * the caller passes both instead of spreading them into a new object per sentence.
 */
export function text(code: string, params: Values | undefined, lang: Lang = 'en', base?: Values): string {
  const mine = merged(lang);
  const t = mine[code] ?? (lang === 'en' ? undefined : merged('en')[code]);
  if (params && typeof params.reason === 'string') {
    const sub = `${code}.reason.${params.reason}`;
    if (sub in mine || (lang !== 'en' && sub in merged('en')))
      params = { ...params, reason: text(sub, params, lang, base) };
  }
  if (t !== undefined) return fill(t, params, base);
  const all = base ? { ...base, ...params } : params;
  const p = all ? ` ${JSON.stringify(all)}` : '';
  return `${code}${p}`;
}

/** Language from the environment: LC_ALL, then LC_MESSAGES, then LANG; `id_*` → Indonesian. */
export function langFromEnv(env: NodeJS.ProcessEnv = process.env): Lang {
  const v = env.LC_ALL || env.LC_MESSAGES || env.LANG || '';
  return /^id([_.-]|$)/i.test(v) ? 'id' : 'en';
}

/**
 * A capture error's message in `lang`: its catalogue sentence `<code>.error` filled with the error's
 * params (a `why` that names a catalogue code is that entry's text); the English message when the error
 * carries no params or the sentence is missing.
 */
export function captureErrorText(
  err: { code: string; message: string; params?: Readonly<Values> | undefined },
  lang: Lang,
): string {
  const key = `${err.code}.error`;
  if (lang === 'en' || !err.params || !hasText(key, lang)) return err.message;
  const p: Values = { ...err.params };
  if (typeof p.why === 'string' && hasText(p.why, lang)) p.why = text(p.why, {}, lang);
  else if (p.detail !== undefined) p.why = p.detail;
  return text(key, p, lang);
}
