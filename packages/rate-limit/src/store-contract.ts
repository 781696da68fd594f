// One contract suite for every RateLimitStore: plain async checks that throw on failure, so any
// test runner (vitest, node:test, mocha, bun test) can run them against any implementation.
import { contractCheck, contractSame } from '@fielding/core';
import type { WindowCount } from './fixed-window.js';
import type { RateLimitStore } from './store.js';

/** One named check of {@link rateLimitStoreContract}. */
export interface RateLimitStoreCheck {
  /** What the check asserts, e.g. `concurrent increments of one key each see another count`. */
  readonly name: string;
  /** Runs the check on a store from the factory; rejects with an `Error` saying what failed. */
  readonly run: () => Promise<void>;
}

/** Options of {@link rateLimitStoreContract}. */
export interface RateLimitStoreContractOptions {
  /** How many increments race in the concurrency check. Default: `50`. */
  readonly concurrency?: number;
  /**
   * The short window of the expiry checks, in ms; they wait a little longer than that. Raise
   * it for a store on a slow network. Default: `200`.
   */
  readonly shortWindow?: number;
}

/** A function that returns a store for each check (a new one, or one on a clean table). */
export type RateLimitStoreFactory = () => RateLimitStore | Promise<RateLimitStore>;

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
const MINUTE = 60_000;
const DAY = 86_400_000;

function inWindow(counter: WindowCount, windowMs: number, what: string): void {
  contractCheck(
    Number.isInteger(counter.resetMs) && counter.resetMs > 0 && counter.resetMs <= windowMs,
    `${what}: resetMs ${counter.resetMs} should be an integer in (0, ${windowMs}]`,
  );
}

/**
 * The checks every {@link RateLimitStore} must pass: counting, windows that open and end,
 * independent keys, atomic concurrent increments, `reset`, and keys of any characters. Each
 * check uses its own keys (a random prefix), so they can share one store or table.
 *
 * @param makeStore - returns the store to check
 * @param options - the concurrency and the short window
 * @returns the checks, to hand to a test runner
 *
 * @example
 * ```ts
 * import { describe, it } from 'vitest';
 * import { memoryStore, rateLimitStoreContract } from '@fielding/rate-limit';
 *
 * describe('memoryStore', () => {
 *   it.each(rateLimitStoreContract(() => memoryStore()))('$name', ({ run }) => run());
 * });
 * ```
 */
export function rateLimitStoreContract(
  makeStore: RateLimitStoreFactory,
  options: RateLimitStoreContractOptions = {},
): RateLimitStoreCheck[] {
  const concurrency = options.concurrency ?? 50;
  const shortWindow = options.shortWindow ?? 200;
  const fresh = (): string => `contract-${crypto.randomUUID()}`;
  const checks: Array<[string, (store: RateLimitStore, key: string) => Promise<void>]> = [
    [
      'the first increment counts its cost and opens a window',
      async (store, key) => {
        const first = await store.increment({ key, cost: 3, windowMs: MINUTE });
        contractSame(first.count, 3, 'count after the first increment');
        inWindow(first, MINUTE, 'the first increment');
        contractCheck(
          first.resetMs > MINUTE - 5_000,
          `a new window has nearly all of its ${MINUTE} ms`,
        );
      },
    ],
    [
      'increments within a window add up, and the window does not move',
      async (store, key) => {
        const counts: WindowCount[] = [];
        for (const cost of [1, 1, 2, 5]) {
          counts.push(await store.increment({ key, cost, windowMs: MINUTE }));
        }
        contractSame(
          counts.map((counter) => counter.count),
          [1, 2, 4, 9],
          'counts',
        );
        for (const counter of counts) inWindow(counter, MINUTE, 'each increment');
        for (let index = 1; index < counts.length; index += 1) {
          const [before, after] = [counts[index - 1], counts[index]];
          contractCheck(
            before !== undefined && after !== undefined && after.resetMs <= before.resetMs,
            'resetMs never grows within a window (a later increment does not extend it)',
          );
        }
      },
    ],
    [
      'a cost of 0 reads the counter without adding to it',
      async (store, key) => {
        await store.increment({ key, cost: 4, windowMs: MINUTE });
        contractSame(
          (await store.increment({ key, cost: 0, windowMs: MINUTE })).count,
          4,
          'count read',
        );
        contractSame(
          (await store.increment({ key, cost: 1, windowMs: MINUTE })).count,
          5,
          'count after',
        );
      },
    ],
    [
      'keys are counted apart',
      async (store, key) => {
        await store.increment({ key: `${key}:a`, cost: 5, windowMs: MINUTE });
        const other = await store.increment({ key: `${key}:b`, cost: 1, windowMs: MINUTE });
        contractSame(other.count, 1, 'another key starts at its own cost');
        const prefix = await store.increment({ key: `${key}:`, cost: 1, windowMs: MINUTE });
        contractSame(prefix.count, 1, 'a key that is a prefix of another is another key');
      },
    ],
    [
      'keys of any characters are kept apart',
      async (store, key) => {
        const keys = [
          `${key} ü ✓`,
          `${key}\n`,
          `${key}%20`,
          `${key}'"\\;--`,
          `${key}${'x'.repeat(200)}`,
        ];
        for (const each of keys) await store.increment({ key: each, cost: 2, windowMs: MINUTE });
        for (const each of keys) {
          contractSame(
            (await store.increment({ key: each, cost: 1, windowMs: MINUTE })).count,
            3,
            each,
          );
        }
      },
    ],
    [
      'when the window ends the next increment starts a new one at its cost',
      async (store, key) => {
        await store.increment({ key, cost: 7, windowMs: shortWindow });
        const during = await store.increment({ key, cost: 1, windowMs: shortWindow });
        contractSame(during.count, 8, 'count during the window');
        inWindow(during, shortWindow, 'during the window');
        await sleep(shortWindow + 150);
        const after = await store.increment({ key, cost: 2, windowMs: MINUTE });
        contractSame(after.count, 2, 'count after the window ended');
        contractCheck(after.resetMs > MINUTE - 5_000, 'the new window has the new length');
      },
    ],
    [
      'a long window lasts: a day is reported as up to a day',
      async (store, key) => {
        const counter = await store.increment({ key, cost: 1, windowMs: DAY });
        inWindow(counter, DAY, 'a day-long window');
        contractCheck(
          counter.resetMs > DAY - 5_000,
          'a new day-long window has nearly all of its day',
        );
      },
    ],
    [
      `${concurrency} concurrent increments of one key each see another count`,
      async (store, key) => {
        const counts = await Promise.all(
          Array.from({ length: concurrency }, () =>
            store.increment({ key, cost: 1, windowMs: MINUTE }),
          ),
        );
        contractSame(
          counts.map((counter) => counter.count).sort((a, b) => a - b),
          Array.from({ length: concurrency }, (_, index) => index + 1),
          'counts seen by concurrent increments',
        );
      },
    ],
    [
      'reset forgets the window; resetting an unknown key is harmless',
      async (store, key) => {
        await store.increment({ key, cost: 9, windowMs: MINUTE });
        await store.reset(key);
        contractSame(
          (await store.increment({ key, cost: 1, windowMs: MINUTE })).count,
          1,
          'after reset',
        );
        await store.reset(`${key}:never-used`);
      },
    ],
  ];
  return checks.map(([name, body]) => ({
    name,
    run: async () => body(await makeStore(), fresh()),
  }));
}
