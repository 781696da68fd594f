import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FetchHandler, ProxyTrustOptions } from '@fielding/core';
import { HttpError, isHttpError, problem, problemFromError } from '@fielding/problem-errors';
import { installFastResponse } from './undici/index.js';
import { checkRequestTarget, requestUrl, type BadTarget } from './request-url.js';
import { toWebRequest } from './web-request.js';
import { writeResponse } from './write-response.js';

/**
 * Options of {@link toNodeListener}. `trustProxy` and `proxyHops` (from `@fielding/core`): behind
 * a reverse proxy you run, take the URL's scheme and host from the header it sets, counted
 * `proxyHops` from the end. Never where clients reach the server directly. Default: none.
 */
export interface NodeListenerOptions extends ProxyTrustOptions {
  /**
   * Make the light `Response` the global one (see {@link installFastResponse}), so the
   * handler's `Response.json()` and `new Response(text)` cost a string, written directly.
   * Replacing a global is the caller's choice, made once: `false` (the default) leaves the
   * global `Response` as it is. Default: `false`.
   */
  fastResponse?: boolean;
  /**
   * Called with an error the handler threw (or rejected with) that is not an `HttpError`, or
   * that broke the response after its head went out — to log it. The client gets a 500
   * problem+json without any detail of the error. Default: none (the error is dropped).
   */
  onError?: (error: unknown, request: IncomingMessage) => void;
}

/** A handler bug, reported to `onError`; the client sees a plain 500. */
function notAResponse(value: unknown): TypeError {
  return new TypeError(
    `The fetch handler returned ${typeof value === 'object' ? String(value) : typeof value} instead of a Response.`,
  );
}

function badRequest(bad: BadTarget | undefined, req: IncomingMessage): Response {
  return problem({
    status: 400,
    detail:
      bad?.problem ??
      `The Host (${JSON.stringify(req.headers.host ?? '')}) and request target make no URL.`,
  });
}

// Fetch forbids these methods: undici's `Request` constructor throws for them, so a handler
// could not even be given the request. TRACE echoes the request back (cookies included) and
// is best left unimplemented; CONNECT reaches the server's 'connect' event, not here.
const FORBIDDEN_METHODS = new Set(['CONNECT', 'TRACE', 'TRACK']);

function notImplemented(method: string): Response {
  return problem({
    status: 501,
    detail: `The method ${method} is not implemented by this server.`,
  });
}

/**
 * `OPTIONS *` asks about the server itself (RFC 9110 §9.3.7), which a fetch handler cannot be
 * asked: a `Request`'s URL has a path. The server answers that it is there.
 */
function answerServerOptions(res: ServerResponse): void {
  res.writeHead(204, { Allow: 'GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS' });
  res.end();
}

/**
 * Serves a Fielding `FetchHandler` with Node's `http` (or `https`, `http2` in compatibility
 * mode) server: the handler gets a lazy Web `Request` ({@link toWebRequest}) and its `Response`
 * is written by {@link writeResponse} — status, reason, every header and `Set-Cookie`, a string
 * or bytes in one write, streams with backpressure. An `HttpError` the handler throws becomes
 * its problem+json; any other error a 500 problem+json that tells the client nothing about it
 * (see `onError` to log it). A request whose `Host` and target make no URL gets a 400.
 *
 * The same job as `@hono/node-server`'s `getRequestListener`, which Fielding measured slower
 * for fetch handlers (its light `Response` leaves `Response.json()` to undici).
 *
 * @param handler - the fetch handler to serve
 * @param options - the global `Response`, proxy trust and error reporting
 * @returns a listener for `http.createServer()`
 *
 * @example
 * ```ts
 * import { createServer } from 'node:http';
 * import { toNodeListener } from '@fielding/node';
 *
 * const server = createServer(
 *   toNodeListener((request) => Response.json({ url: request.url })),
 * );
 * server.listen(3000);
 * ```
 */
export function toNodeListener(
  handler: FetchHandler,
  options: NodeListenerOptions = {},
): (req: IncomingMessage, res: ServerResponse) => void {
  if (options.fastResponse === true) installFastResponse();
  const proxyTrust: ProxyTrustOptions = {
    trustProxy: options.trustProxy ?? false,
    ...(options.proxyHops !== undefined && { proxyHops: options.proxyHops }),
  };
  const onError = options.onError;

  const fail = (error: unknown, req: IncomingMessage, res: ServerResponse): void => {
    if (!isHttpError(error)) onError?.(error, req);
    if (res.headersSent) {
      // Half a body cannot be taken back: a broken connection is the honest answer.
      res.destroy();
      return;
    }
    const answer = isHttpError(error)
      ? problemFromError(error)
      : problemFromError(new HttpError(500));
    writeResponse(answer, req, res)?.catch(() => res.destroy());
  };

  const send = (response: Response, req: IncomingMessage, res: ServerResponse): void => {
    writeResponse(response, req, res)?.catch((error: unknown) => fail(error, req, res));
  };

  return function fieldingListener(req: IncomingMessage, res: ServerResponse): void {
    if (FORBIDDEN_METHODS.has(req.method ?? '')) {
      send(notImplemented(req.method ?? ''), req, res);
      return;
    }
    const bad = checkRequestTarget(req);
    const url = bad === undefined ? requestUrl(req, { proxyTrust }) : undefined;
    if (url === undefined) {
      if (req.url === '*' && bad === undefined) answerServerOptions(res);
      else send(badRequest(bad, req), req, res);
      return;
    }
    let result: Response | Promise<Response>;
    try {
      result = handler(toWebRequest(req, res, { url }));
    } catch (error) {
      fail(error, req, res);
      return;
    }
    // A synchronous Response (the common case) is written without a closure or a promise.
    if (result instanceof Response) send(result, req, res);
    else if (typeof (result as Partial<Promise<Response>> | null)?.then === 'function') {
      result.then(
        (response) =>
          response instanceof Response
            ? send(response, req, res)
            : fail(notAResponse(response), req, res),
        (error: unknown) => fail(error, req, res),
      );
    } else fail(notAResponse(result), req, res);
  };
}
