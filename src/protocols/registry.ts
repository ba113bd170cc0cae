/**
 * The only list of application protocols. Order matters: it is the order in which their heuristics are
 * asked about a conversation's first bytes (the first yes wins), as Wireshark's heuristic list.
 * Adding a protocol: a folder beside this file exporting its module, and one line here.
 */
import { sessionProtocols } from '../analysis/app/protocol.js';
import { data } from './data/index.js';
import { http } from './http/index.js';
import { mqtt } from './mqtt/index.js';
import { zmtp } from './zmtp/index.js';

export const PROTOCOLS = [zmtp, mqtt, http] as const;

/** What the application layer is handed: the list, the fallback (plain data) and the port table. */
export const SESSION_PROTOCOLS = sessionProtocols(PROTOCOLS, data);
