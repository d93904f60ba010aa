/** How long to wait before asking the host again after a failure: doubling from 1 s, at most 30 s. */
const FIRST_MS = 1000;
const LONGEST_MS = 30_000;

/** The wait before retry number `attempt` (0 for the first retry). */
export function retryDelayMs(attempt: number): number {
  return Math.min(LONGEST_MS, FIRST_MS * 2 ** Math.max(0, attempt));
}
