/**
 * A strict little XML reader (elements, attributes, text, entities; no DTD) and a structural check of the
 * JUnit XML shape CI tools read — the Ant/Jenkins junit schema (junit-10.xsd): the attribute and child
 * rules of <testsuites>, <testsuite>, <properties>, <testcase>, <failure>, <system-out>, <system-err>.
 */

export interface XmlElement {
  name: string;
  attrs: Record<string, string>;
  children: XmlElement[];
  text: string;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decode(s: string): string {
  return s.replace(/&(#x[0-9a-fA-F]+|#\d+|\w+);/g, (m, e: string) => {
    if (e.startsWith('#x')) return String.fromCodePoint(Number.parseInt(e.slice(2), 16));
    if (e.startsWith('#')) return String.fromCodePoint(Number(e.slice(1)));
    if (e in ENTITIES) return ENTITIES[e]!;
    throw new Error(`unknown entity ${m}`);
  });
}

/** Parse a document; throws on anything malformed (unclosed tags, bad attributes, raw < or &). */
export function parseXml(doc: string): XmlElement {
  let i = 0;
  const fail = (msg: string): never => {
    throw new Error(`${msg} at offset ${i}: ${JSON.stringify(doc.slice(i, i + 40))}`);
  };
  if (doc.startsWith('<?xml')) {
    const end = doc.indexOf('?>');
    if (end < 0) fail('unterminated XML declaration');
    if (!/encoding="UTF-8"/i.test(doc.slice(0, end))) fail('no UTF-8 encoding declared');
    i = end + 2;
  }
  const ws = () => {
    while (i < doc.length && /\s/.test(doc[i]!)) i++;
  };
  const name = (): string => {
    const m = /^[A-Za-z_][\w.-]*/.exec(doc.slice(i));
    if (!m) return fail('expected a name');
    i += m[0].length;
    return m[0];
  };
  const element = (): XmlElement => {
    if (doc[i] !== '<') fail('expected <');
    i++;
    const el: XmlElement = { name: name(), attrs: {}, children: [], text: '' };
    for (;;) {
      ws();
      if (doc.startsWith('/>', i)) {
        i += 2;
        return el;
      }
      if (doc[i] === '>') {
        i++;
        break;
      }
      const a = name();
      if (doc[i] !== '=') fail('expected =');
      i++;
      const q = doc[i];
      if (q !== '"' && q !== "'") fail('expected a quote');
      const end = doc.indexOf(q!, i + 1);
      if (end < 0) fail('unterminated attribute');
      const raw = doc.slice(i + 1, end);
      if (/[<]/.test(raw) || /&(?!(#x[0-9a-fA-F]+|#\d+|\w+);)/.test(raw)) fail('raw < or & in an attribute');
      if (a in el.attrs) fail(`duplicate attribute ${a}`);
      el.attrs[a] = decode(raw);
      i = end + 1;
    }
    for (;;) {
      const lt = doc.indexOf('<', i);
      if (lt < 0) fail(`unclosed <${el.name}>`);
      const text = doc.slice(i, lt);
      if (/&(?!(#x[0-9a-fA-F]+|#\d+|\w+);)/.test(text)) fail('raw & in text');
      el.text += decode(text);
      i = lt;
      if (doc.startsWith('</', i)) {
        i += 2;
        const n = name();
        if (n !== el.name) fail(`</${n}> closes <${el.name}>`);
        ws();
        if (doc[i] !== '>') fail('expected >');
        i++;
        return el;
      }
      el.children.push(element());
    }
  };
  ws();
  const root = element();
  ws();
  if (i !== doc.length) fail('content after the root element');
  // XML 1.0 forbids most control characters anywhere in the document
  // biome-ignore lint/suspicious/noControlCharactersInRegex: that is the point
  if (/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/.test(doc)) throw new Error('control character in the document');
  return root;
}

const NUMBER = /^\d+(\.\d+)?$/;
const INT = /^\d+$/;
const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/;

function need(el: XmlElement, attr: string, re?: RegExp): string {
  const v = el.attrs[attr];
  if (v === undefined) throw new Error(`<${el.name}> lacks the required attribute ${attr}`);
  if (re && !re.test(v)) throw new Error(`<${el.name} ${attr}="${v}"> does not match ${re}`);
  return v;
}

/** Throws unless `doc` has the JUnit shape; returns the totals it declares. */
export function assertJUnitShape(doc: string): { tests: number; failures: number; suites: number } {
  const root = parseXml(doc);
  if (root.name !== 'testsuites') throw new Error(`root is <${root.name}>, not <testsuites>`);
  const tests = Number(need(root, 'tests', INT));
  const failures = Number(need(root, 'failures', INT));
  need(root, 'errors', INT);
  if (root.attrs.time !== undefined) need(root, 'time', NUMBER);
  let sumTests = 0;
  let sumFailures = 0;
  root.children.forEach((suite, idx) => {
    if (suite.name !== 'testsuite') throw new Error(`<testsuites> holds <${suite.name}>`);
    need(suite, 'name');
    need(suite, 'timestamp', TIMESTAMP);
    need(suite, 'hostname');
    need(suite, 'time', NUMBER);
    need(suite, 'package');
    if (Number(need(suite, 'id', INT)) !== idx) throw new Error('testsuite ids must count from 0');
    const t = Number(need(suite, 'tests', INT));
    const f = Number(need(suite, 'failures', INT));
    need(suite, 'errors', INT);
    const kids = suite.children.map((c) => c.name);
    // sequence: properties?, testcase*, system-out, system-err
    const order = ['properties', 'testcase', 'system-out', 'system-err'];
    let last = 0;
    for (const k of kids) {
      const at = order.indexOf(k);
      if (at < 0) throw new Error(`<testsuite> holds <${k}>`);
      if (at < last) throw new Error(`<${k}> out of order in <testsuite>`);
      last = at;
    }
    if (!kids.includes('system-out') || !kids.includes('system-err'))
      throw new Error('<testsuite> needs <system-out> and <system-err>');
    for (const p of suite.children.find((c) => c.name === 'properties')?.children ?? []) {
      if (p.name !== 'property') throw new Error(`<properties> holds <${p.name}>`);
      need(p, 'name');
      need(p, 'value');
    }
    const cases = suite.children.filter((c) => c.name === 'testcase');
    let failed = 0;
    for (const c of cases) {
      need(c, 'name');
      need(c, 'classname');
      need(c, 'time', NUMBER);
      if (c.children.length > 1) throw new Error('<testcase> has more than one child');
      for (const ch of c.children) {
        if (ch.name !== 'failure' && ch.name !== 'error' && ch.name !== 'skipped')
          throw new Error(`<testcase> holds <${ch.name}>`);
        if (ch.name !== 'skipped') {
          need(ch, 'message');
          need(ch, 'type');
        }
        if (ch.name === 'failure') failed++;
      }
    }
    if (cases.length !== t) throw new Error(`testsuite says tests="${t}" but has ${cases.length} <testcase>`);
    if (failed !== f) throw new Error(`testsuite says failures="${f}" but has ${failed} <failure>`);
    sumTests += t;
    sumFailures += f;
  });
  if (sumTests !== tests) throw new Error(`testsuites says tests="${tests}", suites hold ${sumTests}`);
  if (sumFailures !== failures) throw new Error(`testsuites says failures="${failures}", suites hold ${sumFailures}`);
  return { tests, failures, suites: root.children.length };
}
