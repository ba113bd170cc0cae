/** The generic value matcher and field paths (src/check/match.ts): every rule of docs/check.md "Matching values". */
import { describe, expect, it } from 'vitest';
import {
  closest,
  endpointEqual,
  fieldOptions,
  getPath,
  matches,
  regexLiteral,
  show,
  showFrames,
  splitEndpoint,
} from '../../src/check/match.js';

describe('getPath', () => {
  const v = {
    a: { b: { c: 1 } },
    'tcp.analysis': ['x'],
    tcp: { flags: ['SYN'] },
    list: [{ k: 'first' }, { k: 'second' }],
    properties: { 'Socket-Type': 'REQ' },
  };
  it.each([
    ['a.b.c', 1],
    ['a.b', { c: 1 }],
    ['tcp.flags', ['SYN']],
    ['tcp.analysis', ['x']], // a key with a dot wins over walking
    ['list.1.k', 'second'],
    ['list.length', 2],
    ['properties.Socket-Type', 'REQ'],
    ['a.x.y', undefined],
    ['list.9.k', undefined],
    ['', v],
  ])('%s', (path, want) => {
    expect(getPath(v, path)).toEqual(want);
  });
});

describe('matches: scalars', () => {
  it.each([
    ['fin', 'fin', true],
    ['fin', 'rst', false],
    [46, 46, true],
    [46, 47, false],
    ['5555', 5555, true], // a number and its decimal text
    [5555, '5555', true],
    ['05', 5, false],
    [true, true, true],
    [false, true, false],
    [null, null, true],
    [null, undefined, true],
    [null, 0, false],
    ['x', undefined, false],
    [0, null, false],
  ])('%j vs %j → %s', (e, a, want) => {
    expect(matches(e, a)).toBe(want);
  });
});

describe('matches: regular expressions', () => {
  it.each([
    ['/^Hel+o$/', 'Hello', true],
    ['/^hello$/i', 'HELLO', true],
    ['/^hello$/', 'HELLO', false],
    ['/^\\d+$/', 1234, true],
    ['/Echo: /', 'Echo: halo', true],
    ['/add?a=5&b=9', '/add?a=5&b=9', true], // no closing slash: plain text
    ['/add?a=5&b=9', '/add', false],
  ])('%s vs %j → %s', (e, a, want) => {
    expect(matches(e, a)).toBe(want);
  });

  it('regexLiteral refuses g and y (stateful) and bad patterns', () => {
    expect(regexLiteral('/a/g')).toBeUndefined();
    expect(regexLiteral('/[a/')).toBeUndefined();
    expect(regexLiteral('/a/i')?.flags).toBe('i');
    expect(regexLiteral('//')).toBeUndefined(); // empty body is not a regex
  });

  it('{eq: "/api/"} compares literally', () => {
    expect(matches('/api/', '/x/api/y')).toBe(true);
    expect(matches({ eq: '/api/' }, '/x/api/y')).toBe(false);
    expect(matches({ eq: '/api/' }, '/api/')).toBe(true);
  });
});

describe('matches: scalars against arrays and objects', () => {
  it('a scalar against an array: some element matches (contains)', () => {
    expect(matches('SYN', ['SYN', 'ACK'])).toBe(true);
    expect(matches('RST', ['SYN', 'ACK'])).toBe(false);
    expect(matches('/^S/', ['ACK', 'SYN'])).toBe(true);
    expect(matches(1, [1, 276])).toBe(true);
  });
  it('a scalar against a payload compares its value; against a note its code', () => {
    expect(matches('Hello', { encoding: 'text', value: 'Hello', length: 5 })).toBe(true);
    expect(matches(82, { encoding: 'pickle', value: 82 })).toBe(true);
    expect(matches('82', { encoding: 'pickle', value: 82 })).toBe(true);
    expect(matches('World', { encoding: 'text', value: 'Hello' })).toBe(false);
    expect(matches('tcp.analysis.retransmission', { code: 'tcp.analysis.retransmission', severity: 'note' })).toBe(
      true,
    );
    expect(matches('x', { other: 'x' })).toBe(false);
  });
  it('parts: a scalar finds the part whose payload matches', () => {
    const parts = [{ payload: { encoding: 'text', value: '' } }, { payload: { encoding: 'text', value: 'Hello' } }];
    expect(matches({ payload: 'Hello' }, parts)).toBe(true);
    expect(matches({ payload: 'World' }, parts)).toBe(false);
  });
});

describe('matches: arrays', () => {
  it('element by element, same length', () => {
    expect(matches(['eth', 'ip', 'tcp'], ['eth', 'ip', 'tcp'])).toBe(true);
    expect(matches(['eth', 'ip'], ['eth', 'ip', 'tcp'])).toBe(false);
    expect(matches(['ip', 'eth', 'tcp'], ['eth', 'ip', 'tcp'])).toBe(false);
    expect(matches(['/^e/', 'ip', 'tcp'], ['eth', 'ip', 'tcp'])).toBe(true);
    expect(matches([1], 1)).toBe(false);
  });
  it('as a set for fields named flags', () => {
    const o = fieldOptions('tcp.flags');
    expect(o.set).toBe(true);
    expect(matches(['ACK', 'SYN'], ['SYN', 'ACK'], o)).toBe(true);
    expect(matches(['ACK'], ['SYN', 'ACK'], o)).toBe(false);
    expect(matches(['SYN', 'SYN'], ['SYN', 'ACK'], o)).toBe(false);
    expect(fieldOptions('protocols').set).toBe(false);
  });
});

describe('matches: operators', () => {
  it.each([
    [{ min: 1 }, 1, true],
    [{ min: 2 }, 1, false],
    [{ max: 3 }, 3, true],
    [{ min: 1, max: 3 }, 4, false],
    [{ gt: 1 }, 1, false],
    [{ lt: 1 }, 0.5, true],
    [{ min: 1 }, '7', true],
    [{ min: 1 }, 'x', false],
    [{ min: 50 }, { encoding: 'pickle', value: 82 }, true],
    [{ not: 'fin' }, 'rst', true],
    [{ not: 'fin' }, 'fin', false],
    [{ in: ['fin', 'rst'] }, 'rst', true],
    [{ in: ['fin', 'rst'] }, 'open', false],
    [{ regex: '^Hel' }, 'Hello', true],
    [{ regex: '^Hel' }, { encoding: 'text', value: 'Hello' }, true],
    [{ regex: '[' }, 'x', false],
    [{ contains: 'SYN' }, ['SYN', 'ACK'], true],
    [{ contains: ['SYN', 'ACK'] }, ['ACK', 'SYN', 'ECE'], true],
    [{ contains: ['SYN', 'RST'] }, ['ACK', 'SYN'], false],
    [{ contains: 'kabar' }, 'apa kabar', true],
    [{ exists: true }, 5, true],
    [{ exists: true }, null, false],
    [{ exists: false }, undefined, true],
    [{ length: 2 }, ['a', 'b'], true],
    [{ length: { min: 3 } }, ['a', 'b'], false],
    [{ length: 5 }, 'Hello', true],
    [{ length: 5 }, { encoding: 'text', value: 'Hello' }, true],
    [{ every: { min: 1 } }, [1, 2, 3], true],
    [{ every: { min: 2 } }, [1, 2, 3], false],
    [{ every: 'x' }, 'x', false],
    [{ eq: { a: 1 } }, { a: 1 }, true],
    [{ eq: { a: 1 } }, { a: 1, b: 2 }, false],
  ])('%j vs %j → %s', (e, a, want) => {
    expect(matches(e, a)).toBe(want);
  });
});

describe('matches: partial objects', () => {
  const close = { kind: 'fin', by: 'client', frames: [9, 10] };
  it('every given key matches, others are ignored', () => {
    expect(matches({ kind: 'fin' }, close)).toBe(true);
    expect(matches({ kind: 'fin', by: 'server' }, close)).toBe(false);
    expect(matches({ frames: { contains: 10 } }, close)).toBe(true);
    expect(matches({ kind: 'fin' }, undefined)).toBe(false);
    expect(matches({ kind: 'fin' }, 'fin')).toBe(false);
  });
  it('keys are dotted paths', () => {
    expect(matches({ 'a.b': 1 }, { a: { b: 1 } })).toBe(true);
  });
  it('against an array: some element', () => {
    expect(matches({ code: 'capture.bad_record' }, [{ code: 'x' }, { code: 'capture.bad_record' }])).toBe(true);
  });
  it('against a payload, keys it lacks are looked up in its value (JSON bodies)', () => {
    const p = { encoding: 'json', value: { result: 14, ok: true }, length: 14 };
    expect(matches({ result: 14 }, p)).toBe(true);
    expect(matches({ result: 12 }, p)).toBe(false);
    expect(matches({ encoding: 'json' }, p)).toBe(true);
  });
});

describe('endpoints', () => {
  it.each([
    [':5555', '172.18.0.2:5555', true],
    [':5555', '172.18.0.2:55550', false],
    [5555, '172.18.0.2:5555', true],
    ['172.18.0.2', '172.18.0.2:5555', true],
    ['172.18.0.2', '172.18.0.20:5555', false],
    ['172.18.0.2:5555', '172.18.0.2:5555', true],
    ['172.18.0.2:5556', '172.18.0.2:5555', false],
    ['[fe80::1]:80', '[fe80::1]:80', true],
    ['fe80::1', '[FE80::1]:80', true],
    ['[fe80::1]', '[fe80::1]:80', true],
    [':80', '[fe80::1]:80', true],
  ])('%j vs %s → %s', (e, a, want) => {
    expect(matches(e, a, { leaf: endpointEqual })).toBe(want);
  });
  it('regex and operators still apply', () => {
    expect(matches('/^172\\.18\\./', '172.18.0.2:5555', { leaf: endpointEqual })).toBe(true);
    expect(matches({ in: [':1883', ':5555'] }, '172.18.0.2:5555', { leaf: endpointEqual })).toBe(true);
    expect(matches({ not: '172.18.0.3' }, '172.18.0.2:5555', { leaf: endpointEqual })).toBe(true);
  });
  it('splitEndpoint', () => {
    expect(splitEndpoint('1.2.3.4:80')).toEqual({ ip: '1.2.3.4', port: '80' });
    expect(splitEndpoint(':80')).toEqual({ ip: '', port: '80' });
    expect(splitEndpoint('::1')).toEqual({ ip: '::1' });
  });
});

describe('rendering', () => {
  it('show is compact and YAML-like', () => {
    expect(show({ min: 1, max: 3 })).toBe('{min: 1, max: 3}');
    expect(show(['SYN', 'ACK'])).toBe('[SYN, ACK]');
    expect(show('Suhu: 28°C')).toBe('"Suhu: 28°C"');
    expect(show(':5555')).toBe(':5555');
    expect(show(undefined)).toBe('(absent)');
    expect(show('true')).toBe('"true"');
    expect(show('x'.repeat(200), 20)).toHaveLength(20);
  });
  it('showFrames makes ranges', () => {
    expect(showFrames([5, 3, 4, 9, 12])).toBe('3-5, 9, 12');
    expect(showFrames([1, 3, 5, 7, 9], 2)).toBe('1, 3 (+3 more)');
    expect(showFrames([])).toBe('');
  });
  it('closest suggests near words only', () => {
    expect(closest('retransmision', ['retransmission', 'rst'])).toBe('retransmission');
    expect(closest('zzzz', ['retransmission', 'rst'])).toBeUndefined();
  });
});
