/** Byte vectors of the ice decoder tests (shared with the contract test). */
import { fromHex } from '../../src/protocols/reader.js';
/** Request id 1: SimplePrinter1.printString("abc"), twoway. */
export const REQUEST = fromHex(`
  49 63 65 50          # magic "IceP"
  01 00                # protocol 1.0
  01 00                # encoding 1.0
  00                   # type 0 Request
  00                   # compression 0
  3b 00 00 00          # size 59 (the whole message)
  01 00 00 00          # @14 request id 1
  0e 53 69 6d 70 6c 65 50 72 69 6e 74 65 72 31   # identity name "SimplePrinter1"
  00                   # identity category ""
  00                   # facet: empty sequence
  0b 70 72 69 6e 74 53 74 72 69 6e 67            # operation "printString"
  00                   # mode 0 normal
  00                   # context: 0 entries
  0a 00 00 00          # encapsulation size 10 (6 + 4)
  01 01                # encoding 1.1
  03 61 62 63          # the parameter: string "abc"
`);

/** A oneway call (request id 0) with facet "f" and context {"k": "v"}, idempotent. */
export const ONEWAY = fromHex(`
  49 63 65 50 01 00 01 00 00 00
  28 00 00 00          # size 40
  00 00 00 00          # request id 0: oneway
  01 61                # name "a"
  01 63                # category "c"
  01 01 66             # facet: 1 element, "f"
  02 6f 70             # operation "op"
  02                   # mode idempotent
  01 01 6b 01 76       # context: 1 entry, "k" -> "v"
  06 00 00 00 01 01    # empty encapsulation
`);

export const BATCH = fromHex(`
  49 63 65 50 01 00 01 00
  01                   # BatchRequest
  00
  30 00 00 00          # size 48
  02 00 00 00          # 2 requests (no request ids)
  01 61 00 00 02 6f 70 00 00 06 00 00 00 01 01   # a.op()
  01 62 00 00 02 6f 70 00 00 06 00 00 00 01 01   # b.op()
`);

/** Reply to request 1: Success, empty result (as the capture's printString replies: size 25). */
export const REPLY = fromHex(`
  49 63 65 50 01 00 01 00
  02                   # Reply
  00
  19 00 00 00          # size 25
  01 00 00 00          # request id 1
  00                   # status 0 Success
  06 00 00 00 01 01    # encapsulation: size 6, encoding 1.1, no data
`);

export const REPLY_ONE = fromHex(`
  49 63 65 50 01 00 01 00 02 00
  1a 00 00 00          # size 26
  07 00 00 00          # request id 7
  02                   # status 2 ObjectNotExist
  01 78 00             # identity "x", category ""
  00                   # facet ""
  02 6f 70             # operation "op"
`);

export const VALIDATE = fromHex('49 63 65 50 01 00 01 00 03 00 0e 00 00 00');
export const CLOSE = fromHex('49 63 65 50 01 00 01 00 04 01 0e 00 00 00');

export const ICE_VECTORS = [REQUEST, ONEWAY, BATCH, REPLY, REPLY_ONE, VALIDATE, CLOSE];
