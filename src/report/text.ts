/**
 * Text rendering: tables with cli-table3 on a terminal, plain aligned text when piped.
 * Renders the model only; it parses nothing.
 */
import Table from 'cli-table3';
import pc from 'picocolors';
import type { AnalysisModel, ConversationRecord, FrameRecord } from '../analysis/model.js';

export interface TextStyle {
  /** Draw box tables (a terminal) or plain columns (a pipe or file). */
  tty: boolean;
  color: boolean;
}

const LINKTYPE_NAMES: Readonly<Record<number, string>> = {
  0: 'BSD loopback',
  1: 'Ethernet',
  101: 'Raw IP',
  113: 'Linux cooked (SLL)',
  228: 'Raw IPv4',
  229: 'Raw IPv6',
  276: 'Linux cooked v2 (SLL2)',
};

function table(head: string[], rows: (string | number)[][], style: TextStyle): string {
  if (style.tty) {
    const t = new Table({
      head: style.color ? head.map((h) => pc.bold(h)) : head,
      style: style.color ? { head: [], border: ['grey'] } : { head: [], border: [] },
    });
    for (const r of rows) t.push(r.map(String));
    return t.toString();
  }
  const cells = [head, ...rows.map((r) => r.map(String))];
  const widths = head.map((_, i) => Math.max(...cells.map((r) => (r[i] ?? '').length)));
  return cells
    .map((r) =>
      r
        .map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i]!)))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}

/** The Protocol column: the innermost protocol, in Wireshark's upper-case spelling. */
export function protocolColumn(f: FrameRecord): string {
  const p = f.protocols[f.protocols.length - 1] ?? '';
  const map: Record<string, string> = { ip: 'IPv4', ipv6: 'IPv6', icmpv6: 'ICMPv6', eth: 'Ethernet', sll: 'SLL' };
  return map[p] ?? p.toUpperCase();
}

export function frameLine(f: FrameRecord): string {
  return `${String(f.n).padStart(6)} ${f.rel.toFixed(6).padStart(12)} ${f.src.padEnd(21)} ${f.dst.padEnd(21)} ${protocolColumn(f).padEnd(8)} ${String(f.len).padStart(5)} ${f.summary}`;
}

function ending(c: ConversationRecord): string {
  const by = c.close.by ? ` by ${c.close.by}` : '';
  switch (c.close.kind) {
    case 'fin':
      return `FIN${by}`;
    case 'rst':
      return `RST${by}`;
    case 'refused':
      return 'refused';
    case 'open':
      return 'open at end';
  }
}

export function renderCaptureHeader(m: AnalysisModel, style: TextStyle): string {
  const c = m.capture;
  const b = (s: string) => (style.color ? pc.bold(s) : s);
  const lines: string[] = [];
  lines.push(`${b('pcap-explain')} ${m.tool.version} — ${c.file}`);
  const fmt = c.format ? `${c.format}${c.compressed ? ' (gzip)' : ''}` : 'unknown format';
  const links = c.linktypes.map((l) => LINKTYPE_NAMES[l] ?? `linktype ${l}`).join(', ');
  lines.push(
    `Capture: ${fmt}, ${links || 'no interfaces'}, ${c.frames} frame${c.frames === 1 ? '' : 's'}, ${c.bytes} bytes`,
  );
  if (c.start) lines.push(`Time:    ${c.start} → ${c.end} (${c.duration.toFixed(3)} s)`);
  else lines.push('Time:    no packets in this capture');
  for (const cm of c.comments) lines.push(`Comment: ${cm}`);
  for (const w of c.warnings) {
    const s = `Warning: ${w.text} [${w.code}]`;
    lines.push(style.color ? pc.yellow(s) : s);
  }
  return lines.join('\n');
}

export function renderProtocolCounts(frames: readonly FrameRecord[] | undefined, counts?: Map<string, number>): string {
  const m = counts ?? new Map<string, number>();
  if (!counts && frames) for (const f of frames) for (const p of f.protocols) m.set(p, (m.get(p) ?? 0) + 1);
  if (m.size === 0) return '';
  return `Protocols: ${[...m].map(([p, n]) => `${p} ${n}`).join(', ')}`;
}

export function renderConversations(convs: readonly ConversationRecord[], style: TextStyle): string {
  if (convs.length === 0) return 'Conversations: none';
  const rows = convs.map((c) => [
    c.id,
    c.transport.toUpperCase(),
    c.client,
    c.server,
    `${c.packets.c2s}/${c.packets.s2c}`,
    `${c.bytes.c2s}/${c.bytes.s2c}`,
    `${c.first}-${c.last}`,
    c.handshake ? (c.handshake.ack !== null ? 'complete' : 'partial') : c.transport === 'tcp' ? 'not seen' : '-',
    c.transport === 'tcp' ? ending(c) : '-',
    c.state,
  ]);
  return `Conversations\n${table(
    ['#', 'Proto', 'Client', 'Server', 'Pkts c→s/s→c', 'Bytes c→s/s→c', 'Frames', 'Handshake', 'Ending', 'State'],
    rows,
    style,
  )}`;
}

export function renderNotesSummary(frames: readonly FrameRecord[]): string {
  const counts = new Map<string, { n: number; text: string; first: number }>();
  for (const f of frames) {
    for (const n of f.notes) {
      const e = counts.get(n.code);
      if (e) e.n++;
      else counts.set(n.code, { n: 1, text: n.text, first: f.n });
    }
  }
  if (counts.size === 0) return '';
  const lines = ['Notes'];
  for (const [code, e] of counts) lines.push(`  ${code} ×${e.n} (first in frame ${e.first}): ${e.text}`);
  return lines.join('\n');
}

export function renderText(m: AnalysisModel, style: TextStyle, opts: { frames?: boolean } = {}): string {
  const parts = [renderCaptureHeader(m, style)];
  const pcounts = renderProtocolCounts(m.frames);
  if (pcounts) parts.push(pcounts);
  parts.push(renderConversations(m.conversations, style));
  const notes = renderNotesSummary(m.frames);
  if (notes) parts.push(notes);
  if (opts.frames && m.frames.length) {
    parts.push(
      `Frames\n${'No.'.padStart(6)} ${'Time'.padStart(12)} ${'Source'.padEnd(21)} ${'Destination'.padEnd(21)} ${'Protocol'.padEnd(8)} ${'Len'.padStart(5)} Info\n${m.frames.map(frameLine).join('\n')}`,
    );
  }
  return `${parts.join('\n\n')}\n`;
}
