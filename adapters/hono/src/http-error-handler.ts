import {
  INTERNAL_ERROR_DETAIL,
  PROBLEM_JSON,
  isHttpError,
  problem,
  problemFromError,
} from '@fielding/problem-errors';
import type { Context, Env, ErrorHandler } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { HTTPResponseError } from 'hono/types';
import { carriedHeaders } from './_carry-headers.js';

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
  // Built with its headers, not given them after: see carryHeaders.
  const headers = carriedHeaders(response.headers);
  return problem({ status, ...(detail && { detail }), ...(headers && { headers }) });
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
