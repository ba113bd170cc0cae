/** JUnit XML output (src/check/junit.ts) against the structure CI tools read (test/check/xml.ts). */
import { describe, expect, it } from 'vitest';
import { checkModel, toJUnit } from '../../src/check/index.js';
import { reqrepModel } from './synthetic.js';
import { assertJUnitShape, parseXml } from './xml.js';

const when = new Date('2024-05-06T07:08:09.123Z');

describe('JUnit XML', () => {
  it('one testsuite per spec, one testcase per expectation, failures with expected/actual', () => {
    const report = checkModel(reqrepModel(), [
      { name: 'transport', capture: { frames: 11 }, conversations: [{ close: 'rst' }] },
      { name: 'noise', absent: ['rst', 'arp'] },
    ]);
    const xml = toJUnit(report, { timestamp: when, hostname: 'ci', time: 0.5 });
    expect(assertJUnitShape(xml)).toEqual({ tests: 5, failures: 2, suites: 2 });
    const root = parseXml(xml);
    expect(root.attrs).toMatchObject({ tests: '5', failures: '2', errors: '0', time: '0.500' });
    const [s1, s2] = root.children;
    expect(s1!.attrs).toMatchObject({
      name: 'synthetic.pcap: transport',
      tests: '3',
      failures: '1',
      timestamp: '2024-05-06T07:08:09',
      hostname: 'ci',
      id: '0',
    });
    expect(s2!.attrs.name).toBe('synthetic.pcap: noise');
    const failing = s1!.children.filter((c) => c.name === 'testcase' && c.children.length);
    expect(failing).toHaveLength(1);
    expect(failing[0]!.attrs.name).toBe('conversations[0] › close: rst');
    expect(failing[0]!.attrs.classname).toBe('pcap-explain.synthetic.conversations');
    const f = failing[0]!.children[0]!;
    expect(f.attrs).toEqual({ message: 'expected rst, actual fin by client', type: 'pcap-explain.check' });
    expect(f.text).toContain('expected: rst');
    expect(f.text).toContain('actual:   fin by client');
    expect(f.text).toContain('frames:   9-10');
    const props = s1!.children.find((c) => c.name === 'properties')!.children;
    expect(props.map((p) => [p.attrs.name, p.attrs.value])).toContainEqual(['capture', 'synthetic.pcap']);
  });

  it('escapes markup and drops characters XML cannot carry', () => {
    const m = reqrepModel();
    m.capture.file = 'a&b<c>"d\'.pcap';
    const report = checkModel(m, { name: 'x<y>&"z"\u0002', model: { 'capture.file': 'nope & <tag>' } });
    const xml = toJUnit(report, { timestamp: when });
    expect(assertJUnitShape(xml).failures).toBe(1);
    const root = parseXml(xml);
    expect(root.attrs.name).toBe('pcap-explain check a&b<c>"d\'.pcap');
    expect(root.children[0]!.attrs.name).toBe('a&b<c>"d\'.pcap: x<y>&"z"\\x02');
    const tc = root.children[0]!.children.find((c) => c.name === 'testcase')!;
    expect(tc.children[0]!.attrs.message).toBe('expected "nope & <tag>", actual "a&b<c>\\"d\'.pcap"');
  });

  it('a report without results is still a valid document', () => {
    const report = checkModel(reqrepModel(), { conversations: [] });
    expect(assertJUnitShape(toJUnit(report, { timestamp: when }))).toEqual({ tests: 0, failures: 0, suites: 1 });
  });

  it('the structural check catches what CI tools reject', () => {
    const good = toJUnit(checkModel(reqrepModel(), { capture: { frames: 1 } }), { timestamp: when });
    expect(() => assertJUnitShape(good.replace('tests="1" failures="1"', 'tests="2" failures="1"'))).toThrow(/tests/);
    expect(() => assertJUnitShape(good.replace(/<system-out\/>\n/g, ''))).toThrow(/system-out/);
    expect(() =>
      assertJUnitShape(good.replace('<testsuites', '<suites').replace('</testsuites>', '</suites>')),
    ).toThrow(/root/);
    expect(() => parseXml('<a><b></a>')).toThrow();
    expect(() => parseXml('<a x="1 & 2"/>')).toThrow(/raw/);
  });
});
