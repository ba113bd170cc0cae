/**
 * soap.* display-filter fields: pcap-explain's own names (Wireshark 4.0 has no SOAP dissector: it shows the
 * body as XML, xml.tag / xml.cdata, and the SOAPAction header only in http.request.line), read from the SOAP
 * records the HTTP messages a frame completes carry.
 */
import { carried, flag, many } from '../../filter/fields/define.js';
import type { FieldTable, FrameView, Value } from '../../filter/types.js';
import type { SoapRecord } from './model.js';

const records = (v: FrameView) => carried(v, 'soap');

function each(get: (r: SoapRecord, out: Value[]) => void) {
  return (v: FrameView, out: Value[]) => {
    for (const r of records(v)) get(r, out);
  };
}

export const SOAP_FIELDS: FieldTable = {
  proto: 'soap',
  title: 'SOAP',
  fields: [
    flag('soap', 'protocol', 'A SOAP message (or the WSDL fetch) ends in this frame', (v) => records(v).length > 0),
    many(
      'soap.kind',
      'string',
      'wsdl-request, wsdl, call, response, fault or empty',
      each((r, out) => out.push(r.kind)),
    ),
    many(
      'soap.action',
      'string',
      'SOAPAction header of a call, quotes removed',
      each((r, out) => {
        if (r.kind === 'call' && r.action !== undefined) out.push(r.action);
      }),
    ),
    many(
      'soap.operation',
      'string',
      "The Body's element: a call's operation (add) or its answer (addResponse)",
      each((r, out) => {
        if (r.kind === 'call' || r.kind === 'response') out.push(r.operation);
      }),
    ),
    many(
      'soap.namespace',
      'string',
      "Namespace of the Body's element",
      each((r, out) => {
        if (r.kind === 'call' || r.kind === 'response') out.push(r.namespace);
      }),
    ),
    many(
      'soap.argument',
      'string',
      'An argument of a call or a value of an answer, name=value (a=10, addResult=15)',
      each((r, out) => {
        const vs = r.kind === 'call' ? r.args : r.kind === 'response' ? r.values : [];
        for (const x of vs) out.push(`${x.name}=${x.value}`);
      }),
    ),
    many(
      'soap.fault.code',
      'string',
      'faultcode of a Fault (soap11env:Server)',
      each((r, out) => {
        if (r.kind === 'fault') out.push(r.faultcode);
      }),
    ),
    many(
      'soap.fault.string',
      'string',
      'faultstring of a Fault',
      each((r, out) => {
        if (r.kind === 'fault') out.push(r.faultstring);
      }),
    ),
    many(
      'soap.wsdl.operation',
      'string',
      "An operation a WSDL's portTypes list",
      each((r, out) => {
        if (r.kind === 'wsdl') for (const o of r.operations) out.push(o);
      }),
    ),
    many(
      'soap.wsdl.service',
      'string',
      'A service a WSDL describes',
      each((r, out) => {
        if (r.kind === 'wsdl') for (const s of r.services) out.push(s);
      }),
    ),
  ],
};
