/** Seconds rounded to nanoseconds (no float noise such as 0.30000000000000004 in the records). */
export function roundNs(x: number): number {
  return Math.round(x * 1e9) / 1e9;
}
