/**
 * HTTP's part of the JSON model: one record per request or response (conversations[].messages), its
 * frame entries (frames[].app), as the session (session.ts) writes them and
 * schema/pcap-explain.schema.json describes them. Its only conversation fact is the base's `pattern`; a
 * conversation whose bodies carry a registered protocol has that protocol's name as its `app`.
 */
import type { MessageFacets } from '../../analysis/app/budget.js';
import type { AppMessageRecord, AppPayloadRecord, CarriedRecord } from '../../analysis/model.js';

interface Http extends AppMessageRecord {
  proto: 'http';
  /** "HTTP/1.1". */
  version: string;
  /** Headers as sent: name → value, a repeated name → its values in order. */
  headers: Record<string, string | string[]>;
  content_type?: string;
  content_length?: number;
  /** Body length on the wire after de-chunking. */
  body_len: number;
  chunked?: true;
  keep_alive: boolean;
  /** False when the stream ended or lost bytes before the message's end. */
  complete?: false;
  /** The body was longer than the bytes kept. */
  body_capped?: true;
  /**
   * What the body carries, read by the first registered carried protocol that claims it (JSON-RPC, SOAP:
   * src/protocols/registry.ts); the record of that protocol (its union: src/protocols/model.ts).
   */
  carried?: CarriedRecord;
}

export interface HttpRequestRecord extends Http {
  kind: 'request';
  method: string;
  /** The request target as sent, its path and its decoded query parameters. */
  uri: string;
  path: string;
  params?: Readonly<Record<string, string | readonly string[]>>;
}

export interface HttpResponseRecord extends Http {
  kind: 'response';
  status: number;
  phrase: string;
  /** The method of the request it answers, when known. */
  request_method?: string;
}

export type HttpRecord = HttpRequestRecord | HttpResponseRecord;

/** An HTTP response with an error status and the request it answers (when it was seen). */
export interface HttpErrorRecord {
  /** The frame that completes the response. */
  frame: number;
  status: number;
  phrase: string;
  method?: string;
  uri?: string;
}

/** HTTP's facts about a conversation. */
export interface HttpFacts {
  /**
   * Requests still waiting for their response when the connection's record was made (the end of the
   * connection or of the capture): how many (at most 10,000 are remembered; none across lost bytes, whose
   * responses may have been lost with them), and the first with its method and target.
   */
  http_unanswered?: { count: number; first: { frame: number; method: string; uri: string } };
  /**
   * Responses with an error status (4xx client error, 5xx server error), all of them counted (beyond the
   * messages listed too), and the first one.
   */
  http_errors?: { count: number; first: HttpErrorRecord };
  /**
   * Responses without an error status whose body carries an application error (a JSON-RPC error object in a
   * 200 response), all of them counted, and the first one.
   */
  carried_errors?: { count: number; first: CarriedErrorRecord };
}

/** HTTP's fields in the dataset's conn.jsonl (ProtocolModule.conn): the counts of HttpFacts. */
export const HTTP_CONN_FIELDS = ['http_errors', 'app_errors', 'unanswered'] as const;

export function httpConnFields(c: HttpFacts): Record<(typeof HTTP_CONN_FIELDS)[number], number | null> {
  return {
    http_errors: c.http_errors?.count ?? null,
    app_errors: c.carried_errors?.count ?? null,
    unanswered: c.http_unanswered?.count ?? null,
  };
}

/** The first response of a conversation whose body carried an application error (HttpFacts.carried_errors). */
export interface CarriedErrorRecord {
  /** The frame that completes the response. */
  frame: number;
  status: number;
  phrase: string;
  /** The carried protocol ("jsonrpc"). */
  proto: string;
  /** The error in its protocol's words ("-32000 Server error"). */
  error: string;
  /** The call it answers (a JSON-RPC method), when known. */
  call?: string;
}

/** What a frame completes (the Info column and display filters read it). */
export type HttpFrameEntry = (
  | { proto: 'http'; kind: 'request'; method: string; uri: string; version: string }
  | { proto: 'http'; kind: 'response'; status: number; phrase: string; version: string }
) & {
  /** Of a message with a body. */
  content_type?: string;
  /** The body (bounded, as tshark's http.file_data). */
  body?: AppPayloadRecord;
  /** What the body carries (the message's `carried`). */
  carried?: CarriedRecord;
};

/** What the summary's aggregates read of an HTTP message: a request's method. */
export function httpFacets(m: HttpRecord): MessageFacets {
  return m.kind === 'request' ? { name: m.method } : {};
}
