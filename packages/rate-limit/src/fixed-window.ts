// The limit is a fixed window per client: the first request of a client opens a window of
// `window` seconds, every request in it adds its cost to one counter, and the window closes on
// its own. One atomic increment per request (INCRBY in Redis, one INSERT … ON CONFLICT in
// PostgreSQL) is all a shared store has to do, so the count is exact across instances — no
// read-then-write race, no overshoot — and the RateLimit field's `r` and `t` are exactly the
// counter and the window's end. A sliding-window counter would smooth the burst a fixed window
// allows at its edge (up to twice the quota within one window's length, straddling two
// windows), but needs two counters and an estimate: its `r` is a guess, and an exact check
// across instances costs a script or a transaction per request. Keep windows short (or stack a
// short policy over a long one) where the edge burst matters.

/** What a store answers for one increment: the count in the key's window and the time left. */
export interface WindowCount {
  /** The units counted in the current window, this request's included. */
  readonly count: number;
  /** Milliseconds until the window ends (and the count starts again from zero). */
  readonly resetMs: number;
}

/** The answer for one request under a fixed-window limit. */
export interface RateLimitDecision {
  /** Whether the request is within the quota (`count <= limit`). */
  readonly allowed: boolean;
  /** The quota of the window. */
  readonly limit: number;
  /** Units left in the window after this request (`r`), never negative. */
  readonly remaining: number;
  /** Whole seconds until the window ends (`t`), rounded up so a client never comes back early. */
  readonly reset: number;
  /** Seconds to send in `Retry-After` when not allowed: the window's end, at least 1. */
  readonly retryAfter: number;
}

/**
 * Decides one request under a fixed-window limit from the count its store returned: allowed
 * while the window's count, this request included, is at most `limit`. Requests that were
 * refused still count (the store increments first), so a client that keeps sending while
 * refused gains nothing; the window still ends on time.
 *
 * @param counter - the store's answer for this request
 * @param limit - the quota per window
 * @returns whether to serve the request, and the `r`, `t` and `Retry-After` values
 *
 * @example
 * ```ts
 * import { evaluateFixedWindow } from '@fielding/rate-limit';
 *
 * evaluateFixedWindow({ count: 58, resetMs: 16_200 }, 100);
 * // { allowed: true, limit: 100, remaining: 42, reset: 17, retryAfter: 17 }
 * ```
 * @see https://datatracker.ietf.org/doc/html/draft-ietf-httpapi-ratelimit-headers-11#section-4.1.2
 */
export function evaluateFixedWindow(counter: WindowCount, limit: number): RateLimitDecision {
  const count = Number.isFinite(counter.count) ? counter.count : Number.MAX_SAFE_INTEGER;
  const resetMs = Number.isFinite(counter.resetMs) ? Math.max(0, counter.resetMs) : 0;
  const reset = Math.ceil(resetMs / 1000);
  return {
    allowed: count <= limit,
    limit,
    remaining: Math.max(0, Math.min(limit, limit - count)),
    reset,
    retryAfter: Math.max(1, reset),
  };
}
