/**
 * Turns a code + parameters into a sentence from the catalogue of the chosen language.
 * Code never concatenates sentences inline: every sentence comes from a catalogue entry.
 */
import { en } from './catalog/en.js';
import { id } from './catalog/id.js';
import type { Catalogue, Lang } from './catalog/types.js';

export type { Lang } from './catalog/types.js';

const CATALOGUES: Readonly<Record<Lang, Catalogue>> = { en, id };

export function catalogue(lang: Lang): Catalogue {
  return CATALOGUES[lang];
}

export function hasText(code: string, lang: Lang): boolean {
  return code in CATALOGUES[lang];
}

/** `{n:one|many}` picks a form by the parameter `n` (1 → one); a form may hold `{param}` itself. */
const PLURAL = /\{(\w+):((?:[^|{}]|\{\w+\})*)\|((?:[^{}]|\{\w+\})*)\}/g;

function fill(template: string, params?: Record<string, string | number>): string {
  if (!params) return template;
  const chosen = template.includes(':')
    ? template.replace(PLURAL, (m, k: string, one: string, many: string) =>
        k in params ? (Number(params[k]) === 1 ? one : many) : m,
      )
    : template;
  return chosen.replace(/\{(\w+)\}/g, (m, k: string) => (k in params ? String(params[k]) : m));
}

/**
 * The sentence for a code; a missing entry falls back to English, then to the bare code and its parameters.
 * A `reason` parameter that names a sub-entry (`<code>.reason.<reason>`) is replaced by that entry's text.
 */
export function text(code: string, params: Record<string, string | number> | undefined, lang: Lang = 'en'): string {
  const t = CATALOGUES[lang][code] ?? CATALOGUES.en[code];
  if (params && typeof params.reason === 'string') {
    const sub = `${code}.reason.${params.reason}`;
    if (sub in CATALOGUES[lang] || sub in CATALOGUES.en) params = { ...params, reason: text(sub, params, lang) };
  }
  if (t !== undefined) return fill(t, params);
  const p = params ? ` ${JSON.stringify(params)}` : '';
  return `${code}${p}`;
}

/** Language from the environment: LC_ALL, then LC_MESSAGES, then LANG; `id_*` → Indonesian. */
export function langFromEnv(env: NodeJS.ProcessEnv = process.env): Lang {
  const v = env.LC_ALL || env.LC_MESSAGES || env.LANG || '';
  return /^id([_.-]|$)/i.test(v) ? 'id' : 'en';
}
