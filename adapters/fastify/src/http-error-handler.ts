import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyErrorHandler, FastifyHandler } from './types.js';
import { answerError } from './_errors.js';
import { STANDARD_METHODS, notFoundHandlerFor } from './_problem-answers.js';

/**
 * A Fastify error handler that answers an `HttpError` — thrown or rejected in a route or hook
 * — as `application/problem+json`, and hands every other error on to the parent scope's error
 * handler (Fastify's default at the root). Encapsulated like any error handler: set it on the
 * root for the whole app, or inside a plugin for its routes. To answer every error as a
 * problem, use {@link problemErrorHandler}.
 *
 * @returns an error handler for `app.setErrorHandler()`
 *
 * @example
 * ```ts
 * import Fastify from 'fastify';
 * import { HttpError } from '@fielding/problem-errors';
 * import { httpErrorHandler } from '@fielding/fastify';
 *
 * const app = Fastify();
 * app.setErrorHandler(httpErrorHandler());
 * app.get('/blogs/:id', async () => {
 *   throw new HttpError(404, { detail: 'No such blog.' });
 * });
 * ```
 * @see https://www.rfc-editor.org/rfc/rfc9457#section-3
 */
export function httpErrorHandler(): FastifyErrorHandler {
  return function fieldingErrorHandler(
    error: unknown,
    _request: FastifyRequest,
    reply: FastifyReply,
  ): Promise<FastifyReply> {
    return answerError(error, reply);
  };
}

/**
 * A Fastify not-found handler that answers `application/problem+json` instead of Fastify's own
 * JSON, as RFC 9110 asks: 501 for a method other than RFC 9110's and `PATCH` (§15.6.2), 404
 * for a path no route serves, 405 with `Allow` for a method the path lacks (§15.5.6), 204 with
 * `Allow` for `OPTIONS`, and 400 for the asterisk-form target with a method other than OPTIONS.
 * Fastify's 404 is left alone unless you set it; {@link problemHandlers} sets it for you, and
 * also counts the methods your routes add as implemented.
 *
 * @returns a handler for `app.setNotFoundHandler()`
 *
 * @example
 * ```ts
 * import Fastify from 'fastify';
 * import { notFoundHandler } from '@fielding/fastify';
 *
 * const app = Fastify();
 * app.setNotFoundHandler(notFoundHandler());
 * app.get('/blogs/:id', async (request) => request.params); // DELETE /blogs/7 → 405, Allow
 * ```
 * @see https://www.rfc-editor.org/rfc/rfc9110#section-15.5.5
 */
export function notFoundHandler(): FastifyHandler {
  return notFoundHandlerFor(STANDARD_METHODS);
}
