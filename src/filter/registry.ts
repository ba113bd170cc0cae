/**
 * The one list of display-filter fields: each layer's table, in layer order; the application protocols'
 * tables come from their modules (src/protocols/registry.ts).
 */
import { allModules } from '../protocols/registry.js';
import { FRAME_FIELDS } from './fields/frame.js';
import { ICMP_FIELDS, IP_FIELDS, IPV6_FIELDS } from './fields/ip.js';
import { ARP_FIELDS, ETH_FIELDS, SLL_FIELDS } from './fields/link.js';
import { PE_FIELDS } from './fields/pe.js';
import { TCP_FIELDS, UDP_FIELDS } from './fields/transport.js';
import type { FieldDef, FieldTable } from './types.js';

export const FIELD_TABLES: readonly FieldTable[] = [
  FRAME_FIELDS,
  ETH_FIELDS,
  SLL_FIELDS,
  ARP_FIELDS,
  IP_FIELDS,
  IPV6_FIELDS,
  ICMP_FIELDS,
  TCP_FIELDS,
  UDP_FIELDS,
  ...allModules().map((p) => p.fields),
  PE_FIELDS,
];

function index(tables: readonly FieldTable[]): ReadonlyMap<string, FieldDef> {
  const m = new Map<string, FieldDef>();
  for (const t of tables) {
    for (const f of t.fields) {
      // a collision is a programming error: two tables claim one name
      if (m.has(f.name)) throw new Error(`display-filter field ${f.name} is defined twice`);
      m.set(f.name, f);
    }
  }
  return m;
}

export const FIELDS: ReadonlyMap<string, FieldDef> = index(FIELD_TABLES);

export function fieldDef(name: string): FieldDef | undefined {
  return FIELDS.get(name);
}
