/**
 * The overview: what the capture holds, the hosts and their roles inferred from the traffic, one line
 * per conversation, what deserves a second look, and teaching notes for the cases the capture shows.
 */
import type { ConversationRecord, FrameRecord } from '../analysis/model.js';
import { isDockerBridgeName } from '../capture/bridge-name.js';
import { allWords, wordsOf } from '../protocols/registry.js';
import { buildConv, type ConvContext, handshakeLeft, type ModelContext } from './context.js';
import { digestTotals } from './digest.js';
import { duration, foldedRefused, hostOf, list, type Params, portOf, type Say } from './format.js';
import { protocolName } from './info.js';
import type { Teach } from './protocol.js';
import { troubleCounts, troubleSummary } from './story.js';
import type { HostRecord, OverviewItem, OverviewRecord } from './types.js';

export interface HostRole {
  code: string;
  params: Params;
}
type Role = HostRole;

/** A role as the hosts list tells it apart from others (its code and parameters). */
export function roleSig(r: HostRole): string {
  return `${r.code}\u0000${JSON.stringify(r.params)}`;
}

function ipKey(ip: string): string {
  const m = /^(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(ip);
  if (!m) return `z${ip}`;
  return m
    .slice(1)
    .map((x) => x.padStart(3, '0'))
    .join('.');
}

export function rolesOf(say: Say, ctx: ConvContext): { client: Role; server: Role } {
  const c = ctx.c;
  const port = portOf(c.server) ?? '?';
  const v = ctx.view;
  // a refused attempt made no connection: its client is no client "of" the server (nor "connected to" it)
  if (c.close.kind === 'refused')
    return {
      client: { code: 'role.tcp.refused_client', params: { server: c.server } },
      server: { code: 'role.tcp.refused', params: { port } },
    };
  // a SYN without an answer: no connection was made, and nothing is known to serve that port
  const left = handshakeLeft(c);
  if (left === 'unanswered')
    return {
      client: { code: 'role.tcp.noanswer_client', params: { server: c.server } },
      server: { code: 'role.tcp.noanswer', params: { port } },
    };
  // a SYN-ACK that got no ACK: the server answered on that port, the client never connected
  if (left === 'unfinished')
    return {
      client: { code: 'role.tcp.unfinished_client', params: { server: c.server } },
      server: { code: 'role.tcp.server', params: { port } },
    };
  // a UDP flow of plain datagrams: who sends to whom (a protocol module's flow: its words say the roles)
  if (c.transport === 'udp' && (v.app === undefined || wordsOf(v.app).unframed))
    return {
      client: { code: 'role.udp.sender', params: { dst: c.server } },
      server: { code: 'role.udp.receiver', params: { port } },
    };
  return (
    wordsOf(v.app).hostRoles?.(say, ctx, port) ?? {
      client: { code: 'role.tcp.client', params: { server: c.server } },
      server: { code: 'role.tcp.server', params: { port } },
    }
  );
}

function hosts(say: Say, mc: ModelContext): HostRecord[] {
  const macs = new Map<string, string>();
  // every address seen, with the protocols it was seen in outside conversations (ARP, ICMPv6, IGMP…)
  const seen = new Map<string, Set<string>>();
  const see = (ip: string, proto?: string) => {
    let s = seen.get(ip);
    if (!s) {
      s = new Set();
      seen.set(ip, s);
    }
    if (proto) s.add(proto);
  };
  for (const f of mc.model.frames) {
    if (f.arp) {
      see(f.arp.sender_ip, 'ARP');
      if (f.arp.sender_ip !== '0.0.0.0') macs.set(f.arp.sender_ip, f.arp.sender_mac);
      if (f.arp.target_ip !== '0.0.0.0') see(f.arp.target_ip, 'ARP');
    } else if (f.ip) {
      if (f.eth && !macs.has(f.ip.src) && !UNSPECIFIED.has(f.ip.src)) macs.set(f.ip.src, f.eth.src);
      const proto =
        f.conversation === undefined ? protocolName(f.protocols[f.protocols.length - 1] ?? 'ip') : undefined;
      see(f.ip.src, proto);
      see(f.ip.dst, proto);
    }
  }
  // a digest keeps some ARP frames of each pair: the last MAC each sender gave comes from its totals
  for (const [ip, mac] of digestTotals(mc.model.frames)?.arpMacs ?? []) macs.set(ip, mac);
  const roles = new Map<string, Role[]>();
  const add = (ip: string, r: Role) => {
    const a = roles.get(ip) ?? [];
    if (!a.some((x) => roleSig(x) === roleSig(r))) a.push(r);
    roles.set(ip, a);
  };
  for (const ctx of mc.convs.values()) {
    const r = rolesOf(say, ctx);
    add(hostOf(ctx.c.client), r.client);
    add(hostOf(ctx.c.server), r.server);
  }
  for (const ip of roles.keys()) see(ip);
  const names = new Map((mc.model.capture.names ?? []).map((n) => [n.address, n.name]));
  const out: HostRecord[] = [];
  for (const ip of [...seen.keys()].sort((a, b) => (ipKey(a) < ipKey(b) ? -1 : ipKey(a) > ipKey(b) ? 1 : 0))) {
    if (UNSPECIFIED.has(ip)) continue;
    let rs = roles.get(ip) ?? [];
    // a refused port and a later server on the same port: keep both, they tell the story
    if (rs.length === 0) {
      const protos = [...(seen.get(ip) ?? [])];
      if (isBroadcastish(ip)) rs = [{ code: 'role.group', params: {} }];
      else if (protos.length === 1 && protos[0] === 'ARP') rs = [{ code: 'role.arp_only', params: {} }];
      else rs = [{ code: 'role.seen_only', params: { protocols: list(say, protos) } }];
    }
    const h: HostRecord = {
      ip,
      roles: rs.map((r) => r.code),
      text: list(say, roleTexts(say, rs, foldedRoles(mc, ip, rs)), 6),
    };
    const mac = macs.get(ip);
    if (mac) h.mac = mac;
    const name = names.get(ip);
    if (name) h.name = name;
    out.push(h);
  }
  return out;
}

/** Per role code: roles of a host seen only in conversations folded into their groups (AnalysisModel.folded). */
function foldedRoles(mc: ModelContext, ip: string, kept: readonly Role[]): Map<string, number> {
  const out = new Map<string, number>();
  const byCode = mc.model.folded?.roles?.get(ip);
  if (!byCode) return out;
  const told = new Set(kept.map(roleSig));
  for (const [code, sigs] of byCode) {
    let n = 0;
    for (const s of sigs) if (!told.has(s)) n++;
    if (n) out.set(code, n);
  }
  return out;
}

/**
 * Roles the same but for their names as texts; ALIKE_ROLES or more of one kind: the first and a count
 * (`more`: roles of the kind only folded conversations had, which the fold allows only beyond ALIKE_ROLES).
 */
function roleTexts(say: Say, rs: readonly Role[], more: ReadonlyMap<string, number>): string[] {
  const byCode = new Map<string, Role[]>();
  for (const r of rs) byCode.set(r.code, [...(byCode.get(r.code) ?? []), r]);
  const many = (code: string, n: number) => n + (more.get(code) ?? 0) >= ALIKE_ROLES;
  if (![...byCode].some(([code, same]) => many(code, same.length))) return rs.map((r) => say(r.code, r.params));
  const out: string[] = [];
  for (const [code, same] of byCode) {
    if (many(code, same.length))
      out.push(
        say('role.alike', {
          role: say(same[0]!.code, same[0]!.params),
          count: same.length - 1 + (more.get(code) ?? 0),
        }),
      );
    else for (const r of same) out.push(say(r.code, r.params));
  }
  return out;
}

/** A host's roles of one kind told one by one up to this many (an MQTT client id each: 400 probes are one line). */
export const ALIKE_ROLES = 8;

/**
 * Captures named from Docker (live on a Docker daemon, or its pcapng's names): the gateway's address is
 * named by its bridge (docker0, br-<12 hex>). A connection from it to a container comes from the host,
 * as docker-proxy's do for a published port; and DNS lookups of container names never reach the bridge.
 */
function dockerNotes(push: (code: string, params: Params, frames?: number[]) => void, mc: ModelContext): void {
  const names = mc.model.capture.names ?? [];
  const gateways = new Map(names.filter((n) => isDockerBridgeName(n.name)).map((n) => [n.address, n.name]));
  if (gateways.size === 0) return;
  for (const ctx of mc.convs.values()) {
    const client = hostOf(ctx.c.client);
    const bridge = gateways.get(client);
    if (bridge === undefined || ctx.c.transport !== 'tcp') continue;
    push('teach.docker.gateway', { gateway: client, bridge, id: ctx.c.id, server: ctx.c.server }, [ctx.c.first]);
    break;
  }
  const dns = mc.model.conversations.some((c) => portOf(c.server) === 53 || portOf(c.client) === 53);
  const containers = names.filter((n) => !isDockerBridgeName(n.name)).map((n) => n.name);
  if (!dns && mc.model.capture.frames > 0 && containers.length > 0) {
    push('teach.docker.dns', {
      names: containers.length > 3 ? `${containers.slice(0, 3).join(', ')}, …` : containers.join(', '),
    });
  }
}
/** The unspecified addresses: a host that has none yet (DHCP, IPv6 duplicate address detection), not a host. */
const UNSPECIFIED: ReadonlySet<string> = new Set(['0.0.0.0', '::']);

function isBroadcastish(ip: string): boolean {
  if (ip.includes(':')) return ip.toLowerCase().startsWith('ff'); // IPv6 multicast ff00::/8
  const first = Number(ip.split('.')[0]);
  return ip.endsWith('.255') || (first >= 224 && first <= 239);
}

function convLine(say: Say, ctx: ConvContext): { code: string; text: string } {
  const c = ctx.c;
  const v = ctx.view;
  let code: string;
  let p: Params = {};
  if (c.close.kind === 'refused') {
    code = 'ov.conv.refused';
    p = { port: portOf(c.server) ?? '?' };
  } else if (c.transport === 'udp' && (v.app === undefined || wordsOf(v.app).unframed || !wordsOf(v.app).convLine)) {
    code = 'ov.conv.udp';
    p = { c2s: c.packets.c2s, s2c: c.packets.s2c };
  } else if (v.app) {
    ({ code, params: p } = wordsOf(v.app).convLine?.(say, ctx) ?? {
      code: 'ov.conv.tcp',
      params: { c2s: c.bytes.c2s, s2c: c.bytes.s2c },
    });
  } else {
    code = 'ov.conv.tcp';
    p = { c2s: c.bytes.c2s, s2c: c.bytes.s2c };
  }
  const what = say(code, p);
  let end: string;
  if (c.transport === 'udp' || c.close.kind === 'refused') end = '';
  else if (c.close.kind === 'open') end = say(`ov.end.${handshakeLeft(c) ?? 'open'}`);
  else end = say(`ov.end.${c.close.kind}`, { by: say(`noun.${ctx.roles[c.close.by ?? 'client']}`) });
  const start = c.transport === 'tcp' && !c.handshake ? say('ov.start.midstream') : '';
  const text = say(end ? 'ov.conv' : 'ov.conv.noend', {
    id: c.id,
    client: c.client,
    server: c.server,
    transport: c.transport.toUpperCase(),
    what: start ? `${what} (${start})` : what,
    end,
  });
  return { code, text };
}

/**
 * The overview's line on one conversation from its final record alone: for a conversation folded into its
 * group when it was retired (the model no longer lists it, its overview has no line on it), whose frames a
 * report still lists under it.
 */
export function conversationLine(say: Say, rec: ConversationRecord): string {
  return convLine(say, buildConv(rec, [])).text;
}

/** Notes that are not trouble: payloads cut for display, and each protocol's quiet notes. */
let NOT_ABNORMAL: ReadonlySet<string> | undefined;

function notAbnormal(): ReadonlySet<string> {
  NOT_ABNORMAL ??= new Set([
    'payload.text.truncated',
    'payload.hex.truncated',
    ...allWords().flatMap((w) => w.quietNotes ?? []),
  ]);
  return NOT_ABNORMAL;
}

/**
 * Whether "Worth a second look" looks at the conversation on its own (an abort with RST, tcp.analysis
 * trouble, its protocol's items): a TCP connection that was not refused (refused attempts are counted per
 * server). The summary's fold asks the same (src/report/fold.ts).
 */
export function lookedAtAlone(c: ConversationRecord): boolean {
  return c.transport === 'tcp' && c.close.kind !== 'refused';
}

function abnormal(say: Say, mc: ModelContext): OverviewItem[] {
  const out: OverviewItem[] = [];
  const m = mc.model;
  if (m.capture.damaged) out.push({ code: 'ov.ab.damaged', text: say('ov.ab.damaged', { frames: m.capture.frames }) });
  // frames cut by the snapshot length: said once here (not as the frame.truncated note, one per frame)
  const snap = m.capture.snaplen;
  if (snap)
    out.push({
      code: 'ov.ab.snaplen',
      frames: [snap.first],
      text: say('ov.ab.snaplen', { ...snap, total: m.capture.frames }),
    });
  // refused attempts, grouped by server
  const refused = new Map<string, number[]>();
  for (const c of m.conversations) {
    if (c.close.kind !== 'refused') continue;
    const firsts = refused.get(c.server);
    if (firsts) firsts.push(c.first);
    else refused.set(c.server, [c.first]);
  }
  for (const [server, frames] of refused) {
    // with the attempts folded into their groups (the frames are the kept ones')
    const count = frames.length + foldedRefused(m.folded?.refused, server);
    out.push({
      code: 'ov.ab.refused',
      frames,
      text: say('ov.ab.refused', { count, server, port: portOf(server) ?? '?' }),
    });
  }
  const totals = digestTotals(m.frames);
  for (const ctx of mc.convs.values()) {
    const c = ctx.c;
    if (!lookedAtAlone(c)) continue;
    if (c.close.kind === 'rst' && ctx.rst) {
      out.push({
        code: 'ov.ab.rst',
        conversation: c.id,
        frames: [ctx.rst.n],
        text: say('ov.ab.rst', {
          id: c.id,
          who: say(`noun.${ctx.roles[ctx.rst.side]}`),
          addr: ctx.rst.side === 'client' ? hostOf(c.client) : c.server,
          frame: ctx.rst.n,
        }),
      });
    }
    if (!c.handshake)
      out.push({
        code: 'ov.ab.midstream',
        conversation: c.id,
        frames: [c.first],
        text: say('ov.ab.midstream', { id: c.id, frame: c.first }),
      });
    else if (c.handshake.synack.length === 0)
      out.push({
        code: 'ov.ab.noanswer',
        conversation: c.id,
        frames: c.handshake.syn,
        text: say('ov.ab.noanswer', { id: c.id, server: c.server }),
      });
    else if (handshakeLeft(c) === 'unfinished')
      out.push({
        code: 'ov.ab.unfinished',
        conversation: c.id,
        frames: c.handshake.synack,
        text: say('ov.ab.unfinished', { id: c.id, server: c.server }),
      });
    const trouble = troubleSummary(say, troubleCounts(ctx, totals), c.handshake);
    if (trouble) {
      const frames =
        totals?.convs.get(c.id)?.flagged ?? ctx.frames.filter((f) => (f.tcp?.analysis ?? []).length).map((f) => f.n);
      out.push({
        code: 'ov.ab.tcp',
        conversation: c.id,
        frames: frames.slice(0, 50),
        text: say('ov.ab.tcp', { id: c.id, list: trouble }),
      });
    }
    // what its application protocol found (HTTP: error statuses, requests with no response)
    for (const x of wordsOf(c.app).abnormal?.(say, c) ?? [])
      out.push({ code: x.code, conversation: c.id, ...(x.frames ? { frames: x.frames } : {}), text: x.text });
  }
  // expert notes of warning level and above (not tcp.analysis: summarised above): code → text, the first
  // frames, how many frames
  const notes = new Map<string, { text: string; frames: number[]; count: number }>();
  const skipped = (code: string): boolean =>
    code.startsWith('tcp.analysis.') ||
    notAbnormal().has(code) ||
    // said once by ov.ab.snaplen; each frame's own note says what it lost
    (snap !== undefined && (code === 'frame.truncated' || code === 'tcp.pdu.cut'));
  if (totals) {
    // the digest's, over every frame (also those of conversations folded and let go)
    for (const [code, e] of totals.noteFrames)
      if (e.text !== undefined && !skipped(code)) notes.set(code, { text: e.text, frames: e.frames, count: e.count });
  } else
    for (const f of m.frames) {
      for (const n of f.notes) {
        if (skipped(n.code) || (n.severity !== 'warn' && n.severity !== 'error')) continue;
        const e = notes.get(n.code);
        if (!e) notes.set(n.code, { text: n.text, frames: [f.n], count: 1 });
        else if (e.frames[e.frames.length - 1] !== f.n) {
          // a code twice in a frame: listed once
          e.frames.push(f.n);
          e.count++;
        }
      }
    }
  const convNote = (code: string, text: string, frame: number): void => {
    if (!notes.has(code)) notes.set(code, { text, frames: [frame], count: 1 });
  };
  for (const c of m.conversations)
    for (const n of c.notes) if (n.severity === 'warn' || n.severity === 'error') convNote(n.code, n.text, c.first);
  // of conversations folded and let go
  if (totals) for (const [code, e] of totals.convNotes) convNote(code, e.text, e.frame);
  for (const [code, e] of notes) {
    const frames = e.frames.length > 5 ? `${e.frames.slice(0, 5).join(', ')}, …` : e.frames.join(', ');
    out.push({
      code,
      frames: e.frames.slice(0, 50),
      text: say(e.count > 5 ? 'ov.ab.note.many' : 'ov.ab.note', { text: e.text, frames, count: e.count }),
    });
  }
  return out;
}

function teaching(say: Say, mc: ModelContext): OverviewItem[] {
  const out: OverviewItem[] = [];
  const ranked: Array<{ rank: number; item: OverviewItem }> = [];
  const at =
    (rank: number): Teach =>
    (code, params, frames) => {
      const item: OverviewItem = { code, text: say(code, params) };
      if (frames?.length) item.frames = frames.slice(0, 20);
      ranked.push({ rank, item });
    };
  // the generic notes' ranks; each protocol's words rank theirs among them (ProtocolWords.teach)
  const push = at(30);
  const convs = [...mc.convs.values()];
  dockerNotes(push, mc);
  const offload = at(40);
  // checksum offload on a Docker-like bridge
  // checksum offload: a captured TCP/UDP checksum is the sender's partial pseudo-header sum (verified per frame)
  if (mc.offloadFrame !== undefined) offload('teach.checksum_offload', { frame: mc.offloadFrame }, [mc.offloadFrame]);
  // several application messages in one segment
  const several = at(60);
  outer: for (const ctx of convs) {
    // plain TCP has no messages: a segment that fills a gap is not several
    if (wordsOf(ctx.view.app).unframed) continue;
    for (const [n, ms] of ctx.completes) {
      for (const dir of ['c2s', 's2c'] as const) {
        const same = ms.filter((m) => m.dir === dir);
        if (same.length > 1) {
          several(
            'teach.several_in_one_segment',
            { frame: n, count: same.length, protocol: protocolName(ctx.view.app ?? '') },
            [n],
          );
          break outer;
        }
      }
    }
  }
  // SYN → RST retries while the server is down
  const retries = at(90);
  const refused = convs.filter((x) => x.c.close.kind === 'refused');
  if (refused.length) {
    const server = refused[0]!.c.server;
    const same = refused.filter((x) => x.c.server === server);
    const worked = convs.filter((x) => x.c.server === server && x.c.close.kind !== 'refused' && x.c.handshake?.ack);
    const tried = same[0]!.c.first;
    // a connection that worked after the attempts (the server had started), else one that had ended before
    // them (the server had stopped)
    const ok = worked.find((x) => x.c.first > tried);
    const before = ok ? undefined : worked.filter((x) => x.c.last < tried).pop();
    retries(
      ok ? 'teach.refused_retries.ok' : before ? 'teach.refused_retries.after' : 'teach.refused_retries',
      {
        who: retriers(say, same),
        count: same.length + foldedRefused(mc.model.folded?.refused, server),
        server,
        port: portOf(server) ?? '?',
        id: ok?.c.id ?? before?.c.id ?? 0,
      },
      same.map((x) => x.c.first),
    );
  }
  // the capture began mid-connection
  const midstream = at(110);
  const mid = convs.find((x) => x.c.transport === 'tcp' && !x.c.handshake);
  if (mid) midstream('teach.midstream', { id: mid.c.id, frame: mid.c.first }, [mid.c.first]);
  for (const words of allWords()) words.teach?.(say, mc, convs, at);
  ranked.sort((a, b) => a.rank - b.rank);
  for (const r of ranked) out.push(r.item);
  return out;
}

/** Who made refused attempts: "The client", or "2 clients (172.18.0.7, 172.18.0.8), together,". */
function retriers(say: Say, attempts: readonly ConvContext[]): string {
  const hosts = [...new Set(attempts.map((x) => hostOf(x.c.client)))];
  return hosts.length === 1
    ? say('fmt.retry.client')
    : say('fmt.retry.clients', { count: hosts.length, hosts: list(say, hosts, 4) });
}

function summary(say: Say, mc: ModelContext): string {
  const m = mc.model;
  if (m.capture.frames === 0) return say('ov.summary.empty');
  // with the conversations folded into their groups when they were retired (the streaming summary)
  const tcp = m.conversations.filter((c) => c.transport === 'tcp').length + (m.folded?.tcp ?? 0);
  const udp = m.conversations.filter((c) => c.transport === 'udp').length + (m.folded?.udp ?? 0);
  const arp = digestTotals(m.frames)?.arpFrames ?? m.frames.filter((f: FrameRecord) => f.arp).length;
  const parts: string[] = [];
  if (tcp) parts.push(say('fmt.count.tcp', { count: tcp }));
  if (udp) parts.push(say('fmt.count.udp', { count: udp }));
  if (arp) parts.push(say('fmt.count.arp', { count: arp }));
  const apps = [
    ...new Set(
      [...mc.convs.values()].map((x) => x.view.app).filter((a): a is NonNullable<typeof a> => !!a && a !== 'data'),
    ),
  ];
  const s = say('ov.summary', {
    frames: m.capture.frames,
    duration: duration(m.capture.duration, say),
    parts: list(say, parts) || say('fmt.nothing'),
  });
  return apps.length
    ? `${s} ${say('ov.summary.apps', {
        apps: list(
          say,
          apps.map((a) => say(`app.${a}`)),
        ),
      })}`
    : s;
}

export function buildOverview(say: Say, mc: ModelContext): OverviewRecord {
  return {
    lang: say.lang,
    summary: summary(say, mc),
    hosts: hosts(say, mc),
    conversations: [...mc.convs.values()].map((ctx) => ({ id: ctx.c.id, ...convLine(say, ctx) })),
    abnormal: abnormal(say, mc),
    teaching: teaching(say, mc),
  };
}
