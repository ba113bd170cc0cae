/**
 * ZooKeeper's client protocol (jute) as a protocol module: port 2181, or a ConnectRequest (the client's
 * first packet: length 44–45 + a 16-byte password, protocol version 0, a sane session timeout) on any port.
 */
import type { ProtocolModule } from '../types.js';
import { en } from './catalog.en.js';
import { id } from './catalog.id.js';
import { looksLikeConnectRequest, ZK_NOTES } from './decode.js';
import { ZOOKEEPER_FIELDS } from './fields.js';
import { type ZookeeperRecord, zookeeperFacets } from './model.js';
import { zookeeperRecipes } from './recipes.js';
import { ZookeeperHandler } from './session.js';
import * as words from './words.js';

/** Note codes of the session (the decoder's are in decode.ts). */
const SESSION_NOTES = {
  /** A reply whose xid names no request seen on the connection. */
  'zookeeper.reply.unmatched': 'note',
} as const;

export const zookeeper = {
  name: 'zookeeper',
  ports: [2181],
  detect(head, dir) {
    // only the client's first packet has a shape of its own
    if (dir !== 0) return 'no';
    const v = looksLikeConnectRequest(head);
    return v === 'yes' ? {} : v === 'need' ? 'more' : 'no';
  },
  session: (conv) => new ZookeeperHandler(conv),
  notes: { ...ZK_NOTES, ...SESSION_NOTES },
  finishAll: zookeeperRecipes,
  // asked only about its own messages (SessionProtocols.facets goes by `proto`)
  facets: (m) => zookeeperFacets(m as ZookeeperRecord),
  fields: ZOOKEEPER_FIELDS,
  words: {
    catalog: { en, id },
    label: words.label,
    sentence: words.sentence,
    info: words.zookeeperInfo,
    phases: words.phases,
    title: words.title,
    arrow: words.arrow,
    aliases: ['zk', 'jute'],
    ending: words.ending,
    teach: words.teach,
    hostRoles: words.hostRoles,
    convLine: words.convLine,
  },
} satisfies ProtocolModule;
