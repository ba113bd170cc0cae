/**
 * Issue 19: "every unusual member named individually up to a bound". A refused attempt or a connection
 * aborted with RST (and nothing else unusual) is kept in full up to NAMED_KEPT per group and folded beyond,
 * and the report says the same as from every record: the counts of "Worth a second look", the story's
 * "attempt k of N", the groups and the "And N more of the same kind" line add the folded ones.
 * fixtures/many-named.pcap is a real capture (fixtures/make/many-named.sh, 12 s): 60 refused attempts,
 * 45 connections aborted with RST and 40 closed with FIN, retiring during the capture.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { AnalysisModel } from '../../src/analysis/model.js';
import { AnalysisSession } from '../../src/analyze.js';
import { readCaptureBytes } from '../../src/capture/reader.js';
import type { Lang } from '../../src/explain/catalog/types.js';
import { ExplainDigest } from '../../src/explain/digest.js';
import { explainModel } from '../../src/explain/index.js';
import { sayer } from '../../src/report/common.js';
import { ConversationFold, NAMED_KEPT } from '../../src/report/fold.js';
import { renderTextReport } from '../../src/report/text.js';
import { FIXTURES, runCli } from '../helpers/fixtures.js';

const FILE = 'many-named.pcap';

function summary(lang: Lang, fold: boolean) {
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
  const res = readCaptureBytes(new Uint8Array(readFileSync(join(FIXTURES, FILE))), (r) => s.push(r));
  const m: AnalysisModel = s.finish(FILE, res.header, res.warnings, res.damaged);
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

describe('refused and reset members beyond the first few are folded (many-named.pcap)', () => {
  for (const lang of ['en', 'id'] as const) {
    it(`the same summary as every record tells (${lang})`, () => {
      const whole = summary(lang, false);
      const folded = summary(lang, true);
      const f = folded.model.folded!;
      const refused = [...(f.refused?.values() ?? [])].reduce((n, r) => n + r.count, 0);
      // most of the 60 refused and 45 reset connections went (the first NAMED_KEPT of each group stay,
      // and those of the last 2 s, not retired before the end)
      expect(refused).toBeGreaterThan(30);
      expect(f.rst?.count ?? 0).toBeGreaterThan(20);
      const keptRefused = folded.model.conversations.filter((c) => c.close.kind === 'refused').length;
      expect(keptRefused).toBeLessThan(60 - 30);
      expect(keptRefused).toBeGreaterThanOrEqual(NAMED_KEPT);
      expect(folded.model.conversations.length + f.tcp + f.udp).toBe(whole.model.conversations.length);
      expect(folded.text).toBe(whole.text);
    });
  }

  it('the report counts them all (tshark: 60 connections to :6000, each SYN answered by RST)', () => {
    const { text } = summary('en', true);
    expect(text).toMatch(/60 connection attempts to 172\.18\.0\.50:6000 were refused/);
    expect(text).toMatch(/tried 60 times to connect to 172\.18\.0\.50:6000/);
    expect(text).toMatch(/And \d+ more of the same kind: #\d+, /);
  });

  it('the CLI folds them and --conversations lists each one', () => {
    const cli = runCli(['analyze', join(FIXTURES, FILE)]).out;
    expect(cli).toContain('60 connection attempts to 172.18.0.50:6000 were refused');
    const all = runCli(['analyze', join(FIXTURES, FILE), '--conversations']).out;
    expect(all.match(/^- #\d+ .*\n?.*connection refused/gm)?.length).toBe(60);
  });
});
