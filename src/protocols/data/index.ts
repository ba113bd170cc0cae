/**
 * Plain data as a protocol module: what no other protocol claims — a TCP byte stream or UDP datagrams,
 * told as bytes and turns, their payloads decoded as text, JSON, pickle or hex.
 */
import type { SessionProtocol } from '../../analysis/app/protocol.js';
import { DataHandler } from './session.js';

export const data: SessionProtocol = {
  name: 'data',
  session: (conv) => new DataHandler(conv),
};
