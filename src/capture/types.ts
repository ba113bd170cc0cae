import type { HostName } from './names.js';
/**
 * Frames as they come out of a capture file or a live capture, before any dissection.
 * A capture reader is a push parser: feed it chunks, it hands out frames; it never holds the whole file.
 */

/** Link-layer header types (LINKTYPE_* from tcpdump.org/linktypes.html). */
export const LINKTYPE = {
  NULL: 0,
  ETHERNET: 1,
  RAW: 101,
  LINUX_SLL: 113,
  IPV4: 228,
  IPV6: 229,
  LINUX_SLL2: 276,
} as const;

export interface RawFrame {
  /** 1-based frame number in the capture (Wireshark's frame.number). */
  n: number;
  /** Whole seconds since the Unix epoch. */
  tsSec: number;
  /** Fraction of the second in nanoseconds (0..999_999_999). */
  tsNsec: number;
  /** Digits of sub-second precision the capture recorded (6 for µs pcap, 9 for ns, from if_tsresol for pcapng). */
  tsDigits: number;
  /** Bytes captured (frame.cap_len). */
  caplen: number;
  /** Bytes on the wire (frame.len). */
  len: number;
  linktype: number;
  /** pcapng interface id, numbered across sections like Wireshark's frame.interface_id (index into CaptureHeaderInfo.interfaces; 0 for classic pcap). */
  ifIndex: number;
  /** The captured bytes; a view that is only valid until the next frame is read unless copied. */
  data: Uint8Array;
  /** pcapng packet comments (opt_comment). */
  comments?: string[];
  /** Byte offset of this frame's record in the (decompressed) capture stream. */
  fileOffset: number;
}

export type CaptureFormat = 'pcap' | 'pcapng';

export interface CaptureInterface {
  id: number;
  linktype: number;
  snaplen: number;
  name?: string;
  description?: string;
  /** Sub-second digits (pcapng if_tsresol, rounded for binary resolutions). */
  tsDigits: number;
  /** Bytes of frame check sequence at the end of each frame, when the file says (pcap FCS bits, pcapng if_fcslen). */
  fcsLen?: number;
  /** pcapng: 0-based section the interface belongs to (`id` is numbered across sections, as Wireshark's frame.interface_id). */
  section?: number;
}

/** A problem with the capture file itself (not with a packet). */
export interface CaptureWarning {
  code: string;
  /** Byte offset in the (decompressed) stream where the problem starts, when known. */
  offset?: number;
  /** Parameters for the explanation catalogue. */
  params?: Record<string, string | number>;
}

export interface CaptureHeaderInfo {
  format: CaptureFormat;
  /** 'le' | 'be': byte order of the (first) section. */
  byteOrder: 'le' | 'be';
  versionMajor: number;
  versionMinor: number;
  interfaces: CaptureInterface[];
  /** Section / file comments (pcapng shb_comment). */
  comments: string[];
  /** gzip-compressed on disk. */
  compressed: boolean;
  /** pcapng: number of sections read so far. */
  sections?: number;
  /** pcapng shb_hardware / shb_os / shb_userappl of the first section that has them. */
  hardware?: string;
  os?: string;
  application?: string;
  /** pcapng Name Resolution Blocks: each address with its first name (the first NRB entry wins). */
  names?: HostName[];
}
