/** zmtp.* display-filter fields (Wireshark's names where Wireshark has the field), read from what each frame completed. */
import { settle } from '../../analysis/app/budget.js';
import { entries, flag, hasApp, many, messages, pushEach } from '../../filter/fields/define.js';
import type { FieldTable, FrameView } from '../../filter/types.js';

const app = (proto: string) => (v: FrameView) => hasApp(v, proto);

export const ZMTP_FIELDS: FieldTable = {
  proto: 'zmtp',
  title: 'ZeroMQ Message Transport Protocol',
  fields: [
    flag('zmtp', 'protocol', 'A ZMTP greeting, command or message ends in this frame', app('zmtp')),
    many('zmtp.mechanism', 'string', 'Security mechanism of a greeting (NULL, PLAIN, CURVE)', (v, out) =>
      pushEach(entries(v, 'zmtp'), 'mechanism', out),
    ),
    many('zmtp.command-name', 'string', 'Command name (READY, SUBSCRIBE, PING, ERROR…)', (v, out) => {
      for (const e of entries(v, 'zmtp')) if (e.kind === 'command' && typeof e.name === 'string') out.push(e.name);
    }),
    many(
      'zmtp.metadata.key',
      'string',
      'Metadata property name of a READY/INITIATE command (Socket-Type, Identity…)',
      (v, out) => {
        for (const e of entries(v, 'zmtp'))
          if ('properties' in e && e.properties) out.push(...Object.keys(e.properties));
      },
    ),
    many('zmtp.metadata.value', 'string', 'Metadata property value (REQ, REP, PUB…)', (v, out) => {
      for (const e of entries(v, 'zmtp'))
        if ('properties' in e && e.properties) for (const x of Object.values(e.properties)) out.push(x);
    }),
    many(
      'zmtp.flags.more',
      'bool',
      'MORE flag of each frame (part) of a message: 1 on every part but the last',
      (v, out) => {
        for (const e of entries(v, 'zmtp')) {
          if (e.kind !== 'message' || typeof e.parts !== 'number') continue;
          for (let i = 1; i < e.parts; i++) out.push(1);
          out.push(0);
        }
      },
    ),
    many('zmtp.data.text', 'string', 'Each non-empty message part that is text', (v, out) => {
      for (const m of messages(v, 'zmtp')) {
        if (m.kind !== 'message' || !Array.isArray(m.parts)) continue;
        settle(m); // payloads decoded late (summary mode) are decoded now, as the explanation does
        for (const p of m.parts as Array<{ payload?: { encoding: string; value: unknown } }>)
          if (p.payload?.encoding === 'text' && typeof p.payload.value === 'string' && p.payload.value !== '')
            out.push(p.payload.value);
      }
    }),
  ],
};
