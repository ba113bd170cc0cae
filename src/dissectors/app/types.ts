/**
 * Shared shapes of the application protocols' decoders (src/protocols/<name>/decode.ts) and payloads.
 *
 * These dissectors are pure: no I/O, no tables across connections. A stream protocol supplies a
 * framer in the spirit of Wireshark's tcp_dissect_pdus ("how long is the PDU at this offset?") and a
 * decoder for one whole PDU; the TCP reassembly layer (src/analysis) does the buffering. The
 * reassembly layer is higher in the pipeline, so the framer contract is defined here, not imported.
 */
import type { Note, Severity } from '../types.js';

export type { Note, Severity };

/**
 * What a framer says about the bytes at `off`:
 * - `pdu`: one PDU of `length` bytes starts at `off`, and all of it is in [off, end).
 *   Framers answer `pdu` only when the whole PDU is present, so the answer never changes once given.
 * - `need`: at least `atLeast` bytes counted from `off` are needed before asking again (the framer may
 *   still be reading a length field; it then asks for just enough to read the rest of it). `whole`: the
 *   header was read and `atLeast` is the PDU's whole length (so bytes a capture cut inside it do not
 *   hide where the next PDU starts).
 * - `malformed`: the bytes cannot start a PDU; drop `skip` (>= 1) bytes and try again. `skip` may be
 *   larger than the bytes at hand (a declared length too big to buffer): the caller discards bytes as
 *   they arrive; `Number.MAX_SAFE_INTEGER` means "nothing after this point can be framed".
 */
export type Framing =
  | { kind: 'pdu'; length: number }
  | { kind: 'need'; atLeast: number; whole?: boolean }
  | { kind: 'malformed'; code: string; params?: Record<string, string | number>; skip: number };

/**
 * A framer over one direction of a byte stream.
 * `frame()` never mutates `state`; per-direction state advances in the protocol's `decode()`. The caller
 * decodes each PDU before framing the next one (as tcp_dissect_pdus does), since what comes after a
 * greeting can depend on it.
 */
export interface PduProtocol<S> {
  frame(buf: Uint8Array, off: number, end: number, state: S): Framing;
}

/** A decoded PDU: a typed, readonly message plus expert notes. Decoding never throws. */
export interface Decoded<M> {
  readonly message: M;
  readonly notes: readonly Note[];
}

/** A byte range inside the PDU handed to `decode()`, kept for fields an explanation may point at. */
export interface Range {
  readonly offset: number;
  readonly length: number;
}

/** Everything a stream protocol module offers the reassembly layer. */
export interface AppProtocol<S, M> extends PduProtocol<S> {
  /** Short protocol name (Wireshark's where it has one). */
  readonly name: string;
  /** Every note code the module can emit, with its severity. */
  readonly notes: Readonly<Record<string, Severity>>;
  decode(pdu: Uint8Array, state: S): Decoded<M>;
}

/** Builds notes with severities from a module's registry; an unregistered code becomes an error note. */
export class NoteSink {
  readonly notes: Note[] = [];
  constructor(private readonly registry: Readonly<Record<string, Severity>>) {}

  add(code: string, params?: Record<string, string | number>, range?: Range): void {
    const severity = Object.hasOwn(this.registry, code) ? this.registry[code]! : 'error';
    const n: Note = { code, severity };
    if (params) n.params = params;
    if (range) {
      n.offset = range.offset;
      n.length = range.length;
    }
    this.notes.push(n);
  }
}
