/**
 * Zeek's conn_state and history against Zeek's documented meanings (base/protocols/conn/main.zeek):
 * a table of packet sequences → expected conn_state and history.
 */
import { describe, expect, it } from 'vitest';
import {
  CONN_STATE_MEANING,
  EndpointState as E,
  tcpConnState,
  udpConnState,
  ZeekTcp,
} from '../../src/analysis/zeek.js';
import { flagBits } from './helpers.js';

type P = [from: 'o' | 'r', flags: string, seq: number, len?: number, win?: number];

function run(pkts: P[], flipped = false): { state: string; history: string } {
  const z = new ZeekTcp(flipped);
  const bytes = [0, 0];
  for (const [from, f, seq, len = 0, win = 1000] of pkts) {
    z.packet(from === 'o', flagBits(f), seq, len, win);
    bytes[from === 'o' ? 0 : 1]! += len;
  }
  return { state: z.connState(bytes[0]!, bytes[1]!), history: z.history };
}

const HS: P[] = [
  ['o', 'S', 100],
  ['r', 'SA', 500],
  ['o', 'A', 101],
];

describe('Zeek conn_state and history', () => {
  const table: Array<[string, P[], string, string]> = [
    ['S0: attempt, no reply', [['o', 'S', 100]], 'S0', 'S'],
    [
      'S0: repeated SYN (same seq) adds no letter',
      [
        ['o', 'S', 100],
        ['o', 'S', 100],
      ],
      'S0',
      'S',
    ],
    [
      'S0: a new SYN seq adds another S',
      [
        ['o', 'S', 100],
        ['o', 'S', 900],
      ],
      'S0',
      'SS',
    ],
    ['S1: established, not terminated', [...HS, ['o', 'PA', 101, 10], ['r', 'A', 501]], 'S1', 'ShADa'],
    [
      'SF: normal establishment and termination',
      [...HS, ['o', 'FA', 101], ['r', 'FA', 501], ['o', 'A', 102]],
      'SF',
      'ShAFf',
    ],
    [
      'REJ: attempt rejected',
      [
        ['o', 'S', 100],
        ['r', 'RA', 0],
      ],
      'REJ',
      'Sr',
    ],
    ['S2: originator closed, no reply', [...HS, ['o', 'FA', 101]], 'S2', 'ShAF'],
    ['S3: responder closed, no reply', [...HS, ['r', 'FA', 501]], 'S3', 'ShAf'],
    ['RSTO: originator aborted', [...HS, ['o', 'PA', 101, 5], ['o', 'RA', 106]], 'RSTO', 'ShADR'],
    ['RSTR: responder sent a RST', [...HS, ['r', 'R', 501]], 'RSTR', 'ShAr'],
    [
      'RSTOS0: SYN then RST, no SYN-ACK',
      [
        ['o', 'S', 100],
        ['o', 'R', 101],
      ],
      'RSTOS0',
      'SR',
    ],
    [
      'RSTRH: responder SYN-ACK then RST, no SYN',
      [
        ['r', 'SA', 500],
        ['r', 'R', 501],
      ],
      'RSTRH',
      '^hr',
    ],
    [
      'SH: SYN then FIN, no SYN-ACK',
      [
        ['o', 'S', 100],
        ['o', 'F', 101],
      ],
      'SH',
      'SF',
    ],
    [
      'SHR: responder SYN-ACK then FIN, no SYN',
      [
        ['r', 'SA', 500],
        ['r', 'FA', 501],
      ],
      'SHR',
      '^hf',
    ],
    [
      'OTH: midstream only',
      [
        ['o', 'PA', 100, 10],
        ['r', 'A', 500],
      ],
      'OTH',
      'Da',
    ],
    [
      'SF also after a FIN then RST from one side (turned back to closed)',
      [...HS, ['o', 'FA', 101], ['o', 'R', 102], ['r', 'FA', 501]],
      'SF',
      'ShAFRf',
    ],
    ['RST after both FINs keeps SF', [...HS, ['o', 'FA', 101], ['r', 'FA', 501], ['r', 'R', 502]], 'SF', 'ShAFfr'],
    ['I: FIN+RST in one packet', [...HS, ['o', 'FRA', 101]], 'RSTO', 'ShAI'],
    ['Q: SYN+FIN in one packet (SYN sent, then closed: SH)', [['o', 'SF', 100]], 'SH', 'Q'],
    ['D and F: data with FIN counts as F only', [...HS, ['o', 'FPA', 101, 5], ['r', 'FA', 501]], 'SF', 'ShAFf'],
    ['T: retransmitted payload', [...HS, ['o', 'PA', 101, 10], ['o', 'PA', 101, 10]], 'S1', 'ShADT'],
    ['W: zero window advertised', [...HS, ['o', 'PA', 101, 10], ['r', 'A', 501, 0, 0]], 'S1', 'ShADaw'],
  ];
  for (const [name, pkts, state, history] of table) {
    it(name, () => {
      expect(run(pkts, pkts[0]![0] === 'r')).toEqual({ state, history });
    });
  }

  it('T, W and G are logarithmic: 1st, 10th, 100th occurrence', () => {
    const pkts: P[] = [...HS, ['o', 'PA', 101, 10]];
    for (let i = 0; i < 100; i++) pkts.push(['o', 'PA', 101, 10]);
    expect(run(pkts).history).toBe('ShADTTT');
    const z = new ZeekTcp(false);
    z.gap(false, 9);
    expect(z.history).toBe('g');
    z.gap(false, 1);
    expect(z.history).toBe('gg');
  });

  it('every conn_state value has a meaning', () => {
    expect(Object.keys(CONN_STATE_MEANING).sort()).toEqual(
      ['OTH', 'REJ', 'RSTO', 'RSTOS0', 'RSTR', 'RSTRH', 'S0', 'S1', 'S2', 'S3', 'SF', 'SH', 'SHR'].sort(),
    );
  });

  it('conn_state is a pure function of the endpoint states', () => {
    expect(tcpConnState(E.Reset, E.Reset, 0, 0, 'SR')).toBe('REJ');
    expect(tcpConnState(E.Reset, E.Reset, 10, 0, 'ShADR')).toBe('RSTR');
    expect(tcpConnState(E.Partial, E.Reset, 10, 0, 'Dr')).toBe('RSTRH');
    expect(tcpConnState(E.Reset, E.Partial, 10, 0, 'DR')).toBe('OTH');
    expect(tcpConnState(E.Established, E.Established, 0, 0, 'Sh')).toBe('S1');
    expect(tcpConnState(E.SynSent, E.Inactive, 0, 0, 'S')).toBe('S0');
    expect(tcpConnState(E.Partial, E.Partial, 0, 0, 'Dd')).toBe('OTH');
    expect([
      udpConnState(true, true),
      udpConnState(true, false),
      udpConnState(false, true),
      udpConnState(false, false),
    ]).toEqual(['SF', 'S0', 'SHR', 'OTH']);
  });
});
