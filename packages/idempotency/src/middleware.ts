import type { Middleware } from '@fielding/core';
import { webSha256 } from './_digest.js';
import { fingerprintWith } from './_fingerprint.js';
import { createIdempotency } from './_middleware.js';
import { FINGERPRINT_HEADERS } from './fingerprint.js';
import type { IdempotencyOptions } from './idempotency-options.js';

/**
 * Idempotency-Key for unsafe requests (draft-ietf-httpapi-idempotency-key-header): the first
 * request with a key runs and its final response is stored; a retry with the same key and
 * fingerprint gets that response replayed (same status, header fields and bytes) without
 * running the handler; the same key with another method, target or payload gets 422, a retry
 * while the first still runs 409, a `required` route without a key 400, a malformed key 400.
 * 5xx and {@link NOT_REPLAYED_STATUSES} are not stored, and a thrown error frees the key, so a
 * retry runs again. Problems are `application/problem+json`.
 *
 * @param options - the store and the policy
 * @returns the middleware
 *
 * @example
 * ```ts
 * import { compose } from '@fielding/core';
 * import { idempotency, memoryStore } from '@fielding/idempotency';
 *
 * let next = 1;
 * const createOrder = compose(idempotency({ store: memoryStore(), required: true }))(
 *   () => Response.json({ id: next++ }, { status: 201 }),
 * );
 * ```
 * @see https://datatracker.ietf.org/doc/html/draft-ietf-httpapi-idempotency-key-header
 */
export const idempotency: (options: IdempotencyOptions) => Middleware =
  /* @__PURE__ */ createIdempotency(fingerprintWith(webSha256, FINGERPRINT_HEADERS));
