// How busy the event loop is, measured the portable way: a timer asks to run every
// `resolution` ms, and how late it runs is how long the loop was busy with something else
// (toobusy-js and under-pressure measure the same). Node has a cheaper and finer measure,
// perf_hooks.monitorEventLoopDelay, in load-sampler.node.ts behind the `node` export condition.
import { unref } from './_unref.js';

/**
 * Reports how late the event loop runs: the signal {@link shedLoad} sheds on.
 *
 * @example
 * ```ts
 * import { timerDriftSampler } from '@fielding/rate-limit';
 *
 * const sampler = timerDriftSampler();
 * sampler.delay(); // 0: starts sampling
 * // … later: how many ms late the loop has been running lately
 * const busy = sampler.delay() > 100;
 * sampler.stop();
 * ```
 */
export interface LoadSampler {
  /**
   * The event loop's recent delay in ms: the largest lateness seen in the last completed
   * period and the current one, or how overdue the next sample is now if that is more. Starts
   * sampling on the first call (no timer before a request comes).
   */
  delay(): number;
  /** Stops sampling (clears its timer); a later `delay()` starts again. */
  stop(): void;
}

/** Options of {@link timerDriftSampler} and `eventLoopSampler`. */
export interface LoadSamplerOptions {
  /** Milliseconds between samples. Default: `10` (Node's histogram), `20` (timer drift). */
  readonly resolution?: number;
  /** Milliseconds a sample is remembered: the delay is the worst of the last period. Default: `500`. */
  readonly period?: number;
}

function positive(value: number, what: string): number {
  if (!Number.isFinite(value) || value <= 0) {
    throw new RangeError(`${what} must be a positive number of milliseconds, not ${value}.`);
  }
  return value;
}

/**
 * A {@link LoadSampler} from timer drift, on any runtime with `setTimeout` and
 * `performance.now()`. Its timer does not keep a Node or Bun process alive.
 *
 * @param options - the resolution and the period
 * @returns the sampler, not yet started
 *
 * @example
 * ```ts
 * import { shedLoad, timerDriftSampler } from '@fielding/rate-limit';
 *
 * const middleware = shedLoad({ maxEventLoopDelayMs: 200, sampler: timerDriftSampler() });
 * ```
 */
export function timerDriftSampler(options: LoadSamplerOptions = {}): LoadSampler {
  const resolution = positive(options.resolution ?? 20, 'resolution');
  const period = positive(options.period ?? 500, 'period');
  let timer: ReturnType<typeof setTimeout> | undefined;
  let due = 0;
  let periodEnds = 0;
  let current = 0;
  let previous = 0;

  const tick = (): void => {
    const now = performance.now();
    const lag = Math.max(0, now - due);
    if (now >= periodEnds) {
      // A period with no sample at all (the loop was blocked throughout) ends with this one.
      previous = Math.max(current, lag);
      current = 0;
      periodEnds = now + period;
    } else {
      current = Math.max(current, lag);
    }
    due = now + resolution;
    timer = setTimeout(tick, resolution);
    unref(timer);
  };

  return {
    delay() {
      const now = performance.now();
      if (timer === undefined) {
        due = now + resolution;
        periodEnds = now + period;
        timer = setTimeout(tick, resolution);
        unref(timer);
        return 0;
      }
      return Math.max(previous, current, now - due);
    },
    stop() {
      clearTimeout(timer);
      timer = undefined;
      current = 0;
      previous = 0;
    },
  };
}

/**
 * The best {@link LoadSampler} of the runtime: on Node (the `node` export condition) one on
 * `perf_hooks.monitorEventLoopDelay`; elsewhere (this build) {@link timerDriftSampler}.
 *
 * @param options - the resolution and the period
 * @returns the sampler, not yet started
 *
 * @example
 * ```ts
 * import { eventLoopSampler, shedLoad } from '@fielding/rate-limit';
 *
 * const middleware = shedLoad({ maxEventLoopDelayMs: 200, sampler: eventLoopSampler() });
 * ```
 */
export function eventLoopSampler(options: LoadSamplerOptions = {}): LoadSampler {
  return timerDriftSampler(options);
}
