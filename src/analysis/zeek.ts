/**
 * Zeek's connection summary: endpoint states, conn_state as a pure function of both endpoints' states,
 * and the history string.
 *
 * Endpoint state transitions follow Zeek's TCP session adapter (UpdateInactiveState,
 * UpdateSYN_SentState, UpdateEstablishedState, UpdateClosedState, UpdateResetState); conn_state is
 * Zeek's conn_state() from base/protocols/conn/main.zeek.
 *
 * History letters (upper case = originator, lower case = responder):
 *   S SYN without ACK · H SYN+ACK · A pure ACK · D packet with payload · F FIN · R RST
 *   I FIN+RST · Q SYN+FIN or SYN+RST · T retransmitted payload · W zero window · G content gap
 *   ^ the originator is not the sender of the first packet (roles decided by SYN or port heuristic)
 * Zeek's rules, which we follow: A, D, I, Q are recorded at most once per direction; S, H, F, R once,
 * and again when the packet's sequence number differs from the last one of that kind (a new SYN, a
 * new FIN position); T, W, G are recorded on the 1st, 10th, 100th, ... occurrence (logarithmic scale).
 * A packet with more than one of SYN/FIN/RST gives only I or Q; a data packet with SYN or FIN gives
 * S/H or F, not D (as in Zeek). C (bad checksum) is never recorded: checksums are not verified.
 * Differences from Zeek: the repeat test for S/H/F/R compares raw sequence numbers (Zeek compares them
 * relative to its start of the sequence space, which is the same unless a SYN moves the start); T
 * uses Zeek's rule "payload that does not extend the highest sequence number sent so far". Segments cut
 * by the snapshot length are counted with their header lengths and their missing tails are content gaps
 * (G), as bytes the capture does not hold.
 */
import { TCP_FLAG } from '../dissectors/types.js';
import { seqDiff } from './seq.js';

/** Zeek's TCP endpoint states (TCP_INACTIVE, TCP_SYN_SENT, ...). */
export const EndpointState = {
  Inactive: 0,
  SynSent: 1,
  SynAckSent: 2,
  Partial: 3,
  Established: 4,
  Closed: 5,
  Reset: 6,
} as const;
export type EndpointState = (typeof EndpointState)[keyof typeof EndpointState];

/** Zeek's conn_state: a pure function of the two endpoint states (and the history for RSTOS0). */
export function tcpConnState(
  os: EndpointState,
  rs: EndpointState,
  origSize: number,
  respSize: number,
  history: string,
): string {
  const oInactive = os === EndpointState.Inactive || os === EndpointState.Partial;
  const rInactive = rs === EndpointState.Inactive || rs === EndpointState.Partial;
  if (rs === EndpointState.Reset) {
    if (
      os === EndpointState.SynSent ||
      os === EndpointState.SynAckSent ||
      (os === EndpointState.Reset && origSize === 0 && respSize === 0)
    )
      return 'REJ';
    return oInactive ? 'RSTRH' : 'RSTR';
  }
  if (os === EndpointState.Reset) {
    if (rInactive) return /^\^?S[^HAFGIQ]*R/.test(history) ? 'RSTOS0' : 'OTH';
    return 'RSTO';
  }
  if (rs === EndpointState.Closed && os === EndpointState.Closed) return 'SF';
  if (os === EndpointState.Closed) return rInactive ? 'SH' : 'S2';
  if (rs === EndpointState.Closed) return oInactive ? 'SHR' : 'S3';
  if (os === EndpointState.SynSent && rs === EndpointState.Inactive) return 'S0';
  if (os === EndpointState.Established && rs === EndpointState.Established) return 'S1';
  return 'OTH';
}

/** Zeek's conn_state for UDP: which sides sent anything. */
export function udpConnState(origActive: boolean, respActive: boolean): string {
  if (origActive) return respActive ? 'SF' : 'S0';
  return respActive ? 'SHR' : 'OTH';
}

/** Meaning of each conn_state value (Zeek's documentation), for the explanation catalogue. */
export const CONN_STATE_MEANING: Readonly<Record<string, string>> = {
  S0: 'Connection attempt seen, no reply.',
  S1: 'Connection established, not terminated.',
  SF: 'Normal establishment and termination.',
  REJ: 'Connection attempt rejected.',
  S2: 'Connection established and close attempt by originator seen (but no reply from responder).',
  S3: 'Connection established and close attempt by responder seen (but no reply from originator).',
  RSTO: 'Connection established, originator aborted (sent a RST).',
  RSTR: 'Responder sent a RST.',
  RSTOS0: 'Originator sent a SYN followed by a RST, we never saw a SYN-ACK from the responder.',
  RSTRH: 'Responder sent a SYN ACK followed by a RST, we never saw a SYN from the (purported) originator.',
  SH: 'Originator sent a SYN followed by a FIN, we never saw a SYN ACK from the responder (hence the connection was "half" open).',
  SHR: 'Responder sent a SYN ACK followed by a FIN, we never saw a SYN from the originator.',
  OTH: 'No SYN seen, just midstream traffic (one example of this is a "partial connection" that was not later closed).',
};

const H_SYN = 1;
const H_FIN = 2;
const H_RST = 4;
const H_ACK = 8;
const H_DATA = 16;
const H_FINRST = 32;
const H_MULTI = 64;

/** One side's state for Zeek's state machine and history. */
export class ZeekEndpoint {
  state: EndpointState = EndpointState.Inactive;
  prevState: EndpointState = EndpointState.Inactive;
  /** Highest sequence number one past the data sent (Zeek's LastSeq), valid when `inited`. */
  lastSeq = 0;
  inited = false;
  hist = 0;
  lastSyn = -1;
  lastFin = -1;
  lastRst = -1;
  rxmit = 0;
  rxmitThresh = 1;
  zeroWin = 0;
  zeroWinThresh = 1;
  gaps = 0;
  gapThresh = 1;
  finCount = 0;

  constructor(readonly isOrig: boolean) {}

  setState(s: EndpointState): void {
    this.prevState = this.state;
    this.state = s;
  }
}

/** Zeek's connection bookkeeping for one TCP connection: both endpoints and the history string. */
export class ZeekTcp {
  readonly orig = new ZeekEndpoint(true);
  readonly resp = new ZeekEndpoint(false);
  history = '';

  constructor(flipped: boolean) {
    if (flipped) this.history = '^';
  }

  private add(ep: ZeekEndpoint, code: string): void {
    this.history += ep.isOrig ? code : code.toLowerCase();
  }

  /** Record the letter once per direction; returns true when it had been recorded before. */
  private check(ep: ZeekEndpoint, bit: number, code: string): boolean {
    if (ep.hist & bit) return true;
    ep.hist |= bit;
    this.add(ep, code);
    return false;
  }

  /** Logarithmic letters: on the 1st, 10th, 100th ... event. */
  private scaled(ep: ZeekEndpoint, code: 'T' | 'W' | 'G', count: number, thresh: number): number {
    if (count >= thresh) {
      this.add(ep, code);
      return thresh * 10;
    }
    return thresh;
  }

  /** A content gap in the data sent by this side. */
  gap(isOrig: boolean, count = 1): void {
    const ep = isOrig ? this.orig : this.resp;
    for (let i = 0; i < count; i++) {
      ep.gaps++;
      ep.gapThresh = this.scaled(ep, 'G', ep.gaps, ep.gapThresh);
    }
  }

  /** One TCP packet: seq/len as on the wire, window unscaled (only its being 0 matters). */
  packet(isOrig: boolean, flags: number, seq: number, len: number, window: number): void {
    const ep = isOrig ? this.orig : this.resp;
    const peer = isOrig ? this.resp : this.orig;
    const syn = (flags & TCP_FLAG.SYN) !== 0;
    const fin = (flags & TCP_FLAG.FIN) !== 0;
    const rst = (flags & TCP_FLAG.RST) !== 0;
    const ack = (flags & TCP_FLAG.ACK) !== 0;

    // Sequence space (init_endpoint + get_segment_len).
    let segLen = len + (syn ? 1 : 0) + (fin ? 1 : 0);
    if (rst) segLen -= len;
    const onePast = (seq + segLen) >>> 0;
    if (!ep.inited) {
      ep.lastSeq = syn ? onePast : seq;
      ep.inited = true;
    } else if (
      syn &&
      (ep.state === EndpointState.SynSent ||
        ep.state === EndpointState.SynAckSent ||
        ep.state === EndpointState.Established ||
        ep.state === EndpointState.Partial)
    ) {
      ep.lastSeq = onePast;
    }

    // History letters for flags (update_history).
    const bits = (syn ? 1 : 0) + (fin ? 1 : 0) + (rst ? 1 : 0);
    if (bits > 1) {
      if (fin && rst) this.check(ep, H_FINRST, 'I');
      else this.check(ep, H_MULTI, 'Q');
    } else if (bits === 1) {
      if (syn) {
        const code = ack ? 'H' : 'S';
        if (this.check(ep, H_SYN, code) && seq !== ep.lastSyn) this.add(ep, code);
        ep.lastSyn = seq;
      }
      if (fin) {
        const at = (seq + len) >>> 0;
        if (this.check(ep, H_FIN, 'F') && at !== ep.lastFin) this.add(ep, 'F');
        ep.lastFin = at;
      }
      if (rst) {
        if (this.check(ep, H_RST, 'R') && seq !== ep.lastRst) this.add(ep, 'R');
        ep.lastRst = seq;
      }
    } else if (len > 0) {
      this.check(ep, H_DATA, 'D');
    } else if (ack) {
      this.check(ep, H_ACK, 'A');
    }

    // Zero window (update_window).
    if (window === 0 && !rst && peer.state !== EndpointState.Closed && ep.state !== EndpointState.Reset) {
      ep.zeroWin++;
      ep.zeroWinThresh = this.scaled(ep, 'W', ep.zeroWin, ep.zeroWinThresh);
    }
    if (fin) ep.finCount++;

    // Retransmitted payload (update_last_seq).
    const delta = seqDiff(onePast, ep.lastSeq);
    if ((syn || rst) && (delta > 1048576 || delta < -1048576)) {
      // untrusted jump
    } else if (ep.state === EndpointState.Reset) {
      // sequence numbers after a RST are not trusted
    } else if (delta > 0) {
      ep.lastSeq = onePast;
    } else if (len > 0) {
      ep.rxmit++;
      ep.rxmitThresh = this.scaled(ep, 'T', ep.rxmit, ep.rxmitThresh);
    }

    this.stateMachine(ep, peer, isOrig, syn, fin, rst, ack, len);
  }

  private stateMachine(
    ep: ZeekEndpoint,
    peer: ZeekEndpoint,
    isOrig: boolean,
    syn: boolean,
    fin: boolean,
    rst: boolean,
    ack: boolean,
    len: number,
  ): void {
    switch (ep.state) {
      case EndpointState.Inactive: {
        if (syn) {
          if (isOrig) {
            ep.setState(ack ? EndpointState.SynAckSent : EndpointState.SynSent);
          } else {
            if (peer.state === EndpointState.SynSent) peer.setState(EndpointState.Established);
            ep.setState(EndpointState.Established);
          }
        }
        if (fin) ep.setState(EndpointState.Closed);
        if (rst) ep.setState(EndpointState.Reset);
        if (ep.state === EndpointState.Inactive) {
          if (!isOrig && len === 0 && this.orig.state === EndpointState.SynSent) {
            // an ACK of the SYN before the SYN/ACK: not a partial connection
          } else if (ack && peer.state === EndpointState.Established) {
            ep.setState(EndpointState.Established);
          } else {
            ep.setState(EndpointState.Partial);
          }
        }
        break;
      }
      case EndpointState.SynSent:
      case EndpointState.SynAckSent:
        if (fin) ep.setState(EndpointState.Closed);
        if (rst) ep.setState(EndpointState.Reset);
        break;
      case EndpointState.Established:
      case EndpointState.Partial:
        if (syn && ep.state === EndpointState.Partial && peer.state === EndpointState.Inactive && !ack) {
          ep.setState(EndpointState.SynSent);
        }
        if (fin && !rst) {
          ep.setState(EndpointState.Closed);
          if (peer.state === EndpointState.Reset && peer.prevState === EndpointState.Closed) {
            peer.setState(EndpointState.Closed);
          }
        }
        if (rst) ep.setState(EndpointState.Reset);
        break;
      case EndpointState.Closed:
        if (rst && peer.state !== EndpointState.Closed) ep.setState(EndpointState.Reset);
        break;
      case EndpointState.Reset:
        break;
    }
  }

  connState(origBytes: number, respBytes: number): string {
    return tcpConnState(this.orig.state, this.resp.state, origBytes, respBytes, this.history);
  }
}

/** Zeek's UDP bookkeeping: D/d once per direction for packets with payload; ^ when flipped. */
export class ZeekUdp {
  history = '';
  origActive = false;
  respActive = false;
  private dataBits = 0;

  constructor(flipped: boolean) {
    if (flipped) this.history = '^';
  }

  packet(isOrig: boolean, len: number): void {
    if (isOrig) this.origActive = true;
    else this.respActive = true;
    if (len > 0) {
      const bit = isOrig ? 1 : 2;
      if (!(this.dataBits & bit)) {
        this.dataBits |= bit;
        this.history += isOrig ? 'D' : 'd';
      }
    }
  }

  connState(): string {
    return udpConnState(this.origActive, this.respActive);
  }
}
