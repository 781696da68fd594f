import { HttpError, problem, problemFromError } from '@fielding/problem-errors';
import type { Env, Hono, NotFoundHandler } from 'hono';
import { allowedMethods, formatAllow, knownMethods } from './_allowed-methods.js';
import { malformedTarget } from './_malformed-target.js';

/**
 * A Hono not-found handler (`app.notFound`) that answers as `application/problem+json` what no
 * route answered: `400` for a malformed path or Host (as `rejectMalformedTarget()` does),
 * `501 Not Implemented` for a method the server does not implement, and given
 * the app, `405 Method Not Allowed` with `Allow` where routes answer the path for other methods
 * (`204` with `Allow` for `OPTIONS`); else `404 Not Found`.
 *
 * @param app - the app whose routes decide 405 and which methods are implemented (those of
 *   RFC 9110 and PATCH, plus any its routes register); without it, only 404 and 501
 * @returns a Hono not-found handler
 *
 * @example
 * ```ts
 * import { Hono } from 'hono';
 * import { notFoundHandler } from '@fielding/hono';
 *
 * const app = new Hono();
 * app.get('/blogs/:id', (c) => c.json({ id: c.req.param('id') }));
 * app.notFound(notFoundHandler(app)); // DELETE /blogs/7 → 405, Allow: GET, HEAD, OPTIONS
 * ```
 * @see https://www.rfc-editor.org/rfc/rfc9110#section-15.5.5
 */
export function notFoundHandler<E extends Env = Env>(
  app?: Pick<Hono, 'router' | 'routes'>,
): NotFoundHandler<E> {
  return function fieldingNotFound(c): Response {
    // Hono matches no route, middleware included, for some of these (`/%0A/%`).
    const malformed = malformedTarget(c.req.raw);
    if (malformed !== undefined) return problem({ status: 400, detail: malformed });
    const { method, path } = c.req;
    if (!knownMethods(app).has(method)) {
      return problem({
        status: 501,
        detail: `The method ${method} is not implemented by this server.`,
      });
    }
    const allowed = app === undefined ? undefined : allowedMethods(app, path);
    // A route for this very method that answered nothing is a 404, not a 405.
    if (allowed === undefined || allowed.size === 0 || allowed.has(method)) {
      return problemFromError(new HttpError(404, { detail: `No resource at ${method} ${path}.` }));
    }
    const allow = formatAllow(allowed);
    if (method === 'OPTIONS') return new Response(null, { status: 204, headers: { Allow: allow } });
    return problem({
      status: 405,
      detail: `${method} is not allowed on ${path}; use ${allow}.`,
      // A Headers object, not a record: problem() adds its media type to it after building the
      // Response, and @hono/node-server 1.x would lose that on a copy (HEAD) otherwise.
      headers: new Headers({ Allow: allow }),
    });
  };
}
