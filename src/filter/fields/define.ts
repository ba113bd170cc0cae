import {
  type AppEntry,
  type AppName,
  type CarriedMessage,
  type MessageOf,
  type SegmentEntry,
  typedCarried,
  typedEntry,
  typedMessage,
} from '../../protocols/model.js';
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

/** The frame entries of protocol P that complete an element (typed: src/protocols/<name>/model.ts). */
export type EntryOf<P extends AppName> = Exclude<Extract<AppEntry, { proto: P }>, SegmentEntry>;

/** The application entries of one protocol that the frame completed (segments of a longer PDU excluded). */
export function entries<P extends AppName>(v: FrameView, proto: P): EntryOf<P>[] {
  const out: EntryOf<P>[] = [];
  for (const e of v.f.app ?? []) if (e.proto === proto && e.kind !== 'segment') out.push(typedEntry(e) as EntryOf<P>);
  return out;
}

/** Whether the frame completed an element of this application protocol. */
export function hasApp(v: FrameView, proto: string): boolean {
  for (const e of v.f.app ?? []) if (e.proto === proto && e.kind !== 'segment') return true;
  return false;
}

/** The full message records of one protocol the frame completed (FrameView.msgs). */
export function messages<P extends AppName>(v: FrameView, proto: P): MessageOf<P>[] {
  const out: MessageOf<P>[] = [];
  for (const m of v.msgs) if (m.proto === proto) out.push(typedMessage(m) as MessageOf<P>);
  return out;
}

/** The records of a carried protocol (an application on HTTP) in the messages the frame completed: their `carried`. */
export function carried<P extends CarriedMessage['proto']>(
  v: FrameView,
  proto: P,
): Extract<CarriedMessage, { proto: P }>[] {
  const out: Extract<CarriedMessage, { proto: P }>[] = [];
  for (const m of v.msgs) {
    const t = typedMessage(m);
    const c = 'carried' in t ? t.carried : undefined;
    if (c?.proto === proto) out.push(typedCarried(c) as Extract<CarriedMessage, { proto: P }>);
  }
  return out;
}

/** Pushes every defined field `key` of the items, which may lack it (a list value pushes each element). */
export function pushEach(items: readonly object[], key: string, out: Value[]): void {
  for (const it of items) {
    const x: unknown = key in it ? Reflect.get(it, key) : undefined;
    if (typeof x === 'number' || typeof x === 'string') out.push(x);
    else if (typeof x === 'boolean') out.push(x ? 1 : 0);
    else if (Array.isArray(x)) for (const y of x) if (typeof y === 'number' || typeof y === 'string') out.push(y);
  }
}
