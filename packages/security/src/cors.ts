// CORS for a REST API built with this toolkit. A generic CORS middleware does not know that a
// client of this API must send `If-Match`, `Prefer` and `Idempotency-Key`, nor that it must
// read `ETag`, `Location` and `Link`; nor does it know which methods a URL allows. This one
// asks the router (an `OPTIONS` request answers with `Allow`) and lists the toolkit's headers.
import { appendVary, editableResponse, type Middleware } from '@fielding/core';
import { problem } from '@fielding/problem-errors';

/** The request headers a client of a Fielding API sends beyond the CORS-safelisted ones. */
export const CORS_REQUEST_HEADERS: readonly string[] = [
  'Authorization',
  'Content-Type',
  'If-Match',
  'If-None-Match',
  'If-Modified-Since',
  'If-Unmodified-Since',
  'If-Range',
  'Idempotency-Key',
  'Prefer',
  'Range',
];

/** The response headers a client of a Fielding API must read beyond the safelisted ones. */
export const CORS_RESPONSE_HEADERS: readonly string[] = [
  'ETag',
  'Location',
  'Content-Location',
  'Link',
  'Allow',
  'Accept-Patch',
  'Accept-Ranges',
  'Content-Range',
  'Preference-Applied',
  'Retry-After',
  'RateLimit',
  'RateLimit-Policy',
  'Deprecation',
  'Sunset',
  'WWW-Authenticate',
];

/** Which origins may call the API from a browser. */
export type AllowedOrigins = '*' | readonly string[] | ((origin: string) => boolean);

/** The options of {@link cors}. */
export interface CorsOptions {
  /**
   * The origins allowed: `'*'` for any (not with `credentials`), a list of serialized origins
   * (`https://app.example`), or a predicate. A page whose origin is `null` (a sandboxed frame,
   * a file) is allowed only by `'*'` or a list that names `'null'`.
   */
  readonly origins: AllowedOrigins;
  /** Whether browsers send cookies and `Authorization` along. Default: `false`. */
  readonly credentials?: boolean;
  /** How long a browser may cache a preflight, in seconds. Default: 600. */
  readonly maxAge?: number;
  /** Request headers to allow besides {@link CORS_REQUEST_HEADERS}. */
  readonly requestHeaders?: readonly string[];
  /** Response headers to expose besides {@link CORS_RESPONSE_HEADERS}. */
  readonly responseHeaders?: readonly string[];
}

const TOKEN = /^[!#$%&'*+\-.^`|~\w]+$/;

function originMatcher(origins: AllowedOrigins, credentials: boolean): (origin: string) => boolean {
  if (origins === '*') {
    // The Fetch standard refuses `*` with credentials: it must be the origin itself, which
    // would mean any site could act with the user's cookies.
    if (credentials) throw new TypeError("cors: origins '*' cannot be used with credentials.");
    return () => true;
  }
  if (typeof origins === 'function') return origins;
  const allowed = new Set<string>();
  for (const origin of origins) {
    if (origin !== 'null' && (!URL.canParse(origin) || new URL(origin).origin !== origin)) {
      throw new TypeError(`cors: ${JSON.stringify(origin)} is not a serialized origin.`);
    }
    allowed.add(origin);
  }
  return (origin) => allowed.has(origin);
}

function headerList(base: readonly string[], extra: readonly string[] = []): string {
  for (const name of extra) {
    if (!TOKEN.test(name))
      throw new TypeError(`cors: ${JSON.stringify(name)} is not a header name.`);
  }
  return [...new Set([...base, ...extra])].join(', ');
}

const isPreflight = (request: Request): boolean =>
  request.method === 'OPTIONS' && request.headers.has('access-control-request-method');

/**
 * CORS (Fetch standard §3.2) for a REST API. Preflights are answered from the router's own
 * `Allow` — the middleware asks the handler with a plain `OPTIONS` request — allowing the
 * request headers this toolkit's clients send ({@link CORS_REQUEST_HEADERS}); responses expose
 * the headers they must read ({@link CORS_RESPONSE_HEADERS}); every response varies on
 * `Origin` unless any origin is allowed. A preflight from an origin that is not allowed gets a
 * `403` problem; a plain request from one is answered without CORS headers, so the browser
 * keeps the response from the page (the request itself may be same-origin).
 *
 * @param options - the allowed origins, credentials, preflight cache time and extra headers
 * @returns the middleware; put it outside the router
 * @throws TypeError for an origin that is not serialized (`https://a.test/` has a path), a
 *   header name that is not a token, or `'*'` with `credentials`
 *
 * @example
 * ```ts
 * import { compose, createRouter } from '@fielding/core';
 * import { cors } from '@fielding/security';
 *
 * const router = createRouter().get('/blogs/:id', () => Response.json({ id: 7 }));
 * const fetch = compose(cors({ origins: ['https://app.example'] }))(router.fetch);
 *
 * const preflight = await fetch(
 *   new Request('https://api.test/blogs/7', {
 *     method: 'OPTIONS',
 *     headers: { Origin: 'https://app.example', 'Access-Control-Request-Method': 'GET' },
 *   }),
 * );
 * preflight.headers.get('Access-Control-Allow-Methods'); // 'GET, HEAD, OPTIONS'
 * ```
 * @see https://fetch.spec.whatwg.org/#http-cors-protocol
 */
export function cors(options: CorsOptions): Middleware {
  const credentials = options.credentials ?? false;
  const allows = originMatcher(options.origins, credentials);
  const anyOrigin = options.origins === '*';
  const maxAge = options.maxAge ?? 600;
  if (!Number.isSafeInteger(maxAge) || maxAge < 0) {
    throw new TypeError(`cors: maxAge must be a non-negative integer, not ${maxAge}.`);
  }
  const requestHeaders = headerList(CORS_REQUEST_HEADERS, options.requestHeaders);
  const responseHeaders = headerList(CORS_RESPONSE_HEADERS, options.responseHeaders);

  const allowOrigin = (headers: Headers, origin: string): void => {
    headers.set('Access-Control-Allow-Origin', anyOrigin ? '*' : origin);
    if (credentials) headers.set('Access-Control-Allow-Credentials', 'true');
  };

  return async (request, next) => {
    const origin = request.headers.get('origin');
    if (origin !== null && isPreflight(request)) {
      if (!allows(origin)) {
        const refused = problem({
          status: 403,
          detail: 'This origin may not call the API from a browser.',
        });
        appendVary(refused.headers, 'Origin');
        return refused;
      }
      // The router answers a plain OPTIONS with `Allow` (or 404 for a URL it does not know).
      const headers = new Headers(request.headers);
      headers.delete('access-control-request-method');
      headers.delete('access-control-request-headers');
      const answer = editableResponse(
        await next(
          new Request(request.url, { method: 'OPTIONS', headers, signal: request.signal }),
        ),
      );
      appendVary(
        answer.headers,
        'Origin',
        'Access-Control-Request-Method',
        'Access-Control-Request-Headers',
      );
      if (!answer.ok) return answer;
      const allow = answer.headers.get('allow');
      const preflight = new Response(null, { status: 204, headers: answer.headers });
      allowOrigin(preflight.headers, origin);
      if (allow !== null) preflight.headers.set('Access-Control-Allow-Methods', allow);
      preflight.headers.set('Access-Control-Allow-Headers', requestHeaders);
      preflight.headers.set('Access-Control-Max-Age', String(maxAge));
      return preflight;
    }
    const response = editableResponse(await next(request));
    if (!anyOrigin) appendVary(response.headers, 'Origin');
    if (origin !== null && allows(origin)) {
      allowOrigin(response.headers, origin);
      response.headers.set('Access-Control-Expose-Headers', responseHeaders);
    }
    return response;
  };
}
