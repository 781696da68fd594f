import type { Middleware } from '@fielding/core';
import { hashBody, hashSource, toBytes } from './_hash.js';
import { createShallowEtag, type ShallowEtagOptions } from './_shallow-etag.js';

export { SHALLOW_ETAG_MAX_SIZE, type ShallowEtagOptions } from './_shallow-etag.js';

/**
 * Middleware that gives a GET or HEAD 200 response without an `ETag` one made by hashing its
 * body, then answers `If-None-Match` / `If-Modified-Since` with a 304 itself. A response that
 * already has an `ETag` (a deep ETag) is not hashed, only evaluated. Bodies larger than
 * `maxSize` are passed through untouched. Uses `etag` (node:crypto) on Node and Web Crypto
 * elsewhere; both give the same tag for the same bytes.
 *
 * @param options - `weak`, `maxSize` and the headers a 304 keeps
 * @returns the middleware
 *
 * @example
 * ```ts
 * import { compose } from '@fielding/core';
 *
 * const handler = compose(shallowEtag())(() => Response.json({ id: 7 }));
 * ```
 * @see RFC 9110 §8.8.3, §13.2.2
 */
export const shallowEtag: (options?: ShallowEtagOptions) => Middleware =
  /* @__PURE__ */ createShallowEtag(hashBody, hashSource);

/** What {@link hashEntityTag} builds. */
export interface HashEntityTagOptions {
  /** Return a weak tag (`W/"…"`). Default `false`. */
  weak?: boolean;
}

/**
 * Hashes a body into an entity-tag in the `etag` package's format
 * (`"<length in hex>-<27 characters of base64 SHA-1>"`), on Node and in any Web runtime alike.
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
