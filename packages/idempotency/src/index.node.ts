/**
 * The Node build of @fielding/idempotency, chosen by the `node` export condition: the same API,
 * with the request fingerprint hashed by node:crypto (synchronous, ~20× faster than Web Crypto
 * on small bodies; the same fingerprints).
 *
 * @module @fielding/idempotency
 */
export * from './index.js';
export { requestFingerprint } from './fingerprint.node.js';
export { idempotency } from './middleware.node.js';
