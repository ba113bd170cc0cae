/** HTTP/1.x as a protocol module: the web ports and the lab's Flask ports, or a request/status line anywhere. */
import type { ProtocolModule } from '../types.js';
import { en } from './catalog.en.js';
import { id } from './catalog.id.js';
import { HTTP_DEFAULT_MAX_BODY, HTTP_DEFAULT_MAX_HEADER, looksLikeHttp, NOTES } from './decode.js';
import { HTTP_FIELDS } from './fields.js';
import { type HttpRecord, httpFacets } from './model.js';
import { HttpHandler } from './session.js';
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

export const http = {
  name: 'http',
  ports: [80, 8080, 5000, 5151, 8000],
  limits: [
    { name: 'httpHeaderBytes', default: HTTP_DEFAULT_MAX_HEADER },
    { name: 'httpBodyBytes', default: HTTP_DEFAULT_MAX_BODY },
  ] as const,
  detect(head, dir) {
    const h = looksLikeHttp(head);
    if (h) return { requestDir: h === 'request' ? dir : dir === 0 ? 1 : 0 };
    return httpPrefix(head) ? 'more' : 'no';
  },
  session: (conv, start) => new HttpHandler(conv, start.requestDir ?? 0),
  notes: { ...NOTES, ...SESSION_NOTES },
  // asked only about its own messages (SessionProtocols.facets goes by `proto`)
  facets: (m) => httpFacets(m as HttpRecord),
  fields: HTTP_FIELDS,
  words: {
    catalog: { en, id },
    label: words.label,
    sentence: words.sentence,
    info: words.httpInfo,
    phases: words.phases,
    hostRoles: words.hostRoles,
    title: words.title,
    arrow: words.arrow,
    aliases: ['rest'],
    quietNotes: ['http.body.capped'],
    convLine: words.convLine,
  },
} satisfies ProtocolModule;
