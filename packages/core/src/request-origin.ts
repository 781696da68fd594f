import { forwardedElementFromEnd, listMemberFromEnd } from './_forwarded.js';

/**
 * Which reverse-proxy headers to believe for the scheme and host of a request, and how many
 * proxies append to them. Every Fielding package and adapter takes these two options and
 * reads them through {@link requestOrigin}, so one rule decides every link and redirect.
 */
export interface ProxyTrustOptions {
  /**
   * `forwarded` (RFC 7239), `x-forwarded` (`X-Forwarded-Proto` / `-Host` / `-Port`), or `false`
   * to ignore both. Name the one header your proxy sets: trusting both would let a client forge
   * the one the proxy leaves alone. Default: `false`.
   */
  trustProxy?: false | 'forwarded' | 'x-forwarded';
  /**
   * How many trusted proxies stand in front of the server. Each appends what it received to
   * the header, so the value the outermost trusted proxy wrote is that many from the end;
   * anything before it came from the client. Default: `1`.
   */
  proxyHops?: number;
}

// A host as a proxy may report it: reg-name or IPv4, or a bracketed IPv6, with an optional port.
const HOST = /^(?:[\w.~-]{1,253}|\[[\d.:a-f]{2,45}\])(?::\d{1,5})?$/i;
const PORT = /^\d{1,5}$/;
const TRAILING_PORT = /:\d{1,5}$/;

/** The member `hops` from the end of a comma list; the first when there are fewer. */
function fromEnd(list: string | null, hops: number): string | undefined {
  return list === null ? undefined : listMemberFromEnd(list, hops);
}

/** What {@link requestOrigin} reads of a request: any object with a URL and a header getter. */
export interface RequestLike {
  /** The absolute URL of the request. */
  readonly url: string;
  /** Its header fields, by case-insensitive name (`null` when absent). */
  readonly headers: { get(name: string): string | null };
}

/** What a proxy reports about the request it forwarded (RFC 7239 §5). */
export type ProxyField = 'for' | 'host' | 'proto';

const X_FORWARDED: Readonly<Record<ProxyField, string>> = {
  for: 'x-forwarded-for',
  host: 'x-forwarded-host',
  proto: 'x-forwarded-proto',
};

/**
 * What the trusted proxy reports about the request: the client's address (`for`), the host or
 * the scheme, read from the one header `trustProxy` names, `proxyHops` values from the end —
 * the one hop rule of every Fielding package. The reader walks backwards and stops at that
 * value, so nothing a client writes in front of it is parsed or can push it out of reach.
 *
 * @param request - the request (or anything with its `url` and a `headers.get`)
 * @param field - `for`, `host` or `proto` (`X-Forwarded-For` / `-Host` / `-Proto`, or the
 *   `Forwarded` pair of that name)
 * @param options - which proxy header to trust, and how many proxies append to it
 * @returns the raw value (unquoted for `Forwarded`), or `undefined` when nothing is trusted or
 *   the header is absent
 *
 * @example
 * ```ts
 * import { proxyValue } from '@fielding/core';
 *
 * const request = new Request('http://10.0.0.7/', {
 *   headers: { 'X-Forwarded-For': '198.51.100.1, 203.0.113.7' }, // the client wrote the first
 * });
 * proxyValue(request, 'for'); // undefined — nothing is trusted by default
 * proxyValue(request, 'for', { trustProxy: 'x-forwarded' }); // '203.0.113.7'
 * ```
 * @see https://www.rfc-editor.org/rfc/rfc7239#section-5
 */
export function proxyValue(
  request: RequestLike,
  field: ProxyField,
  options: ProxyTrustOptions = {},
): string | undefined {
  const trust = options.trustProxy ?? false;
  if (trust === false) return undefined;
  const hops = Math.max(1, Math.floor(options.proxyHops ?? 1));
  if (trust === 'forwarded') {
    const value = request.headers.get('forwarded');
    return value === null ? undefined : forwardedElementFromEnd(value, hops)[field];
  }
  return fromEnd(request.headers.get(X_FORWARDED[field]), hops);
}

function proxied(
  request: RequestLike,
  options: ProxyTrustOptions,
): { proto: string | undefined; host: string | undefined } {
  const proto = proxyValue(request, 'proto', options);
  let host = proxyValue(request, 'host', options);
  if (options.trustProxy === 'x-forwarded') {
    const hops = Math.max(1, Math.floor(options.proxyHops ?? 1));
    const port = fromEnd(request.headers.get('x-forwarded-port'), hops);
    if (host !== undefined && port !== undefined && PORT.test(port)) {
      host = `${host.replace(TRAILING_PORT, '')}:${port}`;
    }
  }
  return { proto, host };
}

/**
 * The origin a client used to reach the server: the request URL's own, or — behind a proxy
 * named in `trustProxy` — the scheme and host the proxy reports, taken `proxyHops` from the end
 * of its header (the value a client prepends is never read). A reported scheme other than
 * http/https, or a host that is no valid authority, leaves the request's own.
 *
 * @param request - the request (or anything with its `url` and a `headers.get`)
 * @param options - which proxy header to trust, and how many proxies append to it
 * @returns the origin, e.g. `https://api.example.com`
 *
 * @example
 * ```ts
 * import { requestOrigin } from '@fielding/core';
 *
 * const request = new Request('http://10.0.0.7:3000/blogs', {
 *   headers: { 'X-Forwarded-Proto': 'https', 'X-Forwarded-Host': 'evil.test, api.example.com' },
 * });
 * requestOrigin(request); // 'http://10.0.0.7:3000' — nothing is trusted by default
 * requestOrigin(request, { trustProxy: 'x-forwarded' }); // 'https://api.example.com'
 * ```
 * @see https://www.rfc-editor.org/rfc/rfc7239#section-5.3
 */
export function requestOrigin(request: RequestLike, options: ProxyTrustOptions = {}): string {
  const url = new URL(request.url);
  const trust = options.trustProxy ?? false;
  if (trust === false) return url.origin;
  const { proto, host } = proxied(request, options);
  const wanted = proto?.toLowerCase();
  const scheme = wanted === 'http' || wanted === 'https' ? wanted : url.protocol.slice(0, -1);
  const authority = host !== undefined && HOST.test(host) ? host : url.host;
  // A host that passes the pattern but not the URL parser (a port over 65535) is not used.
  return URL.canParse(`${scheme}://${authority}`)
    ? new URL(`${scheme}://${authority}`).origin
    : url.origin;
}
