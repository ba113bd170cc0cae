/**
 * conn.jsonl carries the application facts "Worth a second look" names (issue 19: "a streamed JSON Lines
 * log of conversation records in Zeek's spirit, uid/ts/4-tuple/conn_state/history/app fields"), so a course
 * that loads its captures into a database can ask which connections had HTTP errors, application errors,
 * unanswered requests or a taken-over MQTT session. Checked against tshark and against the JSON model, on
 * real captures of every protocol the course uses (the records validate against schema/dataset.schema.json).
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Ajv2020 from 'ajv/dist/2020.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ExplainedModel } from '../../src/explain/types.js';
import type { MqttFacts } from '../../src/protocols/mqtt/model.js';
import { FIXTURES, fixtureCaptures, HAVE_TSHARK, ROOT, runCli, tsharkFields } from '../helpers/fixtures.js';

let out: string;

function conn(file: string): Array<Record<string, unknown>> {
  return readFileSync(join(out, file, 'conn.jsonl'), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as Record<string, unknown>);
}

beforeAll(() => {
  out = mkdtempSync(join(tmpdir(), 'pcx-facts-'));
});
afterAll(() => rmSync(out, { recursive: true, force: true }));

function logOf(file: string): Array<Record<string, unknown>> {
  const r = runCli(['analyze', join(FIXTURES, file), '--log', join(out, file)]);
  expect(r.code, r.err).toBe(0);
  return conn(file);
}

describe('conn.jsonl: the application facts of each connection', { timeout: 120_000 }, () => {
  it('every fixture of the course: each record validates against the schema (every app name among them)', () => {
    const schema = JSON.parse(readFileSync(join(ROOT, 'schema/dataset.schema.json'), 'utf8'));
    const ajv = new Ajv2020.default({ allErrors: true, strict: true, allowUnionTypes: true });
    ajv.addSchema(schema);
    const validate = ajv.getSchema(`${schema.$id}#/$defs/conn`)!;
    const apps = new Set<unknown>();
    for (const path of fixtureCaptures().filter((f) => /\/(course-|mqtt|rest|zmq|many-mqtt)/.test(f))) {
      const name = path.slice(path.lastIndexOf('/') + 1);
      for (const rec of logOf(name)) {
        if (!validate(rec)) throw new Error(`${name}: ${ajv.errorsText(validate.errors)}`);
        apps.add(rec.app);
      }
    }
    for (const a of ['jsonrpc', 'soap', 'giop', 'icep', 'zookeeper', 'mqtt', 'zmtp', 'http']) expect(apps).toContain(a);
  });

  it.skipIf(!HAVE_TSHARK)('http_errors and unanswered per connection agree with tshark (many-errors.pcap)', () => {
    const recs = logOf('many-errors.pcap');
    const errors = new Map<number, number>();
    for (const [s, code] of tsharkFields(
      join(FIXTURES, 'many-errors.pcap'),
      ['tcp.stream', 'http.response.code'],
      ['-Y', 'http.response.code >= 400'],
    ))
      errors.set(Number(s), (errors.get(Number(s)) ?? 0) + (code ? 1 : 0));
    const drops = new Set(
      tsharkFields(join(FIXTURES, 'many-errors.pcap'), ['tcp.stream'], ['-Y', 'http.request.uri == "/drop"']).map((r) =>
        Number(r[0]),
      ),
    );
    for (const r of recs) {
      expect(r.http_errors, `stream ${r.stream}`).toBe(errors.get(r.stream as number) ?? null);
      expect(r.unanswered, `stream ${r.stream}`).toBe(drops.has(r.stream as number) ? 1 : null);
      expect(r.app_errors).toBeNull();
    }
    expect(recs.filter((r) => r.http_errors !== null)).toHaveLength(33);
  });

  it('app_errors, mqtt_version and taken_over_by are the JSON model facts', () => {
    const rpc = logOf('course-rpc.pcap');
    expect(rpc.filter((r) => r.app_errors !== null).map((r) => [r.conversation, r.app_errors])).toEqual([
      [3, 1],
      [4, 1],
    ]);
    const recs = logOf('many-mqtt-refused.pcap');
    const r = runCli(['analyze', join(FIXTURES, 'many-mqtt-refused.pcap'), '-f', 'json', '--conversations']);
    const m = JSON.parse(r.out) as ExplainedModel;
    const taken = new Map(
      m.conversations.map((c) => [c.id, (c as typeof c & MqttFacts).mqtt_taken_over?.by ?? null] as const),
    );
    expect([...taken.values()].filter((x) => x !== null).length).toBeGreaterThan(0);
    for (const rec of recs) {
      expect(rec.taken_over_by).toBe(taken.get(rec.conversation as number));
      expect(rec.mqtt_version).toBe('3.1.1');
    }
  });
});
