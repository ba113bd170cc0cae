/**
 * Application-layer dissectors, for the stream reassembly layer to plug in.
 * Each protocol module also exports its own types and helpers; import them from the module.
 */
import { NOTES as HTTP_NOTES } from './http.js';
import { NOTES as MQTT_NOTES, mqtt } from './mqtt.js';
import { NOTES as PAYLOAD_NOTES } from './payload.js';
import type { Severity } from './types.js';
import { NOTES as ZMTP_NOTES, zmtp } from './zmtp.js';

export { HttpStream, looksLikeHttp, newHttpPair } from './http.js';
export { looksLikeMqttConnect, MqttPairer, mqtt, newMqttState, newMqttStatePair, setMqttVersion } from './mqtt.js';
export { decodePayload, preview, previewPayload, recognizeRpc } from './payload.js';
export type { AppProtocol, Decoded, Framing, PduProtocol, Range } from './types.js';
export { looksLikeZmtp, newZmtpState, ZmtpMessageAssembler, zmtp, zmtpPattern } from './zmtp.js';

/** PDU-framed protocols by name. */
export const PDU_PROTOCOLS = { mqtt, zmtp } as const;

/** Every note code the application dissectors can emit, with its severity. */
export const APP_NOTES: Readonly<Record<string, Severity>> = {
  ...MQTT_NOTES,
  ...ZMTP_NOTES,
  ...HTTP_NOTES,
  ...PAYLOAD_NOTES,
};
