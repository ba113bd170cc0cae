/**
 * Plain data's part of the JSON model: one record per TCP chunk or UDP datagram, and its frame entry.
 * Its only conversation fact is the base's `pattern` ('request/response', 'one-way').
 */
import type { AppMessageRecord, AppPayloadRecord } from '../../analysis/model.js';

export interface DataRecord extends AppMessageRecord {
  proto: 'data';
  kind: 'data';
  /** Bytes of the chunk or datagram (the captured ones may be fewer: payload.captured). */
  length: number;
  payload: AppPayloadRecord;
  /**
   * The bytes are one JSON object with an integer field named like a logical clock (`timestamp`, `clock`,
   * `lamport…`): its name and value, and `after`: the value and frame of the same field in the other side's
   * last message since this side's previous one (what Lamport's rule compares it with).
   */
  clock?: { field: string; value: number; after?: { value: number; frame: number } };
}

export interface DataFrameEntry {
  proto: 'data';
  kind: 'data';
  length: number;
  /** The payload (bounded, as tshark's data.text). */
  payload: AppPayloadRecord;
}
