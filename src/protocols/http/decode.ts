/**
 * HTTP/1.0 and 1.1 over one TCP direction, parsed by http-parser-js.
 *
 * HTTP frames itself (Content-Length, chunked, until-close, bodiless responses), so this is a
 * streaming wrapper rather than a PduProtocol: feed the bytes of one direction in order with the
 * capture frame that carried them; complete messages come out with the frames that carried them.
 * A response's framing depends on the request it answers (HEAD, CONNECT), so the response direction
 * takes the request methods in order from the request direction (`newHttpPair` wires both).
 *
 * Decoding never throws; after a parse error, an oversized header, an upgrade (101, CONNECT tunnel)
 * or a gap, the direction stops and what follows is not HTTP to this parser.
 */
import { HTTPParser, methods as METHOD_LIST } from 'http-parser-js';
import { type DecodedPayload, decodePayload, type PayloadOptions } from '../../dissectors/app/payload.js';
import { type Note, NoteSink, type Severity } from '../../dissectors/app/types.js';

export const NOTES: Record<string, Severity> = {
  /** The header block exceeds the cap: parsing of this direction stops. */
  'http.header.too_long': 'error',
  /** http-parser-js rejected the bytes (reason in params): parsing of this direction stops. */
  'http.malformed': 'error',
  /** Body longer than the bytes kept: the rest is counted, not kept. */
  'http.body.capped': 'info',
  /** Body has a Content-Encoding (gzip...): not decoded. */
  'http.content_encoding': 'info',
  /** The stream ended (or lost bytes) inside a message. */
  'http.incomplete': 'warn',
  /** Bytes were lost in this direction: parsing stops. */
  'http.gap': 'warn',
  /** Protocol switch (101 Switching Protocols / Upgrade): the rest is not HTTP. */
  'http.upgrade': 'note',
  /** CONNECT established a tunnel: the rest is not HTTP. */
  'http.connect.tunnel': 'note',
  /** A response with no known request (its method is unknown; HEAD cannot be recognised). */
  'http.response.unmatched': 'note',
  /** Decoder bug caught by the backstop (tests assert it never fires). */
  'http.dissector_bug': 'error',
};

export interface HttpHeader {
  readonly name: string;
  readonly value: string;
}

interface HttpBase {
  /** Position of the message in its direction, from 0. */
  readonly index: number;
  /** "1.0" or "1.1" (http.request.version / http.response.version). */
  readonly version: string;
  readonly headers: readonly HttpHeader[];
  /** Content-Length header value (http.content_length). */
  readonly content_length?: number;
  /** Media type without parameters, lowercased (http.content_type). */
  readonly content_type?: string;
  readonly chunked: boolean;
  readonly keep_alive: boolean;
  readonly upgrade: boolean;
  /** Body bytes kept (de-chunked), at most the cap. */
  readonly body: Uint8Array;
  /** Body length on the wire after de-chunking. */
  readonly body_len: number;
  readonly body_capped: boolean;
  readonly trailers?: readonly HttpHeader[];
  /** False when the stream ended or lost bytes before the message's end. */
  readonly complete: boolean;
  /** Capture frames that carried the message, first to completing (at most 1000 listed). */
  readonly frames: readonly number[];
  readonly first_frame: number;
  readonly last_frame: number;
  /** Decoded body (text, JSON, pickle, hex), when the body is kept whole and not content-encoded. */
  readonly payload?: DecodedPayload;
  /** The body has a Content-Encoding other than identity (not decoded). */
  readonly encoded: boolean;
}

export interface HttpRequest extends HttpBase {
  readonly kind: 'request';
  /** http.request.method */
  readonly method: string;
  /** http.request.uri, as sent */
  readonly uri: string;
  /** http.request.uri.path */
  readonly path: string;
  /** http.request.uri.query.parameter, decoded; repeated names give arrays. */
  readonly query: Readonly<Record<string, string | readonly string[]>>;
}

export interface HttpResponse extends HttpBase {
  readonly kind: 'response';
  /** http.response.code */
  readonly code: number;
  /** http.response.phrase */
  readonly phrase: string;
  /** Method of the request this answers, when known. */
  readonly request_method?: string;
}

export type HttpMessage = HttpRequest | HttpResponse;

export interface HttpOutput {
  readonly messages: readonly HttpMessage[];
  readonly notes: readonly Note[];
}

/** Largest header block by default (request/status line + headers). */
export const HTTP_DEFAULT_MAX_HEADER = 64 * 1024;
/** Body bytes kept per message by default. */
export const HTTP_DEFAULT_MAX_BODY = 1024 * 1024;

export interface HttpStreamOptions {
  /** Largest header block (request/status line + headers). Default 64 KiB. */
  maxHeader?: number;
  /** Body bytes kept per message. Default 1 MiB. */
  maxBody?: number;
  /** Limits of the body decoder (decodePayload). */
  payload?: PayloadOptions;
  /** Request direction: told each request's method as soon as its headers are parsed. */
  onRequestMethod?: (method: string) => void;
  /** Response direction: the method of the oldest request still awaiting its final response. */
  nextRequestMethod?: () => string | undefined;
  /** Decode bodies (payload, JSON-RPC/SOAP). Default true. */
  decodeBodies?: boolean;
}

export type HttpStopReason = 'malformed' | 'header_too_long' | 'upgrade' | 'tunnel' | 'gap';

/** A message being filled in field by field. */
type Building<T> = { -readonly [K in keyof T]?: T[K] };

/** Bytes handed to http-parser-js per call (bounds its line buffer between header-size checks). */
const SLICE = 16 * 1024;
const MAX_FRAMES_LISTED = 1000;

interface Current {
  method?: string;
  uri?: string;
  code?: number;
  phrase?: string;
  requestMethod?: string;
  version: string;
  headers: HttpHeader[];
  upgrade: boolean;
  keepAlive: boolean;
  tunnel: boolean;
}

type HeaderInfo = {
  versionMajor: number;
  versionMinor: number;
  headers: string[];
  method: number | string;
  url: string;
  statusCode: number;
  statusMessage: string;
  upgrade: boolean;
  shouldKeepAlive: boolean;
};

/** http-parser-js internals read between callbacks (not in its type declarations). */
interface ParserInternals {
  offset: number;
  end: number;
  state: string;
  line: string;
}

/** The parser's internals as they are now (absent or odd ones read as 0 / ''). */
function internalsOf(p: object): ParserInternals {
  const offset: unknown = Reflect.get(p, 'offset');
  const end: unknown = Reflect.get(p, 'end');
  const state: unknown = Reflect.get(p, 'state');
  const line: unknown = Reflect.get(p, 'line');
  return {
    offset: typeof offset === 'number' ? offset : 0,
    end: typeof end === 'number' ? end : 0,
    state: typeof state === 'string' ? state : '',
    line: typeof line === 'string' ? line : '',
  };
}

/** What a call that completed nothing and noted nothing returns (shared: callers only read it; frozen). */
const NOTHING: HttpOutput = Object.freeze({ messages: Object.freeze([]), notes: Object.freeze([]) });

/** One direction of an HTTP/1.x connection. */
export class HttpStream {
  private readonly parser: InstanceType<typeof HTTPParser>;
  private readonly maxBody: number;
  private readonly decodeBodies: boolean;
  /** Messages completed by the current call (null: none yet). */
  private out: HttpMessage[] | null = null;
  /** Notes of the current call: one sink, emptied by each call's output. */
  private readonly sink = new NoteSink(NOTES);
  private frame = 0;
  /** Frames of the message in progress; undefined between messages. */
  private frames: number[] | undefined;
  private cur: Current | undefined;
  private body: Uint8Array[] = [];
  private kept = 0;
  private bodyLen = 0;
  private trailers: HttpHeader[] | undefined;
  private index = 0;
  private stopReason: HttpStopReason | undefined;
  private readonly maxHeader: number;
  /** Header octets of the message in progress fed before the current slice. */
  private headerBytes = 0;
  /** Where header counting starts in the current slice (after a message completed inside it). */
  private sliceStart = 0;
  private headerOverflow: number | undefined;

  constructor(
    readonly type: 'request' | 'response',
    private readonly opts: HttpStreamOptions = {},
  ) {
    this.maxBody = opts.maxBody ?? HTTP_DEFAULT_MAX_BODY;
    this.decodeBodies = opts.decodeBodies ?? true;
    const p = new HTTPParser(type === 'request' ? HTTPParser.REQUEST : HTTPParser.RESPONSE);
    this.maxHeader = opts.maxHeader ?? HTTP_DEFAULT_MAX_HEADER;
    p.maxHeaderSize = this.maxHeader;
    // Handlers are set through the numeric keys: the onX setters flip a module-wide compatibility mode.
    p[HTTPParser.kOnHeadersComplete] = ((...args: unknown[]) => this.guard(() => this.onHeaders(args))) as never;
    p[HTTPParser.kOnBody] = ((chunk: Uint8Array, off: number, len: number) =>
      this.guard(() => this.onBody(chunk, off, len))) as never;
    p[HTTPParser.kOnHeaders] = ((headers: string[]) => this.guard(() => this.onTrailers(headers))) as never;
    p[HTTPParser.kOnMessageComplete] = (() => this.guard(() => this.onComplete(true))) as never;
    this.parser = p;
  }

  /** A message has started (bytes fed) and is not complete yet. */
  get inProgress(): boolean {
    return this.frames !== undefined && this.stopReason === undefined;
  }

  /** Why parsing stopped, if it did. */
  get stopped(): HttpStopReason | undefined {
    return this.stopReason;
  }

  /** Feeds the next bytes of this direction, carried by capture frame `frame`. */
  push(bytes: Uint8Array, frame: number): HttpOutput {
    this.begin(frame);
    try {
      for (let o = 0; o < bytes.length && !this.stopReason; o += SLICE) {
        const n = Math.min(SLICE, bytes.length - o);
        if (this.frames === undefined) this.frames = [frame];
        else if (this.frames[this.frames.length - 1] !== frame && this.frames.length < MAX_FRAMES_LISTED)
          this.frames.push(frame);
        this.sliceStart = 0;
        const r = this.parser.execute(Buffer.from(bytes.buffer, bytes.byteOffset + o, n));
        if (r instanceof Error) {
          this.fail(r);
          break;
        }
        // Own header-size accounting: http-parser-js only counts slices that end inside a header.
        if (!this.cur && this.frames !== undefined && !this.stopReason) this.headerBytes += n - this.sliceStart;
        const over = this.headerOverflow ?? (this.headerBytes > this.maxHeader ? this.headerBytes : undefined);
        if (over !== undefined && !this.stopReason) {
          this.sink.add('http.header.too_long', { max: this.maxHeader, length: over, frame });
          this.stopReason = 'header_too_long';
          this.cur = undefined;
          this.frames = undefined;
        }
      }
    } catch (err) {
      this.sink.add('http.dissector_bug', { reason: err instanceof Error ? err.message : String(err), frame });
      this.stopReason ??= 'malformed';
    }
    return this.finishCall();
  }

  /** End of this direction (FIN): completes an until-close body; notes a message cut short. */
  end(frame?: number): HttpOutput {
    this.begin(frame ?? this.frame);
    if (!this.stopReason) {
      try {
        const inHeaders = !this.cur;
        const partialLine = internalsOf(this.parser).line !== '';
        const r = this.parser.finish();
        if (r instanceof Error || (inHeaders && partialLine)) this.cutShort();
      } catch (err) {
        this.sink.add('http.dissector_bug', { reason: err instanceof Error ? err.message : String(err) });
      }
    }
    return this.finishCall();
  }

  /** Bytes were lost in this direction: emit what is known and stop. */
  gap(frame: number, length?: number): HttpOutput {
    this.begin(frame);
    if (!this.stopReason) {
      this.sink.add('http.gap', { frame, ...(length !== undefined ? { length } : {}) });
      this.cutShort();
      this.stopReason = 'gap';
    }
    return this.finishCall();
  }

  private begin(frame: number): void {
    this.frame = frame;
    this.out = null;
    this.sink.notes.length = 0;
  }

  /** The call's messages and notes (a new output when there are any: the caller may keep it). */
  private finishCall(): HttpOutput {
    const notes = this.sink.notes;
    if (this.out === null && notes.length === 0) return NOTHING;
    const out = { messages: this.out ?? [], notes: notes.slice() };
    this.out = null;
    notes.length = 0;
    return out;
  }

  private guard(f: () => unknown): unknown {
    try {
      return f();
    } catch (err) {
      this.sink.add('http.dissector_bug', {
        reason: err instanceof Error ? err.message : String(err),
        frame: this.frame,
      });
      return undefined;
    }
  }

  private fail(err: Error): void {
    if (err.message === 'max header size exceeded') {
      this.sink.add('http.header.too_long', { max: this.parser.maxHeaderSize, frame: this.frame });
      this.stopReason = 'header_too_long';
    } else {
      const code = (err as Error & { code?: string }).code;
      this.sink.add('http.malformed', { reason: code ?? err.message, frame: this.frame });
      this.stopReason = 'malformed';
    }
    this.cutShort();
  }

  /** Emits the message in progress as incomplete (when its headers were seen). */
  private cutShort(): void {
    if (this.cur) {
      this.sink.add('http.incomplete', { frame: this.frame });
      this.onComplete(false);
    } else if (this.frames !== undefined && this.stopReason === undefined) {
      this.sink.add('http.incomplete', { frame: this.frame });
    }
    this.frames = undefined;
  }

  private onHeaders(args: unknown[]): number | boolean {
    const internals = internalsOf(this.parser);
    const used = this.headerBytes + (internals.offset - this.sliceStart);
    this.headerBytes = 0;
    if (used > this.maxHeader) this.headerOverflow = used;
    // compatMode0_12 passes one info object; older modes pass the fields positionally.
    const info: HeaderInfo =
      args.length === 1 && typeof args[0] === 'object'
        ? (args[0] as HeaderInfo)
        : {
            versionMajor: args[0] as number,
            versionMinor: args[1] as number,
            headers: args[2] as string[],
            method: args[3] as number,
            url: args[4] as string,
            statusCode: args[5] as number,
            statusMessage: args[6] as string,
            upgrade: args[7] as boolean,
            shouldKeepAlive: args[8] as boolean,
          };
    const headers: HttpHeader[] = [];
    for (let i = 0; i + 1 < info.headers.length; i += 2)
      headers.push({ name: info.headers[i]!, value: info.headers[i + 1]! });
    const cur: Current = {
      version: `${info.versionMajor}.${info.versionMinor}`,
      headers,
      upgrade: !!info.upgrade,
      keepAlive: !!info.shouldKeepAlive,
      tunnel: false,
    };
    this.cur = cur;
    this.body = [];
    this.kept = 0;
    this.bodyLen = 0;
    this.trailers = undefined;
    if (this.type === 'request') {
      cur.method = typeof info.method === 'string' ? info.method : (METHOD_LIST[info.method] ?? String(info.method));
      cur.uri = info.url;
      this.opts.onRequestMethod?.(cur.method);
      return 0;
    }
    cur.code = info.statusCode;
    cur.phrase = info.statusMessage ?? '';
    const informational = cur.code >= 100 && cur.code < 200 && cur.code !== 101;
    if (!informational && this.opts.nextRequestMethod) {
      const m = this.opts.nextRequestMethod();
      if (m === undefined) this.sink.add('http.response.unmatched', { code: cur.code, frame: this.frame });
      else cur.requestMethod = m;
    }
    if (cur.requestMethod === 'CONNECT' && cur.code >= 200 && cur.code < 300) {
      cur.tunnel = true;
      return 1; // no body: the tunnel starts after the header
    }
    // RFC 9112 6.3: responses to HEAD, 1xx, 204 and 304 never have a body, whatever the headers say.
    const bodiless = cur.requestMethod === 'HEAD' || informational || cur.code === 204 || cur.code === 304;
    return bodiless ? 1 : 0;
  }

  private onBody(chunk: Uint8Array, off: number, len: number): void {
    // http-parser-js passes a slice (offset 0) in current versions, (buffer, offset, length) in old ones.
    const view = chunk.length === len ? chunk : chunk.subarray(off, off + len);
    this.bodyLen += view.length;
    const room = this.maxBody - this.kept;
    if (room > 0) {
      // Copy: the caller's bytes are only valid until the next frame.
      const keep = new Uint8Array(Math.min(room, view.length));
      keep.set(view.subarray(0, keep.length));
      this.body.push(keep);
      this.kept += keep.length;
    }
  }

  private onTrailers(headers: string[]): void {
    const t: HttpHeader[] = [];
    for (let i = 0; i + 1 < headers.length; i += 2) t.push({ name: headers[i]!, value: headers[i + 1]! });
    this.trailers = t;
  }

  private onComplete(complete: boolean): void {
    const cur = this.cur;
    const p = internalsOf(this.parser);
    const frames = this.frames ?? [this.frame];
    // A message completing mid-slice means the next one starts in the same frame.
    this.frames = complete && p.offset < p.end ? [this.frame] : undefined;
    this.sliceStart = p.offset;
    this.headerBytes = 0;
    this.cur = undefined;
    if (!cur) return;
    const body = concat(this.body, this.kept);
    // The headers the message needs, in one pass (the first of each name, compared case-insensitively).
    let cl: string | undefined;
    let te: string | undefined;
    let ct: string | undefined;
    let ce: string | undefined;
    let up: string | undefined;
    for (const x of cur.headers) {
      const n = x.name;
      if (n.length < 7 || n.length > 17) continue;
      switch (n.toLowerCase()) {
        case 'content-length':
          cl ??= x.value;
          break;
        case 'transfer-encoding':
          te ??= x.value;
          break;
        case 'content-type':
          ct ??= x.value;
          break;
        case 'content-encoding':
          ce ??= x.value;
          break;
        case 'upgrade':
          up ??= x.value;
          break;
      }
    }
    const capped = this.bodyLen > this.kept;
    if (capped) this.sink.add('http.body.capped', { kept: this.kept, total: this.bodyLen, frame: this.frame });
    let payload: DecodedPayload | undefined;
    const encoded = ce !== undefined && ce.toLowerCase() !== 'identity' && this.bodyLen > 0;
    if (encoded) {
      this.sink.add('http.content_encoding', { encoding: ce ?? '', frame: this.frame });
    } else if (this.decodeBodies && !capped && body.length > 0) {
      payload = decodePayload(body, this.opts.payload);
    }
    // one object per message, its optional fields set only when present (spreading them made a new object each)
    let w: Building<HttpRequest> | Building<HttpResponse>;
    if (this.type === 'request') {
      const uri = cur.uri ?? '';
      const { path, query } = splitUri(uri);
      w = { kind: 'request', method: cur.method ?? '', uri, path, query };
    } else {
      const res: Building<HttpResponse> = { kind: 'response', code: cur.code ?? 0, phrase: cur.phrase ?? '' };
      if (cur.requestMethod !== undefined) res.request_method = cur.requestMethod;
      w = res;
    }
    w.index = this.index++;
    w.version = cur.version;
    w.headers = cur.headers;
    if (cl !== undefined && /^\s*\d+\s*$/.test(cl)) w.content_length = Number(cl);
    if (ct) w.content_type = ct.split(';')[0]!.trim().toLowerCase();
    w.chunked = te?.toLowerCase().includes('chunked') ?? false;
    w.keep_alive = cur.keepAlive;
    w.upgrade = cur.upgrade;
    w.body = body;
    w.body_len = this.bodyLen;
    w.body_capped = capped;
    if (this.trailers) w.trailers = this.trailers;
    w.complete = complete;
    w.frames = frames;
    w.first_frame = frames[0]!;
    w.last_frame = this.frame;
    if (payload) w.payload = payload;
    w.encoded = encoded;
    const msg = w as HttpMessage;
    if (this.out === null) this.out = [msg];
    else this.out.push(msg);
    this.body = [];
    if (complete && cur.tunnel) {
      this.sink.add('http.connect.tunnel', { frame: this.frame });
      this.stopReason = 'tunnel';
    } else if (complete && cur.upgrade) {
      const proto = up;
      this.sink.add(msg.kind === 'request' && cur.method === 'CONNECT' ? 'http.connect.tunnel' : 'http.upgrade', {
        ...(proto ? { protocol: proto } : {}),
        frame: this.frame,
      });
      this.stopReason = msg.kind === 'request' && cur.method === 'CONNECT' ? 'tunnel' : 'upgrade';
    }
  }
}

function concat(parts: Uint8Array[], total: number): Uint8Array {
  if (parts.length === 1) return parts[0]!;
  const out = new Uint8Array(total);
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

/** Path and decoded query parameters of a request URI (origin-form or absolute-form). */
export function splitUri(uri: string): { path: string; query: Record<string, string | string[]> } {
  let rest = uri;
  const abs = /^[a-zA-Z][a-zA-Z0-9+.-]*:\/\/[^/?#]*/.exec(rest);
  if (abs) rest = rest.slice(abs[0].length) || '/';
  const hash = rest.indexOf('#');
  if (hash >= 0) rest = rest.slice(0, hash);
  const q = rest.indexOf('?');
  const path = q >= 0 ? rest.slice(0, q) : rest;
  if (q < 0) return { path, query: {} };
  const groups = new Map<string, string[]>();
  for (const [k, v] of new URLSearchParams(rest.slice(q + 1))) {
    const g = groups.get(k);
    if (g) g.push(v);
    else groups.set(k, [v]);
  }
  // fromEntries defines own properties: a "__proto__" parameter stays a plain key.
  const query = Object.fromEntries([...groups].map(([k, v]) => [k, v.length === 1 ? v[0]! : v]));
  return { path, query };
}

/** Both directions of one connection (newHttpPair). */
export interface HttpPair {
  request: HttpStream;
  response: HttpStream;
  /**
   * A fresh stream for one direction (after lost bytes, at a new start line); the request methods not yet
   * answered are forgotten, as their responses may have been lost.
   */
  restart(type: 'request' | 'response'): HttpStream;
}

/** Request and response directions of one connection, the response side fed the request methods in order. */
export function newHttpPair(opts: Omit<HttpStreamOptions, 'onRequestMethod' | 'nextRequestMethod'> = {}): HttpPair {
  const methods: string[] = [];
  const make = (type: 'request' | 'response'): HttpStream =>
    type === 'request'
      ? new HttpStream('request', {
          ...opts,
          onRequestMethod: (m) => {
            if (methods.length < 10_000) methods.push(m);
          },
        })
      : new HttpStream('response', { ...opts, nextRequestMethod: () => methods.shift() });
  const pair: HttpPair = {
    request: make('request'),
    response: make('response'),
    restart(type) {
      methods.length = 0;
      pair[type] = make(type);
      return pair[type];
    },
  };
  return pair;
}

const METHOD_TOKENS = new Set(METHOD_LIST);
const enc = new TextEncoder();
const latin1 = new TextDecoder('latin1');
const HTTP1 = enc.encode('HTTP/1.');

/** Longest request or status line a resynchronisation looks for. */
const START_LINE_MAX = 8192;
const REQUEST_LINE = /^([A-Z][A-Z-]{0,15}) [!-~]+ HTTP\/1\.[01]\r\n/;
const STATUS_LINE = /^HTTP\/1\.[01] [1-5][0-9]{2}(?: [\t !-~\x80-\xff]*)?\r\n/;

/**
 * Whether `b` starts with a whole HTTP/1.x request line (a known method, a target, the version) or status
 * line: after lost bytes, a segment that does starts a new message (HTTP's sync marker).
 */
export function startsHttpMessage(b: Uint8Array, type: 'request' | 'response'): boolean {
  const n = Math.min(b.length, START_LINE_MAX);
  let end = -1;
  for (let i = 1; i < n; i++) {
    if (b[i] === 0x0a && b[i - 1] === 0x0d) {
      end = i + 1;
      break;
    }
  }
  if (end < 0) return false;
  const line = latin1.decode(b.subarray(0, end));
  if (type === 'response') return STATUS_LINE.test(line);
  const m = REQUEST_LINE.exec(line);
  return m !== null && METHOD_TOKENS.has(m[1]!);
}

/** Heuristic on the first bytes of a direction: a known method token + space, or "HTTP/1." at the start. */
export function looksLikeHttp(b: Uint8Array): 'request' | 'response' | undefined {
  if (b.length >= HTTP1.length && HTTP1.every((c, i) => b[i] === c)) return 'response';
  let i = 0;
  while (i < b.length && i < 16 && ((b[i]! >= 0x41 && b[i]! <= 0x5a) || b[i] === 0x2d)) i++;
  if (i === 0 || i >= b.length || b[i] !== 0x20) return undefined;
  const token = String.fromCharCode(...b.subarray(0, i));
  return METHOD_TOKENS.has(token) ? 'request' : undefined;
}
