/**
 * Logical clocks in plain data (the course's Lamport lab: JSON messages {"message", "balance", "timestamp"}
 * over TCP): a message whose bytes are one JSON object with an integer field named like a clock
 * (`timestamp`, `clock`, `lamport…`, `logical_clock`), sent by both sides, carries its sender's Lamport
 * clock. Lamport's rule: a process adds 1 to its clock before it sends, and on receiving a message sets its
 * clock to max(its own, the received timestamp) + 1; so a value sent after a receipt of r is at least r + 2.
 * Facts only (no text): the words (words.ts) tell them.
 */
import type { AppPayloadRecord } from '../../analysis/model.js';

const CLOCK_NAME = /^(timestamp|clock|lamport\w*|logical_?clock|lamport_?time)$/i;
/** Larger integers are wall-clock times (seconds since 1970…), not a count of events. */
const MAX_CLOCK = 1_000_000;

/** The fields of a payload that is one JSON object of scalar values (the order as sent), else undefined. */
export function jsonFields(p: AppPayloadRecord | undefined): [string, string | number | boolean | null][] | undefined {
  if (p?.encoding !== 'json' || p.captured !== undefined) return undefined;
  const v = p.value;
  if (v === null || typeof v !== 'object' || Array.isArray(v)) return undefined;
  const out: [string, string | number | boolean | null][] = [];
  for (const [k, x] of Object.entries(v)) {
    if (x !== null && typeof x === 'object') return undefined;
    out.push([k, x as string | number | boolean | null]);
  }
  return out.length > 0 ? out : undefined;
}

/** The clock-named integer field of a payload (`timestamp: 3`), else undefined. */
export function clockOf(p: AppPayloadRecord | undefined): { field: string; value: number } | undefined {
  for (const [k, x] of jsonFields(p) ?? [])
    if (CLOCK_NAME.test(k) && typeof x === 'number' && Number.isInteger(x) && x >= 0 && x < MAX_CLOCK)
      return { field: k, value: x };
  return undefined;
}

/** One message carrying the clock: its frame, sender, value, and the value it had received since its own last send. */
export interface ClockStep {
  frame: number;
  dir: 'c2s' | 's2c';
  value: number;
  received?: { value: number; frame: number };
}

/**
 * The clock values of a conversation's messages in order, when both sides send the same clock field;
 * else undefined. `pending`: the last value each side received and has not answered with a message.
 */
export function clockSteps(
  msgs: readonly { frame: number; dir: 'c2s' | 's2c'; payload?: AppPayloadRecord }[],
):
  | { field: string; steps: ClockStep[]; pending: Partial<Record<'c2s' | 's2c', { value: number; frame: number }>> }
  | undefined {
  let field: string | undefined;
  const steps: ClockStep[] = [];
  const pending: Partial<Record<'c2s' | 's2c', { value: number; frame: number }>> = {};
  for (const m of msgs) {
    const c = clockOf(m.payload);
    if (!c) continue;
    if (field === undefined) field = c.field;
    else if (c.field !== field) return undefined;
    const step: ClockStep = { frame: m.frame, dir: m.dir, value: c.value };
    const r = pending[m.dir];
    if (r) step.received = r;
    delete pending[m.dir];
    pending[m.dir === 'c2s' ? 's2c' : 'c2s'] = { value: c.value, frame: m.frame };
    steps.push(step);
  }
  if (field === undefined || !steps.some((s) => s.dir === 'c2s') || !steps.some((s) => s.dir === 's2c'))
    return undefined;
  return { field, steps, pending };
}
