/**
 * Markdown and HTML tell conversation groups as the text summary does (issue 19), with the fold on: plain
 * members of a group are let go as they retire and counted in their group. fixtures/many-short-slow.pcap is
 * a real capture long enough for finished connections to retire during it (12 s: 96 HTTP requests each on
 * a new connection, a keep-alive client, 6 short MQTT sessions with their own client ids). Oracles: the
 * same document made without the fold (every record kept), the text summary's sentences, and the records
 * of the unfolded `--conversations` document, grouped here by hand.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { AnalysisModel, ConversationRecord } from '../../src/analysis/model.js';
import { streamExplainedFrames } from '../../src/cli/commands/analyze-frames.js';
import type { ExplainDigest } from '../../src/explain/digest.js';
import type { Lang } from '../../src/explain/text.js';
import { sayer } from '../../src/report/common.js';
import { ConversationFold } from '../../src/report/fold.js';
import { FIXTURES, runCli } from '../helpers/fixtures.js';

const SLOW = join(FIXTURES, 'many-short-slow.pcap');

/** The document as `analyze -f FORMAT` streams it, with the CLI's fold or without any; what was folded. */
async function document(
  format: 'markdown' | 'html',
  lang: Lang,
  fold: boolean,
  limits: { reportFrames?: number } = {},
  file = SLOW,
): Promise<{ out: string; kept: number; folded: number }> {
  const parts: string[] = [];
  let folded = 0;
  const r = await streamExplainedFrames(
    { write: (s: string) => void parts.push(s), close: async () => {}, isTTY: false },
    {
      file,
      format,
      lang,
      style: { tty: false, color: false, lang },
      selection: {},
      limits,
      ...(fold
        ? {
            fold: (d: ExplainDigest) => {
              const f = new ConversationFold(d, sayer(lang));
              return {
                offer: (rec: ConversationRecord) => f.offer(rec),
                finish: (m: AnalysisModel) => {
                  m.folded = f.result();
                  folded = m.folded.tcp + m.folded.udp;
                },
              };
            },
          }
        : {}),
    },
  );
  return { out: parts.join(''), kept: r.model.conversations.length, folded };
}

/** Text without line breaks and markup: what a reader reads. */
const flat = (s: string) => s.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
const unentity = (s: string) =>
  s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&');

describe('refused and reset connections beyond the first few of their group are folded (many-named.pcap)', () => {
  // 60 refused attempts, 45 connections aborted with RST, 40 closed with FIN (fixtures/make/many-named.sh)
  const NAMED = join(FIXTURES, 'many-named.pcap');
  for (const format of ['markdown', 'html'] as const) {
    it(`${format}: the same document with the fold as with every record kept`, async () => {
      const whole = await document(format, 'en', false, {}, NAMED);
      const folded = await document(format, 'en', true, {}, NAMED);
      expect(folded.folded).toBeGreaterThan(60);
      expect(folded.kept + folded.folded).toBe(whole.kept);
      expect(folded.out).toBe(whole.out);
      expect(flat(folded.out)).toContain('60 connection attempts to 172.18.0.50:6000 were refused');
    });
  }
});

describe('connections with TCP trouble or HTTP error statuses beyond the first few of their group are folded', () => {
  // many-lossy: 120 connections, 60 with a segment resent or lost (fixtures/make/many-lossy.sh);
  // many-errors: 96 one-request connections, every 3rd answered 400 (fixtures/make/many-errors.sh)
  for (const [name, least] of [
    ['many-lossy.pcap', 40],
    ['many-errors.pcap', 40],
  ] as const)
    for (const format of ['markdown', 'html'] as const) {
      it(`${name}, ${format}: the same document with the fold as with every record kept`, async () => {
        const LOSSY = join(FIXTURES, name);
        const whole = await document(format, 'en', false, {}, LOSSY);
        const folded = await document(format, 'en', true, {}, LOSSY);
        expect(folded.folded).toBeGreaterThan(least);
        expect(folded.kept + folded.folded).toBe(whole.kept);
        expect(folded.out).toBe(whole.out);
        expect(flat(folded.out)).toMatch(/And \d+ more of the same kind: #\d+/);
      });
    }
});

describe('Markdown and HTML fold as the text summary does (many-short-slow.pcap)', () => {
  for (const format of ['markdown', 'html'] as const) {
    for (const lang of ['en', 'id'] as const) {
      it(`${format} (${lang}): the same document with the fold as with every record kept`, async () => {
        const whole = await document(format, lang, false);
        const folded = await document(format, lang, true);
        // most of the 96 one-request connections went (not the first 30, nor those of the last 2 s)
        expect(folded.folded).toBeGreaterThan(40);
        expect(folded.kept + folded.folded).toBe(whole.kept);
        expect(folded.out).toBe(whole.out);
        // past the page too (the sections of conversations with listed frames; the others counted)
        const pagedWhole = await document(format, lang, false, { reportFrames: 300 });
        const paged = await document(format, lang, true, { reportFrames: 300 });
        expect(paged.out).toBe(pagedWhole.out);
      });
    }
  }

  const text = flat(runCli(['analyze', SLOW]).out);
  /** The text summary's sentences on the groups (the exemplar's line and the rest's). */
  const sentences = [...text.matchAll(/ (\d+ more connections of the same kind as #\d+: .*? bytes of payload\.)/g)].map(
    (m) => m[1]!,
  );

  it('the text summary has the sentences compared below', () => {
    expect(sentences).toHaveLength(2);
    expect(sentences[0]).toMatch(/^95 more connections of the same kind as #2: #4, #5, #6, #7, #8, #9, #10, … #103,/);
    expect(sentences[1]).toMatch(/^5 more connections of the same kind as #3: #21, #38, #56, #73, #90,/);
  });

  it('Markdown: a row per group, the text summary’s sentences, the grouped story; --conversations each one', () => {
    const md = runCli(['analyze', SLOW, '-f', 'markdown']).out;
    const convs = md.slice(md.indexOf('### Conversations'), md.indexOf('### Good to know'));
    expect(convs).toContain('103 conversations: those alike in kind');
    const rows = [...convs.matchAll(/^\| (\d+) \| (\S+) \| (\S+) \| (\w+) \| (\d+-\d+) \| (\w+) \| (\d+) \|$/gm)];
    expect(rows.map((r) => [Number(r[1]), r[2], r[3], r[4], r[6], Number(r[7])])).toEqual([
      [1, '172.18.0.21', '172.18.0.20:5151', 'HTTP', 'FIN', 1],
      [2, '172.18.0.22', '172.18.0.20:5151', 'HTTP', 'FIN', 96],
      [3, '172.18.0.13', '172.18.0.10:1883', 'MQTT', 'FIN', 6],
    ]);
    for (const s of sentences) expect(convs).toContain(`- ${s}\n`);
    const story = md.slice(md.indexOf('## What happened'), md.indexOf('## Conversation #1'));
    expect(story).toContain('95 more conversations of the same kind as #2 in frames 49-1515 (see Conversations).');
    // --conversations: a row and a line per conversation, as before
    const all = runCli(['analyze', SLOW, '-f', 'markdown', '--conversations']).out;
    const allConvs = all.slice(all.indexOf('### Conversations'), all.indexOf('### Good to know'));
    expect([...allConvs.matchAll(/^\| (\d+) \| 172\./gm)]).toHaveLength(103);
    for (let id = 1; id <= 103; id++) expect(allConvs).toContain(`- #${id} `);
    expect(all).not.toContain('those alike in kind');
  });

  it('the grouped counts and spreads are those of the --conversations records', () => {
    const all = runCli(['analyze', SLOW, '-f', 'markdown', '--conversations']).out;
    const allConvs = all.slice(all.indexOf('### Conversations'), all.indexOf('### Good to know'));
    // | # | Client | Server | Application | Frames | Packets | Data bytes | Duration | Ending | State | Wireshark |
    const recs = [
      ...allConvs.matchAll(
        /^\| (\d+) \| ([\d.]+):\d+ \| (\S+) \| (\w+) \| (\d+)-(\d+) \| (\d+) \| (\d+) \| [^|]+ \| (\w+) \|/gm,
      ),
    ].map((r) => ({
      id: Number(r[1]),
      key: `${r[2]} ${r[3]} ${r[4]} ${r[9]}`,
      first: Number(r[5]),
      last: Number(r[6]),
      packets: Number(r[7]),
      bytes: Number(r[8]),
    }));
    expect(recs).toHaveLength(103);
    const groups = new Map<string, typeof recs>();
    for (const r of recs) groups.set(r.key, [...(groups.get(r.key) ?? []), r]);
    const span = (a: number, b: number) => (a === b ? `${a}` : `${a} to ${b}`);
    const expected = [...groups.values()]
      .filter((g) => g.length > 1)
      .map((g) => {
        const rest = g.slice(1);
        const ids = rest.map((r) => r.id);
        const named =
          ids.length <= 8
            ? ids.map((i) => `#${i}`).join(', ')
            : `${ids
                .slice(0, 7)
                .map((i) => `#${i}`)
                .join(', ')}, … #${ids[ids.length - 1]}`;
        const p = rest.map((r) => r.packets);
        const b = rest.map((r) => r.bytes);
        return {
          head: `${rest.length} more connections of the same kind as #${g[0]!.id}: ${named}, in frames ${Math.min(...rest.map((r) => r.first))}-${Math.max(...rest.map((r) => r.last))}.`,
          tail: `carried ${span(Math.min(...p), Math.max(...p))} packets and ${span(Math.min(...b), Math.max(...b))} bytes of payload.`,
        };
      });
    expect(expected).toHaveLength(2);
    const md = flat(runCli(['analyze', SLOW, '-f', 'markdown']).out);
    const html = flat(unentity(runCli(['analyze', SLOW, '-f', 'html']).out));
    for (const e of expected) {
      for (const doc of [text, md, html]) {
        const at = doc.indexOf(e.head);
        expect(at, e.head).toBeGreaterThanOrEqual(0);
        expect(doc.slice(at, at + 400)).toContain(e.tail);
      }
    }
  });

  it('HTML: a row per group, the text summary’s sentences; --conversations each one', () => {
    const html = runCli(['analyze', SLOW, '-f', 'html']).out;
    const groups = html.slice(html.indexOf('<table class="groups">'));
    const rows = [...groups.slice(0, groups.indexOf('</table>')).matchAll(/<tr>((?:<td>[^<]*<\/td>)+)<\/tr>/g)].map(
      (m) => [...m[1]!.matchAll(/<td>([^<]*)<\/td>/g)].map((c) => c[1]),
    );
    expect(rows.map((r) => [r[0], r[1], r[6]])).toEqual([
      ['1', '172.18.0.21', '1'],
      ['2', '172.18.0.22', '96'],
      ['3', '172.18.0.13', '6'],
    ]);
    const page = flat(unentity(html));
    for (const s of sentences) expect(page).toContain(s);
    expect(page).toContain('95 more conversations of the same kind as #2 in frames 49-1515 (see Conversations).');
    const all = runCli(['analyze', SLOW, '-f', 'html', '--conversations']).out;
    expect(all).not.toContain('<table class="groups">');
    for (let id = 1; id <= 103; id++) expect(all).toContain(`<li>#${id} `);
  });

  it('small captures read as before: each conversation in the table', () => {
    for (const name of ['zmq.pcap', 'mqtt.pcap']) {
      for (const format of ['markdown', 'html']) {
        const out = runCli(['analyze', join(FIXTURES, name), '-f', format]).out;
        expect(out).not.toContain('those alike in kind');
        expect(runCli(['analyze', join(FIXTURES, name), '-f', format, '--conversations']).out).toBe(out);
      }
    }
  });
});
