/**
 * Issue 17 (part A): every sentence true beyond the happy path, on real captures (fixtures/make), with
 * tshark as the oracle where it dissects. Each test would have caught the false statement it is named for.
 */
import { readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyzeBytes, analyzeFile } from '../../src/analyze.js';
import { readCaptureBytes } from '../../src/capture/reader.js';
import type { RawFrame } from '../../src/capture/types.js';
import { pcapFile } from '../../src/capture/writer.js';
import type { ExplainedModel } from '../../src/explain/index.js';
import { protocolColumn } from '../../src/explain/info.js';
import { FIXTURES, fixtureCaptures, HAVE_TSHARK, tsharkFields } from '../helpers/fixtures.js';

const fx = (n: string) => join(FIXTURES, n);

async function model(name: string, lang: 'en' | 'id' = 'en'): Promise<ExplainedModel> {
  return (await analyzeFile(fx(name), { lang })) as ExplainedModel;
}

describe.skipIf(!HAVE_TSHARK)('Info and Protocol columns (tshark)', () => {
  it('UDP Len= is the payload length and plain payload is shown as UDP/TCP, as tshark shows them', async () => {
    for (const name of ['udp.pcap', 'udp-ipv6.pcap', 'tcp-echo.pcap']) {
      const m = await model(name);
      const t = tsharkFields(fx(name), ['frame.number', '_ws.col.Protocol', '_ws.col.Info', 'udp.length']);
      for (const row of t) {
        const f = m.frames[Number(row[0]) - 1]!;
        const tp = row[1]!;
        if (tp === 'UDP') {
          expect(f.summary, `${name} frame ${f.n}`).toBe(row[2]);
          expect(protocolColumn(f), `${name} frame ${f.n}`).toBe('UDP');
        }
        if (tp === 'TCP') expect(protocolColumn(f), `${name} frame ${f.n}`).toBe('TCP');
        if (tp === 'ICMPv6') expect(protocolColumn(f), `${name} frame ${f.n}`).toBe('ICMPv6');
      }
    }
  });

  it('frames that complete application PDUs show their TCP flags beside them (lab reports cite [PSH, ACK])', async () => {
    const m = await model('mqtt.pcap');
    const t = tsharkFields(fx('mqtt.pcap'), ['frame.number', 'tcp.flags.str', 'mqtt.msgtype']);
    let n = 0;
    for (const row of t) {
      if (!row[2]) continue;
      const f = m.frames[Number(row[0]) - 1]!;
      // tshark's tcp.flags.str: "·······AP···" → the set flags
      const flags = f.tcp!.flags;
      expect(row[1]!.includes('P')).toBe(flags.includes('PSH'));
      expect(f.summary, `frame ${f.n}`).toMatch(new RegExp(`^\\[${flags.join(', ')}\\] [A-Z]`));
      n++;
    }
    expect(n).toBeGreaterThan(10);
  });
});

describe('hosts', () => {
  it('IPv6 hosts of link-local ICMPv6 noise are seen in ICMPv6, not "only in ARP" (udp-ipv6)', async () => {
    const m = await model('udp-ipv6.pcap');
    const hosts = new Map(m.overview.hosts.map((h) => [h.ip, h]));
    expect(hosts.get('fe80::42:acff:fe12:28')?.text).toBe('seen only in ICMPv6');
    expect(hosts.get('172.18.0.1')?.text).toBe('seen only in IGMP');
    expect(hosts.get('ff02::16')?.roles).toEqual(['role.group']);
    expect(hosts.has('::')).toBe(false); // the unspecified address of duplicate address detection
    for (const h of m.overview.hosts) expect(h.roles, h.ip).not.toContain('role.arp_only');
    const id = await model('udp-ipv6.pcap', 'id');
    expect(id.overview.hosts.find((h) => h.ip === 'fe80::42:acff:fe12:28')?.text).toBe('hanya terlihat di ICMPv6');
  });
});

describe.skipIf(!HAVE_TSHARK)('retransmissions of segments without data (tcp-resend)', () => {
  it('a resent SYN or FIN gets its own sentence, never "carries data"', async () => {
    const t = tsharkFields(fx('tcp-resend.pcap'), ['frame.number', 'tcp.analysis.retransmission', 'tcp.len']);
    const resent = t.filter((r) => r[1] && r[2] === '0').map((r) => Number(r[0]));
    expect(resent.length).toBe(2); // the SYN and the FIN
    for (const lang of ['en', 'id'] as const) {
      const m = await model('tcp-resend.pcap', lang);
      for (const n of resent) {
        const f = m.frames[n - 1]!;
        expect(f.tcp!.analysis).toContain('retransmission');
        expect(f.explain, `frame ${n}`).not.toMatch(/carries data|membawa data yang/);
        expect(f.explain, `frame ${n}`).toMatch(f.tcp!.flags.includes('SYN') ? /SYN/ : /FIN/);
      }
    }
  });
});

describe.skipIf(!HAVE_TSHARK)('tcpdump -i any: the same packet on two interfaces (zmq-reqrep-any, mqtt-any)', () => {
  it.each(['zmq-reqrep-any.pcap', 'mqtt-any.pcap'])(
    '%s: copies are told once, not as retransmissions',
    async (name) => {
      const m = await model(name);
      // tshark 4.0 reads every second copy as a retransmission or duplicate ACK (documented in docs/reports.md)
      const t = tsharkFields(fx(name), [
        'frame.number',
        'tcp.analysis.retransmission',
        'tcp.analysis.duplicate_ack',
        'ip.id',
        'sll.ifindex',
      ]);
      const flagged = t.filter((r) => r[1] || r[2]).map((r) => Number(r[0]));
      expect(flagged.length).toBeGreaterThan(10);
      const copies = m.frames.filter((f) => f.copy_of !== undefined);
      const copyNs = new Set(copies.map((f) => f.n));
      // every frame tshark flags is a copy here (nothing was really resent) …
      for (const n of flagged) expect(copyNs.has(n), `frame ${n}`).toBe(true);
      // … a copy repeats an earlier frame with the same IP ID on another interface, microseconds later
      for (const f of copies) {
        const o = m.frames[f.copy_of! - 1]!;
        expect(o.copy_of).toBeUndefined();
        if (f.ip) expect(t[f.n - 1]![3], `frame ${f.n}`).toBe(t[o.n - 1]![3]);
        expect(t[f.n - 1]![4], `frame ${f.n}`).not.toBe(t[o.n - 1]![4]);
        expect(f.rel - o.rel).toBeLessThan(0.001);
        expect(f.conversation).toBeUndefined();
        expect(f.tcp?.analysis).toBeUndefined();
        expect(f.explain).toMatch(new RegExp(`^The same packet as frame ${o.n}, captured again on another interface`));
      }
      // no TCP trouble is reported: the peers saw none
      for (const f of m.frames) expect(f.tcp?.analysis ?? [], `frame ${f.n}`).toEqual([]);
      expect(m.overview.abnormal).toEqual([]);
      expect(m.story.some((s) => s.code === 'story.copies')).toBe(true);
    },
  );

  it('the REQ/REP exchange is read once: 10 requests and 10 replies, as the peers logged', async () => {
    const m = await model('zmq-reqrep-any.pcap');
    const c = m.conversations[0]!;
    expect(m.conversations.length).toBe(1);
    const msgs = (c.messages ?? []).filter((x) => x.kind === 'message');
    expect(msgs.filter((x) => x.dir === 'c2s').length).toBe(10);
    expect(msgs.filter((x) => x.dir === 's2c').length).toBe(10);
  });
});

describe.skipIf(!HAVE_TSHARK)('TCP/UDP checksums verified (tshark with validation on)', () => {
  // tshark's tcp.checksum.status / udp.checksum.status: 0 Bad, 1 Good, 2 Unverified
  const files = fixtureCaptures().filter((f) => !f.endsWith('.gz'));
  it.each(files.map((f) => [basename(f), f]))('%s', async (name, file) => {
    const m = await analyzeFile(file);
    const t = tsharkFields(
      file,
      ['frame.number', 'tcp.checksum.status', 'udp.checksum.status'],
      ['-o', 'tcp.check_checksum:TRUE', '-o', 'udp.check_checksum:TRUE'],
    );
    let partial = 0;
    for (const row of t) {
      const f = m.frames[Number(row[0]) - 1]!;
      const theirs = row[1] || row[2];
      const ours = f.tcp?.checksum_status ?? f.udp?.checksum_status;
      if (!theirs || ours === undefined || f.copy_of !== undefined) continue;
      if (theirs === '1') expect(ours, `${name} frame ${f.n}`).toBe('good');
      // every Bad of the fixtures is checksum offload's partial sum: never a real error
      if (theirs === '0') expect(ours, `${name} frame ${f.n}`).toBe('partial');
      if (ours === 'partial') partial++;
      expect(f.notes.map((n) => n.code)).not.toContain('tcp.checksum_bad.expert');
    }
    // the offload note is said exactly when a checksum is the partial sum (not because of 02:42 MACs)
    const said = (m as ExplainedModel).overview.teaching.some((x) => x.code === 'teach.checksum_offload');
    expect(said, name).toBe(partial > 0);
  });

  it('tcp-bulk (offload off, random MACs): every checksum good, no offload note', async () => {
    const m = await model('tcp-bulk.pcap');
    expect(m.frames.filter((f) => f.tcp).every((f) => f.tcp!.checksum_status === 'good')).toBe(true);
    expect(m.overview.teaching.map((x) => x.code)).not.toContain('teach.checksum_offload');
  });

  it('zmq-reqrep-any (offload on, random MACs): the offload note is said', async () => {
    const m = await model('zmq-reqrep-any.pcap');
    expect(m.overview.teaching.map((x) => x.code)).toContain('teach.checksum_offload');
  });
});

describe('a checksum that is neither right nor partial is bad', () => {
  /** Frames of a real capture, with `edit` applied to the bytes of frame `n`. */
  function edited(name: string, n: number, edit: (b: Uint8Array) => void): ExplainedModel {
    const frames: RawFrame[] = [];
    let linktype = 1;
    readCaptureBytes(new Uint8Array(readFileSync(fx(name))), (f) => {
      linktype = f.linktype;
      const data = f.data.slice();
      if (f.n === n) edit(data);
      frames.push({ ...f, data });
    });
    return analyzeBytes(pcapFile(linktype, frames)) as ExplainedModel;
  }

  it('one flipped payload byte of a good TCP segment (tcp-bulk frame 6)', () => {
    const m = edited('tcp-bulk.pcap', 6, (b) => {
      b[b.length - 1]! ^= 0x20;
    });
    const f = m.frames[5]!;
    expect(f.tcp!.checksum_status).toBe('bad');
    expect(f.notes.map((x) => x.code)).toContain('tcp.checksum_bad.expert');
    expect(m.frames[6]!.tcp!.checksum_status).toBe('good');
  });

  it('one flipped payload byte of a partial-sum UDP datagram (udp frame 3) is bad, not offload', () => {
    const m = edited('udp.pcap', 3, (b) => {
      b[b.length - 1]! ^= 0x20;
    });
    expect(m.frames[2]!.udp!.checksum_status).toBe('partial'); // the partial sum does not cover the payload
    const n = edited('udp.pcap', 3, (b) => {
      b[14 + 20 + 6]! ^= 0x01; // the checksum field itself
    });
    expect(n.frames[2]!.udp!.checksum_status).toBe('bad');
    expect(n.frames[2]!.notes.map((x) => x.code)).toContain('udp.checksum_bad.expert');
  });
});

describe.skipIf(!HAVE_TSHARK)("frames[].app carry the frame's payload (tshark: http.file_data, data.text)", () => {
  /** tshark's escaped field text back to the string ("\n" → newline). */
  const unescapeField = (s: string) => s.replace(/\\n/g, '\n').replace(/\\r/g, '\r').replace(/\\t/g, '\t');

  it.each(['rest.pcap', 'http-keepalive.pcap'])('%s: HTTP bodies', async (name) => {
    const m = await model(name);
    const t = tsharkFields(fx(name), ['frame.number', 'http.file_data'], ['-Y', 'http']);
    let n = 0;
    for (const [num, data] of t) {
      if (!data) continue;
      const e = m.frames[Number(num) - 1]!.app!.find((x) => x.proto === 'http' && x.kind !== 'segment')!;
      const body = e.body as { encoding: string; value: unknown; length: number; truncated?: boolean };
      const text = unescapeField(data);
      expect(body.length, `frame ${num}`).toBe(Buffer.byteLength(text));
      if (body.encoding === 'json') expect(body.value, `frame ${num}`).toEqual(JSON.parse(text));
      else if (body.truncated) {
        expect(text.startsWith(String(body.value)), `frame ${num}`).toBe(true);
        expect(String(body.value).length).toBeLessThanOrEqual(256); // bounded, the length is the whole body
      } else expect(body.value, `frame ${num}`).toBe(text);
      n++;
    }
    expect(n).toBeGreaterThan(1);
  });

  it.each(['mqtt.pcap', 'mqtt5.pcap'])('%s: MQTT PUBLISH payloads (mqtt.msg)', async (name) => {
    const m = await model(name);
    const t = tsharkFields(fx(name), ['frame.number', 'mqtt.msg'], ['-Y', 'mqtt.msgtype == 3']);
    let n = 0;
    for (const [num, hexMsg] of t) {
      if (!hexMsg) continue;
      const e = m.frames[Number(num) - 1]!.app!.find((x) => x.kind === 'PUBLISH')!;
      const p = e.payload as { encoding: string; value: unknown; length: number; truncated?: boolean };
      const bytes = Buffer.from(hexMsg.replace(/:/g, ''), 'hex');
      expect(p.length, `frame ${num}`).toBe(bytes.length);
      if (p.encoding === 'text' && !p.truncated) expect(p.value, `frame ${num}`).toBe(bytes.toString('utf8'));
      if (p.truncated) expect(bytes.toString('utf8').startsWith(String(p.value)), `frame ${num}`).toBe(true);
      n++;
    }
    expect(n).toBeGreaterThan(4);
  });

  it.each(['udp.pcap', 'tcp-echo.pcap'])('%s: UDP/TCP text', async (name) => {
    const m = await model(name);
    const t = tsharkFields(fx(name), ['frame.number', 'data.text'], ['-o', 'data.show_as_text:TRUE']);
    let n = 0;
    for (const [num, text] of t) {
      if (!text) continue;
      const e = m.frames[Number(num) - 1]!.app!.find((x) => x.proto === 'data')!;
      expect((e.payload as { value: unknown }).value, `frame ${num}`).toBe(unescapeField(text));
      n++;
    }
    expect(n).toBeGreaterThan(2);
  });
});
