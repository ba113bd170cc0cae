import type { Catalogue } from '../../explain/catalog/types.js';

/** English texts of this protocol: its frame sentences, story, overview and teaching entries, and its note codes. */
export const en: Catalogue = {
  'app.icep': 'ZeroC Ice',
  'lbl.icep': 'the {kind} message',
  'lbl.icep.request': 'the {name} request',
  'ex.icep.validate':
    '{who} {addr} tells the client that the connection is ready (ValidateConnection, Ice protocol {version}): over TCP the Ice server speaks first, and the client sends no request before this message.',
  'ex.icep.validate.client': '{who} {addr} sends ValidateConnection (Ice protocol {version}).',
  'ex.icep.request':
    "{who} {addr} calls the operation {operation} on the object '{object}' (Request, request id {id}, mode {mode}); {params}.",
  'ex.icep.request.oneway':
    "{who} {addr} calls the operation {operation} on the object '{object}' as a oneway call (Request with request id 0, mode {mode}); {params}. A oneway call gets no reply: the server sends none.",
  'ex.icep.request.isa':
    "{who} {addr} asks the object '{object}' whether it implements the type '{type}' (Request, request id {id}: ice_isA, mode {mode}). ice_isA is an operation every Ice object has; a checkedCast sends it before the client uses the object.",
  'ex.icep.request.isa.oneway':
    "{who} {addr} asks the object '{object}' whether it implements the type '{type}' as a oneway call (ice_isA with request id 0), so no answer will come.",
  'ex.icep.facet': "The call goes to the facet '{facet}' of the object.",
  'ex.icep.context': 'It carries a request context: {list}.',
  'ex.icep.request.replied': 'The reply is in frame {rep}.',
  'ex.icep.request.noreply': 'No reply to it is in the capture.',
  'ex.icep.batch':
    '{who} {addr} sends {count} oneway {count:call|calls} together in one message (BatchRequest): {calls}. Batched calls are oneway: no reply follows.',
  'ex.icep.reply': 'The {who} answers request {id} ({call}) with Success: {result}.',
  'ex.icep.reply.lat':
    'The {who} answers request {id} ({call}) of frame {req} with Success, {latency} after it: {result}.',
  'ex.icep.reply.user':
    'The {who} answers request {id} ({call}) with a user exception (UserException, {length} bytes): the operation raised an exception its Slice definition declares.',
  'ex.icep.reply.user.lat':
    'The {who} answers request {id} ({call}) of frame {req}, {latency} after it, with a user exception (UserException, {length} bytes): the operation raised an exception its Slice definition declares.',
  'ex.icep.reply.noobject':
    "The {who} answers request {id} ({call}) with ObjectNotExist: no object '{object}' exists on this server.",
  'ex.icep.reply.noobject.lat':
    "The {who} answers request {id} ({call}) of frame {req}, {latency} after it, with ObjectNotExist: no object '{object}' exists on this server.",
  'ex.icep.reply.nofacet':
    "The {who} answers request {id} ({call}) with FacetNotExist: the object '{object}' has no facet '{facet}'.",
  'ex.icep.reply.nofacet.lat':
    "The {who} answers request {id} ({call}) of frame {req}, {latency} after it, with FacetNotExist: the object '{object}' has no facet '{facet}'.",
  'ex.icep.reply.noop':
    "The {who} answers request {id} ({call}) with OperationNotExist: the object '{object}' has no operation '{operation}'.",
  'ex.icep.reply.noop.lat':
    "The {who} answers request {id} ({call}) of frame {req}, {latency} after it, with OperationNotExist: the object '{object}' has no operation '{operation}'.",
  'ex.icep.reply.unknown': "The {who} answers request {id} ({call}) with {status}: '{reason}'.",
  'ex.icep.reply.unknown.lat':
    "The {who} answers request {id} ({call}) of frame {req}, {latency} after it, with {status}: '{reason}'.",
  'ex.icep.close':
    '{who} {addr} tells {peer_who} {peer_addr} that it is closing the connection (CloseConnection): the graceful close of an Ice connection.',
  'ex.icep.undecoded': '{who} {addr} sends an Ice {kind} message of {size} bytes whose body could not be decoded.',
  'fmt.icep.bytes': '{length} {length:byte|bytes}',
  'fmt.icep.params.string': 'its parameters ({length} bytes, encoding {encoding}) read as one string: {value}',
  'fmt.icep.params.none': 'it has no parameters',
  'fmt.icep.params.bytes': 'its parameters are {length} bytes (encoding {encoding})',
  'fmt.icep.ok': 'Success, {result}',
  'fmt.icep.ok.void': 'Success, no return value',
  'fmt.icep.result.isa_true': 'true, the object implements that type',
  'fmt.icep.result.isa_false': 'false, the object does not implement that type',
  'fmt.icep.result.void': 'the operation returns no value',
  'fmt.icep.result.string': 'the result reads as one string, {value}',
  'fmt.icep.result.bytes': 'a result of {length} {length:byte|bytes} (encoding {encoding})',
  'fmt.icep.call.unknown': 'a request not seen in the capture',
  'fmt.icep.twoway': '{count} twoway',
  'fmt.icep.oneway': '{count} oneway',
  'fmt.icep.batched': '{count} batched',
  'story.icep.validate':
    '{who} {addr} tells the client that the connection is ready (ValidateConnection, Ice protocol {version}): over TCP the Ice server speaks first, and the client waits for this message before its first request.',
  'story.icep.validate.client': '{who} {addr} sends ValidateConnection (Ice protocol {version}).',
  'story.icep.twoway':
    '{who} {addr} makes {count} twoway {count:call|calls}, and {s_who} {s_addr} answers each one with a Reply carrying the same request id: {pairs}.',
  'story.icep.twoway.some':
    '{who} {addr} makes {count} twoway {count:call|calls}; {s_who} {s_addr} answers {answered} of them (Reply with the same request id): {pairs}.',
  'story.icep.isa':
    'The ice_isA {count:call asks|calls ask} whether an object implements {types}: this is what a checkedCast does before the client uses a proxy.',
  'story.icep.failed': '{count} {count:reply reports|replies report} a failure: {statuses}.',
  'story.icep.oneway':
    '{who} {addr} makes {count} oneway {count:call|calls} (request id 0): {calls}. A oneway call gets no reply; only TCP acknowledges its bytes.',
  'story.icep.batch':
    '{who} {addr} sends {count} oneway {count:call|calls} batched in {batches} {batches:message|messages} (BatchRequest): {calls}. The client queued them and sent them together; batched calls get no reply.',
  'story.icep.listed': 'Only the first and last calls are listed ({count} of them).',
  'story.icep.close': '{who} {addr} closes the Ice connection gracefully (CloseConnection, frame {frame}).',
  'story.icep.no_close':
    'No CloseConnection came before TCP closed: for Ice the connection was lost, not closed gracefully.',
  'teach.icep.oneway_ack':
    'A oneway Ice call gets no reply. The ACK in frame {ack} after the oneway request of frame {request} is TCP confirming that the bytes arrived; it does not say that the server ran {operation}. Only twoway calls (request id other than 0) get a Reply with a status.',
  'role.icep.client': 'Ice client of {server}',
  'role.icep.server': 'Ice server on :{port}',
  'ov.conv.icep': 'Ice, {count} {count:call|calls} ({kinds}) of {operations} on {objects}',
  'ov.conv.icep.none': 'Ice, no calls',
  'icep.magic.bad': "Bytes where an Ice message should start do not begin with the magic 'IceP'; they are skipped.",
  'icep.size.bad': 'The Ice header declares a message size of {size} bytes, which is not possible.',
  'icep.field.past_end':
    'A field of this Ice message runs past the message size the header declares ({size} bytes): the message is malformed.',
  'icep.type.unknown': 'Ice message type {type} does not exist in protocol 1.0.',
  'icep.list.too_long': 'A list in this Ice message (batched calls, request context) is implausibly long.',
  'icep.encaps.bad': "The parameters' encapsulation declares {size} bytes, less than its own 6-byte header.",
  'icep.version.unsupported':
    'This Ice message uses a protocol or encoding version other than 1.0; its body is not decoded.',
  'icep.compressed': 'This Ice message is compressed (bzip2); its body is not decoded.',
  'icep.reply.unmatched': 'This Reply (request id {request_id}) answers no request seen in the capture.',
};
