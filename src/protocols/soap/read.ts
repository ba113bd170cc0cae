/**
 * SOAP as a protocol carried in HTTP bodies: which messages it claims and the record it makes of them.
 *
 * A GET whose query names `wsdl` (`/?wsdl`, `?WSDL`) asks for the service description: its answer is read
 * as a WSDL document. A body is SOAP's when its media type is XML's (text/xml for SOAP 1.1,
 * application/soap+xml, application/xml, or none) and it names the SOAP 1.1 envelope (looksLikeSoap); a
 * response to a SOAP request is read whatever its first bytes. A call's SOAPAction header is read from the
 * request. In a request the Body's element is a call; in a response an answer (or a Fault), which takes the
 * operation of the call it answers (HTTP pairs them in order).
 */
import type { CarriedReading, CarrierMessage } from '../../analysis/app/protocol.js';
import type { CarriedRecord } from '../../analysis/model.js';
import { decode, looksLikeSoap, SOAP_NOTES } from './decode.js';
import { type SoapRecord, type SoapValue, TEXT_MAX } from './model.js';
import { type SoapArgument, WSDL11 } from './types.js';

export const NOTES = {
  ...SOAP_NOTES,
  /** The answer to a SOAP request is not SOAP (an error page, an empty body). */
  'soap.response.missing': 'warn',
  /** The body was cut short (lost bytes, a cap, a compressed body): not read. */
  'soap.body.partial': 'note',
} as const;

const XML_TYPES = new Set(['text/xml', 'application/soap+xml', 'application/xml']);

function xmlType(ct: string | undefined): boolean {
  return ct === undefined || XML_TYPES.has(ct) || ct.endsWith('+xml');
}

const cut = (s: string) => (s.length > TEXT_MAX ? `${s.slice(0, TEXT_MAX - 1)}…` : s);

function value(a: SoapArgument): SoapValue {
  const v: SoapValue = { name: a.name, value: cut(a.value) };
  if (a.children > 0) v.children = a.children;
  if (a.nil) v.nil = true;
  return v;
}

/** A request for the WSDL: GET with a query parameter named wsdl. */
function wsdlRequest(m: CarrierMessage): boolean {
  if (m.method !== 'GET' || m.target === undefined) return false;
  const q = m.target.indexOf('?');
  return q >= 0 && /(^|&)wsdl(=|&|$)/i.test(m.target.slice(q + 1));
}

function looksLikeWsdl(b: Uint8Array): boolean {
  const head = new TextDecoder('utf-8').decode(b.subarray(0, Math.min(b.length, 4096)));
  return /<\s*([A-Za-z_][-\w.]*:)?definitions\b/.test(head) && head.includes(WSDL11);
}

const ok = (record: SoapRecord): CarriedReading => ({ record });

function isSoap(r: CarriedRecord | undefined): r is SoapRecord {
  return r?.proto === 'soap';
}

/** The reading of one HTTP message (undefined: not SOAP's). */
export function read(m: CarrierMessage): CarriedReading | undefined {
  if (m.kind === 'request' && wsdlRequest(m)) return ok({ proto: 'soap', kind: 'wsdl-request' });
  const req = isSoap(m.request) ? m.request : undefined;
  const answer = m.kind === 'response' && req !== undefined;
  if (!answer) {
    if (m.body.length === 0 || !xmlType(m.contentType)) return undefined;
    if (!looksLikeSoap(m.body) && !looksLikeWsdl(m.body)) return undefined;
  } else if (m.body.length === 0 || !xmlType(m.contentType)) return { notes: [{ code: 'soap.response.missing' }] };
  if (!m.whole) return { notes: [{ code: 'soap.body.partial' }] };
  const action = m.kind === 'request' ? m.header('soapaction') : undefined;
  const d = decode(m.body, action !== undefined ? { soapAction: action } : {});
  switch (d.kind) {
    case 'ok':
      break;
    case 'malformed':
      return { notes: [{ code: d.code, ...(d.params ? { params: { ...d.params } } : {}) }] };
    case 'unsupported':
      // SOAP 1.2 is told as a note; other XML is no SOAP
      if (d.code === 'soap.version.12') return { notes: [{ code: d.code }] };
      return answer ? { notes: [{ code: 'soap.response.missing' }] } : undefined;
    case 'truncated':
      return answer ? { notes: [{ code: 'soap.response.missing' }] } : undefined;
    default: {
      const never: never = d;
      return never;
    }
  }
  const msg = d.message;
  const call = req?.kind === 'call' ? { call: req.operation } : {};
  switch (msg.kind) {
    case 'wsdl':
      return ok({
        proto: 'soap',
        kind: 'wsdl',
        ...(msg.targetNamespace !== undefined ? { target_namespace: msg.targetNamespace } : {}),
        services: [...msg.services],
        operations: [...msg.operations],
        addresses: [...msg.addresses],
      });
    case 'empty-body':
      return ok({ proto: 'soap', kind: 'empty' });
    case 'fault': {
      const record: SoapRecord = {
        proto: 'soap',
        kind: 'fault',
        faultcode: msg.faultcode,
        faultstring: cut(msg.faultstring),
        ...(msg.faultactor ? { faultactor: msg.faultactor } : {}),
        ...(msg.detail ? { detail: cut(msg.detail) } : {}),
        ...call,
      };
      // (a fault comes with status 500: the carrier names it by its status unless the status hides it)
      return { record, error: `${msg.faultcode}: ${cut(msg.faultstring)}`, ...call };
    }
    case 'envelope':
      if (m.kind === 'request')
        return ok({
          proto: 'soap',
          kind: 'call',
          ...(msg.soapAction !== undefined ? { action: msg.soapAction } : {}),
          operation: msg.operation,
          namespace: msg.namespace,
          args: msg.arguments.map(value),
          ...(msg.headerEntries.length > 0 ? { header_entries: [...msg.headerEntries] } : {}),
        });
      return ok({
        proto: 'soap',
        kind: 'response',
        operation: msg.operation,
        namespace: msg.namespace,
        values: msg.arguments.map(value),
        ...call,
      });
    default: {
      const never: never = msg;
      return never;
    }
  }
}
