// Body hashing for shallow ETags: this package's Node path (`hashEntityTag` from the `node`
// export, on `etag`) and its Web Crypto path, against `etag` itself, at 1 KB, 100 KB and 10 MB.
import { Buffer } from 'node:buffer';
import etag from 'etag';
import { bench, describe } from 'vitest';
import { hashEntityTag as webHashEntityTag } from '../src/index.js';
import { hashEntityTag } from '../src/index.node.js';

const sizes = [
  ['1 KB', 1024],
  ['100 KB', 100 * 1024],
  ['10 MB', 10 * 1024 * 1024],
] as const;

for (const [label, size] of sizes) {
  const bytes = new Uint8Array(size).map((_, index) => (index * 31) % 256);
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const big = size > 1024 * 1024;
  const options = big ? { time: 2000, iterations: 20 } : { time: 1000 };
  describe(`hash ${label}`, () => {
    bench(
      '@fielding/conditional-requests hashEntityTag (node)',
      async () => {
        await hashEntityTag(bytes);
      },
      options,
    );
    bench(
      'etag',
      () => {
        etag(buffer);
      },
      options,
    );
    bench(
      '@fielding/conditional-requests hashEntityTag (web crypto)',
      async () => {
        await webHashEntityTag(bytes);
      },
      options,
    );
  });
}
