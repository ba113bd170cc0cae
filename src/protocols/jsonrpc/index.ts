/**
 * JSON-RPC 2.0 / 1.0 as a protocol carried in HTTP bodies (one line in the registry's ON_HTTP): the reader
 * HTTP's session asks (read.ts), its words HTTP's words ask (words.ts), its fields (jsonrpc.*).
 */
import type { CarriedModule } from '../types.js';
import { en } from './catalog.en.js';
import { id } from './catalog.id.js';
import { JSONRPC_FIELDS } from './fields.js';
import type { JsonRpcRecord } from './model.js';
import { NOTES, read } from './read.js';
import * as words from './words.js';

export const jsonrpc: CarriedModule<JsonRpcRecord> = {
  name: 'jsonrpc',
  notes: NOTES,
  read,
  fields: JSONRPC_FIELDS,
  words: {
    catalog: { en, id },
    title: () => 'JSON-RPC',
    sentence: words.sentence,
    info: words.info,
    label: words.label,
    story: 'story.jsonrpc',
    more: words.more,
    roles: { client: 'role.jsonrpc.client', server: 'role.jsonrpc.server' },
    convLine: words.convLine,
  },
};
