// The Node build's shallow ETags: the same middleware and function as shallow-etag.ts, bound to
// the `etag` package instead of Web Crypto. index.node.ts exports these in their place.
import type { Middleware } from '@fielding/core';
import { toBytes } from './_hash.js';
import { hashBody, hashSource } from './_hash.node.js';
import { createShallowEtag, type ShallowEtagOptions } from './_shallow-etag.js';
import type { HashEntityTagOptions } from './shallow-etag.js';

/**
 * Middleware that gives a GET or HEAD 200 response without an `ETag` one made by hashing its
 * body (with `etag` on node:crypto), then answers `If-None-Match` / `If-Modified-Since` itself.
 *
 * @param options - `weak`, `maxSize` and the headers a 304 keeps
 * @returns the middleware
 *
 * @example
 * ```ts
 * const middleware = shallowEtag({ weak: true });
 * ```
 * @see RFC 9110 §8.8.3, §13.2.2
 */
export const shallowEtag: (options?: ShallowEtagOptions) => Middleware =
  /* @__PURE__ */ createShallowEtag(hashBody, hashSource);

/**
 * Hashes a body into an entity-tag in the `etag` package's format, with `etag` itself.
 *
 * @param body - the bytes, or a string hashed as UTF-8
 * @param options - `weak` for a weak tag
 * @returns the `ETag` field value
 *
 * @example
 * ```ts
 * await hashEntityTag('abc'); // '"3-qZk+NkcGgWq6PiVxeFDCbJzQ2J0"'
 * ```
 * @see RFC 9110 §8.8.3
 */
export async function hashEntityTag(
  body: Uint8Array | ArrayBuffer | string,
  options: HashEntityTagOptions = {},
): Promise<string> {
  const tag = await hashBody(toBytes(body));
  return options.weak === true ? `W/${tag}` : tag;
}
