/**
 * A summary that summarises (issue 19): on a real capture with many short connections (fixtures/many-short.pcap:
 * 53 HTTP requests each on a new connection, 3 bulk transfers) alike conversations are one group with counts
 * and spreads, tshark's conversation list as the oracle; --conversations lists each one; small captures are told
 * conversation by conversation (the golden files hold them unchanged).
 */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sayer } from '../../src/explain/format.js';
import { groupedAbnormal, idList, spread } from '../../src/report/groups.js';
import { FIXTURES, HAVE_TSHARK, runCli } from '../helpers/fixtures.js';

const many = join(FIXTURES, 'many-short.pcap');

/** tshark's TCP conversations as [client host, server endpoint] pairs (client = the side with the higher port). */
function tsharkPairs(): string[] {
  const out = execFileSync('tshark', ['-r', many, '-q', '-z', 'conv,tcp'], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  return [...out.matchAll(/^(\S+):(\d+)\s+<->\s+(\S+):(\d+)\s/gm)].map((m) => {
    const [a, pa, b, pb] = [m[1]!, Number(m[2]), m[3]!, Number(m[4])];
    return pa > pb ? `${a} ${b}:${pb}` : `${b} ${a}:${pa}`;
  });
}

describe('grouped conversations', () => {
  const text = runCli(['analyze', many]).out;
  const section = text.slice(text.indexOf('\nConversations\n'), text.indexOf('\nWhat happened\n'));
  const rows = [...section.matchAll(/^(\d+)\s+(\S+)\s+(\S+)\s+(.+?)\s+(\d+-\d+)\s+(\S+)\s+(\d+)$/gm)];

  it('one row per kind, the counts adding up to every conversation (tshark as the oracle)', () => {
    expect(section).toContain('56 conversations: those alike in kind');
    expect(rows.map((r) => [r[2], r[3], Number(r[7])])).toEqual([
      ['172.18.0.22', '172.18.0.20:5151', 53],
      ['172.18.0.51', '172.18.0.50:5001', 3],
    ]);
    if (HAVE_TSHARK) {
      const counts = new Map<string, number>();
      for (const p of tsharkPairs()) counts.set(p, (counts.get(p) ?? 0) + 1);
      expect(Object.fromEntries(counts)).toEqual({
        '172.18.0.22 172.18.0.20:5151': 53,
        '172.18.0.51 172.18.0.50:5001': 3,
      });
    }
  });

  it('the exemplar is told, the rest in one sentence with their spread', () => {
    expect(section).toMatch(/- #1 172\.18\.0\.22:\d+ → 172\.18\.0\.20:5151 \(TCP\): HTTP, 1 request \(GET\)/);
    const sentence = section.match(/- 52 more connections of the same kind as #1:[\s\S]*?bytes of payload\./)?.[0];
    expect(sentence).toBeDefined();
    expect(sentence!.replace(/\s+/g, ' ')).toMatch(
      /(#\d+, ){7}… #\d+, in frames \d+-\d+\. Each lasted [\d.]+ ms to [\d.]+ ms \(median [\d.]+ ms, 95% within [\d.]+ ms\) and carried \d+( to \d+)? packets and \d+( to \d+)? bytes of payload\./,
    );
  });

  it('the story tells each kind once', () => {
    const story = text.slice(text.indexOf('\nWhat happened\n')).replace(/\s+/g, ' ');
    expect(story).toMatch(/ 52 more conversations of the same kind as #1 in frames \d+-\d+ \(see Conversations\)\./);
    // no phase of a grouped conversation other than its exemplar
    const told = new Set([...story.matchAll(/ #(\d+) /g)].map((m) => Number(m[1])));
    expect([...told].every((id) => rows.some((r) => Number(r[1]) === id))).toBe(true);
    expect(text.split('\n').length).toBeLessThan(120);
  });

  it('--conversations lists each one', () => {
    const all = runCli(['analyze', many, '--conversations']).out;
    const s = all.slice(all.indexOf('\nConversations\n'), all.indexOf('\nWhat happened\n'));
    expect([...s.matchAll(/^\d+\s+172\.18\.0\.\d+\s+172\.18\.0\.\d+:\d+\s/gm)]).toHaveLength(56);
  });

  it('in Indonesian', () => {
    const id = runCli(['analyze', many, '--lang', 'id']).out;
    expect(id).toContain('Ada 52 koneksi lain yang sejenis dengan #1');
  });
});

describe('group helpers', () => {
  it('spread: min, median, p95, max', () => {
    expect(spread([5, 1, 3])).toEqual({ min: 1, median: 3, p95: 5, max: 5 });
    expect(spread([7])).toEqual({ min: 7, median: 7, p95: 7, max: 7 });
    const hundred = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(spread(hundred)).toMatchObject({ min: 1, p95: 95, max: 100 });
  });

  it('idList names the first few and the last', () => {
    expect(idList([1, 2, 3])).toBe('#1, #2, #3');
    expect(idList(Array.from({ length: 20 }, (_, i) => i + 1))).toBe('#1, #2, #3, #4, #5, #6, #7, … #20');
  });

  it('groupedAbnormal keeps the first items of a code and counts the rest', () => {
    const say = sayer('en');
    const items = Array.from({ length: 9 }, (_, i) => ({ code: 'x', text: `t${i}`, conversation: i + 1 }));
    const out = groupedAbnormal([...items, { code: 'y', text: 'other' }], say);
    expect(out.map((o) => o.text)).toEqual([
      't0',
      't1',
      't2',
      't3',
      't4',
      'And 4 more of the same kind: #6, #7, #8, #9.',
      'other',
    ]);
    // six or fewer of a code are all listed
    expect(groupedAbnormal(items.slice(0, 6), say)).toHaveLength(6);
  });
});
