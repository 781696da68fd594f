import {
  createServer,
  type IncomingMessage,
  type RequestListener,
  type Server,
  type ServerOptions,
  type ServerResponse,
} from 'node:http';
import type { FetchHandler } from '@fielding/core';
import { problem } from '@fielding/problem-errors';
import { answerClientError, refuseConnect } from './client-error.js';
import { toNodeListener, type NodeListenerOptions } from './node-listener.js';
import { checkRequestTarget, requestUrl } from './request-url.js';
import { writeResponse } from './write-response.js';

/**
 * Options of {@link createNodeServer}: the limits (ms and bytes) and the checks before the
 * listener. Node's own defaults leave a slow client five minutes per request and check only
 * every 30 s: a hundred connections dripping a body one byte a second hold the server that long.
 */
export interface NodeServerOptions {
  /** Time to receive the whole header section (at most `requestTimeout`). Default: `10_000`. */
  headersTimeout?: number;
  /** Time to receive the whole request, body included. Default: `30_000`. */
  requestTimeout?: number;
  /** How long an idle keep-alive connection stays open. Default: `5_000`. */
  keepAliveTimeout?: number;
  /** Largest header section (bytes); more gets a 431. Default: `16_384` (Node's). */
  maxHeaderSize?: number;
  /**
   * Answer a request whose Host or target is malformed (a Host with a space or a slash, two
   * Host fields, none on HTTP/1.1, a bad percent-escape, `*` with a method other than OPTIONS)
   * with a 400 problem before `listener` sees it, and apply `maxBodyBytes`. Default: `true`.
   */
  checkTarget?: boolean;
  /**
   * The largest request body, in bytes: a request that declares more in `Content-Length` gets
   * a 413 problem before the listener runs (a framework's body parser would read it all
   * first). Bodies sent chunked are the framework's to limit. Default: none.
   */
  maxBodyBytes?: number;
}

/** The limits among {@link NodeServerOptions}. */
type NodeServerLimits = Pick<
  NodeServerOptions,
  'headersTimeout' | 'requestTimeout' | 'keepAliveTimeout' | 'maxHeaderSize'
>;

/** The limits as set when an option is left out. */
const NODE_SERVER_LIMITS: Readonly<Required<NodeServerLimits>> = Object.freeze({
  headersTimeout: 10_000,
  requestTimeout: 30_000,
  keepAliveTimeout: 5_000,
  maxHeaderSize: 16_384,
});

function refuse(req: IncomingMessage, res: ServerResponse, status: number, detail: string): void {
  // The body (if any) is left unread: the connection cannot be reused.
  res.shouldKeepAlive = false;
  writeResponse(problem({ status, detail }), req, res)?.catch(() => res.destroy());
}

function guarded(listener: RequestListener, maxBodyBytes: number): RequestListener {
  return function checkedListener(req, res) {
    const bad = checkRequestTarget(req);
    if (bad !== undefined || (req.url !== '*' && requestUrl(req) === undefined)) {
      refuse(req, res, 400, bad?.problem ?? 'The Host header field is not a valid host.');
      return;
    }
    if (Number(req.headers['content-length'] ?? 0) > maxBodyBytes) {
      refuse(req, res, 413, `Request bodies are limited to ${maxBodyBytes} bytes.`);
      return;
    }
    listener(req, res);
  };
}

/**
 * A `node:http` server for any request listener — an Express or Hono app, a
 * {@link toNodeListener} — with what Node leaves open closed: header, request and keep-alive
 * timeouts (10 s for the headers, 30 s for the request, 5 s keep-alive), checked every second; requests Node's parser rejects
 * answered as problem+json ({@link answerClientError}); and a malformed Host or target answered
 * 400 problem+json before the listener runs, so no framework answers it its own way. Not yet
 * listening: call `listen()`.
 *
 * @param listener - the request listener to serve
 * @param options - the limits and the target check
 * @returns the server
 *
 * @example
 * ```ts
 * import express from 'express';
 * import { createNodeServer } from '@fielding/node';
 *
 * const app = express();
 * createNodeServer(app, { requestTimeout: 60_000 }).listen(3000);
 * ```
 */
export function createNodeServer(
  listener: RequestListener,
  options: NodeServerOptions = {},
): Server {
  const checked = options.checkTarget !== false;
  const maxBodyBytes = options.maxBodyBytes ?? Number.POSITIVE_INFINITY;
  return limitedServer(checked ? guarded(listener, maxBodyBytes) : listener, options, !checked);
}

/**
 * The server with its limits and the problem+json `clientError` answer. `requireHost`: let
 * Node answer a missing Host itself (with a bodiless 400), for listeners that do not check it.
 */
function limitedServer(
  listener: RequestListener,
  options: NodeServerLimits,
  requireHost: boolean,
): Server {
  const limits = { ...NODE_SERVER_LIMITS, ...definedLimits(options) };
  const serverOptions: ServerOptions = {
    // Node refuses a header timeout longer than the request's.
    headersTimeout: Math.min(limits.headersTimeout, limits.requestTimeout),
    requestTimeout: limits.requestTimeout,
    keepAliveTimeout: limits.keepAliveTimeout,
    maxHeaderSize: limits.maxHeaderSize,
    requireHostHeader: requireHost,
    connectionsCheckingInterval: Math.min(1_000, limits.headersTimeout, limits.requestTimeout),
  };
  const server = createServer(serverOptions, listener);
  server.on('clientError', answerClientError);
  server.on('connect', refuseConnect);
  return server;
}

function definedLimits(options: NodeServerLimits): NodeServerLimits {
  const limits: NodeServerLimits = {};
  for (const name of Object.keys(NODE_SERVER_LIMITS) as (keyof NodeServerLimits)[]) {
    const value = options[name];
    if (value !== undefined) limits[name] = value;
  }
  return limits;
}

/** Options of {@link serve}. */
export interface ServeOptions
  extends NodeListenerOptions,
    Pick<
      NodeServerOptions,
      'headersTimeout' | 'requestTimeout' | 'keepAliveTimeout' | 'maxHeaderSize'
    > {
  /** The port to listen on; `0` picks a free one. Default: `3000`. */
  port?: number;
  /** The interface to listen on. Default: `'127.0.0.1'`. */
  hostname?: string;
}

/**
 * Serves a `FetchHandler` on Node: {@link toNodeListener} on a {@link createNodeServer}, listening
 * on `port` and `hostname`. The handler's own answers, the parser's rejections, malformed
 * targets and timeouts are all answered as problem+json. `fastResponse: true` is the one
 * switch that makes the light `Response` the global one (see {@link installFastResponse}).
 *
 * @param handler - the fetch handler to serve
 * @param options - port, hostname, limits, proxy trust, error reporting, `fastResponse`
 * @returns the server, already listening (await its `listening` event for the port)
 *
 * @example
 * ```ts
 * import { createRouter } from '@fielding/core';
 * import { serve } from '@fielding/node';
 *
 * const router = createRouter().get('/health', () => Response.json({ status: 'ok' }));
 * serve(router.fetch, { port: 3000, onError: (error) => console.error(error) });
 * ```
 */
export function serve(handler: FetchHandler, options: ServeOptions = {}): Server {
  // toNodeListener checks the Host and target itself.
  const server = limitedServer(toNodeListener(handler, options), options, false);
  return server.listen(options.port ?? 3000, options.hostname ?? '127.0.0.1');
}
