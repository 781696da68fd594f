import type { FetchHandler } from '@fielding/core';
import { installFastResponse } from '@fielding/node';
import type { ExpressHandler, ExpressNext, ExpressRequest, ExpressResponse } from './types.js';
import { toWebRequest as createWebRequest } from './_web-request.js';
import { writeResponse } from '@fielding/node';
import { answerError } from './_errors.js';

/** Options of {@link toExpress}. */
export interface ToExpressOptions {
  /**
   * Make `FastResponse` from `@fielding/node` the global `Response` (see its
   * `installFastResponse`), so the handler's `Response.json()` and `new Response(text)` cost a
   * string instead of undici's stream machinery, and the adapter writes that string directly.
   * `false` leaves the global `Response` as it is. Default: `true`.
   */
  fastResponse?: boolean;
}

/**
 * Mounts a Fielding {@link FetchHandler} in Express 4 or 5, for a whole path prefix or one
 * route. The handler sees the full original URL (mount path included, `trust proxy` honoured),
 * every header, a body it streams only if it reads it (or the re-serialised `req.body` when a
 * body parser ran first) and a `signal` that aborts when the client disconnects. Its
 * `Response` is written with status, reason, all headers and a streamed body. A thrown
 * `HttpError` becomes `application/problem+json`; any other error goes to `next(error)`.
 *
 * @param handler - the fetch handler to serve
 * @param options - whether the global `Response` becomes the light one
 * @returns an Express middleware
 *
 * @example
 * ```ts
 * import express from 'express';
 * import { toExpress } from '@fielding/express';
 *
 * const app = express();
 * app.use('/api', toExpress((request) => Response.json({ url: request.url })));
 * ```
 */
export function toExpress(handler: FetchHandler, options: ToExpressOptions = {}): ExpressHandler {
  if (options.fastResponse !== false) installFastResponse();
  return function fieldingHandler(
    req: ExpressRequest,
    res: ExpressResponse,
    next: ExpressNext,
  ): void {
    let result: Response | Promise<Response>;
    try {
      result = handler(createWebRequest(req, res, true));
    } catch (error) {
      answerError(error, req, res, next);
      return;
    }
    // A synchronous Response (the common case) is written without a closure or a promise.
    if (result instanceof Response) send(result, req, res, next);
    else {
      result.then(
        (response) => send(response, req, res, next),
        (error: unknown) => answerError(error, req, res, next),
      );
    }
  };
}

function send(
  response: Response,
  req: ExpressRequest,
  res: ExpressResponse,
  next: ExpressNext,
): void {
  writeResponse(response, req, res)?.catch((error: unknown) => answerError(error, req, res, next));
}
