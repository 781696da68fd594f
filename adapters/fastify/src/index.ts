/**
 * Fielding in Fastify 4 and 5, with the verbs every Fielding adapter has: serve a `FetchHandler`
 * under a prefix or as one route ({@link mountFielding}), run a Fielding `Middleware` around
 * Fastify's own routes ({@link fastifyMiddleware}), and answer errors and what no route answers
 * as problem+json ({@link httpErrorHandler}, {@link notFoundHandler}); plus the server options
 * that do the same for what Node and Fastify answer before any route ({@link problemServerOptions}).
 *
 * @module @fielding/fastify
 */
export { mountFielding, type MountFieldingOptions } from './mount-fielding.js';
export { fastifyMiddleware } from './fastify-middleware.js';
export { httpErrorHandler } from './http-error-handler.js';
export { notFoundHandler, type NotFoundHandlerOptions } from './not-found-handler.js';
export { problemServerOptions, type ProblemServerOptions } from './problem-server-options.js';
