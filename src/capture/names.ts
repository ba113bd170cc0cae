/**
 * Names for addresses (a container's name for its IP), as a capture can carry them in a pcapng Name
 * Resolution Block, or a file given with `analyze --names FILE`:
 *
 *   /etc/hosts style   one `ADDRESS NAME` per line (more names after the first are ignored), `#` starts
 *                      a comment:  172.18.0.3  zmq-req
 *   JSON               {"172.18.0.3": "zmq-req", ...}  or  [{"address": "172.18.0.3", "name": "zmq-req"}]
 *
 * NRB (pcapng, block type 4) body: records `type(2) length(2) value` padded to 4, ending with
 * nrb_record_end (0). nrb_record_ipv4 (1): 4 address bytes, then one or more zero-terminated names;
 * nrb_record_ipv6 (2): 16 bytes then names. Options may follow the end record.
 */
import { net } from '../builtins.js';
import { isJsonArray, isJsonObject } from '../json.js';

/** An IPv4 or IPv6 address in text (node:net, loaded when a names file is read). */
const isIp = (a: string): boolean => net().isIPv4(a) || net().isIPv6(a);

export interface HostName {
  address: string;
  name: string;
}

export const NRB_RECORD_END = 0;
export const NRB_RECORD_IPV4 = 1;
export const NRB_RECORD_IPV6 = 2;

/** A name fit for a report and a pcapng record: printable, no spaces, at most 255 bytes. */
export function validName(name: string): boolean {
  return name.length > 0 && name.length <= 255 && /^[\x21-\x7e\u00a0-\uffff]+$/.test(name);
}

/** Reads a names file (hosts-style or JSON); an error string says which line or why. */
export function parseNames(text: string): HostName[] | { error: string } {
  const t = text.trim();
  if (t.startsWith('{') || t.startsWith('[')) {
    let v: unknown;
    try {
      v = JSON.parse(t);
    } catch (e) {
      return { error: `not valid JSON (${(e as Error).message})` };
    }
    const pairs: Array<[unknown, unknown]> = isJsonArray(v)
      ? v.map((x) => (isJsonObject(x) ? [x.address, x.name] : [undefined, undefined]))
      : isJsonObject(v)
        ? Object.entries(v)
        : [];
    const out: HostName[] = [];
    for (const [address, name] of pairs) {
      if (typeof address !== 'string' || !isIp(address)) {
        return { error: `${JSON.stringify(address)} is not an IP address` };
      }
      if (typeof name !== 'string' || !validName(name)) return { error: `bad name for ${address}` };
      out.push({ address, name });
    }
    return out;
  }
  const out: HostName[] = [];
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const words = lines[i]!.replace(/#.*/, '').trim().split(/\s+/).filter(Boolean);
    if (words.length === 0) continue;
    const [address, name] = words;
    if (!address || !isIp(address)) {
      return { error: `line ${i + 1}: ${JSON.stringify(address)} is not an IP address` };
    }
    if (!name || !validName(name)) return { error: `line ${i + 1}: no name after ${address}` };
    out.push({ address, name });
  }
  return out;
}

/** The first name given for each address wins (a later NRB or file entry does not rename a host). */
export function mergeNames(...lists: ReadonlyArray<readonly HostName[] | undefined>): HostName[] {
  const seen = new Set<string>();
  const out: HostName[] = [];
  for (const l of lists) {
    for (const h of l ?? []) {
      if (seen.has(h.address)) continue;
      seen.add(h.address);
      out.push(h);
    }
  }
  return out;
}

/** hosts-style text of a names list (what `--names` reads back). */
export function formatNames(names: readonly HostName[]): string {
  return names.map((h) => `${h.address}\t${h.name}\n`).join('');
}

function ipv4Bytes(a: string): number[] {
  return a.split('.').map(Number);
}

function ipv6Bytes(a: string): number[] {
  const [head, tail] = a.includes('::') ? a.split('::') : [a, undefined];
  const h = head ? head.split(':') : [];
  const t = tail ? tail.split(':') : [];
  // an embedded IPv4 tail (::ffff:1.2.3.4) counts as two groups
  const groups = (xs: string[]): number[] =>
    xs.flatMap((g) => {
      if (g.includes('.')) {
        const b = ipv4Bytes(g);
        return [(b[0]! << 8) | b[1]!, (b[2]! << 8) | b[3]!];
      }
      return [Number.parseInt(g, 16)];
    });
  const hg = groups(h);
  const tg = groups(t);
  const all = tail === undefined ? hg : [...hg, ...new Array(8 - hg.length - tg.length).fill(0), ...tg];
  return all.flatMap((g) => [g >> 8, g & 0xff]);
}

/** The NRB body's records (without block header, trailer or options), little- or big-endian. */
export function nrbRecords(names: readonly HostName[], le = true): Uint8Array {
  const enc = new TextEncoder();
  const parts: Uint8Array[] = [];
  const rec = (type: number, value: Uint8Array): void => {
    const padded = new Uint8Array(4 + ((value.length + 3) & ~3));
    const dv = new DataView(padded.buffer);
    dv.setUint16(0, type, le);
    dv.setUint16(2, value.length, le);
    padded.set(value, 4);
    parts.push(padded);
  };
  for (const h of names) {
    const v4 = net().isIPv4(h.address);
    if (!v4 && !net().isIPv6(h.address)) continue;
    const addr = v4 ? ipv4Bytes(h.address) : ipv6Bytes(h.address);
    const name = enc.encode(h.name);
    const value = new Uint8Array(addr.length + name.length + 1);
    value.set(addr, 0);
    value.set(name, addr.length);
    rec(v4 ? NRB_RECORD_IPV4 : NRB_RECORD_IPV6, value);
  }
  rec(NRB_RECORD_END, new Uint8Array(0));
  const n = parts.reduce((s, p) => s + p.length, 0);
  const out = new Uint8Array(n);
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

function ipv6Text(b: Uint8Array, at: number): string {
  const g: number[] = [];
  for (let i = 0; i < 16; i += 2) g.push((b[at + i]! << 8) | b[at + i + 1]!);
  // the longest run of two or more zero groups becomes "::" (RFC 5952)
  let best = -1;
  let bestLen = 1;
  for (let i = 0; i < 8; ) {
    if (g[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && g[j] === 0) j++;
    if (j - i > bestLen) {
      best = i;
      bestLen = j - i;
    }
    i = j;
  }
  const hex = (xs: number[]): string => xs.map((x) => x.toString(16)).join(':');
  if (best < 0) return hex(g);
  return `${hex(g.slice(0, best))}::${hex(g.slice(best + bestLen))}`;
}

/**
 * The records of an NRB body in buf[start, end): each address with its first name. Stops at the end
 * record, or where a record would run past the block (returns what was read and `bad`).
 */
export function readNrbRecords(
  buf: Uint8Array,
  dv: DataView,
  le: boolean,
  start: number,
  end: number,
): { names: HostName[]; bad: boolean } {
  const names: HostName[] = [];
  const dec = new TextDecoder('utf-8', { fatal: false });
  let o = start;
  while (o + 4 <= end) {
    const type = dv.getUint16(o, le);
    const len = dv.getUint16(o + 2, le);
    if (type === NRB_RECORD_END) return { names, bad: false };
    if (o + 4 + len > end) return { names, bad: true };
    const v = o + 4;
    const alen = type === NRB_RECORD_IPV4 ? 4 : type === NRB_RECORD_IPV6 ? 16 : -1;
    if (alen > 0 && len > alen) {
      let z = v + alen;
      while (z < v + len && buf[z] !== 0) z++;
      const name = dec.decode(buf.subarray(v + alen, z));
      const address = alen === 4 ? `${buf[v]}.${buf[v + 1]}.${buf[v + 2]}.${buf[v + 3]}` : ipv6Text(buf, v);
      if (validName(name)) names.push({ address, name });
    }
    o = v + ((len + 3) & ~3);
  }
  return { names, bad: o !== end };
}
