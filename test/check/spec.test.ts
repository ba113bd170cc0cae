/**
 * Reading specs: YAML and JSON, the JSON Schema (schema/check-spec.schema.json) and the clear errors a bad
 * spec gets. Every example spec (fixtures/specs, examples/) must validate against the schema as it stands.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv2020 from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { loadSpec, parseSpec, SpecError, validateSpec } from '../../src/check/index.js';
import { ROOT } from '../helpers/fixtures.js';

const schema = JSON.parse(readFileSync(join(ROOT, 'schema/check-spec.schema.json'), 'utf8'));
const ajv = new Ajv2020.default({ allErrors: true, strict: false });
const validate = ajv.compile(schema);

function specFiles(): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      if (e.isDirectory()) walk(join(dir, e.name));
      else if (/\.(ya?ml|json)$/.test(e.name) && !e.name.startsWith('github-')) out.push(join(dir, e.name));
    }
  };
  walk(join(ROOT, 'fixtures/specs'));
  walk(join(ROOT, 'examples'));
  return out.sort();
}

function problems(text: string): string[] {
  try {
    parseSpec(text, 'spec.yaml');
  } catch (err) {
    if (err instanceof SpecError) return err.problems;
    throw err;
  }
  return [];
}

describe('the JSON Schema', () => {
  it('is valid draft 2020-12 and compiles', () => {
    expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(typeof validate).toBe('function');
  });

  it.each(specFiles().map((f) => [f.slice(ROOT.length), f]))('%s validates', (_n, f) => {
    const v = parseYaml(readFileSync(f, 'utf8'));
    const ok = validate(v);
    expect(validate.errors ?? []).toEqual([]);
    expect(ok).toBe(true);
    expect(() => loadSpec(f)).not.toThrow();
  });

  it.each([
    [{ conversation: [] }],
    [{ conversations: [{ handshake: 'compleet' }] }],
    [{ conversations: [{ close: 'reset' }] }],
    [{ conversations: [{ count: 1, min: 1 }] }],
    [{ conversations: [{ messages: { kind: 'x', count: -1 } }] }],
    [{ frames: [{ n: 0 }] }],
    [{ frames: [{ arp: 'who-has' }] }],
    [{ absent: 'rst' }],
    [{ absent: [{ what: 'rst', foo: 1 }] }],
    [{ capture: { frames: { min: 'x' } } }],
    [{ capture: { frames: { min: 1, bogus: 2 } } }],
  ])('rejects %j', (spec) => {
    expect(validate(spec)).toBe(false);
    expect(() => validateSpec(spec)).toThrow(SpecError);
  });
});

describe('parseSpec', () => {
  it('YAML and JSON give the same spec', () => {
    const y = parseSpec('conversations:\n  - match: { server: ":5555" }\n    close: fin\nabsent: [rst]\n');
    const j = parseSpec('{"conversations": [{"match": {"server": ":5555"}, "close": "fin"}], "absent": ["rst"]}');
    expect(y).toEqual(j);
  });

  it.each([
    ['', /no expectations/],
    ['name: x\n', /no expectations/],
    ['- a\n- b\n', /must be a mapping/],
    ['conversation:\n  - match: {}\n', /conversation: unknown key \(did you mean 'conversations'\?\)/],
    ['conversations:\n  - match: { server: ":5555"\n', /at line \d+, column \d+/],
    ['capture: { frames: 1, frames: 2 }\n', /unique/i],
    ['conversations: { match: {} }\n', /conversations: must be a list/],
    [
      'conversations:\n  - handshake: compleet\n',
      /conversations\[0\]\.handshake: must be one of complete, partial, none/,
    ],
    ['conversations:\n  - close: reset\n', /conversations\[0\]\.close: must be one of fin, rst, refused, open/],
    ['conversations:\n  - count: 1\n    min: 1\n', /conversations\[0\]: count cannot be combined with min or max/],
    ['conversations:\n  - min: 3\n    max: 1\n', /min is larger than max/],
    ['conversations:\n  - messages: { kind: x, count: 1.5 }\n', /messages\.count: must be a whole number >= 0/],
    ['conversations:\n  - messages: [ 5 ]\n', /messages\[0\]: must be a mapping/],
    ['conversations:\n  - messages: { payload: "/[a/" }\n', /messages\.payload: invalid regular expression \/\[a\//],
    ['conversations:\n  - bytes: { min: 1, c2s: 2 }\n', /mixes operators \(min\) with field names \(c2s\)/],
    ['capture:\n  frames: { min: x }\n', /capture\.frames\.min: must be a number/],
    ['capture:\n  frames: { regex: "(" }\n', /capture\.frames\.regex: invalid regular expression/],
    ['capture:\n  frames: { in: 3 }\n', /capture\.frames\.in: must be a list/],
    ['capture:\n  damaged: { exists: maybe }\n', /must be true or false/],
    ['frames:\n  - n: 0\n', /frames\[0\]\.n: must be a frame number/],
    ['frames:\n  - n: 1\n    arp: who-has\n', /frames\[0\]\.arp: must be one of request, reply, gratuitous, probe/],
    ['absent: [retransmision]\n', /absent\[0\]: unknown word 'retransmision' \(did you mean 'retransmission'\?\)/],
    ['absent: [bogusword]\n', /unknown word 'bogusword': use a note code with a dot/],
    ['present: [{ what: rst, count: 1, extra: 2 }]\n', /present\[0\]: unknown key 'extra'/],
    ['present: [{ count: 1 }]\n', /present\[0\]: must be a word/],
    ['absent: rst\n', /absent: must be a list/],
  ])('%j → %s', (text, re) => {
    const p = problems(text);
    expect(p.length).toBeGreaterThan(0);
    expect(p.join('\n')).toMatch(re);
  });

  it('lists every problem at once', () => {
    expect(problems('absent: [retransmision]\nframes:\n  - n: 0\nconversations:\n  - close: reset\n')).toHaveLength(3);
  });

  it('the error message names the file', () => {
    expect(() => parseSpec('absent: [x]\n', 'my.yaml')).toThrow(/^my\.yaml: absent\[0\]: unknown word 'x'/);
  });

  it.each([
    'absent: [rst, syn, fin, refused, reset, open, partial_handshake, midstream, damaged, capture_warning, error, warn]',
    'absent: [retransmission, duplicate_ack, lost_segment, zero_window, window_full, keep_alive, out_of_order]',
    'absent: [arp, icmp, icmpv6, igmp, udp, mqtt, zmtp, http, data]',
    'absent: [tcp.analysis.retransmission, "mqtt.*", frame.truncated, capture.truncated_record]',
    'capture: { frames: { min: 1, max: 3 }, start: "/^2024/" }',
    'frames: [{ n: [1, 2], protocols: arp }, { n: { min: 3 }, match: { "tcp.flags": SYN }, count: 1 }]',
    'model: { "story.length": { min: 1 } }',
    'conversations: [{ match: { messages: { uri: "/add" } }, messages: [{ kind: request, count: 1 }] }]',
  ])('accepts %s', (text) => {
    expect(problems(text)).toEqual([]);
  });

  it('loadSpec: a missing file is one clear line', () => {
    expect(() => loadSpec(join(ROOT, 'no/such/spec.yaml'))).toThrow(/spec\.yaml: cannot read the spec: no such file/);
  });
});
