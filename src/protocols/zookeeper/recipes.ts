/**
 * The end-of-capture pass over every ZooKeeper conversation of a server: the lock and leader-election
 * recipes and what made each watch fire.
 *
 * A recipe (ZooKeeper's "Locks" and "Leader Election" recipes, kazoo's Lock and Election): each contender
 * creates an EPHEMERAL_SEQUENTIAL znode under the recipe's path; the contender whose znode has the lowest
 * sequence number holds the lock (is the leader). It lets go when its znode goes away: deleted by a request,
 * or by the server when its session ends (closeSession, or the session timeout after the connection died).
 * From the capture: the creates' replies (with the sequence number the server appended), the deletes, each
 * session's closeSession, the NodeDeleted notifications and the children listings; the holder at any time
 * is the lowest znode created and not yet gone. When a listing names a contender the capture never saw
 * created, the order before it cannot be told and no holder is claimed.
 *
 * A watch notification's cause is the latest change sent before it on the same server that the event names:
 * a delete of the znode (or the end of the session owning it), a create or delete under a parent for
 * NodeChildrenChanged, a create for NodeCreated, a setData for NodeDataChanged.
 */
import type { AppConversation } from '../../analysis/app/conversation.js';
import type { ZkContenderRecord, ZkRecipeRecord } from './model.js';
import { type ZkSessionEvents, ZookeeperHandler } from './session.js';

const SEQ = /(\d{10})$/;

function parentOf(path: string): string {
  const i = path.lastIndexOf('/');
  return i <= 0 ? '/' : path.slice(0, i);
}

function nameOf(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

function minOf(a: number | undefined, b: number): number {
  return a === undefined || b < a ? b : a;
}

/** The contenders of one parent path, with when each went away and why. */
function contendersOf(path: string, sessions: readonly ZkSessionEvents[]): ZkContenderRecord[] {
  const out: ZkContenderRecord[] = [];
  for (const s of sessions)
    for (const c of s.creates) {
      if (parentOf(c.path) !== path) continue;
      const m = SEQ.exec(c.path);
      if (!m) continue;
      const k: ZkContenderRecord = {
        znode: c.path,
        seq: Number(m[1]),
        conversation: s.conversation,
        client: s.client,
        created: c.frame,
      };
      if (s.session_id !== undefined) k.session_id = s.session_id;
      if (c.data !== undefined && c.data !== '') k.data = c.data;
      let gone: number | undefined;
      // deleted by a request (its owner's or anyone's)
      for (const o of sessions)
        for (const d of o.deletes)
          if (d.path === c.path && d.frame > c.frame && (k.released === undefined || d.frame < k.released.frame)) {
            k.released = { frame: d.frame, by: 'delete' };
            gone = minOf(gone, d.reply);
          }
      // its session closed: the server deletes its ephemeral znodes
      if (k.released === undefined && s.close && s.close.frame > c.frame) {
        k.released = { frame: s.close.frame, by: 'close' };
        if (s.close.reply !== undefined) gone = minOf(gone, s.close.reply);
      }
      // what the other sessions saw: NodeDeleted, a listing without it
      for (const o of sessions) {
        for (const n of o.notices)
          if (n.event === 'NodeDeleted' && n.path === c.path && n.frame > c.frame) gone = minOf(gone, n.frame);
        for (const l of o.listings)
          if (l.path === path && l.frame > c.frame && !l.children.includes(nameOf(c.path))) gone = minOf(gone, l.frame);
      }
      if (gone !== undefined) {
        k.gone = gone;
        // gone with no delete and no closeSession, after its connection ended: the session expired
        if (k.released === undefined && s.last < gone) k.released = { frame: gone, by: 'expired' };
      }
      out.push(k);
    }
  return out.sort((a, b) => a.seq - b.seq);
}

/** The order in which the contenders held it: the lowest znode created and not gone, at each change. */
function holdersOf(cs: ZkContenderRecord[]): number[] {
  const times = [...new Set(cs.flatMap((c) => (c.gone !== undefined ? [c.created, c.gone] : [c.created])))].sort(
    (a, b) => a - b,
  );
  const holders: number[] = [];
  let current = -1;
  for (const t of times) {
    let best = -1;
    cs.forEach((c, i) => {
      if (c.created > t || (c.gone !== undefined && c.gone <= t)) return;
      if (best < 0 || c.seq < cs[best]!.seq) best = i;
    });
    if (best >= 0 && best !== current) {
      cs[best]!.holds_from ??= t;
      if (!holders.includes(best)) holders.push(best);
    }
    current = best;
  }
  return holders;
}

/** The recipes of one server's sessions. */
function recipesOf(sessions: readonly ZkSessionEvents[]): ZkRecipeRecord[] {
  const parents = [...new Set(sessions.flatMap((s) => s.creates.map((c) => parentOf(c.path))))];
  const out: ZkRecipeRecord[] = [];
  for (const path of parents) {
    const contenders = contendersOf(path, sessions);
    if (contenders.length === 0) continue;
    const known = new Set(contenders.map((c) => nameOf(c.znode)));
    // a listing naming a contender the capture did not see created: who held it before is unknown
    const unseen = sessions.some((s) =>
      s.listings.some((l) => l.path === path && l.children.some((x) => SEQ.test(x) && !known.has(x))),
    );
    const r: ZkRecipeRecord = {
      path,
      kind: /leader|elect/i.test(path) ? 'election' : 'lock',
      server: sessions[0]!.server,
      contenders,
      holders: unseen ? [] : holdersOf(contenders),
    };
    out.push(r);
  }
  return out;
}

/** Each listed notification's cause: the latest change sent before it that the event names. */
function causes(sessions: readonly ZkSessionEvents[]): void {
  for (const s of sessions)
    for (const n of s.notices) {
      if (!n.rec) continue;
      let best: { frame: number; conversation: number; op: string } | undefined;
      const consider = (frame: number, conversation: number, op: string) => {
        if (frame < n.frame && (!best || frame > best.frame)) best = { frame, conversation, op };
      };
      for (const o of sessions) {
        for (const ch of o.changes) {
          const hit =
            n.event === 'NodeChildrenChanged'
              ? (ch.op === 'create' || ch.op === 'create2' || ch.op === 'delete') && parentOf(ch.path) === n.path
              : n.event === 'NodeDeleted'
                ? ch.op === 'delete' && ch.path === n.path
                : n.event === 'NodeCreated'
                  ? (ch.op === 'create' || ch.op === 'create2') && ch.path === n.path
                  : n.event === 'NodeDataChanged' && ch.op === 'setData' && ch.path === n.path;
          if (hit) consider(ch.frame, o.conversation, ch.op);
        }
        // a session's end deletes its ephemeral znodes: NodeDeleted for them, NodeChildrenChanged for their parent
        if (o.close)
          for (const c of o.creates) {
            const hit =
              (n.event === 'NodeDeleted' && c.path === n.path) ||
              (n.event === 'NodeChildrenChanged' && parentOf(c.path) === n.path);
            if (hit && c.frame < o.close.frame) consider(o.close.frame, o.conversation, 'closeSession');
          }
      }
      if (best) n.rec.cause = best;
    }
}

/**
 * Every ZooKeeper conversation's recipes and notification causes (SessionProtocol.finishAll): each session
 * keeps the recipes it took part in, and writes them with its other facts (ZookeeperHandler.finish).
 */
export function zookeeperRecipes(convs: readonly AppConversation[]): void {
  const byServer = new Map<string, ZookeeperHandler[]>();
  for (const c of convs) {
    const h = c.handler;
    if (!(h instanceof ZookeeperHandler)) continue;
    const list = byServer.get(h.events.server);
    if (list) list.push(h);
    else byServer.set(h.events.server, [h]);
  }
  for (const handlers of byServer.values()) {
    const sessions = handlers.map((h) => h.events);
    const recipes = recipesOf(sessions);
    causes(sessions);
    for (const h of handlers)
      h.recipes = recipes.filter((r) => r.contenders.some((c) => c.conversation === h.events.conversation));
  }
}
