/**
 * What the explanation step adds to the JSON model (issue 5): `frames[].explain`, `story`, `overview`.
 * Every text here comes from a catalogue entry (`code` + params), in the model's language.
 */
import type { AnalysisModel } from '../analysis/model.js';
import type { Lang } from './catalog/types.js';

/** One phase of the capture's story, over a frame range, for one conversation (null: ARP and other traffic). */
export interface StoryRecord {
  frames: [number, number];
  conversation: number | null;
  /** The phase's event code (story.*), stable across languages. */
  code: string;
  text: string;
}

export interface HostRecord {
  ip: string;
  /** The host's name (a container's, from the capture's names or `--names`). */
  name?: string;
  mac?: string;
  /** Role codes (role.*) in order of first appearance. */
  roles: string[];
  /** The roles as one sentence: "ZeroMQ REP server on :5555". */
  text: string;
}

export interface OverviewItem {
  code: string;
  text: string;
  frames?: number[];
  conversation?: number;
}

export interface OverviewRecord {
  lang: Lang;
  /** One or two sentences: what the capture holds. */
  summary: string;
  hosts: HostRecord[];
  conversations: Array<{ id: number; code: string; text: string }>;
  /** What deserves a second look (refused connections, RSTs, retransmissions, error notes...). */
  abnormal: OverviewItem[];
  /** Teaching notes shown because the capture shows the case. */
  teaching: OverviewItem[];
}

/** Raw bytes of a frame and where each layer starts (only with `keepRaw`, for the HTML hexdump). */
export interface RawRecord {
  /** The captured bytes, base64. */
  bytes: string;
  layers: Array<{ name: string; offset: number; length: number }>;
}

export interface ExplainedModel extends AnalysisModel {
  story: StoryRecord[];
  overview: OverviewRecord;
}
