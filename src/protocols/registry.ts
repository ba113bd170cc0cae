/**
 * The only list of application protocols. Order matters: it is the order in which their heuristics are
 * asked about a conversation's first bytes or a UDP flow's first datagram (the first yes wins), as
 * Wireshark's heuristic lists. Plain data is the fallback: what no protocol claims.
 * Adding a protocol: a folder beside this file exporting its module, and one line here.
 * A protocol carried in HTTP bodies (an application on HTTP) is one line in ON_HTTP: HTTP's session hands
 * it the bodies.
 */
import { sessionProtocols } from '../analysis/app/protocol.js';
import type { ConversationRecord } from '../analysis/model.js';
import type { ProtocolWords } from '../explain/protocol.js';
import { data } from './data/index.js';
import { dns } from './dns/index.js';
import { giop } from './giop/index.js';
import { httpModules } from './http/index.js';
import { icep } from './ice/index.js';
import { jsonrpc } from './jsonrpc/index.js';
import { mqtt } from './mqtt/index.js';
import { soap } from './soap/index.js';
import type { CarriedModule, ProtocolModule } from './types.js';
import { zmtp } from './zmtp/index.js';
import { zookeeper } from './zookeeper/index.js';

/** Applications carried in HTTP bodies, asked in this order (by media type and the body's shape). */
const ON_HTTP: readonly CarriedModule[] = [
  jsonrpc, // JSON-RPC 2.0 / 1.0 (the RPC lab)
  soap, // SOAP 1.1 envelopes and the WSDL fetched before them (the SOAP lab)
];

const { http, on: onHttp } = httpModules(ON_HTTP);

export const PROTOCOLS: readonly ProtocolModule[] = [zmtp, mqtt, http, icep, giop, dns, zookeeper];

/** Every protocol's limits, in registry order (src/limits.ts adds them to the user-facing limits). */
export const PROTOCOL_LIMITS = [...mqtt.limits, ...zmtp.limits, ...http.limits] as const;

/** The names of the protocols' limits (`mqttBytes`, …): the keys src/limits.ts adds to Limits. */
export type ProtocolLimitName = (typeof PROTOCOL_LIMITS)[number]['name'];

/** What the application layer is handed: the list, the fallback (plain data) and the port table. */
export const SESSION_PROTOCOLS = sessionProtocols(PROTOCOLS, data);

/** Every protocol module: the listed ones, the applications on HTTP, plain data last. */
const ALL: readonly ProtocolModule[] = [...PROTOCOLS, ...onHttp, data];
const ALL_WORDS: readonly ProtocolWords[] = ALL.map((p) => p.words);
const BY_NAME = new Map<string, ProtocolModule>(ALL.map((p) => [p.name, p]));

/** The module of a protocol by name (undefined for a name no module has). */
export function protocolModule(name: string | undefined): ProtocolModule | undefined {
  return name === undefined ? undefined : BY_NAME.get(name);
}

/** Every protocol module (the applications on HTTP after the listed ones), plain data's last. */
/** The registered protocols' conn.jsonl fields of a conversation (ProtocolModule.conn), null where unsaid. */
export function connFields(c: ConversationRecord): Record<string, string | number | null> {
  const out: Record<string, string | number | null> = {};
  for (const p of PROTOCOLS) {
    if (!p.conn) continue;
    const v = p.conn.of(c);
    for (const f of p.conn.fields) out[f] = v[f] ?? null;
  }
  return out;
}

export function allModules(): readonly ProtocolModule[] {
  return ALL;
}

/** The words of every protocol module (plain data's too). */
export function allWords(): readonly ProtocolWords[] {
  return ALL_WORDS;
}

/**
 * The words of a conversation's or message's protocol (a TCP connection's or a UDP flow's): plain data's
 * for a conversation no protocol claimed (or none yet).
 */
export function wordsOf(app: string | undefined): ProtocolWords {
  return protocolModule(app)?.words ?? data.words;
}
