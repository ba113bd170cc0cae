/**
 * SOAP 1.1 (and the WSDL fetched before it) as a protocol carried in HTTP (one line in the registry's
 * ON_HTTP): the reader HTTP's session asks (read.ts), its words HTTP's words ask (words.ts), its fields (soap.*).
 */
import type { CarriedModule } from '../types.js';
import { en } from './catalog.en.js';
import { id } from './catalog.id.js';
import { SOAP_FIELDS } from './fields.js';
import type { SoapRecord } from './model.js';
import { NOTES, read } from './read.js';
import * as words from './words.js';

export const soap: CarriedModule<SoapRecord> = {
  name: 'soap',
  notes: NOTES,
  read,
  fields: SOAP_FIELDS,
  words: {
    catalog: { en, id },
    title: () => 'SOAP',
    sentence: words.sentence,
    info: words.info,
    label: words.label,
    story: 'story.soap',
    more: words.more,
    roles: { client: 'role.soap.client', server: 'role.soap.server' },
    convLine: words.convLine,
  },
};
