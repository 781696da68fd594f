import { formatRetryAfter, type Middleware } from '@fielding/core';
import { problem } from '@fielding/problem-errors';
import type { LoadSampler } from './load-sampler.js';
import { TEMPORARY_REDUCED_CAPACITY_TYPE } from './problem-types.js';

/** Options of `shedLoad`. */
export interface ShedLoadOptions {
  /** Shed while the event loop runs more than this many ms late. */
  readonly maxEventLoopDelayMs: number;
  /** Seconds a shed client is asked to wait (`Retry-After`). Default: `1`. */
  readonly retryAfter?: number;
  /** What measures the delay. Default: `eventLoopSampler()` of the runtime's build. */
  readonly sampler?: LoadSampler;
}

/** Builds `shedLoad` on a runtime's default sampler (the web and the node build each have one). */
export function createShedLoad(
  defaultSampler: () => LoadSampler,
): (options: ShedLoadOptions) => Middleware {
  return (options) => {
    const limit = options.maxEventLoopDelayMs;
    if (!Number.isFinite(limit) || limit <= 0) {
      throw new RangeError(
        `shedLoad: maxEventLoopDelayMs must be a positive number, not ${limit}.`,
      );
    }
    const retryAfter = formatRetryAfter(options.retryAfter ?? 1);
    const sampler = options.sampler ?? defaultSampler();
    return function shedLoadMiddleware(request, next) {
      if (sampler.delay() <= limit) return next(request);
      // The delay itself is not told: how loaded a server is helps whoever wants to load it more.
      return problem({
        status: 503,
        type: TEMPORARY_REDUCED_CAPACITY_TYPE,
        title: 'Temporary Reduced Capacity',
        detail: 'The server is overloaded; try again shortly.',
        headers: { 'Retry-After': retryAfter },
      });
    };
  };
}
