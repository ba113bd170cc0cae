// @ts-check
/** Layout of each worker's slot in the shared Int32Array (worker.mjs writes, run.mjs reads). */
export const SLOT = {
  /** Case (or property) running, -1 when idle. */
  CUR: 0,
  /** Its start, ms since the supervisor's epoch. */
  T0: 1,
  DONE: 2,
  OK: 3,
  CAPTURE_ERROR: 4,
  MAX_HEAP_MB: 5,
  MAX_MS: 6,
  MAX_MS_CASE: 7,
  /** Frames analysed (wraps after 2^31; reported as a rough figure). */
  FRAMES: 8,
  /** Time bound of the running case, ms (grows with its size, see caseBound). */
  BOUND: 9,
  SIZE: 16,
};

/**
 * The time bound of one case: the base bound, plus as much again per 256 KiB of input (a capture of
 * 5,000 duplicated records legitimately takes longer than one of 50; a hang or a super-linear blow-up
 * still overshoots by far).
 * @param {number} baseMs @param {number} bytes
 */
export function caseBound(baseMs, bytes) {
  return Math.round(baseMs * (1 + bytes / (256 * 1024)));
}
