import type { Catalogue } from '../../explain/catalog/types.js';

/** English texts of this protocol: its frame sentences, story, overview and teaching entries, and its note codes. */
export const en: Catalogue = {
  'app.giop': 'CORBA (GIOP/IIOP)',
  'lbl.giop.request': 'the {op} request',
  'lbl.giop.reply': 'the {nth} GIOP reply',
  'lbl.giop.reply.op': 'the reply to {op}',
  'lbl.giop.other': 'the GIOP {kind}',
  'giop.v.ior': 'the IOR of {type} at {host}:{port}',
  'giop.v.ior.nohost': 'the IOR of {type}',
  'giop.v.void': 'void',
  'giop.v.bytes': '{count} {count:byte|bytes}',
  'giop.target.naming': "the naming service (object key 'NameService')",
  'giop.target.text': "the object with key '{key}'",
  'giop.target.hex': 'the object with key {key} (hex)',
  'giop.order.le': 'little-endian',
  'giop.order.be': 'big-endian',
  'giop.order.mixed': 'both byte orders',
  'giop.r.sysex': 'it raises the system exception {id} (minor code {minor}, completed: {completed})',
  'giop.r.userex': 'it raises the exception {id}',
  'giop.r.forward': 'the object is elsewhere, and the client is to use {ior} instead (LOCATION_FORWARD)',
  'giop.r.status': 'status {status}',
  'giop.r.empty': 'no exception, and no bytes of result',
  'giop.r.void': 'no exception, and no return value (void)',
  'giop.r.is_a.true': 'true, the object implements that interface',
  'giop.r.is_a.false': 'false, the object does not implement that interface',
  'giop.r.value': 'the result is {value}',
  'giop.r.string': 'the result is the string {value}',
  'giop.r.object': 'the result is {ior}',
  'giop.r.bytes': 'the result is {count} {count:byte|bytes} whose types only the IDL knows',
  'giop.locate.0': 'UNKNOWN_OBJECT, the server does not know the object',
  'giop.locate.1': 'OBJECT_HERE, the object is at this server, so requests for it go over this connection',
  'giop.locate.2': 'OBJECT_FORWARD, the object is elsewhere',
  'giop.locate.3': 'OBJECT_FORWARD_PERM, the object has moved for good',
  'giop.locate.4': 'LOC_SYSTEM_EXCEPTION, the server could not tell (a system exception)',
  'giop.locate.5': 'LOC_NEEDS_ADDRESSING_MODE, the server wants the object addressed in another form',
  'giop.locate.other': 'status {status}',
  'giop.locate.forward': 'the object is elsewhere: {ior}',
  'ex.giop.is_a':
    '{who} {addr} asks {target} at {server} whether it implements {type} (_is_a, GIOP {version} Request, request id {id}).',
  'ex.giop.bind':
    "{who} {addr} asks {target} at {server} to bind the name '{name}' to {ior} ({op}, GIOP {version} Request, request id {id}).",
  'ex.giop.bind.own':
    "{who} {addr} asks {target} at {server} to bind the name '{name}' to {ior} ({op}, GIOP {version} Request, request id {id}): it registers an object of its own (the IOR names its address, port {port}) so that clients can find it by name.",
  'ex.giop.resolve':
    "{who} {addr} asks {target} at {server} for the object named '{name}' (resolve, GIOP {version} Request, request id {id}).",
  'ex.giop.request': '{who} {addr} calls {call} on {target} at {server} (GIOP {version} Request, request id {id}).',
  'ex.giop.request.noargs':
    '{who} {addr} calls {call} on {target} at {server} (GIOP {version} Request, request id {id}); the call carries no arguments.',
  'ex.giop.oneway': 'It is a oneway call: no reply is expected.',
  'ex.giop.reply': '{who} {addr} answers the {op} request (GIOP {version} Reply, request id {id}): {outcome}.',
  'ex.giop.reply.lat':
    '{who} {addr} answers the {op} request of frame {req} (GIOP {version} Reply, request id {id}), {latency} later: {outcome}.',
  'ex.giop.reply.unpaired':
    '{who} {addr} sends a GIOP {version} Reply for request id {id}, whose request is not in the capture: {outcome}.',
  'ex.giop.locate':
    '{who} {addr} asks whether {target} is at this server (GIOP {version} LocateRequest, request id {id}): an ORB may ask this before it calls an object through a new reference.',
  'ex.giop.locate_reply': '{who} {addr} answers the LocateRequest (request id {id}): {what}.',
  'ex.giop.locate_reply.lat':
    '{who} {addr} answers the LocateRequest of frame {req} (request id {id}), {latency} later: {what}.',
  'ex.giop.locate_reply.unpaired':
    '{who} {addr} sends a LocateReply for request id {id}, whose LocateRequest is not in the capture: {what}.',
  'ex.giop.cancel': '{who} {addr} cancels request id {id} (CancelRequest): it no longer waits for the reply.',
  'ex.giop.close':
    '{who} {addr} announces that it is closing this connection (GIOP {version} CloseConnection): it will send nothing more on it.',
  'ex.giop.message_error':
    '{who} {addr} sends a GIOP {version} MessageError: it could not make sense of a message it received (its magic, version or format).',
  'ex.giop.fragment':
    '{who} {addr} sends a GIOP Fragment of {count} {count:byte|bytes}, continuing the message of request id {id}.',
  'ex.giop.fragment.noid':
    '{who} {addr} sends a GIOP Fragment of {count} {count:byte|bytes}, continuing the message before it.',
  'story.giop':
    '{who} {addr} sends {count} {count:request|requests} to {s_who} {s_addr} over GIOP {versions} ({order}): {pairs}.',
  'story.giop.nocalls': '{who} {addr} and {s_who} {s_addr} exchange GIOP {versions} messages ({order}) but no request.',
  'story.giop.is_a':
    '_is_a asks whether the object implements {type}: an ORB typically asks this when a program narrows an object reference to that interface.',
  'story.giop.bound': "With {op} the naming service now maps the name '{name}' to {ior}.",
  'story.giop.bound.next':
    "With {op} the naming service now maps the name '{name}' to {ior}; that address is where the object is called later (#{next}).",
  'story.giop.resolved': "The reply to resolve (frame {frame}) gives the object named '{name}': {ior}.",
  'story.giop.resolved.next':
    "The reply to resolve (frame {frame}) gives the object named '{name}': {ior}; the client then opens a connection to that address (#{next}).",
  'story.giop.located': 'The LocateReply of frame {frame} says OBJECT_HERE: the object is at this server.',
  'story.giop.close': '{who} {addr} sends GIOP CloseConnection (frame {frame}) before the TCP connection closes.',
  'ov.conv.giop': 'GIOP {versions}, {count} {count:call|calls} ({ops})',
  'ov.conv.giop.naming': 'GIOP {versions} to a naming service, {count} {count:call|calls} ({ops})',
  'role.giop.naming': 'CORBA naming service on :{port}',
  'role.giop.naming.client': 'CORBA client of the naming service {server}',
  'role.giop.server': 'CORBA server (GIOP) on :{port}',
  'role.giop.client': 'CORBA client of {server}',
  'teach.giop.naming':
    "CORBA's naming service is a directory: {client} looks up the name '{name}' (resolve, frame {resolve}) and receives {ior}, the object reference it calls the object through.",
  'teach.giop.naming.call':
    "CORBA's naming service is a directory: {client} looks up the name '{name}' (resolve, frame {resolve}) and receives {ior}; it then calls {call} on the object directly at that address (frame {call_frame}, #{next}), and the naming service takes no part in the call.",
  'teach.giop.naming.bound':
    "CORBA's naming service is a directory: {server} registers its object under the name '{name}' ({bind_op}, frame {bind}), and {client} looks the name up (resolve, frame {resolve}) and receives {ior}.",
  'teach.giop.naming.bound.call':
    "CORBA's naming service is a directory: {server} registers its object under the name '{name}' ({bind_op}, frame {bind}), {client} looks the name up (resolve, frame {resolve}) and receives {ior}, then calls {call} on the object directly at that address (frame {call_frame}, #{next}); the naming service takes no part in the call.",
  'giop.magic.bad': "These bytes do not start with the GIOP magic ('GIOP'); decoding skips ahead to the next message.",
  'giop.size.too_large': 'A GIOP message declares {size} bytes, more than pcap-explain accepts; its header is skipped.',
  'giop.field.past_end':
    "A field of this GIOP message runs past the message's declared size; the message is not decoded.",
  'giop.type.unknown': 'This GIOP message has an unknown message type ({type}); it is not decoded.',
  'giop.target.unknown': "The request's target address has an unknown form; the message is not decoded.",
  'giop.list.too_long':
    'A list in this GIOP message declares more entries than pcap-explain reads; the message is not decoded.',
  'giop.version.unsupported': 'This GIOP message has a version above 1.2; it is framed but not decoded.',
  'giop.fragment.v10': 'A Fragment in GIOP 1.0, which has no fragments (they came with GIOP 1.1); it is not decoded.',
  'giop.reply.unmatched':
    'A GIOP reply (frame {frame}) answers request id {request_id}, which was not seen on this connection.',
};
