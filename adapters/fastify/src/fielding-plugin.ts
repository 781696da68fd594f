import type { FastifyInstance, FastifyPluginCallback, FastifyRequest, HTTPMethods } from 'fastify';
import type { FetchHandler } from '@fielding/core';
import { toFastify, type ToFastifyOptions } from './to-fastify.js';
import { RAW_BODY, type SourceRequest } from './_web-request.js';
import { CATCH_ALL_HANDLERS } from './_problem-answers.js';

/** Options of {@link fielding}. */
export interface FieldingOptions extends ToFastifyOptions {
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

/**
 * A Fastify plugin that serves a Fielding `FetchHandler` — the whole app under the
 * register prefix, or one route. It is encapsulated like any plugin: its content-type parser
 * (a catch-all that keeps the raw body as a lazy stream for the handler) and its routes stay
 * inside its own scope, so the rest of the app keeps its parsers. Requests and responses are
 * converted as by {@link toFastify}.
 *
 * @param handler - the fetch handler to serve
 * @param options - the route's URL and methods, which body parsers apply, and whether the
 *   global `Response` becomes the light one
 * @returns a plugin for `app.register()`; pass `{ prefix }` there to mount it under a path
 *
 * @example
 * ```ts
 * import Fastify from 'fastify';
 * import { fielding } from '@fielding/fastify';
 *
 * const app = Fastify();
 * await app.register(fielding((request) => Response.json({ url: request.url })), {
 *   prefix: '/api',
 * });
 * ```
 */
export function fielding(
  handler: FetchHandler,
  options: FieldingOptions = {},
): FastifyPluginCallback {
  const route = toFastify(handler, options);
  // Every method reaches the handler: that says nothing about the methods the app implements.
  if (options.method === undefined) CATCH_ALL_HANDLERS.add(route);
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
