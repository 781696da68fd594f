// What every store contract suite of Fielding (idempotency, rate limits, jobs, resources) checks
// with: plain assertions that throw one error class, so any test runner can run the suites and a
// failure reads the same whichever store failed.

/**
 * The error a store contract check throws when a store breaks a rule; its message says which
 * rule and what the store did.
 *
 * @example
 * ```ts
 * import { StoreContractError } from '@fielding/core';
 *
 * try {
 *   // await check.run();
 * } catch (error) {
 *   if (error instanceof StoreContractError) console.error(error.message);
 * }
 * ```
 */
export class StoreContractError extends Error {
  override name = 'StoreContractError' as const;
}

/**
 * Throws a {@link StoreContractError} with `message` unless `condition` holds.
 *
 * @param condition - what the store must have done
 * @param message - the rule, worded as what should hold
 *
 * @example
 * ```ts
 * import { contractCheck } from '@fielding/core';
 *
 * const claimed = true;
 * contractCheck(claimed, 'the first claim of a key wins');
 * ```
 */
export function contractCheck(condition: boolean, message: string): asserts condition {
  if (!condition) throw new StoreContractError(message);
}

/**
 * Throws a {@link StoreContractError} unless `actual` and `expected` look the same through
 * `view` (by default `JSON.stringify`); the message shows both views.
 *
 * @param actual - what the store gave
 * @param expected - what it should have given
 * @param message - the rule
 * @param view - how to compare (e.g. with object keys sorted, for a store that reorders them)
 *
 * @example
 * ```ts
 * import { contractSame } from '@fielding/core';
 *
 * contractSame({ count: 2 }, { count: 2 }, 'the second increment counts 2');
 * ```
 */
export function contractSame(
  actual: unknown,
  expected: unknown,
  message: string,
  view: (value: unknown) => string | undefined = JSON.stringify,
): void {
  const a = view(actual);
  const e = view(expected);
  if (a !== e) throw new StoreContractError(`${message}: expected ${e}, got ${a}`);
}
