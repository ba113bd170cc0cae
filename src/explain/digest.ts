/**
 * What the story and the overview need when the full frame list is not kept (the streaming text summary),
 * in memory that does not grow with the frame count: a few frame records per conversation (the first frame
 * each way, the first FIN each way, the first RST, the TCP ACKs that answer the first message each way
 * that its protocol does not acknowledge itself, ProtocolWords.unacknowledged), the first frames of each warning note, a bounded number of ARP frames per pair of addresses and
 * of other frames outside conversations, plus exact running totals for everything the explanation counts
 * over all frames (tcp.analysis flags per conversation, payload frames before the ending, ARP frames,
 * frames outside conversations and their protocols, the last MAC each ARP sender announced).
 *
 * The session asks `want()` before it builds a frame's record, from the dissection and the analysis it
 * already has, so frames nobody needs cost no record; `push()` then keeps the record. `push()` alone also
 * works (it reads the same facts from the record). Per-frame explanations are not made from a digest.
 */
import type { AppFrameOutput } from '../analysis/app/index.js';
import type { FrameAnalysis } from '../analysis/conversations.js';
import type { FrameRecord } from '../analysis/model.js';
import { type Dissection, type Layer, TCP_FLAG } from '../dissectors/types.js';
import { typedEntry } from '../protocols/model.js';
import { wordsOf } from '../protocols/registry.js';
import { protocolName } from './info.js';

/** Frame numbers kept per tcp.analysis-flagged conversation (the overview item lists the first 50). */
export const FLAGGED_FRAMES = 50;
/** Frames kept per warning/error note code (the overview lists the first 50 frames of each note). */
export const NOTE_FRAMES = 50;
/** ARP frames kept per pair of addresses; the rest are counted (story.arp.more). */
export const ARP_FRAMES = 16;
/** Frames outside conversations kept per pair of IP addresses (the hosts list reads them). */
export const OTHER_FRAMES = 1;

/** Running totals of one conversation. */
export interface ConvTotals {
  /** tcp.analysis flag → frames carrying it. */
  readonly trouble: Map<string, number>;
  /** The first FLAGGED_FRAMES frames with a tcp.analysis flag. */
  readonly flagged: number[];
  /** Frames with TCP payload: first, last, the one before the last, the last before the first FIN / RST. */
  firstData?: number;
  lastData?: number;
  prevData?: number;
  dataBeforeFin?: number;
  dataBeforeRst?: number;
  /** Direction bits (1 c2s, 2 s2c) whose first frame / first FIN was kept. */
  dirs: number;
  fins: number;
  finAt?: number;
  /** Direction bit of the first FIN, and the first frame with payload the other way after it (a half-close). */
  finDir?: number;
  dataAfterFin?: number;
  rstAt?: number;
  /** First message each way its protocol does not acknowledge (ProtocolWords.unacknowledged); per mark: ACK found, bare segments after it kept (direction bits). */
  readonly pub: [number | undefined, number | undefined];
  readonly pubAcked: [boolean, boolean];
  readonly pubAfter: [number, number];
  /**
   * The codes of the warning and error notes (not tcp.analysis) its frames carried (a few: the fold keeps
   * NAMED_KEPT members per group and code).
   */
  readonly noteCodes: string[];
}

/**
 * A warning or error note code (not tcp.analysis) over every frame: its text (the first record's), the first
 * NOTE_FRAMES frames carrying it and how many did. Read by the overview ("Worth a second look"), so the item
 * stays whole when the conversations of those frames were folded and let go.
 */
export interface NoteFrames {
  text: string | undefined;
  readonly frames: number[];
  count: number;
  /** The last frame counted (a code twice in a frame is one frame). */
  last: number;
}

/** First and last frame numbers and the count of a run of frames. */
export interface Span {
  first: number;
  last: number;
  count: number;
}

/** What the story and the overview read from a digest instead of scanning every frame. */
export interface DigestTotals {
  readonly convs: ReadonlyMap<number, ConvTotals>;
  /** ARP frames in the capture. */
  readonly arpFrames: number;
  /** ARP sender IP → the MAC its last ARP frame gave (the hosts list). */
  readonly arpMacs: ReadonlyMap<string, string>;
  /** ARP frames not kept, per pair of addresses ("a|b"). */
  readonly arpDropped: ReadonlyMap<string, Span>;
  /** Frames outside conversations that are not ARP, and the last protocol of each, in order of appearance. */
  readonly other: Span | undefined;
  readonly otherProtocols: ReadonlySet<string>;
  /** Copies of IP packets already captured on another interface (FrameRecord.copy_of), not kept. */
  readonly copies: Span | undefined;
  /** Warning and error note codes of frames (not tcp.analysis), in order of their first frame. */
  readonly noteFrames: ReadonlyMap<string, NoteFrames>;
  /**
   * Warning and error notes on conversations (not their frames) that were folded and let go: code → the
   * first one's text and the conversation's first frame (the overview reads the kept conversations' own).
   */
  readonly convNotes: ReadonlyMap<string, { text: string; frame: number }>;
}

/** The facts of one frame the digest decides on (read from the dissection or from a frame record). */
interface Facts {
  n: number;
  conv: number | undefined;
  /** 1 c2s (or the first sender), 2 s2c. */
  dir: number;
  tcp: boolean;
  flags: number;
  len: number;
  analysis: readonly string[] | undefined;
  acks: number | undefined;
  /** Frame completes a message its protocol does not acknowledge itself (ProtocolWords.unacknowledged). */
  pubQos0: boolean;
  /** The TCP/UDP checksum is the partial sum checksum offload leaves. */
  partial: boolean;
  ipSrc: string | undefined;
  ipDst: string | undefined;
  arpSender: string | undefined;
  arpTarget: string | undefined;
  arpMac: string | undefined;
  arpReply: boolean;
  lastProto: string;
}

interface NoteLike {
  readonly code: string;
  readonly severity: string;
  /** A record's note has its text; a dissection's not yet (push() gives it). */
  readonly text?: string;
}

const DIGESTS = new WeakMap<readonly FrameRecord[], DigestTotals>();

/** The totals of the digest whose frame list this is (undefined for a full frame list). */
export function digestTotals(frames: readonly FrameRecord[]): DigestTotals | undefined {
  return DIGESTS.get(frames);
}

/** A warning or error note the overview names by its code (tcp.analysis flags are counted per conversation). */
function important(note: NoteLike): boolean {
  return (note.severity === 'warn' || note.severity === 'error') && !note.code.startsWith('tcp.analysis.');
}

/** Unordered pair key of two addresses. */
function pairKey(a: string, b: string): string {
  return a < b ? `${a}|${b}` : `${b}|${a}`;
}

/** At most one TCP flag set (a record's flags list then has one entry: the flag or "<None>"). */
function bare(flags: number): boolean {
  return (flags & (flags - 1)) === 0;
}

const FLAG_BITS: Readonly<Record<string, number>> = TCP_FLAG;

function newConv(): ConvTotals {
  return {
    trouble: new Map(),
    flagged: [],
    dirs: 0,
    fins: 0,
    pub: [undefined, undefined],
    pubAcked: [false, false],
    pubAfter: [0, 0],
    noteCodes: [],
  };
}

export class ExplainDigest implements DigestTotals {
  readonly frames: FrameRecord[] = [];
  readonly convs = new Map<number, ConvTotals>();
  arpFrames = 0;
  readonly arpMacs = new Map<string, string>();
  readonly arpDropped = new Map<string, Span>();
  other: Span | undefined;
  readonly otherProtocols = new Set<string>();
  copies: Span | undefined;

  /** Counts an IP packet captured again on another interface; true when it was one (ARP copies are ARP frames). */
  private copy(n: number, copyOf: number | undefined, arp: boolean): boolean {
    if (copyOf === undefined || arp) return false;
    if (this.copies) {
      this.copies.last = n;
      this.copies.count++;
    } else this.copies = { first: n, last: n, count: 1 };
    return true;
  }
  private readonly arpKept = new Map<string, number>();
  /** Per pair: the sender of the last kept ARP request while no reply followed it. */
  private readonly arpLastRequest = new Map<string, string>();
  private readonly otherKept = new Map<string, number>();
  readonly noteFrames = new Map<string, NoteFrames>();
  /** Note codes whose text is not known yet (their first frame's record gives it in push()). */
  private untexted = 0;
  readonly convNotes = new Map<string, { text: string; frame: number }>();
  /** A frame whose checksum is an offload partial sum was kept (the teaching note needs one). */
  private offloadSeen = false;
  /** The frame want() accepted last (its record is expected in push()). */
  private accepted = -1;
  private readonly f: Facts = {
    n: 0,
    conv: undefined,
    dir: 1,
    tcp: false,
    flags: 0,
    len: 0,
    analysis: undefined,
    acks: undefined,
    pubQos0: false,
    partial: false,
    ipSrc: undefined,
    ipDst: undefined,
    arpSender: undefined,
    arpTarget: undefined,
    arpMac: undefined,
    arpReply: false,
    lastProto: '?',
  };

  constructor() {
    DIGESTS.set(this.frames, this);
  }

  /**
   * Called by the session for every frame before its record is built (AnalyzeOptions.wantFrame): counts the
   * frame and says whether its record is needed.
   */
  want(
    n: number,
    d: Dissection,
    a: FrameAnalysis | undefined,
    app: AppFrameOutput | undefined,
    copyOf?: number,
  ): boolean {
    if (
      this.copy(
        n,
        copyOf,
        d.layers.some((l) => l.kind === 'arp'),
      )
    ) {
      this.accepted = -1;
      return false;
    }
    if (a !== undefined && this.isDropped(a.conversation)) {
      this.accepted = -1;
      return false;
    }
    const f = this.reset(n);
    f.conv = a?.conversation;
    f.dir = a?.direction === 's2c' ? 2 : 1;
    const layers = d.layers as Layer[];
    if (a !== undefined) {
      // a conversation's frame: only its (last) TCP or UDP layer matters
      for (let i = layers.length - 1; i >= 0; i--) {
        const l = layers[i]!;
        if (l.kind === 'tcp') {
          this.tcpFacts(f, l.flags, l.len, a);
          f.partial = l.checksum_status === 'partial';
          break;
        }
        if (l.kind === 'udp') {
          f.partial = l.checksum_status === 'partial';
          break;
        }
      }
    } else this.layerFacts(f, layers, a);
    if (app?.proto) f.lastProto = app.proto;
    if (app) for (const e of app.entries) if (wordsOf(e.proto).unacknowledged?.(typedEntry(e))) f.pubQos0 = true;
    let keep = d.notes.length > 0 && this.notes(d.notes, f.conv, n);
    if (a && a.notes.length > 0 && this.notes(a.notes, f.conv, n)) keep = true;
    if (app && app.notes.length > 0 && this.notes(app.notes, f.conv, n)) keep = true;
    if (this.observe(f)) keep = true;
    this.accepted = keep ? n : -1;
    return keep;
  }

  private tcpFacts(f: Facts, flags: number, len: number, a: FrameAnalysis | undefined): void {
    f.tcp = true;
    f.flags = flags;
    f.len = len;
    f.analysis = a?.tcp?.analysis;
    f.acks = a?.tcp?.acks_frame;
  }

  /** Every layer: addresses (hosts, the Docker check), ARP, TCP, the last protocol (frames outside conversations). */
  private layerFacts(f: Facts, layers: readonly Layer[], a: FrameAnalysis | undefined): void {
    let last = '';
    for (const l of layers) {
      switch (l.kind) {
        case 'unknown':
          continue;
        case 'ip':
        case 'ipv6':
          if (f.ipSrc === undefined) {
            f.ipSrc = l.src;
            f.ipDst = l.dst;
          }
          break;
        case 'arp':
          f.arpSender = l.sender_ip;
          f.arpTarget = l.target_ip;
          f.arpMac = l.sender_mac;
          f.arpReply = l.op === 'reply';
          break;
        case 'tcp':
          this.tcpFacts(f, l.flags, l.len, a);
          f.partial = l.checksum_status === 'partial';
          break;
        case 'udp':
          f.partial = l.checksum_status === 'partial';
          break;
      }
      last = l.kind;
    }
    f.lastProto = last || '?';
  }

  /** Keeps a record want() accepted; a record that did not go through want() is counted and judged here. */
  push(rec: FrameRecord): void {
    if (rec.n === this.accepted) {
      this.accepted = -1;
      this.frames.push(rec);
      if (this.untexted > 0) this.texts(rec.notes);
      return;
    }
    if (this.copy(rec.n, rec.copy_of, rec.arp !== undefined)) return;
    const f = this.reset(rec.n);
    f.conv = rec.conversation;
    f.dir = 1;
    if (rec.conversation !== undefined) {
      const first = this.firstSrc.get(rec.conversation);
      if (first === undefined) this.firstSrc.set(rec.conversation, rec.src);
      else if (first !== rec.src) f.dir = 2;
    }
    f.partial = rec.tcp?.checksum_status === 'partial' || rec.udp?.checksum_status === 'partial';
    if (rec.ip) {
      f.ipSrc = rec.ip.src;
      f.ipDst = rec.ip.dst;
    }
    if (rec.arp) {
      f.arpSender = rec.arp.sender_ip;
      f.arpTarget = rec.arp.target_ip;
      f.arpMac = rec.arp.sender_mac;
      f.arpReply = rec.arp.op === 'reply';
    }
    const t = rec.tcp;
    if (t) {
      f.tcp = true;
      for (const x of t.flags) f.flags |= FLAG_BITS[x] ?? 0;
      f.len = t.len;
      f.analysis = t.analysis;
      f.acks = t.acks_frame;
    }
    f.lastProto = rec.protocols[rec.protocols.length - 1] ?? '?';
    if (rec.app?.some((e) => wordsOf(e.proto).unacknowledged?.(typedEntry(e)))) f.pubQos0 = true;
    if (rec.conversation !== undefined && this.isDropped(rec.conversation)) return;
    let keep = this.notes(rec.notes, f.conv, rec.n);
    if (this.observe(f)) keep = true;
    if (keep) this.frames.push(rec);
  }

  private totalsOf(conv: number): ConvTotals {
    let s = this.convs.get(conv);
    if (!s) {
      s = newConv();
      this.convs.set(conv, s);
    }
    return s;
  }

  /** Conversations dropped (drop()), one bit per id. */
  private dropped = new Uint8Array(1024);
  /** Conversations dropped since the frame list was last compacted. */
  private droppedSince = 0;

  private isDropped(id: number): boolean {
    const i = id >>> 3;
    return i < this.dropped.length && (this.dropped[i]! & (1 << (id & 7))) !== 0;
  }

  /**
   * Lets a conversation go (folded into its group by the summary): its totals and kept frames are dropped,
   * its later frames are not kept; its own warning and error notes (`rec`: its final record) are kept by code
   * (convNotes). The frame list is compacted once enough conversations went.
   */
  drop(id: number, rec?: { first: number; notes: readonly NoteLike[] }): void {
    if (rec)
      for (const note of rec.notes) {
        if (!important(note) || note.text === undefined || this.convNotes.has(note.code)) continue;
        this.convNotes.set(note.code, { text: note.text, frame: rec.first });
      }
    const i = id >>> 3;
    if (i >= this.dropped.length) {
      const b = new Uint8Array(Math.max(i + 1, this.dropped.length * 2));
      b.set(this.dropped);
      this.dropped = b;
    }
    this.dropped[i]! |= 1 << (id & 7);
    this.convs.delete(id);
    this.firstSrc.delete(id);
    if (++this.droppedSince >= 256 && this.droppedSince * 8 >= this.frames.length / 4) {
      const fr = this.frames;
      let w = 0;
      for (const f of fr) if (f.conversation === undefined || !this.isDropped(f.conversation)) fr[w++] = f;
      fr.length = w;
      this.droppedSince = 0;
    }
  }

  /** Sender of each conversation's first record (push() without want(): the direction of a record). */
  private readonly firstSrc = new Map<number, string>();

  private reset(n: number): Facts {
    const f = this.f;
    f.n = n;
    f.conv = undefined;
    f.dir = 1;
    f.tcp = false;
    f.flags = 0;
    f.len = 0;
    f.analysis = undefined;
    f.acks = undefined;
    f.pubQos0 = false;
    f.partial = false;
    f.ipSrc = undefined;
    f.ipDst = undefined;
    f.arpSender = undefined;
    f.arpTarget = undefined;
    f.arpMac = undefined;
    f.arpReply = false;
    f.lastProto = '?';
    return f;
  }

  /**
   * Warning and error notes (not tcp.analysis: counted per conversation) of frame `n`: counted per code, the
   * first NOTE_FRAMES frames of each kept (noteFrames; their records too); the conversation keeps their
   * codes (ConvTotals.noteCodes).
   */
  private notes(notes: readonly NoteLike[], conv: number | undefined, n: number): boolean {
    let keep = false;
    for (const note of notes) {
      if (!important(note)) continue;
      if (conv !== undefined) {
        const codes = this.totalsOf(conv).noteCodes;
        if (!codes.includes(note.code)) codes.push(note.code);
      }
      let e = this.noteFrames.get(note.code);
      if (!e) {
        e = { text: undefined, frames: [], count: 0, last: 0 };
        this.noteFrames.set(note.code, e);
        this.untexted++;
      }
      this.texted(e, note.text);
      if (e.last === n) continue;
      e.last = n;
      e.count++;
      const fr = e.frames;
      if (fr.length < NOTE_FRAMES) {
        fr.push(n);
        keep = true;
      }
    }
    return keep;
  }

  /** Texts of note codes first seen in a dissection, from the record of the frame (push()). */
  private texts(notes: readonly NoteLike[]): void {
    for (const note of notes) {
      const e = this.noteFrames.get(note.code);
      if (e) this.texted(e, note.text);
    }
  }

  /** A note code's text, the first one given (untexted counts the codes still without one). */
  private texted(e: NoteFrames, text: string | undefined): void {
    if (e.text !== undefined || text === undefined) return;
    e.text = text;
    this.untexted--;
  }

  private observe(f: Facts): boolean {
    let keep = false;
    if (!this.offloadSeen && f.partial) {
      this.offloadSeen = true;
      keep = true;
    }
    if (f.conv === undefined) return this.outside(f) || keep;
    const s = this.totalsOf(f.conv);
    const bit = f.dir;
    if (!(s.dirs & bit)) {
      s.dirs |= bit;
      keep = true;
    }
    if (!f.tcp) return keep;
    const n = f.n;
    if (f.flags & TCP_FLAG.FIN) {
      if (s.finAt === undefined) {
        s.finAt = n;
        s.finDir = bit;
        if (s.lastData !== undefined) s.dataBeforeFin = s.lastData;
      }
      if (!(s.fins & bit)) {
        s.fins |= bit;
        keep = true;
      }
    }
    if (f.flags & TCP_FLAG.RST && s.rstAt === undefined) {
      s.rstAt = n;
      if (s.lastData !== undefined) s.dataBeforeRst = s.lastData;
      keep = true;
    }
    if (f.len > 0) {
      if (s.finDir !== undefined && bit !== s.finDir && s.dataAfterFin === undefined) s.dataAfterFin = n;
      if (s.firstData === undefined) s.firstData = n;
      if (s.lastData !== undefined) s.prevData = s.lastData;
      s.lastData = n;
    }
    if (f.analysis && f.analysis.length > 0) {
      for (const x of f.analysis) s.trouble.set(x, (s.trouble.get(x) ?? 0) + 1);
      if (s.flagged.length < FLAGGED_FRAMES) s.flagged.push(n);
    }
    if (f.len === 0 && this.answersPublish(s, f)) keep = true;
    if (f.pubQos0) {
      const i = bit - 1;
      if (s.pub[i] === undefined) s.pub[i] = n;
    }
    return keep;
  }

  /**
   * A segment without payload after the first QoS 0 PUBLISH of either direction: the first that ACKs it,
   * and the first bare one (a single flag) each way, as the overview's teaching note looks for.
   */
  private answersPublish(s: ConvTotals, f: Facts): boolean {
    let keep = false;
    for (let i = 0; i < 2; i++) {
      const p = s.pub[i];
      if (p === undefined) continue;
      if (f.acks === p && !s.pubAcked[i]) {
        s.pubAcked[i] = true;
        keep = true;
      }
      if (bare(f.flags) && !(s.pubAfter[i]! & f.dir)) {
        s.pubAfter[i]! |= f.dir;
        keep = true;
      }
    }
    return keep;
  }

  /** ARP and other frames outside conversations. */
  private outside(f: Facts): boolean {
    if (f.arpSender !== undefined) {
      this.arpFrames++;
      if (f.arpSender !== '0.0.0.0') this.arpMacs.set(f.arpSender, f.arpMac!);
      const k = pairKey(f.arpSender, f.arpTarget!);
      const kept = this.arpKept.get(k) ?? 0;
      // One past the cap for the reply to the last kept request: a request whose reply is counted but not
      // kept would be told as unanswered.
      if (kept < ARP_FRAMES || (kept === ARP_FRAMES && f.arpReply && this.arpLastRequest.get(k) === f.arpTarget)) {
        this.arpKept.set(k, kept + 1);
        if (f.arpReply) this.arpLastRequest.delete(k);
        else this.arpLastRequest.set(k, f.arpSender);
        return true;
      }
      const sp = this.arpDropped.get(k);
      if (sp) {
        sp.last = f.n;
        sp.count++;
      } else this.arpDropped.set(k, { first: f.n, last: f.n, count: 1 });
      return false;
    }
    if (this.other) {
      this.other.last = f.n;
      this.other.count++;
    } else this.other = { first: f.n, last: f.n, count: 1 };
    this.otherProtocols.add(protocolName(f.lastProto));
    if (f.ipSrc === undefined) return false;
    const k = `${f.ipSrc}>${f.ipDst}`;
    const kept = this.otherKept.get(k) ?? 0;
    if (kept >= OTHER_FRAMES) return false;
    this.otherKept.set(k, kept + 1);
    return true;
  }
}
