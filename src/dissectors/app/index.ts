/**
 * What every application protocol shares below the protocol modules (src/protocols/<name>/): payload
 * decoding (text, JSON, pickle, hex) and the framing types.
 */
export { decodePayload, NOTES as PAYLOAD_NOTES, preview, previewPayload, recognizeRpc } from './payload.js';
export type { AppProtocol, Decoded, Framing, PduProtocol, Range } from './types.js';
