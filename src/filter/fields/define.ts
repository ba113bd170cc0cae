/** Small constructors for field definitions, so that each protocol's table reads as a list. */
import type { AppFrameEntry, AppMessageRecord, CarriedRecord } from '../../analysis/model.js';
import type { FieldDef, FieldType, FrameView, Value } from '../types.js';

type One<T> = (v: FrameView) => T | undefined;

/** A field with at most one occurrence, read by `read` (undefined: absent). */
export function one<T extends Value>(
  name: string,
  type: FieldType,
  describe: string,
  read: One<T>,
  extra: Partial<Pick<FieldDef, 'hex' | 'decimals'>> = {},
): FieldDef {
  return {
    name,
    type,
    describe,
    ...extra,
    get: (v, out) => {
      const x = read(v);
      if (x !== undefined) out.push(x);
    },
  };
}

/** A field with any number of occurrences. */
export function many(
  name: string,
  type: FieldType,
  describe: string,
  get: FieldDef['get'],
  extra: Partial<Pick<FieldDef, 'hex' | 'decimals'>> = {},
): FieldDef {
  return { name, type, describe, ...extra, get };
}

/** A protocol or a flag: present (one occurrence, 1) when `has` says so. */
export function flag(
  name: string,
  type: 'protocol' | 'none',
  describe: string,
  has: (v: FrameView) => boolean,
  shown?: string,
): FieldDef {
  return {
    name,
    type,
    describe,
    ...(shown !== undefined ? { shown } : {}),
    get: (v, out) => {
      if (has(v)) out.push(1);
    },
  };
}

/** A bit of a number field as a boolean (present whenever the number is). */
export function bit(name: string, describe: string, read: One<number>, mask: number): FieldDef {
  return one(name, 'bool', describe, (v) => {
    const x = read(v);
    return x === undefined ? undefined : x & mask ? 1 : 0;
  });
}

/**
 * A record's fields by name, for the field tables that read them by name (the typed variants are in
 * src/protocols/<name>/model.ts; until the tables move beside them, they read the records loosely).
 */
type Loose<T> = T & { readonly [field: string]: unknown };

/** The application entries of one protocol that the frame completed (segments of a longer PDU excluded). */
export function entries(v: FrameView, proto: string): Loose<AppFrameEntry>[] {
  const out: Loose<AppFrameEntry>[] = [];
  for (const e of v.f.app ?? []) if (e.proto === proto && e.kind !== 'segment') out.push(e as Loose<AppFrameEntry>);
  return out;
}

/** Whether the frame completed an element of this application protocol. */
export function hasApp(v: FrameView, proto: string): boolean {
  for (const e of v.f.app ?? []) if (e.proto === proto && e.kind !== 'segment') return true;
  return false;
}

/** The full message records of one protocol the frame completed (FrameView.msgs). */
export function messages(v: FrameView, proto: string): Loose<AppMessageRecord>[] {
  const out: Loose<AppMessageRecord>[] = [];
  for (const m of v.msgs) if (m.proto === proto) out.push(m as Loose<AppMessageRecord>);
  return out;
}

/**
 * The records of a carried protocol (an application on HTTP) in the messages the frame completed: each
 * message's `carried` of that protocol.
 */
export function carried<R extends CarriedRecord>(v: FrameView, proto: R['proto']): R[] {
  const out: R[] = [];
  for (const m of v.msgs) {
    const c = (m as Loose<AppMessageRecord>).carried as CarriedRecord | undefined;
    // (the carried protocol's reader is the only writer of records with its name)
    if (c && c.proto === proto) out.push(c as R);
  }
  return out;
}

/** Pushes every defined `key` of the items (a list value pushes each element). */
export function pushEach<T extends object>(items: readonly T[], key: keyof T, out: Value[]): void {
  for (const it of items) {
    const x: unknown = it[key];
    if (typeof x === 'number' || typeof x === 'string') out.push(x);
    else if (typeof x === 'boolean') out.push(x ? 1 : 0);
    else if (Array.isArray(x)) for (const y of x) if (typeof y === 'number' || typeof y === 'string') out.push(y);
  }
}
