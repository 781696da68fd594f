import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FetchHandler } from '@fielding/core';
import { installFastResponse } from '@fielding/node';
import type { FastifyHandler } from './types.js';
import { toWebRequest } from './_web-request.js';
import { sendResponse } from './_write-response.js';
import { answerError } from './_errors.js';

/** Options of {@link toFastify}. */
export interface ToFastifyOptions {
  /**
   * Make `FastResponse` from `@fielding/node` the global `Response` (see its
   * `installFastResponse`), so the handler's `Response.json()` and `new Response(text)` cost a
   * string instead of undici's stream machinery, and the adapter writes that string directly.
   * `false` leaves the global `Response` as it is. Default: `true`.
   */
  fastResponse?: boolean;
}

/**
 * Turns a Fielding `FetchHandler` into a Fastify route handler, for one route of your
 * own. The handler sees the full URL (`trustProxy` honoured), every header, the body and a
 * `signal` that aborts when the client disconnects; its `Response` goes out through
 * `reply.send` with status, reason, all headers and a streamed body. A thrown `HttpError`
 * becomes `application/problem+json`; any other error goes to Fastify's error handler.
 *
 * The route uses the content-type parsers of its scope: the handler gets the body the app's
 * parser produced, re-serialised (JSON as JSON). For the untouched, lazily streamed body, mount
 * with {@link fielding} instead.
 *
 * @param handler - the fetch handler to serve
 * @param options - whether the global `Response` becomes the light one
 * @returns a Fastify route handler
 *
 * @example
 * ```ts
 * import Fastify from 'fastify';
 * import { toFastify } from '@fielding/fastify';
 *
 * const app = Fastify();
 * app.get('/hello', toFastify((request) => Response.json({ url: request.url })));
 * ```
 */
export function toFastify(handler: FetchHandler, options: ToFastifyOptions = {}): FastifyHandler {
  if (options.fastResponse !== false) installFastResponse();
  return function fieldingRoute(
    request: FastifyRequest,
    reply: FastifyReply,
  ): Promise<FastifyReply> {
    const fail = (error: unknown): Promise<FastifyReply> => answerError(error, reply);
    let result: Response | Promise<Response>;
    try {
      result = handler(toWebRequest(request, reply));
    } catch (error) {
      return fail(error);
    }
    if (result instanceof Response) return sendResponse(reply, result).catch(fail);
    return result.then((response) => sendResponse(reply, response).catch(fail), fail);
  };
}
