/**
 * A protocol module: everything about one application protocol, in its folder — what the application
 * layer needs (ports, heuristic, session, notes: SessionProtocol, src/analysis/app/protocol.ts) and what the
 * explanation step needs (its words: ProtocolWords, src/explain/protocol.ts). The registry lists them.
 */
import type { CarriedProtocol, SessionProtocol } from '../analysis/app/protocol.js';
import type { CarriedRecord, ConversationRecord } from '../analysis/model.js';
import type { CarriedWords, ProtocolWords } from '../explain/protocol.js';
import type { FieldTable } from '../filter/types.js';

export interface ProtocolModule extends SessionProtocol {
  readonly words: ProtocolWords;
  /** Its display-filter fields (`-Y`, `-T fields -e`), with Wireshark's names where Wireshark has them. */
  readonly fields: FieldTable;
  /**
   * Its fields in the dataset's conn.jsonl (docs/dataset.md, schema/dataset.schema.json): their names, and
   * their values for a conversation (a name left out is null there). Every record has every module's fields.
   */
  readonly conn?: { readonly fields: readonly string[]; of(c: ConversationRecord): ConnFields };
  /**
   * tshark's `-z io,phs` puts each further message of it that one frame completes a level deeper (it walks a
   * frame's protocols in order: two pipelined HTTP requests in a segment are http under http).
   */
  readonly phsNests?: true;
}

/** A conversation's values of a protocol's conn.jsonl fields (ProtocolModule.conn). */
export type ConnFields = Readonly<Record<string, string | number | null>>;

/**
 * A protocol carried in another's message bodies (an application on HTTP): its reader (CarriedProtocol,
 * asked by the carrier's session), its words (asked by the carrier's words) and its display-filter fields.
 * The registry hands the carrier its list; the carrier never names them.
 */
export interface CarriedModule<R extends CarriedRecord = CarriedRecord> extends CarriedProtocol {
  readonly words: CarriedWords<R>;
  readonly fields: FieldTable;
}
