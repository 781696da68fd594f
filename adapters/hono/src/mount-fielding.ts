import type { FetchHandler } from '@fielding/core';
import type { Env, Hono, Schema } from 'hono';
import { answerError } from './_errors.js';

/**
 * Mounts a Fielding `FetchHandler` on a path of a Hono app: every method, the path itself and
 * everything below it (`/api`, `/api/…`). Unlike Hono's `app.mount`, the handler gets `c.req.raw`
 * itself — the full original URL, prefix included, so the links and `Location` headers it builds
 * from `request.url` stay right; every header; the body unread; the runtime's `signal` — and its
 * `Response` goes back to Hono as it is. A thrown or rejected `HttpError` becomes its
 * problem+json; any other error goes to `app.onError`.
 *
 * @param app - the Hono app (or sub-app) to mount on; its `basePath` applies
 * @param path - the prefix or route pattern, e.g. `'/api'` or `'/users/:id'`; `'/'` mounts
 *   everything
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
 * // one method on one route needs no adapter: app.get('/x', (c) => handler(c.req.raw))
 * ```
 */
export function mountFielding<E extends Env, S extends Schema, B extends string>(
  app: Hono<E, S, B>,
  path: string,
  handler: FetchHandler,
): Hono<E, S, B> {
  let end = path.length;
  while (end > 0 && path.charCodeAt(end - 1) === 47 /* / */) end--;
  app.all(`${path.slice(0, end)}/*`, function fieldingHandler(c): Response | Promise<Response> {
    let result: Response | Promise<Response>;
    try {
      result = handler(c.req.raw);
    } catch (error) {
      return answerError(error);
    }
    // Not `instanceof Response`: @hono/node-server swaps the global `Response` for its own.
    return 'then' in result ? result.then(undefined, answerError) : result;
  });
  return app;
}
