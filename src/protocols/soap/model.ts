/**
 * SOAP's part of the JSON model: the record an HTTP message's `carried` holds when it belongs to SOAP (read
 * by ./read.ts): the WSDL fetch (`GET …?wsdl`) and the WSDL it answers, a call (the Body's first element
 * in a request), its response (the `…Response` element), a Fault. Texts are at most TEXT_MAX characters.
 */
import type { CarriedRecord } from '../../analysis/model.js';

interface SoapBase extends CarriedRecord {
  proto: 'soap';
}

/** A child element of the Body's element: an argument of a call, a value of a response ("addResult"). */
export interface SoapValue {
  name: string;
  /** Its text (its descendants' text too), trimmed. */
  value: string;
  /** Child elements it has (a structure, not a simple value). */
  children?: number;
  /** xsi:nil="true": no value. */
  nil?: true;
}

/** A request for the service's description: GET with a `wsdl` query (`/?wsdl`). */
export interface SoapWsdlRequestRecord extends SoapBase {
  kind: 'wsdl-request';
}

/** A WSDL 1.1 document: the services, the operations of its portTypes, the ports' addresses. */
export interface SoapWsdlRecord extends SoapBase {
  kind: 'wsdl';
  target_namespace?: string;
  services: string[];
  operations: string[];
  addresses: string[];
}

/** A SOAP 1.1 call: the Body's first element, its namespace and children, the SOAPAction header. */
export interface SoapCallRecord extends SoapBase {
  kind: 'call';
  /** The SOAPAction header, quotes removed (absent: not sent). */
  action?: string;
  operation: string;
  namespace: string;
  args: SoapValue[];
  /** Local names of the Header's entries (absent: no Header). */
  header_entries?: string[];
}

/** The answer to a call: the Body's first element ("addResponse") and its children ("addResult"). */
export interface SoapResponseRecord extends SoapBase {
  kind: 'response';
  operation: string;
  namespace: string;
  values: SoapValue[];
  /** The operation of the call it answers. */
  call?: string;
}

/** A SOAP 1.1 Fault. */
export interface SoapFaultRecord extends SoapBase {
  kind: 'fault';
  /** faultcode as written ("soap11env:Server"). */
  faultcode: string;
  faultstring: string;
  faultactor?: string;
  detail?: string;
  call?: string;
}

/** An envelope with an empty Body. */
export interface SoapEmptyRecord extends SoapBase {
  kind: 'empty';
}

export type SoapRecord =
  | SoapWsdlRequestRecord
  | SoapWsdlRecord
  | SoapCallRecord
  | SoapResponseRecord
  | SoapFaultRecord
  | SoapEmptyRecord;

/** The longest text kept for a value, a faultstring or a detail. */
export const TEXT_MAX = 256;
