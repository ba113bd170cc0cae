/**
 * Requests waiting for replies that come back in order (request/response protocols without ids), shared by
 * the handlers that pair them.
 */
import type { AppMessageRecord } from '../model.js';

/** A request waiting for its reply: its record (null when it is not listed), completing frame and time. */
export interface Waiting {
  rec: AppMessageRecord | null;
  frame: number;
  t: number;
}

/** Most requests remembered while waiting for their replies. */
export const MAX_WAITING = 10_000;

/**
 * The requests of one connection not answered yet, oldest first. After lost bytes the queue is forgotten:
 * a reply could answer a request that was lost too, so no pair is made across the loss, and a reply that
 * finds no request is not reported as unmatched until a request comes again.
 */
export class RequestQueue<W extends Waiting = Waiting> {
  private readonly list: W[] = [];
  /** Forgotten after lost bytes, and no request since. */
  forgotten = false;

  push(w: W): void {
    if (this.list.length < MAX_WAITING) this.list.push(w);
    this.forgotten = false;
  }

  /** The oldest request, taken out (its reply came). */
  shift(): W | undefined {
    return this.list.shift();
  }

  /** Requests waiting (at most MAX_WAITING). */
  get length(): number {
    return this.list.length;
  }

  /** The oldest request, left waiting (an interim reply). */
  peek(): W | undefined {
    return this.list[0];
  }

  /** Bytes were lost: nothing waits any more. */
  forget(): void {
    this.list.length = 0;
    this.forgotten = true;
  }
}
