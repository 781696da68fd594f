/**
 * Fielding in Express 4 and 5: mount a `FetchHandler` as a route or prefix
 * ({@link mountFielding}), wrap ordinary Express handlers in a Fielding `Middleware`
 * ({@link expressMiddleware}), and answer every error and unrouted request as problem+json
 * ({@link httpErrorHandler}, {@link notFoundHandler}).
 *
 * @module @fielding/express
 */
export { mountFielding, type MountFieldingOptions } from './mount-fielding.js';
export { expressMiddleware, type ExpressMiddlewareOptions } from './express-middleware.js';
export { httpErrorHandler } from './http-error-handler.js';
export {
  IMPLEMENTED_METHODS,
  notFoundHandler,
  type NotFoundHandlerOptions,
} from './not-found-handler.js';
export type {
  ExpressErrorHandler,
  ExpressHandler,
  ExpressNext,
  ExpressRequest,
  ExpressResponse,
} from './types.js';
