/**
 * pe.*: pcap-explain's own fields — what the analysis concluded about a frame and its conversation, which
 * Wireshark has no field for (docs/filters.md).
 */

import { typedConversation } from '../../protocols/model.js';
import type { FieldTable, FrameView } from '../types.js';
import { many, one } from './define.js';

/** Which side sent this frame: 'client' or 'server' (the conversation's roles). */
function role(v: FrameView): 'client' | 'server' | undefined {
  const c = v.conv;
  if (!c) return undefined;
  if (v.f.src === c.client) return 'client';
  if (v.f.src === c.server) return 'server';
  return undefined;
}

export const PE_FIELDS: FieldTable = {
  proto: 'pe',
  fields: [
    one('pe.conversation', 'uint', 'Conversation id (conversations[].id in the JSON; from 1)', (v) => v.f.conversation),
    one('pe.app', 'string', "Application protocol of the frame's conversation (a protocol module's name)", (v) =>
      typeof v.conv?.app === 'string' ? v.conv.app : undefined,
    ),
    one(
      'pe.pattern',
      'string',
      'Messaging pattern of the conversation (REQ/REP, PUB/SUB, PUSH/PULL, publisher, request/response…)',
      (v) => (typeof v.conv?.pattern === 'string' ? v.conv.pattern : undefined),
    ),
    one('pe.role', 'string', 'Role of the sender in its conversation: client or server', role),
    one('pe.socket_type', 'string', 'ZeroMQ socket type of the sender (REQ, REP, PUB, SUB…)', (v) => {
      const r = role(v);
      const s = v.conv ? typedConversation(v.conv).socket_types : undefined;
      return r && s ? (s[r] ?? undefined) : undefined;
    }),
    one('pe.state', 'string', 'Zeek conn_state of the conversation (SF, S0, REJ, RSTO…)', (v) => v.conv?.state),
    many(
      'pe.message',
      'string',
      'Kind of each application element the frame completes (PUBLISH, request, message, greeting…)',
      (v, out) => {
        for (const e of v.f.app ?? []) if (e.kind !== 'segment') out.push(e.kind);
      },
    ),
    many('pe.note', 'string', 'Code of each note on the frame (tcp.analysis.retransmission, app.gap…)', (v, out) => {
      for (const n of v.f.notes) out.push(n.code);
    }),
    one('pe.summary', 'string', 'The Info column', (v) => v.f.summary || undefined),
    one(
      'pe.explain',
      'string',
      "The frame's plain-language explanation (in the report's language)",
      (v) => v.f.explain,
    ),
  ],
};

/** Fields whose values exist only after the explanation step (the compiler reports when a filter uses them). */
export const EXPLAIN_FIELDS: ReadonlySet<string> = new Set(['pe.explain']);
