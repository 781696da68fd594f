import { isHttpError, problemFromError } from '@fielding/problem-errors';
import type { ExpressNext, ExpressRequest, ExpressResponse } from './types.js';
import { writeResponse } from '@fielding/node';
import { problemForError } from './_express-error.js';

/**
 * Headers that describe the representation a route meant to send; a problem answered instead
 * is another representation (finalhandler drops the first three for the same reason).
 */
const REPRESENTATION_HEADERS = [
  'content-encoding',
  'content-language',
  'content-range',
  'content-disposition',
  'content-location',
  'etag',
  'last-modified',
];

/** The path of the request target (without the query), for a problem's `instance`. */
export function requestPath(req: ExpressRequest): string | undefined {
  const target = req.originalUrl ?? req.url ?? '/';
  if (target.charCodeAt(0) !== 0x2f) return undefined;
  const query = target.indexOf('?');
  return query === -1 ? target : target.slice(0, query);
}

/**
 * Writes `response` as the answer to a failed request; when even that fails (the client
 * left), the connection is cut — nothing may reach Express's HTML error page.
 */
export function answerWith(response: Response, req: ExpressRequest, res: ExpressResponse): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  for (const name of REPRESENTATION_HEADERS) res.removeHeader(name);
  writeResponse(response, req, res)?.catch(() => res.destroy());
}

/**
 * Answers anything thrown as a problem (see `problemForError`), or cuts the connection when
 * the headers are already out (a half-sent body cannot be fixed).
 */
export function answerProblem(error: unknown, req: ExpressRequest, res: ExpressResponse): void {
  if (res.headersSent) {
    res.destroy(error instanceof Error ? error : undefined);
    return;
  }
  answerWith(problemForError(error, requestPath(req)), req, res);
}

/**
 * Answers an error the way both worlds expect: an `HttpError` becomes its problem+json
 * response; anything else goes to Express's error handlers through `next(error)`. When the
 * headers are already out, the connection is cut instead (a half-sent body cannot be fixed).
 */
export function answerError(
  error: unknown,
  req: ExpressRequest,
  res: ExpressResponse,
  next: ExpressNext,
): void {
  if (res.headersSent) {
    res.destroy(error instanceof Error ? error : undefined);
    return;
  }
  if (!isHttpError(error)) {
    next(error);
    return;
  }
  writeResponse(problemFromError(error), req, res)?.catch(next);
}
