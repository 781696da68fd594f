/**
 * Fielding in Hono 4: serve a `FetchHandler` on a prefix or a route with the full original URL
 * ({@link mountFielding}, {@link fromFetch}), run a Fielding `Middleware` around Hono's own
 * handlers ({@link honoMiddleware}), and answer `HttpError`s and 404s as problem+json
 * ({@link httpErrorHandler}, {@link problemNotFound}).
 *
 * @module @fielding/hono
 */
export { fromFetch, mountFielding } from './from-fetch.js';
export { honoMiddleware } from './hono-middleware.js';
export { httpErrorHandler, problemNotFound } from './http-error-handler.js';
export { rejectMalformedTarget } from './reject-malformed-target.js';
