import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import type { AnalysisModel, FoldedConversations } from '../../src/analysis/model.js';
import { AnalysisSession } from '../../src/analyze.js';
import { readCaptureBytes } from '../../src/capture/reader.js';
import type { Lang } from '../../src/explain/catalog/types.js';
import { ExplainDigest } from '../../src/explain/digest.js';
import { explainModel } from '../../src/explain/index.js';
import { sayer } from '../../src/report/common.js';
import { ConversationFold } from '../../src/report/fold.js';
import { renderTextReport } from '../../src/report/text.js';
import { FIXTURES } from './fixtures.js';

/**
 * The text summary of fixture `name` as `analyze F` makes it (a digest of the frames it tells), with the
 * CLI's fold of retired conversations or with every record kept; and the model it was told from.
 */
export function textSummary(name: string, lang: Lang, fold: boolean): { text: string; model: AnalysisModel } {
  const digest = new ExplainDigest();
  const f = fold ? new ConversationFold(digest, sayer(lang)) : undefined;
  const s = new AnalysisSession({
    lang,
    keepFrames: false,
    explain: false,
    onFrame: (r) => digest.push(r),
    wantFrame: digest.want.bind(digest),
    ...(f ? { fold: f.offer.bind(f) } : {}),
  });
  const res = readCaptureBytes(new Uint8Array(readFileSync(join(FIXTURES, name))), (r) => s.push(r));
  const m: AnalysisModel = s.finish(name, res.header, res.warnings, res.damaged);
  if (f) m.folded = f.result();
  m.frames = digest.frames;
  const model = explainModel(m, lang, { frames: false });
  model.frames = [];
  const text = renderTextReport(
    model,
    { tty: false, color: false },
    { protocols: s.protocolCounts, notes: s.noteSummary },
  );
  return { text, model: m };
}

/**
 * The text summary of fixture `name` made with the fold and from every record, after checking what every
 * fold test asks first: the kept and folded conversations add up to every record, and the text is the same.
 */
export function foldedAgainstWhole(
  name: string,
  lang: Lang,
): { whole: ReturnType<typeof textSummary>; folded: ReturnType<typeof textSummary>; f: FoldedConversations } {
  const whole = textSummary(name, lang, false);
  const folded = textSummary(name, lang, true);
  const f = folded.model.folded!;
  expect(folded.model.conversations.length + f.tcp + f.udp).toBe(whole.model.conversations.length);
  expect(folded.text).toBe(whole.text);
  return { whole, folded, f };
}
