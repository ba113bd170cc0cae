/**
 * The same packet seen on two interfaces of one capture. `tcpdump -i any` on a Docker host captures a
 * packet crossing the bridge where it enters (the sender's veth, packet type "outgoing" seen from the host
 * side, or "to us") and again where it leaves (the receiver's veth); a broadcast once per port. Wireshark
 * reads the second copy as a TCP retransmission or duplicate ACK; it is neither, and the TCP analysis must
 * not see it twice.
 *
 * A frame is a copy of an earlier frame when both have a cooked header (LINUX_SLL / SLL2, the only link
 * types that name an interface) with a different interface index or packet type, their network-layer bytes
 * are identical (IP header with its ID, transport header, payload; ARP alike) and they are at most WINDOW_NS
 * apart. A real retransmission is never identical: Linux gives it a new IP ID (and a new TCP timestamp).
 *
 * Bounded: the last RING frames with a cooked header; other link types cost one check per frame.
 */
import type { Dissection, Layer } from '../dissectors/types.js';
import type { TcpSegmentAnalysis } from './conversations.js';

/** Copies are microseconds apart; 10 ms leaves room for a busy host and is what the ARP story uses. */
const WINDOW_NS = 10_000_000;
const RING = 16;
/** Cooked header length: SLL v1 16 bytes, SLL2 20 bytes. */
const SLL_LEN = { 1: 16, 2: 20 } as const;

interface Seen {
  n: number;
  t: number;
  ifindex: number;
  pkttype: number;
  bytes: Uint8Array;
  /** The original's TCP sequence analysis (relative numbers), for the copy's Info line. */
  tcp: TcpSegmentAnalysis | undefined;
  /** The original's stream (tshark's tcp.stream / udp.stream), which tshark's tables count the copy in. */
  stream: CopyStream | undefined;
}

/** The stream a copy's original belongs to. */
export interface CopyStream {
  transport: 'tcp' | 'udp';
  stream: number;
}

export interface CopyOf {
  /** The frame this one repeats. */
  n: number;
  /** Its TCP sequence numbers (relative, as the original had them), without analysis flags. */
  tcp: TcpSegmentAnalysis | undefined;
  /** Its stream, when it belongs to one. */
  stream: CopyStream | undefined;
}

export class InterfaceCopies {
  private readonly ring: (Seen | undefined)[] = new Array(RING);
  private next = 0;
  private last: Seen | undefined;

  /**
   * The earlier frame that `data` repeats on another interface, or undefined. Call once per frame, in
   * order; then remember() the frame's TCP analysis when it is not a copy.
   */
  check(n: number, tsSec: number, tsNsec: number, d: Dissection, data: Uint8Array): CopyOf | undefined {
    this.last = undefined;
    const sll = d.layers[0] as Layer | undefined;
    if (sll?.kind !== 'sll') return undefined;
    const off = SLL_LEN[sll.version];
    if (data.length <= off) return undefined;
    const bytes = data.subarray(off);
    const t = tsSec * 1e9 + tsNsec;
    const ifindex = sll.ifindex ?? -1;
    for (let k = 0; k < RING; k++) {
      const s = this.ring[k];
      if (!s || t - s.t > WINDOW_NS || t < s.t) continue;
      if (s.ifindex === ifindex && s.pkttype === sll.pkttype) continue;
      if (s.bytes.length === bytes.length && same(s.bytes, bytes)) {
        // a third copy (a broadcast on a third port) names the first frame too
        return { n: s.n, tcp: s.tcp, stream: s.stream };
      }
    }
    const s: Seen = { n, t, ifindex, pkttype: sll.pkttype, bytes: bytes.slice(), tcp: undefined, stream: undefined };
    this.ring[this.next] = s;
    this.next = (this.next + 1) % RING;
    this.last = s;
    return undefined;
  }

  /** The TCP analysis of the frame just checked (not a copy), which its copies will show. */
  remember(tcp: TcpSegmentAnalysis | undefined, stream?: CopyStream): void {
    if (this.last && stream) this.last.stream = { transport: stream.transport, stream: stream.stream };
    if (this.last && tcp) {
      const { seq, ack, nextseq, window_size } = tcp;
      this.last.tcp = window_size !== undefined ? { seq, ack, nextseq, window_size } : { seq, ack, nextseq };
    }
  }
}

function same(a: Uint8Array, b: Uint8Array): boolean {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
