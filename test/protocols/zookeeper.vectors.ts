/** Byte vectors of the zookeeper decoder tests (shared with the contract test). */
import { fromHex } from '../../src/protocols/reader.js';
export const CONNECT_REQ = fromHex(`
  00 00 00 2d          # length 45
  00 00 00 00          # protocolVersion 0
  00 00 00 00 00 00 00 00   # lastZxidSeen 0
  00 00 27 10          # timeOut 10000 ms
  00 00 00 00 00 00 00 00   # sessionId 0 (new session)
  00 00 00 10          # passwd: 16 bytes
  00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00
  00                   # readOnly false
`);
export const CONNECT_RESP = fromHex(`
  00 00 00 25          # length 37
  00 00 00 00          # protocolVersion 0
  00 00 27 10          # negotiated timeOut 10000
  01 00 00 1b 6c 6a 00 00   # sessionId 0x0100001b6c6a0000
  00 00 00 10          # passwd: 16 bytes
  a1 74 50 da 1a 80 0b 2c e7 b2 f5 61 f3 fe ee 48
  00                   # readOnly false
`);
/** create /l/x-  "A"  world:anyone ALL  EPHEMERAL_SEQUENTIAL */
export const CREATE = fromHex(`
  00 00 00 35          # length 53
  00 00 00 04          # xid 4
  00 00 00 01          # type 1 create
  00 00 00 05 2f 6c 2f 78 2d   # path "/l/x-"
  00 00 00 01 41       # data "A"
  00 00 00 01          # acl: 1 entry
  00 00 00 1f          #   perms 31 (ALL)
  00 00 00 05 77 6f 72 6c 64   # scheme "world"
  00 00 00 06 61 6e 79 6f 6e 65   # id "anyone"
  00 00 00 03          # flags 3 EPHEMERAL_SEQUENTIAL
`);
export const GETDATA_WATCH = fromHex(`
  00 00 00 11          # length 17
  00 00 00 05 00 00 00 04   # xid 5, type 4 getData
  00 00 00 04 2f 6c 2f 61   # path "/l/a"
  01                   # watch true
`);
export const PING = fromHex('00 00 00 08 ff ff ff fe 00 00 00 0b'); // xid -2, type 11
export const CLOSE = fromHex('00 00 00 08 00 00 00 09 ff ff ff f5'); // xid 9, type -11 closeSession
export const MULTI = fromHex(`
  00 00 00 37          # length 55
  00 00 00 0a 00 00 00 0e   # xid 10, type 14 multi
  00 00 00 02 00 ff ff ff ff   # op header: type 2 delete, done false, err -1
  00 00 00 02 2f 61 ff ff ff ff   # delete "/a" version -1
  00 00 00 0d 00 ff ff ff ff   # op header: type 13 check
  00 00 00 02 2f 62 00 00 00 01   # check "/b" version 1
  ff ff ff ff 01 ff ff ff ff   # end: type -1, done true, err -1
`);
export const REPLY_CREATE = fromHex(`
  00 00 00 23          # length 35
  00 00 00 04          # xid 4
  00 00 00 00 00 00 00 06   # zxid 6
  00 00 00 00          # err 0
  00 00 00 0f 2f 6c 2f 78 2d 30 30 30 30 30 30 30 30 30 30   # "/l/x-0000000000"
`);
export const REPLY_NONODE = fromHex('00 00 00 10 00 00 00 01 00 00 00 00 00 00 00 04 ff ff ff 9b'); // err -101
export const WATCH = fromHex(`
  00 00 00 20          # length 32
  ff ff ff ff          # xid -1: a watch notification
  ff ff ff ff ff ff ff ff   # zxid -1
  00 00 00 00          # err 0
  00 00 00 02          # type 2 NodeDeleted
  00 00 00 03          # state 3 SyncConnected
  00 00 00 04 2f 6c 2f 61   # path "/l/a"
`);
export const STAT =
  '00 00 00 00 00 00 00 02 00 00 00 00 00 00 00 09 00 00 00 00 00 00 00 01 00 00 00 00 00 00 00 02 00 00 00 01 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 04 00 00 00 00 00 00 00 00 00 00 00 02';
export const REPLY_GETDATA = fromHex(`
  00 00 00 5c          # length 92
  00 00 00 05 00 00 00 00 00 00 00 09 00 00 00 00   # xid 5, zxid 9, err 0
  00 00 00 04 31 35 30 30   # data "1500"
  ${STAT}              # Stat: czxid 2, mzxid 9, ctime 1, mtime 2, version 1, …, dataLength 4, pzxid 2
`);

export const ZK_CLIENT_VECTORS = [CREATE, GETDATA_WATCH, PING, CLOSE, MULTI];
/** Server vectors with the request type each answers. */
export const ZK_SERVER_VECTORS: [Uint8Array, number | undefined][] = [
  [REPLY_CREATE, 1],
  [REPLY_NONODE, 3],
  [WATCH, undefined],
  [REPLY_GETDATA, 4],
];
