// A value the schema accepts but the store cannot keep (PostgreSQL text holds no U+0000 and no
// lone surrogate). The store says so with this error; the API answers 422 instead of a 500.
import type { Middleware } from '@fielding/core';
import { unprocessableContent } from '@fielding/problem-errors';

/**
 * Thrown by a store's `create` or `replace` when the value holds something the store cannot
 * keep (for PostgreSQL: U+0000 or a lone surrogate in a string). The declared resource answers
 * `422` problem+json; nothing is written.
 *
 * @example
 * ```ts
 * import { UnstorableValueError } from '@fielding/resource';
 *
 * function refuseNul(value: string): void {
 *   if (value.includes('\u0000')) throw new UnstorableValueError('U+0000 cannot be stored.');
 * }
 * ```
 */
export class UnstorableValueError extends Error {
  override name = 'UnstorableValueError' as const;
}

const DETAIL =
  'The representation holds a character the store cannot keep (U+0000 or a lone surrogate).';

/** Turns an {@link UnstorableValueError} from the store into a 422 problem. */
export const unstorableAsUnprocessable: Middleware = async (request, next) => {
  try {
    return await next(request);
  } catch (error) {
    if (error instanceof UnstorableValueError) throw unprocessableContent({ detail: DETAIL });
    throw error;
  }
};
