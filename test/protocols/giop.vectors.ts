/** Byte vectors of the giop decoder tests (shared with the contract test). */
import { fromHex } from '../../src/protocols/reader.js';
/** GIOP 1.0 Request, big-endian: _is_a("IDL:A:1.0") on the object key "NameService". */
export const REQ_10_BE = fromHex(`
  47 49 4f 50          # magic "GIOP"
  01 00                # version 1.0
  00                   # flags: byte order big-endian
  00                   # type 0 Request
  00 00 00 3a          # size 58
  00 00 00 00          # @12 service context list: 0 entries
  00 00 00 02          # @16 request_id 2
  01                   # @20 response_expected TRUE
  00 00 00             # pad to 24
  00 00 00 0b          # @24 object_key length 11, the key at 28
  4e 61 6d 65 53 65 72 76 69 63 65   # "NameService"
  00                   # pad to 40
  00 00 00 06          # @40 operation length 6 (with NUL)
  5f 69 73 5f 61 00    # @44 "_is_a\\0"
  00 00                # pad to 52
  00 00 00 00          # @52 requesting_principal: 0 bytes
                       # @56 arguments:
  00 00 00 0a          # string length 10
  49 44 4c 3a 41 3a 31 2e 30 00      # "IDL:A:1.0\\0" (ends at 70 = 12 + 58)
`);

/** GIOP 1.2 Request, little-endian: sayHello() on object key 01 02 03 (two-way). */
export const REQ_12_LE = fromHex(`
  47 49 4f 50 01 02
  01                   # flags: little-endian
  00                   # Request
  28 00 00 00          # size 40
  04 00 00 00          # @12 request_id 4
  03                   # @16 response_flags 3 (a reply is expected)
  00 00 00             # reserved
  00 00                # @20 TargetAddress disposition 0 KeyAddr
  00 00                # pad to 24
  03 00 00 00 01 02 03 # @24 object_key: 3 bytes
  00                   # pad to 32
  09 00 00 00          # @32 operation length 9
  73 61 79 48 65 6c 6c 6f 00   # "sayHello\\0"
  00 00 00             # pad to 48
  00 00 00 00          # @48 service contexts: 0 (message ends at 52: no arguments)
`);

/** GIOP 1.2 Reply, little-endian, NO_EXCEPTION, result string "Hi" at offset 24 (8-aligned from the 'G'). */
export const REPLY_12_LE = fromHex(`
  47 49 4f 50 01 02 01
  01                   # Reply
  13 00 00 00          # size 19
  04 00 00 00          # @12 request_id 4
  00 00 00 00          # @16 reply_status NO_EXCEPTION
  00 00 00 00          # @20 service contexts: 0
  03 00 00 00 48 69 00 # @24 result: "Hi"
`);

/** GIOP 1.2 Reply, big-endian, SYSTEM_EXCEPTION OBJECT_NOT_EXIST, minor 0x4f4d0001, COMPLETED_NO. */
export const REPLY_SYSEX = fromHex(`
  47 49 4f 50 01 02 00 01
  00 00 00 40          # size 64
  00 00 00 09          # request_id 9
  00 00 00 02          # SYSTEM_EXCEPTION
  00 00 00 00          # service contexts: 0
  00 00 00 27          # @24 exception id length 39
  49 44 4c 3a 6f 6d 67 2e 6f 72 67 2f 43 4f 52 42 41 2f 4f 42 4a 45 43 54 5f 4e 4f 54 5f 45 58 49 53 54 3a 31 2e 30 00
                       # "IDL:omg.org/CORBA/OBJECT_NOT_EXIST:1.0\\0" ends at 67
  00                   # pad to 68
  4f 4d 00 01          # minor
  00 00 00 01          # completion_status COMPLETED_NO (ends at 76 = 12 + 64)
`);

export const LOCATE_REQ_10 = fromHex(`
  47 49 4f 50 01 00 00
  03                   # LocateRequest
  00 00 00 0a          # size 10
  00 00 00 05          # request_id 5
  00 00 00 02 61 62    # object_key "ab"
`);
export const LOCATE_REPLY_12 = fromHex(`
  47 49 4f 50 01 02 01
  04                   # LocateReply
  08 00 00 00          # size 8
  05 00 00 00          # request_id 5
  01 00 00 00          # OBJECT_HERE
`);
export const CLOSE_12 = fromHex('47 49 4f 50 01 02 01 05 00 00 00 00'); // CloseConnection, size 0
export const MSGERR_10 = fromHex('47 49 4f 50 01 00 00 06 00 00 00 00'); // MessageError
export const CANCEL_11 = fromHex('47 49 4f 50 01 01 00 02 00 00 00 04 00 00 00 09'); // CancelRequest id 9
export const FRAGMENT_12 = fromHex(`
  47 49 4f 50 01 02
  03                   # flags: little-endian + more fragments
  07                   # Fragment
  07 00 00 00          # size 7
  07 00 00 00          # request_id 7
  aa bb cc             # data
`);

export const GIOP_VECTORS = [
  REQ_10_BE,
  REQ_12_LE,
  REPLY_12_LE,
  REPLY_SYSEX,
  LOCATE_REQ_10,
  LOCATE_REPLY_12,
  CLOSE_12,
  MSGERR_10,
  CANCEL_11,
  FRAGMENT_12,
];
