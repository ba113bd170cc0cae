/** The display-filter engine on hand-made frame views: grammar, literals, semantics, errors with positions. */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ConversationRecord, FrameRecord } from '../../src/analysis/model.js';
import { type FieldsOptions, fieldsWriter, parseFieldsOptions } from '../../src/filter/fields-output.js';
import { compileFilter, FIELD_TABLES, FIELDS, FilterError, type FrameView } from '../../src/filter/index.js';

function frame(over: Partial<FrameRecord> = {}): FrameRecord {
  return {
    n: 7,
    ts: '2026-01-01T00:00:00.000001Z',
    rel: 1.5,
    caplen: 90,
    len: 90,
    protocols: ['eth', 'ip', 'tcp', 'mqtt'],
    src: '172.18.0.11:52183',
    dst: '172.18.0.10:1883',
    summary: 'Publish Message [sister/temp]',
    eth: { src: '02:42:ac:12:00:0b', dst: '02:42:ac:12:00:0a', type: 0x0800 },
    ip: { version: 4, src: '172.18.0.11', dst: '172.18.0.10', ttl: 64, proto: 6, id: 0x1234, len: 76, df: true },
    tcp: {
      srcport: 52183,
      dstport: 1883,
      flags: ['PSH', 'ACK'],
      seq: 1,
      ack: 5,
      seq_raw: 1000,
      ack_raw: 2000,
      len: 24,
      window: 502,
      window_size: 64256,
      checksum_status: 'unverified',
      analysis: ['retransmission'],
    },
    conversation: 1,
    app: [{ proto: 'mqtt', kind: 'PUBLISH', msgtype: 3, topic: 'sister/temp', qos: 0 }],
    explain: 'Publisher 172.18.0.11 publishes on topic sister/temp.',
    notes: [],
    ...over,
  };
}

const CONV = {
  id: 1,
  transport: 'tcp',
  stream: 0,
  client: '172.18.0.11:52183',
  server: '172.18.0.10:1883',
  app: 'mqtt',
  pattern: 'publisher',
  state: 'SF',
} as unknown as ConversationRecord;

function view(f: FrameRecord = frame()): FrameView {
  return { f, conv: CONV, msgs: [], delta: 0.25 };
}

const t = (expr: string, v: FrameView = view()) => compileFilter(expr).test(v);

describe('display filters: what matches', () => {
  it.each([
    ['mqtt', true],
    ['udp', false],
    ['tcp.analysis.retransmission', true],
    ['tcp.analysis.duplicate_ack', false],
    ['tcp.port == 1883', true],
    ['tcp.port eq 1883', true],
    ['tcp.port != 1883', false], // != is "all differ" (Wireshark 3.6+)
    ['tcp.port ~= 1883', true], // any differs
    ['tcp.port === 1883', false], // all equal
    ['tcp.srcport > 50000 && tcp.dstport < 2000', true],
    ['tcp.srcport ge 52183 and tcp.srcport le 52183', true],
    ['tcp.len gt 24 || tcp.len lt 24', false],
    ['tcp.flags == 0x18', true],
    ['tcp.flags == 24', true],
    ['tcp.flags == 030', true], // octal, as Wireshark (strtoul base 0)
    ['tcp.flags & 0x08', true],
    ['tcp.flags & 0x02', false],
    ['tcp.flags.push == 1 && tcp.flags.syn == 0', true],
    ['tcp.flags.ack == true', true],
    ['tcp.flags.str == "·······AP···"', true],
    ['ip.addr == 172.18.0.10', true],
    ['ip.src == 172.18.0.0/16', true],
    ['ip.src == 172.18.0.0/29', false],
    ['ip.dst in {10.0.0.1 172.18.0.10}', true],
    ['ip.ttl in {1..63}', false],
    ['ip.ttl in {60..70, 128}', true],
    ['ip.id == 0x1234', true],
    ['eth.src == 02:42:AC:12:00:0B', true],
    ['eth.addr == 02-42-ac-12-00-0a', true],
    ['eth.dst == 0242.ac12.000a', true],
    ['eth.type == 0x0800', true],
    ['mqtt.topic == "sister/temp"', true],
    ['mqtt.topic == sister/temp', true],
    ['mqtt.topic contains "temp"', true],
    ['mqtt.topic contains "TEMP"', false],
    ['mqtt.topic matches "^SISTER/"', true],
    ['mqtt.topic ~ "temp$"', true],
    ['mqtt.topic matches "(?-i)^SISTER"', false],
    ['mqtt.topic in {"a", "sister/temp"}', true],
    ['mqtt.msgtype in {1..3}', true],
    ['mqtt.qos == 0 and not mqtt.retain == 1', true],
    ['frame.time_relative > 1.25', true],
    ['frame.time_delta >= 0.25', true],
    ['frame.number == 7', true],
    ['!(tcp.port == 1883) || udp', false],
    ['not tcp or mqtt', true],
    ['tcp and (mqtt or http) and !arp', true],
    ['tcp.port == 1 xor tcp.port == 1883', true],
    ['pe.conversation == 1', true],
    ['pe.role == "client"', true],
    ['pe.pattern == "publisher"', true],
    ['pe.app == mqtt', true],
    ['pe.state == "SF"', true],
    ['pe.message == "PUBLISH"', true],
    ['pe.explain contains "publishes"', true],
    ['pe.summary contains "Publish"', true],
    ['tcp.stream == 0', true],
    ['udp.port == 1883', false], // absent field: every test on it is false
    ['udp.port != 1883', false],
    ['ipv6.addr == ::1', false],
  ])('%s → %s', (expr, want) => {
    expect(t(expr)).toBe(want);
  });

  it('IPv6 addresses compare in any spelling, with prefixes', () => {
    const v = view(
      frame({
        protocols: ['eth', 'ipv6', 'tcp'],
        ip: { version: 6, src: 'fe80::1', dst: '2001:db8::42', ttl: 64, proto: 6, len: 20 },
      }),
    );
    expect(t('ipv6.src == fe80:0:0:0:0:0:0:1', v)).toBe(true);
    expect(t('ipv6.addr == 2001:db8::/32', v)).toBe(true);
    expect(t('ipv6.dst == 2001:db9::/32', v)).toBe(false);
    expect(t('ip.addr == 172.18.0.10', v)).toBe(false);
  });

  it('compiles once, costs no allocation per frame for plain tests', () => {
    const f = compileFilter('tcp.port == 1883 && ip.addr == 172.18.0.0/16');
    expect(f.fields).toEqual(new Set(['tcp.port', 'ip.addr']));
    expect(f.needsExplain).toBe(false);
    expect(compileFilter('pe.explain contains "x"').needsExplain).toBe(true);
  });
});

describe('display filters: errors point at the position', () => {
  it.each([
    ['', 0, 'empty'],
    ['foo', 0, '"foo" is not a valid protocol or protocol field'],
    ['tcp.port == ', 12, 'expected a value'],
    ['ip.src == 1.2.3', 10, '"1.2.3" is not a valid IPv4 address'],
    ['ip.src == 1.2.3.4/33', 10, 'prefix length'],
    ['eth.src == 1:2:3', 11, 'MAC address'],
    ['tcp.port == abc', 12, 'integer'],
    ['tcp.port == 80 &&', 17, 'expected a field name'],
    ['(tcp', 4, "expected ')'"],
    ['tcp.port == 80)', 14, "unexpected ')'"],
    ['mqtt.topic == "abc', 14, 'not closed'],
    ['mqtt.topic matches "("', 19, 'regular expression'],
    ['tcp.port contains "x"', 18, 'text field'],
    ['mqtt == 1', 8, 'presence'],
    ['tcp.port in {}', 13, 'empty'],
    ['tcp.port @ 1', 9, "unexpected character '@'"],
    ['tcp.flags.syn == maybe', 17, 'boolean'],
  ])('%j → at %d: %s', (expr, pos, msg) => {
    let err: unknown;
    try {
      compileFilter(expr);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(FilterError);
    expect((err as FilterError).pos).toBe(pos);
    expect((err as FilterError).message).toContain(msg);
  });
});

describe('field table', () => {
  it('each protocol has its own table; names are unique; every field reads a frame without throwing', () => {
    const names = FIELD_TABLES.flatMap((t) => t.fields.map((f) => f.name));
    expect(new Set(names).size).toBe(names.length);
    expect(FIELDS.size).toBe(names.length);
    for (const tbl of FIELD_TABLES)
      for (const f of tbl.fields)
        expect(
          f.name === tbl.proto || f.name.startsWith(`${tbl.proto}.`) || tbl.proto === 'icmp' || tbl.proto === 'pe',
        ).toBe(true);
    const empty = view(
      frame({ protocols: [], eth: undefined, ip: undefined, tcp: undefined, app: undefined, conversation: undefined }),
    );
    empty.conv = undefined;
    for (const f of FIELDS.values()) {
      const out: (string | number)[] = [];
      f.get(view(), out);
      f.get(empty, out);
    }
  });
});

describe('bad input never crashes', () => {
  const pieces = [
    'tcp',
    'ip.addr',
    'mqtt.topic',
    '==',
    '!=',
    'in',
    '{',
    '}',
    '(',
    ')',
    '"x',
    '"a"',
    '1..3',
    '0x1g',
    '&&',
    '!',
    'matches',
    'contains',
    '10.0.0.0/8',
    '::',
    ',',
    '~',
    '&',
    'pe.explain',
    '\\',
    'r"',
  ];
  it('any text compiles or throws FilterError; a compiled filter never throws on a frame', () => {
    const text = fc.oneof(
      fc.string({ maxLength: 40 }),
      fc.array(fc.constantFrom(...pieces), { maxLength: 8 }).map((a) => a.join(' ')),
    );
    fc.assert(
      fc.property(text, (src) => {
        let f: ReturnType<typeof compileFilter> | undefined;
        try {
          f = compileFilter(src);
        } catch (e) {
          expect(e).toBeInstanceOf(FilterError);
          expect((e as FilterError).pos).toBeGreaterThanOrEqual(0);
          expect((e as FilterError).pos).toBeLessThanOrEqual(src.length);
          return;
        }
        f.test(view());
      }),
      { numRuns: 2000 },
    );
  });
});

describe('docs/filters.md', () => {
  it('lists every field with its type', () => {
    const doc = readFileSync(new URL('../../docs/filters.md', import.meta.url), 'utf8');
    for (const name of FIELDS.keys()) expect(doc, name).toContain(`| \`${name}\` |`);
  });
});

describe('-T fields options', () => {
  it('parses tshark -E options', () => {
    expect(parseFieldsOptions(['header=y', 'separator=,', 'quote=d', 'occurrence=f', 'aggregator=/s'])).toEqual({
      header: true,
      separator: ',',
      quote: '"',
      occurrence: 'f',
      aggregator: ' ',
    } satisfies FieldsOptions);
    expect(parseFieldsOptions(['separator=/t'])).toMatchObject({ separator: '\t' });
    expect(parseFieldsOptions(['separator=/s'])).toMatchObject({ separator: ' ' });
    for (const bad of ['header=x', 'quote=x', 'occurrence=x', 'separator=', 'nosuch=y', 'header'])
      expect(parseFieldsOptions([bad])).toHaveProperty('error');
  });

  it('prints values as tshark does', () => {
    const o = parseFieldsOptions(['header=y']) as FieldsOptions;
    const w = fieldsWriter(
      ['frame.number', 'frame.time_relative', 'tcp.flags', 'ip.addr', 'ip.id', 'tcp.flags.syn', 'udp.port', 'mqtt'],
      o,
    );
    if ('unknown' in w) throw new Error('fields');
    expect(w.header()).toBe(
      'frame.number\tframe.time_relative\ttcp.flags\tip.addr\tip.id\ttcp.flags.syn\tudp.port\tmqtt\n',
    );
    expect(w.line(view())).toBe('7\t1.500000000\t0x0018\t172.18.0.11,172.18.0.10\t0x1234\t0\t\t\n');
    expect(fieldsWriter(['ip.src', 'nope', 'nada'], o)).toEqual({ unknown: ['nope', 'nada'] });
  });
});
