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
 * `perf_hooks.monitorEventLoopDelay`: the worst sample of the last one to two periods, less the
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
  // Two histograms, reset in turn: a reset drops the interval in progress (a block that starts
  // in the same turn as the reset is never recorded), so the other one, reset a period
  // earlier, is the one that sees it. Together they remember one to two periods.
  let histograms: [IntervalHistogram, IntervalHistogram] | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let due = 0;
  let overdue = 0;
  // A sample is the time between two runs of the histogram's timer: the resolution itself when
  // the loop is idle.
  const lag = (nanoseconds: number): number => Math.max(0, nanoseconds / 1e6 - resolution);

  const rotate = (): void => {
    const now = performance.now();
    overdue = now - due;
    if (histograms !== undefined) {
      histograms.reverse();
      histograms[0].reset();
    }
    due = now + period;
    timer = setTimeout(rotate, period);
    unref(timer);
  };

  return {
    delay() {
      if (histograms === undefined) {
        histograms = [monitorEventLoopDelay({ resolution }), monitorEventLoopDelay({ resolution })];
        for (const histogram of histograms) histogram.enable();
        due = performance.now() + period;
        timer = setTimeout(rotate, period);
        unref(timer);
        return 0;
      }
      const [fresh, older] = histograms;
      return Math.max(lag(fresh.max), lag(older.max), overdue, performance.now() - due);
    },
    stop() {
      clearTimeout(timer);
      for (const histogram of histograms ?? []) histogram.disable();
      histograms = undefined;
      timer = undefined;
      overdue = 0;
    },
  };
}
