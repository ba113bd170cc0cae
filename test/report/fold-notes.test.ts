/**
 * Issue 19: "every unusual member (… MQTT failure codes …) named individually up to a bound". A connection
 * with a warning or error note (an MQTT login refused with CONNACK 5) is kept in full up to NAMED_KEPT per
 * group and note code and folded beyond; the note's "Worth a second look" item lists its first frames and
 * counts them from the digest, over every frame, so it is the same whether the members were folded or not.
 * fixtures/many-mqtt-refused.pcap is a real capture (fixtures/make/many-mqtt-refused.sh, 20 s): a mosquitto
 * broker that accepts one password, a client whose every login is refused, one whose every 3rd is, and one
 * with the right password; all use client IDs pf-probe-N, so logins take over each other's sessions.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ExplainedModel } from '../../src/explain/types.js';
import type { MqttFacts } from '../../src/protocols/mqtt/model.js';
import { NAMED_KEPT } from '../../src/report/fold.js';
import { GROUP_ABOVE } from '../../src/report/groups.js';
import { FIXTURES, HAVE_TSHARK, runCli, tsharkFields } from '../helpers/fixtures.js';
import { foldedAgainstWhole } from '../helpers/summary.js';

const FILE = 'many-mqtt-refused.pcap';
const PATH = join(FIXTURES, FILE);

function json(...extra: string[]): ExplainedModel {
  const r = runCli(['analyze', PATH, '-f', 'json', ...extra]);
  expect(r.code, r.err).toBe(0);
  return JSON.parse(r.out) as ExplainedModel;
}

describe('refused MQTT logins (many-mqtt-refused.pcap)', () => {
  for (const lang of ['en', 'id'] as const) {
    it(`beyond the first few of a group they are folded, the same summary as every record tells (${lang})`, () => {
      const { folded, f } = foldedAgainstWhole(FILE, lang);
      // 99 + 11 refused logins: only the first few of each group (and every conversation up to GROUP_ABOVE,
      // which a report that small would tell one by one) are kept
      const refusedLogin = (c: (typeof folded.model.conversations)[number]): boolean =>
        (c.messages ?? []).some((x) => x.proto === 'mqtt' && x.kind === 'CONNACK' && !x.accepted);
      const kept = folded.model.conversations.filter(refusedLogin);
      expect(kept.length).toBeGreaterThan(NAMED_KEPT);
      expect(kept.length).toBeLessThan(40);
      expect(f.tcp).toBeGreaterThan(90);
      expect(folded.model.conversations.length).toBeLessThanOrEqual(GROUP_ABOVE + 3 * 3 * NAMED_KEPT);
    });
  }

  it.skipIf(!HAVE_TSHARK)('the note lists the first refusals and counts every one (tshark: mqtt.conack.val)', () => {
    const refused = tsharkFields(PATH, ['frame.number'], ['-Y', 'mqtt.conack.val == 5']).map((r) => Number(r[0]));
    expect(refused).toHaveLength(110);
    for (const m of [json(), json('--conversations')]) {
      const item = m.overview.abnormal.find((x) => x.code === 'mqtt.conack.refused');
      expect(item?.frames).toEqual(refused.slice(0, 50));
      expect(item?.text).toContain(`(110 frames: ${refused.slice(0, 5).join(', ')}, …)`);
    }
    const text = runCli(['analyze', PATH, '--lang', 'id']).out.replace(/\s+/g, ' ');
    expect(text).toContain(`(110 frame: ${refused.slice(0, 5).join(', ')}, …)`);
  });

  it('a refused login says so in its conversation line, and why no DISCONNECT follows', () => {
    const text = runCli(['analyze', PATH]).out.replace(/\s+/g, ' ');
    expect(text).toMatch(
      /#3 172\.18\.0\.22:\d+ → 172\.18\.0\.10:1883 \(TCP\): MQTT client 'pf-probe-0', login refused \(CONNACK: Connection Refused: not authorized\)/,
    );
    expect(text).toContain('No DISCONNECT is needed: the refused CONNACK ends the MQTT session');
    // the client never closed TCP first on a refused login here without being told so
    expect(text).not.toMatch(/#3 [^#]*The client closed TCP without sending DISCONNECT/);
  });

  it.skipIf(!HAVE_TSHARK)('a session taken over by a later login with the same client ID (tshark)', () => {
    const m = json('--conversations');
    const taken = m.conversations.filter((c) => (c as typeof c & MqttFacts).mqtt_taken_over);
    expect(taken.length).toBeGreaterThan(0);
    // tshark: each stream's CONNECT (frame, client ID), its CONNACK code and its first FIN
    const connects = new Map<number, { frame: number; id: string }>();
    for (const [s, n, id] of tsharkFields(
      PATH,
      ['tcp.stream', 'frame.number', 'mqtt.clientid'],
      ['-Y', 'mqtt.msgtype == 1'],
    ))
      connects.set(Number(s), { frame: Number(n), id: id! });
    const accepted = new Set(
      tsharkFields(PATH, ['tcp.stream'], ['-Y', 'mqtt.conack.val == 0']).map((r) => Number(r[0])),
    );
    const fins = new Map<number, string>();
    for (const [s, src] of tsharkFields(PATH, ['tcp.stream', 'ip.src'], ['-Y', 'tcp.flags.fin == 1']))
      if (!fins.has(Number(s))) fins.set(Number(s), src!);
    const firstFin = new Map<number, number>();
    for (const [s, n] of tsharkFields(PATH, ['tcp.stream', 'frame.number'], ['-Y', 'tcp.flags.fin == 1']))
      if (!firstFin.has(Number(s))) firstFin.set(Number(s), Number(n));
    for (const c of taken) {
      const t = (c as typeof c & MqttFacts).mqtt_taken_over!;
      // conversation ids are tcp.stream + 1
      const mine = connects.get(c.id - 1)!;
      const theirs = connects.get(t.by - 1)!;
      expect(theirs.id).toBe(mine.id);
      expect(theirs.frame).toBe(t.frame);
      expect(accepted.has(c.id - 1) && accepted.has(t.by - 1)).toBe(true);
      expect(fins.get(c.id - 1)).toBe('172.18.0.10');
      expect(firstFin.get(c.id - 1)!).toBeGreaterThan(t.frame);
    }
    const text = runCli(['analyze', PATH]).out.replace(/\s+/g, ' ');
    expect(text).toMatch(
      /The broker closed it without a DISCONNECT after connection #\d+ logged in with the same client ID 'pf-probe-\d+' \(CONNECT in frame \d+\): MQTT allows one connection per client ID/,
    );
  });

  it('no delivery is told as the forward of a publication received before its subscriber subscribed', () => {
    const m = json('--conversations');
    let checked = 0;
    for (const c of m.conversations) {
      const msgs = (c.messages ?? []) as Array<{
        kind: string;
        dir: string;
        frame: number;
        relayed_from?: { frame: number };
      }>;
      const sub = msgs.find((x) => x.kind === 'SUBSCRIBE' && x.dir === 'c2s');
      for (const x of msgs) {
        if (x.kind !== 'PUBLISH' || x.dir !== 's2c' || !x.relayed_from) continue;
        expect(sub, `#${c.id}`).toBeDefined();
        expect(x.relayed_from.frame, `#${c.id} frame ${x.frame}`).toBeGreaterThan(sub!.frame);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(50);
  });
});
