/**
 * Note codes raised by the application layer of the analysis (dispatch, sessions, cross-conversation
 * aggregates), with their severity and an English meaning (the catalogues in src/explain hold the texts
 * users read; these meanings are the reference for them). Codes of the pure dissectors are in
 * src/dissectors/app (APP_NOTES); codes of the reassembly layer in ../tcp-analysis.ts (ANALYSIS_NOTES).
 */
import { APP_NOTES } from '../../dissectors/app/index.js';
import type { Severity } from '../../dissectors/types.js';
import { ANALYSIS_NOTES } from '../tcp-analysis.js';

export const APP_LAYER_NOTES: Readonly<Record<string, Severity>> = {
  /** The capture starts inside the conversation: no greeting / CONNECT was seen; decoding starts at the first recognisable PDU. */
  'app.midstream': 'note',
  /** More messages than the per-conversation cap: the rest are counted (message_count), not listed. */
  'app.messages.capped': 'info',
  /** Bytes of this direction are missing from the capture: application decoding of the direction stopped there. */
  'app.gap': 'warn',
  /** A SUB socket whose subscriptions match none of the messages its publisher sent to other subscribers: PUB filters, so nothing was sent to it. */
  'zmtp.sub.no_match': 'warn',
  /** A SUB socket that never subscribed: it receives nothing. */
  'zmtp.sub.none': 'note',
  /** How a PUSH socket spread its messages over the connected PULL workers (round-robin). */
  'zmtp.pipeline.distribution': 'info',
  /** A reply on a REQ/REP connection with no outstanding request. */
  'zmtp.reply.unmatched': 'note',
  /** An HTTP response with no request before it on the connection. */
  'http.response.unpaired': 'note',
};

export const APP_LAYER_MEANING: Readonly<Record<string, string>> = {
  'app.midstream':
    'The capture starts in the middle of this conversation ({proto}): its opening (greeting, CONNECT) is not in the file, so some facts (versions, socket types) are unknown.',
  'app.messages.capped': 'Only the first {cap} application messages are listed; {count} were seen in all.',
  'app.gap':
    'Bytes from the {dir} side are missing from the capture, so its {proto} messages after frame {frame} could not be decoded.',
  'zmtp.sub.no_match':
    'This subscriber subscribed to {subscriptions} but received nothing: the publisher sent {published} message(s) to its other subscribers and none starts with that topic. A ZeroMQ PUB socket filters on its side, so non-matching messages are never sent on this connection.',
  'zmtp.sub.none': 'This SUB socket never subscribed to anything, so the publisher sends it no messages.',
  'zmtp.pipeline.distribution':
    'The PUSH socket at {endpoint} spread {jobs} message(s) over {workers} worker(s) ({counts}), {round_robin:in strict round-robin order|not in strict round-robin order}.',
  'zmtp.reply.unmatched': 'A reply was sent with no request waiting for it on this connection.',
  'http.response.unpaired': 'An HTTP response arrived with no request before it on this connection.',
};

/** Severity of any note code the application layer hands on (its own, the dissectors', the reassembly's). */
export function appSeverity(code: string): Severity {
  return APP_LAYER_NOTES[code] ?? APP_NOTES[code] ?? ANALYSIS_NOTES[code] ?? 'error';
}
