/**
 * The explanation step: reads the finished model and adds `frames[].explain`, `story` and `overview`
 * in one language. Pure over the model (same capture → same text); renderers only read its result.
 */
import type { AnalysisModel } from '../analysis/model.js';
import type { Lang } from './catalog/types.js';
import { buildContext } from './context.js';
import { sayer } from './format.js';
import { explainFrames } from './frames.js';
import { buildOverview } from './overview.js';
import { buildStory } from './story.js';
import type { ExplainedModel } from './types.js';

export { ExplainDigest } from './digest.js';
export { DEFAULT_EXPLAIN_LINKS, ForwardLinks, StreamExplainer } from './stream.js';
export type { ExplainedModel, HostRecord, OverviewItem, OverviewRecord, RawRecord, StoryRecord } from './types.js';

export interface ExplainOptions {
  /** Explain every frame (default true); false for a digest of frames (see ExplainDigest). */
  frames?: boolean;
}

export function explainModel(model: AnalysisModel, lang: Lang = 'en', opts: ExplainOptions = {}): ExplainedModel {
  const names = model.capture.names?.length ? new Map(model.capture.names.map((h) => [h.address, h.name])) : undefined;
  const say = sayer(lang, names);
  const mc = buildContext(model);
  if (opts.frames !== false) explainFrames(say, mc);
  const m = model as ExplainedModel;
  m.story = buildStory(say, mc);
  m.overview = buildOverview(say, mc);
  return m;
}

/** True when the model already went through explainModel. */
export function isExplained(model: AnalysisModel): model is ExplainedModel {
  return (
    Array.isArray((model as Partial<ExplainedModel>).story) && (model as Partial<ExplainedModel>).overview !== undefined
  );
}
