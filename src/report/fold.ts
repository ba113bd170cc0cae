/**
 * The streaming text summary's fold (issue 19): memory that follows the conversations open at once, not
 * all of them. Each conversation the analysis retires (ended and quiet, or idle) is offered here with its
 * final record; a plain member of a group that already has a member told on its own is folded — counted
 * in its group's numbers (how many, which, frame span, duration, packets and bytes: exact, one value
 * each) — and the analysis and the digest let its record and frames go. Kept in full, as the report
 * would tell them:
 *  - the first member of every group (its exemplar) and every member until the capture has more than
 *    GROUP_ABOVE conversations (a report that small tells each one);
 *  - up to NAMED_KEPT members of each group and kind of remark "Worth a second look" makes: a refused
 *    attempt, an abort with RST, no complete handshake, the tcp.analysis flags the overview names
 *    (retransmissions, lost segments…; not reused ports, which Wireshark rates a note), its application
 *    protocol's items (HTTP responses with an error status, requests without a response:
 *    ProtocolWords.abnormal) and each code of warning or error note on it or its frames (an MQTT login
 *    refused…). The report names the first few of a kind and counts the others, so beyond those the fold
 *    counts them too (AnalysisModel.folded.refused and .abnormal, which the overview, the story and the
 *    groups add to what the kept records say; a note's item lists its first frames and counts them from the
 *    digest, which keeps them over every frame);
 *  - a member whose hosts' roles differ from its group's exemplar's, or whose client has a role of its own
 *    (an MQTT client id: the hosts list names each) while that host has fewer than ALIKE_ROLES of the kind
 *    kept — beyond, the hosts list names the first and counts the others (AnalysisModel.folded.roles);
 *  - the conversation that follows a kept one from the same client host to the same server with the
 *    same application (words refer to it: "the next request opens a new TCP connection (#4)").
 * Teaching notes are drawn from the kept conversations.
 */
import type { ConversationRecord, FoldedConversations, FoldedGroup, FoldedIds } from '../analysis/model.js';
import { buildConv, handshakeLeft } from '../explain/context.js';
import type { ExplainDigest } from '../explain/digest.js';
import { attemptKey, type Say } from '../explain/format.js';
import { ALIKE_ROLES, type HostRole, lookedAtAlone, roleSig, rolesOf } from '../explain/overview.js';
import { TROUBLE } from '../explain/story.js';
import { wordsOf } from '../protocols/registry.js';
import { appLabel } from './common.js';
import { GROUP_ABOVE, groupKey, host } from './groups.js';

/** Smallest ids kept per folded group (the grouped line names the first few and the last). */
const IDS_KEPT = 7;
/**
 * Refused attempts, connections aborted with RST, connections with tcp.analysis trouble and those with a
 * protocol's item (HTTP error statuses, requests without a response) kept in full per group (the first ones
 * offered), each kind counted apart: the report names at most ALIKE_LISTED of a kind in "Worth a second
 * look" and IDS_KEPT in a group's line.
 */
export const NAMED_KEPT = 8;
/** Kept conversations per client host, server and application whose next conversation is looked for. */
const WATCHED = 8;

function grown(a: Float64Array): Float64Array<ArrayBuffer> {
  const b = new Float64Array(a.length * 2);
  b.set(a);
  return b;
}

/** What a group's members must share in the hosts list: the server's role, and the client's role kind. */
function roleKey(r: { client: HostRole; server: HostRole }): string {
  return `${r.client.code}\u0000${roleSig(r.server)}`;
}

/** A count, the IDS_KEPT smallest ids and the largest. */
class Ids implements FoldedIds {
  count = 0;
  readonly ids: number[] = [];
  lastId = 0;

  add(id: number): void {
    this.count++;
    const ids = this.ids;
    if (ids.length < IDS_KEPT || id < ids[ids.length - 1]!) {
      let i = ids.length;
      while (i > 0 && ids[i - 1]! > id) i--;
      ids.splice(i, 0, id);
      if (ids.length > IDS_KEPT) ids.pop();
    }
    if (id > this.lastId) this.lastId = id;
  }
}

class Folding extends Ids implements FoldedGroup {
  /**
   * Members kept per kind of remark that alone does not keep a member (a refused or reset ending, tcp.analysis
   * trouble, an application's item such as HTTP error statuses): at most NAMED_KEPT of each unless kept for
   * another reason.
   */
  readonly named = new Map<string, number>();
  first = Number.POSITIVE_INFINITY;
  last = 0;
  private n = 0;
  private dur = new Float64Array(64);
  private pkt = new Float64Array(64);
  private byt = new Float64Array(64);

  /** The exemplar's server role and client role code (roleKey). */
  constructor(readonly roles: string) {
    super();
  }

  get durations(): Float64Array {
    return this.dur.subarray(0, this.n);
  }
  get packets(): Float64Array {
    return this.pkt.subarray(0, this.n);
  }
  get bytes(): Float64Array {
    return this.byt.subarray(0, this.n);
  }

  fold(c: ConversationRecord): void {
    this.add(c.id);
    if (c.first < this.first) this.first = c.first;
    if (c.last > this.last) this.last = c.last;
    if (this.n === this.dur.length) {
      this.dur = grown(this.dur);
      this.pkt = grown(this.pkt);
      this.byt = grown(this.byt);
    }
    this.dur[this.n] = c.duration;
    this.pkt[this.n] = c.packets.c2s + c.packets.s2c;
    this.byt[this.n] = c.bytes.c2s + c.bytes.s2c;
    this.n++;
  }
}

/** The next conversation after each watched kept one (same client host, server and application). */
interface Watch {
  readonly kept: number[];
  readonly next: Map<number, number>;
}

/** The kind of a member with a warning or error note: NOTE_KIND + the note's code. */
const NOTE_KIND = 'note:';

export class ConversationFold {
  private readonly groups = new Map<string, Folding>();
  private readonly watch = new Map<string, Watch>();
  private tcp = 0;
  private udp = 0;
  /** Refused attempts folded, by client host and server; kept ones offered after, with the count before. */
  private readonly refused = new Map<string, Ids>();
  private readonly refusedBefore = new Map<number, number>();
  /** Members folded that "Worth a second look" would name, by its item's code (ov.ab.rst, ov.ab.tcp, ov.ab.http…). */
  private readonly abnormal = new Map<string, Ids>();

  constructor(
    private readonly digest: ExplainDigest,
    private readonly say: Say,
  ) {}

  /** A retired conversation (AnalyzeOptions.fold): true when it was folded into its group. */
  offer(c: ConversationRecord): boolean {
    const key = groupKey(c);
    const g = this.groups.get(key);
    const w = `${host(c.client)}\u0000${c.server}\u0000${appLabel(c)}`;
    const successor = this.successor(w, c.id);
    const roles = rolesOf(this.say, buildConv(c, []));
    const client = host(c.client);
    const sig = roleSig(roles.client);
    const rk = roleKey(roles);
    const alike = this.alikeRoles(client, roles.client.code);
    // a client role of its own (an MQTT client id) is named in the hosts list, unless that host has so many
    // of the kind already kept that the list gives the first and a count (the folded ones are counted)
    const ownRole = !alike.has(sig) && alike.size < ALIKE_ROLES;
    // what "Worth a second look" would say of it, by the code of its item: each kind is kept in full up to
    // NAMED_KEPT members per group (the report names the first few and counts the others), counted beyond
    const kinds = this.kinds(c);
    const refusedKey = c.close.kind === 'refused' ? attemptKey(c.client, c.server) : undefined;
    if (
      !g ||
      successor ||
      c.id <= GROUP_ABOVE ||
      rk !== g.roles ||
      ownRole ||
      kinds.some((k) => (g.named.get(k) ?? 0) < NAMED_KEPT)
    ) {
      const kept = g ?? new Folding(rk);
      if (!g) this.groups.set(key, kept);
      for (const k of kinds) kept.named.set(k, (kept.named.get(k) ?? 0) + 1);
      if (refusedKey) {
        const before = this.refused.get(refusedKey)?.count;
        if (before) this.refusedBefore.set(c.id, before);
      }
      if (!successor) this.watched(w, c.id);
      alike.add(sig);
      return false;
    }
    if (!alike.has(sig)) this.foldedRole(client, roles.client.code).add(sig);
    g.fold(c);
    if (refusedKey) {
      let r = this.refused.get(refusedKey);
      if (!r) {
        r = new Ids();
        this.refused.set(refusedKey, r);
      }
      r.add(c.id);
    }
    // (refused attempts are counted per client host and server, above; notes per code by the digest, over
    // every frame)
    for (const k of kinds) if (k !== 'ov.ab.refused' && !k.startsWith(NOTE_KIND)) this.abnormalIds(k).add(c.id);
    if (c.transport === 'tcp') this.tcp++;
    else this.udp++;
    this.digest.drop(c.id, c);
    return true;
  }

  private abnormalIds(code: string): Ids {
    let x = this.abnormal.get(code);
    if (!x) {
      x = new Ids();
      this.abnormal.set(code, x);
    }
    return x;
  }

  /** Client roles (roleSig) kept, per client host and role code. */
  private readonly kept = new Map<string, Set<string>>();
  /** Client roles seen only in folded members, per client host and role code. */
  private readonly foldedRoles = new Map<string, Map<string, Set<string>>>();

  private alikeRoles(ip: string, code: string): Set<string> {
    const k = `${ip}\u0000${code}`;
    let x = this.kept.get(k);
    if (!x) {
      x = new Set();
      this.kept.set(k, x);
    }
    return x;
  }

  private foldedRole(ip: string, code: string): Set<string> {
    let byCode = this.foldedRoles.get(ip);
    if (!byCode) {
      byCode = new Map();
      this.foldedRoles.set(ip, byCode);
    }
    let x = byCode.get(code);
    if (!x) {
      x = new Set();
      byCode.set(code, x);
    }
    return x;
  }

  /** What was folded, for AnalysisModel.folded. */
  result(): FoldedConversations {
    const groups = new Map<string, FoldedGroup>();
    for (const [k, g] of this.groups) if (g.count > 0) groups.set(k, g);
    return {
      tcp: this.tcp,
      udp: this.udp,
      groups,
      roles: this.foldedRoles,
      ...(this.refused.size ? { refused: this.refused, refusedBefore: this.refusedBefore } : {}),
      ...(this.abnormal.size ? { abnormal: this.abnormal } : {}),
    };
  }

  /**
   * The kinds of remark "Worth a second look" would make of it (its items' codes): a refused attempt, an
   * abort with RST, no complete handshake (ov.ab.noanswer, ov.ab.midstream), tcp.analysis trouble, its
   * application protocol's items (HTTP error statuses, requests without a response), and each warning or
   * error note on it or on one of its frames (NOTE_KIND + code: the item of a note lists its first frames
   * over all conversations, from the digest).
   */
  private kinds(c: ConversationRecord): string[] {
    const kinds: string[] = [];
    if (c.transport === 'tcp' && c.close.kind === 'refused') kinds.push('ov.ab.refused');
    else if (lookedAtAlone(c)) {
      if (c.close.kind === 'rst') kinds.push('ov.ab.rst');
      if (!c.handshake) kinds.push('ov.ab.midstream');
      else if (c.handshake.synack.length === 0) kinds.push('ov.ab.noanswer');
      else if (handshakeLeft(c) === 'unfinished') kinds.push('ov.ab.unfinished');
      if (this.flagged(c)) kinds.push('ov.ab.tcp');
      for (const x of wordsOf(c.app).abnormal?.(this.say, c) ?? []) kinds.push(x.code);
    }
    for (const n of c.notes)
      if ((n.severity === 'warn' || n.severity === 'error') && !kinds.includes(NOTE_KIND + n.code))
        kinds.push(NOTE_KIND + n.code);
    for (const code of this.digest.convs.get(c.id)?.noteCodes ?? [])
      if (!kinds.includes(NOTE_KIND + code)) kinds.push(NOTE_KIND + code);
    return kinds;
  }

  /** A tcp.analysis flag the overview names (its ov.ab.tcp item). */
  private flagged(c: ConversationRecord): boolean {
    const t = this.digest.convs.get(c.id);
    return t !== undefined && TROUBLE.some((k) => t.trouble.has(k));
  }

  /** A kept conversation with the same client host, server and application: the next one is kept too. */
  private watched(w: string, id: number): void {
    let x = this.watch.get(w);
    if (!x) {
      x = { kept: [], next: new Map() };
      this.watch.set(w, x);
    }
    x.kept.push(id);
    if (x.kept.length > WATCHED) x.next.delete(x.kept.shift()!);
  }

  /** `id` is (so far) the next conversation after a watched kept one. */
  private successor(w: string, id: number): boolean {
    const x = this.watch.get(w);
    if (!x) return false;
    let is = false;
    for (const k of x.kept) {
      if (k >= id) continue;
      const n = x.next.get(k);
      if (n === undefined || id < n) {
        x.next.set(k, id);
        is = true;
      }
    }
    return is;
  }
}
