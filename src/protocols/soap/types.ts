/**
 * SOAP 1.1 (W3C Note, 8 May 2000) messages over HTTP as ./decode.ts returns them, and the WSDL 1.1 document
 * a client fetches first (`GET /?wsdl`). Wireshark shows SOAP as XML (xml.tag, xml.attribute) and the
 * header as http.soap_action.
 */
import type { Span } from '../reader.js';

export const SOAP11_ENV = 'http://schemas.xmlsoap.org/soap/envelope/';
export const SOAP12_ENV = 'http://www.w3.org/2003/05/soap-envelope';
export const WSDL11 = 'http://schemas.xmlsoap.org/wsdl/';

export interface SoapArgument {
  /** Local name of the child element of the operation element, e.g. "a". */
  readonly name: string;
  /** Its text (descendants' text included), entities decoded. */
  readonly value: string;
  /** Child elements it has (0 for a simple value). */
  readonly children: number;
  /** xsi:nil="true" / "1" */
  readonly nil: boolean;
}

/** The first element of the Body that is not a Fault: a call ("add") or a response ("addResponse"). */
export interface SoapEnvelope {
  readonly kind: 'envelope';
  readonly version: '1.1';
  /** The HTTP SOAPAction header the caller passed in, quotes removed; undefined when there was none. */
  readonly soapAction: string | undefined;
  /** Local names of the Header's entries. */
  readonly headerEntries: readonly string[];
  /** Local name of the first Body child ("add", "addResponse"). */
  readonly operation: string;
  readonly namespace: string;
  /** "Response"-suffixed element names are answers by the SOAP RPC convention (a guess, not a rule). */
  readonly looksLikeResponse: boolean;
  readonly arguments: readonly SoapArgument[];
  /** Other Body children after the first (rare in RPC style). */
  readonly moreBodyElements: number;
  readonly span: Span;
}

export interface SoapFault {
  readonly kind: 'fault';
  readonly version: '1.1';
  readonly soapAction: string | undefined;
  /** faultcode as written, e.g. "soap11env:Server"; and its local part ("Server"). */
  readonly faultcode: string;
  readonly faultcodeLocal: string;
  readonly faultstring: string;
  readonly faultactor: string | undefined;
  /** Text of the detail element, when there is one. */
  readonly detail: string | undefined;
  readonly span: Span;
}

/** A WSDL 1.1 definitions document. */
export interface Wsdl {
  readonly kind: 'wsdl';
  readonly targetNamespace: string | undefined;
  readonly services: readonly string[];
  /** Operation names of the portTypes. */
  readonly operations: readonly string[];
  /** soap:address location of each port. */
  readonly addresses: readonly string[];
}

/** An empty Body. */
export interface SoapEmpty {
  readonly kind: 'empty-body';
  readonly version: '1.1';
  readonly soapAction: string | undefined;
}

export type SoapMessage = SoapEnvelope | SoapFault | SoapEmpty | Wsdl;
