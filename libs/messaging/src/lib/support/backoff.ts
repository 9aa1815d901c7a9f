/**
 * Exponential back-off with a cap and jitter. Jitter spreads the retries of replicas that
 * failed together (a NATS or Postgres blip), so they do not all come back in the same tick.
 */
export interface BackoffPolicy {
  /** Delay before the first retry. */
  initialMs: number;
  /** No delay exceeds this. */
  maxMs: number;
  /** 0..1: the share of each delay that is randomised (0.2 → ±20 %). */
  jitter: number;
}

export const DEFAULT_BACKOFF: BackoffPolicy = { initialMs: 500, maxMs: 30_000, jitter: 0.2 };

/** Delay before retry number `attempt` (1 = first retry). */
export function backoffDelayMs(attempt: number, policy: BackoffPolicy = DEFAULT_BACKOFF, random = Math.random): number {
  const n = Math.max(1, Math.floor(attempt));
  // 2 ** 30 already exceeds any sane cap; clamping the exponent keeps the maths finite
  const raw = Math.min(policy.maxMs, policy.initialMs * 2 ** Math.min(n - 1, 30));
  const spread = raw * policy.jitter * (random() * 2 - 1);
  return Math.max(0, Math.round(Math.min(policy.maxMs, raw + spread)));
}
