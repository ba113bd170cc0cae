import type { Catalogue } from '../../explain/catalog/types.js';

/** English texts of SOAP (carried in HTTP bodies): its frame sentences, story, overview entries and note codes. */
export const en: Catalogue = {
  'app.soap': 'SOAP',
  'frag.soap.call': 'the call of {operation}',
  'frag.soap.args': 'the arguments {args}',
  'frag.soap.noargs': 'no arguments',
  'ex.soap.wsdl_request':
    '{who} {addr} asks {peer_who} {peer_addr} for the service description (WSDL) with {carrier}: from it a SOAP client learns which operations it can call and how.',
  'ex.soap.wsdl':
    '{who} {addr} answers with the WSDL of {services} in the body of {carrier}: it lists {count} {count:operation|operations} ({operations}) at {address}.',
  'ex.soap.wsdl.lat':
    '{who} {addr} answers the request of frame {req} with the WSDL of {services} in the body of {carrier}, {latency} later: it lists {count} {count:operation|operations} ({operations}) at {address}.',
  'ex.soap.call':
    '{who} {addr} calls the SOAP operation {operation} on {peer_who} {peer_addr} with {args}, in the body of {carrier} (SOAPAction: "{action}"; the Body holds the element {operation} of the namespace {namespace}).',
  'ex.soap.call.noaction':
    '{who} {addr} calls the SOAP operation {operation} on {peer_who} {peer_addr} with {args}, in the body of {carrier} (no SOAPAction header; the Body holds the element {operation} of the namespace {namespace}).',
  'ex.soap.response': '{who} {addr} answers {call} with {element}: {values}, in the body of {carrier}.',
  'ex.soap.response.lat':
    '{who} {addr} answers {call} from frame {req} with {element}: {values}, in the body of {carrier}, {latency} later.',
  'ex.soap.response.empty': '{who} {addr} answers {call} with an empty {element}, in the body of {carrier}.',
  'ex.soap.response.empty.lat':
    '{who} {addr} answers {call} from frame {req} with an empty {element}, in the body of {carrier}, {latency} later.',
  'ex.soap.fault':
    '{who} {addr} answers with a SOAP Fault (faultcode {code}, faultstring "{string}"), in the body of {carrier}.{meaning}',
  'ex.soap.fault.lat':
    '{who} {addr} answers the request of frame {req} with a SOAP Fault (faultcode {code}, faultstring "{string}"), in the body of {carrier}, {latency} later.{meaning}',
  'ex.soap.fault.call':
    '{who} {addr} answers {call} with a SOAP Fault (faultcode {code}, faultstring "{string}"), in the body of {carrier}.{meaning}',
  'ex.soap.fault.call.lat':
    '{who} {addr} answers {call} from frame {req} with a SOAP Fault (faultcode {code}, faultstring "{string}"), in the body of {carrier}, {latency} later.{meaning}',
  'ex.soap.empty': '{who} {addr} sends a SOAP envelope with an empty Body, in the body of {carrier}.',
  'soap.meaning.server': 'The code Server means the server failed to process a message that may be correct.',
  'soap.meaning.client': 'The code Client means the message itself was wrong or lacked something.',
  'soap.meaning.version': 'The code VersionMismatch means the envelope is not of a SOAP version the server reads.',
  'soap.meaning.must': 'The code MustUnderstand means a header entry the server had to understand was not understood.',
  'story.soap':
    '{who} {addr}, a SOAP client, sends {count} {via} {count:request|requests} to {s_who} {s_addr}: {pairs}.',
  'story.soap.wsdl':
    'The WSDL describes {services} with {count} {count:operation|operations} ({operations}) at {address}.',
  'story.soap.fault': 'The server answers with a SOAP Fault: {code}, "{string}".',
  'story.soap.fault.call': 'The call {call} ends in a SOAP Fault: {code}, "{string}".',
  'ov.conv.soap': 'SOAP over {via}, {count} {count:request|requests} ({operations})',
  'role.soap.server': 'SOAP server (over {via}) on :{port}',
  'role.soap.client': 'SOAP client of {server}',
  'soap.xml.invalid': 'The body looks like SOAP but is not well-formed XML ({xml}).',
  'soap.not_envelope': 'The XML body is not a SOAP envelope.',
  'soap.version.12': 'The body is a SOAP 1.2 envelope; only SOAP 1.1 is decoded.',
  'soap.body.missing': 'The SOAP envelope has no Body.',
  'soap.response.missing': 'The answer to this SOAP request is not SOAP.',
  'soap.body.partial': 'The SOAP body is incomplete (bytes missing, cut or compressed) and is not read.',
};
