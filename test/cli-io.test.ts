import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type ByteSink, buffered } from '../src/cli/io.js';

/** A sink recording what it was handed, as it was handed (bytes kept by reference, as a stream keeps them). */
function recorder() {
  const parts: Array<string | Uint8Array> = [];
  let closed = false;
  const sink: ByteSink = {
    write: (s) => void parts.push(s),
    writeBytes: (b) => void parts.push(b),
    close: async () => {
      closed = true;
    },
    isTTY: false,
  };
  const text = () => parts.map((p) => (typeof p === 'string' ? p : Buffer.from(p).toString('utf8'))).join('');
  return { sink, parts, text, closed: () => closed };
}

const piece = fc.oneof(
  fc.string({ maxLength: 200 }),
  fc.string({ unit: 'binary', maxLength: 200 }),
  fc.string({ unit: 'grapheme', maxLength: 50 }),
  fc.string({ maxLength: 60_000 }), // longer than the buffer has room for, in UTF-16 units × 3
);

describe('buffered', () => {
  it('hands over everything written, in order, whole at close', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(piece, { maxLength: 40 }), async (pieces) => {
        const r = recorder();
        const out = buffered(r.sink);
        for (const s of pieces) out.write(s);
        await out.close();
        expect(r.closed()).toBe(true);
        // lone surrogates become U+FFFD, as Buffer.from(s) makes them
        expect(r.text()).toBe(Buffer.from(pieces.join(''), 'utf8').toString('utf8'));
      }),
      { numRuns: 300 },
    );
  });

  it('gathers lines into chunks and never changes bytes it has handed over', async () => {
    const r = recorder();
    const out = buffered(r.sink);
    const line = 'frame → explained, ñ and 😀\n';
    for (let i = 0; i < 20_000; i++) out.write(line);
    const copies = r.parts.map((p) => Buffer.from(p as Uint8Array));
    for (let i = 0; i < 5_000; i++) out.write('x'.repeat(50));
    const big = 'é'.repeat(50_000); // more than the buffer can take: handed over as it is
    out.write(big);
    await out.close();
    expect(r.parts).toContain(big);
    expect(r.parts.length).toBeLessThan(20);
    for (const [i, c] of copies.entries()) expect(Buffer.compare(c, r.parts[i] as Uint8Array)).toBe(0);
    expect(r.text()).toBe(line.repeat(20_000) + 'x'.repeat(250_000) + big);
  });
});
