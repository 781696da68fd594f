import type {
  FastifyInstance,
  FastifyPluginCallback,
  FastifyReply,
  FastifyRequest,
  HTTPMethods,
} from 'fastify';
import type { FetchHandler, ProxyTrustOptions } from '@fielding/core';
import type { FastifyHandler } from './types.js';
import { RAW_BODY, toWebRequest, type SourceRequest } from './_web-request.js';
import { sendResponse } from './_write-response.js';
import { answerError } from './_errors.js';

/**
 * Options of {@link mountFielding}: where the handler answers, which body parsers apply, and
 * which proxy to believe for the URL's scheme and host (`trustProxy`, `proxyHops` of
 * `@fielding/core`; Fastify's own `trustProxy` is not read).
 */
export interface MountFieldingOptions extends ProxyTrustOptions {
  /**
   * The route's URL inside the plugin's prefix (Fastify syntax: `/blogs/:id`, `/*`).
   * Default: the prefix itself and everything below it (`/` and `/*`).
   */
  url?: string;
  /** The methods the route answers. Default: every method Fastify supports (`app.all`). */
  method?: HTTPMethods | HTTPMethods[];
  /**
   * `'raw'` (default): the plugin's scope drops the app's content-type parsers and keeps each
   * body as an unread stream, for the handler to read (or not) itself. `'app'`: the scope keeps
   * the app's parsers; the handler gets what they produced, re-serialised.
   */
  bodyParsers?: 'raw' | 'app';
}

function keepRawBody(
  request: FastifyRequest,
  payload: NodeJS.ReadableStream,
  done: (error: Error | null, body?: unknown) => void,
): void {
  // Not read here: the fetch handler pulls it (or not). `payload` is what the `preParsing`
  // hooks made of the socket stream, `request.raw` itself when there are none.
  (request as SourceRequest)[RAW_BODY] = payload;
  done(null, undefined);
}

/** The Fastify route handler that answers with `handler`. */
function fetchRoute(handler: FetchHandler, proxy: ProxyTrustOptions): FastifyHandler {
  return function fieldingRoute(
    request: FastifyRequest,
    reply: FastifyReply,
  ): Promise<FastifyReply> {
    const fail = (error: unknown): Promise<FastifyReply> => answerError(error, reply);
    let result: Response | Promise<Response>;
    try {
      result = handler(toWebRequest(request, reply, proxy));
    } catch (error) {
      return fail(error);
    }
    if (result instanceof Response) return sendResponse(reply, result).catch(fail);
    return result.then((response) => sendResponse(reply, response).catch(fail), fail);
  };
}

/**
 * A Fastify plugin that serves a Fielding `FetchHandler` — the whole app under the register
 * prefix, or one route (`url`, `method`). Encapsulated like any plugin: by default its scope
 * keeps every body as an unread stream for the handler, and the rest of the app keeps its
 * parsers. The handler sees the full URL, every header, the body and a `signal` that aborts
 * when the client leaves; its `Response` goes out through `reply.send`, so Fastify's hooks and
 * logging still run. A thrown `HttpError` becomes problem+json; other errors go to Fastify's
 * error handler. It never replaces the global `Response` (see `installFastResponse` of
 * `@fielding/node`).
 *
 * @param handler - the fetch handler to serve
 * @param options - the route's URL and methods, which body parsers apply, which proxy to trust
 * @returns a plugin for `app.register()`; pass `{ prefix }` there to mount it under a path
 *
 * @example
 * ```ts
 * import Fastify from 'fastify';
 * import { mountFielding } from '@fielding/fastify';
 *
 * const app = Fastify();
 * await app.register(mountFielding((request) => Response.json({ url: request.url })), {
 *   prefix: '/api',
 * });
 * ```
 */
export function mountFielding(
  handler: FetchHandler,
  options: MountFieldingOptions = {},
): FastifyPluginCallback {
  const route = fetchRoute(handler, {
    trustProxy: options.trustProxy ?? false,
    ...(options.proxyHops !== undefined && { proxyHops: options.proxyHops }),
  });
  return function fieldingPlugin(
    instance: FastifyInstance,
    _opts: unknown,
    done: (error?: Error) => void,
  ): void {
    if ((options.bodyParsers ?? 'raw') === 'raw') {
      instance.removeAllContentTypeParsers();
      instance.addContentTypeParser('*', keepRawBody);
    }
    const urls = options.url === undefined ? ['/', '/*'] : [options.url];
    for (const url of urls) {
      if (options.method === undefined) instance.all(url, route);
      else instance.route({ method: options.method, url, handler: route });
    }
    done();
  };
}
