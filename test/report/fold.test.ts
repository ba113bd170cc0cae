/**
 * The streaming summary's fold (issue 19): plain members of a group are folded as they retire, and the text
 * report is the same as the one made from every record. fixtures/many-short-slow.pcap is a real capture
 * long enough for finished connections to retire during it (12 s: 96 HTTP requests each on a new
 * connection, a keep-alive client, short MQTT sessions with their own client ids).
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIXTURES, runCli } from '../helpers/fixtures.js';
import { foldedAgainstWhole, textSummary } from '../helpers/summary.js';

describe('folding retired conversations into their groups', () => {
  for (const lang of ['en', 'id'] as const) {
    it(`tells the same summary as every record does (${lang})`, () => {
      const { f } = foldedAgainstWhole('many-short-slow.pcap', lang);
      // half of the 96 one-request connections went: not the first 30 (a report that small tells each
      // one), not those of the last 2 s (not retired before the end), not the MQTT clients (each its own
      // client id in the hosts list)
      expect(f.tcp + f.udp).toBeGreaterThan(40);
    });
  }

  it('the grouped line counts the folded members (tshark: 103 TCP conversations)', () => {
    const { text } = textSummary('many-short-slow.pcap', 'en', true);
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
      const r = textSummary(name, 'en', true);
      expect((r.model.folded?.tcp ?? 0) + (r.model.folded?.udp ?? 0)).toBe(0);
      expect(r.text).toBe(textSummary(name, 'en', false).text);
    }
  });
});
