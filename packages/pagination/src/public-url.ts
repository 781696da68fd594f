import { requestOrigin, type ProxyTrustOptions } from '@fielding/core';
import { toUrl } from './_query.js';

/** Where links point: a public base URL, trusted proxy headers, or relative references. */
export interface PublicUrlOptions extends ProxyTrustOptions {
  /**
   * The origin (and optional path prefix) clients use, e.g. `https://api.example.com/v1`.
   * Wins over proxy headers. Its path, if any, is put before the request path.
   */
  baseUrl?: string | URL;
  /**
   * Write links as relative references (`/articles?offset=20`) instead of absolute URLs.
   * @defaultValue false
   */
  relative?: boolean;
}

/**
 * The URL of a request as its clients see it: the configured public base URL, else the
 * scheme and host from trusted proxy headers (`requestOrigin` of `@fielding/core`, the one hop
 * rule of every package), else the request URL itself.
 *
 * @param request - the request (proxy headers are read only from a `Request`)
 * @param options - base URL and proxy trust
 * @returns a new `URL` with the public origin, path and the original query
 *
 * @example
 * ```ts
 * import { publicUrl } from '@fielding/pagination';
 *
 * const request = new Request('http://10.0.0.7:3000/articles?limit=5');
 * publicUrl(request, { baseUrl: 'https://api.example.com' }).href;
 * // 'https://api.example.com/articles?limit=5'
 * ```
 * @see https://www.rfc-editor.org/rfc/rfc7239#section-5.3
 */
export function publicUrl(request: URL | string | Request, options: PublicUrlOptions = {}): URL {
  const url = new URL(toUrl(request).href);
  if (options.baseUrl !== undefined) {
    const base = new URL(options.baseUrl);
    const prefix = base.pathname.endsWith('/') ? base.pathname.slice(0, -1) : base.pathname;
    return new URL(`${base.origin}${prefix}${url.pathname}${url.search}`);
  }
  if (request instanceof Request && (options.trustProxy ?? false) !== false) {
    const origin = new URL(requestOrigin(request, options));
    // Set the parts one by one: a path like `//evil.test/x` must stay a path.
    origin.pathname = url.pathname;
    origin.search = url.search;
    return origin;
  }
  return url;
}
