/**
 * ellipsize() counts code points without making an array, and valueText() looks only at the head of a
 * long text: both must give what the plain definitions (below) give, for any text.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ellipsize, sayer, valueText } from '../../src/explain/format.js';

const plainEllipsize = (s: string, max: number): string => {
  const a = [...s];
  return a.length <= max ? s : `${a.slice(0, Math.max(0, max - 1)).join('')}…`;
};
/** Whole on one line when it has at most `max` code points; else cut to min(60, max) and its length said. */
const plainValue = (s: string, max: number): string => {
  const line = s.replace(/\r\n|\r|\n/g, '⏎').replace(/\t/g, ' ');
  if ([...line].length <= max) return `'${line}'`;
  return `'${plainEllipsize(line, Math.min(60, max))}' (${new TextEncoder().encode(s).length} bytes)`;
};

const text = fc
  .array(fc.constantFrom('a', 'é', '😀', '\ud800', '\udc00', '\r', '\n', '\r\n', '\t', ' ', '→'), { maxLength: 120 })
  .map((a) => a.join(''));

describe('ellipsize', () => {
  it('equals the definition over code points', () => {
    fc.assert(
      fc.property(text, fc.integer({ min: 0, max: 50 }), (s, max) => {
        expect(ellipsize(s, max)).toBe(plainEllipsize(s, max));
      }),
      { numRuns: 5000 },
    );
  });
});

describe('valueText of text', () => {
  const say = sayer('en');
  it('equals the one-line text of the whole value, or its cut head and length in bytes', () => {
    fc.assert(
      fc.property(
        text.filter((s) => s !== ''),
        fc.integer({ min: 1, max: 200 }),
        (s, max) => {
          expect(valueText(say, { encoding: 'text', value: s }, max)).toBe(plainValue(s, max));
        },
      ),
      { numRuns: 5000 },
    );
  });
});
