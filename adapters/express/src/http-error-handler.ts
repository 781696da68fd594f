import type { ExpressErrorHandler, ExpressNext, ExpressRequest, ExpressResponse } from './types.js';
import { answerProblem } from './_errors.js';

/**
 * An Express error handler that answers every error as `application/problem+json` — never
 * Express's HTML page, never a stack, whatever `NODE_ENV` says. An `HttpError` (thrown, rejected
 * on Express 5, or passed to `next(error)`) as it says; a 4xx from Express or its ecosystem
 * (`createError()`, a body parser's 400/413/415, a malformed route parameter) with its status,
 * its `headers` and a detail fit for the client (its message only when `expose` is true and it
 * looks written for a client); anything else as a 500 that tells nothing of the error. Register
 * it last; log errors in your own error middleware before it (`next(error)` passes them on).
 *
 * @returns an Express error-handling middleware (four parameters)
 *
 * @example
 * ```ts
 * import express from 'express';
 * import { HttpError } from '@fielding/problem-errors';
 * import { httpErrorHandler, notFoundHandler } from '@fielding/express';
 *
 * const app = express();
 * app.get('/blogs/:id', () => {
 *   throw new HttpError(404, { detail: 'No such blog.' });
 * });
 * app.use(notFoundHandler());
 * app.use(httpErrorHandler());
 * ```
 * @see https://www.rfc-editor.org/rfc/rfc9457#section-3
 */
export function httpErrorHandler(): ExpressErrorHandler {
  return function fieldingErrorHandler(
    error: unknown,
    req: ExpressRequest,
    res: ExpressResponse,
    _next: ExpressNext,
  ): void {
    answerProblem(error, req, res);
  };
}
