import type { FastifyErrorHandler } from './types.js';
import { STANDARD_METHODS, errorHandlerFor } from './_problem-answers.js';

/**
 * A Fastify error handler that answers **every** error as `application/problem+json`, never
 * Fastify's JSON or a stack, whatever `NODE_ENV` says: an `HttpError` as it says; a schema
 * failure as 400 with an `errors` entry per failed value (JSON Pointers into the body,
 * `parameter` or `header` names); Fastify's own client errors (an empty or invalid JSON body,
 * content over `bodyLimit`, a media type without a parser) with their status and a detail that
 * names no internals; an error with a 4xx `statusCode` with its message; anything else as a 500
 * that says nothing about it. Errors are logged with `request.log`, as Fastify's own handler
 * logs them. Encapsulated like any error handler: set it on the root for the whole app.
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
 *   throw new HttpError(404, { detail: 'No such blog.' }); // any other error: a plain 500
 * });
 * ```
 * @see https://www.rfc-editor.org/rfc/rfc9457#section-3
 */
export function httpErrorHandler(): FastifyErrorHandler {
  return errorHandlerFor(STANDARD_METHODS);
}
