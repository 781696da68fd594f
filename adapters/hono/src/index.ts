/**
 * Fielding in Hono 4, with the verbs every Fielding adapter has: serve a `FetchHandler` under a
 * path with the full original URL ({@link mountFielding}), run a Fielding `Middleware` around
 * Hono's own handlers ({@link honoMiddleware}), and answer errors and what no route answers as
 * problem+json ({@link httpErrorHandler}, {@link notFoundHandler},
 * {@link rejectMalformedTarget}).
 *
 * @module @fielding/hono
 */
export { mountFielding } from './mount-fielding.js';
export { honoMiddleware } from './hono-middleware.js';
export { httpErrorHandler } from './http-error-handler.js';
export { notFoundHandler } from './not-found-handler.js';
export { rejectMalformedTarget } from './reject-malformed-target.js';
