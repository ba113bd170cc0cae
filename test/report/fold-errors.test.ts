/**
 * Issue 19: "every unusual member (… application errors such as HTTP 4xx/5xx, … unanswered requests) named
 * individually up to a bound". "Worth a second look" names a connection whose server answered with an error
 * status or left a request without a response (HTTP's ProtocolWords.abnormal, from the session's
 * http_errors and http_unanswered); a connection whose only remark that is, is kept in full up to
 * NAMED_KEPT per group and kind and folded beyond, and the report says the same as from every record.
 * fixtures/many-errors.pcap is a real capture (fixtures/make/many-errors.sh, 12 s): a client opening a new
 * connection per request, every 3rd without a parameter (400 Bad Request), a keep-alive client whose every
 * 4th request lacks it, and a client whose every 2nd request (GET /drop) the server answers by closing.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ExplainedModel } from '../../src/explain/types.js';
import type { HttpFacts } from '../../src/protocols/http/model.js';
import { FIXTURES, HAVE_TSHARK, runCli, tsharkFields } from '../helpers/fixtures.js';
import { foldedAgainstWhole } from '../helpers/summary.js';

const FILE = 'many-errors.pcap';
const PATH = join(FIXTURES, FILE);

function everyRecord(): ExplainedModel {
  const r = runCli(['analyze', PATH, '-f', 'json', '--conversations']);
  expect(r.code, r.err).toBe(0);
  return JSON.parse(r.out) as ExplainedModel;
}

describe('connections answered with an HTTP error status (many-errors.pcap)', () => {
  for (const lang of ['en', 'id'] as const) {
    it(`beyond the first few of a group they are folded, the same summary as every record tells (${lang})`, () => {
      const { f } = foldedAgainstWhole(FILE, lang);
      expect(f.abnormal?.get('ov.ab.http')?.count ?? 0).toBeGreaterThan(10);
      expect(f.abnormal?.get('ov.ab.http.noanswer')?.count ?? 0).toBeGreaterThan(10);
    });
  }

  it.skipIf(!HAVE_TSHARK)('every error response is counted, per connection (tshark: http.response.code)', () => {
    // tshark: the responses with a status of 400 or more, per TCP stream
    const rows = tsharkFields(PATH, ['tcp.stream', 'http.response.code', 'frame.number'], ['-Y', 'http.response']);
    const perStream = new Map<string, { count: number; first: number; status: number }>();
    for (const [stream, code, frame] of rows) {
      if (Number(code) < 400) continue;
      const e = perStream.get(stream!);
      if (e) e.count++;
      else perStream.set(stream!, { count: 1, first: Number(frame), status: Number(code) });
    }
    expect(perStream.size).toBeGreaterThan(20);
    const m = everyRecord();
    const erred = m.conversations.filter((c) => (c as typeof c & HttpFacts).http_errors);
    // stream numbers are tshark's tcp.stream: conversation ids are tcp.stream + 1
    expect(erred.map((c) => c.id - 1).sort((a, b) => a - b)).toEqual(
      [...perStream.keys()].map(Number).sort((a, b) => a - b),
    );
    for (const c of erred) {
      const e = (c as typeof c & HttpFacts).http_errors!;
      const t = perStream.get(String(c.id - 1))!;
      expect([e.count, e.first.frame, e.first.status]).toEqual([t.count, t.first, t.status]);
      expect(e.first.method).toBe('GET');
      expect(e.first.uri).toMatch(/^\/add\?a=\d+$/);
    }
    // "Worth a second look" names each (every record) and the first few then the rest (the summary)
    const items = m.overview.abnormal.filter((x) => x.code === 'ov.ab.http');
    expect(items.map((x) => x.conversation)).toEqual(erred.map((c) => c.id));
    const text = runCli(['analyze', PATH]).out;
    const second = text.slice(text.indexOf('Worth a second look'), text.indexOf('What happened')).replace(/\s+/g, ' ');
    const errors = second.slice(0, second.indexOf('And '));
    const listed = errors.match(/- Connection #\d+: 172\.18\.0\.20:5151 answered/g)?.length ?? 0;
    const more = Number(/And (\d+) more of the same kind: #\d+/.exec(second)?.[1] ?? 0);
    expect(listed).toBeGreaterThan(0);
    expect(listed + more).toBe(perStream.size);
    expect(second).toMatch(
      /Connection #\d+: 172\.18\.0\.20:5151 answered \d+ HTTP requests with an error status, the first in frame \d+: GET \/add\?a=\d+ → 400 Bad Request\./,
    );
  });

  it.skipIf(!HAVE_TSHARK)('every request left without a response is counted, per connection (tshark)', () => {
    // tshark: per TCP stream, the requests for /drop (which the server answers by closing) and the responses
    const req = tsharkFields(PATH, ['tcp.stream', 'frame.number', 'http.request.uri'], ['-Y', 'http.request']);
    const res = new Set(tsharkFields(PATH, ['tcp.stream'], ['-Y', 'http.response']).map((r) => r[0]));
    const dropped = req.filter((r) => r[2] === '/drop');
    expect(dropped).toHaveLength(24);
    // each /drop request is on a connection of its own that carried no response
    for (const [stream] of dropped) expect(res.has(stream)).toBe(false);
    const m = everyRecord();
    const left = m.conversations.filter((c) => (c as typeof c & HttpFacts).http_unanswered);
    expect(left.map((c) => c.id - 1).sort((a, b) => a - b)).toEqual(
      dropped.map((r) => Number(r[0])).sort((a, b) => a - b),
    );
    for (const c of left) {
      const u = (c as typeof c & HttpFacts).http_unanswered!;
      const t = dropped.find((r) => Number(r[0]) === c.id - 1)!;
      expect(u).toEqual({ count: 1, first: { frame: Number(t[1]), method: 'GET', uri: '/drop' } });
    }
    const text = runCli(['analyze', PATH]).out.replace(/\s+/g, ' ');
    const listed = text.match(
      /- Connection #\d+: the HTTP request GET \/drop of frame \d+ got no response from 172\.18\.0\.20:5151 in the capture\./g,
    );
    const more =
      /got no response from 172\.18\.0\.20:5151 in the capture\. - And (\d+) more of the same kind: #\d+/.exec(text);
    expect((listed?.length ?? 0) + Number(more?.[1] ?? 0)).toBe(24);
  });
});
