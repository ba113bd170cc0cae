/**
 * tshark's `-z follow,tcp|udp,ascii|hex|raw,N` (tap-follow.c, tshark 4.0 layout): the payload of stream N
 * (tcp.stream / udp.stream eq N), one chunk per segment or datagram, in the order the bytes become
 * contiguous. TCP bytes come from the conversation table's reassembly (retransmitted bytes once, segments
 * after a hole once the hole is filled), so they are the bytes the application read.
 *
 * Node 0 is the source of the stream's first frame, as tshark's. Only the followed stream's bytes are kept,
 * at most `cap` of them (the `follow-bytes` limit): beyond it chunks are counted, not kept, and the output
 * says so after the table.
 */
import type { ConversationInfo, Direction, FrameAnalysis } from '../analysis/conversations.js';
import type { StreamSink } from '../analysis/reassembly.js';
import type { Dissection } from '../dissectors/types.js';

export type FollowMode = 'ascii' | 'hex' | 'raw';

export interface FollowSpec {
  proto: 'tcp' | 'udp';
  mode: FollowMode;
  stream: number;
}

interface Chunk {
  /** The sending endpoint, "addr:port" (bracketed IPv6). */
  from: string;
  bytes: Uint8Array;
}

const RULE = '='.repeat(67);
const HEX = '0123456789abcdef';

const ascii = new TextEncoder();

/** tshark's chunk for bytes the capture lacks (its text and a NUL). */
function missing(n: number): Uint8Array {
  const text = ascii.encode(`[${n} bytes missing in capture file]`);
  const b = new Uint8Array(text.length + 1);
  b.set(text);
  return b;
}

function endpoint(addr: string, port: number): string {
  return addr.includes(':') ? `[${addr}]:${port}` : `${addr}:${port}`;
}

export class FollowStream {
  private readonly chunks: Chunk[] = [];
  private kept = 0;
  /** Bytes and chunks not kept once the cap was reached. */
  private droppedBytes = 0;
  private droppedChunks = 0;
  /** Bytes the capture lacks (reassembly gaps). */
  private missing = 0;
  private node0: string | undefined;
  private node1: string | undefined;
  private client: string | undefined;
  private server: string | undefined;

  constructor(
    readonly spec: FollowSpec,
    private readonly cap: number,
  ) {}

  /** Sinks for the followed TCP stream's two directions (the session's stream factory). */
  streams(info: ConversationInfo): { c2s?: StreamSink; s2c?: StreamSink } | undefined {
    if (this.spec.proto !== 'tcp' || info.transport !== 'tcp' || info.stream !== this.spec.stream) return undefined;
    this.client = endpoint(info.client.addr, info.client.port);
    this.server = endpoint(info.server.addr, info.server.port);
    return { c2s: this.sink('c2s'), s2c: this.sink('s2c') };
  }

  /**
   * One direction, as tshark's follow tells it: bytes once, in order; a hole the reassembly gives up (the
   * peer acknowledged bytes the capture lacks, or the stream ended) shows as a chunk
   * `[N bytes missing in capture file]` (with tshark's trailing NUL) before the bytes after it; a hole at
   * the end (nothing after it arrived) shows nothing.
   */
  private sink(dir: Direction): StreamSink {
    /** Stream offset up to which this direction was shown (bytes or a marker). */
    let shown = 0;
    const from = (): string => (dir === 'c2s' ? this.client! : this.server!);
    const show = (bytes: Uint8Array, offset: number): void => {
      const end = offset + bytes.length;
      if (end <= shown) return;
      if (offset > shown) this.add(from(), missing(offset - shown));
      this.add(from(), offset >= shown ? bytes : bytes.subarray(shown - offset));
      shown = end;
    };
    return {
      data: (bytes, offset) => show(bytes, offset),
      // the marker goes before the bytes after the hole (none when nothing follows it, as tshark)
      gap: (_offset, length) => {
        this.missing += length;
      },
      end: () => {},
    };
  }

  private add(from: string, bytes: Uint8Array): void {
    if (bytes.length === 0) return;
    if (this.kept + bytes.length > this.cap) {
      this.droppedBytes += bytes.length;
      this.droppedChunks++;
      return;
    }
    this.kept += bytes.length;
    this.chunks.push({ from, bytes: bytes.slice() });
  }

  /** Every frame: the stream's first frame names node 0; UDP datagrams are the chunks. */
  frame(raw: { data: Uint8Array }, d: Dissection, a: FrameAnalysis | undefined): void {
    if (!a || a.transport !== this.spec.proto || a.stream !== this.spec.stream || !d.net) return;
    const l = d.layers.find((x) => x.kind === 'tcp' || x.kind === 'udp');
    if (!l || (l.kind !== 'tcp' && l.kind !== 'udp')) return;
    const src = endpoint(d.net.src, l.srcport);
    if (this.node0 === undefined) {
      this.node0 = src;
      this.node1 = endpoint(d.net.dst, l.dstport);
    }
    if (this.spec.proto === 'udp' && d.payloadLength > 0) {
      this.add(src, raw.data.subarray(d.payloadOffset, d.payloadOffset + d.payloadLength));
    }
  }

  render(): string {
    const { proto, mode, stream } = this.spec;
    let out = `\n${RULE}\nFollow: ${proto},${mode}\nFilter: ${proto}.stream eq ${stream}\n`;
    out += `Node 0: ${this.node0 ?? ':0'}\nNode 1: ${this.node1 ?? ':0'}\n`;
    const offset = [0, 0];
    for (const c of this.chunks) {
      const node = c.from === this.node0 ? 0 : 1;
      const tab = node ? '\t' : '';
      switch (mode) {
        case 'ascii': {
          let s = '';
          for (const b of c.bytes)
            s += b === 0x0a || b === 0x0d || (b >= 0x20 && b < 0x7f) ? String.fromCharCode(b) : '.';
          out += `${tab}${c.bytes.length}\n${s}\n`;
          break;
        }
        case 'raw': {
          let s = '';
          for (const b of c.bytes) s += HEX[b >> 4]! + HEX[b & 15]!;
          out += `${tab}${s}\n`;
          break;
        }
        case 'hex':
          out += hexLines(tab, offset[node]!, c.bytes);
          break;
        default: {
          const never: never = mode;
          throw new Error(`follow mode ${String(never)}`);
        }
      }
      offset[node]! += c.bytes.length;
    }
    return `${out}${RULE}\n`;
  }

  /** What the table leaves out, for standard error (tshark has no such line). */
  warnings(): string[] {
    const w: string[] = [];
    if (this.droppedChunks > 0) {
      w.push(
        `follow: ${this.droppedBytes} bytes in ${this.droppedChunks} chunks left out after the first ${this.kept} (limit follow-bytes)`,
      );
    }
    if (this.missing > 0) w.push(`follow: ${this.missing} bytes of the stream are missing from the capture`);
    return w;
  }
}

/** tshark's hex dump lines: offset, 16 bytes in two groups of 8, their printable characters. */
function hexLines(prefix: string, offset: number, bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 16) {
    const row = bytes.subarray(i, i + 16);
    let hex = '';
    let text = '';
    row.forEach((b, j) => {
      hex += `${HEX[b >> 4]}${HEX[b & 15]} `;
      text += b >= 0x20 && b < 0x7f ? String.fromCharCode(b) : '.';
      if (j === 7) {
        hex += ' ';
        text += ' ';
      }
    });
    out += `${prefix}${(offset + i).toString(16).toUpperCase().padStart(8, '0')}  ${hex.padEnd(50)}${text.endsWith(' ') ? text.slice(0, -1) : text}\n`;
  }
  return out;
}
