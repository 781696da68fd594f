import { HttpError, isHttpError, problemFromError } from '@fielding/problem-errors';
import type { Env, ErrorHandler, NotFoundHandler } from 'hono';

/**
 * A Hono error handler (`app.onError`) that answers an `HttpError` thrown or rejected in any
 * Hono handler or middleware as `application/problem+json`. Other errors go to `fallback`, or
 * get Hono's default answer: an `HTTPException`'s own response, else `500 Internal Server
 * Error` as text (without Hono's `console.error`: log in `fallback`).
 *
 * @param fallback - the error handler for everything that is not an `HttpError`
 * @returns a Hono error handler
 *
 * @example
 * ```ts
 * import { Hono } from 'hono';
 * import { HttpError } from '@fielding/problem-errors';
 * import { httpErrorHandler } from '@fielding/hono';
 *
 * const app = new Hono();
 * app.get('/teapot', () => {
 *   throw new HttpError(418, { detail: 'Short and stout.' });
 * });
 * app.onError(httpErrorHandler());
 * ```
 * @see https://www.rfc-editor.org/rfc/rfc9457#section-3
 */
export function httpErrorHandler<E extends Env = Env>(fallback?: ErrorHandler<E>): ErrorHandler<E> {
  return function fieldingErrorHandler(error, c): Response | Promise<Response> {
    if (isHttpError(error)) return problemFromError(error);
    if (fallback !== undefined) return fallback(error, c);
    if ('getResponse' in error && typeof error.getResponse === 'function') {
      return error.getResponse();
    }
    return c.text('Internal Server Error', 500);
  };
}

/**
 * A Hono not-found handler (`app.notFound`) that answers `404 Not Found` as
 * `application/problem+json` instead of Hono's plain-text 404. Hono's own 404 stays unless you
 * install this.
 *
 * @returns a Hono not-found handler
 *
 * @example
 * ```ts
 * import { Hono } from 'hono';
 * import { problemNotFound } from '@fielding/hono';
 *
 * const app = new Hono();
 * app.notFound(problemNotFound());
 * ```
 * @see https://www.rfc-editor.org/rfc/rfc9110#section-15.5.5
 */
export function problemNotFound<E extends Env = Env>(): NotFoundHandler<E> {
  return function fieldingNotFound(c): Response {
    return problemFromError(
      new HttpError(404, { detail: `No resource at ${c.req.method} ${c.req.path}.` }),
    );
  };
}
