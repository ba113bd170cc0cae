/**
 * `-f json` folds as the text summary does (issue 19): plain members of a group that retire while the capture
 * is read are counted in `groups`, their records left out. fixtures/many-short-slow.pcap is a real capture
 * whose connections retire during it (96 one-request HTTP connections, a keep-alive client, short MQTT
 * sessions); `--conversations` writes every record, the reference here. Small lab captures are unchanged.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv2020 from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import type { ConversationRecord } from '../../src/analysis/model.js';
import type { ExplainedModel, StoryRecord } from '../../src/explain/types.js';
import { sayer } from '../../src/report/common.js';
import { groupConversations, groupOthers, groupSentence, groupSize } from '../../src/report/groups.js';
import type { GroupRecord } from '../../src/report/json.js';
import { FIXTURES, ROOT, runCli } from '../helpers/fixtures.js';

const validate = new Ajv2020.default({ allErrors: true, strict: false }).compile(
  JSON.parse(readFileSync(join(ROOT, 'schema/pcap-explain.schema.json'), 'utf8')),
);

type Json = ExplainedModel & { groups?: GroupRecord[] };

function json(name: string, ...args: string[]): Json {
  const r = runCli(['analyze', join(FIXTURES, name), '-f', 'json', ...args]);
  expect(r.code, r.err).toBe(0);
  const m = JSON.parse(r.out) as Json;
  expect(validate(m), JSON.stringify(validate.errors?.slice(0, 3))).toBe(true);
  return m;
}

describe('-f json on a capture whose connections retire: groups instead of the folded records', () => {
  // many-named.pcap: 60 refused attempts, 45 connections aborted with RST, 40 closed with FIN (tshark
  // -z conv,tcp: 145); the refused and reset ones beyond the first few of their group are folded too
  const cases = [
    { name: 'many-short-slow.pcap', tcp: 103, least: 40 },
    { name: 'many-named.pcap', tcp: 145, least: 60 },
    // many-lossy.pcap: 120 connections, 60 of them with a segment resent or lost (tshark -z conv,tcp: 120);
    // those beyond the first few of their group are folded too
    { name: 'many-lossy.pcap', tcp: 120, least: 40 },
  ];
  for (const lang of ['en', 'id'] as const)
    for (const { name, tcp, least } of cases) {
      it(`${name} (${lang}): the groups add up to every record, with the same numbers`, () => {
        const folded = json(name, '--lang', lang);
        const all = json(name, '--lang', lang, '--conversations');
        const say = sayer(lang);
        expect(all.groups).toBeUndefined();
        const groups = folded.groups ?? [];
        expect(groups.length).toBeGreaterThan(0);
        // the TCP connections (tshark -z conv,tcp): the records kept and the folded members
        expect(all.conversations).toHaveLength(tcp);
        const foldedCount = groups.reduce((n, g) => n + g.folded, 0);
        expect(foldedCount).toBeGreaterThan(least);
        expect(folded.conversations.length + foldedCount).toBe(all.conversations.length);
        // the records kept are those of every-record JSON, unchanged; the frames are all there
        const byId = new Map(all.conversations.map((c) => [c.id, c]));
        for (const c of folded.conversations) expect(c).toEqual(byId.get(c.id));
        expect(folded.frames).toEqual(all.frames);
        const keptIds = new Set(folded.conversations.map((c) => c.id));
        // each group against the same group made from every record (groups.ts, as the text summary does)
        const reference = groupConversations(all.conversations as ConversationRecord[], say);
        for (const g of groups) {
          const ref = reference.find(
            (r) =>
              r.client === g.client &&
              r.server === g.server &&
              r.app === g.application &&
              r.members[0]!.transport === g.transport &&
              (g.transport === 'udp' ? g.ending === null : r.members[0]!.close.kind === g.ending),
          )!;
          expect(ref).toBeDefined();
          // its first member retired first here (kept), so the exemplar is the same
          expect(ref.members[0]!.id).toBe(g.exemplar);
          expect(ref.members.every((c) => c.transport === g.transport)).toBe(true);
          expect(g.count).toBe(groupSize(ref));
          expect(g.kept[0]).toBe(g.exemplar);
          expect(g.kept.length + g.folded).toBe(g.count);
          const members = ref.members.map((c) => c.id);
          expect(g.kept).toEqual(members.filter((id) => keptIds.has(id)));
          const gone = members.filter((id) => !keptIds.has(id));
          expect(gone).toHaveLength(g.folded);
          expect(g.folded_ids).toEqual([...new Set([...gone.slice(0, 7), gone[gone.length - 1]!])]);
          expect(g.frames).toEqual([
            Math.min(...ref.members.map((c) => c.first)),
            Math.max(...ref.members.map((c) => c.last)),
          ]);
          // the others' spreads (median and 95th percentile exact) and the grouped line, from every record
          const o = groupOthers(ref);
          expect(g.others).toEqual({
            count: o.total,
            frames: o.frames,
            duration: o.duration,
            packets: o.packets,
            bytes: o.bytes,
          });
          expect(g.others.count).toBe(g.count - 1);
          expect(g.text).toBe(groupSentence(ref, say));
        }
        if (name !== 'many-short-slow.pcap') return;
        // the HTTP connections opened one per request: 96, most of them folded
        const http = groups.find((g) => g.application === 'HTTP' && g.count === 96);
        expect(http?.folded).toBeGreaterThan(40);
        expect(http?.others.packets).toEqual({ min: 12, median: 12, p95: 12, max: 13 });
      });
    }

  const abnormalCases = [
    { name: 'many-named.pcap', code: 'ov.ab.rst', least: 20, says: '60 connection attempts to 172.18.0.50:6000' },
    { name: 'many-lossy.pcap', code: 'ov.ab.tcp', least: 10, says: undefined },
    { name: 'many-errors.pcap', code: 'ov.ab.http', least: 10, says: undefined },
    { name: 'many-errors.pcap', code: 'ov.ab.http.noanswer', least: 10, says: undefined },
  ];
  for (const { name, code, least, says } of abnormalCases)
    it(`${name}: "Worth a second look" counts the folded ones (${code})`, () => {
      const folded = json(name);
      const all = json(name, '--conversations');
      const items = (j: Json) => j.overview.abnormal.filter((x) => x.code === code);
      const kept = items(folded);
      // the kept ones' items are every record's, the folded ones one line after them
      expect(kept).toEqual(items(all).filter((x) => folded.conversations.some((c) => c.id === x.conversation)));
      // right after the last kept item of the code
      const i = folded.overview.abnormal.lastIndexOf(kept[kept.length - 1]!) + 1;
      expect(folded.overview.abnormal[i]?.code).toBe('overview.alike');
      const more = items(all).length - kept.length;
      expect(more).toBeGreaterThan(least);
      expect(folded.overview.abnormal[i]!.text).toMatch(new RegExp(`^And ${more} more of the same kind: #\\d+, `));
      // the other items are every record's (the refused attempts counted with the folded ones), those of
      // codes whose members are folded too aside (each is a case here)
      const foldable = new Set(['overview.alike', ...abnormalCases.map((x) => x.code)]);
      const others = (j: Json) => j.overview.abnormal.filter((x) => !foldable.has(x.code));
      expect(others(folded).map((x) => x.text)).toEqual(others(all).map((x) => x.text));
      if (says)
        expect(
          others(folded)
            .map((x) => x.text)
            .join(' '),
        ).toContain(says);
    });

  it('the story: the phases of the kept conversations as before, and one line per group after its exemplar', () => {
    const folded = json('many-short-slow.pcap');
    const all = json('many-short-slow.pcap', '--conversations');
    const kept = new Set(folded.conversations.map((c) => c.id));
    const isGroup = (s: StoryRecord) => s.code === 'story.group';
    expect(folded.story.filter((s) => !isGroup(s))).toEqual(
      all.story.filter((s) => s.conversation === null || kept.has(s.conversation)),
    );
    const lines = folded.story.filter(isGroup);
    expect(lines).toHaveLength(folded.groups!.length);
    for (const g of folded.groups!) {
      const [a, b] = g.others.frames;
      const i = folded.story.findIndex(
        (s) =>
          isGroup(s) &&
          s.text === `${g.count - 1} more conversations of the same kind as #${g.exemplar} in frames ${a}-${b}.`,
      );
      expect(i).toBeGreaterThan(0);
      // right after the exemplar's last phase, over the other members' frames
      const exemplarPhases = folded.story.map((s, k) => (s.conversation === g.exemplar ? k : -1)).filter((k) => k >= 0);
      expect(i).toBe(exemplarPhases[exemplarPhases.length - 1]! + 1);
      expect(folded.story[i]!.frames).toEqual(g.others.frames);
      expect(folded.story[i]!.conversation).toBeNull();
    }
    // the overview: the whole capture's, with a line per kept conversation
    const { conversations, ...rest } = folded.overview;
    const { conversations: every, ...restAll } = all.overview;
    expect(rest).toEqual(restAll);
    expect(conversations).toEqual(every.filter((c) => kept.has(c.id)));
    expect(folded.overview.summary).toContain('103 TCP connections');
  });

  it('the grouped line of the JSON is the text summary’s', () => {
    const folded = json('many-short-slow.pcap');
    const text = runCli(['analyze', join(FIXTURES, 'many-short-slow.pcap')]).out.replace(/\s+/g, ' ');
    for (const g of folded.groups!) expect(text).toContain(g.text);
  });

  it('small captures and captures whose connections never retire: the JSON of every record, no groups', () => {
    for (const name of ['zmq.pcap', 'mqtt.pcap', 'many-short.pcap']) {
      const r = runCli(['analyze', join(FIXTURES, name), '-f', 'json']);
      expect(r.out).not.toContain('"groups"');
      expect(r.out).toBe(runCli(['analyze', join(FIXTURES, name), '-f', 'json', '--conversations']).out);
    }
  });
});
