/**
 * Rate limits and load shedding for fetch handlers: the `RateLimit` and `RateLimit-Policy`
 * fields of draft-ietf-httpapi-ratelimit-headers ({@link formatRateLimit},
 * {@link parseRateLimit}, …), a fixed-window decision ({@link evaluateFixedWindow}), the
 * {@link rateLimit} middleware with `429` problems and `Retry-After`, counters in memory,
 * PostgreSQL or Redis behind one {@link RateLimitStore} interface with its contract suite, and
 * {@link shedLoad}, which answers `503` while the event loop runs late.
 *
 * @module @fielding/rate-limit
 */
export {
  MAX_RATELIMIT_FIELD_LENGTH,
  formatRateLimit,
  formatRateLimitPolicy,
  parseRateLimit,
  parseRateLimitPolicy,
  type QuotaPolicy,
  type ServiceLimit,
} from './ratelimit-fields.js';
export { evaluateFixedWindow, type RateLimitDecision, type WindowCount } from './fixed-window.js';
export { clientAddress, type ClientAddressOptions } from './client-address.js';
export type { IncrementInput, RateLimitStore } from './store.js';
export {
  rateLimitStoreContract,
  type RateLimitStoreCheck,
  type RateLimitStoreContractOptions,
  type RateLimitStoreFactory,
} from './store-contract.js';
export { memoryStore, type MemoryRateLimitStore, type MemoryStoreOptions } from './memory-store.js';
export {
  postgresStore,
  rateLimitTableSql,
  type PostgresQueryable,
  type PostgresRateLimitStore,
  type PostgresStoreOptions,
  type RateLimitTableOptions,
} from './postgres-store.js';
export { redisStore, type RedisCommands, type RedisStoreOptions } from './redis-store.js';
export { rateLimit, type RateLimitOptions } from './rate-limit.js';
export { QUOTA_EXCEEDED_TYPE, TEMPORARY_REDUCED_CAPACITY_TYPE } from './problem-types.js';
export {
  eventLoopSampler,
  timerDriftSampler,
  type LoadSampler,
  type LoadSamplerOptions,
} from './load-sampler.js';
export { shedLoad, type ShedLoadOptions } from './shed-load.js';
