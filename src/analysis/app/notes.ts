/**
 * Note codes raised by the application layer of the analysis (dispatch, sessions, cross-conversation
 * aggregates), with their severity (their texts are in the catalogues in src/explain). Codes of the pure dissectors are in
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
  /**
   * Bytes of this direction are missing from the capture: application decoding of the direction stopped
   * there (it resumes at the first later segment that starts a message: app.resync).
   */
  'app.gap': 'warn',
  /**
   * Decoding of a direction resumed after lost bytes, at a segment that starts a message (whole MQTT / ZMTP
   * PDUs, an HTTP request or status line)
   * (a warning as app.gap is: the messages in between are missing from the report).
   */
  'app.resync': 'warn',
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

/** Severity of any note code the application layer hands on (its own, the dissectors', the reassembly's). */
export function appSeverity(code: string): Severity {
  return APP_LAYER_NOTES[code] ?? APP_NOTES[code] ?? ANALYSIS_NOTES[code] ?? 'error';
}
