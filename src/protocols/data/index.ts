/**
 * Plain data as a protocol module: what no other protocol claims — a TCP byte stream or UDP datagrams,
 * told as bytes and turns, their payloads decoded as text, JSON, pickle or hex.
 */
import type { ProtocolModule } from '../types.js';
import { en } from './catalog.en.js';
import { id } from './catalog.id.js';
import { DATA_FIELDS } from './fields.js';
import { DataHandler } from './session.js';
import * as words from './words.js';

export const data = {
  name: 'data',
  session: (conv) => new DataHandler(conv),
  fields: DATA_FIELDS,
  words: {
    catalog: { en, id },
    label: words.label,
    sentence: words.sentence,
    phases: words.phases,
    payloadFacts: words.payloadFacts,
    unframed: true,
    convLine: words.convLine,
  },
} satisfies ProtocolModule;
