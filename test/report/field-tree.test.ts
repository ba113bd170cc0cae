/** The HTML report's field tree (field-tree.ts): Wireshark's names and each field's bytes in the frame. */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { FrameRecord } from '../../src/analysis/model.js';
import { analyzeFile } from '../../src/analyze.js';
import { DISSECTORS } from '../../src/dissectors/registry.js';
import type { RawRecord } from '../../src/explain/index.js';
import { fieldDef } from '../../src/filter/index.js';
import { fieldTree } from '../../src/report/field-tree.js';
import { FIXTURES } from '../helpers/fixtures.js';

describe('field tree', () => {
  it("every dissector's field byte table names display-filter fields", () => {
    for (const d of DISSECTORS) for (const n of Object.keys(d.fields ?? {})) expect(fieldDef(n), n).toBeDefined();
  });

  it.each(['mqtt.pcap', 'mqtt-any.pcap', 'udp-ipv6.pcap', 'zmq.pcap'])(
    '%s: each field with bytes holds its value there',
    async (name) => {
      const m = await analyzeFile(join(FIXTURES, name), { keepRaw: true });
      const tree = fieldTree(m.frames, m.conversations);
      let checked = 0;
      m.frames.forEach((f, i) => {
        const bytes = Buffer.from((f as FrameRecord & { raw: RawRecord }).raw.bytes, 'base64');
        for (const [proto, , , , fields] of tree.frames[i]!) {
          for (const [ni, value, off, len] of fields) {
            const field = tree.names[ni]!;
            expect(field.startsWith(`${proto}.`), field).toBe(true);
            expect(fieldDef(field), field).toBeDefined();
            if (off < 0) continue;
            const b = bytes.subarray(off, off + len);
            // the raw bytes decode to the shown value (ports, lengths, addresses)
            if (/^(tcp|udp)\.(srcport|dstport)$|^udp\.length$|^ip\.len$|^ipv6\.plen$/.test(field)) {
              expect(b.readUIntBE(0, len), field).toBe(Number(value));
              checked++;
            } else if (field === 'ip.src' || field === 'ip.dst') {
              expect([...b].join('.'), field).toBe(value);
              checked++;
            } else if (/^(eth|sll)\.(src|dst)/.test(field)) {
              expect([...b].map((x) => x.toString(16).padStart(2, '0')).join(':'), field).toBe(value);
              checked++;
            } else if (field === 'tcp.seq_raw' || field === 'tcp.ack_raw') {
              expect(b.readUInt32BE(0), field).toBe(Number(value));
              checked++;
            }
          }
        }
      });
      expect(checked).toBeGreaterThan(m.frames.length);
    },
  );
});
