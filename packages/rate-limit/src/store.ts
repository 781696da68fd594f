import type { WindowCount } from './fixed-window.js';

/** What {@link RateLimitStore.increment} is asked. */
export interface IncrementInput {
  /** The counter's key: the policy and the client, e.g. `default:ip:203.0.113.7`. */
  readonly key: string;
  /** Units to add (a non-negative integer; `0` reads the counter). */
  readonly cost: number;
  /** The length of a window the increment opens, in milliseconds. */
  readonly windowMs: number;
}

/**
 * Where the counters live. Several instances of an API that share one store (PostgreSQL,
 * Redis) share one limit. Every implementation passes {@link rateLimitStoreContract}.
 *
 * @example
 * ```ts
 * import type { RateLimitStore } from '@fielding/rate-limit';
 *
 * const counters = new Map<string, number>();
 * // A store that never resets its counters: for a sketch only.
 * const store: RateLimitStore = {
 *   async increment({ key, cost }) {
 *     const count = (counters.get(key) ?? 0) + cost;
 *     counters.set(key, count);
 *     return { count, resetMs: 60_000 };
 *   },
 *   async reset(key) {
 *     counters.delete(key);
 *   },
 * };
 * ```
 */
export interface RateLimitStore {
  /**
   * Adds `cost` to the key's counter and returns the count with the time left in its window,
   * atomically: of concurrent increments each sees a different count. A key with no open
   * window (new, or its window ended) starts a new one of `windowMs` at `cost`.
   */
  increment(input: IncrementInput): Promise<WindowCount>;
  /** Forgets the key's window, e.g. after a successful login resets a login limit. */
  reset(key: string): Promise<void>;
}
