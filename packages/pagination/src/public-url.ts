import { forwardedElements } from './_forwarded.js';
import type { UrlInput } from './_query.js';
import { toUrl } from './_query.js';

/** Where links point: a public base URL, trusted proxy headers, or relative references. */
export interface PublicUrlOptions {
  /**
   * The origin (and optional path prefix) clients use, e.g. `https://api.example.com/v1`.
   * Wins over proxy headers. Its path, if any, is put before the request path.
   */
  baseUrl?: string | URL;
  /**
   * Which proxy headers to believe for scheme and host: `forwarded` (RFC 7239), `x-forwarded`
   * (`X-Forwarded-Proto` / `-Host` / `-Port`), or `false` to ignore both. Only turn this on
   * behind a proxy that overwrites these headers.
   * @defaultValue false
   */
  trustProxy?: false | 'forwarded' | 'x-forwarded';
  /**
   * How many trusted proxies append to the header; the element that many from the end is used.
   * @defaultValue 1
   */
  proxyHops?: number;
  /**
   * Write links as relative references (`/articles?offset=20`) instead of absolute URLs.
   * @defaultValue false
   */
  relative?: boolean;
}

// A host as a proxy may report it: reg-name or IPv4, or a bracketed IPv6, with an optional port.
const HOST = /^(?:[\w.~-]{1,253}|\[[\d.:a-f]{2,45}\])(?::\d{1,5})?$/i;

function pick(list: string | null, hops: number): string | undefined {
  if (list === null) return undefined;
  const items = list.split(',', 32);
  return items[items.length - hops]?.trim();
}

function proxiedOrigin(request: Request, options: PublicUrlOptions): URL | undefined {
  const hops = Math.max(1, options.proxyHops ?? 1);
  let proto: string | undefined;
  let host: string | undefined;
  if (options.trustProxy === 'forwarded') {
    const value = request.headers.get('forwarded');
    if (value === null) return undefined;
    const elements = forwardedElements(value);
    const element = elements[elements.length - hops];
    proto = element?.proto;
    host = element?.host;
  } else if (options.trustProxy === 'x-forwarded') {
    proto = pick(request.headers.get('x-forwarded-proto'), hops);
    host = pick(request.headers.get('x-forwarded-host'), hops);
    const port = pick(request.headers.get('x-forwarded-port'), hops);
    if (host !== undefined && port !== undefined && /^\d{1,5}$/.test(port)) {
      host = `${host.replace(/:\d{1,5}$/, '')}:${port}`;
    }
  } else {
    return undefined;
  }
  const current = new URL(request.url);
  const wanted = proto?.toLowerCase();
  const scheme = wanted === 'http' || wanted === 'https' ? wanted : current.protocol.slice(0, -1);
  const authority = host !== undefined && HOST.test(host) ? host : current.host;
  try {
    return new URL(`${scheme}://${authority}`);
  } catch {
    // A host that passes the pattern but not the URL parser leaves the request's own origin.
    return undefined;
  }
}

/**
 * The URL of a request as its clients see it: the configured public base URL, else the
 * scheme and host from trusted proxy headers, else the request URL itself.
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
export function publicUrl(request: UrlInput, options: PublicUrlOptions = {}): URL {
  const url = new URL(toUrl(request).href);
  if (options.baseUrl !== undefined) {
    const base = new URL(options.baseUrl);
    const prefix = base.pathname.endsWith('/') ? base.pathname.slice(0, -1) : base.pathname;
    return new URL(`${base.origin}${prefix}${url.pathname}${url.search}`);
  }
  if (request instanceof Request) {
    const origin = proxiedOrigin(request, options);
    if (origin !== undefined) {
      // Set the parts one by one: a path like `//evil.test/x` must stay a path.
      origin.pathname = url.pathname;
      origin.search = url.search;
      return origin;
    }
  }
  return url;
}
