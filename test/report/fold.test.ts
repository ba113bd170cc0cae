/**
 * The streaming summary's fold (issue 19): plain members of a group are folded as they retire, and the text
 * report is the same as the one made from every record. fixtures/many-short-slow.pcap is a real capture
 * long enough for finished connections to retire during it (12 s: 96 HTTP requests each on a new
 * connection, a keep-alive client, short MQTT sessions with their own client ids).
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
import { ConversationFold } from '../../src/report/fold.js';
import { renderTextReport } from '../../src/report/text.js';
import { FIXTURES, runCli } from '../helpers/fixtures.js';

/** The text summary as `analyze F` makes it, with or without the fold; and what the fold kept out. */
function summary(name: string, lang: Lang, fold: boolean): { text: string; folded: number; kept: number } {
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
  return { text, folded: (m.folded?.tcp ?? 0) + (m.folded?.udp ?? 0), kept: m.conversations.length };
}

describe('folding retired conversations into their groups', () => {
  for (const lang of ['en', 'id'] as const) {
    it(`tells the same summary as every record does (${lang})`, () => {
      const whole = summary('many-short-slow.pcap', lang, false);
      const folded = summary('many-short-slow.pcap', lang, true);
      // half of the 96 one-request connections went: not the first 30 (a report that small tells each
      // one), not those of the last 2 s (not retired before the end), not the MQTT clients (each its own
      // client id in the hosts list)
      expect(folded.folded).toBeGreaterThan(40);
      expect(folded.kept + folded.folded).toBe(whole.kept);
      expect(folded.text).toBe(whole.text);
    });
  }

  it('the grouped line counts the folded members (tshark: 103 TCP conversations)', () => {
    const text = summary('many-short-slow.pcap', 'en', true).text;
    expect(text).toContain('103 conversations: those alike in kind');
    expect(text).toMatch(/- 95 more connections of the same kind as #2: #4, #5, #6, #7, #8, #9, #10, …\s+#103,/);
  });

  it('the CLI folds (the same report as with every record), --conversations lists each one', () => {
    const cli = runCli(['analyze', join(FIXTURES, 'many-short-slow.pcap')]).out;
    expect(cli).toContain('95 more connections of the same kind as #2');
    const all = runCli(['analyze', join(FIXTURES, 'many-short-slow.pcap'), '--conversations']).out;
    for (let id = 1; id <= 103; id++) expect(all).toContain(`- #${id} `);
  });

  it('small captures and captures whose connections never retire are untouched', () => {
    for (const name of ['zmq.pcap', 'mqtt.pcap', 'many-short.pcap']) {
      const r = summary(name, 'en', true);
      expect(r.folded).toBe(0);
      expect(r.text).toBe(summary(name, 'en', false).text);
    }
  });
});
