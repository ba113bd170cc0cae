/**
 * What an application protocol plugs into the application layer (Wireshark's dissector tables and
 * heuristic lists, gopacket's registration): its well-known server ports, a heuristic over the first bytes
 * of a direction that answers yes / no / need more bytes, the session that decodes a conversation once it is
 * pinned, its note codes, and an optional pass over every conversation at the end of the capture.
 *
 * Over UDP (Wireshark's udp.port table and UDP heuristics): its well-known UDP server ports and a
 * heuristic over one datagram; a UDP flow is pinned by its first datagram (the port table, then the
 * heuristics in registry order, then plain data) and its session receives every datagram (datagram()).
 *
 * This layer defines the contract and never names a protocol: the modules live in src/protocols/<name>/
 * and their list (src/protocols/registry.ts) is handed to AppLayer by whoever builds the pipeline.
 */
import type { Severity } from '../../dissectors/types.js';
import type { AppMessageRecord, AppProto, CarriedRecord, ConversationRecord } from '../model.js';
import type { MessageFacets } from './budget.js';
import type { AppConversation, AppHandler, Dir } from './conversation.js';
import { LOWER_NOTES } from './notes.js';

/** How a session starts: the direction that carries requests, whether the capture began inside it. */
export interface SessionStart {
  /** The direction that sends requests (a protocol whose heuristic found a request or a response). */
  requestDir?: Dir;
  /** The capture starts inside the conversation (no greeting / opening seen). */
  midStream?: boolean;
}

/** A heuristic's answer for one direction's first bytes: the protocol (how it starts), no, or need more bytes. */
export type Detection = SessionStart | 'more' | 'no';

/** A resource limit a protocol's session enforces (docs/limits.md): its user-facing name and default. */
export interface ProtocolLimit {
  /** camelCase name (`--limit` takes it in kebab-case too). */
  readonly name: string;
  readonly default: number;
}

export interface SessionProtocol {
  readonly name: AppProto;
  /** Well-known server ports (the port table; the lab's too). */
  readonly ports?: readonly number[];
  /** Heuristic over the first bytes (at most DECIDE_BYTES) of direction `dir`, in registry order. */
  detect?(head: Uint8Array, dir: Dir): Detection;
  /**
   * A weaker heuristic, asked after every protocol said no, for a conversation whose opening the capture
   * does not hold: `first` is the first segment of the direction.
   */
  detectMidStream?(first: Uint8Array): SessionStart | undefined;
  /** Well-known UDP server ports: a UDP flow to one of them is this protocol's (its session's datagram()). */
  readonly udpPorts?: readonly number[];
  /**
   * Heuristic over the first datagram of a UDP flow (whole, or what the snapshot length kept), asked in
   * registry order for a flow no UDP port claims: the protocol (how it starts), or undefined. Only a
   * protocol whose session takes datagrams has one.
   */
  detectDatagram?(datagram: Uint8Array, dir: Dir): SessionStart | undefined;
  /** The session that decodes one conversation (a TCP connection, or a UDP flow: see udpPorts). */
  session(conv: AppConversation, start: SessionStart): AppHandler;
  /** Resource limits its session enforces (read with AppContext.limit()). */
  readonly limits?: readonly ProtocolLimit[];
  /** Note codes the protocol's decoder and session raise, with their severity. */
  readonly notes?: Readonly<Record<string, Severity>>;
  /**
   * A pass over every conversation at the end of the capture (patterns that span conversations), retired
   * ones included: for those the session's finish() is called again after the pass (keep it idempotent).
   */
  finishAll?(convs: readonly AppConversation[], records: ReadonlyMap<number, ConversationRecord>): void;
  /** What the summary's aggregates read of one of its messages beyond the common fields (none: nothing). */
  facets?(m: AppMessageRecord): MessageFacets;
}

/**
 * What a carrier (HTTP) hands a protocol carried in its bodies about one of its messages: the facts a
 * reader decides by (media type, headers, request target, status) and the body.
 */
export interface CarrierMessage {
  readonly kind: 'request' | 'response';
  /** The body's media type, lowercased, without parameters ("application/json"); undefined when not sent. */
  readonly contentType: string | undefined;
  /** A header's value, the name case-insensitive (a repeated header: its values joined by commas). */
  header(name: string): string | undefined;
  /** A request's method and target ("GET", "/?wsdl"). */
  readonly method?: string;
  readonly target?: string;
  /** A response's status code. */
  readonly status?: number;
  /** The body as far as it was kept. */
  readonly body: Uint8Array;
  /** The body is whole: not cut short, not capped, not content-encoded. */
  readonly whole: boolean;
  /** For a response: what this protocol read in the request it answers (undefined: not this protocol's). */
  readonly request?: CarriedRecord;
}

/** A carried protocol's reading of one carrier message: its record, and notes on the frame that completed it. */
export interface CarriedReading {
  readonly record?: CarriedRecord;
  /**
   * The record is an application error (a JSON-RPC error object, a SOAP fault), in a few words for "Worth a
   * second look": "-32000 Server error". The carrier counts those its own status does not show.
   */
  readonly error?: string;
  /** The call it answers, by the name the protocol gives it (a JSON-RPC method, a SOAP operation). */
  readonly call?: string;
  readonly notes?: readonly { readonly code: string; readonly params?: Record<string, string | number> }[];
}

/**
 * A protocol carried in another protocol's message bodies (an application on HTTP): the carrier asks each
 * registered one in order, and the first reading with a record or a note is the body's. A reader decides by
 * the media type, the headers and the body's shape, cheaply before it parses.
 */
export interface CarriedProtocol {
  readonly name: AppProto;
  /** Note codes its reader raises, with their severity. */
  readonly notes?: Readonly<Record<string, Severity>>;
  /** The message's reading, or undefined when it is not this protocol's. */
  read(m: CarrierMessage): CarriedReading | undefined;
}

/** The protocols of one pipeline: registry order, and the fallback (raw data) for what none claims. */
export interface SessionProtocols {
  readonly list: readonly SessionProtocol[];
  readonly fallback: SessionProtocol;
  readonly byPort: ReadonlyMap<number, SessionProtocol>;
  /** UDP server ports (SessionProtocol.udpPorts). */
  readonly byUdpPort: ReadonlyMap<number, SessionProtocol>;
  /** The protocol of a UDP flow from its server port and first datagram (sent in direction `dir`). */
  datagramProtocol(
    serverPort: number | undefined,
    first: Uint8Array,
    dir: Dir,
  ): { proto: SessionProtocol; start: SessionStart };
  /** Severity of a note code of any protocol, of the application layer or of the reassembly below it. */
  severity(code: string): Severity;
  /** Every note code known to the application layer (the protocols', its own, the layers' below). */
  readonly notes: ReadonlyMap<string, Severity>;
  /** A message's facets, as its protocol reads them (SessionProtocol.facets). */
  facets(m: AppMessageRecord): MessageFacets;
}

const NO_FACETS: MessageFacets = Object.freeze({});

export function sessionProtocols(list: readonly SessionProtocol[], fallback: SessionProtocol): SessionProtocols {
  const byPort = new Map<number, SessionProtocol>();
  const byUdpPort = new Map<number, SessionProtocol>();
  const byName = new Map<string, SessionProtocol>();
  const notes = new Map<string, Severity>(Object.entries(LOWER_NOTES));
  for (const p of [...list, fallback]) {
    byName.set(p.name, p);
    for (const port of p.ports ?? []) byPort.set(port, p);
    for (const port of p.udpPorts ?? []) byUdpPort.set(port, p);
    for (const [code, sev] of Object.entries(p.notes ?? {})) notes.set(code, sev);
  }
  return {
    list,
    fallback,
    byPort,
    byUdpPort,
    datagramProtocol(serverPort, first, dir) {
      const p = serverPort !== undefined ? byUdpPort.get(serverPort) : undefined;
      if (p) return { proto: p, start: {} };
      for (const q of list) {
        const start = q.detectDatagram?.(first, dir);
        if (start) return { proto: q, start };
      }
      return { proto: fallback, start: {} };
    },
    severity: (code) => notes.get(code) ?? 'error',
    notes,
    facets: (m) => byName.get(m.proto)?.facets?.(m) ?? NO_FACETS,
  };
}
