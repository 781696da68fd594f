// A value a store cannot keep (PostgreSQL text holds no U+0000 and no lone surrogate): the
// store says so with this error, and an API answers 422 instead of a 500. It lives here, not in
// @fielding/resource, so a store package can throw it without bundling the resource layer.

/**
 * Thrown by a store's `create` or `replace` when the value holds something the store cannot
 * keep (for PostgreSQL: U+0000 or a lone surrogate in a string). A resource of `@fielding/resource` answers
 * `422` problem+json for it; nothing is written.
 *
 * @example
 * ```ts
 * import { UnstorableValueError } from '@fielding/core';
 *
 * function refuseNul(value: string): void {
 *   if (value.includes('\u0000')) throw new UnstorableValueError('U+0000 cannot be stored.');
 * }
 * ```
 */
export class UnstorableValueError extends Error {
  override name = 'UnstorableValueError' as const;
}
