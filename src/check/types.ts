/**
 * Shapes of a check spec (docs/check.md, schema/check-spec.schema.json) and of a check report.
 *
 * A spec states expectations over the JSON model (docs/json.md). Every expectation is evaluated to one
 * `CheckResult` with the expected and the actual value side by side and the frames involved.
 */
import type { Json, JsonObject } from '../json.js';

/**
 * A value to compare a model field with (docs/check.md, "Matching values"):
 * a scalar (equality; a string written `/re/flags` is a regular expression), an array (element-wise),
 * an operator object (`{min: 1, max: 3}`, `{not: rst}`, `{regex: "^a"}`, ...) or a partial object whose
 * keys are (dotted) field paths.
 */
export type Matcher = Json;

/** Quantifiers on a selection: exact `count`, or a `min`/`max` range. */
export type Quantifier = {
  count?: number;
  min?: number;
  max?: number;
};

/** A token of an `absent:`/`present:` list, or its counted object form. */
export type Token = string | ({ what: string } & Quantifier);

/** Messages of a conversation that satisfy every filter key; the quantifier counts them (default min 1). */
export type MessageExpectation = Quantifier & JsonObject;

/** Every key besides the ones named here is a fact: a (dotted) field path of the conversation and its matcher. */
export interface ConversationExpectation extends Quantifier, JsonObject {
  /** Label used in the output instead of the selector. */
  name?: string;
  /** Selects conversations; every key must hold (same facts as below). Without it: every conversation. */
  match?: Record<string, Matcher>;
  handshake?: 'complete' | 'partial' | 'none' | Matcher;
  close?: 'fin' | 'rst' | 'refused' | 'open' | Matcher;
  messages?: MessageExpectation | MessageExpectation[];
  absent?: Token[];
  present?: Token[];
}

/** Every key besides the ones named here is a fact: a (dotted) field path of the frame and its matcher. */
export interface FrameExpectation extends Quantifier, JsonObject {
  name?: string;
  /** Frame number, or a matcher on it (`{min: 3, max: 5}`, `[3, 4, 5]` is a list of frames). */
  n?: number | number[] | Matcher;
  /** A Wireshark display filter (docs/filters.md) that selects frames, like `match`. */
  filter?: string;
  match?: Record<string, Matcher>;
  absent?: Token[];
  present?: Token[];
}

export interface CheckSpec {
  /** Optional editor hint, ignored. */
  $schema?: string;
  /** Name of the suite in reports (default: the spec file name). */
  name?: string;
  description?: string;
  /** Facts about `capture` (any field path), plus `conversations` (the number of conversations). */
  capture?: Record<string, Matcher>;
  /** Facts about any path of the whole model (`story.length`, `tool.name`, ...). */
  model?: Record<string, Matcher>;
  conversations?: ConversationExpectation[];
  frames?: FrameExpectation[];
  absent?: Token[];
  present?: Token[];
}

/** One evaluated expectation. */
export interface CheckResult {
  /** Stable id inside the spec: `conversations[0].close`, `absent[1]`, `golden`. */
  id: string;
  /** Suite the result belongs to: the spec's name or `golden <file>`. */
  suite: string;
  /** Human label: `conversations[0] {server: :5555} › close`. */
  name: string;
  ok: boolean;
  /** The expectation as written (rendered compactly). */
  expected: string;
  /** What the capture holds (rendered compactly). */
  actual: string;
  /** Frames involved (the frames that show the actual value, or the offending frames). */
  frames: number[];
  /** Conversation ids involved. */
  conversations?: number[];
  /** Extra lines explaining a failure (e.g. how many messages each filter kept, golden differences). */
  details?: string[];
  /** For golden comparisons: every difference found. */
  diff?: SnapshotDifference[];
}

export interface SnapshotDifference {
  /** Path in the snapshot, e.g. `conversations[0].close.kind`, `frames.length`. */
  path: string;
  expected: unknown;
  actual: unknown;
}

export interface CheckReport {
  /** Report format id. */
  schema: 'pcap-explain-check/1';
  /** Capture file as given. */
  capture: string;
  /** Spec and golden sources evaluated (file names, or "(inline)"). */
  sources: string[];
  ok: boolean;
  total: number;
  passed: number;
  failed: number;
  /** The capture was damaged (cut short or garbage after valid records). */
  damaged: boolean;
  /** A spec stated `capture: {damaged: true}` and it held: damage is then not an error. */
  damage_expected: boolean;
  /** The exit code the CLI returns: 0 all hold, 3 some fail, 2 damaged capture (unless expected). */
  exit: 0 | 2 | 3;
  results: CheckResult[];
  /** One line per failed expectation (handy in `expect(report.failures).toEqual([])`). */
  failures: string[];
}
