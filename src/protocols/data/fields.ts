/** data.* display-filter fields (Wireshark's names where Wireshark has the field), read from what each frame completed. */

import { entries, flag, many, pushEach } from '../../filter/fields/define.js';
import type { FieldTable } from '../../filter/types.js';

export const DATA_FIELDS: FieldTable = {
  proto: 'data',
  title: 'Data',
  fields: [
    flag('data', 'protocol', 'Payload no application dissector decoded', (v) => v.f.protocols.includes('data')),
    many('data.len', 'uint', 'Bytes of such payload', (v, out) => pushEach(entries(v, 'data'), 'length', out)),
  ],
};
