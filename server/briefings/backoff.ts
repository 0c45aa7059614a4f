// Retry delays after a failed post: doubling from the base, capped. Deterministic (no jitter): each
// delivery is retried on its own, so there is no herd to spread.

/** The wait before the next attempt, after `attempts` attempts have failed (1 = the first post failed). */
export function retryDelayMs(attempts: number, baseMs: number, capMs: number): number {
  const exponent = Math.max(0, attempts - 1);
  return Math.min(capMs, baseMs * 2 ** Math.min(exponent, 30));
}
