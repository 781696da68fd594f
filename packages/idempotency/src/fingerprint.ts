import { toBase64 } from './_base64.js';

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

const encoder = /* @__PURE__ */ new TextEncoder();

// The bytes that are hashed: a length-prefixed JSON head (method, target, the chosen fields)
// followed by the body, so that no two different requests give the same input.
function fingerprintInput(
  request: Request,
  body: Uint8Array,
  headers: readonly string[],
): Uint8Array<ArrayBuffer> {
  const url = new URL(request.url);
  const head: (string | null)[] = [request.method.toUpperCase(), url.pathname + url.search];
  for (const name of headers) head.push(name.toLowerCase(), request.headers.get(name));
  const headBytes = encoder.encode(JSON.stringify(head));
  const input = new Uint8Array(4 + headBytes.byteLength + body.byteLength);
  new DataView(input.buffer).setUint32(0, headBytes.byteLength);
  input.set(headBytes, 4);
  input.set(body, 4 + headBytes.byteLength);
  return input;
}

/**
 * The idempotency fingerprint of a request (draft §2.4): SHA-256 over the method, the target
 * (path and query), the chosen header fields and the body bytes, as base64. Two requests with
 * one key and different fingerprints are a key reused for another payload (422).
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
export async function requestFingerprint(
  request: Request,
  body: Uint8Array,
  options: RequestFingerprintOptions = {},
): Promise<string> {
  const input = fingerprintInput(request, body, options.headers ?? FINGERPRINT_HEADERS);
  return toBase64(new Uint8Array(await crypto.subtle.digest('SHA-256', input)));
}
