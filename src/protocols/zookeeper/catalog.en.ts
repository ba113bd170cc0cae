import type { Catalogue } from '../../explain/catalog/types.js';

/** English texts of this protocol: its frame sentences, story, overview and teaching entries, and its note codes. */
export const en: Catalogue = {
  'app.zookeeper': 'ZooKeeper',
  'lbl.zookeeper.connect': 'the ConnectRequest',
  'lbl.zookeeper.connected': 'the ConnectResponse',
  'lbl.zookeeper.request': 'the {name} request',
  'lbl.zookeeper.reply': 'the reply to {name}',
  'lbl.zookeeper.reply.any': 'the reply',
  'lbl.zookeeper.watch': 'the {name} notification',
  'ex.zookeeper.connect':
    '{who} {addr} asks the ZooKeeper server for a new session (ConnectRequest, session timeout {timeout} ms).',
  'ex.zookeeper.connect.resume':
    '{who} {addr} asks the ZooKeeper server to resume session {session} (ConnectRequest, session timeout {timeout} ms).',
  'ex.zookeeper.connected':
    'The {who} opens session {session} with a session timeout of {timeout} ms (ConnectResponse): if it hears nothing from the client for that long, the session expires and the server deletes its ephemeral znodes.',
  'ex.zookeeper.connected.lat': 'It answers the ConnectRequest of frame {req}, {latency} later.',
  'ex.zookeeper.connected.expired':
    'The {who} refuses to resume the session: it has expired (ConnectResponse with session timeout 0).',
  'ex.zookeeper.create': '{who} {addr} asks to create the znode {path} ({mode}, xid {xid}) with the data {data}.',
  'ex.zookeeper.create.ephemeral_sequential':
    "The server appends a 10-digit sequence number to the name, and deletes the znode when this client's session ends.",
  'ex.zookeeper.create.ephemeral': "The server deletes the znode when this client's session ends.",
  'ex.zookeeper.create.sequential': 'The server appends a 10-digit sequence number to the name.',
  'ex.zookeeper.delete': '{who} {addr} asks to delete the znode {path} (delete, xid {xid}){version}.',
  'ex.zookeeper.exists': '{who} {addr} asks whether the znode {path} exists (exists, xid {xid}).',
  'ex.zookeeper.getdata': '{who} {addr} asks for the data of the znode {path} (getData, xid {xid}).',
  'ex.zookeeper.getchildren': '{who} {addr} asks for the children of the znode {path} ({op}, xid {xid}).',
  'ex.zookeeper.setdata': '{who} {addr} sets the data of the znode {path} to {data} (setData, xid {xid}){version}.',
  'ex.zookeeper.sync':
    '{who} {addr} asks the server to catch up with the ZooKeeper leader on {path} before its next reads (sync, xid {xid}).',
  'ex.zookeeper.ping':
    '{who} {addr} sends a ping (xid -2): a client that has been quiet for a while pings to keep its session alive.',
  'ex.zookeeper.close':
    '{who} {addr} ends its session (closeSession, xid {xid}): the server deletes every ephemeral znode of the session.',
  'ex.zookeeper.multi':
    '{who} {addr} sends {count} {count:operation|operations} to be applied all together or not at all (multi, xid {xid}): {ops}.',
  'ex.zookeeper.setwatches':
    '{who} {addr} sets its watches again after reconnecting (setWatches, xid {xid}), on {count} {count:path|paths}: {paths}.',
  'ex.zookeeper.request.path': '{who} {addr} sends a {op} request for {path} (xid {xid}).',
  'ex.zookeeper.request': '{who} {addr} sends a {op} request (xid {xid}).',
  'ex.zookeeper.watch.exist':
    'It leaves a watch: the server will tell this client once, when the znode is created, deleted or its data changes.',
  'ex.zookeeper.watch.data':
    "It leaves a watch: the server will tell this client once, when the znode's data changes or the znode is deleted.",
  'ex.zookeeper.watch.child':
    'It leaves a watch: the server will tell this client once, when a child is created or deleted under the znode (or the znode is deleted).',
  'ex.zookeeper.reply.unknown':
    'The {who} answers the request with xid {xid} ({error}, zxid {zxid}); that request is not in the capture, so what it answers is not known.',
  'ex.zookeeper.reply.error': 'The {who} answers the {op} of {path} with the error {error} ({err}): {meaning}.',
  'ex.zookeeper.reply.error.plain': 'The {who} answers the {op} of {path} with the error {error} ({err}).',
  'ex.zookeeper.reply.create': 'The {who} has created the znode {created} (zxid {zxid}).',
  'ex.zookeeper.reply.create.seq': 'The name ends in the sequence number {seq} the server gave it.',
  'ex.zookeeper.reply.delete': 'The {who} has deleted the znode {path} (zxid {zxid}).',
  'ex.zookeeper.reply.exists':
    'The {who} answers that the znode {path} exists (version {version}, {children} {children:child|children}).',
  'ex.zookeeper.reply.getdata': 'The {who} returns the data of the znode {path}: {data} (version {version}).',
  'ex.zookeeper.reply.owner': 'The znode is ephemeral: it belongs to session {session}.',
  'ex.zookeeper.reply.setdata': 'The {who} has set the data of {path}; its version is now {version} (zxid {zxid}).',
  'ex.zookeeper.reply.children': 'The {who} lists {count} {count:child|children} of {path}: {children}.',
  'ex.zookeeper.reply.children.none': 'The {who} answers that {path} has no children.',
  'ex.zookeeper.reply.sync': 'The {who} has caught up on {path}.',
  'ex.zookeeper.reply.ping': 'The {who} answers the ping: the session is alive.',
  'ex.zookeeper.reply.close': 'The {who} confirms that the session is closed (zxid {zxid}).',
  'ex.zookeeper.reply.multi': 'The {who} has applied the operations of the multi request (zxid {zxid}).',
  'ex.zookeeper.reply.ok': 'The {who} answers the {op} request ({error}, zxid {zxid}).',
  'ex.zookeeper.pair': 'It answers xid {xid} of frame {req}, {latency} later.',
  'ex.zookeeper.pair.ping': 'It answers the ping of frame {req}, {latency} later.',
  'ex.zookeeper.notify':
    'The {who} notifies {peer_who} {peer_addr}: {event} on {path} ({meaning}; watch notification, xid -1).',
  'ex.zookeeper.notify.fires':
    'It fires the watch the request of frame {set} left; that watch is now used up: to hear of the next change the client must set it again.',
  'ex.zookeeper.cause.delete': 'The change is the delete sent in frame {frame} (connection #{conv}).',
  'ex.zookeeper.cause.close':
    'The znode went away because the session of connection #{conv} ended (closeSession, frame {frame}): the server deleted its ephemeral znodes.',
  'ex.zookeeper.cause.create': 'The change is the create sent in frame {frame} (connection #{conv}).',
  'ex.zookeeper.cause.setdata': 'The change is the setData sent in frame {frame} (connection #{conv}).',
  'fmt.zookeeper.version': ', only if its version is {version}',
  'fmt.zookeeper.err.NoNode': 'the znode does not exist',
  'fmt.zookeeper.err.NodeExists': 'the znode already exists',
  'fmt.zookeeper.err.NotEmpty': 'the znode still has children',
  'fmt.zookeeper.err.BadVersion': "the znode's version is not the one given",
  'fmt.zookeeper.err.NoAuth': 'the client is not allowed to do this (ACL)',
  'fmt.zookeeper.err.SessionExpired': 'the session has expired',
  'fmt.zookeeper.err.NoChildrenForEphemerals': 'an ephemeral znode cannot have children',
  'fmt.zookeeper.err.InvalidACL': 'the ACL is not valid',
  'fmt.zookeeper.err.ConnectionLoss': 'the connection to the server was lost',
  'fmt.zookeeper.err.OperationTimeout': 'the operation timed out',
  'fmt.zookeeper.event.NodeCreated': 'the znode was created',
  'fmt.zookeeper.event.NodeDeleted': 'the znode was deleted',
  'fmt.zookeeper.event.NodeDataChanged': "the znode's data changed",
  'fmt.zookeeper.event.NodeChildrenChanged': 'a child was created or deleted under it',
  'fmt.zookeeper.data': " with the data '{data}'",
  'fmt.zookeeper.waits.exist': 'the znode to be created, deleted or changed',
  'fmt.zookeeper.waits.data': "the znode's data to change or the znode to be deleted",
  'fmt.zookeeper.waits.child': 'a child to be created or deleted under it',
  'fmt.zookeeper.watch.fired': '{op} {path} (frame {frame}) waits for {what}: it fires with {event} in frame {fired}',
  'fmt.zookeeper.watch.open': '{op} {path} (frame {frame}) waits for {what}: it does not fire in the capture',
  'fmt.zookeeper.notice': '{event} on {path} (frame {frame})',
  'fmt.zookeeper.holder': '{client} (#{conv}, znode {znode}) from frame {from}{until}',
  'fmt.zookeeper.until.delete': ', released by deleting its znode in frame {frame}',
  'fmt.zookeeper.until.close': ', released when its session ended (closeSession, frame {frame})',
  'fmt.zookeeper.until.expired': ', until its session expired (its znode gone by frame {gone})',
  'fmt.zookeeper.until.gone': ', until its znode went away (frame {gone})',
  'fmt.zookeeper.until.held': ', still holding it when the capture ends',
  'story.zookeeper.session':
    '{who} {addr} opens ZooKeeper session {session} with {s_who} {s_addr}: session timeout {timeout} ms, granted {latency} after the ConnectRequest.',
  'story.zookeeper.session.resume':
    '{who} {addr} resumes ZooKeeper session {session} with {s_who} {s_addr}: session timeout {timeout} ms.',
  'story.zookeeper.session.expired':
    '{who} {addr} asks {s_who} {s_addr} to resume its ZooKeeper session, but the session has expired.',
  'story.zookeeper.session.noanswer':
    '{who} {addr} asks {s_who} {s_addr} for a ZooKeeper session (session timeout {timeout} ms); the capture holds no answer.',
  'story.zookeeper.lock.join':
    '{who} {addr} competes for the lock {path}: it creates the ephemeral sequential znode {znode}{data} (frame {frame}).',
  'story.zookeeper.election.join':
    '{who} {addr} runs in the leader election {path}: it creates the ephemeral sequential znode {znode}{data} (frame {frame}).',
  'story.zookeeper.lock.first':
    'Its sequence number {seq} is the lowest under the lock path, so it holds the lock from frame {from}.',
  'story.zookeeper.election.first':
    'Its sequence number {seq} is the lowest under the election path, so it is the leader from frame {from}.',
  'story.zookeeper.lock.later':
    'When the lower znode {before} (of {holder}) is gone (frame {gone}), its own znode is the lowest: it holds the lock from frame {from}.',
  'story.zookeeper.election.later':
    'When the lower znode {before} (of {holder}) is gone (frame {gone}), its own znode is the lowest: it takes over as leader from frame {from}.',
  'story.zookeeper.lock.from': 'Its znode is the lowest from frame {from}: it holds the lock from then on.',
  'story.zookeeper.election.from': 'Its znode is the lowest from frame {from}: it is the leader from then on.',
  'story.zookeeper.lock.never': 'A lower znode is there the whole time: it never holds the lock in this capture.',
  'story.zookeeper.election.never':
    'A lower znode is there the whole time: it never becomes the leader in this capture.',
  'story.zookeeper.unknown':
    'A listing of {path} names contenders the capture did not see created, so who held it first cannot be told.',
  'story.zookeeper.waits':
    'A lower znode is there, so it waits with a watch on {znode}, the contender just before it ({op}, frame {frame}); the watch does not fire in the capture.',
  'story.zookeeper.waits.fired':
    'A lower znode is there, so it waits with a watch on {znode}, the contender just before it ({op}, frame {frame}); the watch fires in frame {fired}.',
  'story.zookeeper.lock.release.delete': 'It releases the lock by deleting its znode (frame {frame}).',
  'story.zookeeper.election.release.delete': 'It steps down by deleting its znode (frame {frame}).',
  'story.zookeeper.lock.release.close':
    'It lets go of the lock when its session ends: closeSession (frame {frame}) makes the server delete its ephemeral znode.',
  'story.zookeeper.election.release.close':
    'It stops being the leader when its session ends: closeSession (frame {frame}) makes the server delete its ephemeral znode.',
  'story.zookeeper.lock.release.expired':
    'Its connection ended without closeSession; its znode is gone by frame {gone}, once the session timeout ran out.',
  'story.zookeeper.election.release.expired':
    'Its connection ended without closeSession; its znode is gone by frame {gone}, once the session timeout ran out.',
  'story.zookeeper.withdraw.delete': 'It withdraws by deleting its znode (frame {frame}).',
  'story.zookeeper.withdraw.close':
    'It withdraws when its session ends: closeSession (frame {frame}) makes the server delete its ephemeral znode.',
  'story.zookeeper.withdraw.expired':
    'Its connection ended without closeSession; its znode is gone by frame {gone}, once the session timeout ran out.',
  'story.zookeeper.lock.held': 'It still holds the lock when the capture ends.',
  'story.zookeeper.election.held': 'It is still the leader when the capture ends.',
  'story.zookeeper.watches': '{who} {addr} leaves {count} {count:watch|watches}: {list}.',
  'story.zookeeper.exchange': '{who} {addr} sends {count} {count:request|requests} to {s_who} {s_addr}: {pairs}.',
  'story.zookeeper.notices': 'The server sends {count} watch {count:notification|notifications}: {list}.',
  'story.zookeeper.pings': '{count} {count:ping keeps|pings keep} the session alive.',
  'story.zookeeper.close':
    '{who} {addr} ends its ZooKeeper session (closeSession, frame {frame}); the server confirms in frame {reply}: the session is over, and any ephemeral znodes it still had are deleted with it.',
  'story.zookeeper.close.noanswer':
    '{who} {addr} ends its ZooKeeper session (closeSession, frame {frame}); the capture holds no answer.',
  'story.zookeeper.no_close':
    'The client did not send closeSession: the session lives on until its timeout ({timeout} ms) runs out, and only then does the server delete its ephemeral znodes.',
  'role.zookeeper.client': 'ZooKeeper client of {server} (session {session})',
  'role.zookeeper.client.nosession': 'ZooKeeper client of {server}',
  'role.zookeeper.server': 'ZooKeeper server on :{port}',
  'ov.conv.zookeeper': 'ZooKeeper session {session}, {count} {count:request|requests} ({ops})',
  'ov.conv.zookeeper.nosession': 'ZooKeeper, {count} {count:request|requests} ({ops})',
  'teach.zookeeper.lock':
    "Lock {path}, taken with ZooKeeper's lock recipe: each of the {count} contenders creates an ephemeral sequential znode under it, and the one with the lowest sequence number holds the lock; the next one gets it when that znode is gone (deleted, or its session ended). Holders in order: {holders}.",
  'teach.zookeeper.election':
    "Leader election {path}, with ZooKeeper's election recipe: each of the {count} candidates creates an ephemeral sequential znode under it, and the one with the lowest sequence number is the leader; when its znode is gone (deleted, or its session ended) the next one takes over. Leaders in order: {holders}.",
  'teach.zookeeper.lock.unknown':
    'Lock {path}: {count} {count:contender is|contenders are} seen, but a listing names contenders the capture did not see created, so the order of holders cannot be told.',
  'teach.zookeeper.election.unknown':
    'Leader election {path}: {count} {count:candidate is|candidates are} seen, but a listing names candidates the capture did not see created, so the order of leaders cannot be told.',
  'teach.zookeeper.xid':
    "A ZooKeeper reply does not say which operation it answers: its header holds only the xid, the zxid and an error code. Each reply here is paired with the request of the same xid on its connection (frame {reply} answers the {op} of frame {req}, xid {xid}), and read by that request's type; watch notifications (xid -1) and ping answers (xid -2) have fixed xids.",
  'zookeeper.length.bad':
    'The ZooKeeper length prefix ({length}) is not a valid packet length; this direction is not decoded further.',
  'zookeeper.field.past_end':
    'A ZooKeeper record needs {needed} bytes but its packet has {length}: the packet is malformed.',
  'zookeeper.list.too_long': 'A ZooKeeper list is longer than any real one: the packet is malformed.',
  'zookeeper.trailing': 'Bytes are left over after the ZooKeeper record.',
  'zookeeper.reply.unmatched':
    'A ZooKeeper reply (xid {xid}, frame {frame}) answers no request seen on this connection.',
};
