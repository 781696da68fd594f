/**
 * Fielding in Fastify 4 and 5: serve a `FetchHandler` under a prefix or as one route
 * ({@link mountFielding}), run a Fielding `Middleware` around Fastify's own routes
 * ({@link fastifyMiddleware}), and make every answer a client can provoke an RFC 9457 problem
 * ({@link httpErrorHandler}, {@link notFoundHandler}, {@link problemHandlers},
 * {@link problemServerOptions}).
 *
 * @module @fielding/fastify
 */
export { mountFielding, type MountFieldingOptions } from './mount-fielding.js';
export { fastifyMiddleware, type FastifyMiddlewareOptions } from './fastify-middleware.js';
export { httpErrorHandler, notFoundHandler } from './http-error-handler.js';
export { problemErrorHandler, problemHandlers } from './problem-handlers.js';
export { problemServerOptions, type ProblemServerOptions } from './problem-server-options.js';
export type { FastifyErrorHandler, FastifyHandler } from './types.js';
