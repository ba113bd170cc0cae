/**
 * The explanation step: reads the finished model and adds `frames[].explain`, `story` and `overview`
 * in one language. Pure over the model (same capture → same text); renderers only read its result.
 */
import type { AnalysisModel, ConversationRecord, FrameRecord } from '../analysis/model.js';
import type { Lang } from './catalog/types.js';
import { buildContext, type FrameConv, streamConv } from './context.js';
import { sayer } from './format.js';
import { explainFrames, FrameExplainer } from './frames.js';
import { buildOverview } from './overview.js';
import { buildStory } from './story.js';
import type { ExplainedModel } from './types.js';

export { ExplainDigest } from './digest.js';
export type { ExplainedModel, HostRecord, OverviewItem, OverviewRecord, RawRecord, StoryRecord } from './types.js';

export interface ExplainOptions {
  /** Explain every frame (default true); false for a digest of frames (see ExplainDigest). */
  frames?: boolean;
}

export function explainModel(model: AnalysisModel, lang: Lang = 'en', opts: ExplainOptions = {}): ExplainedModel {
  const say = sayer(lang);
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

/**
 * Explains frames as they stream past (a second pass over the capture), from the conversation records of
 * a first pass: the same text as explainModel gives the whole model's frames, with no frame kept. A
 * conversation's context is made at its first frame and dropped after its last.
 */
export class StreamExplainer {
  private readonly records = new Map<number, ConversationRecord>();
  private readonly contexts = new Map<number, FrameConv>();
  private readonly ex: FrameExplainer;

  constructor(conversations: readonly ConversationRecord[], lang: Lang = 'en') {
    for (const c of conversations) this.records.set(c.id, c);
    this.ex = new FrameExplainer(
      sayer(lang),
      (id) => this.context(id),
      (id) => this.contexts.delete(id),
    );
  }

  private context(id: number): FrameConv | undefined {
    let ctx = this.contexts.get(id);
    if (!ctx) {
      const c = this.records.get(id);
      if (!c) return undefined;
      ctx = streamConv(c);
      this.contexts.set(id, ctx);
    }
    return ctx;
  }

  /** Sets `f.explain`; frames must come in frame order. */
  explain(f: FrameRecord): void {
    f.explain = this.ex.explain(f);
  }

  /** Conversation contexts held now (at most the conversations open at the current frame). */
  get held(): number {
    return this.contexts.size;
  }
}
