/**
 * Fielding in Express 4 and 5: mount a `FetchHandler` as a route or prefix
 * ({@link toExpress}), run a Fielding `Middleware` around ordinary Express handlers
 * ({@link expressMiddleware}), and answer `HttpError`s as problem+json ({@link httpErrorHandler}).
 *
 * @module @fielding/express
 */
export { toExpress, type ToExpressOptions } from './to-express.js';
export { expressMiddleware, type ExpressMiddlewareOptions } from './express-middleware.js';
export { httpErrorHandler } from './http-error-handler.js';
export type {
  ExpressErrorHandler,
  ExpressHandler,
  ExpressNext,
  ExpressRequest,
  ExpressResponse,
} from './types.js';
