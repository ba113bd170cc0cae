/**
 * Dissector tables (Wireshark's architecture): each dissector declares the tables and keys it
 * registers under; a parent only names the table and key of what comes next and never imports a child.
 * This module is the composition root that collects every dissector's declaration.
 */
import { defs as arp } from './arp.js';
import { defs as ethernet } from './ethernet.js';
import { defs as icmp } from './icmp.js';
import { defs as icmpv6 } from './icmpv6.js';
import { defs as igmp } from './igmp.js';
import { defs as ipv4 } from './ipv4.js';
import { defs as ipv6 } from './ipv6.js';
import { defs as nullLoop } from './null.js';
import { defs as raw } from './raw.js';
import { defs as sll } from './sll.js';
import { defs as tcp } from './tcp.js';
import type { DissectorDef, FieldBytes, Severity, TableName } from './types.js';
import { defs as udp } from './udp.js';

export const DISSECTORS: readonly DissectorDef[] = [
  ...ethernet,
  ...sll,
  ...nullLoop,
  ...raw,
  ...arp,
  ...ipv4,
  ...ipv6,
  ...icmp,
  ...icmpv6,
  ...igmp,
  ...udp,
  ...tcp,
];

export const TABLES: Record<TableName, Map<number, DissectorDef>> = {
  linktype: new Map(),
  ethertype: new Map(),
  'ip.proto': new Map(),
  'null.family': new Map(),
};

/** Every note code any layer can emit, with its severity (frame-level codes included). */
export const NOTE_SEVERITY = new Map<string, Severity>([
  ['frame.truncated', 'warn'],
  ['frame.linktype.unknown', 'note'],
  ['frame.dissector_bug', 'error'],
]);

for (const d of DISSECTORS) {
  for (const r of d.registrations) {
    const prev = TABLES[r.table].get(r.key);
    if (prev && prev !== d)
      throw new Error(`dissector table ${r.table}: key ${r.key} taken by ${prev.name} and ${d.name}`);
    TABLES[r.table].set(r.key, d);
  }
  for (const [code, sev] of Object.entries(d.notes)) NOTE_SEVERITY.set(code, sev);
}

/**
 * The field byte table of the dissector that made a layer, by the layer's name and header length (the one
 * name with two dissectors, SLL: v2's header is 20 bytes, v1's 16).
 */
export function fieldBytes(name: string, headerLength: number): FieldBytes | undefined {
  if (name === 'sll') return TABLES.linktype.get(headerLength === 20 ? 276 : 113)?.fields;
  return DISSECTORS.find((d) => d.name === name)?.fields;
}
