/**
 * Renderings for live capture: one line per event (piped output, `| tee log.txt`), the same events as
 * JSON Lines records, the live terminal view redrawn in place a few times a second, and the interface
 * list of `pcap-explain interfaces`. Every sentence and label comes from the catalogues.
 */
import picocolors from 'picocolors';

import { appLabel, type LiveEvent, liveState } from '../analysis/events.js';
import type { ConversationRecord } from '../analysis/model.js';
import type { NetInterface } from '../capture/interfaces.js';
import { ellipsize, type HostNames, nameAddr, sayer } from '../explain/format.js';
import { type Lang, text } from '../explain/text.js';

/** Colours always on: the caller already decided (an explicit --color wins over NO_COLOR, which picocolors' default honours). */
const pc = picocolors.createColors(true);

/** The event's sentence; with `names`, named hosts read 'zmq-req (172.18.0.3:54624)'. */
export function eventText(ev: LiveEvent, lang: Lang, names?: HostNames): string {
  return names?.size ? sayer(lang, names)(ev.code, ev.params) : text(ev.code, ev.params, lang);
}

function paint(ev: LiveEvent, s: string): string {
  switch (ev.kind) {
    case 'connection':
      return pc.cyan(s);
    case 'handshake':
      return pc.green(s);
    case 'pair':
      return pc.magenta(s);
    case 'ending':
      return ev.code === 'live.event.ending.fin' ? pc.yellow(s) : pc.red(s);
    case 'message':
    case 'data':
      return s;
  }
}

/** Seconds since the first frame, as the event lines show it ("   12.345"). */
function relColumn(rel: number): string {
  return rel.toFixed(3).padStart(9);
}

/** One explained line per event: "    1.234  #2  text". */
export function eventLine(ev: LiveEvent, lang: Lang, color: boolean, names?: HostNames): string {
  const head = `${relColumn(ev.rel)}  #${ev.conversation}`.padEnd(15);
  const body = eventText(ev, lang, names);
  return `${color ? pc.dim(head) : head} ${color ? paint(ev, body) : body}`;
}

/** The JSON Lines record of an event (`--format jsonl`): the event and its text. */
export interface LiveEventRecord extends LiveEvent {
  type: 'event';
  text: string;
}

/** The JSON Lines record of an event (`--format jsonl`). */
export function eventRecord(ev: LiveEvent, lang: Lang, names?: HostNames): LiveEventRecord {
  return {
    type: 'event',
    kind: ev.kind,
    code: ev.code,
    frame: ev.frame,
    ts: ev.ts,
    rel: ev.rel,
    conversation: ev.conversation,
    params: ev.params,
    text: eventText(ev, lang, names),
  };
}

/* ------------------------------------------------------------------------------------------------ */

export interface LiveViewState {
  ifaces: readonly string[];
  tool: string;
  elapsed: number;
  packets: number;
  dropped: number | null;
  conversations: readonly ConversationRecord[];
  messages: (id: number) => number;
  events: readonly LiveEvent[];
  /** Names of hosts (Docker's containers), when known. */
  names?: HostNames;
}

export interface Screen {
  write(s: string): unknown;
  columns?: number;
  rows?: number;
}

function columns(rows: string[][], widths: number[]): string[] {
  return rows.map((r) =>
    r
      .map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i]!)))
      .join('  ')
      .trimEnd(),
  );
}

/** The live view as lines of plain text (colour added per line by the caller); pure, for tests. */
export function liveViewLines(st: LiveViewState, lang: Lang, width: number, height: number): string[] {
  const t = (code: string, p?: Record<string, string | number>): string => text(code, p, lang);
  const lines: string[] = [];
  lines.push(t('live.view.title', { ifaces: st.ifaces.join(', '), tool: st.tool }));
  lines.push(
    t('live.view.status', {
      elapsed: st.elapsed.toFixed(1),
      packets: st.packets,
      dropped: st.dropped ?? '?',
      conversations: st.conversations.length,
    }),
  );
  lines.push('');
  const evCount = Math.min(st.events.length, Math.max(3, Math.floor((height - 8) / 3)));
  // Rows left for conversations: title, status, blank, heading, column header, blank, events heading,
  // events, blank, hint.
  const convRoom = Math.max(1, height - 9 - Math.max(evCount, 1));
  if (st.conversations.length === 0) lines.push(t('live.view.waiting'));
  else {
    lines.push(t('live.view.conversations'));
    const head = [
      '#',
      t('live.view.col.proto'),
      t('live.view.col.client'),
      t('live.view.col.server'),
      t('live.view.col.app'),
      t('live.view.col.state'),
      t('live.view.col.packets'),
      t('live.view.col.messages'),
    ];
    // Most recent activity first when they do not all fit.
    let convs = [...st.conversations];
    let hidden = 0;
    if (convs.length > convRoom) {
      convs.sort((a, b) => b.last - a.last);
      hidden = convs.length - (convRoom - 1);
      convs = convs.slice(0, convRoom - 1).sort((a, b) => a.id - b.id);
    }
    const rows = convs.map((c) => [
      String(c.id),
      c.transport.toUpperCase(),
      st.names ? nameAddr(c.client, st.names) : c.client,
      st.names ? nameAddr(c.server, st.names) : c.server,
      appLabel(c) ?? '-',
      t(`live.state.${liveState(c)}`),
      String(c.packets.c2s + c.packets.s2c),
      String(st.messages(c.id)),
    ]);
    const all = [head, ...rows];
    const widths = head.map((_, i) => Math.max(...all.map((r) => [...(r[i] ?? '')].length)));
    lines.push(...columns(all, widths).map((l) => ` ${l}`));
    if (hidden > 0) lines.push(` ${t('live.view.more', { count: hidden })}`);
  }
  lines.push('');
  lines.push(t('live.view.events'));
  for (const ev of st.events.slice(-evCount))
    lines.push(`${relColumn(ev.rel)}  #${ev.conversation}  ${eventText(ev, lang, st.names)}`);
  lines.push('');
  lines.push(t('live.view.hint'));
  return lines.map((l) => ellipsize(l, width)); // plain text: colour is added after
}

/**
 * The live view on a terminal: redrawn in place (cursor up, clear to the end of the screen), never
 * taller than the terminal so the redraw never scrolls.
 */
export class LiveView {
  private drawn = 0;

  constructor(
    private readonly screen: Screen,
    private readonly lang: Lang,
    private readonly color: boolean,
  ) {}

  draw(st: LiveViewState): void {
    const width = Math.max(40, (this.screen.columns ?? 100) - 1);
    const height = Math.max(12, (this.screen.rows ?? 30) - 1);
    const lines = liveViewLines(st, this.lang, width, height).slice(0, height);
    const styled = this.color
      ? lines.map((l, i) => (i === 0 ? pc.bold(l) : i === 1 || i === lines.length - 1 ? pc.dim(l) : l))
      : lines;
    const up = this.drawn > 0 ? `\x1b[${this.drawn}A\r` : '\x1b[?25l';
    this.screen.write(`${up}\x1b[J${styled.join('\n')}\n`);
    this.drawn = lines.length;
  }

  /** Erases the view and shows the cursor again (the report is printed in its place). */
  clear(): void {
    const up = this.drawn > 0 ? `\x1b[${this.drawn}A\r` : '';
    this.screen.write(`${up}\x1b[J\x1b[?25h`);
    this.drawn = 0;
  }
}

/* ------------------------------------------------------------------------------------------------ */

function addresses(i: NetInterface): string {
  return i.addresses.map((a) => `${a.address}/${a.prefixlen}`).join(' ');
}

/**
 * `pcap-explain interfaces` as text: every interface, each bridge followed by the interfaces attached
 * to it (indented), Docker bridges and their veths marked, and how to capture the Docker bridge.
 */
/**
 * `containers`: the container behind each veth, where Docker and the bridge's forwarding database tell it.
 * `networks`: what Docker says beside each of its bridges ("lab_default, compose project lab: zmq-rep, zmq-req"),
 * by bridge name, when its API could be read.
 */
export function renderInterfaces(
  list: readonly NetInterface[],
  lang: Lang,
  color: boolean,
  networks?: ReadonlyMap<string, string>,
  containers?: ReadonlyMap<string, string>,
): string {
  const t = (code: string, p?: Record<string, string | number>): string => text(code, p, lang);
  const byName = new Map(list.map((i) => [i.name, i]));
  const ordered: Array<{ i: NetInterface; depth: number }> = [];
  const seen = new Set<string>();
  for (const i of list) {
    if (i.master && byName.has(i.master)) continue; // listed under its bridge
    ordered.push({ i, depth: 0 });
    seen.add(i.name);
    for (const name of i.attached) {
      const a = byName.get(name);
      if (a && !seen.has(name)) {
        ordered.push({ i: a, depth: 1 });
        seen.add(name);
      }
    }
  }
  for (const i of list) if (!seen.has(i.name)) ordered.push({ i, depth: 0 });

  const docker = (i: NetInterface): string => {
    if (i.dockerBridge) {
      const net = networks?.get(i.name);
      const b = t('iface.docker.bridge', { count: i.attached.length });
      return net ? `${b}: ${net}` : b;
    }
    const m = i.master ? byName.get(i.master) : undefined;
    if (m?.dockerBridge && i.kind === 'veth') {
      const c = containers?.get(i.name);
      return c
        ? t('iface.docker.veth.container', { bridge: m.name, container: c })
        : t('iface.docker.veth', { bridge: m.name });
    }
    if (i.master) return t('iface.attached', { bridge: i.master });
    return '';
  };
  const head = [
    t('iface.col.name'),
    t('iface.col.state'),
    t('iface.col.kind'),
    t('iface.col.addresses'),
    t('iface.col.mac'),
    t('iface.col.docker'),
  ];
  const rows = ordered.map(({ i, depth }) => [
    `${depth ? '  └ ' : ''}${i.name}`,
    i.operstate,
    t(`iface.kind.${i.kind}`),
    addresses(i),
    i.mac ?? '',
    docker(i),
  ]);
  const all = [head, ...rows];
  const widths = head.map((_, k) => Math.max(...all.map((r) => [...(r[k] ?? '')].length)));
  const lines = columns(all, widths);
  if (color) {
    lines[0] = pc.bold(lines[0]!);
    ordered.forEach(({ i }, k) => {
      if (i.dockerBridge) lines[k + 1] = pc.cyan(lines[k + 1]!);
    });
  }
  // a bridge with no veth carries nothing (an idle docker0): it is never the one to watch
  const bridges = list.filter((i) => i.dockerBridge && i.attached.length > 0);
  const hint = bridges.length
    ? t('iface.hint', { bridge: [...bridges].sort((a, b) => b.attached.length - a.attached.length)[0]!.name })
    : t('iface.hint.none');
  return `${lines.join('\n')}\n\n${hint}\n`;
}
