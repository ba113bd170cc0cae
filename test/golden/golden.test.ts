/**
 * Golden reports: for every fixture, in English and Indonesian, the text, Markdown and JSON outputs of
 * `pcap-explain analyze` (run in-process through the CLI's own code path) compared with the files in
 * test/golden/out/. The tool version is masked. To accept new output after a deliberate change:
 *
 *   npm run golden:update        (= UPDATE_GOLDEN=1 vitest run test/golden)
 *
 * then read the diff as a student would before committing it.
 */
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { toolVersion } from '../../src/analyze.js';
import { runAnalyze } from '../../src/cli/commands/analyze.js';
import type { Lang } from '../../src/explain/text.js';
import { fixtureCaptures, ROOT } from '../helpers/fixtures.js';

const OUT = join(ROOT, 'test/golden/out');
const TMP = join(ROOT, 'test-artifacts/golden');
const UPDATE = process.env.UPDATE_GOLDEN === '1';
const FORMATS = [
  ['text', 'txt'],
  ['markdown', 'md'],
  ['json', 'json'],
] as const;

function mask(s: string): string {
  const v = toolVersion().replace(/[.]/g, '\\.');
  return s
    .replace(new RegExp(`pcap-explain ${v}`, 'g'), 'pcap-explain <version>')
    .replace(new RegExp(`"version": "${v}"`, 'g'), '"version": "<version>"');
}

async function render(
  file: string,
  lang: Lang,
  format: 'text' | 'markdown' | 'json' | 'html',
  extra: Record<string, unknown> = {},
): Promise<string> {
  mkdirSync(TMP, { recursive: true });
  const out = join(TMP, `${file.replace(/[^\w.-]/g, '_')}.${lang}.${format}.${Math.random().toString(36).slice(2)}`);
  const prev = process.env.NO_COLOR;
  process.env.NO_COLOR = '1';
  try {
    const code = await runAnalyze({ file, format, output: out, frames: false, lang, color: false, ...extra } as never);
    expect(code === 0 || code === 2).toBe(true);
  } finally {
    if (prev === undefined) delete process.env.NO_COLOR;
    else process.env.NO_COLOR = prev;
  }
  const s = readFileSync(out, 'utf8');
  rmSync(out);
  return mask(s);
}

/**
 * The Indonesian JSON golden keeps only what depends on the language (the English one has the whole model):
 * frame explanations and note texts, conversation notes, the groups' lines, the story and the overview.
 */
function languageParts(json: string): string {
  const m = JSON.parse(json);
  const slim = {
    frames: m.frames.map((f: { n: number; explain?: string; notes: { code: string; text: string }[] }) => ({
      n: f.n,
      explain: f.explain,
      notes: f.notes.map((n) => n.text),
    })),
    conversations: m.conversations.map((c: { id: number; notes: { text: string }[] }) => ({
      id: c.id,
      notes: c.notes.map((n) => n.text),
    })),
    ...(m.groups ? { groups: m.groups.map((g: { text: string }) => g.text) } : {}),
    story: m.story,
    overview: m.overview,
  };
  return `${JSON.stringify(slim, null, 1).replace(/\n\s+(?=[^\s{[])/g, ' ')}\n`;
}

const fixtures = fixtureCaptures().map((p) => relative(ROOT, p));

describe.each(fixtures)('%s', (fixture) => {
  it.each(['en', 'id'] as const)('golden text, markdown and json (%s)', async (lang) => {
    const cwd = process.cwd();
    process.chdir(ROOT);
    try {
      for (const [format, ext] of FORMATS) {
        let got = await render(fixture, lang, format);
        if (format === 'json' && lang === 'id') got = languageParts(got);
        const name = `${fixture.replace(/^fixtures\//, '')}.${lang}.${ext}`;
        const path = join(OUT, name);
        if (format === 'json') JSON.parse(got); // well-formed
        if (UPDATE || !existsSync(path)) {
          mkdirSync(OUT, { recursive: true });
          writeFileSync(path, got);
          if (!UPDATE) throw new Error(`golden ${name} was missing and has been written; run again`);
          continue;
        }
        expect(got, `${name} differs from its golden (npm run golden:update after reading the diff)`).toBe(
          readFileSync(path, 'utf8'),
        );
        // no catalogue code leaked as text (a missing entry falls back to the bare code); JSON carries codes on purpose
        if (format !== 'json') expect(got).not.toMatch(/\b(ex|story|ov|role|teach|fmt|lbl|noun|ui)\.[a-z_]+\b/);
      }
    } finally {
      process.chdir(cwd);
    }
  });
});
