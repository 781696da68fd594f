import type { Middleware } from '@fielding/core';
import { createShedLoad, type ShedLoadOptions } from './_shed-load.js';
import { eventLoopSampler } from './load-sampler.js';

export type { ShedLoadOptions } from './_shed-load.js';

/**
 * Middleware that sheds load before the server falls over: while the event loop runs more than
 * `maxEventLoopDelayMs` late, every request is answered at once with `503` problem+json (type
 * `temporary-reduced-capacity`) and `Retry-After`, without reaching the handler. The delay is
 * measured by `sampler` — on Node `perf_hooks.monitorEventLoopDelay`, elsewhere timer drift —
 * which starts with the first request.
 *
 * @param options - the delay to shed at, `Retry-After`, and the sampler
 * @returns the middleware
 * @throws RangeError for a delay or `retryAfter` that is not a positive number
 *
 * @example
 * ```ts
 * import { compose } from '@fielding/core';
 * import { shedLoad } from '@fielding/rate-limit';
 *
 * const handler = compose(shedLoad({ maxEventLoopDelayMs: 200, retryAfter: 2 }))(() =>
 *   Response.json({ ok: true }),
 * );
 * ```
 * @see https://datatracker.ietf.org/doc/html/draft-ietf-httpapi-ratelimit-headers-11#section-5.2
 */
export const shedLoad: (options: ShedLoadOptions) => Middleware = createShedLoad(eventLoopSampler);
