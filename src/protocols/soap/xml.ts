/**
 * A small XML 1.0 reader for SOAP envelopes and WSDL documents: elements with namespace-resolved names,
 * attributes, text (entities and CDATA decoded), byte spans. Not a validating parser: it skips the XML
 * declaration, processing instructions, comments and a DOCTYPE (without internal subset expansion: no
 * entity definitions are honoured, so no entity expansion attacks). Pure, never throws, bounded in depth
 * and element count.
 */
import type { Span } from '../reader.js';

export interface XmlElement {
  /** Qualified name as written, e.g. "soap-env:Envelope". */
  readonly qname: string;
  readonly local: string;
  /** Namespace URI the prefix (or the default namespace) resolves to; "" for none. */
  readonly ns: string;
  readonly attrs: readonly { readonly qname: string; readonly value: string }[];
  readonly children: readonly XmlElement[];
  /** The element's own text (character data directly inside it, concatenated), entities decoded. */
  readonly text: string;
  readonly span: Span;
}

export type XmlParse =
  | { readonly ok: true; readonly root: XmlElement }
  | { readonly ok: false; readonly code: string; readonly at: number };

export const XML_MAX_DEPTH = 64;
export const XML_MAX_ELEMENTS = 10000;

const utf8 = new TextDecoder('utf-8', { fatal: false });

/** One char per byte (TextDecoder's "latin1" is windows-1252, which remaps 0x80–0x9f). */
function latin1(b: Uint8Array): string {
  let s = '';
  for (let i = 0; i < b.length; i += 8192) s += String.fromCharCode(...b.subarray(i, i + 8192));
  return s;
}

/** The document is read as latin1 (one char per byte, so offsets are byte offsets); text and attribute
 * values are turned back into bytes and decoded as UTF-8. */
function u8(s: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: ASCII test
  if (/^[\x00-\x7f]*$/.test(s)) return s;
  const b = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) b[i] = s.charCodeAt(i);
  return utf8.decode(b);
}

const ENTITIES: Readonly<Record<string, string>> = { lt: '<', gt: '>', amp: '&', apos: "'", quot: '"' };

/** Character data with the five predefined entities and character references decoded. */
export function decodeEntities(s: string): string {
  return s.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[a-zA-Z]+);/g, (all, e: string) => {
    if (e[0] === '#') {
      const cp = e[1] === 'x' ? Number.parseInt(e.slice(2), 16) : Number.parseInt(e.slice(1), 10);
      return cp >= 0 && cp <= 0x10ffff ? String.fromCodePoint(cp) : all;
    }
    return ENTITIES[e] ?? all;
  });
}

interface Building {
  qname: string;
  attrs: { qname: string; value: string }[];
  children: XmlElement[];
  text: string;
  start: number;
  scope: Map<string, string>;
}

/** Parses the document in b; the root is the first element. */
export function parseXml(b: Uint8Array): XmlParse {
  const s = latin1(b);
  const stack: Building[] = [];
  let count = 0;
  let root: XmlElement | undefined;
  let pos = 0;
  const n = s.length;
  const fail = (code: string, at = pos): XmlParse => ({ ok: false, code, at });

  const resolve = (qname: string, scope: Map<string, string>, isAttr: boolean) => {
    const i = qname.indexOf(':');
    const prefix = i < 0 ? '' : qname.slice(0, i);
    const local = i < 0 ? qname : qname.slice(i + 1);
    const ns = isAttr && !prefix ? '' : (scope.get(prefix) ?? '');
    return { local, ns };
  };

  while (pos < n) {
    const lt = s.indexOf('<', pos);
    const textEnd = lt < 0 ? n : lt;
    if (textEnd > pos && stack.length) stack[stack.length - 1]!.text += decodeEntities(u8(s.slice(pos, textEnd)));
    if (lt < 0) break;
    pos = lt;
    if (s.startsWith('<?', pos)) {
      const e = s.indexOf('?>', pos + 2);
      if (e < 0) return fail('xml.truncated');
      pos = e + 2;
      continue;
    }
    if (s.startsWith('<!--', pos)) {
      const e = s.indexOf('-->', pos + 4);
      if (e < 0) return fail('xml.truncated');
      pos = e + 3;
      continue;
    }
    if (s.startsWith('<![CDATA[', pos)) {
      const e = s.indexOf(']]>', pos + 9);
      if (e < 0) return fail('xml.truncated');
      if (stack.length) stack[stack.length - 1]!.text += u8(s.slice(pos + 9, e));
      pos = e + 3;
      continue;
    }
    if (s.startsWith('<!', pos)) {
      // DOCTYPE and friends: skipped, brackets balanced, nothing defined is used
      let depth = 0;
      let i = pos + 2;
      for (; i < n; i++) {
        const c = s[i];
        if (c === '[') depth++;
        else if (c === ']') depth--;
        else if (c === '>' && depth <= 0) break;
      }
      if (i >= n) return fail('xml.truncated');
      pos = i + 1;
      continue;
    }
    if (s.startsWith('</', pos)) {
      const e = s.indexOf('>', pos + 2);
      if (e < 0) return fail('xml.truncated');
      const qname = s.slice(pos + 2, e).trim();
      const top = stack.pop();
      if (!top || top.qname !== qname) return fail('xml.end_tag.mismatch');
      const { local, ns } = resolve(top.qname, top.scope, false);
      const el: XmlElement = {
        qname: top.qname,
        local,
        ns,
        attrs: top.attrs,
        children: top.children,
        text: top.text,
        span: { offset: top.start, length: e + 1 - top.start },
      };
      pos = e + 1;
      if (stack.length) stack[stack.length - 1]!.children.push(el);
      else {
        root = el;
        break;
      }
      continue;
    }
    // start tag
    const m = /^<([A-Za-z_][-A-Za-z0-9_.:]*)/.exec(s.slice(pos, pos + 256));
    if (!m) return fail('xml.tag.bad');
    if (++count > XML_MAX_ELEMENTS) return fail('xml.too_many');
    if (stack.length >= XML_MAX_DEPTH) return fail('xml.too_deep');
    const start = pos;
    const qname = m[1]!;
    pos += m[0].length;
    const attrs: { qname: string; value: string }[] = [];
    let selfClose = false;
    for (;;) {
      while (pos < n && /\s/.test(s[pos]!)) pos++;
      if (pos >= n) return fail('xml.truncated');
      if (s[pos] === '>') {
        pos++;
        break;
      }
      if (s.startsWith('/>', pos)) {
        pos += 2;
        selfClose = true;
        break;
      }
      const am = /^([A-Za-z_][-A-Za-z0-9_.:]*)\s*=\s*("([^"<]*)"|'([^'<]*)')/.exec(s.slice(pos, pos + 65536));
      if (!am) return fail(pos + 1 >= n ? 'xml.truncated' : 'xml.attribute.bad');
      attrs.push({ qname: am[1]!, value: decodeEntities(u8(am[3] ?? am[4] ?? '')) });
      pos += am[0].length;
    }
    const parentScope = stack.length
      ? stack[stack.length - 1]!.scope
      : new Map([['xml', 'http://www.w3.org/XML/1998/namespace']]);
    let scope = parentScope;
    for (const a of attrs) {
      if (a.qname === 'xmlns' || a.qname.startsWith('xmlns:')) {
        if (scope === parentScope) scope = new Map(parentScope);
        scope.set(a.qname === 'xmlns' ? '' : a.qname.slice(6), a.value);
      }
    }
    const building: Building = { qname, attrs, children: [], text: '', start, scope };
    if (selfClose) {
      const { local, ns } = resolve(qname, scope, false);
      const el: XmlElement = {
        qname,
        local,
        ns,
        attrs,
        children: [],
        text: '',
        span: { offset: start, length: pos - start },
      };
      if (stack.length) stack[stack.length - 1]!.children.push(el);
      else {
        root = el;
        break;
      }
    } else stack.push(building);
  }
  if (!root) return fail(stack.length ? 'xml.truncated' : 'xml.no_root');
  return { ok: true, root };
}

/** Attribute value by qualified name. */
export function attr(el: XmlElement, qname: string): string | undefined {
  for (const a of el.attrs) if (a.qname === qname) return a.value;
  return undefined;
}

/** All text inside an element, its descendants' included, in document order. */
export function allText(el: XmlElement): string {
  return el.children.length === 0 ? el.text : el.text + el.children.map(allText).join('');
}
