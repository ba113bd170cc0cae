/**
 * Live events: what a person watching a capture wants to be told as it happens — a new connection, its
 * handshake done, a message, a request paired with its reply, the connection ending. Derived, one frame
 * at a time, from the frame records and the conversation records the analysis pass produces (the same
 * pass `analyze` runs), by comparing each conversation's record with the one seen at its previous frame.
 *
 * Events are typed records with a catalogue code and parameters (live.event.*); the text is added by the
 * renderers from the catalogues, as for notes.
 */
import { isJsonObject, type JsonObject } from '../json.js';
import type { CloseKind, ConversationRecord, FrameRecord } from './model.js';

export type LiveEventKind = 'connection' | 'handshake' | 'message' | 'data' | 'pair' | 'ending';

export const LIVE_EVENT = {
  /** A TCP SYN: a client opens a connection. params: client, server */
  CONNECTION: 'live.event.connection',
  /** First frame of a TCP connection whose SYN was not captured. params: client, server */
  CONNECTION_MIDSTREAM: 'live.event.connection.midstream',
  /** First datagram of a UDP flow. params: client, server */
  CONNECTION_UDP: 'live.event.connection.udp',
  /** SYN, SYN/ACK, ACK seen. params: client, server, syn, synack, ack, rtt (ms) */
  HANDSHAKE: 'live.event.handshake',
  /** The same without a round-trip time. params: client, server, ack */
  HANDSHAKE_NO_RTT: 'live.event.handshake.no_rtt',
  /** An application message completed. params: from, to, proto, what */
  MESSAGE: 'live.event.message',
  /** The same with a payload preview. params: from, to, proto, what, payload */
  MESSAGE_PAYLOAD: 'live.event.message.payload',
  /** Payload bytes without an application decoder. params: from, to, transport, bytes */
  DATA: 'live.event.data',
  /** A reply matched to its request. params: proto, request, reply, latency (ms) */
  PAIR: 'live.event.pair',
  /** A broker forwards a message it received on another conversation. params: proto, source, from, delay (ms) */
  RELAY: 'live.event.relay',
  /** params: closer, peer */
  ENDING_FIN: 'live.event.ending.fin',
  /** params: closer, peer */
  ENDING_RST: 'live.event.ending.rst',
  /** params: client, server */
  ENDING_REFUSED: 'live.event.ending.refused',
} as const;

export type LiveEventCode = (typeof LIVE_EVENT)[keyof typeof LIVE_EVENT];

export interface LiveEvent {
  kind: LiveEventKind;
  code: LiveEventCode;
  /** The frame that caused the event. */
  frame: number;
  ts: string;
  /** Seconds since the first frame of the capture. */
  rel: number;
  conversation: number;
  params: Record<string, string | number>;
}

/** The record of conversation `id` as it stands after the current frame. */
export type ConversationLookup = (id: number) => ConversationRecord | undefined;

/** Where a conversation is, in words a student uses (codes live.state.*). */
export type LiveState =
  | 'connecting'
  | 'established'
  | 'midstream'
  | 'closing'
  | 'closed'
  | 'reset'
  | 'refused'
  | 'active';

export function liveState(c: ConversationRecord): LiveState {
  if (c.transport === 'udp') return 'active';
  switch (c.close.kind) {
    case 'refused':
      return 'refused';
    case 'rst':
      return 'reset';
    case 'fin': {
      const h = c.history;
      return h.includes('F') && h.includes('f') ? 'closed' : 'closing';
    }
    case 'open':
      if (!c.handshake) return 'midstream';
      return c.handshake.ack !== null ? 'established' : 'connecting';
  }
}

/** What a conversation's application layer says about it, when the app layer is there. */
export function appLabel(c: ConversationRecord): string | undefined {
  const pattern = typeof c.pattern === 'string' ? c.pattern : undefined;
  const app = typeof c.app === 'string' ? c.app : undefined;
  if (app && pattern) return `${app.toUpperCase()} ${pattern}`;
  return pattern ?? app?.toUpperCase();
}

const PREVIEW_MAX = 48;

/** A short, single-line rendering of a decoded payload value (text quoted, JSON compact). */
export function previewValue(v: unknown): string {
  let s: string;
  if (typeof v === 'string') s = JSON.stringify(v);
  else if (v === undefined) return '';
  else {
    try {
      s = JSON.stringify(v) ?? String(v);
    } catch {
      s = String(v);
    }
  }
  s = s.replace(/\s+/g, ' ');
  return s.length > PREVIEW_MAX ? `${s.slice(0, PREVIEW_MAX - 1)}…` : s;
}

function payloadOf(el: JsonObject): unknown {
  const p = el.payload;
  if (isJsonObject(p) && 'value' in p) return p.value;
  const parts = el.parts;
  if (Array.isArray(parts)) {
    // ZeroMQ: the last non-empty part is the body (REQ/REP puts an empty delimiter first).
    for (let i = parts.length - 1; i >= 0; i--) {
      const part = parts[i];
      if (!isJsonObject(part)) continue;
      const pv = isJsonObject(part.payload) ? part.payload.value : undefined;
      if (pv !== undefined && pv !== '' && part.size !== 0) return pv;
    }
  }
  return undefined;
}

/**
 * The protocol notation of one application element (a conversations[].messages entry or a frames[].app
 * entry): "greeting 3.1 NULL", "READY Socket-Type=REQ", "PUBLISH sister/temp QoS 0", "GET /add", "200 OK".
 */
export function describeElement(el: JsonObject): { proto: string; what: string; payload: string } {
  const proto = typeof el.proto === 'string' ? el.proto.toUpperCase() : 'DATA';
  const str = (v: unknown): string | undefined =>
    typeof v === 'string' || typeof v === 'number' ? String(v) : undefined;
  const pieces: (string | undefined)[] = [];
  const kind = str(el.kind);
  if (str(el.method)) pieces.push(str(el.method), str(el.uri));
  else if (str(el.status)) pieces.push(str(el.status), str(el.reason));
  else if (str(el.name)) pieces.push(str(el.name));
  else if (kind?.toUpperCase() !== proto) pieces.push(kind); // plain data reads "DATA "hi"", not "DATA data"
  if (kind === 'greeting') pieces.push(str(el.version), str(el.mechanism));
  const props = el.properties;
  if (isJsonObject(props) && str(props['Socket-Type'])) pieces.push(`Socket-Type=${str(props['Socket-Type'])}`);
  pieces.push(str(el.client_id), str(el.meaning), str(el.topic));
  if (Array.isArray(el.subscriptions)) {
    for (const sub of el.subscriptions) if (isJsonObject(sub)) pieces.push(str(sub.topic));
  }
  // a delivery guarantee where the element has one (a PUBLISH's QoS)
  if (str(el.qos) !== undefined) pieces.push(`QoS ${str(el.qos)}`);
  const what = pieces.filter((p): p is string => p !== undefined && p !== '').join(' ');
  return { proto, what, payload: previewValue(payloadOf(el)) };
}

interface Track {
  handshake: boolean;
  close: CloseKind;
  /** Application messages (and plain data segments) seen. */
  messages: number;
  /** Messages already taken from the conversation record's `messages`. */
  fromRecord: number;
  /** The application layer decodes this conversation (it has `app`, or its frames carry `app`). */
  frameApp: boolean;
}

const TIMES_KEPT = 100_000;

/** Feed every frame record in order; each call returns that frame's events. */
export class LiveEventDeriver {
  private readonly tracks = new Map<number, Track>();
  private readonly latest = new Map<number, ConversationRecord>();
  /** Frame number → seconds since the first frame, for reply latencies (bounded). */
  private readonly times = new Map<number, number>();

  constructor(private readonly lookup: ConversationLookup) {}

  /** Every conversation as of its latest frame, in id order. */
  conversations(): ConversationRecord[] {
    return [...this.latest.values()];
  }

  /** Messages (or plain data segments) counted in conversation `id`. */
  messages(id: number): number {
    return this.tracks.get(id)?.messages ?? 0;
  }

  onFrame(f: FrameRecord): LiveEvent[] {
    this.times.set(f.n, f.rel);
    if (this.times.size > TIMES_KEPT) this.times.delete(this.times.keys().next().value as number);
    const id = f.conversation;
    if (id === undefined) return [];
    const c = this.lookup(id);
    if (!c) return [];
    this.latest.set(id, c);
    const out: LiveEvent[] = [];
    const ev = (kind: LiveEventKind, code: LiveEventCode, params: Record<string, string | number>): void => {
      out.push({ kind, code, frame: f.n, ts: f.ts, rel: f.rel, conversation: id, params });
    };
    const ends = { client: c.client, server: c.server };

    let t = this.tracks.get(id);
    if (!t) {
      t = { handshake: false, close: 'open', messages: 0, fromRecord: 0, frameApp: false };
      this.tracks.set(id, t);
      if (c.transport === 'udp') ev('connection', LIVE_EVENT.CONNECTION_UDP, ends);
      else if (c.handshake && c.handshake.syn[0] === f.n) ev('connection', LIVE_EVENT.CONNECTION, ends);
      else ev('connection', LIVE_EVENT.CONNECTION_MIDSTREAM, ends);
    }

    if (!t.handshake && c.handshake && c.handshake.ack !== null) {
      t.handshake = true;
      const h = c.handshake;
      if (c.rtt !== null && h.syn.length > 0 && h.synack.length > 0) {
        ev('handshake', LIVE_EVENT.HANDSHAKE, {
          ...ends,
          syn: h.syn[0]!,
          synack: h.synack[0]!,
          ack: h.ack!,
          rtt: ms(c.rtt),
        });
      } else ev('handshake', LIVE_EVENT.HANDSHAKE_NO_RTT, { ...ends, ack: h.ack! });
    }

    this.messagesOf(f, c, t, ev);

    if (c.close.kind !== t.close && c.close.kind !== 'open') {
      const prev = t.close;
      t.close = c.close.kind;
      const closer = c.close.by === 'server' ? c.server : c.client;
      const peer = c.close.by === 'server' ? c.client : c.server;
      if (c.close.kind === 'refused') ev('ending', LIVE_EVENT.ENDING_REFUSED, ends);
      else if (c.close.kind === 'rst') ev('ending', LIVE_EVENT.ENDING_RST, { closer, peer });
      else if (prev === 'open') ev('ending', LIVE_EVENT.ENDING_FIN, { closer, peer });
    }
    return out;
  }

  private messagesOf(
    f: FrameRecord,
    c: ConversationRecord,
    t: Track,
    ev: (kind: LiveEventKind, code: LiveEventCode, params: Record<string, string | number>) => void,
  ): void {
    // Full messages come from the conversation record (frames[].app is compact); past the record's cap
    // on kept messages, from the frame's own entries. A 'segment' entry is part of a later message.
    const recMsgs: readonly unknown[] | undefined = c.messages;
    const app: readonly unknown[] | undefined = f.app;
    const entries = app ? app.filter((e) => isJsonObject(e) && e.kind !== 'segment') : [];
    if (app || typeof c.app === 'string') t.frameApp = true;
    let elements: readonly unknown[] | undefined;
    const fresh = recMsgs ? recMsgs.length - t.fromRecord : 0;
    if (recMsgs && fresh > 0 && fresh >= entries.length) elements = recMsgs.slice(t.fromRecord);
    else if (entries.length > 0) elements = entries;
    if (recMsgs) t.fromRecord = recMsgs.length;

    if (elements) {
      for (const raw of elements) {
        if (!isJsonObject(raw)) continue;
        t.messages++;
        const d = describeElement(raw);
        const c2s = raw.dir === 'c2s' ? true : raw.dir === 's2c' ? false : f.src === c.client;
        const from = c2s ? c.client : c.server;
        const to = c2s ? c.server : c.client;
        if (d.payload && d.what) {
          ev('message', LIVE_EVENT.MESSAGE_PAYLOAD, { from, to, proto: d.proto, what: d.what, payload: d.payload });
        } else ev('message', LIVE_EVENT.MESSAGE, { from, to, proto: d.proto, what: d.what || d.payload || '-' });
        const req = raw.reply_to;
        if (typeof req === 'number') {
          const lat =
            typeof raw.latency === 'number'
              ? raw.latency
              : this.times.has(req)
                ? f.rel - this.times.get(req)!
                : undefined;
          if (lat !== undefined)
            ev('pair', LIVE_EVENT.PAIR, { proto: d.proto, request: req, reply: f.n, latency: ms(lat) });
        }
        const relay = raw.relayed_from;
        if (isJsonObject(relay) && typeof relay.frame === 'number' && typeof relay.delay === 'number') {
          ev('pair', LIVE_EVENT.RELAY, {
            proto: d.proto,
            source: relay.frame,
            from: typeof relay.conversation === 'number' ? relay.conversation : '?',
            delay: ms(relay.delay),
          });
        }
      }
      return;
    }
    // No application decoder for this conversation: plain payload bytes.
    if (t.frameApp) return;
    const bytes = f.tcp ? f.tcp.len : f.udp ? Math.max(0, f.udp.len - 8) : 0;
    if (bytes <= 0) return;
    t.messages++;
    ev('data', LIVE_EVENT.DATA, { from: f.src, to: f.dst, transport: c.transport.toUpperCase(), bytes });
  }
}

/** Seconds → milliseconds with three significant decimals at most ("0.123", "12.5"). */
function ms(seconds: number): string {
  const v = seconds * 1000;
  return v >= 100 ? v.toFixed(0) : v >= 10 ? v.toFixed(1) : v.toFixed(3);
}
