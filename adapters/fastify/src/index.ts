/**
 * Fielding in Fastify 4 and 5: serve a `FetchHandler` as an encapsulated plugin
 * ({@link fielding}) or one route ({@link toFastify}), run a Fielding `Middleware` around
 * Fastify's own routes ({@link fastifyMiddleware}), and make every answer a client can provoke
 * an RFC 9457 problem ({@link problemServerOptions}, {@link problemHandlers}).
 *
 * @module @fielding/fastify
 */
export { fielding, type FieldingOptions } from './fielding-plugin.js';
export { toFastify, type ToFastifyOptions } from './to-fastify.js';
export { fastifyMiddleware, type FastifyMiddlewareOptions } from './fastify-middleware.js';
export { httpErrorHandler, notFoundHandler } from './http-error-handler.js';
export { problemErrorHandler, problemHandlers } from './problem-handlers.js';
export { problemServerOptions, type ProblemServerOptions } from './problem-server-options.js';
export type { FastifyErrorHandler, FastifyHandler } from './types.js';
