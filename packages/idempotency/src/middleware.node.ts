// The Node build's middleware: idempotency() with the fingerprint hashed by node:crypto.
// index.node.ts exports it in place of the Web Crypto one.
import type { Middleware } from '@fielding/core';
import { nodeSha256 } from './_digest.node.js';
import { fingerprintWith } from './_fingerprint.js';
import { createIdempotency } from './_middleware.js';
import { FINGERPRINT_HEADERS } from './fingerprint.js';
import type { IdempotencyOptions } from './idempotency-options.js';

/**
 * The Idempotency-Key middleware, fingerprinting with node:crypto.
 *
 * @param options - the store and the policy
 * @returns the middleware
 *
 * @example
 * ```ts
 * const middleware = idempotency({ store: memoryStore() });
 * ```
 */
export const idempotency: (options: IdempotencyOptions) => Middleware =
  /* @__PURE__ */ createIdempotency(fingerprintWith(nodeSha256, FINGERPRINT_HEADERS));
