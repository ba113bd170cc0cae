/** giop.* display-filter fields (Wireshark's names), read from what each frame completed. */
import { entries, flag, hasApp, many, pushEach } from '../../filter/fields/define.js';
import type { FieldTable, FrameView } from '../../filter/types.js';

const app = (proto: string) => (v: FrameView) => hasApp(v, proto);

export const GIOP_FIELDS: FieldTable = {
  proto: 'giop',
  title: 'General Inter-ORB Protocol',
  fields: [
    flag('giop', 'protocol', 'A GIOP message (CORBA over IIOP) ends in this frame', app('giop')),
    many(
      'giop.type',
      'uint',
      'Message type (0 Request, 1 Reply, 3 LocateRequest, 4 LocateReply, 5 CloseConnection…)',
      (v, out) => pushEach(entries(v, 'giop'), 'type', out),
    ),
    many('giop.len', 'uint', 'Message size (the bytes after the 12-byte header)', (v, out) =>
      pushEach(entries(v, 'giop'), 'size', out),
    ),
    many('giop.flags.little_endian', 'bool', 'The message is little-endian (flags bit 0)', (v, out) =>
      pushEach(entries(v, 'giop'), 'little_endian', out),
    ),
    many('giop.request_id', 'uint', 'Request id (pairs a Reply with its Request)', (v, out) =>
      pushEach(entries(v, 'giop'), 'request_id', out),
    ),
    many('giop.request_op', 'string', 'Operation of a Request (sayHello, _is_a, resolve…)', (v, out) => {
      for (const e of entries(v, 'giop'))
        if (e.kind === 'Request' && typeof e.operation === 'string') out.push(e.operation);
    }),
    many('giop.rsp_expected', 'uint', 'GIOP 1.0/1.1 Request: a reply is expected (1) or not (0)', (v, out) =>
      pushEach(entries(v, 'giop'), 'response_expected', out),
    ),
    many('giop.response_flag', 'uint', 'GIOP 1.2 Request: response flags (0 oneway, 3 with target)', (v, out) =>
      pushEach(entries(v, 'giop'), 'response_flags', out),
    ),
    many(
      'giop.replystatus',
      'uint',
      'Reply status (0 NO_EXCEPTION, 1 USER_EXCEPTION, 2 SYSTEM_EXCEPTION, 3 LOCATION_FORWARD…)',
      (v, out) => {
        for (const e of entries(v, 'giop')) if (e.kind === 'Reply' && typeof e.status === 'number') out.push(e.status);
      },
    ),
    many(
      'giop.locale_status',
      'uint',
      'LocateReply status (0 UNKNOWN_OBJECT, 1 OBJECT_HERE, 2 OBJECT_FORWARD…)',
      (v, out) => {
        for (const e of entries(v, 'giop'))
          if (e.kind === 'LocateReply' && typeof e.status === 'number') out.push(e.status);
      },
    ),
    many('giop.typeid', 'string', "Repository ids carried: _is_a's argument and the IORs' type ids", (v, out) =>
      pushEach(entries(v, 'giop'), 'type_ids', out),
    ),
    many('giop.iiop.host', 'string', "Host of an IOR's IIOP profile", (v, out) =>
      pushEach(entries(v, 'giop'), 'hosts', out),
    ),
    many('giop.iiop.port', 'uint', "Port of an IOR's IIOP profile", (v, out) =>
      pushEach(entries(v, 'giop'), 'ports', out),
    ),
  ],
};
