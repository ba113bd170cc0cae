/**
 * icep.* display-filter fields with Wireshark's names (its icep dissector's), read from the messages each
 * frame completed. As Wireshark, an empty identity category, facet or name reads "(empty)", and the
 * parameters' size and encoding are a request's (each call of a BatchRequest gives one occurrence).
 */
import { entries, flag, hasApp, many, messages } from '../../filter/fields/define.js';
import type { FieldTable, FrameView, Value } from '../../filter/types.js';
import type { IceCallRecord, IceRecord, IceUndecodedRecord } from './model.js';

type Decoded = Exclude<IceRecord, IceUndecodedRecord>;

/** The decoded Ice records a frame completed. */
const records = (v: FrameView): Decoded[] =>
  v.msgs.filter((m): m is Decoded => m.proto === 'icep' && (m as IceRecord).undecoded === undefined);

/** Each call a frame's Requests and BatchRequests carry. */
function calls(v: FrameView): IceCallRecord[] {
  const out: IceCallRecord[] = [];
  for (const m of records(v)) {
    if (m.kind === 'Request') out.push(m);
    else if (m.kind === 'BatchRequest') out.push(...m.requests);
  }
  return out;
}

/** Wireshark shows an empty Ice string as "(empty)". */
const text = (s: string): string => (s === '' ? '(empty)' : s);

const eachCall = (pick: (c: IceCallRecord) => Value) => (v: FrameView, out: Value[]) => {
  for (const c of calls(v)) out.push(pick(c));
};

export const ICE_FIELDS: FieldTable = {
  proto: 'icep',
  title: 'Internet Communications Engine Protocol',
  fields: [
    flag('icep', 'protocol', 'An Ice protocol message ends in this frame', (v) => hasApp(v, 'icep')),
    many(
      'icep.message_type',
      'int',
      'Message type: 0 Request, 1 BatchRequest, 2 Reply, 3 ValidateConnection, 4 CloseConnection',
      (v, out) => {
        for (const e of entries(v, 'icep')) if (typeof e.msgtype === 'number') out.push(e.msgtype);
      },
    ),
    many(
      'icep.compression_status',
      'int',
      'Compression status: 0 none, 1 none (compressed reply welcome), 2 bzip2',
      (v, out) => {
        for (const m of messages(v, 'icep')) if (typeof m.compression === 'number') out.push(m.compression);
      },
    ),
    many('icep.message_status', 'int', 'Message size in bytes, header included', (v, out) => {
      for (const m of messages(v, 'icep')) if (typeof m.size === 'number') out.push(m.size);
    }),
    many('icep.request_id', 'int', 'Request id of a Request or Reply (0: a oneway call)', (v, out) => {
      for (const m of records(v)) if (m.kind === 'Request' || m.kind === 'Reply') out.push(m.request_id);
    }),
    many(
      'icep.id.name',
      'string',
      "Name of the called object's identity",
      eachCall((c) => text(c.identity.name)),
    ),
    many(
      'icep.id.content',
      'string',
      "Category of the called object's identity",
      eachCall((c) => text(c.identity.category)),
    ),
    many(
      'icep.facet',
      'string',
      'Facet of the called object',
      eachCall((c) => text(c.facet)),
    ),
    many(
      'icep.operation',
      'string',
      'Operation called',
      eachCall((c) => text(c.operation)),
    ),
    many(
      'icep.operation_mode',
      'int',
      'Operation mode: 0 normal, 1 nonmutating, 2 idempotent',
      eachCall((c) => c.mode),
    ),
    many(
      'icep.params.size',
      'int',
      "Size of a call's encapsulated parameters (6-byte header included)",
      eachCall((c) => c.params.size),
    ),
    many(
      'icep.params.major',
      'int',
      "Encoding major version of a call's parameters",
      eachCall((c) => Number(c.params.encoding.split('.')[0])),
    ),
    many(
      'icep.params.minor',
      'int',
      "Encoding minor version of a call's parameters",
      eachCall((c) => Number(c.params.encoding.split('.')[1])),
    ),
  ],
};
