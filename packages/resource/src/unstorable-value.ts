// A value the schema accepts but the store cannot keep (PostgreSQL text holds no U+0000 and no
// lone surrogate). The store says so with this error; the API answers 422 instead of a 500.
import { UnstorableValueError, type Middleware } from '@fielding/core';
import { unprocessableContent } from '@fielding/problem-errors';

const DETAIL =
  'The representation holds a character the store cannot keep (U+0000 or a lone surrogate).';

/** Turns an `UnstorableValueError` (of `@fielding/core`) from the store into a 422 problem. */
export const unstorableAsUnprocessable: Middleware = async (request, next) => {
  try {
    return await next(request);
  } catch (error) {
    if (error instanceof UnstorableValueError) throw unprocessableContent({ detail: DETAIL });
    throw error;
  }
};
