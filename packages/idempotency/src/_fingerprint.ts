// The fingerprint over a SHA-256 of the caller's choice: Web Crypto (fingerprint.ts) or
// node:crypto (fingerprint.node.ts), the same bytes hashed either way.
import type { Sha256Base64 } from './_digest.js';
import type { RequestFingerprint, RequestFingerprintOptions } from './fingerprint.js';

const encoder = /* @__PURE__ */ new TextEncoder();

/** A fingerprint that answers synchronously where the hash does. */
export type Fingerprint = (
  request: Request,
  body: Uint8Array,
  options?: RequestFingerprintOptions,
) => string | Promise<string>;

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

export function fingerprintWith(sha256: Sha256Base64, defaults: readonly string[]): Fingerprint {
  return (request, body, options = {}) =>
    sha256(fingerprintInput(request, body, options.headers ?? defaults));
}

/** {@link fingerprintWith} in the public shape: always a promise. */
export function publicFingerprint(
  sha256: Sha256Base64,
  defaults: readonly string[],
): RequestFingerprint {
  const fingerprint = fingerprintWith(sha256, defaults);
  return async (request, body, options) => fingerprint(request, body, options);
}
