// The Node build's shedLoad: the same middleware, measuring with perf_hooks.monitorEventLoopDelay.
import type { Middleware } from '@fielding/core';
import { createShedLoad, type ShedLoadOptions } from './_shed-load.js';
import { eventLoopSampler } from './load-sampler.node.js';

/**
 * Middleware that sheds load before the server falls over: while the event loop runs more than
 * `maxEventLoopDelayMs` late (`perf_hooks.monitorEventLoopDelay` in this Node build), every
 * request is answered at once with `503` problem+json and `Retry-After`.
 *
 * @param options - the delay to shed at, `Retry-After`, and the sampler
 * @returns the middleware
 *
 * @example
 * ```ts
 * import { shedLoad } from '@fielding/rate-limit';
 *
 * const middleware = shedLoad({ maxEventLoopDelayMs: 200, retryAfter: 2 });
 * ```
 */
export const shedLoad: (options: ShedLoadOptions) => Middleware = createShedLoad(eventLoopSampler);
