// The `instance` of a problem about a request: its path, as the problem middleware of
// @fielding/problem-errors fills it for thrown errors (RFC 9457 §3.1.5).

// WHATWG URL leaves `|`, `^`, `[`, `]`, a stray `%` and a few more unescaped in a path; RFC 3986
// does not allow them, and `problem()` rightly refuses an `instance` that is no URI reference.
// A URL's path is ASCII (everything else arrives percent-encoded), so one byte per match.
const NOT_IN_PATH = /%(?![\da-f]{2})|[^\w\-.~!$&'()*+,;=:@/%]/gi;

const escape = (char: string): string =>
  `%${char.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`;

/**
 * The request path as a URI reference, for a problem's `instance`.
 *
 * @param request - the request the problem is about
 * @returns the path, or `undefined` when the URL has none that could stand alone
 */
export const requestInstance = (request: Request): string | undefined => {
  // A Request's url is always absolute and already parsed once: `new URL` cannot throw here.
  const path = new URL(request.url).pathname;
  // `urn:a:b` has the path `a:b`, which would read as a scheme on its own.
  if (!path.startsWith('/')) return undefined;
  const escaped = path.replace(NOT_IN_PATH, escape);
  // `//host/x` would read as a network-path reference naming another host (RFC 3986 §4.2);
  // `/.//host/x` resolves to the same path.
  return escaped.startsWith('//') ? `/.${escaped}` : escaped;
};
