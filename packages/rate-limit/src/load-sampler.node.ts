// The Node sampler: perf_hooks.monitorEventLoopDelay records, from libuv and without a
// JavaScript callback per sample, how late a `resolution` ms timer runs; this reads the worst
// sample of the last period. Chosen by the `node` export condition (index.node.ts).
import { monitorEventLoopDelay, type IntervalHistogram } from 'node:perf_hooks';
import { unref } from './_unref.js';
import type { LoadSampler, LoadSamplerOptions } from './load-sampler.js';

function positive(value: number, what: string): number {
  if (!Number.isFinite(value) || value <= 0) {
    throw new RangeError(`${what} must be a positive number of milliseconds, not ${value}.`);
  }
  return value;
}

/**
 * The best {@link LoadSampler} of the runtime; on Node (this build), one on
 * `perf_hooks.monitorEventLoopDelay`: the histogram's worst sample of the last period, less the
 * resolution. Its period timer does not keep the process alive.
 *
 * @param options - the resolution (at least 1 ms, Node's minimum) and the period
 * @returns the sampler, not yet started
 *
 * @example
 * ```ts
 * import { eventLoopSampler, shedLoad } from '@fielding/rate-limit';
 *
 * const middleware = shedLoad({ maxEventLoopDelayMs: 200, sampler: eventLoopSampler({ resolution: 5 }) });
 * ```
 */
export function eventLoopSampler(options: LoadSamplerOptions = {}): LoadSampler {
  const resolution = Math.max(1, Math.round(positive(options.resolution ?? 10, 'resolution')));
  const period = positive(options.period ?? 500, 'period');
  let histogram: IntervalHistogram | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let due = 0;
  let previous = 0;
  // A sample is the time between two runs of the histogram's timer: the resolution itself when
  // the loop is idle.
  const lag = (nanoseconds: number): number => Math.max(0, nanoseconds / 1e6 - resolution);

  const rotate = (): void => {
    const now = performance.now();
    previous = Math.max(lag(histogram?.max ?? 0), now - due);
    histogram?.reset();
    due = now + period;
    timer = setTimeout(rotate, period);
    unref(timer);
  };

  return {
    delay() {
      if (histogram === undefined) {
        histogram = monitorEventLoopDelay({ resolution });
        histogram.enable();
        due = performance.now() + period;
        timer = setTimeout(rotate, period);
        unref(timer);
        return 0;
      }
      return Math.max(previous, lag(histogram.max), performance.now() - due);
    },
    stop() {
      clearTimeout(timer);
      histogram?.disable();
      histogram = undefined;
      timer = undefined;
      previous = 0;
    },
  };
}
