import type { IncomingMessage, ServerResponse } from 'node:http';

// An intersection rather than `extends`: the docs then link to Node's IncomingMessage instead
// of copying its members (whose comments carry links relative to nodejs.org).
/**
 * The part of an Express 4 or 5 request the adapter reads. Declared here, structurally, so the
 * adapter's types do not require `@types/express`; an Express `Request` satisfies it.
 */
export type ExpressRequest = IncomingMessage & {
  /** The URL before any mount path was stripped (`/api/blogs/7`, not `/blogs/7`). */
  originalUrl: string;
  /** The body a body parser produced, if one ran. */
  body?: unknown;
};

/** The Node response Express hands to every handler. */
export type ExpressResponse = ServerResponse;

/** Express's `next`: no argument continues, an error skips to the error handlers. */
export type ExpressNext = (error?: unknown) => void;

/**
 * An ordinary Express handler, middleware or `Router`, as `app.use()` and `app.get()` accept
 * it. Declared as a method so its parameters are bivariant: handlers typed with
 * `@types/express` (whose `Request` has more members) fit without casts.
 */
export type ExpressHandler = {
  handle(req: ExpressRequest, res: ExpressResponse, next: ExpressNext): unknown;
}['handle'];

/** An Express error-handling middleware (four parameters), as `app.use()` accepts it. */
export type ExpressErrorHandler = (
  error: unknown,
  req: ExpressRequest,
  res: ExpressResponse,
  next: ExpressNext,
) => void;
