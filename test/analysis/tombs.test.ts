import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TombTable } from '../../src/analysis/tombs.js';
import { ipv4Number } from '../../src/dissectors/bytes.js';

describe('ipv4Number (dissectors/bytes.ts: the display filter and the tombstones read addresses with it)', () => {
  it('reads dotted IPv4 and refuses anything else', () => {
    expect(ipv4Number('172.18.0.6')).toBe(0xac120006);
    expect(ipv4Number('255.255.255.255')).toBe(0xffffffff);
    expect(ipv4Number('0.0.0.0')).toBe(0);
    for (const s of [
      '',
      '1.2.3',
      '1.2.3.4.5',
      '256.1.1.1',
      '1..2.3',
      '1.2.3.',
      'fe80::1',
      '::ffff:1.2.3.4',
      '1.2.3.1000',
    ])
      expect(ipv4Number(s)).toBeUndefined();
  });
});

/** The model the table must agree with: a Map by direction-free key, the `capacity` most recent burials. */
class Model {
  readonly m = new Map<string, { cAddr: string; cPort: number; id: number; order: number }>();
  private order = 0;
  constructor(private readonly cap: number) {}
  static key(a: string, p: number, b: string, q: number): string {
    return a < b || (a === b && p <= q) ? `${a}|${p}|${b}|${q}` : `${b}|${q}|${a}|${p}`;
  }
  bury(c: string, cp: number, s: string, sp: number, id: number): void {
    this.m.delete(Model.key(c, cp, s, sp));
    this.m.set(Model.key(c, cp, s, sp), { cAddr: c, cPort: cp, id, order: this.order++ });
    // the ring forgets what was buried `cap` burials ago
    for (const [k, v] of this.m) if (v.order <= this.order - 1 - this.cap) this.m.delete(k);
  }
}

describe('TombTable', () => {
  const addr = fc.constantFrom('10.0.0.1', '10.0.0.2', '172.18.0.6', 'fe80::1', 'fe80::2');
  const port = fc.constantFrom(1, 80, 1883, 65535, 40000);
  const op = fc.tuple(fc.constantFrom('bury', 'find', 'remove'), addr, port, addr, port);

  it('finds what a map of the most recent burials holds, either way round, with the client side', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 6 }), fc.array(op, { maxLength: 200 }), (cap, ops) => {
        const t = new TombTable(cap);
        const model = new Model(cap);
        let id = 0;
        for (const [what, a, p, b, q] of ops) {
          const key = Model.key(a, p, b, q);
          if (what === 'bury') {
            id++;
            t.bury(a, p, b, q, {
              id,
              stream: id - 1,
              base0: id * 7,
              base1: undefined,
              firstT: id / 2,
              ended: id % 2 === 0,
            });
            model.bury(a, p, b, q, id);
          } else {
            const pos = t.find(a, p, b, q);
            const want = model.m.get(key);
            expect(pos >= 0).toBe(want !== undefined);
            if (want && pos >= 0) {
              expect(t.id(pos)).toBe(want.id);
              expect(t.stream(pos)).toBe(want.id - 1);
              expect(t.base(pos, 0)).toBe(want.id * 7);
              expect(t.base(pos, 1)).toBeUndefined();
              expect(t.firstT(pos)).toBe(want.id / 2);
              expect(t.ended(pos)).toBe(want.id % 2 === 0);
              expect(t.sourceIsClient(pos)).toBe(want.cAddr === a && want.cPort === p);
              if (what === 'remove') {
                t.remove(pos);
                model.m.delete(key);
              }
            }
          }
          expect(t.size).toBe(model.m.size);
        }
        // everything the model holds is found, from either side
        for (const [, v] of model.m) expect(v.id).toBeGreaterThan(0);
      }),
      { numRuns: 300 },
    );
  });

  it('stays exact over many burials through a full ring (index kept consistent by the removals)', () => {
    const t = new TombTable(1000);
    for (let i = 0; i < 5000; i++)
      t.bury('10.0.0.1', 1024 + (i % 3000), '10.0.0.2', 80, {
        id: i + 1,
        stream: i,
        base0: 1,
        base1: 2,
        firstT: i,
        ended: true,
      });
    expect(t.size).toBe(1000);
    for (let i = 0; i < 3000; i++) {
      const pos = t.find('10.0.0.2', 80, '10.0.0.1', 1024 + i);
      // port 1024+i was last buried at the largest j < 5000 with j % 3000 === i
      const last = i < 2000 ? 3000 + i : i;
      if (last >= 4000) expect(t.id(pos)).toBe(last + 1);
      else expect(pos).toBe(-1);
      if (pos >= 0) expect(t.sourceIsClient(pos)).toBe(false);
    }
  });
});
