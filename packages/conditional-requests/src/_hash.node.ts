// Node path of the body hash: the `etag` package on node:crypto, synchronous and ~30× faster
// than crypto.subtle for small bodies (issue 4's anchors).
import { Buffer } from 'node:buffer';
import etag from 'etag';
import type { BodyHasher } from './_hash.js';

/**
 * SHA-1 with `etag` (node:crypto).
 *
 * @param bytes - the body
 * @returns the strong tag, e.g. `"3-qUqP5cyxm6YcTAhz05Hph5gvu9M"`
 */
export const hashBody: BodyHasher = (bytes) =>
  etag(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), { weak: false });
