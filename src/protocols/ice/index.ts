/**
 * ZeroC Ice protocol 1.0 as a protocol module (Wireshark's name: icep). Ice has no well-known port: a
 * connection is Ice when a direction starts with the `IceP` magic of the message header (the server's
 * ValidateConnection, on any port).
 */
import type { ProtocolModule } from '../types.js';
import { en } from './catalog.en.js';
import { id } from './catalog.id.js';
import { looksLikeIce } from './decode.js';
import { ICE_FIELDS } from './fields.js';
import { type IceRecord, iceFacets } from './model.js';
import { IceHandler, NOTES } from './session.js';
import * as words from './words.js';

export const icep = {
  name: 'icep',
  detect(head) {
    const r = looksLikeIce(head);
    return r === 'yes' ? {} : r === 'need' ? 'more' : 'no';
  },
  session: (conv) => new IceHandler(conv),
  notes: NOTES,
  // asked only about its own messages (SessionProtocols.facets goes by `proto`)
  facets: (m) => iceFacets(m as IceRecord),
  fields: ICE_FIELDS,
  words: {
    catalog: { en, id },
    label: words.label,
    sentence: words.sentence,
    info: words.iceInfo,
    phases: words.phases,
    ending: words.ending,
    unacknowledged: words.unacknowledged,
    teach: words.teach,
    title: words.title,
    arrow: words.arrow,
    aliases: ['ice', 'zeroc-ice'],
    hostRoles: words.hostRoles,
    convLine: words.convLine,
  },
} satisfies ProtocolModule;
