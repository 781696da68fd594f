import type { RequestListener, Server } from 'node:http';
import type { Socket } from 'node:net';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { answerClientError, createNodeServer, type NodeServerOptions } from '@fielding/node';
import { STANDARD_METHODS, errorResponse } from './_problem-answers.js';
import { sendResponse } from './_write-response.js';

/** The Fastify server options {@link problemServerOptions} returns, to spread into `Fastify()`. */
export interface ProblemServerOptions {
  /** A `node:http` server from `createNodeServer` of `@fielding/node`. */
  serverFactory: (handler: RequestListener, options: unknown) => Server;
  /** Answers what Node's HTTP parser rejects (400, 408, 431, 501) as problem+json. */
  clientErrorHandler: (error: Error & { code?: string }, socket: Socket) => void;
  /** Answers the errors Fastify meets before routing (a bad URL) as problem+json. */
  frameworkErrors: (error: FastifyError, request: FastifyRequest, reply: FastifyReply) => void;
}

/**
 * Answers a request Node's parser rejected, unless the server's own `clientError` listener
 * (installed by `createNodeServer`) answered it already: Fastify adds this one after it, and a
 * second answer, or Fastify's own, would cut the first off.
 */
function fieldingClientError(error: Error & { code?: string }, socket: Socket): void {
  if (socket.writableEnded || socket.destroyed) return;
  answerClientError(error, socket);
}

function fieldingFrameworkErrors(
  error: FastifyError,
  request: FastifyRequest,
  reply: FastifyReply,
): void {
  sendResponse(reply, errorResponse(error, request, reply, STANDARD_METHODS)).catch(() =>
    reply.raw.destroy(),
  );
}

/**
 * Fastify server options that make the answers Fastify and Node give before any route runs
 * RFC 9457 problems. Spread them into `Fastify({ ... })`:
 * - `serverFactory`: `createNodeServer` of `@fielding/node` — header, request and keep-alive
 *   timeouts, `CONNECT` refused with 501, and a malformed `Host`, percent-escape or `GET *`
 *   answered 400 before Fastify routes (Fastify's own timeout options do not apply to it);
 * - `clientErrorHandler`: what Node's parser rejects (a bad request line or header, 431, 408);
 * - `frameworkErrors`: Fastify's `FST_ERR_BAD_URL` (`/%E0%A4`) as 400.
 *
 * @param options - the server's limits and target check, as `createNodeServer` takes them
 * @returns the three options; leave `serverFactory` out for `https` or `http2` servers
 *
 * @example
 * ```ts
 * import Fastify from 'fastify';
 * import { httpErrorHandler, notFoundHandler, problemServerOptions } from '@fielding/fastify';
 *
 * const app = Fastify(problemServerOptions({ requestTimeout: 60_000 }));
 * app.setErrorHandler(httpErrorHandler());
 * app.setNotFoundHandler(notFoundHandler());
 * ```
 * @see https://www.rfc-editor.org/rfc/rfc9457#section-3
 */
export function problemServerOptions(options: NodeServerOptions = {}): ProblemServerOptions {
  return {
    serverFactory: (handler) => createNodeServer(handler, options),
    clientErrorHandler: fieldingClientError,
    frameworkErrors: fieldingFrameworkErrors,
  };
}
