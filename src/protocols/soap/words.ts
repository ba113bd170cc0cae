/**
 * What SOAP tells, through HTTP's words (it is carried in HTTP bodies): the WSDL fetch and the operations
 * the WSDL lists, a call (operation, SOAPAction, arguments), its response (the …Response element and its
 * …Result), a Fault; the story's opening and what it adds; roles and the overview line.
 */
import type { FrameConv } from '../../explain/context.js';
import { ellipsize, list, type Params, type Say } from '../../explain/format.js';
import type { Tell } from '../../explain/protocol.js';
import type { SoapRecord, SoapValue } from './model.js';

const LABEL_MAX = 120;

/** "a=10, b=5" (a structure: its name and how many elements it holds; nil: "nil"). */
export function valuesText(vs: readonly SoapValue[]): string {
  return vs
    .map((v) => {
      if (v.nil) return `${v.name}=nil`;
      if (v.children) return `${v.name}={${v.children}}`;
      return `${v.name}=${ellipsize(v.value, 40)}`;
    })
    .join(', ');
}

export function label(r: SoapRecord): string {
  switch (r.kind) {
    case 'wsdl-request':
      return '';
    case 'wsdl':
      return ellipsize(`WSDL: ${r.operations.join(', ')}`, LABEL_MAX);
    case 'call':
      return ellipsize(`${r.operation}(${valuesText(r.args)})`, LABEL_MAX);
    case 'response':
      return ellipsize(r.values.length > 0 ? valuesText(r.values) : r.operation, LABEL_MAX);
    case 'fault':
      return ellipsize(`Fault ${r.faultcode}: ${r.faultstring}`, LABEL_MAX);
    case 'empty':
      return '(empty Body)';
    default: {
      const never: never = r;
      return never;
    }
  }
}

export function info(r: SoapRecord): string {
  switch (r.kind) {
    case 'wsdl-request':
      return 'SOAP WSDL request';
    case 'wsdl':
      return `SOAP WSDL (${r.operations.join(', ') || 'no operations'})`;
    case 'call':
      return `SOAP ${label(r)}${r.action !== undefined ? ` SOAPAction=${JSON.stringify(r.action)}` : ''}`;
    case 'response':
      return `SOAP ${r.operation}${r.values.length > 0 ? ` ${valuesText(r.values)}` : ''}`;
    case 'fault':
      return `SOAP ${label(r)}`;
    case 'empty':
      return 'SOAP (empty Body)';
    default: {
      const never: never = r;
      return never;
    }
  }
}

/** What a SOAP 1.1 faultcode's local part means (§4.4.1), or ''. */
function faultMeaning(say: Say, faultcode: string): string {
  const local = faultcode.includes(':') ? faultcode.slice(faultcode.indexOf(':') + 1) : faultcode;
  const base = local.split('.')[0];
  switch (base) {
    case 'Server':
      return say('soap.meaning.server');
    case 'Client':
      return say('soap.meaning.client');
    case 'VersionMismatch':
      return say('soap.meaning.version');
    case 'MustUnderstand':
      return say('soap.meaning.must');
    default:
      return '';
  }
}

export function sentence(say: Say, _ctx: FrameConv, r: SoapRecord, t: Tell, p: { carrier: string }): string {
  const carrier = p.carrier;
  switch (r.kind) {
    case 'wsdl-request':
      return t.one('ex.soap.wsdl_request', { carrier });
    case 'wsdl':
      return t.reply('ex.soap.wsdl', {
        services: list(say, r.services, 3) || '?',
        count: r.operations.length,
        operations: list(say, r.operations, 8),
        address: list(say, r.addresses, 3) || '?',
        carrier,
      });
    case 'call': {
      const args = valuesText(r.args);
      const p2 = {
        operation: r.operation,
        args: args ? say('frag.soap.args', { args }) : say('frag.soap.noargs'),
        namespace: r.namespace || '-',
        action: r.action ?? '',
        carrier,
      };
      return t.one(r.action !== undefined ? 'ex.soap.call' : 'ex.soap.call.noaction', p2);
    }
    case 'response':
      return t.reply(r.values.length > 0 ? 'ex.soap.response' : 'ex.soap.response.empty', {
        call: say('frag.soap.call', { operation: r.call ?? r.operation }),
        element: r.operation,
        values: valuesText(r.values),
        carrier,
      });
    case 'fault': {
      const m = faultMeaning(say, r.faultcode);
      return t.reply(r.call !== undefined ? 'ex.soap.fault.call' : 'ex.soap.fault', {
        call: r.call !== undefined ? say('frag.soap.call', { operation: r.call }) : '',
        code: r.faultcode,
        string: r.faultstring,
        carrier,
        meaning: m ? ` ${m}` : '',
      });
    }
    case 'empty':
      return t.one('ex.soap.empty', { carrier });
    default: {
      const never: never = r;
      return never;
    }
  }
}

/** The operations the WSDL lists, and each Fault, once. */
export function more(say: Say, rs: readonly SoapRecord[]): string[] {
  const out = new Set<string>();
  for (const r of rs) {
    if (r.kind === 'wsdl')
      out.add(
        say('story.soap.wsdl', {
          services: list(say, r.services, 3) || '?',
          count: r.operations.length,
          operations: list(say, r.operations, 8),
          address: list(say, r.addresses, 3) || '?',
        }),
      );
    if (r.kind === 'fault')
      out.add(
        say(r.call !== undefined ? 'story.soap.fault.call' : 'story.soap.fault', {
          call: r.call ?? '',
          code: r.faultcode,
          string: r.faultstring,
        }),
      );
  }
  return [...out].slice(0, 4);
}

export function convLine(rs: readonly SoapRecord[], count: number): { code: string; params: Params } {
  const ops = rs.flatMap((r) => (r.kind === 'call' ? [r.operation] : r.kind === 'wsdl-request' ? ['WSDL'] : []));
  return { code: 'ov.conv.soap', params: { count, operations: [...new Set(ops)].join(', ') || '?' } };
}
