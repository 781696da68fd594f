import { problem } from '@fielding/problem-errors';
import type { Env, MiddlewareHandler } from 'hono';
import { malformedTarget } from './_malformed-target.js';

/**
 * A Hono middleware that answers `400 Bad Request` as `application/problem+json` to a request
 * whose path holds a malformed percent-escape (`/%ZZ`, or `%E0%A4`, which is not UTF-8) or
 * whose Host is not a host (two Host fields, a space). Hono itself routes such a path and hands
 * the undecodable escape to the handler as it is (`c.req.param()` returns `'%E0%A4'`).
 * Register it first.
 *
 * @returns a Hono middleware, for `app.use`
 *
 * @example
 * ```ts
 * import { Hono } from 'hono';
 * import { rejectMalformedTarget } from '@fielding/hono';
 *
 * const app = new Hono();
 * app.use(rejectMalformedTarget());
 * app.get('/tags/:tag', (c) => c.json({ tag: c.req.param('tag') })); // never sees /tags/%E0%A4
 * ```
 * @see https://www.rfc-editor.org/rfc/rfc3986#section-2.1
 */
export function rejectMalformedTarget<E extends Env = Env>(): MiddlewareHandler<E> {
  return async function malformedTargetCheck(c, next): Promise<Response | void> {
    const detail = malformedTarget(c.req.raw);
    if (detail !== undefined) return problem({ status: 400, detail });
    await next();
  };
}
