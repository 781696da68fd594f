import type { FetchHandler, Middleware } from '@fielding/core';
import type { Env, MiddlewareHandler } from 'hono';
import { carryHeaders } from './_carry-headers.js';

// Errors in `c.error` that a Fielding middleware has already turned into a response.
const answered = new WeakSet<Error>();

/**
 * Runs a Fielding `Middleware` around Hono's own handlers. Its `next` runs the rest of the
 * Hono chain and resolves with `c.res`, the Web `Response` the handlers produced (Hono's 404
 * included); an error a handler threw rejects `next` (Hono has already put it in `c.error`).
 * What the middleware returns becomes `c.res`: changed in place it is kept as is; a different
 * `Response` replaces it whole, plus the headers of the replaced one it lacks (CORS, cookies),
 * representation metadata (`Content-*`, `ETag`, `Last-Modified`) excepted.
 * Nothing is buffered here: a body streams unless the middleware reads it.
 *
 * @param middleware - the Fielding middleware, e.g. a shallow-ETag or problem middleware
 * @returns a Hono middleware, for `app.use`
 *
 * @example
 * ```ts
 * import { Hono } from 'hono';
 * import type { Middleware } from '@fielding/core';
 * import { honoMiddleware } from '@fielding/hono';
 *
 * const poweredBy: Middleware = async (request, next) => {
 *   const response = await next(request);
 *   response.headers.set('X-Powered-By', 'Fielding');
 *   return response;
 * };
 * const app = new Hono();
 * app.use(honoMiddleware(poweredBy));
 * app.get('/hello', (c) => c.json({ hello: 'world' }));
 * ```
 */
export function honoMiddleware<E extends Env = Env>(middleware: Middleware): MiddlewareHandler<E> {
  return async function fieldingMiddleware(c, honoNext): Promise<void> {
    let called = false;
    const next: FetchHandler = async (request) => {
      if (called) throw new TypeError('next() was called twice.');
      called = true;
      // Routing is done: a rebuilt request changes what handlers read, not where they are.
      if (request !== c.req.raw) c.req.raw = request;
      const before = c.error;
      await honoNext();
      if (c.error !== undefined && c.error !== before && !answered.has(c.error)) {
        rejected = c.error;
        throw c.error;
      }
      return c.res;
    };
    let rejected: Error | undefined;
    const response = await middleware(c.req.raw, next);
    // The middleware answered the error; `c.error` stays set for Hono's loggers, but outer
    // Fielding middleware must not see it again (their `c.res` is this answer).
    if (rejected !== undefined) answered.add(rejected);
    // `c.res` is read only now: reading it before `next` would make Hono copy the handler's
    // response into a new one, which costs @hono/node-server its fast path.
    const replaced = c.res;
    if (response === replaced) return;
    const final = carryHeaders(replaced.headers, response);
    // Hono's setter merges the old response's headers over the new one's (a 304 would get the
    // 200's Content-Length); clearing first makes it take the response as it is.
    c.res = undefined;
    c.res = final;
  };
}
