/**
 * Drives the dissectors over one frame: linktype → ethertype → ip.proto ..., collecting layers and notes.
 * One backstop try/catch per frame turns a dissector bug into an error note (tests assert it never fires).
 */
import { NOTE_SEVERITY, TABLES } from './registry.js';
import type { Dissection, FrameBuilder, Layer, Next, Note } from './types.js';

/** Guard against a dissector chain that loops (e.g. VLAN tag after VLAN tag forever). */
const MAX_LAYERS = 16;

class Builder implements FrameBuilder {
  readonly layers: Layer[] = [];
  readonly notes: Note[] = [];
  truncated = false;
  payloadOffset = -1;
  payloadLength = 0;
  net?: { version: 4 | 6; src: string; dst: string };

  note(code: string, params?: Record<string, string | number>, offset?: number, length?: number): void {
    const severity = NOTE_SEVERITY.get(code) ?? 'error';
    const n: Note = { code, severity };
    if (params) n.params = params;
    if (offset !== undefined) n.offset = offset;
    if (length !== undefined) n.length = length;
    this.notes.push(n);
  }

  markTruncated(): void {
    this.truncated = true;
  }

  setPayload(offset: number, length: number): void {
    this.payloadOffset = offset;
    this.payloadLength = length;
  }
}

export function dissectFrame(data: Uint8Array, linktype: number): Dissection {
  const f = new Builder();
  let next: Next | undefined = { table: 'linktype', key: linktype, off: 0, end: data.length };
  try {
    let depth = 0;
    while (next) {
      if (++depth > MAX_LAYERS) {
        f.note('frame.dissector_bug', { reason: 'too many nested layers' });
        break;
      }
      const def = TABLES[next.table].get(next.key);
      if (!def) {
        const length = Math.max(0, next.end - next.off);
        f.layers.push({ kind: 'unknown', table: next.table, key: next.key, length });
        if (next.table === 'linktype') f.note('frame.linktype.unknown', { linktype: next.key });
        if (f.payloadOffset < 0) f.setPayload(next.off, length);
        break;
      }
      const cur: Next = next;
      next = def.dissect(data, cur.off, cur.end, f);
    }
  } catch (err) {
    f.note('frame.dissector_bug', { reason: err instanceof Error ? err.message : String(err) });
  }
  if (f.payloadOffset < 0) f.payloadOffset = data.length;
  const d: Dissection = {
    layers: f.layers,
    notes: f.notes,
    truncated: f.truncated,
    payloadOffset: f.payloadOffset,
    payloadLength: f.payloadLength,
  };
  if (f.net) d.net = f.net;
  return d;
}
