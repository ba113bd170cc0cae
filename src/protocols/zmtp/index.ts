/** ZeroMQ's ZMTP 3.x as a protocol module: no well-known port, found by its greeting on any port. */
import type { ProtocolModule } from '../types.js';
import { aggregate } from './aggregate.js';
import { en } from './catalog.en.js';
import { id } from './catalog.id.js';
import { looksLikeZmtp, NOTES, ZMTP_DEFAULT_MAX_FRAME, zmtpFramesExact } from './decode.js';
import { ZMTP_FIELDS } from './fields.js';
import { type ZmtpRecord, zmtpFacets } from './model.js';
import { ZmtpHandler } from './session.js';
import * as words from './words.js';

/** Note codes of the session and the cross-conversation passes (the decoder's are in decode.ts). */
const SESSION_NOTES = {
  /** A SUB socket whose subscriptions match none of the messages its publisher sent to other subscribers: PUB filters, so nothing was sent to it. */
  'zmtp.sub.no_match': 'warn',
  /** A SUB socket that never subscribed: it receives nothing. */
  'zmtp.sub.none': 'note',
  /** How a PUSH socket spread its messages over the connected PULL workers (round-robin). */
  'zmtp.pipeline.distribution': 'info',
  /** A reply on a REQ/REP connection with no outstanding request. */
  'zmtp.reply.unmatched': 'note',
} as const;

export const zmtp = {
  name: 'zmtp',
  limits: [{ name: 'zmtpFrameBytes', default: ZMTP_DEFAULT_MAX_FRAME }] as const,
  detect(head) {
    if (looksLikeZmtp(head)) return {};
    // a greeting's signature is 10 bytes: 0xff, padding, 0x7f
    return head[0] === 0xff && head.length < 10 ? 'more' : 'no';
  },
  detectMidStream: (first) => (zmtpFramesExact(first) ? { midStream: true } : undefined),
  session: (conv, start) => new ZmtpHandler(conv, start.midStream ?? false),
  notes: { ...NOTES, ...SESSION_NOTES },
  finishAll: aggregate,
  // asked only about its own messages (SessionProtocols.facets goes by `proto`)
  facets: (m) => zmtpFacets(m as ZmtpRecord),
  fields: ZMTP_FIELDS,
  words: {
    catalog: { en, id },
    label: words.label,
    sentence: words.sentence,
    info: words.zmtpInfo,
    roles: words.roles,
    phases: words.phases,
    openEnding: 'story.end.open.zmtp',
    title: words.title,
    arrow: words.arrow,
    aliases: ['zeromq', 'zmq'],
    payloadFacts: words.payloadFacts,
    completeView: words.completeView,
    teach: words.teach,
    hostRoles: words.hostRoles,
    convLine: words.convLine,
  },
} satisfies ProtocolModule;
