// The Node build's fingerprint: the same bytes as fingerprint.ts, hashed with node:crypto.
// index.node.ts exports it in place of the Web Crypto one.
import { nodeSha256 } from './_digest.node.js';
import { publicFingerprint } from './_fingerprint.js';
import { FINGERPRINT_HEADERS, type RequestFingerprint } from './fingerprint.js';

/**
 * The idempotency fingerprint of a request, hashed with node:crypto (the same value as the Web
 * Crypto build gives).
 *
 * @param request - the request (its body is not read: pass the bytes)
 * @param body - the request body, already read
 * @param options - which header fields count
 * @returns the fingerprint
 *
 * @example
 * ```ts
 * const fingerprint = await requestFingerprint(request, body);
 * ```
 */
export const requestFingerprint: RequestFingerprint = /* @__PURE__ */ publicFingerprint(
  nodeSha256,
  FINGERPRINT_HEADERS,
);
