/**
 * The one type for data that really is arbitrary JSON: a check spec parsed from YAML, a golden snapshot,
 * a model value a check compares, an answer of Docker's API, a names file. Everything whose shape is known
 * has its own type; this one is for what is read before it is known, narrowed with the guards below
 * instead of casts.
 *
 * A key whose value is `undefined` counts as absent (JSON.stringify leaves it out), so reading any key of
 * a `JsonObject` gives `Json | undefined`, also where the object is an in-memory model record.
 */
export type Json = null | boolean | number | string | readonly Json[] | JsonObject;

/** A JSON object (a YAML mapping): the project's only open index signature. */
export interface JsonObject {
  readonly [key: string]: Json | undefined;
}

/** An object that is neither null nor an array: a JSON object, a YAML mapping, a model record. */
export function isJsonObject(v: unknown): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** An array (of JSON values). */
export function isJsonArray(v: unknown): v is readonly Json[] {
  return Array.isArray(v);
}
