/**
 * zookeeper.* display-filter fields, read from what each frame completed. Wireshark (4.0) has no ZooKeeper
 * dissector, so the names are pcap-explain's own, after ZooKeeper's jute records (docs/filters.md).
 */
import { entries, flag, hasApp, many } from '../../filter/fields/define.js';
import type { FieldTable, FrameView, Value } from '../../filter/types.js';
import type { ZookeeperFrameEntry } from './model.js';

const app = (v: FrameView) => hasApp(v, 'zookeeper');

/** Every value of one field of the frame's ZooKeeper entries (absent where an entry lacks it). */
function each(name: keyof ZookeeperFrameEntry) {
  return (v: FrameView, out: Value[]) => {
    for (const e of entries(v, 'zookeeper')) {
      const x = e[name];
      if (typeof x === 'number' || typeof x === 'string') out.push(x);
      else if (typeof x === 'boolean') out.push(x ? 1 : 0);
    }
  };
}

export const ZOOKEEPER_FIELDS: FieldTable = {
  proto: 'zookeeper',
  title: 'ZooKeeper client protocol',
  fields: [
    flag('zookeeper', 'protocol', 'A ZooKeeper packet ends in this frame', app),
    many('zookeeper.kind', 'string', 'What the packet is: connect, connected, request, reply, watch', each('kind')),
    many('zookeeper.xid', 'int', 'Transaction id of a request or reply (-1 watch notification, -2 ping)', each('xid')),
    many(
      'zookeeper.opcode',
      'int',
      'Operation code of a request, and of the request a reply answers (1 create, 2 delete, 3 exists, 4 getData, 5 setData, 8 getChildren, 11 ping, -11 closeSession…)',
      each('type'),
    ),
    many('zookeeper.op', 'string', 'Operation name of a request or of the request a reply answers', each('op')),
    many(
      'zookeeper.path',
      'string',
      'Path of a request (and of the reply to it), or of a watch notification',
      each('path'),
    ),
    many('zookeeper.created', 'string', 'Path of the znode a create made (with its sequence number)', each('created')),
    many('zookeeper.zxid', 'int', 'ZooKeeper transaction id of a reply (-1 in a watch notification)', each('zxid')),
    many('zookeeper.err', 'int', 'Error code of a reply (0 OK, -101 NoNode, -110 NodeExists…)', each('err')),
    many('zookeeper.err_name', 'string', 'Error name of a reply (OK, NoNode, NodeExists…)', each('error')),
    many('zookeeper.flags', 'uint', 'CreateMode flags of a create (1 EPHEMERAL, 2 SEQUENTIAL, 3 both)', each('flags')),
    many('zookeeper.ephemeral', 'bool', 'A create asks for an ephemeral znode', (v, out) => {
      for (const e of entries(v, 'zookeeper')) if (typeof e.flags === 'number') out.push(e.ephemeral ? 1 : 0);
    }),
    many('zookeeper.sequential', 'bool', 'A create asks for a sequential znode', (v, out) => {
      for (const e of entries(v, 'zookeeper')) if (typeof e.flags === 'number') out.push(e.sequential ? 1 : 0);
    }),
    many('zookeeper.watch', 'bool', 'An exists, getData or getChildren request leaves a watch', each('watch')),
    many(
      'zookeeper.event',
      'string',
      'Event of a watch notification (NodeCreated, NodeDeleted, NodeDataChanged, NodeChildrenChanged)',
      each('event'),
    ),
    many(
      'zookeeper.session_id',
      'string',
      'Session id of a ConnectRequest or ConnectResponse (hex, as ZooKeeper logs it)',
      each('session_id'),
    ),
    many('zookeeper.timeout', 'uint', 'Session timeout (ms) of a ConnectRequest or ConnectResponse', each('timeout')),
  ],
};
