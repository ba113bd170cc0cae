/**
 * The shape of the code (issue 18), checked on the sources: the layering (nothing lower imports anything
 * higher), one folder per application protocol (its name appears in code outside its folder in at most a
 * few files), and the typed model (no untyped bags).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/fixtures.js';
import { code } from '../helpers/source.js';

const SRC = join(ROOT, 'src');

function files(dir: string): string[] {
  const out: string[] = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) out.push(...files(p));
    else if (e.name.endsWith('.ts')) out.push(p);
  }
  return out;
}

const ALL = files(SRC).map((p) => ({ path: relative(SRC, p).split('\\').join('/'), text: readFileSync(p, 'utf8') }));

/** Folder of a source file: its first path segment ('analysis', 'protocols', …; '' for src/*.ts). */
const folder = (path: string) => (path.includes('/') ? path.slice(0, path.indexOf('/')) : '');

function imports(f: { path: string; text: string }): string[] {
  const out: string[] = [];
  for (const m of f.text.matchAll(/(?:^|\n)\s*(?:import|export)[^'"]*?from\s+'(\.[^']+)'/g)) {
    const parts = f.path.split('/').slice(0, -1);
    for (const s of m[1]!.split('/')) {
      if (s === '..') parts.pop();
      else if (s !== '.') parts.push(s);
    }
    out.push(parts.join('/'));
  }
  return out;
}

describe('layering', () => {
  // each folder and what it must never import (the layers above it)
  const above: Record<string, string[]> = {
    capture: ['dissectors', 'analysis', 'protocols', 'explain', 'report', 'cli', 'check', 'filter', 'stats', 'dataset'],
    dissectors: ['analysis', 'protocols', 'explain', 'report', 'cli', 'check', 'filter', 'stats', 'dataset'],
    analysis: ['protocols', 'explain', 'report', 'cli', 'check', 'stats', 'dataset'],
    explain: ['report', 'cli', 'check', 'stats', 'dataset'],
    report: ['cli'],
  };
  for (const [low, high] of Object.entries(above))
    it(`${low} imports nothing above it`, () => {
      const bad: string[] = [];
      for (const f of ALL.filter((x) => folder(x.path) === low))
        for (const target of imports(f)) if (high.includes(folder(target))) bad.push(`${f.path} → ${target}`);
      expect(bad).toEqual([]);
    });

  it("a protocol's decoder and session never import its words or the explanation step", () => {
    const bad: string[] = [];
    for (const f of ALL.filter((x) => /^protocols\/[^/]+\/(decode|session|types)\.ts$/.test(x.path)))
      for (const target of imports(f))
        if (folder(target) === 'explain' || /\/words$/.test(target)) bad.push(`${f.path} → ${target}`);
    expect(bad).toEqual([]);
  });
});

/** Code that names protocol `name` (any case, inside identifiers too: `MqttHandler`), comments left out. */
function names(text: string, name: string): boolean {
  // a URL's scheme, node's http module and HTML's http-equiv are not the HTTP protocol module
  const c = code(text.replace(/https?:\/\/|'node:http'|http-equiv|\bhttps\b/gi, ''));
  return c.toLowerCase().includes(name);
}

describe('one folder per protocol', () => {
  for (const name of ['zmtp', 'mqtt', 'http'])
    it(`${name} is named in code in at most 4 files outside src/protocols/${name}/`, () => {
      const named = ALL.filter((f) => !f.path.startsWith(`protocols/${name}/`) && names(f.text, name)).map(
        (f) => f.path,
      );
      expect(named.length, named.join('\n')).toBeLessThanOrEqual(4);
    });
});

describe('typed model', () => {
  // issue 18's bound; today one is left: the JSON value type (src/json.ts) for data that is arbitrary JSON
  const MAX_BAGS = 6;
  it(`at most ${MAX_BAGS} untyped bags (Record<string, unknown>, open index signatures, as unknown as)`, () => {
    const hits: string[] = [];
    for (const f of ALL)
      for (const [i, line] of code(f.text).split('\n').entries())
        if (/Record<string, ?unknown>|as unknown as|\[[a-zA-Z_]+: string\]: /.test(line))
          hits.push(`${f.path}:${i + 1}`);
    expect(hits.length, hits.join('\n')).toBeLessThanOrEqual(MAX_BAGS);
  });
});
