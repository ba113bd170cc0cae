/**
 * Issue 19: "every unusual member named individually up to a bound". A refused attempt or a connection
 * aborted with RST (and nothing else unusual) is kept in full up to NAMED_KEPT per group and folded beyond,
 * and the report says the same as from every record: the counts of "Worth a second look", the story's
 * "attempt k of N", the groups and the "And N more of the same kind" line add the folded ones.
 * fixtures/many-named.pcap is a real capture (fixtures/make/many-named.sh, 12 s): 60 refused attempts,
 * 45 connections aborted with RST and 40 closed with FIN, retiring during the capture.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { NAMED_KEPT } from '../../src/report/fold.js';
import { FIXTURES, runCli } from '../helpers/fixtures.js';
import { foldedAgainstWhole, textSummary } from '../helpers/summary.js';

const FILE = 'many-named.pcap';

describe('refused and reset members beyond the first few are folded (many-named.pcap)', () => {
  for (const lang of ['en', 'id'] as const) {
    it(`the same summary as every record tells (${lang})`, () => {
      const { folded, f } = foldedAgainstWhole(FILE, lang);
      const refused = [...(f.refused?.values() ?? [])].reduce((n, r) => n + r.count, 0);
      // most of the 60 refused and 45 reset connections went (the first NAMED_KEPT of each group stay,
      // and those of the last 2 s, not retired before the end)
      expect(refused).toBeGreaterThan(30);
      expect(f.abnormal?.get('ov.ab.rst')?.count ?? 0).toBeGreaterThan(20);
      const keptRefused = folded.model.conversations.filter((c) => c.close.kind === 'refused').length;
      expect(keptRefused).toBeLessThan(60 - 30);
      expect(keptRefused).toBeGreaterThanOrEqual(NAMED_KEPT);
    });
  }

  it('the report counts them all (tshark: 60 connections to :6000, each SYN answered by RST)', () => {
    const { text } = textSummary(FILE, 'en', true);
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
