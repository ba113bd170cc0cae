import { cat, h, t } from './util.js';

// Vectors captured from pyzmq 25 / libzmq 4.3.4 over loopback through a logging TCP proxy
// (one hex string per recv()), then split by field.

/** ZMTP 3.1 greeting, NULL mechanism, as libzmq sends it (10 + 1 + 53 octets). */
export const GREETING_NULL = cat(
  h('ff 0000000000000001 7f'), // signature: %xFF, padding (libzmq: identity length + 1 = 1), %x7F
  h('03'), // version-major 3
  h('01'), // version-minor 1
  h('4e554c4c 00000000000000000000000000000000'), // mechanism "NULL", NUL-padded to 20
  h('00'), // as-server 0
  new Uint8Array(31), // filler
);

/** ZMTP 3.1 greeting of a PLAIN client (libzmq leaves as-server 0 on both sides). */
export const GREETING_PLAIN = cat(
  h('ff 0000000000000001 7f 03 01'), // signature, version 3.1
  h('504c41494e 000000000000000000000000000000'), // mechanism "PLAIN"
  h('00'), // as-server
  new Uint8Array(31), // filler
);

/** READY from a REQ socket: Socket-Type "REQ", empty Identity. */
export const READY_REQ = h(
  '04 26' + // flags COMMAND, short size 38
    '05 5245414459' + // command name "READY"
    '0b 536f636b65742d54797065 00000003 524551' + // "Socket-Type" = "REQ"
    '08 4964656e74697479 00000000', // "Identity" = ""
);

/** READY from the REP socket. */
export const READY_REP = h('04 19 05 5245414459 0b 536f636b65742d54797065 00000003 524550');

/** REQ request "Hello": empty delimiter frame with MORE, then the body. */
export const REQ_DELIM = h('01 00'); // flags MORE, size 0
export const REQ_HELLO = h('00 05 48656c6c6f'); // flags 0 (last), size 5, "Hello"

/** SUB → PUB: ZMTP 3.1 SUBSCRIBE command for "weather". */
export const SUBSCRIBE_WEATHER = h('04 11 09 535542534352494245 77656174686572'); // COMMAND, 17, "SUBSCRIBE", "weather"

/** PLAIN HELLO: username "admin", password "secret". */
export const PLAIN_HELLO = h('04 13 05 48454c4c4f 05 61646d696e 06 736563726574');

/** DEALER → ROUTER: long frame of 300 octets. */
export const LONG_FRAME = cat(h('02 000000000000012c'), new Uint8Array(300).fill(0x78)); // flags LONG, size 300, "xxx..."

/** Hand-made: PING with TTL 100 (10 s) and context "ab"; PONG echoing it. */
export const PING = h('04 09 04 50494e47 0064 6162'); // COMMAND, 9, "PING", ttl=100, context "ab"
export const PONG = h('04 07 04 504f4e47 6162'); // COMMAND, 7, "PONG", context "ab"

/** Hand-made: ERROR "Invalid socket type". */
export const ERROR_CMD = cat(h('04 1a 05 4552524f52 13'), t('Invalid socket type')); // COMMAND, 26, "ERROR", reason

/** Hand-made: ZMTP 3.0-style subscription message (%x01 + topic) from a SUB socket. */
export const SUB_MSG = h('00 08 01 77656174686572'); // flags 0, size 8, subscribe, "weather"

/** ZMTP 2.0 greeting (revision 1, socket type REQ) and its identity frame. */
export const GREETING_V2 = h('ff 0000000000000001 7f 01 03'); // signature, revision 1, socket-type 3 = REQ
export const V2_IDENTITY = h('00 00'); // final-short, empty identity

/** ZMTP 1.0: identity frame (length 1 = flags only), then "Hello" (length 6 = flags + 5). */
export const V1_IDENTITY = h('01 00');
export const V1_HELLO = h('06 00 48656c6c6f');

export const VALID_STREAMS: Uint8Array[][] = [
  [GREETING_NULL, READY_REQ, REQ_DELIM, REQ_HELLO],
  [GREETING_NULL, READY_REP, h('00 05 576f726c64')],
  [GREETING_PLAIN, PLAIN_HELLO],
  [GREETING_NULL, SUBSCRIBE_WEATHER, PING, PONG, ERROR_CMD, LONG_FRAME],
  [GREETING_V2, V2_IDENTITY, REQ_HELLO],
  [V1_IDENTITY, V1_HELLO],
];
