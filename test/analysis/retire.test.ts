/**
 * Retirement through the whole session: conversations that ended long before the capture does are
 * retired while frames still come, and the end-of-capture passes over conversations (ZeroMQ PUSH/PULL
 * distribution, PUB/SUB subscription check) still see them, so their records read as when nothing retires.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { RETIRE_GRACE } from '../../src/analysis/conversations.js';
import type { ConversationRecord } from '../../src/analysis/model.js';
import { AnalysisSession } from '../../src/analyze.js';
import { readCaptureBytes } from '../../src/capture/reader.js';
import type { RawFrame } from '../../src/capture/types.js';

/** An ARP request (Ethernet, linktype 1): a frame outside every conversation that moves capture time on. */
function arpFrame(n: number, tsSec: number): RawFrame {
  const b = new Uint8Array(42);
  b.fill(0xff, 0, 6); // eth.dst broadcast
  b.set([2, 0, 0, 0, 0, 1], 6); // eth.src
  b.set([0x08, 0x06], 12); // ARP
  b.set([0, 1, 0x08, 0x00, 6, 4, 0, 1], 14); // Ethernet/IPv4, request
  b.set([2, 0, 0, 0, 0, 1, 10, 0, 0, 1], 22); // sender MAC, IP 10.0.0.1
  b.set([10, 0, 0, 2], 38); // target IP 10.0.0.2
  return { n, tsSec, tsNsec: 0, tsDigits: 6, caplen: 42, len: 42, linktype: 1, ifIndex: 0, data: b, fileOffset: 0 };
}

/** The conversation records of a fixture, with an ARP frame `later` seconds after its last frame or not. */
function records(file: string, later?: number): { recs: ConversationRecord[]; retired: number } {
  const s = new AnalysisSession({ keepFrames: false, explain: false });
  let last: RawFrame | undefined;
  readCaptureBytes(new Uint8Array(readFileSync(file)), (f) => {
    s.push(f);
    last = { ...f };
  });
  if (later !== undefined && last) s.push(arpFrame(last.n + 1, last.tsSec + later));
  const retired = (s as unknown as { table: { retired: number } }).table.retired;
  return { recs: s.finish(file, undefined, [], false).conversations, retired };
}

/** The fields the end-of-capture passes set, and what the conversation carried. */
function facts(r: ConversationRecord) {
  return {
    id: r.id,
    pattern: r.pattern,
    pipeline: (r as { pipeline?: unknown }).pipeline,
    notes: r.notes.map((n) => [n.code, n.params]),
    messages: r.message_count,
    packets: r.packets,
  };
}

describe('retirement in the session', () => {
  for (const f of ['fixtures/zmq-pushpull.pcap', 'fixtures/zmq-pubsub.pcap', 'fixtures/rest.pcap']) {
    it(`${f}: retired conversations keep the facts of the end-of-capture passes`, () => {
      const kept = records(f);
      const retired = records(f, RETIRE_GRACE + 8);
      expect(kept.retired).toBe(0);
      expect(retired.retired).toBe(kept.recs.filter((r) => r.close.kind !== 'open').length);
      expect(retired.retired).toBeGreaterThan(0);
      expect(retired.recs.map(facts)).toEqual(kept.recs.map(facts));
    });
  }
});
