import type { WindowCount } from './fixed-window.js';
import type { IncrementInput, RateLimitStore } from './store.js';

/** Options of {@link memoryStore}. */
export interface MemoryStoreOptions {
  /**
   * The most keys kept. When a new window would exceed it, expired windows go first, then the
   * oldest window: its client starts afresh, which is the price of bounded memory under a flood
   * of distinct keys. Default: `10_000`.
   */
  readonly maxKeys?: number;
  /** The clock, in milliseconds; monotonic by default (`performance.now()`). For tests. */
  readonly now?: () => number;
}

/** The {@link RateLimitStore} of {@link memoryStore}, which can say how many keys it holds. */
export interface MemoryRateLimitStore extends RateLimitStore {
  /** The number of keys held, expired ones not yet swept included. */
  readonly size: number;
}

interface Window {
  count: number;
  expiresAt: number;
}

/** Expired windows swept per new window: amortised O(1), no timer. */
const SWEEP = 8;

/**
 * A {@link RateLimitStore} in this process's memory: one instance's counters only, so with
 * several instances each enforces the limit on its own. Bounded (`maxKeys`) and swept as it
 * goes, without timers, so it runs anywhere and keeps nothing alive.
 *
 * @param options - the bound and the clock
 * @returns the store
 *
 * @example
 * ```ts
 * import { memoryStore, rateLimit } from '@fielding/rate-limit';
 *
 * const middleware = rateLimit({
 *   store: memoryStore({ maxKeys: 50_000 }),
 *   limit: 100,
 *   window: 60,
 *   trustProxy: 'x-forwarded',
 * });
 * ```
 */
export function memoryStore(options: MemoryStoreOptions = {}): MemoryRateLimitStore {
  const maxKeys = options.maxKeys ?? 10_000;
  if (!Number.isInteger(maxKeys) || maxKeys < 1) {
    throw new RangeError(`memoryStore: maxKeys must be a positive integer, not ${maxKeys}.`);
  }
  const now = options.now ?? (() => performance.now());
  // Insertion order is the order windows opened: the front holds the oldest.
  const windows = new Map<string, Window>();

  const sweep = (at: number): void => {
    let swept = 0;
    for (const [key, window] of windows) {
      if (window.expiresAt > at || swept >= SWEEP) break;
      windows.delete(key);
      swept += 1;
    }
    while (windows.size >= maxKeys) {
      const oldest = windows.keys().next();
      if (oldest.done === true) break;
      windows.delete(oldest.value);
    }
  };

  const increment = ({ key, cost, windowMs }: IncrementInput): WindowCount => {
    const at = now();
    const open = windows.get(key);
    if (open !== undefined && open.expiresAt > at) {
      open.count += cost;
      return { count: open.count, resetMs: Math.ceil(open.expiresAt - at) };
    }
    if (open !== undefined) windows.delete(key);
    sweep(at);
    windows.set(key, { count: cost, expiresAt: at + windowMs });
    return { count: cost, resetMs: windowMs };
  };

  return {
    increment: (input) => Promise.resolve(increment(input)),
    reset(key) {
      windows.delete(key);
      return Promise.resolve();
    },
    get size() {
      return windows.size;
    },
  };
}
