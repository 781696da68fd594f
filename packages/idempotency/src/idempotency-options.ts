import type { IdempotencyProblemOptions } from './responses.js';
import type { IdempotencyStore } from './store.js';

/**
 * The methods {@link idempotency} applies to by default: the two that are not idempotent.
 *
 * @example
 * ```ts
 * import { IDEMPOTENCY_METHODS, idempotency, memoryStore } from '@fielding/idempotency';
 *
 * const middleware = idempotency({ store: memoryStore(), methods: [...IDEMPOTENCY_METHODS, 'DELETE'] });
 * ```
 */
export const IDEMPOTENCY_METHODS: readonly string[] = Object.freeze(['POST', 'PATCH']);

/**
 * How long a completed response is kept for replays by default: 24 hours, in ms.
 *
 * @example
 * ```ts
 * import { IDEMPOTENCY_TTL, idempotency, memoryStore } from '@fielding/idempotency';
 *
 * const middleware = idempotency({ store: memoryStore(), ttl: 7 * IDEMPOTENCY_TTL }); // a week
 * ```
 */
export const IDEMPOTENCY_TTL = 86_400_000;

/**
 * How long a claim may stay unfinished by default before it lapses (the instance running the
 * request crashed), in ms: 60 s, twice the request timeout of `@fielding/node`'s server.
 *
 * @example
 * ```ts
 * import { IDEMPOTENCY_LOCK_TTL } from '@fielding/idempotency';
 *
 * const longest = IDEMPOTENCY_LOCK_TTL / 1000; // seconds a handler may take
 * ```
 */
export const IDEMPOTENCY_LOCK_TTL = 60_000;

/**
 * The largest request body (fingerprinted) and response body (stored) by default: 1 MiB.
 *
 * @example
 * ```ts
 * import { IDEMPOTENCY_MAX_BODY_BYTES, idempotency, memoryStore } from '@fielding/idempotency';
 *
 * const middleware = idempotency({ store: memoryStore(), maxRequestBytes: 4 * IDEMPOTENCY_MAX_BODY_BYTES });
 * ```
 */
export const IDEMPOTENCY_MAX_BODY_BYTES = 1_048_576;

/** Options of {@link idempotency}. */
export interface IdempotencyOptions extends IdempotencyProblemOptions {
  /** Where keys and responses are kept: `memoryStore()`, `postgresStore()`, `redisStore()`. */
  store: IdempotencyStore;
  /** Answer 400 to a request of `methods` without `Idempotency-Key`. Default: `false`. */
  required?: boolean;
  /** The methods that honour the key; others pass through. Default: {@link IDEMPOTENCY_METHODS}. */
  methods?: readonly string[];
  /** How long a completed response is replayed, in ms. Default: {@link IDEMPOTENCY_TTL}. */
  ttl?: number;
  /** How long a claim may stay unfinished, in ms. Default: {@link IDEMPOTENCY_LOCK_TTL}. */
  lockTtl?: number;
  /** The request fingerprint. Default: {@link requestFingerprint} (method, target, body, …). */
  fingerprint?: (request: Request, body: Uint8Array<ArrayBuffer>) => string | Promise<string>;
  /**
   * The client a key belongs to (e.g. the authenticated subject), so that one client's key never
   * replays another's response. Default: none (one key space for all clients).
   */
  scope?: (request: Request) => string | undefined | Promise<string | undefined>;
  /** The longest key, in characters. Default: {@link MAX_IDEMPOTENCY_KEY_LENGTH}. */
  maxKeyLength?: number;
  /** The largest request body with a key; more gets 413. Default: {@link IDEMPOTENCY_MAX_BODY_BYTES}. */
  maxRequestBytes?: number;
  /**
   * The largest response body kept for replay. A larger response is sent in full, and its key
   * is kept as completed without the body: a retry gets 409, never a second run.
   * Default: {@link IDEMPOTENCY_MAX_BODY_BYTES}.
   */
  maxResponseBytes?: number;
  /** Whether a final status is stored and replayed. Default: {@link isReplayableStatus}. */
  replayable?: (status: number) => boolean;
  /** Called when storing or releasing a key fails after the handler ran (the response is still sent). */
  onStoreError?: (error: unknown) => void;
}
