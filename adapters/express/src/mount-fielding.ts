import type { FetchHandler, ProxyTrustOptions } from '@fielding/core';
import { writeResponse } from '@fielding/node';
import { isHttpError, problem } from '@fielding/problem-errors';
import type { ExpressHandler, ExpressNext, ExpressRequest, ExpressResponse } from './types.js';
import { directUrl, toWebRequest } from './_web-request.js';
import { answerProblem, answerWith } from './_errors.js';

/**
 * Options of {@link mountFielding}. `trustProxy` and `proxyHops` (from `@fielding/core`): behind
 * a reverse proxy you run, the handler's URL takes its scheme and host from the header the proxy
 * sets, counted `proxyHops` from the end. Express's `trust proxy` setting is not read.
 * Default: no proxy is trusted.
 */
export interface MountFieldingOptions extends ProxyTrustOptions {
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
 * route. The handler sees the full original URL (mount path included), every header, a body it
 * streams only if it reads it (or the re-serialised `req.body` when a body parser ran first)
 * and a `signal` that aborts when the client disconnects. Its `Response` is written with status,
 * reason, all headers and a streamed body. A thrown `HttpError` becomes problem+json; any other
 * error a 500 problem+json that tells the client nothing (`onError` hears of it). `OPTIONS *` is
 * passed on (`next()`): it asks about the server, not a resource.
 *
 * @param handler - the fetch handler to serve
 * @param options - which proxy to believe for the URL, and error reporting
 * @returns an Express middleware
 *
 * @example
 * ```ts
 * import express from 'express';
 * import { mountFielding } from '@fielding/express';
 *
 * const app = express();
 * app.use(
 *   '/api',
 *   mountFielding((request) => Response.json({ url: request.url }), {
 *     onError: (error) => console.error(error),
 *   }),
 * );
 * ```
 */
export function mountFielding(
  handler: FetchHandler,
  options: MountFieldingOptions = {},
): ExpressHandler {
  const trust: ProxyTrustOptions = {
    trustProxy: options.trustProxy ?? false,
    ...(options.proxyHops !== undefined && { proxyHops: options.proxyHops }),
  };
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
    if ((req.originalUrl ?? req.url) === '*') {
      next();
      return;
    }
    const url = directUrl(req);
    if (typeof url !== 'string') {
      answerWith(problem({ status: 400, detail: url.detail }), req, res);
      return;
    }
    let result: Response | Promise<Response>;
    try {
      result = handler(toWebRequest(req, res, url, trust));
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
