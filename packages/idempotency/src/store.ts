/**
 * A final response as an {@link IdempotencyStore} keeps it, to replay it byte for byte.
 *
 * @example
 * ```ts
 * import type { StoredResponse } from '@fielding/idempotency';
 *
 * const created: StoredResponse = {
 *   status: 201,
 *   headers: [['content-type', 'application/json'], ['location', '/orders/7']],
 *   body: new TextEncoder().encode('{"id":7}'),
 * };
 * ```
 */
export interface StoredResponse {
  /** The status code, 200–499. */
  status: number;
  /** Every header field in order, names in lower case; `set-cookie` fields one by one. */
  headers: [string, string][];
  /**
   * The body bytes; `null` when the body was larger than the middleware keeps, so the response
   * cannot be replayed (a retry gets a 409 problem instead of running the request again).
   */
  body: Uint8Array | null;
}

/**
 * What a store holds for a key that is taken: a request still running (`in-flight`), or the
 * response it completed with. `fingerprint` is the first request's.
 *
 * @example
 * ```ts
 * import type { IdempotencyRecord } from '@fielding/idempotency';
 *
 * const running: IdempotencyRecord = { state: 'in-flight', fingerprint: 'k0tZ…' };
 * ```
 */
export type IdempotencyRecord =
  | { state: 'in-flight'; fingerprint: string }
  | { state: 'complete'; fingerprint: string; response: StoredResponse };

/**
 * The answer of {@link IdempotencyStore.claim}: the key is now this request's (with the token
 * that completes or releases it), or it was already taken (with what it holds).
 *
 * @example
 * ```ts
 * import type { Claim } from '@fielding/idempotency';
 *
 * const won: Claim = { claimed: true, token: '1' };
 * ```
 */
export type Claim =
  | { claimed: true; token: string }
  | { claimed: false; record: IdempotencyRecord };

/** The input of {@link IdempotencyStore.claim}. */
export interface ClaimInput {
  /** The key (the middleware passes the client's key, prefixed by its scope). */
  key: string;
  /** The request's fingerprint, kept with the claim. */
  fingerprint: string;
  /** Milliseconds until an unfinished claim lapses (the owner crashed), freeing the key. */
  lockTtl: number;
}

/** The input of {@link IdempotencyStore.complete}. */
export interface CompleteInput {
  /** The claimed key. */
  key: string;
  /** The token {@link IdempotencyStore.claim} returned. */
  token: string;
  /** The final response to keep. */
  response: StoredResponse;
  /** Milliseconds the response is kept for replays. */
  ttl: number;
}

/** The input of {@link IdempotencyStore.release}. */
export interface ReleaseInput {
  /** The claimed key. */
  key: string;
  /** The token {@link IdempotencyStore.claim} returned. */
  token: string;
}

/**
 * Where idempotency keys live, shared by every instance of an API. Implementations:
 * `memoryStore` (one process), `postgresStore`, `redisStore`; all pass {@link storeContract}.
 * `claim` must be atomic: of concurrent claims of one free key exactly one wins.
 *
 * @example
 * ```ts
 * import { memoryStore, type IdempotencyStore } from '@fielding/idempotency';
 *
 * const store: IdempotencyStore = memoryStore();
 * const claim = await store.claim({ key: 'k1', fingerprint: 'f', lockTtl: 60_000 });
 * if (claim.claimed) await store.release({ key: 'k1', token: claim.token });
 * ```
 */
export interface IdempotencyStore {
  /**
   * Takes a free (or expired) key for a new request, or returns what the key holds.
   *
   * @param input - key, fingerprint and how long the claim may stay unfinished
   * @returns the claim with its token, or the record of the request that has the key
   */
  claim(input: ClaimInput): Promise<Claim>;
  /**
   * Replaces this token's claim with the final response, kept for `ttl` ms.
   *
   * @param input - key, token, response and ttl
   * @returns `false` when the claim is no longer this token's (it lapsed and was taken)
   */
  complete(input: CompleteInput): Promise<boolean>;
  /**
   * Frees the key if this token still holds it, so that a retry runs the request again.
   *
   * @param input - key and token
   * @returns whether the claim was released
   */
  release(input: ReleaseInput): Promise<boolean>;
}
