/** ' The payload is a pickled Python int …' for a message that carries a pickle, or ''. */
import type { Msg } from './app.js';
import { type Params, pickled, type Say, valueText } from './format.js';
export function pickleNote(say: Say, m: Msg): string {
  const pk = pickled(m);
  if (pk.length !== 1) return '';
  const x = pk[0]!;
  const p: Params = { type: x.type, bytes: x.bytes, value: valueText(say, x.value) };
  if (x.protocol !== undefined) p.protocol = x.protocol;
  return ` ${say(x.protocol !== undefined ? 'ex.pickle' : 'ex.pickle.noproto', p)}`;
}
