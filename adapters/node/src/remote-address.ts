// A Web Request carries no socket address, yet a rate limit keyed by client, a log line or an
// allow-list needs it when no proxy names the client. Every Request this package builds
// remembers the Node request it came from (a WeakMap: nothing outlives the Request).
import type { IncomingMessage } from 'node:http';

const incoming = new WeakMap<Request, IncomingMessage>();

/** Records the Node request a Web `Request` was built from. */
export function rememberIncoming(request: Request, req: IncomingMessage): Request {
  incoming.set(request, req);
  return request;
}

/**
 * The address of the peer that opened the connection a request came on (`socket.remoteAddress`:
 * `'127.0.0.1'`, `'::1'`, `'::ffff:203.0.113.7'`), for a request built by this package — `serve`,
 * `toNodeListener`, `toWebRequest`, and so the Express and Fastify adapters; `undefined` for any
 * other request. Behind a proxy it is the proxy's address: read the client from the proxy's
 * header with the trusted-proxy rule instead (`clientAddress` of `@fielding/rate-limit` does
 * both, taking this function as its `remoteAddress`).
 *
 * @param request - a request handed to a handler by this package
 * @returns the peer's address, or `undefined`
 *
 * @example
 * ```ts
 * import { remoteAddress, serve } from '@fielding/node';
 *
 * serve((request) => new Response(`Hello, ${remoteAddress(request) ?? 'stranger'}`), { port: 3000 });
 * ```
 */
export function remoteAddress(request: Request): string | undefined {
  return incoming.get(request)?.socket?.remoteAddress;
}
