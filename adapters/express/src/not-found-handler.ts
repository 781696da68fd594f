import type { ExpressHandler, ExpressNext, ExpressRequest, ExpressResponse } from './types.js';
import { answerWith, requestPath } from './_errors.js';
import { problemAt } from './_express-error.js';

/**
 * The methods {@link notFoundHandler} takes as implemented by default: those RFC 9110 defines
 * for resources (plus `PATCH`), without `CONNECT` and `TRACE`, which Express does not answer.
 *
 * @example
 * ```ts
 * import { IMPLEMENTED_METHODS, notFoundHandler } from '@fielding/express';
 *
 * notFoundHandler({ methods: [...IMPLEMENTED_METHODS, 'QUERY'] });
 * ```
 * @see https://www.rfc-editor.org/rfc/rfc9110#section-9.1
 */
export const IMPLEMENTED_METHODS: readonly string[] = Object.freeze([
  'GET',
  'HEAD',
  'POST',
  'PUT',
  'PATCH',
  'DELETE',
  'OPTIONS',
]);

/** Options of {@link notFoundHandler}. */
export interface NotFoundHandlerOptions {
  /**
   * The methods the server implements: a request with any other that no route answered gets
   * `501 Not Implemented` instead of `404`, and `OPTIONS *` lists these in `Allow`.
   * Default: {@link IMPLEMENTED_METHODS}.
   */
  methods?: readonly string[];
}

/**
 * An Express middleware for the end of the stack, where requests no route answered arrive:
 * `404 Not Found` as `application/problem+json` instead of Express's HTML page; `501 Not
 * Implemented` for a method the server does not implement (`PROPFIND`, `TRACE`); and `204` with
 * `Allow` for `OPTIONS *`, which asks about the server itself (RFC 9110 §9.3.7). Register it
 * after every route and before {@link httpErrorHandler}.
 *
 * @param options - the methods the server implements
 * @returns an Express middleware
 *
 * @example
 * ```ts
 * import express from 'express';
 * import { httpErrorHandler, notFoundHandler } from '@fielding/express';
 *
 * const app = express();
 * app.get('/blogs/7', (_req, res) => { res.json({ id: 7 }); });
 * app.use(notFoundHandler()); // GET /blogs/8 → 404, PROPFIND /blogs/7 → 501
 * app.use(httpErrorHandler());
 * ```
 * @see https://www.rfc-editor.org/rfc/rfc9110#section-15.5.5
 * @see https://www.rfc-editor.org/rfc/rfc9110#section-15.6.2
 */
export function notFoundHandler(options: NotFoundHandlerOptions = {}): ExpressHandler {
  const methods = new Set(options.methods ?? IMPLEMENTED_METHODS);
  const allow = [...methods].join(', ');
  return function fieldingNotFound(
    req: ExpressRequest,
    res: ExpressResponse,
    _next: ExpressNext,
  ): void {
    const method = req.method ?? 'GET';
    if (req.url === '*' && method === 'OPTIONS') {
      res.writeHead(204, { Allow: allow });
      res.end();
      return;
    }
    const path = requestPath(req);
    const answer = methods.has(method)
      ? problemAt({ status: 404, detail: `No resource matches ${path ?? 'the request'}.` }, path)
      : problemAt(
          { status: 501, detail: `The method ${method} is not implemented by this server.` },
          path,
        );
    answerWith(answer, req, res);
  };
}
