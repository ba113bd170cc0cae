/**
 * The example test of docs/check.md, verbatim: pcap-explain as a library inside a vitest suite.
 * It imports the package by its name, as a user's project would (the built dist/).
 */
import { analyzeFile, checkCapture } from 'pcap-explain';
import { describe, expect, it } from 'vitest';

describe('the REQ/REP lab capture', () => {
  it('completes its handshake, carries 44 segments and closes with FIN', async () => {
    const report = await checkCapture('fixtures/zmq-reqrep.pcap', {
      conversations: [
        {
          match: { server: ':5555' },
          handshake: 'complete',
          close: 'fin',
          packets: 44,
        },
      ],
      absent: ['rst', 'tcp.analysis.retransmission'],
    });
    // On failure vitest prints each failed expectation with the actual value.
    expect(report.failures).toEqual([]);
    expect(report.exit).toBe(0);
  });

  it('gives typed results to assert on directly', async () => {
    const report = await checkCapture('fixtures/tcp-rst.pcap', {
      conversations: [{ match: { server: ':2222' }, close: 'fin' }],
    });
    const close = report.results.find((r) => r.id === 'conversations[0].close');
    expect(close).toMatchObject({ ok: false, expected: 'fin', actual: 'rst by client', frames: [10] });
  });

  it('and the model itself, for anything a spec does not say', async () => {
    const model = await analyzeFile('fixtures/zmq-reqrep.pcap');
    const conv = model.conversations.find((c) => c.server.endsWith(':5555'));
    expect(conv?.history).toBe('ShADadFf');
  });
});
