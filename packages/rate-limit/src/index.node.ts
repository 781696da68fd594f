/**
 * The Node build of @fielding/rate-limit, chosen by the `node` export condition: the same API,
 * with the event-loop delay measured by `perf_hooks.monitorEventLoopDelay` instead of timer
 * drift.
 *
 * @module @fielding/rate-limit
 */
export * from './index.js';
export { eventLoopSampler } from './load-sampler.node.js';
export { shedLoad } from './shed-load.node.js';
