/**
 * Note codes raised by the application layer of the analysis (dispatch, sessions, cross-conversation
 * aggregates), with their severity (their texts are in the catalogues in src/explain). Codes of the pure dissectors are in
 * each protocol module (src/protocols/<name>/index.ts, notes); payload decoding's in src/dissectors/app; codes of the reassembly layer in ../tcp-analysis.ts (ANALYSIS_NOTES).
 */
import { PAYLOAD_NOTES } from '../../dissectors/app/index.js';
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
   * Decoding of a direction resumed after lost bytes, at a segment that starts a message (whole PDUs, a
   * request or status line: each protocol's resync check)
   * (a warning as app.gap is: the messages in between are missing from the report).
   */
  'app.resync': 'warn',
};

/** The notes of the application layer itself and of the layers below it (payload decoding, reassembly). */
export const LOWER_NOTES: Readonly<Record<string, Severity>> = {
  ...ANALYSIS_NOTES,
  ...PAYLOAD_NOTES,
  ...APP_LAYER_NOTES,
};
