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
}

export interface DataFrameEntry {
  proto: 'data';
  kind: 'data';
  length: number;
  /** The payload (bounded, as tshark's data.text). */
  payload: AppPayloadRecord;
}
