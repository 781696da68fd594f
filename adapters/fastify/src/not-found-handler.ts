import type { FastifyHandler } from './types.js';
import { STANDARD_METHODS, notFoundHandlerFor } from './_problem-answers.js';

/** Options of {@link notFoundHandler}. */
export interface NotFoundHandlerOptions {
  /**
   * The methods the server implements: a request with another method that no route answered
   * gets `501 Not Implemented`, and `OPTIONS *` lists these in `Allow`. Add the methods your
   * routes register beyond RFC 9110's (`[...HTTP_METHODS, 'PROPFIND']`). Default:
   * `HTTP_METHODS` of `@fielding/core` (RFC 9110's and `PATCH`).
   */
  methods?: readonly string[];
}

/**
 * A Fastify not-found handler that answers `application/problem+json` instead of Fastify's
 * JSON, in the core router's order (RFC 9110): 501 for a method the server does not implement
 * (§15.6.2), 404 for a path no route serves, 405 with `Allow` for a method the path lacks
 * (§15.5.6), 204 with `Allow` for `OPTIONS` (and `OPTIONS *`), and 400 for the asterisk-form
 * target with another method.
 *
 * @param options - the methods the server implements
 * @returns a handler for `app.setNotFoundHandler()`
 *
 * @example
 * ```ts
 * import Fastify from 'fastify';
 * import { httpErrorHandler, notFoundHandler } from '@fielding/fastify';
 *
 * const app = Fastify();
 * app.setErrorHandler(httpErrorHandler());
 * app.setNotFoundHandler(notFoundHandler()); // DELETE /blogs/7 → 405, PROPFIND → 501
 * app.get('/blogs/:id', async (request) => request.params);
 * ```
 * @see https://www.rfc-editor.org/rfc/rfc9110#section-15.5.5
 */
export function notFoundHandler(options: NotFoundHandlerOptions = {}): FastifyHandler {
  const methods = options.methods;
  return notFoundHandlerFor(
    methods === undefined ? STANDARD_METHODS : new Set(methods.map((m) => m.toUpperCase())),
  );
}
