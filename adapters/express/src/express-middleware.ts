import type { FetchHandler, Middleware, ProxyTrustOptions } from '@fielding/core';
import { captureResponse, writeResponse, type ResponseCapture } from '@fielding/node';
import { HttpError, problem } from '@fielding/problem-errors';
import type { ExpressHandler, ExpressNext, ExpressRequest, ExpressResponse } from './types.js';
import { bodyTaken, directUrl, toWebRequest } from './_web-request.js';
import { answerError, answerWith } from './_errors.js';

/**
 * Options of {@link expressMiddleware}. `trustProxy` and `proxyHops` (from `@fielding/core`):
 * behind a reverse proxy you run, the middleware's `request.url` takes its scheme and host from
 * the header the proxy sets, counted `proxyHops` from the end. Express's `trust proxy` setting
 * is not read. Default: no proxy is trusted.
 */
export interface ExpressMiddlewareOptions extends ProxyTrustOptions {
  /**
   * The Express handlers (or `Router`s) that `next` runs. Their errors — thrown, rejected or
   * passed to `next(error)` — reject `next`. Without them, `next` continues with the rest of
   * the Express stack, and errors there stay with Express's error handlers.
   */
  handlers?: readonly ExpressHandler[];
  /**
   * When every handler in `handlers` passes the request on without answering: `'express'`
   * continues with the rest of the Express stack (its own 404 included, still captured);
   * `'problem'` rejects `next` with a 404 `HttpError`, answered as problem+json.
   */
  notFound?: 'express' | 'problem';
}

const REBUILT_REQUEST =
  'expressMiddleware: next() was given another Request than the one the middleware received. ' +
  'The Express handlers read req, which a rebuilt Request cannot change: call next(request).';

const BODY_TAKEN =
  'expressMiddleware: the middleware read the request body, which the Express handlers read ' +
  'from req: there is none left for them. Read it in a body parser registered before.';

/**
 * Runs a Fielding {@link Middleware} around ordinary Express handlers. The middleware gets the
 * lazy Web `Request` of `req`; calling `next(request)` runs the handlers with `res` captured
 * (`captureResponse` of `@fielding/node`): what they write becomes the `Response` that `next`
 * resolves with. The middleware may change its headers in place or return another `Response`;
 * the final one is written to `res`. `req` is never written to, so `next` must be given the
 * request the middleware received, with a body the handlers can still read: another request,
 * or one whose body the middleware read from `req`, rejects with a `TypeError`.
 *
 * @param middleware - the Fielding middleware, e.g. a shallow-ETag or problem middleware
 * @param options - which handlers `next` runs, what a fall-through means, which proxy to believe
 * @returns an Express middleware
 *
 * @example
 * ```ts
 * import express from 'express';
 * import { shallowEtag } from '@fielding/conditional-requests';
 * import { expressMiddleware } from '@fielding/express';
 *
 * const app = express();
 * app.set('etag', false); // the Fielding middleware owns validators now
 * app.use(expressMiddleware(shallowEtag())); // every route registered after it
 * app.get('/blogs/7', (_req, res) => { res.json({ id: 7 }); }); // 304 on If-None-Match
 * ```
 */
export function expressMiddleware(
  middleware: Middleware,
  options: ExpressMiddlewareOptions = {},
): ExpressHandler {
  const trust: ProxyTrustOptions = {
    trustProxy: options.trustProxy ?? false,
    ...(options.proxyHops !== undefined && { proxyHops: options.proxyHops }),
  };
  const handlers = options.handlers ?? [];
  const notFound = options.notFound ?? 'express';
  return function fieldingMiddleware(
    req: ExpressRequest,
    res: ExpressResponse,
    expressNext: ExpressNext,
  ): void {
    // `OPTIONS *` asks about the server and has no URL: it is not the middleware's.
    if ((req.originalUrl ?? req.url) === '*') {
      expressNext();
      return;
    }
    const url = directUrl(req);
    if (typeof url !== 'string') {
      answerWith(problem({ status: 400, detail: url.detail }), req, res);
      return;
    }
    const request = toWebRequest(req, res, url, trust);
    let capture: ResponseCapture | undefined;

    const next: FetchHandler = (inner) => {
      if (capture !== undefined) return Promise.reject(new TypeError('next() was called twice.'));
      if (inner !== request) return Promise.reject(new TypeError(REBUILT_REQUEST));
      if (bodyTaken(req, request)) return Promise.reject(new TypeError(BODY_TAKEN));
      const current = captureResponse(req, res);
      capture = current;
      if (handlers.length === 0) expressNext();
      else {
        runHandlers(handlers, req, res, (error) => {
          if (error !== undefined) current.fail(error);
          else if (notFound === 'express') expressNext();
          else {
            const detail = `No handler for ${req.method} ${req.originalUrl}.`;
            current.fail(new HttpError(404, { detail }));
          }
        });
      }
      return current.response;
    };

    const fail = (error: unknown): void => {
      if (capture !== undefined && !capture.restore()) {
        // The handler is still streaming into the captured body: nothing can be answered.
        res.destroy(error instanceof Error ? error : undefined);
        return;
      }
      answerError(error, req, res, expressNext);
    };

    const finish = (response: Response): void => {
      const written =
        capture === undefined ? writeResponse(response, req, res) : capture.respond(response);
      written?.catch(fail);
    };

    let result: Response | Promise<Response>;
    try {
      result = middleware(request, next);
    } catch (error) {
      fail(error);
      return;
    }
    if (result instanceof Response) finish(result);
    else Promise.resolve(result).then(finish, fail);
  };
}

/** Express's `next` protocol over a plain list: errors stop, `'route'`/`'router'` leave. */
function runHandlers(
  handlers: readonly ExpressHandler[],
  req: ExpressRequest,
  res: ExpressResponse,
  done: (error?: unknown) => void,
): void {
  let index = 0;
  let finished = false;
  const step = (error?: unknown): void => {
    if (finished) return;
    if (error === 'route' || error === 'router') error = undefined;
    const handler = error === undefined || error === null ? handlers[index++] : undefined;
    if (handler === undefined) {
      finished = true;
      done(error === null ? undefined : error);
      return;
    }
    try {
      const result = handler(req, res, step);
      if (result instanceof Promise) {
        // Express 5 forwards a rejected handler promise to next(error); so do we, on 4 too.
        result.then(undefined, (reason: unknown) =>
          step(reason ?? new Error('A handler rejected without a reason.')),
        );
      }
    } catch (thrown) {
      step(thrown);
    }
  };
  step();
}
