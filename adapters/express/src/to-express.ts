import type { FetchHandler } from '@fielding/core';
import { installFastResponse } from '@fielding/node';
import type { ExpressHandler, ExpressNext, ExpressRequest, ExpressResponse } from './types.js';
import { toWebRequest as createWebRequest } from './_web-request.js';
import { writeResponse } from '@fielding/node';
import { problem } from '@fielding/problem-errors';
import { isHttpError } from '@fielding/problem-errors';
import { answerProblem, answerWith } from './_errors.js';

/** Options of {@link toExpress}. */
export interface ToExpressOptions {
  /**
   * Make `FastResponse` from `@fielding/node` the global `Response` (see its
   * `installFastResponse`), so the handler's `Response.json()` and `new Response(text)` cost a
   * string instead of undici's stream machinery, and the adapter writes that string directly.
   * `false` leaves the global `Response` as it is. Default: `true`.
   */
  fastResponse?: boolean;
  /**
   * Called with an error the handler threw (or rejected with) that is not an `HttpError`, or
   * that broke the response after its head went out — to log it. The client gets a 500
   * problem+json without any detail of the error; Express's error handlers do not see it, so
   * none of them can answer it with a stack. Default: none.
   */
  onError?: (error: unknown, req: ExpressRequest) => void;
}

/**
 * Mounts a Fielding {@link FetchHandler} in Express 4 or 5, for a whole path prefix or one
 * route. The handler sees the full original URL (mount path included, `trust proxy` honoured),
 * every header, a body it streams only if it reads it (or the re-serialised `req.body` when a
 * body parser ran first) and a `signal` that aborts when the client disconnects. Its
 * `Response` is written with status, reason, all headers and a streamed body. A thrown
 * `HttpError` becomes `application/problem+json`; any other error a 500 problem+json that
 * tells the client nothing (`onError` hears of it). `OPTIONS *` is passed on (`next()`): it asks
 * about the server, not a resource.
 *
 * @param handler - the fetch handler to serve
 * @param options - whether the global `Response` becomes the light one, and error reporting
 * @returns an Express middleware
 *
 * @example
 * ```ts
 * import express from 'express';
 * import { toExpress } from '@fielding/express';
 *
 * const app = express();
 * app.use(
 *   '/api',
 *   toExpress((request) => Response.json({ url: request.url }), {
 *     onError: (error) => console.error(error),
 *   }),
 * );
 * ```
 */
export function toExpress(handler: FetchHandler, options: ToExpressOptions = {}): ExpressHandler {
  if (options.fastResponse !== false) installFastResponse();
  const onError = options.onError;
  const fail = (error: unknown, req: ExpressRequest, res: ExpressResponse): void => {
    if (onError !== undefined && (res.headersSent || !isHttpError(error)))
      report(onError, error, req);
    answerProblem(error, req, res);
  };
  const send = (response: Response, req: ExpressRequest, res: ExpressResponse): void => {
    writeResponse(response, req, res)?.catch((error: unknown) => fail(error, req, res));
  };

  return function fieldingHandler(
    req: ExpressRequest,
    res: ExpressResponse,
    next: ExpressNext,
  ): void {
    // Only an origin-form target (`/…`) is the common case; the others are checked here, once.
    const target = req.originalUrl ?? req.url ?? '/';
    if (target.charCodeAt(0) !== 0x2f) {
      if (target === '*') {
        next();
        return;
      }
      if (!isAbsoluteHttpUrl(target)) {
        const detail = 'The request target is neither a path nor an absolute http(s) URL.';
        answerWith(problem({ status: 400, detail }), req, res);
        return;
      }
    }
    let result: Response | Promise<Response>;
    try {
      result = handler(createWebRequest(req, res, true));
    } catch (error) {
      fail(error, req, res);
      return;
    }
    // A synchronous Response (the common case) is written without a closure or a promise.
    if (result instanceof Response || !isThenable(result)) send(result, req, res);
    else {
      result.then(
        (response) => send(response, req, res),
        (error: unknown) => fail(error, req, res),
      );
    }
  };
}

/** A handler that returns neither a `Response` nor a promise is a bug `writeResponse` reports. */
function isThenable(value: unknown): value is PromiseLike<Response> {
  return typeof (value as { then?: unknown } | null | undefined)?.then === 'function';
}

/** RFC 9112 §3.2.2: the absolute form a client may send; it is then the URL. */
function isAbsoluteHttpUrl(target: string): boolean {
  return /^https?:\/\//i.test(target) && URL.canParse(target);
}

/** Calls `onError`; what it throws must not turn the 500 into a crash. */
function report(
  onError: (error: unknown, req: ExpressRequest) => void,
  error: unknown,
  req: ExpressRequest,
): void {
  try {
    onError(error, req);
  } catch {
    // A failing logger is not the client's problem.
  }
}
