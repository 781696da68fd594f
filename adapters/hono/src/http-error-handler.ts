import {
  HttpError,
  INTERNAL_ERROR_DETAIL,
  PROBLEM_JSON,
  isHttpError,
  problem,
  problemFromError,
} from '@fielding/problem-errors';
import type { Context, Env, ErrorHandler, Hono, NotFoundHandler } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { HTTPResponseError } from 'hono/types';
import { allowedMethods, formatAllow, knownMethods } from './_allowed-methods.js';
import { carryHeaders } from './_carry-headers.js';
import { malformedTarget } from './_malformed-target.js';

function isResponseError(error: Error): error is HTTPResponseError {
  // Hono's own default handler checks the same: another copy of hono (CJS next to ESM) makes
  // HTTPExceptions that are not `instanceof` this one.
  return (
    error instanceof HTTPException ||
    ('getResponse' in error && typeof error.getResponse === 'function')
  );
}

/**
 * An `HTTPException` as a problem: its status; for a 4xx the first line of its message as
 * `detail` (Hono sends the message to the client anyway, but never a stack under it); for a 5xx
 * nothing of it. The headers of a response it carries stay (basicAuth's `WWW-Authenticate`, a
 * `Retry-After`), its body does not, unless it is a problem already.
 */
function problemFromResponseError(error: HTTPResponseError): Response {
  const response = error.getResponse();
  const { status } = response;
  if (status < 400 || status > 599) return response;
  if (response.headers.get('content-type')?.startsWith(PROBLEM_JSON) === true) return response;
  response.body?.cancel().catch(() => undefined);
  const detail = status < 500 ? error.message.split('\n', 1)[0]?.trim() : undefined;
  const answer = problem(detail ? { status, detail } : { status });
  return carryHeaders(response.headers, answer);
}

/** Whether the body `c.req.json()` read (Hono caches its text) is not JSON. */
async function bodyIsMalformedJson(c: Context): Promise<boolean> {
  const read = c.req.bodyCache.text;
  if (read === undefined) return false;
  let text: string;
  try {
    text = await read;
  } catch {
    return false;
  }
  try {
    JSON.parse(text);
    return false;
  } catch {
    return true;
  }
}

/**
 * A Hono error handler (`app.onError`) that answers every error with an RFC 9457 problem and
 * never a stack: an `HttpError` as itself; Hono's `HTTPException` with its status (a 4xx with its
 * message as `detail`, a 5xx with nothing of it), keeping the headers of a response it carries;
 * a `SyntaxError` from `c.req.json()` on a body that is not JSON as `400`; `bodyLimit`'s error
 * as `413`. Anything else goes to `fallback` (log there), or becomes a `500` that says nothing
 * of the error (without Hono's `console.error`).
 *
 * @param fallback - the error handler for errors that are none of the above
 * @returns a Hono error handler
 *
 * @example
 * ```ts
 * import { Hono } from 'hono';
 * import { HTTPException } from 'hono/http-exception';
 * import { problem } from '@fielding/problem-errors';
 * import { httpErrorHandler } from '@fielding/hono';
 *
 * const app = new Hono();
 * app.get('/teapot', () => {
 *   throw new HTTPException(418, { message: 'Short and stout.' }); // a 418 problem
 * });
 * app.onError(
 *   httpErrorHandler((error) => {
 *     console.error(error); // only errors that are no HttpError, HTTPException or bad input
 *     return problem({ status: 500 });
 *   }),
 * );
 * ```
 * @see https://www.rfc-editor.org/rfc/rfc9457#section-3
 */
export function httpErrorHandler<E extends Env = Env>(fallback?: ErrorHandler<E>): ErrorHandler<E> {
  const other = (error: Error, c: Context<E>): Response | Promise<Response> =>
    fallback !== undefined
      ? fallback(error, c)
      : problem({ status: 500, detail: INTERNAL_ERROR_DETAIL });
  return function fieldingErrorHandler(error, c): Response | Promise<Response> {
    if (isHttpError(error)) return problemFromError(error);
    if (isResponseError(error)) return problemFromResponseError(error);
    // bodyLimit's own error class (not exported): a streamed body went over the limit.
    if (error.name === 'BodyLimitError') return problem({ status: 413 });
    if (error instanceof SyntaxError) {
      return bodyIsMalformedJson(c).then((malformed) =>
        malformed
          ? problem({ status: 400, detail: 'The request body is not valid JSON.' })
          : other(error, c),
      );
    }
    return other(error, c);
  };
}

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
 * import { problemNotFound } from '@fielding/hono';
 *
 * const app = new Hono();
 * app.get('/blogs/:id', (c) => c.json({ id: c.req.param('id') }));
 * app.notFound(problemNotFound(app)); // DELETE /blogs/7 → 405, Allow: GET, HEAD, OPTIONS
 * ```
 * @see https://www.rfc-editor.org/rfc/rfc9110#section-15.5.5
 */
export function problemNotFound<E extends Env = Env>(
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
      headers: { Allow: allow },
    });
  };
}
