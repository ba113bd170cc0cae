/**
 * Issue 19: "application errors … named individually". A JSON-RPC error object comes in an HTTP 200 response,
 * so the HTTP status does not show it: the HTTP session counts the responses whose carried record is an error
 * (CarriedReading.error) as `carried_errors`, and "Worth a second look" names them (ov.ab.http.carried). A
 * SOAP fault comes with status 500: it is an HTTP error (http_errors), not counted twice. Oracles: the
 * peers' log of fixtures/course-rpc.pcap (what the server sent) and tshark (the frames and statuses).
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ExplainedModel } from '../../src/explain/types.js';
import type { HttpFacts } from '../../src/protocols/http/model.js';
import { FIXTURES, HAVE_TSHARK, runCli, tsharkFields } from '../helpers/fixtures.js';

function json(file: string): ExplainedModel {
  const r = runCli(['analyze', join(FIXTURES, file), '-f', 'json']);
  expect(r.code, r.err).toBe(0);
  return JSON.parse(r.out) as ExplainedModel;
}

describe('application errors inside successful HTTP responses', () => {
  it.skipIf(!HAVE_TSHARK)('JSON-RPC error objects in 200 responses are counted and named (course-rpc.pcap)', () => {
    // the server's log: the error objects it sent
    const sent = readFileSync(join(FIXTURES, 'course-rpc.peers.jsonl'), 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as { peer: string; event: string; data: unknown })
      .filter((e) => e.peer === 'rpc-server' && e.event === 'send')
      .map((e) => (e.data as { error?: { code: number; message: string } }).error)
      .filter((e) => e !== undefined);
    expect(sent.length).toBeGreaterThan(0);
    // tshark: the responses, their status and body
    const rows = tsharkFields(
      join(FIXTURES, 'course-rpc.pcap'),
      ['frame.number', 'tcp.stream', 'http.response.code', 'http.file_data'],
      ['-Y', 'http.response'],
    );
    const erred = rows.filter((r) => /"error"\s*:/.test(r[3] ?? ''));
    expect(erred).toHaveLength(sent.length);
    for (const r of erred) expect(r[2]).toBe('200');
    const m = json('course-rpc.pcap');
    const withErrors = m.conversations.filter((c) => (c as typeof c & HttpFacts).carried_errors);
    const count = withErrors.reduce((a, c) => a + (c as typeof c & HttpFacts).carried_errors!.count, 0);
    expect(count).toBe(sent.length);
    for (const c of withErrors) {
      const e = (c as typeof c & HttpFacts).carried_errors!;
      // conversation ids are tcp.stream + 1
      const mine = erred.filter((r) => Number(r[1]) === c.id - 1);
      expect(e.count).toBe(mine.length);
      expect(e.first.frame).toBe(Number(mine[0]![0]));
      const body = JSON.parse(mine[0]![3]!) as { error: { code: number; message: string } };
      expect(e.first).toMatchObject({ status: 200, phrase: 'OK', proto: 'jsonrpc' });
      expect(e.first.error).toBe(`${body.error.code} ${body.error.message}`);
      expect(e.first.call).toMatch(/^\w+$/);
      const item = m.overview.abnormal.find((x) => x.code === 'ov.ab.http.carried' && x.conversation === c.id);
      expect(item?.frames).toEqual([e.first.frame]);
      expect(item?.text).toContain(`${e.first.call} → ${e.first.error} (the HTTP status, 200 OK, does not show it)`);
    }
    const id = runCli(['analyze', join(FIXTURES, 'course-rpc.pcap'), '--lang', 'id']).out.replace(/\s+/g, ' ');
    expect(id).toContain('(status HTTP-nya, 200 OK, tidak menunjukkan galat itu)');
  });

  it('a SOAP fault (status 500) is an HTTP error, not counted again (course-soap.pcap)', () => {
    const m = json('course-soap.pcap');
    const facts = m.conversations.map((c) => c as typeof c & HttpFacts);
    expect(facts.some((c) => c.http_errors)).toBe(true);
    expect(facts.some((c) => c.carried_errors)).toBe(false);
    expect(m.overview.abnormal.some((x) => x.code === 'ov.ab.http.carried')).toBe(false);
  });

  it('check: absent: [carried_error] fails on them and names their frames', () => {
    const dir = mkdtempSync(join(tmpdir(), 'pcx-carried-'));
    const spec = join(dir, 'spec.yaml');
    writeFileSync(spec, 'absent: [carried_error]\n');
    const r = runCli(['check', join(FIXTURES, 'course-rpc.pcap'), '-e', spec]);
    expect(r.code).toBe(3);
    expect(r.out).toContain('absent › carried_error: expected none, actual 2 conversations (#3, #4) · frames 42, 56');
    const ok = runCli(['check', join(FIXTURES, 'rest.pcap'), '-e', spec]);
    expect(ok.code, ok.out).toBe(0);
    rmSync(dir, { recursive: true, force: true });
  });
});
