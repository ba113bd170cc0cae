/** Byte vectors of the dns decoder tests (shared with the contract test). */
import { fromHex } from '../../src/protocols/reader.js';
export const QUERY = fromHex(`
  12 34                # id 0x1234
  01 00                # flags: standard query, RD
  00 01 00 00 00 00 00 00   # 1 question
  03 77 77 77 03 6c 61 62 00   # www.lab
  00 01 00 01          # type A, class IN
`);

/** Answer: www.lab CNAME rpc-server.lab (compressed), rpc-server.lab A 172.18.0.80. */
export const ANSWER = fromHex(`
  12 34
  85 80                # response, AA, RD, RA, rcode 0
  00 01 00 02 00 00 00 00   # 1 question, 2 answers
  03 77 77 77 03 6c 61 62 00 00 01 00 01   # @12 question www.lab A IN ("lab" at 16)
  c0 0c                # @25 name: pointer to 12 (www.lab)
  00 05 00 01 00 00 00 3c 00 0d   # CNAME IN ttl 60 rdlength 13
  0a 72 70 63 2d 73 65 72 76 65 72 c0 10   # @37 rpc-server + pointer to 16 (lab)
  c0 25                # @50 name: pointer to 37 (rpc-server.lab)
  00 01 00 01 00 00 00 3c 00 04 ac 12 00 50   # A IN ttl 60: 172.18.0.80
`);

export const NXDOMAIN = fromHex(`
  ab cd 85 83          # response, AA, RD, RA, rcode 3 NXDOMAIN
  00 01 00 00 00 00 00 00
  04 6e 6f 70 65 03 6c 61 62 00 00 01 00 01   # nope.lab A IN
`);

export const TXT_AAAA = fromHex(`
  00 07 81 80 00 00 00 02 00 00 00 00
  00                   # name: root
  00 10 00 01 00 00 00 01 00 07   # TXT, 7 bytes
  02 68 69 03 61 62 63 # "hi", "abc"
  00                   # root
  00 1c 00 01 00 00 00 01 00 10   # AAAA
  fd 00 00 00 00 00 00 00 00 00 00 00 00 00 00 01   # fd00::1
`);

export const DNS_VECTORS = [QUERY, ANSWER, NXDOMAIN, TXT_AAAA];
