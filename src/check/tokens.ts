/**
 * The words of `absent:` / `present:` lists. A token is, in this order of resolution:
 *  1. a keyword of KEYWORDS below (`rst`, `refused`, `damaged`, ...);
 *  2. a tcp.analysis flag name without its prefix (`retransmission`, `duplicate_ack`, ...);
 *  3. a protocol name (`arp`, `icmp`, a protocol module's name, ...): frames whose `protocols` list it, or frames of a
 *     conversation whose `app` it is;
 *  4. a dotted note code, `*` as a wildcard (`tcp.analysis.retransmission`, `app.*`): expert
 *     notes on frames, conversations and messages, capture warnings, and for `tcp.analysis.X` also frames
 *     whose `tcp.analysis` lists X.
 * Anything else is a spec error (so a typo never passes as "absent").
 */
import type { AnalysisModel, ConversationRecord, FrameRecord } from '../analysis/model.js';
import { TCP_ANALYSIS_FLAG_ORDER } from '../analysis/tcp-analysis.js';
import { isJsonObject } from '../json.js';
import { type Conversation, typedConversation } from '../protocols/model.js';
import { allModules } from '../protocols/registry.js';
import { closest } from './match.js';

/** What a token is evaluated against. */
export interface Scope {
  frames: readonly FrameRecord[];
  conversations: readonly ConversationRecord[];
  /** Only at the top level: capture-wide facts (damage, warnings). */
  model?: AnalysisModel;
}

/** Where a token occurs: how often, on which frames and conversations. */
export interface Occurrence {
  count: number;
  frames: number[];
  conversations: number[];
  /** What is counted (`frames`, `conversations`, `notes`, ...), for the message. */
  unit: string;
}

interface Keyword {
  /** One-line definition (docs/check.md prints the same table). */
  meaning: string;
  find: (s: Scope) => Occurrence;
}

function framesWhere(s: Scope, pred: (f: FrameRecord) => boolean): Occurrence {
  const frames = s.frames.filter(pred).map((f) => f.n);
  const conversations = [
    ...new Set(s.frames.filter(pred).flatMap((f) => (f.conversation === undefined ? [] : [f.conversation]))),
  ];
  return { count: frames.length, frames, conversations, unit: 'frame' };
}

/** The conversations `pred` holds for, each shown by `framesOf` (its ending's frames, else its first). */
function conversationsWhere(
  s: Scope,
  pred: (c: ConversationRecord) => boolean,
  framesOf = (c: ConversationRecord): readonly number[] => (c.close.frames.length ? c.close.frames : [c.first]),
): Occurrence {
  const cs = s.conversations.filter(pred);
  return {
    count: cs.length,
    frames: cs.flatMap(framesOf),
    conversations: cs.map((c) => c.id),
    unit: 'conversation',
  };
}

/** Conversations with a fact of their protocol's, each shown by the frame the fact names first. */
function factWhere(s: Scope, frameOf: (c: Conversation) => number | undefined): Occurrence {
  const at = (c: ConversationRecord) => frameOf(typedConversation(c));
  return conversationsWhere(
    s,
    (c) => at(c) !== undefined,
    (c) => [at(c)!],
  );
}

const hasFlag = (flag: string) => (f: FrameRecord) => f.tcp?.flags.includes(flag) ?? false;

export function handshakeKind(c: ConversationRecord): 'complete' | 'partial' | 'none' {
  const h = c.handshake;
  if (!h) return 'none';
  return h.syn.length > 0 && h.synack.length > 0 && h.ack !== null ? 'complete' : 'partial';
}

interface NoteLike {
  code?: unknown;
  severity?: unknown;
}

/** Every note in scope with where it sits: frame notes, conversation notes, message notes, capture warnings. */
function notesIn(s: Scope): Array<{ note: NoteLike; frame?: number; conversation?: number }> {
  const out: Array<{ note: NoteLike; frame?: number; conversation?: number }> = [];
  for (const f of s.frames) {
    for (const n of f.notes) {
      const e: { note: NoteLike; frame?: number; conversation?: number } = { note: n, frame: f.n };
      if (f.conversation !== undefined) e.conversation = f.conversation;
      out.push(e);
    }
  }
  for (const c of s.conversations) {
    for (const n of c.notes ?? []) out.push({ note: n, conversation: c.id });
    const msgs = c.messages;
    if (Array.isArray(msgs)) {
      for (const m of msgs) {
        if (!isJsonObject(m) || !Array.isArray(m.notes)) continue;
        const frame = typeof m.frame === 'number' ? m.frame : undefined;
        for (const n of m.notes) {
          if (!isJsonObject(n)) continue;
          const e: { note: NoteLike; frame?: number; conversation?: number } = { note: n, conversation: c.id };
          if (frame !== undefined) e.frame = frame;
          out.push(e);
        }
      }
    }
  }
  for (const w of s.model?.capture.warnings ?? []) out.push({ note: { code: w.code } });
  return out;
}

function notesWhere(s: Scope, pred: (n: NoteLike) => boolean): Occurrence & { unframed: number } {
  const hits = notesIn(s).filter((h) => pred(h.note));
  return {
    count: hits.length,
    unframed: hits.filter((h) => h.frame === undefined).length,
    frames: [...new Set(hits.flatMap((h) => (h.frame === undefined ? [] : [h.frame])))],
    conversations: [...new Set(hits.flatMap((h) => (h.conversation === undefined ? [] : [h.conversation])))],
    unit: 'note',
  };
}

const isTcp = (c: ConversationRecord) => c.transport === 'tcp';

export const KEYWORDS: Readonly<Record<string, Keyword>> = {
  rst: { meaning: 'a TCP segment with the RST flag (frames)', find: (s) => framesWhere(s, hasFlag('RST')) },
  syn: {
    meaning: 'a TCP segment with the SYN flag, SYN/ACK included (frames)',
    find: (s) => framesWhere(s, hasFlag('SYN')),
  },
  fin: { meaning: 'a TCP segment with the FIN flag (frames)', find: (s) => framesWhere(s, hasFlag('FIN')) },
  refused: {
    meaning: 'a TCP connection refused: its SYN answered by RST (conversations with close.kind refused)',
    find: (s) => conversationsWhere(s, (c) => c.close.kind === 'refused'),
  },
  reset: {
    meaning: 'a TCP connection ended by RST after it was established (close.kind rst)',
    find: (s) => conversationsWhere(s, (c) => c.close.kind === 'rst'),
  },
  open: {
    meaning: 'a TCP connection still open when the capture ended (close.kind open)',
    find: (s) => conversationsWhere(s, (c) => isTcp(c) && c.close.kind === 'open'),
  },
  partial_handshake: {
    meaning: 'a TCP connection with a SYN but without SYN/ACK or the final ACK of the handshake',
    find: (s) => conversationsWhere(s, (c) => isTcp(c) && handshakeKind(c) === 'partial'),
  },
  midstream: {
    meaning: 'a TCP connection whose SYN was not captured (the capture began mid-connection)',
    find: (s) => conversationsWhere(s, (c) => isTcp(c) && handshakeKind(c) === 'none'),
  },
  http_error: {
    meaning: 'an HTTP connection with a response of error status, 4xx or 5xx (conversations with http_errors)',
    find: (s) => factWhere(s, (c) => c.http_errors?.first.frame),
  },
  http_unanswered: {
    meaning: 'an HTTP connection with a request left without a response (conversations with http_unanswered)',
    find: (s) => factWhere(s, (c) => c.http_unanswered?.first.frame),
  },
  carried_error: {
    meaning:
      'an HTTP connection with a response whose body carries an application error its status does not show, a JSON-RPC error object in a 200 (conversations with carried_errors)',
    find: (s) => factWhere(s, (c) => c.carried_errors?.first.frame),
  },
  damaged: {
    meaning: 'the capture file is damaged (cut short or garbage after valid records)',
    find: (s) => ({ count: s.model?.capture.damaged ? 1 : 0, frames: [], conversations: [], unit: 'capture' }),
  },
  capture_warning: {
    meaning: 'any warning about the capture file (capture.warnings)',
    find: (s) => ({ count: s.model?.capture.warnings.length ?? 0, frames: [], conversations: [], unit: 'warning' }),
  },
  error: {
    meaning: 'any expert note of severity error (frames, conversations, messages)',
    find: (s) => notesWhere(s, (n) => n.severity === 'error'),
  },
  warn: {
    meaning: 'any expert note of severity warn (frames, conversations, messages)',
    find: (s) => notesWhere(s, (n) => n.severity === 'warn'),
  },
};

/** tcp.analysis flag names (`retransmission`, `duplicate_ack`, ...). */
export const TCP_ANALYSIS_FLAGS: readonly string[] = [...new Set(TCP_ANALYSIS_FLAG_ORDER.map(([, name]) => name))];

/** Protocol names that can appear in frames[].protocols or conversations[].app. */
export const PROTOCOLS: readonly string[] = [
  'eth',
  'vlan',
  'sll',
  'null',
  'raw',
  'arp',
  'ip',
  'ipv6',
  'icmp',
  'icmpv6',
  'igmp',
  'tcp',
  'udp',
  ...allModules().map((m) => m.name),
];

function globRegex(glob: string): RegExp {
  return new RegExp(`^${glob.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*')}$`);
}

export type TokenKind =
  | { kind: 'keyword'; name: string }
  | { kind: 'flag'; name: string }
  | { kind: 'protocol'; name: string }
  | { kind: 'code'; pattern: string };

/** What a token means, or an error text (with a suggestion when it looks like a typo). */
export function resolveToken(token: string): TokenKind | { error: string } {
  if (Object.hasOwn(KEYWORDS, token)) return { kind: 'keyword', name: token };
  if (TCP_ANALYSIS_FLAGS.includes(token)) return { kind: 'flag', name: token };
  if (PROTOCOLS.includes(token)) return { kind: 'protocol', name: token };
  if (/^[A-Za-z0-9_*-]+(\.[A-Za-z0-9_*-]+)+$/.test(token)) return { kind: 'code', pattern: token };
  const all = [...Object.keys(KEYWORDS), ...TCP_ANALYSIS_FLAGS, ...PROTOCOLS];
  const near = closest(token, all);
  return {
    error:
      `unknown word '${token}'` +
      (near ? ` (did you mean '${near}'?)` : '') +
      `: use a note code with a dot (tcp.analysis.retransmission), a tcp.analysis flag, a protocol name, or one of ${Object.keys(KEYWORDS).join(', ')}`,
  };
}

/** Occurrences of a (valid) token in a scope. */
export function findToken(token: string, scope: Scope): Occurrence {
  const k = resolveToken(token);
  if ('error' in k) return { count: 0, frames: [], conversations: [], unit: 'frame' };
  switch (k.kind) {
    case 'keyword':
      return KEYWORDS[k.name]!.find(scope);
    case 'flag':
      return framesWhere(scope, (f) => f.tcp?.analysis?.includes(k.name) ?? false);
    case 'protocol': {
      const apps = new Set(scope.conversations.filter((c) => c.app === k.name).map((c) => c.id));
      return framesWhere(
        scope,
        (f) => f.protocols.includes(k.name) || (f.conversation !== undefined && apps.has(f.conversation)),
      );
    }
    case 'code': {
      const re = globRegex(k.pattern);
      const notes = notesWhere(scope, (n) => typeof n.code === 'string' && re.test(n.code));
      const m = /^tcp\.analysis\.(.+)$/.exec(k.pattern);
      if (!m) return notes;
      // The flag on the frame and the note are the same fact: count frames that show either.
      const flagRe = globRegex(m[1]!);
      const flagged = framesWhere(scope, (f) => f.tcp?.analysis?.some((a) => flagRe.test(a)) ?? false);
      const frames = [...new Set([...flagged.frames, ...notes.frames])];
      return {
        count: frames.length + notes.unframed,
        frames,
        conversations: [...new Set([...flagged.conversations, ...notes.conversations])],
        unit: 'frame',
      };
    }
  }
}
