import type { ExpressErrorHandler, ExpressNext, ExpressRequest, ExpressResponse } from './types.js';
import { answerError } from './_errors.js';

/**
 * An Express error handler that answers an `HttpError` — thrown in a route, rejected from an
 * async route (Express 5), or passed to `next(error)` — as `application/problem+json`, and
 * hands every other error on to the next error handler. Register it after the routes.
 *
 * @returns an Express error-handling middleware (four parameters)
 *
 * @example
 * ```ts
 * import express from 'express';
 * import { HttpError } from '@fielding/problem-errors';
 * import { httpErrorHandler } from '@fielding/express';
 *
 * const app = express();
 * app.get('/blogs/:id', () => {
 *   throw new HttpError(404, { detail: 'No such blog.' });
 * });
 * app.use(httpErrorHandler());
 * ```
 * @see https://www.rfc-editor.org/rfc/rfc9457#section-3
 */
export function httpErrorHandler(): ExpressErrorHandler {
  return function fieldingErrorHandler(
    error: unknown,
    req: ExpressRequest,
    res: ExpressResponse,
    next: ExpressNext,
  ): void {
    answerError(error, req, res, next);
  };
}
