/**
 * HTTP/1.x session: the request direction and the response direction of one connection (http-parser-js
 * via the pure dissector), request ↔ response pairing in order (pipelining included) with latency.
 * After lost bytes a direction is parsed again from the first segment that starts with a request or
 * status line (app.resync); pairs are not made across the loss.
 *
 * Applications on HTTP: each message is handed to the carried protocols the registry gave (JSON-RPC,
 * SOAP; CarriedProtocol), in order; the first that reads it makes the record's `carried`. A response is
 * read only by the protocol its request's body belonged to (when it had one), which is told what that
 * request carried (pairing by the protocol's own id). The conversation takes the name of the first carried
 * protocol as its `app`.
 */

import type { AppConversation, AppHandler, Dir } from '../../analysis/app/conversation.js';
import { DIR_NAME } from '../../analysis/app/conversation.js';
import { framePayload, payloadRecord } from '../../analysis/app/payload.js';
import type { CarriedProtocol, CarriedReading, CarrierMessage } from '../../analysis/app/protocol.js';
import { RequestQueue, type Waiting } from '../../analysis/app/requests.js';
import { roundNs } from '../../analysis/app/time.js';
import type { AppProto, CarriedRecord, ConversationRecord } from '../../analysis/model.js';
import type { EndReason } from '../../analysis/reassembly.js';
import { type HttpMessage, type HttpOutput, type HttpPair, newHttpPair, startsHttpMessage } from './decode.js';
import type {
  CarriedErrorRecord,
  HttpErrorRecord,
  HttpFacts,
  HttpFrameEntry,
  HttpRecord,
  HttpRequestRecord,
  HttpResponseRecord,
} from './model.js';

/** A record being filled in field by field (in the JSON model's order). */
type Building<T> = { -readonly [K in keyof T]?: T[K] };

/**
 * Headers as one object (name as sent → value; a repeated name → its values in order). A plain object (an
 * object without prototype is a hash table, several times larger and slower to fill); a header named
 * `__proto__` is defined as an own property like any other, never taken as the prototype.
 */
export function headerObject(list: readonly { name: string; value: string }[]): Record<string, string | string[]> {
  const o: Record<string, string | string[]> = {};
  for (let i = 0; i < list.length; i++) {
    const { name, value } = list[i]!;
    const prev = Object.hasOwn(o, name) ? o[name] : undefined;
    if (prev === undefined) {
      if (name === '__proto__')
        Object.defineProperty(o, name, { value, enumerable: true, writable: true, configurable: true });
      else o[name] = value;
    } else if (Array.isArray(prev)) prev.push(value);
    else o[name] = [prev, value];
  }
  return o;
}

/** A request waiting for its response, with what its body carried. */
interface HttpWaiting extends Waiting {
  carried: CarriedRecord | undefined;
  method: string;
  uri: string;
}

/** A header's value, the name case-insensitive (a repeated header: its values joined by commas). */
function headerValue(m: HttpMessage, name: string): string | undefined {
  const want = name.toLowerCase();
  const vs = m.headers.filter((h) => h.name.toLowerCase() === want).map((h) => h.value);
  return vs.length > 0 ? vs.join(', ') : undefined;
}

export class HttpHandler implements AppHandler {
  readonly proto = 'http' as const;
  private readonly pair: HttpPair;
  private readonly waiting = new RequestQueue<HttpWaiting>();
  /** The first carried protocol read on the connection: the conversation's app. */
  private app: AppProto | undefined;
  /** Per direction: bytes lost or skipped since a gap stopped its parser (undefined: not stopped by a gap). */
  private readonly skipped: [number | undefined, number | undefined] = [undefined, undefined];
  /** Capture time of the last bytes fed each way (a message cut short is timed there). */
  private readonly fedAt: [number, number] = [0, 0];
  /** Responses with an error status (4xx, 5xx) and the first one (HttpFacts.http_errors). */
  private errors = 0;
  private firstError: HttpErrorRecord | undefined;
  /** Responses without an error status that carried an application error (HttpFacts.carried_errors). */
  private carriedErrors = 0;
  private firstCarriedError: CarriedErrorRecord | undefined;

  constructor(
    private readonly conv: AppConversation,
    /** Direction carrying requests (c2s unless the first bytes said otherwise). */
    private readonly reqDir: Dir = 0,
    /** The protocols carried in HTTP bodies, in the order they are asked. */
    private readonly carriers: readonly CarriedProtocol[] = [],
  ) {
    this.pair = newHttpPair({
      maxHeader: conv.ctx.limit('httpHeaderBytes'),
      maxBody: conv.ctx.limit('httpBodyBytes'),
      payload: conv.ctx.payload,
    });
  }

  private stream(dir: Dir) {
    return dir === this.reqDir ? this.pair.request : this.pair.response;
  }

  /** AppHandler.incomplete: a request or response begun and not complete. */
  incomplete(): boolean {
    return this.pair.request.inProgress || this.pair.response.inProgress;
  }

  data(dir: Dir, bytes: Uint8Array, _offset: number, frame: number): void {
    this.fedAt[dir] = this.conv.ctx.now;
    let s = this.stream(dir);
    const skipped = this.skipped[dir];
    if (s.stopped) {
      if (skipped === undefined) return; // stopped for good (malformed, an upgrade or a tunnel)
      const type = dir === this.reqDir ? 'request' : 'response';
      if (!startsHttpMessage(bytes, type)) {
        this.skipped[dir] = skipped + bytes.length;
        return;
      }
      s = this.pair.restart(type);
      this.skipped[dir] = undefined;
      this.waiting.forget();
      this.conv.decoding('app.resync', dir, 'http', frame, skipped);
    }
    this.handle(dir, s.push(bytes, frame));
    if (s.inProgress) this.conv.ctx.segment('http');
  }

  gap(dir: Dir, _offset: number, length: number, frame: number, cut = false): void {
    const s = this.stream(dir);
    if (s.stopped) {
      const skipped = this.skipped[dir];
      if (skipped !== undefined) this.skipped[dir] = skipped + length;
      return;
    }
    this.handle(dir, s.gap(frame, length));
    this.skipped[dir] = length;
    this.conv.decoding('app.gap', dir, 'http', frame, undefined, cut);
  }

  end(dir: Dir, _reason: EndReason, frame: number): void {
    const s = this.stream(dir);
    if (s.stopped) return;
    this.handle(dir, s.end(frame));
  }

  private handle(dir: Dir, out: HttpOutput): void {
    const ctx = this.conv.ctx;
    ctx.notesFrom(out.notes);
    for (const m of out.messages) this.message(dir, m);
  }

  /** What the message's body carries: the first carried protocol's reading (a response: its request's protocol). */
  private readCarried(m: HttpMessage, request: CarriedRecord | undefined): CarriedReading | undefined {
    if (this.carriers.length === 0) return undefined;
    // (one object of one shape per message: no spread of optional parts)
    const cm: { -readonly [K in keyof CarrierMessage]: CarrierMessage[K] } = {
      kind: m.kind,
      contentType: m.content_type,
      header: (name) => headerValue(m, name),
      body: m.body,
      whole: m.complete && !m.body_capped && !m.encoded,
    };
    if (m.kind === 'request') {
      cm.method = m.method;
      cm.target = m.uri;
    } else cm.status = m.code;
    if (request) cm.request = request;
    for (const p of this.carriers) {
      if (request && request.proto !== p.name) continue;
      const r = p.read(cm);
      if (r && (r.record || r.notes?.length)) return r;
    }
    return undefined;
  }

  private message(dir: Dir, m: HttpMessage): void {
    const conv = this.conv;
    const ctx = conv.ctx;
    // a message cut short (the connection ended, bytes were lost) is completed by no frame: it is at the
    // last frame that carried its bytes, and timed there (not at the FIN or RST that ended it)
    const cut = !m.complete && m.frames.length > 0;
    const at = cut ? m.frames[m.frames.length - 1]! : conv.completing(m.frames);
    const now = cut ? this.fedAt[dir] : ctx.now;
    // the request a response answers (1xx interim responses answer the oldest request without ending it)
    const interim = m.kind === 'response' && m.code >= 100 && m.code < 200 && m.code !== 101;
    const q = m.kind === 'response' ? (interim ? this.waiting.peek() : this.waiting.shift()) : undefined;
    const reading = interim ? undefined : this.readCarried(m, q?.carried);
    for (const n of reading?.notes ?? []) ctx.note(n.code, n.params);
    const carried = reading?.record;
    if (carried) this.app ??= carried.proto;
    let rec: HttpRecord | null = null;
    if (conv.room()) {
      // fields in the order of the JSON model, set one by one (spreading each optional part made a new object)
      const frames = m.frames.slice();
      const d = DIR_NAME[dir];
      let r: Building<HttpRequestRecord> | Building<HttpResponseRecord>;
      if (m.kind === 'request') {
        const q: Building<HttpRequestRecord> = { frame: at, frames, dir: d, proto: 'http', kind: 'request' };
        q.method = m.method;
        q.uri = m.uri;
        q.path = m.path;
        for (const _ in m.query) {
          q.params = m.query;
          break;
        }
        r = q;
      } else {
        const p: Building<HttpResponseRecord> = { frame: at, frames, dir: d, proto: 'http', kind: 'response' };
        p.status = m.code;
        p.phrase = m.phrase;
        if (m.request_method !== undefined) p.request_method = m.request_method;
        r = p;
      }
      r.version = m.version;
      r.headers = headerObject(m.headers);
      if (m.content_type !== undefined) r.content_type = m.content_type;
      if (m.content_length !== undefined) r.content_length = m.content_length;
      r.body_len = m.body_len;
      if (m.chunked) r.chunked = true;
      r.keep_alive = m.keep_alive;
      rec = r as HttpRecord;
      if (!m.complete) rec.complete = false;
      if (m.body_capped) rec.body_capped = true;
      if (m.payload) rec.payload = conv.charge(payloadRecord(m.payload));
      if (carried) rec.carried = carried;
      conv.add(rec);
    }
    if (m.payload) ctx.notesFrom(m.payload.notes);
    if (m.kind === 'request') {
      this.waiting.push({ rec, frame: at, t: now, carried, method: m.method, uri: m.uri });
    } else if (q) {
      if (rec) {
        rec.reply_to = q.frame;
        rec.latency = roundNs(now - q.t);
      }
      if (q.rec && !interim) q.rec.replied_by = at;
    } else if (!this.waiting.forgotten && !this.stream(this.reqDir).inProgress) {
      // (a response while a request is still coming: the rest of that request is missing from the capture)
      conv.note('http.response.unpaired', { frame: at });
    }
    const error = reading?.error;
    if (m.kind === 'response' && error !== undefined && carried && (m.code < 400 || m.code >= 600))
      if (this.carriedErrors++ === 0) {
        const e: CarriedErrorRecord = { frame: at, status: m.code, phrase: m.phrase, proto: carried.proto, error };
        if (reading?.call !== undefined) e.call = reading.call;
        this.firstCarriedError = e;
      }
    if (m.kind === 'response' && m.code >= 400 && m.code < 600 && this.errors++ === 0) {
      const e: HttpErrorRecord = { frame: at, status: m.code, phrase: m.phrase };
      if (q) {
        e.method = q.method;
        e.uri = q.uri;
      }
      this.firstError = e;
    }
    // (the frame list names a message in the frame that completes it: a message cut short has none, as in
    // tshark, whose reassembly never completes it)
    if (!cut) ctx.done('http');
    if (ctx.frames && !cut) {
      const e: HttpFrameEntry =
        m.kind === 'request'
          ? { proto: 'http', kind: 'request', method: m.method, uri: m.uri, version: m.version }
          : { proto: 'http', kind: 'response', status: m.code, phrase: m.phrase, version: m.version };
      if (m.body_len > 0 && m.content_type) e.content_type = m.content_type;
      // the body per frame, as tshark's http.file_data (bounded; the message keeps the whole decoding)
      if (m.payload) e.body = framePayload(rec?.payload ?? payloadRecord(m.payload));
      if (carried) e.carried = carried;
      ctx.emit(e);
    }
  }

  finish(rec: ConversationRecord): void {
    if (this.app) rec.app = this.app;
    rec.pattern = 'request/response';
    const facts = rec as ConversationRecord & HttpFacts;
    if (this.firstError) facts.http_errors = { count: this.errors, first: this.firstError };
    if (this.firstCarriedError) facts.carried_errors = { count: this.carriedErrors, first: this.firstCarriedError };
    const left = this.waiting.peek();
    if (left)
      facts.http_unanswered = {
        count: this.waiting.length,
        first: { frame: left.frame, method: left.method, uri: left.uri },
      };
  }
}
