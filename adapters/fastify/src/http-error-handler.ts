import type { FastifyReply, FastifyRequest } from 'fastify';
import { notFound } from '@fielding/problem-errors';
import type { FastifyErrorHandler, FastifyHandler } from './types.js';
import { answerError } from './_errors.js';

/**
 * A Fastify error handler that answers an `HttpError` — thrown or rejected in a route or hook
 * — as `application/problem+json`, and hands every other error on to the parent scope's error
 * handler (Fastify's default at the root). Encapsulated like any error handler: set it on the
 * root for the whole app, or inside a plugin for its routes.
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
 * A Fastify not-found handler that answers `application/problem+json` 404s instead of
 * Fastify's own JSON — only where you ask for it, since Fastify's 404 is otherwise left alone.
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
 * ```
 * @see https://www.rfc-editor.org/rfc/rfc9110#section-15.5.5
 */
export function notFoundHandler(): FastifyHandler {
  return function fieldingNotFound(
    request: FastifyRequest,
    reply: FastifyReply,
  ): Promise<FastifyReply> {
    return answerError(
      notFound({ detail: `No resource at ${request.method} ${request.url}.` }),
      reply,
    );
  };
}
