/**
 * CORBA's GIOP 1.0–1.2 over TCP (IIOP) as a protocol module: the naming service's well-known port 2809, or
 * the `GIOP` magic that starts every message on any port (servers listen on ephemeral ports, which the
 * IORs name).
 */
import type { ProtocolModule } from '../types.js';
import { en } from './catalog.en.js';
import { id } from './catalog.id.js';
import { GIOP_NOTES, looksLikeGiop } from './decode.js';
import { GIOP_FIELDS } from './fields.js';
import { type GiopRecord, giopFacets } from './model.js';
import { GiopHandler, giopMessagesExact } from './session.js';
import * as words from './words.js';

/** Note codes of the session (the decoder's are GIOP_NOTES). */
const SESSION_NOTES = {
  /** A Reply or LocateReply whose request id no request on the connection carried. */
  'giop.reply.unmatched': 'note',
} as const;

export const giop = {
  name: 'giop',
  ports: [words.NAMING_PORT],
  detect(head) {
    const v = looksLikeGiop(head);
    if (v === 'yes') return {};
    return v === 'need' ? 'more' : 'no';
  },
  detectMidStream: (first) => (giopMessagesExact(first) ? { midStream: true } : undefined),
  session: (conv, start) => new GiopHandler(conv, start.midStream ?? false),
  notes: { ...GIOP_NOTES, ...SESSION_NOTES },
  // asked only about its own messages (SessionProtocols.facets goes by `proto`)
  facets: (m) => giopFacets(m as GiopRecord),
  fields: GIOP_FIELDS,
  words: {
    catalog: { en, id },
    label: words.label,
    sentence: words.sentence,
    info: words.giopInfo,
    phases: words.phases,
    tellsAll: true,
    ending: words.ending,
    teach: words.teach,
    title: words.title,
    arrow: words.arrow,
    aliases: ['corba', 'iiop'],
    hostRoles: words.hostRoles,
    convLine: words.convLine,
  },
} satisfies ProtocolModule;
