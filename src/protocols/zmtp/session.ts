/**
 * ZMTP session (ZeroMQ): both directions framed by the ZMTP framer over TCP reassembly (PduStream), each
 * PDU decoded before the next is framed (the greeting decides the framing that follows). Greetings,
 * commands (READY Socket-Type → socket types and the pattern), multi-part messages (parts, decoded body),
 * REQ/REP request ↔ reply pairing with latency, PUB/SUB subscriptions (3.1 SUBSCRIBE/CANCEL commands and
 * 3.0-style messages) and, for the cross-conversation pass, what each PUB sent and when each PUSH sent.
 */

import type { AppContext } from '../../analysis/app/context.js';
import type { AppConversation, Dir } from '../../analysis/app/conversation.js';
import { DIR_NAME } from '../../analysis/app/conversation.js';
import { PduHandler } from '../../analysis/app/framed.js';
import { partPreview, textOrHex } from '../../analysis/app/payload.js';
import { RequestQueue } from '../../analysis/app/requests.js';
import { roundNs } from '../../analysis/app/time.js';
import type { ConversationRecord } from '../../analysis/model.js';
import {
  latin1Text,
  newZmtpState,
  type ZmtpCommand,
  type ZmtpFrame,
  ZmtpMessageAssembler,
  type ZmtpMultipart,
  type ZmtpPattern,
  type ZmtpProperty,
  type ZmtpState,
  zmtp,
  zmtpFramesExact,
  zmtpLastFlags,
  zmtpPattern,
} from './decode.js';
import type {
  ZmtpCommandRecord,
  ZmtpFacts,
  ZmtpFrameEntry,
  ZmtpGreetingRecord,
  ZmtpMessageRecord,
  ZmtpPartRecord,
  ZmtpPipeline,
} from './model.js';

const PROTOCOL = { frame: zmtp.frame };
/** Parts kept per message (the rest are counted). */
const MAX_PARTS = 64;
/** Parts previewed in the Info column. */
const PREVIEW_PARTS = 4;
/** Distinct message prefixes remembered per PUB connection (for the subscription check). */
const MAX_PREFIXES = 1000;
/** Prefix length compared with subscriptions. */
const PREFIX_BYTES = 64;
/** Send times remembered per PUSH connection (for the round-robin order); fewer in summary mode. */
const MAX_JOBS = 100_000;
const MAX_JOBS_SUMMARY = 2_000;

const latin1 = new TextDecoder('latin1');

/** Same parts: flags, sizes and the very same payload records (decode() shares records of equal bytes). */
function samePartList(a: readonly ZmtpPartRecord[], b: readonly ZmtpPartRecord[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const x = a[i]!;
    const y = b[i]!;
    if (x.more !== y.more || x.size !== y.size || x.payload !== y.payload) return false;
  }
  return true;
}

export interface ZmtpSubscription {
  topic: string;
  /** Raw topic bytes as latin1 (compared with message prefixes). */
  raw: string;
  frame: number;
}

/** A frame entry, typed as ZMTP's. */
function emit(ctx: AppContext, e: ZmtpFrameEntry): void {
  ctx.emit(e);
}

function propertiesObject(list: readonly ZmtpProperty[]): Record<string, string> {
  const o: Record<string, string> = {};
  for (const p of list) o[p.name] = p.text ?? textOrHex(p.value);
  return o;
}

export class ZmtpHandler extends PduHandler<ZmtpState> {
  readonly proto = 'zmtp' as const;
  private readonly asm: [ZmtpMessageAssembler, ZmtpMessageAssembler] = [
    new ZmtpMessageAssembler(MAX_PARTS, true),
    new ZmtpMessageAssembler(MAX_PARTS, true),
  ];
  private readonly partFrames: [number[], number[]] = [[], []];
  /** Socket-Type of each side (READY / INITIATE / ZMTP 2.0 greeting). */
  readonly socket: [string | null, string | null] = [null, null];
  private readonly version: [string | null, string | null] = [null, null];
  private mechanism: string | null = null;
  private pattern: ZmtpPattern | undefined;
  private readonly waiting = new RequestQueue();
  /** Subscriptions made by the SUB side, active at the end, in order. */
  readonly subscriptions = new Map<string, ZmtpSubscription>();
  /** Messages completed per direction. */
  readonly received: [number, number] = [0, 0];
  /** First bytes (latin1) of the messages a PUB side sent, distinct, bounded. */
  readonly prefixes = new Set<string>();
  /** Times of the first messages a PUSH side sent (bounded), and how many it sent in all. */
  readonly jobTimes: number[] = [];
  jobs = 0;
  private started = false;
  /** How the PUSH endpoint of this connection spread its messages (set by the end-of-capture pass). */
  pipeline: ZmtpPipeline | undefined;
  /** The parts of the last message per direction (shared with the next one when identical). */
  private readonly lastParts: [ZmtpPartRecord[] | undefined, ZmtpPartRecord[] | undefined] = [undefined, undefined];

  constructor(conv: AppConversation, midStream = false) {
    const maxFrame = conv.ctx.limit('zmtpFrameBytes');
    super(conv, [newZmtpState({ midStream, maxFrame }), newZmtpState({ midStream, maxFrame })], PROTOCOL);
    if (midStream) conv.note('app.midstream', { proto: 'zmtp' });
  }

  /** The direction whose socket is `types` (one of them), or -1. */
  dirOf(...types: string[]): number {
    if (this.socket[0] !== null && types.includes(this.socket[0])) return 0;
    if (this.socket[1] !== null && types.includes(this.socket[1])) return 1;
    return -1;
  }

  /** A multi-part message waits for its last part. */
  protected override pending(dir: Dir): boolean {
    return this.asm[dir].pending() > 0;
  }

  pdu(dir: Dir, bytes: Uint8Array, frames: readonly number[]): void {
    const conv = this.conv;
    const ctx = conv.ctx;
    const d = zmtp.decode(bytes, this.states[dir]);
    ctx.notesFrom(d.notes);
    for (const n of d.notes) if (n.code === 'zmtp.error') conv.note(n.code, n.params);
    const m = d.message;
    if (!this.started) {
      this.started = true;
      if (m.kind !== 'greeting' && m.kind !== 'greeting-v2' && !conv.fromStart)
        conv.note('app.midstream', { proto: 'zmtp' });
    }
    const at = conv.completing(frames);
    if (m.kind !== 'frame' && m.kind !== 'undecoded') ctx.done('zmtp');
    switch (m.kind) {
      case 'greeting': {
        this.version[dir] = m.protocol;
        this.mechanism ??= m.mechanism;
        if (conv.room()) {
          const rec: ZmtpGreetingRecord = {
            frame: at,
            frames: [...frames],
            dir: DIR_NAME[dir],
            proto: 'zmtp',
            kind: 'greeting',
            version: `${m.major}.${m.minor}`,
            mechanism: m.mechanism,
            as_server: m.as_server,
          };
          conv.add(rec);
        }
        if (ctx.frames)
          emit(ctx, {
            proto: 'zmtp',
            kind: 'greeting',
            version: `${m.major}.${m.minor}`,
            mechanism: m.mechanism,
            ...(m.as_server ? { as_server: true } : {}),
          });
        break;
      }
      case 'greeting-v2': {
        this.version[dir] = '2.0';
        this.mechanism ??= 'NULL';
        if (this.states[dir].socket_type) this.setSocket(dir, this.states[dir].socket_type!);
        if (conv.room()) {
          const rec: ZmtpGreetingRecord = {
            frame: at,
            frames: [...frames],
            dir: DIR_NAME[dir],
            proto: 'zmtp',
            kind: 'greeting',
            version: '2.0',
            socket_type: m.socket_type,
          };
          conv.add(rec);
        }
        if (ctx.frames) emit(ctx, { proto: 'zmtp', kind: 'greeting', version: '2.0', socket_type: m.socket_type });
        break;
      }
      case 'command':
        this.command(dir, m, at, frames);
        break;
      case 'frame':
        this.frame(dir, m, at, frames);
        break;
      case 'undecoded':
        break;
      default: {
        const never: never = m;
        void never;
      }
    }
  }

  /** ZMTP 3.x framing: a segment of whole frames (ZMTP 1.0/2.0 framing is not resynchronised). */
  protected override syncs(dir: Dir, bytes: Uint8Array): boolean {
    return this.states[dir].framing === 'v3' && zmtpFramesExact(bytes);
  }

  /**
   * Decoded on arrival behind a hole only between messages: the handshake is over, no message or frame
   * is half done on this side, and the segment's last frame ends a message (no MORE flag).
   */
  protected override aheadOk(dir: Dir, bytes: Uint8Array): boolean {
    const st = this.states[dir];
    if (st.phase !== 'traffic' || st.in_message || st.framing !== 'v3') return false;
    if (this.asm[dir].pending() > 0 || this.streams[dir].pendingBytes > 0) return false;
    const last = zmtpLastFlags(bytes);
    return last >= 0 && (last & 0x01) === 0;
  }

  /**
   * A ZMTP frame cut by the snapshot length: the greeting and READY set up what follows, and a message's
   * frames belong together, so decoding of the side stops as after lost bytes and resumes at a segment of
   * whole frames.
   */
  override cut(): boolean {
    return false;
  }

  /** After skipped bytes: a half-assembled message lost its other parts. */
  protected override resumed(dir: Dir): void {
    const st = this.states[dir];
    st.phase = 'traffic';
    st.in_message = false;
    st.identity_next = false;
    this.asm[dir].reset();
    this.partFrames[dir].length = 0;
  }

  /** A pair is never made across lost bytes (the reply could answer a request that was lost). */
  protected override forgetPairs(): void {
    this.waiting.forget();
  }

  /**
   * The side that asks in request-reply: a REQ socket, or a DEALER facing REP or ROUTER (or a peer not
   * known yet: libzmq may send the first request before the peer's READY arrives).
   */
  private asks(dir: Dir): boolean {
    const x = this.socket[dir];
    const y = this.socket[dir === 0 ? 1 : 0];
    return x === 'REQ' || (x === 'DEALER' && (y === null || y === 'REP' || y === 'ROUTER'));
  }

  private setSocket(dir: Dir, type: string): void {
    if (this.socket[dir] === type) return;
    this.socket[dir] = type;
    const a = this.socket[0];
    const b = this.socket[1];
    if (a === null || b === null) return;
    this.pattern = zmtpPattern(a, b);
    for (const n of this.pattern.notes) {
      this.conv.note(n.code, n.params);
      this.conv.ctx.note(n.code, n.params);
    }
  }

  private command(dir: Dir, m: ZmtpCommand, at: number, frames: readonly number[]): void {
    const conv = this.conv;
    const ctx = conv.ctx;
    const c = m.command;
    const rec: ZmtpCommandRecord = {
      frame: at,
      frames: [...frames],
      dir: DIR_NAME[dir],
      proto: 'zmtp',
      kind: 'command',
      name: m.name,
    };
    switch (c.kind) {
      case 'ready':
        rec.properties = propertiesObject(c.properties);
        if (c.socket_type !== undefined) this.setSocket(dir, c.socket_type);
        break;
      case 'plain-initiate':
        rec.properties = propertiesObject(c.properties);
        if (c.socket_type !== undefined) this.setSocket(dir, c.socket_type);
        break;
      case 'error':
        rec.reason = c.reason;
        break;
      case 'subscribe':
      case 'cancel': {
        const topic = c.topic_text ?? textOrHex(c.topic);
        rec.topic = topic;
        this.subscription(c.kind, c.topic, topic, at);
        break;
      }
      case 'ping':
        rec.ttl = c.ttl;
        break;
      case 'pong':
        break;
      case 'plain-hello':
        rec.username = c.username;
        // PLAIN sends the password in clear: say that it is there, never what it is.
        rec.password = { present: true };
        break;
      case 'plain-welcome':
        break;
      case 'curve-hello':
      case 'curve-welcome':
      case 'curve-initiate':
      case 'curve-ready':
      case 'curve-message':
        rec.data_length = c.data_length;
        if (c.version !== undefined) rec.curve_version = c.version;
        break;
      case 'join':
      case 'leave':
        rec.group = c.group;
        break;
      case 'unknown':
        rec.data_length = c.data_length;
        break;
      default: {
        const never: never = c;
        void never;
      }
    }
    if (conv.room()) conv.add(rec);
    if (ctx.frames) {
      const e: ZmtpFrameEntry = { proto: 'zmtp', kind: 'command', name: m.name };
      if (rec.properties) e.properties = rec.properties;
      if (rec.topic !== undefined) e.topic = rec.topic;
      if (rec.username !== undefined) e.username = rec.username;
      if (rec.reason !== undefined) e.reason = rec.reason;
      ctx.emit(e);
    }
  }

  private subscription(action: 'subscribe' | 'cancel', topic: Uint8Array, text: string, frame: number): void {
    const raw = latin1.decode(topic);
    if (action === 'subscribe') this.subscriptions.set(raw, { topic: text, raw, frame });
    else this.subscriptions.delete(raw);
  }

  private frame(dir: Dir, f: ZmtpFrame, at: number, frames: readonly number[]): void {
    const pf = this.partFrames[dir];
    for (const n of frames) if (pf[pf.length - 1] !== n) pf.push(n);
    // Parts are views into the stream's buffer: the assembler copies those that wait for the rest.
    const msg = this.asm[dir].push(f, at);
    if (!msg) {
      if (f.identity) pf.length = 0;
      return;
    }
    // An exact-size copy (an array grown by push keeps spare room; messages are many and kept).
    const list = pf.length === 1 ? [pf[0]!] : pf.slice();
    pf.length = 0;
    this.message(dir, msg, f, at, list);
  }

  private message(dir: Dir, msg: ZmtpMultipart, last: ZmtpFrame, at: number, frames: number[]): void {
    const conv = this.conv;
    const ctx = conv.ctx;
    ctx.done('zmtp');
    this.received[dir]++;
    const first = msg.parts[0]?.payload;
    const sub = last.subscription && msg.part_count === 1 ? last.subscription : undefined;
    if (sub) this.subscription(sub.action, sub.topic, sub.topic_text ?? textOrHex(sub.topic), at);
    const side = this.socket[dir];
    if ((side === 'PUB' || side === 'XPUB') && first && !sub && this.prefixes.size < MAX_PREFIXES)
      this.prefixes.add(latin1Text(first, 0, Math.min(first.length, PREFIX_BYTES)));
    if (side === 'PUSH') {
      this.jobs++;
      if (this.jobTimes.length < (ctx.summary ? MAX_JOBS_SUMMARY : MAX_JOBS)) this.jobTimes.push(ctx.now);
    }
    let rec: ZmtpMessageRecord | null = null;
    if (conv.room()) {
      const n = msg.parts.length;
      let parts: ZmtpPartRecord[] = new Array(n);
      for (let i = 0; i < n; i++) {
        const p = msg.parts[i]!;
        parts[i] = { more: p.more, size: p.size, payload: conv.decode(p.payload) };
      }
      // Repetitive traffic ("Hello" after "Hello"): the same parts share one read-only list.
      const last = this.lastParts[dir];
      if (last && samePartList(last, parts)) parts = last;
      else this.lastParts[dir] = parts;
      rec = {
        frame: at,
        frames,
        dir: DIR_NAME[dir],
        proto: 'zmtp',
        kind: 'message',
        parts,
        size: msg.total_size,
        payload: n > 0 ? parts[n - 1]!.payload : { encoding: 'text', value: '', length: 0 },
      };
      if (msg.part_count > n) rec.part_count = msg.part_count;
      if (sub) rec.subscription = { action: sub.action, topic: sub.topic_text ?? textOrHex(sub.topic) };
      conv.add(rec);
    }
    // Request-reply pairing (lockstep for REQ, in order for DEALER).
    const other: Dir = dir === 0 ? 1 : 0;
    if (!sub && this.asks(dir) !== this.asks(other)) {
      if (this.asks(dir)) {
        this.waiting.push({ rec, frame: at, t: ctx.now });
      } else {
        const q = this.waiting.shift();
        if (q) {
          if (rec) {
            rec.reply_to = q.frame;
            rec.latency = roundNs(ctx.now - q.t);
          }
          if (q.rec) q.rec.replied_by = at;
        } else if (!this.waiting.forgotten) {
          conv.note('zmtp.reply.unmatched', { frame: at });
        }
      }
    }
    if (ctx.frames) {
      const e: ZmtpFrameEntry = { proto: 'zmtp', kind: 'message', parts: msg.part_count };
      if (sub) {
        e.subscription = sub.action;
        e.topic = sub.topic_text ?? textOrHex(sub.topic);
      } else if (ctx.previews) {
        const n = Math.min(msg.parts.length, PREVIEW_PARTS);
        const preview: string[] = [];
        for (let i = 0; i < n; i++) preview.push(partPreview(msg.parts[i]!.payload));
        e.preview = preview;
      }
      ctx.emit(e);
    }
  }

  finish(rec: ConversationRecord): void {
    if (this.pattern) rec.pattern = this.pattern.label;
    const facts: ZmtpFacts = { socket_types: { client: this.socket[0], server: this.socket[1] } };
    const v = this.version[0] ?? this.version[1];
    if (v) facts.zmtp_version = v;
    if (this.mechanism) facts.mechanism = this.mechanism;
    if (this.dirOf('SUB', 'XSUB') >= 0 || this.subscriptions.size > 0)
      facts.subscriptions = [...this.subscriptions.values()].map((s) => s.topic);
    if (this.pipeline) facts.pipeline = this.pipeline;
    Object.assign(rec, facts);
  }
}
