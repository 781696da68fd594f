import { verifiedClaims } from './_claims-store.js';
import type { BearerClaims } from './jwt-verifier.js';

/**
 * The verified claims of the request's bearer token, as {@link bearerAuth} stored them for the
 * `Request` object it passed on; `undefined` when no token was verified (an `optional` route
 * without one, or a request that did not go through the middleware). The type argument is
 * what you declare your tokens carry; only the signature and the registered claims
 * (`exp`, `nbf`, `iss`, `aud`) were checked.
 *
 * A middleware between {@link bearerAuth} and the handler that replaces the `Request`
 * (`new Request(request, init)`) must carry the claims over with {@link forwardClaims}.
 *
 * @param request - the request the handler received
 * @returns the claims, or `undefined`
 *
 * @example
 * ```ts
 * import { claimsOf, type BearerClaims } from '@fielding/auth';
 *
 * interface BlogClaims extends BearerClaims { readonly sub: string }
 * const handler = (request: Request) =>
 *   Response.json({ author: claimsOf<BlogClaims>(request)?.sub ?? 'anonymous' });
 * ```
 */
export function claimsOf<Claims extends BearerClaims = BearerClaims>(
  request: Request,
): Claims | undefined {
  return verifiedClaims.get(request) as Claims | undefined;
}

/**
 * Carries the verified claims of `from` over to `to`, for a middleware that replaces the
 * `Request` it passes on. Only claims the middleware verified can be carried; there is no way
 * to attach claims of your own.
 *
 * @param from - the request {@link bearerAuth} passed on
 * @param to - the request that replaces it
 * @returns `to`
 *
 * @example
 * ```ts
 * import type { Middleware } from '@fielding/core';
 * import { forwardClaims } from '@fielding/auth';
 *
 * const stripPrefix: Middleware = (request, next) =>
 *   next(forwardClaims(request, new Request(request.url.replace('/v1/', '/'), request)));
 * ```
 */
export function forwardClaims(from: Request, to: Request): Request {
  const claims = verifiedClaims.get(from);
  if (claims !== undefined) verifiedClaims.set(to, claims);
  return to;
}

/**
 * The scopes granted to a token: its `scope` claim split on spaces (RFC 8693 §4.2), or its
 * `scp` claim (a list or a space-separated string). Never throws; unusable values give none.
 *
 * @param claims - verified claims, e.g. from {@link claimsOf}
 * @returns the distinct scopes, in order
 *
 * @example
 * ```ts
 * import { grantedScopes } from '@fielding/auth';
 *
 * grantedScopes({ scope: 'read write' }); // ['read', 'write']
 * grantedScopes({ scp: ['read'] }); // ['read']
 * ```
 * @see https://www.rfc-editor.org/rfc/rfc9068#section-2.2.3
 */
export function grantedScopes(claims: BearerClaims | undefined): string[] {
  const value: unknown = claims?.scope ?? claims?.scp;
  const list =
    typeof value === 'string'
      ? value.split(' ')
      : Array.isArray(value)
        ? value.filter((scope): scope is string => typeof scope === 'string')
        : [];
  return [...new Set(list.filter((scope) => scope !== ''))];
}
