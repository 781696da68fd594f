// SHA-256 in base64 on node:crypto: synchronous, no thread-pool hop. The one-shot `hash()`
// (Node ≥ 20.12) skips the Hash object; older Nodes use createHash.
import * as crypto from 'node:crypto';
import type { Sha256Base64 } from './_digest.js';

const oneShot = (crypto as { hash?: typeof crypto.hash }).hash;

export const nodeSha256: Sha256Base64 =
  typeof oneShot === 'function'
    ? (bytes) => oneShot('sha256', bytes, 'base64')
    : (bytes) => crypto.createHash('sha256').update(bytes).digest('base64');
