import type { IdempotencyRecord, StoredResponse } from './store.js';

/**
 * What to do with a request whose key is already taken: replay the stored response, answer
 * 409 (the first request is still running), 422 (the key was used for another request), or 409
 * for a completed request whose response was too large to keep (it must not run again).
 *
 * @example
 * ```ts
 * import type { IdempotencyDecision } from '@fielding/idempotency';
 *
 * const decision: IdempotencyDecision = { type: 'in-flight' };
 * ```
 */
export type IdempotencyDecision =
  | { type: 'replay'; response: StoredResponse }
  | { type: 'in-flight' }
  | { type: 'mismatch' }
  | { type: 'not-replayable'; status: number };

/**
 * Decides on a retried request from the record its key holds and its fingerprint (draft §2.6):
 * another fingerprint is a key reused for another payload, whatever the record's state; the
 * same fingerprint replays a completed request and waits for a running one.
 *
 * @param record - what the store holds for the key
 * @param fingerprint - the retried request's fingerprint
 * @returns the decision
 *
 * @example
 * ```ts
 * import { decideIdempotency } from '@fielding/idempotency';
 *
 * decideIdempotency({ state: 'in-flight', fingerprint: 'a' }, 'a'); // { type: 'in-flight' }
 * decideIdempotency({ state: 'in-flight', fingerprint: 'a' }, 'b'); // { type: 'mismatch' }
 * ```
 * @see https://datatracker.ietf.org/doc/html/draft-ietf-httpapi-idempotency-key-header#section-2.6
 */
export function decideIdempotency(
  record: IdempotencyRecord,
  fingerprint: string,
): IdempotencyDecision {
  if (record.fingerprint !== fingerprint) return { type: 'mismatch' };
  if (record.state === 'in-flight') return { type: 'in-flight' };
  const response = record.response;
  return response.body === null
    ? { type: 'not-replayable', status: response.status }
    : { type: 'replay', response };
}

/**
 * Statuses whose responses are never stored, although below 500: they describe the moment
 * (authentication, a lock, a rate limit, a failed or missing precondition, a conflict of
 * state) rather than the request, so a retry with the same key must run again. Every 5xx is
 * likewise not stored, so that a retry can succeed.
 *
 * @example
 * ```ts
 * import { NOT_REPLAYED_STATUSES } from '@fielding/idempotency';
 *
 * NOT_REPLAYED_STATUSES.includes(429); // true
 * ```
 */
export const NOT_REPLAYED_STATUSES: readonly number[] = Object.freeze([
  401, 403, 407, 408, 409, 412, 423, 425, 428, 429,
]);

const notReplayed = /* @__PURE__ */ new Set(NOT_REPLAYED_STATUSES);

/**
 * Whether a final response is stored and replayed (the middleware's default): 2xx, 3xx and the
 * 4xx that describe the request itself (400, 404, 413, 422, …) are — the draft replays "the
 * result of the previously completed operation, success or an error"; 5xx and
 * {@link NOT_REPLAYED_STATUSES} are not.
 *
 * @param status - the response status
 * @returns whether to store it
 *
 * @example
 * ```ts
 * import { isReplayableStatus } from '@fielding/idempotency';
 *
 * isReplayableStatus(201); // true
 * isReplayableStatus(503); // false: a retry may succeed
 * ```
 */
export function isReplayableStatus(status: number): boolean {
  return status >= 200 && status < 500 && !notReplayed.has(status);
}
