// The Node build's compression middleware: the same middleware as compression.ts, with a
// one-shot compressor for bodies Node already holds whole. CompressionStream on Node wraps a
// zlib stream in Web-stream adapters; for a body built from a string or bytes one node:zlib
// call does the same work (same defaults, so the same bytes) without them — ~15 % less CPU on
// a 1 MB JSON body here. Streamed bodies still go through CompressionStream, chunk by chunk.
import { Buffer } from 'node:buffer';
import { deflate, gzip } from 'node:zlib';
import type { Middleware } from '@fielding/core';
import {
  createCompression,
  type CompressionOptions,
  type WholeBodyCompressor,
} from './compression.js';

type OneShot = typeof gzip;

// Only the codings whose one-shot function matches CompressionStream's format exactly.
const ONE_SHOT: Readonly<Record<string, OneShot>> = { gzip, deflate };

/** node:zlib's one-shot gzip and deflate (run on libuv's thread pool, like zlib streams). */
export const wholeBodyCompressor: WholeBodyCompressor = {
  size: (source) =>
    typeof source === 'string' ? Buffer.byteLength(source, 'utf8') : source.byteLength,
  compress(source, coding, size) {
    const run = Object.hasOwn(ONE_SHOT, coding) ? ONE_SHOT[coding] : undefined;
    if (run === undefined) return undefined;
    // As many UTF-8 bytes as UTF-16 units means all ASCII: Latin-1 gives the same bytes and
    // is a plain copy (~3× faster than UTF-8 encoding a 1 MB string here).
    const input =
      typeof source === 'string' && size === source.length ? Buffer.from(source, 'latin1') : source;
    return new Promise<Uint8Array>((resolve, reject) => {
      run(input, (error, result) => (error === null ? resolve(result) : reject(error)));
    });
  },
};

/**
 * A middleware that compresses responses in the coding `Accept-Encoding` prefers (RFC 9110
 * §12.5.3); see the Web build's `compression` for what it skips and how it adjusts headers.
 * This Node build compresses a body built from a string or bytes (up to 4 MiB) with one
 * node:zlib call, and sets the exact `Content-Length`; other bodies stream through
 * `CompressionStream`.
 *
 * @param options - codings, threshold and which types to compress
 * @returns the middleware
 *
 * @example
 * ```ts
 * import { compose } from '@fielding/core';
 * import { compression } from '@fielding/content-negotiation';
 *
 * const handler = compose(compression())(() => Response.json({ big: 'x'.repeat(4096) }));
 * ```
 * @see https://www.rfc-editor.org/rfc/rfc9110#section-8.4
 */
export const compression: (options?: CompressionOptions) => Middleware =
  /* @__PURE__ */ createCompression(wholeBodyCompressor);
