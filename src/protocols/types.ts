/**
 * A protocol module: everything about one application protocol, in its folder — what the application
 * layer needs (ports, heuristic, session, notes: SessionProtocol, src/analysis/app/protocol.ts) and what the
 * explanation step needs (its words: ProtocolWords, src/explain/protocol.ts). The registry lists them.
 */
import type { SessionProtocol } from '../analysis/app/protocol.js';
import type { ProtocolWords } from '../explain/protocol.js';
import type { FieldTable } from '../filter/types.js';

export interface ProtocolModule extends SessionProtocol {
  readonly words: ProtocolWords;
  /** Its display-filter fields (`-Y`, `-T fields -e`), with Wireshark's names where Wireshark has them. */
  readonly fields: FieldTable;
}
