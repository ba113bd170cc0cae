/** Hex string (spaces and newlines allowed) to bytes. */
export function h(s: string): Uint8Array {
  const t = s.replace(/\s+/g, '');
  if (t.length % 2 || /[^0-9a-fA-F]/.test(t)) throw new Error(`bad hex: ${s}`);
  const out = new Uint8Array(t.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = Number.parseInt(t.slice(i * 2, i * 2 + 2), 16);
  return out;
}

/** ASCII/UTF-8 text to bytes. */
export function t(s: string): Uint8Array {
  return new TextEncoder().encode(s);
}

/** Concatenates byte arrays. */
export function cat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}
