/**
 * Issue 19: "every unusual member (RST, refused, retransmissions, lost segments …) named individually up to
 * a bound". A connection whose only remark is tcp.analysis trouble (a retransmission, a lost segment…) is
 * kept in full up to NAMED_KEPT per group and folded beyond, and the report says the same as from every
 * record: "Worth a second look" names the first few and counts the rest ("And N more of the same kind").
 * fixtures/many-lossy.pcap is a real capture (fixtures/make/many-lossy.sh, 12 s, offloads off): two clients
 * each send 2,000 bytes every 0.2 s on a new connection; an nftables rule drops every 5th data segment of
 * one after the capture point (the capture shows the segment and, within a millisecond, its resending, which
 * tshark calls out-of-order) and of the other before it (a gap, then the resending).
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { NAMED_KEPT } from '../../src/report/fold.js';
import { FIXTURES, HAVE_TSHARK, runCli, tsharkFields } from '../helpers/fixtures.js';
import { foldedAgainstWhole } from '../helpers/summary.js';

const FILE = 'many-lossy.pcap';
const PATH = join(FIXTURES, FILE);

describe('members with TCP trouble beyond the first few are folded (many-lossy.pcap)', () => {
  for (const lang of ['en', 'id'] as const) {
    it(`the same summary as every record tells (${lang})`, () => {
      const { whole, folded, f } = foldedAgainstWhole(FILE, lang);
      const tcp = f.abnormal?.get('ov.ab.tcp');
      // of the dozens of connections with a segment resent or lost, those beyond NAMED_KEPT per group went
      expect(tcp?.count ?? 0).toBeGreaterThan(10);
      expect(folded.model.conversations.length).toBeLessThanOrEqual(whole.model.conversations.length - tcp!.count);
    });
  }

  it.skipIf(!HAVE_TSHARK)('the report counts every connection tshark flags (tcp.analysis)', () => {
    // connections with a segment resent or not captured, as tshark's expert analysis has them
    const flagged = new Set(
      tsharkFields(
        PATH,
        ['tcp.stream'],
        [
          '-Y',
          'tcp.analysis.retransmission || tcp.analysis.fast_retransmission || tcp.analysis.lost_segment || tcp.analysis.out_of_order || tcp.analysis.duplicate_ack',
        ],
      ).map((r) => r[0]),
    );
    expect(flagged.size).toBeGreaterThan(2 * NAMED_KEPT + 10);
    const out = runCli(['analyze', PATH]).out;
    const second = out.slice(out.indexOf('Worth a second look'), out.indexOf('What happened')).replace(/\s+/g, ' ');
    const listed = second.match(/- Connection #\d+: \d+ /g)?.length ?? 0;
    const more = Number(/And (\d+) more of the same kind: #\d+/.exec(second)?.[1] ?? 0);
    expect(listed).toBeGreaterThan(0);
    expect(listed + more).toBe(flagged.size);
  });

  it('--conversations keeps each one', () => {
    const all = runCli(['analyze', PATH, '--conversations']).out;
    const folded = runCli(['analyze', PATH]).out;
    expect(all.length).toBeGreaterThan(folded.length);
    expect(all).not.toContain('more of the same kind');
  });
});
