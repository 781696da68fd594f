import type { FastifyInstance, FastifyPluginCallback, RouteOptions } from 'fastify';
import { refuseConnect } from '@fielding/node';
import type { FastifyErrorHandler } from './types.js';
import {
  CATCH_ALL_HANDLERS,
  STANDARD_METHODS,
  errorHandlerFor,
  notFoundHandlerFor,
} from './_problem-answers.js';

const SKIP_OVERRIDE = Symbol.for('skip-override');
const DISPLAY_NAME = Symbol.for('fastify.display-name');

/**
 * A Fastify error handler that answers **every** error as `application/problem+json`: an
 * `HttpError` as itself; a schema failure as 400 with an `errors` entry per failed value (JSON
 * Pointers into the body, `parameter` or `header` names); Fastify's own client errors (an empty
 * or invalid JSON body, content over `bodyLimit`, a media type without a parser) with their
 * status and a detail that names no internals; an error with a 4xx `statusCode` with its
 * message; anything else as a 500 that says nothing about it, whatever `NODE_ENV` says. Errors
 * are logged with `request.log` as Fastify's own handler logs them.
 *
 * @returns an error handler for `app.setErrorHandler()`
 *
 * @example
 * ```ts
 * import Fastify from 'fastify';
 * import { problemErrorHandler } from '@fielding/fastify';
 *
 * const app = Fastify();
 * app.setErrorHandler(problemErrorHandler());
 * app.get('/boom', async () => {
 *   throw new Error('db password is hunter2'); // the client gets a plain 500 problem
 * });
 * ```
 * @see https://www.rfc-editor.org/rfc/rfc9457#section-3
 */
export function problemErrorHandler(): FastifyErrorHandler {
  return errorHandlerFor(STANDARD_METHODS);
}

function isCatchAll(route: RouteOptions): boolean {
  return CATCH_ALL_HANDLERS.has(route.handler);
}

/**
 * A Fastify plugin that makes every answer of the app's own a problem: it sets
 * {@link problemErrorHandler} and a not-found handler that answers, in the order RFC 9110
 * asks, 501 for a method no route implements, 404 for a path no route serves, 405 with
 * `Allow` for a method the path lacks, 204 with `Allow` for `OPTIONS`, and 400 for `GET *`.
 * It answers `CONNECT` with 501 when the server has no `connect` listener. Not encapsulated:
 * register it first, on the root, so it sees the routes (their methods make the 405s).
 *
 * @returns a plugin for `app.register()`
 *
 * @example
 * ```ts
 * import Fastify from 'fastify';
 * import { problemHandlers, problemServerOptions } from '@fielding/fastify';
 *
 * const app = Fastify({ ...problemServerOptions(), bodyLimit: 1_048_576 });
 * await app.register(problemHandlers());
 * app.get('/blogs/:id', async (request) => request.params);
 * ```
 * @see https://www.rfc-editor.org/rfc/rfc9110#section-15.5.6
 */
export function problemHandlers(): FastifyPluginCallback {
  const plugin = function fieldingProblemHandlers(
    instance: FastifyInstance,
    _opts: unknown,
    done: (error?: Error) => void,
  ): void {
    // RFC 9110 §15.6.2: 501 for a method the server implements for no resource at all.
    const known = new Set(STANDARD_METHODS);
    instance.addHook('onRoute', (route) => {
      if (isCatchAll(route)) return;
      for (const method of [route.method].flat()) known.add(method.toUpperCase());
    });
    instance.setErrorHandler(errorHandlerFor(known));
    instance.setNotFoundHandler(notFoundHandlerFor(known));
    // Without a listener Node drops a CONNECT unanswered (a server from problemServerOptions()
    // has one already).
    if (instance.server.listenerCount('connect') === 0)
      instance.server.on('connect', refuseConnect);
    done();
  };
  Object.assign(plugin, { [SKIP_OVERRIDE]: true, [DISPLAY_NAME]: 'fielding-problem-handlers' });
  return plugin;
}
