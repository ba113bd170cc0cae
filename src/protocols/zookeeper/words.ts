/**
 * What ZooKeeper's client protocol tells: a sentence per packet (connect, each request with its path,
 * flags and watch, each reply paired by xid, watch notifications and their cause, pings), the story of a
 * session (its opening, the lock and election recipes it takes part in, what each watch waits for, the
 * requests, its closeSession) and the overview's note on who held each lock and who led each election.
 */
import { groupOf, type Msg } from '../../explain/app.js';
import type { ConvContext, FrameConv, ModelContext, MsgRef } from '../../explain/context.js';
import { capital, duration, hostOf, list, msgPayload, type Params, type Say } from '../../explain/format.js';
import type { HostRole, Teach, Tell } from '../../explain/protocol.js';
import { pairsList, pairsText, phase, span, who } from '../../explain/story-kit.js';
import type { StoryRecord } from '../../explain/types.js';
import type {
  ZkConnectedRecord,
  ZkConnectRecord,
  ZkContenderRecord,
  ZkRecipeRecord,
  ZkReplyRecord,
  ZkRequestRecord,
  ZkWatchRecord,
  ZookeeperFrameEntry,
  ZookeeperRecord,
} from './model.js';

const isZk = (m: Msg): m is ZookeeperRecord => m.proto === 'zookeeper';
const isRequest = (m: Msg): m is ZkRequestRecord => isZk(m) && m.kind === 'request';
const isReply = (m: Msg): m is ZkReplyRecord => isZk(m) && m.kind === 'reply';
const isWatch = (m: Msg): m is ZkWatchRecord => isZk(m) && m.kind === 'watch';
const isConnect = (m: Msg): m is ZkConnectRecord => isZk(m) && m.kind === 'connect';
const isConnected = (m: Msg): m is ZkConnectedRecord => isZk(m) && m.kind === 'connected';

/** ZooKeeper's CreateMode names, by flags. */
const CREATE_MODE: Readonly<Record<number, string>> = {
  0: 'PERSISTENT',
  1: 'EPHEMERAL',
  2: 'PERSISTENT_SEQUENTIAL',
  3: 'EPHEMERAL_SEQUENTIAL',
  4: 'CONTAINER',
  5: 'PERSISTENT_WITH_TTL',
  6: 'PERSISTENT_SEQUENTIAL_WITH_TTL',
};

/** Error names that have a meaning in the catalogue (fmt.zookeeper.err.<name>). */
const ERR_MEANING = new Set([
  'NoNode',
  'NodeExists',
  'NotEmpty',
  'BadVersion',
  'NoAuth',
  'SessionExpired',
  'NoChildrenForEphemerals',
  'InvalidACL',
  'ConnectionLoss',
  'OperationTimeout',
]);

/** Events that have a meaning in the catalogue (fmt.zookeeper.event.<name>). */
const EVENT_MEANING = new Set(['NodeCreated', 'NodeDeleted', 'NodeDataChanged', 'NodeChildrenChanged']);

function modeOf(flags: number | undefined): string {
  return flags === undefined ? '?' : (CREATE_MODE[flags] ?? `flags ${flags}`);
}

/** The last path element (a contender's znode name). */
function nameOf(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

/** " (only if its version is N)" for a version other than -1 (any). */
function versionText(say: Say, v: number | undefined): string {
  return v === undefined || v === -1 ? '' : say('fmt.zookeeper.version', { version: v });
}

/** The sentence for one request. */
function requestSentence(say: Say, m: ZkRequestRecord, t: Tell): string {
  const p: Params = { xid: m.xid, op: m.op, path: m.path ?? '?' };
  const parts: string[] = [];
  switch (m.op) {
    case 'create':
    case 'create2':
    case 'createContainer':
    case 'createTTL':
      parts.push(t.one('ex.zookeeper.create', { ...p, mode: modeOf(m.flags), data: msgPayload(say, m) }));
      if (m.ephemeral && m.sequential) parts.push(say('ex.zookeeper.create.ephemeral_sequential'));
      else if (m.ephemeral) parts.push(say('ex.zookeeper.create.ephemeral'));
      else if (m.sequential) parts.push(say('ex.zookeeper.create.sequential'));
      break;
    case 'delete':
      parts.push(t.one('ex.zookeeper.delete', { ...p, version: versionText(say, m.version) }));
      break;
    case 'exists':
      parts.push(t.one('ex.zookeeper.exists', p));
      break;
    case 'getData':
      parts.push(t.one('ex.zookeeper.getdata', p));
      break;
    case 'getChildren':
    case 'getChildren2':
      parts.push(t.one('ex.zookeeper.getchildren', p));
      break;
    case 'setData':
      parts.push(
        t.one('ex.zookeeper.setdata', { ...p, data: msgPayload(say, m), version: versionText(say, m.version) }),
      );
      break;
    case 'sync':
      parts.push(t.one('ex.zookeeper.sync', p));
      break;
    case 'ping':
      parts.push(t.one('ex.zookeeper.ping', p));
      break;
    case 'closeSession':
      parts.push(t.one('ex.zookeeper.close', p));
      break;
    case 'multi': {
      const ops = (m.ops ?? []).map((o) => (o.path !== undefined ? `${o.op} ${o.path}` : o.op));
      parts.push(t.one('ex.zookeeper.multi', { ...p, count: ops.length, ops: list(say, ops, 6) || '-' }));
      break;
    }
    case 'setWatches': {
      const paths = m.watches ?? [];
      parts.push(t.one('ex.zookeeper.setwatches', { ...p, count: paths.length, paths: list(say, paths, 6) || '-' }));
      break;
    }
    default:
      parts.push(t.one(m.path !== undefined ? 'ex.zookeeper.request.path' : 'ex.zookeeper.request', p));
  }
  if (m.watch === true) {
    const w = m.op === 'exists' ? 'exist' : m.op === 'getData' ? 'data' : 'child';
    parts.push(say(`ex.zookeeper.watch.${w}`));
  }
  return parts.join(' ');
}

/** A reply's result in a few words, for the story's pairs ("NoNode", the created path, the children). */
function resultLabel(say: Say, m: ZkReplyRecord): string {
  if (m.err !== 0) return m.error;
  if (m.created !== undefined) return m.created;
  if (m.children !== undefined) return `[${m.children.join(', ')}]`;
  if (m.op === 'getData') return msgPayload(say, m);
  return 'OK';
}

/** The sentence for one reply. */
function replySentence(say: Say, m: ZkReplyRecord, t: Tell): string {
  const p: Params = { xid: m.xid, zxid: m.zxid, op: m.op ?? '?', path: m.path ?? '?', error: m.error, err: m.err };
  const parts: string[] = [];
  if (m.op === undefined) parts.push(t.one('ex.zookeeper.reply.unknown', p));
  else if (m.err !== 0)
    parts.push(
      ERR_MEANING.has(m.error)
        ? t.one('ex.zookeeper.reply.error', { ...p, meaning: say(`fmt.zookeeper.err.${m.error}`) })
        : t.one('ex.zookeeper.reply.error.plain', p),
    );
  else
    switch (m.op) {
      case 'create':
      case 'create2':
      case 'createContainer':
      case 'createTTL': {
        const created = m.created ?? m.path ?? '?';
        parts.push(t.one('ex.zookeeper.reply.create', { ...p, created }));
        if (m.path !== undefined && created !== m.path && created.startsWith(m.path))
          parts.push(say('ex.zookeeper.reply.create.seq', { seq: created.slice(m.path.length) }));
        break;
      }
      case 'delete':
        parts.push(t.one('ex.zookeeper.reply.delete', p));
        break;
      case 'exists':
        parts.push(
          t.one('ex.zookeeper.reply.exists', {
            ...p,
            version: m.stat?.version ?? '?',
            children: m.stat?.num_children ?? '?',
          }),
        );
        break;
      case 'getData':
        parts.push(
          t.one('ex.zookeeper.reply.getdata', { ...p, data: msgPayload(say, m), version: m.stat?.version ?? '?' }),
        );
        if (m.stat?.ephemeral_owner !== undefined)
          parts.push(say('ex.zookeeper.reply.owner', { session: m.stat.ephemeral_owner }));
        break;
      case 'setData':
        parts.push(t.one('ex.zookeeper.reply.setdata', { ...p, version: m.stat?.version ?? '?' }));
        break;
      case 'getChildren':
      case 'getChildren2': {
        const cs = m.children ?? [];
        parts.push(
          cs.length === 0
            ? t.one('ex.zookeeper.reply.children.none', p)
            : t.one('ex.zookeeper.reply.children', { ...p, count: cs.length, children: list(say, cs, 6) }),
        );
        break;
      }
      case 'sync':
        parts.push(t.one('ex.zookeeper.reply.sync', p));
        break;
      case 'ping':
        parts.push(t.one('ex.zookeeper.reply.ping', p));
        break;
      case 'closeSession':
        parts.push(t.one('ex.zookeeper.reply.close', p));
        break;
      case 'multi':
        parts.push(t.one('ex.zookeeper.reply.multi', p));
        break;
      default:
        parts.push(t.one('ex.zookeeper.reply.ok', p));
    }
  if (m.reply_to !== undefined && m.latency !== undefined)
    parts.push(
      say(m.op === 'ping' ? 'ex.zookeeper.pair.ping' : 'ex.zookeeper.pair', {
        xid: m.xid,
        req: m.reply_to,
        latency: duration(m.latency, say),
      }),
    );
  return parts.join(' ');
}

/** The sentence for one watch notification: the event, the watch it fires, the change that made it. */
function watchSentence(say: Say, m: ZkWatchRecord, t: Tell): string {
  const meaning = EVENT_MEANING.has(m.event) ? say(`fmt.zookeeper.event.${m.event}`) : m.event;
  const parts = [t.one('ex.zookeeper.notify', { event: m.event, path: m.path, meaning })];
  if (m.watch_set !== undefined) parts.push(say('ex.zookeeper.notify.fires', { set: m.watch_set }));
  const c = m.cause;
  if (c) {
    const code =
      c.op === 'closeSession' ? 'close' : c.op === 'delete' ? 'delete' : c.op === 'setData' ? 'setdata' : 'create';
    parts.push(say(`ex.zookeeper.cause.${code}`, { frame: c.frame, conv: c.conversation }));
  }
  return parts.join(' ');
}

/** The sentence for one ZooKeeper packet a frame completes. */
export function sentence(say: Say, _ctx: FrameConv, m: ZookeeperRecord, t: Tell): string {
  switch (m.kind) {
    case 'connect':
      return m.session_id === '0x0'
        ? t.one('ex.zookeeper.connect', { timeout: m.timeout })
        : t.one('ex.zookeeper.connect.resume', { timeout: m.timeout, session: m.session_id });
    case 'connected': {
      if (m.timeout === 0) return t.one('ex.zookeeper.connected.expired', {});
      const s = t.one('ex.zookeeper.connected', { timeout: m.timeout, session: m.session_id });
      return m.reply_to !== undefined && m.latency !== undefined
        ? `${s} ${say('ex.zookeeper.connected.lat', { req: m.reply_to, latency: duration(m.latency, say) })}`
        : s;
    }
    case 'request':
      return requestSentence(say, m, t);
    case 'reply':
      return replySentence(say, m, t);
    case 'watch':
      return watchSentence(say, m, t);
    default: {
      const never: never = m;
      return never;
    }
  }
}

/** The noun for a ZooKeeper packet ("the getData request", "the NodeDeleted notification"). */
export function label(say: Say, _ctx: Pick<FrameConv, 'kind'>, m: MsgRef): string {
  switch (m.kind) {
    case 'connect':
    case 'connected':
      return say(`lbl.zookeeper.${m.kind}`);
    case 'request':
    case 'watch':
      return say(`lbl.zookeeper.${m.kind}`, { name: m.name ?? '?' });
    default:
      return m.name !== undefined ? say('lbl.zookeeper.reply', { name: m.name }) : say('lbl.zookeeper.reply.any');
  }
}

/** The Info column: ZooKeeper's own names (ConnectRequest, the op, xid, zxid, err, event). */
export function zookeeperInfo(e: ZookeeperFrameEntry): string {
  switch (e.kind) {
    case 'connect':
      return `ConnectRequest session=${e.session_id ?? '?'} timeout=${e.timeout ?? '?'}`;
    case 'connected':
      return `ConnectResponse session=${e.session_id ?? '?'} timeout=${e.timeout ?? '?'}`;
    case 'request': {
      let s = `Request ${e.op ?? '?'} xid=${e.xid ?? '?'}`;
      if (e.path !== undefined) s += ` ${e.path}`;
      if (e.flags !== undefined) s += ` ${modeOf(e.flags)}`;
      if (e.watch) s += ' watch';
      return s;
    }
    case 'reply': {
      let s = `Reply ${e.op ?? '?'} xid=${e.xid ?? '?'} zxid=${e.zxid ?? '?'} ${e.error ?? '?'}`;
      if (e.created !== undefined) s += ` ${e.created}`;
      else if (e.path !== undefined) s += ` ${e.path}`;
      return s;
    }
    case 'watch':
      return `Notification ${e.event ?? '?'} ${e.path ?? ''}`.trimEnd();
    default: {
      const never: never = e.kind;
      return never;
    }
  }
}

/** A sequence diagram's arrow: the op and path of a request, the result of a reply, the event. */
export function arrow(e: ZookeeperFrameEntry): string {
  switch (e.kind) {
    case 'connect':
      return 'ConnectRequest';
    case 'connected':
      return `ConnectResponse ${e.session_id ?? ''}`.trimEnd();
    case 'request':
      return `${e.op ?? '?'} ${e.path ?? ''}`.trimEnd();
    case 'reply':
      return `${e.op ?? '?'} ${e.created ?? e.error ?? ''}`.trimEnd();
    case 'watch':
      return `${e.event ?? '?'} ${e.path ?? ''}`.trimEnd();
    default: {
      const never: never = e.kind;
      return never;
    }
  }
}

export function title(): string {
  return 'ZooKeeper';
}

/** The recipe sentences of one contender (its conversation's part in a lock or an election). */
function contenderPhase(say: Say, ctx: ConvContext, r: ZkRecipeRecord, c: ZkContenderRecord): StoryRecord {
  const k = r.kind;
  const cw = who(say, ctx, 'client');
  const idx = r.contenders.indexOf(c);
  const parts = [
    capital(
      say(`story.zookeeper.${k}.join`, {
        ...cw,
        path: r.path,
        znode: nameOf(c.znode),
        frame: c.created,
        data: c.data !== undefined ? say('fmt.zookeeper.data', { data: c.data }) : '',
      }),
    ),
  ];
  // what the client did to wait: a watch on another contender's znode
  const waits = ctx.view.messages.filter(
    (m): m is ZkRequestRecord =>
      isRequest(m) &&
      m.watch === true &&
      m.path !== undefined &&
      m.path !== c.znode &&
      r.contenders.some((o) => o.znode === m.path),
  );
  for (const w of waits.slice(0, 3)) {
    const fired = ctx.view.messages.find((m) => isWatch(m) && m.watch_set === w.frame);
    parts.push(
      say(fired ? 'story.zookeeper.waits.fired' : 'story.zookeeper.waits', {
        op: w.op,
        znode: nameOf(w.path ?? ''),
        frame: w.frame,
        fired: fired?.frame ?? '?',
      }),
    );
  }
  const pos = r.holders.indexOf(idx);
  if (r.holders.length === 0) parts.push(say('story.zookeeper.unknown', { path: r.path }));
  else if (pos < 0) parts.push(say(`story.zookeeper.${k}.never`));
  else if (c.holds_from === c.created)
    parts.push(say(`story.zookeeper.${k}.first`, { seq: c.znode.slice(-10), from: c.created }));
  else {
    const before = r.contenders[r.holders[pos - 1] ?? -1];
    parts.push(
      before
        ? say(`story.zookeeper.${k}.later`, {
            before: nameOf(before.znode),
            holder: hostOf(before.client),
            gone: before.gone ?? '?',
            from: c.holds_from ?? '?',
          })
        : say(`story.zookeeper.${k}.from`, { from: c.holds_from ?? '?' }),
    );
  }
  let last = Math.max(c.created, c.holds_from ?? 0);
  const rel = c.released;
  if (rel) {
    const code = pos >= 0 ? `story.zookeeper.${k}.release.${rel.by}` : `story.zookeeper.withdraw.${rel.by}`;
    parts.push(say(code, { frame: rel.frame, gone: c.gone ?? rel.frame }));
    last = Math.max(last, rel.frame);
  } else if (pos >= 0 && c.gone === undefined) parts.push(say(`story.zookeeper.${k}.held`));
  const first = Math.min(c.created, ...waits.map((w) => w.frame));
  return {
    frames: [first, Math.min(last, ctx.c.last)],
    conversation: ctx.c.id,
    code: `story.zookeeper.${k}.join`,
    text: parts.join(' '),
  };
}

/** What each watch of the conversation waits for, and whether it fired. */
function watchesPhase(say: Say, ctx: ConvContext, recipes: readonly ZkRecipeRecord[]): StoryRecord | undefined {
  const reqs = ctx.view.messages.filter(
    (m): m is ZkRequestRecord =>
      isRequest(m) &&
      m.watch === true &&
      // a watch on another contender's znode is told with the recipe
      !recipes.some((r) => r.contenders.some((c) => c.znode === m.path)),
  );
  if (reqs.length === 0) return undefined;
  const items = reqs.map((w) => {
    const kind = w.op === 'exists' ? 'exist' : w.op === 'getData' ? 'data' : 'child';
    const fired = ctx.view.messages.find((m): m is ZkWatchRecord => isWatch(m) && m.watch_set === w.frame);
    return say(fired ? 'fmt.zookeeper.watch.fired' : 'fmt.zookeeper.watch.open', {
      op: w.op,
      path: w.path ?? '?',
      frame: w.frame,
      what: say(`fmt.zookeeper.waits.${kind}`),
      event: fired?.event ?? '',
      fired: fired?.frame ?? '',
    });
  });
  const frames = span(reqs);
  return phase(say, ctx, frames, 'story.zookeeper.watches', {
    ...who(say, ctx, 'client'),
    count: reqs.length,
    list: list(say, items, 6),
  });
}

/** The session's opening, its recipes and watches; the exchange of requests and replies. */
export function phases(say: Say, ctx: ConvContext): { setup: StoryRecord[]; exchange?: StoryRecord } {
  const setup: StoryRecord[] = [];
  const ms = ctx.view.messages.filter(isZk);
  const connect = ms.find(isConnect);
  const connected = ms.find(isConnected);
  if (connect || connected) {
    const p: Params = {
      ...who(say, ctx, 'client'),
      ...who(say, ctx, 'server', 's_'),
      session: connected?.session_id ?? '?',
      timeout: connected?.timeout ?? connect?.timeout ?? '?',
      latency: connected?.latency !== undefined ? duration(connected.latency, say) : '?',
    };
    let code = 'story.zookeeper.session';
    if (!connected) code = 'story.zookeeper.session.noanswer';
    else if (connected.timeout === 0) code = 'story.zookeeper.session.expired';
    else if (connect && connect.session_id !== '0x0') code = 'story.zookeeper.session.resume';
    const both = [connect, connected].filter((m): m is ZkConnectRecord | ZkConnectedRecord => m !== undefined);
    setup.push(phase(say, ctx, span(both), code, p));
  }
  const recipes = ctx.c.zk_recipes ?? [];
  for (const r of recipes)
    for (const c of r.contenders) if (c.conversation === ctx.c.id) setup.push(contenderPhase(say, ctx, r, c));
  const w = watchesPhase(say, ctx, recipes);
  if (w) setup.push(w);
  const exchange = exchangePhase(say, ctx);
  return exchange ? { setup, exchange } : { setup };
}

function exchangePhase(say: Say, ctx: ConvContext): StoryRecord | undefined {
  const all = groupOf(ctx.view, (m) => m.proto === 'zookeeper');
  if (!all.count) return undefined;
  const reqs = all.msgs.filter((m): m is ZkRequestRecord => isRequest(m) && m.op !== 'ping');
  const reps = all.msgs.filter((m): m is ZkReplyRecord => isReply(m) && m.op !== 'ping');
  const total = groupOf(ctx.view, (m) => m.kind === 'request' && m.name !== 'ping').count;
  const pings = groupOf(ctx.view, (m) => m.kind === 'request' && m.name === 'ping').count;
  const notices = all.msgs.filter(isWatch);
  const parts: string[] = [];
  const frames = span(all.msgs.filter((m) => m.kind !== 'connect' && m.kind !== 'connected'));
  if (total > 0) {
    const labelOf = (m: Msg) => {
      if (isRequest(m)) return m.path !== undefined ? `${m.op} ${m.path}` : m.op;
      if (isReply(m)) return resultLabel(say, m);
      return '?';
    };
    const pairs = pairsText(say, ctx, reqs, reps, labelOf);
    parts.push(
      capital(
        say('story.zookeeper.exchange', {
          ...who(say, ctx, 'client'),
          ...who(say, ctx, 'server', 's_'),
          count: total,
          pairs: pairsList(say, pairs, total, 8),
        }),
      ),
    );
  }
  if (notices.length)
    parts.push(
      say('story.zookeeper.notices', {
        count: notices.length,
        list: list(
          say,
          notices.map((n) => say('fmt.zookeeper.notice', { event: n.event, path: n.path, frame: n.frame })),
          6,
        ),
      }),
    );
  if (pings) parts.push(say('story.zookeeper.pings', { count: pings }));
  if (!parts.length || !Number.isFinite(frames[0])) return undefined;
  return { frames, conversation: ctx.c.id, code: 'story.zookeeper.exchange', text: parts.join(' ') };
}

/** closeSession before the TCP ending, or that the session was left to expire. */
export function ending(say: Say, ctx: ConvContext): { before?: { frame: number; text: string }; after?: string } {
  const close = ctx.view.messages.find((m): m is ZkRequestRecord => isRequest(m) && m.op === 'closeSession');
  if (close) {
    const code = close.replied_by !== undefined ? 'story.zookeeper.close' : 'story.zookeeper.close.noanswer';
    return {
      before: {
        frame: close.frame,
        text: capital(say(code, { ...who(say, ctx, 'client'), frame: close.frame, reply: close.replied_by ?? '?' })),
      },
    };
  }
  const c = ctx.c;
  if ((c.close.kind !== 'fin' && c.close.kind !== 'rst') || !c.zk_session) return {};
  return { after: say('story.zookeeper.no_close', { timeout: c.zk_session.timeout }) };
}

export function hostRoles(_say: Say, ctx: ConvContext, port: string | number): { client: HostRole; server: HostRole } {
  const s = ctx.c.zk_session;
  return {
    client: {
      code: s ? 'role.zookeeper.client' : 'role.zookeeper.client.nosession',
      params: { server: ctx.c.server, session: s?.id ?? '' },
    },
    server: { code: 'role.zookeeper.server', params: { port } },
  };
}

/** The session, how many requests, with which operations. */
export function convLine(_say: Say, ctx: ConvContext): { code: string; params: Params } {
  const reqs = groupOf(ctx.view, (m) => m.kind === 'request' && m.name !== 'ping');
  const ops = reqs.complete
    ? reqs.msgs.map((m) => (isRequest(m) ? m.op : '?'))
    : reqs.sorts.map((x) => x.rep.name ?? '?');
  const s = ctx.c.zk_session;
  return {
    code: s ? 'ov.conv.zookeeper' : 'ov.conv.zookeeper.nosession',
    params: { session: s?.id ?? '', count: reqs.count, ops: [...new Set(ops)].join(', ') || '-' },
  };
}

/** One holder in the overview's list: who, from when, and how it let go. */
function holderText(say: Say, c: ZkContenderRecord): string {
  const p: Params = {
    client: hostOf(c.client),
    conv: c.conversation,
    znode: nameOf(c.znode),
    from: c.holds_from ?? '?',
    frame: c.released?.frame ?? '?',
    gone: c.gone ?? '?',
  };
  const until = c.released
    ? say(`fmt.zookeeper.until.${c.released.by}`, p)
    : c.gone !== undefined
      ? say('fmt.zookeeper.until.gone', p)
      : say('fmt.zookeeper.until.held', p);
  return say('fmt.zookeeper.holder', { ...p, until });
}

/** Who held each lock and led each election, in order (once per recipe, from any of its conversations). */
export function teach(say: Say, _mc: ModelContext, convs: readonly ConvContext[], at: (rank: number) => Teach): void {
  {
    // a reply names no operation: pairing by xid, shown on the first reply that has a request
    const push = at(26);
    for (const ctx of convs) {
      const r = ctx.view.messages.find((m): m is ZkReplyRecord => isReply(m) && m.op !== undefined && m.op !== 'ping');
      if (r?.reply_to === undefined) continue;
      push('teach.zookeeper.xid', { reply: r.frame, req: r.reply_to, op: r.op ?? '?', xid: r.xid }, [
        r.reply_to,
        r.frame,
      ]);
      break;
    }
  }
  const push = at(25);
  const seen = new Set<string>();
  for (const ctx of convs) {
    for (const r of ctx.c.zk_recipes ?? []) {
      const key = `${r.server}|${r.path}`;
      if (seen.has(key)) continue;
      seen.add(key);
      if (r.holders.length === 0) {
        push(`teach.zookeeper.${r.kind}.unknown`, { path: r.path, count: r.contenders.length });
        continue;
      }
      const hs = r.holders.map((i) => r.contenders[i]!);
      const frames = hs.map((c) => c.holds_from ?? c.created);
      push(
        `teach.zookeeper.${r.kind}`,
        {
          path: r.path,
          count: r.contenders.length,
          holders: list(
            say,
            hs.map((c) => holderText(say, c)),
            8,
          ),
        },
        frames,
      );
    }
  }
}
