import type { FetchHandler } from '@fielding/core';
import type { ExpressHandler, ExpressNext, ExpressRequest, ExpressResponse } from './types.js';
import { toWebRequest as createWebRequest } from './_lazy-request.js';
import { writeResponse } from './_write-response.js';
import { answerError } from './_errors.js';

/**
 * Mounts a Fielding {@link FetchHandler} in Express 4 or 5, for a whole path prefix or one
 * route. The handler sees the full original URL (mount path included, `trust proxy` honoured),
 * every header, a body it streams only if it reads it (or the re-serialised `req.body` when a
 * body parser ran first) and a `signal` that aborts when the client disconnects. Its
 * `Response` is written with status, reason, all headers and a streamed body. A thrown
 * `HttpError` becomes `application/problem+json`; any other error goes to `next(error)`.
 *
 * @param handler - the fetch handler to serve
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
export function toExpress(handler: FetchHandler): ExpressHandler {
  return function fieldingHandler(
    req: ExpressRequest,
    res: ExpressResponse,
    next: ExpressNext,
  ): void {
    const fail = (error: unknown): void => answerError(error, req, res, next);
    const send = (response: Response): Promise<void> =>
      writeResponse(response, req, res).catch(fail);
    let result: Response | Promise<Response>;
    try {
      result = handler(createWebRequest(req, res));
    } catch (error) {
      fail(error);
      return;
    }
    if (result instanceof Response) void send(result);
    else result.then(send, fail);
  };
}
