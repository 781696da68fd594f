// The `instance` of a problem about a request: its path (RFC 9457 §3.1.5). One function, so the
// router, the problem middleware and every package that answers with a problem agree.

// WHATWG URL leaves `|`, `^`, `[`, `]`, a stray `%` and a few more unescaped in a path; RFC 3986
// does not allow them, and `problem()` rightly refuses an `instance` that is no URI reference.
// A URL's path is ASCII (everything else arrives percent-encoded), so one byte per match.
const NOT_IN_PATH = /%(?![\da-f]{2})|[^\w\-.~!$&'()*+,;=:@/%]/gi;

const escape = (char: string): string =>
  `%${char.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`;

/**
 * The path of a serialised URL. A Request's url is absolute and already parsed once, so an
 * http(s) URL's path starts at the first `/` after `scheme://` (userinfo and host cannot hold
 * one: serialisation percent-encodes it) and ends at `?` or `#` — read off the string instead
 * of parsing it again on every problem. Any other scheme goes through the URL parser.
 */
function pathOf(url: string): string {
  const start = url.startsWith('https://') ? 8 : url.startsWith('http://') ? 7 : -1;
  if (start === -1) return new URL(url).pathname;
  const slash = url.indexOf('/', start);
  if (slash === -1) return '/';
  let end = url.length;
  const query = url.indexOf('?', slash);
  if (query !== -1) end = query;
  const hash = url.indexOf('#', slash);
  if (hash !== -1 && hash < end) end = hash;
  return url.slice(slash, end);
}

/**
 * The request's path as an RFC 3986 URI reference: the `instance` of a problem about the
 * request. Characters the WHATWG URL parser leaves in a path but RFC 3986 forbids (`|`, `^`,
 * `[`, `]`, a stray `%`) are percent-encoded, so a hostile path never makes an invalid problem.
 *
 * @param request - the request the problem is about (or its URL, already parsed)
 * @returns the path, or `undefined` when the URL has none that could stand alone (`urn:a:b`)
 *
 * @example
 * ```ts
 * import { requestInstance } from '@fielding/core';
 *
 * requestInstance(new Request('https://api.test/blogs/a|b?x=1')); // '/blogs/a%7Cb'
 * ```
 * @see https://www.rfc-editor.org/rfc/rfc9457#section-3.1.5
 */
export function requestInstance(request: Request | URL): string | undefined {
  const path = request instanceof URL ? request.pathname : pathOf(request.url);
  // `urn:a:b` has the path `a:b`, which would read as a scheme on its own.
  if (!path.startsWith('/')) return undefined;
  const escaped = path.replace(NOT_IN_PATH, escape);
  // `//host/x` would read as a network-path reference naming another host (RFC 3986 §4.2);
  // `/.//host/x` resolves to the same path.
  return escaped.startsWith('//') ? `/.${escaped}` : escaped;
}
