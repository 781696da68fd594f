import type { FetchHandler, Middleware } from './handler.js';

/**
 * Wraps a handler in middleware, first argument outermost. The chain is built once, here, so a
 * request only pays for one closure call per layer.
 *
 * @param middleware - the layers, outermost first
 * @returns a function that takes the innermost handler and returns the composed handler
 *
 * @example
 * ```ts
 * import { compose, type Middleware } from '@fielding/core';
 *
 * const timing: Middleware = async (request, next) => {
 *   const started = Date.now();
 *   const response = await next(request);
 *   response.headers.set('Server-Timing', `app;dur=${Date.now() - started}`);
 *   return response;
 * };
 * const handler = compose(timing)(() => new Response('ok'));
 * ```
 */
export function compose(
  ...middleware: readonly Middleware[]
): (handler: FetchHandler) => FetchHandler {
  return (handler) =>
    middleware.reduceRight<FetchHandler>(
      (next, layer) => (request) => layer(request, next),
      handler,
    );
}
