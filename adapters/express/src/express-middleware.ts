import type { FetchHandler, Middleware } from '@fielding/core';
import { installFastResponse } from '@fielding/node';
import { HttpError } from '@fielding/problem-errors';
import type { OutgoingHttpHeaders } from 'node:http';
import type { ExpressHandler, ExpressNext, ExpressRequest, ExpressResponse } from './types.js';
import { toWebRequest as createWebRequest } from './_web-request.js';
import { writeResponse } from '@fielding/node';
import { answerError } from './_errors.js';
import { captureResponse, type Capture } from './_capture.js';

/** Options of {@link expressMiddleware}. */
export interface ExpressMiddlewareOptions {
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
  /**
   * Make `FastResponse` from `@fielding/node` the global `Response` (see its
   * `installFastResponse`), so the handler's `Response.json()` and `new Response(text)` cost a
   * string instead of undici's stream machinery, and the adapter writes that string directly.
   * `false` leaves the global `Response` as it is. Default: `true`.
   */
  fastResponse?: boolean;
}

/**
 * Runs a Fielding {@link Middleware} around ordinary Express handlers. Calling `next` runs
 * them with `res` captured: what they write (`res.status`, `setHeader`, `res.json`,
 * `res.send`, `res.write`, `res.end`) becomes the `Response` that `next` resolves with; the
 * middleware may change it (in place) or replace it, and the adapter writes the final one.
 * A body from `res.end(body)`/`res.send` arrives whole; one from `res.write` streams.
 *
 * @param middleware - the Fielding middleware, e.g. a shallow-ETag or problem middleware
 * @param options - which handlers `next` runs, what a fall-through means, and whether the
 *   global `Response` becomes the light one
 * @returns an Express middleware
 *
 * @example
 * ```ts
 * import express from 'express';
 * import type { Middleware } from '@fielding/core';
 * import { expressMiddleware } from '@fielding/express';
 *
 * const poweredBy: Middleware = async (request, next) => {
 *   const response = await next(request);
 *   response.headers.set('X-Powered-By', 'Fielding');
 *   return response;
 * };
 * const app = express();
 * app.use(expressMiddleware(poweredBy));
 * app.get('/hello', (_req, res) => { res.json({ hello: 'world' }); });
 * ```
 */
export function expressMiddleware(
  middleware: Middleware,
  options: ExpressMiddlewareOptions = {},
): ExpressHandler {
  if (options.fastResponse !== false) installFastResponse();
  const handlers = options.handlers ?? [];
  const notFound = options.notFound ?? 'express';
  return function fieldingMiddleware(
    req: ExpressRequest,
    res: ExpressResponse,
    expressNext: ExpressNext,
  ): void {
    let capture: Capture | undefined;
    let captured: Response | undefined;
    let before: OutgoingHttpHeaders = {};
    let request: Request;
    try {
      request = createWebRequest(req, res);
    } catch (error) {
      expressNext(error);
      return;
    }

    const next: FetchHandler = (inner) => {
      if (capture) return Promise.reject(new TypeError('next() was called twice.'));
      if (inner !== request) applyRequest(inner, req);
      before = res.getHeaders();
      const current = captureResponse(req, res);
      capture = current;
      current.response.then(
        (response) => (captured = response),
        () => undefined,
      );
      const done = (error?: unknown): void => {
        if (error !== undefined) current.fail(error);
        else if (handlers.length === 0 || notFound === 'express') expressNext();
        else
          current.fail(
            new HttpError(404, { detail: `No handler for ${req.method} ${req.originalUrl}.` }),
          );
      };
      if (handlers.length === 0) expressNext();
      else runHandlers(handlers, req, res, done);
      return current.response;
    };

    // Put `res` back the way the final response needs it: the captured head is in
    // `captured`, and a replacement keeps what middleware before us had set (CORS, cookies).
    const reset = (response: Response | undefined): boolean => {
      if (!capture) return true;
      capture.release();
      if (res.headersSent) return false;
      for (const name of res.getHeaderNames()) res.removeHeader(name);
      if (response === undefined || response !== captured) {
        for (const [name, value] of Object.entries(before)) {
          if (value !== undefined) res.setHeader(name, value);
        }
      }
      return true;
    };

    const fail = (error: unknown): void => {
      reset(undefined);
      if (capture && !capture.restore()) {
        // The handler is still streaming into the captured body: nothing can be answered.
        capture.discard();
        res.destroy(error instanceof Error ? error : undefined);
        return;
      }
      answerError(error, req, res, expressNext, capture?.output);
    };

    const finish = (response: Response): void => {
      if (!reset(response)) return;
      const output = capture?.output ?? res;
      const after = (): void => {
        capture?.discard();
        capture?.restore();
      };
      const written = writeResponse(response, req, res, output);
      if (written) void written.catch(fail).finally(after);
      else after();
    };

    let result: Response | Promise<Response>;
    try {
      result = middleware(request, next);
    } catch (error) {
      fail(error);
      return;
    }
    if (result instanceof Response) finish(result);
    else result.then(finish, fail);
  };
}

/** Carries a request the middleware rebuilt (method, headers) over to the Express `req`. */
function applyRequest(request: Request, req: ExpressRequest): void {
  req.method = request.method;
  const headers: Record<string, string> = {};
  const raw: string[] = [];
  for (const [name, value] of request.headers) {
    headers[name] = value;
    raw.push(name, value);
  }
  req.headers = headers;
  req.rawHeaders = raw;
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
