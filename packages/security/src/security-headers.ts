// The response headers OWASP's REST Security Cheat Sheet asks of every API response, and the
// one caching rule that protects authenticated data: a response to a request that carried
// credentials is not stored anywhere unless the handler said how it may be cached.
import { editableResponse, type Middleware } from '@fielding/core';

/** The options of {@link securityHeaders}. */
export interface SecurityHeadersOptions {
  /**
   * The `Content-Security-Policy` of responses that set none. Default:
   * `"frame-ancestors 'none'"` — no page may frame the API; HTML representations keep working.
   */
  readonly contentSecurityPolicy?: string | false;
  /** Response headers that name the software serving the API. Default: `Server`, `X-Powered-By`. */
  readonly fingerprintHeaders?: readonly string[];
}

const CREDENTIALS = ['authorization', 'cookie'] as const;

/**
 * Security headers for API responses: `X-Content-Type-Options: nosniff` (a browser never
 * guesses a script out of JSON), a `Content-Security-Policy` that forbids framing, no
 * `Server` / `X-Powered-By` fingerprint, and `Cache-Control: no-store` on the response to a
 * request that carried `Authorization` or a `Cookie` — unless the handler set a
 * `Cache-Control` itself (then it declared how the response may be cached).
 *
 * @param options - the CSP and the fingerprint headers to remove
 * @returns the middleware
 *
 * @example
 * ```ts
 * import { compose } from '@fielding/core';
 * import { securityHeaders } from '@fielding/security';
 *
 * const fetch = compose(securityHeaders())(() => Response.json({ id: 7 }));
 * const response = await fetch(
 *   new Request('https://api.test/me', { headers: { Authorization: 'Bearer x' } }),
 * );
 * response.headers.get('Cache-Control'); // 'no-store'
 * response.headers.get('X-Content-Type-Options'); // 'nosniff'
 * ```
 * @see https://cheatsheetseries.owasp.org/cheatsheets/REST_Security_Cheat_Sheet.html
 * @see https://www.rfc-editor.org/rfc/rfc9111#section-3.5
 */
export function securityHeaders(options: SecurityHeadersOptions = {}): Middleware {
  const csp = options.contentSecurityPolicy ?? "frame-ancestors 'none'";
  const fingerprints = options.fingerprintHeaders ?? ['Server', 'X-Powered-By'];
  return async (request, next) => {
    const response = editableResponse(await next(request));
    const { headers } = response;
    headers.set('X-Content-Type-Options', 'nosniff');
    if (csp !== false && !headers.has('content-security-policy')) {
      headers.set('Content-Security-Policy', csp);
    }
    for (const name of fingerprints) headers.delete(name);
    const authenticated = CREDENTIALS.some((name) => request.headers.has(name));
    if (authenticated && !headers.has('cache-control')) headers.set('Cache-Control', 'no-store');
    return response;
  };
}
