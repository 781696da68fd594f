/**
 * Idempotency-Key (draft-ietf-httpapi-idempotency-key-header) for fetch handlers: parse the key
 * ({@link parseIdempotencyKey}), fingerprint the request ({@link requestFingerprint}), decide on
 * a retry ({@link decideIdempotency}), and the {@link idempotency} middleware that replays a
 * retried POST or PATCH exactly, answers 409 / 422 / 400 as problem+json, and keeps keys in a
 * store that several instances share: {@link memoryStore}, {@link postgresStore},
 * {@link redisStore}, all held to one {@link storeContract}.
 *
 * @module @fielding/idempotency
 */
export {
  MAX_IDEMPOTENCY_KEY_LENGTH,
  formatIdempotencyKey,
  parseIdempotencyKey,
  type IdempotencyKeyResult,
  type ParseIdempotencyKeyOptions,
} from './idempotency-key.js';
export {
  FINGERPRINT_HEADERS,
  requestFingerprint,
  type RequestFingerprint,
  type RequestFingerprintOptions,
} from './fingerprint.js';
export {
  NOT_REPLAYED_STATUSES,
  decideIdempotency,
  isReplayableStatus,
  type IdempotencyDecision,
} from './decision.js';
export {
  decisionResponse,
  idempotencyProblem,
  replayResponse,
  type IdempotencyProblemKind,
  type IdempotencyProblemOptions,
} from './responses.js';
export {
  IDEMPOTENCY_LOCK_TTL,
  IDEMPOTENCY_MAX_BODY_BYTES,
  IDEMPOTENCY_METHODS,
  IDEMPOTENCY_TTL,
  type IdempotencyOptions,
} from './idempotency-options.js';
export { idempotency } from './middleware.js';
export type {
  Claim,
  ClaimInput,
  CompleteInput,
  IdempotencyRecord,
  IdempotencyStore,
  ReleaseInput,
  StoredResponse,
} from './store.js';
export { memoryStore, type MemoryStoreOptions } from './memory-store.js';
export {
  idempotencyTableSql,
  postgresStore,
  type IdempotencyTableOptions,
  type PostgresIdempotencyStore,
  type PostgresQueryable,
  type PostgresStoreOptions,
} from './postgres-store.js';
export { redisStore, type RedisCommands, type RedisStoreOptions } from './redis-store.js';
export {
  storeContract,
  type IdempotencyStoreFactory,
  type StoreCheck,
  type StoreContractOptions,
} from './store-contract.js';
