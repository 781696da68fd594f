/**
 * Fielding on plain Node.js: serve a `FetchHandler` with `node:http` ({@link toNodeListener}),
 * or use its parts in a framework adapter — a lazy Web `Request` for a Node request
 * ({@link toWebRequest}), a `Response` writer ({@link writeResponse}) and a light
 * {@link FastResponse} that can stand in for the global `Response`
 * ({@link installFastResponse}), so a handler's `Response.json()` costs a `JSON.stringify`
 * instead of undici's stream machinery. `@fielding/express` and `@fielding/fastify` build on it.
 *
 * @module @fielding/node
 */
export { FastResponse, installFastResponse } from './fast-response.js';
export { nodeToWebStream, type LateSource } from './node-stream.js';
export { serialiseParsedBody } from './parsed-body.js';
export { toNodeListener, type NodeListenerOptions } from './node-listener.js';
export {
  NODE_SERVER_LIMITS,
  createNodeServer,
  serve,
  type NodeServerLimits,
  type NodeServerOptions,
  type ServeOptions,
} from './node-server.js';
export { answerClientError, refuseConnect } from './client-error.js';
export { toWebRequest, type ParsedBody, type WebRequestOptions } from './web-request.js';
export { writeResponse, type NodeOutput } from './write-response.js';
