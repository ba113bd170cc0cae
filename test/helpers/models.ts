/** Explained models of fixture captures, analysed once per file and language for a whole test file. */
import { join } from 'node:path';
import { analyzeFile } from '../../src/analyze.js';
import type { ExplainedModel } from '../../src/explain/index.js';
import { FIXTURES } from './fixtures.js';

const models = new Map<string, Promise<ExplainedModel>>();

/** The explained model of fixtures/NAME in `lang` (cached). */
export function fixtureModel(name: string, lang: 'en' | 'id' = 'en'): Promise<ExplainedModel> {
  const k = `${name}|${lang}`;
  let m = models.get(k);
  if (!m) {
    m = analyzeFile(join(FIXTURES, name), { lang }) as Promise<ExplainedModel>;
    models.set(k, m);
  }
  return m;
}
