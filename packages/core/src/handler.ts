/**
 * Answers one HTTP request with one response, in any runtime that has the Fetch API.
 *
 * @example
 * ```ts
 * import type { FetchHandler } from '@fielding/core';
 *
 * const hello: FetchHandler = () => Response.json({ hello: 'world' });
 * ```
 */
export type FetchHandler = (request: Request) => Response | Promise<Response>;

/**
 * Runs around a {@link FetchHandler}: it may answer by itself, rewrite the request before
 * calling `next`, or change the response `next` returned.
 *
 * @example
 * ```ts
 * import type { Middleware } from '@fielding/core';
 *
 * const poweredBy: Middleware = async (request, next) => {
 *   const response = await next(request);
 *   response.headers.set('X-Powered-By', 'Fielding');
 *   return response;
 * };
 * ```
 */
export type Middleware = (request: Request, next: FetchHandler) => Response | Promise<Response>;
