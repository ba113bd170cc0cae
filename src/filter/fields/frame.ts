/** frame.*: what the capture file says of each frame (Wireshark's frame protocol). */
import type { FieldTable } from '../types.js';
import { flag, one } from './define.js';

export const FRAME_FIELDS: FieldTable = {
  proto: 'frame',
  fields: [
    flag('frame', 'protocol', 'Every frame', () => true),
    one('frame.number', 'uint', 'Frame number (from 1)', (v) => v.f.n),
    one('frame.len', 'uint', 'Length on the wire (bytes)', (v) => v.f.len),
    one(
      'frame.cap_len',
      'uint',
      'Length captured (bytes; less than frame.len when the snapshot length cut it)',
      (v) => v.f.caplen,
    ),
    one('frame.time_relative', 'float', 'Seconds since the first frame', (v) => v.f.rel, { decimals: 9 }),
    one('frame.time_delta', 'float', 'Seconds since the previous captured frame', (v) => v.delta, { decimals: 9 }),
  ],
};
