import { describe, expect, it } from 'vitest';
import { dissectFrame } from '../../src/dissectors/frame.js';
import { fixIpv4Checksum, IGMP_V2_REPORT, IGMP_V3_QUERY, patch } from './vectors.js';

const IGMP = 14 + 24; // after Ethernet and a 24-byte IPv4 header (Router Alert)

/** The IGMPv2 report vector with its 8 IGMP bytes replaced. */
const v2 = (igmp: string) => patch(IGMP_V2_REPORT, IGMP, igmp);

describe('igmp', () => {
  it('decodes an IGMPv2 Membership Report with its group', () => {
    const d = dissectFrame(IGMP_V2_REPORT, 1);
    expect(d.layers[2]).toEqual({
      kind: 'igmp',
      version: 2,
      type: 0x16,
      type_name: 'Membership Report',
      group: '224.0.0.251',
    });
    expect(d.notes).toEqual([]);
  });

  it('decodes an IGMPv3 general query (12 bytes or more)', () => {
    expect(dissectFrame(IGMP_V3_QUERY, 1).layers[2]).toEqual({
      kind: 'igmp',
      version: 3,
      type: 0x11,
      type_name: 'Membership Query',
      group: '0.0.0.0',
    });
  });

  it.each([
    ['v2 query (8 bytes, max resp != 0)', '11 64 00 00 e0 00 00 fb', 2, 'Membership Query', '224.0.0.251'],
    ['v1 query (max resp 0)', '11 00 00 00 00 00 00 00', 1, 'Membership Query', '0.0.0.0'],
    ['v1 report', '12 00 00 00 e0 01 02 03', 1, 'Membership Report', '224.1.2.3'],
    ['v2 leave', '17 00 00 00 ef 01 01 01', 2, 'Leave Group', '239.1.1.1'],
  ])('%s', (_name, igmp, version, typeName, group) => {
    expect(dissectFrame(v2(igmp), 1).layers[2]).toEqual({
      kind: 'igmp',
      version,
      type: Number.parseInt(igmp.slice(0, 2), 16),
      type_name: typeName,
      group,
    });
  });

  it('a v3 report carries group records: no single group', () => {
    // type 0x22, 1 record: CHANGE_TO_EXCLUDE 239.1.1.1 (the record runs past these 8 bytes)
    const b = fixIpv4Checksum(patch(IGMP_V2_REPORT, 14 + 2, '00 2c'), 14); // ip.len 44
    const d = dissectFrame(patch(b, IGMP, '22 00 00 00 00 00 00 01 04 00 00 00 ef 01 01 01'), 1);
    expect(d.layers[2]).toEqual({ kind: 'igmp', version: 3, type: 0x22, type_name: 'Membership Report' });
  });

  it('an unknown type is kept with version 0', () => {
    expect(dissectFrame(v2('99 00 00 00 00 00 00 00'), 1).layers[2]).toEqual({
      kind: 'igmp',
      version: 0,
      type: 0x99,
      type_name: 'Unknown Type',
    });
  });

  it('igmp.truncated', () => {
    const d = dissectFrame(IGMP_V2_REPORT.subarray(0, IGMP + 7), 1);
    expect(d.notes.map((n) => n.code)).toEqual(['ip.truncated', 'igmp.truncated']);
    expect(d.layers.map((l) => l.kind)).toEqual(['eth', 'ip']);
  });
});
