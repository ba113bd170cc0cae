/** HTTP/1.x as a protocol module: the web ports and the lab's Flask ports, or a request/status line anywhere. */
import type { CarriedWords, ProtocolWords } from '../../explain/protocol.js';
import type { CarriedModule, ProtocolModule } from '../types.js';
import { en } from './catalog.en.js';
import { id } from './catalog.id.js';
import { HTTP_DEFAULT_MAX_BODY, HTTP_DEFAULT_MAX_HEADER, looksLikeHttp, NOTES } from './decode.js';
import { HTTP_FIELDS } from './fields.js';
import {
  HTTP_CONN_FIELDS,
  type HttpFacts,
  type HttpFrameEntry,
  type HttpRecord,
  httpConnFields,
  httpFacets,
} from './model.js';
import { HttpHandler } from './session.js';
import type { CarriedOf } from './words.js';
import * as words from './words.js';

const METHOD_CHARS = (c: number) => (c >= 0x41 && c <= 0x5a) || c === 0x2d;
const HTTP1 = [0x48, 0x54, 0x54, 0x50, 0x2f, 0x31, 0x2e];

/** The bytes could still become an HTTP request line or status line (too short to tell). */
function httpPrefix(b: Uint8Array): boolean {
  if (b.length < HTTP1.length) {
    let isStatus = true;
    for (let i = 0; i < b.length; i++) if (b[i] !== HTTP1[i]) isStatus = false;
    if (isStatus) return true;
  }
  if (b.length >= 17) return false;
  for (let i = 0; i < b.length; i++) if (!METHOD_CHARS(b[i]!)) return false;
  return true;
}

const SESSION_NOTES = {
  /** An HTTP response with no request before it on the connection. */
  'http.response.unpaired': 'note',
} as const;

/**
 * HTTP as a protocol module, with the protocols carried in its bodies (the registry's list, asked in
 * order): the HTTP module itself, and for each carried protocol the module of a conversation whose bodies
 * are that protocol's (its name, its words told through HTTP's, its fields and notes; no ports or
 * heuristic of its own: HTTP's session reads it).
 */
export function httpModules(carried: readonly CarriedModule[]) {
  const byName = new Map<string, CarriedWords>(carried.map((c) => [c.name, c.words]));
  const on: CarriedOf = (proto) => byName.get(proto);
  const notes = Object.assign({ ...NOTES, ...SESSION_NOTES }, ...carried.map((c) => c.notes ?? {}));
  const wordsOf = (cw?: CarriedWords): ProtocolWords => ({
    catalog: { en, id },
    label: words.label,
    sentence: (say, ctx, m, t) => words.sentence(say, ctx, m as HttpRecord, t, on),
    info: (e) => words.httpInfo(e as HttpFrameEntry, on),
    phases: (say, ctx, mc) => words.phases(say, ctx, mc, on, cw),
    hostRoles: (say, ctx, port) => words.hostRoles(say, ctx, port, cw),
    title: () => words.title(cw),
    arrow: (e) => words.arrow(e as HttpFrameEntry, on),
    ...(cw ? {} : { aliases: ['rest'] }),
    quietNotes: ['http.body.capped'],
    abnormal: words.abnormal,
    convLine: (say, ctx) => words.convLine(say, ctx, cw),
  });
  const http = {
    name: 'http',
    ports: [80, 8080, 5000, 5151, 8000],
    // tshark 4.0 on fixtures/http-corners.pcap, frame 36 (no bundled capture shows it for another protocol)
    phsNests: true,
    limits: [
      { name: 'httpHeaderBytes', default: HTTP_DEFAULT_MAX_HEADER },
      { name: 'httpBodyBytes', default: HTTP_DEFAULT_MAX_BODY },
    ] as const,
    detect(head, dir) {
      const h = looksLikeHttp(head);
      if (h) return { requestDir: h === 'request' ? dir : dir === 0 ? 1 : 0 };
      return httpPrefix(head) ? 'more' : 'no';
    },
    session: (conv, start) => new HttpHandler(conv, start.requestDir ?? 0, carried),
    notes,
    // asked only about its own messages (SessionProtocols.facets goes by `proto`)
    facets: (m) => httpFacets(m as HttpRecord),
    fields: HTTP_FIELDS,
    conn: { fields: HTTP_CONN_FIELDS, of: (c) => httpConnFields(c as typeof c & HttpFacts) },
    words: wordsOf(),
  } satisfies ProtocolModule;
  const onHttp = carried.map(
    (c): ProtocolModule => ({
      name: c.name,
      session: http.session,
      notes: c.notes ?? {},
      fields: c.fields,
      // its catalogue is the carried words' (HTTP's own entries come with the HTTP module)
      words: { ...wordsOf(c.words), catalog: c.words.catalog },
    }),
  );
  return { http, on: onHttp };
}
