// SHA-256 in base64 for the fingerprint, on Web Crypto (every runtime). The Node build uses
// _digest.node.ts instead: node:crypto answers synchronously and is ~20× faster on small bodies.
import { toBase64 } from './_base64.js';

/** SHA-256 of bytes, in base64. */
export type Sha256Base64 = (bytes: Uint8Array<ArrayBuffer>) => string | Promise<string>;

export const webSha256: Sha256Base64 = async (bytes) =>
  toBase64(new Uint8Array(await crypto.subtle.digest('SHA-256', bytes)));
