import type { FetchHandler } from '@fielding/core';
import type { Env, Handler, Hono, Schema } from 'hono';
import { answerError } from './_errors.js';

/**
 * Turns a Fielding `FetchHandler` into a Hono handler. The handler gets `c.req.raw`
 * untouched: the full original URL (no prefix stripped), every header, the body still unread
 * (a lazy stream on `@hono/node-server`) and the runtime's `signal`. Its `Response` goes back to
 * Hono as it is. A thrown or rejected `HttpError` becomes `application/problem+json`; any other
 * error goes to Hono's `app.onError`.
 *
 * @param handler - the fetch handler to serve
 * @returns a Hono handler, for `app.get`, `app.all`, `app.on`…
 *
 * @example
 * ```ts
 * import { Hono } from 'hono';
 * import { fromFetch } from '@fielding/hono';
 *
 * const app = new Hono();
 * app.get('/hello/:name', fromFetch((request) => Response.json({ url: request.url })));
 * ```
 */
export function fromFetch<E extends Env = Env>(handler: FetchHandler): Handler<E> {
  return function fieldingHandler(c): Response | Promise<Response> {
    let result: Response | Promise<Response>;
    try {
      result = handler(c.req.raw);
    } catch (error) {
      return answerError(error);
    }
    // Not `instanceof Response`: @hono/node-server swaps the global `Response` for its own.
    return 'then' in result ? result.then(undefined, answerError) : result;
  };
}

/**
 * Mounts a Fielding `FetchHandler` on a path prefix of a Hono app: every method, the
 * prefix itself and everything below it (`/api`, `/api/…`). Unlike Hono's `app.mount`, the
 * handler sees the full original URL, prefix included, so the links and `Location` headers it
 * builds from `request.url` stay right, and it gets `c.req.raw` itself (no `new Request` copy).
 *
 * @param app - the Hono app (or sub-app) to mount on; its `basePath` applies
 * @param path - the prefix, e.g. `'/api'`; `'/'` mounts everything
 * @param handler - the fetch handler to serve
 * @returns `app`, for chaining
 *
 * @example
 * ```ts
 * import { Hono } from 'hono';
 * import { mountFielding } from '@fielding/hono';
 *
 * const app = new Hono();
 * mountFielding(app, '/api', (request) => Response.json({ url: request.url }));
 * ```
 */
export function mountFielding<E extends Env, S extends Schema, B extends string>(
  app: Hono<E, S, B>,
  path: string,
  handler: FetchHandler,
): Hono<E, S, B> {
  let end = path.length;
  while (end > 0 && path.charCodeAt(end - 1) === 47 /* / */) end--;
  app.all(`${path.slice(0, end)}/*`, fromFetch<E>(handler));
  return app;
}
