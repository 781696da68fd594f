import { webSha256 } from './_digest.js';
import { publicFingerprint } from './_fingerprint.js';

/**
 * The request header fields {@link requestFingerprint} includes by default: the ones that change
 * what the body bytes mean. Extend it for fields your handler reads (e.g. `prefer`).
 *
 * @example
 * ```ts
 * import { FINGERPRINT_HEADERS, requestFingerprint } from '@fielding/idempotency';
 *
 * const fingerprint = (request: Request, body: Uint8Array<ArrayBuffer>) =>
 *   requestFingerprint(request, body, { headers: [...FINGERPRINT_HEADERS, 'prefer'] });
 * ```
 */
export const FINGERPRINT_HEADERS: readonly string[] = Object.freeze([
  'content-type',
  'content-encoding',
]);

/** Options of {@link requestFingerprint}. */
export interface RequestFingerprintOptions {
  /** The header fields to include (case-insensitive). Default: {@link FINGERPRINT_HEADERS}. */
  headers?: readonly string[];
}

/** A function that fingerprints a request (see {@link requestFingerprint}). */
export type RequestFingerprint = (
  request: Request,
  body: Uint8Array,
  options?: RequestFingerprintOptions,
) => Promise<string>;

/**
 * The idempotency fingerprint of a request (draft §2.4): SHA-256 over the method, the target
 * (path and query), the chosen header fields and the body bytes, as base64. Two requests with
 * one key and different fingerprints are a key reused for another payload (422). On Node it
 * hashes with node:crypto, elsewhere with Web Crypto; the result is the same.
 *
 * @param request - the request (its body is not read: pass the bytes)
 * @param body - the request body, already read
 * @param options - which header fields count
 * @returns the fingerprint, e.g. `'k0tZ…='` (44 characters)
 *
 * @example
 * ```ts
 * import { requestFingerprint } from '@fielding/idempotency';
 *
 * const request = new Request('https://api.example/orders', { method: 'POST', body: '{"sku":"A-1"}' });
 * const body = new Uint8Array(await request.clone().arrayBuffer());
 * const fingerprint = await requestFingerprint(request, body);
 * ```
 * @see https://datatracker.ietf.org/doc/html/draft-ietf-httpapi-idempotency-key-header#section-2.4
 */
export const requestFingerprint: RequestFingerprint = /* @__PURE__ */ publicFingerprint(
  webSha256,
  FINGERPRINT_HEADERS,
);
