/**
 * SOAP 1.1 bodies (and the WSDL 1.1 documents beside them): a pure decoder over an HTTP body.
 *
 *   <Envelope xmlns="http://schemas.xmlsoap.org/soap/envelope/">   (any prefix)
 *     <Header> entries… </Header>                                   (optional)
 *     <Body> <op xmlns="tns"> <arg1>…</arg1> … </op> </Body>        a call, or "opResponse" with "opResult"
 *     <Body> <Fault> <faultcode/> <faultstring/> [<faultactor/>] [<detail/>] </Fault> </Body>
 *
 * The operation is the first Body child's local name (SOAP 1.1 §7.1 RPC convention); its child elements
 * are the arguments (or the result). The SOAPAction HTTP header is passed in by the caller (it is not in
 * the body). A `definitions` root in the WSDL namespace is decoded as a WSDL summary.
 *
 * Outcomes: not well-formed XML → malformed `soap.xml.invalid` (params: the XML reader's code); a root that
 * is neither a SOAP Envelope nor WSDL → unsupported `soap.not_envelope`; a SOAP 1.2 envelope → unsupported
 * `soap.version.12`; an Envelope without Body → malformed `soap.body.missing`. Never throws.
 */
import { malformed, type Outcome } from '../reader.js';
import { SOAP11_ENV, SOAP12_ENV, type SoapArgument, type SoapMessage, WSDL11 } from './types.js';
import { allText, attr, parseXml, type XmlElement } from './xml.js';

export const SOAP_NOTES = {
  'soap.xml.invalid': 'error',
  'soap.not_envelope': 'note',
  'soap.version.12': 'note',
  'soap.body.missing': 'error',
} as const;

/** Cheap test before parsing: an XML body that names the SOAP 1.1 envelope namespace. */
export function looksLikeSoap(b: Uint8Array): boolean {
  const head = new TextDecoder('utf-8').decode(b.subarray(0, Math.min(b.length, 4096)));
  return /<\s*([A-Za-z_][-\w.]*:)?Envelope\b/.test(head) && head.includes(SOAP11_ENV);
}

function child(el: XmlElement, local: string, ns?: string): XmlElement | undefined {
  for (const c of el.children) if (c.local === local && (ns === undefined || c.ns === ns)) return c;
  return undefined;
}

function unquote(s: string | undefined): string | undefined {
  if (s === undefined) return undefined;
  const t = s.trim();
  return t.length >= 2 && t.startsWith('"') && t.endsWith('"') ? t.slice(1, -1) : t;
}

function isNil(el: XmlElement): boolean {
  for (const a of el.attrs) {
    if ((a.qname === 'nil' || a.qname.endsWith(':nil')) && (a.value === 'true' || a.value === '1')) return true;
  }
  return false;
}

function wsdl(root: XmlElement): SoapMessage {
  const services: string[] = [];
  const operations: string[] = [];
  const addresses: string[] = [];
  for (const c of root.children) {
    if (c.local === 'portType' && c.ns === WSDL11) {
      for (const o of c.children) if (o.local === 'operation') operations.push(attr(o, 'name') ?? '');
    }
    if (c.local === 'service' && c.ns === WSDL11) {
      services.push(attr(c, 'name') ?? '');
      for (const port of c.children) {
        for (const a of port.children) if (a.local === 'address') addresses.push(attr(a, 'location') ?? '');
      }
    }
  }
  return { kind: 'wsdl', targetNamespace: attr(root, 'targetNamespace'), services, operations, addresses };
}

/** Decodes one HTTP body; `soapAction` is the request's SOAPAction header value, if any. */
export function decode(body: Uint8Array, opts: { soapAction?: string } = {}): Outcome<SoapMessage> {
  const x = parseXml(body);
  if (!x.ok) return malformed('soap.xml.invalid', x.at, { xml: x.code });
  const root = x.root;
  if (root.local === 'definitions' && root.ns === WSDL11) return { kind: 'ok', message: wsdl(root) };
  if (root.local === 'Envelope' && root.ns === SOAP12_ENV) return { kind: 'unsupported', code: 'soap.version.12' };
  if (root.local !== 'Envelope' || root.ns !== SOAP11_ENV) return { kind: 'unsupported', code: 'soap.not_envelope' };
  const soapAction = unquote(opts.soapAction);
  const bodyEl = child(root, 'Body', SOAP11_ENV);
  if (!bodyEl) return malformed('soap.body.missing', root.span.offset);
  const headerEl = child(root, 'Header', SOAP11_ENV);
  const headerEntries = headerEl ? headerEl.children.map((c) => c.local) : [];
  const first = bodyEl.children[0];
  if (!first) return { kind: 'ok', message: { kind: 'empty-body', version: '1.1', soapAction } };
  if (first.local === 'Fault' && first.ns === SOAP11_ENV) {
    // faultcode etc. are unqualified in SOAP 1.1 (some toolkits qualify them: match the local name)
    const get = (n: string) => {
      const c = child(first, n);
      return c ? allText(c).trim() : undefined;
    };
    const faultcode = get('faultcode') ?? '';
    return {
      kind: 'ok',
      message: {
        kind: 'fault',
        version: '1.1',
        soapAction,
        faultcode,
        faultcodeLocal: faultcode.includes(':') ? faultcode.slice(faultcode.indexOf(':') + 1) : faultcode,
        faultstring: get('faultstring') ?? '',
        faultactor: get('faultactor'),
        detail: get('detail'),
        span: first.span,
      },
    };
  }
  const args: SoapArgument[] = first.children.map((c) => ({
    name: c.local,
    value: allText(c).trim(),
    children: c.children.length,
    nil: isNil(c),
  }));
  return {
    kind: 'ok',
    message: {
      kind: 'envelope',
      version: '1.1',
      soapAction,
      headerEntries,
      operation: first.local,
      namespace: first.ns,
      looksLikeResponse: first.local.endsWith('Response'),
      arguments: args,
      moreBodyElements: bodyEl.children.length - 1,
      span: first.span,
    },
  };
}
