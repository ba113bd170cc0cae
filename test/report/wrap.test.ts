/**
 * wrap() scans the text once and slices lines out of it; it must give what splitting into words on /\s+/
 * and filling lines word by word gives (the reference below), for any text, width and indents.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { wrap } from '../../src/report/text.js';

/** The plain definition: words on /\s+/, a line holds words while its code points fit. */
function reference(text: string, width: number, indent: number, first: number): string {
  const pad = indent > 0 ? `\n${' '.repeat(indent)}` : '\n';
  const lines: string[] = [];
  let line: string[] = [];
  let len = 0;
  let avail = width - first;
  for (const w of text.split(/\s+/)) {
    if (!w) continue;
    const wl = [...w].length;
    if (line.length > 0 && len + 1 + wl > avail) {
      lines.push(line.join(' '));
      line = [w];
      len = wl;
      avail = width - indent;
    } else {
      len += line.length > 0 ? 1 + wl : wl;
      line.push(w);
    }
  }
  if (line.length > 0) lines.push(line.join(' '));
  return lines.join(pad);
}

const pieces = fc.constantFrom(
  'a',
  'word',
  'frame',
  ' ',
  '  ',
  '\t',
  '\n',
  '\u00a0',
  '\u3000',
  '\u2028',
  '→',
  '😀',
  '\ud800',
  '\udc00',
  'x\u200by',
  "'Hello'",
  'averyveryveryverylongwordthatdoesnotfitanywhere',
);

describe('wrap', () => {
  it('equals the word-by-word reference', () => {
    fc.assert(
      fc.property(
        fc.array(pieces, { maxLength: 60 }).map((a) => a.join('')),
        fc.integer({ min: 1, max: 90 }),
        fc.integer({ min: 0, max: 10 }),
        fc.integer({ min: 0, max: 10 }),
        (text, width, indent, first) => {
          expect(wrap(text, width, indent, first)).toBe(reference(text, width, indent, first));
        },
      ),
      { numRuns: 3000 },
    );
  });

  it('wraps a sentence at the width, continuation lines indented', () => {
    expect(wrap('Client 10.0.0.2 sends its 2nd request  Hello to the server', 20, 4)).toBe(
      'Client 10.0.0.2\n    sends its 2nd\n    request Hello to\n    the server',
    );
  });
});
